import { describe, expect, it } from 'vitest';
import { backupFileName, backupTimeOf, safetyCopyName } from './files';
import { DEFAULT_KEEP_DAYS, parseKeepDays, planBackups } from './retention';

/** A backup's name for a local date and time (the clock the school sees). */
const at = (y: number, m: number, d: number, h = 9, mi = 0, s = 0) => backupFileName(new Date(y, m - 1, d, h, mi, s));

describe('backup names', () => {
  it('are senco-desk-YYYY-MM-DD-HHMMSS.sqlite in local time, and read back', () => {
    expect(at(2026, 3, 4, 9, 5, 7)).toBe('senco-desk-2026-03-04-090507.sqlite');
    expect(backupTimeOf('senco-desk-2026-03-04-090507.sqlite')).toEqual(new Date(2026, 2, 4, 9, 5, 7));
    expect(backupTimeOf('senco-desk-2026-03-04-090507-2.sqlite')).toEqual(new Date(2026, 2, 4, 9, 5, 7));
    expect(safetyCopyName(new Date(2026, 2, 4, 9, 5, 7))).toBe('before-restore-2026-03-04-090507.sqlite');
    for (const other of [
      'before-restore-2026-03-04-090507.sqlite',
      'senco-desk-2026-02-30-090000.sqlite',
      'senco-desk-2026-03-04-090507.sqlite.partial-abc123',
      'notes.txt',
      'senco-desk.sqlite',
    ]) {
      expect(backupTimeOf(other), other).toBeNull();
    }
  });
});

describe('planBackups', () => {
  const now = new Date(2026, 2, 20, 8, 0, 0); // Friday 20 March 2026, 08:00

  it("is due when no backup has today's date, and not once one has", () => {
    expect(planBackups({ now, keepDays: 14, names: [] })).toEqual({ due: true, remove: [], keep: [] });
    expect(planBackups({ now, keepDays: 14, names: [at(2026, 3, 19, 23, 59, 59)] }).due).toBe(true);
    expect(planBackups({ now, keepDays: 14, names: [at(2026, 3, 20, 0, 0, 1)] }).due).toBe(false);
    // Midnight starts a new day: the backup made at 23:59 yesterday does not count for today.
    const justAfterMidnight = new Date(2026, 2, 21, 0, 0, 30);
    expect(planBackups({ now: justAfterMidnight, keepDays: 14, names: [at(2026, 3, 20, 23, 59)] }).due).toBe(true);
  });

  it('keeps the newest backup of each of the last N days that have one, and deletes the rest, oldest first', () => {
    const daily = Array.from({ length: 20 }, (_, i) => at(2026, 3, 1 + i)); // 1 to 20 March
    const plan = planBackups({ now, keepDays: 14, names: daily });
    expect(plan.keep).toEqual(daily.slice(6).reverse());
    expect(plan.remove).toEqual(daily.slice(0, 6));
    expect(plan.due).toBe(false);
  });

  it('counts days that have a backup, not calendar days: after the summer holiday the July backups stay', () => {
    const july = Array.from({ length: 20 }, (_, i) => at(2026, 7, 1 + i, 16)); // 1 to 20 July
    const september = new Date(2026, 8, 2, 8, 30);
    const before = planBackups({ now: september, keepDays: 14, names: july });
    expect(before.due).toBe(true);
    expect(before.keep).toHaveLength(14);
    expect(before.remove).toEqual(july.slice(0, 6));
    // After the first September backup, 13 July days remain beside it.
    const after = planBackups({ now: september, keepDays: 14, names: [...july, at(2026, 9, 2, 8, 30)] });
    expect(after.keep).toEqual([at(2026, 9, 2, 8, 30), ...july.slice(7).reverse()]);
    expect(after.remove).toEqual(july.slice(0, 7));
  });

  it('keeps every backup made today, but only the newest of an earlier day', () => {
    const names = [
      at(2026, 3, 19, 9),
      at(2026, 3, 19, 12),
      at(2026, 3, 19, 17),
      at(2026, 3, 20, 7),
      at(2026, 3, 20, 7, 30),
      backupFileName(new Date(2026, 2, 20, 7, 30)).replace('.sqlite', '-2.sqlite'),
    ];
    const plan = planBackups({ now, keepDays: 14, names });
    expect(plan.keep).toEqual(['senco-desk-2026-03-20-073000-2.sqlite', at(2026, 3, 20, 7, 30), at(2026, 3, 20, 7), at(2026, 3, 19, 17)]);
    expect(plan.remove).toEqual([at(2026, 3, 19, 9), at(2026, 3, 19, 12)]);
  });

  it('never touches files that are not its own daily backups', () => {
    const names = [
      'before-restore-2025-01-01-090000.sqlite',
      'senco-desk-2025-01-01-090000.sqlite.partial-1a2b3c',
      'read-me.txt',
      at(2025, 1, 1),
      at(2026, 3, 20),
    ];
    const plan = planBackups({ now, keepDays: 1, names });
    expect(plan.remove).toEqual([at(2025, 1, 1)]);
    expect(plan.keep).toEqual([at(2026, 3, 20)]);
  });

  it('keepDays 1 keeps only today\'s; a bad keepDays means the default, never "keep none"', () => {
    const names = [at(2026, 3, 18), at(2026, 3, 19), at(2026, 3, 20)];
    expect(planBackups({ now, keepDays: 1, names }).keep).toEqual([at(2026, 3, 20)]);
    expect(planBackups({ now, keepDays: 2, names }).keep).toEqual([at(2026, 3, 20), at(2026, 3, 19)]);
    // Before today's backup exists, keepDays 1 keeps the newest there is.
    expect(planBackups({ now, keepDays: 1, names: names.slice(0, 2) }).keep).toEqual([at(2026, 3, 19)]);
    for (const bad of [0, -3, 1.5, Number.NaN, 10_000]) {
      expect(parseKeepDays(bad)).toBe(DEFAULT_KEEP_DAYS);
      expect(planBackups({ now, keepDays: bad, names }).remove).toEqual([]);
    }
  });
});
