import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeUpn } from '../../../shared/upn';
import type {
  IppView,
  ParentSummary,
  ParentUpdate,
  PlacementRecord,
  PlanView,
  ProvisionReport,
  PupilProfile,
  PupilProgress,
  ReviewAction,
  ReviewMeeting,
  ReviewRecord,
  SessionStats,
  SessionView,
  UserSummary,
} from '../../../shared/contract';
import { openTestCore, planContent, pupilInput, setUp, testDrivers, type TestCore } from '../testing/harness';

type R<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string; fields?: Record<string, string> } };
type BandState = {
  current: { band: string; startDate: string; reviewId: string | null; reason: string } | null;
  history: { band: string; startDate: string; endDate: string | null; reviewId: string | null }[];
};

const TERMS = [
  { name: 'autumn1', startDate: '2026-09-02', endDate: '2026-10-23' },
  { name: 'autumn2', startDate: '2026-11-02', endDate: '2026-12-18' },
  { name: 'spring1', startDate: '2027-01-04', endDate: '2027-02-12' },
  { name: 'spring2', startDate: '2027-02-22', endDate: '2027-03-26' },
  { name: 'summer1', startDate: '2027-04-12', endDate: '2027-05-28' },
  { name: 'summer2', startDate: '2027-06-07', endDate: '2027-07-21' },
];
const levels = (expected: string) => ({ m2: 'Not yet', m1: 'With help', expected, p1: 'Often', p2: 'Always' });

