/**
 * Loads the generated demo school into a data folder. The school and first SENCo are set up through the
 * dispatcher (same validation as the app's first-run screen) and so are the term dates of the academic year and
 * the year before; the bulk of the data (staff, pupils, their SEN history, needs and contacts, EHC plans with
 * their versions and reviews, assessment requests, INSET days and bank holidays, and the therapy team's bands,
 * referrals, assessments, individual pupil plans with their reviews, and placements; review meetings with their
 * decisions and actions, and updates to parents) is inserted directly through
 * the DataSource in ONE transaction with multi-row inserts, because thousands of separate dispatcher calls would
 * take minutes. That transaction appends ONE audit event ("demo.load") so the trail still says who loaded what,
 * and when. The generated plans, referrals, assessments, bands, IPPs, reviews and placements are checked against
 * the same schemas their operations use (demo.test.ts).
 *
 * The bulk transaction runs outside the dispatcher's queue: call this when nothing else is using the core
 * (the CLI and the benchmark do).
 */
import type { EntityManager, ObjectLiteral, EntityTarget } from 'typeorm';
import { In } from 'typeorm';
import { appendAudit } from '../audit';
import { actorLabel, type Actor } from '../context';
import type { Core } from '../core';
import { todayIso } from '../../../shared/dates';
import {
  AssessmentEntity,
  BandPeriodEntity,
  CalendarDayEntity,
  EhcAssessmentRequestEntity,
  EhcPlanEntity,
  EhcPlanVersionEntity,
  EhcpAdviceEntity,
  EhcpItemEntity,
  EhcpNeedEntity,
  EhcpOutcomeEntity,
  EhcpOutcomeNeedEntity,
  EhcpProvisionEntity,
  EhcpProvisionOutcomeEntity,
  EhcpReviewEntity,
  IppEntity,
  IppGoalEntity,
  IppInterventionEntity,
  IppReviewEntity,
  IppVersionEntity,
  ParentUpdateEntity,
  PlacementEntity,
  PupilContactEntity,
  PupilEntity,
  PupilTransferEntity,
  PupilNeedEntity,
  ReferralEntity,
  ReferralEventEntity,
  ReviewActionEntity,
  ReviewDecisionEntity,
  ReviewMeetingEntity,
  SenStatusPeriodEntity,
  TermEntity,
  UserEntity,
} from '../db/entities';
import { hashPassword } from '../passwords';
import { seedDisciplines } from '../services/referrals';
import { SchoolPolicyEntity, StaffMemberEntity, UserClassEntity } from '../db/entities';
import { demoCalendar, type DemoCalendarYear } from './calendar';
import { DEMO_ACADEMIC_YEAR, DEMO_SENCO_USERNAME, academicYearStart, generateDemo, type DemoData, type DemoSize } from './generate';
import { addDaysIso } from './days';
import { createRng, type Rng } from './prng';
import { generateReviews, reviewCounts, reviewYears, type DemoReviewData } from './reviews';
import { generatePassports, insertPassports } from './passports';
import { generateSessionYear, sessionYears, staffUnitOf, type DemoSession } from './sessions';
import { DEMO_SPECS } from './generate';
import { SchoolEntity } from '../db/entities';
import { inTransaction } from '../db/transaction';
import { ProvisionEntity, ProvisionPlacementEntity, ProvisionRateEntity } from '../db/entities';
import { DEMO_CATALOGUE, DEMO_RATES, generateProvisionPlacements } from './provision';
import { SECTION_F_CATALOGUE } from './ehcp';

export interface DemoLoadOptions {
  readonly size: DemoSize;
  readonly academicYear?: string;
  /** The password every demo user gets (the CLI passes SENCO_PASSWORD or DEMO_PASSWORD). */
  readonly password: string;
  readonly actor: Actor;
  /**
   * The time recorded on new rows and the audit event; defaults to now. Its day (or, without it, the day by the core's
   * clock) is the day the demo is built: sessions before it are recorded, but for a small backlog (demo/sessions.ts).
   */
  readonly now?: Date;
  /**
   * Academic years of therapy sessions: the demo year and the years before it (default 1; at most
   * MAX_SESSION_YEARS). The term dates of every one of them are set too.
   */
  readonly sessionYears?: number;
  /**
   * Also timetable group interventions for pupils on SEN support on the Universal band (demo/sessions.ts), the
   * volume of an established school (the issue's sizing: about 200,000 sessions in five years at the `school` size).
   * Default: on when more than one session year is asked for at the `school` or `trust` size.
   */
  readonly groupInterventions?: boolean;
}

/** The most session years the demo makes (its oldest pupils joined Year 7 six years before its academic year). */
export const MAX_SESSION_YEARS = 10;

export interface DemoSessionSummary {
  /** The academic years with sessions, oldest first. */
  readonly years: readonly string[];
  readonly sessions: number;
  /** Recurring bookings (every session belongs to one). */
  readonly series: number;
  /** Pupils in sessions (session_pupil rows), and how many of them deliver an EHC plan provision row or a plan intervention. */
  readonly pupilRecords: number;
  readonly linkedToPlans: number;
  readonly attended: number;
  readonly absent: number;
  readonly cancelled: number;
  readonly pending: number;
}

export interface DemoLoadResult {
  /** When the demo set up an encrypted folder: its recovery key (shown this once). */
  readonly recoveryKey: string | null;
  readonly size: DemoSize;
  readonly academicYear: string;
  /** True when the data folder was empty and the demo set the school up itself. */
  readonly setUpSchool: boolean;
  readonly school: { readonly name: string; readonly urn: string; readonly localAuthority: string };
  readonly pupils: number;
  readonly formerPupils: number;
  readonly ehcp: number;
  readonly senSupport: number;
  readonly contacts: number;
  readonly staff: readonly { readonly username: string; readonly displayName: string; readonly role: string; readonly job: string }[];
  /** Demo usernames already taken in this data folder, left as they were. */
  readonly skippedUsers: readonly string[];
  /** False when the school already had term dates for the year (they are kept). */
  readonly termsSet: boolean;
  /** The academic years whose terms, INSET days and bank holidays the demo set (a year the school had already entered is kept). */
  readonly calendarYears: readonly string[];
  readonly calendarDays: number;
  readonly ehcPlans: number;
  readonly planVersions: number;
  readonly annualReviews: number;
  readonly assessmentRequests: number;
  /** Phase transfers recorded for pupils with plans at the end of a phase (SEND Regulations 2014 reg. 18). */
  readonly phaseTransfers: number;
  readonly needsIdentified: number;
  /** The therapy team's records: pupils in each band now, band periods (with history), referrals, initial assessments, plans. */
  readonly bands: { readonly universal: number; readonly targeted: number; readonly specific: number };
  readonly bandPeriods: number;
  readonly referrals: number;
  readonly therapyAssessments: number;
  readonly ipps: number;
  readonly ippReviews: number;
  readonly placements: number;
  /** Pupils on Specific generated without progress (bands.distribution flags them). */
  readonly flaggedSpecific: number;
  /** Therapy sessions for the plans' provision and the pupil plans' interventions (demo/sessions.ts). */
  readonly sessions: DemoSessionSummary;
  /** Review meetings (by kind; held and the one planned per pupil with a plan), decisions, actions and parent updates (demo/reviews.ts). */
  readonly reviews: DemoReviewSummary;
  /**
   * Caseload allocations: one for every therapist (and the therapy lead) and pupil the demo books together, so each
   * therapist's caseload is the pupils they see (booking gives no access of its own: electron/core/scope.ts).
   */
  readonly allocations: number;
  /** The provision map (demo/provision.ts): the catalogue's provisions (each school's), and pupils' places on them. */
  readonly provisions: number;
  readonly provisionPlacements: number;
  readonly seconds: number;
}

