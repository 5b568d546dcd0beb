/**
 * Migration 0017 (issue 16, item 5): each school's own term dates, closures, clock rules and disciplines. On a desk's
 * database (one school) every settings row becomes the school's and nothing changes for the SENCo; on a trust's server
 * that already held several schools, each school gets a copy of the trust-wide settings, so nothing changes for any
 * of them; a fresh database keeps no discipline for a school not yet made (setup gives it the defaults). Undone, the
 * first school's settings are the server's again and the old keys hold.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CalendarDay, ClockRuleView, Term } from '../../../shared/contract';
import { DEFAULT_DISCIPLINES } from '../../../shared/therapy';
import { openTestCore, setUp, testDrivers, type TestCore } from '../testing/harness';
import { MIGRATIONS } from './migrations';

type R<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } };

const SETTINGS = ['term', 'calendar_day', 'clock_setting', 'discipline'] as const;
/** 0017 and the migrations after it, undone and run again in order. */
const FROM_0017 = MIGRATIONS.map((m) => new m().name).slice(MIGRATIONS.findIndex((m) => new m().name === 'SchoolSettings1700000000017'));

describe.each(testDrivers())('migration 0017 on %s', (driver) => {
  let core: TestCore;
  const p = (i: number) => (driver === 'postgres' ? `$${i}` : `?${i}`);
  const must = async <T>(session: string | null, op: string, input: unknown): Promise<T> => {
    const r = (await core.dispatcher.invoke({ op, input, session })) as R<T>;
    if (!r.ok) throw new Error(`${op}: ${r.error.message}`);
    return r.value;
  };
  const count = async (table: string, where = '', params: unknown[] = []) =>
    Number(((await core.ds.query(`SELECT COUNT(*) AS n FROM ${table}${where}`, params)) as { n: unknown }[])[0]!.n);
  const undo = async () => {
    for (let i = 0; i < FROM_0017.length; i++) await core.ds.undoLastMigration({ transaction: 'each' });
  };
  const redo = async () => expect((await core.ds.runMigrations({ transaction: 'each' })).map((m) => m.name)).toEqual(FROM_0017);
  /** One school's settings without ids and school, to compare two schools'. */
  const settingsOf = async (schoolId: string) => {
    const out: Record<string, string[]> = {};
    for (const table of SETTINGS) {
      const rows = (await core.ds.query(`SELECT * FROM ${table} WHERE school_id = ${p(1)}`, [schoolId])) as Record<string, unknown>[];
      out[table] = rows.map(({ id: _id, school_id: _school, ...rest }) => JSON.stringify(rest)).sort();
    }
    return out;
  };
  const schoolIds = async () =>
    ((await core.ds.query('SELECT id FROM school ORDER BY created_at, id')) as { id: string }[]).map((s) => s.id);

  beforeEach(async () => {
    core = await openTestCore(driver, () => new Date('2026-11-23T09:00:00Z'));
  });
  afterEach(async () => core.cleanup());

  /** The SENCo's settings, as the app shows them. */
  const shown = async (session: string) => ({
    terms: (await must<Term[]>(session, 'terms.list', {})).map((x) => `${x.academicYear} ${x.name} ${x.startDate} ${x.endDate}`),
    days: (await must<CalendarDay[]>(session, 'calendar.listDays', {})).map((d) => `${d.date} ${d.kind} ${d.name}`),
    rules: (await must<ClockRuleView[]>(session, 'clocks.rules', {})).filter((r) => r.custom).map((r) => `${r.key} ${r.amount} ${r.unit}`),
    disciplines: (await must<{ code: string; label: string; active: boolean }[]>(session, 'disciplines.list', {})).map(
      (d) => `${d.code} ${d.label} ${d.active}`,
    ),
  });

  async function schoolWithSettings(): Promise<string> {
    const senco = await setUp(core);
    await must(senco, 'terms.replaceYear', {
      academicYear: '2026/27',
      terms: [
        { name: 'autumn1', startDate: '2026-09-02', endDate: '2026-10-23' },
        { name: 'autumn2', startDate: '2026-11-02', endDate: '2026-12-18' },
      ],
    });
    await must(senco, 'calendar.replaceDays', {
      academicYear: '2026/27',
      days: [{ date: '2026-11-20', kind: 'inset', name: 'Training day' }],
    });
    await must(senco, 'clocks.saveRule', { key: 'needs_identified', enabled: true, amount: 8, unit: 'school_weeks', under5Months: null });
    await must(senco, 'disciplines.save', { code: 'music_therapy', label: 'Music therapy', active: true });
    await must(senco, 'disciplines.save', { code: 'thrive', label: 'Thrive', active: false });
    return senco;
  }

  it('a desk’s one school: every setting becomes the school’s, nothing changes for the SENCo; undone and run again, the same', async () => {
    const senco = await schoolWithSettings();
    const before = await shown(senco);
    const counts = Object.fromEntries(await Promise.all(SETTINGS.map(async (t) => [t, await count(t)] as const)));
    expect(counts).toEqual({ term: 2, calendar_day: 1, clock_setting: 1, discipline: DEFAULT_DISCIPLINES.length + 1 });
    await undo();
    if (driver === 'sqlite')
      expect(((await core.ds.query('PRAGMA table_info(term)')) as { name: string }[]).map((c) => c.name)).not.toContain('school_id');
    for (const t of SETTINGS) expect(await count(t), t).toBe(counts[t]);
    await redo();
    const [school] = await schoolIds();
    for (const t of SETTINGS) expect(await count(t, ` WHERE school_id = ${p(1)}`, [school]), t).toBe(counts[t]);
    expect(await shown(senco)).toEqual(before);
  });

  it('a trust’s server with two schools: each school gets the trust-wide settings as its own; undone, the first school’s are kept', async () => {
    const senco = await schoolWithSettings();
    const before = await shown(senco);
    await undo();
    // A second school on the server before 0017 (made by trust.schools.add, when settings were the whole server's).
    const second = randomUUID();
    const at = '2026-11-23T10:00:00.000Z';
    await core.ds.query(
      `INSERT INTO school (id, name, urn, local_authority, created_at, updated_at) VALUES (${[1, 2, 3, 4, 5, 6].map(p).join(', ')})`,
      [second, 'Ashdown Academy (synthetic)', '100009', 'Exampleshire', at, at],
    );
    await redo();
    const [first, other] = await schoolIds();
    expect(other).toBe(second);
    const firstSettings = await settingsOf(first!);
    expect(firstSettings.term).toHaveLength(2);
    expect(firstSettings.discipline).toHaveLength(DEFAULT_DISCIPLINES.length + 1);
    // Nothing changed for either school: the second has exactly the first's settings, under ids of its own.
    expect(await settingsOf(second)).toEqual(firstSettings);
    expect(await count('term')).toBe(4);
    const ids = (await core.ds.query('SELECT id FROM term')) as { id: string }[];
    expect(new Set(ids.map((r) => r.id)).size).toBe(4);
    expect(await shown(senco)).toEqual(before);
    // The keys are each school's now: the second school may give a term of the same year and name other dates.
    await core.ds.query(`UPDATE term SET start_date = '2026-09-07' WHERE school_id = ${p(1)} AND name = 'autumn1'`, [second]);
    await expect(
      core.ds.query(
        `INSERT INTO term (id, school_id, academic_year, name, start_date, end_date) VALUES (${[1, 2, 3, 4, 5, 6].map(p).join(', ')})`,
        [randomUUID(), second, '2026/27', 'autumn1', '2026-09-08', '2026-10-23'],
      ),
    ).rejects.toThrow();
    expect(await shown(senco)).toEqual(before);

    // Undone: the settings are the whole server's again, the first school's, with the old keys.
    await undo();
    for (const t of SETTINGS) expect(await count(t), t).toBe(t === 'term' ? 2 : t === 'discipline' ? DEFAULT_DISCIPLINES.length + 1 : 1);
    expect(
      ((await core.ds.query("SELECT start_date FROM term WHERE name = 'autumn1'")) as { start_date: unknown }[]).map((r) =>
        String(r.start_date).slice(0, 10),
      ),
    ).not.toContain('2026-09-07');
    await expect(
      core.ds.query(`INSERT INTO term (id, academic_year, name, start_date, end_date) VALUES (${[1, 2, 3, 4, 5].map(p).join(', ')})`, [
        randomUUID(),
        '2026/27',
        'autumn1',
        '2026-09-08',
        '2026-10-23',
      ]),
    ).rejects.toThrow();
    await redo();
    expect(await settingsOf(second)).toEqual(await settingsOf(first!));
  });

  it('a fresh database: no discipline without a school; setup gives the new school the defaults', async () => {
    expect(await count('discipline')).toBe(0);
    // Undone on a database without a school: as migration 0003 left it, the defaults.
    await undo();
    expect(await count('discipline')).toBe(DEFAULT_DISCIPLINES.length);
    await redo();
    expect(await count('discipline')).toBe(0);
    const senco = await setUp(core);
    expect((await must<{ code: string; active: boolean }[]>(senco, 'disciplines.list', {})).map((d) => [d.code, d.active])).toEqual(
      DEFAULT_DISCIPLINES.map((c) => [c, true]),
    );
    expect(await must<Term[]>(senco, 'terms.list', {})).toEqual([]);
  });
});
