import { describe, expect, it } from 'vitest';
import { academicYear, computeClocks, stateFor } from './compute';
import { DEFAULT_RULES, defaultRule } from './rules';
import { inputs, plan, pupil, request, review } from './test-fixtures';
import type { ClockItem, ClockKey, ClockRule } from './types';

const TODAY = '2026-11-23'; // Monday, autumn 2 2026

function byId(items: readonly ClockItem[], id: string): ClockItem {
  const item = items.find((i) => i.id === id);
  if (!item) throw new Error(`no item ${id}; have ${items.map((i) => i.id).join(', ')}`);
  return item;
}
const keysOf = (items: readonly ClockItem[]): ClockKey[] => items.map((i) => i.key);
const only = (...keys: ClockKey[]): ClockRule[] => DEFAULT_RULES.map((r) => ({ ...r, enabled: keys.includes(r.key) }));
const withRule = (rule: ClockRule): ClockRule[] => DEFAULT_RULES.map((r) => (r.key === rule.key ? rule : r));

describe('stateFor', () => {
  it('gives each state at its boundaries', () => {
    expect(stateFor('2026-11-22', null, TODAY)).toBe('overdue');
    expect(stateFor('2026-11-23', null, TODAY)).toBe('due_this_week'); // today
    expect(stateFor('2026-11-29', null, TODAY)).toBe('due_this_week'); // today + 6
    expect(stateFor('2026-11-30', null, TODAY)).toBe('upcoming'); // today + 7
    expect(stateFor('2026-11-22', '2026-11-25', TODAY)).toBe('done'); // done late is still done
    expect(stateFor('2027-01-01', '2026-11-01', TODAY)).toBe('done');
    expect(stateFor('2027-01-03', null, '2026-12-28')).toBe('due_this_week'); // across the year end
  });

  it('academic year runs 1 September to 31 August', () => {
    expect(academicYear('2026-11-23')).toEqual({ start: '2026-09-01', end: '2027-08-31' });
    expect(academicYear('2027-08-31')).toEqual({ start: '2026-09-01', end: '2027-08-31' });
    expect(academicYear('2027-09-01')).toEqual({ start: '2027-09-01', end: '2028-08-31' });
  });
});

describe('needs_identified', () => {
  const pupils = [
    pupil({ id: 'mid', name: 'Mia', dateJoined: '2026-10-07' }),
    pupil({ id: 'edge', name: 'Eli', dateJoined: '2025-11-23', needsIdentifiedOn: '2025-12-10' }),
    pupil({ id: 'old', name: 'Ola', dateJoined: '2025-11-22' }),
    pupil({ id: 'future', name: 'Fin', dateJoined: '2027-01-06' }),
    pupil({ id: 'late', name: 'Lia', dateJoined: '2027-06-21' }),
  ];
  const items = computeClocks(inputs({ pupils, rules: only('needs_identified') }));

  it('counts 6 school weeks for a mid-term joiner across half-term and closures', () => {
    // Worked in calendar.test.ts: Wed 7 Oct 2026 + 30 school days = Fri 27 Nov 2026.
    expect(byId(items, 'needs_identified:mid')).toEqual({
      id: 'needs_identified:mid',
      key: 'needs_identified',
      pupilId: 'mid',
      pupilName: 'Mia',
      yearGroup: '7',
      className: '7A',
      localAuthority: 'Devon',
      ownerId: null,
      recordType: 'pupil',
      recordId: 'mid',
      fromDate: '2026-10-07',
      dueDate: '2026-11-27',
      adjustedFrom: null,
      state: 'due_this_week',
      doneDate: null,
      calendarGap: false,
    });
  });

  it('includes joiners up to 365 days back (done when recorded) and future joiners, not older ones', () => {
    // Sun 23 Nov 2025: 24-28 Nov 1-5; Dec 1-19 6-20; Christmas; Mon 5 Jan INSET; 6-9 Jan 21-24; 12-16 Jan 25-29;
    // Mon 19 Jan 2026: 30.
    const edge = byId(items, 'needs_identified:edge');
    expect([edge.dueDate, edge.state, edge.doneDate]).toEqual(['2026-01-19', 'done', '2025-12-10']);
    expect(items.some((i) => i.pupilId === 'old')).toBe(false);
    // Wed 6 Jan 2027: 7-8 Jan 1-2; 11 Jan - 12 Feb 3-27; half-term; 22-24 Feb 28-30 → Wed 24 Feb 2027.
    const future = byId(items, 'needs_identified:future');
    expect([future.dueDate, future.state]).toEqual(['2027-02-24', 'upcoming']);
  });

  it('falls back to calendar weeks past the known term dates', () => {
    const late = byId(items, 'needs_identified:late');
    expect([late.dueDate, late.calendarGap]).toEqual(['2027-08-02', true]);
  });
});

