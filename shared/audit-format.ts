/**
 * How the audit trail reads to a person, for the app's audit view and `senco-desk audit verify` alike: a time as
 * dd/mm/yyyy HH:mm in UK time (the school's, whatever the machine's zone), and an operation's plain-English label.
 */
import { isI18nKey, t } from './i18n';

const UK_DATE_TIME = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** "23/11/2026 09:00" for an ISO instant; the input unchanged if it is not one. */
export function formatUkDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = Object.fromEntries(UK_DATE_TIME.formatToParts(d).map((x) => [x.type, x.value]));
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
}

/** The i18n key of an operation's label: dots become underscores, so "ehcp.reviews.list" is one key. */
/** Events written outside the dispatcher, by the admin tools: a restore from a backup. */
export const SYSTEM_OPERATIONS = ['backup.restore'] as const;

export function operationLabelKey(op: string): string {
  return `auditUi.operations.${op.replace(/\./g, '_')}`;
}

/** "Viewed a pupil record" for pupils.get; the operation's own name when it has no label yet. */
export function operationLabel(op: string): string {
  const key = operationLabelKey(op);
  return isI18nKey(key) ? t(key) : op;
}
