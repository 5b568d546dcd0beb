/**
 * The therapy team's records for the demo school (seed policy sections 5-7), generated from the SEN pupils and the
 * academic year alone, on a PRNG stream of their own (so adding them left every pupil, plan and date before as it
 * was). Every date is relative to the demo's reference date (1 October of the academic year), never to today.
 *
 * What the therapy lead would find on 1 October, counting the caseload as the pupils on the SEN register (E and K):
 *  - every one of them has a band: about 90% Universal (with a need level, high, medium or low, in line with their
 *    last assessment), about 7% Targeted (a bespoke plan of 12 to 36 weeks), about 2.5% Specific; some have band
 *    history (Universal then Targeted; Targeted then back to Universal after a plan; a need level lowered at review);
 *  - referrals across the default disciplines, each with its history of moves: most accepted and assessed (a few
 *    then closed), some just received with consent pending, some accepted or with an assessment booked, and about
 *    2% declined with the reason given to the referrer;
 *  - an initial assessment for every assessed referral, usually within the policy's six weeks (a few later), with a
 *    need level and the numbers of a standardised measure on its scale (TOMs in half points, SDQ subscales adding up
 *    to the total, Boxall strand scores) or Thrive strand results; numbers only, never a questionnaire's wording;
 *  - an individual pupil plan (IPP) for every Targeted and Specific pupil (and a finished one for pupils who came
 *    back to Universal): goals with Goal Attainment Scaling ladders, interventions by discipline with frequency,
 *    staffing ratio and classroom strategies; some revised (version 2, with the reason); plan reviews rating each goal
 *    -2..+2, so that one or two pupils on Specific are flagged: two reviews since the band began, both below the
 *    expected level and the later no better (the school may be unable to meet their needs);
 *  - at the larger sizes, two placements with an alternative-provision service for pupils with SEMH needs.
 * All text is short, generic and synthetic.
 */
import type { FrequencyPeriod } from '../../../shared/ehcp';
import type { NeedCode, YearGroup } from '../../../shared/domain';
import {
  THRIVE_STRANDS,
  specificWithoutProgress,
  type DEFAULT_DISCIPLINES,
  type Band,
  type ConsentStatus,
  type LaCategory,
  type NeedLevel,
  type ReferralState,
  type ReferrerKind,
  type StaffingRatio,
} from '../../../shared/therapy';
import { addDaysIso, daysBetween, randomDate, toDay, weekdayOnOrAfter, weekdayOnOrBefore } from './days';
import type { Rng } from './prng';
import { weightedMeanRating } from '../../../shared/gas';

/** The disciplines migration 0003 seeds (the demo uses only those). */
export type Discipline = (typeof DEFAULT_DISCIPLINES)[number];

export interface TherapyPupil {
  readonly id: string;
  readonly yearGroup: YearGroup;
  readonly dateJoined: string;
  readonly status: 'E' | 'K';
  readonly needs: readonly NeedCode[];
  /** The first contact with parental responsibility, for consent (null: none recorded). */
  readonly parentName: string | null;
  /** Outcome ids of the pupil's current EHC plan version (empty on SEN support), for goals that serve one. */
  readonly ehcpOutcomeIds: readonly string[];
  /** Demo usernames of the pupil's school's staff, by base username (senco, therapy.lead, therapist1...). */
  readonly staff: ReadonlyMap<string, { readonly username: string; readonly displayName: string }>;
}

export interface DemoBandPeriod {
  readonly id: string;
  readonly band: Band;
  readonly needLevel: NeedLevel | null;
  readonly startDate: string;
  readonly endDate: string | null;
  readonly plannedWeeks: number | null;
  readonly reason: string;
  /** Demo username of who set it (resolved to a name when loading). */
  readonly byUsername: string;
}

export interface DemoReferralEvent {
  readonly id: string;
  readonly from: ReferralState | null;
  readonly to: ReferralState;
  readonly date: string;
  readonly reason: string | null;
  readonly byUsername: string;
}

export interface DemoReferral {
  readonly id: string;
  readonly pupilId: string;
  readonly referrerKind: ReferrerKind;
  readonly referrerName: string;
  readonly laCategory: LaCategory | null;
  readonly discipline: Discipline;
  readonly reason: string;
  readonly receivedDate: string;
  readonly consentStatus: ConsentStatus;
  readonly consentBy: string | null;
  readonly consentDate: string | null;
  readonly state: ReferralState;
  readonly declinedReason: string | null;
  /** Oldest first: the first is "received". */
  readonly events: readonly DemoReferralEvent[];
}

export interface DemoScore {
  readonly measure: 'sdq' | 'toms' | 'boxall';
  readonly scale: string;
  readonly value: number;
}

export interface DemoTherapyAssessment {
  readonly id: string;
  readonly pupilId: string;
  readonly referralId: string | null;
  readonly kind: 'initial' | 'follow_up';
  readonly discipline: Discipline;
  readonly assessorName: string;
  readonly date: string;
  readonly needLevel: NeedLevel | null;
  readonly notes: string | null;
  readonly scores: readonly DemoScore[];
  readonly thrive: readonly {
    readonly strand: (typeof THRIVE_STRANDS)[number];
    readonly result: 'secure' | 'partly_secure' | 'gap';
    readonly notes: string | null;
  }[];
}

export interface DemoIppGoal {
  readonly key: string;
  readonly description: string;
  readonly ehcpOutcomeId: string | null;
  readonly levels: {
    readonly m2: string | null;
    readonly m1: string | null;
    readonly expected: string;
    readonly p1: string | null;
    readonly p2: string | null;
  };
  /** GAS weight: 2 for the goal that serves an EHC plan outcome (it matters more to the pupil's statutory plan), else 1. */
  readonly weight: number;
}

export interface DemoIppIntervention {
  readonly discipline: Discipline;
  readonly description: string;
  readonly frequencyCount: number | null;
  readonly frequencyPeriod: FrequencyPeriod | null;
  readonly sessionMinutes: number | null;
  readonly durationWeeks: number | null;
  readonly groupSize: number | null;
  readonly staffingRatio: StaffingRatio;
  readonly deliveredBy: string | null;
  readonly classroomStrategies: string | null;
}