describe('EHC needs assessment requests', () => {
  const pupils = [pupil({ id: 'a', name: 'Ada' })];
  const requests = [
    request({ id: 'open', pupilId: 'a', requestDate: '2026-10-05' }),
    request({ id: 'refused', pupilId: 'a', requestDate: '2026-10-05', decision: 'refuse', decisionDate: '2026-11-10' }),
    request({ id: 'withdrawn', pupilId: 'a', withdrawnDate: '2026-10-20' }),
    request({ id: 'left', pupilId: 'nobody' }),
    request({ id: 'issued', pupilId: 'a', requestDate: '2026-03-02', decision: 'assess', decisionDate: '2026-04-10', finalPlanDate: '2026-07-17' }),
  ];
  const items = computeClocks(inputs({ pupils, assessmentRequests: requests }));

  it('decision due 6 weeks and final plan 20 weeks after the request', () => {
    // Mon 5 Oct 2026 + 42 days = Mon 16 Nov 2026; + 140 days = Mon 22 Feb 2027.
    const d = byId(items, 'assessment_decision:open');
    expect([d.fromDate, d.dueDate, d.state, d.localAuthority, d.recordType]).toEqual(['2026-10-05', '2026-11-16', 'overdue', 'Somerset', 'assessment']);
    const f = byId(items, 'assessment_final_plan:open');
    expect([f.dueDate, f.state]).toEqual(['2027-02-22', 'upcoming']);
  });

  it('a refused request has a done decision and no final-plan item', () => {
    expect(byId(items, 'assessment_decision:refused')).toMatchObject({ state: 'done', doneDate: '2026-11-10' });
    expect(items.some((i) => i.id === 'assessment_final_plan:refused')).toBe(false);
  });

  it('withdrawn requests and pupils no longer on roll produce nothing', () => {
    expect(items.some((i) => i.recordId === 'withdrawn' || i.recordId === 'left')).toBe(false);
  });

  it('done once the final plan is issued', () => {
    // Mon 2 Mar 2026 + 140 days = Mon 20 Jul 2026.
    expect(byId(items, 'assessment_final_plan:issued')).toMatchObject({ dueDate: '2026-07-20', state: 'done', doneDate: '2026-07-17' });
    expect(byId(items, 'assessment_decision:issued')).toMatchObject({ dueDate: '2026-04-13', state: 'done' });
  });
});

