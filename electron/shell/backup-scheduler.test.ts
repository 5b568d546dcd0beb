/**
 * The automatic backup scheduler with a fake clock, fake timers and a fake backups folder; then once with the real
 * file operations on a real data folder.
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupFileName } from '../core/backup';
import { openCoreAt } from '../core/core';
import { setUp } from '../core/testing/harness';
import { tempDir } from '../cli/test-support';
import { HOUR_MS, RETRY_MS, fileBackupDeps, startBackupScheduler, type BackupSchedulerDeps } from './backup-scheduler';

class FakeWorld {
  clock = new Date(2026, 2, 20, 8, 0, 0);
  files = new Set<string>();
  timers: { fn: () => void; at: number; id: number }[] = [];
  logs: string[] = [];
  backups = 0;
  failNext = false;
  locked = false;
  keepDays = 3;
  private nextId = 1;

  deps(): BackupSchedulerDeps {
    return {
      now: () => new Date(this.clock),
      keepDays: () => this.keepDays,
      list: () => [...this.files],
      backup: () => {
        if (this.locked) return null;
        return (async () => {
          if (this.failNext) {
            this.failNext = false;
            throw new Error('the disk is full');
          }
          this.backups++;
          const name = backupFileName(this.clock);
          this.files.add(name);
          return `/data/backups/${name}`;
        })();
      },
      remove: (name) => void this.files.delete(name),
      log: (m) => void this.logs.push(m),
      setTimer: (fn, ms) => {
        const t = { fn, at: this.clock.getTime() + ms, id: this.nextId++ };
        this.timers.push(t);
        return t.id;
      },
      clearTimer: (id) => {
        this.timers = this.timers.filter((t) => t.id !== id);
      },
    };
  }

  /** Moves the clock on, firing the timers that fall due, and lets their checks finish. */
  async advance(ms: number): Promise<void> {
    const end = this.clock.getTime() + ms;
    for (;;) {
      const next = this.timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!next) break;
      this.timers = this.timers.filter((t) => t !== next);
      this.clock = new Date(next.at);
      next.fn();
      await flush();
    }
    this.clock = new Date(end);
  }
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('startBackupScheduler', () => {
  it('backs up at start, not again the same day, then once each new day, pruning to keepDays', async () => {
    const w = new FakeWorld();
    const old = [
      backupFileName(new Date(2026, 2, 10, 9)),
      backupFileName(new Date(2026, 2, 11, 9)),
      backupFileName(new Date(2026, 2, 12, 9)),
    ];
    old.forEach((n) => w.files.add(n));
    const s = startBackupScheduler(w.deps());
    await flush();
    expect(w.backups).toBe(1);
    // keepDays 3: today's and the two newest earlier days.
    expect([...w.files].sort()).toEqual([old[1], old[2], backupFileName(new Date(2026, 2, 20, 8))]);
    expect(w.timers.map((t) => t.at - w.clock.getTime())).toEqual([HOUR_MS]);

    await w.advance(10 * HOUR_MS); // 18:00 the same day: checked hourly, nothing due.
    expect(w.backups).toBe(1);
    await w.advance(7 * HOUR_MS); // 01:00 the next day: the 00:00 check made the new day's backup.
    expect(w.backups).toBe(2);
    expect([...w.files].sort()).toEqual([old[2], backupFileName(new Date(2026, 2, 20, 8)), backupFileName(new Date(2026, 2, 21, 0))]);
    expect(w.timers).toHaveLength(1);
    await s.stop();
    expect(w.timers).toHaveLength(0);
  });

  it("retries a failed backup within minutes, and deletes nothing until today's backup exists", async () => {
    const w = new FakeWorld();
    w.keepDays = 1;
    w.files.add(backupFileName(new Date(2026, 2, 19, 9)));
    w.failNext = true;
    const s = startBackupScheduler(w.deps());
    await flush();
    expect(w.backups).toBe(0);
    expect(w.files.size).toBe(1);
    expect(w.logs.join('\n')).toMatch(/The daily backup failed \(it will be tried again\): the disk is full/);
    expect(w.timers.map((t) => t.at - w.clock.getTime())).toEqual([RETRY_MS]);
    await w.advance(RETRY_MS);
    expect(w.backups).toBe(1);
    expect([...w.files]).toEqual([backupFileName(new Date(2026, 2, 20, 8, 5))]);
    await s.stop();
  });

  it('waits while the database is locked (before the first sign-in), then backs up', async () => {
    const w = new FakeWorld();
    w.locked = true;
    const s = startBackupScheduler(w.deps());
    await flush();
    expect(w.backups).toBe(0);
    await w.advance(RETRY_MS);
    expect(w.backups).toBe(0);
    w.locked = false;
    await w.advance(RETRY_MS);
    expect(w.backups).toBe(1);
    await s.stop();
  });

  it('never runs two checks at once, and stop() waits for a backup in progress', async () => {
    const w = new FakeWorld();
    let release: () => void = () => undefined;
    const deps = w.deps();
    let started = 0;
    const s = startBackupScheduler({
      ...deps,
      backup: () => {
        started++;
        return new Promise<string>((resolve) => {
          release = () => resolve('/data/backups/x.sqlite');
        });
      },
    });
    const second = s.tick();
    await flush();
    expect(started).toBe(1);
    let stopped = false;
    const stopping = s.stop().then(() => void (stopped = true));
    await flush();
    expect(stopped).toBe(false);
    release();
    await stopping;
    await second;
    expect(stopped).toBe(true);
    expect(w.timers).toHaveLength(0);
  });
});

