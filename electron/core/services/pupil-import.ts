/**
 * Pupil import from a management information system (MIS) export. Header names are matched case-insensitively
 * and ignoring spaces and punctuation, with the names SIMS, Arbor and Bromcom commonly use. Every row is validated
 * with the same schema as the pupil form; good rows are written in the operation's one transaction; a re-import
 * updates by UPN and never duplicates; each bad row is reported with its line number, the column and the reason.
 * The school census rules on SEN provision and type (shared/census.ts) refuse a row; a year group that does not
 * fit the date of birth does not: the row is imported as given and reported as a warning for someone to check.
 */
import { IsNull } from 'typeorm';
import { pupilCreateInput, type ImportRejection, type ImportWarning, type PupilFields } from '../../../shared/contract';
import { NEED_CODES, SEN_STATUSES, type NeedCode, type SenStatus } from '../../../shared/domain';
import { parseYearGroup, yearGroupReferenceDate, yearGroupWarning } from '../../../shared/census';
import { parseAnyDate, todayIso } from '../../../shared/dates';
import { normaliseUpn } from '../../../shared/upn';
import { nowIso, type ServiceFn } from '../context';
import { PupilEntity, PupilNeedEntity, SenStatusPeriodEntity } from '../db/entities';
import { changeSenStatus, insertPupil, replaceNeeds } from './pupils';
import { schoolFilter } from '../scope';
import { t } from '../../../shared/i18n';

type Field =
  | 'upn'
  | 'legalFirstName'
  | 'legalLastName'
  | 'preferredFirstName'
  | 'preferredLastName'
  | 'dateOfBirth'
  | 'yearGroup'
  | 'className'
  | 'senStatus'
  | 'primaryNeed'
  | 'secondaryNeed'
  | 'dateJoined';

const norm = (h: string) => h.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Accepted header names per field, already normalised. */
export const HEADER_SYNONYMS: Readonly<Record<Field, readonly string[]>> = {
  upn: ['upn', 'uniquepupilnumber', 'pupilnumber'],
  legalFirstName: ['legalforename', 'legalfirstname', 'forename', 'firstname', 'givenname', 'forenames'],
  legalLastName: ['legalsurname', 'legallastname', 'surname', 'lastname', 'familyname'],
  preferredFirstName: ['preferredforename', 'preferredfirstname', 'knownas', 'chosenforename'],
  preferredLastName: ['preferredsurname', 'preferredlastname', 'chosensurname'],
  dateOfBirth: ['dob', 'dateofbirth', 'birthdate'],
  yearGroup: ['yeargroup', 'year', 'ncyear', 'nationalcurriculumyear', 'yeartaughtin', 'ncyearactual'],
  className: ['class', 'classname', 'reggroup', 'registrationgroup', 'form', 'tutorgroup'],
  senStatus: ['senstatus', 'senprovision', 'sen', 'senstage', 'sencode'],
  primaryNeed: ['primaryneed', 'senneed1', 'primarysenneed', 'need1', 'sentyperank1', 'primarysentype'],
  secondaryNeed: ['secondaryneed', 'senneed2', 'secondarysenneed', 'need2', 'sentyperank2', 'secondarysentype'],
  dateJoined: ['datejoined', 'admissiondate', 'entrydate', 'startdate', 'dateofadmission', 'doa'],
};

const REQUIRED: readonly Field[] = ['upn', 'legalFirstName', 'legalLastName', 'dateOfBirth', 'yearGroup'];

const FIELD_LABEL: Readonly<Record<Field, string>> = {
  upn: 'UPN',
  legalFirstName: 'Legal forename',
  legalLastName: 'Legal surname',
  preferredFirstName: 'Preferred forename',
  preferredLastName: 'Preferred surname',
  dateOfBirth: 'Date of birth',
  yearGroup: 'Year group',
  className: 'Class',
  senStatus: 'SEN status',
  primaryNeed: 'Primary need',
  secondaryNeed: 'Secondary need',
  dateJoined: 'Date joined',
};

/** Maps each field to the header the file used for it, or reports the required ones missing. */
export function mapHeaders(headers: readonly string[]): { map: Partial<Record<Field, string>>; missing: Field[] } {
  const map: Partial<Record<Field, string>> = {};
  for (const h of headers) {
    const n = norm(h);
    for (const [field, names] of Object.entries(HEADER_SYNONYMS) as [Field, readonly string[]][]) {
      if (!map[field] && names.includes(n)) map[field] = h;
    }
  }
  return { map, missing: REQUIRED.filter((f) => !map[f]) };
}