describe('annual_review', () => {
  const run = (p: Parameters<typeof plan>[0], reviews: ReturnType<typeof review>[] = [], pup = pupil({ id: 'p' }), over = {}) =>
    computeClocks(inputs({ pupils: [pup], plans: [plan(p)], reviews, rules: only('annual_review'), ...over }));

  it('a plan issued on 29 February 2024 is due on 28 February 2025', () => {
    const [item, ...rest] = run({ id: 'leap', pupilId: 'p', issuedDate: '2024-02-29' });
    expect(rest).toEqual([]);
    expect(item).toMatchObject({
      id: 'annual_review:leap', recordType: 'plan', recordId: 'leap', fromDate: '2024-02-29', dueDate: '2025-02-28',
      adjustedFrom: null, state: 'overdue', doneDate: null, localAuthority: 'Devon', ownerId: 'u-senco',
    });
  });

  it('a due date in the summer holiday moves to the last day of the summer term', () => {
    const [item] = run({ id: 'summer', pupilId: 'p', issuedDate: '2025-08-12' });
    expect(item).toMatchObject({ fromDate: '2025-08-12', dueDate: '2026-07-22', adjustedFrom: '2026-08-12', state: 'overdue' });
  });

  it('a due date in October half-term moves before the INSET day that precedes it', () => {
    const [item] = run({ id: 'ht', pupilId: 'p', issuedDate: '2025-10-28' });
    expect(item).toMatchObject({ dueDate: '2026-10-22', adjustedFrom: '2026-10-28' });
  });

  it('a due date beyond the known term dates is not moved unless it is a weekend', () => {
    const [thu] = run({ id: 'x', pupilId: 'p', issuedDate: '2026-08-05' });
    expect(thu).toMatchObject({ dueDate: '2027-08-05', adjustedFrom: null });
    const [sat] = run({ id: 'y', pupilId: 'p', issuedDate: '2026-08-07' }); // 7 Aug 2027 is a Saturday
    expect(sat).toMatchObject({ dueDate: '2027-08-06', adjustedFrom: '2027-08-07' });
  });

  it('counts from the last held review; planned reviews, amendments and phase transfer do not move it', () => {
    const reviews = [
      review({ id: 'r1', planId: 'amended', meetingDate: '2025-12-03', held: true }),
      review({ id: 'r2', planId: 'amended', meetingDate: '2026-11-25', held: false }),
      review({ id: 'other', planId: 'someone-else', meetingDate: '2026-06-10', held: true }),
    ];
    const plain = run({ id: 'amended', pupilId: 'p', issuedDate: '2025-01-15' }, reviews);
    const amended = run(
      { id: 'amended', pupilId: 'p', issuedDate: '2025-01-15', phaseTransferNamedDate: '2026-02-10', phaseTransferVersionId: 'v3', pfaOutcomes: 2 },
      reviews,
    );
    // Thu 3 Dec 2025 + 12 months = Thu 3 Dec 2026, a school day.
    expect(plain).toEqual(amended);
    expect(amended[0]).toMatchObject({ fromDate: '2025-12-03', dueDate: '2026-12-03', adjustedFrom: null, state: 'upcoming', doneDate: null });

    // Once the planned meeting is recorded as held, the next review counts from it.
    const held = run({ id: 'amended', pupilId: 'p', issuedDate: '2025-01-15' }, [reviews[0]!, { ...reviews[1]!, held: true }]);
    expect(held[0]).toMatchObject({ fromDate: '2026-11-25', dueDate: '2027-11-25' });
  });

  it('under-5s use under5Months, judged on the age at the start date', () => {
    const little = pupil({ id: 'p', yearGroup: 'N2', dateOfBirth: '2022-03-01' });
    // Aged 3 on Tue 20 Jan 2026: 6 months → Mon 20 Jul 2026 (summer 2, a school day).
    expect(run({ id: 'u5', pupilId: 'p', issuedDate: '2026-01-20' }, [], little)[0]).toMatchObject({ dueDate: '2026-07-20', state: 'overdue' });
    // The school sets 3 months → Mon 20 Apr 2026.
    const rules = withRule({ ...defaultRule('annual_review'), under5Months: 3 });
    expect(run({ id: 'u5', pupilId: 'p', issuedDate: '2026-01-20' }, [], little, { rules })[0]).toMatchObject({ dueDate: '2026-04-20' });
    // Turned 5 on 10 Jan 2026, before the start date: 12 months → Wed 20 Jan 2027.
    const five = pupil({ id: 'p', yearGroup: 'R', dateOfBirth: '2021-01-10' });
    expect(run({ id: 'u5', pupilId: 'p', issuedDate: '2026-01-20' }, [], five)[0]).toMatchObject({ dueDate: '2027-01-20' });
  });

  it('ceased, draft and unissued plans produce nothing; a cease date still ahead keeps the plan current', () => {
    const reviews = [review({ id: 'rv', planId: 'c', meetingDate: '2026-10-14', held: true })];
    const all = DEFAULT_RULES;
    expect(run({ id: 'c', pupilId: 'p', status: 'ceased', ceasedDate: '2026-09-30' }, reviews, undefined, { rules: all })).toEqual([]);
    expect(run({ id: 'c', pupilId: 'p', status: 'final', ceasedDate: '2026-11-23' }, reviews, undefined, { rules: all })).toEqual([]);
    expect(run({ id: 'c', pupilId: 'p', status: 'draft', issuedDate: null }, reviews, undefined, { rules: all })).toEqual([]);
    const ending = run({ id: 'c', pupilId: 'p', status: 'final', ceasedDate: '2027-01-31' }, reviews, undefined, { rules: all });
    expect(keysOf(ending).sort()).toEqual(['annual_review', 'review_advice', 'review_invitations', 'review_la_decision', 'review_report']);
  });

  it('plans of pupils not in the list are skipped', () => {
    expect(computeClocks(inputs({ pupils: [], plans: [plan({ id: 'gone', pupilId: 'p' })] }))).toEqual([]);
  });
});

