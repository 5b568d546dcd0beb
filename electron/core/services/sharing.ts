/**
 * Sharing with agencies (issue 9): the chosen sections as an AES-256 password-protected PDF (the default, issue 17:
 * it opens in any PDF reader, its password made here and returned once) or an export package in the age format, the
 * review pack as an AES-256 password PDF,
 * the sharing log, and transfer in. Every export is logged in the same transaction as it is made: who, when, to
 * whom, which sections, the lawful basis, and the file's SHA-256. The passphrase and password are never stored or
 * audited. Every package is signed with this school's key (exports/signing.ts); transfer in shows who signed it
 * and every field it would change before anything is written, and refuses a package changed after signing
 * (issue 14, item 7).
 */
import { createHash, randomUUID } from 'node:crypto';
import type {
  ExportSection,
  SenderStatus,
  SharingRecord,
  TransferFieldChange,
  TransferPreview,
  TransferSender,
} from '../../../shared/contract';
import { assessmentInput, EXPORT_SECTIONS, pupilCreateInput, senderNeedsConfirmation } from '../../../shared/contract';
import { todayIso } from '../../../shared/dates';
import { generatePdfPassword } from '../../../shared/passphrase';
import { t, type I18nKey } from '../../../shared/i18n';
import { findUnstorable } from '../../../shared/storable';
import { AppFailure } from '../../../shared/result';
import { actorLabel, nowIso, type ServiceContext, type ServiceFn } from '../context';
import { AssessmentEntity, PupilEntity, SharingLogEntity, TrustedSenderEntity } from '../db/entities';
import { EXPORT_FORMAT, EXPORT_FORMAT_VERSION, gatherExport, packageFiles, type ExportDocument } from '../exports/export-data';
import { ExportPackageError, openPackage, PackageLock, sealPackage } from '../exports/package';
import { verifyManifest, type ManifestSignature } from '../exports/signing';
import { DETAIL_FIELDS, NEEDS_FIELDS, pupilDiff, type TransferPupil } from '../exports/transfer-diff';
import { installationKey, packageSigner } from './installation-key';
import { gatherReviewPack } from './progress';
import { assessmentsSave, requirePupil } from './referrals';
import { pupilsCreate, pupilsGet, pupilsUpdate } from './pupils';
import { requireSchool } from './setup';
import { displayName } from './pupil-name';
import { schoolFilter } from '../scope';

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const slug = (s: string) =>
  s
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60) || 'export';

function recordView(r: SharingLogEntity, pupil: { name: string; upn: string }): SharingRecord {
  return {
    id: r.id,
    pupilId: r.pupilId,
    pupilName: pupil.name,
    upn: pupil.upn,
    organisation: r.organisation,
    sections: JSON.parse(r.sectionsJson) as string[],
    article6: r.article6 as SharingRecord['article6'],
    article9: r.article9 as SharingRecord['article9'],
    format: r.format as SharingRecord['format'],
    lockedWith: r.lockedWith as SharingRecord['lockedWith'],
    recipientKey: r.recipientKey,
    fileName: r.fileName,
    bytes: r.bytes,
    sha256: r.sha256,
    note: r.note,
    exportedBy: r.exportedBy,
    exportedAt: r.exportedAt,
  };
}

async function logExport(
  ctx: ServiceContext,
  pupil: PupilEntity,
  entry: Omit<SharingLogEntity, 'id' | 'pupilId' | 'pupil' | 'exportedBy' | 'exportedByUserId' | 'exportedAt'>,
): Promise<SharingRecord> {
  const row: SharingLogEntity = {
    ...entry,
    id: randomUUID(),
    pupilId: pupil.id,
    exportedBy: actorLabel(ctx.actor),
    exportedByUserId: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
    exportedAt: nowIso(ctx),
  };
  await ctx.em.getRepository(SharingLogEntity).insert(row);
  ctx.auditDetail({
    organisation: row.organisation,
    sections: JSON.parse(row.sectionsJson) as string[],
    article6: row.article6,
    article9: row.article9,
    format: row.format,
    lockedWith: row.lockedWith,
    bytes: row.bytes,
  });
  return recordView(row, { name: displayName(pupil), upn: pupil.upn });
}

