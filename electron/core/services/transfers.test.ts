/**
 * Phase transfers the SENCo records (SEND Regulations 2014 reg. 18) and the LA's 16-week decision whether to issue
 * a plan (reg. 10), through the dispatcher to the clocks, on SQLite and PostgreSQL.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeUpn } from '../../../shared/upn';
import type { ClockList, PhaseTransfer, PlanView, PupilProfile, RequestRecord } from '../../../shared/contract';
import { openTestCore, planContent, pupilInput, setUp, testDrivers, type TestCore } from '../testing/harness';

describe.each(testDrivers())('phase transfers and the decision whether to issue on %s', (driver) => {
  let core: TestCore;
  let senco: string;
  const call = (session: string, op: string, input: unknown) => core.dispatcher.invoke({ op, input, session });
  const must = async <T>(op: string, input: unknown, session = senco): Promise<T> => {
    const r = await call(session, op, input);
    if (!r.ok) throw new Error(`${op}: ${JSON.stringify(r.error)}`);
    return r.value as T;
  };
  const pupil = (n: number, over: Record<string, unknown> = {}) =>
    must<PupilProfile>(
      'pupils.create',
      pupilInput({ upn: makeUpn(999, 4001, 19, n), legalFirstName: `Pupil${n}`, senStatus: 'E', needs: ['ASD'], ...over }),
    );
  const plan = (pupilId: string, issuedDate: string) =>
    must<PlanView>('ehcp.create', {
      pupilId,
      localAuthority: 'Exampleshire',
      ownerId: null,
      status: 'final',
      draftDate: null,
      issuedDate,
      ceasedDate: null,
      ceasedReason: null,
      content: planContent(),
    });
  const clocks = (pupilId: string) => must<ClockList>('clocks.list', { pupilId });

  beforeEach(async () => {
    // Monday 23 November 2026, in the school year 2026/27.
    core = await openTestCore(driver, () => new Date('2026-11-23T09:00:00Z'));
    senco = await setUp(core);
  });
  afterEach(async () => core.cleanup());

  it('a recorded transfer gives the reg. 18 deadline and brings the review forward; the year group alone gives nothing', async () => {
    const moving = await pupil(1, { yearGroup: '6' });
    const staying = await pupil(2, { yearGroup: '6' }); // an all-through school: Year 6 moves up, not on
    const pm = await plan(moving.id, '2026-03-10');
    await plan(staying.id, '2026-03-10');

    const recorded = await must<PhaseTransfer>('ehcp.transfer.record', {
      pupilId: moving.id,
      kind: 'primary_to_secondary',
      transferDate: '2027-09-01',
      nextSetting: ' Northwold Academy (fictional) ',
    });
    expect(recorded).toMatchObject({
      pupilId: moving.id,
      kind: 'primary_to_secondary',
      transferDate: '2027-09-01',
      nextSetting: 'Northwold Academy (fictional)',
      deadline: '2027-02-15',
      latestReview: '2026-11-23',
      recordedBy: expect.stringContaining('sam.senco'),
    });
    expect(await must('ehcp.transfer.get', { pupilId: moving.id })).toEqual(recorded);
    expect(await must('ehcp.transfer.get', { pupilId: staying.id })).toBeNull();

    const list = await clocks(moving.id);
    const item = (key: string) => list.items.find((i) => i.key === key);
    expect(item('phase_transfer')).toMatchObject({
      recordId: pm.plan.id,
      fromDate: '2026-09-01',
      dueDate: '2027-02-15',
      state: 'upcoming',
      transfer: {
        kind: 'primary_to_secondary',
        transferDate: '2027-09-01',
        nextSetting: 'Northwold Academy (fictional)',
        deadline: '2027-02-15',
      },
    });
    // Usual date 10 March 2027; the amended plan can take 12 weeks after the meeting, so the meeting is due by
    // 23 November 2026 (today).
    expect(item('annual_review')).toMatchObject({
      dueDate: '2026-11-23',
      adjustedFrom: '2027-03-10',
      adjustedReason: 'phase_transfer',
      state: 'due_this_week',
    });

    const other = await clocks(staying.id);
    expect(other.items.map((i) => i.key)).toEqual(['annual_review']);
    expect(other.items[0]).toMatchObject({ dueDate: '2027-03-10', adjustedReason: null, transfer: null });
  });

  it('a transfer to post-16 runs to 31 March; recording again replaces it; clearing removes it and its deadlines', async () => {
    const p = await pupil(3, { yearGroup: '11' });
    const pl = await plan(p.id, '2026-05-20');
    await must('ehcp.transfer.record', { pupilId: p.id, kind: 'primary_to_secondary', transferDate: '2027-09-01', nextSetting: null });
    const again = await must<PhaseTransfer>('ehcp.transfer.record', {
      pupilId: p.id,
      kind: 'secondary_to_post16',
      transferDate: '2027-09-06',
      nextSetting: null,
    });
    expect(again).toMatchObject({ kind: 'secondary_to_post16', deadline: '2027-03-31', latestReview: '2027-01-06' });
    let list = await clocks(p.id);
    // Year 11: preparing for adulthood follows the review, brought forward with it.
    expect(list.items.map((i) => [i.key, i.dueDate]).sort()).toEqual([
      ['annual_review', '2027-01-06'],
      ['phase_transfer_post16', '2027-03-31'],
      ['preparing_for_adulthood', '2027-01-06'],
    ]);

    // The amendment naming the next placement satisfies the deadline.
    await must('ehcp.update', {
      planId: pl.plan.id,
      baseVersion: 1,
      localAuthority: 'Exampleshire',
      ownerId: null,
      status: 'final',
      draftDate: null,
      issuedDate: '2026-05-20',
      ceasedDate: null,
      ceasedReason: null,
      content: { ...planContent(), placement: { name: 'Riverside College (fictional)', urn: null, type: 'Further education college' } },
      amendment: { effectiveDate: '2026-11-20', reason: 'Phase transfer: names the post-16 placement', namesNextPhase: true },
    });
    list = await clocks(p.id);
    expect(list.items.find((i) => i.key === 'phase_transfer_post16')).toMatchObject({ state: 'done', doneDate: '2026-11-20' });

    expect(await must('ehcp.transfer.clear', { pupilId: p.id })).toEqual({ cleared: true });
    expect(await must('ehcp.transfer.get', { pupilId: p.id })).toBeNull();
    list = await clocks(p.id);
    expect(list.items.map((i) => [i.key, i.dueDate, i.adjustedReason])).toEqual([
      ['annual_review', '2027-05-20', null],
      ['preparing_for_adulthood', '2027-05-20', null],
    ]);
    const twice = await call(senco, 'ehcp.transfer.clear', { pupilId: p.id });
    expect(twice).toMatchObject({ ok: false, error: { code: 'not_found', message: expect.stringMatching(/no phase transfer recorded/) } });
  });

  it('refuses a transfer without a plan, a bad kind or date, and anyone but the SENCo; writes nothing', async () => {
    const p = await pupil(4);
    const noPlan = await call(senco, 'ehcp.transfer.record', {
      pupilId: p.id,
      kind: 'infant_to_junior',
      transferDate: '2027-09-01',
      nextSetting: null,
    });
    expect(noPlan).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/Create the plan first/) } });
    await plan(p.id, '2026-03-10');
    const badKind = await call(senco, 'ehcp.transfer.record', {
      pupilId: p.id,
      kind: 'year_6',
      transferDate: '2027-09-01',
      nextSetting: null,
    });
    expect(badKind).toMatchObject({ ok: false, error: { code: 'invalid_input', fields: { kind: expect.any(String) } } });
    const badDate = await call(senco, 'ehcp.transfer.record', {
      pupilId: p.id,
      kind: 'infant_to_junior',
      transferDate: '2027-02-30',
      nextSetting: null,
    });
    expect(badDate).toMatchObject({ ok: false, error: { code: 'invalid_input', fields: { transferDate: expect.any(String) } } });

    await must('users.create', {
      displayName: 'Hana Head',
      username: 'hana.head',
      role: 'headteacher',
      password: 'a long enough password',
    });
    const head = (await must<{ session: string }>('auth.signIn', { username: 'hana.head', password: 'a long enough password' }, ''))
      .session;
    const refused = await call(head, 'ehcp.transfer.record', {
      pupilId: p.id,
      kind: 'infant_to_junior',
      transferDate: '2027-09-01',
      nextSetting: null,
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await must('ehcp.transfer.get', { pupilId: p.id }, head)).toBeNull();
  });

  it('the 16-week decision: not issuing (parent told) ends the clock with no final plan; issuing keeps the final plan due', async () => {
    const a = await pupil(5, { senStatus: 'K', needs: ['SLCN'] });
    const base = {
      id: null,
      pupilId: a.id,
      localAuthority: 'Exampleshire',
      ownerId: null,
      requestDate: '2026-08-03',
      decisionDate: '2026-09-11',
      decision: 'assess',
      finalPlanDate: null,
      withdrawnDate: null,
    };
    const saved = await must<RequestRecord>('ehcp.requests.save', base);
    expect(saved).toMatchObject({ issueDecision: null, issueDecisionDate: null });
    // Mon 3 Aug 2026 + 16 weeks = Mon 23 Nov 2026 (today); + 20 weeks = Mon 21 Dec 2026.
    let list = await clocks(a.id);
    const keys = () => list.items.map((i) => [i.key, i.dueDate, i.state]);
    expect(keys()).toEqual([
      ['assessment_decision', '2026-09-14', 'done'],
      ['assessment_issue_decision', '2026-11-23', 'due_this_week'],
      ['assessment_final_plan', '2026-12-21', 'upcoming'],
    ]);

    await must('ehcp.requests.save', { ...base, id: saved.id, issueDecision: 'not_issue', issueDecisionDate: '2026-11-20' });
    list = await clocks(a.id);
    expect(keys()).toEqual([
      ['assessment_decision', '2026-09-14', 'done'],
      ['assessment_issue_decision', '2026-11-23', 'done'],
    ]);
    expect((await must<RequestRecord[]>('ehcp.requests.list', { pupilId: a.id }))[0]).toMatchObject({
      issueDecision: 'not_issue',
      issueDecisionDate: '2026-11-20',
    });

    await must('ehcp.requests.save', { ...base, id: saved.id, issueDecision: 'issue', issueDecisionDate: '2026-11-18' });
    list = await clocks(a.id);
    expect(keys()).toEqual([
      ['assessment_decision', '2026-09-14', 'done'],
      ['assessment_issue_decision', '2026-11-23', 'done'],
      ['assessment_final_plan', '2026-12-21', 'upcoming'],
    ]);
  });

  it('refuses an issue decision that does not fit the request, keeping what was saved', async () => {
    const a = await pupil(6, { senStatus: 'K', needs: ['SLCN'] });
    const base = {
      id: null,
      pupilId: a.id,
      localAuthority: 'Exampleshire',
      ownerId: null,
      requestDate: '2026-08-03',
      decisionDate: null,
      decision: null,
      finalPlanDate: null,
      withdrawnDate: null,
    };
    const refused = async (over: Record<string, unknown>, field: string, message: RegExp) => {
      const r = await call(senco, 'ehcp.requests.save', { ...base, ...over });
      expect(r, JSON.stringify(over)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      if (!r.ok) expect(r.error.fields?.[field]).toMatch(message);
    };
    await refused({ issueDecision: 'not_issue', issueDecisionDate: '2026-11-20' }, 'issueDecision', /follows a decision to assess/);
    const assessed = { decision: 'assess', decisionDate: '2026-09-11' };
    await refused({ ...assessed, issueDecision: 'issue', issueDecisionDate: null }, 'issueDecision', /both/);
    await refused(
      { ...assessed, issueDecision: 'not_issue', issueDecisionDate: '2026-11-20', finalPlanDate: '2026-12-18' },
      'finalPlanDate',
      /not to issue a plan/,
    );
    await refused(
      { ...assessed, issueDecision: 'issue', issueDecisionDate: '2026-09-01' },
      'issueDecisionDate',
      /on or after 11 September 2026/,
    );
    expect(await must('ehcp.requests.list', { pupilId: a.id })).toEqual([]);
  });
});
