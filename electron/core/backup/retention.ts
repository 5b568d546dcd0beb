/**
 * The automatic daily backup's rules, as one pure function of the clock and the backups folder's file names, so
 * they are tested with fake clocks and file lists (the Electron shell's scheduler only acts on the answer).
 *
 * - Today's backup is due when no backup in the folder is named with today's (local) date.
 * - Retention keeps the newest backup of each of the `keepDays` most recent days that have one, and every backup
 *   made today; it deletes the rest. Counting days that have a backup, not calendar days, means a computer that
 *   was off over the summer holiday still has its last two weeks of July when it is switched on in September,
 *   instead of losing them all to the first backup of the new term.
 * - Only names of the form senco-desk-YYYY-MM-DD-HHMMSS.sqlite are ever considered. Safety copies made before a
 *   restore (before-restore-*.sqlite), temporary files and anything a person put there are never deleted.
 */
import { backupTimeOf } from './files';

export const DEFAULT_KEEP_DAYS = 14;
export const MIN_KEEP_DAYS = 1;
export const MAX_KEEP_DAYS = 365;

export function parseKeepDays(v: unknown): number {
  return typeof v === 'number' && Number.isInteger(v) && v >= MIN_KEEP_DAYS && v <= MAX_KEEP_DAYS ? v : DEFAULT_KEEP_DAYS;
}

export interface BackupPlanInput {
  readonly now: Date;
  readonly keepDays: number;
  /** File names in the backups folder (names only, no folder). */
  readonly names: readonly string[];
}

export interface BackupPlan {
  /** No backup has today's date yet. */
  readonly due: boolean;
  /** Backups to delete, oldest first. */
  readonly remove: readonly string[];
  /** Backups kept, newest first. */
  readonly keep: readonly string[];
}

const dayOf = (d: Date) =>
  `${String(d.getFullYear()).padStart(4, '0')}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

export function planBackups(input: BackupPlanInput): BackupPlan {
  const keepDays = parseKeepDays(input.keepDays);
  const today = dayOf(input.now);
  const backups = input.names
    .map((name) => ({ name, at: backupTimeOf(name) }))
    .filter((b): b is { name: string; at: Date } => b.at !== null)
    // Newest first; the name breaks ties (senco-desk-...-2.sqlite was made after the one without a suffix).
    .sort((a, b) => b.at.getTime() - a.at.getTime() || b.name.length - a.name.length || (a.name < b.name ? 1 : -1));

  const keptDays: string[] = [];
  const keep: string[] = [];
  const remove: string[] = [];
  for (const b of backups) {
    const day = dayOf(b.at);
    if (day === today) {
      keep.push(b.name);
      if (!keptDays.includes(day)) keptDays.push(day);
      continue;
    }
    if (keptDays.includes(day)) {
      remove.push(b.name); // An older backup of a day already kept.
    } else if (keptDays.length < keepDays) {
      keptDays.push(day);
      keep.push(b.name);
    } else {
      remove.push(b.name);
    }
  }
  return { due: !backups.some((b) => dayOf(b.at) === today), remove: remove.reverse(), keep };
}
