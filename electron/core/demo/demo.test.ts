import { afterEach, describe, expect, it } from 'vitest';
import {
  BAND_ORDER,
  PARENT_UPDATE_METHODS,
  assessmentInput,
  bandInput,
  ippInput,
  ippReviewInput,
  meetingInput,
  placementInput,
  planCreateInput,
  pupilCreateInput,
  referralInput,
  reviewOps,
  type BandDistribution,
  type CaseloadRow,
} from '../../../shared/contract';
import { gasTScore } from '../../../shared/gas';
import {
  DEFAULT_DISCIPLINES,
  checkMove,
  specificWithoutProgress,
  TARGETED_WEEKS,
  targetedDatesOk,
  weeksBetween,
} from '../../../shared/therapy';
import { goldenThread } from '../../../shared/ehcp';
import { checkUpn } from '../../../shared/upn';
import {
  AssessmentEntity,
  AuditEventEntity,
  BandPeriodEntity,
  CalendarDayEntity,
  EhcAssessmentRequestEntity,
  EhcPlanEntity,
  EhcPlanVersionEntity,
  EhcpNeedEntity,
  EhcpReviewEntity,
  IppEntity,
  IppGoalEntity,
  IppInterventionEntity,
  IppReviewEntity,
  IppVersionEntity,
  PlacementEntity,
  PupilEntity,
  ReferralEntity,
  ReferralEventEntity,
  TermEntity,
  UserEntity,
} from '../db/entities';
import type { ClockList } from '../../../shared/contract';
import { verifyAuditChain } from '../audit';
import { openTestCore, SYSTEM, testDrivers, type TestCore } from '../testing/harness';
import {
  DEMO_OTHER_LAS,
  DEMO_PASSWORD,
  DEMO_SPECS,
  demoCalendar,
  demoTerms,
  easterSunday,
  englishBankHolidays,
  generateDemo,
  generateReviews,
  generateSessionYear,
  loadDemo,
  reviewCounts,
  reviewYears,
  sessionYears,
  type DemoSession,
} from '.';
import {
  recordInput,
  type ParentUpdate,
  type ProvisionReport,
  type ReviewAction,
  type ReviewMeeting,
  type SessionView,
} from '../../../shared/contract';
import { isSchoolDay } from '../clocks';
import { toMinutes } from '../sessions/scheduling';
import { createRng } from './prng';

const current = (d: ReturnType<typeof generateDemo>) => d.pupils.filter((p) => p.dateLeft === null);
const statusOf = (p: ReturnType<typeof generateDemo>['pupils'][number]) => p.senHistory.at(-1)!.status;

describe('demo data generator', () => {
  it('is deterministic: the same size and year give the same data, another year different data', () => {
    const a = generateDemo('small');
    const b = generateDemo('small');
    expect(b).toEqual(a);
    const other = generateDemo('small', '2027/28');
    expect(other.pupils.map((p) => p.upn)).not.toEqual(a.pupils.map((p) => p.upn));
    expect(createRng('x').next()).toBe(createRng('x').next());
  });

  it.each(['small', 'school', 'trust'] as const)(
    '%s: has the counts of its size, valid and unique UPNs, and rows the app would accept',
    (size) => {
      const d = generateDemo(size);
      const spec = DEMO_SPECS[size];
      const now = current(d);
      expect(now).toHaveLength(spec.units * spec.pupilsPerUnit);
      expect(d.pupils.length - now.length).toBe(spec.units * spec.formersPerUnit);
      expect(now.filter((p) => statusOf(p) === 'E')).toHaveLength(spec.units * spec.ehcpPerUnit);
      expect(now.filter((p) => statusOf(p) === 'K')).toHaveLength(spec.units * spec.senSupportPerUnit);
      expect(d.staff).toHaveLength(spec.units * (spec.staff === 'full' ? 12 : 3));
      expect(new Set(d.staff.map((s) => s.username)).size).toBe(d.staff.length);
      expect(new Set(d.pupils.map((p) => p.upn)).size).toBe(d.pupils.length);
      expect(new Set(d.pupils.map((p) => p.id)).size).toBe(d.pupils.length);
      if (size === 'trust') return; // the same generator as school, five times: the per-row checks below are enough there
      for (const p of d.pupils) {
        expect(checkUpn(p.upn), p.upn).toBeNull();
        // The same schema the pupil form and the dispatcher use.
        const { id: _id, senHistory: _history, needsIdentifiedOn: _identified, ...fields } = p;
        const parsed = pupilCreateInput.safeParse({
          ...fields,
          senStatus: statusOf(p),
          senStatusFrom: p.senHistory.at(-1)!.startDate,
          needs: [...p.needs],
          contacts: [...p.contacts],
        });
        expect(parsed.success, `${p.upn}: ${parsed.success ? '' : JSON.stringify(parsed.error.issues)}`).toBe(true);
        // SEN history: contiguous, oldest first, exactly one open period, starting when the pupil joined.
        expect(p.senHistory[0]!.startDate).toBe(p.dateJoined);
        expect(p.senHistory.filter((h) => h.endDate === null)).toHaveLength(1);
        for (let i = 1; i < p.senHistory.length; i++) expect(p.senHistory[i - 1]!.endDate! < p.senHistory[i]!.startDate).toBe(true);
        expect(p.needs.length > 0).toBe(statusOf(p) !== 'N');
      }
    },
  );

  it('puts pupils in year groups that match their age on 1 September, in classes like 7A', () => {
    const d = generateDemo('school');
    const start = Number(d.academicYear.slice(0, 4));
    for (const p of current(d)) {
      const y = Number(p.yearGroup);
      // Year 7 in 2026/27: born 1 September 2014 to 31 August 2015.
      expect(
        p.dateOfBirth >= `${start - y - 5}-09-01` && p.dateOfBirth <= `${start - y - 4}-08-31`,
        `${p.upn} ${p.dateOfBirth} Y${y}`,
      ).toBe(true);
      expect(p.className).toMatch(new RegExp(`^${p.yearGroup}[A-Z]$`));
    }
  });

  it('gives six ordered, non-overlapping half terms within the academic year', () => {
    const terms = demoTerms(2026);
    expect(terms.map((t) => t.name)).toEqual(['autumn1', 'autumn2', 'spring1', 'spring2', 'summer1', 'summer2']);
    expect(terms[0]!.startDate).toBe('2026-09-02');
    for (let i = 1; i < terms.length; i++) expect(terms[i - 1]!.endDate < terms[i]!.startDate).toBe(true);
    expect(terms[5]!.endDate < '2027-08-01').toBe(true);
  });
});

