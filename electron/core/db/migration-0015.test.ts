/**
 * Migration 0015 (issue 16, item 5): schools become tenants. On a desk's database as an earlier version left it, every
 * record that is a school's own gets the school, every row of every table survives, and nothing changes for the
 * SENCo; undone, the rows survive too (SQLite rebuilds a table to drop a column, which with foreign keys on would
 * delete every plan, session and note that refers to a pupil or user).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PupilProfile, UserSummary } from '../../../shared/contract';
import { makeUpn } from '../../../shared/upn';
import { openTestCore, pupilInput, setUp, testDrivers, type TestCore } from '../testing/harness';
import { MIGRATIONS } from './migrations';

type R<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } };

const TENANT_TABLES = ['pupil', 'app_user', 'therapy_session', 'staff_member', 'school_policy', 'feedback', 'protected_time'];

/** Tables made by migrations after 0015 (gone when it is undone). */
// The tables of migrations after 0015 (0016 applied operations, 0019 drafts, 0020 the provision map, 0021 passports).
const LATER_TABLES = [
  'applied_operation',
  'draft',
  'provision',
  'provision_placement',
  'provision_rate',
  'provision_setting',
  'pupil_passport',
  'pupil_passport_version',
];
/** 0015 and the migrations after it, undone and run again in order. */
const FROM_0015 = MIGRATIONS.map((m) => new m().name).slice(MIGRATIONS.findIndex((m) => new m().name === 'SchoolsAsTenants1700000000015'));