export interface DemoIppVersion {
  readonly id: string;
  readonly number: number;
  readonly title: string;
  readonly startDate: string;
  readonly reviewDate: string;
  readonly endDate: string;
  readonly expectedOutcomes: string | null;
  /** Why it was revised (null on version 1). */
  readonly reason: string | null;
  readonly byUsername: string;
  readonly goals: readonly DemoIppGoal[];
  readonly interventions: readonly DemoIppIntervention[];
}

export interface DemoIppReview {
  readonly id: string;
  readonly date: string;
  readonly note: string | null;
  /** Each rating with its goal's weight, as the app keeps them (services/gas-ratings.ts). */
  readonly ratings: readonly { readonly goalKey: string; readonly rating: number; readonly note: string | null; readonly weight: number }[];
  /** The weighted mean rating (shared/gas.ts weightedMeanRating), as the app stores it. */
  readonly mean: number;
  readonly byUsername: string;
}

export interface DemoIpp {
  readonly id: string;
  readonly pupilId: string;
  /** Oldest first; the last is current. */
  readonly versions: readonly DemoIppVersion[];
  /** Oldest first. */
  readonly reviews: readonly DemoIppReview[];
}

export interface DemoPlacement {
  readonly id: string;
  readonly pupilId: string;
  readonly commissioningLa: string;
  readonly laCategory: LaCategory;
  readonly startDate: string;
  readonly staffingRatio: 'one_to_one' | 'two_to_one';
  readonly extensionStatus: 'none' | 'requested';
  readonly extensionRequestedDate: string | null;
  readonly closurePlan: string | null;
}

export interface DemoTherapy {
  /** Every SEN pupil's band periods, oldest first; the last is open. */
  readonly bands: readonly { readonly pupilId: string; readonly periods: readonly DemoBandPeriod[] }[];
  readonly referrals: readonly DemoReferral[];
  readonly assessments: readonly DemoTherapyAssessment[];
  readonly ipps: readonly DemoIpp[];
  readonly placements: readonly DemoPlacement[];
  /** The pupils on Specific generated to be flagged without progress (the flag itself is computed by the app). */
  readonly flaggedPupilIds: readonly string[];
}

// ---- vocabulary (synthetic) ----

const LABEL: Readonly<Record<Discipline, string>> = {
  speech_language: 'speech and language therapy',
  occupational_therapy: 'occupational therapy',
  physiotherapy: 'physiotherapy',
  psychology: 'educational psychology',
  thrive: 'Thrive',
  counselling: 'counselling',
  other: 'family and attendance support',
};

/** Which disciplines a pupil's primary need usually brings a referral to (weights). */
const DISCIPLINES_FOR: Readonly<Record<NeedCode, readonly (readonly [Discipline, number])[]>> = {
  SLCN: [
    ['speech_language', 80],
    ['psychology', 10],
    ['occupational_therapy', 10],
  ],
  ASD: [
    ['speech_language', 40],
    ['occupational_therapy', 30],
    ['psychology', 20],
    ['thrive', 10],
  ],
  SEMH: [
    ['counselling', 35],
    ['thrive', 35],
    ['psychology', 25],
    ['other', 5],
  ],
  SPLD: [
    ['psychology', 50],
    ['occupational_therapy', 30],
    ['speech_language', 20],
  ],
  MLD: [
    ['psychology', 45],
    ['speech_language', 35],
    ['occupational_therapy', 20],
  ],
  SLD: [
    ['speech_language', 45],
    ['occupational_therapy', 35],
    ['psychology', 20],
  ],
  PMLD: [
    ['physiotherapy', 45],
    ['occupational_therapy', 35],
    ['speech_language', 20],
  ],
  PD: [
    ['physiotherapy', 60],
    ['occupational_therapy', 40],
  ],
  HI: [
    ['speech_language', 60],
    ['other', 40],
  ],
  VI: [
    ['occupational_therapy', 60],
    ['physiotherapy', 20],
    ['other', 20],
  ],
  MSI: [
    ['occupational_therapy', 50],
    ['speech_language', 30],
    ['physiotherapy', 20],
  ],
  OTH: [
    ['psychology', 40],
    ['other', 30],
    ['counselling', 30],
  ],
  NSA: [
    ['psychology', 50],
    ['speech_language', 25],
    ['thrive', 25],
  ],
};

const REFERRAL_REASON: Readonly<Record<Discipline, readonly string[]>> = {
  speech_language: [
    'Finds it hard to follow spoken instructions in lessons.',
    'Limited subject vocabulary; rarely answers in class.',
    'Speech is hard for unfamiliar adults to understand.',
  ],
  occupational_therapy: [
    'Handwriting is slow and hard to read; tires quickly.',
    'Struggles to organise equipment and move between lessons.',
    'Seeks movement and finds it hard to stay seated.',
  ],
  physiotherapy: ['Difficulty with stairs and crowded corridors.', 'Needs a daily stretching programme in school.'],
  psychology: [
    'Slow progress in reading despite support; cognitive assessment requested.',
    'Anxiety about tests is stopping work being started.',
    'Difficulty starting and finishing tasks.',
  ],
  thrive: ['Frequent dysregulation at unstructured times.', 'Withdrawn in class and finds groups hard.'],
  counselling: ['Low mood reported by parent and form tutor.', 'Leaves lessons after conflicts with peers.'],
  other: ['Attendance has fallen below 85% this term.', 'Family asked for support with routines at home.'],
};

const DECLINED_REASONS = [
  'Needs can be met through the Universal offer: classroom strategies sent to the form tutor.',
  'Already seen by the community team for this need; referral passed back to the referrer with their contact.',
];