describe('demo EHC data', () => {
  const d = generateDemo('school');
  const R = d.referenceDate;
  const withPlan = current(d).filter((p) => statusOf(p) === 'E');
  const byId = new Map(d.pupils.map((p) => [p.id, p]));

  it('is deterministic, and differs for another academic year', () => {
    const again = generateDemo('school');
    expect(again.plans).toEqual(d.plans);
    expect(again.assessmentRequests).toEqual(d.assessmentRequests);
    expect(again.calendar).toEqual(d.calendar);
    expect(d.plans.map((p) => p.issuedDate)).not.toEqual(generateDemo('school', '2027/28').plans.map((p) => p.issuedDate));
    // Pinned: a change here changes every demo data folder, so make it on purpose.
    expect(d.plans.length).toBe(60);
    expect(d.referenceDate).toBe('2026-10-01');
  });

  it('gives every pupil with status E one final plan the app would accept, issued in the 2 years before 1 October', () => {
    expect(new Set(d.plans.map((p) => p.pupilId))).toEqual(new Set(withPlan.map((p) => p.id)));
    for (const plan of d.plans) {
      expect(plan.issuedDate >= addYears(R, -2) && plan.issuedDate < R, plan.issuedDate).toBe(true);
      expect(plan.versions.map((v) => v.number)).toEqual(plan.versions.map((_, i) => i + 1));
      for (let i = 1; i < plan.versions.length; i++)
        expect(plan.versions[i]!.effectiveDate > plan.versions[i - 1]!.effectiveDate).toBe(true);
      for (const v of plan.versions) {
        const parsed = planCreateInput.safeParse({
          pupilId: plan.pupilId,
          localAuthority: plan.localAuthority,
          ownerId: null,
          status: plan.status,
          draftDate: plan.draftDate,
          issuedDate: plan.issuedDate,
          ceasedDate: null,
          ceasedReason: null,
          content: v.content,
        });
        expect(parsed.success, parsed.success ? '' : JSON.stringify(parsed.error.issues)).toBe(true);
        expect(v.content.needs.length >= 2 && v.content.needs.length <= 4).toBe(true);
      }
      // The register agrees with the plan: status E from the issue date, or from joining when the plan came with the pupil.
      const pupil = byId.get(plan.pupilId)!;
      expect(pupil.senHistory.at(-1)!.startDate).toBe(plan.issuedDate > pupil.dateJoined ? plan.issuedDate : pupil.dateJoined);
    }
    const las = new Set(d.plans.map((p) => p.localAuthority));
    expect(las.has(d.school.localAuthority)).toBe(true);
    expect([...las].every((la) => la === d.school.localAuthority || (DEMO_OTHER_LAS as readonly string[]).includes(la))).toBe(true);
    expect(las.size).toBeGreaterThanOrEqual(3);
    expect(new Set(d.plans.flatMap((p) => p.versions[0]!.content.needs.map((n) => n.area))).size).toBe(4);
  });

  it('breaks the golden thread in about 10% of plans, and only there', () => {
    const problems = (p: (typeof d.plans)[number]) => {
      const c = p.versions.at(-1)!.content;
      return goldenThread({
        needs: c.needs,
        outcomes: c.outcomes,
        provision: c.provision.map((x) => ({
          key: x.key,
          outcomeKeys: x.outcomeKeys,
          frequencyCount: x.frequencyCount,
          frequencyPeriod: x.frequencyPeriod,
          sessionMinutes: x.sessionMinutes,
        })),
      }).problems;
    };
    expect(d.plans.filter((p) => p.goldenThreadFlaw)).toHaveLength(6);
    for (const p of d.plans) expect(problems(p) > 0, p.id).toBe(p.goldenThreadFlaw !== null);
  });

  it('has preparing-for-adulthood outcomes only from Year 9, and in most plans there', () => {
    const pfa = (p: (typeof d.plans)[number]) => p.versions.at(-1)!.content.outcomes.some((o) => o.pfaArea !== null);
    const older = d.plans.filter((p) => Number(byId.get(p.pupilId)!.yearGroup) >= 9);
    expect(d.plans.filter((p) => Number(byId.get(p.pupilId)!.yearGroup) < 9).some(pfa)).toBe(false);
    expect(older.filter(pfa).length / older.length).toBeGreaterThan(0.5);
    expect(older.some((p) => !pfa(p))).toBe(true);
  });

  it('has held reviews with steps, overdue plans with none, and planned reviews with invitations not sent', () => {
    const held = d.plans.flatMap((p) => p.reviews.filter((r) => r.held));
    const lastYear = held.filter((r) => r.meetingDate >= addYears(R, -1) && r.meetingDate < R);
    expect(lastYear.length).toBeGreaterThanOrEqual(30);
    expect(lastYear.filter((r) => r.invitationsSentDate && r.reportSentDate && r.laDecisionDate).length).toBeGreaterThanOrEqual(20);
    for (const r of held) {
      if (r.invitationsSentDate) expect(r.invitationsSentDate < r.meetingDate).toBe(true);
      for (const after of [r.reportSentDate, r.laDecisionDate, r.amendedFinalDate])
        if (after) expect(after >= r.meetingDate && after < R).toBe(true);
    }
    // Overdue: issued more than a year before 1 October and never reviewed.
    const overdue = d.plans.filter((p) => p.reviews.length === 0 && p.issuedDate < addYears(R, -1));
    expect(overdue).toHaveLength(5);
    const planned = d.plans.flatMap((p) => p.reviews.filter((r) => !r.held));
    expect(planned).toHaveLength(6);
    for (const r of planned) {
      expect(r.meetingDate > R && r.meetingDate < addDays(R, 80)).toBe(true);
      expect(r.invitationsSentDate).toBeNull();
    }
    // Amended after a review, and phase transfer naming the next placement (this school has no Year 6).
    expect(d.plans.some((p) => p.versions.some((v) => v.kind === 'amendment' && !v.namesNextPhase))).toBe(true);
    const transfer = d.plans.filter((p) => p.versions.some((v) => v.namesNextPhase));
    expect(transfer.length).toBeGreaterThan(0);
    expect(transfer.every((p) => byId.get(p.pupilId)!.yearGroup === '11')).toBe(true);
    expect(transfer.every((p) => p.versions.at(-1)!.effectiveDate >= '2026-09-01')).toBe(true);
  });

  it('records a phase transfer for every pupil with a plan in Year 11 (the end of the secondary phase here), and no one else', () => {
    // The clocks read recorded transfers only (SEND Regulations 2014 reg. 18), so the demo records them.
    const withPlan = d.plans.map((p) => byId.get(p.pupilId)!);
    const leaving = withPlan
      .filter((p) => p.yearGroup === '11')
      .map((p) => p.id)
      .sort();
    expect(leaving.length).toBeGreaterThan(0);
    expect(d.transfers.map((t) => t.pupilId).sort()).toEqual(leaving);
    for (const t of d.transfers) expect(t).toMatchObject({ kind: 'secondary_to_post16', transferDate: '2027-09-01' });
    // A plan already amended to name the placement names it in the transfer too; some others are not yet known.
    for (const p of d.plans.filter((x) => x.versions.some((v) => v.namesNextPhase))) {
      expect(d.transfers.find((t) => t.pupilId === p.pupilId)!.nextSetting).toEqual(expect.any(String));
    }
    expect(d.transfers.some((t) => t.nextSetting === null)).toBe(true);
  });

  it('has a few assessment requests for pupils on SEN support, some decided and some not', () => {
    expect(d.assessmentRequests).toHaveLength(10);
    for (const r of d.assessmentRequests) expect(statusOf(byId.get(r.pupilId)!)).toBe('K');
    expect(d.assessmentRequests.filter((r) => r.decision === 'assess').length).toBeGreaterThan(0);
    expect(d.assessmentRequests.filter((r) => r.decision === 'refuse').length).toBeGreaterThan(0);
    expect(d.assessmentRequests.filter((r) => r.decision === null).length).toBeGreaterThan(0);
    // Decided to assess over 14 weeks ago: the LA's decision whether to issue is recorded; never without an assessment.
    for (const r of d.assessmentRequests) {
      if (r.issueDecision !== null)
        expect(r).toMatchObject({ decision: 'assess', issueDecision: 'issue', issueDecisionDate: expect.any(String) });
    }
    expect(generateDemo('small').assessmentRequests).toHaveLength(2);
  });

  it('records needs identified for most recent joiners and nobody else', () => {
    const recent = current(d).filter((p) => p.dateJoined > addYears(R, -1));
    const identified = recent.filter((p) => p.needsIdentifiedOn !== null);
    expect(identified.length / recent.length).toBeGreaterThan(0.8);
    expect(identified.length).toBeLessThan(recent.length);
    for (const p of identified) expect(p.needsIdentifiedOn! >= p.dateJoined && p.needsIdentifiedOn! < R).toBe(true);
    expect(d.pupils.filter((p) => p.needsIdentifiedOn !== null && p.dateJoined <= addYears(R, -1))).toEqual([]);
  });

  it('has real English bank holidays and plausible term dates for 2025/26 and 2026/27', () => {
    expect(d.calendar.map((y) => y.academicYear)).toEqual(['2025/26', '2026/27']);
    expect(easterSunday(2026)).toBe('2026-04-05');
    expect(easterSunday(2027)).toBe('2027-03-28');
    expect(englishBankHolidays(2026).map((h) => h.date)).toEqual([
      '2026-12-25',
      '2026-12-28',
      '2027-01-01',
      '2027-03-26',
      '2027-03-29',
      '2027-05-03',
      '2027-05-31',
      '2027-08-30',
    ]);
    expect(englishBankHolidays(2025).map((h) => h.date)).toEqual([
      '2025-12-25',
      '2025-12-26',
      '2026-01-01',
      '2026-04-03',
      '2026-04-06',
      '2026-05-04',
      '2026-05-25',
      '2026-08-31',
    ]);
    for (const y of d.calendar) {
      expect(y.days.filter((x) => x.kind === 'inset')).toHaveLength(5);
      expect(new Set(y.days.map((x) => x.date)).size).toBe(y.days.length);
      const start = Number(y.academicYear.slice(0, 4));
      for (const x of y.days) expect(x.date >= `${start}-09-01` && x.date <= `${start + 1}-08-31`).toBe(true);
      // Every INSET day is inside a term; the summer half term contains the spring bank holiday.
      for (const x of y.days.filter((k) => k.kind === 'inset'))
        expect(y.terms.some((t) => t.startDate <= x.date && x.date <= t.endDate)).toBe(true);
      const spring = y.days.find((x) => x.name === 'Spring bank holiday')!.date;
      expect(y.terms[4]!.endDate < spring && spring < y.terms[5]!.startDate).toBe(true);
    }
    expect(demoCalendar(2027).terms[2]!.startDate).toBe('2028-01-04'); // 3 January 2028 is the New Year bank holiday
  });
});

