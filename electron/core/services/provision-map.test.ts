/**
 * The costed provision map (issue 18, items 1 and 2), through the dispatcher on SQLite and PostgreSQL.
 *
 * The "done when": the map's totals equal the sum of what each pupil's provision costs, computed here
 * independently of the service: school days counted date by date from the term dates and closures the test entered,
 * each placement's stretch worked out from its own dates, the provision's and the pupil's leaving date, and the rates
 * the test set. Then need-to-know: a therapist and a teacher see who receives what for their own pupils only and no
 * cost, rate or threshold anywhere; another school's catalogue is invisible and its records refused.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  MapPupil,
  ProvisionMap,
  ProvisionPlacementView,
  ProvisionRecord,
  PupilProfile,
  SessionInfo,
  TrustSchool,
  UserSummary,
} from '../../../shared/contract';
import { makeUpn } from '../../../shared/upn';
import { openTestCore, planContent, pupilInput, setUp, testDrivers, type TestCore } from '../testing/harness';

type R<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string; fields?: Record<string, string> } };

const TERMS = [
  { name: 'autumn1', startDate: '2026-09-03', endDate: '2026-10-23' },
  { name: 'autumn2', startDate: '2026-11-02', endDate: '2026-12-18' },
  { name: 'spring1', startDate: '2027-01-05', endDate: '2027-02-12' },
  { name: 'spring2', startDate: '2027-02-22', endDate: '2027-03-26' },
  { name: 'summer1', startDate: '2027-04-12', endDate: '2027-05-28' },
  { name: 'summer2', startDate: '2027-06-07', endDate: '2027-07-21' },
];
const CLOSURES = [
  { date: '2026-11-27', kind: 'inset', name: 'Staff training' },
  { date: '2027-05-03', kind: 'bank_holiday', name: 'Early May bank holiday' },
];

/** School days from `from` to `to` inclusive, counted one date at a time: a weekday in a term that is not a closure. */
function schoolDaysByHand(from: string, to: string): number {
  let n = 0;
  for (let d = new Date(`${from}T00:00:00Z`); d.toISOString().slice(0, 10) <= to; d.setUTCDate(d.getUTCDate() + 1)) {
    const iso = d.toISOString().slice(0, 10);
    const weekday = d.getUTCDay() !== 0 && d.getUTCDay() !== 6;
    if (weekday && TERMS.some((t) => t.startDate <= iso && iso <= t.endDate) && !CLOSURES.some((c) => c.date === iso)) n++;
  }
  return n;
}