/** A goal: description and its GAS ladder, -2, -1, expected (0), +1, +2. */
type GoalSpec = readonly [string, string, string, string, string, string];
const GOALS: Readonly<Record<Discipline, readonly GoalSpec[]>> = {
  speech_language: [
    [
      'Asks an adult for help in lessons using a taught phrase',
      'Does not ask for help, even when prompted',
      'Asks for help when an adult prompts',
      'Asks for help unprompted in 2 lessons a day',
      'Asks for help unprompted in most lessons',
      'Asks for help and explains what is unclear',
    ],
    [
      'Follows two-step spoken instructions in class',
      'Follows one step with a visual prompt',
      'Follows one step without a prompt',
      'Follows two steps with a visual prompt',
      'Follows two steps without a prompt',
      'Follows three steps without a prompt',
    ],
    [
      'Uses new subject vocabulary in a spoken sentence',
      'Does not use the new words',
      'Uses 1 new word a week with a model',
      'Uses 3 new words a week in a sentence',
      'Uses 5 new words a week in a sentence',
      'Uses the new words in written work too',
    ],
  ],
  occupational_therapy: [
    [
      'Organises equipment for lessons using a checklist',
      'Arrives without equipment most days',
      'Uses the checklist with adult help',
      'Uses the checklist on 3 days a week unaided',
      'Uses the checklist every day unaided',
      'Organises equipment without the checklist',
    ],
    [
      'Writes legibly for 10 minutes using a slope board',
      'Writes for under 2 minutes',
      'Writes legibly for 5 minutes',
      'Writes legibly for 10 minutes',
      'Writes legibly for 15 minutes',
      'Writes legibly for a whole task',
    ],
    [
      'Uses a movement-break plan to stay regulated in lessons',
      'Leaves lessons without using the plan',
      'Uses the plan when an adult prompts',
      'Uses the plan unprompted in 3 lessons a day',
      'Uses the plan unprompted in most lessons',
      'Manages the day without planned breaks',
    ],
  ],
  physiotherapy: [
    [
      'Moves safely between lessons, including stairs',
      'Needs an adult on every journey',
      'Needs an adult at busy times only',
      'Moves safely on their own with a lift pass',
      'Joins the main flow of pupils safely',
      'Plans their own route for a school trip',
    ],
    [
      'Completes the daily stretching programme',
      'Completes it on 1 day a week',
      'Completes it on 2 or 3 days with prompts',
      'Completes it on 4 days a week with prompts',
      'Completes it daily with prompts',
      'Completes it daily without prompts',
    ],
  ],
  psychology: [
    [
      'Starts a task within 5 minutes using a task plan',
      'Does not start tasks',
      'Starts within 10 minutes with an adult',
      'Starts within 5 minutes with the task plan',
      'Starts within 5 minutes in most lessons',
      'Starts and plans tasks on their own',
    ],
    [
      'Uses a calming strategy when anxious before tests',
      'Leaves the room or refuses the test',
      'Uses a strategy with an adult present',
      'Uses a strategy unaided in most tests',
      'Uses a strategy and sits every test',
      'Explains their strategy to new staff',
    ],
  ],
  thrive: [
    [
      'Names feelings using a feelings scale with a trusted adult',
      'Does not engage with the scale',
      'Points to the scale with support',
      'Names feelings with the trusted adult daily',
      'Names feelings with other adults too',
      'Names feelings and says what helps',
    ],
    [
      'Joins a structured small-group activity for 15 minutes',
      'Does not join',
      'Joins for 5 minutes with an adult',
      'Joins for 15 minutes with an adult nearby',
      'Joins for 15 minutes without an adult',
      'Leads part of the activity',
    ],
  ],
  counselling: [
    [
      'Attends weekly sessions and sets a goal for the week',
      'Misses most sessions',
      'Attends half of the sessions',
      'Attends most sessions and sets a goal',
      'Attends and reviews the goal each week',
      'Uses goal setting outside the sessions',
    ],
    [
      'Returns to class within 15 minutes after an incident',
      'Does not return that lesson',
      'Returns within 30 minutes with support',
      'Returns within 15 minutes with support',
      'Returns within 15 minutes on their own',
      'Returns within 5 minutes on their own',
    ],
  ],
  other: [
    [
      'Attends school on at least 90% of days',
      'Attendance below 70%',
      'Attendance 70% to 85%',
      'Attendance 90%',
      'Attendance 93%',
      'Attendance 96% or more',
    ],
  ],
};

type InterventionSpec = readonly [
  description: string,
  count: number,
  period: FrequencyPeriod,
  minutes: number,
  ratio: StaffingRatio,
  group: number,
  by: string,
  strategies: string | null,
];
const INTERVENTIONS: Readonly<Record<Discipline, readonly InterventionSpec[]>> = {
  speech_language: [
    [
      'Individual speech and language therapy',
      1,
      'week',
      30,
      'one_to_one',
      1,
      'therapist1',
      'Give instructions one step at a time; show key words on the board; wait 10 seconds for an answer.',
    ],
    [
      'Language group: subject vocabulary and instructions',
      1,
      'week',
      40,
      'small_group',
      4,
      'Teaching assistant following the SALT programme',
      'Pre-teach 3 key words before each new topic.',
    ],
  ],
  occupational_therapy: [
    [
      'Fine motor and handwriting programme',
      3,
      'week',
      15,
      'one_to_one',
      1,
      'Teaching assistant following the OT programme',
      'Slope board and pencil grip to hand; allow typed work for longer tasks.',
    ],
    [
      'Sensory regulation: planned movement breaks',
      2,
      'day',
      5,
      'one_to_one',
      1,
      'therapist2',
      'Agreed break card; seat at the end of a row near the door.',
    ],
  ],
  physiotherapy: [
    [
      'Stretching and strengthening programme',
      1,
      'day',
      20,
      'one_to_one',
      1,
      'Teaching assistant trained by the physiotherapist',
      'Leave lessons 3 minutes early; a second set of books kept in class.',
    ],
  ],
  psychology: [
    [
      'Anxiety management sessions (CBT-informed)',
      1,
      'week',
      45,
      'one_to_one',
      1,
      'therapist3',
      'Warn of timetable changes; give a task plan with the first step written down.',
    ],
    [
      'Precision teaching: reading fluency',
      3,
      'week',
      10,
      'one_to_one',
      1,
      'Teaching assistant',
      'Reading age on the class seating plan; text read aloud in tests.',
    ],
  ],
  thrive: [
    [
      'Thrive sessions with a trusted adult',
      2,
      'week',
      30,
      'one_to_one',
      1,
      'Thrive practitioner (school staff)',
      'Meet and greet at the gate; a named adult to go to at break.',
    ],
    ['Thrive small-group activity', 1, 'week', 45, 'small_group', 4, 'Thrive practitioner (school staff)', null],
  ],
  counselling: [
    [
      'Counselling sessions',
      1,
      'week',
      50,
      'one_to_one',
      1,
      'School counsellor (fictional)',
      'Exit card agreed; time-out space in the library.',
    ],
  ],
  other: [
    ['Family support worker visits', 1, 'fortnight', 60, 'one_to_one', 1, 'Family support worker (fictional early help service)', null],
    [
      'Two-adult support in practical lessons',
      4,
      'week',
      60,
      'two_to_one',
      1,
      'Two teaching assistants',
      'Tasks broken into steps on a card; the same two adults each week.',
    ],
  ],
};

