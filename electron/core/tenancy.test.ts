/**
 * A trust: several schools, one server (issue 16, item 5). Each school is a tenant (electron/core/scope.ts): the
 * SENCo of one school reaches no record of another through ANY operation. The sweep sends every operation in the
 * contract as the SENCo (and the DSL) of a second school, about every kind of record of the first: its pupils,
 * plans, pupil plans, reviews and their actions, sessions, allocations, referrals, concerns, staff, users, policies,
 * feedback and protected lessons. Reads answer without them or refuse; writes all refuse, audited, and the first
 * school's data is byte-for-byte unchanged. Then: the trust's SEND lead, and a pupil moving between the schools.
 *
 * The first school is the world of electron/core/testing/pupil-world.ts (every read has something to show about two
 * pupils); every write that built it is recorded and sent again as the second school's SENCo: each is a valid input
 * about the first school's records, so a refusal is the tenancy's and not the input's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  contract,
  OP_NAMES,
  type CalendarDay,
  type ClockItemView,
  type ClockRuleView,
  type OpName,
  type PupilProfile,
  type SessionInfo,
  type SessionView,
  type Term,
  type TrustFigures,
  type TrustSchool,
} from '../../shared/contract';
import { DEFAULT_DISCIPLINES } from '../../shared/therapy';
import { computeClocks, mergeRules, type CalendarInput, type ClockRule } from './clocks';
import { WORLD_TERMS } from './testing/pupil-world';
import { makeUpn } from '../../shared/upn';
import { planContent, pupilInput, testDrivers } from './testing/harness';
import { buildWorld, mentions, type World, type WorldPupil } from './testing/pupil-world';
import type { Actor } from './context';

type R<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string; fields?: Record<string, string> } };

const IT: Actor = { kind: 'system', name: 'Trust IT (test)', role: 'senco' };

/** A sample input per read operation, for one of the first school's pupils. */
type Sample = (w: World, p: WorldPupil) => Record<string, unknown>;
const READ_SAMPLES: Readonly<Record<string, Sample>> = {
  'auth.me': () => ({}),
  'school.get': () => ({}),
  'terms.list': () => ({ academicYear: '2026/27' }),
  'users.list': () => ({}),
  'pupils.list': (_w, p) => ({ search: p.profile.legalLastName }),
  'pupils.classes': () => ({}),
  'pupils.get': (_w, p) => ({ id: p.profile.id }),
  'audit.list': () => ({ pageSize: 200 }),
  'audit.verify': () => ({}),
  'ehcp.listForPupil': (_w, p) => ({ pupilId: p.profile.id }),
  'ehcp.get': (_w, p) => ({ planId: p.planId }),
  'ehcp.reviews.list': (_w, p) => ({ planId: p.planId }),
  'ehcp.requests.list': (_w, p) => ({ pupilId: p.profile.id }),
  'ehcp.transfer.get': (_w, p) => ({ pupilId: p.profile.id }),
  'calendar.listDays': () => ({ academicYear: '2026/27' }),
  'clocks.rules': () => ({}),
  'clocks.list': () => ({}),
  'register.summary': () => ({}),
  'register.export': () => ({}),
  'disciplines.list': () => ({}),
  'referrals.list': (_w, p) => ({ pupilId: p.profile.id }),
  'assessments.list': (_w, p) => ({ pupilId: p.profile.id }),
  'bands.history': (_w, p) => ({ pupilId: p.profile.id }),
  'bands.distribution': () => ({}),
  'caseload.list': () => ({}),
  'caseload.allocations': (_w, p) => ({ pupilId: p.profile.id }),
  'ipps.listForPupil': (_w, p) => ({ pupilId: p.profile.id }),
  'ipps.get': (_w, p) => ({ id: p.ippId }),
  'placements.listForPupil': (_w, p) => ({ pupilId: p.profile.id }),
  'placements.preview': () => ({ startDate: '2027-01-05' }),
  'sessions.list': () => ({ from: '2026-11-01', to: '2026-11-30' }),
  'sessions.get': (_w, p) => ({ id: p.sessionId }),
  'sessions.freeSlots': (w, p) => ({ practitionerIds: [w.therapist.id], pupilIds: [p.profile.id], durationMinutes: 30, from: null }),
  'sessions.protected.list': () => ({}),
  'provision.delivered': () => ({}),
  'practitioners.caseload': () => ({}),
  'sessions.stats': (_w, p) => ({ pupilId: p.profile.id }),
  'sessions.ics': (w) => ({ practitionerId: w.therapist.id, from: '2026-09-01', to: '2026-12-31' }),
  'reviews.list': () => ({ from: '2026-09-01', to: '2027-08-31' }),
  'reviews.listForPupil': (_w, p) => ({ pupilId: p.profile.id }),
  'reviews.get': (_w, p) => ({ id: p.reviewId }),
  'reviews.actions': (w) => ({ ownerUserId: w.therapist.id, includeDone: true }),
  'reviews.pack': (_w, p) => ({ reviewId: p.reviewId }),
  'progress.forPupil': (_w, p) => ({ pupilId: p.profile.id }),
  'parentUpdates.list': (_w, p) => ({ pupilId: p.profile.id }),
  'parentUpdates.summary': (_w, p) => ({ pupilId: p.profile.id }),
  'access.matrix': () => ({}),
  'exports.log': () => ({}),
  'transfers.identity': () => ({}),
  'transfers.senders.list': () => ({}),
  'transfers.preview': (w) => ({ packageBase64: w.packageBase64, passphrase: w.passphrase, identity: null }),
  'safeguarding.list': () => ({}),
  'safeguarding.alerts': () => ({}),
  'staff.list': () => ({ includeInactive: true }),
  'staff.alerts': () => ({}),
  'feedback.list': () => ({}),
  'feedback.report': () => ({ from: '2026-09-01', to: '2027-08-31' }),
  'policies.list': () => ({}),
  'desk.status': () => ({}),
  'desk.outbox.list': () => ({ waiting: true }),
  'sync.changes': () => ({ since: 0 }),
  'trust.schools.list': () => ({}),
  'trust.figures': () => ({}),
  'dashboard.worklist': () => ({ everyone: true, withSessions: true }),
  'passports.get': (_w, p) => ({ pupilId: p.profile.id }),
  'passports.getVersion': (_w, p) => ({ pupilId: p.profile.id, number: 1 }),
  'passports.suggestStrategies': (_w, p) => ({ pupilId: p.profile.id }),
  'passports.list': () => ({}),
  'passports.pdf': (_w, p) => ({ pupilId: p.profile.id }),
  'drafts.get': (_w, p) => ({ key: `ehcp.plan:${p.profile.id}`, pupilId: p.profile.id }),
  'drafts.list': (_w, p) => ({ keys: [`ehcp.plan:${p.planId}`, `sessions.record:${p.sessionId}`] }),
  'provisions.list': () => ({ includeEnded: true }),
  'provisions.get': (w) => ({ id: w.provisionId }),
  'provision.rates.get': () => ({}),
  'provision.threshold.get': () => ({}),
  'provision.map': (_w, p) => ({ pupilId: p.profile.id }),
  'provision.map.csv': (_w, p) => ({ pupilId: p.profile.id }),
  'provision.map.pdf': () => ({}),
  'provision.funding.pdf': (_w, p) => ({ pupilId: p.profile.id }),
};
/** Before sign-in, or ending the caller's own session, or the desk's own outbox (nothing of any school's in it). */
const NOT_SWEPT = ['setup.status', 'auth.signOut', 'desk.outbox.discard', 'desk.outbox.resend'];
/**
 * Each school's own settings (migration 0017): term dates and closures, clock rules, therapy disciplines. A write to
 * them changes the CALLER's school's and names no other school's record, so it is not refused: the test of its own
 * below sends each as the second school's SENCo and checks the first school's settings are untouched.
 */