describe.each(testDrivers())('the provision map on %s', (driver) => {
  let core: TestCore;
  let senco: string;
  const call = <T>(session: string | null, op: string, input: unknown) => core.dispatcher.invoke({ op, input, session }) as Promise<R<T>>;
  const must = async <T>(session: string | null, op: string, input: unknown): Promise<T> => {
    const r = await call<T>(session, op, input);
    if (!r.ok) throw new Error(`${op}: ${JSON.stringify(r.error)}`);
    return r.value;
  };
  const signIn = async (username: string, password: string) =>
    (await must<SessionInfo>(null, 'auth.signIn', { username, password })).session;
  const provision = (overrides: Record<string, unknown>) => ({
    name: 'Lego therapy',
    area: 'communication_interaction',
    wave: 'targeted',
    groupSize: 4,
    sessionsPerWeek: 2,
    minutesPerSession: 30,
    staffRole: 'teaching_assistant',
    startDate: '2026-09-03',
    endDate: null,
    measureName: null,
    description: null,
    ...overrides,
  });

  let ina: PupilProfile;
  let otto: PupilProfile;
  let lea: PupilProfile;
  let lego: ProvisionRecord;
  let slt: ProvisionRecord;
  let reading: ProvisionRecord;

  beforeEach(async () => {
    core = await openTestCore(driver, () => new Date('2026-11-23T09:00:00Z'));
    senco = await setUp(core);
    await must(senco, 'terms.replaceYear', { academicYear: '2026/27', terms: TERMS });
    await must(senco, 'calendar.replaceDays', { academicYear: '2026/27', days: CLOSURES });
    ina = await must<PupilProfile>(
      senco,
      'pupils.create',
      pupilInput({
        upn: makeUpn(999, 4100, 19, 1),
        legalFirstName: 'Ina',
        legalLastName: 'Inclass',
        yearGroup: '5',
        className: '5S',
        needs: ['SLCN'],
      }),
    );
    otto = await must<PupilProfile>(
      senco,
      'pupils.create',
      pupilInput({
        upn: makeUpn(999, 4100, 19, 2),
        legalFirstName: 'Otto',
        legalLastName: 'Other',
        yearGroup: '6',
        className: '6T',
        needs: ['SPLD', 'SEMH'],
      }),
    );
    // Lea leaves on 1 February 2027: her place counts to the day before.
    lea = await must<PupilProfile>(
      senco,
      'pupils.create',
      pupilInput({
        upn: makeUpn(999, 4100, 19, 3),
        legalFirstName: 'Lea',
        legalLastName: 'Leaving',
        yearGroup: '6',
        className: '6T',
        needs: ['SEMH'],
        dateLeft: '2027-02-01',
      }),
    );
    lego = await must<ProvisionRecord>(senco, 'provisions.create', provision({ measureName: 'Turns taken in ten minutes' }));
    slt = await must<ProvisionRecord>(
      senco,
      'provisions.create',
      provision({
        name: '1:1 speech and language',
        wave: 'specific',
        groupSize: 1,
        sessionsPerWeek: 1,
        minutesPerSession: 45,
        staffRole: 'speech_language_therapist',
      }),
    );
    // Runs from January, ends at Easter.
    reading = await must<ProvisionRecord>(
      senco,
      'provisions.create',
      provision({
        name: 'Precision teaching',
        area: 'cognition_learning',
        wave: 'specific',
        groupSize: 1,
        sessionsPerWeek: 5,
        minutesPerSession: 10,
        staffRole: 'higher_level_teaching_assistant',
        startDate: '2027-01-05',
        endDate: '2027-03-26',
      }),
    );
  });
  afterEach(async () => core.cleanup());

  /** Everyone's places: [pupil, provision, start, end]. */
  async function placeEveryone(): Promise<void> {
    // A place that began last school year counts from 1 September.
    await must(senco, 'provisions.placements.add', {
      provisionId: lego.id,
      pupilId: ina.id,
      startDate: '2026-09-03',
      endDate: null,
      entryValue: 3,
    });
    await must(senco, 'provisions.placements.add', {
      provisionId: lego.id,
      pupilId: otto.id,
      startDate: '2026-10-05',
      endDate: '2026-12-18',
      entryValue: null,
    });
    await must(senco, 'provisions.placements.add', {
      provisionId: lego.id,
      pupilId: lea.id,
      startDate: '2026-11-02',
      endDate: null,
      entryValue: 2,
    });
    await must(senco, 'provisions.placements.add', {
      provisionId: slt.id,
      pupilId: ina.id,
      startDate: '2026-09-03',
      endDate: '2027-07-21',
      entryValue: null,
    });
    await must(senco, 'provisions.placements.add', {
      provisionId: reading.id,
      pupilId: otto.id,
      startDate: '2027-01-11',
      endDate: null,
      entryValue: null,
    });
  }

  it('totals equal the sum of each pupil’s provision, costed independently from the term dates, the placements and the rates', async () => {
    await placeEveryone();
    const rates = { teaching_assistant: 1_850, speech_language_therapist: 5_400, higher_level_teaching_assistant: 2_275 };
    await must(senco, 'provision.rates.set', { rates: Object.entries(rates).map(([role, hourlyPence]) => ({ role, hourlyPence })) });
    await must(senco, 'provision.threshold.set', { thresholdPence: 150_000 });

    // Independently: each place's stretch inside the year, the provision's dates and the pupil's time on roll.
    const cost = (sessions: number, minutes: number, group: number, rate: number, from: string, to: string) =>
      Math.round((sessions * minutes * rate * schoolDaysByHand(from, to)) / (60 * 5 * group));
    const expected: Record<string, number> = {
      [ina.id]:
        cost(2, 30, 4, rates.teaching_assistant, '2026-09-03', '2027-08-31') +
        cost(1, 45, 1, rates.speech_language_therapist, '2026-09-03', '2027-07-21'),
      [otto.id]:
        cost(2, 30, 4, rates.teaching_assistant, '2026-10-05', '2026-12-18') +
        cost(5, 10, 1, rates.higher_level_teaching_assistant, '2027-01-11', '2027-03-26'),
      [lea.id]: cost(2, 30, 4, rates.teaching_assistant, '2026-11-02', '2027-01-31'),
    };
    // The school year has the 194 weekdays of its terms, less the two closures.
    expect(schoolDaysByHand('2026-09-01', '2027-08-31')).toBe(192);
    const map = await must<ProvisionMap>(senco, 'provision.map', { academicYear: '2026/27' });
    expect(map).toMatchObject({
      academicYear: '2026/27',
      schoolDays: 192,
      calendarGap: false,
      costsShown: true,
      asOf: '2026-11-23',
      missingRates: [],
    });
    const byPupil = new Map(map.pupils.map((p) => [p.pupilId, p]));
    for (const [pupilId, pence] of Object.entries(expected))
      expect(byPupil.get(pupilId)?.cost, pupilId).toEqual({
        totalPence: pence,
        aboveThresholdPence: Math.max(0, pence - 150_000),
        complete: true,
      });
    const sum = Object.values(expected).reduce((a, b) => a + b, 0);
    expect(map.totals).toEqual({
      pupils: 3,
      placements: 5,
      cost: {
        totalPence: sum,
        thresholdPence: 150_000,
        aboveThresholdPence: Object.values(expected).reduce((n, p) => n + Math.max(0, p - 150_000), 0),
        pupilsAboveThreshold: Object.values(expected).filter((p) => p > 150_000).length,
      },
    });
    // The threshold splits the pupils (the test would not show the split otherwise).
    expect(Object.values(expected).some((p) => p > 150_000) && Object.values(expected).some((p) => p <= 150_000)).toBe(true);
    // Per provision, the same placements add up to the same total, and cost per pupil is the year's cost over its pupils.
    const provisions = new Map(map.provisions.map((p) => [p.name, p]));
    expect(map.provisions.reduce((n, p) => n + p.cost!.yearPence, 0)).toBe(sum);
    expect(provisions.get('Lego therapy')).toMatchObject({ pupils: 3, hoursPerWeek: 1, cost: { hourlyPence: 1_850, complete: true } });
    const lego3 = provisions.get('Lego therapy')!.cost!;
    expect(lego3.perPupilPence).toBe(Math.round(lego3.yearPence / 3));
    // Every grouping splits the same placements: its groups add up to the total.
    for (const groupBy of ['provision', 'year', 'class', 'area', 'wave', 'pupil']) {
      const grouped = await must<ProvisionMap>(senco, 'provision.map', { groupBy });
      expect(
        grouped.groups.reduce((n, g) => n + g.costPence!, 0),
        groupBy,
      ).toBe(sum);
      expect(
        grouped.groups.reduce((n, g) => n + g.placements, 0),
        groupBy,
      ).toBe(5);
    }
    expect((await must<ProvisionMap>(senco, 'provision.map', { groupBy: 'year' })).groups.map((g) => [g.label, g.pupils])).toEqual([
      ['Year 5', 1],
      ['Year 6', 2],
    ]);
    // Hours a week now (23 November): Ina's Lego and 1:1 speech and language, Otto's Lego (precision teaching starts in January).
    expect(byPupil.get(ina.id)!.hoursPerWeek).toBe(1.75);
    expect(byPupil.get(otto.id)!.hoursPerWeek).toBe(1);
  });

  it('filters by year group, class, need, area, wave, provision and pupil, and says which roles have no rate', async () => {
    await placeEveryone();
    await must(senco, 'provision.rates.set', { rates: [{ role: 'teaching_assistant', hourlyPence: 1_850 }] });
    const names = (m: ProvisionMap) => m.pupils.map((p) => p.name);
    expect(names(await must<ProvisionMap>(senco, 'provision.map', { yearGroup: '6' }))).toEqual(['Lea Leaving', 'Otto Other']);
    expect(names(await must<ProvisionMap>(senco, 'provision.map', { className: '5s' }))).toEqual(['Ina Inclass']);
    expect(names(await must<ProvisionMap>(senco, 'provision.map', { need: 'SPLD' }))).toEqual(['Otto Other']);
    expect(names(await must<ProvisionMap>(senco, 'provision.map', { area: 'cognition_learning' }))).toEqual(['Otto Other']);
    expect(names(await must<ProvisionMap>(senco, 'provision.map', { wave: 'specific' }))).toEqual(['Ina Inclass', 'Otto Other']);
    expect(names(await must<ProvisionMap>(senco, 'provision.map', { provisionId: slt.id }))).toEqual(['Ina Inclass']);
    const one = await must<ProvisionMap>(senco, 'provision.map', { pupilId: otto.id });
    expect(one.provisions.map((p) => p.name)).toEqual(['Lego therapy', 'Precision teaching']);
    // No rate for the HLTA or the therapist: their provision is left out of the cost, and the map says so.
    const all = await must<ProvisionMap>(senco, 'provision.map', {});
    expect(all.missingRates).toEqual(['higher_level_teaching_assistant', 'speech_language_therapist']);
    expect(all.pupils.find((p) => p.pupilId === otto.id)!.cost!.complete).toBe(false);
    // A year with no term dates: school days are estimated, and the map says so.
    const next = await must<ProvisionMap>(senco, 'provision.map', { academicYear: '2027/28' });
    expect(next).toMatchObject({ calendarGap: true, schoolDays: 190, asOf: '2027-09-01' });
  });

  it('effectiveness: the change from entry to exit measure, and in GAS ratings of plans linked to the provision', async () => {
    await placeEveryone();
    const places = (await must<{ placements: ProvisionPlacementView[] }>(senco, 'provisions.get', { id: lego.id })).placements;
    const inas = places.find((p) => p.pupilId === ina.id)!;
    await must(senco, 'provisions.placements.measures', { id: inas.id, entryValue: 3, exitValue: 8.5 });
    const leas = places.find((p) => p.pupilId === lea.id)!;
    await must(senco, 'provisions.placements.end', { id: leas.id, endDate: '2026-12-18', exitValue: 4 });
    const map = await must<ProvisionMap>(senco, 'provision.map', {});
    const row = map.provisions.find((p) => p.id === lego.id)!;
    expect(row.effectiveness.measure).toEqual({ name: 'Turns taken in ten minutes', placements: 2, meanChange: 3.75 });
    // A provision without a measure refuses values for one.
    const sltPlace = (await must<{ placements: ProvisionPlacementView[] }>(senco, 'provisions.get', { id: slt.id })).placements[0]!;
    expect(await call(senco, 'provisions.placements.measures', { id: sltPlace.id, entryValue: 1, exitValue: 2 })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', fields: { entryValue: expect.stringMatching(/no entry and exit measure/) } },
    });
  });

  it('links plan provision, pupil plan interventions and sessions to the catalogue, and reads GAS change over a place from the linked plan', async () => {
    await placeEveryone();
    const tess = await must<UserSummary>(senco, 'users.create', {
      displayName: 'Tess Therapist',
      username: 'tess',
      role: 'therapist',
      password: 'therapist password',
    });
    await must(senco, 'caseload.allocate', { pupilId: ina.id, userId: tess.id, discipline: 'speech_language', startDate: '2026-09-07' });
    const content = planContent();
    content.provision = content.provision!.map((p, i) => ({ ...p, provisionId: i === 0 ? slt.id : null }));
    await must(senco, 'ehcp.create', {
      pupilId: ina.id,
      localAuthority: 'Exampleshire',
      ownerId: null,
      status: 'final',
      draftDate: null,
      issuedDate: '2025-12-01',
      ceasedDate: null,
      ceasedReason: null,
      content,
    });
    const levels = (expected: string) => ({ m2: null, m1: null, expected, p1: null, p2: null });
    const ipp = await must<{ id: string; interventions: { provisionId: string | null }[] }>(senco, 'ipps.save', {
      id: null,
      baseVersion: null,
      pupilId: ina.id,
      title: 'Communication plan',
      startDate: '2026-09-07',
      reviewDate: '2026-10-12',
      endDate: '2027-07-16',
      expectedOutcomes: null,
      revisionReason: null,
      goals: [{ key: 'g1', description: 'Asks for help in class', ehcpOutcomeId: null, levels: levels('Asks twice a day') }],
      interventions: [
        {
          discipline: 'speech_language',
          description: '1:1 therapy',
          frequencyCount: 1,
          frequencyPeriod: 'week',
          sessionMinutes: 45,
          durationWeeks: 30,
          groupSize: 1,
          staffingRatio: 'one_to_one',
          deliveredBy: 'SLT',
          classroomStrategies: null,
          provisionId: slt.id,
        },
      ],
    });
    expect(ipp.interventions.map((x) => x.provisionId)).toEqual([slt.id]);
    await must(senco, 'ipps.review', {
      ippId: ipp.id,
      date: '2026-10-12',
      note: null,
      ratings: [{ goalKey: 'g1', rating: -2, note: null }],
    });
    await must(senco, 'ipps.review', {
      ippId: ipp.id,
      date: '2026-11-16',
      note: null,
      ratings: [{ goalKey: 'g1', rating: 0, note: null }],
    });
    await must(senco, 'sessions.schedule', {
      title: 'Speech and language',
      discipline: 'speech_language',
      practitionerIds: [tess.id],
      pupils: [{ pupilId: ina.id, ehcpProvisionId: null, ippInterventionId: null }],
      firstDate: '2026-11-24',
      startTime: '10:00',
      durationMinutes: 45,
      location: null,
      recurrence: 'weekly',
      intervalWeeks: 1,
      until: '2026-12-08',
      count: null,
      exceptions: [],
      overrideProtected: false,
      provisionId: slt.id,
    });
    const detail = await must<{ links: unknown }>(senco, 'provisions.get', { id: slt.id });
    expect(detail.links).toEqual({ ehcpProvision: 1, ippInterventions: 1, sessions: 3 });
    const map = await must<ProvisionMap>(senco, 'provision.map', {});
    expect(map.provisions.find((p) => p.id === slt.id)!.effectiveness.gas).toEqual({ placements: 1, meanChange: 2 });
    expect(map.pupils.find((p) => p.pupilId === ina.id)!.placements.find((x) => x.provisionId === slt.id)!.gasChange).toBe(2);
    // A link must name one of the school's own provisions.
    expect(
      await call(senco, 'sessions.schedule', {
        title: 'Speech and language',
        discipline: 'speech_language',
        practitionerIds: [tess.id],
        pupils: [{ pupilId: ina.id, ehcpProvisionId: null, ippInterventionId: null }],
        firstDate: '2026-12-09',
        startTime: '10:00',
        durationMinutes: 45,
        location: null,
        recurrence: 'none',
        intervalWeeks: 1,
        until: null,
        count: null,
        exceptions: [],
        overrideProtected: false,
        provisionId: '00000000-0000-4000-8000-000000000000',
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', fields: { provisionId: expect.stringMatching(/not in this school’s catalogue/) } },
    });
  });

  it('refuses places that do not fit: outside the provision’s dates, twice at once, or another school’s pupil', async () => {
    await must(senco, 'provisions.placements.add', {
      provisionId: reading.id,
      pupilId: otto.id,
      startDate: '2027-01-11',
      endDate: null,
      entryValue: null,
    });
    expect(
      await call(senco, 'provisions.placements.add', {
        provisionId: reading.id,
        pupilId: ina.id,
        startDate: '2026-12-01',
        endDate: null,
        entryValue: null,
      }),
    ).toMatchObject({
      ok: false,
      error: { fields: { startDate: 'The provision starts on 5 January 2027: a pupil’s place on it starts then or later.' } },
    });
    expect(
      await call(senco, 'provisions.placements.add', {
        provisionId: reading.id,
        pupilId: otto.id,
        startDate: '2027-02-01',
        endDate: null,
        entryValue: null,
      }),
    ).toMatchObject({
      ok: false,
      error: {
        code: 'conflict',
        fields: { startDate: expect.stringMatching(/Otto Other is already on this provision from 11 January 2027/) },
      },
    });
    expect(
      await call(senco, 'provisions.placements.add', {
        provisionId: reading.id,
        pupilId: ina.id,
        startDate: '2027-01-11',
        endDate: null,
        entryValue: 4,
      }),
    ).toMatchObject({
      ok: false,
      error: { fields: { entryValue: expect.stringMatching(/no entry and exit measure/) } },
    });
    expect(await call(senco, 'provisions.create', provision({ name: 'LEGO THERAPY' }))).toMatchObject({
      ok: false,
      error: { code: 'conflict', fields: { name: expect.stringMatching(/already has a provision called/) } },
    });
    // Ending the provision ends the places still open, on the same date.
    await must(senco, 'provisions.end', { id: reading.id, endDate: '2027-02-12' });
    const after = await must<{ endDate: string; placements: ProvisionPlacementView[] }>(senco, 'provisions.get', { id: reading.id });
    expect([after.endDate, after.placements.map((p) => p.endDate)]).toEqual(['2027-02-12', ['2027-02-12']]);
  });

  describe('need-to-know', () => {
    let therapist: UserSummary;
    let tess: string;
    let tia: string;
    let hana: string;
    beforeEach(async () => {
      await placeEveryone();
      await must(senco, 'provision.rates.set', { rates: [{ role: 'teaching_assistant', hourlyPence: 1_850 }] });
      therapist = await must<UserSummary>(senco, 'users.create', {
        displayName: 'Tess Therapist',
        username: 'tess',
        role: 'therapist',
        password: 'therapist password',
      });
      const teacher = await must<UserSummary>(senco, 'users.create', {
        displayName: 'Tia Teacher',
        username: 'tia',
        role: 'teacher',
        password: 'teacher password 1',
      });
      await must(senco, 'users.create', {
        displayName: 'Hana Head',
        username: 'hana',
        role: 'headteacher',
        password: 'headteacher password',
      });
      await must(senco, 'users.setClasses', { id: teacher.id, classes: ['5S'] });
      await must(senco, 'caseload.allocate', {
        pupilId: otto.id,
        userId: therapist.id,
        discipline: 'speech_language',
        startDate: '2026-09-07',
      });
      tess = await signIn('tess', 'therapist password');
      tia = await signIn('tia', 'teacher password 1');
      hana = await signIn('hana', 'headteacher password');
    });

    it.each(['therapist', 'teacher'] as const)(
      'a %s sees who receives what for their own pupils only, and no cost, rate or threshold',
      async (role) => {
        const session = role === 'therapist' ? tess : tia;
        const mine = role === 'therapist' ? otto : ina;
        const map = await must<ProvisionMap>(session, 'provision.map', { groupBy: 'class' });
        expect(map.pupils.map((p: MapPupil) => p.pupilId)).toEqual([mine.id]);
        expect(map.costsShown).toBe(false);
        // No cost anywhere in the answer: the fields are absent, not blank.
        const { costsShown: _, ...rest } = map;
        expect(JSON.stringify(rest)).not.toMatch(/cost|Pence|threshold|missingRates|hourly/i);
        expect(map.provisions.find((p) => p.id === lego.id)!.pupils).toBe(1);
        expect(map.totals).toEqual({ pupils: 1, placements: 2 });
        for (const op of ['provision.rates.get', 'provision.threshold.get'])
          expect(await call(session, op, {}), op).toMatchObject({ ok: false, error: { code: 'forbidden' } });
        expect(await call(session, 'provision.rates.set', { rates: [{ role: 'teaching_assistant', hourlyPence: 1 }] })).toMatchObject({
          ok: false,
          error: { code: 'forbidden' },
        });
        // Asking about a pupil outside their scope is refused and audited.
        const other = role === 'therapist' ? ina : otto;
        expect(await call(session, 'provision.map', { pupilId: other.id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
        const lego1 = await must<{ placements: ProvisionPlacementView[]; currentPupils: number }>(session, 'provisions.get', {
          id: lego.id,
        });
        expect(lego1.placements.map((p) => p.pupilId)).toEqual([mine.id]);
        expect((await must<ProvisionRecord[]>(session, 'provisions.list', {})).find((p) => p.id === lego.id)!.currentPupils).toBe(1);
      },
    );

    it('the headteacher sees the costs, as the SENCo does', async () => {
      const map = await must<ProvisionMap>(hana, 'provision.map', {});
      const sencoMap = await must<ProvisionMap>(senco, 'provision.map', {});
      expect(map.totals).toEqual(sencoMap.totals);
      expect(map.totals.cost!.totalPence).toBeGreaterThan(0);
      expect(
        (await must<{ role: string; hourlyPence: number | null }[]>(hana, 'provision.rates.get', {})).find(
          (r) => r.role === 'teaching_assistant',
        )!.hourlyPence,
      ).toBe(1_850);
    });

    it('another school of the trust sees none of this school’s catalogue, and is refused its records', async () => {
      const it = { kind: 'system', name: 'Trust IT (test)', role: 'senco' } as const;
      expect(
        (
          await core.dispatcher.invokeAs(it, 'users.create', {
            displayName: 'Tara Trustlead',
            username: 'tara',
            role: 'trust_lead',
            password: 'trust lead password',
          })
        ).ok,
      ).toBe(true);
      const tara = await signIn('tara', 'trust lead password');
      await must<TrustSchool>(tara, 'trust.schools.add', {
        school: { name: 'Ashdown Academy (synthetic)', urn: '100009', localAuthority: 'Exampleshire' },
        senco: { displayName: 'Amy Ashdown', username: 'amy', password: 'set by the trust lead' },
      });
      let amy = await signIn('amy', 'set by the trust lead');
      await must(amy, 'auth.changePassword', { currentPassword: 'set by the trust lead', newPassword: 'amy chose this one' });
      amy = await signIn('amy', 'amy chose this one');
      expect(await must<ProvisionRecord[]>(amy, 'provisions.list', { includeEnded: true })).toEqual([]);
      const theirs = await must<ProvisionMap>(amy, 'provision.map', {});
      expect([theirs.provisions, theirs.pupils, theirs.totals.cost!.totalPence]).toEqual([[], [], 0]);
      expect((await must<{ hourlyPence: number | null }[]>(amy, 'provision.rates.get', {})).every((r) => r.hourlyPence === null)).toBe(
        true,
      );
      expect(await call(amy, 'provisions.get', { id: lego.id })).toMatchObject({ ok: false, error: { code: 'not_found' } });
      expect(await call(amy, 'provisions.end', { id: lego.id, endDate: '2027-01-01' })).toMatchObject({
        ok: false,
        error: { code: 'not_found' },
      });
      expect(
        await call(amy, 'provisions.placements.add', {
          provisionId: lego.id,
          pupilId: otto.id,
          startDate: '2027-01-11',
          endDate: null,
          entryValue: null,
        }),
      ).toMatchObject({
        ok: false,
        error: { code: 'forbidden', message: expect.stringMatching(/another school/) },
      });
      // Their own provision, a name the first school also uses, and their own rates: the first school's unchanged.
      await must(amy, 'provisions.create', provision({}));
      await must(amy, 'provision.rates.set', { rates: [{ role: 'teaching_assistant', hourlyPence: 2_000 }] });
      expect(
        (await must<{ role: string; hourlyPence: number | null }[]>(senco, 'provision.rates.get', {})).find(
          (r) => r.role === 'teaching_assistant',
        )!.hourlyPence,
      ).toBe(1_850);
      expect((await must<ProvisionRecord[]>(senco, 'provisions.list', {})).map((p) => p.name)).toEqual([
        '1:1 speech and language',
        'Lego therapy',
        'Precision teaching',
      ]);
    });
  });
});
