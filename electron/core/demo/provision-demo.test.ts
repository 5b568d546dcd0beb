/**
 * The "done when" on the demo school (issue 18): the provision map's totals equal the sum of what each
 * pupil's provision costs, computed here independently of the service, straight from the tables the demo loaded: each
 * place's dates, its provision's sessions, minutes, group size and role, that role's hourly rate, the pupil's leaving
 * date, and the school's term dates and closure days counted one date at a time. The `school` demo (2,000 pupils) on
 * SQLite; the `small` one on PostgreSQL (the same code, a tenth of the time).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProvisionDetail, ProvisionMap } from '../../../shared/contract';
import { placeholder } from '../db/raw';
import { openTestCore, SYSTEM, testDrivers, type TestCore } from '../testing/harness';
import { DEMO_PASSWORD, DEMO_SENCO_USERNAME, loadDemo } from './index';

type Row = Record<string, unknown>;
const iso = (v: unknown) =>
  v instanceof Date ? `${v.getFullYear()}-${String(v.getMonth() + 1).padStart(2, '0')}-${String(v.getDate()).padStart(2, '0')}` : String(v);

describe.each(testDrivers())('the demo school’s provision map on %s', (driver) => {
  let core: TestCore;
  let senco: string;
  const size = driver === 'sqlite' ? 'school' : 'small';
  beforeAll(async () => {
    core = await openTestCore(driver, () => new Date('2026-11-23T09:00:00Z'));
    await loadDemo(core, { size, password: DEMO_PASSWORD, actor: SYSTEM });
    const r = (await core.dispatcher.invoke({ op: 'auth.signIn', input: { username: DEMO_SENCO_USERNAME, password: DEMO_PASSWORD } })) as {
      ok: true;
      value: { session: string };
    };
    senco = r.value.session;
  }, 600_000);
  afterAll(async () => core?.cleanup());

  it('totals equal the sum of each pupil’s provision, costed independently from the placements, term dates and rates', async () => {
    const r = (await core.dispatcher.invoke({ op: 'provision.map', input: { academicYear: '2026/27' }, session: senco })) as {
      ok: true;
      value: ProvisionMap;
    };
    expect(r.ok).toBe(true);
    const map = r.value;

    // Independently, from the tables.
    const q = (sql: string, params: unknown[] = []) => core.ds.query(sql, params) as Promise<Row[]>;
    const ph = placeholder(core.ds.manager);
    const [school] = await q('SELECT id FROM school ORDER BY created_at, id');
    const terms = (
      await q(`SELECT start_date, end_date FROM term WHERE school_id = ${ph(1)} AND academic_year = '2026/27'`, [school!.id])
    ).map((t) => [iso(t.start_date), iso(t.end_date)]);
    const closed = new Set((await q(`SELECT date FROM calendar_day WHERE school_id = ${ph(1)}`, [school!.id])).map((d) => iso(d.date)));
    expect(terms.length).toBe(6);
    const schoolDay = new Map<string, boolean>();
    for (let d = new Date('2026-09-01T00:00:00Z'); d.toISOString().slice(0, 10) <= '2027-08-31'; d.setUTCDate(d.getUTCDate() + 1)) {
      const day = d.toISOString().slice(0, 10);
      schoolDay.set(day, d.getUTCDay() % 6 !== 0 && terms.some(([a, b]) => a! <= day && day <= b!) && !closed.has(day));
    }
    const daysBetween = (from: string, to: string) => [...schoolDay].filter(([d, open]) => open && d >= from && d <= to).length;
    const rates = new Map(
      (await q(`SELECT role, hourly_pence FROM provision_rate WHERE school_id = ${ph(1)}`, [school!.id])).map((x) => [
        String(x.role),
        Number(x.hourly_pence),
      ]),
    );
    const placements = await q(
      `SELECT pl.pupil_id, pl.start_date, pl.end_date, v.start_date AS v_start, v.end_date AS v_end, v.sessions_per_week, v.minutes_per_session, v.group_size, v.staff_role, p.date_left
       FROM provision_placement pl JOIN provision v ON v.id = pl.provision_id JOIN pupil p ON p.id = pl.pupil_id WHERE v.school_id = ${ph(1)}`,
      [school!.id],
    );
    const expected = new Map<string, number>();
    for (const x of placements) {
      const dayBefore = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
      const from = [iso(x.start_date), iso(x.v_start), '2026-09-01'].sort().pop()!;
      const to = [
        x.end_date === null ? '2027-08-31' : iso(x.end_date),
        x.v_end === null ? '2027-08-31' : iso(x.v_end),
        x.date_left === null ? '2027-08-31' : dayBefore(iso(x.date_left)),
        '2027-08-31',
      ].sort()[0]!;
      if (from > to) continue;
      // Minutes a week × pence an hour × school days, over 60 minutes × 5 days a week × the group: whole numbers, one rounding.
      const pence = Math.round(
        (Number(x.sessions_per_week) * Number(x.minutes_per_session) * rates.get(String(x.staff_role))! * daysBetween(from, to)) /
          (60 * 5 * Number(x.group_size)),
      );
      expected.set(String(x.pupil_id), (expected.get(String(x.pupil_id)) ?? 0) + pence);
    }

    // Each pupil's total, and the map's total is the sum of them.
    const byPupil = new Map(map.pupils.map((p) => [p.pupilId, p]));
    expect([...byPupil.keys()].sort()).toEqual([...expected.keys()].sort());
    expect(Object.fromEntries(map.pupils.map((p) => [p.pupilId, p.cost!.totalPence]))).toEqual(Object.fromEntries(expected));
    const sumOfPupils = [...expected.values()].reduce((a, b) => a + b, 0);
    expect(map.totals.cost!.totalPence).toBe(sumOfPupils);
    expect(map.provisions.reduce((n, p) => n + p.cost!.yearPence, 0)).toBe(sumOfPupils);
    expect(map.totals.cost!.aboveThresholdPence).toBe(map.pupils.reduce((n, p) => n + Math.max(0, p.cost!.totalPence - 600_000), 0));
    expect(map.missingRates).toEqual([]);

    // And the map has something to show: a catalogue across the three waves, pupils on it, some above the threshold,
    // and effectiveness from measures and from the GAS ratings of linked pupil plans.
    expect(map.provisions.length).toBeGreaterThanOrEqual(10);
    expect(new Set(map.provisions.map((p) => p.wave))).toEqual(new Set(['universal', 'targeted', 'specific']));
    expect(map.pupils.length).toBeGreaterThan(size === 'school' ? 300 : 8);
    expect(map.totals.cost!.pupilsAboveThreshold).toBeGreaterThan(0);
    expect(map.provisions.some((p) => (p.effectiveness.measure?.placements ?? 0) > 0)).toBe(true);
    if (size === 'school') expect(map.provisions.some((p) => p.effectiveness.gas.placements > 0)).toBe(true);
  });

  it('links Section F lines, plan interventions and their sessions to the catalogue provision the pupil is placed on', async () => {
    const q = (sql: string) => core.ds.query(sql) as Promise<Row[]>;
    // Every linked Section F line and intervention belongs to a pupil with a place on that provision, in the same school.
    const sectionF = await q(
      `SELECT f.provision_id, e.pupil_id, (SELECT COUNT(*) FROM provision_placement pl WHERE pl.provision_id = f.provision_id AND pl.pupil_id = e.pupil_id) AS places
       FROM ehcp_provision f JOIN ehc_plan_version v ON v.id = f.version_id JOIN ehc_plan e ON e.id = v.plan_id WHERE f.provision_id IS NOT NULL`,
    );
    const interventions = await q(
      `SELECT x.provision_id, i.pupil_id, (SELECT COUNT(*) FROM provision_placement pl WHERE pl.provision_id = x.provision_id AND pl.pupil_id = i.pupil_id) AS places
       FROM ipp_intervention x JOIN ipp_version v ON v.id = x.version_id JOIN ipp i ON i.id = v.ipp_id WHERE x.provision_id IS NOT NULL`,
    );
    expect(sectionF.length).toBeGreaterThan(size === 'school' ? 20 : 2);
    expect(interventions.length).toBeGreaterThan(0);
    for (const r of [...sectionF, ...interventions]) expect(Number(r.places)).toBeGreaterThan(0);
    // A session delivering a linked line to a pupil delivers that line's provision; one delivering none names none.
    const sessions = await q(
      `SELECT s.id, s.provision_id, COALESCE(f.provision_id, x.provision_id) AS via FROM therapy_session s
       JOIN session_pupil sp ON sp.session_id = s.id
       LEFT JOIN ehcp_provision f ON f.id = sp.ehcp_provision_id LEFT JOIN ipp_intervention x ON x.id = sp.ipp_intervention_id
       WHERE sp.ehcp_provision_id IS NOT NULL OR sp.ipp_intervention_id IS NOT NULL`,
    );
    const vias = new Map<string, { provision: unknown; via: Set<unknown> }>();
    for (const r of sessions) {
      const v = vias.get(String(r.id)) ?? { provision: r.provision_id, via: new Set() };
      if (r.via !== null) v.via.add(r.via);
      vias.set(String(r.id), v);
    }
    expect([...vias.values()].filter((v) => v.provision !== null).length).toBeGreaterThan(size === 'school' ? 100 : 5);
    for (const v of vias.values()) {
      if (v.via.size) expect(v.via.has(v.provision)).toBe(true);
      else expect(v.provision).toBeNull();
    }
    // And the catalogue counts them (provisions.get's links).
    const [slt] = await q(`SELECT id FROM provision WHERE name = '1:1 speech and language therapy' ORDER BY school_id LIMIT 1`);
    const got = (await core.dispatcher.invoke({ op: 'provisions.get', input: { id: String(slt!.id) }, session: senco })) as {
      ok: true;
      value: ProvisionDetail;
    };
    expect(got.ok).toBe(true);
    expect(got.value.links.ehcpProvision).toBeGreaterThan(0);
    expect(got.value.links.sessions).toBeGreaterThan(0);
  });

  it('dates every measure it records: an entry value when the place began, an exit value when it ended (migration 0023)', async () => {
    const rows = (await core.ds.query(
      'SELECT start_date, end_date, entry_value, exit_value, entry_date, exit_date FROM provision_placement',
    )) as Row[];
    const measured = rows.filter((r) => r.entry_value !== null || r.exit_value !== null);
    expect(measured.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r.entry_date === null ? null : iso(r.entry_date)).toBe(r.entry_value === null ? null : iso(r.start_date));
      expect(r.exit_date === null ? null : iso(r.exit_date)).toBe(r.exit_value === null ? null : iso(r.end_date));
    }
  });
});
