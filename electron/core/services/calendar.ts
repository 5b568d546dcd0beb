/**
 * The school calendar: terms (school.ts holds the terms operations) and the closure days inside them (INSET days,
 * bank holidays, other closures), entered per academic year or imported from a CSV. Clocks that count school
 * weeks read both. Each school of a trust has its own (migration 0017): these read and change the caller's school's.
 */
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { parse } from 'csv-parse/sync';
import type { CalendarDay, ClosureKind } from '../../../shared/contract';
import { TERM_NAMES, type TermName } from '../../../shared/domain';
import { formatLongDate, parseAnyDate } from '../../../shared/dates';
import { t } from '../../../shared/i18n';
import { AppFailure } from '../../../shared/result';
import type { ServiceContext, ServiceFn } from '../context';
import { CalendarDayEntity } from '../db/entities';
import { addDays, dayOfWeek, type CalendarInput } from '../clocks';
import { dateOf, placeholder } from '../db/raw';
import { replaceTerms } from './school';
import { owningSchool } from '../scope';

/** 1 September to 31 August. */
export function academicYearOf(date: string): string {
  const y = Number(date.slice(0, 4));
  const start = Number(date.slice(5, 7)) >= 9 ? y : y - 1;
  return `${start}/${String((start + 1) % 100).padStart(2, '0')}`;
}

export function yearBounds(academicYear: string): { start: string; end: string } {
  const y = Number(academicYear.slice(0, 4));
  return { start: `${y}-09-01`, end: `${y + 1}-08-31` };
}

function dayView(d: CalendarDayEntity): CalendarDay {
  return { date: d.date, kind: d.kind as ClosureKind, name: d.name };
}

/** The caller's own school's closure days (a trust's schools each have their own: migration 0017). */
export const calendarListDays: ServiceFn<'calendar.listDays'> = async (ctx, input) => {
  const schoolId = await owningSchool(ctx);
  const rows = await ctx.em.getRepository(CalendarDayEntity).find({
    where: input.academicYear ? { schoolId, academicYear: input.academicYear } : { schoolId },
    order: { date: 'ASC' },
  });
  return rows.map(dayView);
};

async function replaceDays(ctx: ServiceContext, academicYear: string, days: readonly CalendarDay[]): Promise<CalendarDay[]> {
  const { start, end } = yearBounds(academicYear);
  const fields: Record<string, string> = {};
  const seen = new Set<string>();
  days.forEach((d, i) => {
    if (d.date < start || d.date > end) fields[`days.${i}.date`] = t('validation.outsideYear', { year: academicYear });
    else if (seen.has(d.date)) fields[`days.${i}.date`] = t('validation.duplicateDay', { date: formatLongDate(d.date) });
    seen.add(d.date);
  });
  if (Object.keys(fields).length) throw new AppFailure('invalid_input', t('errors.invalidInput'), fields);
  const schoolId = await owningSchool(ctx);
  const repo = ctx.em.getRepository(CalendarDayEntity);
  await repo.delete({ schoolId, academicYear });
  const rows = [...days]
    .sort((a, b) => a.date.localeCompare(b.date))
    .map((d) => Object.assign(new CalendarDayEntity(), { id: randomUUID(), schoolId, academicYear, ...d }));
  for (let i = 0; i < rows.length; i += 100) await repo.insert(rows.slice(i, i + 100));
  return rows.map(dayView);
}

export const calendarReplaceDays: ServiceFn<'calendar.replaceDays'> = async (ctx, input) => {
  const out = await replaceDays(ctx, input.academicYear, input.days);
  ctx.auditDetail({ academicYear: input.academicYear, days: out.length });
  return out;
};

const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');
const KIND_WORDS: Readonly<Record<string, 'term' | ClosureKind>> = {
  term: 'term',
  halfterm: 'term',
  inset: 'inset',
  insetday: 'inset',
  trainingday: 'inset',
  bankholiday: 'bank_holiday',
  publicholiday: 'bank_holiday',
  closure: 'closure',
  schoolclosed: 'closure',
  closed: 'closure',
};

function termName(raw: string): TermName | null {
  const n = norm(raw).replace('term', '').replace('halfterm', '');
  const m = /^(autumn|spring|summer)(1|2)$/.exec(n);
  return m ? (`${m[1]}${m[2]}` as TermName) : null;
}

/**
 * Imports a calendar CSV with the columns Type, Name, Start and End (end optional for single days; dates as
 * dd/mm/yyyy or yyyy-mm-dd). Each academic year in the file is replaced as a whole. A calendar must be complete to
 * be trusted, so a file with any bad row imports nothing and every problem is reported with its line.
 */
