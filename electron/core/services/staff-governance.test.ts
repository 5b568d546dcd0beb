/**
 * Staff compliance (expiry rules, the dashboard's due and expired items, CPD) and complaints, feedback and policy
 * review dates (issue 9), through the dispatcher.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ComplianceAlert, FeedbackRecord, GovernorsReport, PolicyRecord, StaffRecord } from '../../../shared/contract';
import { complianceOf } from '../../../shared/staff-rules';
import { openTestCore, setUp, testDrivers, type TestCore } from '../testing/harness';
import { addWorkingDays } from './governance';

type R<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string; fields?: Record<string, string> } };

const staff = (over: Record<string, unknown> = {}) => ({
  id: null,
  name: 'Tess Therapist',
  jobTitle: 'Speech and language therapist',
  userId: null,
  active: true,
  dbsNumber: '001234567890',
  dbsIssueDate: '2024-09-01',
  dbsUpdateService: false,
  dbsCheckedOn: null,
  safeguardingLevel: 'level3',
  safeguardingDate: '2024-01-10',
  firstAidRequired: true,
  firstAidDate: '2023-12-01',
  registrationRequired: true,
  registrationBody: 'hcpc',
  registrationNumber: 'SL12345',
  registrationExpiry: '2027-09-30',
  thriveRequired: false,
  thriveLicence: null,
  thriveExpiry: null,
  ...over,
});

describe('expiry rules', () => {
  const base = { ...staff(), safeguardingLevel: 'level3' as const, registrationBody: undefined };
  it('DBS: three years from issue, or a yearly status check on the update service', () => {
    expect(complianceOf(base, '2026-11-23').find((c) => c.item === 'dbs')).toEqual({ item: 'dbs', state: 'ok', due: '2027-09-01' });
    expect(
      complianceOf({ ...base, dbsUpdateService: true, dbsCheckedOn: '2025-12-01' }, '2026-11-23').find((c) => c.item === 'dbs'),
    ).toEqual({ item: 'dbs', state: 'due_soon', due: '2026-12-01' });
  });
  it('training and first aid by level; registration and Thrive only where the role needs them', () => {
    const c = complianceOf({ ...base, thriveRequired: true }, '2026-11-23');
    expect(c.find((x) => x.item === 'safeguarding')).toEqual({ item: 'safeguarding', state: 'due_soon', due: '2027-01-10' });
    expect(c.find((x) => x.item === 'first_aid')).toEqual({ item: 'first_aid', state: 'due_soon', due: '2026-12-01' });
    expect(c.find((x) => x.item === 'thrive')).toEqual({ item: 'thrive', state: 'missing', due: null });
    expect(
      complianceOf({ ...base, safeguardingLevel: 'dsl', safeguardingDate: '2024-09-01' }, '2026-11-23').find(
        (x) => x.item === 'safeguarding',
      )!.state,
    ).toBe('expired');
    expect(complianceOf({ ...base, registrationRequired: false }, '2026-11-23').find((x) => x.item === 'registration')!.state).toBe(
      'not_required',
    );
  });
  it('counts complaint timescales in weekdays', () => {
    expect(addWorkingDays('2026-11-20', 2)).toBe('2026-11-24'); // Friday + 2 working days
  });
});

describe.each(testDrivers())('staff, complaints and policies on %s', (driver) => {
  let core: TestCore;
  let senco: string;
  const call = <T>(op: string, input: unknown) => core.dispatcher.invoke({ op, input, session: senco }) as Promise<R<T>>;
  const must = async <T>(op: string, input: unknown): Promise<T> => {
    const r = await call<T>(op, input);
    if (!r.ok) throw new Error(`${op}: ${JSON.stringify(r.error)}`);
    return r.value;
  };
  beforeEach(async () => {
    core = await openTestCore(driver, () => new Date('2026-11-23T09:00:00Z'));
    senco = await setUp(core);
  });
  afterEach(async () => core.cleanup());

  it('records checks and CPD, and puts items expiring within 60 days and expired ones on the dashboard', async () => {
    const tess = await must<StaffRecord>('staff.save', staff());
    await must<StaffRecord>(
      'staff.save',
      staff({
        name: 'Ash Assistant',
        jobTitle: 'Teaching assistant',
        registrationRequired: false,
        registrationBody: null,
        registrationNumber: null,
        registrationExpiry: null,
        safeguardingLevel: 'level1',
        safeguardingDate: '2023-09-01',
        firstAidRequired: false,
        firstAidDate: null,
      }),
    );
    const alerts = await must<ComplianceAlert[]>('staff.alerts', {});
    expect(alerts.map((a) => [a.name, a.item, a.state])).toEqual([
      ['Ash Assistant', 'safeguarding', 'expired'],
      ['Tess Therapist', 'first_aid', 'due_soon'],
      ['Tess Therapist', 'safeguarding', 'due_soon'],
    ]);
    const withCpd = await must<StaffRecord>('staff.cpd.add', {
      staffId: tess.id,
      course: 'DLD update',
      date: '2026-10-10',
      provider: 'RCSLT',
      hours: 1.5,
    });
    expect(withCpd.cpd).toHaveLength(1);
    expect(withCpd.cpdHoursThisYear).toBe(1.5);
    const removed = await must<StaffRecord>('staff.cpd.remove', { id: withCpd.cpd[0]!.id });
    expect(removed.cpd).toEqual([]);
  });

  it('refuses a DBS number that is not 12 digits, a number without its date, and a date in the future', async () => {
    expect(await call('staff.save', staff({ dbsNumber: '1234' }))).toMatchObject({
      ok: false,
      error: { fields: { dbsNumber: expect.stringMatching(/12 digits/) } },
    });
    expect(await call('staff.save', staff({ dbsIssueDate: null }))).toMatchObject({
      ok: false,
      error: { fields: { dbsIssueDate: expect.any(String) } },
    });
    expect(await call('staff.save', staff({ firstAidDate: '2027-01-01' }))).toMatchObject({
      ok: false,
      error: { fields: { firstAidDate: expect.stringMatching(/future/i) } },
    });
    expect(await must<StaffRecord[]>('staff.list', {})).toEqual([]);
  });

  it('follows a complaint from the SENCo to the formal procedure, and reports to governors without names', async () => {
    const complaint = {
      id: null,
      kind: 'complaint',
      source: 'parent',
      fromName: 'Pat Parent',
      pupilId: null,
      receivedDate: '2026-11-02',
      summary: 'Two sessions cancelled without notice.',
      sentiment: null,
      stage: 'senco',
      acknowledgedDate: null,
      respondedDate: null,
      escalatedDate: null,
      closedDate: null,
      outcome: null,
    };
    const c = await must<FeedbackRecord>('feedback.save', complaint);
    expect(c).toMatchObject({ status: 'received', acknowledgeBy: '2026-11-04', respondBy: '2026-11-16', late: true });
    expect(await call('feedback.save', { ...complaint, id: c.id, acknowledgedDate: '2026-11-01' })).toMatchObject({
      ok: false,
      error: { fields: { acknowledgedDate: expect.stringMatching(/before/) } },
    });
    expect(await call('feedback.save', { ...complaint, id: c.id, escalatedDate: '2026-11-20' })).toMatchObject({
      ok: false,
      error: { fields: { stage: expect.any(String) } },
    });
    const escalated = await must<FeedbackRecord>('feedback.save', {
      ...complaint,
      id: c.id,
      stage: 'formal',
      acknowledgedDate: '2026-11-03',
      respondedDate: '2026-11-10',
      escalatedDate: '2026-11-20',
    });
    expect(escalated.status).toBe('escalated');
    await must('feedback.save', {
      ...complaint,
      fromName: null,
      source: 'pupil',
      kind: 'feedback',
      stage: null,
      sentiment: 'positive',
      summary: 'I like the group.',
    });
    const report = await must<GovernorsReport>('feedback.report', { from: '2026-09-01', to: '2027-08-31' });
    expect(report.complaints).toMatchObject({
      total: 1,
      escalated: 1,
      open: 1,
      medianDaysToAcknowledge: 1,
      medianDaysToRespond: 6,
      acknowledgedLate: 0,
    });
    expect(report.feedback).toMatchObject({ total: 1, bySource: { pupil: 1 }, bySentiment: { positive: 1 } });
    expect(JSON.stringify(report)).not.toContain('Pat Parent');
  });

  it('shows the policy review date, due soon or overdue', async () => {
    const input = {
      id: null,
      title: 'Policy for Therapy Provision',
      holder: 'Headteacher',
      approvedBy: 'Governing Body',
      approvedDate: '2025-09-01',
      nextReviewDate: '2026-09-01',
    };
    const p = await must<PolicyRecord>('policies.save', input);
    expect(p.state).toBe('overdue');
    expect(
      (await must<PolicyRecord>('policies.save', { ...input, id: p.id, approvedDate: '2026-11-20', nextReviewDate: '2027-01-10' })).state,
    ).toBe('due_soon');
    expect(await call('policies.save', { ...input, nextReviewDate: '2025-01-01' })).toMatchObject({
      ok: false,
      error: { fields: { nextReviewDate: expect.any(String) } },
    });
    expect(await must<PolicyRecord[]>('policies.list', {})).toHaveLength(1);
  });
});