describe.each(testDrivers())('migration 0015 on %s', (driver) => {
  let core: TestCore;
  let senco: string;
  const must = async <T>(session: string | null, op: string, input: unknown): Promise<T> => {
    const r = (await core.dispatcher.invoke({ op, input, session })) as R<T>;
    if (!r.ok) throw new Error(`${op}: ${r.error.message}`);
    return r.value;
  };
  const tables = async () =>
    (
      (await core.ds.query(
        driver === 'sqlite'
          ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'migrations'"
          : "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_name <> 'migrations'",
      )) as { name: string }[]
    )
      .map((r) => r.name)
      .sort();
  const counts = async () => {
    const out: Record<string, number> = {};
    for (const t of await tables()) out[t] = Number(((await core.ds.query(`SELECT COUNT(*) AS n FROM ${t}`)) as { n: unknown }[])[0]!.n);
    return out;
  };

  beforeEach(async () => {
    core = await openTestCore(driver, () => new Date('2026-11-23T09:00:00Z'));
    senco = await setUp(core);
    await must(senco, 'terms.replaceYear', {
      academicYear: '2026/27',
      terms: [{ name: 'autumn2', startDate: '2026-11-02', endDate: '2026-12-18' }],
    });
    const pupil = await must<PupilProfile>(
      senco,
      'pupils.create',
      pupilInput({ upn: makeUpn(999, 4300, 19, 1), legalFirstName: 'Mia', legalLastName: 'Migrated', senStatus: 'K', needs: ['SLCN'] }),
    );
    const tess = await must<UserSummary>(senco, 'users.create', {
      displayName: 'Tess Therapist',
      username: 'tess',
      role: 'therapist',
      password: 'therapist password',
    });
    await must(senco, 'caseload.allocate', { pupilId: pupil.id, userId: tess.id, discipline: 'speech_language', startDate: '2026-09-07' });
    await must(senco, 'sessions.schedule', {
      title: 'Language group',
      discipline: 'speech_language',
      practitionerIds: [tess.id],
      pupils: [{ pupilId: pupil.id, ehcpProvisionId: null, ippInterventionId: null }],
      firstDate: '2026-11-24',
      startTime: '10:00',
      durationMinutes: 30,
      location: null,
      recurrence: 'weekly',
      intervalWeeks: 1,
      until: '2026-12-15',
      count: null,
      exceptions: [],
      overrideProtected: false,
    });
    await must(senco, 'sessions.protected.save', {
      id: null,
      pupilId: pupil.id,
      className: null,
      weekday: 1,
      start: '13:00',
      end: '14:00',
      label: 'Maths',
      remove: false,
    });
    await must(senco, 'feedback.save', {
      id: null,
      kind: 'feedback',
      source: 'parent',
      fromName: null,
      pupilId: pupil.id,
      receivedDate: '2026-11-02',
      summary: 'Thank you.',
      sentiment: 'positive',
      stage: null,
      acknowledgedDate: null,
      respondedDate: null,
      escalatedDate: null,
      closedDate: null,
      outcome: null,
    });
    await must(senco, 'policies.save', {
      id: null,
      title: 'Therapy policy',
      holder: 'Headteacher',
      approvedBy: 'Governors',
      approvedDate: '2025-09-01',
      nextReviewDate: '2026-09-01',
    });
    await must(senco, 'staff.save', {
      id: null,
      name: 'Tess Therapist',
      jobTitle: 'SLT',
      userId: tess.id,
      active: true,
      dbsNumber: null,
      dbsIssueDate: null,
      dbsUpdateService: false,
      dbsCheckedOn: null,
      safeguardingLevel: null,
      safeguardingDate: null,
      firstAidRequired: false,
      firstAidDate: null,
      registrationRequired: false,
      registrationBody: null,
      registrationNumber: null,
      registrationExpiry: null,
      thriveRequired: false,
      thriveLicence: null,
      thriveExpiry: null,
    });
    await must(senco, 'bands.set', {
      pupilId: pupil.id,
      band: 'targeted',
      needLevel: 'medium',
      startDate: '2026-09-07',
      plannedWeeks: 20,
      reason: 'Language delay',
    });
  });
  afterEach(async () => core.cleanup());

  it('gives every school record the school, keeps every row, and can be undone keeping every row', async () => {
    const before = await counts();
    expect(before.session_pupil).toBe(4);
    // Undone: back to the schema before 0015 (through every later migration), every row still there.
    for (let i = 0; i < FROM_0015.length; i++) await core.ds.undoLastMigration({ transaction: 'each' });
    const columns = driver === 'sqlite' ? ((await core.ds.query('PRAGMA table_info(pupil)')) as { name: string }[]).map((c) => c.name) : [];
    if (driver === 'sqlite') expect(columns).not.toContain('school_id');
    // Every table that was there before 0015 keeps every row (the later migrations' own tables, empty here, are gone).
    const undone = await counts();
    expect(Object.keys(before).filter((t) => !(t in undone))).toEqual(LATER_TABLES);
    expect(undone).toEqual(Object.fromEntries(Object.entries(before).filter(([t]) => t in undone)));
    // Run as the update runs it: every row kept, each school record the school's.
    const ran = await core.ds.runMigrations({ transaction: 'each' });
    expect(ran.map((m) => m.name)).toEqual(FROM_0015);
    expect(await counts()).toEqual(before);
    const [school] = (await core.ds.query('SELECT id FROM school')) as { id: string }[];
    for (const t of TENANT_TABLES) {
      const rows = (await core.ds.query(`SELECT school_id FROM ${t}`)) as { school_id: string }[];
      expect(rows.length, t).toBeGreaterThan(0);
      expect(new Set(rows.map((r) => r.school_id)), t).toEqual(new Set([school!.id]));
    }
    // A standalone desk carries on as before: the SENCo sees every pupil, their sessions, their staff.
    const again = (await core.dispatcher.invoke({
      op: 'auth.signIn',
      input: { username: 'sam.senco', password: 'correct horse battery' },
    })) as R<{ session: string }>;
    expect(again.ok).toBe(true);
    if (!again.ok) return;
    expect((await must<{ total: number }>(again.value.session, 'pupils.list', {})).total).toBe(1);
    expect(await must<unknown[]>(again.value.session, 'sessions.list', { from: '2026-11-01', to: '2026-12-31' })).toHaveLength(4);
    expect(await must<unknown[]>(again.value.session, 'staff.list', {})).toHaveLength(1);
  });
});
