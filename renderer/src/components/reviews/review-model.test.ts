import { describe, expect, it } from 'vitest';
import type { PlanSummary, ReviewMeeting } from '../../../../shared/contract';
import {
  annualReviewChoice,
  reviewFormSchemaOn,
  bandChoices,
  base64ToBytes,
  decisionKindsShown,
  newDecision,
  newReviewValues,
  parseActedOn,
  pdfFileName,
  reviewFormSchema,
  sortReviews,
  toInput,
  usualAttendees,
  viewToFormValues,
} from './review-model';

describe('review form values', () => {
  it('sends only the record the kind of review is about, and statutory steps only for annual reviews', () => {
    const v = { ...newReviewValues('p1', 'held', '2026-11-23'), ippId: 'i1', placementId: 'pl1', ehcPlanId: 'e1' };
    expect(toInput(v)).toMatchObject({ ippId: 'i1', placementId: null, ehcPlanId: null, statutory: null });
    expect(toInput({ ...v, kind: 'midpoint' })).toMatchObject({ ippId: null, placementId: 'pl1', ehcPlanId: null, statutory: null });
    expect(toInput({ ...v, kind: 'annual' })).toMatchObject({ ippId: 'i1', placementId: null, ehcPlanId: 'e1' });
    expect(toInput({ ...v, kind: 'annual' }).statutory).not.toBeNull();
  });

  it('keeps only the need level or planned weeks that go with the band, and no band on other decisions', () => {
    const v = {
      ...newReviewValues('p1', 'held', '2026-11-23'),
      decisions: [
        { kind: 'band_down' as const, band: 'universal' as const, needLevel: 'medium' as const, plannedWeeks: 20, note: null },
        { kind: 'continue' as const, band: 'targeted' as const, needLevel: 'low' as const, plannedWeeks: 3, note: 'x' },
      ],
    };
    expect(toInput(v).decisions).toEqual([
      { kind: 'band_down', band: 'universal', needLevel: 'medium', plannedWeeks: null, note: null },
      { kind: 'continue', band: null, needLevel: null, plannedWeeks: null, note: 'x' },
    ]);
  });

  it('drops a typed owner name when a member of staff owns the action', () => {
    const v = {
      ...newReviewValues('p1', 'held', '2026-11-23'),
      actions: [{ id: null, description: 'd', ownerUserId: 'u1', ownerName: 'Left over', dueDate: '2026-11-30', doneDate: null }],
    };
    expect(toInput(v).actions[0]?.ownerName).toBeNull();
  });

  it('asks for a need level on a move to Universal and 12 to 36 weeks on a move to Targeted', () => {
    const base = { ...newReviewValues('p1', 'held', '2026-11-23'), ippId: 'i1' };
    const toUniversal = reviewFormSchema.safeParse(
      toInput({ ...base, decisions: [{ kind: 'band_down', band: 'universal', needLevel: null, plannedWeeks: null, note: null }] }),
    );
    expect(toUniversal.success).toBe(false);
    expect(toUniversal.error?.issues.map((i) => i.path.join('.'))).toContain('decisions.0.needLevel');
    const toTargeted = reviewFormSchema.safeParse(
      toInput({ ...base, decisions: [{ kind: 'band_up', band: 'targeted', needLevel: null, plannedWeeks: 40, note: null }] }),
    );
    expect(toTargeted.error?.issues.map((i) => i.path.join('.'))).toContain('decisions.0.plannedWeeks');
  });

  it('refuses decisions at a planned meeting (the contract’s own rule)', () => {
    const v = { ...newReviewValues('p1', 'planned', '2026-11-23'), ippId: 'i1', decisions: [newDecision('continue', null)] };
    const r = reviewFormSchema.safeParse(toInput(v));
    expect(r.error?.issues.map((i) => i.path.join('.'))).toContain('decisions');
  });
});

describe('band moves', () => {
  it('offers the bands above for up and below for down', () => {
    expect(bandChoices('band_up', 'targeted')).toEqual(['specific']);
    expect(bandChoices('band_down', 'targeted')).toEqual(['universal']);
    expect(bandChoices('band_down', 'universal')).toEqual([]);
    expect(bandChoices('continue', 'targeted')).toEqual([]);
    expect(newDecision('band_down', 'specific').band).toBe('targeted');
    expect(newDecision('band_up', 'universal').band).toBe('targeted');
  });

  it('shows the decisions a kind allows, plus any chosen that it does not', () => {
    expect(decisionKindsShown('band', [])).toEqual(['continue', 'band_up', 'band_down']);
    expect(decisionKindsShown('band', ['close'])).toEqual(['continue', 'band_up', 'band_down', 'close']);
  });
});