export interface DemoReviewSummary {
  readonly meetings: number;
  readonly held: number;
  readonly planned: number;
  readonly byKind: { readonly plan: number; readonly band: number; readonly midpoint: number; readonly annual: number };
  readonly decisions: number;
  readonly actions: number;
  /** Actions not done by the demo's reference date, and of those the ones already past their due date. */
  readonly actionsOpen: number;
  readonly actionsOverdue: number;
  readonly parentUpdates: number;
}

/** A failure the caller should show as it is (bad password, demo already loaded). */
export class DemoLoadError extends Error {
  constructor(
    message: string,
    readonly code: 'invalid_input' | 'already_loaded' | 'failed',
  ) {
    super(message);
    this.name = 'DemoLoadError';
  }
}

/** Rows per INSERT: keeps each statement well under SQLite's 32,766 and PostgreSQL's 65,535 parameters. */
const CHUNK = 400;

async function insertChunked<T extends ObjectLiteral>(em: EntityManager, target: EntityTarget<T>, rows: readonly T[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    // updateEntity(false): nothing is generated by the database, so skip TypeORM's re-reading of each row.
    await em
      .createQueryBuilder()
      .insert()
      .into(target)
      .values(rows.slice(i, i + CHUNK) as T[])
      .updateEntity(false)
      .execute();
  }
}

export async function loadDemo(core: Core, opts: DemoLoadOptions): Promise<DemoLoadResult> {
  const started = Date.now();
  const academicYear = opts.academicYear ?? DEMO_ACADEMIC_YEAR;
  const years = opts.sessionYears ?? 1;
  const groupInterventions = opts.groupInterventions ?? (years > 1 && opts.size !== 'small');
  if (!Number.isInteger(years) || years < 1 || years > MAX_SESSION_YEARS) {
    throw new DemoLoadError(`Session years must be a whole number from 1 to ${MAX_SESSION_YEARS}, not ${years}.`, 'invalid_input');
  }
  const data: DemoData = generateDemo(opts.size, academicYear);
  const S = academicYearStart(academicYear);
  // Term dates, INSET days and bank holidays: the year before the demo year and the demo year, and every session year.
  const calendar: DemoCalendarYear[] = [
    ...sessionYears(academicYear, years)
      .filter((y) => y < S - 1)
      .map((y) => demoCalendar(y)),
    ...data.calendar,
  ];
  const at = (opts.now ?? new Date()).toISOString();
  const today = todayIso(opts.now ?? core.dispatcher.now());

  await refuseIfLoaded(core, data, opts.size, academicYear);
  const { setUpSchool, recoveryKey, school } = await setUpOrReadSchool(core, data, opts);
  const { newStaff, skippedUsers, hashes } = await staffToAdd(core, data, setUpSchool, opts.password);
  const { termsSet, termYears, dayYears, calendarDays } = await setCalendar(core, opts.actor, calendar, academicYear);
  const counts = demoCounts(data, opts.size, academicYear, calendarDays.length);

  // Reviews and parent updates over every year the demo has term dates for (the session years, and the year before the demo year).
  const reviewData = generateReviews(
    data,
    reviewYears(
      academicYear,
      calendar.map((y) => academicYearStart(y.academicYear)),
    ),
  );
  const reviews = reviewCounts(reviewData, data.referenceDate);

  const loaded = await inTransaction(core.ds, (em) =>
    insertDemo(em, {
      core,
      opts,
      data,
      at,
      S,
      calendar,
      calendarDays,
      newStaff,
      hashes,
      school,
      reviewData,
      sessions: { academicYear, years, groupInterventions, today },
      auditDetail: (sessions, allocations, provisionCounts) => ({
        ...counts.summary,
        ...counts.ehc,
        ...counts.therapy,
        staff: newStaff.length,
        sessions: sessions.sessions,
        sessionYears: sessions.years,
        reviews: reviews.meetings,
        reviewActions: reviews.actions,
        parentUpdates: reviews.parentUpdates,
        allocations,
        provisions: provisionCounts.provisions,
        provisionPlacements: provisionCounts.placements,
      }),
    }),
  );

  // The demo's event is the trail's head: the data folder's checkpoint records it (audit-checkpoint.ts).
  core.checkpoints?.record(loaded.head);

  // An encrypted store: each new demo user's own copy of the database key (the demo inserts users in bulk, not
  // through users.create).
  if (core.keys) await core.keys.grantAll(newStaff.map((s) => ({ userId: s.id, username: s.username, password: opts.password })));

  return {
    ...counts.summary,
    ...counts.ehc,
    ...counts.therapy,
    recoveryKey,
    sessions: loaded.sessions,
    reviews,
    allocations: loaded.allocations,
    provisions: loaded.provisions.provisions,
    provisionPlacements: loaded.provisions.placements,
    calendarYears: [...new Set([...termYears, ...dayYears])].sort(),
    setUpSchool,
    school,
    staff: data.staff
      .filter((s) => !skippedUsers.includes(s.username))
      .map((s) => ({ username: s.username, displayName: s.displayName, role: s.role, job: s.job })),
    skippedUsers,
    termsSet,
    seconds: (Date.now() - started) / 1000,
  };
}

/** Loaded before? UPNs are unique for ever, so a second load would fail half-way: refuse it up front. */
async function refuseIfLoaded(core: Core, data: DemoData, size: DemoSize, academicYear: string): Promise<void> {
  const upns = data.pupils.map((p) => p.upn);
  for (let i = 0; i < upns.length; i += CHUNK) {
    const taken = await core.ds.getRepository(PupilEntity).count({ where: { upn: In(upns.slice(i, i + CHUNK)) } });
    if (taken > 0) {
      throw new DemoLoadError(
        `This data folder already holds pupils with the demo's UPNs (the ${size} demo for ${academicYear} was loaded here before). Use an empty data folder to load it again.`,
        'already_loaded',
      );
    }
  }
}

/** An empty data folder: the demo's school and SENCo set up through the dispatcher (as the first-run screen does); else the school already there. */
async function setUpOrReadSchool(
  core: Core,
  data: DemoData,
  opts: DemoLoadOptions,
): Promise<{ setUpSchool: boolean; recoveryKey: string | null; school: DemoData['school'] }> {
  const d = core.dispatcher;
  const status = await d.invokeAs(opts.actor, 'setup.status', {});
  if (!status.ok) throw new DemoLoadError(status.error.message, 'failed');
  if (!status.value.needsSetup) {
    const s = await d.invokeAs(opts.actor, 'school.get', {});
    return { setUpSchool: false, recoveryKey: null, school: s.ok ? s.value : data.school };
  }
  const senco = data.staff.find((s) => s.username === DEMO_SENCO_USERNAME);
  if (!senco) throw new DemoLoadError('The demo has no SENCo to set the school up with.', 'failed');
  const r = await d.invokeAs(opts.actor, 'setup.initialise', {
    school: data.school,
    user: { displayName: senco.displayName, username: senco.username, password: opts.password },
  });
  if (!r.ok) {
    const detail = r.error.fields?.['user.password'] ? `The demo password: ${r.error.fields['user.password']}` : r.error.message;
    throw new DemoLoadError(detail, 'invalid_input');
  }
  return { setUpSchool: true, recoveryKey: r.value.recoveryKey, school: data.school };
}

/** The demo's staff not in the folder yet, with their password hashes; the usernames already taken are skipped. */
async function staffToAdd(
  core: Core,
  data: DemoData,
  setUpSchool: boolean,
  password: string,
): Promise<{ newStaff: DemoData['staff']; skippedUsers: string[]; hashes: string[] }> {
  const existing = new Set((await core.ds.getRepository(UserEntity).find({ select: { username: true } })).map((u) => u.username));
  const skippedUsers = data.staff
    .filter((s) => existing.has(s.username) && !(setUpSchool && s.username === DEMO_SENCO_USERNAME))
    .map((s) => s.username);
  const newStaff = data.staff.filter((s) => !existing.has(s.username));
  // scrypt runs on libuv's thread pool: hashing in parallel takes a fraction of hashing one by one.
  const hashes = await Promise.all(newStaff.map(() => hashPassword(password)));
  return { newStaff, skippedUsers, hashes };
}

