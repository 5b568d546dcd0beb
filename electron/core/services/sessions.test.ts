import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { makeUpn } from '../../../shared/upn';
import type { PlanView, ProvisionReport, PupilProfile, ScheduleResult, SessionView, UserSummary } from '../../../shared/contract';
import { openTestCore, planContent, pupilInput, setUp, testDrivers, type TestCore } from '../testing/harness';

type R<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string; fields?: Record<string, string> } };

const TERMS = [
  { name: 'autumn1', startDate: '2026-09-02', endDate: '2026-10-23' },
  { name: 'autumn2', startDate: '2026-11-02', endDate: '2026-12-18' },
  { name: 'spring1', startDate: '2027-01-04', endDate: '2027-02-12' },
  { name: 'spring2', startDate: '2027-02-22', endDate: '2027-03-26' },
  { name: 'summer1', startDate: '2027-04-12', endDate: '2027-05-28' },
  { name: 'summer2', startDate: '2027-06-07', endDate: '2027-07-21' },
];

const ippBase = (pupilId: string) => ({
  id: null as string | null,
  baseVersion: null as number | null,
  pupilId,
  title: 'Language plan',
  startDate: '2026-09-07',
  reviewDate: '2026-12-07',
  endDate: '2027-03-22',
  expectedOutcomes: null,
  revisionReason: null as string | null,
  goals: [
    {
      key: 'g1',
      description: 'Asks for help',
      ehcpOutcomeId: null,
      levels: { m2: null, m1: null, expected: 'Asks twice a day', p1: null, p2: null },
    },
  ],
});
const intervention = {
  discipline: 'speech_language',
  description: 'Narrative group',
  frequencyCount: 1,
  frequencyPeriod: 'week',
  sessionMinutes: 30,
  durationWeeks: 20,
  groupSize: 3,
  staffingRatio: 'small_group',
  deliveredBy: 'SLT',
  classroomStrategies: null,
};

