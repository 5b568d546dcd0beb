/**
 * Sharing with agencies (issue 9): export packages in the age format, the review pack as an AES-256 password PDF,
 * the sharing log, and transfer in. Every export is logged in the same transaction as it is made: who, when, to
 * whom, which sections, the lawful basis, and the file's SHA-256. The passphrase and password are never stored or
 * audited.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { ExportSection, SharingRecord, TransferPreview } from '../../../shared/contract';
import { assessmentInput, EXPORT_SECTIONS, pupilCreateInput } from '../../../shared/contract';
import { todayIso } from '../../../shared/dates';
import { t } from '../../../shared/i18n';
import { findUnstorable } from '../../../shared/storable';
import { AppFailure } from '../../../shared/result';
import { actorLabel, nowIso, type ServiceContext, type ServiceFn } from '../context';
import { AssessmentEntity, PupilEntity, SharingLogEntity } from '../db/entities';
import { EXPORT_FORMAT, EXPORT_FORMAT_VERSION, gatherExport, packageFiles, type ExportDocument } from '../exports/export-data';
import { ExportPackageError, openPackage, sealPackage } from '../exports/package';
import { gatherReviewPack } from './progress';
import { assessmentsSave, requirePupil } from './referrals';
import { pupilsCreate, pupilsGet, pupilsUpdate } from './pupils';
import { requireSchool } from './setup';
import { displayName } from './pupils';

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const slug = (s: string) => s.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'export';

function recordView(r: SharingLogEntity, pupil: { name: string; upn: string }): SharingRecord {
  return {
    id: r.id, pupilId: r.pupilId, pupilName: pupil.name, upn: pupil.upn, organisation: r.organisation, sections: JSON.parse(r.sectionsJson) as string[],
    article6: r.article6 as SharingRecord['article6'], article9: r.article9 as SharingRecord['article9'], format: r.format as SharingRecord['format'],
    lockedWith: r.lockedWith as SharingRecord['lockedWith'], recipientKey: r.recipientKey, fileName: r.fileName, bytes: r.bytes, sha256: r.sha256, note: r.note,
    exportedBy: r.exportedBy, exportedAt: r.exportedAt,
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
  ctx.auditDetail({ organisation: row.organisation, sections: JSON.parse(row.sectionsJson) as string[], article6: row.article6, article9: row.article9, lockedWith: row.lockedWith, bytes: row.bytes });
  return recordView(row, { name: displayName(pupil), upn: pupil.upn });
}

/** Errors about the file itself rather than the passphrase or key used on it. */
const FILE_ERRORS: ReadonlySet<string> = new Set(['not_age', 'damaged', 'not_a_package', 'unsupported', 'unsafe_name', 'duplicate_name', 'too_many_files', 'too_large', 'no_files']);

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
  const school = await requireSchool(ctx.em);
  // In the order of the list, whatever order they were ticked in.
  const sections = EXPORT_SECTIONS.filter((s) => input.sections.includes(s));
  const doc = await gatherExport(ctx, { ...input, sections }, school, actorLabel(ctx.actor));
  const { renderExportPdf } = await import('../exports/export-pdf');
  const pdf = await renderExportPdf(doc, (s) => t(`exportSections.${s}`));
  let bytes: Uint8Array;
  try {
    bytes = await sealPackage(packageFiles(doc, pdf), input.recipient ? { recipients: [input.recipient] } : { passphrase: input.passphrase! });
  } catch (err) {
    throw packageFailure(err, input.recipient ? 'recipient' : 'passphrase');
  }
  const fileName = `${pupil.upn}-${slug(input.organisation)}-${todayIso(ctx.now)}.age`;
  const record = await logExport(ctx, pupil, {
    organisation: input.organisation, sectionsJson: JSON.stringify(sections), article6: input.basis.article6, article9: input.basis.article9, format: 'age_package',
    lockedWith: input.recipient ? 'public_key' : 'passphrase', recipientKey: input.recipient, fileName, bytes: bytes.length, sha256: sha256(bytes), note: input.note,
  });
  return { record, fileBase64: Buffer.from(bytes).toString('base64') };
};