describe.each(testDrivers())('reviews on %s', (driver) => {
  let core: TestCore;
  let session: string;
  let pupil: PupilProfile;
  let therapist: UserSummary;
  let ipp: IppView;
  const call = <T>(op: string, input: unknown) => core.dispatcher.invoke({ op, input, session }) as Promise<R<T>>;
  const must = async <T>(op: string, input: unknown): Promise<T> => {
    const r = await call<T>(op, input);
    if (!r.ok) throw new Error(`${op}: ${JSON.stringify(r.error)}`);
    return r.value;
  };
  const review = (over: Record<string, unknown> = {}) => ({
    id: null,
    pupilId: pupil.id,
    kind: 'plan',
    date: '2026-11-20',
    status: 'held',
    ippId: ipp.id,
    placementId: null,
    ehcPlanId: null,
    attendees: [
      { role: 'parent_carer', name: 'Pat Parent', organisation: null, present: true },
      { role: 'therapist', name: 'Tess Therapist', organisation: null, present: true },
    ],
    pupilViews: 'I like the word games.',
    parentViews: 'Talks more at home.',
    discussion: null,
    ratings: [
      { goalKey: 'g1', rating: 1, note: 'Asks for help most days' },
      { goalKey: 'g2', rating: 0, note: null },
    ],
    decisions: [],
    actions: [],
    statutory: null,
    ...over,
  });

  beforeEach(async () => {
    core = await openTestCore(driver, () => new Date('2026-11-23T09:00:00Z'));
    session = await setUp(core);
    await must('terms.replaceYear', { academicYear: '2026/27', terms: TERMS });
    pupil = await must<PupilProfile>(
      'pupils.create',
      pupilInput({ upn: makeUpn(999, 4002, 19, 1), legalFirstName: 'Robin', legalLastName: 'Review-Test', senStatus: 'K' }),
    );
    therapist = await must<UserSummary>('users.create', {
      displayName: 'Tess Therapist',
      username: 'tess',
      role: 'therapist',
      password: 'long enough password',
    });
    await must('bands.set', {
      pupilId: pupil.id,
      band: 'targeted',
      needLevel: 'medium',
      startDate: '2026-09-07',
      plannedWeeks: 20,
      reason: 'Language delay',
    });
    ipp = await must<IppView>('ipps.save', {
      id: null,
      baseVersion: null,
      pupilId: pupil.id,
      title: 'Language plan',
      startDate: '2026-09-07',
      reviewDate: '2026-11-20',
      endDate: '2027-01-25',
      expectedOutcomes: null,
      revisionReason: null,
      goals: [
        { key: 'g1', description: 'Asks for help in class', ehcpOutcomeId: null, levels: levels('Asks twice a day') },
        { key: 'g2', description: 'Retells a short story', ehcpOutcomeId: null, levels: levels('Three events in order') },
      ],
      interventions: [
        {
          discipline: 'speech_language',
          description: 'Narrative group',
          frequencyCount: 1,
          frequencyPeriod: 'week',
          sessionMinutes: 30,
          durationWeeks: 20,
          groupSize: 3,
          staffingRatio: 'small_group',
          deliveredBy: 'SLT',
          classroomStrategies: 'Visual timetable on the desk',
        },
      ],
    });
  });
  afterEach(async () => core.cleanup());

  it("holds a plan review: ratings become the plan's review with its T-score, and a band move is made from it and linked back", async () => {
    const r = await must<ReviewMeeting>(
      'reviews.save',
      review({ decisions: [{ kind: 'band_down', band: 'universal', needLevel: 'low', plannedWeeks: null, note: 'Goals met' }] }),
    );
    // T-score for ratings +1 and 0: 50 + 10·1 / √(0.7·2 + 0.3·4) = 56.2017…
    expect(r.tScore).toBeCloseTo(56.2017, 3);
    expect(r.attendees).toHaveLength(2);
    expect(r.decisions[0]).toMatchObject({ kind: 'band_down', band: 'universal' });
    expect(r.decisions[0]!.actedAt).not.toBeNull();
    expect(r.decisions[0]!.actedOn).toMatch(/^band_period:/);

    const bands = await must<BandState>('bands.history', { pupilId: pupil.id });
    expect(bands.current).toMatchObject({ band: 'universal', startDate: '2026-11-20', reviewId: r.id });
    expect(bands.current!.reason).toMatch(/Decided at a review \(Plan review, 20 November 2026\)\. Goals met/);
    expect(bands.history.find((h) => h.band === 'targeted')).toMatchObject({ endDate: '2026-11-19', reviewId: null });

    const plan = await must<IppView>('ipps.get', { id: ipp.id });
    expect(plan.reviews).toHaveLength(1);
    expect(plan.reviews[0]).toMatchObject({ date: '2026-11-20', mean: 0.5 });
    expect(plan.reviews[0]!.ratings.map((x) => x.rating)).toEqual([1, 0]);

    // Editing the held review's views is fine and keeps one plan review; changing its decisions is refused.
    const edited = await must<ReviewMeeting>(
      'reviews.save',
      review({
        id: r.id,
        parentViews: 'Much more chatty.',
        decisions: r.decisions.map(({ kind, band, needLevel, plannedWeeks, note }) => ({ kind, band, needLevel, plannedWeeks, note })),
      }),
    );
    expect(edited.parentViews).toBe('Much more chatty.');
    expect((await must<IppView>('ipps.get', { id: ipp.id })).reviews).toHaveLength(1);
    const changed = await call(
      'reviews.save',
      review({ id: r.id, decisions: [{ kind: 'continue', band: null, needLevel: null, plannedWeeks: null, note: null }] }),
    );
    expect(!changed.ok && changed.error.message).toMatch(/already been carried out/);
    expect((await must<BandState>('bands.history', { pupilId: pupil.id })).history).toHaveLength(2);
  });

  it('refuses a band move the wrong way, without the details a band needs, or on a review not yet held, writing nothing', async () => {
    const up = await call(
      'reviews.save',
      review({ decisions: [{ kind: 'band_up', band: 'universal', needLevel: 'low', plannedWeeks: null, note: null }] }),
    );
    expect(!up.ok && up.error.fields?.['decisions.0.band']).toMatch(/above the pupil's current band \(Targeted\)/);
    const noLevel = await call(
      'reviews.save',
      review({ decisions: [{ kind: 'band_down', band: 'universal', needLevel: null, plannedWeeks: null, note: null }] }),
    );
    expect(!noLevel.ok && Object.keys(noLevel.error.fields ?? {})).toContain('decisions.0.needLevel');
    const planned = await call(
      'reviews.save',
      review({
        status: 'planned',
        ratings: [],
        decisions: [{ kind: 'continue', band: null, needLevel: null, plannedWeeks: null, note: null }],
      }),
    );
    expect(!planned.ok && planned.error.fields?.decisions).toMatch(/once the meeting has been held/);
    const wrongGoal = await call('reviews.save', review({ ratings: [{ goalKey: 'nope', rating: 1, note: null }] }));
    expect(!wrongGoal.ok && wrongGoal.error.fields?.['ratings.0.goalKey']).toMatch(/not in the current version/);
    const notForKind = await call(
      'reviews.save',
      review({ decisions: [{ kind: 'request_extension', band: null, needLevel: null, plannedWeeks: null, note: null }] }),
    );
    expect(!notForKind.ok && notForKind.error.fields?.['decisions.0.kind']).toMatch(/cannot be taken at this kind of review/);
    expect(await must<ReviewMeeting[]>('reviews.listForPupil', { pupilId: pupil.id })).toEqual([]);
    expect((await must<BandState>('bands.history', { pupilId: pupil.id })).current).toMatchObject({ band: 'targeted' });
    expect((await must<IppView>('ipps.get', { id: ipp.id })).reviews).toEqual([]);
  });

  it('carries out "revise the plan" by the revision that names the review, once; "close" closes the plan', async () => {
    const r = await must<ReviewMeeting>(
      'reviews.save',
      review({ decisions: [{ kind: 'revise_plan', band: null, needLevel: null, plannedWeeks: null, note: 'New goal for writing' }] }),
    );
    expect(r.decisions[0]).toMatchObject({ kind: 'revise_plan', actedAt: null });
    const input = {
      id: ipp.id,
      baseVersion: 1,
      pupilId: pupil.id,
      title: ipp.title,
      startDate: ipp.startDate,
      reviewDate: '2027-01-18',
      endDate: ipp.endDate,
      expectedOutcomes: null,
      revisionReason: 'Decided at review',
      reviewId: r.id,
      goals: ipp.goals.map((g) => ({ key: g.key, description: g.description, ehcpOutcomeId: null, levels: g.levels })),
      interventions: ipp.interventions.map(({ id, ...i }) => ({ ...i, continues: id })),
    };
    const v2 = await must<IppView>('ipps.save', input);
    expect(v2.versions.find((v) => v.number === 2)?.reviewId).toBe(r.id);
    const after = await must<ReviewMeeting>('reviews.get', { id: r.id });
    expect(after.decisions[0]!.actedOn).toBe(`ipp_version:${ipp.id}:2`);
    const again = await call('ipps.save', {
      ...input,
      baseVersion: 2,
      interventions: v2.interventions.map(({ id, ...i }) => ({ ...i, continues: id })),
    });
    expect(!again.ok && again.error.fields?.reviewId).toMatch(/no decision to revise the plan/);

    await must(
      'reviews.save',
      review({
        date: '2026-11-23',
        ratings: [],
        decisions: [{ kind: 'close', band: null, needLevel: null, plannedWeeks: null, note: null }],
      }),
    );
    const closed = await must<IppView>('ipps.get', { id: ipp.id });
    expect(closed.closedDate).toBe('2026-11-23');
    const revise = await call('ipps.save', { ...input, baseVersion: 2, reviewId: null });
    expect(!revise.ok && revise.error.message).toMatch(/closed at a review on 23 November 2026/);
  });

  it("a midpoint review requests the placement's extension; an annual review records the statutory steps where the clocks read them", async () => {
    const placement = await must<PlacementRecord>('placements.save', {
      id: null,
      pupilId: pupil.id,
      commissioningLa: 'Exampleshire',
      laCategory: 're_engagement',
      homeSchoolName: 'Hill Top Academy',
      homeSchoolUrn: null,
      startDate: '2026-09-07',
      staffingRatio: 'two_to_one',
      extensionStatus: 'none',
      extensionRequestedDate: null,
      extensionEndDate: null,
      closurePlan: null,
      closedDate: null,
    });
    const mid = await must<ReviewMeeting>(
      'reviews.save',
      review({
        kind: 'midpoint',
        ippId: null,
        placementId: placement.id,
        ratings: [],
        decisions: [{ kind: 'request_extension', band: null, needLevel: null, plannedWeeks: null, note: 'Funding bid' }],
      }),
    );
    expect(mid.decisions[0]!.actedOn).toBe(`placement:${placement.id}`);
    const [p] = await must<PlacementRecord[]>('placements.listForPupil', { pupilId: pupil.id });
    expect(p).toMatchObject({ extensionStatus: 'requested', extensionRequestedDate: '2026-11-20' });

    const ehcp = await must<PlanView>('ehcp.create', {
      pupilId: pupil.id,
      localAuthority: 'Exampleshire',
      ownerId: null,
      status: 'final',
      draftDate: null,
      issuedDate: '2025-12-01',
      ceasedDate: null,
      ceasedReason: null,
      content: planContent(),
    });
    const statutory = {
      invitationsSentDate: '2026-11-02',
      adviceCirculatedDate: '2026-11-06',
      reportSentDate: null,
      laDecisionDate: null,
      laDecision: null,
      amendedFinalDate: null,
    };
    const annual = await must<ReviewMeeting>(
      'reviews.save',
      review({ kind: 'annual', ippId: null, ehcPlanId: ehcp.plan.id, ratings: [], statutory }),
    );
    expect(annual.statutory).toMatchObject(statutory);
    const steps = await must<ReviewRecord[]>('ehcp.reviews.list', { planId: ehcp.plan.id });
    expect(steps).toHaveLength(1);
    expect(steps[0]).toMatchObject({ meetingDate: '2026-11-20', held: true, invitationsSentDate: '2026-11-02' });
    // The report sent later is recorded on the same review and reaches the same statutory record.
    await must(
      'reviews.save',
      review({
        id: annual.id,
        kind: 'annual',
        ippId: null,
        ehcPlanId: ehcp.plan.id,
        ratings: [],
        statutory: { ...statutory, reportSentDate: '2026-11-27' },
      }),
    );
    const again = await must<ReviewRecord[]>('ehcp.reviews.list', { planId: ehcp.plan.id });
    expect(again).toHaveLength(1);
    expect(again[0]!.reportSentDate).toBe('2026-11-27');
    const wrongPlan = await call(
      'reviews.save',
      review({ kind: 'annual', ippId: null, ehcPlanId: '00000000-0000-4000-8000-000000000000', ratings: [] }),
    );
    expect(!wrongPlan.ok && wrongPlan.error.fields?.ehcPlanId).toMatch(/belongs to another pupil/);
  });

  it("refuses a review held in the future (today is 23 November 2026), in the meeting and in the plan's annual review record, changing nothing", async () => {
    const moved = await call(
      'reviews.save',
      review({
        date: '2026-11-24',
        decisions: [{ kind: 'band_down', band: 'universal', needLevel: 'low', plannedWeeks: null, note: null }],
      }),
    );
    expect(!moved.ok && moved.error.code).toBe('invalid_input');
    expect(!moved.ok && moved.error.fields?.date).toBe(
      'A meeting can be recorded as held only once it has happened: this date is after today (23 November 2026). Choose a date up to today, or save the review as planned.',
    );
    expect(await must<ReviewMeeting[]>('reviews.listForPupil', { pupilId: pupil.id })).toEqual([]);
    expect((await must<BandState>('bands.history', { pupilId: pupil.id })).current).toMatchObject({ band: 'targeted' });
    expect((await must<IppView>('ipps.get', { id: ipp.id })).reviews).toEqual([]);
    // Planned for that date is fine; today is the latest date a review can be held.
    const planned = await must<ReviewMeeting>('reviews.save', review({ date: '2026-11-24', status: 'planned', ratings: [] }));
    const heldLater = await call('reviews.save', review({ id: planned.id, date: '2026-11-24' }));
    expect(!heldLater.ok && heldLater.error.fields?.date).toMatch(/only once it has happened/);
    expect((await must<ReviewMeeting>('reviews.get', { id: planned.id })).status).toBe('planned');
    expect((await must<ReviewMeeting>('reviews.save', review({ id: planned.id, date: '2026-11-23' }))).status).toBe('held');

    const ehcp = await must<PlanView>('ehcp.create', {
      pupilId: pupil.id,
      localAuthority: 'Exampleshire',
      ownerId: null,
      status: 'final',
      draftDate: null,
      issuedDate: '2025-12-01',
      ceasedDate: null,
      ceasedReason: null,
      content: planContent(),
    });
    const record = {
      id: null,
      planId: ehcp.plan.id,
      meetingDate: '2026-12-01',
      held: true,
      invitationsSentDate: null,
      adviceCirculatedDate: null,
      reportSentDate: null,
      laDecisionDate: null,
      laDecision: null,
      amendedFinalDate: null,
    };
    const early = await call('ehcp.reviews.save', record);
    expect(!early.ok && early.error.fields?.meetingDate).toMatch(
      /only once it has happened: this date is after today \(23 November 2026\)/,
    );
    const annual = await call(
      'reviews.save',
      review({ kind: 'annual', ippId: null, ehcPlanId: ehcp.plan.id, date: '2026-12-01', ratings: [], statutory: null }),
    );
    expect(!annual.ok && annual.error.fields?.date).toMatch(/only once it has happened/);
    expect(await must<ReviewRecord[]>('ehcp.reviews.list', { planId: ehcp.plan.id })).toEqual([]);
    await must('ehcp.reviews.save', { ...record, held: false });
    expect((await must<ReviewRecord[]>('ehcp.reviews.list', { planId: ehcp.plan.id })).map((r) => r.held)).toEqual([false]);
  });

  it('an annual review records progress against each section E outcome, the amendments and the recommendation, read back and audited', async () => {
    const ehcp = await must<PlanView>('ehcp.create', {
      pupilId: pupil.id,
      localAuthority: 'Exampleshire',
      ownerId: null,
      status: 'final',
      draftDate: null,
      issuedDate: '2025-12-01',
      ceasedDate: null,
      ceasedReason: null,
      content: planContent(),
    });
    const [o1, o2] = ehcp.content.outcomes;
    const annual = {
      outcomes: [
        { outcomeKey: o1!.key, progress: 'partly', note: 'Follows two steps with a visual prompt' },
        { outcomeKey: o2!.key, progress: 'achieved', note: null },
      ],
      amendments: [
        { section: 'F', text: 'Speech and language therapy weekly, 45 minutes' },
        { section: 'E', text: 'A new outcome for writing' },
      ],
      recommendation: 'amend',
    };
    const base = { kind: 'annual', ippId: null, ehcPlanId: ehcp.plan.id, ratings: [], statutory: null };
    const saved = await must<ReviewMeeting>('reviews.save', review({ ...base, annual }));
    const read = await must<ReviewMeeting>('reviews.get', { id: saved.id });
    expect(read.annual).toEqual({
      outcomes: [
        {
          outcomeKey: o1!.key,
          outcome: 'Follows a two-step instruction in class',
          progress: 'partly',
          note: 'Follows two steps with a visual prompt',
        },
        { outcomeKey: o2!.key, outcome: 'Reads a short text independently', progress: 'achieved', note: null },
      ],
      amendments: annual.amendments,
      recommendation: 'amend',
    });
    expect((await must<ReviewMeeting[]>('reviews.listForPupil', { pupilId: pupil.id }))[0]!.annual?.recommendation).toBe('amend');
    const audit = await must<{ rows: { operation: string; detail: string | null }[] }>('audit.list', { pageSize: 50 });
    const detail = JSON.parse(audit.rows.find((r) => r.operation === 'reviews.save')!.detail ?? '{}') as Record<string, unknown>;
    expect(detail).toMatchObject({ outcomes: 2, amendedSections: ['F', 'E'], recommendation: 'amend' });
    expect(JSON.stringify(detail)).not.toMatch(/weekly|two steps/);

    // Edited after the plan is amended (new outcome rows): the outcomes it was saved with still read and save.
    const amended = await must<PlanView>('ehcp.update', {
      planId: ehcp.plan.id,
      baseVersion: ehcp.plan.currentVersion,
      localAuthority: 'Exampleshire',
      ownerId: null,
      status: 'final',
      draftDate: null,
      issuedDate: '2025-12-01',
      ceasedDate: null,
      ceasedReason: null,
      amendment: { effectiveDate: '2026-11-23', reason: 'Annual review', namesNextPhase: false },
      content: planContent({
        outcomes: [
          {
            key: 'x1',
            description: 'Follows a three-step instruction in class',
            targetDate: '2027-07-16',
            needKeys: ['n1', 'n2'],
            pfaArea: null,
          },
        ],
        provision: planContent().provision.map((p) => ({ ...p, outcomeKeys: ['x1'] })),
      }),
    });
    expect(amended.content.outcomes.map((o) => o.key)).not.toContain(o1!.key);
    const again = await must<ReviewMeeting>(
      'reviews.save',
      review({ ...base, id: saved.id, annual: { ...annual, outcomes: [{ ...annual.outcomes[0]!, progress: 'achieved' }] } }),
    );
    expect(again.annual?.outcomes).toEqual([
      {
        outcomeKey: o1!.key,
        outcome: 'Follows a two-step instruction in class',
        progress: 'achieved',
        note: 'Follows two steps with a visual prompt',
      },
    ]);

    // Refused with the message beside the field, nothing written.
    const unknown = await call(
      'reviews.save',
      review({ ...base, annual: { ...annual, outcomes: [{ outcomeKey: 'not-an-outcome', progress: 'achieved', note: null }] } }),
    );
    expect(!unknown.ok && unknown.error.fields?.['annual.outcomes.0.outcomeKey']).toMatch(/not in section E of the EHC plan reviewed/);
    const noAmendments = await call('reviews.save', review({ ...base, annual: { ...annual, amendments: [] } }));
    expect(!noAmendments.ok && noAmendments.error.fields?.['annual.amendments']).toMatch(/add at least one amendment/);
    const maintain = await call('reviews.save', review({ ...base, annual: { ...annual, recommendation: 'maintain' } }));
    expect(!maintain.ok && maintain.error.fields?.['annual.recommendation']).toMatch(/only when the review recommends amending/);
    const planned = await call(
      'reviews.save',
      review({ ...base, status: 'planned', annual: { outcomes: [], amendments: [], recommendation: 'cease' } }),
    );
    expect(!planned.ok && planned.error.fields?.['annual.recommendation']).toMatch(/mark it as held first/);
    const notAnnual = await call('reviews.save', review({ annual }));
    expect(!notAnnual.ok && notAnnual.error.fields?.annual).toMatch(/only at an EHC plan annual review/);
    expect(await must<ReviewMeeting[]>('reviews.listForPupil', { pupilId: pupil.id })).toHaveLength(1);
  });

  it('lists open actions for the dashboard, overdue marked, and takes one off when done', async () => {
    const r = await must<ReviewMeeting>(
      'reviews.save',
      review({
        actions: [
          {
            id: null,
            description: 'Share strategies with the class teacher',
            ownerUserId: therapist.id,
            ownerName: null,
            dueDate: '2026-11-21',
            doneDate: null,
          },
          {
            id: null,
            description: 'Send the parent summary',
            ownerUserId: null,
            ownerName: 'Office',
            dueDate: '2026-12-04',
            doneDate: null,
          },
        ],
      }),
    );
    const open = await must<ReviewAction[]>('reviews.actions', {});
    expect(open.map((a) => [a.description, a.ownerName, a.overdue, a.pupilName])).toEqual([
      ['Share strategies with the class teacher', 'Tess Therapist', true, 'Robin Review-Test'],
      ['Send the parent summary', 'Office', false, 'Robin Review-Test'],
    ]);
    expect(await must<ReviewAction[]>('reviews.actions', { ownerUserId: therapist.id })).toHaveLength(1);
    await must('reviews.completeAction', { id: r.actions[0]!.id, doneDate: '2026-11-23' });
    expect((await must<ReviewAction[]>('reviews.actions', {})).map((a) => a.description)).toEqual(['Send the parent summary']);
    expect(await must<ReviewAction[]>('reviews.actions', { includeDone: true })).toHaveLength(2);
    const noOwner = await call(
      'reviews.save',
      review({
        actions: [{ id: null, description: 'Something', ownerUserId: null, ownerName: null, dueDate: '2026-12-04', doneDate: null }],
      }),
    );
    expect(!noOwner.ok && noOwner.error.fields?.['actions.0.ownerName']).toMatch(/Choose who will do this/);
    // The school's reviews list: this pupil's review with its open actions, filtered by date and status.
    const list = await must<{ pupilName: string; kind: string; openActions: number; status: string }[]>('reviews.list', {
      from: '2026-11-01',
      to: '2026-11-30',
    });
    expect(list.map((x) => [x.pupilName, x.kind, x.status, x.openActions])).toEqual([['Robin Review-Test', 'plan', 'held', 1]]);
    expect(await must('reviews.list', { status: 'planned' })).toEqual([]);
    expect(await must('reviews.list', { to: '2026-11-19' })).toEqual([]);
  });

  it('gathers progress: ratings from reviews and sessions, T-scores, bands and attendance by month', async () => {
    await must('caseload.allocate', { pupilId: pupil.id, userId: therapist.id, startDate: '2026-09-07' });
    await must('sessions.schedule', {
      title: 'Narrative group',
      discipline: 'speech_language',
      location: null,
      firstDate: '2026-11-03',
      startTime: '09:30',
      durationMinutes: 30,
      recurrence: 'weekly',
      intervalWeeks: 1,
      until: '2026-11-17',
      count: null,
      exceptions: [],
      practitionerIds: [therapist.id],
      pupils: [{ pupilId: pupil.id, ehcpProvisionId: null, ippInterventionId: ipp.interventions[0]!.id }],
      overrideProtected: false,
    });
    const sessions = await must<SessionView[]>('sessions.list', { from: '2026-11-01', to: '2026-11-30' });
    await must('sessions.record', {
      sessionId: sessions[0]!.id,
      pupils: [
        {
          pupilId: pupil.id,
          attendance: 'attended',
          cancelledBy: null,
          reason: null,
          deliveredMinutes: 30,
          notes: 'CLINICAL-NOTE-XYZ',
          goals: [{ ippId: ipp.id, goalKey: 'g1', rating: -1, note: null }],
        },
      ],
    });
    await must('sessions.record', {
      sessionId: sessions[1]!.id,
      pupils: [
        {
          pupilId: pupil.id,
          attendance: 'cancelled',
          cancelledBy: 'family',
          reason: 'Appointment',
          deliveredMinutes: null,
          notes: null,
          goals: [],
        },
      ],
    });
    await must('reviews.save', review());
    const progress = await must<PupilProgress>('progress.forPupil', { pupilId: pupil.id });
    const g1 = progress.goals.find((g) => g.goalKey === 'g1')!;
    expect(g1.points).toEqual([
      { date: '2026-11-03', rating: -1, source: 'session' },
      { date: '2026-11-20', rating: 1, source: 'review' },
    ]);
    expect(g1.latest).toEqual({ date: '2026-11-20', rating: 1 });
    expect(progress.tScores).toHaveLength(1);
    expect(progress.tScores[0]!.tScore).toBeCloseTo(56.2017, 3);
    expect(progress.bands.map((b) => b.band)).toEqual(['targeted']);
    // The third session (17 November) has no outcome: "not recorded", its own figure (it was left out before).
    expect(progress.months).toEqual([
      { month: '2026-11', attended: 1, absent: 0, cancelled: 1, notRecorded: 1, upcoming: 0, minutesPlanned: 90, minutesDelivered: 30 },
    ]);

    // The parent summary is plain language: goals and support, no clinical notes.
    const summary = await must<ParentSummary>('parentUpdates.summary', { pupilId: pupil.id });
    expect(summary.goals.map((g) => g.description)).toEqual(['Asks for help in class', 'Retells a short story']);
    expect(summary.support[0]).toMatchObject({ description: 'Narrative group', frequency: 'once a week, for 30 minutes' });
    expect(summary.classroomStrategies).toEqual(['Visual timetable on the desk']);
    expect(JSON.stringify(summary)).not.toMatch(/CLINICAL-NOTE-XYZ|Appointment/);
  });

  it('counts "not recorded" as its own figure everywhere: provision delivered, session stats, progress and the printed pack (today is 23 November 2026)', async () => {
    await must('caseload.allocate', { pupilId: pupil.id, userId: therapist.id, startDate: '2026-09-07' });
    // Five weekly sessions from 3 November: the first attended, the second absent, the third never recorded, two still to come.
    await must('sessions.schedule', {
      title: 'Narrative group',
      discipline: 'speech_language',
      location: null,
      firstDate: '2026-11-03',
      startTime: '09:30',
      durationMinutes: 30,
      recurrence: 'weekly',
      intervalWeeks: 1,
      until: '2026-12-01',
      count: null,
      exceptions: [],
      practitionerIds: [therapist.id],
      pupils: [{ pupilId: pupil.id, ehcpProvisionId: null, ippInterventionId: ipp.interventions[0]!.id }],
      overrideProtected: false,
    });
    const sessions = await must<SessionView[]>('sessions.list', { from: '2026-11-01', to: '2026-12-31' });
    expect(sessions.map((x) => x.date)).toEqual(['2026-11-03', '2026-11-10', '2026-11-17', '2026-11-24', '2026-12-01']);
    await must('sessions.record', {
      sessionId: sessions[0]!.id,
      pupils: [
        { pupilId: pupil.id, attendance: 'attended', cancelledBy: null, reason: null, deliveredMinutes: 30, notes: null, goals: [] },
      ],
    });
    await must('sessions.record', {
      sessionId: sessions[1]!.id,
      pupils: [
        { pupilId: pupil.id, attendance: 'absent', cancelledBy: null, reason: 'Unwell', deliveredMinutes: null, notes: null, goals: [] },
      ],
    });

    const provision = await must<ProvisionReport>('provision.delivered', { pupilId: pupil.id });
    const line = provision.lines.find((l) => l.sourceId === ipp.interventions[0]!.id)!;
    expect(line.year).toMatchObject({ sessionsDelivered: 1, minutesDelivered: 30, absent: 1, notRecorded: 1, minutesNotRecorded: 30 });

    const stats = await must<SessionStats>('sessions.stats', { pupilId: pupil.id });
    expect(stats.months).toEqual([
      {
        month: '2026-11',
        scheduled: 3,
        attended: 1,
        absent: 1,
        cancelled: 0,
        notRecorded: 1,
        upcoming: 0,
        minutesScheduled: 90,
        minutesDelivered: 30,
      },
    ]);
    const byPractitioner = await must<SessionStats>('sessions.stats', { practitionerId: therapist.id });
    expect(byPractitioner.months[0]).toMatchObject({ attended: 1, absent: 1, notRecorded: 1 });

    // The pack for the review planned on 4 December: three sessions due, one attended, one missed, one not recorded, two to come.
    const planned = await must<ReviewMeeting>('reviews.save', review({ date: '2026-12-04', status: 'planned', ratings: [] }));
    const pack = await must<{ pdfBase64: string }>('reviews.pack', { reviewId: planned.id });
    const dir = mkdtempSync(join(tmpdir(), 'pack-figures-'));
    try {
      const file = join(dir, 'pack.pdf');
      writeFileSync(file, Buffer.from(pack.pdfBase64, 'base64'));
      const text = execFileSync('/usr/bin/pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
      expect(text).toContain('1 of the 3 sessions due in this period were attended (33% of the sessions due).');
      expect(text).toContain(
        '1 was missed through absence or cancellation (33%). 1 has no attendance recorded (33%): whether it took place is not known.',
      );
      expect(text).toContain('2 more sessions are booked after today.');
      expect(text).toMatch(/1 1 0 1 Attended Absent Cancelled Not recorded/);
      expect(text).not.toMatch(/Attended \d+% of the sessions that were due/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps a log of updates to parents and refuses one dated in the future', async () => {
    await must<ParentUpdate>('parentUpdates.save', {
      pupilId: pupil.id,
      date: '2026-10-01',
      method: 'meeting',
      summary: 'Met to agree the plan',
    });
    await must<ParentUpdate>('parentUpdates.save', {
      pupilId: pupil.id,
      date: '2026-11-20',
      method: 'phone',
      summary: 'Called after the review',
    });
    const list = await must<ParentUpdate[]>('parentUpdates.list', { pupilId: pupil.id });
    expect(list.map((u) => [u.date, u.method])).toEqual([
      ['2026-11-20', 'phone'],
      ['2026-10-01', 'meeting'],
    ]);
    const future = await call('parentUpdates.save', { pupilId: pupil.id, date: '2026-12-01', method: 'email', summary: 'x' });
    expect(!future.ok && future.error.fields?.date).toMatch(/cannot be in the future/);
    expect((await must<ParentSummary>('parentUpdates.summary', { pupilId: pupil.id })).lastUpdate).toEqual({
      date: '2026-11-20',
      method: 'phone',
    });
  });

  it('makes the review pack as a PDF', async () => {
    const r = await must<ReviewMeeting>('reviews.save', review());
    const pack = await must<{ filename: string; pdfBase64: string; pages: number }>('reviews.pack', { reviewId: r.id });
    expect(pack.filename).toBe('review-pack-Robin-Review-Test-2026-11-20.pdf');
    expect(Buffer.from(pack.pdfBase64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    expect(pack.pages).toBeGreaterThan(2);
  });
});
