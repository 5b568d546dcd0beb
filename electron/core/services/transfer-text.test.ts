/**
 * Transfer in reads JSON from a package, which the dispatcher's input check never sees: text in it that the database
 * could not store exactly (a lone surrogate, written as an escape; U+0000) is refused before anything is planned or
 * written, while other control characters (which older records may hold) are taken as they are.
 */
import { createHash } from 'node:crypto';
import { generateX25519Identity, identityToRecipient } from 'age-encryption';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ExportResult, PupilProfile } from '../../../shared/contract';
import { makeUpn } from '../../../shared/upn';
import { openPackage, sealPackage } from '../exports/package';
import { openTestCore, pupilInput, setUp, testDrivers, type TestCore } from '../testing/harness';

describe.each(testDrivers())('transfer in refuses text it could not store, on %s', (driver) => {
  let core: TestCore;
  let session: string;
  // Locked to a key rather than a passphrase: X25519 is quick, where a passphrase costs scrypt each time.
  let identity: string;
  let recipient: string;
  const call = (op: string, input: unknown) => core.dispatcher.invoke({ op, input, session });

  beforeEach(async () => {
    core = await openTestCore(driver, () => new Date('2026-11-23T09:00:00Z'));
    session = await setUp(core);
    identity = await generateX25519Identity();
    recipient = await identityToRecipient(identity);
  });
  afterEach(async () => core.cleanup());

  /**
   * The package of a pupil's details with `edit` applied to pupil.json's text, the manifest's digest redone and its
   * signature removed (an unsigned package, as an older SENCo Desk makes: the text check must hold for those too),
   * sealed again.
   */
  async function forged(serial: number, edit: (json: string) => string): Promise<string> {
    const p = await call(
      'pupils.create',
      pupilInput({ upn: makeUpn(999, 4300, 19, serial), legalFirstName: 'Sasha', legalLastName: 'Sharing-Test' }),
    );
    const pupil = (p as { value: PupilProfile }).value;
    const out = await call('exports.create', {
      pupilId: pupil.id,
      organisation: 'Northgate Academy',
      sections: ['details'],
      basis: { article6: 'public_task', article9: 'substantial_public_interest' },
      format: 'age_package',
      recipient,
      passphrase: null,
      note: null,
    });
    if (!out.ok) throw new Error(out.error.message);
    const { files } = await openPackage(Buffer.from((out.value as ExportResult).fileBase64, 'base64'), { identity });
    const doc = Buffer.from(edit(Buffer.from(files.find((f) => f.name === 'pupil.json')!.data).toString('utf8')));
    const signed = JSON.parse(Buffer.from(files.find((f) => f.name === 'manifest.json')!.data).toString('utf8')) as {
      files?: { name: string; sha256: string }[];
      signer?: unknown;
      signature?: unknown;
    };
    const { signer: _signer, signature: _signature, ...manifest } = signed;
    for (const f of manifest.files ?? []) if (f.name === 'pupil.json') f.sha256 = createHash('sha256').update(doc).digest('hex');
    const resealed = files.map((f) =>
      f.name === 'pupil.json'
        ? { name: f.name, data: doc }
        : f.name === 'manifest.json'
          ? { name: f.name, data: Buffer.from(JSON.stringify(manifest)) }
          : f,
    );
    return Buffer.from(await sealPackage(resealed, { recipients: [recipient] })).toString('base64');
  }

  it('refuses a lone surrogate or U+0000 in the package’s text, naming the file field, and audits nothing', async () => {
    for (const [i, bad] of ['Sa\\ud800sha', 'Sa\\u0000sha'].entries()) {
      const pkg = await forged(i + 1, (json) => json.replace('"Sasha"', `"${bad}"`));
      const before = (await core.ds.query('SELECT COUNT(*) AS n FROM audit_event')) as { n: number | string }[];
      const r = await call('transfers.preview', { packageBase64: pkg, passphrase: null, identity });
      expect(r).toMatchObject({
        ok: false,
        error: { code: 'invalid_input', fields: { packageBase64: expect.stringMatching(/^This package holds text that is not valid/) } },
      });
      expect(await core.ds.query('SELECT COUNT(*) AS n FROM audit_event')).toEqual(before);
    }
    // Another control character (a vertical tab, as older records may hold) is taken as it is.
    const tab = await forged(3, (json) => json.replace('"Sasha"', '"Sa\\u000bsha"'));
    expect((await call('transfers.preview', { packageBase64: tab, passphrase: null, identity })).ok).toBe(true);
  }, 60_000);
});
