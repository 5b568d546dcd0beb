/**
 * The therapy-side rules of issue 14, through the dispatcher on SQLite and PostgreSQL:
 *   14  GAS goal weights: kept per plan version and carried by a revision, counted in every T-score (plan reviews,
 *       review meetings, progress) and in the mean behind the Specific flag;
 *   15  a Targeted plan is 12 to 36 weeks exactly (11 weeks 4 days and 36 weeks 1 day refused);
 *   16  Specific without progress points a pupil without an EHC plan to a needs assessment;
 *   17  an agreed placement extension records its funding; a fallback end date is a school day.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeUpn } from '../../../shared/upn';
import type {
  BandDistribution,
  BandState,
  CaseloadRow,
  IppView,
  PlacementRecord,
  PlanView,
  PupilProfile,
  PupilProgress,
  ReviewMeeting,
} from '../../../shared/contract';
import { openTestCore, planContent, pupilInput, setUp, testDrivers, type TestCore } from '../testing/harness';

type R<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string; fields?: Record<string, string> } };

const levels = (expected: string) => ({ m2: 'Not yet', m1: 'With help', expected, p1: 'Often', p2: 'Always' });

describe.each(testDrivers())('therapy rules (issue 14) on %s', (driver) => {
  let core: TestCore;
  let session: string;
  let pupilId: string;
  const call = <T>(op: string, input: unknown) => core.dispatcher.invoke({ op, input, session }) as Promise<R<T>>;
  const must = async <T>(op: string, input: unknown): Promise<T> => {
    const r = await call<T>(op, input);
    if (!r.ok) throw new Error(`${op}: ${JSON.stringify(r.error)}`);
    return r.value;
  };
  const fieldsOf = (r: R<unknown>) => (r.ok ? {} : (r.error.fields ?? {}));
  const plan = (over: Record<string, unknown> = {}) => ({
    id: null,
    baseVersion: null,
    pupilId,
    title: 'Language plan',
    startDate: '2026-11-02',
    reviewDate: '2026-12-14',
    endDate: '2027-03-22',
    expectedOutcomes: null,
    revisionReason: null,
    goals: [
      { key: 'g1', description: 'Asks for help in class', ehcpOutcomeId: null, levels: levels('Asks twice a day'), weight: 2 },
      { key: 'g2', description: 'Retells a short story', ehcpOutcomeId: null, levels: levels('Three events in order'), weight: 1 },
    ],
    interventions: [],
    ...over,
  });
  const placement = (over: Record<string, unknown> = {}) => ({
    id: null,
    pupilId,
    commissioningLa: 'Exampleshire',
    laCategory: 're_engagement',
    homeSchoolName: 'Hill Top Academy',
    homeSchoolUrn: null,
    startDate: '2026-09-07',
    staffingRatio: 'one_to_one',
    extensionStatus: 'none',
    extensionRequestedDate: null,
    extensionEndDate: null,
    closurePlan: null,
    closedDate: null,
    ...over,
  });

  beforeEach(async () => {
    core = await openTestCore(driver, () => new Date('2026-11-23T09:00:00Z'));
    session = await setUp(core);
    pupilId = (
      await must<PupilProfile>(
        'pupils.create',
        pupilInput({ upn: makeUpn(999, 4003, 19, 1), legalFirstName: 'Kit', legalLastName: 'Rules-Test', senStatus: 'K' }),
      )
    ).id;
  });
  afterEach(async () => core.cleanup());

  describe('item 15: a Targeted plan is 12 to 36 weeks exactly', () => {
    it('refuses 11 weeks 4 days and 36 weeks 1 day, accepts 12 weeks 0 days and 36 weeks 0 days, from the plan dates', async () => {
      await must('bands.set', {
        pupilId,
        band: 'targeted',
        needLevel: null,
        startDate: '2026-11-02',
        plannedWeeks: 20,
        reason: 'Not progressing in Universal',
      });
      // From Monday 2 November 2026: +81 days = 22 January 2027 (11 weeks 4 days: rounded, that was "12 weeks").
      const short = await call('ipps.save', plan({ endDate: '2027-01-22' }));
      expect(fieldsOf(short).endDate).toMatch(/from 12 to 36 weeks exactly .*from start to end it is 11 weeks and 4 days/);
      expect((await call('ipps.save', plan({ endDate: '2027-01-24' }))).ok).toBe(false); // 11 weeks 6 days
      expect((await call('ipps.save', plan({ endDate: '2027-01-25' }))).ok).toBe(true); // 12 weeks 0 days
      expect((await call('ipps.save', plan({ endDate: '2027-07-12' }))).ok).toBe(true); // 36 weeks 0 days
      // +253 days = 13 July 2027 (36 weeks 1 day: rounded, that was "36 weeks").
      const long = await call('ipps.save', plan({ endDate: '2027-07-13' }));
      expect(fieldsOf(long).endDate).toMatch(/from start to end it is 36 weeks and 1 day/);
      // The length shown with a saved plan is exact too.
      const saved = await must<IppView>('ipps.save', plan({ endDate: '2027-07-12' }));
      expect([saved.weeks, saved.lengthDays]).toEqual([36, 252]);
    });

    it("holds planned weeks to whole weeks from 12 to 36 in bands.set and in a review's band move", async () => {
      const set = (plannedWeeks: number) =>
        call('bands.set', { pupilId, band: 'targeted', needLevel: null, startDate: '2026-11-02', plannedWeeks, reason: 'x' });
      expect(fieldsOf(await set(11)).plannedWeeks).toMatch(/12 to 36 weeks/);
      expect(fieldsOf(await set(37)).plannedWeeks).toMatch(/12 to 36 weeks/);
      expect((await set(11.5)).ok).toBe(false);
      expect((await set(12)).ok).toBe(true);
      expect((await set(36)).ok).toBe(true);
      // A review moving a pupil on Universal up to Targeted is checked by the same rule.
      await must('bands.set', {
        pupilId,
        band: 'universal',
        needLevel: 'medium',
        startDate: '2026-11-09',
        plannedWeeks: null,
        reason: 'Back',
      });
      const up = (plannedWeeks: number) =>
        call<ReviewMeeting>('reviews.save', {
          id: null,
          pupilId,
          kind: 'band',
          date: '2026-11-20',
          status: 'held',
          ippId: null,
          placementId: null,
          ehcPlanId: null,
          attendees: [],
          pupilViews: null,
          parentViews: null,
          discussion: null,
          ratings: [],
          decisions: [{ kind: 'band_up', band: 'targeted', needLevel: null, plannedWeeks, note: null }],
          actions: [],
          statutory: null,
        });
      expect(fieldsOf(await up(37))['decisions.0.plannedWeeks']).toMatch(/12 to 36 weeks/);
      expect((await up(36)).ok).toBe(true);
    });
  });

  describe('item 14: GAS weights', () => {
    it("keeps each goal's weight per version, carries it into a revision, and refuses a weight outside 1 to 10 beside the field", async () => {
      const v1 = await must<IppView>('ipps.save', plan());
      expect(v1.goals.map((g) => g.weight)).toEqual([2, 1]);
      // Optional: left out or empty, a goal counts 1.
      const { weight: _w, ...noWeight } = plan().goals[1]!;
      const other = await must<IppView>('ipps.save', plan({ goals: [{ ...plan().goals[0], weight: null }, noWeight] }));
      expect(other.goals.map((g) => g.weight)).toEqual([1, 1]);
      for (const bad of [0, 11, 1.5, -2]) {
        const r = await call('ipps.save', plan({ goals: [{ ...plan().goals[0], weight: bad }, plan().goals[1]] }));
        expect(fieldsOf(r)['goals.0.weight'], String(bad)).toMatch(/whole number from 1 to 10/);
      }
      const v2 = await must<IppView>(
        'ipps.save',
        plan({
          id: v1.id,
          baseVersion: 1,
          revisionReason: 'Story goal matters more now',
          goals: [
            { ...plan().goals[0], weight: 2 },
            { ...plan().goals[1], weight: 3 },
          ],
        }),
      );
      expect(v2.goals.map((g) => g.weight)).toEqual([2, 3]);
      expect((await must<IppView>('ipps.get', { id: v1.id, version: 1 })).goals.map((g) => g.weight)).toEqual([2, 1]);
    });

    it("counts the weights in every T-score and mean, and keeps a past review's score when a revision changes them", async () => {
      const v1 = await must<IppView>('ipps.save', plan());
      // g1 (weight 2) +1, g2 (weight 1) -1. T = 50 + 10·1 / √(0.7·5 + 0.3·9) = 50 + 10/√6.2 = 54.0161 (unweighted: 50).
      const reviewed = await must<IppView>('ipps.review', {
        ippId: v1.id,
        date: '2026-11-16',
        note: null,
        ratings: [
          { goalKey: 'g1', rating: 1, note: null },
          { goalKey: 'g2', rating: -1, note: null },
        ],
      });
      expect(reviewed.reviews[0]!.ratings.map((r) => r.weight)).toEqual([2, 1]);
      // (2·1 + 1·(-1)) / 3; mean_rating is a single-precision real on PostgreSQL, so to 6 places.
      expect(reviewed.reviews[0]!.mean).toBeCloseTo(1 / 3, 6);
      let progress = await must<PupilProgress>('progress.forPupil', { pupilId });
      expect(progress.tScores[0]!.tScore).toBeCloseTo(54.0161, 4);

      // A review meeting: the same ratings, the same weighted score, kept with the meeting.
      const meeting = await must<ReviewMeeting>('reviews.save', {
        id: null,
        pupilId,
        kind: 'plan',
        date: '2026-11-20',
        status: 'held',
        ippId: v1.id,
        placementId: null,
        ehcPlanId: null,
        attendees: [],
        pupilViews: null,
        parentViews: null,
        discussion: null,
        ratings: [
          { goalKey: 'g1', rating: 1, note: null },
          { goalKey: 'g2', rating: -1, note: null },
        ],
        decisions: [],
        actions: [],
        statutory: null,
      });
      expect(meeting.tScore).toBeCloseTo(54.0161, 4);
      expect(meeting.ratings.map((r) => r.weight)).toEqual([2, 1]);
      const list = await must<{ tScore: number | null }[]>('reviews.list', {});
      expect(list[0]!.tScore).toBeCloseTo(54.0161, 4);

      // Revised: g2 now counts 3. The same ratings now score 50 + 10·(2 − 3) / √(0.7·13 + 0.3·25) = 50 − 10/√16.6 = 47.5456.
      await must<IppView>(
        'ipps.save',
        plan({
          id: v1.id,
          baseVersion: 1,
          revisionReason: 'Story goal matters more',
          goals: [plan().goals[0], { ...plan().goals[1], weight: 3 }],
        }),
      );
      await must('ipps.review', {
        ippId: v1.id,
        date: '2026-11-23',
        note: null,
        ratings: [
          { goalKey: 'g1', rating: 1, note: null },
          { goalKey: 'g2', rating: -1, note: null },
        ],
      });
      progress = await must<PupilProgress>('progress.forPupil', { pupilId });
      expect(progress.tScores.map((s) => [s.date, Math.round(s.tScore * 10_000) / 10_000])).toEqual([
        ['2026-11-16', 54.0161],
        ['2026-11-20', 54.0161],
        ['2026-11-23', 47.5456],
      ]);
      // The meeting saved before the revision keeps its score, also when it is edited and saved again.
      expect((await must<ReviewMeeting>('reviews.get', { id: meeting.id })).tScore).toBeCloseTo(54.0161, 4);
      const { ippTitle: _t, tScore: _s, recordedBy: _r, updatedAt: _u, ...saved } = meeting;
      const edited = await must<ReviewMeeting>('reviews.save', {
        ...saved,
        parentViews: 'Added after the meeting.',
        ratings: saved.ratings.map(({ weight: _w, ...r }) => r),
        decisions: [],
        actions: [],
      });
      expect(edited.tScore).toBeCloseTo(54.0161, 4);
      expect(edited.ratings.map((r) => r.weight)).toEqual([2, 1]);
    });

    it('re-saving a held meeting with its own ratings sends no weights back and keeps the score', async () => {
      const v1 = await must<IppView>('ipps.save', plan());
      const m = await must<ReviewMeeting>('reviews.save', {
        id: null,
        pupilId,
        kind: 'plan',
        date: '2026-11-20',
        status: 'held',
        ippId: v1.id,
        placementId: null,
        ehcPlanId: null,
        attendees: [],
        pupilViews: null,
        parentViews: null,
        discussion: null,
        ratings: [{ goalKey: 'g1', rating: 2, note: null }],
        decisions: [],
        actions: [],
        statutory: null,
      });
      // The weight is the plan's: an input carrying one is refused as an unknown field.
      const withWeight = await call('reviews.save', { ...m, ratings: [{ goalKey: 'g1', rating: 2, note: null, weight: 9 }] });
      expect(withWeight.ok).toBe(false);
      // One goal: its weight cancels out, T = 50 + 10·2 = 70.
      expect(m.tScore).toBeCloseTo(70, 10);
    });
  });

  describe('item 16: Specific without progress', () => {
    async function specificWithoutProgress(): Promise<IppView> {
      await must('bands.set', {
        pupilId,
        band: 'specific',
        needLevel: null,
        startDate: '2026-09-02',
        plannedWeeks: null,
        reason: 'Not progressing in Targeted',
      });
      const p = await must<IppView>('ipps.save', plan({ startDate: '2026-09-02', reviewDate: '2026-10-12', endDate: '2027-07-16' }));
      // g1 weight 2 at -1, g2 weight 1 at +1: the plain mean is 0 (not below expected); weighted it is -1/3, as the
      // T-score (below 50) says. Then no better: -1 and -1.
      await must('ipps.review', {
        ippId: p.id,
        date: '2026-10-12',
        note: null,
        ratings: [
          { goalKey: 'g1', rating: -1, note: null },
          { goalKey: 'g2', rating: 1, note: null },
        ],
      });
      await must('ipps.review', {
        ippId: p.id,
        date: '2026-11-16',
        note: null,
        ratings: [
          { goalKey: 'g1', rating: -1, note: null },
          { goalKey: 'g2', rating: -1, note: null },
        ],
      });
      return p;
    }

    it('points a pupil without an EHC plan to a request for an EHC needs assessment', async () => {
      await specificWithoutProgress();
      const band = await must<BandState>('bands.history', { pupilId });
      expect(band).toMatchObject({ flagged: true, nextStep: 'needs_assessment' });
      const dist = await must<BandDistribution>('bands.distribution', {});
      expect(dist.flagged).toHaveLength(1);
      expect(dist.flagged[0]).toMatchObject({ pupilId, hasEhcPlan: false, nextStep: 'needs_assessment' });
      expect(dist.flagged[0]!.reviewMeans[0]).toBeCloseTo(-1 / 3, 6);
      expect(dist.flagged[0]!.reviewMeans[1]).toBeCloseTo(-1, 6);
      const caseload = await must<CaseloadRow[]>('caseload.list', {});
      expect(caseload[0]).toMatchObject({ flagged: true, nextStep: 'needs_assessment' });
    });

    it('points a pupil with an EHC plan (a final plan on record, or SEN status E) to an EHC plan review', async () => {
      await specificWithoutProgress();
      await must<PlanView>('ehcp.create', {
        pupilId,
        localAuthority: 'Exampleshire',
        ownerId: null,
        status: 'final',
        draftDate: null,
        issuedDate: '2026-01-05',
        ceasedDate: null,
        ceasedReason: null,
        content: planContent(),
      });
      expect(await must<BandState>('bands.history', { pupilId })).toMatchObject({ flagged: true, nextStep: 'ehcp_review' });
      expect((await must<BandDistribution>('bands.distribution', {})).flagged[0]).toMatchObject({
        hasEhcPlan: true,
        nextStep: 'ehcp_review',
      });
      expect((await must<CaseloadRow[]>('caseload.list', {}))[0]).toMatchObject({ nextStep: 'ehcp_review' });

      const e = await must<PupilProfile>(
        'pupils.create',
        pupilInput({ upn: makeUpn(999, 4003, 19, 2), legalFirstName: 'Eden', legalLastName: 'Plan-Holder', senStatus: 'E' }),
      );
      pupilId = e.id;
      await specificWithoutProgress();
      expect(await must<BandState>('bands.history', { pupilId })).toMatchObject({ flagged: true, nextStep: 'ehcp_review' });
    });

    it('gives no next step to a pupil who is not flagged', async () => {
      await must('bands.set', {
        pupilId,
        band: 'specific',
        needLevel: null,
        startDate: '2026-09-02',
        plannedWeeks: null,
        reason: 'Not progressing in Targeted',
      });
      expect(await must<BandState>('bands.history', { pupilId })).toMatchObject({ flagged: false, nextStep: null });
      expect((await must<CaseloadRow[]>('caseload.list', {}))[0]).toMatchObject({ flagged: false, nextStep: null });
    });
  });

  describe('item 17: placements', () => {
    const funding = {
      extensionFundingSource: 'Exampleshire high-needs fund',
      extensionFundingPence: 425_050,
      extensionFundingApprovedBy: 'Jo Example, SEND manager',
      extensionFundingApprovedDate: '2026-11-20',
    };
    const approved = { extensionStatus: 'approved', extensionRequestedDate: '2026-11-02', extensionEndDate: '2027-06-30' };

    it('refuses an approved extension without its funding, naming each missing field', async () => {
      const r = await call('placements.save', placement(approved));
      expect(Object.keys(fieldsOf(r)).sort()).toEqual([
        'extensionFundingApprovedBy',
        'extensionFundingApprovedDate',
        'extensionFundingPence',
        'extensionFundingSource',
      ]);
      expect(fieldsOf(r).extensionFundingPence).toMatch(/amount in pounds and pence/);
      expect(await must<PlacementRecord[]>('placements.listForPupil', { pupilId })).toEqual([]);
    });

    it('records the funding of an agreed extension to the penny, and shows it with the placement', async () => {
      const saved = await must<PlacementRecord>('placements.save', placement({ ...approved, ...funding }));
      expect(saved).toMatchObject(funding);
      const [listed] = await must<PlacementRecord[]>('placements.listForPupil', { pupilId });
      expect(listed).toMatchObject({ ...funding, extensionStatus: 'approved' });
      expect(listed!.extensionFundingPence).toBe(425_050);
    });

    it('refuses funding before the extension is agreed, an amount that is not whole pence, and an approval dated wrongly', async () => {
      const requested = await call(
        'placements.save',
        placement({ extensionStatus: 'requested', extensionRequestedDate: '2026-11-02', extensionFundingSource: 'A bid' }),
      );
      expect(fieldsOf(requested).extensionFundingSource).toMatch(/once the extension is approved/);
      for (const bad of [0, 12.5, -100, 100_000_001]) {
        const r = await call('placements.save', placement({ ...approved, ...funding, extensionFundingPence: bad }));
        expect(fieldsOf(r).extensionFundingPence, String(bad)).toMatch(/pounds and pence/);
      }
      const future = await call('placements.save', placement({ ...approved, ...funding, extensionFundingApprovedDate: '2026-11-24' }));
      expect(fieldsOf(future).extensionFundingApprovedDate).toMatch(/cannot be in the future/);
      const early = await call('placements.save', placement({ ...approved, ...funding, extensionFundingApprovedDate: '2026-10-30' }));
      expect(fieldsOf(early).extensionFundingApprovedDate).toMatch(/before the extension was requested on 2 November 2026/);
    });

    it('ends a placement on a school day when the term dates do not give its end', async () => {
      // No term dates: 12 April 2027 + 26 weeks - 1 day is Sunday 10 October 2027; the placement ends Friday 8 October.
      const p = await must<PlacementRecord>('placements.save', placement({ startDate: '2027-04-12' }));
      expect(p).toMatchObject({ calendarGap: true, plannedEndDate: '2027-10-08', midpointDate: '2027-07-12' });
      expect(await must('placements.preview', { startDate: '2027-04-12' })).toEqual({
        plannedEndDate: '2027-10-08',
        midpointDate: '2027-07-12',
        calendarGap: true,
      });
      // With a bank holiday entered for the Friday (synthetic), it moves back to Thursday 7 October.
      await must('terms.replaceYear', {
        academicYear: '2027/28',
        terms: [{ name: 'autumn1', startDate: '2027-09-01', endDate: '2027-10-22' }],
      });
      await must('calendar.replaceDays', {
        academicYear: '2027/28',
        days: [{ date: '2027-10-08', kind: 'closure', name: 'Closed for a local election' }],
      });
      expect(await must('placements.preview', { startDate: '2027-04-12' })).toMatchObject({
        plannedEndDate: '2027-10-07',
        calendarGap: true,
      });
    });
  });
});
