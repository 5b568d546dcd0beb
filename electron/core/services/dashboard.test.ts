/**
 * dashboard.worklist on the pupil world (electron/core/testing/pupil-world.ts, today Monday 23 November 2026): the
 * SENCo's and the therapist's "Do next", grouped by pupil and most urgent first, a review step made moot by a later
 * one left out, everyone's on request for the SENCo only, and every count equal to the list it opens.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TO_RECORD_DAYS, type ClockList, type PupilRow, type SessionView, type Worklist } from '../../../shared/contract';
import { buildWorld, mentions, type World } from '../testing/pupil-world';
import { testDrivers } from '../testing/harness';

describe.each(testDrivers())('dashboard.worklist on %s', (driver) => {
  let w: World;
  const as = async <T>(session: string, op: string, input: unknown): Promise<T> => {
    const r = await w.core.dispatcher.invoke({ op, input, session });
    if (!r.ok) throw new Error(`${op}: ${JSON.stringify(r.error)}`);
    return r.value as T;
  };
  const review = (planId: string, over: Record<string, unknown>) =>
    as(w.senco, 'ehcp.reviews.save', {
      id: null,
      planId,
      held: true,
      invitationsSentDate: null,
      adviceCirculatedDate: null,
      reportSentDate: null,
      laDecisionDate: null,
      laDecision: null,
      amendedFinalDate: null,
      ...over,
    });

  beforeAll(async () => {
    w = await buildWorld(driver);
    // IN's annual review was held on 14 October; no report was recorded, but the LA has decided since (4 November):
    // the report (due 22 October... moved for half-term) is moot, not overdue, and so are the invitations and advice.
    await review(w.in.planId, { meetingDate: '2026-10-14', laDecision: 'maintain', laDecisionDate: '2026-11-04' });
    // OUT's was held on 2 November with nothing after it: the report (due 16 November) is overdue.
    await review(w.out.planId, { meetingDate: '2026-11-02', invitationsSentDate: '2026-10-12', adviceCirculatedDate: '2026-10-15' });
    // An action the SENCo owns, overdue (due Friday 20 November), for IN.
    await as(w.senco, 'reviews.save', {
      id: null,
      pupilId: w.in.profile.id,
      kind: 'band',
      date: '2026-11-16',
      status: 'held',
      ippId: null,
      placementId: null,
      ehcPlanId: null,
      attendees: [{ role: 'parent_carer', name: 'Pat Parent', organisation: null, present: true }],
      pupilViews: null,
      parentViews: null,
      discussion: null,
      ratings: [],
      decisions: [],
      actions: [
        {
          id: null,
          description: 'Send the strategies to the parents',
          ownerUserId: w.sencoId,
          ownerName: null,
          dueDate: '2026-11-20',
          doneDate: null,
        },
      ],
      statutory: null,
    });
  }, 120_000);
  afterAll(async () => w.core.cleanup());

  it('gives the SENCo their own deadlines and actions by pupil, most urgent first, without moot steps', async () => {
    const list = await as<Worklist>(w.senco, 'dashboard.worklist', {});
    expect(list).toMatchObject({ today: '2026-11-23', everyone: false, canSeeEveryone: true });
    // Both referrals' first assessments (no one's, so the SENCo's) were due on 22 October and are not recorded:
    // the pupils tie on their most urgent item, so the one with more to do, then by name, comes first.
    expect(list.groups.map((g) => g.pupilId)).toEqual([w.in.profile.id, w.out.profile.id]);
    const [inn, out] = list.groups;
    const view = (g: typeof inn) => g!.items.map((i) => [i.kind, i.action?.description ?? i.clock?.key ?? null, i.dueDate, i.overdue]);
    // IN: the SENCo's overdue action; the moot report, invitations and advice of the review held on 14 October (the
    // LA decided on 4 November) are not there, and the therapist's action and session are not the SENCo's.
    expect(view(inn)).toEqual([
      ['clock', 'initial_assessment', '2026-10-22', true],
      ['action', 'Send the strategies to the parents', '2026-11-20', true],
    ]);
    // OUT: the report of the meeting held on 2 November (the LA's decision, due 30 November, is not yet in the week).
    expect(view(out)).toEqual([
      ['clock', 'initial_assessment', '2026-10-22', true],
      ['clock', 'review_report', '2026-11-16', true],
    ]);
    expect(list.groups.flatMap((g) => g.items).some((i) => i.kind === 'session')).toBe(false);
  });

  it("gives everyone's to the SENCo on request, and counts that equal the lists they open", async () => {
    const list = await as<Worklist>(w.senco, 'dashboard.worklist', { everyone: true });
    expect(list.everyone).toBe(true);
    const items = list.groups.flatMap((g) => g.items);
    // The therapist's session with IN on 17 November, not recorded, is someone's to do: in everyone's list.
    expect(items.filter((i) => i.kind === 'session').map((i) => [i.session?.title, i.dueDate])).toEqual([['Ina 1:1', '2026-11-17']]);
    expect(
      items.some(
        (i) =>
          i.clock?.key === 'review_report' &&
          i.clock.recordType === 'review' &&
          list.groups.find((g) => g.items.includes(i))!.pupilId === w.in.profile.id,
      ),
    ).toBe(false);

    // Deadlines: the same counts as the deadlines list (clocks.list) gives, state by state.
    const clocks = await as<ClockList>(w.senco, 'clocks.list', {});
    expect(list.counts.clocks).toEqual(clocks.counts);
    for (const state of ['overdue', 'due_this_week', 'upcoming'] as const) {
      const filtered = await as<ClockList>(w.senco, 'clocks.list', { states: [state] });
      expect(filtered.items).toHaveLength(list.counts.clocks![state]);
    }
    // Review actions: the open ones reviews.actions lists (two of the therapist's, one of the SENCo's).
    const actions = await as<{ doneDate: string | null }[]>(w.senco, 'reviews.actions', {});
    expect(list.counts.actions).toEqual({ open: 3, overdue: 1 });
    expect(actions.filter((a) => a.doneDate === null)).toHaveLength(3);
    // Sessions to record: the count is the list returned when asked for (the page the count opens); the dashboard
    // itself does not carry it.
    expect(list.counts.sessionsToRecord).toBe(1);
    expect(list.sessionsToRecord).toEqual([]);
    for (const input of [{}, { withSessions: true }]) {
      const counted = await as<Worklist>(w.senco, 'dashboard.worklist', input);
      expect(counted.counts.sessionsToRecord).toBe(1);
    }
    const listed = await as<Worklist>(w.senco, 'dashboard.worklist', { withSessions: true });
    expect(listed.sessionsToRecord.map((s) => [s.title, s.date, s.pupils.map((p) => p.id)])).toEqual([
      ['Ina 1:1', '2026-11-17', [w.in.profile.id]],
    ]);
    // Golden thread: the register's filter lists exactly the pupils counted.
    const register = await as<{ total: number; rows: PupilRow[] }>(w.senco, 'pupils.list', { thread: 'problems' });
    expect(register.total).toBe(list.counts.goldenThread!.pupils);
  });

  it('gives the therapist their own session to record and nothing about a pupil outside their caseload', async () => {
    for (const input of [{}, { everyone: true }, { withSessions: true }]) {
      const list = await as<Worklist>(w.therapistSession, 'dashboard.worklist', input);
      expect(list).toMatchObject({ everyone: false, canSeeEveryone: false });
      expect(list.groups.map((g) => [g.pupilId, g.items.map((i) => [i.kind, i.session?.title ?? null, i.dueDate])])).toEqual([
        [w.in.profile.id, [['session', 'Ina 1:1', '2026-11-17']]],
      ]);
      // Deadlines are not theirs to read. The open actions about their pupil are counted (theirs, due 30 November,
      // and the SENCo's, overdue), as reviews.actions lists them; neither is theirs to do this week.
      expect(list.counts).toEqual({
        clocks: null,
        goldenThread: null,
        actions: { open: 2, overdue: 1 },
        sessionsToRecord: 1,
        sessionsToRecordEarlier: 0,
      });
      expect(list.groups.every((g) => g.more === 0)).toBe(true);
      expect(mentions(list, w.outTokens)).toBeNull();
    }
  });

  it('refuses input it does not know, and is audited as a read', async () => {
    const r = await w.core.dispatcher.invoke({ op: 'dashboard.worklist', input: { everyone: 'yes' }, session: w.senco });
    expect(r.ok).toBe(false);
    const events = (await w.core.ds.query(
      "SELECT operation, outcome FROM audit_event WHERE operation = 'dashboard.worklist' AND outcome = 'ok'",
    )) as unknown[];
    expect(events.length).toBeGreaterThan(0);
  });
});

/**
 * Sessions to record over a long stretch (issue 17, item 1): the worklist lists those of the last eight weeks (the
 * calendar's "To record" tab) and counts the earlier ones this school year beside them, so none is lost; Do next shows
 * each pupil's earliest ten of the window and counts the rest.
 */