/**
 * Term dates for each calendar year, through the dispatcher, unless the school has entered its own; and the INSET
 * days and bank holidays to insert for the years the first school has none of its own (the school set up, whose terms
 * the operations set; a trust demo's further schools get theirs in insertSchools, each its own: migration 0017).
 */
async function setCalendar(
  core: Core,
  actor: Actor,
  calendar: readonly DemoCalendarYear[],
  academicYear: string,
): Promise<{ termsSet: boolean; termYears: string[]; dayYears: string[]; calendarDays: CalendarDayRow[] }> {
  const d = core.dispatcher;
  let termsSet = false;
  const termYears: string[] = [];
  for (const year of calendar) {
    const terms = await d.invokeAs(actor, 'terms.list', { academicYear: year.academicYear });
    if (terms.ok && terms.value.length === 0) {
      const r = await d.invokeAs(actor, 'terms.replaceYear', { academicYear: year.academicYear, terms: [...year.terms] });
      if (!r.ok) throw new DemoLoadError(r.error.message, 'failed');
      termYears.push(year.academicYear);
      if (year.academicYear === academicYear) termsSet = true;
    }
  }
  const [firstSchool] = await core.ds.getRepository(SchoolEntity).find({ order: { createdAt: 'ASC', id: 'ASC' }, take: 1 });
  const dayYears: string[] = [];
  for (const year of calendar) {
    if (
      (await core.ds.getRepository(CalendarDayEntity).count({ where: { schoolId: firstSchool!.id, academicYear: year.academicYear } })) ===
      0
    )
      dayYears.push(year.academicYear);
  }
  const calendarDays = calendar
    .filter((y) => dayYears.includes(y.academicYear))
    .flatMap((y) => y.days.map((day) => ({ schoolId: firstSchool!.id, academicYear: y.academicYear, ...day })));
  return { termsSet, termYears, dayYears, calendarDays };
}

type CalendarDayRow = { readonly schoolId: string; readonly academicYear: string } & DemoCalendarYear['days'][number];

/** What the generated demo holds, as the result and the audit event report it: pupils, EHC records, the therapy team's. */
function demoCounts(data: DemoData, size: DemoSize, academicYear: string, calendarDays: number) {
  const current = data.pupils.filter((p) => p.dateLeft === null);
  const openStatus = (p: (typeof data.pupils)[number]) => p.senHistory[p.senHistory.length - 1]!.status;
  const summary = {
    size,
    academicYear,
    pupils: current.length,
    formerPupils: data.pupils.length - current.length,
    ehcp: current.filter((p) => openStatus(p) === 'E').length,
    senSupport: current.filter((p) => openStatus(p) === 'K').length,
    contacts: data.pupils.reduce((n, p) => n + p.contacts.length, 0),
  };
  const ehc = {
    ehcPlans: data.plans.length,
    planVersions: data.plans.reduce((n, p) => n + p.versions.length, 0),
    annualReviews: data.plans.reduce((n, p) => n + p.reviews.length, 0),
    assessmentRequests: data.assessmentRequests.length,
    phaseTransfers: data.transfers.length,
    needsIdentified: data.pupils.filter((p) => p.needsIdentifiedOn !== null).length,
    calendarDays,
  };
  const t = data.therapy;
  const openBands = t.bands.map((b) => b.periods[b.periods.length - 1]!.band);
  const therapy = {
    bands: {
      universal: openBands.filter((b) => b === 'universal').length,
      targeted: openBands.filter((b) => b === 'targeted').length,
      specific: openBands.filter((b) => b === 'specific').length,
    },
    bandPeriods: t.bands.reduce((n, b) => n + b.periods.length, 0),
    referrals: t.referrals.length,
    therapyAssessments: t.assessments.length,
    ipps: t.ipps.length,
    ippReviews: t.ipps.reduce((n, i) => n + i.reviews.length, 0),
    placements: t.placements.length,
    flaggedSpecific: t.flaggedPupilIds.length,
  };
  return { summary, ehc, therapy };
}

interface InsertDemoInput {
  readonly core: Core;
  readonly opts: DemoLoadOptions;
  readonly data: DemoData;
  readonly at: string;
  /** The demo's academic year's first calendar year. */
  readonly S: number;
  readonly calendar: readonly DemoCalendarYear[];
  readonly calendarDays: readonly CalendarDayRow[];
  readonly newStaff: DemoData['staff'];
  readonly hashes: readonly string[];
  readonly school: DemoData['school'];
  readonly reviewData: DemoReviewData;
  readonly sessions: {
    readonly academicYear: string;
    readonly years: number;
    readonly groupInterventions: boolean;
    readonly today: string;
  };
  /** The demo.load audit event's detail, from the counts only known once inserted. */
  readonly auditDetail: (
    sessions: DemoSessionSummary,
    allocations: number,
    provisions: { provisions: number; placements: number },
  ) => Record<string, unknown>;
}

/**
 * The bulk of the demo, in the one transaction: the trust's further schools, staff, pupils and their records, the EHC
 * and therapy data, INSET days, reviews, passports, the sessions year by year, caseload allocations, the provision
 * map, and the one demo.load audit event (returned: the trail's new head).
 */
async function insertDemo(em: EntityManager, x: InsertDemoInput) {
  const { core, opts, data, at } = x;
  const academicYear = x.sessions.academicYear;
  // A trust's schools are tenants (migration 0015): the school set up above is the first; the others are added, and
  // each user, pupil, session, staff record and policy belongs to its own school (electron/core/scope.ts).
  const schoolIds = await insertSchools(em, opts.size, academicYear, x.calendar, at);
  const unitOfUser = (username: string) => Number(/\.(\d+)$/.exec(username)?.[1] ?? 1);
  const schoolOf = (unit: number) => schoolIds[unit - 1] ?? schoolIds[0]!;
  // Ids for rows that are not part of the generated record (needs, contacts, INSET days) stay deterministic too.
  const idRng = createRng(`senco-desk-demo-ids:${opts.size}:${academicYear}`);
  await insertPeople(em, data, { at, newStaff: x.newStaff, hashes: x.hashes, schoolIds, schoolOf, unitOfUser, idRng });
  const users = await em.getRepository(UserEntity).find({ select: { id: true, username: true, displayName: true } });
  const userByName = new Map(users.map((u) => [u.username, u]));
  const userIds = new Map(users.map((u) => [u.username, u.id]));
  // Who did what is recorded as the app records a signed-in user ("Name (username)"), with this folder's names.
  const label = (username: string) => {
    const u = userByName.get(username);
    return u ? `${u.displayName} (${u.username})` : actorLabel(opts.actor);
  };
  await insertEhcData(em, data, {
    at,
    createdBy: actorLabel(opts.actor),
    // Owners are named by demo username; the SENCo set up by the demo got its id from setup.initialise.
    userIds,
    school: x.school,
    idRng: createRng(`senco-desk-demo-ehc-ids:${opts.size}:${academicYear}`),
  });
  const interventionIds = await insertTherapyData(em, data, {
    at,
    by: label,
    school: x.school,
    idRng: createRng(`senco-desk-demo-therapy-ids:${opts.size}:${academicYear}`),
    reviews: x.reviewData,
  });
  await insertChunked(
    em,
    CalendarDayEntity,
    x.calendarDays.map((day) => ({ id: idRng.uuid(), ...day })),
  );
  await insertReviewData(em, x.reviewData, {
    at,
    userIds,
    label,
    displayName: (username) => userByName.get(username)?.displayName ?? null,
  });
  // Pupil passports (issue 18, item 3), written by the SENCo: about half the pupils on the register (demo/passports.ts).
  await insertPassports(em, generatePassports(data), { at, createdBy: label(DEMO_SENCO_USERNAME) });
  const { sessions, pairs } = await insertSessionYears(em, data, x.sessions, {
    at,
    userIds,
    label,
    interventionIds,
    schoolOf: (s) => schoolOf(unitOfUser(s.practitioners[0] ?? s.createdBy)),
  });
  const roles = new Map(
    (await em.getRepository(UserEntity).find({ select: { username: true, role: true } })).map((u) => [u.username, u.role]),
  );
  const allocations = await insertAllocations(em, pairs, {
    at,
    userIds,
    roles,
    label,
    yearStart: `${x.S}-09-01`,
    idRng: createRng(`senco-desk-demo-allocation-ids:${opts.size}:${academicYear}`),
  });
  const provisions = await insertProvisionMap(em, data, {
    at,
    S: x.S,
    schoolIds,
    schoolOf: (p) => schoolOf(staffUnitOf(p.upn)),
    interventionIds,
    size: opts.size,
    label: actorLabel(opts.actor),
  });
  const head = await appendAudit(em, core.store.kind, {
    at,
    userId: null,
    actor: actorLabel(opts.actor),
    role: opts.actor.kind === 'anonymous' ? null : opts.actor.role,
    operation: 'demo.load',
    pupilId: null,
    outcome: 'ok',
    detail: JSON.stringify(x.auditDetail(sessions, allocations, provisions)),
  });
  return { head, sessions, allocations, provisions };
}