function parseSenStatus(v: string): SenStatus | null {
  const s = v.trim().toUpperCase();
  if (s === '') return 'N';
  if ((SEN_STATUSES as readonly string[]).includes(s)) return s as SenStatus;
  if (/EHC|STATEMENT|EDUCATION,? HEALTH/.test(s)) return 'E';
  if (/SEN SUPPORT|^SUPPORT$/.test(s)) return 'K';
  if (/^NO SEN|^NONE$/.test(s)) return 'N';
  return null;
}

function parseNeed(v: string): NeedCode | null | 'bad' {
  const s = v.trim().toUpperCase();
  if (s === '') return null;
  return (NEED_CODES as readonly string[]).includes(s) ? (s as NeedCode) : 'bad';
}

export const pupilsImport: ServiceFn<'pupils.import'> = async (ctx, input) => {
  const rejected: ImportRejection[] = [];
  const warnings: ImportWarning[] = [];
  const headers = [...new Set(input.rows.flatMap((r) => Object.keys(r.values)))];
  const { map, missing } = mapHeaders(headers);
  if (missing.length && input.rows.length) {
    for (const f of missing) {
      rejected.push({
        line: 1,
        field: FIELD_LABEL[f],
        reason: `No column for ${FIELD_LABEL[f]} was found in the header. Accepted names include: ${HEADER_SYNONYMS[f].slice(0, 3).join(', ')}.`,
        upn: null,
      });
    }
    return { created: 0, updated: 0, unchanged: 0, rejected, warnings };
  }
  const today = todayIso(ctx.now);
  const seen = new Map<string, number>();
  let created = 0;
  let updated = 0;
  let unchanged = 0;
  const pupils = ctx.em.getRepository(PupilEntity);
  const recordedSen = async (pupilId: string): Promise<{ status: SenStatus; needs: NeedCode[] }> => {
    const open = await ctx.em.getRepository(SenStatusPeriodEntity).findOne({ where: { pupilId, endDate: IsNull() } });
    const ranked = await ctx.em.getRepository(PupilNeedEntity).find({ where: { pupilId }, order: { rank: 'ASC' } });
    return { status: (open?.status ?? 'N') as SenStatus, needs: ranked.map((n) => n.needCode as NeedCode) };
  };

  // Long work: progress every 25 rows, and a cancel between rows rolls the whole import back (operation.ts).
  let rowsDone = 0;
  for (const row of input.rows) {
    if (rowsDone++ % 25 === 0) {
      ctx.checkCancelled?.();
      ctx.progress?.({ done: rowsDone - 1, total: input.rows.length, label: 'importing' });
    }
    const get = (f: Field) => {
      const h = map[f];
      return h === undefined ? undefined : (row.values[h] ?? '').trim();
    };
    const reject = (f: Field | '_', reason: string) =>
      rejected.push({
        line: row.line,
        field: f === '_' ? '' : (map[f as Field] ?? FIELD_LABEL[f as Field]),
        reason,
        upn: get('upn') || null,
      });

    const upn = normaliseUpn(get('upn') ?? '');
    const firstLine = seen.get(upn);
    if (upn && firstLine !== undefined) {
      reject('upn', `UPN ${upn} already appears on line ${firstLine} of this file; each pupil can appear once.`);
      continue;
    }
    const dobRaw = get('dateOfBirth') ?? '';
    const dob = parseAnyDate(dobRaw);
    if (dob === null) {
      reject('dateOfBirth', `"${dobRaw}" is not a date: use dd/mm/yyyy.`);
      continue;
    }
    const yearRaw = get('yearGroup') ?? '';
    const yearGroup = parseYearGroup(yearRaw);
    if (yearGroup === null) {
      reject(
        'yearGroup',
        `"${yearRaw}" is not a year group: use N1, N2, R, 1 to 14, or X for a pupil not following National Curriculum year groups.`,
      );
      continue;
    }
    const senRaw = get('senStatus');
    const senStatus = senRaw === undefined ? undefined : parseSenStatus(senRaw);
    if (senStatus === null) {
      reject('senStatus', `"${senRaw}" is not an SEN status: use E (EHC plan), K (SEN support) or N (no SEN).`);
      continue;
    }
    const needs: NeedCode[] = [];
    let badNeed = false;
    for (const f of ['primaryNeed', 'secondaryNeed'] as const) {
      const raw = get(f);
      if (raw === undefined) continue;
      const n = parseNeed(raw);
      if (n === 'bad') {
        reject(f, `"${raw}" is not a census need type code (${NEED_CODES.join(', ')}).`);
        badNeed = true;
        break;
      }
      if (n) needs.push(n);
    }
    if (badNeed) continue;
    const joinedRaw = get('dateJoined');
    const dateJoined = joinedRaw ? parseAnyDate(joinedRaw) : null;
    if (joinedRaw && dateJoined === null) {
      reject('dateJoined', `"${joinedRaw}" is not a date: use dd/mm/yyyy.`);
      continue;
    }

    const existing = upn ? await pupils.findOne({ where: { upn } }) : null;
    // Another school's pupil on a trust's server is neither updated nor named (electron/core/scope.ts).
    const school = schoolFilter(ctx);
    if (existing && school && existing.schoolId !== school) {
      reject('upn', t('tenancy.upnAtAnotherSchool', { upn }));
      continue;
    }
    if (existing) ctx.touchPupil(existing.id);
    // The census rules judge the record as it will be after the import: a column the file does not have keeps
    // what is on record (a re-import of names and year groups alone must not strip an E pupil's needs).
    const hasNeedColumns = map.primaryNeed !== undefined || map.secondaryNeed !== undefined;
    const recorded = existing ? await recordedSen(existing.id) : null;
    const finalStatus = senStatus ?? recorded?.status ?? 'N';
    const finalNeeds = hasNeedColumns ? needs : (recorded?.needs ?? needs);
    const candidate = {
      upn: get('upn') ?? '',
      legalFirstName: get('legalFirstName') ?? '',
      legalLastName: get('legalLastName') ?? '',
      preferredFirstName: get('preferredFirstName') ?? existing?.preferredFirstName ?? null,
      preferredLastName: get('preferredLastName') ?? existing?.preferredLastName ?? null,
      dateOfBirth: dob,
      yearGroup,
      className: get('className') ?? existing?.className ?? null,
      dateJoined: dateJoined ?? existing?.dateJoined ?? today,
      dateLeft: existing?.dateLeft ?? null,
      homeSchoolName: existing?.homeSchoolName ?? null,
      homeSchoolUrn: existing?.homeSchoolUrn ?? null,
      senStatus: finalStatus,
      senStatusFrom: null,
      needs: finalNeeds,
      contacts: [],
    };
    const parsed = pupilCreateInput.safeParse(candidate);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const path = String(issue.path[0] ?? '');
      // The ranked needs come from the primary and secondary need columns; a census rule on them names the first.
      const field = (
        path === 'needs' ? (map.primaryNeed ? 'primaryNeed' : map.secondaryNeed ? 'secondaryNeed' : 'senStatus') : path
      ) as Field;
      reject(field in FIELD_LABEL ? field : '_', issue.message);
      continue;
    }
    const v: PupilFields = parsed.data;
    seen.set(v.upn, row.line);
    // A year group that does not fit the date of birth is imported as given and reported, never refused.
    const yearWarning = yearGroupWarning(v.yearGroup, v.dateOfBirth, yearGroupReferenceDate(v.dateLeft, today));
    if (yearWarning) warnings.push({ line: row.line, field: map.yearGroup ?? FIELD_LABEL.yearGroup, reason: yearWarning, upn: v.upn });
    if (!existing) {
      await insertPupil(ctx, v);
      created++;
      continue;
    }
    const fields = [
      'legalFirstName',
      'legalLastName',
      'preferredFirstName',
      'preferredLastName',
      'dateOfBirth',
      'yearGroup',
      'className',
      'dateJoined',
    ] as const;
    const changes = Object.fromEntries(fields.filter((k) => (existing[k] ?? null) !== (v[k] ?? null)).map((k) => [k, v[k]]));
    let changed = Object.keys(changes).length > 0;
    if (changed) await pupils.update(existing.id, { ...changes, updatedAt: nowIso(ctx) });
    if (senStatus !== undefined) {
      const open = await ctx.em.getRepository(SenStatusPeriodEntity).findOne({ where: { pupilId: existing.id, endDate: IsNull() } });
      const from = open && open.startDate > today ? open.startDate : today;
      if (await changeSenStatus(ctx.em, existing.id, v.senStatus, from)) changed = true;
    }
    if (map.primaryNeed || map.secondaryNeed) {
      const current = await ctx.em.getRepository(PupilNeedEntity).find({ where: { pupilId: existing.id }, order: { rank: 'ASC' } });
      if (current.map((n) => n.needCode).join() !== v.needs.join()) {
        await replaceNeeds(ctx.em, existing.id, v.needs);
        changed = true;
      }
    }
    if (changed) updated++;
    else unchanged++;
  }
  ctx.checkCancelled?.();
  ctx.progress?.({ done: input.rows.length, total: input.rows.length, label: 'importing' });
  ctx.auditDetail({ created, updated, unchanged, rejected: rejected.length, warnings: warnings.length });
  return { created, updated, unchanged, rejected, warnings };
};
