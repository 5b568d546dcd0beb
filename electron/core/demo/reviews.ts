/**
 * Review meetings (migration 0005's review_meeting, review_decision, review_action) and updates to parents
 * (parent_update) for the demo school, generated from the demo's pupils, plans and band history alone, on PRNG
 * streams of their own (so adding them left every pupil, plan, session and id before as it was). Every date is
 * relative to the demo's reference date (1 October of its academic year), never to today.
 *
 * What the SENCo finds, for every pupil on roll with a plan (an EHC plan or an individual pupil plan):
 *  - a plan review meeting for every plan review (ipp_review) of the demo, with the same goal ratings (ipp_review_id
 *    links them, as the reviews service keeps them) and their Kiresuk-Sherman T-score;
 *  - an annual review meeting for every EHC plan annual review (ehcp_review, linked by ehcp_review_id and
 *    ehc_plan_id; the statutory steps stay in ehcp_review, where the clocks read them);
 *  - an MDT band review on the day of every move between bands in the band history, whose band_up or band_down
 *    decision started the new band period (band_period.review_id, and the decision's acted_on names the period); a
 *    plan review that revised the plan ("revise_plan", carried out by version 2: ipp_version.review_id) or, for a
 *    plan finished with its goals met, closed it and moved the pupil back to Universal;
 *  - at the larger sizes, the alternative-provision placements' midpoint reviews (one held, requesting an extension);
 *  - a termly SEN support review with the pupil and parents (CoP 6.65) in every term of every academic year the demo
 *    has term dates for (the session years, and at least the year before the demo year) in which the pupil was on roll
 *    and on the SEN register and had no other review: these give five session years five years of reviews;
 *  - exactly one upcoming review with status 'planned': the EHC plan's next annual review where one is booked, else
 *    a placement's midpoint review, else the current plan's next review, else next term's SEN support review;
 *  - attendees (pupil, parents, staff by their demo accounts, the local authority's caseworker at annual reviews),
 *    the pupil's and parents' views in plain English, and for held reviews 1 to 3 actions owned by demo staff, due
 *    2 to 6 weeks after the meeting: most done, a few from recent reviews open and overdue, some not yet due.
 * And for every pupil on the SEN register (current and former), 3 to 5 updates to parents a year while on it.
 * All text is short, generic and synthetic.
 */
import {
  BAND_ORDER,
  type AttendeeRole,
  type DecisionKind,
  type ParentUpdateMethod,
  type ReviewKind,
  type ReviewStatus,
} from '../../../shared/contract';
import { reviewTScore } from '../../../shared/gas';
import type { Band, NeedLevel } from '../../../shared/therapy';
import { demoTerms } from './calendar';
import { addDaysIso, daysBetween, randomDate, weekdayOnOrAfter, weekdayOnOrBefore } from './days';
import type { DemoData, DemoPupil, DemoStaff } from './generate';
import { ADULT_FIRST_NAMES, SURNAMES } from './names';
import { createRng, type Rng } from './prng';
import { staffUnitOf } from './sessions';
import type { DemoBandPeriod, DemoIpp } from './therapy';

export interface DemoAttendee {
  readonly role: AttendeeRole;
  readonly name: string;
  readonly organisation: string | null;
  readonly present: boolean;
  /** A member of staff: their demo username (the name is theirs in the data folder, resolved on loading). */
  readonly username: string | null;
}

export interface DemoReviewDecision {
  readonly id: string;
  readonly kind: DecisionKind;
  readonly band: Band | null;
  readonly needLevel: NeedLevel | null;
  readonly plannedWeeks: number | null;
  readonly note: string | null;
  readonly actedAt: string | null;
  /** "band_period:ID", "ipp_version:IPP:N", "ipp_closed:IPP" or "placement:ID", as the reviews service writes them. */
  readonly actedOn: string | null;
}

export interface DemoReviewAction {
  readonly id: string;
  readonly description: string;
  /** Demo username of the owner (resolved to a user id on loading). */
  readonly ownerUsername: string;
  readonly dueDate: string;
  readonly doneDate: string | null;
}