describe('review clocks', () => {
  const pupils = [pupil({ id: 'p', name: 'Pat' })];
  const plans = [plan({ id: 'pl', pupilId: 'p' })];
  const reviewKeys: ClockKey[] = ['review_invitations', 'review_advice', 'review_report', 'review_la_decision', 'review_amended_final'];

  it('a planned meeting has invitations and advice due 2 weeks before, nothing after yet', () => {
    const reviews = [review({ id: 'next', planId: 'pl', meetingDate: '2026-12-09', adviceCirculatedDate: '2026-11-20' })];
    const items = computeClocks(inputs({ pupils, plans, reviews, rules: only(...reviewKeys) }));
    expect(items.map((i) => [i.id, i.fromDate, i.dueDate, i.state, i.doneDate, i.recordType])).toEqual([
      ['review_invitations:next', '2026-12-09', '2026-11-25', 'due_this_week', null, 'review'],
      ['review_advice:next', '2026-12-09', '2026-11-25', 'done', '2026-11-20', 'review'],
    ]);
  });

  it('a held meeting adds the report, the LA decision and, when amending, the amended final plan', () => {
    const reviews = [
      review({
        id: 'held', planId: 'pl', meetingDate: '2026-10-14', held: true, invitationsSentDate: '2026-09-28',
        adviceCirculatedDate: '2026-09-30', laDecision: 'amend', laDecisionDate: '2026-11-04',
      }),
    ];
    const items = computeClocks(inputs({ pupils, plans, reviews, rules: only(...reviewKeys) }));
    // Wed 14 Oct 2026: -14 days = 30 Sep; +14 = 28 Oct; +28 = 11 Nov; +84 = Wed 6 Jan 2027.
    expect(items.map((i) => [i.key, i.dueDate, i.state, i.doneDate])).toEqual([
      ['review_invitations', '2026-09-30', 'done', '2026-09-28'],
      ['review_advice', '2026-09-30', 'done', '2026-09-30'],
      ['review_report', '2026-10-28', 'overdue', null],
      ['review_la_decision', '2026-11-11', 'done', '2026-11-04'],
      ['review_amended_final', '2027-01-06', 'upcoming', null],
    ]);
  });

  it('no amended-final item unless the LA decided to amend', () => {
    const reviews = [review({ id: 'm', planId: 'pl', meetingDate: '2026-10-14', held: true, laDecision: 'maintain', laDecisionDate: '2026-11-02' })];
    const items = computeClocks(inputs({ pupils, plans, reviews, rules: only(...reviewKeys) }));
    expect(keysOf(items)).not.toContain('review_amended_final');
    expect(items.filter((i) => i.key === 'review_la_decision')).toHaveLength(1);
  });

  it('counts back in school weeks when the school chooses', () => {
    const rules = withRule({ ...defaultRule('review_invitations'), unit: 'school_weeks' });
    const reviews = [review({ id: 'sw', planId: 'pl', meetingDate: '2026-11-04' })];
    const items = computeClocks(inputs({ pupils, plans, reviews, rules }));
    // 10 school days before Wed 4 Nov 2026, across half-term and the INSET day: Tue 13 Oct 2026.
    expect(byId(items, 'review_invitations:sw')).toMatchObject({ dueDate: '2026-10-13', calendarGap: false });
    expect(byId(items, 'review_advice:sw')).toMatchObject({ dueDate: '2026-10-21' });
  });
});

describe('phase transfer', () => {
  const plans = [plan({ id: 'y6', pupilId: 'six' }), plan({ id: 'y11', pupilId: 'eleven' }), plan({ id: 'y2', pupilId: 'two' })];
  const pupils = [
    pupil({ id: 'six', name: 'Sam', yearGroup: '6' }),
    pupil({ id: 'eleven', name: 'Eve', yearGroup: '11' }),
    pupil({ id: 'two', name: 'Tom', yearGroup: '2' }),
  ];
  const rules = only('phase_transfer', 'phase_transfer_post16');

  it('Year 6 is due 15 February and Year 11 31 March of the year the academic year ends; Year 2 is not included', () => {
    const items = computeClocks(inputs({ pupils, plans, rules }));
    expect(items.map((i) => [i.id, i.fromDate, i.dueDate, i.state, i.recordType])).toEqual([
      ['phase_transfer:y6', '2026-09-01', '2027-02-15', 'upcoming', 'plan'],
      ['phase_transfer_post16:y11', '2026-09-01', '2027-03-31', 'upcoming', 'plan'],
    ]);
  });

  it('done when the next school was named this academic year, not last', () => {
    const named = [
      plan({ id: 'y6', pupilId: 'six', phaseTransferNamedDate: '2027-01-20', phaseTransferVersionId: 'v2' }),
      plan({ id: 'y11', pupilId: 'eleven', phaseTransferNamedDate: '2026-06-30', phaseTransferVersionId: 'v1' }),
    ];
    const items = computeClocks(inputs({ today: '2027-02-10', pupils, plans: named, rules }));
    expect(byId(items, 'phase_transfer:y6')).toMatchObject({ state: 'done', doneDate: '2027-01-20' });
    expect(byId(items, 'phase_transfer_post16:y11')).toMatchObject({ state: 'upcoming', doneDate: null });
  });

  it('state follows today: due this week on 10 February, overdue in June, next year from September', () => {
    expect(byId(computeClocks(inputs({ today: '2027-02-10', pupils, plans, rules })), 'phase_transfer:y6').state).toBe('due_this_week');
    expect(byId(computeClocks(inputs({ today: '2027-06-01', pupils, plans, rules })), 'phase_transfer:y6').state).toBe('overdue');
    expect(byId(computeClocks(inputs({ today: '2027-09-10', pupils, plans, rules })), 'phase_transfer:y6').dueDate).toBe('2028-02-15');
  });
});