/** The trust's schools (the first is the one set up; demoSchools adds the rest), each further one with its own calendar and disciplines. */
async function insertSchools(
  em: EntityManager,
  size: DemoSize,
  academicYear: string,
  calendar: readonly DemoCalendarYear[],
  at: string,
): Promise<string[]> {
  const schoolIds = await demoSchools(em, size, at);
  // Each further school's own calendar (the same dates as the first's, for the years it has none of) and disciplines.
  const calendarIds = createRng(`senco-desk-demo-school-calendar-ids:${size}:${academicYear}`);
  for (const schoolId of schoolIds.slice(1)) {
    await seedDisciplines(em, schoolId);
    for (const year of calendar) {
      if ((await em.getRepository(TermEntity).count({ where: { schoolId, academicYear: year.academicYear } })) === 0) {
        await insertChunked(
          em,
          TermEntity,
          year.terms.map((term) => ({ id: calendarIds.uuid(), schoolId, academicYear: year.academicYear, ...term })),
        );
      }
      if ((await em.getRepository(CalendarDayEntity).count({ where: { schoolId, academicYear: year.academicYear } })) === 0) {
        await insertChunked(
          em,
          CalendarDayEntity,
          year.days.map((day) => ({ id: calendarIds.uuid(), schoolId, academicYear: year.academicYear, ...day })),
        );
      }
    }
  }
  return schoolIds;
}

/** The staff (with their classes, checks and training), each school's therapy policy, and the pupils with their SEN history, needs and contacts. */
async function insertPeople(
  em: EntityManager,
  data: DemoData,
  x: {
    readonly at: string;
    readonly newStaff: DemoData['staff'];
    readonly hashes: readonly string[];
    readonly schoolIds: readonly string[];
    readonly schoolOf: (unit: number) => string;
    readonly unitOfUser: (username: string) => number;
    readonly idRng: Rng;
  },
): Promise<void> {
  const { at, newStaff, schoolOf, unitOfUser } = x;
  const userSchool = new Map(newStaff.map((s) => [s.id, schoolOf(unitOfUser(s.username))]));
  await insertChunked(
    em,
    UserEntity,
    newStaff.map((s, i) => ({
      schoolId: schoolOf(unitOfUser(s.username)),
      id: s.id,
      username: s.username,
      displayName: s.displayName,
      role: s.role,
      passwordHash: x.hashes[i]!,
      active: true,
      failedAttempts: 0,
      lockedUntil: null,
      createdAt: at,
      mustChangePassword: null,
    })),
  );
  await insertChunked(
    em,
    PupilEntity,
    data.pupils.map((p) => ({
      schoolId: schoolOf(staffUnitOf(p.upn)),
      id: p.id,
      upn: p.upn,
      legalFirstName: p.legalFirstName,
      legalLastName: p.legalLastName,
      preferredFirstName: p.preferredFirstName,
      preferredLastName: p.preferredLastName,
      dateOfBirth: p.dateOfBirth,
      yearGroup: p.yearGroup,
      className: p.className,
      needsIdentifiedOn: p.needsIdentifiedOn,
      dateJoined: p.dateJoined,
      dateLeft: p.dateLeft,
      homeSchoolName: p.homeSchoolName,
      homeSchoolUrn: p.homeSchoolUrn,
      createdAt: at,
      updatedAt: at,
    })),
  );
  // Teachers and TAs see the pupils in their classes: the classes are shared out among them in order.
  await insertChunked(em, UserClassEntity, teacherClasses(newStaff, data.pupils));
  // Staff checks and training for every demo user (synthetic numbers), and the seed's therapy policy.
  await insertChunked(
    em,
    StaffMemberEntity,
    demoStaffRecords(newStaff, data.referenceDate, at).map((r) => ({ ...r, schoolId: userSchool.get(r.userId!) ?? x.schoolIds[0]! })),
  );
  for (const [i, schoolId] of x.schoolIds.entries()) {
    await em.getRepository(SchoolPolicyEntity).insert({
      id: i === 0 ? 'demo-policy-therapy' : `demo-policy-therapy-${i + 1}`,
      schoolId,
      title: 'Policy for Therapy Provision',
      holder: 'Headteacher',
      approvedBy: 'Governing Body',
      approvedDate: '2025-09-01',
      nextReviewDate: '2026-09-01',
      createdAt: at,
      updatedAt: at,
    });
  }
  await insertChunked(
    em,
    SenStatusPeriodEntity,
    data.pupils.flatMap((p) =>
      p.senHistory.map((h) => ({ id: h.id, pupilId: p.id, status: h.status, startDate: h.startDate, endDate: h.endDate })),
    ),
  );
  const { idRng } = x;
  await insertChunked(
    em,
    PupilNeedEntity,
    data.pupils.flatMap((p) => p.needs.map((needCode, i) => ({ id: idRng.uuid(), pupilId: p.id, rank: i + 1, needCode }))),
  );
  await insertChunked(
    em,
    PupilContactEntity,
    data.pupils.flatMap((p) => p.contacts.map((c, position) => ({ id: idRng.uuid(), pupilId: p.id, position, ...c }))),
  );
}

/** Therapy sessions, one academic year at a time (a year of the school demo is some 20,000 sessions), counted, with the practitioner and pupil pairs they book. */
async function insertSessionYears(
  em: EntityManager,
  data: DemoData,
  x: InsertDemoInput['sessions'],
  insert: Parameters<typeof insertSessions>[2],
): Promise<{ sessions: DemoSessionSummary; pairs: Map<string, AllocationPair> }> {
  const counts = {
    years: [] as string[],
    sessions: 0,
    series: 0,
    pupilRecords: 0,
    linkedToPlans: 0,
    attended: 0,
    absent: 0,
    cancelled: 0,
    pending: 0,
  };
  const pairs = new Map<string, AllocationPair>();
  for (const y of sessionYears(x.academicYear, x.years)) {
    const year = generateSessionYear(data, y, { groupInterventions: x.groupInterventions, today: x.today });
    await insertSessions(em, year.sessions, insert);
    collectPairs(pairs, year.sessions);
    counts.years.push(year.academicYear);
    counts.sessions += year.sessions.length;
    counts.series += year.series;
    for (const s of year.sessions) {
      for (const p of s.pupils) {
        counts.pupilRecords++;
        if (p.ehcpProvisionId || p.intervention) counts.linkedToPlans++;
        counts[p.attendance]++;
      }
    }
  }
  return { sessions: counts, pairs };
}