const SCHOOL_SETTINGS_WRITES = [
  'terms.replaceYear',
  'calendar.replaceDays',
  'calendar.import',
  'clocks.saveRule',
  'disciplines.save',
  'provision.rates.set',
  'provision.threshold.set',
];
/** Kept for the whole server (migration 0015's comment says why): the signing key and trusted senders. */
const TRUST_WIDE_WRITES = [...SCHOOL_SETTINGS_WRITES, 'transfers.senders.trust', 'transfers.senders.remove', 'transfers.import'];
/** The tables of each school's own settings (migration 0017). */
const SETTINGS_TABLES = ['term', 'calendar_day', 'clock_setting', 'discipline', 'provision_rate', 'provision_setting'];
/** Writes that name no existing record (signing in, the caller's own school and password, new records of their own). */
const NAME_NO_RECORD = [
  'setup.initialise',
  'auth.signIn',
  'auth.changePassword',
  'auth.lock',
  'auth.unlock',
  'school.update',
  'users.create',
  'pupils.create',
  'pupils.import',
  'trust.schools.add',
  'provisions.create',
];

const READ_OPS = OP_NAMES.filter((op) => contract[op].kind === 'read' && !NOT_SWEPT.includes(op));
const allows = (op: OpName, role: string) => {
  const access = contract[op].access;
  return access === 'signed_in' || (Array.isArray(access) && access.includes(role));
};

