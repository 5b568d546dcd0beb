import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeUpn } from '../../../shared/upn';
import type {
  BandDistribution,
  CaseloadRow,
  IppView,
  PlacementRecord,
  PlanView,
  PupilProfile,
  ReferralRecord,
} from '../../../shared/contract';
import { openTestCore, planContent, pupilInput, setUp, testDrivers, type TestCore } from '../testing/harness';

type R<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string; fields?: Record<string, string> } };

describe.each(testDrivers())('therapy records on %s', (driver) => {
  let core: TestCore;
  let session: string;
  let pupilId: string;
  const call = <T>(op: string, input: unknown) => core.dispatcher.invoke({ op, input, session }) as Promise<R<T>>;
  const must = async <T>(op: string, input: unknown): Promise<T> => {
    const r = await call<T>(op, input);
    if (!r.ok) throw new Error(`${op}: ${JSON.stringify(r.error)}`);
    return r.value;
  };
  const ipp = (over: Record<string, unknown> = {}) => ({
    id: null,
    baseVersion: null,
    pupilId,
    title: 'Communication plan',
    startDate: '2026-11-02',
    reviewDate: '2027-01-18',
    endDate: '2027-03-22',
    expectedOutcomes: 'Asks for help using words or visuals',
    revisionReason: null,
    goals: [
      {
        key: 'g1',
        description: 'Asks an adult for help',
        ehcpOutcomeId: null,
        levels: {
          m2: 'Does not ask',
          m1: 'Asks with prompts',
          expected: 'Asks twice a day unprompted',
          p1: 'Asks in most lessons',
          p2: 'Asks whenever needed',
        },
      },
      {
        key: 'g2',
        description: 'Follows a visual timetable',
        ehcpOutcomeId: null,
        levels: { m2: null, m1: null, expected: 'Follows it with one reminder', p1: null, p2: null },
      },
    ],
    interventions: [
      {
        discipline: 'speech_language',
        description: 'Individual therapy',
        frequencyCount: 1,
        frequencyPeriod: 'week',
        sessionMinutes: 30,
        durationWeeks: 20,
        groupSize: 1,
        staffingRatio: 'one_to_one',
        deliveredBy: 'SLT',
        classroomStrategies: 'Offer a help card',
      },
    ],
    ...over,
  });

  beforeEach(async () => {
    core = await openTestCore(driver, () => new Date('2026-11-23T09:00:00Z'));
    session = await setUp(core);
    pupilId = (await must<PupilProfile>('pupils.create', pupilInput())).id;
  });
  afterEach(async () => core.cleanup());

  it('moves a referral along the policy route, refusing illegal moves with the allowed ones named', async () => {
    const r = await must<ReferralRecord>('referrals.save', {
      id: null,
      pupilId,
      referrerKind: 'teacher',
      referrerName: 'Ms Class Teacher',
      laCategory: null,
      discipline: 'speech_language',
      reason: 'Struggles to follow instructions',
      receivedDate: '2026-10-01',
      consentStatus: 'pending',
      consentBy: null,
      consentDate: null,
    });
    expect(r.state).toBe('received');
    const noConsent = await call<ReferralRecord>('referrals.move', { id: r.id, to: 'accepted', date: '2026-10-02', reason: null });
    expect(!noConsent.ok && noConsent.error.message).toMatch(/Consent must be recorded/);
    const skip = await call<ReferralRecord>('referrals.move', { id: r.id, to: 'assessed', date: '2026-10-02', reason: null });
    expect(!skip.ok && skip.error.message).toBe('A referral that is received cannot be assessed. From here it can be: accepted, declined.');
    const { pupilName: _n, state: _s, declinedReason: _d, history: _h, ...details } = r;
    await must('referrals.save', { ...details, consentStatus: 'given', consentBy: 'Parent', consentDate: '2026-10-02' });
    await must('referrals.move', { id: r.id, to: 'accepted', date: '2026-10-03', reason: null });
    await must('referrals.move', { id: r.id, to: 'assessment_booked', date: '2026-10-05', reason: null });
    // Recording the initial assessment moves the booked referral to "assessed".
    await must('assessments.save', {
      id: null,
      pupilId,
      referralId: r.id,
      kind: 'initial',
      discipline: 'speech_language',
      assessorName: 'Sam Therapist',
      date: '2026-10-20',
      needLevel: 'medium',
      notes: null,
      scores: [{ measure: 'toms', scale: 'activity', value: 2.5 }],
      thrive: [],
    });
    const list = await must<ReferralRecord[]>('referrals.list', { pupilId });
    expect(list[0]!.state).toBe('assessed');
    // The initial assessment clock ran 6 weeks from the referral and is done on the day of the assessment.
    const clocks = await must<{ items: { key: string; dueDate: string; state: string; doneDate: string | null }[] }>('clocks.list', {
      pupilId,
      keys: ['initial_assessment'],
    });
    expect(clocks.items).toMatchObject([{ dueDate: '2026-11-12', state: 'done', doneDate: '2026-10-20' }]);
    expect(list[0]!.history.map((h) => h.to)).toEqual(['received', 'accepted', 'assessment_booked', 'assessed']);
  });

  it('refuses an SDQ total that is not the sum of its subscales, and an unknown discipline', async () => {
    const base = {
      id: null,
      pupilId,
      referralId: null,
      kind: 'follow_up',
      discipline: 'psychology',
      assessorName: 'EP',
      date: '2026-10-20',
      needLevel: null,
      notes: null,
      thrive: [],
    };
    const bad = await call('assessments.save', {
      ...base,
      scores: [
        { measure: 'sdq', scale: 'emotional', value: 4 },
        { measure: 'sdq', scale: 'conduct', value: 2 },
        { measure: 'sdq', scale: 'hyperactivity', value: 5 },
        { measure: 'sdq', scale: 'peer', value: 1 },
        { measure: 'sdq', scale: 'total', value: 20 },
      ],
    });
    expect(!bad.ok && bad.error.fields?.['scores.4.value']).toMatch(/sum/);
    const unknown = await call('assessments.save', { ...base, discipline: 'astrology', scores: [] });
    expect(!unknown.ok && unknown.error.fields?.discipline).toMatch(/not one of the disciplines/);
  });

  it('keeps one band at a time with history, and holds a Targeted plan to 12-36 weeks', async () => {
    await must('bands.set', {
      pupilId,
      band: 'universal',
      needLevel: 'medium',
      startDate: '2026-09-02',
      plannedWeeks: null,
      reason: 'Initial assessment',
    });
    const tooLong = await call('bands.set', {
      pupilId,
      band: 'targeted',
      needLevel: null,
      startDate: '2026-11-02',
      plannedWeeks: 40,
      reason: 'x',
    });
    expect(!tooLong.ok && tooLong.error.fields?.plannedWeeks).toMatch(/12 to 36 weeks/);
    const b = await must<{ current: { band: string }; history: { band: string; endDate: string | null }[] }>('bands.set', {
      pupilId,
      band: 'targeted',
      needLevel: null,
      startDate: '2026-11-02',
      plannedWeeks: 20,
      reason: 'Not progressing in Universal',
    });
    expect(b.current.band).toBe('targeted');
    expect(b.history.map((h) => [h.band, h.endDate])).toEqual([
      ['universal', '2026-11-01'],
      ['targeted', null],
    ]);
    const forty = await call('ipps.save', ipp({ endDate: '2027-08-09' }));
    expect(!forty.ok && forty.error.fields?.endDate).toMatch(/12 to 36 weeks exactly .*; from start to end it is 40 weeks\./);
    expect((await call('ipps.save', ipp())).ok).toBe(true);
    const dist = await must<BandDistribution>('bands.distribution', {});
    expect(dist.bands.map((x) => [x.band, x.count, x.percent, x.expectedPercent])).toEqual([
      ['universal', 0, 0, 90],
      ['targeted', 1, 100, 5],
      ['specific', 0, 0, 5],
    ]);
  });

  it('revises a plan as a new version and keeps the old one', async () => {
    const v1 = await must<IppView>('ipps.save', ipp());
    expect(v1.weeks).toBe(20);
    const noReason = await call('ipps.save', ipp({ id: v1.id, baseVersion: 1 }));
    expect(!noReason.ok && noReason.error.fields?.revisionReason).toBeTruthy();
    const v2 = await must<IppView>(
      'ipps.save',
      ipp({ id: v1.id, baseVersion: 1, title: 'Communication plan (revised)', revisionReason: 'Goal 1 met early' }),
    );
    expect(v2.currentVersion).toBe(2);
    expect(v2.versions.map((v) => [v.number, v.reason])).toEqual([
      [1, null],
      [2, 'Goal 1 met early'],
    ]);
    const old = await must<IppView>('ipps.get', { id: v1.id, version: 1 });
    expect(old.title).toBe('Communication plan');
    const stale = await call('ipps.save', ipp({ id: v1.id, baseVersion: 1, revisionReason: 'again' }));
    expect(!stale.ok && stale.error.code).toBe('conflict');
  });

  it('links goals only to EHC plan outcomes of the same pupil', async () => {
    const other = await must<PupilProfile>('pupils.create', pupilInput({ upn: makeUpn(999, 4001, 19, 77), legalFirstName: 'Other' }));
    const plan = await must<PlanView>('ehcp.create', {
      pupilId: other.id,
      localAuthority: 'Exampleshire',
      ownerId: null,
      status: 'final',
      draftDate: null,
      issuedDate: '2026-01-05',
      ceasedDate: null,
      ceasedReason: null,
      content: planContent(),
    });
    const r = await call('ipps.save', ipp({ goals: [{ ...ipp().goals[0], ehcpOutcomeId: plan.content.outcomes[0]!.key }] }));
    expect(!r.ok && r.error.fields?.['goals.0.ehcpOutcomeId']).toMatch(/another pupil/);
  });

  it('flags a pupil on Specific whose reviews show no progress, on the caseload and in the distribution', async () => {
    await must('bands.set', {
      pupilId,
      band: 'specific',
      needLevel: null,
      startDate: '2026-09-02',
      plannedWeeks: null,
      reason: 'Not progressing in Targeted',
    });
    const plan = await must<IppView>('ipps.save', ipp({ startDate: '2026-09-02', reviewDate: '2026-10-12', endDate: '2027-07-16' }));
    await must('ipps.review', {
      ippId: plan.id,
      date: '2026-10-12',
      note: null,
      ratings: [
        { goalKey: 'g1', rating: -1, note: null },
        { goalKey: 'g2', rating: -1, note: null },
      ],
    });
    let caseload = await must<CaseloadRow[]>('caseload.list', {});
    expect(caseload[0]).toMatchObject({
      band: 'specific',
      flagged: false,
      activePlan: 'Communication plan',
      disciplines: ['speech_language'],
    });
    await must('ipps.review', {
      ippId: plan.id,
      date: '2026-11-16',
      note: null,
      ratings: [
        { goalKey: 'g1', rating: -2, note: null },
        { goalKey: 'g2', rating: -1, note: null },
      ],
    });
    caseload = await must<CaseloadRow[]>('caseload.list', {});
    expect(caseload[0]!.flagged).toBe(true);
    const dist = await must<BandDistribution>('bands.distribution', {});
    expect(dist.flagged.map((f) => [f.pupilId, f.reviewMeans])).toEqual([[pupilId, [-1, -1.5]]]);
    const unknownGoal = await call('ipps.review', {
      ippId: plan.id,
      date: '2026-11-20',
      note: null,
      ratings: [{ goalKey: 'zz', rating: 0, note: null }],
    });
    expect(!unknownGoal.ok && unknownGoal.error.fields?.['ratings.0.goalKey']).toBeTruthy();
  });

  it('computes a placement of two terms from the term dates, with its midpoint', async () => {
    for (const [year, terms] of [
      [
        '2026/27',
        [
          ['autumn1', '2026-09-02', '2026-10-23'],
          ['autumn2', '2026-11-02', '2026-12-18'],
          ['spring1', '2027-01-05', '2027-02-12'],
          ['spring2', '2027-02-22', '2027-03-26'],
          ['summer1', '2027-04-12', '2027-05-28'],
          ['summer2', '2027-06-07', '2027-07-21'],
        ],
      ],
    ] as const) {
      await must('terms.replaceYear', {
        academicYear: year,
        terms: terms.map(([name, startDate, endDate]) => ({ name, startDate, endDate })),
      });
    }
    await must('calendar.replaceDays', {
      academicYear: '2026/27',
      days: [{ date: '2027-05-03', kind: 'bank_holiday', name: 'Early May bank holiday' }],
    });
    const p = await must<PlacementRecord>('placements.save', {
      id: null,
      pupilId,
      commissioningLa: 'Exampleshire',
      laCategory: 're_engagement',
      homeSchoolName: 'Hill Top Academy',
      homeSchoolUrn: null,
      startDate: '2027-01-05',
      staffingRatio: 'two_to_one',
      extensionStatus: 'none',
      extensionRequestedDate: null,
      extensionEndDate: null,
      closurePlan: null,
      closedDate: null,
    });
    expect(p).toMatchObject({ plannedEndDate: '2027-07-21', midpointDate: '2027-04-20', calendarGap: false });
  });
});