describe('fileBackupDeps on a real data folder', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeAll(() => {
    tmp = tempDir('senco-sched-');
  });
  afterAll(() => tmp.remove());

  it("makes today's backup in <data>/backups and deletes the oldest beyond keepDays, leaving other files alone", async () => {
    const data = join(tmp.dir, 'data');
    const core = await openCoreAt(data, { SENCO_ENCRYPT: '0' });
    try {
      await setUp(core);
      const backups = join(data, 'backups');
      mkdirSync(backups, { recursive: true });
      const stale = [backupFileName(new Date(2020, 0, 1, 9)), backupFileName(new Date(2020, 0, 2, 9))];
      for (const n of [...stale, 'before-restore-2020-01-01-090000.sqlite', 'notes.txt']) writeFileSync(join(backups, n), 'x');
      // Each backup's audit checkpoint goes with it.
      for (const n of stale) writeFileSync(join(backups, n.replace(/\.sqlite$/, '.audit-head.json')), 'x');
      const logs: string[] = [];
      const s = startBackupScheduler({
        ...fileBackupDeps(data, { store: () => core.store, keepDays: () => 2, log: (m) => void logs.push(m) }),
        setTimer: () => null,
        clearTimer: () => undefined,
      });
      const outcome = await s.tick();
      await s.stop();
      expect(outcome.kind).toBe('backed_up');
      const names = readdirSync(backups).sort();
      expect(names.filter((n) => n.startsWith('senco-desk-') && n.endsWith('.sqlite'))).toHaveLength(2);
      expect(names.filter((n) => n.endsWith('.audit-head.json'))).toEqual([
        stale[1]!.replace(/\.sqlite$/, '.audit-head.json'),
        expect.stringMatching(/^senco-desk-\d{4}-\d{2}-\d{2}-\d{6}\.audit-head\.json$/),
      ]);
      expect(names).toContain(stale[1]);
      expect(names).not.toContain(stale[0]);
      expect(names).toContain('before-restore-2020-01-01-090000.sqlite');
      expect(names).toContain('notes.txt');
      expect(logs.join('\n')).toMatch(/Daily backup written: .*senco-desk-\d{4}-\d{2}-\d{2}-\d{6}\.sqlite/);
      expect(existsSync(join(backups, stale[0]!))).toBe(false);
    } finally {
      await core.close();
    }
  });
});