/** Errors about the file itself rather than the passphrase or key used on it. */
const FILE_ERRORS: ReadonlySet<string> = new Set([
  'not_age',
  'damaged',
  'not_a_package',
  'unsupported',
  'unsafe_name',
  'duplicate_name',
  'too_many_files',
  'too_large',
  'no_files',
]);

/** A package error as the person sees it: what was wrong, beside the field it came from (the file, or the key). */
function packageFailure(err: unknown, field: string): AppFailure {
  if (err instanceof ExportPackageError) {
    return new AppFailure('invalid_input', err.message, { [FILE_ERRORS.has(err.code) ? 'packageBase64' : field]: err.message });
  }
  throw err;
}

export const exportsCreate: ServiceFn<'exports.create'> = async (ctx, input) => {
  const pupil = await requirePupil(ctx.em, input.pupilId);
  ctx.touchPupil(pupil.id);
  // The pupil's school sends it (a trust's server holds several).
  const school = await requireSchool(ctx.em, pupil.schoolId);
  // In the order of the list, whatever order they were ticked in.
  const sections = EXPORT_SECTIONS.filter((s) => input.sections.includes(s));
  // An age package's lock is checked first, and a passphrase's key (scrypt: about a second, on a thread of its own)
  // is derived while the sections are gathered and the PDF is made.
  const lockField = input.recipient ? 'recipient' : 'passphrase';
  let lock: PackageLock | null = null;
  if (input.format !== 'protected_pdf') {
    try {
      lock = new PackageLock(input.recipient ? { recipients: [input.recipient] } : { passphrase: input.passphrase! });
    } catch (err) {
      throw packageFailure(err, lockField);
    }
  }
  // Long work: progress between its steps, and a cancel between them rolls it back, sharing log and all (operation.ts).
  ctx.progress?.({ done: 0, total: 4, label: 'gathering' });
  const doc = await gatherExport(ctx, { ...input, sections }, school, actorLabel(ctx.actor));
  ctx.checkCancelled?.();
  ctx.progress?.({ done: 1, total: 4, label: 'building' });
  const { renderExportPdf } = await import('../exports/export-pdf');
  const title = (s: ExportSection) => t(`exportSections.${s}`);
  if (!lock) {
    // A protected PDF (no package lock), the default (issue 17, item 6): one PDF of the chosen sections that any PDF
    // reader opens with the password, which is made here, returned once and kept nowhere (not in the log, the audit
    // detail or any file).
    const password = generatePdfPassword();
    const pdf = await renderExportPdf(doc, title, { password });
    ctx.checkCancelled?.();
    ctx.progress?.({ done: 3, total: 4, label: 'writing' });
    const fileName = `${pupil.upn}-${slug(input.organisation)}-${todayIso(ctx.now)}-protected.pdf`;
    const record = await logExport(ctx, pupil, {
      organisation: input.organisation,
      sectionsJson: JSON.stringify(sections),
      article6: input.basis.article6,
      article9: input.basis.article9,
      format: 'protected_pdf',
      lockedWith: 'password',
      recipientKey: null,
      fileName,
      bytes: pdf.length,
      sha256: sha256(pdf),
      note: input.note,
    });
    return { record, fileBase64: Buffer.from(pdf).toString('base64'), password };
  }
  const pdf = await renderExportPdf(doc, title);
  ctx.checkCancelled?.();
  ctx.progress?.({ done: 2, total: 4, label: 'writing' });
  // Signed as this school (issue 14, item 7), so the receiver can tell who made it.
  const signer = await packageSigner(ctx);
  let bytes: Uint8Array;
  try {
    bytes = await sealPackage(packageFiles(doc, pdf, signer), lock);
  } catch (err) {
    throw packageFailure(err, lockField);
  }
  ctx.checkCancelled?.();
  ctx.progress?.({ done: 3, total: 4, label: 'writing' });
  const fileName = `${pupil.upn}-${slug(input.organisation)}-${todayIso(ctx.now)}.age`;
  const record = await logExport(ctx, pupil, {
    organisation: input.organisation,
    sectionsJson: JSON.stringify(sections),
    article6: input.basis.article6,
    article9: input.basis.article9,
    format: 'age_package',
    lockedWith: input.recipient ? 'public_key' : 'passphrase',
    recipientKey: input.recipient,
    fileName,
    bytes: bytes.length,
    sha256: sha256(bytes),
    note: input.note,
  });
  return { record, fileBase64: Buffer.from(bytes).toString('base64'), password: null };
};