/** The EHC plans (every version's sections and links), their annual reviews and the assessment requests. */
async function insertEhcData(
  em: EntityManager,
  data: DemoData,
  o: {
    readonly at: string;
    readonly createdBy: string;
    readonly userIds: ReadonlyMap<string, string>;
    readonly school: { readonly name: string; readonly urn: string };
    readonly idRng: ReturnType<typeof createRng>;
  },
): Promise<void> {
  const owner = (username: string | null) => (username === null ? null : (o.userIds.get(username) ?? null));
  const versions = data.plans.flatMap((plan) => plan.versions.map((v) => ({ plan, v })));
  await insertChunked(
    em,
    EhcPlanEntity,
    data.plans.map((p) => ({
      id: p.id,
      pupilId: p.pupilId,
      localAuthority: p.localAuthority,
      ownerId: owner(p.ownerUsername),
      status: p.status,
      draftDate: p.draftDate,
      issuedDate: p.issuedDate,
      ceasedDate: null,
      ceasedReason: null,
      currentVersion: p.versions.length,
      createdAt: o.at,
      updatedAt: o.at,
    })),
  );
  await insertChunked(
    em,
    EhcPlanVersionEntity,
    versions.map(({ plan, v }) => {
      const placement = v.placementIsSchool ? { ...v.content.placement, name: o.school.name, urn: o.school.urn } : v.content.placement;
      return {
        id: v.id,
        planId: plan.id,
        number: v.number,
        kind: v.kind,
        effectiveDate: v.effectiveDate,
        reason: v.reason,
        namesNextPhase: v.namesNextPhase,
        aViews: v.content.sectionA.views ?? null,
        aInterests: v.content.sectionA.interests ?? null,
        aAspirations: v.content.sectionA.aspirations ?? null,
        iPlacementName: placement.name ?? null,
        iPlacementUrn: placement.urn ?? null,
        iPlacementType: placement.type ?? null,
        jPersonalBudget: v.content.personalBudget ?? null,
        createdAt: o.at,
        createdBy: o.createdBy,
      };
    }),
  );
  await insertChunked(
    em,
    EhcpNeedEntity,
    versions.flatMap(({ v }) =>
      v.content.needs.map((n, position) => ({ id: n.key, versionId: v.id, position, area: n.area, description: n.description })),
    ),
  );
  await insertChunked(
    em,
    EhcpItemEntity,
    versions.flatMap(({ v }) =>
      v.content.items.map((i, position) => ({
        id: o.idRng.uuid(),
        versionId: v.id,
        position,
        section: i.section,
        description: i.description,
        provider: i.provider ?? null,
      })),
    ),
  );
  await insertChunked(
    em,
    EhcpOutcomeEntity,
    versions.flatMap(({ v }) =>
      v.content.outcomes.map((x, position) => ({
        id: x.key,
        versionId: v.id,
        position,
        description: x.description,
        targetDate: x.targetDate ?? null,
        pfaArea: x.pfaArea,
      })),
    ),
  );
  await insertChunked(
    em,
    EhcpOutcomeNeedEntity,
    versions.flatMap(({ v }) =>
      v.content.outcomes.flatMap((x) => [...new Set(x.needKeys)].map((needId) => ({ outcomeId: x.key, needId }))),
    ),
  );
  await insertChunked(
    em,
    EhcpProvisionEntity,
    versions.flatMap(({ v }) =>
      v.content.provision.map((p, position) => ({
        id: p.key,
        versionId: v.id,
        position,
        description: p.description,
        frequencyCount: p.frequencyCount,
        frequencyPeriod: p.frequencyPeriod,
        sessionMinutes: p.sessionMinutes,
        durationWeeks: p.durationWeeks,
        groupSize: p.groupSize,
        deliveredBy: p.deliveredBy ?? null,
        expertise: p.expertise ?? null,
        markedQuantified: p.markedQuantified,
        provisionId: null,
      })),
    ),
  );
  await insertChunked(
    em,
    EhcpProvisionOutcomeEntity,
    versions.flatMap(({ v }) =>
      v.content.provision.flatMap((p) => [...new Set(p.outcomeKeys)].map((outcomeId) => ({ provisionId: p.key, outcomeId }))),
    ),
  );
  await insertChunked(
    em,
    EhcpAdviceEntity,
    versions.flatMap(({ v }) =>
      v.content.advice.map((a, position) => ({
        id: o.idRng.uuid(),
        versionId: v.id,
        position,
        title: a.title,
        author: a.author,
        adviceDate: a.date,
      })),
    ),
  );
  await insertChunked(
    em,
    EhcpReviewEntity,
    data.plans.flatMap((p) => p.reviews.map((r) => ({ ...r, planId: p.id, createdAt: o.at, updatedAt: o.at }))),
  );
  await insertChunked(
    em,
    EhcAssessmentRequestEntity,
    data.assessmentRequests.map(({ ownerUsername, ...r }) => ({ ...r, ownerId: owner(ownerUsername), createdAt: o.at, updatedAt: o.at })),
  );
  // Phase transfers the SENCo recorded (last, so the ids drawn above stay as they were).
  await insertChunked(
    em,
    PupilTransferEntity,
    data.transfers.map((tr) => ({ id: o.idRng.uuid(), ...tr, recordedBy: o.createdBy, createdAt: o.at, updatedAt: o.at })),
  );
}

