/** Rows of the closure-days editor, and mapping the server's `days.N.field` messages back to the rows. */
import type { CalendarDay, ClosureKind } from '../../../../shared/contract';
import { isIsoDate } from '../../../../shared/dates';
import { isWeekend as isWeekendDate } from '../../../../shared/date-only';

export interface DayRow {
  /** A stable key for React and for messages (the index changes as rows are removed). */
  readonly key: string;
  /** ISO date; null when empty; 'invalid' while half typed (see IsoDateInput). */
  readonly date: string | null;
  readonly kind: ClosureKind;
  readonly name: string;
}

let counter = 0;

export function newDayRow(day?: CalendarDay): DayRow {
  counter += 1;
  return { key: `day-${counter}`, date: day?.date ?? null, kind: day?.kind ?? 'inset', name: day?.name ?? '' };
}

/** `days.2.date` → `<key of row 2>.date`, for the rows as they were sent. Other paths are left out. */
export function mapDayErrors(fields: Readonly<Record<string, string>>, sent: readonly Pick<DayRow, 'key'>[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, message] of Object.entries(fields)) {
    const m = /^days\.(\d+)\.(date|kind|name)$/.exec(path);
    const row = m ? sent[Number(m[1])] : undefined;
    if (m && row) out[`${row.key}.${m[2]}`] = message;
  }
  return out;
}

/** True for a Saturday or Sunday (the school is closed anyway, so a closure day there changes nothing). */
export function isWeekendInput(iso: string | null): boolean {
  if (!iso || !isIsoDate(iso)) return false;
  return isWeekendDate(iso);
}
