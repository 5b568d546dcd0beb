/**
 * The demo school's calendar: term dates in the usual English pattern, INSET days, and the bank holidays of
 * England and Wales, for any academic year. Schools set their own dates (and a local authority publishes a
 * pattern most follow); this is demo data, computed from the year alone so it is the same on every run.
 */
import type { ClosureKind } from '../../../shared/contract';
import type { TermName } from '../../../shared/domain';
import { addDaysIso, dowOnOrAfter, dowOnOrBefore, weekday, weekdayOnOrBefore } from './days';

export interface DemoTerm {
  readonly name: TermName;
  readonly startDate: string;
  readonly endDate: string;
}

export interface DemoClosureDay {
  readonly date: string;
  readonly kind: ClosureKind;
  readonly name: string;
}

export interface DemoCalendarYear {
  readonly academicYear: string;
  readonly terms: readonly DemoTerm[];
  /** INSET days and bank holidays in the academic year (1 September to 31 August), weekdays only, by date. */
  readonly days: readonly DemoClosureDay[];
}

const MON = 1;
const FRI = 5;

/** Easter Sunday in the Gregorian calendar (the anonymous algorithm, as published by Nature in 1876). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * Six half terms for the academic year starting in September of `startYear`, in the pattern most English local
 * authorities publish: the autumn term starts on the Wednesday of the week of 4 September; a week off at each
 * half term (the last week of October, the week of the Monday on or after 12 February, and the week of the
 * spring bank holiday); two weeks at Christmas; two weeks at Easter (the weeks either side of Easter Sunday, or,
 * when Easter falls in March, from Good Friday for the two weeks after it); the year ends on the weekday on or
 * before 22 July. About 195 days in term, five of them INSET days (demoInsetDays).
 */
export function demoTerms(startYear: number): DemoTerm[] {
  const next = startYear + 1;
  const autumnStart = addDaysIso(dowOnOrBefore(`${startYear}-09-04`, MON), 2);
  const octHalfTerm = dowOnOrBefore(`${startYear}-10-31`, MON); // the Monday of the last full week of October
  const autumn2Start = addDaysIso(octHalfTerm, 7);
  const autumnEnd = dowOnOrBefore(`${startYear}-12-21`, FRI);
  // The first Monday from 2 January; the Tuesday when that Monday is the New Year bank holiday (2028, 2033).
  const firstMonday = dowOnOrAfter(`${next}-01-02`, MON);
  const springStart = englishBankHolidays(startYear).some((d) => d.date === firstMonday) ? addDaysIso(firstMonday, 1) : firstMonday;
  const febHalfTerm = dowOnOrAfter(`${next}-02-12`, MON);
  const easter = easterSunday(next);
  const early = easter < `${next}-04-01`;
  const springEnd = early ? addDaysIso(easter, -3) : addDaysIso(easter, -9); // Maundy Thursday, or the Friday a week before Good Friday
  const summerStart = early ? addDaysIso(easter, 15) : addDaysIso(easter, 8);
  const springBankHoliday = dowOnOrBefore(`${next}-05-31`, MON);
  const summerEnd = weekdayOnOrBefore(`${next}-07-22`);
  return [
    { name: 'autumn1', startDate: autumnStart, endDate: addDaysIso(octHalfTerm, -3) },
    { name: 'autumn2', startDate: autumn2Start, endDate: autumnEnd },
    { name: 'spring1', startDate: springStart, endDate: addDaysIso(febHalfTerm, -3) },
    { name: 'spring2', startDate: addDaysIso(febHalfTerm, 7), endDate: springEnd },
    { name: 'summer1', startDate: summerStart, endDate: addDaysIso(springBankHoliday, -3) },
    { name: 'summer2', startDate: addDaysIso(springBankHoliday, 7), endDate: summerEnd },
  ];
}

/** A fixed-date holiday falling on a weekend is observed on the next weekday not already taken. */
function observed(dates: readonly { date: string; name: string }[]): DemoClosureDay[] {
  const taken = new Set<string>();
  const out: DemoClosureDay[] = [];
  for (const { date, name } of dates) {
    const dow = weekday(date);
    if (dow !== 0 && dow !== 6 && !taken.has(date)) {
      taken.add(date);
      out.push({ date, kind: 'bank_holiday', name });
      continue;
    }
    let d = date;
    while (weekday(d) === 0 || weekday(d) === 6 || taken.has(d)) d = addDaysIso(d, 1);
    taken.add(d);
    out.push({ date: d, kind: 'bank_holiday', name: `${name} (substitute day)` });
  }
  return out;
}

/**
 * The bank holidays of England and Wales between 1 September of `startYear` and 31 August of the next year, by
 * the usual rules (Christmas Day, Boxing Day and New Year's Day move to the next free weekday when they fall on a
 * weekend; Good Friday and Easter Monday follow Easter; the early May, spring and summer holidays are the first
 * Monday in May and the last Mondays in May and August). One-off holidays proclaimed for a particular year (a
 * coronation, a jubilee) are not known in advance and are not included.
 */
export function englishBankHolidays(startYear: number): DemoClosureDay[] {
  const next = startYear + 1;
  const easter = easterSunday(next);
  const days: DemoClosureDay[] = [
    ...observed([
      { date: `${startYear}-12-25`, name: 'Christmas Day' },
      { date: `${startYear}-12-26`, name: 'Boxing Day' },
    ]),
    ...observed([{ date: `${next}-01-01`, name: "New Year's Day" }]),
    { date: addDaysIso(easter, -2), kind: 'bank_holiday', name: 'Good Friday' },
    { date: addDaysIso(easter, 1), kind: 'bank_holiday', name: 'Easter Monday' },
    { date: dowOnOrAfter(`${next}-05-01`, MON), kind: 'bank_holiday', name: 'Early May bank holiday' },
    { date: dowOnOrBefore(`${next}-05-31`, MON), kind: 'bank_holiday', name: 'Spring bank holiday' },
    { date: dowOnOrBefore(`${next}-08-31`, MON), kind: 'bank_holiday', name: 'Summer bank holiday' },
  ];
  return days.sort((a, b) => a.date.localeCompare(b.date));
}

/** Five INSET (staff training) days: the first day of the autumn, second autumn, spring and second summer half terms, and the last day of the year. */
export function demoInsetDays(terms: readonly DemoTerm[]): DemoClosureDay[] {
  const byName = new Map(terms.map((t) => [t.name, t]));
  const at = (name: TermName, edge: 'startDate' | 'endDate') => byName.get(name)?.[edge];
  return [
    at('autumn1', 'startDate'),
    at('autumn2', 'startDate'),
    at('spring1', 'startDate'),
    at('summer2', 'startDate'),
    at('summer2', 'endDate'),
  ]
    .filter((d): d is string => d !== undefined)
    .map((date) => ({ date, kind: 'inset' as const, name: 'INSET day (staff training)' }));
}

export function academicYearLabel(startYear: number): string {
  return `${startYear}/${String((startYear + 1) % 100).padStart(2, '0')}`;
}

/** Terms, INSET days and bank holidays of one academic year. */
export function demoCalendar(startYear: number): DemoCalendarYear {
  const terms = demoTerms(startYear);
  const holidays = englishBankHolidays(startYear);
  // One row per date (the calendar keeps one kind per day): a bank holiday wins over an INSET day.
  const inset = demoInsetDays(terms).filter((d) => !holidays.some((h) => h.date === d.date));
  const days = [...inset, ...holidays].sort((a, b) => a.date.localeCompare(b.date));
  return { academicYear: academicYearLabel(startYear), terms, days };
}