export const exportsReviewPackPdf: ServiceFn<'exports.reviewPackPdf'> = async (ctx, input) => {
  ctx.progress?.({ done: 0, total: 3, label: 'gathering' });
  const data = await gatherReviewPack(ctx, input.reviewId);
  ctx.checkCancelled?.();
  ctx.progress?.({ done: 1, total: 3, label: 'building' });
  const pupil = await ctx.em.getRepository(PupilEntity).findOneOrFail({ where: { upn: data.pupil.upn } });
  ctx.touchPupil(pupil.id);
  const { renderReviewPack } = await import('../reports/review-pack-pdf');
  const { PdfPasswordError } = await import('./../exports/protected-pdf');
  let pdf: Buffer;
  try {
    ({ pdf } = await renderReviewPack(data, { password: input.password }));
  } catch (err) {
    if (err instanceof PdfPasswordError) throw new AppFailure('invalid_input', err.message, { password: err.message });
    throw err;
  }
  ctx.checkCancelled?.();
  ctx.progress?.({ done: 2, total: 3, label: 'writing' });
  const fileName = `review-pack-${slug(data.pupil.name)}-${data.review.date}-protected.pdf`;
  const record = await logExport(ctx, pupil, {
    organisation: input.organisation,
    sectionsJson: JSON.stringify(['review_pack']),
    article6: input.basis.article6,
    article9: input.basis.article9,
    format: 'protected_pdf',
    lockedWith: 'password',
    recipientKey: null,
    fileName,
    bytes: pdf.length,
    sha256: sha256(pdf),
    note: input.note,
  });
  return { record, fileBase64: pdf.toString('base64'), password: null };
};

export const exportsLog: ServiceFn<'exports.log'> = async (ctx, input) => {
  if (input.pupilId) {
    await requirePupil(ctx.em, input.pupilId);
    ctx.touchPupil(input.pupilId);
  }
  const qb = ctx.em.getRepository(SharingLogEntity).createQueryBuilder('s').orderBy('s.exported_at', 'DESC').limit(5000);
  if (input.pupilId) qb.andWhere('s.pupil_id = :pupilId', { pupilId: input.pupilId });
  // The school's own pupils' exports (a trust's server: the log moves with its pupil; electron/core/scope.ts).
  const school = schoolFilter(ctx);
  if (school) qb.andWhere('s.pupil_id IN (SELECT p.id FROM pupil p WHERE p.school_id = :school)', { school });
  if (input.from) qb.andWhere('s.exported_at >= :from', { from: input.from });
  if (input.to) qb.andWhere('s.exported_at < :to', { to: `${input.to}T99` });
  const rows = await qb.getMany();
  const pupils = rows.length ? await ctx.em.getRepository(PupilEntity).findBy(rows.map((r) => ({ id: r.pupilId }))) : [];
  const byId = new Map(pupils.map((p) => [p.id, { name: displayName(p), upn: p.upn }]));
  ctx.auditDetail({ listed: rows.length });
  return rows.map((r) => recordView(r, byId.get(r.pupilId) ?? { name: '?', upn: '?' }));
};

// ---- transfer in ----

/** Sections transfer in writes; the rest stay in the package for reading (its PDF and CSVs). */
const IMPORTED: readonly ExportSection[] = ['details', 'needs', 'assessments'];