export interface DemoReviewMeeting {
  readonly id: string;
  readonly pupilId: string;
  readonly kind: ReviewKind;
  readonly date: string;
  readonly status: ReviewStatus;
  readonly ippId: string | null;
  readonly placementId: string | null;
  readonly ehcPlanId: string | null;
  readonly ehcpReviewId: string | null;
  readonly ippReviewId: string | null;
  readonly attendees: readonly DemoAttendee[];
  readonly pupilViews: string | null;
  readonly parentViews: string | null;
  readonly discussion: string | null;
  /** With each goal's weight, as the app keeps them (electron/core/services/gas-ratings.ts); empty for other kinds. */
  readonly ratings: readonly { readonly goalKey: string; readonly rating: number; readonly note: string | null; readonly weight: number }[];
  readonly tScore: number | null;
  /** Demo username of who recorded it. */
  readonly byUsername: string;
  readonly decisions: readonly DemoReviewDecision[];
  readonly actions: readonly DemoReviewAction[];
}

export interface DemoParentUpdate {
  readonly id: string;
  readonly pupilId: string;
  readonly date: string;
  readonly method: ParentUpdateMethod;
  readonly summary: string;
  readonly byUsername: string;
}

export interface DemoReviewData {
  /** By pupil, then date. */
  readonly meetings: readonly DemoReviewMeeting[];
  readonly parentUpdates: readonly DemoParentUpdate[];
  /** Band period id -> the review whose decision started it (band_period.review_id). */
  readonly bandPeriodReview: ReadonlyMap<string, string>;
  /** Plan version id -> the review whose "revise the plan" decision it carries out (ipp_version.review_id). */
  readonly ippVersionReview: ReadonlyMap<string, string>;
  /** Plan id -> the date a review closed it (ipp.closed_date). */
  readonly ippClosed: ReadonlyMap<string, string>;
}

/** The academic years (first calendar year) the reviews and parent updates cover: the session years, and at least the year before the demo year. */
export function reviewYears(academicYear: string, sessionYears: readonly number[]): number[] {
  const S = Number(academicYear.slice(0, 4));
  return [...new Set([...sessionYears, S - 1, S])].sort((a, b) => a - b);
}

// ---- synthetic wording ----

const PUPIL_VIEWS_GOOD = [
  'I like my sessions. The visual timetable helps me know what is coming next.',
  'Lessons are easier when the steps are written down for me. I can ask for help more now.',
  'I feel calmer in the mornings since the check-in started. Break time is still a bit busy.',
  'I am proud that I can finish my writing now. I want to keep the slope board.',
  'I like the quiet room. I would like to try staying in science for the whole lesson.',
];
const PUPIL_VIEWS_HARD = [
  'Some lessons are too noisy and I get worried. I want to keep my exit card.',
  'I do not like being taken out of PE for sessions. I would rather go at tutor time.',
  'Writing still makes my hand ache and I cannot finish in time.',
  'I find it hard when there is a supply teacher and nobody knows my plan.',
  'Mornings are hard. I would like someone to meet me at the gate.',
];
const PARENT_VIEWS_GOOD = [
  'They are more settled at home and talk about school more. The home practice sheet is easy to use.',
  'We are pleased with the progress this term and would like the same support to carry on.',
  'They come home less tired and have started to do homework without arguments.',
  'The regular updates have helped; we know what to practise at home.',
];
const PARENT_VIEWS_HARD = [
  'Mornings are still very hard and they sometimes refuse to come in. We would like more help with that.',
  'We are worried that progress has slowed and would like to know what else can be tried.',
  'They are anxious about the move to the next year group; we would like a transition plan.',
  'We would like more regular updates about how the sessions are going.',
];
const TERMLY_DISCUSSION = [
  'Progress against the support plan targets, what is working in class and what to try next. The strategies in the pupil passport are being used in most lessons.',
  'Attendance, homework and friendships discussed as well as the targets. Teachers report the pre-teaching of key words is helping.',
  'Targets reviewed with the pupil and parents; two met, one carried forward with smaller steps.',
  'Reviewed the classroom strategies with the form tutor; the seating plan and task cards are to stay.',
];
const CONTINUE_NOTES: Readonly<Record<ReviewKind, readonly string[]>> = {
  plan: [
    'Continue the plan as it is; review at the agreed date.',
    'Continue: keep practising the same goals, with the home practice sheet.',
  ],
  band: [
    'Stay on the current support; review next term.',
    'Continue with the strategies in the pupil passport; new targets set for next term.',
  ],
  midpoint: ['Continue the placement to the end of the agreed period.'],
  annual: [
    'Recommend that the local authority maintains the plan.',
    'Recommend that the local authority maintains the plan, with updated outcomes for next year.',
  ],
};

