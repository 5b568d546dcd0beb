/**
 * Migration 0013 (issue 14, item 4): caseload access now comes from allocations only, so the access that booked
 * sessions gave before is carried over as allocations, each in the audit trail, and no therapist loses or gains
 * access on the update. The data is what an earlier version wrote: sessions booked without allocations, put in with
 * the migration undone, then the migration run as an update would run it.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PupilProfile, SessionInfo, UserSummary } from '../../../shared/contract';
import { makeUpn } from '../../../shared/upn';
import { verifyAuditChain } from '../audit';
import { openTestCore, pupilInput, setUp, testDrivers, type TestCore } from '../testing/harness';
import { AllocationsFromSessions1700000000013, MIGRATION_0013_ACTOR, MIGRATION_0013_BY } from './migrations/0013-allocations-from-sessions';
import { MIGRATIONS } from './migrations';

/** 0013 and every migration after it: undone to get back to the schema an earlier version left, run again as the update. */
const FROM_0013 = MIGRATIONS.slice(MIGRATIONS.indexOf(AllocationsFromSessions1700000000013));

type R<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } };

/** Today, as the migration sees it (it runs at update time, on the real clock), moved by days or months. */
function fromToday(days: number, months = 0): string {
  const d = new Date();
  d.setUTCHours(0, 0, 0, 0);
  d.setUTCMonth(d.getUTCMonth() + months);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

describe.each(testDrivers())('migration 0013 on %s', (driver) => {
  let core: TestCore;
  let senco: string;
  let tess: UserSummary;
  let theo: UserSummary;
  let lead: UserSummary;
  const p: PupilProfile[] = [];
  const call = <T>(session: string | null, op: string, input: unknown) => core.dispatcher.invoke({ op, input, session }) as Promise<R<T>>;
  const must = async <T>(session: string | null, op: string, input: unknown): Promise<T> => {
    const r = await call<T>(session, op, input);
    if (!r.ok) throw new Error(`${op}: ${r.error.message}`);
    return r.value;
  };
  const q = (sql: string, params: unknown[] = []) =>
    core.ds.query(
      driver === 'postgres'
        ? sql.replace(
            /\?/g,
            (() => {
              let i = 0;
              return () => `$${++i}`;
            })(),
          )
        : sql,
      params,
    );
  /** A session as an earlier version booked it: straight into the tables, with no allocation. */
  const oldSession = async (date: string, discipline: string, practitioner: string, pupilIds: string[]) => {
    const id = randomUUID();
    await q(
      'INSERT INTO therapy_session (id, series_id, date, start_time, end_time, duration_minutes, title, discipline, location, created_by, created_at) VALUES (?, NULL, ?, ?, ?, 30, ?, ?, NULL, ?, ?)',
      [id, date, '10:00', '10:30', 'Earlier booking', discipline, 'Sam Senco (sam.senco)', new Date().toISOString()],
    );
    await q('INSERT INTO session_practitioner (session_id, user_id) VALUES (?, ?)', [id, practitioner]);
    for (const pupilId of pupilIds) {
      await q("INSERT INTO session_pupil (session_id, pupil_id, attendance) VALUES (?, ?, 'pending')", [id, pupilId]);
    }
  };
  const allocations = async () =>
    (
      (await q('SELECT pupil_id, user_id, discipline, start_date, end_date, created_by FROM caseload_allocation')) as Record<
        string,
        unknown
      >[]
    )
      .map((r) => ({
        pupil: p.findIndex((x) => x.id === r.pupil_id),
        user: r.user_id === tess.id ? 'tess' : r.user_id === theo.id ? 'theo' : 'lead',
        discipline: r.discipline,
        start: r.start_date instanceof Date ? fromDate(r.start_date) : r.start_date,
        end: r.end_date instanceof Date ? fromDate(r.end_date) : r.end_date,
        by: r.created_by,
      }))
      .sort(order);
  const order = (a: { pupil: number; user: string }, b: { pupil: number; user: string }) =>
    a.pupil - b.pupil || (a.user < b.user ? -1 : a.user > b.user ? 1 : 0);
  /** 12 months on: the same day next year (29 February becomes 28 February). */
  const plusYear = (iso: string) => `${Number(iso.slice(0, 4)) + 1}${iso.slice(4, 10) === '-02-29' ? '-02-28' : iso.slice(4, 10)}`;
  const fromDate = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

  beforeEach(async () => {
    core = await openTestCore(driver);
    senco = await setUp(core);
    p.length = 0;
    for (let i = 0; i < 5; i++) {
      p.push(
        await must<PupilProfile>(
          senco,
          'pupils.create',
          pupilInput({ upn: makeUpn(999, 4300, 19, i + 1), legalFirstName: `Pupil${i}`, legalLastName: 'Migrated' }),
        ),
      );
    }
    tess = await must<UserSummary>(senco, 'users.create', {
      displayName: 'Tess Therapist',
      username: 'tess',
      role: 'therapist',
      password: 'therapist password',
    });
    theo = await must<UserSummary>(senco, 'users.create', {
      displayName: 'Theo Therapist',
      username: 'theo',
      role: 'therapist',
      password: 'therapist password',
    });
    lead = await must<UserSummary>(senco, 'users.create', {
      displayName: 'Lee Lead',
      username: 'lee',
      role: 'therapy_lead',
      password: 'therapy lead password',
    });
    // An allocation made in the earlier version, open-ended: theo and pupil 3.
    await must(senco, 'caseload.allocate', { pupilId: p[3]!.id, userId: theo.id, startDate: fromToday(0, -6) });
    // Back to the schema before 0013, as an earlier version left it (the later migrations undone first).
    for (let i = 0; i < FROM_0013.length; i++) await core.ds.undoLastMigration({ transaction: 'each' });
  });
  afterEach(async () => core.cleanup());

  it('turns the access sessions gave into allocations, each audited, and nothing else', async () => {
    await oldSession(fromToday(0, -3), 'speech_language', tess.id, [p[0]!.id]); // tess + 0: three months ago...
    await oldSession(fromToday(14), 'speech_language', tess.id, [p[0]!.id]); //  ...and in two weeks
    await oldSession(fromToday(-1, -13), 'speech_language', tess.id, [p[1]!.id]); // tess + 1: over 12 months ago only: no access before, none after
    await oldSession(fromToday(-7), 'speech_language', tess.id, [p[2]!.id]); // tess + 2: two disciplines
    await oldSession(fromToday(-5), 'occupational_therapy', tess.id, [p[2]!.id]);
    await oldSession(fromToday(-2), 'speech_language', theo.id, [p[3]!.id]); // theo + 3: already allocated, open-ended
    await oldSession(fromToday(21), 'physiotherapy', tess.id, [p[4]!.id]); // tess + 4: only a session still to come
    await oldSession(fromToday(-10), 'speech_language', lead.id, [p[1]!.id]); // the therapy lead sees everyone: nothing to carry over

    const ran = await core.ds.runMigrations({ transaction: 'each' });
    expect(ran.map((m) => m.name)).toEqual(FROM_0013.map((m) => m.name));

    expect(await allocations()).toEqual(
      [
        { pupil: 3, user: 'theo', discipline: null, start: fromToday(0, -6), end: null, by: 'Sam Senco (sam.senco)' },
        {
          pupil: 0,
          user: 'tess',
          discipline: 'speech_language',
          start: fromToday(0, -3),
          end: plusYear(fromToday(14)),
          by: MIGRATION_0013_BY,
        },
        { pupil: 2, user: 'tess', discipline: null, start: fromToday(-7), end: plusYear(fromToday(-5)), by: MIGRATION_0013_BY },
        { pupil: 4, user: 'tess', discipline: 'physiotherapy', start: fromToday(0), end: plusYear(fromToday(21)), by: MIGRATION_0013_BY },
      ].sort(order),
    );

    // Each carried-over allocation is in the audit trail, naming the pupil and the practitioner, and the chain holds.
    const events = (await q('SELECT actor, operation, pupil_id, detail FROM audit_event WHERE actor = ? ORDER BY seq', [
      MIGRATION_0013_ACTOR,
    ])) as Record<string, string>[];
    expect(
      events
        .map((e) => [
          e.operation,
          p.findIndex((x) => x.id === e.pupil_id),
          (JSON.parse(e.detail!) as { practitioner: string }).practitioner,
        ])
        .sort(),
    ).toEqual([
      ['caseload.allocate', 0, 'tess'],
      ['caseload.allocate', 2, 'tess'],
      ['caseload.allocate', 4, 'tess'],
    ]);
    expect(JSON.parse(events[0]!.detail!)).toMatchObject({
      reason: expect.stringMatching(/booked sessions/),
      sessions: expect.any(Number),
    });
    expect((await verifyAuditChain(core.ds.manager)).ok).toBe(true);

    // Tess reaches exactly the pupils her sessions reached before the update.
    const session = (await must<SessionInfo>(null, 'auth.signIn', { username: 'tess', password: 'therapist password' })).session;
    const list = await must<{ rows: { id: string }[] }>(session, 'pupils.list', {});
    expect(list.rows.map((r) => p.findIndex((x) => x.id === r.id)).sort()).toEqual([0, 2, 4]);

    // Undoing the migration removes what it made, and only that.
    for (let i = 0; i < FROM_0013.length; i++) await core.ds.undoLastMigration({ transaction: 'each' });
    expect((await allocations()).map((a) => [a.pupil, a.user])).toEqual([[3, 'theo']]);
  });

  it('does nothing on a database with no sessions', async () => {
    await core.ds.runMigrations({ transaction: 'each' });
    expect((await allocations()).map((a) => [a.pupil, a.user])).toEqual([[3, 'theo']]);
    expect(Number((await q('SELECT COUNT(*) AS n FROM audit_event WHERE actor = ?', [MIGRATION_0013_ACTOR]))[0].n)).toBe(0);
  });
});