interface Manifest {
  readonly format?: unknown;
  readonly version?: unknown;
  readonly from?: { readonly school?: unknown; readonly urn?: unknown };
  readonly pupil?: { readonly upn?: unknown };
  readonly files?: unknown;
}

interface OpenedPackage {
  readonly doc: ExportDocument;
  /** The school and URN the manifest names (signed, unless unsigned). */
  readonly from: { readonly school: string; readonly urn: string };
  readonly signature: Extract<ManifestSignature, { status: 'valid' | 'unsigned' }>;
  readonly packageSha256: string;
}

const asObject = (v: unknown): Record<string, unknown> | null =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;

async function openTransfer(
  input: { packageBase64: string; passphrase: string | null; identity: string | null },
  bytes: Uint8Array,
): Promise<OpenedPackage> {
  if ((input.passphrase === null) === (input.identity === null)) {
    const message = t('validation.keyOrPassphrase');
    throw new AppFailure('invalid_input', message, { passphrase: message });
  }
  let files;
  try {
    ({ files } = await openPackage(bytes, input.passphrase !== null ? { passphrase: input.passphrase } : { identity: input.identity! }));
  } catch (err) {
    throw packageFailure(err, input.passphrase !== null ? 'passphrase' : 'identity');
  }
  const file = (name: string) => files.find((f) => f.name === name);
  const refuse = (key: I18nKey) => new AppFailure('invalid_input', t(key), { packageBase64: t(key) });
  const manifestFile = file('manifest.json');
  const docFile = file('pupil.json');
  if (!manifestFile || !docFile) throw refuse('errors.transferNotSencoDesk');
  let manifest: Record<string, unknown> | null;
  let doc: ExportDocument;
  try {
    manifest = asObject(JSON.parse(Buffer.from(manifestFile.data).toString('utf8')));
    doc = JSON.parse(Buffer.from(docFile.data).toString('utf8')) as ExportDocument;
  } catch {
    throw refuse('errors.transferNotSencoDesk');
  }
  if (!manifest || !asObject(doc)) throw refuse('errors.transferNotSencoDesk');
  const m = manifest as Manifest;
  if (m.format !== EXPORT_FORMAT || doc.format !== EXPORT_FORMAT) throw refuse('errors.transferNotSencoDesk');
  if (m.version !== EXPORT_FORMAT_VERSION || doc.version !== EXPORT_FORMAT_VERSION) {
    throw new AppFailure('invalid_input', t('errors.transferVersion', { version: String(m.version) }));
  }
  // Who signed it, before anything in it is believed. A signature that does not verify means the manifest was
  // changed after it was signed (or the signature was pasted from another package): refused outright.
  const signature = verifyManifest(manifest);
  if (signature.status === 'bad') throw refuse('errors.transferBadSignature');
  const signed = signature.status === 'valid';
  // Every file in the package is listed in the manifest with its digest, and nothing listed is missing: the
  // signature over the manifest then covers every byte (pupil.json above all). Unsigned packages are held to
  // the same listing, though anyone could have written it.
  const listed = Array.isArray(m.files) ? (m.files as unknown[]).map(asObject) : null;
  const damaged = () => refuse(signed ? 'errors.transferTampered' : 'errors.transferDamaged');
  if (!listed || listed.some((f) => !f || typeof f.name !== 'string' || typeof f.sha256 !== 'string')) throw damaged();
  const digests = new Map(listed.map((f) => [f!.name as string, f!.sha256 as string]));
  if (digests.size !== listed.length || digests.has('manifest.json')) throw damaged();
  for (const f of files) {
    if (f.name === 'manifest.json') continue;
    if (digests.get(f.name) !== sha256(f.data)) throw damaged();
  }
  if (files.length !== digests.size + 1) throw damaged();
  // The pupil and the sender pupil.json names are the ones the (signed) manifest names.
  const from = asObject(m.from);
  const docFrom = asObject(doc.from);
  const school = typeof from?.school === 'string' ? from.school : null;
  const urn = typeof from?.urn === 'string' ? from.urn : null;
  if (
    school === null ||
    urn === null ||
    docFrom?.school !== school ||
    docFrom.urn !== urn ||
    asObject(m.pupil)?.upn !== asObject(doc.pupil)?.upn
  )
    throw damaged();
  if (!asObject(doc.data) || !Array.isArray(doc.sections)) throw refuse('errors.transferNotSencoDesk');
  // The package's JSON can carry text the database could not store exactly (a lone surrogate as an escape, U+0000):
  // refused, as the dispatcher refuses it in any input (shared/storable.ts), before anything is read from it.
  if (findUnstorable(doc, 64, { controls: 'nul' }))
    throw new AppFailure('invalid_input', t('integrity.packageText'), { packageBase64: t('integrity.packageText') });
  return { doc, from: { school, urn }, signature, packageSha256: sha256(bytes) };
}