export const exportsReviewPackPdf: ServiceFn<'exports.reviewPackPdf'> = async (ctx, input) => {
  const data = await gatherReviewPack(ctx, input.reviewId);
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
  const fileName = `review-pack-${slug(data.pupil.name)}-${data.review.date}-protected.pdf`;
  const record = await logExport(ctx, pupil, {
    organisation: input.organisation, sectionsJson: JSON.stringify(['review_pack']), article6: input.basis.article6, article9: input.basis.article9, format: 'protected_pdf',
    lockedWith: 'password', recipientKey: null, fileName, bytes: pdf.length, sha256: sha256(pdf), note: input.note,
  });
  return { record, fileBase64: pdf.toString('base64') };
};

export const exportsLog: ServiceFn<'exports.log'> = async (ctx, input) => {
  if (input.pupilId) {
    await requirePupil(ctx.em, input.pupilId);
    ctx.touchPupil(input.pupilId);
  }
  const qb = ctx.em.getRepository(SharingLogEntity).createQueryBuilder('s').orderBy('s.exported_at', 'DESC').limit(5000);
  if (input.pupilId) qb.andWhere('s.pupil_id = :pupilId', { pupilId: input.pupilId });
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

interface OpenedPackage {
  readonly doc: ExportDocument;
}

async function openTransfer(input: { packageBase64: string; passphrase: string | null; identity: string | null }): Promise<OpenedPackage> {
  if ((input.passphrase === null) === (input.identity === null)) {
    const message = t('validation.keyOrPassphrase');
    throw new AppFailure('invalid_input', message, { passphrase: message });
  }
  let files;
  try {
    ({ files } = await openPackage(new Uint8Array(Buffer.from(input.packageBase64, 'base64')), input.passphrase !== null ? { passphrase: input.passphrase } : { identity: input.identity! }));
  } catch (err) {
    throw packageFailure(err, input.passphrase !== null ? 'passphrase' : 'identity');
  }
  const file = (name: string) => files.find((f) => f.name === name);
  const notOurs = () => new AppFailure('invalid_input', t('errors.transferNotSencoDesk'), { packageBase64: t('errors.transferNotSencoDesk') });
  const manifestFile = file('manifest.json');
  const docFile = file('pupil.json');
  if (!manifestFile || !docFile) throw notOurs();
  let manifest: { format?: unknown; version?: unknown; files?: { name: string; sha256: string }[] };
  let doc: ExportDocument;
  try {
    manifest = JSON.parse(Buffer.from(manifestFile.data).toString('utf8')) as typeof manifest;
    doc = JSON.parse(Buffer.from(docFile.data).toString('utf8')) as ExportDocument;
  } catch {
    throw notOurs();
  }
  if (manifest.format !== EXPORT_FORMAT || doc.format !== EXPORT_FORMAT) throw notOurs();
  if (manifest.version !== EXPORT_FORMAT_VERSION || doc.version !== EXPORT_FORMAT_VERSION) {
    throw new AppFailure('invalid_input', t('errors.transferVersion', { version: String(manifest.version) }));
  }
  // Every file the manifest lists is there with its digest (age has authenticated the whole; this checks the sender's own listing).
  for (const f of manifest.files ?? []) {
    const found = file(f.name);
    if (!found || sha256(found.data) !== f.sha256) throw new AppFailure('invalid_input', t('errors.transferDamaged'));
  }
  // The package's JSON can carry text the database could not store exactly (a lone surrogate as an escape, U+0000):
  // refused, as the dispatcher refuses it in any input (shared/storable.ts), before anything is read from it.
  if (findUnstorable(doc, 64, { controls: 'nul' })) throw new AppFailure('invalid_input', t('integrity.packageText'), { packageBase64: t('integrity.packageText') });
  return { doc };
}

interface Plan {
  readonly preview: TransferPreview;
  readonly pupilInput: Record<string, unknown> | null;
  readonly assessments: Record<string, unknown>[];
}

async function planTransfer(ctx: ServiceContext, opened: OpenedPackage): Promise<Plan> {
  const { doc } = opened;
  const existing = await ctx.em.getRepository(PupilEntity).findOne({ where: { upn: doc.pupil.upn } });
  const details = doc.data.details as Record<string, unknown> | undefined;
  const needs = doc.data.needs as { senStatus: string; needs: string[] } | undefined;
  const changes: { section: string; add: number; update: number; unchanged: number; kept: boolean }[] = [];

  let pupilInput: Record<string, unknown> | null = null;
  const current = existing ? await pupilsGet(ctx, { id: existing.id }) : null;
  if (details || needs) {
    const base = current
      ? { ...current }
      : { upn: doc.pupil.upn, dateOfBirth: doc.pupil.dateOfBirth, yearGroup: doc.pupil.yearGroup, senStatus: 'N', needs: [], contacts: [], dateJoined: todayIso(ctx.now) };
    const merged: Record<string, unknown> = { ...base };
    if (details) {
      for (const k of ['legalFirstName', 'legalLastName', 'preferredFirstName', 'preferredLastName', 'dateOfBirth', 'yearGroup', 'contacts'] as const) merged[k] = details[k];
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
    const fields = ['upn', 'legalFirstName', 'legalLastName', 'preferredFirstName', 'preferredLastName', 'dateOfBirth', 'yearGroup', 'className', 'dateJoined', 'dateLeft', 'homeSchoolName', 'homeSchoolUrn', 'senStatus', 'needs', 'contacts'];
    pupilInput = Object.fromEntries(fields.map((f) => [f, merged[f] ?? null]));
    if (!pupilInput.contacts) pupilInput.contacts = [];
    if (!pupilInput.needs) pupilInput.needs = [];
    const parsed = pupilCreateInput.safeParse(pupilInput);
    if (!parsed.success) throw new AppFailure('invalid_input', t('errors.transferInvalid', { section: t('exportSections.details'), detail: parsed.error.issues[0]?.message ?? '' }));
    const same = current !== null && fields.every((f) => JSON.stringify((current as unknown as Record<string, unknown>)[f] ?? null) === JSON.stringify(pupilInput![f] ?? null));
    for (const s of ['details', 'needs'] as const) {
      if (doc.data[s] !== undefined) changes.push({ section: s, add: current ? 0 : 1, update: current && !same ? 1 : 0, unchanged: same ? 1 : 0, kept: false });
    }
    if (same) pupilInput = null;
  } else if (!current) {
    throw new AppFailure('invalid_input', t('errors.transferNeedsDetails'));
  }

  const assessments: Record<string, unknown>[] = [];
  if (doc.data.assessments !== undefined) {
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
      if (!parsed.success) throw new AppFailure('invalid_input', t('errors.transferInvalid', { section: t('exportSections.assessments'), detail: parsed.error.issues[0]?.message ?? '' }));
      assessments.push({ ...rest, id: null, referralId: null });
    }
    changes.push({ section: 'assessments', add: assessments.length, update: 0, unchanged, kept: false });
  }
  for (const s of doc.sections) if (!IMPORTED.includes(s)) changes.push({ section: s, add: 0, update: 0, unchanged: 0, kept: true });

  const preview: TransferPreview = {
    pupil: { upn: doc.pupil.upn, name: doc.pupil.name, dateOfBirth: doc.pupil.dateOfBirth, yearGroup: doc.pupil.yearGroup },
    action: existing ? 'update' : 'create',
    existingPupilId: existing?.id ?? null,
    from: { school: doc.from.school, exportedAt: doc.exportedAt, organisation: doc.to.organisation, sections: doc.sections },
    changes,
  };
  return { preview, pupilInput, assessments };
}

export const transfersPreview: ServiceFn<'transfers.preview'> = async (ctx, input) => {
  const { preview } = await planTransfer(ctx, await openTransfer(input));
  if (preview.existingPupilId) ctx.touchPupil(preview.existingPupilId);
  ctx.auditDetail({ from: preview.from.school, upn: preview.pupil.upn, action: preview.action });
  return preview;
};

/** Writes what the preview showed, in one transaction: all of it or (on any refusal) none of it. */
export const transfersImport: ServiceFn<'transfers.import'> = async (ctx, input) => {
  const plan = await planTransfer(ctx, await openTransfer(input));
  let pupilId = plan.preview.existingPupilId;
  if (plan.pupilInput) {
    const parsed = pupilCreateInput.parse(plan.pupilInput);
    pupilId = pupilId ? (await pupilsUpdate(ctx, { ...parsed, id: pupilId })).id : (await pupilsCreate(ctx, parsed)).id;
  }
  if (!pupilId) throw new AppFailure('invalid_input', t('errors.transferNeedsDetails'));
  for (const a of plan.assessments) await assessmentsSave(ctx, assessmentInput.parse({ ...a, pupilId }));
  ctx.touchPupil(pupilId);
  ctx.auditDetail({ from: plan.preview.from.school, upn: plan.preview.pupil.upn, action: plan.preview.action, assessments: plan.assessments.length });
  return { ...plan.preview, pupilId };
};
