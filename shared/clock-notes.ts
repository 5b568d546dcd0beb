/**
 * The words beside a clock item that say why its due date is what it is: a recorded phase transfer, a review
 * brought forward for one, or a date moved off a day the school is closed. Shared by the dashboard and the CLI.
 */
import type { ClockItem, TransferNote } from './clock-types';
import { formatLongDate } from './dates';
import { t } from './i18n';

/** "Primary to secondary school on 1 September 2027 (Northwold Academy): the plan names the next school by 15 February 2027" */
export function transferText(note: TransferNote): string {
  return t('transfers.note', {
    kind: t(`transfers.kinds.${note.kind}`),
    transferDate: note.transferDate,
    next: note.nextSetting ? t('transfers.noteNext', { name: note.nextSetting }) : '',
    deadline: note.deadline,
  });
}

/** Why the due date was moved (closed day, or brought forward for a phase transfer), or null when it was not. */
export function adjustmentText(item: Pick<ClockItem, 'adjustedFrom' | 'adjustedReason' | 'transfer'>): string | null {
  if (!item.adjustedFrom) return null;
  if (item.adjustedReason === 'phase_transfer' && item.transfer) {
    return t('transfers.broughtForward', {
      date: item.adjustedFrom,
      kind: t(`transfers.kindsLower.${item.transfer.kind}`),
      transferDate: item.transfer.transferDate,
      deadline: item.transfer.deadline,
    });
  }
  return t('clocksUi.item.moved', { date: formatLongDate(item.adjustedFrom) });
}

/** Every note an item carries, in the order they read best: the transfer first, then a moved date. */
export function clockNotes(item: Pick<ClockItem, 'key' | 'adjustedFrom' | 'adjustedReason' | 'transfer'>): string[] {
  const notes: string[] = [];
  if (item.transfer && (item.key === 'phase_transfer' || item.key === 'phase_transfer_post16')) notes.push(transferText(item.transfer));
  const moved = adjustmentText(item);
  if (moved) notes.push(moved);
  return notes;
}