describe('demo therapy data', () => {
  const d = generateDemo('school');
  const R = d.referenceDate;
  const t = d.therapy;
  const sen = current(d).filter((p) => statusOf(p) !== 'N');
  const byId = new Map(d.pupils.map((p) => [p.id, p]));
  const open = new Map(t.bands.map((b) => [b.pupilId, b.periods.at(-1)!]));
  const ofBand = (band: string) => t.bands.filter((b) => b.periods.at(-1)!.band === band);
  const reviewsOf = (pupilId: string) => t.ipps.filter((i) => i.pupilId === pupilId).flatMap((i) => i.reviews);
  const issues = (r: { success: boolean; error?: { issues: unknown } }) => (r.success ? '' : JSON.stringify(r.error?.issues));

  it('is deterministic, leaves the pupils and EHC data as they were, and differs for another academic year', () => {
    const again = generateDemo('school');
    expect(again.therapy).toEqual(t);
    expect(generateDemo('school', '2027/28').therapy.bands.map((b) => b.periods[0]!.startDate)).not.toEqual(
      t.bands.map((b) => b.periods[0]!.startDate),
    );
    // Pinned: a change here changes every demo data folder, so make it on purpose.
    expect(t.bands).toHaveLength(400);
    expect([ofBand('universal').length, ofBand('targeted').length, ofBand('specific').length]).toEqual([362, 28, 10]);
    expect(t.flaggedPupilIds).toHaveLength(2);
    expect(t.placements).toHaveLength(2);
  });

  it('gives every pupil on the SEN register one band: mostly Universal with a need level, 5-10% Targeted, a few Specific, some with history', () => {
    expect(new Set(t.bands.map((b) => b.pupilId))).toEqual(new Set(sen.filter((p) => p.dateJoined < R).map((p) => p.id)));
    expect(ofBand('universal').length / t.bands.length).toBeGreaterThan(0.85);
    expect(ofBand('targeted').length / t.bands.length).toBeGreaterThanOrEqual(0.05);
    expect(ofBand('targeted').length / t.bands.length).toBeLessThanOrEqual(0.1);
    expect(ofBand('specific').length).toBeGreaterThanOrEqual(2);
    const levels = new Set(ofBand('universal').map((b) => b.periods.at(-1)!.needLevel));
    expect(levels).toEqual(new Set(['high', 'medium', 'low']));
    for (const b of t.bands) {
      const pupil = byId.get(b.pupilId)!;
      expect(b.periods.filter((x) => x.endDate === null)).toHaveLength(1);
      expect(b.periods.at(-1)!.endDate).toBeNull();
      expect(b.periods[0]!.startDate >= pupil.dateJoined && b.periods.at(-1)!.startDate < R, b.pupilId).toBe(true);
      b.periods.forEach((x, i) => {
        // The same schema bands.set uses, and the history contiguous: each period ends the day before the next.
        const parsed = bandInput.safeParse({
          pupilId: b.pupilId,
          band: x.band,
          needLevel: x.needLevel,
          startDate: x.startDate,
          plannedWeeks: x.plannedWeeks,
          reason: x.reason,
        });
        expect(parsed.success, issues(parsed)).toBe(true);
        if (i > 0) expect(b.periods[i - 1]!.endDate).toBe(addDays(x.startDate, -1));
        if (x.band === 'targeted') expect(x.plannedWeeks! >= TARGETED_WEEKS.min && x.plannedWeeks! <= TARGETED_WEEKS.max).toBe(true);
      });
    }
    const paths = new Set(t.bands.map((b) => b.periods.map((x) => x.band).join('>')));
    expect([...paths]).toEqual(
      expect.arrayContaining([
        'universal',
        'universal>universal',
        'universal>targeted',
        'universal>targeted>universal',
        'universal>targeted>specific',
      ]),
    );
  });

  it('has referrals the app would accept, each with a valid history of moves: most assessed, some pending consent, a couple declined', () => {
    expect(t.referrals.length).toBeGreaterThan(100);
    expect(new Set(t.referrals.map((r) => r.discipline))).toEqual(new Set(DEFAULT_DISCIPLINES));
    const count = (state: string) => t.referrals.filter((r) => r.state === state).length;
    expect((count('assessed') + count('closed')) / t.referrals.length).toBeGreaterThan(0.7);
    expect(count('received')).toBeGreaterThan(0);
    expect(count('declined')).toBeGreaterThanOrEqual(2);
    expect(count('declined')).toBeLessThanOrEqual(5);
    for (const r of t.referrals) {
      const { id: _id, state: _s, declinedReason: _d, events: _e, ...fields } = r;
      const parsed = referralInput.safeParse({ ...fields, id: null });
      expect(parsed.success, issues(parsed)).toBe(true);
      expect(byId.has(r.pupilId) && open.has(r.pupilId)).toBe(true);
      expect(r.events[0]).toMatchObject({ from: null, to: 'received', date: r.receivedDate });
      for (let i = 1; i < r.events.length; i++) {
        const e = r.events[i]!;
        const consent = i === 1 && e.to === 'accepted' ? r.consentStatus : 'given';
        expect(checkMove(e.from!, e.to, consent, e.reason), `${r.id} ${e.from} -> ${e.to}`).toBeNull();
        expect(e.from).toBe(r.events[i - 1]!.to);
        expect(e.date >= r.events[i - 1]!.date && e.date < R).toBe(true);
      }
      expect(r.events.at(-1)!.to).toBe(r.state);
      if (r.state === 'received') expect(r.consentStatus).toBe('pending');
      if (r.state === 'declined') expect(r.declinedReason!.length).toBeGreaterThan(20);
    }
  });

  it("has an initial assessment for every assessed referral, mostly within six weeks, with scores on the measures' scales", () => {
    const assessed = t.referrals.filter((r) => r.events.some((e) => e.to === 'assessed'));
    expect(new Set(t.assessments.map((a) => a.referralId))).toEqual(new Set(assessed.map((r) => r.id)));
    const refOf = new Map(t.referrals.map((r) => [r.id, r]));
    let late = 0;
    for (const a of t.assessments) {
      // The same schema assessments.save uses: scales, half points for TOMs, the SDQ total adding up, no duplicates.
      const parsed = assessmentInput.safeParse({ ...a, id: null, scores: [...a.scores], thrive: [...a.thrive] });
      expect(parsed.success, issues(parsed)).toBe(true);
      const r = refOf.get(a.referralId!)!;
      expect(a.date).toBe(r.events.find((e) => e.to === 'assessed')!.date);
      expect(a.discipline).toBe(r.discipline);
      expect(a.needLevel).not.toBeNull();
      if (daysBetweenIso(r.receivedDate, a.date) > 42) late++;
    }
    expect(late).toBeGreaterThan(0);
    expect(late / t.assessments.length).toBeLessThan(0.2);
    const measures = new Set(t.assessments.flatMap((a) => a.scores.map((s) => s.measure)));
    expect(measures).toEqual(new Set(['sdq', 'toms', 'boxall']));
    expect(t.assessments.some((a) => a.scores.some((s) => s.measure === 'toms' && !Number.isInteger(s.value)))).toBe(true);
    expect(t.assessments.filter((a) => a.thrive.length === 6).length).toBeGreaterThan(5);
  });

  it('has a plan for every Targeted and Specific pupil the app would accept (Targeted 12-36 weeks), some revised, with reviews rating every goal', () => {
    const planned = new Set(t.ipps.map((i) => i.pupilId));
    for (const b of [...ofBand('targeted'), ...ofBand('specific')]) expect(planned.has(b.pupilId)).toBe(true);
    expect(t.ipps.some((i) => i.versions.length === 2 && open.get(i.pupilId)!.band === 'targeted')).toBe(true);
    for (const ipp of t.ipps) {
      ipp.versions.forEach((v, i) => {
        const parsed = ippInput.safeParse({
          id: i === 0 ? null : ipp.id,
          baseVersion: i === 0 ? null : i,
          pupilId: ipp.pupilId,
          title: v.title,
          startDate: v.startDate,
          reviewDate: v.reviewDate,
          endDate: v.endDate,
          expectedOutcomes: v.expectedOutcomes,
          revisionReason: v.reason,
          goals: [...v.goals],
          interventions: [...v.interventions],
        });
        expect(parsed.success, issues(parsed)).toBe(true);
        expect(v.number).toBe(i + 1);
        expect(v.reason === null).toBe(i === 0);
        expect(new Set(v.goals.map((g) => g.key)).size).toBe(v.goals.length);
        expect(v.interventions.length).toBeGreaterThan(0);
      });
      const band = open.get(ipp.pupilId)!;
      const v = ipp.versions.at(-1)!;
      if (band.band === 'targeted') {
        expect(weeksBetween(v.startDate, v.endDate)).toBe(band.plannedWeeks);
        // Exactly whole weeks from 12 to 36 (shared/therapy.ts targetedDatesOk), as the app checks a Targeted plan.
        expect(targetedDatesOk(v.startDate, v.endDate)).toBe(true);
        expect(v.startDate).toBe(band.startDate);
      }
      // Goal keys stay the same across versions, so each review rates the goals of the plan.
      const keys = new Set(ipp.versions[0]!.goals.map((g) => g.key));
      for (const v2 of ipp.versions) expect(new Set(v2.goals.map((g) => g.key))).toEqual(keys);
      for (const r of ipp.reviews) {
        const parsed = ippReviewInput.safeParse({
          ippId: ipp.id,
          date: r.date,
          note: r.note,
          ratings: r.ratings.map(({ weight: _w, ...x }) => x),
        });
        expect(parsed.success, issues(parsed)).toBe(true);
        expect(new Set(r.ratings.map((x) => x.goalKey))).toEqual(keys);
        expect(r.date >= ipp.versions[0]!.startDate && r.date < R).toBe(true);
        // The weighted mean, each rating counted by its goal's weight in the plan (shared/gas.ts).
        const weights = new Map(ipp.versions.at(-1)!.goals.map((g) => [g.key, g.weight]));
        for (const x of r.ratings) expect(x.weight).toBe(weights.get(x.goalKey));
        expect(r.mean).toBeCloseTo(
          r.ratings.reduce((a, x) => a + x.weight * x.rating, 0) / r.ratings.reduce((a, x) => a + x.weight, 0),
          10,
        );
      }
    }
    // Goals of pupils with an EHC plan serve one of its outcomes.
    expect(t.ipps.some((i) => i.versions[0]!.goals[0]!.ehcpOutcomeId !== null)).toBe(true);
    // Such a goal counts double in the T-score (GAS weight 2); the others count 1.
    for (const g of t.ipps.flatMap((i) => i.versions.flatMap((v) => v.goals))) expect(g.weight).toBe(g.ehcpOutcomeId ? 2 : 1);
    expect(t.ipps.some((i) => i.versions[0]!.goals.some((g) => g.weight === 2))).toBe(true);
    expect(t.ipps.flatMap((i) => i.versions.flatMap((v) => v.interventions.map((x) => x.staffingRatio)))).toEqual(
      expect.arrayContaining(['one_to_one', 'two_to_one', 'small_group']),
    );
  });

  it('flags exactly the generated pupils on Specific without progress', () => {
    const flagged = ofBand('specific')
      .filter((b) =>
        specificWithoutProgress(
          'specific',
          reviewsOf(b.pupilId)
            .filter((r) => r.date >= b.periods.at(-1)!.startDate)
            .map((r) => r.mean),
        ),
      )
      .map((b) => b.pupilId);
    expect(flagged.sort()).toEqual([...t.flaggedPupilIds].sort());
    // Other Specific pupils: some with reviews showing progress, so the rule is really tested.
    expect(
      ofBand('specific').some(
        (b) =>
          !t.flaggedPupilIds.includes(b.pupilId) && reviewsOf(b.pupilId).filter((r) => r.date >= b.periods.at(-1)!.startDate).length >= 1,
      ),
    ).toBe(true);
  });

  it('has placements the app would accept, for pupils with SEMH needs', () => {
    for (const p of t.placements) {
      const parsed = placementInput.safeParse({
        ...p,
        id: null,
        homeSchoolName: d.school.name,
        homeSchoolUrn: d.school.urn,
        extensionEndDate: null,
        closedDate: null,
      });
      expect(parsed.success, issues(parsed)).toBe(true);
      expect(byId.get(p.pupilId)!.needs[0]).toBe('SEMH');
    }
    expect(generateDemo('small').therapy.placements).toEqual([]);
    expect(generateDemo('small').therapy.flaggedPupilIds).toHaveLength(1);
  });
});