const TITLE: Readonly<Record<Discipline, string>> = {
  speech_language: 'communication in lessons',
  occupational_therapy: 'organisation and writing',
  physiotherapy: 'moving safely around school',
  psychology: 'anxiety and getting started',
  thrive: 'emotional regulation',
  counselling: 'wellbeing and returning to learning',
  other: 'attendance and engagement',
};

const ASSESSOR_FALLBACK: Readonly<Record<Discipline, string>> = {
  speech_language: 'Speech and language therapist (fictional NHS trust)',
  occupational_therapy: 'Occupational therapist (fictional NHS trust)',
  physiotherapy: 'Community physiotherapist (fictional NHS trust)',
  psychology: 'Educational psychologist (fictional LA service)',
  thrive: 'Thrive practitioner (school staff)',
  counselling: 'School counsellor (fictional)',
  other: 'Early help practitioner (fictional)',
};
/** The demo's therapists by discipline (therapist1 speech and language, therapist2 OT, therapist3 psychology). */
const THERAPIST_OF: Partial<Record<Discipline, string>> = {
  speech_language: 'therapist1',
  occupational_therapy: 'therapist2',
  psychology: 'therapist3',
};

// ---- helpers ----

/** A weekday date no later than the day before the reference date. */
function pastWeekday(iso: string, ref: string): string {
  const d = weekdayOnOrAfter(iso);
  return d < ref ? d : weekdayOnOrBefore(addDaysIso(ref, -1));
}
const maxDate = (...ds: string[]) => [...ds].sort().at(-1)!;
const minDate = (...ds: string[]) => [...ds].sort()[0]!;
const half = (rng: Rng, lo: number, hi: number) => rng.int(lo * 2, hi * 2) / 2;

function scoresFor(rng: Rng, discipline: Discipline, need: NeedLevel): DemoScore[] {
  const sev = need === 'high' ? 2 : need === 'medium' ? 1 : 0;
  if (discipline === 'psychology' || discipline === 'counselling') {
    // SDQ: higher difficulty scores mean more difficulty; the total is the four difficulty subscales added up.
    const sub = () => Math.min(10, rng.int(1 + 2 * sev, 4 + 2 * sev));
    const [emotional, conduct, hyperactivity, peer] = [sub(), sub(), sub(), sub()];
    return [
      { measure: 'sdq', scale: 'emotional', value: emotional },
      { measure: 'sdq', scale: 'conduct', value: conduct },
      { measure: 'sdq', scale: 'hyperactivity', value: hyperactivity },
      { measure: 'sdq', scale: 'peer', value: peer },
      { measure: 'sdq', scale: 'prosocial', value: rng.int(3, 9) },
      { measure: 'sdq', scale: 'total', value: emotional + conduct + hyperactivity + peer },
    ];
  }
  if (discipline === 'thrive') {
    // Boxall: developmental strands score higher when secure, diagnostic higher when there is more difficulty.
    return rng.chance(0.5)
      ? [
          { measure: 'boxall', scale: 'developmental', value: rng.int(110 - 30 * sev, 130 - 30 * sev) },
          { measure: 'boxall', scale: 'diagnostic', value: rng.int(10 + 35 * sev, 40 + 35 * sev) },
        ]
      : [];
  }
  // TOMs: 0 (most severe) to 5 (no difficulty), in half points.
  const top = 4.5 - sev;
  return (['impairment', 'activity', 'participation', 'wellbeing'] as const).map((scale) => ({
    measure: 'toms' as const,
    scale,
    value: half(rng, top - 1.5, top),
  }));
}

function thriveFor(rng: Rng, discipline: Discipline, need: NeedLevel): DemoTherapyAssessment['thrive'] {
  if (discipline !== 'thrive' && !(discipline === 'counselling' && rng.chance(0.3))) return [];
  const gapFrom = need === 'high' ? 2 : need === 'medium' ? 3 : 5;
  return THRIVE_STRANDS.map((strand, i) => ({
    strand,
    result: i < gapFrom - 1 ? 'secure' : i < gapFrom ? 'partly_secure' : rng.chance(0.6) ? 'gap' : 'partly_secure',
    notes: null,
  }));
}

// ---- generation ----

interface Ctx {
  readonly rng: Rng;
  readonly ref: string;
  readonly laName: string;
}

function who(p: TherapyPupil, base: string): string {
  return p.staff.get(base)?.username ?? p.staff.get('senco')?.username ?? 'senco';
}
function nameOf(p: TherapyPupil, base: string): string | null {
  return p.staff.get(base)?.displayName ?? null;
}

function disciplineFor(rng: Rng, p: TherapyPupil, not: readonly Discipline[] = []): Discipline {
  const options = (DISCIPLINES_FOR[p.needs[0] ?? 'OTH'] ?? DISCIPLINES_FOR.OTH).filter(([d]) => !not.includes(d));
  return options.length
    ? rng.weighted(options)
    : rng.pick((['psychology', 'speech_language', 'thrive', 'occupational_therapy'] as const).filter((d) => !not.includes(d)));
}

/**
 * A referral that reached `state` by the reference date, received on `received`, and (when assessed) its initial
 * assessment with the need level given.
 */