type OwnerKind = 'senco' | 'therapy.lead' | 'therapist' | 'teacher';
const ACTIONS: Readonly<Record<ReviewKind, readonly (readonly [string, OwnerKind])[]>> = {
  plan: [
    ['Share the updated classroom strategies with subject teachers', 'therapist'],
    ['Send parents a copy of the plan review and the home practice sheet', 'therapist'],
    ['Update the pupil passport with the agreed strategies', 'teacher'],
    ['Book the next plan review with the pupil and parents', 'senco'],
    ['Observe the pupil in two lessons and feed back to the therapist', 'teacher'],
  ],
  band: [
    ['Update the pupil passport and tell the form tutor about the decision', 'senco'],
    ['Send parents the notes of the review', 'senco'],
    ['Set up the agreed intervention group and timetable it', 'therapy.lead'],
    ['Check the strategies are being used in English and maths', 'teacher'],
    ['Refer to the speech and language service for advice', 'therapist'],
  ],
  midpoint: [
    ['Plan the return timetable with the provider', 'therapy.lead'],
    ['Send the midpoint report to the commissioning local authority and the home school', 'senco'],
  ],
  annual: [
    ['Send the review report to the local authority and everyone invited', 'senco'],
    ['Ask the educational psychologist for updated advice', 'senco'],
    ['Update the provision map with the changes agreed', 'therapy.lead'],
    ['Share the updated outcomes with subject teachers', 'teacher'],
  ],
};
const PFA_ACTION: readonly [string, OwnerKind] = ['Book a careers guidance interview to plan for post-16', 'senco'];
const FLAG_ACTION: readonly [string, OwnerKind] = [
  'Ask the local authority for an early review of the EHC plan (no progress on Specific)',
  'senco',
];
const FLAG_ACTION_K: readonly [string, OwnerKind] = [
  'Gather evidence to request an EHC needs assessment (no progress on Specific)',
  'senco',
];

const PARENT_UPDATE_TEXT: Readonly<Record<ParentUpdateMethod, readonly string[]>> = {
  meeting: [
    'Met parents in school to talk through progress and the support in place; agreed the next steps.',
    "Parents' evening: talked through progress in lessons and the targets on the support plan.",
  ],
  phone: [
    'Phoned home to share a good week in lessons and check how things are at home.',
    'Phone call about a difficult morning; agreed a plan for the next day.',
  ],
  email: [
    'Emailed an update on the sessions this half term and the strategies to try at home.',
    'Emailed the new targets and the dates of the next sessions.',
  ],
  letter: ['Letter home with the date of the next review meeting and who will be there.'],
  report: ['Termly SEN support report sent home with progress against each target.'],
  app: ['Message through the school app: photos of work from the session and a reminder of the home practice.'],
};
const METHOD_WEIGHTS: readonly (readonly [ParentUpdateMethod, number])[] = [
  ['meeting', 20],
  ['phone', 25],
  ['email', 25],
  ['letter', 5],
  ['report', 15],
  ['app', 10],
];

const FAR = '9999-12-31';
const at = (date: string, time = '16:30') => `${date}T${time}:00.000Z`;
const maxDate = (a: string, b: string) => (a > b ? a : b);
const minDate = (a: string, b: string) => (a < b ? a : b);
const nameOf = (p: DemoPupil) => `${p.preferredFirstName ?? p.legalFirstName} ${p.preferredLastName ?? p.legalLastName}`;

const BAND_LABEL: Readonly<Record<Band, string>> = { universal: 'Universal', targeted: 'Targeted', specific: 'Specific' };
const ROLE_OF: Readonly<Record<string, AttendeeRole>> = {
  senco: 'senco',
  therapy_lead: 'therapy_lead',
  therapist: 'therapist',
  teacher: 'teacher',
};

/** Everything the meeting helpers need to know about one pupil. */
interface PupilCtx {
  readonly pupil: DemoPupil;
  readonly unit: number;
  readonly periods: readonly DemoBandPeriod[];
  readonly staff: (base: string) => DemoStaff | null;
  readonly teachers: readonly DemoStaff[];
  readonly senco: string;
}