/** Bands with their history, referrals and their moves, initial assessments, plans (versions, goals, interventions, reviews), placements. */
async function insertTherapyData(
  em: EntityManager,
  data: DemoData,
  o: {
    readonly at: string;
    readonly by: (username: string) => string;
    readonly school: { readonly name: string; readonly urn: string };
    readonly idRng: ReturnType<typeof createRng>;
    /** The reviews that started band periods, revised plans and closed them (review_id, closed_date). */
    readonly reviews: DemoReviewData;
  },
): Promise<ReadonlyMap<string, string>> {
  const t = data.therapy;
  await insertChunked(
    em,
    BandPeriodEntity,
    t.bands.flatMap((b) =>
      b.periods.map((p) => ({
        id: p.id,
        pupilId: b.pupilId,
        band: p.band,
        needLevel: p.needLevel,
        startDate: p.startDate,
        endDate: p.endDate,
        plannedWeeks: p.plannedWeeks,
        reason: p.reason,
        createdBy: o.by(p.byUsername),
        createdAt: o.at,
        reviewId: o.reviews.bandPeriodReview.get(p.id) ?? null,
      })),
    ),
  );
  await insertChunked(
    em,
    ReferralEntity,
    t.referrals.map((r) => ({
      id: r.id,
      pupilId: r.pupilId,
      referrerKind: r.referrerKind,
      referrerName: r.referrerName,
      laCategory: r.laCategory,
      discipline: r.discipline,
      reason: r.reason,
      receivedDate: r.receivedDate,
      consentStatus: r.consentStatus,
      consentBy: r.consentBy,
      consentDate: r.consentDate,
      state: r.state,
      declinedReason: r.declinedReason,
      createdAt: o.at,
      updatedAt: o.at,
    })),
  );
  await insertChunked(
    em,
    ReferralEventEntity,
    t.referrals.flatMap((r) =>
      r.events.map((e) => ({
        id: e.id,
        referralId: r.id,
        fromState: e.from,
        toState: e.to,
        eventDate: e.date,
        reason: e.reason,
        createdBy: o.by(e.byUsername),
        createdAt: o.at,
      })),
    ),
  );
  await insertChunked(
    em,
    AssessmentEntity,
    t.assessments.map(({ scores, thrive, ...a }) => ({
      ...a,
      scoresJson: JSON.stringify(scores),
      thriveJson: JSON.stringify(thrive),
      createdAt: o.at,
      updatedAt: o.at,
    })),
  );
  await insertChunked(
    em,
    IppEntity,
    t.ipps.map((i) => ({
      id: i.id,
      pupilId: i.pupilId,
      currentVersion: i.versions.length,
      createdAt: o.at,
      updatedAt: o.at,
      closedDate: o.reviews.ippClosed.get(i.id) ?? null,
    })),
  );
  const versions = t.ipps.flatMap((i) => i.versions.map((v) => ({ ippId: i.id, v })));
  await insertChunked(
    em,
    IppVersionEntity,
    versions.map(({ ippId, v }) => ({
      id: v.id,
      ippId,
      number: v.number,
      title: v.title,
      startDate: v.startDate,
      reviewDate: v.reviewDate,
      endDate: v.endDate,
      expectedOutcomes: v.expectedOutcomes,
      reason: v.reason,
      createdBy: o.by(v.byUsername),
      createdAt: o.at,
      reviewId: o.reviews.ippVersionReview.get(v.id) ?? null,
    })),
  );
  await insertChunked(
    em,
    IppGoalEntity,
    versions.flatMap(({ v }) =>
      v.goals.map((g, position) => ({
        id: o.idRng.uuid(),
        versionId: v.id,
        goalKey: g.key,
        position,
        description: g.description,
        ehcpOutcomeId: g.ehcpOutcomeId,
        levelM2: g.levels.m2,
        levelM1: g.levels.m1,
        levelExpected: g.levels.expected,
        levelP1: g.levels.p1,
        levelP2: g.levels.p2,
        weight: g.weight,
      })),
    ),
  );
  const interventions = versions.flatMap(({ v }) =>
    v.interventions.map((x, position) => ({ id: o.idRng.uuid(), versionId: v.id, position, ...x, provisionId: null as string | null })),
  );
  await insertChunked(em, IppInterventionEntity, interventions);
  await insertChunked(
    em,
    IppReviewEntity,
    t.ipps.flatMap((i) =>
      i.reviews.map((r) => ({
        id: r.id,
        ippId: i.id,
        pupilId: i.pupilId,
        date: r.date,
        note: r.note,
        ratingsJson: JSON.stringify(r.ratings),
        meanRating: r.mean,
        createdBy: o.by(r.byUsername),
        createdAt: o.at,
      })),
    ),
  );
  await insertChunked(
    em,
    PlacementEntity,
    t.placements.map((p) => ({
      ...p,
      homeSchoolName: o.school.name,
      homeSchoolUrn: o.school.urn,
      extensionEndDate: null,
      closedDate: null,
      createdAt: o.at,
      updatedAt: o.at,
      extensionFundingSource: null,
      extensionFundingPence: null,
      extensionFundingApprovedBy: null,
      extensionFundingApprovedDate: null,
    })),
  );
  // The sessions name an intervention by its plan version and position: the ids just made, for them.
  return new Map(interventions.map((x) => [`${x.versionId}:${x.position}`, x.id]));
}

/**
 * Review meetings with their decisions and actions, and updates to parents. Staff are named as in this data folder
 * (attendees by display name, actions' owners by user id, who recorded or sent by "Name (username)").
 */
async function insertReviewData(
  em: EntityManager,
  r: DemoReviewData,
  o: {
    readonly at: string;
    readonly userIds: ReadonlyMap<string, string>;
    readonly label: (username: string) => string;
    readonly displayName: (username: string) => string | null;
  },
): Promise<void> {
  await insertChunked(
    em,
    ReviewMeetingEntity,
    r.meetings.map((m) => ({
      id: m.id,
      pupilId: m.pupilId,
      kind: m.kind,
      date: m.date,
      status: m.status,
      ippId: m.ippId,
      placementId: m.placementId,
      ehcPlanId: m.ehcPlanId,
      ehcpReviewId: m.ehcpReviewId,
      ippReviewId: m.ippReviewId,
      attendeesJson: JSON.stringify(
        m.attendees.map((a) => ({
          role: a.role,
          name: (a.username && o.displayName(a.username)) || a.name,
          organisation: a.organisation,
          present: a.present,
        })),
      ),
      pupilViews: m.pupilViews,
      parentViews: m.parentViews,
      discussion: m.discussion,
      ratingsJson: JSON.stringify(m.ratings),
      tScore: m.tScore,
      // The demo's annual reviews record their statutory steps only; their conclusions are left to be recorded.
      outcomesJson: null,
      amendmentsJson: null,
      laRecommendation: null,
      recordedBy: o.label(m.byUsername),
      createdAt: o.at,
      updatedAt: o.at,
    })),
  );
  await insertChunked(
    em,
    ReviewDecisionEntity,
    r.meetings.flatMap((m) =>
      m.decisions.map((d, position) => ({
        id: d.id,
        reviewId: m.id,
        position,
        kind: d.kind,
        band: d.band,
        needLevel: d.needLevel,
        plannedWeeks: d.plannedWeeks,
        note: d.note,
        actedAt: d.actedAt,
        actedOn: d.actedOn,
      })),
    ),
  );
  await insertChunked(
    em,
    ReviewActionEntity,
    r.meetings.flatMap((m) =>
      m.actions.map((a, position) => {
        const ownerUserId = o.userIds.get(a.ownerUsername) ?? null;
        return {
          id: a.id,
          reviewId: m.id,
          pupilId: m.pupilId,
          position,
          description: a.description,
          ownerUserId,
          ownerName: ownerUserId ? null : o.label(a.ownerUsername),
          dueDate: a.dueDate,
          doneDate: a.doneDate,
        };
      }),
    ),
  );
  await insertChunked(
    em,
    ParentUpdateEntity,
    r.parentUpdates.map((u) => ({
      id: u.id,
      pupilId: u.pupilId,
      date: u.date,
      method: u.method,
      summary: u.summary,
      sentBy: o.label(u.byUsername),
      createdAt: o.at,
    })),
  );
}

/** Parameters per statement: under SQLite's 32,766 (and PostgreSQL's 65,535). */
const MAX_PARAMS = 30_000;

/**
 * Multi-row INSERTs written out directly (the sessions run to hundreds of thousands of rows, where building each
 * chunk through TypeORM's query builder would cost more than the database does).
 */