function makeReferral(
  c: Ctx,
  p: TherapyPupil,
  discipline: Discipline,
  received: string,
  state: ReferralState,
  need: NeedLevel,
): { referral: DemoReferral; assessment: DemoTherapyAssessment | null } {
  const { rng, ref } = c;
  const kind: ReferrerKind = rng.weighted<ReferrerKind>([
    ['teacher', 35],
    ['senco', 30],
    ['therapy_lead', 12],
    ['parent', 18],
    ['local_authority', 5],
  ]);
  const referrerName =
    kind === 'teacher'
      ? (nameOf(p, rng.pick(['teacher1', 'teacher2', 'teacher3'])) ?? 'Form tutor')
      : kind === 'senco'
        ? (nameOf(p, 'senco') ?? 'SENCo')
        : kind === 'therapy_lead'
          ? (nameOf(p, 'therapy.lead') ?? nameOf(p, 'senco') ?? 'Therapy lead')
          : kind === 'parent'
            ? (p.parentName ?? 'Parent or carer')
            : `${c.laName} SEND team`;
  const consentGiven = state !== 'received' && !(state === 'declined' && rng.chance(0.5));
  const consentDate = consentGiven ? minDate(addDaysIso(received, rng.int(0, 4)), addDaysIso(ref, -1)) : null;
  const events: DemoReferralEvent[] = [
    { id: rng.uuid(), from: null, to: 'received', date: received, reason: null, byUsername: who(p, 'senco') },
  ];
  const lead = who(p, 'therapy.lead');
  const move = (to: ReferralState, date: string, reason: string | null = null) =>
    events.push({
      id: rng.uuid(),
      from: events.at(-1)!.to,
      to,
      date: minDate(maxDate(date, events.at(-1)!.date), addDaysIso(ref, -1)),
      reason,
      byUsername: lead,
    });
  let declinedReason: string | null = null;
  let assessment: DemoTherapyAssessment | null = null;
  if (state === 'declined') {
    declinedReason = rng.pick(DECLINED_REASONS);
    move('declined', addDaysIso(received, rng.int(3, 10)), declinedReason);
  } else if (state !== 'received') {
    move('accepted', addDaysIso(consentDate!, rng.int(1, 5)));
    if (state !== 'accepted') {
      move('assessment_booked', addDaysIso(events.at(-1)!.date, rng.int(2, 8)));
      if (state === 'assessed' || state === 'closed') {
        // The policy's six weeks from referral: mostly met, a few late.
        const within = rng.chance(0.9) ? rng.int(12, 40) : rng.int(44, 70);
        const date = weekdayOnOrBefore(
          minDate(maxDate(addDaysIso(received, within), addDaysIso(events.at(-1)!.date, 1)), addDaysIso(ref, -1)),
        );
        move('assessed', date);
        const therapist = THERAPIST_OF[discipline];
        assessment = {
          id: rng.uuid(),
          pupilId: p.id,
          referralId: '',
          kind: 'initial',
          discipline,
          assessorName: (therapist && nameOf(p, therapist)) || ASSESSOR_FALLBACK[discipline],
          date: events.at(-1)!.date,
          needLevel: need,
          notes: `Initial ${LABEL[discipline]} assessment; ${need} need agreed with the multidisciplinary team (MDT). Recommendations shared with teaching staff.`,
          scores: scoresFor(rng, discipline, need),
          thrive: thriveFor(rng, discipline, need),
        };
        if (state === 'closed')
          move('closed', addDaysIso(date, rng.int(20, 60)), 'Assessment complete: strategies handed to the teaching team.');
      }
    }
  }
  const id = rng.uuid();
  return {
    referral: {
      id,
      pupilId: p.id,
      referrerKind: kind,
      referrerName,
      laCategory: kind === 'local_authority' ? rng.pick<LaCategory>(['inclusion', 're_engagement']) : null,
      discipline,
      reason: rng.pick(REFERRAL_REASON[discipline]),
      receivedDate: received,
      consentStatus: consentGiven ? 'given' : 'pending',
      consentBy: consentGiven ? (p.parentName ?? 'Parent or carer') : null,
      consentDate,
      state,
      declinedReason,
      events,
    },
    assessment: assessment ? { ...assessment, referralId: id } : null,
  };
}

function goalsFor(rng: Rng, p: TherapyPupil, disciplines: readonly Discipline[], count: number): DemoIppGoal[] {
  const pool = disciplines.flatMap((d) => rng.shuffle(GOALS[d]));
  const seen = new Set<string>();
  const out: DemoIppGoal[] = [];
  for (const g of [...pool, ...rng.shuffle(GOALS.thrive)]) {
    if (out.length >= count || seen.has(g[0])) continue;
    seen.add(g[0]);
    const [description, m2, m1, expected, p1, p2] = g;
    const ehcpOutcomeId = out.length === 0 ? (p.ehcpOutcomeIds[0] ?? null) : null;
    out.push({ key: rng.uuid(), description, ehcpOutcomeId, levels: { m2, m1, expected, p1, p2 }, weight: ehcpOutcomeId ? 2 : 1 });
  }
  return out;
}

function interventionsFor(
  rng: Rng,
  p: TherapyPupil,
  disciplines: readonly Discipline[],
  weeks: number,
  intensive: boolean,
): DemoIppIntervention[] {
  const specs: (readonly [Discipline, InterventionSpec])[] = disciplines.map((d) => [d, rng.pick(INTERVENTIONS[d])] as const);
  // Specific: more intensive, with family support from outside the school and sometimes two adults in lessons.
  if (intensive) specs.push(['other', INTERVENTIONS.other[0]!], ...(rng.chance(0.5) ? [['other', INTERVENTIONS.other[1]!] as const] : []));
  const seen = new Set<string>();
  return specs
    .filter(([, s]) => !seen.has(s[0]) && Boolean(seen.add(s[0])))
    .map(([discipline, [description, count, period, minutes, ratio, group, by, strategies]], i) => {
      const toOne = intensive && ratio === 'small_group';
      return {
        discipline,
        description,
        frequencyCount: intensive && period === 'week' && i === 0 ? count + 1 : count,
        frequencyPeriod: period,
        sessionMinutes: minutes,
        durationWeeks: weeks,
        groupSize: toOne ? 1 : group,
        staffingRatio: toOne ? 'one_to_one' : ratio,
        deliveredBy: by.startsWith('therapist') ? (nameOf(p, by) ?? ASSESSOR_FALLBACK[discipline]) : by,
        classroomStrategies: strategies,
      };
    });
}

