/**
 * Agency export packages, checked against Debian's `age` CLI (1.1.1) both ways, and every way a package can be
 * refused. The CLI reads a passphrase only from a terminal, so those runs go through `script -qec`, which gives
 * age a pseudo-terminal and types our standard input into it (see ageWithTerminal).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Encrypter, generateIdentity, generateX25519Identity, identityToRecipient } from 'age-encryption';
import { unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExportPackageError, type ExportPackageErrorCode, type PackageFile, checkRecipient, openPackage, sealPackage } from './package';

const AGE = '/usr/bin/age';
const AGE_KEYGEN = '/usr/bin/age-keygen';
const HAVE_AGE = existsSync(AGE) && existsSync(AGE_KEYGEN);
const NO_AGE = '(skipped: /usr/bin/age is not installed; apt-get install age)';
const HAVE_UNZIP = existsSync('/usr/bin/unzip');

const PASSPHRASE = 'tulip-harbour-velvet-seven';

const dir = mkdtempSync(join(tmpdir(), 'export-package-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** 200 KB that does not compress, so a package spans several of age's 64 KiB chunks (xorshift32, fixed seed). */
const BINARY = (() => {
  const out = new Uint8Array(200_000);
  let x = 2463534242;
  for (let i = 0; i < out.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
})();

/** Three files: text, binary, one in a folder, and an empty one. */
function sampleFiles(): PackageFile[] {
  const binary = BINARY;
  return [
    { name: 'summary.txt', data: new TextEncoder().encode('Pupil summary for Zoë Ó Briain\n') },
    { name: 'reports/review-pack.pdf', data: binary },
    { name: 'empty.csv', data: new Uint8Array(0) },
  ];
}

function expectSameFiles(actual: readonly PackageFile[] | Record<string, Uint8Array>, expected: readonly PackageFile[]): void {
  const got: Record<string, Uint8Array> = Array.isArray(actual)
    ? Object.fromEntries((actual as readonly PackageFile[]).map((f) => [f.name, f.data]))
    : (actual as Record<string, Uint8Array>);
  expect(Object.keys(got).sort()).toEqual(expected.map((f) => f.name).sort());
  for (const f of expected) expect(Buffer.compare(Buffer.from(got[f.name] as Uint8Array), Buffer.from(f.data))).toBe(0);
}

/** Runs `age ARGS` in `dir` under a pseudo-terminal, typing `typed` into it; returns the exit code and output. */
function ageWithTerminal(args: string, typed: string): { status: number | null; output: string } {
  const r = spawnSync('script', ['-qec', `${AGE} ${args}`, '/dev/null'], { cwd: dir, input: typed, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

/** A key pair made by age-keygen: the identity file's path and text, and the public key. */
function keygen(name: string): { file: string; text: string; recipient: string } {
  const file = join(dir, name);
  rmSync(file, { force: true });
  execFileSync(AGE_KEYGEN, ['-o', file], { stdio: 'pipe' });
  const recipient = execFileSync(AGE_KEYGEN, ['-y', file], { encoding: 'utf8' }).trim();
  return { file, text: readFileSync(file, 'utf8'), recipient };
}

async function refusal(p: Promise<unknown>): Promise<ExportPackageError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ExportPackageError);
  return err as ExportPackageError;
}

async function expectRefused(p: Promise<unknown>, code: ExportPackageErrorCode, message?: RegExp): Promise<void> {
  const err = await refusal(p);
  expect(err.code).toBe(code);
  if (message) expect(err.message).toMatch(message);
}

describe.skipIf(!HAVE_AGE)(`interoperating with the age CLI ${HAVE_AGE ? '' : NO_AGE}`, () => {
  it('a package sealed to recipients decrypts with `age -d -i` and unzips to the same bytes', async () => {
    const ours = keygen('id-a.txt');
    const other = await identityToRecipient(await generateIdentity());
    const files = sampleFiles();
    const sealed = await sealPackage(files, { recipients: [ours.recipient, `  ${other}  `] });
    writeFileSync(join(dir, 'to-keys.age'), sealed);
    execFileSync(AGE, ['-d', '-i', ours.file, '-o', 'to-keys.zip', 'to-keys.age'], { cwd: dir, stdio: 'pipe' });
    const zip = readFileSync(join(dir, 'to-keys.zip'));
    expectSameFiles(unzipSync(zip), files);
    // An independent ZIP reader agrees, where one is installed.
    if (HAVE_UNZIP) execFileSync('/usr/bin/unzip', ['-tq', 'to-keys.zip'], { cwd: dir, stdio: 'pipe' });
  });

  it('a package sealed with a passphrase decrypts with `age -d` typing the passphrase at a terminal', async () => {
    const files = sampleFiles();
    writeFileSync(join(dir, 'to-pass.age'), await sealPackage(files, { passphrase: PASSPHRASE }));
    rmSync(join(dir, 'to-pass.zip'), { force: true });
    const ok = ageWithTerminal('-d -o to-pass.zip to-pass.age', `${PASSPHRASE}\n`);
    expect(ok.status, ok.output).toBe(0);
    expectSameFiles(unzipSync(readFileSync(join(dir, 'to-pass.zip'))), files);
    // The same route with the wrong passphrase fails, so the check above is not vacuous.
    const wrong = ageWithTerminal('-d -o wrong.zip to-pass.age', 'not the passphrase\n');
    expect(wrong.status).not.toBe(0);
    expect(wrong.output).toMatch(/incorrect passphrase/);
  });

  it('a ZIP encrypted by `age -r` (binary and armored) opens with openPackage and the identity file', async () => {
    const ours = keygen('id-b.txt');
    const files = sampleFiles();
    writeFileSync(join(dir, 'from-cli.zip'), zipSync(Object.fromEntries(files.map((f) => [f.name, f.data]))));
    execFileSync(AGE, ['-r', ours.recipient, '-o', 'from-cli.age', 'from-cli.zip'], { cwd: dir, stdio: 'pipe' });
    execFileSync(AGE, ['-a', '-r', ours.recipient, '-o', 'from-cli.asc', 'from-cli.zip'], { cwd: dir, stdio: 'pipe' });
    // The whole identity file (with its comment lines), or the bare secret key.
    const opened = await openPackage(readFileSync(join(dir, 'from-cli.age')), { identity: ours.text });
    expectSameFiles(opened.files, files);
    const key = ours.text.split('\n').find((l) => l.startsWith('AGE-SECRET-KEY-1')) as string;
    expectSameFiles((await openPackage(readFileSync(join(dir, 'from-cli.asc')), { identity: key })).files, files);
    // Someone else's key is refused plainly.
    const stranger = keygen('id-c.txt');
    await expectRefused(
      openPackage(readFileSync(join(dir, 'from-cli.age')), { identity: stranger.text }),
      'wrong_key',
      /not locked to your key/,
    );
  });

  it('a ZIP encrypted by `age -p` opens with openPackage and the passphrase', async () => {
    const files = sampleFiles();
    writeFileSync(join(dir, 'pass-cli.zip'), zipSync(Object.fromEntries(files.map((f) => [f.name, f.data]))));
    rmSync(join(dir, 'pass-cli.age'), { force: true });
    // age -p asks twice: the passphrase, then to confirm it.
    const r = ageWithTerminal('-p -o pass-cli.age pass-cli.zip', `${PASSPHRASE}\n${PASSPHRASE}\n`);
    expect(r.status, r.output).toBe(0);
    const opened = await openPackage(readFileSync(join(dir, 'pass-cli.age')), { passphrase: PASSPHRASE });
    expectSameFiles(opened.files, files);
  });
});

describe('sealPackage and openPackage', () => {
  let identity: string;
  let recipient: string;
  let toKey: Uint8Array;
  let toPassphrase: Uint8Array;
  beforeAll(async () => {
    identity = await generateIdentity();
    recipient = await identityToRecipient(identity);
    toKey = await sealPackage(sampleFiles(), { recipients: [recipient] });
    toPassphrase = await sealPackage(sampleFiles(), { passphrase: PASSPHRASE });
  });

  it('round-trips with a key and with a passphrase', async () => {
    expect(toKey.length).toBeGreaterThan(3 * 64 * 1024);
    expectSameFiles((await openPackage(toKey, { identity })).files, sampleFiles());
    expectSameFiles((await openPackage(toPassphrase, { passphrase: PASSPHRASE })).files, sampleFiles());
  });

  it('refuses a changed byte anywhere in the encrypted contents', async () => {
    for (const at of [toKey.length - 1, Math.floor(toKey.length / 2), toKey.length - 70_000]) {
      const tampered = Uint8Array.from(toKey);
      tampered[at] = (tampered[at] as number) ^ 0x01;
      await expectRefused(
        openPackage(tampered, { identity }),
        'damaged',
        /^This file has been changed or damaged since it was exported, so it cannot be trusted\. Ask the sender to export it again\.$/,
      );
    }
  });

  it('refuses a changed header (the recipient list or its MAC)', async () => {
    const text = Buffer.from(toKey).toString('latin1');
    const mac = text.indexOf('\n--- ') + 6;
    const tampered = Uint8Array.from(toKey);
    tampered[mac] = tampered[mac] === 0x41 ? 0x42 : 0x41;
    await expectRefused(openPackage(tampered, { identity }), 'damaged');
  });

  it('refuses a passphrase package with a changed byte', async () => {
    const tampered = Uint8Array.from(toPassphrase);
    tampered[tampered.length - 100] = (tampered[tampered.length - 100] as number) ^ 0x80;
    await expectRefused(openPackage(tampered, { passphrase: PASSPHRASE }), 'damaged', /changed or damaged/);
  });

  it('refuses a file cut short: mid-chunk, at a chunk boundary, inside the header', async () => {
    const headerEnd = Buffer.from(toKey).indexOf('\n', Buffer.from(toKey).indexOf('\n--- ') + 1) + 1;
    const boundary = headerEnd + 16 + 2 * (64 * 1024 + 16); // the nonce, then two whole chunks
    for (const length of [toKey.length - 1, toKey.length - 5000, boundary, headerEnd + 16, headerEnd - 10, 30]) {
      await expectRefused(openPackage(toKey.subarray(0, length), { identity }), 'damaged', /changed or damaged/);
    }
  });

  it('refuses the wrong passphrase, and says which kind of lock a package has', async () => {
    await expectRefused(
      openPackage(toPassphrase, { passphrase: 'tulip-harbour-velvet-eight' }),
      'wrong_passphrase',
      /^The passphrase does not unlock this package\. Check it with the sender/,
    );
    await expectRefused(openPackage(toKey, { passphrase: PASSPHRASE }), 'needs_key', /locked to a key, not a passphrase/);
    await expectRefused(openPackage(toPassphrase, { identity }), 'needs_passphrase', /locked with a passphrase, not a key/);
  });

  it('refuses a file that is not an age file', async () => {
    const zip = zipSync({ 'a.txt': new TextEncoder().encode('hello') });
    for (const bytes of [
      zip,
      new TextEncoder().encode('%PDF-1.7\n'),
      new Uint8Array(0),
      new TextEncoder().encode('age-encryption.org/v2\n'),
    ]) {
      await expectRefused(
        openPackage(bytes, { passphrase: PASSPHRASE }),
        'not_age',
        /^This file is not an encrypted export package\. Check that you chose the right file/,
      );
    }
  });

  it('refuses a malformed identity, or a public key given in its place', async () => {
    await expectRefused(
      openPackage(toKey, { identity: 'AGE-SECRET-KEY-1NOTAKEY' }),
      'bad_identity',
      /starts with AGE-SECRET-KEY-1 and is 74 characters long/,
    );
    await expectRefused(openPackage(toKey, { identity: '# just a comment\n' }), 'bad_identity');
    await expectRefused(openPackage(toKey, { identity: recipient }), 'bad_identity', /That is a public key/);
  });

  it('refuses to seal with a short passphrase, no recipients or no files', async () => {
    await expectRefused(sealPackage(sampleFiles(), { passphrase: 'short' }), 'weak_passphrase', /at least 10 characters/);
    await expectRefused(sealPackage(sampleFiles(), { recipients: [] }), 'no_recipients');
    await expectRefused(sealPackage([], { recipients: [recipient] }), 'no_files');
  });
});

describe('recipient keys', () => {
  const good = 'age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p';
  const looksLike = /An age public key starts with age1 and is 62 characters long, for example age1/;

  it('accepts a well-formed key, trimmed and in either case', () => {
    expect(checkRecipient(`  ${good}\n`)).toBe(good);
    expect(checkRecipient(good.toUpperCase())).toBe(good);
  });

  it('accepts an ordinary key whose data happens to begin with "pq" (not the newer age1pq1 kind)', async () => {
    let key = '';
    // About one key in 1,024 begins age1pq; each costs well under a millisecond.
    for (let i = 0; i < 20_000 && !key.startsWith('age1pq'); i++) key = await identityToRecipient(await generateX25519Identity());
    expect(key.startsWith('age1pq')).toBe(true);
    expect(checkRecipient(key)).toBe(key);
  });

  it.each([
    ['a typing error', `${good.slice(0, 30)}${good[30] === 'q' ? 'p' : 'q'}${good.slice(31)}`, /has a mistake in it/],
    ['a key cut short', good.slice(0, 50), /is 50 characters long, so part of it is missing/],
    ['a key with extra characters', `${good}qq`, /part of it is extra/],
    ['a character keys never use', `${good.slice(0, 20)}b${good.slice(21)}`, /a character that never appears in a key/],
    ['not an age key', 'hello-world', /does not start with age1/],
    ['an SSH key', 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIE', /SSH keys cannot be used/],
    ['an empty key', '   ', /empty/],
    ['mixed case', `Age1${good.slice(4)}`, /mixes capital and small letters/],
  ])('refuses %s, saying what is wrong and what a key looks like', async (_what, key, why) => {
    const err = (() => {
      try {
        checkRecipient(key);
        return null;
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(ExportPackageError);
    expect((err as ExportPackageError).code).toBe('bad_recipient');
    expect((err as ExportPackageError).message).toMatch(why);
    expect((err as ExportPackageError).message).toMatch(looksLike);
    await expectRefused(sealPackage(sampleFiles(), { recipients: [good, key] }), 'bad_recipient', why);
  });

  it('refuses a secret key given as a recipient, without repeating it', async () => {
    const secret = await generateIdentity();
    const err = await refusal(sealPackage(sampleFiles(), { recipients: [secret] }));
    expect(err.code).toBe('bad_recipient');
    expect(err.message).toMatch(/That is a secret key, not a public key\. A secret key must never be shared/);
    expect(err.message).not.toContain(secret);
  });
});

describe('names and sizes inside a package', () => {
  let identity: string;
  let recipient: string;
  beforeAll(async () => {
    identity = await generateIdentity();
    recipient = await identityToRecipient(identity);
  });

  /** Encrypts any ZIP directly (not through sealPackage), as a hostile sender could. */
  async function sealRaw(zip: Uint8Array): Promise<Uint8Array> {
    const e = new Encrypter();
    e.addRecipient(recipient);
    return e.encrypt(zip);
  }

  const one = new TextEncoder().encode('x');
  const UNSAFE = [
    '../evil.txt',
    'reports/../../evil.txt',
    '/etc/passwd',
    'a\\..\\b.txt',
    'C:/Windows/x.txt',
    'CON.txt',
    'reports//x.txt',
    'x.txt.',
    'a\u0000b',
  ];

  it.each(UNSAFE)('refuses to open a package containing %j', async (name) => {
    const bytes = await sealRaw(zipSync({ 'ok.txt': one, [name]: one }));
    await expectRefused(openPackage(bytes, { identity }), 'unsafe_name', /cannot be used in a package: /);
  });

  it.each(UNSAFE)('refuses to seal a file called %j', async (name) => {
    await expectRefused(sealPackage([{ name, data: one }], { recipients: [recipient] }), 'unsafe_name', /cannot be used in a package: /);
  });

  it('refuses two files whose names differ only in capitals, both ways', async () => {
    await expectRefused(
      sealPackage(
        [
          { name: 'Notes.txt', data: one },
          { name: 'notes.txt', data: one },
        ],
        { recipients: [recipient] },
      ),
      'duplicate_name',
      /Two files in the package are called "notes.txt"/,
    );
    const bytes = await sealRaw(zipSync({ 'Notes.txt': one, 'notes.txt': one }));
    await expectRefused(openPackage(bytes, { identity }), 'duplicate_name');
  });

  it('accepts folder entries made by other ZIP tools', async () => {
    const bytes = await sealRaw(zipSync({ 'reports/': new Uint8Array(0), 'reports/a.txt': one }));
    const { files } = await openPackage(bytes, { identity });
    expect(files.map((f) => f.name)).toEqual(['reports/a.txt']);
  });

  it('refuses a ZIP that claims more than the size limit, before inflating it', async () => {
    const zip = zipSync({ 'big.bin': new Uint8Array(1000) });
    // Claim 300 MiB in the central directory's uncompressed-size field.
    const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
    const central = Buffer.from(zip).indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    view.setUint32(central + 24, 300 * 1024 * 1024, true);
    await expectRefused(openPackage(await sealRaw(zip), { identity }), 'too_large', /at most 256 MB/);
  });

  it('refuses too many files, both ways', async () => {
    const many = Array.from({ length: 1001 }, (_, i) => ({ name: `f${i}.txt`, data: one }));
    await expectRefused(sealPackage(many, { recipients: [recipient] }), 'too_many_files', /at most 1000 files/);
    const bytes = await sealRaw(zipSync(Object.fromEntries(many.map((f) => [f.name, f.data]))));
    await expectRefused(openPackage(bytes, { identity }), 'too_many_files');
  });

  it('refuses decrypted contents that are not a ZIP', async () => {
    await expectRefused(
      openPackage(await sealRaw(new TextEncoder().encode('not a zip')), { identity }),
      'not_a_package',
      /does not contain an export package/,
    );
  });
});
