/**
 * What an agency export holds: the chosen sections of one pupil's record, gathered through the same service
 * functions the app's screens use (so the export shows what the app shows, and each read is the record's own),
 * then laid out three ways: `pupil.json` (machine-readable, the whole document), one CSV per section (flattened
 * rows), and a readable PDF (export-pdf.ts). A `manifest.json` names the format, the sender, the recipient, the
 * sections and each file's SHA-256, and is signed with the sending installation's key (signing.ts), so the one
 * signature covers every file.
 */
import { createHash } from 'node:crypto';
import type { ExportSection, PupilProfile } from '../../../shared/contract';
import { todayIso } from '../../../shared/dates';
import type { ServiceContext } from '../context';
import { ehcpGet, ehcpListForPupil } from '../services/ehcp';
import { assessmentsList, referralsList } from '../services/referrals';
import { bandsHistory } from '../services/bands';
import { ippsListForPupil } from '../services/ipps';
import { listSessions } from '../services/sessions';
import { reviewsGet, reviewsListForPupil, parentUpdatesList } from '../services/reviews';
import { pupilsGet } from '../services/pupils';
import { csvDocument, type CsvValue } from './csv';
import type { PackageFile } from './package';
import { signManifest, type PackageSigner } from './signing';

/** The format name and version in every manifest; transfer in refuses anything else. */
export const EXPORT_FORMAT = 'senco-desk-export';
export const EXPORT_FORMAT_VERSION = 1;

export interface ExportDocument {
  readonly format: typeof EXPORT_FORMAT;
  readonly version: typeof EXPORT_FORMAT_VERSION;
  readonly exportedAt: string;
  readonly from: { readonly school: string; readonly urn: string; readonly exportedBy: string };
  readonly to: { readonly organisation: string };
  readonly basis: { readonly article6: string; readonly article9: string };
  readonly pupil: { readonly upn: string; readonly name: string; readonly dateOfBirth: string; readonly yearGroup: string };
  readonly sections: readonly ExportSection[];
  /** Each chosen section's records, as the app's own operations return them. */
  readonly data: Partial<Readonly<Record<ExportSection, unknown>>>;
}

/** Sessions go back this far (the statutory and practical horizon for a receiving service). */
const SESSION_YEARS = 6;

async function section(ctx: ServiceContext, pupilId: string, s: ExportSection): Promise<unknown> {
  switch (s) {
    case 'details': {
      const {
        needs: _n,
        senStatus: _s,
        senStatusFrom: _f,
        senHistory: _h,
        needsIdentifiedOn: _i,
        ...details
      } = (await pupilsGet(ctx, { id: pupilId })) as PupilProfile & { senStatusFrom?: unknown };
      return details;
    }
    case 'needs': {
      const p = await pupilsGet(ctx, { id: pupilId });
      return { senStatus: p.senStatus, senHistory: p.senHistory, needs: p.needs, needsIdentifiedOn: p.needsIdentifiedOn };
    }
    case 'ehcp': {
      const plans = await ehcpListForPupil(ctx, { pupilId });
      return Promise.all(plans.map((p) => ehcpGet(ctx, { planId: p.id })));
    }
    case 'referrals':
      return referralsList(ctx, { pupilId });
    case 'assessments':
      return assessmentsList(ctx, { pupilId });
    case 'bands':
      return bandsHistory(ctx, { pupilId });
    case 'plans':
      return ippsListForPupil(ctx, { pupilId });
    case 'sessions': {
      const to = todayIso(ctx.now);
      const from = `${Number(to.slice(0, 4)) - SESSION_YEARS}${to.slice(4)}`;
      const sessions = await listSessions(ctx.em, { from, to: `${Number(to.slice(0, 4)) + 1}${to.slice(4)}`, pupilId, limit: 50_000 });
      // Only this pupil's line of each session: a group's other pupils are not this export's to share.
      return sessions.map((v) => ({ ...v, pupils: v.pupils.filter((p) => p.pupilId === pupilId) }));
    }
    case 'reviews': {
      const list = await reviewsListForPupil(ctx, { pupilId });
      return Promise.all(list.map((r) => reviewsGet(ctx, { id: r.id })));
    }
    case 'parent_updates':
      return parentUpdatesList(ctx, { pupilId });
  }
}

export async function gatherExport(
  ctx: ServiceContext,
  input: { pupilId: string; organisation: string; sections: readonly ExportSection[]; basis: { article6: string; article9: string } },
  school: { name: string; urn: string },
  exportedBy: string,
): Promise<ExportDocument> {
  const profile = await pupilsGet(ctx, { id: input.pupilId });
  const data: Partial<Record<ExportSection, unknown>> = {};
  for (const s of input.sections) data[s] = await section(ctx, input.pupilId, s);
  return {
    format: EXPORT_FORMAT,
    version: EXPORT_FORMAT_VERSION,
    exportedAt: ctx.now.toISOString(),
    from: { school: school.name, urn: school.urn, exportedBy },
    to: { organisation: input.organisation },
    basis: input.basis,
    pupil: { upn: profile.upn, name: profile.name, dateOfBirth: profile.dateOfBirth, yearGroup: profile.yearGroup },
    sections: input.sections,
    data,
  };
}

// ---- CSV ----

/** Rows for a section: each record one row, nested values as JSON; one record sections give one row. */
export function sectionCsv(value: unknown): string {
  const rows = (Array.isArray(value) ? value : [value]).filter((r) => r !== null && r !== undefined) as unknown[];
  const records = rows.map((r) => (typeof r === 'object' ? (r as Record<string, unknown>) : { value: r }));
  const columns: string[] = [];
  for (const r of records) for (const k of Object.keys(r)) if (!columns.includes(k) && r[k] !== undefined) columns.push(k);
  // The one CSV writer (csv.ts): BOM, CRLF, RFC 4180 quoting, spreadsheet formulas defused.
  return csvDocument([columns, ...records.map((r) => columns.map((c) => r[c] as CsvValue))]);
}

const enc = new TextEncoder();
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/**
 * The package's files: the readable PDF, pupil.json, one CSV per section, and the manifest listing them all, signed
 * by `signer` (this school's key: the manifest's `from` is the school it names).
 */
export function packageFiles(doc: ExportDocument, pdf: Uint8Array, signer: PackageSigner): PackageFile[] {
  const files: PackageFile[] = [
    { name: 'record.pdf', data: pdf },
    { name: 'pupil.json', data: enc.encode(JSON.stringify(doc, null, 2)) },
    ...doc.sections.map((s) => ({ name: `csv/${s}.csv`, data: enc.encode(sectionCsv(doc.data[s])) })),
  ];
  const manifest = {
    format: doc.format,
    version: doc.version,
    exportedAt: doc.exportedAt,
    from: doc.from,
    to: doc.to,
    pupil: { upn: doc.pupil.upn, name: doc.pupil.name },
    sections: doc.sections,
    files: files.map((f) => ({ name: f.name, bytes: f.data.length, sha256: sha256(f.data) })),
  };
  return [{ name: 'manifest.json', data: enc.encode(JSON.stringify(signManifest(manifest, signer), null, 2)) }, ...files];
}