function version(
  rng: Rng,
  number: number,
  title: string,
  start: string,
  weeks: number,
  goals: DemoIppGoal[],
  interventions: DemoIppIntervention[],
  reason: string | null,
  by: string,
): DemoIppVersion {
  const end = addDaysIso(start, weeks * 7);
  return {
    id: rng.uuid(),
    number,
    title,
    startDate: start,
    reviewDate: addDaysIso(start, Math.round(weeks / 2) * 7),
    endDate: end,
    expectedOutcomes:
      'Expected level or better on every goal by the end of the plan; progress reviewed with the pupil, parents and teachers at the midpoint.',
    reason,
    byUsername: by,
    goals,
    interventions,
  };
}

function review(
  rng: Rng,
  date: string,
  goals: readonly DemoIppGoal[],
  ratings: readonly number[],
  note: string,
  by: string,
): DemoIppReview {
  const rs = goals.map((g, i) => ({ goalKey: g.key, rating: ratings[i]!, note: null, weight: g.weight }));
  return { id: rng.uuid(), date, note, ratings: rs, mean: weightedMeanRating(rs) ?? 0, byUsername: by };
}

function ratingsAround(rng: Rng, n: number, centre: -1 | 0 | 1): number[] {
  return Array.from({ length: n }, () =>
    Math.max(
      -2,
      Math.min(
        2,
        centre +
          rng.weighted<number>([
            [-1, 25],
            [0, 50],
            [1, 25],
          ]),
      ),
    ),
  );
}

