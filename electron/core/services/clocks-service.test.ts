/** The clocks as the dashboard reads them: records in the database → items with computed dates and states. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeUpn } from '../../../shared/upn';
import type { ClockList, PlanView, PupilProfile } from '../../../shared/contract';
import { openTestCore, planContent, pupilInput, setUp, testDrivers, type TestCore } from '../testing/harness';

describe.each(testDrivers())('clocks, calendar and register on %s', (driver) => {
  let core: TestCore;
  let session: string;
  const call = async <T>(op: string, input: unknown): Promise<T> => {
    const r = await core.dispatcher.invoke({ op, input, session });
    if (!r.ok) throw new Error(`${op}: ${JSON.stringify(r.error)}`);
    return r.value as T;
  };
  const pupil = async (n: number, over: Record<string, unknown> = {}) =>
    call<PupilProfile>('pupils.create', pupilInput({ upn: makeUpn(999, 4001, 19, n), legalFirstName: `Pupil${n}`, ...over }));
  const plan = async (pupilId: string, issuedDate: string, la = 'Exampleshire') =>
    call<PlanView>('ehcp.create', {
      pupilId,
      localAuthority: la,
      ownerId: null,
      status: 'final',
      draftDate: null,
      issuedDate,
      ceasedDate: null,
      ceasedReason: null,
      content: planContent(),
    });

  beforeEach(async () => {
    core = await openTestCore(driver, () => new Date('2026-11-23T09:00:00Z'));
    session = await setUp(core);
  });
  afterEach(async () => core.cleanup());

  it('computes annual reviews from the issue date, then from the last held review; steps follow the meeting', async () => {
    const a = await pupil(1, { senStatus: 'E', yearGroup: '5' });
    const b = await pupil(2, { senStatus: 'E', yearGroup: '5' });
    const pa = await plan(a.id, '2026-03-02');
    const pb = await plan(b.id, '2025-06-10', 'Northwold');
    let list = await call<ClockList>('clocks.list', { keys: ['annual_review'] });
    const byPupil = (l: ClockList, id: string) => l.items.find((i) => i.pupilId === id)!;
    expect(byPupil(list, a.id)).toMatchObject({
      dueDate: '2027-03-02',
      state: 'upcoming',
      localAuthority: 'Exampleshire',
      recordId: pa.plan.id,
    });
    expect(byPupil(list, b.id)).toMatchObject({ dueDate: '2026-06-10', state: 'overdue', localAuthority: 'Northwold' });
    expect(list.counts).toMatchObject({ overdue: 1, upcoming: 1 });
    expect(list.byLocalAuthority.map((r) => [r.localAuthority, r.overdue, r.upcoming])).toEqual([
      ['Exampleshire', 0, 1],
      ['Northwold', 1, 0],
    ]);

    // The overdue review is held on 16 November 2026: the next one is due a year later, and the report is due 2 weeks after.
    await call('ehcp.reviews.save', {
      id: null,
      planId: pb.plan.id,
      meetingDate: '2026-11-16',
      held: true,
      invitationsSentDate: '2026-10-19',
      adviceCirculatedDate: null,
      reportSentDate: null,
      laDecisionDate: null,
      laDecision: null,
      amendedFinalDate: null,
    });
    list = await call<ClockList>('clocks.list', { pupilId: b.id });
    const item = (key: string) => list.items.find((i) => i.key === key);
    expect(item('annual_review')).toMatchObject({ dueDate: '2027-11-16', state: 'upcoming' });
    expect(item('review_invitations')).toMatchObject({ dueDate: '2026-11-02', state: 'done', doneDate: '2026-10-19' });
    // The advice was never recorded, but the meeting it was for has been held: moot, not overdue (issue 17).
    expect(item('review_advice')).toMatchObject({
      dueDate: '2026-11-02',
      state: 'done',
      doneDate: null,
      supersededBy: { by: 'review_held', date: '2026-11-16' },
    });
    // Due this week means today to today + 6 days: 30 November is the 7th day, so still upcoming.
    expect(item('review_report')).toMatchObject({ dueDate: '2026-11-30', state: 'upcoming' });
    expect(item('review_la_decision')).toMatchObject({ dueDate: '2026-12-14', state: 'upcoming' });

    // Filters narrow the list; the pupil's own list names only them.
    const north = await call<ClockList>('clocks.list', { localAuthority: 'Northwold' });
    expect(new Set(north.items.map((i) => i.pupilId))).toEqual(new Set([b.id]));
    const overdueOnly = await call<ClockList>('clocks.list', { states: ['overdue'] });
    expect(overdueOnly.items.every((i) => i.state === 'overdue')).toBe(true);
  });

  it('moves a review that falls in the holidays to the last school day before, using the calendar', async () => {
    const a = await pupil(3, { senStatus: 'E' });
    await plan(a.id, '2025-08-12');
    const imported = await call<{ terms: number; days: number; rejected: unknown[] }>('calendar.import', {
      csv: 'Type,Name,Start,End\r\nTerm,Summer 2,08/06/2026,22/07/2026\r\nTerm,Autumn 1,02/09/2026,23/10/2026\r\nINSET,Staff training,22/07/2026,\r\n',
    });
    expect(imported).toMatchObject({ terms: 2, days: 1, rejected: [] });
    const list = await call<ClockList>('clocks.list', { pupilId: a.id, keys: ['annual_review'] });
    // 12 August 2026 is in the summer holiday; 22 July is an INSET day, so the last school day is 21 July.
    expect(list.items[0]).toMatchObject({ dueDate: '2026-07-21', adjustedFrom: '2026-08-12', state: 'overdue' });
  });

  it('imports nothing from a calendar file with a bad row, and names the line', async () => {
    const r = await core.dispatcher.invoke({
      op: 'calendar.import',
      input: {
        csv: 'Type,Name,Start,End\nTerm,Autumn 1,02/09/2026,23/10/2026\nTerm,Autumn 9,02/11/2026,18/12/2026\nHoliday,Xmas,21/12/2026,\n',
      },
      session,
    });
    expect(r.ok).toBe(true);
    if (r.ok) {
      const v = r.value as { rejected: { line: number; reason: string }[] };
      expect(v.rejected.map((x) => x.line)).toEqual([3, 4]);
      expect(v.rejected[0]!.reason).toMatch(/not a term name/);
    }
    expect(await call<unknown[]>('terms.list', {})).toEqual([]);
  });

  it('counts golden-thread problems across current plans', async () => {
    const a = await pupil(4, { senStatus: 'E' });
    const c = planContent();
    await call('ehcp.create', {
      pupilId: a.id,
      localAuthority: 'Exampleshire',
      ownerId: null,
      status: 'final',
      draftDate: null,
      issuedDate: '2026-01-05',
      ceasedDate: null,
      ceasedReason: null,
      content: { ...c, provision: [c.provision[0]!] },
    });
    const list = await call<ClockList>('clocks.list', {});
    expect(list.goldenThreadProblems).toBe(1);
    expect(list.plansWithProblems).toBe(1);
  });

  it('summarises and exports the SEN register', async () => {
    await pupil(5, { senStatus: 'E', yearGroup: '3', className: '3A', needs: ['ASD'] });
    await pupil(6, { senStatus: 'K', yearGroup: '3', className: '3B', needs: ['SLCN'] });
    await pupil(7, { senStatus: 'N', yearGroup: '4', className: '4A', needs: [] });
    const s = await call<{ total: number; byStatus: Record<string, number>; byYearGroup: { yearGroup: string; count: number }[] }>(
      'register.summary',
      {},
    );
    expect(s.total).toBe(3);
    expect(s.byStatus).toEqual({ E: 1, K: 1, N: 1 });
    expect(s.byYearGroup).toEqual([
      { yearGroup: '3', count: 2 },
      { yearGroup: '4', count: 1 },
    ]);
    const e = await call<{ csv: string; rows: number; filename: string }>('register.export', {});
    expect(e.rows).toBe(2);
    expect(e.filename).toBe('sen-register-2026-11-23.csv');
    expect(e.csv.startsWith('\uFEFF')).toBe(true);
    const lines = e.csv.slice(1).trim().split('\r\n');
    expect(lines[0]).toBe(
      'UPN,Legal surname,Legal forename,Preferred name,Date of birth,Year group,Class,SEN status,SEN status since,Primary need,Secondary need,Date left',
    );
    expect(lines.slice(1).map((l) => l.split(',')[7])).toEqual(expect.arrayContaining(['E (EHC plan)', 'K (SEN support)']));
    const byClass = await call<{ total: number }>('pupils.list', { className: '3b' });
    expect(byClass.total).toBe(1);
  });

  it('refuses a clock setting outside its limits and keeps defaults for the rest', async () => {
    const bad = await core.dispatcher.invoke({
      op: 'clocks.saveRule',
      input: { key: 'annual_review', enabled: true, amount: 12, unit: 'calendar_weeks', under5Months: 6 },
      session,
    });
    expect(!bad.ok && bad.error.fields?.unit).toBeTruthy();
    const rules = await call<{ key: string; amount: number; unit: string; custom: boolean }[]>('clocks.saveRule', {
      key: 'needs_identified',
      enabled: true,
      amount: 8,
      unit: 'calendar_weeks',
      under5Months: null,
    });
    expect(rules.find((r) => r.key === 'needs_identified')).toMatchObject({ amount: 8, unit: 'calendar_weeks', custom: true });
    expect(rules.find((r) => r.key === 'annual_review')).toMatchObject({ amount: 12, unit: 'months', custom: false });
  });
});
