/** The SEN register: counts by status, need, year group and class, and the CSV export. */
import type { RegisterSummary } from '../../../shared/contract';
import { NEED_CODES, SEN_STATUSES, yearGroupOrder, type NeedCode, type SenStatus, type YearGroup } from '../../../shared/domain';
import { formatUkDate, todayIso } from '../../../shared/dates';
import { t, yearGroupLabel } from '../../../shared/i18n';
import type { ServiceFn } from '../context';
import { dateOf, dateOrNull, numOf } from '../db/raw';
import { csvDocument, csvField } from '../exports/csv';
import { registerQuery, threadFilter } from './pupils';

export const registerSummary: ServiceFn<'register.summary'> = async (ctx, input) => {
  const { from, params } = registerQuery(ctx, { ...input, scope: ctx.scope, threadPupils: await threadFilter(ctx, input) });
  const [status, need, year, cls] = await Promise.all([
    ctx.em.query(`SELECT s.status AS k, COUNT(*) AS c ${from} GROUP BY s.status`, params) as Promise<{ k: string | null; c: unknown }[]>,
    ctx.em.query(`SELECT n.need_code AS k, COUNT(*) AS c ${from} GROUP BY n.need_code`, params) as Promise<
      { k: string | null; c: unknown }[]
    >,
    ctx.em.query(`SELECT p.year_group AS k, COUNT(*) AS c ${from} GROUP BY p.year_group`, params) as Promise<{ k: string; c: unknown }[]>,
    ctx.em.query(`SELECT p.class_name AS k, COUNT(*) AS c ${from} GROUP BY p.class_name`, params) as Promise<
      { k: string | null; c: unknown }[]
    >,
  ]);
  const byStatus = Object.fromEntries(SEN_STATUSES.map((s) => [s, 0])) as Record<SenStatus, number>;
  for (const r of status) byStatus[(r.k ?? 'N') as SenStatus] += numOf(r.c);
  const needOrder = (k: string | null) => (k === null ? 99 : NEED_CODES.indexOf(k as NeedCode));
  const summary: RegisterSummary = {
    total: Object.values(byStatus).reduce((a, b) => a + b, 0),
    byStatus,
    byNeed: need
      .map((r) => ({ need: (r.k ?? null) as NeedCode | null, count: numOf(r.c) }))
      .sort((a, b) => needOrder(a.need) - needOrder(b.need)),
    byYearGroup: year
      .map((r) => ({ yearGroup: r.k as YearGroup, count: numOf(r.c) }))
      .sort((a, b) => yearGroupOrder(a.yearGroup) - yearGroupOrder(b.yearGroup)),
    byClass: cls
      .map((r) => ({ className: r.k ?? null, count: numOf(r.c) }))
      .sort((a, b) => (a.className ?? '~').localeCompare(b.className ?? '~', 'en-GB', { numeric: true })),
  };
  return summary;
};

/** One CSV field, the one CSV writer's way (exports/csv.ts: RFC 4180 quoting, formulas defused). */
export { csvField };

export const registerExport: ServiceFn<'register.export'> = async (ctx, input) => {
  const { from, params } = registerQuery(ctx, {
    ...input,
    registerOnly: true,
    scope: ctx.scope,
    threadPupils: await threadFilter(ctx, input),
  });
  const rows: Record<string, unknown>[] = await ctx.em.query(
    'SELECT p.upn, p.legal_last_name, p.legal_first_name, p.preferred_first_name, p.preferred_last_name, p.date_of_birth, p.year_group, ' +
      'p.class_name, p.date_left, s.status, s.start_date, n.need_code, ' +
      '(SELECT n2.need_code FROM pupil_need n2 WHERE n2.pupil_id = p.id AND n2.rank = 2) AS secondary ' +
      `${from} ORDER BY p.legal_last_name, p.legal_first_name, p.id`,
    params,
  );
  const header = [
    'UPN',
    'Legal surname',
    'Legal forename',
    'Preferred name',
    'Date of birth',
    'Year group',
    'Class',
    'SEN status',
    'SEN status since',
    'Primary need',
    'Secondary need',
    'Date left',
  ];
  const lines: (string | null)[][] = [header];
  for (const r of rows) {
    const preferred = [r.preferred_first_name, r.preferred_last_name].filter(Boolean).join(' ');
    const status = (r.status ?? 'N') as SenStatus;
    lines.push([
      String(r.upn),
      String(r.legal_last_name),
      String(r.legal_first_name),
      preferred || null,
      formatUkDate(dateOf(r.date_of_birth)),
      yearGroupLabel(String(r.year_group)),
      (r.class_name as string | null) ?? null,
      `${status} (${t(`senStatus.${status}`)})`,
      formatUkDate(dateOrNull(r.start_date)),
      (r.need_code as string | null) ?? null,
      (r.secondary as string | null) ?? null,
      formatUkDate(dateOrNull(r.date_left)),
    ]);
  }
  ctx.auditDetail({ pupils: rows.length });
  // With a byte-order mark so Excel, which most schools open CSVs in, reads accented names as UTF-8 (exports/csv.ts).
  return { filename: `sen-register-${todayIso(ctx.now)}.csv`, csv: csvDocument(lines), rows: rows.length };
};