export function generateReviews(data: DemoData, years: readonly number[]): DemoReviewData {
  const ref = data.referenceDate;
  const tag = `${data.size}:${data.academicYear}`;
  const staffByName = new Map(data.staff.map((s) => [s.username, s]));
  const plansByPupil = new Map(data.plans.map((p) => [p.pupilId, p]));
  const ippsByPupil = new Map<string, DemoIpp[]>();
  for (const i of data.therapy.ipps) ippsByPupil.set(i.pupilId, [...(ippsByPupil.get(i.pupilId) ?? []), i]);
  const bandsByPupil = new Map(data.therapy.bands.map((b) => [b.pupilId, b.periods]));
  const placementsByPupil = new Map(data.therapy.placements.map((p) => [p.pupilId, p]));
  const flagged = new Set(data.therapy.flaggedPupilIds);

  const bandPeriodReview = new Map<string, string>();
  const ippVersionReview = new Map<string, string>();
  const ippClosed = new Map<string, string>();

  const ctxOf = (p: DemoPupil): PupilCtx => {
    const unit = staffUnitOf(p.upn);
    const staff = (base: string) => staffByName.get(unit === 1 ? base : `${base}.${unit}`) ?? null;
    const teachers = ['teacher1', 'teacher2', 'teacher3'].map(staff).filter((s): s is DemoStaff => s !== null);
    return {
      pupil: p,
      unit,
      periods: bandsByPupil.get(p.id) ?? [],
      staff,
      teachers,
      senco: staff('senco')?.username ?? data.staff[0]!.username,
    };
  };
  const owner = (c: PupilCtx, kind: OwnerKind, therapist: string | null, rng: Rng): string => {
    if (kind === 'therapist') return therapist ?? c.staff('therapist1')?.username ?? c.staff('therapy.lead')?.username ?? c.senco;
    if (kind === 'teacher') return c.teachers.length ? rng.pick(c.teachers).username : c.senco;
    return c.staff(kind)?.username ?? c.senco;
  };

  const attendees = (
    rng: Rng,
    c: PupilCtx,
    kind: ReviewKind,
    status: ReviewStatus,
    extra: { therapist?: string | null; lead?: boolean; external?: { name: string; organisation: string; present: number } },
  ): DemoAttendee[] => {
    const planned = status === 'planned';
    const out: DemoAttendee[] = [
      {
        role: 'pupil',
        name: nameOf(c.pupil),
        organisation: null,
        present: planned || rng.chance(kind === 'annual' ? 0.9 : 0.75),
        username: null,
      },
    ];
    const parent = c.pupil.contacts.find((k) => k.parentalResponsibility) ?? c.pupil.contacts[0];
    if (parent)
      out.push({ role: 'parent_carer', name: parent.name, organisation: null, present: planned || rng.chance(0.85), username: null });
    const seen = new Set<string>();
    const addStaff = (s: DemoStaff | null, p: number) => {
      if (!s || seen.has(s.username)) return;
      seen.add(s.username);
      out.push({
        role: ROLE_OF[s.role] ?? 'teacher',
        name: s.displayName,
        organisation: null,
        present: planned || rng.chance(p),
        username: s.username,
      });
    };
    if (kind !== 'plan' || rng.chance(0.4)) addStaff(c.staff('senco'), 0.97);
    if (extra.lead || kind === 'midpoint') addStaff(c.staff('therapy.lead'), 0.95);
    if (extra.therapist) addStaff(staffByName.get(extra.therapist) ?? null, 0.95);
    if (c.teachers.length && (kind !== 'plan' || rng.chance(0.6))) addStaff(rng.pick(c.teachers), 0.8);
    if (extra.external) {
      out.push({
        role: 'external',
        name: extra.external.name,
        organisation: extra.external.organisation,
        present: planned || rng.chance(extra.external.present),
        username: null,
      });
    }
    return out;
  };
  const views = (rng: Rng, good: boolean, status: ReviewStatus) =>
    status === 'planned'
      ? { pupilViews: null, parentViews: null }
      : {
          pupilViews: rng.pick(good ? PUPIL_VIEWS_GOOD : PUPIL_VIEWS_HARD),
          parentViews: rng.chance(0.9) ? rng.pick(good ? PARENT_VIEWS_GOOD : PARENT_VIEWS_HARD) : null,
        };
  const actions = (
    rng: Rng,
    c: PupilCtx,
    kind: ReviewKind,
    date: string,
    therapist: string | null,
    must: readonly (readonly [string, OwnerKind])[] = [],
  ): DemoReviewAction[] => {
    const chosen = [...must, ...rng.shuffle(ACTIONS[kind]).slice(0, Math.max(0, rng.int(1, 3) - must.length))];
    const age = daysBetween(date, ref);
    return chosen.map(([description, who]) => {
      const due = weekdayOnOrBefore(addDaysIso(date, 7 * rng.int(2, 6)));
      const earliest = addDaysIso(date, 2);
      const latestDone = addDaysIso(ref, -1);
      let doneDate: string | null = null;
      // Actions from reviews a while back were done; recent ones: most done by their date, a few open (overdue), some not yet due.
      if (due < ref) {
        if (age > 150 || rng.chance(0.85))
          doneDate = weekdayOnOrBefore(randomDate(rng, earliest, minDate(addDaysIso(due, 10), latestDone)));
      } else if (earliest < latestDone && rng.chance(0.3)) {
        doneDate = weekdayOnOrBefore(randomDate(rng, earliest, latestDone));
      }
      if (doneDate !== null && doneDate < date) doneDate = date;
      return { id: rng.uuid(), description, ownerUsername: owner(c, who, therapist, rng), dueDate: due, doneDate };
    });
  };
  const decision = (rng: Rng, kind: DecisionKind, fields: Partial<Omit<DemoReviewDecision, 'id' | 'kind'>> = {}): DemoReviewDecision => ({
    id: rng.uuid(),
    kind,
    band: null,
    needLevel: null,
    plannedWeeks: null,
    note: null,
    actedAt: null,
    actedOn: null,
    ...fields,
  });
  const bandAt = (c: PupilCtx, date: string) => c.periods.find((x) => x.startDate <= date && date <= (x.endDate ?? FAR)) ?? null;
  const onRegister = (p: DemoPupil, date: string) =>
    date >= p.dateJoined &&
    date <= (p.dateLeft ?? FAR) &&
    p.senHistory.some((h) => h.status !== 'N' && h.startDate <= date && date <= (h.endDate ?? FAR));
  const laCaseworker = (rng: Rng, la: string) => ({
    name: `${rng.pick(ADULT_FIRST_NAMES)} ${rng.pick(SURNAMES)}`,
    organisation: `${la}: SEN team`.slice(0, 120),
    present: 0.4,
  });

  const withPlan = data.pupils.filter((p) => p.dateLeft === null && (plansByPupil.has(p.id) || ippsByPupil.has(p.id)));
  const meetingsOf = new Map<string, DemoReviewMeeting[]>();

  // ---- the reviews tied to the records: plan reviews, band moves, annual reviews, midpoint reviews, and the one planned ----
  const rng = createRng(`senco-desk-demo-reviews:${tag}`);
  for (const p of withPlan) {
    const c = ctxOf(p);
    const own: DemoReviewMeeting[] = [];
    const ipps = ippsByPupil.get(p.id) ?? [];
    const plan = plansByPupil.get(p.id) ?? null;
    const placement = placementsByPupil.get(p.id) ?? null;
    const base = (kind: ReviewKind, date: string, status: ReviewStatus, by: string) => ({
      id: rng.uuid(),
      pupilId: p.id,
      kind,
      date,
      status,
      ippId: null,
      placementId: null,
      ehcPlanId: null,
      ehcpReviewId: null,
      ippReviewId: null,
      ratings: [],
      tScore: null,
      byUsername: by,
      decisions: [],
      actions: [],
    });

    // Plan reviews: one meeting for every plan review, with its ratings.
    for (const ipp of ipps) {
      const v1 = ipp.versions[0]!;
      const last = ipp.versions.at(-1)!;
      const therapist = v1.byUsername;
      const finished = last.endDate < ref;
      ipp.reviews.forEach((r, i) => {
        const m = base('plan', r.date, 'held', r.byUsername);
        const mean = r.mean;
        const decisions: DemoReviewDecision[] = [];
        const must: (readonly [string, OwnerKind])[] = [];
        if (ipp.versions.length > 1 && i === 0) {
          // The first review revised the plan: version 2 carries the decision out (on the day the Specific band began, or a few days later).
          const v2 = ipp.versions[1]!;
          const when =
            v2.startDate > r.date ? v2.startDate : minDate(weekdayOnOrAfter(addDaysIso(r.date, rng.int(1, 3))), addDaysIso(ref, -1));
          decisions.push(decision(rng, 'revise_plan', { note: v2.reason, actedAt: at(when, '10:00'), actedOn: `ipp_version:${ipp.id}:2` }));
          ippVersionReview.set(v2.id, m.id);
        } else if (finished && i === ipp.reviews.length - 1) {
          // Goals met: the plan closes and the pupil goes back to Universal (the band period after the plan).
          decisions.push(decision(rng, 'close', { note: 'Goals met: plan closed.', actedAt: at(r.date), actedOn: `ipp_closed:${ipp.id}` }));
          ippClosed.set(ipp.id, r.date);
          const back = c.periods.find((x) => x.band === 'universal' && x.startDate > v1.startDate);
          if (back) {
            decisions.push(
              decision(rng, 'band_down', {
                band: 'universal',
                needLevel: back.needLevel,
                note: 'Back to Universal with the classroom strategies from the plan.',
                actedAt: at(back.startDate, '08:30'),
                actedOn: `band_period:${back.id}`,
              }),
            );
            bandPeriodReview.set(back.id, m.id);
          }
        } else {
          decisions.push(decision(rng, 'continue', { note: rng.pick(CONTINUE_NOTES.plan), actedAt: at(r.date) }));
          if (flagged.has(p.id) && i === ipp.reviews.length - 1)
            must.push(p.senHistory.at(-1)!.status === 'E' ? FLAG_ACTION : FLAG_ACTION_K);
        }
        own.push({
          ...m,
          ippId: ipp.id,
          ippReviewId: r.id,
          ratings: r.ratings.map((x) => ({ ...x })),
          tScore: reviewTScore(r.ratings),
          attendees: attendees(rng, c, 'plan', 'held', { therapist }),
          ...views(rng, mean >= 0, 'held'),
          discussion: r.note,
          decisions,
          actions: actions(rng, c, 'plan', r.date, therapist, must),
        });
      });
    }

    // MDT band reviews: every move between bands (not already decided at a plan review), and need levels lowered.
    c.periods.forEach((x, i) => {
      const prev = c.periods[i - 1];
      if (!prev || bandPeriodReview.has(x.id) || x.startDate >= ref) return;
      const moved = x.band !== prev.band;
      const lowered = !moved && x.band === 'universal' && prev.needLevel !== x.needLevel;
      if (!moved && !lowered) return;
      const m = base('band', x.startDate, 'held', x.byUsername);
      const up = moved && BAND_ORDER[x.band] > BAND_ORDER[prev.band];
      const decisions = moved
        ? [
            decision(rng, up ? 'band_up' : 'band_down', {
              band: x.band,
              needLevel: x.needLevel,
              plannedWeeks: x.plannedWeeks,
              note: `${BAND_LABEL[prev.band]} to ${BAND_LABEL[x.band]}.`,
              actedAt: at(x.startDate, '08:30'),
              actedOn: `band_period:${x.id}`,
            }),
          ]
        : [
            decision(rng, 'continue', {
              note: `Stay on Universal; need level lowered from ${prev.needLevel ?? 'none'} to ${x.needLevel ?? 'none'}.`,
              actedAt: at(x.startDate),
            }),
          ];
      if (moved) bandPeriodReview.set(x.id, m.id);
      const ipp = ipps.find((k) => k.versions[0]!.startDate <= x.startDate && x.startDate <= k.versions.at(-1)!.endDate) ?? ipps[0] ?? null;
      own.push({
        ...m,
        attendees: attendees(rng, c, 'band', 'held', { lead: true, therapist: ipp?.versions[0]!.byUsername ?? null }),
        ...views(rng, !up, 'held'),
        discussion: x.reason,
        decisions,
        actions: actions(rng, c, 'band', x.startDate, ipp?.versions[0]!.byUsername ?? null),
      });
    });

    // EHC plan annual reviews, linked to their ehcp_review rows (held, or the one booked).
    if (plan) {
      const y = Number(p.yearGroup);
      for (const r of plan.reviews) {
        const status: ReviewStatus = r.held ? 'held' : 'planned';
        const m = base('annual', r.meetingDate, status, plan.ownerUsername ?? c.senco);
        const amend = r.laDecision === 'amend';
        const discussion =
          status === 'held'
            ? 'Annual review of the EHC plan: progress towards each outcome in section E, whether the provision in section F is still right, and the views of everyone invited.' +
              (y >= 9 ? ' Preparing for adulthood discussed: interests, next steps after Year 11 and independent travel.' : '') +
              (amend ? ' The provision needs updating: amendments recommended.' : '')
            : null;
        own.push({
          ...m,
          ehcPlanId: plan.id,
          ehcpReviewId: r.id,
          attendees: attendees(rng, c, 'annual', status, { lead: rng.chance(0.5), external: laCaseworker(rng, plan.localAuthority) }),
          ...views(rng, !amend, status),
          discussion,
          decisions:
            status === 'held'
              ? [
                  decision(rng, 'continue', {
                    note: amend
                      ? 'Recommend that the local authority amends the plan: provision in section F to be updated.'
                      : rng.pick(CONTINUE_NOTES.annual),
                    actedAt: at(r.meetingDate),
                  }),
                ]
              : [],
          actions: status === 'held' ? actions(rng, c, 'annual', r.meetingDate, null, y >= 9 && rng.chance(0.5) ? [PFA_ACTION] : []) : [],
        });
      }
    }

    // The placement's midpoint review, half way through its two terms: held (an extension requested) or still to come.
    if (placement) {
      const provider = {
        name: `${rng.pick(ADULT_FIRST_NAMES)} ${rng.pick(SURNAMES)}`,
        organisation: 'Bespoke specialist provision (fictional provider)',
        present: 0.95,
      };
      const date = placement.extensionRequestedDate ?? weekdayOnOrAfter(addDaysIso(placement.startDate, 91));
      const held = date < ref;
      const lead = c.staff('therapy.lead')?.username ?? c.senco;
      const m = base('midpoint', date, held ? 'held' : 'planned', lead);
      own.push({
        ...m,
        placementId: placement.id,
        attendees: attendees(rng, c, 'midpoint', m.status, { lead: true, external: provider }),
        ...views(rng, true, m.status),
        discussion: held
          ? 'Midpoint review with the provider: attendance and engagement are improving; more time is needed for the gradual return to timetabled lessons.'
          : null,
        decisions: held
          ? [
              decision(rng, 'request_extension', {
                note: 'Recommend an extension to the local authority.',
                actedAt: at(date),
                actedOn: `placement:${placement.id}`,
              }),
            ]
          : [],
        actions: held ? actions(rng, c, 'midpoint', date, null) : [],
      });
    }

    // Exactly one upcoming review: the booked annual review, else the midpoint review, else the plan's next review, else next term's.
    if (!own.some((m) => m.status === 'planned')) {
      const current = ipps.find((k) => k.versions.at(-1)!.endDate >= ref && !ippClosed.has(k.id)) ?? null;
      if (current) {
        const v = current.versions.at(-1)!;
        const soon = addDaysIso(ref, 3);
        const date =
          [v.reviewDate, v.endDate].map(weekdayOnOrBefore).find((d) => d > soon) ?? weekdayOnOrAfter(addDaysIso(ref, rng.int(14, 42)));
        const m = base('plan', date, 'planned', v.byUsername);
        own.push({
          ...m,
          ippId: current.id,
          attendees: attendees(rng, c, 'plan', 'planned', { therapist: v.byUsername }),
          pupilViews: null,
          parentViews: null,
          discussion: null,
        });
      } else {
        const terms = demoTerms(Number(data.academicYear.slice(0, 4)));
        const half = terms.find((t) => t.startDate > ref) ?? terms[1]!;
        const date = weekdayOnOrBefore(randomDate(rng, addDaysIso(half.startDate, 7), addDaysIso(half.endDate, -5)));
        const m = base('band', date, 'planned', c.senco);
        own.push({ ...m, attendees: attendees(rng, c, 'band', 'planned', {}), pupilViews: null, parentViews: null, discussion: null });
      }
    }
    meetingsOf.set(p.id, own);
  }

  // ---- termly SEN support reviews, a year at a time (a stream per year, so each year is the same whatever else is loaded) ----
  const SEASONS = [
    [0, 1],
    [2, 3],
    [4, 5],
  ] as const;
  for (const y of years) {
    const yr = createRng(`senco-desk-demo-reviews-termly:${tag}:${y}`);
    const terms = demoTerms(y);
    for (const p of withPlan) {
      const c = ctxOf(p);
      const own = meetingsOf.get(p.id)!;
      for (const [a, b] of SEASONS) {
        const from = terms[a]!.startDate;
        const to = terms[b]!.endDate;
        const date = weekdayOnOrBefore(randomDate(yr, addDaysIso(terms[b]!.startDate, 7), addDaysIso(to, -5)));
        if (date >= ref || !onRegister(p, date) || own.some((m) => m.date >= from && m.date <= to)) continue;
        const band = bandAt(c, date);
        const ipp =
          (ippsByPupil.get(p.id) ?? []).find((k) => k.versions[0]!.startDate <= date && date <= k.versions.at(-1)!.endDate) ?? null;
        const therapist = ipp?.versions[0]!.byUsername ?? null;
        const good = yr.chance(0.7);
        own.push({
          id: yr.uuid(),
          pupilId: p.id,
          kind: 'band',
          date,
          status: 'held',
          ippId: null,
          placementId: null,
          ehcPlanId: null,
          ehcpReviewId: null,
          ippReviewId: null,
          attendees: attendees(yr, c, 'band', 'held', { therapist }),
          ...views(yr, good, 'held'),
          discussion: `Termly SEN support review${band ? ` (${BAND_LABEL[band.band]} band)` : ''} with the pupil and parents. ${yr.pick(TERMLY_DISCUSSION)}`,
          ratings: [],
          tScore: null,
          byUsername: c.senco,
          decisions: [decision(yr, 'continue', { note: yr.pick(CONTINUE_NOTES.band), actedAt: at(date) })],
          actions: actions(yr, c, 'band', date, therapist),
        });
      }
    }
  }

  // ---- updates to parents: 3 to 5 a school year for every pupil while on the SEN register ----
  const parentUpdates: DemoParentUpdate[] = [];
  for (const y of years) {
    const yr = createRng(`senco-desk-demo-parent-updates:${tag}:${y}`);
    const terms = demoTerms(y);
    const yearFrom = terms[0]!.startDate;
    const yearTo = terms[5]!.endDate;
    const yearDays = daysBetween(yearFrom, yearTo) + 1;
    for (const p of data.pupils) {
      const c = ctxOf(p);
      for (const h of p.senHistory) {
        if (h.status === 'N') continue;
        const from = maxDate(maxDate(h.startDate, p.dateJoined), yearFrom);
        const to = minDate(minDate(minDate(h.endDate ?? FAR, p.dateLeft ?? FAR), yearTo), addDaysIso(ref, -1));
        if (from > to) continue;
        const span = daysBetween(from, to) + 1;
        const exact = (yr.int(3, 5) * span) / yearDays;
        const count = Math.floor(exact) + (yr.next() < exact - Math.floor(exact) ? 1 : 0);
        for (let i = 0; i < count; i++) {
          const a = addDaysIso(from, Math.floor((i * span) / count));
          const b = addDaysIso(from, Math.max(0, Math.floor(((i + 1) * span) / count) - 1));
          let date = weekdayOnOrAfter(randomDate(yr, a, b));
          if (date > to) date = weekdayOnOrBefore(to);
          if (date < from) continue;
          const method = yr.weighted(METHOD_WEIGHTS);
          const by =
            method === 'report' || method === 'letter'
              ? c.senco
              : yr.chance(0.5) || !c.teachers.length
                ? c.senco
                : yr.pick(c.teachers).username;
          parentUpdates.push({ id: yr.uuid(), pupilId: p.id, date, method, summary: yr.pick(PARENT_UPDATE_TEXT[method]), byUsername: by });
        }
      }
    }
  }

  const meetings = withPlan.flatMap((p) => meetingsOf.get(p.id)!.sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id)));
  parentUpdates.sort((a, b) => a.pupilId.localeCompare(b.pupilId) || a.date.localeCompare(b.date) || a.id.localeCompare(b.id));
  return { meetings, parentUpdates, bandPeriodReview, ippVersionReview, ippClosed };
}

/** Counts for the load summary; "open" and "overdue" as of the demo's reference date. */
export function reviewCounts(r: DemoReviewData, referenceDate: string) {
  const actions = r.meetings.flatMap((m) => m.actions);
  const open = actions.filter((a) => a.doneDate === null);
  const of = (k: ReviewKind) => r.meetings.filter((m) => m.kind === k).length;
  return {
    meetings: r.meetings.length,
    held: r.meetings.filter((m) => m.status === 'held').length,
    planned: r.meetings.filter((m) => m.status === 'planned').length,
    byKind: { plan: of('plan'), band: of('band'), midpoint: of('midpoint'), annual: of('annual') },
    decisions: r.meetings.reduce((n, m) => n + m.decisions.length, 0),
    actions: actions.length,
    actionsOpen: open.length,
    actionsOverdue: open.filter((a) => a.dueDate < referenceDate).length,
    parentUpdates: r.parentUpdates.length,
  };
}