/** Who made the package: this school, a trusted sender, an unknown key, or nobody says. */
async function senderOf(ctx: ServiceContext, opened: OpenedPackage): Promise<TransferSender> {
  const { school, urn } = opened.from;
  const own = await installationKey(ctx.em, nowIso(ctx));
  const ownSchool = await requireSchool(ctx.em, ctx.tenancy?.schoolId);
  const trustedRepo = ctx.em.getRepository(TrustedSenderEntity);
  const sig = opened.signature;
  const trusted = sig.status === 'valid' ? await trustedRepo.findOne({ where: { publicKey: sig.publicKey } }) : null;
  const status: SenderStatus =
    sig.status === 'unsigned' ? 'unsigned' : sig.publicKey === own.publicKey ? 'own' : trusted ? 'trusted' : 'unknown';
  // Naming this school, or a school trusted here, without that school's key: the classic forgery.
  const keyMismatch =
    (status === 'unknown' || status === 'unsigned') && (urn === ownSchool.urn || (await trustedRepo.exists({ where: { urn } })));
  return {
    status,
    school,
    urn,
    publicKey: sig.status === 'valid' ? sig.publicKey : null,
    fingerprint: sig.status === 'valid' ? sig.fingerprint : null,
    trusted: trusted ? { school: trusted.school, urn: trusted.urn, trustedAt: trusted.trustedAt, trustedBy: trusted.trustedBy } : null,
    keyMismatch,
  };
}

interface Plan {
  readonly preview: TransferPreview;
  readonly pupilInput: TransferPupil | null;
  readonly assessments: Record<string, unknown>[];
}

const PUPIL_FIELDS = ['upn', ...DETAIL_FIELDS, ...NEEDS_FIELDS, 'contacts'] as const;