describe('preparing_for_adulthood', () => {
  const pupils = [
    pupil({ id: 'nine', name: 'Nia', yearGroup: '9' }),
    pupil({ id: 'ten', name: 'Ted', yearGroup: '10' }),
    pupil({ id: 'eight', name: 'Ed', yearGroup: '8' }),
  ];
  const plans = [
    plan({ id: 'p9', pupilId: 'nine', issuedDate: '2026-01-20', pfaOutcomes: 0 }),
    plan({ id: 'p10', pupilId: 'ten', issuedDate: '2025-10-28', pfaOutcomes: 2 }),
    plan({ id: 'p8', pupilId: 'eight', issuedDate: '2026-01-20' }),
  ];

  it('from Year 9, due with the annual review; done when the plan has PfA outcomes', () => {
    // Works with the annual review clock switched off: it only borrows the date.
    const items = computeClocks(inputs({ pupils, plans, rules: only('preparing_for_adulthood') }));
    expect(items.map((i) => [i.id, i.fromDate, i.dueDate, i.adjustedFrom, i.state, i.doneDate])).toEqual([
      ['preparing_for_adulthood:p10', '2025-10-28', '2026-10-22', '2026-10-28', 'done', '2025-10-28'],
      ['preparing_for_adulthood:p9', '2026-01-20', '2027-01-20', null, 'upcoming', null],
    ]);
  });
});

describe('computeClocks as a whole', () => {
  const pupils = [pupil({ id: 'b', name: 'ben' }), pupil({ id: 'a', name: 'Amy', dateJoined: '2026-11-02' })];
  const plans = [plan({ id: 'pb', pupilId: 'b' }), plan({ id: 'pa', pupilId: 'a' })];
  const reviews = [
    review({ id: 'rb', planId: 'pb', meetingDate: '2026-12-09' }),
    review({ id: 'ra', planId: 'pa', meetingDate: '2026-12-09' }),
  ];

  it('disabled rules produce nothing', () => {
    const off = DEFAULT_RULES.map((r) => ({ ...r, enabled: false }));
    expect(computeClocks(inputs({ pupils, plans, reviews, rules: off }))).toEqual([]);
  });

  it('sorts by due date, then pupil name (ignoring case), then clock order', () => {
    const items = computeClocks(inputs({ pupils, plans, reviews }));
    // Amy joined Mon 2 Nov 2026: 30 school days (Thu 12 Nov closed) → Tue 15 Dec 2026.
    // Annual reviews of both plans: from 15 Jan 2025 → Thu 15 Jan 2026 (school day).
    expect(items.map((i) => `${i.dueDate} ${i.pupilName} ${i.key}`)).toEqual([
      '2026-01-15 Amy annual_review',
      '2026-01-15 ben annual_review',
      '2026-11-25 Amy review_invitations',
      '2026-11-25 Amy review_advice',
      '2026-11-25 ben review_invitations',
      '2026-11-25 ben review_advice',
      '2026-12-15 Amy needs_identified',
    ]);
  });

  it('a key missing from the rules uses its default', () => {
    const rules = DEFAULT_RULES.filter((r) => r.key !== 'needs_identified');
    const items = computeClocks(inputs({ pupils, rules }));
    expect(byId(items, 'needs_identified:a').dueDate).toBe('2026-12-15');
  });
});