function addDays(iso: string, n: number): string {
  const t = new Date(`${iso}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + n);
  return t.toISOString().slice(0, 10);
}
function daysBetweenIso(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}
describe('demo therapy sessions', () => {
  const d = generateDemo('small');
  const years = [generateSessionYear(d, 2025), generateSessionYear(d, 2026)];
  const sessions = years.flatMap((y) => y.sessions);
  const pupils = new Map(d.pupils.map((p) => [p.id, p]));
  const provisionSpan = new Map<string, [string, string]>();
  for (const plan of d.plans) {
    plan.versions.forEach((v, i) => {
      const next = plan.versions[i + 1];
      for (const row of v.content.provision) provisionSpan.set(row.key, [v.effectiveDate, next ? next.effectiveDate : '9999-12-31']);
    });
  }
  const ippSpan = new Map(
    d.therapy.ipps.flatMap((i) => i.versions.map((v) => [v.id, [v.startDate, v.endDate, v.interventions.length] as const])),
  );

  it('is deterministic, pinned for the small demo, and differs for another year', () => {
    expect(generateSessionYear(d, 2026)).toEqual(years[1]);
    // Pinned: a change here changes every demo data folder, so make it on purpose.
    expect(years.map((y) => [y.academicYear, y.sessions.length, y.series])).toEqual([
      ['2025/26', 732, 31],
      ['2026/27', 574, 23],
    ]);
    expect(new Set(sessions.map((s) => s.id)).size).toBe(sessions.length);
    expect(generateSessionYear(generateDemo('small', '2027/28'), 2027).sessions.map((s) => s.date)).not.toEqual(
      years[1]!.sessions.map((s) => s.date),
    );
  });

  it('books school days only, for pupils on roll, delivering the plan provision or intervention in force', () => {
    for (const y of years) {
      const cal = demoCalendar(Number(y.academicYear.slice(0, 4)));
      for (const s of y.sessions) {
        expect(isSchoolDay(s.date, { terms: cal.terms, closures: cal.days }), `${s.date} is not a school day`).toBe(true);
        expect(toMinutes(s.endTime) - toMinutes(s.startTime)).toBe(s.durationMinutes);
        expect(s.startTime >= '08:30' && s.endTime <= '15:30').toBe(true);
        expect(s.practitioners.length >= 1 && s.practitioners.length <= 2 && new Set(s.practitioners).size === s.practitioners.length).toBe(
          true,
        );
        expect(s.pupils.length >= 1 && s.pupils.length <= 4).toBe(true);
        expect(new Set(s.pupils.map((p) => p.pupilId)).size).toBe(s.pupils.length);
        for (const p of s.pupils) {
          const pupil = pupils.get(p.pupilId)!;
          expect(pupil.dateJoined <= s.date && (pupil.dateLeft === null || s.date <= pupil.dateLeft)).toBe(true);
          expect(p.ehcpProvisionId === null || p.intervention === null).toBe(true);
          if (p.ehcpProvisionId) {
            const [from, until] = provisionSpan.get(p.ehcpProvisionId)!;
            expect(from <= s.date && s.date < until, `${p.ehcpProvisionId} on ${s.date}`).toBe(true);
          }
          if (p.intervention) {
            const [from, to, n] = ippSpan.get(p.intervention.versionId)!;
            expect(from <= s.date && s.date <= to && p.intervention.position < n).toBe(true);
          }
        }
      }
    }
    // The demo year's sessions all deliver a plan; the year before also holds support from before a plan was recorded.
    expect(years[1]!.sessions.every((s) => s.pupils.every((p) => p.ehcpProvisionId !== null || p.intervention !== null))).toBe(true);
    expect(years[0]!.sessions.some((s) => s.pupils.some((p) => p.ehcpProvisionId !== null))).toBe(true);
    expect(sessions.some((s) => s.pupils.some((p) => p.intervention !== null))).toBe(true);
  });

  it('never books a pupil twice at once, and has small groups and sessions with two practitioners', () => {
    const byPupilDay = new Map<string, { start: number; end: number; id: string }[]>();
    for (const s of sessions) {
      for (const p of s.pupils) {
        const key = `${p.pupilId} ${s.date}`;
        const mine = byPupilDay.get(key) ?? [];
        for (const o of mine)
          expect(toMinutes(s.startTime) < o.end && o.start < toMinutes(s.endTime), `${key} ${s.id} overlaps ${o.id}`).toBe(false);
        mine.push({ start: toMinutes(s.startTime), end: toMinutes(s.endTime), id: s.id });
        byPupilDay.set(key, mine);
      }
    }
    const school = generateSessionYear(generateDemo('school'), 2026).sessions;
    expect(school.length).toBeGreaterThan(15_000);
    expect(school.filter((s) => s.pupils.length >= 2).length).toBeGreaterThan(500);
    expect(school.filter((s) => s.practitioners.length === 2).length).toBeGreaterThan(100);
    expect(new Set(school.flatMap((s) => s.practitioners))).toEqual(
      new Set(['senco', 'therapy.lead', 'therapist1', 'therapist2', 'therapist3']),
    );
  });

  it("adds group interventions for pupils on SEN support on the Universal band when asked, leaving the plans' timetable as it was", () => {
    const universal = new Set(d.therapy.bands.filter((b) => b.periods.at(-1)!.band === 'universal').map((b) => b.pupilId));
    const withGroups = [
      generateSessionYear(d, 2025, { groupInterventions: true }),
      generateSessionYear(d, 2026, { groupInterventions: true }),
    ];
    expect(generateSessionYear(d, 2026, { groupInterventions: true })).toEqual(withGroups[1]);
    // Pinned, like the plans' timetable above.
    expect(withGroups.map((y) => [y.academicYear, y.sessions.length, y.series])).toEqual([
      ['2025/26', 1794, 59],
      ['2026/27', 2177, 65],
    ]);
    withGroups.forEach((y, i) => {
      const plain = new Map(years[i]!.sessions.map((s) => [s.id, s]));
      const extra = y.sessions.filter((s) => !plain.has(s.id));
      // Every session of the plans' timetable is still there, unchanged; the rest are the groups.
      expect(y.sessions.filter((s) => plain.has(s.id))).toEqual(years[i]!.sessions);
      expect(extra.length).toBeGreaterThan(years[i]!.sessions.length);
      const cal = demoCalendar(Number(y.academicYear.slice(0, 4)));
      for (const s of extra) {
        expect(isSchoolDay(s.date, { terms: cal.terms, closures: cal.days })).toBe(true);
        expect(s.pupils.length >= 1 && s.pupils.length <= 6 && new Set(s.pupils.map((p) => p.pupilId)).size === s.pupils.length).toBe(true);
        expect(s.practitioners.every((u) => ['senco', 'therapy.lead', 'therapist1', 'therapist2', 'therapist3'].includes(u))).toBe(true);
        for (const p of s.pupils) {
          const pupil = pupils.get(p.pupilId)!;
          expect(p.ehcpProvisionId === null && p.intervention === null).toBe(true);
          expect(universal.has(p.pupilId)).toBe(true);
          expect(
            pupil.senHistory.some((k) => k.status === 'K' && k.startDate <= s.date && (k.endDate === null || s.date <= k.endDate)),
          ).toBe(true);
          expect(pupil.dateJoined <= s.date && (pupil.dateLeft === null || s.date <= pupil.dateLeft)).toBe(true);
        }
      }
      expect(extra.some((s) => s.pupils.length >= 5)).toBe(true);
      // No pupil twice at once, groups and plan sessions together.
      const byPupilDay = new Map<string, { start: number; end: number; id: string }[]>();
      for (const s of y.sessions) {
        for (const p of s.pupils) {
          const key = `${p.pupilId} ${s.date}`;
          const mine = byPupilDay.get(key) ?? [];
          for (const o of mine)
            expect(toMinutes(s.startTime) < o.end && o.start < toMinutes(s.endTime), `${key} ${s.id} overlaps ${o.id}`).toBe(false);
          mine.push({ start: toMinutes(s.startTime), end: toMinutes(s.endTime), id: s.id });
          byPupilDay.set(key, mine);
        }
      }
    });
  });

  it('records past sessions (about 85% attended, the rest absent or cancelled with who and why) as the app would, and leaves the rest pending', () => {
    const records = sessions.flatMap((s) => s.pupils.map((p) => ({ s, p })));
    // Built on the reference date (no `today` given): the days before it recorded but for a small backlog (below).
    const past = records.filter(({ s, p }) => s.date < d.referenceDate && p.attendance !== 'pending');
    expect(records.filter(({ s }) => s.date >= d.referenceDate).every(({ p }) => p.attendance === 'pending' && p.recordedAt === null)).toBe(
      true,
    );
    expect(past.length).toBeGreaterThan(0.97 * records.filter(({ s }) => s.date < d.referenceDate).length);
    expect(past.every(({ p }) => p.recordedAt !== null)).toBe(true);
    const share = (a: string) => past.filter(({ p }) => p.attendance === a).length / past.length;
    expect(share('attended')).toBeGreaterThan(0.8);
    expect(share('attended')).toBeLessThan(0.9);
    expect(share('absent')).toBeGreaterThan(0.02);
    const cancelled = past.filter(({ p }) => p.attendance === 'cancelled');
    expect(new Set(cancelled.map(({ p }) => p.cancelledBy))).toEqual(new Set(['school', 'therapist', 'family']));
    for (const { s, p } of past) {
      // The same schema `sessions.record` checks.
      const parsed = recordInput.safeParse({
        sessionId: s.id,
        pupils: [
          {
            pupilId: p.pupilId,
            attendance: p.attendance,
            cancelledBy: p.cancelledBy,
            reason: p.reason,
            deliveredMinutes: p.deliveredMinutes,
            notes: p.notes,
            goals: [],
          },
        ],
      });
      expect(parsed.success, JSON.stringify(p)).toBe(true);
      if (p.attendance === 'attended') expect(p.deliveredMinutes! > 0 && p.deliveredMinutes! <= s.durationMinutes).toBe(true);
    }
  });
});

describe('demo sessions to record on the day the demo is built', () => {
  const d = generateDemo('school');
  const today = '2026-12-07';
  const built = generateSessionYear(d, 2026, { today });
  const onReference = generateSessionYear(d, 2026);
  const age = (date: string) => daysBetweenIso(date, today);
  const pending = (s: DemoSession) => s.pupils.every((p) => p.attendance === 'pending' && p.recordedAt === null);

  it('records what was held before that day but for a small backlog, mostly in the last fortnight', () => {
    const past = built.sessions.filter((s) => s.date < today);
    const backlog = past.filter(pending);
    // A school records within a day or two: about 1% of the sessions held are still to record, not the thousands held since the reference date.
    expect(backlog.length / past.length).toBeGreaterThan(0.003);
    expect(backlog.length / past.length).toBeLessThan(0.03);
    expect(backlog.filter((s) => age(s.date) <= 14).length).toBeGreaterThan(backlog.length / 2);
    expect(backlog.some((s) => age(s.date) > 14)).toBe(true);
    expect(backlog.every((s) => age(s.date) <= 90)).toBe(true);
    // A session is recorded or pending as a whole; the others have an outcome for every pupil.
    expect(past.filter((s) => !pending(s)).every((s) => s.pupils.every((p) => p.attendance !== 'pending' && p.recordedAt !== null))).toBe(
      true,
    );
    // The SENCo (standing in for the teaching assistants) has a few to record, not a wall of them.
    const senco = backlog.filter((s) => s.practitioners.includes('senco')).length;
    expect(senco).toBeGreaterThan(0);
    expect(senco).toBeLessThan(200);
    // That day's and later sessions are to come.
    expect(built.sessions.filter((s) => s.date >= today).every(pending)).toBe(true);
  });

  it('is the same demo whatever day it is built, but for which sessions are still to record', () => {
    expect(built.sessions.map((s) => s.id)).toEqual(onReference.sessions.map((s) => s.id));
    expect(generateSessionYear(d, 2026, { today })).toEqual(built);
    const before = new Map(onReference.sessions.map((s) => [s.id, s]));
    let both = 0;
    for (const s of built.sessions) {
      const o = before.get(s.id)!;
      expect({ ...s, pupils: [] }).toEqual({ ...o, pupils: [] });
      // Recorded on both days: the same outcome.
      if (!pending(s) && !pending(o)) {
        expect(s.pupils).toEqual(o.pupils);
        both++;
      }
    }
    expect(both).toBeGreaterThan(1000);
  });
});

const parentUpdateInput = reviewOps['parentUpdates.save'].input;

describe('demo reviews and parent updates', () => {
  const d = generateDemo('school');
  const R = d.referenceDate;
  const five = reviewYears(d.academicYear, sessionYears(d.academicYear, 5));
  const r = generateReviews(d, five);
  const byId = new Map(d.pupils.map((p) => [p.id, p]));
  const staff = new Map(d.staff.map((s) => [s.username, s]));
  const ipps = new Map(d.therapy.ipps.map((i) => [i.id, i]));
  const plans = new Map(d.plans.map((p) => [p.id, p]));
  const bands = new Map(d.therapy.bands.map((b) => [b.pupilId, b.periods]));
  const withPlan = new Set([...d.plans.map((p) => p.pupilId), ...d.therapy.ipps.map((i) => i.pupilId)]);
  const held = r.meetings.filter((m) => m.status === 'held');
  const issues = (x: { success: boolean; error?: { issues: unknown } }) => (x.success ? '' : JSON.stringify(x.error?.issues));
  const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;

  it('is deterministic, pinned, and keeps the recent years the same however many session years are loaded', () => {
    expect(generateReviews(d, five)).toEqual(r);
    expect(five).toEqual([2022, 2023, 2024, 2025, 2026]);
    expect(reviewYears(d.academicYear, sessionYears(d.academicYear, 1))).toEqual([2025, 2026]);
    // Pinned: a change here changes every demo data folder, so make it on purpose.
    expect(reviewCounts(r, R)).toEqual({
      meetings: 808,
      held: 714,
      planned: 94,
      byKind: { plan: 109, band: 651, midpoint: 2, annual: 46 },
      decisions: 734,
      actions: 1441,
      actionsOpen: 56,
      actionsOverdue: 33,
      parentUpdates: 2824,
    });
    const one = generateReviews(d, reviewYears(d.academicYear, sessionYears(d.academicYear, 1)));
    const ids = new Map(r.meetings.map((m) => [m.id, m]));
    for (const m of one.meetings) expect(ids.get(m.id), m.id).toEqual(m);
    expect(new Set(r.meetings.map((m) => m.id)).size).toBe(r.meetings.length);
    expect(new Set(r.parentUpdates.map((u) => u.id)).size).toBe(r.parentUpdates.length);
  });

  it("has meetings the app would accept: attendees, views, ratings of the plan's goals with their T-score, decisions and actions", () => {
    for (const m of r.meetings) {
      const p = byId.get(m.pupilId)!;
      const parsed = meetingInput.safeParse({
        id: null,
        pupilId: m.pupilId,
        kind: m.kind,
        date: m.date,
        status: m.status,
        ippId: m.ippId,
        placementId: m.placementId,
        ehcPlanId: m.ehcPlanId,
        attendees: m.attendees.map(({ username: _u, ...a }) => a),
        pupilViews: m.pupilViews,
        parentViews: m.parentViews,
        discussion: m.discussion,
        ratings: m.ratings.map(({ weight: _w, ...x }) => x),
        decisions: m.decisions.map((x) => ({
          kind: x.kind,
          band: x.band,
          needLevel: x.needLevel,
          plannedWeeks: x.plannedWeeks,
          note: x.note,
        })),
        actions: m.actions.map((a) => ({
          id: null,
          description: a.description,
          ownerUserId: staff.get(a.ownerUsername)!.id,
          ownerName: null,
          dueDate: a.dueDate,
          doneDate: a.doneDate,
        })),
        statutory: null,
      });
      expect(parsed.success, `${m.kind} ${m.date}: ${issues(parsed)}`).toBe(true);
      expect(withPlan.has(m.pupilId)).toBe(true);
      // The pupil, a parent with parental responsibility where there is one, and staff by their demo names.
      expect(m.attendees[0]).toMatchObject({ role: 'pupil', name: `${p.preferredFirstName ?? p.legalFirstName} ${p.legalLastName}` });
      for (const a of m.attendees) {
        if (a.role === 'parent_carer') expect(p.contacts.map((c) => c.name)).toContain(a.name);
        if (a.username) expect(staff.get(a.username)?.displayName).toBe(a.name);
      }
      // The T-score counts each goal by its weight in the plan (an EHC-linked goal 2, others 1).
      const goalWeight = new Map(
        m.ippId
          ? ipps
              .get(m.ippId)!
              .versions.at(-1)!
              .goals.map((g) => [g.key, g.weight])
          : [],
      );
      expect(m.tScore).toBe(
        gasTScore(
          m.ratings.map((x) => x.rating),
          m.ratings.map((x) => goalWeight.get(x.goalKey)!),
        ),
      );
      if (m.ippId) {
        const ipp = ipps.get(m.ippId)!;
        expect(ipp.pupilId).toBe(m.pupilId);
        for (const x of m.ratings) expect(ipp.versions.at(-1)!.goals.map((g) => g.key)).toContain(x.goalKey);
      }
    }
    // Plan reviews and the ipp_review rows they are kept as: one meeting each, same date and ratings.
    const planMeetings = new Map(r.meetings.filter((m) => m.ippReviewId).map((m) => [m.ippReviewId!, m]));
    for (const ipp of d.therapy.ipps) {
      for (const rv of ipp.reviews) {
        const m = planMeetings.get(rv.id)!;
        expect(m).toMatchObject({ kind: 'plan', status: 'held', ippId: ipp.id, date: rv.date, discussion: rv.note });
        expect(m.ratings).toEqual(rv.ratings);
      }
    }
    expect(planMeetings.size).toBe(d.therapy.ipps.reduce((n, i) => n + i.reviews.length, 0));
    expect(r.meetings.filter((m) => m.tScore !== null && m.tScore < 40).length).toBeGreaterThan(0);
    expect(r.meetings.filter((m) => m.tScore !== null && m.tScore >= 50).length).toBeGreaterThan(0);
  });

  it('links every EHC plan annual review to its ehcp_review, and gives every pupil with a plan exactly one planned review', () => {
    const annual = r.meetings.filter((m) => m.kind === 'annual');
    expect(annual).toHaveLength(d.plans.reduce((n, p) => n + p.reviews.length, 0));
    for (const m of annual) {
      const plan = plans.get(m.ehcPlanId!)!;
      const rv = plan.reviews.find((x) => x.id === m.ehcpReviewId)!;
      expect(plan.pupilId).toBe(m.pupilId);
      expect(rv.meetingDate).toBe(m.date);
      expect(m.status).toBe(rv.held ? 'held' : 'planned');
      expect(m.attendees.some((a) => a.role === 'external' && a.organisation?.startsWith(plan.localAuthority))).toBe(true);
    }
    const planned = r.meetings.filter((m) => m.status === 'planned');
    expect(planned.map((m) => m.pupilId).sort()).toEqual([...withPlan].sort());
    for (const m of planned) {
      expect(m.date > R).toBe(true);
      expect([m.decisions.length, m.ratings.length, m.actions.length, m.pupilViews]).toEqual([0, 0, 0, null]);
    }
    // A booked annual review is the planned one where there is one.
    for (const plan of d.plans.filter((p) => p.reviews.some((x) => !x.held)))
      expect(planned.find((m) => m.pupilId === plan.pupilId)!.kind).toBe('annual');
    expect(new Set(planned.map((m) => m.kind))).toEqual(new Set(['annual', 'plan', 'band', 'midpoint']));
    for (const m of held) expect(m.date < R).toBe(true);
  });

  it('takes decisions that match the band history and the plans: band moves start their period, revisions are version 2, finished plans closed', () => {
    for (const [pupilId, periods] of bands) {
      periods.forEach((x, i) => {
        const prev = periods[i - 1];
        if (!prev || prev.band === x.band) {
          expect(r.bandPeriodReview.has(x.id)).toBe(false);
          return;
        }
        const m = r.meetings.find((k) => k.id === r.bandPeriodReview.get(x.id))!;
        expect(m.pupilId).toBe(pupilId);
        const dec = m.decisions.find((k) => k.actedOn === `band_period:${x.id}`)!;
        expect(dec).toMatchObject({
          kind: BAND_ORDER[x.band] > BAND_ORDER[prev.band] ? 'band_up' : 'band_down',
          band: x.band,
          needLevel: x.needLevel,
          actedAt: `${x.startDate}T08:30:00.000Z`,
        });
        expect(
          bandInput.safeParse({
            pupilId,
            band: dec.band,
            needLevel: dec.needLevel,
            startDate: m.date,
            plannedWeeks: dec.plannedWeeks,
            reason: 'review',
          }).success,
        ).toBe(true);
        // Decided at an MDT band review that day, or (back to Universal) at the plan's final review just before.
        if (m.kind === 'band') expect(m.date).toBe(x.startDate);
        else expect([m.kind, day(x.startDate) - day(m.date) >= 0 && day(x.startDate) - day(m.date) <= 4]).toEqual(['plan', true]);
      });
    }
    const moves = r.meetings.flatMap((m) => m.decisions).filter((x) => x.kind === 'band_up' || x.kind === 'band_down');
    expect(moves).toHaveLength(r.bandPeriodReview.size);
    expect(moves.some((x) => x.kind === 'band_down') && moves.some((x) => x.kind === 'band_up' && x.band === 'specific')).toBe(true);
    for (const ipp of d.therapy.ipps) {
      const v2 = ipp.versions[1];
      const revise = r.meetings
        .filter((m) => m.ippId === ipp.id)
        .flatMap((m) => m.decisions.filter((x) => x.kind === 'revise_plan').map((x) => ({ m, x })));
      if (!v2) {
        expect(revise).toEqual([]);
        continue;
      }
      expect(revise).toHaveLength(1);
      expect(revise[0]!.x.actedOn).toBe(`ipp_version:${ipp.id}:2`);
      expect(r.ippVersionReview.get(v2.id)).toBe(revise[0]!.m.id);
      expect(revise[0]!.m.date <= revise[0]!.x.actedAt!.slice(0, 10)).toBe(true);
    }
    for (const [ippId, date] of r.ippClosed) {
      const ipp = ipps.get(ippId)!;
      expect(ipp.versions.at(-1)!.endDate < R).toBe(true);
      expect(
        r.meetings.find((m) => m.ippId === ippId && m.date === date)!.decisions.map((x) => [x.kind, x.actedOn?.split(':')[0]]),
      ).toEqual([
        ['close', 'ipp_closed'],
        ['band_down', 'band_period'],
      ]);
    }
    expect(r.ippClosed.size).toBeGreaterThan(0);
    const kinds = held.flatMap((m) => m.decisions.map((x) => x.kind));
    expect(kinds.filter((k) => k === 'continue').length / kinds.length).toBeGreaterThan(0.8);
    expect(held.filter((m) => m.kind === 'midpoint').flatMap((m) => m.decisions.map((x) => x.kind))).toEqual(['request_extension']);
    for (const m of held) expect(m.decisions.length).toBeGreaterThan(0);
    for (const x of held.flatMap((m) => m.decisions)) expect(x.actedAt).not.toBeNull();
  });

  it("gives held reviews 1-3 actions owned by the pupil's school's staff, due 2-6 weeks on: most done, a few open and overdue", () => {
    for (const m of held) {
      expect(m.actions.length >= 1 && m.actions.length <= 3, `${m.id}: ${m.actions.length}`).toBe(true);
      for (const a of m.actions) {
        expect(staff.has(a.ownerUsername)).toBe(true);
        const gap = day(a.dueDate) - day(m.date);
        expect(gap >= 12 && gap <= 42, `${m.date} -> ${a.dueDate}`).toBe(true);
        if (a.doneDate) expect(a.doneDate >= m.date && a.doneDate < R).toBe(true);
      }
    }
    const actions = held.flatMap((m) => m.actions);
    const open = actions.filter((a) => a.doneDate === null);
    expect(open.length / actions.length).toBeLessThan(0.1);
    expect(open.filter((a) => a.dueDate < R).length).toBeGreaterThan(5);
    expect(open.filter((a) => a.dueDate >= R).length).toBeGreaterThan(5);
    expect(new Set(actions.map((a) => staff.get(a.ownerUsername)!.role))).toEqual(
      new Set(['senco', 'therapy_lead', 'therapist', 'teacher']),
    );
  });

  it('holds a termly review with the pupil and parents in every term of every session year the pupil was on the register', () => {
    const years = (pupilId: string) =>
      new Set(
        held
          .filter((m) => m.pupilId === pupilId)
          .map((m) => (Number(m.date.slice(5, 7)) >= 9 ? Number(m.date.slice(0, 4)) : Number(m.date.slice(0, 4)) - 1)),
      );
    const longest = [...withPlan].map((id) => byId.get(id)!).sort((a, b) => a.dateJoined.localeCompare(b.dateJoined))[0]!;
    expect(longest.dateJoined <= '2022-09-07').toBe(true);
    expect([...years(longest.id)].sort()).toEqual([2022, 2023, 2024, 2025]);
    for (const y of [2022, 2023, 2024, 2025]) {
      const terms = demoTerms(y);
      for (const [a, b] of [
        [0, 1],
        [2, 3],
        [4, 5],
      ] as const) {
        const n = held.filter((m) => m.pupilId === longest.id && m.date >= terms[a]!.startDate && m.date <= terms[b]!.endDate).length;
        expect(n, `${y} ${a}`).toBeGreaterThanOrEqual(1);
      }
    }
  });

  it('records 3 to 5 updates to parents a year for every pupil on the SEN register', () => {
    for (const u of r.parentUpdates) {
      const p = byId.get(u.pupilId)!;
      expect(PARENT_UPDATE_METHODS).toContain(u.method);
      expect(parentUpdateInput.safeParse({ pupilId: u.pupilId, date: u.date, method: u.method, summary: u.summary }).success).toBe(true);
      expect(u.date < R && u.date >= p.dateJoined).toBe(true);
      expect(p.senHistory.some((h) => h.status !== 'N' && h.startDate <= u.date && u.date <= (h.endDate ?? '9999-12-31'))).toBe(true);
      expect(staff.has(u.byUsername)).toBe(true);
    }
    // 2025/26, for pupils on the register all year.
    const terms = demoTerms(2025);
    const allYear = d.pupils.filter(
      (p) =>
        p.dateLeft === null &&
        p.senHistory.every((h) => h.status !== 'N' || (h.endDate !== null && h.endDate < terms[0]!.startDate)) &&
        p.dateJoined <= terms[0]!.startDate,
    );
    expect(allYear.length).toBeGreaterThan(150);
    for (const p of allYear) {
      const n = r.parentUpdates.filter((u) => u.pupilId === p.id && u.date >= terms[0]!.startDate && u.date <= terms[5]!.endDate).length;
      expect(n >= 3 && n <= 5, `${p.upn}: ${n}`).toBe(true);
    }
    expect(new Set(r.parentUpdates.map((u) => u.method))).toEqual(new Set(PARENT_UPDATE_METHODS));
  });
});

function addYears(iso: string, n: number): string {
  return `${Number(iso.slice(0, 4)) + n}${iso.slice(4)}`;
}

describe.each(testDrivers())('loading the demo on %s', (driver) => {
  let core: TestCore | null = null;
  afterEach(async () => {
    await core?.cleanup();
    core = null;
  });

  it('sets up an empty store, loads the school size quickly with one audit event, and refuses a second load', async () => {
    core = await openTestCore(driver);
    const started = Date.now();
    const r = await loadDemo(core, { size: 'school', password: DEMO_PASSWORD, actor: SYSTEM });
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(r).toMatchObject({
      setUpSchool: true,
      pupils: 2000,
      formerPupils: 20,
      ehcp: 60,
      senSupport: 340,
      termsSet: true,
      skippedUsers: [],
      ehcPlans: 60,
      calendarYears: ['2025/26', '2026/27'],
    });
    // A year of sessions by default (the demo year).
    expect(r.sessions).toMatchObject({ years: ['2026/27'], sessions: 20_072 });
    expect(Number((await core.ds.query('SELECT COUNT(*) AS n FROM therapy_session'))[0].n)).toBe(20_072);
    const generated = generateDemo('school');
    expect(await core.ds.getRepository(EhcPlanEntity).count()).toBe(60);
    expect(await core.ds.getRepository(EhcPlanVersionEntity).count()).toBe(r.planVersions);
    expect(await core.ds.getRepository(EhcpNeedEntity).count()).toBe(
      generated.plans.reduce((n, p) => n + p.versions.reduce((m, v) => m + v.content.needs.length, 0), 0),
    );
    expect(await core.ds.getRepository(EhcpReviewEntity).count()).toBe(r.annualReviews);
    expect(await core.ds.getRepository(EhcAssessmentRequestEntity).count()).toBe(10);
    expect(await core.ds.getRepository(TermEntity).count()).toBe(12);
    expect(await core.ds.getRepository(CalendarDayEntity).count()).toBe(r.calendarDays);
    expect(r.calendarDays).toBe(generated.calendar.reduce((n, y) => n + y.days.length, 0));
    expect(await core.ds.getRepository(PupilEntity).count()).toBe(2020);
    expect(await core.ds.getRepository(UserEntity).count()).toBe(12);
    const events = await core.ds.getRepository(AuditEventEntity).find({ order: { seq: 'ASC' } });
    expect(events.map((e) => e.operation)).toEqual(['setup.initialise', 'terms.replaceYear', 'terms.replaceYear', 'demo.load']);
    expect((await verifyAuditChain(core.ds.manager)).ok).toBe(true);

    // A demo user signs in and the register reads back through the app's own operations.
    const signIn = await core.dispatcher.invoke({ op: 'auth.signIn', input: { username: 'therapist1', password: DEMO_PASSWORD } });
    expect(signIn.ok).toBe(true);
    const session = signIn.ok ? (signIn.value as { session: string }).session : '';
    const list = await core.dispatcher.invoke({ op: 'pupils.list', input: { senStatus: 'E', pageSize: 5 }, session });
    // A therapist sees their own caseload (the pupils allocated to them), not the whole register.
    const mine = list.ok ? (list.value as { total: number }).total : -1;
    expect(mine).toBeGreaterThan(0);
    expect(mine).toBeLessThan(60);
    // Booking gives no access, so the demo allocates every therapist (and the therapy lead) to every pupil it books
    // them with, covering every session date: one allocation per pair.
    const pairs = (await core.ds.query(
      "SELECT DISTINCT x.user_id, y.pupil_id FROM session_practitioner x JOIN session_pupil y ON y.session_id = x.session_id JOIN app_user u ON u.id = x.user_id WHERE u.role IN ('therapist', 'therapy_lead')",
    )) as { user_id: string; pupil_id: string }[];
    const allocated = (await core.ds.query('SELECT user_id, pupil_id FROM caseload_allocation')) as { user_id: string; pupil_id: string }[];
    const key = (r: { user_id: string; pupil_id: string }) => `${r.user_id}/${r.pupil_id}`;
    expect(pairs.length).toBeGreaterThan(100);
    expect(allocated.map(key).sort()).toEqual(pairs.map(key).sort());
    expect(r.allocations).toBe(allocated.length);
    const uncovered = await core.ds.query(
      'SELECT COUNT(*) AS n FROM session_practitioner x JOIN therapy_session s ON s.id = x.session_id JOIN session_pupil y ON y.session_id = s.id ' +
        "JOIN app_user u ON u.id = x.user_id WHERE u.role = 'therapist' AND NOT EXISTS (SELECT 1 FROM caseload_allocation a WHERE a.user_id = x.user_id " +
        'AND a.pupil_id = y.pupil_id AND a.start_date <= s.date AND (a.end_date IS NULL OR a.end_date >= s.date))',
    );
    expect(Number(uncovered[0].n)).toBe(0);

    // The dashboard reads the plans back: every plan's owner resolves to a demo user, items in every state, and
    // the golden-thread count is exactly the plans generated with a flaw.
    const sencoIn = await core.dispatcher.invoke({ op: 'auth.signIn', input: { username: 'senco', password: DEMO_PASSWORD } });
    const all = await core.dispatcher.invoke({
      op: 'pupils.list',
      input: { senStatus: 'E', pageSize: 5 },
      session: sencoIn.ok ? (sencoIn.value as { session: string }).session : '',
    });
    expect(all.ok && (all.value as { total: number }).total).toBe(60);
    // Staff checks: every demo user has a record, with an expired item and some due soon; the seed's therapy policy.
    const staffSession = sencoIn.ok ? (sencoIn.value as { session: string }).session : '';
    const alerts = await core.dispatcher.invoke({ op: 'staff.alerts', input: {}, session: staffSession });
    const states = new Set((alerts.ok ? (alerts.value as { state: string }[]) : []).map((a) => a.state));
    expect(states.has('expired') && states.has('due_soon')).toBe(true);
    const policies = await core.dispatcher.invoke({ op: 'policies.list', input: {}, session: staffSession });
    expect(policies.ok && (policies.value as { title: string }[]).map((p) => p.title)).toEqual(['Policy for Therapy Provision']);
    // Each demo teacher has a run of classes and sees only those pupils.
    const teacherIn = await core.dispatcher.invoke({ op: 'auth.signIn', input: { username: 'teacher1', password: DEMO_PASSWORD } });
    const taught = await core.dispatcher.invoke({
      op: 'pupils.list',
      input: { pageSize: 5 },
      session: teacherIn.ok ? (teacherIn.value as { session: string }).session : '',
    });
    const everyone = await core.dispatcher.invoke({
      op: 'pupils.list',
      input: { pageSize: 5 },
      session: sencoIn.ok ? (sencoIn.value as { session: string }).session : '',
    });
    const taughtTotal = taught.ok ? (taught.value as { total: number }).total : -1;
    expect(taughtTotal).toBeGreaterThan(0);
    expect(taughtTotal).toBeLessThan(everyone.ok ? (everyone.value as { total: number }).total : 0);
    const clocks = await core.dispatcher.invoke({
      op: 'clocks.list',
      input: {},
      session: sencoIn.ok ? (sencoIn.value as { session: string }).session : '',
    });
    expect(clocks.ok).toBe(true);
    const dash = (clocks as { ok: true; value: ClockList }).value;
    expect(dash.plansWithProblems).toBe(generated.plans.filter((p) => p.goldenThreadFlaw).length);
    expect(dash.localAuthorities).toEqual(
      expect.arrayContaining(['Exampleshire (fictional)', 'Northwold (fictional)', 'Riverside City (fictional)']),
    );
    expect(dash.items.filter((i) => i.key === 'annual_review')).toHaveLength(60);
    expect(dash.items.filter((i) => i.recordType === 'plan').every((i) => i.ownerName !== null)).toBe(true);

    // The therapy records: every row inserted, and the band distribution and caseload read back through the app.
    const gt = generated.therapy;
    expect(r).toMatchObject({
      bands: { universal: 362, targeted: 28, specific: 10 },
      referrals: gt.referrals.length,
      therapyAssessments: gt.assessments.length,
      ipps: gt.ipps.length,
      placements: 2,
      flaggedSpecific: 2,
    });
    expect(await core.ds.getRepository(BandPeriodEntity).count()).toBe(r.bandPeriods);
    expect(await core.ds.getRepository(ReferralEntity).count()).toBe(r.referrals);
    expect(await core.ds.getRepository(ReferralEventEntity).count()).toBe(gt.referrals.reduce((n, x) => n + x.events.length, 0));
    expect(await core.ds.getRepository(AssessmentEntity).count()).toBe(r.therapyAssessments);
    expect(await core.ds.getRepository(IppEntity).count()).toBe(r.ipps);
    expect(await core.ds.getRepository(IppVersionEntity).count()).toBe(gt.ipps.reduce((n, x) => n + x.versions.length, 0));
    expect(await core.ds.getRepository(IppGoalEntity).count()).toBe(
      gt.ipps.reduce((n, x) => n + x.versions.reduce((m, v) => m + v.goals.length, 0), 0),
    );
    expect(await core.ds.getRepository(IppInterventionEntity).count()).toBe(
      gt.ipps.reduce((n, x) => n + x.versions.reduce((m, v) => m + v.interventions.length, 0), 0),
    );
    expect(await core.ds.getRepository(IppReviewEntity).count()).toBe(r.ippReviews);
    expect(await core.ds.getRepository(PlacementEntity).count()).toBe(2);
    // Reviews over the demo year and the year before (one session year), with the one planned review of every pupil with a plan.
    expect(r.reviews).toEqual(reviewCounts(generateReviews(generated, [2025, 2026]), generated.referenceDate));
    expect(r.reviews.planned).toBe(new Set([...generated.plans.map((p) => p.pupilId), ...gt.ipps.map((i) => i.pupilId)]).size);
    for (const [table, n] of [
      ['review_meeting', r.reviews.meetings],
      ['review_action', r.reviews.actions],
      ['parent_update', r.reviews.parentUpdates],
    ] as const) {
      expect(Number((await core.ds.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n)).toBe(n);
    }
    const sencoSession = sencoIn.ok ? (sencoIn.value as { session: string }).session : '';
    const dist = await core.dispatcher.invoke({ op: 'bands.distribution', input: {}, session: sencoSession });
    expect(dist.ok, JSON.stringify(dist)).toBe(true);
    const bd = (dist as { ok: true; value: BandDistribution }).value;
    expect(bd.total).toBe(400);
    expect(bd.bands).toEqual([
      { band: 'universal', count: 362, percent: 90.5, expectedPercent: 90 },
      { band: 'targeted', count: 28, percent: 7, expectedPercent: 5 },
      { band: 'specific', count: 10, percent: 2.5, expectedPercent: 5 },
    ]);
    expect(bd.universalByNeed.reduce((n, x) => n + x.count, 0)).toBe(362);
    expect(bd.universalByNeed.find((x) => x.needLevel === null)!.count).toBe(0);
    expect(bd.flagged.map((f) => f.pupilId).sort()).toEqual([...gt.flaggedPupilIds].sort());
    for (const f of bd.flagged) expect(f.reviewMeans).toHaveLength(2);
    const caseload = await core.dispatcher.invoke({ op: 'caseload.list', input: {}, session: sencoSession });
    expect(caseload.ok).toBe(true);
    const rows = (caseload as { ok: true; value: CaseloadRow[] }).value;
    expect(rows).toHaveLength(400);
    expect(
      rows
        .filter((x) => x.flagged)
        .map((x) => x.pupilId)
        .sort(),
    ).toEqual([...gt.flaggedPupilIds].sort());
    expect(rows.filter((x) => x.band !== 'universal').every((x) => x.disciplines.length > 0 && x.lastAssessed !== null)).toBe(true);
    const targetedOnly = await core.dispatcher.invoke({ op: 'caseload.list', input: { band: 'targeted' }, session: sencoSession });
    expect(targetedOnly.ok && (targetedOnly.value as CaseloadRow[]).length).toBe(28);

    await expect(loadDemo(core, { size: 'school', password: DEMO_PASSWORD, actor: SYSTEM })).rejects.toThrow(
      /already holds pupils with the demo's UPNs/,
    );
    expect(await core.ds.getRepository(PupilEntity).count()).toBe(2020);
  });

  it('adds to a school that is already set up, keeping its name and skipping usernames already taken', async () => {
    core = await openTestCore(driver);
    const setup = await core.dispatcher.invoke({
      op: 'setup.initialise',
      input: {
        school: { name: 'Oakfield Primary (synthetic)', urn: '100001', localAuthority: 'Exampleshire' },
        user: { displayName: 'Sam Senco', username: 'senco', password: 'correct horse battery' },
      },
    });
    expect(setup.ok).toBe(true);
    const r = await loadDemo(core, { size: 'small', password: DEMO_PASSWORD, actor: SYSTEM });
    expect(r).toMatchObject({ setUpSchool: false, school: { name: 'Oakfield Primary (synthetic)' }, skippedUsers: ['senco'], pupils: 60 });
    expect(await core.ds.getRepository(UserEntity).count()).toBe(3);
  });

  it('loads two years of sessions (with their term dates) that read back through the calendar and the provision report', async () => {
    // "Today" is the demo's reference date, so the sessions before it are recorded and the report counts them.
    core = await openTestCore(driver, () => new Date('2026-10-01T12:00:00Z'));
    const r = await loadDemo(core, { size: 'small', sessionYears: 2, password: DEMO_PASSWORD, actor: SYSTEM });
    const generated = generateDemo('small');
    const years = [generateSessionYear(generated, 2025), generateSessionYear(generated, 2026)];
    const all = years.flatMap((y) => y.sessions);
    expect(r.sessions).toMatchObject({
      years: ['2025/26', '2026/27'],
      sessions: 1306,
      series: 54,
      pupilRecords: all.reduce((n, s) => n + s.pupils.length, 0),
    });
    expect(r.sessions.attended + r.sessions.absent + r.sessions.cancelled + r.sessions.pending).toBe(r.sessions.pupilRecords);
    const count = async (table: string) =>
      Number(((await core!.ds.query(`SELECT COUNT(*) AS n FROM ${table}`)) as { n: number | string }[])[0]!.n);
    expect(await count('therapy_session')).toBe(1306);
    expect(await count('session_pupil')).toBe(r.sessions.pupilRecords);
    expect(await count('session_practitioner')).toBe(all.reduce((n, s) => n + s.practitioners.length, 0));
    // Every intervention a session delivers is a real plan intervention of that pupil.
    const orphans = await core.ds.query(
      'SELECT COUNT(*) AS n FROM session_pupil y LEFT JOIN ipp_intervention n ON n.id = y.ipp_intervention_id LEFT JOIN ipp_version v ON v.id = n.version_id ' +
        'LEFT JOIN ipp i ON i.id = v.ipp_id WHERE y.ipp_intervention_id IS NOT NULL AND (i.pupil_id IS NULL OR i.pupil_id <> y.pupil_id)',
    );
    expect(Number(orphans[0].n)).toBe(0);
    expect(
      Number((await core.ds.query('SELECT COUNT(*) AS n FROM session_pupil WHERE ipp_intervention_id IS NOT NULL'))[0].n),
    ).toBeGreaterThan(0);

    const signIn = await core.dispatcher.invoke({ op: 'auth.signIn', input: { username: 'senco', password: DEMO_PASSWORD } });
    const session = signIn.ok ? (signIn.value as { session: string }).session : '';
    const week = await core.dispatcher.invoke({ op: 'sessions.list', input: { from: '2026-09-14', to: '2026-09-20' }, session });
    expect(week.ok, JSON.stringify(week)).toBe(true);
    const listed = (week as { ok: true; value: SessionView[] }).value;
    expect(listed.map((s) => s.id).sort()).toEqual(
      all
        .filter((s) => s.date >= '2026-09-14' && s.date <= '2026-09-20')
        .map((s) => s.id)
        .sort(),
    );
    expect(listed.every((s) => s.recorded && s.practitioners.length > 0)).toBe(true);

    const report = await core.dispatcher.invoke({ op: 'provision.delivered', input: {}, session });
    expect(report.ok, JSON.stringify(report)).toBe(true);
    const rep = (report as { ok: true; value: ProvisionReport }).value;
    const delivered = new Map<string, { n: number; minutes: number }>();
    for (const s of all) {
      if (s.date < '2026-09-01' || s.date > '2026-10-01') continue;
      for (const p of s.pupils) {
        if (!p.ehcpProvisionId || p.attendance !== 'attended') continue;
        const x = delivered.get(p.ehcpProvisionId) ?? { n: 0, minutes: 0 };
        delivered.set(p.ehcpProvisionId, { n: x.n + 1, minutes: x.minutes + p.deliveredMinutes! });
      }
    }
    const ehcp = rep.lines.filter((l) => l.source === 'ehcp');
    expect(ehcp.length).toBeGreaterThan(0);
    for (const l of ehcp) {
      expect(l.year.sessionsDelivered, l.description).toBe(delivered.get(l.sourceId)?.n ?? 0);
      expect(l.year.minutesDelivered).toBe(delivered.get(l.sourceId)?.minutes ?? 0);
    }
    expect(ehcp.filter((l) => l.year.sessionsDelivered > 0).length).toBeGreaterThan(ehcp.length / 2);
    expect(rep.lines.some((l) => l.source === 'ipp' && l.year.sessionsDelivered > 0)).toBe(true);
    expect(
      rep.lines.some((l) => l.year.absent + l.year.cancelledBySchool + l.year.cancelledByTherapist + l.year.cancelledByFamily > 0),
    ).toBe(true);
  });

  it('loads review meetings, decisions, actions and parent updates that read back through the reviews operations', async () => {
    // "Today" is the demo's reference date, so the actions open and overdue are the generated ones.
    core = await openTestCore(driver, () => new Date('2026-10-01T12:00:00Z'));
    const r = await loadDemo(core, { size: 'small', sessionYears: 2, password: DEMO_PASSWORD, actor: SYSTEM });
    const generated = generateDemo('small');
    const rd = generateReviews(generated, reviewYears(generated.academicYear, [2025, 2026]));
    expect(r.reviews).toEqual(reviewCounts(rd, generated.referenceDate));
    expect(r.reviews.planned).toBe(
      new Set([...generated.plans.map((p) => p.pupilId), ...generated.therapy.ipps.map((i) => i.pupilId)]).size,
    );
    const count = async (sql: string) => Number(((await core!.ds.query(sql)) as { n: number | string }[])[0]!.n);
    expect(await count('SELECT COUNT(*) AS n FROM review_meeting')).toBe(r.reviews.meetings);
    expect(await count('SELECT COUNT(*) AS n FROM review_decision')).toBe(r.reviews.decisions);
    expect(await count('SELECT COUNT(*) AS n FROM review_action')).toBe(r.reviews.actions);
    expect(await count('SELECT COUNT(*) AS n FROM parent_update')).toBe(r.reviews.parentUpdates);
    // The links the decisions leave on the records, and every link resolves.
    expect(
      await count('SELECT COUNT(*) AS n FROM band_period b JOIN review_meeting m ON m.id = b.review_id AND m.pupil_id = b.pupil_id'),
    ).toBe(rd.bandPeriodReview.size);
    expect(await count('SELECT COUNT(*) AS n FROM ipp_version v JOIN review_meeting m ON m.id = v.review_id')).toBe(
      rd.ippVersionReview.size,
    );
    expect(await count('SELECT COUNT(*) AS n FROM ipp WHERE closed_date IS NOT NULL')).toBe(rd.ippClosed.size);
    expect(
      await count(
        'SELECT COUNT(*) AS n FROM review_meeting m JOIN ipp_review x ON x.id = m.ipp_review_id AND x.ipp_id = m.ipp_id AND x.date = m.date AND x.ratings_json = m.ratings_json',
      ),
    ).toBe(rd.meetings.filter((m) => m.ippReviewId).length);
    expect(
      await count(
        'SELECT COUNT(*) AS n FROM review_meeting m JOIN ehcp_review x ON x.id = m.ehcp_review_id AND x.plan_id = m.ehc_plan_id AND x.meeting_date = m.date',
      ),
    ).toBe(r.reviews.byKind.annual);
    expect(await count('SELECT COUNT(*) AS n FROM review_action a LEFT JOIN app_user u ON u.id = a.owner_user_id WHERE u.id IS NULL')).toBe(
      0,
    );

    const signIn = await core.dispatcher.invoke({ op: 'auth.signIn', input: { username: 'senco', password: DEMO_PASSWORD } });
    const session = signIn.ok ? (signIn.value as { session: string }).session : '';
    const staffName = new Map(generated.staff.map((s) => [s.username, s.displayName]));
    const byPupil = new Map<string, (typeof rd.meetings)[number][]>();
    for (const m of rd.meetings) byPupil.set(m.pupilId, [...(byPupil.get(m.pupilId) ?? []), m]);
    const busiest = [...byPupil].sort((a, b) => b[1].length - a[1].length)[0]!;
    const list = await core.dispatcher.invoke({ op: 'reviews.listForPupil', input: { pupilId: busiest[0] }, session });
    expect(list.ok, JSON.stringify(list)).toBe(true);
    const meetings = (list as { ok: true; value: ReviewMeeting[] }).value;
    expect(meetings.map((m) => m.id).sort()).toEqual(busiest[1].map((m) => m.id).sort());
    for (const m of meetings) {
      const g = busiest[1].find((x) => x.id === m.id)!;
      expect(m).toMatchObject({
        kind: g.kind,
        date: g.date,
        status: g.status,
        ippId: g.ippId,
        ehcPlanId: g.ehcPlanId,
        ratings: g.ratings,
        tScore: g.tScore,
        discussion: g.discussion,
      });
      expect(m.attendees).toEqual(g.attendees.map(({ username: _u, ...a }) => a));
      expect(m.decisions.map((x) => [x.kind, x.actedOn])).toEqual(g.decisions.map((x) => [x.kind, x.actedOn]));
      expect(m.actions.map((a) => [a.description, a.ownerName, a.dueDate, a.doneDate])).toEqual(
        [...g.actions]
          .sort((a, b) => a.dueDate.localeCompare(b.dueDate))
          .map((a) => [a.description, staffName.get(a.ownerUsername), a.dueDate, a.doneDate]),
      );
      if (g.kind === 'annual') expect(m.statutory).not.toBeNull();
      if (g.ippId) expect(m.ippTitle).not.toBeNull();
    }

    const open = await core.dispatcher.invoke({ op: 'reviews.actions', input: {}, session });
    expect(open.ok, JSON.stringify(open)).toBe(true);
    const actions = (open as { ok: true; value: ReviewAction[] }).value;
    expect(actions).toHaveLength(r.reviews.actionsOpen);
    expect(actions.filter((a) => a.overdue)).toHaveLength(r.reviews.actionsOverdue);
    const all = await core.dispatcher.invoke({ op: 'reviews.actions', input: { includeDone: true }, session });
    expect(all.ok && (all.value as ReviewAction[]).length).toBe(r.reviews.actions);

    const updatesOf = rd.parentUpdates.filter((u) => u.pupilId === busiest[0]);
    expect(updatesOf.length).toBeGreaterThan(0);
    const updates = await core.dispatcher.invoke({ op: 'parentUpdates.list', input: { pupilId: busiest[0] }, session });
    expect(updates.ok, JSON.stringify(updates)).toBe(true);
    expect((updates as { ok: true; value: ParentUpdate[] }).value.map((u) => [u.date, u.method, u.summary]).sort()).toEqual(
      updatesOf.map((u) => [u.date, u.method, u.summary]).sort(),
    );
  });
});