async function planTransfer(ctx: ServiceContext, opened: OpenedPackage): Promise<Plan> {
  const { doc } = opened;
  const existing = await ctx.em.getRepository(PupilEntity).findOne({ where: { upn: doc.pupil.upn } });
  const details = doc.data.details as Record<string, unknown> | undefined;
  const needs = doc.data.needs as { senStatus: string; needs: string[] } | undefined;
  const changes: { section: string; add: number; update: number; unchanged: number; kept: boolean }[] = [];
  const diff: TransferFieldChange[] = [];

  let pupilInput: TransferPupil | null = null;
  const current = existing ? await pupilsGet(ctx, { id: existing.id }) : null;
  if (details || needs) {
    const base = current
      ? { ...current }
      : {
          upn: doc.pupil.upn,
          dateOfBirth: doc.pupil.dateOfBirth,
          yearGroup: doc.pupil.yearGroup,
          senStatus: 'N',
          needs: [],
          contacts: [],
          dateJoined: todayIso(ctx.now),
        };
    const merged: Record<string, unknown> = { ...base };
    if (details) {
      for (const k of [
        'legalFirstName',
        'legalLastName',
        'preferredFirstName',
        'preferredLastName',
        'dateOfBirth',
        'yearGroup',
        'contacts',
      ] as const)
        merged[k] = details[k];
      if (!current) {
        // A pupil joining: they join today (not the sender's date); their old school's class means nothing here.
        merged.className = null;
        merged.dateLeft = null;
        merged.homeSchoolName = null;
        merged.homeSchoolUrn = null;
      }
    }
    if (needs) {
      merged.senStatus = needs.senStatus;
      merged.needs = needs.needs;
    }
    const candidate: Record<string, unknown> = Object.fromEntries(PUPIL_FIELDS.map((f) => [f, merged[f] ?? null]));
    if (!candidate.contacts) candidate.contacts = [];
    if (!candidate.needs) candidate.needs = [];
    const parsed = pupilCreateInput.safeParse(candidate);
    if (!parsed.success)
      throw new AppFailure(
        'invalid_input',
        t('errors.transferInvalid', { section: t('exportSections.details'), detail: parsed.error.issues[0]?.message ?? '' }),
      );
    // Exactly the fields written (parsed: trimmed, normalised), against the record as it is now.
    const { senStatusFrom: _from, ...next } = parsed.data;
    const fieldDiff = pupilDiff(current, next);
    diff.push(...fieldDiff);
    const touched = (section: 'details' | 'needs') =>
      fieldDiff.some((d) => (section === 'needs' ? d.section === 'needs' : d.section !== 'needs'));
    for (const s of ['details', 'needs'] as const) {
      if (doc.data[s] === undefined) continue;
      changes.push({
        section: s,
        add: current ? 0 : 1,
        update: current && touched(s) ? 1 : 0,
        unchanged: current && !touched(s) ? 1 : 0,
        kept: false,
      });
    }
    // Nothing differs: nothing is written (the diff covers every field the import writes).
    pupilInput = fieldDiff.length === 0 ? null : next;
  } else if (!current) {
    throw new AppFailure('invalid_input', t('errors.transferNeedsDetails'));
  }

  const assessments: Record<string, unknown>[] = [];
  if (doc.data.assessments !== undefined) {
    if (!Array.isArray(doc.data.assessments))
      throw new AppFailure(
        'invalid_input',
        t('errors.transferInvalid', { section: t('exportSections.assessments'), detail: t('validation.expectedList') }),
      );
    const had = existing ? await ctx.em.getRepository(AssessmentEntity).find({ where: { pupilId: existing.id } }) : [];
    const key = (a: { date: string; discipline: string; kind: string }) => `${a.date}|${a.discipline}|${a.kind}`;
    const known = new Set(had.map(key));
    let unchanged = 0;
    for (const a of doc.data.assessments as Record<string, unknown>[]) {
      if (known.has(key(a as { date: string; discipline: string; kind: string }))) {
        unchanged++;
        continue;
      }
      const { id: _id, pupilId: _p, referralId: _r, ...rest } = a;
      const parsed = assessmentInput.safeParse({ ...rest, id: null, pupilId: existing?.id ?? 'new', referralId: null });
      if (!parsed.success)
        throw new AppFailure(
          'invalid_input',
          t('errors.transferInvalid', { section: t('exportSections.assessments'), detail: parsed.error.issues[0]?.message ?? '' }),
        );
      assessments.push({ ...rest, id: null, referralId: null });
      const v = parsed.data;
      diff.push({
        section: 'assessments',
        field: 'assessment',
        item: null,
        change: 'added',
        before: null,
        after: [v.date, v.discipline, v.kind, v.assessorName],
      });
    }
    changes.push({ section: 'assessments', add: assessments.length, update: 0, unchanged, kept: false });
  }
  for (const s of doc.sections) if (!IMPORTED.includes(s)) changes.push({ section: s, add: 0, update: 0, unchanged: 0, kept: true });

  const sender = await senderOf(ctx, opened);
  const action: TransferPreview['action'] = existing ? 'update' : 'create';
  // What the person is shown and what is written, in one digest: the import recomputes it and must get the same.
  const planSha256 = sha256(
    new TextEncoder().encode(
      JSON.stringify({
        packageSha256: opened.packageSha256,
        action,
        existingPupilId: existing?.id ?? null,
        sender,
        changes,
        diff,
        pupilInput,
        assessments,
      }),
    ),
  );
  const preview: TransferPreview = {
    pupil: { upn: doc.pupil.upn, name: doc.pupil.name, dateOfBirth: doc.pupil.dateOfBirth, yearGroup: doc.pupil.yearGroup },
    action,
    existingPupilId: existing?.id ?? null,
    from: { school: opened.from.school, exportedAt: doc.exportedAt, organisation: doc.to.organisation, sections: doc.sections },
    sender,
    changes,
    diff,
    packageSha256: opened.packageSha256,
    planSha256,
  };
  return { preview, pupilInput, assessments };
}

