import { describe, expect, it } from 'vitest';
import { academicYear, computeClocks, stateFor } from './compute';
import { DEFAULT_RULES, defaultRule } from './rules';
import { inputs, plan, pupil, request, review, transfer } from './test-fixtures';
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
      adjustedReason: null,
      transfer: null,
      state: 'due_this_week',
      doneDate: null,
      calendarGap: false,
      supersededBy: null,
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
    request({
      id: 'issued',
      pupilId: 'a',
      requestDate: '2026-03-02',
      decision: 'assess',
      decisionDate: '2026-04-10',
      finalPlanDate: '2026-07-17',
    }),
  ];
  const items = computeClocks(inputs({ pupils, assessmentRequests: requests }));

  it('decision due 6 weeks and final plan 20 weeks after the request', () => {
    // Mon 5 Oct 2026 + 42 days = Mon 16 Nov 2026; + 140 days = Mon 22 Feb 2027.
    const d = byId(items, 'assessment_decision:open');
    expect([d.fromDate, d.dueDate, d.state, d.localAuthority, d.recordType]).toEqual([
      '2026-10-05',
      '2026-11-16',
      'overdue',
      'Somerset',
      'assessment',
    ]);
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
      id: 'annual_review:leap',
      recordType: 'plan',
      recordId: 'leap',
      fromDate: '2024-02-29',
      dueDate: '2025-02-28',
      adjustedFrom: null,
      state: 'overdue',
      doneDate: null,
      localAuthority: 'Devon',
      ownerId: 'u-senco',
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
      {
        id: 'amended',
        pupilId: 'p',
        issuedDate: '2025-01-15',
        phaseTransferNamedDate: '2026-02-10',
        phaseTransferVersionId: 'v3',
        pfaOutcomes: 2,
      },
      reviews,
    );
    // Thu 3 Dec 2025 + 12 months = Thu 3 Dec 2026, a school day.
    expect(plain).toEqual(amended);
    expect(amended[0]).toMatchObject({
      fromDate: '2025-12-03',
      dueDate: '2026-12-03',
      adjustedFrom: null,
      state: 'upcoming',
      doneDate: null,
    });

    // Once the planned meeting is recorded as held, the next review counts from it.
    const held = run({ id: 'amended', pupilId: 'p', issuedDate: '2025-01-15' }, [reviews[0]!, { ...reviews[1]!, held: true }]);
    expect(held[0]).toMatchObject({ fromDate: '2026-11-25', dueDate: '2027-11-25' });
  });

  it('under-5s use under5Months, judged on the age at the start date', () => {
    const little = pupil({ id: 'p', yearGroup: 'N2', dateOfBirth: '2022-03-01' });
    // Aged 3 on Tue 20 Jan 2026: 6 months → Mon 20 Jul 2026 (summer 2, a school day).
    expect(run({ id: 'u5', pupilId: 'p', issuedDate: '2026-01-20' }, [], little)[0]).toMatchObject({
      dueDate: '2026-07-20',
      state: 'overdue',
    });
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
        id: 'held',
        planId: 'pl',
        meetingDate: '2026-10-14',
        held: true,
        invitationsSentDate: '2026-09-28',
        adviceCirculatedDate: '2026-09-30',
        laDecision: 'amend',
        laDecisionDate: '2026-11-04',
      }),
    ];
    const items = computeClocks(inputs({ pupils, plans, reviews, rules: only(...reviewKeys) }));
    // Wed 14 Oct 2026: -14 days = 30 Sep; +14 = 28 Oct; +28 = 11 Nov; +84 = Wed 6 Jan 2027.
    // The report is the school's to send: 28 Oct is in half-term, so it is due on the last school day before,
    // Thu 22 Oct (Fri 23 Oct is an INSET day). The LA's decision and amended plan keep their dates.
    // The report was never recorded, but the LA has decided since: the report is moot, not overdue.
    expect(items.map((i) => [i.key, i.dueDate, i.state, i.doneDate, i.supersededBy])).toEqual([
      ['review_invitations', '2026-09-30', 'done', '2026-09-28', null],
      ['review_advice', '2026-09-30', 'done', '2026-09-30', null],
      ['review_report', '2026-10-22', 'done', null, { by: 'review_la_decision', date: '2026-11-04' }],
      ['review_la_decision', '2026-11-11', 'done', '2026-11-04', null],
      ['review_amended_final', '2027-01-06', 'upcoming', null, null],
    ]);
  });

  it('a step made moot by a later step that is done is not overdue; a step with nothing done after it still is', () => {
    const reviews = [
      // Held on 14 Oct with nothing else recorded: invitations and advice are moot (the meeting is over), the
      // report (due 22 Oct) and the LA's decision (11 Nov) are really overdue: nothing after them is done.
      review({ id: 'a', planId: 'pl', meetingDate: '2026-10-14', held: true }),
      // Held, report never recorded, LA decided to amend and the amended plan is issued: all moot but the last.
      review({
        id: 'b',
        planId: 'pl',
        meetingDate: '2026-06-10',
        held: true,
        laDecision: 'amend',
        laDecisionDate: '2026-07-01',
        amendedFinalDate: '2026-08-20',
      }),
      // Planned for 25 Nov, not held: its invitations (due 11 Nov) are overdue, nothing later is done.
      review({ id: 'c', planId: 'pl', meetingDate: '2026-11-25' }),
    ];
    const items = computeClocks(inputs({ pupils, plans, reviews, rules: only(...reviewKeys) }));
    const view = (id: string) => {
      const i = byId(items, id);
      return [i.state, i.supersededBy?.by ?? null];
    };
    expect(view('review_invitations:a')).toEqual(['done', 'review_held']);
    expect(view('review_advice:a')).toEqual(['done', 'review_held']);
    expect(view('review_report:a')).toEqual(['overdue', null]);
    expect(view('review_la_decision:a')).toEqual(['overdue', null]);
    expect(view('review_invitations:b')).toEqual(['done', 'review_held']);
    expect(view('review_report:b')).toEqual(['done', 'review_la_decision']);
    expect(view('review_la_decision:b')).toEqual(['done', null]);
    expect(view('review_amended_final:b')).toEqual(['done', null]);
    expect(byId(items, 'review_report:b').supersededBy).toEqual({ by: 'review_la_decision', date: '2026-07-01' });
    expect(byId(items, 'review_report:b').doneDate).toBeNull();
    expect(view('review_invitations:c')).toEqual(['overdue', null]);
    // Nothing overdue has a later step done.
    expect(
      items
        .filter((i) => i.state === 'overdue')
        .map((i) => i.id)
        .sort(),
    ).toEqual(['review_advice:c', 'review_invitations:c', 'review_la_decision:a', 'review_report:a']);
  });

  it('an assessment decision not recorded is moot once the LA has said whether it will issue a plan', () => {
    const requests = [
      request({
        id: 'q',
        pupilId: 'p',
        requestDate: '2026-03-02',
        decision: 'assess',
        issueDecision: 'issue',
        issueDecisionDate: '2026-06-15',
      }),
    ];
    const items = computeClocks(
      inputs({ pupils, plans: [], reviews: [], assessmentRequests: requests, rules: only('assessment_decision') }),
    );
    expect(byId(items, 'assessment_decision:q')).toMatchObject({
      state: 'done',
      doneDate: null,
      supersededBy: { by: 'assessment_issue_decision', date: '2026-06-15' },
    });
  });

  it('no amended-final item unless the LA decided to amend', () => {
    const reviews = [
      review({ id: 'm', planId: 'pl', meetingDate: '2026-10-14', held: true, laDecision: 'maintain', laDecisionDate: '2026-11-02' }),
    ];
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

describe('phase transfer (SEND Regulations 2014 reg. 18), from the transfer the SENCo recorded', () => {
  const pupils = [
    pupil({ id: 'six', name: 'Sam', yearGroup: '6' }),
    pupil({ id: 'eleven', name: 'Eve', yearGroup: '11' }),
    pupil({ id: 'allthrough', name: 'Ali', yearGroup: '6' }),
  ];
  const plans = [
    plan({ id: 'y6', pupilId: 'six', issuedDate: '2025-11-10' }),
    plan({ id: 'y11', pupilId: 'eleven', issuedDate: '2025-11-10' }),
    plan({ id: 'at', pupilId: 'allthrough', issuedDate: '2025-11-10' }),
  ];
  const transfers = [
    transfer({ pupilId: 'six', kind: 'primary_to_secondary', transferDate: '2027-09-01', nextSetting: 'Northwold Academy (fictional)' }),
    transfer({ pupilId: 'eleven', kind: 'secondary_to_post16', transferDate: '2027-09-06' }),
  ];
  const rules = only('phase_transfer', 'phase_transfer_post16');

  it('runs only for a recorded transfer: a Year 6 pupil in an all-through school (none recorded) does not transfer', () => {
    const items = computeClocks(inputs({ pupils, plans, transfers, rules }));
    expect(items.map((i) => [i.id, i.fromDate, i.dueDate, i.state, i.recordType, i.adjustedFrom])).toEqual([
      ['phase_transfer:y6', '2026-09-01', '2027-02-15', 'upcoming', 'plan', null],
      ['phase_transfer_post16:y11', '2026-09-01', '2027-03-31', 'upcoming', 'plan', null],
    ]);
    expect(byId(items, 'phase_transfer:y6').transfer).toEqual({
      kind: 'primary_to_secondary',
      transferDate: '2027-09-01',
      nextSetting: 'Northwold Academy (fictional)',
      deadline: '2027-02-15',
    });
    // Nothing from the year group alone: without transfers there is no phase-transfer item at all.
    expect(computeClocks(inputs({ pupils, plans, rules }))).toEqual([]);
  });

  it('15 February for every move between schools, 31 March for secondary to post-16, whatever the year group', () => {
    const kinds = [
      'early_years_to_school',
      'infant_to_junior',
      'primary_to_middle',
      'primary_to_secondary',
      'middle_to_secondary',
      'secondary_to_post16',
    ] as const;
    const ps = kinds.map((k, i) => pupil({ id: k, name: `P${i}`, yearGroup: (['N2', '2', '4', '6', '8', '11'] as const)[i] }));
    const pls = kinds.map((k) => plan({ id: `plan-${k}`, pupilId: k, issuedDate: '2025-11-10' }));
    const trs = kinds.map((k) => transfer({ pupilId: k, kind: k, transferDate: '2027-09-01' }));
    const items = computeClocks(inputs({ pupils: ps, plans: pls, transfers: trs, rules }));
    expect(Object.fromEntries(items.map((i) => [i.recordId.slice(5), [i.key, i.dueDate]]))).toEqual({
      early_years_to_school: ['phase_transfer', '2027-02-15'],
      infant_to_junior: ['phase_transfer', '2027-02-15'],
      primary_to_middle: ['phase_transfer', '2027-02-15'],
      primary_to_secondary: ['phase_transfer', '2027-02-15'],
      middle_to_secondary: ['phase_transfer', '2027-02-15'],
      secondary_to_post16: ['phase_transfer_post16', '2027-03-31'],
    });
  });

  it('the deadline is in the calendar year of the transfer, counted from the September before it', () => {
    const later = [transfer({ pupilId: 'six', transferDate: '2028-09-04' })];
    const [item] = computeClocks(inputs({ pupils, plans, transfers: later, rules }));
    expect(item).toMatchObject({ id: 'phase_transfer:y6', fromDate: '2027-09-01', dueDate: '2028-02-15', state: 'upcoming' });
    // A move in January has the 15 February of that same year.
    const january = [transfer({ pupilId: 'six', transferDate: '2027-01-04' })];
    expect(computeClocks(inputs({ pupils, plans, transfers: january, rules }))[0]).toMatchObject({ dueDate: '2027-02-15' });
  });

  it('done when an amendment naming the next school took effect since the September before the deadline', () => {
    const named = [
      plan({ id: 'y6', pupilId: 'six', issuedDate: '2025-11-10', phaseTransferNamedDate: '2027-01-20', phaseTransferVersionId: 'v2' }),
      plan({ id: 'y11', pupilId: 'eleven', issuedDate: '2025-11-10', phaseTransferNamedDate: '2026-06-30', phaseTransferVersionId: 'v1' }),
    ];
    const items = computeClocks(inputs({ today: '2027-02-10', pupils, plans: named, transfers, rules }));
    expect(byId(items, 'phase_transfer:y6')).toMatchObject({ state: 'done', doneDate: '2027-01-20' });
    // Named in June 2026, before the school year of the 2027 deadline: that was an earlier move, not this one.
    expect(byId(items, 'phase_transfer_post16:y11')).toMatchObject({ state: 'upcoming', doneDate: null });
  });

  it('state follows today; the LA deadline is not moved off a closed day (15 February 2027 is in half-term)', () => {
    const at = (today: string) => byId(computeClocks(inputs({ today, pupils, plans, transfers, rules })), 'phase_transfer:y6');
    expect(at('2027-02-10')).toMatchObject({ state: 'due_this_week', dueDate: '2027-02-15', adjustedFrom: null });
    expect(at('2027-06-01').state).toBe('overdue');
  });

  it('a switched-off clock produces nothing', () => {
    expect(computeClocks(inputs({ pupils, plans, transfers, rules: only('phase_transfer_post16') })).map((i) => i.id)).toEqual([
      'phase_transfer_post16:y11',
    ]);
  });
});

describe('annual review brought forward for a phase transfer', () => {
  const p = pupil({ id: 'p', name: 'Pat', yearGroup: '6' });
  const run = (
    issuedDate: string,
    over: Partial<Parameters<typeof inputs>[0]> = {},
    tr = transfer({ pupilId: 'p', transferDate: '2027-09-01' }),
  ) =>
    computeClocks(
      inputs({
        pupils: [p],
        plans: [plan({ id: 'pl', pupilId: 'p', issuedDate })],
        transfers: [tr],
        rules: only('annual_review'),
        ...over,
      }),
    );

  it('is due by the latest meeting that lets the review end by 15 February, saying why', () => {
    // Usual date: Wed 10 Mar 2027, after the deadline. The amended plan comes up to 12 weeks after the meeting
    // (CoP 9.176; R (L) v Devon), so the meeting is due by Mon 15 Feb 2027 - 84 days = Mon 23 Nov 2026.
    const [item] = run('2026-03-10');
    expect(item).toMatchObject({
      id: 'annual_review:pl',
      fromDate: '2026-03-10',
      dueDate: '2026-11-23',
      adjustedFrom: '2027-03-10',
      adjustedReason: 'phase_transfer',
      transfer: { kind: 'primary_to_secondary', transferDate: '2027-09-01', nextSetting: null, deadline: '2027-02-15' },
      state: 'due_this_week',
    });
    // Without the transfer: the usual date.
    const [usual] = computeClocks(
      inputs({ pupils: [p], plans: [plan({ id: 'pl', pupilId: 'p', issuedDate: '2026-03-10' })], rules: only('annual_review') }),
    );
    expect(usual).toMatchObject({ dueDate: '2027-03-10', adjustedFrom: null, adjustedReason: null, transfer: null });
  });

  it('31 March for secondary to post-16: due by Wed 6 Jan 2027 (12 weeks before)', () => {
    const [item] = run('2026-05-20', {}, transfer({ pupilId: 'p', kind: 'secondary_to_post16', transferDate: '2027-09-01' }));
    expect(item).toMatchObject({ dueDate: '2027-01-06', adjustedFrom: '2027-05-20', adjustedReason: 'phase_transfer' });
  });

  it('follows the school’s settings for the steps after the meeting, and lands on a school day', () => {
    const annualOnly = (rs: ClockRule[]) => rs.map((r) => ({ ...r, enabled: r.key === 'annual_review' }));
    // Amended plan within 8 weeks: Mon 21 Dec 2026 is in the Christmas holiday, so Fri 18 Dec 2026.
    const eight = annualOnly(withRule({ ...defaultRule('review_amended_final'), amount: 8 }));
    expect(run('2026-03-10', { rules: eight })[0]).toMatchObject({
      dueDate: '2026-12-18',
      adjustedFrom: '2027-03-10',
      adjustedReason: 'phase_transfer',
    });
    // An LA decision set to 14 weeks is then the longest step: Mon 9 Nov 2026.
    const decision14 = annualOnly(withRule({ ...defaultRule('review_la_decision'), amount: 14 }));
    expect(run('2026-03-10', { rules: decision14 })[0]).toMatchObject({ dueDate: '2026-11-09' });
  });

  it('is not moved when the usual date is already early enough, or the transfer year’s review was held', () => {
    // Issued Tue 10 Nov 2025: due Tue 10 Nov 2026, before 23 November.
    expect(run('2025-11-10')[0]).toMatchObject({ dueDate: '2026-11-10', adjustedFrom: null, adjustedReason: null, transfer: null });
    // The transfer review was held on Mon 5 Oct 2026: the next review, after the move, keeps its usual date.
    const held = [review({ id: 'r', planId: 'pl', meetingDate: '2026-10-05', held: true })];
    expect(run('2026-03-10', { reviews: held })[0]).toMatchObject({ fromDate: '2026-10-05', dueDate: '2027-10-05', adjustedReason: null });
    // A move two years away does not pull this year's review forward.
    expect(run('2026-03-10', {}, transfer({ pupilId: 'p', transferDate: '2028-09-01' }))[0]).toMatchObject({
      dueDate: '2027-03-10',
      adjustedReason: null,
    });
  });

  it('preparing for adulthood follows the brought-forward date', () => {
    const y11 = pupil({ id: 'p', name: 'Pat', yearGroup: '11' });
    const items = computeClocks(
      inputs({
        pupils: [y11],
        plans: [plan({ id: 'pl', pupilId: 'p', issuedDate: '2026-05-20' })],
        rules: only('preparing_for_adulthood'),
        transfers: [transfer({ pupilId: 'p', kind: 'secondary_to_post16', transferDate: '2027-09-01' })],
      }),
    );
    expect(items[0]).toMatchObject({ key: 'preparing_for_adulthood', dueDate: '2027-01-06', adjustedReason: 'phase_transfer' });
  });
});

describe('deadlines for the school on a closed day move to the school day before', () => {
  const pupils = [pupil({ id: 'p', name: 'Pat' })];
  const plans = [plan({ id: 'pl', pupilId: 'p' })];
  const at = (meetingDate: string, key: ClockKey) => {
    const items = computeClocks(inputs({ pupils, plans, reviews: [review({ id: 'r', planId: 'pl', meetingDate })], rules: only(key) }));
    return byId(items, `${key}:r`);
  };

  it('invitations and advice: half-term, an INSET day, a closure and a bank holiday', () => {
    // Mon 9 Nov 2026 - 14 days = Mon 26 Oct (half-term); Fri 23 Oct is an INSET day: Thu 22 Oct.
    for (const key of ['review_invitations', 'review_advice'] as const) {
      expect(at('2026-11-09', key)).toMatchObject({ dueDate: '2026-10-22', adjustedFrom: '2026-10-26', adjustedReason: 'school_closed' });
      // Thu 26 Nov - 14 days = Thu 12 Nov, closed (boiler failure): Wed 11 Nov.
      expect(at('2026-11-26', key)).toMatchObject({ dueDate: '2026-11-11', adjustedFrom: '2026-11-12', adjustedReason: 'school_closed' });
      // Mon 17 May 2027 - 14 days = Mon 3 May, the early May bank holiday: Fri 30 Apr.
      expect(at('2027-05-17', key)).toMatchObject({ dueDate: '2027-04-30', adjustedFrom: '2027-05-03' });
      // Wed 2 Dec - 14 days = Wed 18 Nov, a school day: unchanged.
      expect(at('2026-12-02', key)).toMatchObject({ dueDate: '2026-11-18', adjustedFrom: null, adjustedReason: null });
    }
  });

  it('a weekend before the known term dates still moves to the Friday', () => {
    // A meeting on Sat 30 Aug 2025, before the known term dates: 14 days before is Sat 16 Aug, so Fri 15 Aug.
    expect(at('2025-08-30', 'review_invitations')).toMatchObject({ dueDate: '2025-08-15', adjustedFrom: '2025-08-16' });
  });

  it('needs identified and initial assessments counted in calendar weeks', () => {
    const rules = withRule({ ...defaultRule('needs_identified'), unit: 'calendar_weeks' }).map((r) => ({
      ...r,
      enabled: r.key === 'needs_identified' || r.key === 'initial_assessment',
    }));
    // Joined Mon 16 Nov 2026 + 6 weeks = Mon 28 Dec (Christmas holiday): Fri 18 Dec.
    const joined = pupil({ id: 'j', name: 'Jo', dateJoined: '2026-11-16' });
    const referrals = [{ id: 'ref', pupilId: 'j', receivedDate: '2026-11-16', state: 'received' as const, assessedDate: null }];
    const items = computeClocks(inputs({ pupils: [joined], referrals, rules }));
    expect(byId(items, 'needs_identified:j')).toMatchObject({
      dueDate: '2026-12-18',
      adjustedFrom: '2026-12-28',
      adjustedReason: 'school_closed',
    });
    expect(byId(items, 'initial_assessment:ref')).toMatchObject({ dueDate: '2026-12-18', adjustedFrom: '2026-12-28' });
  });

  it('the local authority’s deadlines keep the date the law gives', () => {
    // Request Tue 10 Nov 2026 + 6 weeks = Tue 22 Dec, in the Christmas holiday: still 22 Dec.
    const requests = [request({ id: 'q', pupilId: 'p', requestDate: '2026-11-10' })];
    expect(byId(computeClocks(inputs({ pupils, assessmentRequests: requests })), 'assessment_decision:q')).toMatchObject({
      dueDate: '2026-12-22',
      adjustedFrom: null,
    });
    // Held Tue 1 Dec 2026 + 4 weeks = Tue 29 Dec: still 29 Dec.
    const reviews = [review({ id: 'h', planId: 'pl', meetingDate: '2026-12-01', held: true })];
    expect(
      byId(computeClocks(inputs({ pupils, plans, reviews, rules: only('review_la_decision') })), 'review_la_decision:h'),
    ).toMatchObject({
      dueDate: '2026-12-29',
      adjustedFrom: null,
    });
  });
});

describe('16-week decision whether to issue a plan (SEND Regulations 2014 reg. 10)', () => {
  const pupils = [pupil({ id: 'a', name: 'Ada' })];
  const rules = only('assessment_issue_decision', 'assessment_final_plan');
  const run = (...requests: ReturnType<typeof request>[]) => computeClocks(inputs({ pupils, assessmentRequests: requests, rules }));
  const assess = { decision: 'assess' as const, decisionDate: '2026-11-09' };

  it('after a decision to assess, due 16 weeks after the request', () => {
    // Mon 5 Oct 2026 + 112 days = Mon 25 Jan 2027.
    const items = run(request({ id: 'q', pupilId: 'a', ...assess }));
    expect(byId(items, 'assessment_issue_decision:q')).toMatchObject({
      fromDate: '2026-10-05',
      dueDate: '2027-01-25',
      state: 'upcoming',
      recordType: 'assessment',
    });
    expect(byId(items, 'assessment_final_plan:q')).toMatchObject({ dueDate: '2027-02-22' });
  });

  it('done when the parent is told there will be no plan, and then no final-plan deadline', () => {
    const items = run(request({ id: 'q', pupilId: 'a', ...assess, issueDecision: 'not_issue', issueDecisionDate: '2027-01-20' }));
    expect(items.map((i) => [i.id, i.state, i.doneDate])).toEqual([['assessment_issue_decision:q', 'done', '2027-01-20']]);
  });

  it('done when the LA decides to issue (the draft), and the final plan is still due by week 20', () => {
    const items = run(request({ id: 'q', pupilId: 'a', ...assess, issueDecision: 'issue', issueDecisionDate: '2027-01-11' }));
    expect(items.map((i) => [i.id, i.state, i.doneDate])).toEqual([
      ['assessment_issue_decision:q', 'done', '2027-01-11'],
      ['assessment_final_plan:q', 'upcoming', null],
    ]);
  });

  it('overdue at 16 weeks with nothing recorded; a final plan issued counts as the decision', () => {
    const late = computeClocks(
      inputs({ today: '2027-02-01', pupils, assessmentRequests: [request({ id: 'q', pupilId: 'a', ...assess })], rules }),
    );
    expect(byId(late, 'assessment_issue_decision:q').state).toBe('overdue');
    const issued = run(request({ id: 'q', pupilId: 'a', ...assess, finalPlanDate: '2027-02-12' }));
    expect(byId(issued, 'assessment_issue_decision:q')).toMatchObject({ state: 'done', doneDate: '2027-02-12' });
  });

  it('no 16-week step before a decision to assess, after a refusal, or when switched off', () => {
    expect(run(request({ id: 'open', pupilId: 'a' })).map((i) => i.key)).toEqual(['assessment_final_plan']);
    expect(run(request({ id: 'no', pupilId: 'a', decision: 'refuse', decisionDate: '2026-11-09' }))).toEqual([]);
    const off = computeClocks(
      inputs({ pupils, assessmentRequests: [request({ id: 'q', pupilId: 'a', ...assess })], rules: only('assessment_final_plan') }),
    );
    expect(off.map((i) => i.key)).toEqual(['assessment_final_plan']);
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

  it('a pupil in year group X counts from Year 9 by age (13 on 31 August)', () => {
    const xs = [
      pupil({ id: 'x14', name: 'Xan', yearGroup: 'X', dateOfBirth: '2012-10-01' }), // 13 on 31 Aug 2026: Year 9 age
      pupil({ id: 'x12', name: 'Xia', yearGroup: 'X', dateOfBirth: '2014-10-01' }), // 11 on 31 Aug 2026: Year 7 age
    ];
    const xPlans = [
      plan({ id: 'px14', pupilId: 'x14', issuedDate: '2026-01-20' }),
      plan({ id: 'px12', pupilId: 'x12', issuedDate: '2026-01-20' }),
    ];
    const items = computeClocks(inputs({ pupils: xs, plans: xPlans, rules: only('preparing_for_adulthood') }));
    expect(items.map((i) => i.id)).toEqual(['preparing_for_adulthood:px14']);
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
