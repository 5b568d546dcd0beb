/**
 * Sharing with agencies (issue 9), through the dispatcher: an export opens with the standard `age` tool (passphrase
 * and identity file) and holds only the chosen sections; the sharing log and the per-pupil listing; transfer in
 * previews before writing, writes all or nothing, and refuses a tampered package; the review pack as a password PDF.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ExportResult, PupilProfile, SharingRecord, TransferPreview, UserSummary } from '../../../shared/contract';
import { makeUpn } from '../../../shared/upn';
import { openTestCore, pupilInput, setUp, testDrivers, type TestCore } from '../testing/harness';

type R<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string; fields?: Record<string, string> } };

const AGE = '/usr/bin/age';
const HAS_AGE = existsSync(AGE) && existsSync('/usr/bin/age-keygen');
const NO_AGE = HAS_AGE ? '' : ' (skipped: the Debian `age` package is not installed here; .ci/run installs it)';
const BASIS = { article6: 'public_task', article9: 'substantial_public_interest' } as const;
const PASSPHRASE = 'maple river cobalt lantern';

describe.each(testDrivers())('sharing on %s', (driver) => {
  let core: TestCore;
  let session: string;
  let pupil: PupilProfile;
  let dir: string;
  const call = <T>(op: string, input: unknown, s = session) => core.dispatcher.invoke({ op, input, session: s }) as Promise<R<T>>;
  const must = async <T>(op: string, input: unknown, s = session): Promise<T> => {
    const r = await call<T>(op, input, s);
    if (!r.ok) throw new Error(`${op}: ${JSON.stringify(r.error)}`);
    return r.value;
  };
  const exportInput = (over: Record<string, unknown> = {}) => ({
    pupilId: pupil.id, organisation: 'Exampleshire SEND team', sections: ['details', 'assessments'], basis: BASIS, recipient: null, passphrase: PASSPHRASE, note: null, ...over,
  });

  beforeEach(async () => {
    core = await openTestCore(driver, () => new Date('2026-11-23T09:00:00Z'));
    session = await setUp(core);
    dir = mkdtempSync(join(tmpdir(), 'senco-share-'));
    pupil = await must<PupilProfile>('pupils.create', pupilInput({ upn: makeUpn(999, 4300, 19, 1), legalFirstName: 'Sasha', legalLastName: 'Sharing-Test', senStatus: 'K', needs: ['SLCN'] }));
    await must('assessments.save', {
      id: null, pupilId: pupil.id, referralId: null, kind: 'initial', discipline: 'speech_language', assessorName: 'Tess Therapist', date: '2026-10-20', needLevel: 'medium',
      notes: 'Synthetic notes: understands two-part instructions.', scores: [], thrive: [],
    });
    await must('parentUpdates.save', { pupilId: pupil.id, date: '2026-11-01', method: 'email', summary: 'Synthetic update for the parents.' });
  });
  afterEach(async () => {
    rmSync(dir, { recursive: true, force: true });
    await core.cleanup();
  });

  const unpack = (zip: Uint8Array) => {
    const files = unzipSync(zip);
    return { files, json: JSON.parse(Buffer.from(files['pupil.json']!).toString('utf8')) as { sections: string[]; data: Record<string, unknown>; pupil: { upn: string } } };
  };

  it.skipIf(!HAS_AGE)(`decrypts with the age tool and a passphrase, holding only the chosen sections${NO_AGE}`, async () => {
    const out = await must<ExportResult>('exports.create', exportInput());
    const file = join(dir, out.record.fileName);
    writeFileSync(file, Buffer.from(out.fileBase64, 'base64'));
    expect(out.record.fileName).toMatch(/\.age$/);
    // age reads a passphrase only from a terminal: `script` gives it one and types the passphrase.
    const r = spawnSync('script', ['-qec', `${AGE} -d -o ${join(dir, 'out.zip')} ${file}`, '/dev/null'], { input: `${PASSPHRASE}\n`, encoding: 'utf8', timeout: 60_000 });
    expect(r.status, r.stdout + r.stderr).toBe(0);
    const { files, json } = unpack(readFileSync(join(dir, 'out.zip')));
    expect(Object.keys(files).sort()).toEqual(['csv/assessments.csv', 'csv/details.csv', 'manifest.json', 'pupil.json', 'record.pdf']);
    expect(json.sections).toEqual(['details', 'assessments']);
    expect(Object.keys(json.data).sort()).toEqual(['assessments', 'details']);
    expect(JSON.stringify(json)).not.toContain('Synthetic update for the parents');
    expect(json.pupil.upn).toBe(pupil.upn);
    expect(Buffer.from(files['csv/assessments.csv']!).toString('utf8')).toContain('understands two-part instructions');
    expect(Buffer.from(files['record.pdf']!).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it.skipIf(!HAS_AGE)(`decrypts with an identity file when locked to the agency's public key${NO_AGE}`, async () => {
    const idFile = join(dir, 'agency.key');
    execFileSync('/usr/bin/age-keygen', ['-o', idFile], { stdio: 'pipe' });
    const publicKey = /public key: (age1[0-9a-z]+)/.exec(readFileSync(idFile, 'utf8'))![1]!;
    const out = await must<ExportResult>('exports.create', exportInput({ recipient: publicKey, passphrase: null, sections: ['needs', 'parent_updates'] }));
    expect(out.record).toMatchObject({ lockedWith: 'public_key', recipientKey: publicKey });
    const file = join(dir, 'p.age');
    writeFileSync(file, Buffer.from(out.fileBase64, 'base64'));
    const zip = execFileSync(AGE, ['-d', '-i', idFile, file]);
    const { json } = unpack(new Uint8Array(zip));
    expect(Object.keys(json.data).sort()).toEqual(['needs', 'parent_updates']);
  });

  it('refuses a bad recipient key, both or neither of key and passphrase, and no sections, writing nothing', async () => {
    expect(await call('exports.create', exportInput({ recipient: 'age1notakey', passphrase: null }))).toMatchObject({ ok: false, error: { fields: { recipient: expect.stringMatching(/age1/) } } });
    expect(await call('exports.create', exportInput({ recipient: null, passphrase: null }))).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await call('exports.create', exportInput({ sections: [] }))).toMatchObject({ ok: false, error: { fields: { sections: expect.any(String) } } });
    expect(await call('exports.create', exportInput({ passphrase: 'short' }))).toMatchObject({ ok: false, error: { fields: { passphrase: expect.any(String) } } });
    expect(await must<SharingRecord[]>('exports.log', {})).toEqual([]);
  });

  it('logs every export with who, to whom, the sections and the lawful basis, and lists what was shared about a pupil', async () => {
    const other = await must<PupilProfile>('pupils.create', pupilInput({ upn: makeUpn(999, 4300, 19, 2), legalFirstName: 'Otto', legalLastName: 'Other' }));
    const a = await must<ExportResult>('exports.create', exportInput());
    await must<ExportResult>('exports.create', exportInput({ pupilId: other.id, organisation: 'Northgate Academy', sections: ['details'], basis: { article6: 'legal_obligation', article9: 'substantial_public_interest' } }));
    const all = await must<SharingRecord[]>('exports.log', {});
    expect(all).toHaveLength(2);
    const mine = await must<SharingRecord[]>('exports.log', { pupilId: pupil.id });
    expect(mine).toEqual([
      expect.objectContaining({
        id: a.record.id, organisation: 'Exampleshire SEND team', sections: ['details', 'assessments'], article6: 'public_task', article9: 'substantial_public_interest',
        lockedWith: 'passphrase', exportedBy: expect.stringContaining('sam.senco'), format: 'age_package', sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      }),
    ]);
    // The audit trail has it, without the passphrase.
    const audit = await core.ds.query("SELECT detail FROM audit_event WHERE operation = 'exports.create'");
    expect(audit).toHaveLength(2);
    expect(JSON.stringify(audit)).not.toContain(PASSPHRASE);
  });

  it('transfer in: previews without writing, imports all of it, and is idempotent', async () => {
    const out = await must<ExportResult>('exports.create', exportInput({ sections: ['details', 'needs', 'assessments', 'reviews'] }));
    // Another school: a fresh store.
    const other = await openTestCore(driver, () => new Date('2026-11-24T09:00:00Z'));
    try {
      const s2 = await setUp(other);
      const call2 = <T>(op: string, input: unknown) => other.dispatcher.invoke({ op, input, session: s2 }) as Promise<R<T>>;
      const open = { packageBase64: out.fileBase64, passphrase: PASSPHRASE, identity: null };
      const preview = await call2<TransferPreview>('transfers.preview', open);
      expect(preview.ok && preview.value).toMatchObject({
        action: 'create', pupil: { upn: pupil.upn, name: 'Sasha Sharing-Test' },
        changes: [
          { section: 'details', add: 1, kept: false }, { section: 'needs', add: 1, kept: false }, { section: 'assessments', add: 1, kept: false }, { section: 'reviews', kept: true },
        ],
      });
      expect(((await call2<{ total: number }>('pupils.list', {})) as { value: { total: number } }).value.total).toBe(0);
      const imported = await call2<TransferPreview & { pupilId: string }>('transfers.import', { ...open, confirm: true });
      expect(imported.ok).toBe(true);
      const id = (imported as { value: { pupilId: string } }).value.pupilId;
      const profile = (await call2<PupilProfile>('pupils.get', { id })) as { value: PupilProfile };
      expect(profile.value).toMatchObject({ upn: pupil.upn, senStatus: 'K', needs: ['SLCN'], className: null });
      expect(((await call2<unknown[]>('assessments.list', { pupilId: id })) as { value: unknown[] }).value).toHaveLength(1);
      // Again: nothing new.
      const again = (await call2<TransferPreview>('transfers.preview', open)) as { value: TransferPreview };
      expect(again.value.action).toBe('update');
      expect(again.value.changes.filter((c) => !c.kept).map((c) => [c.section, c.add, c.update])).toEqual([['details', 0, 0], ['needs', 0, 0], ['assessments', 0, 0]]);
    } finally {
      await other.cleanup();
    }
  });

  it('refuses a tampered package, a wrong passphrase and a file that is not a package, with a clear message and nothing written', async () => {
    const out = await must<ExportResult>('exports.create', exportInput());
    const bytes = Buffer.from(out.fileBase64, 'base64');
    bytes[bytes.length - 40] = bytes[bytes.length - 40]! ^ 0x01;
    const tampered = await call('transfers.preview', { packageBase64: bytes.toString('base64'), passphrase: PASSPHRASE, identity: null });
    expect(tampered).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/changed or damaged|cannot be trusted/i), fields: { packageBase64: expect.any(String) } } });
    const wrong = await call('transfers.import', { packageBase64: out.fileBase64, passphrase: 'not the passphrase', identity: null, confirm: true });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'invalid_input', fields: { passphrase: expect.any(String) } } });
    const junk = await call('transfers.preview', { packageBase64: Buffer.from('hello, this is not age').toString('base64'), passphrase: PASSPHRASE, identity: null });
    expect(junk).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect((await must<{ total: number }>('pupils.list', {})).total).toBe(1);
  });

  it('only the SENCo and therapy lead export; a therapist outside the pupil’s caseload cannot', async () => {
    const tess = await must<UserSummary>('users.create', { displayName: 'Tess Therapist', username: 'tess', role: 'therapist', password: 'therapist password' });
    const signed = await must<{ session: string }>('auth.signIn', { username: 'tess', password: 'therapist password' }, '');
    expect(await call('exports.create', exportInput(), signed.session)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(tess.role).toBe('therapist');
  });
});