describe.each(testDrivers())('dashboard.worklist with many sessions to record on %s', (driver) => {
  let w: World;
  const as = async <T>(session: string, op: string, input: unknown): Promise<T> => {
    const r = await w.core.dispatcher.invoke({ op, input, session });
    if (!r.ok) throw new Error(`${op}: ${JSON.stringify(r.error)}`);
    return r.value as T;
  };
  // Today is Monday 23 November 2026: the window runs from Tuesday 29 September (56 days with today).
  const from = '2026-09-29';
  let pending: SessionView[] = [];

  beforeAll(async () => {
    w = await buildWorld(driver);
    // The therapist's weekly 1:1s with IN on Tuesdays and Thursdays since 15 September, none recorded.
    for (const [title, firstDate] of [
      ['Ina Tuesday', '2026-09-15'],
      ['Ina Thursday', '2026-09-17'],
    ] as const) {
      await as(w.senco, 'sessions.schedule', {
        title,
        discipline: 'speech_language',
        practitionerIds: [w.therapist.id],
        pupils: [{ pupilId: w.in.profile.id, ehcpProvisionId: null, ippInterventionId: null }],
        firstDate,
        startTime: '09:00',
        durationMinutes: 30,
        location: null,
        recurrence: 'weekly',
        intervalWeeks: 1,
        until: '2026-11-20',
        count: null,
        exceptions: [],
        overrideProtected: false,
      });
    }
    // sessions.list shows at most two months at a time.
    const all = [
      ...(await as<SessionView[]>(w.senco, 'sessions.list', { from: '2026-09-01', to: '2026-10-15' })),
      ...(await as<SessionView[]>(w.senco, 'sessions.list', { from: '2026-10-16', to: '2026-11-22' })),
    ];
    pending = all.filter((s) => s.title.startsWith('Ina ') && s.pupils.every((p) => p.attendance === 'pending'));
  }, 120_000);
  afterAll(async () => w.core.cleanup());

  it('lists the last eight weeks and counts the earlier ones this school year, for the therapist and the SENCo', async () => {
    const recent = pending.filter((s) => s.date >= from);
    const earlier = pending.filter((s) => s.date < from);
    // The fixture is what the test needs: earlier sessions, and more than ten in the window.
    expect(earlier.map((s) => s.date).sort()).toEqual(['2026-09-15', '2026-09-17', '2026-09-22', '2026-09-24']);
    expect(recent.length).toBeGreaterThan(10);
    for (const session of [w.therapistSession, w.senco]) {
      const list = await as<Worklist>(session, 'dashboard.worklist', { withSessions: true });
      expect(list.toRecordFrom).toBe(from);
      expect(list.counts.sessionsToRecord).toBe(recent.length);
      expect(list.counts.sessionsToRecordEarlier).toBe(earlier.length);
      // The list the count opens: exactly the window's, most recent first.
      expect(list.sessionsToRecord.map((s) => s.id)).toEqual(
        [...recent]
          .sort((a, b) => b.date.localeCompare(a.date) || b.startTime.localeCompare(a.startTime) || a.id.localeCompare(b.id))
          .map((s) => s.id),
      );
    }
  });

  it("gives Do next each pupil's earliest ten sessions of the window and counts the rest", async () => {
    const recent = pending.filter((s) => s.date >= from).sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id));
    // The therapist's: IN's sessions only (no deadlines to read, no action of theirs due this week).
    const mine = await as<Worklist>(w.therapistSession, 'dashboard.worklist', {});
    expect(mine.groups.map((g) => g.pupilId)).toEqual([w.in.profile.id]);
    const [group] = mine.groups;
    expect(group!.items.map((i) => [i.kind, i.id, i.dueDate, i.overdue])).toEqual(
      recent.slice(0, 10).map((s) => ['session', s.id, s.date, true]),
    );
    expect(group!.more).toBe(recent.length - 10);
    // Everyone's, for the SENCo: IN's deadlines and actions come first by date, then the earliest sessions of the window.
    const all = await as<Worklist>(w.senco, 'dashboard.worklist', { everyone: true });
    const inn = all.groups.find((g) => g.pupilId === w.in.profile.id)!;
    const shown = inn.items.filter((i) => i.kind === 'session').map((i) => i.id);
    expect(shown.length).toBeGreaterThan(0);
    expect(shown).toEqual(recent.slice(0, shown.length).map((s) => s.id));
    expect(inn.more).toBeGreaterThanOrEqual(recent.length - shown.length);
  });

  it('keeps the window to the calendar\'s "To record" tab: eight weeks', () => {
    expect(TO_RECORD_DAYS).toBe(56);
  });

  it('follows a session moved into the window and out again (the dates copied by migration 0022 stay true)', async () => {
    const [first] = pending.filter((s) => s.date === '2026-09-15');
    expect(first).toBeDefined();
    const counts = async () => {
      const therapist = await as<Worklist>(w.therapistSession, 'dashboard.worklist', { withSessions: true });
      const own = await as<Worklist>(w.therapistSession, 'dashboard.worklist', {});
      const copies = (await w.core.ds.query(
        'SELECT sp.session_date AS d, sp.session_end_time AS e FROM session_pupil sp WHERE sp.session_id = $1 UNION ALL SELECT m.session_date AS d, NULL AS e FROM session_practitioner m WHERE m.session_id = $1'.replace(
          /\$1/g,
          driver === 'postgres' ? '$1' : '?1',
        ),
        [first!.id],
      )) as { d: unknown; e: string | null }[];
      return {
        recent: therapist.counts.sessionsToRecord,
        earlier: therapist.counts.sessionsToRecordEarlier,
        listed: therapist.sessionsToRecord.some((s) => s.id === first!.id),
        // Do next: the therapist's sessions with IN, shown and counted beyond the first ten.
        doNext: own.groups.reduce((n, g) => n + g.items.filter((i) => i.kind === 'session').length + g.more, 0),
        copies: copies.map((c) => [c.d instanceof Date ? c.d.toISOString().slice(0, 10) : c.d, c.e]),
      };
    };
    const before = await counts();
    expect(before).toMatchObject({
      listed: false,
      doNext: before.recent,
      copies: [
        ['2026-09-15', '09:30'],
        ['2026-09-15', null],
      ],
    });
    // Moved from 15 September (before the window) to Wednesday 18 November at 14:00: in the window, listed, in Do next's count.
    await as(w.senco, 'sessions.move', { id: first!.id, date: '2026-11-18', startTime: '14:00', overrideProtected: false });
    const moved = await counts();
    expect(moved).toEqual({
      recent: before.recent! + 1,
      earlier: before.earlier! - 1,
      listed: true,
      doNext: before.recent! + 1,
      copies: [
        ['2026-11-18', '14:30'],
        ['2026-11-18', null],
      ],
    });
    // And back: as it was.
    await as(w.senco, 'sessions.move', { id: first!.id, date: '2026-09-15', startTime: '09:00', overrideProtected: false });
    expect(await counts()).toEqual(before);
  });
});