async function insertRows(
  em: EntityManager,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly unknown[])[],
): Promise<void> {
  const pg = em.connection.options.type === 'postgres';
  const per = Math.floor(MAX_PARAMS / columns.length);
  for (let i = 0; i < rows.length; i += per) {
    const chunk = rows.slice(i, i + per);
    let n = 0;
    const values = chunk.map((r) => `(${r.map(() => (pg ? `$${++n}` : '?')).join(', ')})`).join(', ');
    await em.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values}`, chunk.flat());
  }
}

/**
 * The demo's schools, first to last: the school set up (or already there) is the first; a trust's further schools are
 * added as schools of their own (tenants: migration 0015), once, found again by URN when the demo is loaded again.
 */
async function demoSchools(em: EntityManager, size: DemoSize, at: string): Promise<string[]> {
  const repo = em.getRepository(SchoolEntity);
  const [first] = await repo.find({ order: { createdAt: 'ASC', id: 'ASC' }, take: 1 });
  if (!first) throw new DemoLoadError('The demo has no school to load into: set the school up first.', 'failed');
  const ids = [first.id];
  for (let unit = 2; unit <= DEMO_SPECS[size].units; unit++) {
    const urn = String(999_030 + unit);
    const found = await repo.findOne({ where: { urn } });
    if (found) {
      ids.push(found.id);
      continue;
    }
    const id = `demo-school-${unit}`;
    await repo.insert({
      id,
      name: `Larkspur Academy ${unit} (demo)`,
      urn,
      localAuthority: first.localAuthority,
      autoLockMinutes: null,
      createdAt: at,
      updatedAt: at,
    });
    ids.push(id);
  }
  return ids;
}

async function insertSessions(
  em: EntityManager,
  sessions: readonly DemoSession[],
  o: {
    readonly at: string;
    readonly userIds: ReadonlyMap<string, string>;
    readonly label: (username: string) => string;
    readonly interventionIds: ReadonlyMap<string, string>;
    /** The school whose timetable the session is in (its practitioner's). */
    readonly schoolOf: (s: DemoSession) => string;
  },
): Promise<void> {
  const labels = new Map<string, string>();
  const label = (u: string) => labels.get(u) ?? (labels.set(u, o.label(u)), labels.get(u)!);
  await insertRows(
    em,
    'therapy_session',
    [
      'id',
      'school_id',
      'series_id',
      'date',
      'start_time',
      'end_time',
      'duration_minutes',
      'title',
      'discipline',
      'location',
      'created_by',
      'created_at',
    ],
    sessions.map((s) => [
      s.id,
      o.schoolOf(s),
      s.seriesId,
      s.date,
      s.startTime,
      s.endTime,
      s.durationMinutes,
      s.title,
      s.discipline,
      s.location,
      label(s.createdBy),
      o.at,
    ]),
  );
  await insertRows(
    em,
    'session_practitioner',
    // With the session's date (and end time) copied as migration 0022's triggers would put them, so they need not write.
    ['session_id', 'user_id', 'session_date'],
    sessions.flatMap((s) => s.practitioners.flatMap((u) => (o.userIds.has(u) ? [[s.id, o.userIds.get(u)!, s.date]] : []))),
  );
  await insertRows(
    em,
    'session_pupil',
    [
      'session_id',
      'pupil_id',
      'ehcp_provision_id',
      'ipp_intervention_id',
      'attendance',
      'cancelled_by',
      'reason',
      'delivered_minutes',
      'notes',
      'goals_json',
      'recorded_at',
      'session_date',
      'session_end_time',
    ],
    sessions.flatMap((s) =>
      s.pupils.map((p) => [
        s.id,
        p.pupilId,
        p.ehcpProvisionId,
        p.intervention ? (o.interventionIds.get(`${p.intervention.versionId}:${p.intervention.position}`) ?? null) : null,
        p.attendance,
        p.cancelledBy,
        p.reason,
        p.deliveredMinutes,
        p.notes,
        null,
        p.recordedAt,
        s.date,
        s.endTime,
      ]),
    ),
  );
}

/** A practitioner and a pupil the demo books together: when, in which disciplines, and who booked them first. */
interface AllocationPair {
  readonly practitioner: string;
  readonly pupilId: string;
  first: string;
  last: string;
  readonly disciplines: Set<string>;
  readonly bookedBy: string;
}

function collectPairs(pairs: Map<string, AllocationPair>, sessions: readonly DemoSession[]): void {
  for (const s of sessions) {
    for (const practitioner of s.practitioners) {
      for (const p of s.pupils) {
        const key = `${practitioner}\u0000${p.pupilId}`;
        const pair = pairs.get(key);
        if (!pair) {
          pairs.set(key, {
            practitioner,
            pupilId: p.pupilId,
            first: s.date,
            last: s.date,
            disciplines: new Set([s.discipline]),
            bookedBy: s.createdBy,
          });
          continue;
        }
        if (s.date < pair.first) pair.first = s.date;
        if (s.date > pair.last) pair.last = s.date;
        pair.disciplines.add(s.discipline);
      }
    }
  }
}

/**
 * An allocation for every therapist (and the therapy lead) and pupil booked together, as the SENCo or therapy lead
 * makes them on the pupil's overview before booking: from their first session, open while they still have sessions
 * in the demo year, else ended on their last one (a pupil seen in an earlier session year only). One per discipline
 * when they share one discipline, else one for any discipline. The SENCo's own sessions (teaching assistants'
 * programmes) need none: the SENCo sees every pupil.
 */
async function insertAllocations(
  em: EntityManager,
  pairs: ReadonlyMap<string, AllocationPair>,
  o: {
    readonly at: string;
    readonly userIds: ReadonlyMap<string, string>;
    readonly roles: ReadonlyMap<string, string>;
    readonly label: (username: string) => string;
    readonly yearStart: string;
    readonly idRng: { uuid(): string };
  },
): Promise<number> {
  const rows = [...pairs.values()]
    .filter((p) => o.userIds.has(p.practitioner) && ['therapist', 'therapy_lead'].includes(o.roles.get(p.practitioner) ?? ''))
    .sort((a, b) => a.pupilId.localeCompare(b.pupilId) || a.practitioner.localeCompare(b.practitioner))
    .map((p) => [
      o.idRng.uuid(),
      p.pupilId,
      o.userIds.get(p.practitioner)!,
      p.disciplines.size === 1 ? [...p.disciplines][0]! : null,
      p.first,
      p.last >= o.yearStart ? null : p.last,
      o.label(p.bookedBy),
      o.at,
    ]);
  await insertRows(
    em,
    'caseload_allocation',
    ['id', 'pupil_id', 'user_id', 'discipline', 'start_date', 'end_date', 'created_by', 'created_at'],
    rows,
  );
  return rows.length;
}

/**
 * The provision map (demo/provision.ts): each school's catalogue and hourly rates, its register pupils' places, and the
 * link from a pupil plan's intervention, or an EHC plan's Section F line, to the catalogue provision the pupil is on (and
 * from the sessions that deliver them).
 */
async function insertProvisionMap(
  em: EntityManager,
  data: DemoData,
  o: {
    readonly at: string;
    readonly S: number;
    readonly schoolIds: readonly string[];
    readonly schoolOf: (p: DemoData['pupils'][number]) => string;
    readonly interventionIds: ReadonlyMap<string, string>;
    readonly size: DemoSize;
    readonly label: string;
  },
): Promise<{ provisions: number; placements: number }> {
  const idRng = createRng(`senco-desk-demo-provision-ids:${o.size}:${data.academicYear}`);
  // Every provision has run since January of last school year, so the places that began then fit inside it.
  const since = `${o.S - 1}-01-04`;
  const ids = new Map<string, string>();
  const provisions = o.schoolIds.flatMap((schoolId) =>
    DEMO_CATALOGUE.map((p) => {
      const id = idRng.uuid();
      ids.set(`${schoolId}:${p.key}`, id);
      return {
        id,
        schoolId,
        name: p.name,
        area: p.area,
        wave: p.wave,
        groupSize: p.groupSize,
        sessionsPerWeek: p.sessionsPerWeek,
        minutesPerSession: p.minutesPerSession,
        staffRole: p.staffRole,
        startDate: since,
        endDate: null,
        measureName: p.measureName,
        description: p.description,
        createdAt: o.at,
        updatedAt: o.at,
      };
    }),
  );
  await insertChunked(em, ProvisionEntity, provisions);
  await insertChunked(
    em,
    ProvisionRateEntity,
    o.schoolIds.flatMap((schoolId) =>
      Object.entries(DEMO_RATES).map(([role, hourlyPence]) => ({ schoolId, role, hourlyPence, updatedAt: o.at })),
    ),
  );
  const register = data.pupils.filter(
    (p) => p.dateLeft === null && p.dateJoined < data.referenceDate && p.senHistory[p.senHistory.length - 1]!.status !== 'N',
  );
  const pupilOf = new Map(register.map((p) => [p.id, p]));
  const ippsOf = new Map<string, DemoData['therapy']['ipps'][number][]>();
  for (const ipp of data.therapy.ipps) ippsOf.set(ipp.pupilId, [...(ippsOf.get(ipp.pupilId) ?? []), ipp]);
  const places = generateProvisionPlacements(
    createRng(`senco-desk-demo-provision:${o.size}:${data.academicYear}`),
    register.map((p) => ({
      id: p.id,
      status: p.senHistory[p.senHistory.length - 1]!.status as 'E' | 'K',
      needs: p.needs,
      therapy: (ippsOf.get(p.id) ?? []).flatMap((ipp) =>
        ipp.versions.flatMap((v) => v.interventions.map((x) => ({ discipline: x.discipline, from: ipp.versions[0]!.startDate }))),
      ),
    })),
    o.S,
  );
  const rows = places.map((x) => {
    const pupil = pupilOf.get(x.pupilId)!;
    // Not before they joined.
    const startDate = x.startDate < pupil.dateJoined ? pupil.dateJoined : x.startDate;
    const endDate = x.endDate !== null && x.endDate < startDate ? null : x.endDate;
    return {
      id: x.id,
      provisionId: ids.get(`${o.schoolOf(pupil)}:${x.provisionKey}`)!,
      pupilId: x.pupilId,
      startDate,
      endDate,
      entryValue: x.entryValue,
      exitValue: endDate === null ? null : x.exitValue,
      // Each measure taken when the place began, and (for a place that has ended) when it ended (migration 0023).
      entryDate: x.entryValue === null ? null : startDate,
      exitDate: endDate === null || x.exitValue === null ? null : endDate,
      createdBy: o.label,
      createdAt: o.at,
      updatedAt: o.at,
    };
  });
  await insertChunked(em, ProvisionPlacementEntity, rows);
  // A plan's intervention of a discipline is the specific provision of that discipline, and an EHC plan's Section F
  // line one the catalogue runs is that provision (demo/ehcp.ts SECTION_F_CATALOGUE), for a pupil with a place on it.
  const onProvision = new Set(places.map((x) => `${x.pupilId}:${x.provisionKey}`));
  const interventions = new Map<string, string[]>();
  const sectionF = new Map<string, string[]>();
  const link = (to: Map<string, string[]>, pupil: DemoData['pupils'][number], key: string, rowId: string) => {
    if (!onProvision.has(`${pupil.id}:${key}`)) return;
    const provisionId = ids.get(`${o.schoolOf(pupil)}:${key}`)!;
    to.set(provisionId, [...(to.get(provisionId) ?? []), rowId]);
  };
  for (const ipp of data.therapy.ipps) {
    const pupil = pupilOf.get(ipp.pupilId);
    if (!pupil) continue;
    for (const v of ipp.versions) {
      v.interventions.forEach((x, position) => {
        const prov = DEMO_CATALOGUE.find((c) => c.discipline === x.discipline);
        const interventionId = o.interventionIds.get(`${v.id}:${position}`);
        if (prov && interventionId) link(interventions, pupil, prov.key, interventionId);
      });
    }
  }
  for (const plan of data.plans) {
    const pupil = pupilOf.get(plan.pupilId);
    if (!pupil) continue;
    for (const v of plan.versions) {
      for (const p of v.content.provision) {
        const key = SECTION_F_CATALOGUE.get(p.description);
        if (key) link(sectionF, pupil, key, p.key);
      }
    }
  }
  for (const [entity, links] of [
    [IppInterventionEntity, interventions],
    [EhcpProvisionEntity, sectionF],
  ] as const) {
    for (const [provisionId, rowIds] of links) {
      for (let i = 0; i < rowIds.length; i += CHUNK) await em.update(entity, { id: In(rowIds.slice(i, i + CHUNK)) }, { provisionId });
    }
  }
  // A session that delivers a linked Section F line or intervention to a pupil delivers that provision (as a booking
  // from the catalogue keeps it); in a group whose pupils' lines name different provisions, the first by id.
  await em.query(
    `UPDATE therapy_session SET provision_id = (
       SELECT MIN(COALESCE(f.provision_id, x.provision_id)) FROM session_pupil sp
       LEFT JOIN ehcp_provision f ON f.id = sp.ehcp_provision_id LEFT JOIN ipp_intervention x ON x.id = sp.ipp_intervention_id
       WHERE sp.session_id = therapy_session.id)
     WHERE provision_id IS NULL AND id IN (
       SELECT sp.session_id FROM session_pupil sp
       WHERE sp.ehcp_provision_id IN (SELECT id FROM ehcp_provision WHERE provision_id IS NOT NULL)
          OR sp.ipp_intervention_id IN (SELECT id FROM ipp_intervention WHERE provision_id IS NOT NULL))`,
  );
  return { provisions: provisions.length, placements: rows.length };
}

/** The demo's classes shared out in order among its teachers and TAs (each gets a run of neighbouring classes). */
export function teacherClasses(
  staff: readonly { readonly id: string; readonly role: string }[],
  pupils: readonly { readonly className: string | null }[],
): { userId: string; className: string }[] {
  const teachers = staff.filter((s) => s.role === 'teacher');
  const classes = [...new Set(pupils.map((p) => p.className).filter((c): c is string => c !== null))].sort((a, b) =>
    a.localeCompare(b, 'en-GB', { numeric: true }),
  );
  if (!teachers.length) return [];
  const per = Math.ceil(classes.length / teachers.length);
  return classes.map((className, i) => ({ userId: teachers[Math.min(Math.floor(i / per), teachers.length - 1)]!.id, className }));
}

const JOB_TITLES: Readonly<Record<string, string>> = {
  senco: 'SENCo',
  therapy_lead: 'Therapy lead',
  therapist: 'Therapist',
  teacher: 'Teacher',
  headteacher: 'Headteacher',
  dsl: 'Designated safeguarding lead',
  office: 'Office manager',
};

/**
 * A staff compliance record per demo user: DBS, safeguarding training, first aid, HCPC for therapists, Thrive for
 * one practitioner. Dates are spread back from the reference date so the dashboard has one expired item, a few due
 * within 60 days and the rest in date. Numbers are synthetic (not real certificates or registrations).
 */
export function demoStaffRecords(
  staff: readonly { readonly id: string; readonly displayName: string; readonly role: string }[],
  referenceDate: string,
  at: string,
): Omit<StaffMemberEntity, 'schoolId'>[] {
  const back = (days: number) => addDaysIso(referenceDate, -days);
  return staff.map((s, i) => {
    const therapist = s.role === 'therapist' || s.role === 'therapy_lead';
    return {
      id: `demo-staff-${i + 1}`,
      name: s.displayName,
      jobTitle: JOB_TITLES[s.role] ?? s.role,
      userId: s.id,
      active: true,
      dbsNumber: String(1_000_000_000 + i * 7_919).padStart(12, '0'),
      dbsIssueDate: back(200 + i * 97),
      dbsUpdateService: i % 3 === 0,
      dbsCheckedOn: i % 3 === 0 ? back(120 + i * 11) : null,
      safeguardingLevel: s.role === 'dsl' ? 'dsl' : therapist || s.role === 'senco' ? 'level3' : 'level1',
      safeguardingDate: back(i === 1 ? 1_070 : 150 + i * 61),
      firstAidRequired: therapist || s.role === 'teacher',
      firstAidDate: i === 2 ? back(1_110) : back(300 + i * 40),
      registrationRequired: therapist,
      registrationBody: therapist ? 'hcpc' : null,
      registrationNumber: therapist ? `SL${String(10_000 + i * 37)}` : null,
      registrationExpiry: therapist ? back(-400 + i * 5) : null,
      thriveRequired: i === 3,
      thriveLicence: i === 3 ? `TH-${2_000 + i}` : null,
      thriveExpiry: i === 3 ? back(-45) : null,
      createdAt: at,
      updatedAt: at,
    } satisfies Omit<StaffMemberEntity, 'schoolId'>;
  });
}
