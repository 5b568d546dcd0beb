/**
 * Sharing with agencies (issue 9), through the dispatcher: an export opens with the standard `age` tool (passphrase
 * and identity file) and holds only the chosen sections; the sharing log and the per-pupil listing; transfer in
 * previews before writing, writes all or nothing, and refuses a tampered package; the review pack as a password PDF.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { unzipSync } from 'fflate';
import { generateX25519Identity, identityToRecipient } from 'age-encryption';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  ExportResult,
  PupilProfile,
  SharingRecord,
  SigningIdentity,
  TransferPreview,
  TrustedSender,
  UserSummary,
} from '../../../shared/contract';
import { openPackage, sealPackage } from '../exports/package';
import { generateSigningKey, signManifest, type PackageSigner } from '../exports/signing';
import { makeUpn } from '../../../shared/upn';
import { openTestCore, pupilInput, SCHOOL, setUp, testDrivers, type TestCore } from '../testing/harness';

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
    pupilId: pupil.id,
    organisation: 'Exampleshire SEND team',
    sections: ['details', 'assessments'],
    basis: BASIS,
    format: 'age_package',
    recipient: null,
    passphrase: PASSPHRASE,
    note: null,
    ...over,
  });

  beforeEach(async () => {
    core = await openTestCore(driver, () => new Date('2026-11-23T09:00:00Z'));
    session = await setUp(core);
    dir = mkdtempSync(join(tmpdir(), 'senco-share-'));
    pupil = await must<PupilProfile>(
      'pupils.create',
      pupilInput({
        upn: makeUpn(999, 4300, 19, 1),
        legalFirstName: 'Sasha',
        legalLastName: 'Sharing-Test',
        senStatus: 'K',
        needs: ['SLCN'],
      }),
    );
    await must('assessments.save', {
      id: null,
      pupilId: pupil.id,
      referralId: null,
      kind: 'initial',
      discipline: 'speech_language',
      assessorName: 'Tess Therapist',
      date: '2026-10-20',
      needLevel: 'medium',
      notes: 'Synthetic notes: understands two-part instructions.',
      scores: [],
      thrive: [],
    });
    await must('parentUpdates.save', {
      pupilId: pupil.id,
      date: '2026-11-01',
      method: 'email',
      summary: 'Synthetic update for the parents.',
    });
  });
  afterEach(async () => {
    rmSync(dir, { recursive: true, force: true });
    await core.cleanup();
  });

  const unpack = (zip: Uint8Array) => {
    const files = unzipSync(zip);
    return {
      files,
      json: JSON.parse(Buffer.from(files['pupil.json']!).toString('utf8')) as {
        sections: string[];
        data: Record<string, unknown>;
        pupil: { upn: string };
      },
    };
  };

  it.skipIf(!HAS_AGE)(`decrypts with the age tool and a passphrase, holding only the chosen sections${NO_AGE}`, async () => {
    const out = await must<ExportResult>('exports.create', exportInput());
    const file = join(dir, out.record.fileName);
    writeFileSync(file, Buffer.from(out.fileBase64, 'base64'));
    expect(out.record.fileName).toMatch(/\.age$/);
    // age reads a passphrase only from a terminal: `script` gives it one and types the passphrase.
    const r = spawnSync('script', ['-qec', `${AGE} -d -o ${join(dir, 'out.zip')} ${file}`, '/dev/null'], {
      input: `${PASSPHRASE}\n`,
      encoding: 'utf8',
      timeout: 60_000,
    });
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
    const out = await must<ExportResult>(
      'exports.create',
      exportInput({ recipient: publicKey, passphrase: null, sections: ['needs', 'parent_updates'] }),
    );
    expect(out.record).toMatchObject({ lockedWith: 'public_key', recipientKey: publicKey });
    const file = join(dir, 'p.age');
    writeFileSync(file, Buffer.from(out.fileBase64, 'base64'));
    const zip = execFileSync(AGE, ['-d', '-i', idFile, file]);
    const { json } = unpack(new Uint8Array(zip));
    expect(Object.keys(json.data).sort()).toEqual(['needs', 'parent_updates']);
  });

  it('by default shares the chosen sections as an AES-256 (R6) password-protected PDF; its made password is returned once and kept nowhere', async () => {
    const out = await must<ExportResult>(
      'exports.create',
      exportInput({ format: 'protected_pdf', passphrase: null, sections: ['details', 'assessments'] }),
    );
    expect(out.record).toMatchObject({
      format: 'protected_pdf',
      lockedWith: 'password',
      recipientKey: null,
      sections: ['details', 'assessments'],
      organisation: 'Exampleshire SEND team',
    });
    expect(out.record.fileName).toMatch(new RegExp(`^${pupil.upn}-Exampleshire-SEND-team-2026-11-23-protected\\.pdf$`));
    // Four words and a number (shared/passphrase.ts): easy to read out by phone.
    const password = out.password!;
    expect(password).toMatch(/^[a-z]+( [a-z]+){3} \d{4}$/);
    const bytes = Buffer.from(out.fileBase64, 'base64');
    expect(out.record.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    const file = join(dir, out.record.fileName);
    writeFileSync(file, bytes);
    // The /Encrypt dictionary: the standard handler, version 5 revision 6 (ISO 32000-2 AES-256).
    const latin = bytes.toString('latin1');
    const encryptRef = /\/Encrypt (\d+) 0 R/.exec(latin)?.[1];
    expect(encryptRef, 'the trailer names an /Encrypt dictionary').toBeDefined();
    const objAt = latin.indexOf(`\n${encryptRef} 0 obj`);
    const encrypt = latin.slice(objAt, latin.indexOf('endobj', objAt));
    expect(encrypt).toMatch(/\/Filter \/Standard\n/);
    expect(encrypt).toMatch(/\/V 5\n/);
    expect(encrypt).toMatch(/\/R 6\n/);
    expect(encrypt).toMatch(/\/CFM \/AESV3\n/);
    expect(encrypt).toMatch(/\/Length 256\n/);
    // Nothing readable without the password: not the name (in the document information too), not the notes.
    expect(latin).not.toContain('Sharing-Test');
    expect(latin).not.toContain('two-part instructions');
    const shown = spawnSync('qpdf', ['--show-encryption', `--password=${password}`, file], { encoding: 'utf8' });
    expect(shown.status, shown.stderr).toBe(0);
    expect(shown.stdout).toMatch(/^R = 6$/m);
    expect(shown.stdout).toMatch(/^stream encryption method: AESv3$/m);
    expect(shown.stdout).toContain('Supplied password is user password');
    const without = spawnSync('pdftotext', [file, '-'], { encoding: 'utf8' });
    expect(without.status).not.toBe(0);
    expect(without.stdout).not.toContain('Sharing-Test');
    const wrong = password.replace(/\d$/, (d) => String((Number(d) + 1) % 10));
    expect(spawnSync('pdftotext', ['-upw', wrong, file, '-'], { encoding: 'utf8' }).status).not.toBe(0);
    const text = spawnSync('pdftotext', ['-upw', password, '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
    expect(text.status, text.stderr).toBe(0);
    // The chosen sections, and only those.
    expect(text.stdout).toContain('Sasha Sharing-Test');
    expect(text.stdout).toContain('understands two-part instructions');
    expect(text.stdout).not.toContain('Synthetic update for the parents');
    expect(text.stdout).not.toContain('SLCN');
    // A PDF on its own says nothing of the package's other files (pupil.json and the CSVs are not in it).
    expect(text.stdout).not.toMatch(/pupil\.json|CSV file/);
    // A new password each time.
    const again = await must<ExportResult>(
      'exports.create',
      exportInput({ format: 'protected_pdf', passphrase: null, sections: ['details'] }),
    );
    expect(again.password).not.toBe(password);
    // In the sharing log (what, with whom, how) and the audit trail, and the password in neither.
    const log = await must<SharingRecord[]>('exports.log', { pupilId: pupil.id });
    expect(log.map((r) => [r.format, r.lockedWith, r.sections])).toEqual([
      ['protected_pdf', 'password', ['details']],
      ['protected_pdf', 'password', ['details', 'assessments']],
    ]);
    const stored = JSON.stringify([await core.ds.query('SELECT * FROM sharing_log'), await core.ds.query('SELECT * FROM audit_event')]);
    expect(stored).toContain('protected_pdf');
    for (const p of [password, again.password!]) expect(stored).not.toContain(p);
    // A key or passphrase given for a PDF is refused: its password is always made by the core.
    expect(await call('exports.create', exportInput({ format: 'protected_pdf' }))).toMatchObject({
      ok: false,
      error: { fields: { passphrase: expect.stringMatching(/protected PDF/) } },
    });
    expect(await call('exports.create', exportInput({ format: 'pdf', passphrase: null }))).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
  });

  it('refuses a bad recipient key, both or neither of key and passphrase, and no sections, writing nothing', async () => {
    expect(await call('exports.create', exportInput({ recipient: 'age1notakey', passphrase: null }))).toMatchObject({
      ok: false,
      error: { fields: { recipient: expect.stringMatching(/age1/) } },
    });
    expect(await call('exports.create', exportInput({ recipient: null, passphrase: null }))).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(await call('exports.create', exportInput({ sections: [] }))).toMatchObject({
      ok: false,
      error: { fields: { sections: expect.any(String) } },
    });
    expect(await call('exports.create', exportInput({ passphrase: 'short' }))).toMatchObject({
      ok: false,
      error: { fields: { passphrase: expect.any(String) } },
    });
    expect(await must<SharingRecord[]>('exports.log', {})).toEqual([]);
  });

  it('logs every export with who, to whom, the sections and the lawful basis, and lists what was shared about a pupil', async () => {
    const other = await must<PupilProfile>(
      'pupils.create',
      pupilInput({ upn: makeUpn(999, 4300, 19, 2), legalFirstName: 'Otto', legalLastName: 'Other' }),
    );
    const a = await must<ExportResult>('exports.create', exportInput());
    await must<ExportResult>(
      'exports.create',
      exportInput({
        pupilId: other.id,
        organisation: 'Northgate Academy',
        sections: ['details'],
        basis: { article6: 'legal_obligation', article9: 'substantial_public_interest' },
      }),
    );
    const all = await must<SharingRecord[]>('exports.log', {});
    expect(all).toHaveLength(2);
    const mine = await must<SharingRecord[]>('exports.log', { pupilId: pupil.id });
    expect(mine).toEqual([
      expect.objectContaining({
        id: a.record.id,
        organisation: 'Exampleshire SEND team',
        sections: ['details', 'assessments'],
        article6: 'public_task',
        article9: 'substantial_public_interest',
        lockedWith: 'passphrase',
        exportedBy: expect.stringContaining('sam.senco'),
        format: 'age_package',
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      }),
    ]);
    // The audit trail has it, without the passphrase.
    const audit = await core.ds.query("SELECT detail FROM audit_event WHERE operation = 'exports.create'");
    expect(audit).toHaveLength(2);
    expect(JSON.stringify(audit)).not.toContain(PASSPHRASE);
  });

  it('transfer in: previews without writing, shows who signed it, imports all of it once trusted, and is idempotent', async () => {
    const out = await must<ExportResult>('exports.create', exportInput({ sections: ['details', 'needs', 'assessments', 'reviews'] }));
    const ours = await must<SigningIdentity>('transfers.identity', {});
    // Another school: a fresh store.
    const other = await openTestCore(driver, () => new Date('2026-11-24T09:00:00Z'));
    try {
      const s2 = await setUp(other);
      const call2 = <T>(op: string, input: unknown) => other.dispatcher.invoke({ op, input, session: s2 }) as Promise<R<T>>;
      await call2('school.update', { name: 'Northgate Academy (synthetic)', urn: '100002', localAuthority: 'Exampleshire' });
      const open = { packageBase64: out.fileBase64, passphrase: PASSPHRASE, identity: null };
      const preview = await call2<TransferPreview>('transfers.preview', open);
      expect(preview.ok && preview.value).toMatchObject({
        action: 'create',
        pupil: { upn: pupil.upn, name: 'Sasha Sharing-Test' },
        // Signed by the sending school's key, which this school has not trusted yet.
        sender: {
          status: 'unknown',
          school: ours.school,
          urn: ours.urn,
          fingerprint: ours.fingerprint,
          publicKey: ours.publicKey,
          trusted: null,
          keyMismatch: false,
        },
        changes: [
          { section: 'details', add: 1, kept: false },
          { section: 'needs', add: 1, kept: false },
          { section: 'assessments', add: 1, kept: false },
          { section: 'reviews', kept: true },
        ],
        packageSha256: createHash('sha256').update(Buffer.from(out.fileBase64, 'base64')).digest('hex'),
      });
      const p = (preview as { value: TransferPreview }).value;
      // Every field a new pupil gets is listed, contacts among them.
      expect(p.diff).toEqual(
        expect.arrayContaining([
          { section: 'details', field: 'legalFirstName', item: null, change: 'added', before: null, after: 'Sasha' },
          { section: 'contacts', field: 'phone', item: 'Jo Testington', change: 'added', before: null, after: '01632 960001' },
          { section: 'needs', field: 'senStatus', item: null, change: 'added', before: null, after: 'K' },
          {
            section: 'assessments',
            field: 'assessment',
            item: null,
            change: 'added',
            before: null,
            after: ['2026-10-20', 'speech_language', 'initial', 'Tess Therapist'],
          },
        ]),
      );
      expect(((await call2<{ total: number }>('pupils.list', {})) as { value: { total: number } }).value.total).toBe(0);
      const confirm = { ...open, confirm: true, packageSha256: p.packageSha256, planSha256: p.planSha256 };
      // An unknown sender: refused without the person's explicit acceptance, and nothing written.
      const refused = await call2('transfers.import', { ...confirm, acceptUnverified: false });
      expect(refused).toMatchObject({
        ok: false,
        error: { code: 'invalid_input', fields: { acceptUnverified: expect.stringMatching(/not trusted/) } },
      });
      expect(((await call2<{ total: number }>('pupils.list', {})) as { value: { total: number } }).value.total).toBe(0);
      // Trusted after the phone call: the preview says so, and the import needs no acceptance.
      const trusted = await call2<TrustedSender>('transfers.senders.trust', {
        publicKey: p.sender.publicKey,
        school: p.sender.school,
        urn: p.sender.urn,
        fingerprint: p.sender.fingerprint,
        note: 'Read out by their SENCo',
      });
      expect(trusted.ok).toBe(true);
      const again = (await call2<TransferPreview>('transfers.preview', open)) as { value: TransferPreview };
      expect(again.value.sender).toMatchObject({
        status: 'trusted',
        trusted: { school: ours.school, trustedBy: expect.stringContaining('sam.senco') },
      });
      const imported = await call2<TransferPreview & { pupilId: string }>('transfers.import', {
        ...confirm,
        planSha256: again.value.planSha256,
        acceptUnverified: false,
      });
      expect(imported.ok).toBe(true);
      const id = (imported as { value: { pupilId: string } }).value.pupilId;
      const profile = (await call2<PupilProfile>('pupils.get', { id })) as { value: PupilProfile };
      expect(profile.value).toMatchObject({ upn: pupil.upn, senStatus: 'K', needs: ['SLCN'], className: null });
      expect(((await call2<unknown[]>('assessments.list', { pupilId: id })) as { value: unknown[] }).value).toHaveLength(1);
      // Again: nothing new, nothing to show.
      const third = (await call2<TransferPreview>('transfers.preview', open)) as { value: TransferPreview };
      expect(third.value.action).toBe('update');
      expect(third.value.changes.filter((c) => !c.kept).map((c) => [c.section, c.add, c.update])).toEqual([
        ['details', 0, 0],
        ['needs', 0, 0],
        ['assessments', 0, 0],
      ]);
      expect(third.value.diff).toEqual([]);
      // The trust and the import are in the audit trail, with the sender's fingerprint and no pupil's values.
      const audit = (await other.ds.query(
        "SELECT operation, detail FROM audit_event WHERE operation IN ('transfers.senders.trust', 'transfers.import') ORDER BY seq",
      )) as { operation: string; detail: string }[];
      expect(audit.map((a) => a.operation)).toEqual(['transfers.senders.trust', 'transfers.import']);
      expect(JSON.parse(audit[1]!.detail)).toMatchObject({
        sender: 'trusted',
        fingerprint: ours.fingerprint,
        fields: expect.arrayContaining(['contacts.phone']),
      });
      expect(audit.map((a) => a.detail).join(' ')).not.toContain('01632 960001');
    } finally {
      await other.cleanup();
    }
  });

  it('refuses a tampered package, a wrong passphrase and a file that is not a package, with a clear message and nothing written', async () => {
    const out = await must<ExportResult>('exports.create', exportInput());
    const bytes = Buffer.from(out.fileBase64, 'base64');
    bytes[bytes.length - 40] = bytes[bytes.length - 40]! ^ 0x01;
    const tampered = await call('transfers.preview', { packageBase64: bytes.toString('base64'), passphrase: PASSPHRASE, identity: null });
    expect(tampered).toMatchObject({
      ok: false,
      error: {
        code: 'invalid_input',
        message: expect.stringMatching(/changed or damaged|cannot be trusted/i),
        fields: { packageBase64: expect.any(String) },
      },
    });
    const wrong = await call('transfers.import', {
      packageBase64: out.fileBase64,
      passphrase: 'not the passphrase',
      identity: null,
      confirm: true,
      packageSha256: createHash('sha256').update(Buffer.from(out.fileBase64, 'base64')).digest('hex'),
      planSha256: 'a'.repeat(64),
      acceptUnverified: false,
    });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'invalid_input', fields: { passphrase: expect.any(String) } } });
    const junk = await call('transfers.preview', {
      packageBase64: Buffer.from('hello, this is not age').toString('base64'),
      passphrase: PASSPHRASE,
      identity: null,
    });
    expect(junk).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect((await must<{ total: number }>('pupils.list', {})).total).toBe(1);
  });

  describe('forged and tampered packages (issue 14, item 7)', () => {
    let identity: string;
    let recipient: string;
    const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
    const enc = (v: unknown) => new TextEncoder().encode(JSON.stringify(v, null, 2));
    const open = (packageBase64: string) => ({ packageBase64, passphrase: null, identity });

    beforeEach(async () => {
      identity = await generateX25519Identity();
      recipient = await identityToRecipient(identity);
    });

    /**
     * What someone holding the age key (or the passphrase) can do to a genuine package: open it, change pupil.json,
     * and seal it again, validly. `relist`: update the manifest's digests to the new pupil.json; `sign`: keep the
     * genuine signature, strip it (an "older version" package), or sign again with another key.
     */
    async function forge(
      genuine: string,
      opts: {
        edit: (doc: { data: { details: { contacts: Record<string, unknown>[] } } }) => void;
        relist: boolean;
        sign: 'keep' | 'strip' | PackageSigner;
        editManifest?: (m: { from: { urn: string } }) => void;
      },
    ): Promise<string> {
      const { files } = await openPackage(new Uint8Array(Buffer.from(genuine, 'base64')), { identity });
      const byName = new Map(files.map((f) => [f.name, f.data]));
      const doc = JSON.parse(Buffer.from(byName.get('pupil.json')!).toString('utf8'));
      opts.edit(doc);
      byName.set('pupil.json', enc(doc));
      let manifest = JSON.parse(Buffer.from(byName.get('manifest.json')!).toString('utf8')) as Record<string, unknown> & {
        files: { name: string; bytes: number; sha256: string }[];
      };
      if (opts.relist)
        manifest.files = manifest.files.map((f) => ({ ...f, bytes: byName.get(f.name)!.length, sha256: sha(byName.get(f.name)!) }));
      opts.editManifest?.(manifest as unknown as { from: { urn: string } });
      if (opts.sign !== 'keep') {
        const { signer: _signer, signature: _signature, ...body } = manifest;
        manifest = (opts.sign === 'strip' ? body : signManifest(body, opts.sign)) as typeof manifest;
      }
      byName.set('manifest.json', enc(manifest));
      const sealed = await sealPackage(
        [...byName].map(([name, data]) => ({ name, data })),
        { recipients: [recipient] },
      );
      return Buffer.from(sealed).toString('base64');
    }

    const hijack = (doc: { data: { details: { contacts: Record<string, unknown>[] } } }) => {
      // The attack in the issue: the parent's telephone and email become the forger's.
      doc.data.details.contacts = [
        { name: 'Jo Testington', relationship: 'mother', phone: '07700 900666', email: 'not-jo@example.net', parentalResponsibility: true },
      ];
    };
    const contactsNow = async () => (await must<PupilProfile>('pupils.get', { id: pupil.id })).contacts;

    it('a package re-signed with another key is from an unknown sender, passing itself off as this school; the diff lists the changed contacts; nothing is written until the risk is accepted', async () => {
      const genuine = await must<ExportResult>('exports.create', exportInput({ recipient, passphrase: null, sections: ['details'] }));
      const forged = await forge(genuine.fileBase64, { edit: hijack, relist: true, sign: generateSigningKey() });
      const before = await contactsNow();
      const r = await call<TransferPreview>('transfers.preview', open(forged));
      expect(r.ok).toBe(true);
      const p = (r as { value: TransferPreview }).value;
      expect(p.action).toBe('update');
      expect(p.sender).toMatchObject({
        status: 'unknown',
        school: SCHOOL.name,
        urn: SCHOOL.urn,
        trusted: null,
        keyMismatch: true,
        fingerprint: expect.stringMatching(/^([0-9A-F]{4} ){15}[0-9A-F]{4}$/),
      });
      expect(p.sender.fingerprint).not.toBe((await must<SigningIdentity>('transfers.identity', {})).fingerprint);
      // Each changed field, old value and new: the contacts above all. Nothing else changes.
      expect(p.diff).toEqual([
        { section: 'contacts', field: 'phone', item: 'Jo Testington', change: 'changed', before: '01632 960001', after: '07700 900666' },
        {
          section: 'contacts',
          field: 'email',
          item: 'Jo Testington',
          change: 'changed',
          before: 'jo@example.org',
          after: 'not-jo@example.net',
        },
      ]);
      expect(p.changes).toEqual([{ section: 'details', add: 0, update: 1, unchanged: 0, kept: false }]);
      expect(await contactsNow()).toEqual(before);
      const confirm = { ...open(forged), confirm: true, packageSha256: p.packageSha256, planSha256: p.planSha256 };
      expect(await call('transfers.import', { ...confirm, acceptUnverified: false })).toMatchObject({
        ok: false,
        error: { fields: { acceptUnverified: expect.any(String) } },
      });
      expect(await contactsNow()).toEqual(before);
      // Accepted, in so many words: exactly what was previewed is written.
      await must('transfers.import', { ...confirm, acceptUnverified: true });
      expect(await contactsNow()).toEqual([
        { name: 'Jo Testington', relationship: 'mother', phone: '07700 900666', email: 'not-jo@example.net', parentalResponsibility: true },
      ]);
      const [event] = (await core.ds.query("SELECT detail FROM audit_event WHERE operation = 'transfers.import'")) as { detail: string }[];
      expect(JSON.parse(event!.detail)).toMatchObject({
        sender: 'unknown',
        keyMismatch: true,
        acceptedUnverified: true,
        fields: ['contacts.phone', 'contacts.email'],
      });
    });

    it('an unsigned package (as an older SENCo Desk made them, or one stripped of its signature) is flagged as unsigned and needs the same acceptance', async () => {
      const genuine = await must<ExportResult>('exports.create', exportInput({ recipient, passphrase: null, sections: ['details'] }));
      const unsigned = await forge(genuine.fileBase64, { edit: hijack, relist: true, sign: 'strip' });
      const p = await must<TransferPreview>('transfers.preview', open(unsigned));
      expect(p.sender).toEqual({
        status: 'unsigned',
        school: SCHOOL.name,
        urn: SCHOOL.urn,
        publicKey: null,
        fingerprint: null,
        trusted: null,
        keyMismatch: true,
      });
      expect(p.diff.filter((d) => d.section === 'contacts').map((d) => [d.field, d.before, d.after])).toEqual([
        ['phone', '01632 960001', '07700 900666'],
        ['email', 'jo@example.org', 'not-jo@example.net'],
      ]);
      const refused = await call('transfers.import', {
        ...open(unsigned),
        confirm: true,
        packageSha256: p.packageSha256,
        planSha256: p.planSha256,
        acceptUnverified: false,
      });
      expect(refused).toMatchObject({ ok: false, error: { message: expect.stringMatching(/not signed/) } });
      expect((await contactsNow())[0]).toMatchObject({ phone: '01632 960001' });
    });

    it('a signed package changed after signing is refused outright, whether its listing or its signature gives it away', async () => {
      const genuine = await must<ExportResult>('exports.create', exportInput({ recipient, passphrase: null, sections: ['details'] }));
      // This school's own package, untouched: its own, no warning, nothing to change.
      expect((await must<TransferPreview>('transfers.preview', open(genuine.fileBase64))).sender).toMatchObject({
        status: 'own',
        keyMismatch: false,
      });
      const listing = await forge(genuine.fileBase64, { edit: hijack, relist: false, sign: 'keep' });
      expect(await call('transfers.preview', open(listing))).toMatchObject({
        ok: false,
        error: {
          code: 'invalid_input',
          message: expect.stringMatching(/does not match what the sending school signed/),
          fields: { packageBase64: expect.any(String) },
        },
      });
      const signature = await forge(genuine.fileBase64, { edit: hijack, relist: true, sign: 'keep' });
      expect(await call('transfers.preview', open(signature))).toMatchObject({
        ok: false,
        error: { message: expect.stringMatching(/signature does not match/) },
      });
      for (const bad of [listing, signature]) {
        expect(
          await call('transfers.import', {
            ...open(bad),
            confirm: true,
            packageSha256: sha(Buffer.from(bad, 'base64')),
            planSha256: 'a'.repeat(64),
            acceptUnverified: true,
          }),
        ).toMatchObject({ ok: false });
      }
      expect((await contactsNow())[0]).toMatchObject({ phone: '01632 960001' });
    });

    it('imports only the file previewed, and only while the record is as previewed', async () => {
      const genuine = await must<ExportResult>('exports.create', exportInput({ recipient, passphrase: null, sections: ['details'] }));
      const changed = await forge(genuine.fileBase64, {
        edit: (d) => {
          d.data.details.contacts[0]!.phone = '01632 960999';
        },
        relist: true,
        sign: generateSigningKey(),
      });
      const previewed = await must<TransferPreview>('transfers.preview', open(genuine.fileBase64));
      // Another file sent with the first one's preview: refused beside the file.
      const swapped = await call('transfers.import', {
        ...open(changed),
        confirm: true,
        packageSha256: previewed.packageSha256,
        planSha256: previewed.planSha256,
        acceptUnverified: true,
      });
      expect(swapped).toMatchObject({
        ok: false,
        error: { fields: { packageBase64: expect.stringMatching(/not the file you previewed/) } },
      });
      // The record changed here after the preview: the preview no longer says what would be written.
      const p = await must<TransferPreview>('transfers.preview', open(changed));
      await must('pupils.update', {
        ...pupilInput({ upn: pupil.upn, legalFirstName: 'Sasha', legalLastName: 'Sharing-Test', senStatus: 'K', needs: ['SLCN'] }),
        id: pupil.id,
        contacts: [],
      });
      const stale = await call('transfers.import', {
        ...open(changed),
        confirm: true,
        packageSha256: p.packageSha256,
        planSha256: p.planSha256,
        acceptUnverified: true,
      });
      expect(stale).toMatchObject({
        ok: false,
        error: { code: 'conflict', message: expect.stringMatching(/changed since you previewed/) },
      });
      expect(await contactsNow()).toEqual([]);
    });

    it('trusting a sender: the fingerprint must be the key’s, never this school’s own key; listed, removed, and audited', async () => {
      const other = generateSigningKey();
      const { fingerprintOf } = await import('../exports/signing');
      const fingerprint = fingerprintOf(other.publicKey);
      const trust = { publicKey: other.publicKey, school: 'Northgate Academy (synthetic)', urn: '100002', fingerprint, note: null };
      expect(await call('transfers.senders.trust', { ...trust, fingerprint: fingerprint.replace(/^..../, '0000') })).toMatchObject({
        ok: false,
        error: { fields: { fingerprint: expect.any(String) } },
      });
      const ours = await must<SigningIdentity>('transfers.identity', {});
      expect(await call('transfers.senders.trust', { ...trust, publicKey: ours.publicKey, fingerprint: ours.fingerprint })).toMatchObject({
        ok: false,
        error: { fields: { publicKey: expect.stringMatching(/own/) } },
      });
      // Typed in small letters and without spaces, it is the same fingerprint.
      const saved = await must<TrustedSender>('transfers.senders.trust', {
        ...trust,
        fingerprint: fingerprint.replace(/ /g, '').toLowerCase(),
      });
      expect(saved).toMatchObject({ school: trust.school, urn: '100002', fingerprint, trustedBy: expect.stringContaining('sam.senco') });
      expect(await must<TrustedSender[]>('transfers.senders.list', {})).toEqual([saved]);
      // Now a package from another key naming Northgate's URN is flagged as a possible impostor.
      const genuine = await must<ExportResult>('exports.create', exportInput({ recipient, passphrase: null, sections: ['details'] }));
      const impostor = await forge(genuine.fileBase64, {
        edit: (d) => {
          (d as unknown as { from: { urn: string } }).from.urn = '100002';
        },
        relist: true,
        sign: generateSigningKey(),
      });
      // The manifest names the sender too: pupil.json's "from" alone changed is refused as inconsistent...
      expect(await call('transfers.preview', open(impostor))).toMatchObject({
        ok: false,
        error: { fields: { packageBase64: expect.any(String) } },
      });
      // ...and both changed, consistently, is a valid package from an unknown key naming a trusted school.
      const both = await forge(genuine.fileBase64, {
        edit: (d) => {
          (d as unknown as { from: { urn: string } }).from.urn = '100002';
        },
        relist: true,
        editManifest: (m) => {
          m.from.urn = '100002';
        },
        sign: generateSigningKey(),
      });
      expect((await must<TransferPreview>('transfers.preview', open(both))).sender).toMatchObject({
        status: 'unknown',
        urn: '100002',
        trusted: null,
        keyMismatch: true,
      });
      await must('transfers.senders.remove', { id: saved.id });
      expect(await must<TrustedSender[]>('transfers.senders.list', {})).toEqual([]);
      expect(await call('transfers.senders.remove', { id: saved.id })).toMatchObject({ ok: false, error: { code: 'not_found' } });
      const audit = (await core.ds.query(
        "SELECT operation, detail FROM audit_event WHERE operation LIKE 'transfers.senders.%' ORDER BY seq",
      )) as { operation: string; detail: string }[];
      expect(audit.map((a) => a.operation)).toEqual(['transfers.senders.trust', 'transfers.senders.remove']);
      expect(JSON.parse(audit[0]!.detail)).toMatchObject({ school: trust.school, urn: '100002', fingerprint });
      // Therapy leads and headteachers see the fingerprint; only the SENCo keeps the list.
      await must('users.create', { displayName: 'Hana Head', username: 'hana', role: 'headteacher', password: 'headteacher password' });
      const head = await must<{ session: string }>('auth.signIn', { username: 'hana', password: 'headteacher password' }, '');
      expect(await call('transfers.identity', {}, head.session)).toMatchObject({ ok: true, value: { fingerprint: ours.fingerprint } });
      expect(await call('transfers.senders.trust', trust, head.session)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    });
  });

  it('only the SENCo and therapy lead export; a therapist outside the pupil’s caseload cannot', async () => {
    const tess = await must<UserSummary>('users.create', {
      displayName: 'Tess Therapist',
      username: 'tess',
      role: 'therapist',
      password: 'therapist password',
    });
    const signed = await must<{ session: string }>('auth.signIn', { username: 'tess', password: 'therapist password' }, '');
    expect(await call('exports.create', exportInput(), signed.session)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(tess.role).toBe('therapist');
  });
});