/** What the audit trail keeps of a transfer: who sent it and which fields changed, never their values. */
function transferDetail(preview: TransferPreview): Record<string, unknown> {
  return {
    from: preview.from.school,
    urn: preview.sender.urn,
    sender: preview.sender.status,
    fingerprint: preview.sender.fingerprint,
    keyMismatch: preview.sender.keyMismatch,
    upn: preview.pupil.upn,
    action: preview.action,
    packageSha256: preview.packageSha256,
    fields: [...new Set(preview.diff.map((d) => `${d.section}.${d.field}`))],
  };
}

const packageBytes = (base64: string) => new Uint8Array(Buffer.from(base64, 'base64'));

export const transfersPreview: ServiceFn<'transfers.preview'> = async (ctx, input) => {
  const { preview } = await planTransfer(ctx, await openTransfer(input, packageBytes(input.packageBase64)));
  if (preview.existingPupilId) ctx.touchPupil(preview.existingPupilId);
  ctx.auditDetail(transferDetail(preview));
  return preview;
};

/**
 * Writes what the preview showed, in one transaction: all of it or (on any refusal) none of it. Bound to the
 * preview: the same file (its SHA-256), the same plan (the record here unchanged since), and for an unknown or
 * unsigned sender the person's confirmation that they accept the risk.
 */
export const transfersImport: ServiceFn<'transfers.import'> = async (ctx, input) => {
  const bytes = packageBytes(input.packageBase64);
  if (sha256(bytes) !== input.packageSha256) {
    const message = t('errors.transferNotPreviewed');
    throw new AppFailure('invalid_input', message, { packageBase64: message });
  }
  const plan = await planTransfer(ctx, await openTransfer(input, bytes));
  if (plan.preview.planSha256 !== input.planSha256) throw new AppFailure('conflict', t('errors.transferPlanChanged'));
  const { sender } = plan.preview;
  if (senderNeedsConfirmation(sender) && !input.acceptUnverified) {
    const message = t(sender.status === 'unsigned' ? 'errors.transferUnsignedConfirm' : 'errors.transferUnknownConfirm', {
      school: sender.school,
    });
    throw new AppFailure('invalid_input', message, { acceptUnverified: message });
  }
  let pupilId = plan.preview.existingPupilId;
  if (plan.pupilInput) {
    const parsed = pupilCreateInput.parse(plan.pupilInput);
    pupilId = pupilId ? (await pupilsUpdate(ctx, { ...parsed, id: pupilId })).id : (await pupilsCreate(ctx, parsed)).id;
  }
  if (!pupilId) throw new AppFailure('invalid_input', t('errors.transferNeedsDetails'));
  // Long work: a cancel between the records it writes rolls the whole transfer in back (operation.ts).
  for (const [i, a] of plan.assessments.entries()) {
    ctx.checkCancelled?.();
    ctx.progress?.({ done: i, total: plan.assessments.length, label: 'importing' });
    await assessmentsSave(ctx, assessmentInput.parse({ ...a, pupilId }));
  }
  ctx.touchPupil(pupilId);
  ctx.auditDetail({
    ...transferDetail(plan.preview),
    acceptedUnverified: senderNeedsConfirmation(sender),
    assessments: plan.assessments.length,
  });
  return { ...plan.preview, pupilId };
};