export const calendarImport: ServiceFn<'calendar.import'> = async (ctx, input) => {
  const rejected: { line: number; reason: string }[] = [];
  let records: { record: Record<string, string>; line: number }[] = [];
  try {
    records = (
      parse(input.csv.replace(/^\uFEFF/, ''), {
        columns: (h: string[]) => h.map(norm),
        skip_empty_lines: true,
        trim: true,
        info: true,
        relax_column_count: true,
      }) as {
        record: Record<string, string>;
        info: { lines: number };
      }[]
    ).map((r) => ({ record: r.record, line: r.info.lines }));
  } catch (err) {
    throw new AppFailure('invalid_input', t('validation.csvUnreadable', { detail: err instanceof Error ? err.message : String(err) }));
  }
  const terms = new Map<string, { name: TermName; startDate: string; endDate: string }[]>();
  const days = new Map<string, CalendarDay[]>();
  for (const { record, line } of records) {
    const kind = KIND_WORDS[norm(record.type ?? '')];
    const name = (record.name ?? '').trim();
    const start = parseAnyDate(record.start ?? record.date ?? record.startdate ?? '');
    const endRaw = (record.end ?? record.enddate ?? '').trim();
    const end = endRaw ? parseAnyDate(endRaw) : start;
    if (!kind) {
      rejected.push({ line, reason: t('validation.calendarType', { value: record.type ?? '' }) });
      continue;
    }
    if (!start) {
      rejected.push({ line, reason: t('validation.calendarDate', { value: record.start ?? '' }) });
      continue;
    }
    if (!end) {
      rejected.push({ line, reason: t('validation.calendarDate', { value: endRaw }) });
      continue;
    }
    if (end < start) {
      rejected.push({ line, reason: t('validation.endBeforeStart') });
      continue;
    }
    const year = academicYearOf(start);
    if (kind === 'term') {
      const tn = termName(name);
      if (!tn) {
        rejected.push({
          line,
          reason: t('validation.calendarTermName', { value: name, names: TERM_NAMES.map((n) => t(`terms.${n}`)).join(', ') }),
        });
        continue;
      }
      terms.set(year, [...(terms.get(year) ?? []), { name: tn, startDate: start, endDate: end }]);
      continue;
    }
    if (!name) {
      rejected.push({ line, reason: t('validation.calendarName') });
      continue;
    }
    // A range of closure days (an INSET block) becomes one row per weekday.
    for (let d = start; d <= end; d = addDays(d, 1)) {
      const dow = dayOfWeek(d);
      if (dow === 0 || dow === 6) continue;
      days.set(academicYearOf(d), [...(days.get(academicYearOf(d)) ?? []), { date: d, kind, name }]);
    }
  }
  const years = [...new Set([...terms.keys(), ...days.keys()])].sort();
  const counts = {
    terms: [...terms.values()].reduce((n, v) => n + v.length, 0),
    days: [...days.values()].reduce((n, v) => n + v.length, 0),
  };
  if (rejected.length || input.dryRun) return { years, ...counts, rejected };
  try {
    for (const [i, y] of years.entries()) {
      // Long work: a cancel between years rolls back the years already replaced (operation.ts).
      ctx.checkCancelled?.();
      ctx.progress?.({ done: i, total: years.length, label: 'importing' });
      if (terms.has(y)) await replaceTerms(ctx, y, terms.get(y)!);
      if (days.has(y)) await replaceDays(ctx, y, days.get(y)!);
    }
  } catch (err) {
    if (err instanceof AppFailure && err.fields) {
      // Field paths from the per-year checks mean nothing to someone reading a CSV: say it in words.
      throw new AppFailure('invalid_input', Object.values(err.fields).join(' '));
    }
    throw err;
  }
  ctx.auditDetail({ years, ...counts });
  return { years, ...counts, rejected };
};

/**
 * One school's terms and closures (a trust's schools each have their own: migration 0017), as the clocks, the session
 * planner and the provision map count school days with them; `named` keeps each term's year and name.
 */
export async function loadCalendar(
  em: EntityManager,
  schoolId: string,
): Promise<CalendarInput & { readonly named: readonly { academicYear: string; name: string; startDate: string; endDate: string }[] }> {
  const [terms, days] = await Promise.all([
    em.query(`SELECT academic_year, name, start_date, end_date FROM term WHERE school_id = ${placeholder(em)(1)} ORDER BY start_date`, [
      schoolId,
    ]) as Promise<Record<string, unknown>[]>,
    em.query(`SELECT date, kind, name FROM calendar_day WHERE school_id = ${placeholder(em)(1)} ORDER BY date`, [schoolId]) as Promise<
      Record<string, unknown>[]
    >,
  ]);
  const named = terms.map((r) => ({
    academicYear: String(r.academic_year),
    name: String(r.name),
    startDate: dateOf(r.start_date),
    endDate: dateOf(r.end_date),
  }));
  return { terms: named, closures: days.map((d) => ({ date: dateOf(d.date), kind: d.kind as 'inset', name: String(d.name) })), named };
}