describe('helpers', () => {
  it('adds the pupil, parents with parental responsibility and me, once each', () => {
    const contacts = [
      { name: 'Dana Okafor', parentalResponsibility: true },
      { name: 'Gran', parentalResponsibility: false },
    ];
    const first = usualAttendees('Amara Okafor', contacts, { name: 'Alex Morgan', role: 'senco' }, []);
    expect(first.map((a) => `${a.role}:${a.name}`)).toEqual(['pupil:Amara Okafor', 'parent_carer:Dana Okafor', 'senco:Alex Morgan']);
    expect(usualAttendees('Amara Okafor', contacts, { name: 'Alex Morgan', role: 'senco' }, first)).toEqual([]);
  });

  it('sorts reviews newest first and reads what a decision acted on', () => {
    const r = (id: string, date: string, updatedAt = '2026-01-01T00:00:00Z') => ({ id, date, updatedAt }) as ReviewMeeting;
    expect(
      sortReviews([r('a', '2026-01-01'), r('b', '2026-03-01'), r('c', '2026-03-01', '2026-03-02T00:00:00Z')]).map((x) => x.id),
    ).toEqual(['c', 'b', 'a']);
    expect(parseActedOn('ipp_version:abc:2')).toEqual({ kind: 'ipp_version', id: 'abc', version: 2 });
    expect(parseActedOn('band_period:xyz')).toEqual({ kind: 'band_period', id: 'xyz', version: null });
    expect(parseActedOn(null)).toBeNull();
  });

  it('turns the pack into bytes and a safe file name', () => {
    expect([...base64ToBytes('JVBERi0=')]).toEqual([0x25, 0x50, 0x44, 0x46, 0x2d]);
    expect(pdfFileName('Review pack: A/B')).toBe('Review pack- A-B.pdf');
    expect(pdfFileName('pack.pdf')).toBe('pack.pdf');
  });

  it('turns a saved review back into the same values', () => {
    const view = {
      id: 'r1',
      pupilId: 'p1',
      kind: 'plan',
      date: '2026-11-23',
      status: 'held',
      ippId: 'i1',
      ippTitle: 'T',
      placementId: null,
      ehcPlanId: null,
      attendees: [],
      pupilViews: null,
      parentViews: null,
      discussion: null,
      ratings: [{ goalKey: 'g', rating: 1, note: null, weight: 2 }],
      tScore: 60,
      decisions: [
        { kind: 'continue', band: null, needLevel: null, plannedWeeks: null, note: null, actedAt: '2026-11-23T10:00:00Z', actedOn: null },
      ],
      actions: [],
      statutory: null,
      annual: null,
      recordedBy: 'x',
      updatedAt: 'u',
    } as ReviewMeeting;
    const v = viewToFormValues(view);
    expect(v.decisions).toEqual([{ kind: 'continue', band: null, needLevel: null, plannedWeeks: null, note: null }]);
    // The weight kept with a rating is the plan's: it is not sent back (the contract refuses unknown fields).
    expect(v.ratings).toEqual([{ goalKey: 'g', rating: 1, note: null }]);
    expect(toInput(v).statutory).toBeNull();
  });
});

describe('annual reviews on the form (issue 17, item 4)', () => {
  const plan = (id: string, over: Partial<PlanSummary> = {}): PlanSummary => ({
    id,
    pupilId: 'p1',
    localAuthority: 'Exampleshire',
    ownerId: null,
    status: 'final',
    draftDate: null,
    issuedDate: '2026-01-10',
    ceasedDate: null,
    ceasedReason: null,
    currentVersion: 1,
    versions: [],
    ...over,
  });
  const clock = (recordId: string, dueDate: string, doneDate: string | null = null) => ({
    key: 'annual_review' as const,
    recordType: 'plan' as const,
    recordId,
    dueDate,
    doneDate,
  });

  it('chooses the annual review only for one current plan whose review is due within three months or overdue', () => {
    expect(annualReviewChoice([plan('e1')], [clock('e1', '2027-01-09')], '2026-12-07')).toEqual({ planId: 'e1', dueDate: '2027-01-09' });
    expect(annualReviewChoice([plan('e1')], [clock('e1', '2026-10-01')], '2026-12-07')).toEqual({ planId: 'e1', dueDate: '2026-10-01' });
    // Not due yet (four months away), two current plans, a ceased or draft plan, no clock to read: the user chooses.
    expect(annualReviewChoice([plan('e1')], [clock('e1', '2027-04-09')], '2026-12-07')).toBeNull();
    expect(annualReviewChoice([plan('e1'), plan('e2')], [clock('e1', '2027-01-09'), clock('e2', '2027-01-09')], '2026-12-07')).toBeNull();
    expect(
      annualReviewChoice([plan('e1', { status: 'ceased', ceasedDate: '2026-11-01' })], [clock('e1', '2027-01-09')], '2026-12-07'),
    ).toBeNull();
    expect(annualReviewChoice([plan('e1', { status: 'draft' }), plan('e2')], [clock('e2', '2027-01-09')], '2026-12-07')).toEqual({
      planId: 'e2',
      dueDate: '2027-01-09',
    });
    expect(annualReviewChoice([plan('e1')], null, '2026-12-07')).toBeNull();
  });

  it('refuses a held date after today beside the date, but not a planned one or a review already held', () => {
    const v = toInput({ ...newReviewValues('p1', 'held', '2026-12-08'), kind: 'band' });
    const refused = reviewFormSchemaOn('2026-12-07', false).safeParse(v);
    expect(refused.success).toBe(false);
    expect(refused.error?.issues.find((i) => i.path.join('.') === 'date')?.message).toMatch(
      /only once it has happened: this date is after today \(7 December 2026\)/,
    );
    expect(reviewFormSchemaOn('2026-12-07', false).safeParse({ ...v, status: 'planned' }).success).toBe(true);
    expect(reviewFormSchemaOn('2026-12-08', false).safeParse(v).success).toBe(true);
    expect(reviewFormSchemaOn('2026-12-07', true).safeParse(v).success).toBe(true);
  });

  it('sends the conclusions only for an annual review', () => {
    const v = {
      ...newReviewValues('p1', 'held', '2026-11-23'),
      ehcPlanId: 'e1',
      annual: {
        outcomes: [{ outcomeKey: 'o1', progress: 'partly' as const, note: null }],
        amendments: [],
        recommendation: 'maintain' as const,
      },
    };
    expect(toInput(v).annual).toBeNull();
    expect(toInput({ ...v, kind: 'annual' }).annual).toEqual(v.annual);
  });
});