export function generateTherapyData(
  rng: Rng,
  pupils: readonly TherapyPupil[],
  opts: { readonly referenceDate: string; readonly localAuthority: string; readonly placements: number },
): DemoTherapy {
  const ref = opts.referenceDate;
  const c: Ctx = { rng, ref, laName: opts.localAuthority };
  const back = (days: number) => addDaysIso(ref, -days);
  const n = pupils.length;

  // Who is on which band: Specific and Targeted only for pupils who have been here long enough for the history.
  const specificCount = n ? Math.max(1, Math.round(n * 0.025)) : 0;
  const targetedCount = n ? Math.max(1, Math.round(n * 0.07)) : 0;
  const flaggedCount = specificCount >= 6 ? 2 : specificCount > 0 ? 1 : 0;
  const order = rng.shuffle(pupils);
  const longEnough = (p: TherapyPupil, days: number) => daysBetween(p.dateJoined, ref) >= days;
  const specific = [
    ...order.filter((p) => p.status === 'E' && longEnough(p, 700)),
    ...order.filter((p) => p.status === 'K' && longEnough(p, 700)),
  ].slice(0, specificCount);
  const taken = new Set(specific.map((p) => p.id));
  const targetedE = Math.round(targetedCount * 0.4);
  const eligible = order.filter((p) => !taken.has(p.id) && longEnough(p, 330));
  const targeted = [...eligible.filter((p) => p.status === 'E').slice(0, targetedE), ...eligible.filter((p) => p.status === 'K')].slice(
    0,
    targetedCount,
  );
  targeted.forEach((p) => taken.add(p.id));
  const flagged = new Set(specific.slice(0, flaggedCount).map((p) => p.id));

  const bands: DemoTherapy['bands'][number][] = [];
  const referrals: DemoReferral[] = [];
  const assessments: DemoTherapyAssessment[] = [];
  const ipps: DemoIpp[] = [];
  const senco = (p: TherapyPupil) => who(p, 'senco');
  const lead = (p: TherapyPupil) => who(p, 'therapy.lead');
  const period = (
    p: TherapyPupil,
    band: Band,
    needLevel: NeedLevel | null,
    start: string,
    plannedWeeks: number | null,
    reason: string,
  ): DemoBandPeriod => ({
    id: rng.uuid(),
    band,
    needLevel,
    startDate: start,
    endDate: null,
    plannedWeeks,
    reason,
    byUsername: band === 'universal' ? senco(p) : lead(p),
  });
  const close = (periods: DemoBandPeriod[]) =>
    periods.map((x, i) => (i < periods.length - 1 ? { ...x, endDate: addDaysIso(periods[i + 1]!.startDate, -1) } : x));
  const addReferral = (p: TherapyPupil, d: Discipline, received: string, state: ReferralState, need: NeedLevel) => {
    const r = makeReferral(c, p, d, received, state, need);
    referrals.push(r.referral);
    if (r.assessment) assessments.push(r.assessment);
    return r;
  };

  for (const p of pupils) {
    // Needs identified (and a first band) within six weeks of joining, or a while back for pupils here longer.
    const firstStart = pastWeekday(maxDate(addDaysIso(p.dateJoined, rng.int(10, 40)), back(rng.int(380, 720))), ref);
    const periods: DemoBandPeriod[] = [];

    if (taken.has(p.id)) {
      const isSpecific = specific.includes(p);
      const primary = disciplineFor(rng, p);
      const second = rng.chance(0.5) ? disciplineFor(rng, p, [primary]) : null;
      const disciplines = second ? [primary, second] : [primary];
      // Targeted: from when the MDT agreed a plan; a Specific pupil went through Targeted first.
      const sStart = isSpecific
        ? weekdayOnOrAfter(flagged.has(p.id) ? randomDate(rng, back(230), back(175)) : randomDate(rng, back(200), back(30)))
        : null;
      const tStart = sStart
        ? weekdayOnOrAfter(addDaysIso(sStart, -7 * rng.int(16, 26)))
        : weekdayOnOrAfter(randomDate(rng, maxDate(back(150), addDaysIso(firstStart, 90)), back(10)));
      const uStart = minDate(firstStart, weekdayOnOrBefore(addDaysIso(tStart, -rng.int(120, 240))));
      const u = maxDate(uStart, addDaysIso(p.dateJoined, 7));
      const tWeeks = sStart
        ? rng.int(Math.max(12, Math.ceil(daysBetween(tStart, sStart) / 7) + 2), 36)
        : rng.int(Math.max(12, Math.ceil(daysBetween(tStart, ref) / 7) + 6), 36);
      periods.push(
        period(
          p,
          'universal',
          rng.chance(0.7) ? 'high' : 'medium',
          u,
          null,
          'Needs identified from the EHC plan or SEN support plan and the initial assessment.',
        ),
      );
      periods.push(
        period(
          p,
          'targeted',
          null,
          tStart,
          tWeeks,
          'Not making sufficient progress in Universal at review: the multidisciplinary team (MDT) agreed a bespoke plan.',
        ),
      );

      // Initial assessments before the plan, from referrals received a few weeks earlier.
      for (const d of disciplines)
        addReferral(p, d, weekdayOnOrBefore(maxDate(addDaysIso(tStart, -rng.int(45, 90)), addDaysIso(u, 1))), 'assessed', 'high');

      const goals = goalsFor(rng, p, disciplines, rng.int(2, 4));
      const v1 = version(
        rng,
        1,
        `Targeted plan: ${TITLE[primary]}`,
        tStart,
        tWeeks,
        goals,
        interventionsFor(rng, p, disciplines, tWeeks, false),
        null,
        who(p, THERAPIST_OF[primary] ?? 'therapy.lead'),
      );
      const versions: DemoIppVersion[] = [v1];
      const reviews: DemoIppReview[] = [];
      const therapist = v1.byUsername;
      if (sStart) {
        // On Targeted without enough progress: a review below the expected level, then the move to Specific.
        reviews.push(
          review(
            rng,
            weekdayOnOrBefore(addDaysIso(sStart, -rng.int(7, 21))),
            goals,
            ratingsAround(rng, goals.length, -1).map((r) => Math.min(r, 0)),
            'Review: little progress on Targeted; referred to the multidisciplinary team (MDT) for the Specific band.',
            therapist,
          ),
        );
        const extra = disciplineFor(rng, p, disciplines);
        addReferral(p, extra, weekdayOnOrBefore(addDaysIso(sStart, -rng.int(40, 70))), 'assessed', 'high');
        const sWeeks = rng.int(Math.max(26, Math.ceil(daysBetween(sStart, ref) / 7) + 8), 39);
        periods.push(
          period(
            p,
            'specific',
            'high',
            sStart,
            sWeeks,
            'No progress on Targeted: intensive individual plan with an external agency and family support.',
          ),
        );
        versions.push(
          version(
            rng,
            2,
            `Specific plan: ${TITLE[primary]}`,
            sStart,
            sWeeks,
            goals.map((g) => ({ ...g, levels: { ...g.levels } })),
            interventionsFor(rng, p, [...disciplines, extra], sWeeks, true),
            'Moved to the Specific band: sessions intensified, family support and an external agency added.',
            therapist,
          ),
        );
        // Since the Specific band began: flagged pupils twice below expected and no better; others improving.
        const first = addDaysIso(sStart, 7 * rng.int(8, 10));
        const secondDate = addDaysIso(first, 7 * rng.int(8, 10));
        if (flagged.has(p.id)) {
          let r1 = goals.map(() =>
            rng.weighted<number>([
              [-2, 20],
              [-1, 60],
              [0, 20],
            ]),
          );
          if (r1.reduce((a, b) => a + b, 0) >= 0) r1 = goals.map(() => -1);
          const r2 = r1.map((r) => Math.max(-2, r - (rng.chance(0.4) ? 1 : 0)));
          reviews.push(
            review(rng, weekdayOnOrBefore(first), goals, r1, 'Specific plan review: below the expected level on most goals.', therapist),
          );
          reviews.push(
            review(
              rng,
              weekdayOnOrBefore(secondDate),
              goals,
              r2,
              'Specific plan review: no progress; early EHC plan review to be requested.',
              therapist,
            ),
          );
        } else if (first < back(3)) {
          const r1 = ratingsAround(rng, goals.length, -1).map((r) => Math.min(r, 0));
          reviews.push(review(rng, weekdayOnOrBefore(first), goals, r1, 'Specific plan review: early signs of progress.', therapist));
          if (secondDate < back(3))
            reviews.push(
              review(
                rng,
                weekdayOnOrBefore(secondDate),
                goals,
                r1.map((r) => Math.min(2, r + 1)),
                'Specific plan review: progress on every goal.',
                therapist,
              ),
            );
        }
      } else {
        // Targeted: a first review six to nine weeks in, where there has been time; some plans revised after it.
        const first = weekdayOnOrBefore(addDaysIso(tStart, 7 * rng.int(6, 9)));
        if (first < back(3)) {
          reviews.push(
            review(
              rng,
              first,
              goals,
              ratingsAround(rng, goals.length, 0),
              'Review with the pupil and parent: most goals at the expected level.',
              therapist,
            ),
          );
          if (rng.chance(0.35)) {
            const g = rng.int(0, goals.length - 1);
            versions.push({
              ...v1,
              id: rng.uuid(),
              number: 2,
              reason: 'Goal broken into smaller steps after the first review.',
              goals: goals.map((x, i) => (i === g ? { ...x, description: `${x.description} (smaller steps)` } : x)),
            });
          }
        }
      }
      ipps.push({ id: rng.uuid(), pupilId: p.id, versions, reviews });
    } else {
      // Universal, with a need level in line with the pupil's latest assessment.
      let need: NeedLevel = rng.weighted<NeedLevel>(
        p.status === 'E'
          ? [
              ['high', 45],
              ['medium', 40],
              ['low', 15],
            ]
          : [
              ['high', 15],
              ['medium', 40],
              ['low', 45],
            ],
      );
      const roll = rng.next();
      const room = daysBetween(firstStart, ref) > 300;
      if (room && roll < 0.06) {
        // Was on Targeted for a plan, and came back to Universal having met its goals.
        const t1 = weekdayOnOrAfter(addDaysIso(firstStart, rng.int(60, 100)));
        const weeks = rng.int(12, 18);
        const back2 = weekdayOnOrAfter(addDaysIso(t1, weeks * 7 + 1));
        if (back2 < back(7)) {
          const d = disciplineFor(rng, p);
          periods.push(
            period(p, 'universal', 'high', firstStart, null, 'Needs identified from the SEN support plan and the initial assessment.'),
          );
          periods.push(
            period(
              p,
              'targeted',
              null,
              t1,
              weeks,
              'Not making sufficient progress in Universal at review: the multidisciplinary team (MDT) agreed a bespoke plan.',
            ),
          );
          need = 'medium';
          periods.push(period(p, 'universal', need, back2, null, 'Targeted plan completed with its goals met: back to Universal.'));
          addReferral(
            p,
            d,
            weekdayOnOrBefore(maxDate(addDaysIso(t1, -rng.int(40, 70)), addDaysIso(firstStart, 1))),
            rng.chance(0.5) ? 'closed' : 'assessed',
            'high',
          );
          const goals = goalsFor(rng, p, [d], 2);
          const v = version(
            rng,
            1,
            `Targeted plan: ${TITLE[d]}`,
            t1,
            weeks,
            goals,
            interventionsFor(rng, p, [d], weeks, false),
            null,
            who(p, THERAPIST_OF[d] ?? 'therapy.lead'),
          );
          ipps.push({
            id: rng.uuid(),
            pupilId: p.id,
            versions: [v],
            reviews: [
              review(
                rng,
                weekdayOnOrBefore(addDaysIso(t1, 42)),
                goals,
                ratingsAround(rng, goals.length, 0),
                'Midpoint review: on track.',
                v.byUsername,
              ),
              review(
                rng,
                weekdayOnOrBefore(addDaysIso(t1, weeks * 7)),
                goals,
                goals.map(() => rng.int(0, 2)),
                'Final review: goals met; back to Universal with classroom strategies.',
                v.byUsername,
              ),
            ],
          });
        }
      } else if (room && roll < 0.16 && need !== 'high') {
        // Need level lowered at a review.
        periods.push(
          period(
            p,
            'universal',
            need === 'low' ? 'medium' : 'high',
            firstStart,
            null,
            'Needs identified from the SEN register and the initial assessment.',
          ),
        );
        periods.push(
          period(
            p,
            'universal',
            need,
            pastWeekday(addDaysIso(firstStart, rng.int(150, daysBetween(firstStart, ref) - 5)), ref),
            null,
            'Need level lowered at the termly review: strategies are working.',
          ),
        );
      }
      if (!periods.length)
        periods.push(period(p, 'universal', need, firstStart, null, 'Needs identified from the SEN register and the initial assessment.'));

      // A referral for some Universal pupils, more often where the need is high.
      if (rng.chance(need === 'high' ? 0.6 : need === 'medium' ? 0.3 : 0.12)) {
        const received = weekdayOnOrBefore(randomDate(rng, maxDate(firstStart, back(300)), back(1)));
        const age = daysBetween(received, ref);
        const state: ReferralState =
          age < 21
            ? rng.weighted<ReferralState>([
                ['received', 55],
                ['accepted', 25],
                ['assessment_booked', 20],
              ])
            : age < 45
              ? rng.weighted<ReferralState>([
                  ['assessment_booked', 35],
                  ['assessed', 55],
                  ['accepted', 10],
                ])
              : rng.chance(0.12)
                ? 'closed'
                : 'assessed';
        addReferral(p, disciplineFor(rng, p), received, state, need);
      }
    }
    bands.push({ pupilId: p.id, periods: close(periods) });
  }

  // A couple of referrals declined, with the reason told to the referrer (a Universal pupil with a low or medium need).
  const universalIds = new Set(bands.filter((b) => b.periods.at(-1)!.band === 'universal').map((b) => b.pupilId));
  const declinable = rng.shuffle(pupils.filter((p) => universalIds.has(p.id) && !referrals.some((r) => r.pupilId === p.id)));
  const declinedCount = Math.min(declinable.length, Math.max(1, Math.round(referrals.length * 0.02)));
  for (const p of declinable.slice(0, declinedCount)) {
    addReferral(
      p,
      disciplineFor(rng, p),
      weekdayOnOrBefore(randomDate(rng, maxDate(addDaysIso(p.dateJoined, 1), back(200)), back(20))),
      'declined',
      'low',
    );
  }

  // Alternative-provision placements for pupils with SEMH needs on Targeted or Specific (the home school keeps them on roll).
  const semh = [...specific, ...targeted].filter((p) => p.needs[0] === 'SEMH').slice(0, opts.placements);
  const placements: DemoPlacement[] = semh.map((p, i) => {
    const start = weekdayOnOrAfter(i === 0 ? randomDate(rng, back(50), back(25)) : randomDate(rng, back(130), back(90)));
    return {
      id: rng.uuid(),
      pupilId: p.id,
      commissioningLa: opts.localAuthority,
      laCategory: i === 0 ? 're_engagement' : 'inclusion',
      startDate: start,
      staffingRatio: i === 0 ? 'two_to_one' : 'one_to_one',
      extensionStatus: i === 0 ? 'none' : 'requested',
      extensionRequestedDate: i === 0 ? null : weekdayOnOrBefore(addDaysIso(start, rng.int(60, 80))),
      closurePlan: 'Gradual return to timetabled lessons: two mornings a week in school from the midpoint, building to full time.',
    };
  });

  // Sanity: the flag as the app computes it agrees with what was generated.
  for (const id of flagged) {
    const open = bands.find((b) => b.pupilId === id)!.periods.at(-1)!;
    const means = ipps
      .filter((x) => x.pupilId === id)
      .flatMap((x) => x.reviews)
      .filter((r) => r.date >= open.startDate)
      .map((r) => r.mean);
    if (!specificWithoutProgress(open.band, means) || toDay(open.startDate) >= toDay(ref))
      throw new Error('demo: a flagged pupil does not meet the rule');
  }
  return { bands, referrals, assessments, ipps, placements, flaggedPupilIds: [...flagged] };
}
