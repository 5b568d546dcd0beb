/**
 * How transfer in shows what a package would write (issue 14, item 7): each changed field in words, with the value
 * on record and the value in the package as a person reads them ("3 September 2016", "Year 5", "Mother",
 * "Speech, language and communication needs"), grouped by section in the order of the record.
 */
import type { TransferDiffSection, TransferFieldChange, TransferSender, TransferValue } from '../../../../shared/contract';
import { TRANSFER_DIFF_SECTIONS } from '../../../../shared/contract';
import { formatLongDate } from '../../../../shared/dates';
import { codeLabel, t, yearGroupLabel } from '../../../../shared/i18n';
import { disciplineFallback } from '../therapy/use-disciplines';

const DATE_FIELDS = new Set(['dateOfBirth', 'dateJoined', 'dateLeft']);

/** The field's name in words; a contact's field names the contact. */
export function fieldLabel(change: Pick<TransferFieldChange, 'field' | 'item' | 'section'>): string {
  const name = codeLabel('sharingUi.transfer.diff.fields', change.field);
  return change.section === 'contacts' && change.item !== null
    ? `${t('sharingUi.transfer.diff.contact', { name: change.item })}: ${name.toLowerCase()}`
    : name;
}

/** A value as a person reads it, or null when there is none (shown as "(none)"). */
export function valueText(field: string, value: TransferValue): string | null {
  if (value === null) return null;
  if (typeof value === 'boolean') return t(value ? 'sharingUi.transfer.diff.yes' : 'sharingUi.transfer.diff.no');
  if (typeof value !== 'string') {
    if (field === 'assessment') {
      const [date = '', discipline = '', kind = '', assessor = ''] = value;
      return t('sharingUi.transfer.diff.assessmentLine', {
        date: formatLongDate(date) || date,
        discipline: disciplineFallback(discipline),
        kind: codeLabel('therapyUi.assessmentKinds', kind).toLowerCase(),
        assessor,
      });
    }
    if (field === 'needs') return value.length === 0 ? null : value.map((n) => codeLabel('needs', n)).join(', ');
    return value.length === 0 ? null : value.join(', ');
  }
  if (DATE_FIELDS.has(field)) return formatLongDate(value) || value;
  if (field === 'yearGroup') return yearGroupLabel(value);
  if (field === 'senStatus') return codeLabel('senStatusLong', value);
  if (field === 'relationship') return codeLabel('relationships', value);
  return value;
}

export interface DiffRow {
  readonly key: string;
  readonly field: string;
  readonly change: TransferFieldChange['change'];
  readonly before: string | null;
  readonly after: string | null;
}

export interface DiffGroup {
  readonly section: TransferDiffSection;
  readonly title: string;
  readonly rows: readonly DiffRow[];
}

/** The changes grouped by section (details, contacts, needs, assessments), each row in words. */
export function diffGroups(diff: readonly TransferFieldChange[]): DiffGroup[] {
  return TRANSFER_DIFF_SECTIONS.map((section) => ({
    section,
    title: t(`sharingUi.transfer.diff.sections.${section}`),
    rows: diff
      .filter((d) => d.section === section)
      .map((d, i) => ({
        key: `${section}-${i}`,
        field: fieldLabel(d),
        change: d.change,
        before: valueText(d.field, d.before),
        after: valueText(d.field, d.after),
      })),
  })).filter((g) => g.rows.length > 0);
}

/** The warning that a package names this school or a trusted one without its key, or null. */
export function keyMismatchText(sender: TransferSender, ownUrn: string): string | null {
  if (!sender.keyMismatch) return null;
  return t(sender.urn === ownUrn ? 'sharingUi.transfer.sender.keyMismatchOwn' : 'sharingUi.transfer.sender.keyMismatchTrusted', {
    urn: sender.urn,
  });
}
