/**
 * The provision catalogue's measures (issue 18, item 1; migration 0023), through the dispatcher on SQLite and
 * PostgreSQL: each entry and exit value is kept with the date it was taken; left empty, the date is the place's start
 * (entry) or its end (exit), never a day to come; a date in the future, or an exit before the entry, is refused beside
 * its field with nothing written; a date beside no value is not kept.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  ProvisionDetail,
  ProvisionPlacementView,
  ProvisionRecord,
  PupilProfile,
  SessionView,
  UserSummary,
} from '../../../shared/contract';
import { makeUpn } from '../../../shared/upn';
import { openTestCore, pupilInput, setUp, testDrivers, type TestCore } from '../testing/harness';

type R<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string; fields?: Record<string, string> } };

describe.each(testDrivers())('provision measures and their dates on %s', (driver) => {
  let core: TestCore;
  let senco: string;
  let ada: PupilProfile;
  let ben: PupilProfile;
  let lego: ProvisionRecord;
  const call = <T>(op: string, input: unknown) => core.dispatcher.invoke({ op, input, session: senco }) as Promise<R<T>>;
  const must = async <T>(op: string, input: unknown): Promise<T> => {
    const r = await call<T>(op, input);
    if (!r.ok) throw new Error(`${op}: ${JSON.stringify(r.error)}`);
    return r.value;
  };

  beforeEach(async () => {
    core = await openTestCore(driver, () => new Date('2026-11-23T09:00:00Z'));
    senco = await setUp(core);
    ada = await must<PupilProfile>(
      'pupils.create',
      pupilInput({ upn: makeUpn(999, 4100, 23, 1), legalFirstName: 'Ada', legalLastName: 'Measured', yearGroup: '4' }),
    );
    ben = await must<PupilProfile>(
      'pupils.create',
      pupilInput({ upn: makeUpn(999, 4100, 23, 2), legalFirstName: 'Ben', legalLastName: 'Measured', yearGroup: '4' }),
    );
    lego = await must<ProvisionRecord>('provisions.create', {
      name: 'Lego therapy',
      area: 'communication_interaction',
      wave: 'targeted',
      groupSize: 4,
      sessionsPerWeek: 2,
      minutesPerSession: 30,
      staffRole: 'teaching_assistant',
      startDate: '2026-09-03',
      endDate: null,
      measureName: 'Turns taken in ten minutes',
      description: null,
    });
  });
  afterEach(async () => core.cleanup());

  it('keeps each value with the date it was taken, defaulting to the place’s start and end but never a day to come', async () => {
    const a = await must<ProvisionPlacementView>('provisions.placements.add', {
      provisionId: lego.id,
      pupilId: ada.id,
      startDate: '2026-09-10',
      endDate: null,
      entryValue: 3,
    });
    expect(a).toMatchObject({ entryValue: 3, entryDate: '2026-09-10', exitValue: null, exitDate: null });
    // A place starting next week: its baseline was taken today, not on a day to come.
    const b = await must<ProvisionPlacementView>('provisions.placements.add', {
      provisionId: lego.id,
      pupilId: ben.id,
      startDate: '2026-11-30',
      endDate: null,
      entryValue: 2,
    });
    expect(b).toMatchObject({ entryDate: '2026-11-23' });

    const measured = await must<ProvisionPlacementView>('provisions.placements.measures', {
      id: a.id,
      entryValue: 3.5,
      exitValue: 7,
      entryDate: '2026-09-08',
      exitDate: '2026-11-20',
    });
    expect(measured).toMatchObject({ entryValue: 3.5, entryDate: '2026-09-08', exitValue: 7, exitDate: '2026-11-20' });
    // An open place's exit value without a date was taken today; a value cleared takes its date with it.
    expect(await must('provisions.placements.measures', { id: a.id, entryValue: 3.5, exitValue: 8 })).toMatchObject({
      entryDate: '2026-09-08',
      exitDate: '2026-11-20',
    });
    expect(
      await must('provisions.placements.measures', { id: a.id, entryValue: 3.5, exitValue: null, exitDate: '2026-11-20' }),
    ).toMatchObject({ exitValue: null, exitDate: null });
    expect(await must('provisions.placements.measures', { id: a.id, entryValue: 3.5, exitValue: 6 })).toMatchObject({
      exitValue: 6,
      exitDate: '2026-11-23',
    });

    // Ending a place with an exit value: taken on the day it ends, or today when that is to come.
    expect(await must('provisions.placements.end', { id: a.id, endDate: '2026-11-20', exitValue: 5 })).toMatchObject({
      endDate: '2026-11-20',
      exitValue: 5,
      exitDate: '2026-11-20',
    });
    expect(await must('provisions.placements.end', { id: b.id, endDate: '2026-12-04', exitValue: 4 })).toMatchObject({
      endDate: '2026-12-04',
      exitValue: 4,
      exitDate: '2026-11-23',
    });

    const detail = await must<ProvisionDetail>('provisions.get', { id: lego.id });
    expect(detail.placements.map((p) => [p.pupilName, p.entryDate, p.exitDate])).toEqual(
      expect.arrayContaining([
        ['Ada Measured', '2026-09-08', '2026-11-20'],
        ['Ben Measured', '2026-11-23', '2026-11-23'],
      ]),
    );
  });

  it('refuses a measure dated in the future, or an exit taken before the entry, beside the field, writing nothing', async () => {
    const a = await must<ProvisionPlacementView>('provisions.placements.add', {
      provisionId: lego.id,
      pupilId: ada.id,
      startDate: '2026-09-10',
      endDate: null,
      entryValue: 3,
    });
    const future = await call('provisions.placements.measures', { id: a.id, entryValue: 3, exitValue: 9, exitDate: '2026-12-01' });
    expect(future.ok).toBe(false);
    if (!future.ok) expect(future.error.fields?.exitDate).toMatch(/today’s date or an earlier one/);
    const backwards = await call('provisions.placements.measures', {
      id: a.id,
      entryValue: 3,
      exitValue: 9,
      entryDate: '2026-10-01',
      exitDate: '2026-09-30',
    });
    expect(backwards.ok).toBe(false);
    if (!backwards.ok) expect(backwards.error.fields?.exitDate).toMatch(/cannot be taken before the entry measure/);
    const futureEntry = await call('provisions.placements.add', {
      provisionId: lego.id,
      pupilId: ben.id,
      startDate: '2026-09-10',
      endDate: null,
      entryValue: 1,
      entryDate: '2026-11-24',
    });
    expect(futureEntry.ok).toBe(false);
    if (!futureEntry.ok) expect(futureEntry.error.fields?.entryDate).toMatch(/today’s date/);
    const detail = await must<ProvisionDetail>('provisions.get', { id: lego.id });
    expect(detail.placements).toHaveLength(1);
    expect(detail.placements[0]).toMatchObject({ entryValue: 3, entryDate: '2026-09-10', exitValue: null, exitDate: null });
  });

  it('a booked session says which catalogue provision it delivers (SessionView.provisionId), and one booked without says none', async () => {
    const tess = await must<UserSummary>('users.create', {
      displayName: 'Tess Therapist',
      username: 'tess',
      role: 'therapist',
      password: 'therapist password',
    });
    await must('caseload.allocate', { pupilId: ada.id, userId: tess.id, discipline: 'speech_language', startDate: '2026-09-07' });
    const booking = (provisionId: string | null, firstDate: string) => ({
      title: 'Lego therapy',
      discipline: 'speech_language',
      practitionerIds: [tess.id],
      pupils: [{ pupilId: ada.id, ehcpProvisionId: null, ippInterventionId: null }],
      firstDate,
      startTime: '10:00',
      durationMinutes: 30,
      location: null,
      recurrence: 'none',
      intervalWeeks: 1,
      until: null,
      count: null,
      exceptions: [],
      overrideProtected: false,
      provisionId,
    });
    await must('sessions.schedule', booking(lego.id, '2026-11-24'));
    await must('sessions.schedule', booking(null, '2026-11-25'));
    const week = await must<SessionView[]>('sessions.list', { from: '2026-11-23', to: '2026-11-29' });
    expect(week.map((s) => [s.date, s.provisionId])).toEqual([
      ['2026-11-24', lego.id],
      ['2026-11-25', null],
    ]);
    expect((await must<SessionView>('sessions.get', { id: week[0]!.id })).provisionId).toBe(lego.id);
  });
});
