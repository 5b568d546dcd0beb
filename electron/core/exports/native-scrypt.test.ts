/**
 * The native passphrase stanza is age's own: files it seals open with age-encryption's JavaScript implementation,
 * and files that implementation seals open with it; a wrong passphrase is no match, and a work factor above age's
 * limit is refused. (package.test.ts also checks both ways against the standard `age` tool.)
 */
import type * as nodeCrypto from 'node:crypto';
import { scrypt } from 'node:crypto';
import { Decrypter, Encrypter } from 'age-encryption';
import { describe, expect, it, vi } from 'vitest';
import { NativeScryptIdentity, NativeScryptRecipient } from './native-scrypt';

// Node's scrypt, counted: the recipient starts deriving its key when it is made.
vi.mock('node:crypto', async (original) => {
  const m = await original<typeof nodeCrypto>();
  return { ...m, scrypt: vi.fn(m.scrypt) };
});

const text = new TextEncoder().encode('synthetic package bytes');

describe('the native scrypt stanza', () => {
  it('seals what age-encryption opens, and opens what it seals', async () => {
    const e = new Encrypter();
    e.addRecipient(new NativeScryptRecipient('correct horse battery', 12));
    const sealed = await e.encrypt(text);
    const d = new Decrypter();
    d.addPassphrase('correct horse battery');
    expect(await d.decrypt(sealed)).toEqual(text);

    const theirs = new Encrypter();
    theirs.setScryptWorkFactor(12);
    theirs.setPassphrase('correct horse battery');
    const other = await theirs.encrypt(text);
    const mine = new Decrypter();
    mine.addIdentity(new NativeScryptIdentity('correct horse battery'));
    expect(await mine.decrypt(other)).toEqual(text);
  });

  it('finds no match for a wrong passphrase, and refuses a work factor above 2^20', async () => {
    const e = new Encrypter();
    e.addRecipient(new NativeScryptRecipient('correct horse battery', 12));
    const sealed = await e.encrypt(text);
    const wrong = new Decrypter();
    wrong.addIdentity(new NativeScryptIdentity('not the passphrase'));
    await expect(wrong.decrypt(sealed)).rejects.toThrow(/no identity matched/);
    const huge = new NativeScryptIdentity('x');
    const { Stanza } = await import('age-encryption');
    await expect(huge.unwrapFileKey([new Stanza(['scrypt', 'AAAAAAAAAAAAAAAAAAAAAA', '21'], new Uint8Array(32))])).rejects.toThrow(
      /work factor is too high/,
    );
  });

  it('starts deriving its key when it is made (so an export derives it while gathering), and wraps one file key only', async () => {
    vi.mocked(scrypt).mockClear();
    const r = new NativeScryptRecipient('correct horse battery', 12);
    // Before any file key is wrapped, scrypt is already under way.
    expect(scrypt).toHaveBeenCalledTimes(1);
    const e = new Encrypter();
    e.addRecipient(r);
    const sealed = await e.encrypt(text);
    expect(scrypt).toHaveBeenCalledTimes(1);
    const d = new Decrypter();
    d.addPassphrase('correct horse battery');
    expect(await d.decrypt(sealed)).toEqual(text);
    // The same salt and key (and age's all-zero nonce) must never seal a second file key.
    await expect(r.wrapFileKey(new Uint8Array(16))).rejects.toThrow(/one file key only/);
  });
});