describe.each(testDrivers())('sessions on %s', (driver) => {
  let core: TestCore;
  let session: string;
  let a: PupilProfile;
  let b: PupilProfile;
  let therapist: UserSummary;
  let provisionId: string;
  const call = <T>(op: string, input: unknown) => core.dispatcher.invoke({ op, input, session }) as Promise<R<T>>;
  const must = async <T>(op: string, input: unknown): Promise<T> => {
    const r = await call<T>(op, input);
    if (!r.ok) throw new Error(`${op}: ${JSON.stringify(r.error)}`);
    return r.value;
  };
  const booking = (over: Record<string, unknown> = {}) => ({
    title: 'Language group',
    discipline: 'speech_language',
    location: 'Therapy room',
    firstDate: '2026-10-13',
    startTime: '09:30',
    durationMinutes: 30,
    recurrence: 'weekly',
    intervalWeeks: 1,
    until: '2026-11-10',
    count: null,
    exceptions: [],
    practitionerIds: [therapist.id],
    pupils: [
      { pupilId: a.id, ehcpProvisionId: provisionId, ippInterventionId: null },
      { pupilId: b.id, ehcpProvisionId: null, ippInterventionId: null },
    ],
    overrideProtected: false,
    ...over,
  });

  beforeEach(async () => {
    core = await openTestCore(driver, () => new Date('2026-11-11T09:00:00Z'));
    session = await setUp(core);
    await must('terms.replaceYear', { academicYear: '2026/27', terms: TERMS });
    a = await must<PupilProfile>(
      'pupils.create',
      pupilInput({ upn: makeUpn(999, 4001, 19, 1), legalFirstName: 'Ada', legalLastName: 'Lovelace-Test', senStatus: 'E' }),
    );
    b = await must<PupilProfile>(
      'pupils.create',
      pupilInput({ upn: makeUpn(999, 4001, 19, 2), legalFirstName: 'Ben', legalLastName: 'Babbage-Test', className: '6A' }),
    );
    therapist = await must<UserSummary>('users.create', {
      displayName: 'Tess Therapist',
      username: 'tess',
      role: 'therapist',
      password: 'long enough password',
    });
    const plan = await must<PlanView>('ehcp.create', {
      pupilId: a.id,
      localAuthority: 'Exampleshire',
      ownerId: null,
      status: 'final',
      draftDate: null,
      issuedDate: '2026-06-01',
      ceasedDate: null,
      ceasedReason: null,
      content: planContent(),
    });
    provisionId = plan.content.provision[0]!.key; // 1 x 30 minutes a week
    // A therapist is booked only with pupils allocated to them (booking gives no access of its own).
    for (const p of [a, b]) await must('caseload.allocate', { pupilId: p.id, userId: therapist.id, startDate: '2026-09-07' });
  });
  afterEach(async () => core.cleanup());

  it('books a weekly group session across the half-term, leaving out the holiday', async () => {
    const r = await must<ScheduleResult>('sessions.schedule', booking());
    expect(r.dates).toEqual(['2026-10-13', '2026-10-20', '2026-11-03', '2026-11-10']);
    expect(r.skipped).toEqual([{ date: '2026-10-27', reason: 'holiday' }]);
    const halfTerm = await must<SessionView[]>('sessions.list', { from: '2026-10-26', to: '2026-10-30' });
    expect(halfTerm).toEqual([]);
    const week = await must<SessionView[]>('sessions.list', { from: '2026-11-02', to: '2026-11-08', practitionerId: therapist.id });
    expect(week.map((s) => [s.date, s.startTime, s.endTime, s.pupils.map((p) => p.initials).sort()])).toEqual([
      ['2026-11-03', '09:30', '10:00', ['AL', 'BB']],
    ]);
  });

  it('offers the next free times for the people chosen: round their sessions and protected lessons, from now, on school days', async () => {
    // Now is 09:00 on Wednesday 11 November 2026 (GMT). Tess has the group at 09:30 every Tuesday; Ben's class 6A has
    // a protected lesson on Wednesday mornings; Ada has a session with the SENCo at 11:00 this Wednesday.
    await must('sessions.schedule', booking({ firstDate: '2026-11-10', until: '2026-12-18' }));
    await must('sessions.protected.save', {
      id: null,
      pupilId: null,
      className: '6A',
      weekday: 3,
      start: '09:00',
      end: '12:00',
      label: 'Maths',
      remove: false,
    });
    const me = await must<{ user: { id: string } }>('auth.me', {});
    await must(
      'sessions.schedule',
      booking({
        firstDate: '2026-11-11',
        startTime: '11:00',
        recurrence: 'none',
        until: null,
        practitionerIds: [me.user.id],
        pupils: [{ pupilId: a.id, ehcpProvisionId: null, ippInterventionId: null }],
      }),
    );
    const free = await must<{ slots: { date: string; start: string; end: string }[]; searchedTo: string }>('sessions.freeSlots', {
      practitionerIds: [therapist.id],
      pupilIds: [a.id, b.id],
      durationMinutes: 45,
      from: null,
    });
    // Wednesday: Ben's maths until 12:00 (and Ada's 11:00 session), so 12:00 and then 12:45; Thursday from 09:00.
    expect(free.slots.slice(0, 4).map((s) => `${s.date} ${s.start}-${s.end}`)).toEqual([
      '2026-11-11 12:00-12:45',
      '2026-11-11 12:45-13:30',
      '2026-11-12 09:00-09:45',
      '2026-11-12 09:45-10:30',
    ]);
    expect(free.searchedTo).toBe('2026-12-22');
    // Tuesdays: the group's 09:30-10:00 is stepped round.
    const tuesday = await must<{ slots: { date: string; start: string }[] }>('sessions.freeSlots', {
      practitionerIds: [therapist.id],
      pupilIds: [],
      durationMinutes: 30,
      from: '2026-11-17',
    });
    expect(tuesday.slots.slice(0, 2).map((s) => `${s.date} ${s.start}`)).toEqual(['2026-11-17 09:00', '2026-11-17 10:00']);
    // A date in the past is read as today; someone who is not a practitioner is refused beside the field.
    expect(await call('sessions.freeSlots', { practitionerIds: [a.id], pupilIds: [], durationMinutes: 30, from: null })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', fields: { 'practitionerIds.0': expect.any(String) } },
    });
  });

  it('books a therapist only with pupils allocated to them, naming the pupil and the practitioner; the SENCo needs no allocation', async () => {
    const c = await must<PupilProfile>(
      'pupils.create',
      pupilInput({ upn: makeUpn(999, 4001, 19, 3), legalFirstName: 'Cy', legalLastName: 'Unallocated', className: '6A' }),
    );
    const group = booking({ pupils: [a, c].map((p) => ({ pupilId: p.id, ehcpProvisionId: null, ippInterventionId: null })) });
    const refused = await call('sessions.schedule', group);
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: 'invalid_input',
        fields: {
          'pupils.1.pupilId': expect.stringMatching(
            /^Tess Therapist is not allocated to Cy Unallocated.*SENCo or therapy lead must allocate/,
          ),
        },
      },
    });
    expect(!refused.ok && refused.error.message).toMatch(/Tess Therapist is not allocated to Cy Unallocated/);
    expect(!refused.ok && refused.error.fields?.['pupils.0.pupilId']).toBeUndefined();
    expect(await must<SessionView[]>('sessions.list', { from: '2026-10-01', to: '2026-11-30' })).toEqual([]);
    // The SENCo delivering the group (teaching assistants' programmes) sees every pupil: no allocation is needed.
    const me = (await must<{ user: { id: string } }>('auth.me', {})).user.id;
    expect((await call('sessions.schedule', { ...group, practitionerIds: [me] })).ok).toBe(true);

    // An allocation that ends part-way: the dates after it are refused, naming the first one.
    const [allocation] = await must<{ id: string }[]>('caseload.allocations', { pupilId: b.id });
    await must('caseload.endAllocation', { id: allocation!.id, endDate: '2026-10-31' });
    const partly = await call(
      'sessions.schedule',
      booking({ title: 'Later group', startTime: '11:00', pupils: [{ pupilId: b.id, ehcpProvisionId: null, ippInterventionId: null }] }),
    );
    expect(!partly.ok && partly.error.fields?.['pupils.0.pupilId']).toMatch(
      /^Tess Therapist’s allocation to Ben Babbage-Test does not cover 3 November 2026\./,
    );
    const before = await must<ScheduleResult>(
      'sessions.schedule',
      booking({
        title: 'Early group',
        startTime: '11:00',
        until: '2026-10-20',
        pupils: [{ pupilId: b.id, ehcpProvisionId: null, ippInterventionId: null }],
      }),
    );
    expect(before.dates).toEqual(['2026-10-13', '2026-10-20']);
    // ...and moving one of them past the allocation's end is refused too.
    const early = (await must<SessionView[]>('sessions.list', { from: '2026-10-13', to: '2026-10-13', pupilId: b.id }))[0]!;
    const moved = await call('sessions.move', { id: early.id, date: '2026-11-04', startTime: '11:00', overrideProtected: false });
    expect(!moved.ok && moved.error.fields?.date).toMatch(/allocation to Ben Babbage-Test does not cover 4 November 2026/);
  });

  it('refuses a double booking, naming the clash, and a one-off in the holidays', async () => {
    await must('sessions.schedule', booking());
    const clash = await call(
      'sessions.schedule',
      booking({
        title: 'OT',
        discipline: 'occupational_therapy',
        recurrence: 'none',
        firstDate: '2026-11-03',
        startTime: '09:45',
        pupils: [{ pupilId: b.id, ehcpProvisionId: null, ippInterventionId: null }],
      }),
    );
    expect(!clash.ok && clash.error.message).toBe(
      'Tess Therapist is already booked for "Language group" on 3 November 2026 from 09:30 to 10:00.',
    );
    const holiday = await call('sessions.schedule', booking({ recurrence: 'none', firstDate: '2026-12-22' }));
    expect(!holiday.ok && holiday.error.fields?.firstDate).toMatch(/22 December 2026 is not a school day \(school holiday\)/);
    const sessions = await must<SessionView[]>('sessions.list', { from: '2026-11-02', to: '2026-11-08' });
    const move = await call('sessions.move', { id: sessions[0]!.id, date: '2026-10-27', startTime: '09:30', overrideProtected: false });
    expect(!move.ok && move.error.fields?.date).toMatch(/school holiday/);
  });

  it('refuses a session that would end at midnight or later (an impossible "24:30"), and an impossible start time', async () => {
    const late = await call('sessions.schedule', booking({ recurrence: 'none', startTime: '23:30', durationMinutes: 60 }));
    expect(late).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', fields: { durationMinutes: expect.stringMatching(/midnight/) } },
    });
    for (const startTime of ['24:00', '23:60', '25:00']) {
      expect(await call('sessions.schedule', booking({ recurrence: 'none', startTime })), startTime).toMatchObject({
        ok: false,
        error: { fields: { startTime: expect.any(String) } },
      });
    }
    expect(await must<SessionView[]>('sessions.list', { from: '2026-10-01', to: '2026-11-30' })).toEqual([]);
    await must('sessions.schedule', booking({ recurrence: 'none', firstDate: '2026-11-03', startTime: '23:00', durationMinutes: 59 }));
    const [s] = await must<SessionView[]>('sessions.list', { from: '2026-11-02', to: '2026-11-08' });
    expect(s).toMatchObject({ startTime: '23:00', endTime: '23:59' });
    const moved = await call('sessions.move', { id: s!.id, date: '2026-11-04', startTime: '23:30', overrideProtected: false });
    expect(moved).toMatchObject({ ok: false, error: { fields: { startTime: expect.stringMatching(/midnight/) } } });
    expect((await must<SessionView[]>('sessions.list', { from: '2026-11-02', to: '2026-11-08' }))[0]).toMatchObject({
      date: '2026-11-03',
      startTime: '23:00',
      endTime: '23:59',
    });
  });

  it('warns about a protected lesson unless agreed', async () => {
    await must('sessions.protected.save', {
      id: null,
      pupilId: null,
      className: '6A',
      weekday: 2,
      start: '09:00',
      end: '10:00',
      label: 'Phonics',
      remove: false,
    });
    const r = await call('sessions.schedule', booking());
    expect(!r.ok && r.error.fields?.overrideProtected).toMatch(/Ben Babbage-Test has a protected lesson \(Phonics, 09:00 to 10:00\)/);
    expect((await call('sessions.schedule', booking({ overrideProtected: true }))).ok).toBe(true);
  });

  it('records attendance and a family cancellation, and the provision report shows the shortfall and why', async () => {
    await must('sessions.schedule', booking());
    const [s1, s2] = await must<SessionView[]>('sessions.list', { from: '2026-10-13', to: '2026-10-20' });
    await must('sessions.record', {
      sessionId: s1!.id,
      pupils: [
        { pupilId: a.id, attendance: 'attended', cancelledBy: null, reason: null, deliveredMinutes: 25, notes: 'Good focus', goals: [] },
        {
          pupilId: b.id,
          attendance: 'cancelled',
          cancelledBy: 'family',
          reason: 'Medical appointment',
          deliveredMinutes: null,
          notes: null,
          goals: [],
        },
      ],
    });
    await must('sessions.record', {
      sessionId: s2!.id,
      pupils: [
        {
          pupilId: a.id,
          attendance: 'cancelled',
          cancelledBy: 'family',
          reason: 'Family holiday',
          deliveredMinutes: null,
          notes: null,
          goals: [],
        },
      ],
    });
    const bad = await call('sessions.record', {
      sessionId: s2!.id,
      pupils: [{ pupilId: b.id, attendance: 'cancelled', cancelledBy: null, reason: null, deliveredMinutes: null, notes: null, goals: [] }],
    });
    expect(!bad.ok && bad.error.fields?.['pupils.0.cancelledBy']).toMatch(/who cancelled/);
    const report = await must<ProvisionReport>('provision.delivered', { pupilId: a.id });
    const line = report.lines.find((l) => l.sourceId === provisionId)!;
    // Year to 11 November: 2 Sep-23 Oct = 38 school days, 2-11 Nov = 8: 46 days = 9.2 weeks: 9.2 sessions, 276 minutes.
    expect(line.year).toMatchObject({
      plannedSessions: 9.2,
      plannedMinutes: 276,
      sessionsDelivered: 1,
      minutesDelivered: 25,
      cancelledByFamily: 1,
      notRecorded: 2,
      shortfallMinutes: 251,
    });
    // Autumn term so far is the same span.
    expect(line.term.plannedMinutes).toBe(276);
    expect(report.term).toMatchObject({ name: 'autumn', from: '2026-09-02', to: '2026-12-18' });
    expect(line.frequency).toBe('1 × 30 minutes a week');
  });

  it('links a session to a plan intervention, and the report counts it against that intervention', async () => {
    const ipp = await must<{ id: string; interventions: { id: string }[] }>('ipps.save', {
      ...ippBase(b.id),
      interventions: [intervention],
    });
    const interventionId = ipp.interventions[0]!.id;
    await must(
      'sessions.schedule',
      booking({
        recurrence: 'none',
        firstDate: '2026-11-03',
        pupils: [{ pupilId: b.id, ehcpProvisionId: null, ippInterventionId: interventionId }],
      }),
    );
    const [s1] = await must<SessionView[]>('sessions.list', { from: '2026-11-03', to: '2026-11-03' });
    await must('sessions.record', {
      sessionId: s1!.id,
      pupils: [
        {
          pupilId: b.id,
          attendance: 'attended',
          cancelledBy: null,
          reason: null,
          deliveredMinutes: null,
          notes: null,
          goals: [{ ippId: ipp.id, goalKey: 'g1', rating: 0, note: null }],
        },
      ],
    });
    const report = await must<ProvisionReport>('provision.delivered', { pupilId: b.id });
    expect(report.lines.find((l) => l.source === 'ipp' && l.sourceId === interventionId)!.year).toMatchObject({
      sessionsDelivered: 1,
      minutesDelivered: 30,
    });
    const wrong = await call(
      'sessions.schedule',
      booking({
        recurrence: 'none',
        firstDate: '2026-11-04',
        pupils: [{ pupilId: a.id, ehcpProvisionId: null, ippInterventionId: interventionId }],
      }),
    );
    expect(!wrong.ok && wrong.error.fields?.['pupils.0.ippInterventionId']).toMatch(/not one of this pupil/);

    // Revising the plan: the intervention that continues keeps its sessions; one added afresh starts from nothing.
    const plan = { ...ippBase(b.id), id: ipp.id, baseVersion: 1, revisionReason: 'More often' };
    const revised = await must<{ interventions: { id: string; description: string }[] }>('ipps.save', {
      ...plan,
      interventions: [
        { ...intervention, frequencyCount: 2, continues: interventionId },
        { ...intervention, description: 'Vocabulary group', continues: null },
      ],
    });
    const [kept, fresh] = revised.interventions;
    const after = await must<ProvisionReport>('provision.delivered', { pupilId: b.id });
    expect(after.lines.find((l) => l.sourceId === kept!.id)!.year).toMatchObject({ sessionsDelivered: 1, minutesDelivered: 30 });
    expect(after.lines.find((l) => l.sourceId === fresh!.id)!.year).toMatchObject({ sessionsDelivered: 0 });
    expect(after.lines.some((l) => l.sourceId === interventionId)).toBe(false);
    const [moved] = await must<SessionView[]>('sessions.list', { from: '2026-11-03', to: '2026-11-03' });
    expect(moved!.pupils[0]!.ippInterventionId).toBe(kept!.id);
    // A link to an intervention that is not in the current version, or two rows continuing one, is refused.
    const stale = await call('ipps.save', { ...plan, baseVersion: 2, interventions: [{ ...intervention, continues: interventionId }] });
    expect(!stale.ok && stale.error.fields?.['interventions.0.continues']).toMatch(/not in the current version/);
    const twice = await call('ipps.save', {
      ...plan,
      baseVersion: 2,
      interventions: [
        { ...intervention, continues: kept!.id },
        { ...intervention, continues: kept!.id },
      ],
    });
    expect(!twice.ok && twice.error.fields?.['interventions.1.continues']).toMatch(/Two interventions continue the same one/);
  });

  it("exports a practitioner's sessions as iCalendar with pupils named by initials only", async () => {
    await must('sessions.schedule', booking());
    const r = await must<{ ics: string; events: number }>('sessions.ics', {
      practitionerId: therapist.id,
      from: '2026-09-01',
      to: '2026-12-31',
    });
    expect(r.events).toBe(4);
    const cal = new ICAL.Component(ICAL.parse(r.ics));
    const events = cal.getAllSubcomponents('vevent').map((e) => new ICAL.Event(e));
    expect(events.map((e) => e.startDate.toString())).toEqual([
      '2026-10-13T09:30:00',
      '2026-10-20T09:30:00',
      '2026-11-03T09:30:00',
      '2026-11-10T09:30:00',
    ]);
    expect(events[0]!.summary).toBe('Language group (AL, BB)');
    expect(events[0]!.duration.toSeconds()).toBe(1800);
    expect(r.ics).not.toMatch(/Ada|Lovelace|Ben|Babbage/);
    // Times are in UK time, defined in the file: 09:30 in October (BST) is 08:30 UTC, in November (GMT) 09:30 UTC.
    expect(cal.getFirstPropertyValue('x-wr-timezone')).toBe('Europe/London');
    const zone = cal.getFirstSubcomponent('vtimezone');
    expect(zone?.getFirstPropertyValue('tzid')).toBe('Europe/London');
    ICAL.TimezoneService.register(zone!);
    expect(events[0]!.startDate.zone.tzid).toBe('Europe/London');
    expect(events[0]!.startDate.toJSDate().toISOString()).toBe('2026-10-13T08:30:00.000Z');
    expect(events[2]!.startDate.toJSDate().toISOString()).toBe('2026-11-03T09:30:00.000Z');
  });
});