describe.each(testDrivers())('a trust’s schools on %s', (driver) => {
  let w: World;
  /** Every write that built the first school, with its input. */
  const built: { op: string; input: unknown }[] = [];
  let tara: string;
  let amy: string;
  let ada: string;
  let ashdown: TrustSchool;
  let alma: PupilProfile;
  let bTokens: (string | RegExp)[];
  /** What the sign-in screen was told before the second school joined the server. */
  let statusWithOneSchool: unknown;
  const call = <T = unknown>(session: string, op: string, input: unknown) =>
    w.core.dispatcher.invoke({ op, input, session }) as Promise<R<T>>;
  const must = async <T>(session: string | null, op: string, input: unknown): Promise<T> => {
    const r = (await w.core.dispatcher.invoke({ op, input, session })) as R<T>;
    if (!r.ok) throw new Error(`${op}: ${JSON.stringify(r.error)}`);
    return r.value;
  };
  const signIn = async (username: string, password: string) =>
    (await must<SessionInfo>(null, 'auth.signIn', { username, password })).session;

  // The first school's own records that the world does not make, for the writes that change them by id.
  let staffId: string;
  let cpdId: string;
  let policyId: string;
  let feedbackId: string;
  let protectedId: string;
  let concernId: string;
  let actionId: string;
  let referralId: string;

  beforeAll(async () => {
    w = await buildWorld(driver, (op, input) => {
      if (contract[op as OpName]?.kind === 'write') built.push({ op, input });
    });
    const b = w.senco;
    const staff = await must<{ id: string; cpd: { id: string }[] }>(b, 'staff.save', {
      id: null,
      name: 'Tess Therapist',
      jobTitle: 'Speech and language therapist',
      userId: w.therapist.id,
      active: true,
      dbsNumber: '001234567890',
      dbsIssueDate: '2024-09-01',
      dbsUpdateService: true,
      dbsCheckedOn: '2026-09-01',
      safeguardingLevel: 'level3',
      safeguardingDate: '2025-10-01',
      firstAidRequired: true,
      firstAidDate: '2024-06-01',
      registrationRequired: true,
      registrationBody: 'hcpc',
      registrationNumber: 'SL12345',
      registrationExpiry: '2027-09-30',
      thriveRequired: false,
      thriveLicence: null,
      thriveExpiry: null,
    });
    staffId = staff.id;
    cpdId = (
      await must<{ cpd: { id: string }[] }>(b, 'staff.cpd.add', {
        staffId,
        course: 'Oakfield language update',
        date: '2026-10-10',
        provider: 'RCSLT',
        hours: 1.5,
      })
    ).cpd[0]!.id;
    policyId = (
      await must<{ id: string }>(b, 'policies.save', {
        id: null,
        title: 'Oakfield therapy policy',
        holder: 'Headteacher',
        approvedBy: 'Governing Body',
        approvedDate: '2025-09-01',
        nextReviewDate: '2026-09-01',
      })
    ).id;
    feedbackId = (await must<{ id: string; pupilId: string | null }[]>(b, 'feedback.list', {})).find(
      (f) => f.pupilId === w.out.profile.id,
    )!.id;
    protectedId = (await must<{ id: string }[]>(b, 'sessions.protected.list', { pupilId: w.out.profile.id }))[0]!.id;
    concernId = (await must<{ id: string; pupilId: string }[]>(w.dslSession, 'safeguarding.list', {})).find(
      (c) => c.pupilId === w.out.profile.id,
    )!.id;
    actionId = (await must<{ actions: { id: string }[] }>(b, 'reviews.get', { id: w.out.reviewId })).actions[0]!.id;
    referralId = (await must<{ id: string }[]>(b, 'referrals.list', { pupilId: w.out.profile.id }))[0]!.id;

    statusWithOneSchool = await must(null, 'setup.status', {});
    // The trust's IT makes the trust's SEND lead; they add a second school with its SENCo, who chooses a password.
    const made = await w.core.dispatcher.invokeAs(IT, 'users.create', {
      displayName: 'Tara Trustlead',
      username: 'tara',
      role: 'trust_lead',
      password: 'trust lead password',
    });
    expect(made.ok).toBe(true);
    tara = await signIn('tara', 'trust lead password');
    ashdown = await must<TrustSchool>(tara, 'trust.schools.add', {
      school: { name: 'Ashdown Academy (synthetic)', urn: '100009', localAuthority: 'Exampleshire' },
      senco: { displayName: 'Amy Ashdown', username: 'amy', password: 'set by the trust lead' },
    });
    amy = await signIn('amy', 'set by the trust lead');
    expect(await call(amy, 'pupils.list', {})).toMatchObject({ ok: false, error: { code: 'password_change_required' } });
    await must(amy, 'auth.changePassword', { currentPassword: 'set by the trust lead', newPassword: 'amy chose this one' });
    await must(amy, 'users.create', {
      displayName: 'Ada Safeguarding',
      username: 'ada',
      role: 'dsl',
      password: 'ada safeguarding password',
    });
    ada = await signIn('ada', 'ada safeguarding password');
    // A pupil of the second school in a class with the same name as one of the first school's (5S).
    // She joined this term, so her needs-identified clock runs (counted in school weeks on her school's calendar).
    alma = await must<PupilProfile>(
      amy,
      'pupils.create',
      pupilInput({
        upn: makeUpn(999, 4300, 19, 1),
        legalFirstName: 'Alma',
        legalLastName: 'Ashdown',
        className: '5S',
        dateJoined: '2026-11-02',
      }),
    );

    // What names anything of the first school: its pupils, its staff, the text of its records.
    bTokens = [
      ...w.outTokens,
      ...w.inTokens,
      w.sencoId,
      w.therapist.id,
      w.teacher.id,
      'Sam Senco',
      'Tess Therapist',
      'Tia Teacher',
      'Dee Safeguarding',
      'Language group',
      'Words in a retell',
      'Ina 1:1',
      'Quinby 1:1',
      'Whole group',
      'cancelled twice without notice',
      'Bruise on the left forearm',
      'Pat Parent',
      'Synthetic session note',
      'Narrative group',
      'Communication plan',
      'Oakfield therapy policy',
      'Oakfield language update',
      staffId,
      policyId,
      feedbackId,
      concernId,
    ];
  }, 180_000);
  afterAll(async () => w?.core.cleanup());

  it('has a sample input for every read operation', () => {
    expect(Object.keys(READ_SAMPLES).sort()).toEqual([...READ_OPS].sort());
  });

  it('keeps the second school’s SENCo to their own school: their school, their pupils, their staff', async () => {
    expect(await must(amy, 'school.get', {})).toMatchObject({ name: 'Ashdown Academy (synthetic)', urn: '100009' });
    expect((await must<SessionInfo>(amy, 'auth.me', {})).school.name).toBe('Ashdown Academy (synthetic)');
    // Each school changes its own details, and keeps its own URN.
    expect(
      await call(amy, 'school.update', { name: 'Ashdown Academy (synthetic)', urn: '100001', localAuthority: 'Exampleshire' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'conflict', fields: { urn: expect.stringMatching(/already on this server/) } },
    });
    expect((await must<{ rows: { id: string }[] }>(amy, 'pupils.list', {})).rows.map((r) => r.id)).toEqual([alma.id]);
    expect((await must<{ username: string }[]>(amy, 'users.list', {})).map((u) => u.username).sort()).toEqual(['ada', 'amy']);
    // The first school's SENCo still sees all of theirs, and not the second school's pupil.
    expect(await must(w.senco, 'school.get', {})).toMatchObject({ name: 'Oakfield Primary (synthetic)' });
    expect((await must<{ rows: { id: string }[] }>(w.senco, 'pupils.list', {})).rows.map((r) => r.id).sort()).toEqual(
      [w.in.profile.id, w.out.profile.id].sort(),
    );
    // A teacher's class 5S is their own school's 5S.
    expect((await must<{ rows: { id: string }[] }>(w.teacherSession, 'pupils.list', {})).rows.map((r) => r.id)).toEqual([w.in.profile.id]);
    expect(await call(w.teacherSession, 'pupils.get', { id: alma.id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('a username used in another school is refused with a message that says usernames are shared across the server and names no one', async () => {
    const theirs = await call(amy, 'users.create', {
      displayName: 'Another Sam',
      username: 'sam.senco',
      role: 'teacher',
      password: 'a long enough password',
    });
    expect(theirs).toMatchObject({
      ok: false,
      error: { code: 'conflict', fields: { username: expect.stringMatching(/every school in the trust shares/) } },
    });
    expect(JSON.stringify(theirs)).not.toMatch(/Sam Senco|Oakfield/);
    // Within the school, the plain message.
    expect(
      await call(amy, 'users.create', { displayName: 'Ada Again', username: 'ada', role: 'teacher', password: 'a long enough password' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'conflict', fields: { username: expect.stringMatching(/^The username ada is already in use\. Choose another\.$/) } },
    });
  });

  it('the sign-in screen names no school on a trust’s server; each user then sees their own', async () => {
    expect(statusWithOneSchool).toEqual({ needsSetup: false, schoolName: 'Oakfield Primary (synthetic)' });
    // Two schools: before sign-in nobody's school is known, so the screen names neither (it showed the first's).
    expect(await must(null, 'setup.status', {})).toEqual({ needsSetup: false, schoolName: null });
    const signedIn = await must<SessionInfo>(null, 'auth.signIn', { username: 'ada', password: 'ada safeguarding password' });
    expect(signedIn.school.name).toBe('Ashdown Academy (synthetic)');
    expect((await must<SessionInfo>(w.senco, 'auth.me', {})).school.name).toBe('Oakfield Primary (synthetic)');
    await must(signedIn.session, 'auth.signOut', {});
  });

  it('each school keeps its own term dates, closures, clock rules and disciplines: one school’s SENCo changes only theirs', async () => {
    const schools = await must<TrustSchool[]>(w.senco, 'trust.schools.list', {});
    const oakfield = schools.find((x) => x.own)!.id;
    const settingsOf = async (schoolId: string) => {
      const out: Record<string, string[]> = {};
      for (const table of SETTINGS_TABLES) {
        out[table] = (
          (await w.core.ds.query(`SELECT * FROM ${table} WHERE school_id = ${driver === 'postgres' ? '$1' : '?'}`, [schoolId])) as unknown[]
        )
          .map((r) => JSON.stringify(r))
          .sort();
      }
      return out;
    };
    // The first school's own, beyond its terms: an INSET day, a clock rule, a discipline of its own.
    await must(w.senco, 'calendar.replaceDays', {
      academicYear: '2026/27',
      days: [{ date: '2026-11-27', kind: 'inset', name: 'Oakfield training day' }],
    });
    await must(w.senco, 'clocks.saveRule', {
      key: 'initial_assessment',
      enabled: true,
      amount: 5,
      unit: 'calendar_weeks',
      under5Months: null,
    });
    await must(w.senco, 'disciplines.save', { code: 'drama_therapy', label: 'Drama therapy', active: true });
    const oakfieldBefore = await settingsOf(oakfield);
    expect(oakfieldBefore.term).toHaveLength(WORLD_TERMS.length);

    // A new school starts with none of them: the default disciplines, no term dates, no closures, the default rules.
    expect(await must<Term[]>(amy, 'terms.list', {})).toEqual([]);
    expect(await must<CalendarDay[]>(amy, 'calendar.listDays', {})).toEqual([]);
    expect((await must<ClockRuleView[]>(amy, 'clocks.rules', {})).filter((r) => r.custom)).toEqual([]);
    expect((await must<{ code: string; active: boolean }[]>(amy, 'disciplines.list', {})).map((d) => [d.code, d.active])).toEqual(
      DEFAULT_DISCIPLINES.map((c) => [c, true]),
    );

    // Every settings write that built the first school, sent as the second school's SENCo: each changes the second's.
    for (const { op, input } of built.filter((x) => SCHOOL_SETTINGS_WRITES.includes(x.op))) await must(amy, op, input);
    expect((await must<Term[]>(amy, 'terms.list', { academicYear: '2026/27' })).map((x) => x.startDate)).toEqual(
      WORLD_TERMS.map((x) => x.startDate),
    );
    // ...then its own: other term dates, an INSET day, a longer needs-identified clock, a discipline switched off and one added.
    const ashdownTerms = [
      { name: 'autumn1', startDate: '2026-09-07', endDate: '2026-10-23' },
      { name: 'autumn2', startDate: '2026-11-09', endDate: '2026-12-16' },
      { name: 'spring1', startDate: '2027-01-06', endDate: '2027-02-12' },
      { name: 'spring2', startDate: '2027-02-22', endDate: '2027-03-26' },
      { name: 'summer1', startDate: '2027-04-12', endDate: '2027-05-28' },
      { name: 'summer2', startDate: '2027-06-07', endDate: '2027-07-21' },
    ];
    await must(amy, 'terms.replaceYear', { academicYear: '2026/27', terms: ashdownTerms });
    await must(amy, 'calendar.replaceDays', {
      academicYear: '2026/27',
      days: [{ date: '2026-11-20', kind: 'inset', name: 'Ashdown training day' }],
    });
    const csv = 'Type,Name,Start,End\nTerm,Autumn 1,06/09/2027,22/10/2027\nINSET,Ashdown staff day,06/09/2027,\n';
    expect(await must(amy, 'calendar.import', { csv })).toMatchObject({ years: ['2027/28'], terms: 1, days: 1, rejected: [] });
    await must(amy, 'clocks.saveRule', { key: 'needs_identified', enabled: true, amount: 8, unit: 'school_weeks', under5Months: null });
    await must(amy, 'disciplines.save', { code: 'speech_language', label: 'Speech and language therapy', active: false });
    await must(amy, 'disciplines.save', { code: 'music_therapy', label: 'Music therapy', active: true });

    // The first school's settings are exactly as they were, and its SENCo sees only theirs.
    expect(await settingsOf(oakfield)).toEqual(oakfieldBefore);
    expect((await must<Term[]>(w.senco, 'terms.list', { academicYear: '2026/27' })).map((x) => x.startDate)).toEqual(
      WORLD_TERMS.map((x) => x.startDate),
    );
    expect(await must<Term[]>(w.senco, 'terms.list', { academicYear: '2027/28' })).toEqual([]);
    expect((await must<CalendarDay[]>(w.senco, 'calendar.listDays', {})).map((d) => d.name)).toEqual(['Oakfield training day']);
    const oakRules = await must<ClockRuleView[]>(w.senco, 'clocks.rules', {});
    expect(oakRules.filter((r) => r.custom).map((r) => [r.key, r.amount])).toEqual([['initial_assessment', 5]]);
    const oakDisciplines = await must<{ code: string; active: boolean }[]>(w.senco, 'disciplines.list', {});
    expect(oakDisciplines.find((d) => d.code === 'speech_language')!.active).toBe(true);
    expect(oakDisciplines.map((d) => d.code)).toContain('drama_therapy');
    expect(oakDisciplines.map((d) => d.code)).not.toContain('music_therapy');
    // ...and the second school's SENCo reads only the second's: none of the first's dates, days, rules or disciplines.
    const ashdownView = {
      terms: await must<Term[]>(amy, 'terms.list', {}),
      days: await must<CalendarDay[]>(amy, 'calendar.listDays', {}),
      rules: (await must<ClockRuleView[]>(amy, 'clocks.rules', {})).filter((r) => r.custom),
      disciplines: await must<{ code: string }[]>(amy, 'disciplines.list', {}),
    };
    expect(ashdownView.terms.map((x) => `${x.academicYear} ${x.name} ${x.startDate}`)).toEqual([
      ...ashdownTerms.map((x) => `2026/27 ${x.name} ${x.startDate}`),
      '2027/28 autumn1 2027-09-06',
    ]);
    expect(ashdownView.days.map((d) => d.name)).toEqual(['Ashdown training day', 'Ashdown staff day']);
    expect(ashdownView.rules.map((r) => [r.key, r.amount])).toEqual([['needs_identified', 8]]);
    expect(mentions(ashdownView, ['Oakfield training day', 'drama_therapy', 'Drama therapy', '2026-11-27'])).toBeNull();

    // A discipline is the pupil's school's: the second school's own is refused for the first school's pupil.
    const referral = (pupilId: string, discipline: string) => ({
      id: null,
      pupilId,
      referrerKind: 'teacher',
      referrerName: 'A Teacher',
      laCategory: null,
      discipline,
      reason: 'Synthetic referral.',
      receivedDate: '2026-11-20',
      consentStatus: 'given',
      consentBy: 'A Parent (mother)',
      consentDate: '2026-11-19',
    });
    expect(await call(w.senco, 'referrals.save', referral(w.in.profile.id, 'music_therapy'))).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', fields: { discipline: expect.stringMatching(/music_therapy/) } },
    });
    expect(await call(amy, 'referrals.save', referral(alma.id, 'drama_therapy'))).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    const made = await must<{ id: string }>(amy, 'referrals.save', referral(alma.id, 'music_therapy'));
    await w.core.ds.query(`DELETE FROM referral_event WHERE referral_id = ${driver === 'postgres' ? '$1' : '?'}`, [made.id]);
    await w.core.ds.query(`DELETE FROM referral WHERE id = ${driver === 'postgres' ? '$1' : '?'}`, [made.id]);

    // A placement's two terms: each school's preview counts its own term dates.
    const oakPlacement = await must<{ plannedEndDate: string }>(w.senco, 'placements.preview', { startDate: '2026-11-09' });
    const ashPlacement = await must<{ plannedEndDate: string }>(amy, 'placements.preview', { startDate: '2026-11-09' });
    expect(ashPlacement.plannedEndDate).not.toBe(oakPlacement.plannedEndDate);
  });

  it('a pupil’s statutory clocks count THEIR school’s term dates, closures and clock rules', async () => {
    // Runs after the test above: the second school has its own terms, an INSET day and an 8-school-week rule.
    const due = (calendar: CalendarInput, rules: ClockRule[]) =>
      computeClocks({
        today: '2026-11-23',
        calendar,
        rules,
        schoolLocalAuthority: 'Exampleshire',
        assessmentRequests: [],
        plans: [],
        reviews: [],
        pupils: [
          {
            id: alma.id,
            name: 'Alma Ashdown',
            yearGroup: '6',
            className: '5S',
            dateOfBirth: alma.dateOfBirth,
            dateJoined: '2026-11-02',
            senStatus: 'K',
            needsIdentifiedOn: null,
          },
        ],
      }).find((i) => i.key === 'needs_identified')!.dueDate;
    const ashdownCalendar: CalendarInput = {
      terms: (await must<Term[]>(amy, 'terms.list', {})).map((x) => ({ startDate: x.startDate, endDate: x.endDate })),
      closures: (await must<CalendarDay[]>(amy, 'calendar.listDays', {})).map((d) => ({ date: d.date, kind: d.kind, name: d.name })),
    };
    const oakfieldCalendar: CalendarInput = {
      terms: (await must<Term[]>(w.senco, 'terms.list', {})).map((x) => ({ startDate: x.startDate, endDate: x.endDate })),
      closures: (await must<CalendarDay[]>(w.senco, 'calendar.listDays', {})).map((d) => ({ date: d.date, kind: d.kind, name: d.name })),
    };
    const ashdownRules = mergeRules([{ key: 'needs_identified', enabled: true, amount: 8, unit: 'school_weeks' }]);
    const expected = due(ashdownCalendar, ashdownRules);
    // The test could not tell them apart if the first school's calendar or rules gave the same date.
    expect(due(oakfieldCalendar, mergeRules([]))).not.toBe(expected);
    expect(due(oakfieldCalendar, ashdownRules)).not.toBe(expected);
    expect(due(ashdownCalendar, mergeRules([]))).not.toBe(expected);
    const forAlma = (await must<{ items: ClockItemView[] }>(amy, 'clocks.list', { pupilId: alma.id })).items.find(
      (i) => i.key === 'needs_identified',
    );
    expect(forAlma).toMatchObject({ pupilId: alma.id, fromDate: '2026-11-02', dueDate: expected });
    // The dashboard's list (every pupil at once) counts the same, and the first school's pupils keep theirs.
    const all = (await must<{ items: ClockItemView[] }>(amy, 'clocks.list', {})).items.find(
      (i) => i.key === 'needs_identified' && i.pupilId === alma.id,
    );
    expect(all?.dueDate).toBe(expected);
  });

  it('a SENCo (or DSL) of one school sees no record of another in any read, list or total', async () => {
    const swept: string[] = [];
    for (const op of READ_OPS) {
      const session = allows(op, 'senco') ? amy : allows(op, 'dsl') ? ada : null;
      if (!session) continue;
      for (const p of [w.in, w.out]) {
        let r = await call(session, op, READ_SAMPLES[op]!(w, p));
        // The trail of the second school's own pupil may name whoever of the first school tried to open their record
        // (refused): the pupil's own access history is theirs to see.
        if (op === 'audit.list' && r.ok) {
          const v = r.value as { rows: { pupilId: string | null; outcome: string }[] };
          r = { ok: true, value: { ...v, rows: v.rows.filter((e) => !(e.pupilId === alma.id && e.outcome === 'refused')) } };
        }
        if (r.ok)
          expect(
            mentions(r, bTokens),
            `${op} (about ${p.profile.legalFirstName}) shows the first school's ${mentions(r, bTokens)}: ${JSON.stringify(r).slice(0, 3000)}`,
          ).toBeNull();
        else expect(['forbidden', 'not_found'], `${op}: ${r.error.code}: ${r.error.message}`).toContain(r.error.code);
      }
      swept.push(op);
    }
    expect(swept.length).toBeGreaterThan(55);
    // Refusals about the first school's pupils are in the audit trail, naming the pupil, as out-of-scope refusals are.
    const refused = (await w.core.ds.query(
      "SELECT operation, pupil_id FROM audit_event WHERE outcome = 'refused' AND actor LIKE '%(amy)%'",
    )) as { operation: string; pupil_id: string | null }[];
    expect(refused.map((r) => `${r.operation} ${r.pupil_id}`)).toEqual(
      expect.arrayContaining([`pupils.get ${w.out.profile.id}`, `ehcp.get ${w.out.profile.id}`, `sessions.get ${w.out.profile.id}`]),
    );
    // ...and what the first school's SENCo reads of the trail shows them, not the second school's own events.
    const trailB = await must<{ rows: { actor: string; pupilId: string | null }[] }>(w.senco, 'audit.list', { pageSize: 200 });
    expect(trailB.rows.some((r) => r.actor.includes('(amy)') && r.pupilId === null)).toBe(false);
    expect(trailB.rows.some((r) => r.actor.includes('(amy)') && r.pupilId === w.out.profile.id)).toBe(true);
  });

  it('every write about another school’s records is refused, and that school’s data is unchanged', async () => {
    const b = { in: w.in.profile.id, out: w.out.profile.id };
    const extra: { op: string; input: unknown }[] = [
      { op: 'users.setActive', input: { id: w.therapist.id, active: false } },
      { op: 'users.resetPassword', input: { id: w.therapist.id, password: 'a long enough password' } },
      {
        op: 'pupils.update',
        input: {
          ...pupilInput({
            upn: w.out.profile.upn,
            legalFirstName: 'Changed',
            legalLastName: 'Name',
            className: '6T',
            senStatus: 'E',
            needs: ['SLCN'],
          }),
          id: b.out,
        },
      },
      {
        op: 'ehcp.update',
        input: {
          planId: w.out.planId,
          baseVersion: 1,
          localAuthority: 'Exampleshire',
          ownerId: null,
          status: 'final',
          draftDate: null,
          issuedDate: '2025-12-01',
          ceasedDate: null,
          ceasedReason: null,
          content: planContent(),
          amendment: { effectiveDate: '2026-11-20', reason: 'Annual review', namesNextPhase: false },
        },
      },
      {
        op: 'ehcp.reviews.save',
        input: {
          id: null,
          planId: w.out.planId,
          meetingDate: '2026-11-20',
          held: false,
          invitationsSentDate: null,
          adviceCirculatedDate: null,
          reportSentDate: null,
          laDecisionDate: null,
          laDecision: null,
          amendedFinalDate: null,
        },
      },
      {
        op: 'ehcp.requests.save',
        input: {
          id: null,
          pupilId: b.out,
          localAuthority: 'Exampleshire',
          ownerId: null,
          requestDate: '2026-11-02',
          decisionDate: null,
          decision: null,
          issueDecision: null,
          issueDecisionDate: null,
          finalPlanDate: null,
          withdrawnDate: null,
        },
      },
      { op: 'pupils.markNeedsIdentified', input: { pupilId: b.out, date: '2026-10-01' } },
      { op: 'referrals.move', input: { id: referralId, to: 'declined', date: '2026-11-20', reason: 'Needs met in class' } },
      {
        op: 'placements.save',
        input: {
          id: null,
          pupilId: b.out,
          commissioningLa: 'Exampleshire',
          laCategory: 're_engagement',
          homeSchoolName: 'Hill Top Academy',
          homeSchoolUrn: '100003',
          startDate: '2027-01-05',
          staffingRatio: 'two_to_one',
          extensionStatus: 'none',
          extensionRequestedDate: null,
          extensionEndDate: null,
          closurePlan: null,
          closedDate: null,
          extensionFundingSource: null,
          extensionFundingPence: null,
          extensionFundingApprovedBy: null,
          extensionFundingApprovedDate: null,
        },
      },
      { op: 'sessions.move', input: { id: w.out.sessionId, date: '2026-11-26', startTime: '10:00', overrideProtected: true } },
      { op: 'reviews.completeAction', input: { id: actionId, doneDate: '2026-11-23' } },
      {
        op: 'exports.reviewPackPdf',
        input: {
          reviewId: w.out.reviewId,
          organisation: 'Exampleshire SEND team',
          basis: { article6: 'public_task', article9: 'substantial_public_interest' },
          password: 'a long enough password',
          note: null,
        },
      },
      { op: 'safeguarding.acknowledge', input: { id: concernId } },
      { op: 'safeguarding.close', input: { id: concernId, system: 'CPOMS', reference: 'CP-2026-0143' } },
      {
        op: 'staff.save',
        input: {
          id: staffId,
          name: 'Renamed',
          jobTitle: 'Speech and language therapist',
          userId: null,
          active: true,
          dbsNumber: '001234567890',
          dbsIssueDate: '2024-09-01',
          dbsUpdateService: true,
          dbsCheckedOn: '2026-09-01',
          safeguardingLevel: 'level3',
          safeguardingDate: '2025-10-01',
          firstAidRequired: true,
          firstAidDate: '2024-06-01',
          registrationRequired: true,
          registrationBody: 'hcpc',
          registrationNumber: 'SL12345',
          registrationExpiry: '2027-09-30',
          thriveRequired: false,
          thriveLicence: null,
          thriveExpiry: null,
        },
      },
      { op: 'staff.cpd.add', input: { staffId, course: 'Another course', date: '2026-10-11', provider: 'RCSLT', hours: 1 } },
      { op: 'staff.cpd.remove', input: { id: cpdId } },
      {
        op: 'policies.save',
        input: {
          id: policyId,
          title: 'Renamed policy',
          holder: 'Headteacher',
          approvedBy: 'Governing Body',
          approvedDate: '2025-09-01',
          nextReviewDate: '2027-09-01',
        },
      },
      {
        op: 'feedback.save',
        input: {
          id: feedbackId,
          kind: 'complaint',
          source: 'parent',
          fromName: 'Pat Parent',
          pupilId: null,
          receivedDate: '2026-11-02',
          summary: 'Changed.',
          sentiment: null,
          stage: 'senco',
          acknowledgedDate: '2026-11-03',
          respondedDate: null,
          escalatedDate: null,
          closedDate: null,
          outcome: null,
        },
      },
      {
        op: 'sessions.protected.save',
        input: { id: protectedId, pupilId: null, className: '6T', weekday: 1, start: '13:00', end: '14:00', label: 'Maths', remove: true },
      },
      {
        op: 'ehcp.transfer.record',
        input: { pupilId: b.out, kind: 'primary_to_secondary', transferDate: '2027-09-01', nextSetting: 'Northwold Academy (fictional)' },
      },
      { op: 'ehcp.transfer.clear', input: { pupilId: b.out } },
      { op: 'pupils.moveSchool', input: { pupilId: b.out, toSchoolId: ashdown.id, date: '2026-11-23' } },
      // A draft about another school's pupil is neither kept nor discarded (issue 17, item 3).
      { op: 'drafts.save', input: { key: `ehcp.plan:${b.out}`, pupilId: b.out, payload: '{"content":"Changed."}' } },
      { op: 'drafts.discard', input: { key: `ehcp.plan:${b.out}`, pupilId: b.out } },
      // The first school's staff are not the second school's to use with its own pupils.
      {
        op: 'caseload.allocate',
        input: { pupilId: alma.id, userId: w.therapist.id, discipline: 'speech_language', startDate: '2026-11-23' },
      },
      {
        op: 'sessions.schedule',
        input: {
          title: 'Borrowed therapist',
          discipline: 'speech_language',
          practitionerIds: [w.therapist.id],
          pupils: [{ pupilId: alma.id, ehcpProvisionId: null, ippInterventionId: null }],
          firstDate: '2026-11-30',
          startTime: '09:00',
          durationMinutes: 30,
          location: null,
          recurrence: 'none',
          intervalWeeks: 1,
          until: null,
          count: null,
          exceptions: [],
          overrideProtected: true,
        },
      },
      { op: 'users.setClasses', input: { id: w.teacher.id, classes: ['5S', '6T'] } },
      // ...nor the case-holders of its plans and requests.
      {
        op: 'ehcp.create',
        input: {
          pupilId: alma.id,
          localAuthority: 'Exampleshire',
          ownerId: w.sencoId,
          status: 'final',
          draftDate: null,
          issuedDate: '2025-12-01',
          ceasedDate: null,
          ceasedReason: null,
          content: planContent(),
        },
      },
      {
        op: 'ehcp.requests.save',
        input: {
          id: null,
          pupilId: alma.id,
          localAuthority: 'Exampleshire',
          ownerId: w.sencoId,
          requestDate: '2026-11-02',
          decisionDate: null,
          decision: null,
          issueDecision: null,
          issueDecisionDate: null,
          finalPlanDate: null,
          withdrawnDate: null,
        },
      },
      // The first school's provision catalogue and its pupils' places on it (the provision map, migration 0020).
      {
        op: 'provisions.update',
        input: {
          id: w.provisionId,
          name: 'Renamed provision',
          area: 'communication_interaction',
          wave: 'targeted',
          groupSize: 3,
          sessionsPerWeek: 2,
          minutesPerSession: 30,
          staffRole: 'teaching_assistant',
          startDate: '2026-09-02',
          endDate: null,
          measureName: null,
          description: null,
        },
      },
      { op: 'provisions.end', input: { id: w.provisionId, endDate: '2026-12-18' } },
      { op: 'provisions.placements.end', input: { id: w.out.placementId, endDate: '2026-12-18', exitValue: 20 } },
      {
        op: 'provisions.placements.add',
        input: { provisionId: w.provisionId, pupilId: alma.id, startDate: '2026-11-23', endDate: null, entryValue: null },
      },
      // A UPN is unique across the trust: refused, without naming the other school's pupil.
      { op: 'pupils.create', input: pupilInput({ upn: w.out.profile.upn, legalFirstName: 'Someone', legalLastName: 'Else' }) },
    ];
    // What names the first school's people and records (ids the caller sent may be echoed back; names may not).
    const names = bTokens.filter((t) => typeof t !== 'string' || !/^[0-9a-f-]{36}$/.test(t));
    const sends = [...built.filter((x) => !TRUST_WIDE_WRITES.includes(x.op) && !NAME_NO_RECORD.includes(x.op)), ...extra];
    const before = await fingerprint();
    const lastSeq = Number(((await w.core.ds.query('SELECT MAX(seq) AS seq FROM audit_event')) as { seq: unknown }[])[0]?.seq ?? 0);
    // An MIS import naming the other school's pupil's UPN: that row is refused, the pupil not updated nor named.
    const imported = await must<{ rejected: { reason: string }[] }>(amy, 'pupils.import', {
      rows: [{ line: 2, values: { UPN: w.out.profile.upn, Surname: 'Name', Forename: 'Changed', DOB: '12/04/2015', Year: '6' } }],
    });
    expect(imported.rejected.map((r) => r.reason)).toEqual([expect.stringMatching(/another school of the trust/)]);
    expect(
      mentions(
        imported,
        bTokens.filter((t) => t !== w.out.profile.upn),
      ),
    ).toBeNull();
    const outcomes = new Map<string, string[]>();
    for (const { op, input } of sends) {
      const session = allows(op as OpName, 'senco') ? amy : allows(op as OpName, 'dsl') ? ada : amy;
      const r = await call(session, op, input);
      expect(r.ok, `${op} ran for the second school's SENCo: ${JSON.stringify(input).slice(0, 200)}`).toBe(false);
      if (r.ok) continue;
      expect(r.error.code, `${op}: ${r.error.message}`).not.toBe('internal');
      expect(
        mentions(r.error, names),
        `${op}'s refusal names the first school's ${mentions(r.error, names)}: ${r.error.message}`,
      ).toBeNull();
      // Named another school's pupil: refused as out of scope, saying so.
      const named = (input as { pupilId?: unknown }).pupilId;
      if (named === b.in || named === b.out)
        expect(r.error, op).toMatchObject({ code: 'forbidden', message: expect.stringMatching(/another school/) });
      outcomes.set(op, [...(outcomes.get(op) ?? []), r.error.code]);
    }
    expect(await fingerprint()).toEqual(before);
    // Reaching another school's records that are not a pupil's is refused as "not found" and audited all the same.
    const otherSchool = (await w.core.ds.query(
      `SELECT operation FROM audit_event WHERE outcome = 'refused' AND actor LIKE '%(amy)%' AND detail LIKE '%another school%' AND seq > ${lastSeq}`,
    )) as { operation: string }[];
    expect([...new Set(otherSchool.map((e) => e.operation))].sort()).toEqual(
      [
        'caseload.allocate',
        'policies.save',
        'sessions.protected.save',
        'staff.cpd.add',
        'staff.cpd.remove',
        'staff.save',
        'feedback.save',
        'users.resetPassword',
        'users.setActive',
        'users.setClasses',
        'provisions.update',
        'provisions.end',
        'provisions.placements.add',
      ].sort(),
    );
    // Every write that can reach an existing record was sent, and refused with something other than a bad input
    // (so it reached the tenancy check, not a schema error), except the refusals that are about a cross-school person.
    const sweepable = OP_NAMES.filter(
      (op) =>
        contract[op].kind === 'write' &&
        !TRUST_WIDE_WRITES.includes(op) &&
        !NAME_NO_RECORD.includes(op) &&
        (allows(op, 'senco') || allows(op, 'dsl')),
    );
    expect(sweepable.filter((op) => !outcomes.has(op))).toEqual([]);
    const crossPerson = ['caseload.allocate', 'sessions.schedule', 'reviews.save', 'ehcp.create', 'ehcp.requests.save'];
    const badInput = [...outcomes].filter(([op, codes]) => codes.includes('invalid_input') && !crossPerson.includes(op)).map(([op]) => op);
    expect(badInput).toEqual([]);
  });

  it('the trust’s SEND lead sees figures for every school and no pupil’s record', async () => {
    const figures = await must<TrustFigures>(tara, 'trust.figures', {});
    expect(figures.schools.map((s) => [s.name, s.pupils, s.ehcp, s.senSupport, s.bands.specific ?? 0, s.staff])).toEqual([
      ['Ashdown Academy (synthetic)', 1, 0, 1, 0, 2],
      ['Oakfield Primary (synthetic)', 2, 2, 0, 2, 5],
    ]);
    expect(mentions(figures, bTokens)).toBeNull();
    expect((await must<{ rows: unknown[] }>(tara, 'pupils.list', {})).rows).toEqual([]);
    // Nor any school's own records open to everyone signed in (its policies).
    expect(await must<unknown[]>(tara, 'policies.list', {})).toEqual([]);
    expect(await call(tara, 'pupils.get', { id: w.out.profile.id })).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: expect.stringMatching(/figures for each school/) },
    });
    expect(
      await call(tara, 'safeguarding.raise', {
        pupilId: alma.id,
        happenedAt: '2026-11-20T10:15',
        what: 'Seen upset at break.',
        childWords: null,
      }),
    ).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    // Only the trust's IT makes a trust lead; a school's SENCo cannot, and cannot read the trust's figures.
    expect(
      await call(amy, 'users.create', {
        displayName: 'Would Be',
        username: 'would.be',
        role: 'trust_lead',
        password: 'a long enough password',
      }),
    ).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await call(amy, 'trust.figures', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect((await must<TrustSchool[]>(amy, 'trust.schools.list', {})).map((s) => [s.name, s.own])).toEqual([
      ['Ashdown Academy (synthetic)', true],
      ['Oakfield Primary (synthetic)', false],
    ]);
  });

  it('a pupil moving to another school of the trust takes their record with them, audited', async () => {
    const ina = w.in.profile.id;
    expect(
      await call(w.senco, 'pupils.moveSchool', {
        pupilId: ina,
        toSchoolId: (await must<TrustSchool[]>(w.senco, 'trust.schools.list', {})).find((s) => s.own)!.id,
        date: '2026-11-23',
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', fields: { toSchoolId: expect.stringMatching(/already at Oakfield/) } },
    });
    const moved = await must<{ allocationsEnded: number; futureSessionsLeft: number; to: { name: string } }>(w.senco, 'pupils.moveSchool', {
      pupilId: ina,
      toSchoolId: ashdown.id,
      date: '2026-11-23',
    });
    expect(moved).toMatchObject({ allocationsEnded: 1, futureSessionsLeft: 1, to: { name: 'Ashdown Academy (synthetic)' } });
    // The first school no longer reaches them; the second reaches their whole record.
    expect(await call(w.senco, 'pupils.get', { id: ina })).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: expect.stringMatching(/another school/) },
    });
    expect(await call(w.therapistSession, 'pupils.get', { id: ina })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect((await must<PupilProfile>(amy, 'pupils.get', { id: ina })).className).toBeNull();
    expect(await must<unknown[]>(amy, 'ehcp.listForPupil', { pupilId: ina })).toHaveLength(1);
    expect(await must<unknown[]>(amy, 'referrals.list', { pupilId: ina })).toHaveLength(1);
    expect(await must<unknown[]>(amy, 'reviews.listForPupil', { pupilId: ina })).toHaveLength(1);
    expect((await must<{ id: string }>(amy, 'ipps.get', { id: w.in.ippId })).id).toBe(w.in.ippId);
    expect((await must<{ pupilId: string }[]>(ada, 'safeguarding.list', {})).map((c) => c.pupilId)).toContain(ina);
    expect((await must<{ pupilId: string }[]>(w.dslSession, 'safeguarding.list', {})).map((c) => c.pupilId)).not.toContain(ina);
    // Past sessions stay in the first school's timetable without naming them; its session after the move goes ahead without them.
    const bWeek = await must<SessionView[]>(w.senco, 'sessions.list', { from: '2026-11-01', to: '2026-11-30' });
    expect(mentions(bWeek, [ina, 'Inscope'])).toBeNull();
    expect(bWeek.find((s) => s.title === 'Whole group')!.pupils.map((p) => p.pupilId)).toEqual([w.out.profile.id]);
    // ...and opening that session shows it without them.
    const shared = await must<SessionView>(w.senco, 'sessions.get', { id: w.sharedSessionId });
    expect(shared.pupils.map((p) => p.pupilId)).toEqual([w.out.profile.id]);
    const [allocation] = await must<{ endDate: string | null }[]>(amy, 'caseload.allocations', { pupilId: ina });
    expect(allocation!.endDate).toBe('2026-11-22');
    // The move is in the audit trail, naming the pupil and both schools.
    const [event] = (await w.core.ds.query(
      "SELECT actor, pupil_id, outcome, detail FROM audit_event WHERE operation = 'pupils.moveSchool' AND outcome = 'ok'",
    )) as { actor: string; pupil_id: string; detail: string }[];
    expect(event).toMatchObject({ actor: 'Sam Senco (sam.senco)', pupil_id: ina });
    expect(JSON.parse(event!.detail)).toMatchObject({ from: '100001', to: '100009', date: '2026-11-23' });
    // The second school's SENCo now reads the pupil's history, the first school's does not.
    expect(
      (await must<{ rows: { pupilId: string | null }[] }>(amy, 'audit.list', { pupilId: ina, pageSize: 200 })).rows.length,
    ).toBeGreaterThan(5);
  });

  /** Every row of every table but the audit trail and sign-in sessions (which the sweep adds to), in a stable order. */
  async function fingerprint(): Promise<Record<string, string[]>> {
    const tables = (
      (await w.core.ds.query(
        driver === 'sqlite'
          ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
          : 'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()',
      )) as { name: string }[]
    )
      .map((r) => r.name)
      .filter((n) => !['audit_event', 'sign_in_session', 'migrations'].includes(n))
      .sort();
    const out: Record<string, string[]> = {};
    for (const table of tables)
      out[table] = ((await w.core.ds.query(`SELECT * FROM ${table}`)) as unknown[]).map((r) => JSON.stringify(r)).sort();
    return out;
  }
});
