/**
 * EHC plans, annual reviews and assessment requests for the demo school, generated from the pupils and the
 * academic year alone (a PRNG stream of its own, so adding this left every pupil's name and UPN as it was).
 * Every date is relative to the demo's reference date (1 October of the academic year), never to today.
 *
 * What a SENCo would find on 1 October:
 *  - every pupil with an EHC plan has one final plan, issued in the two years before, from the school's own local
 *    authority or one of three others (all fictional), with 2 to 4 needs across the four broad areas, an outcome
 *    for each need, quantified provision for each outcome, and from Year 9 usually a preparing-for-adulthood outcome;
 *  - about 10% of plans break the golden thread (a provision with no frequency, or serving no outcome);
 *  - most plans issued over a year ago had their annual review in the last 12 months, with the statutory steps
 *    recorded (a few steps late or missing); about 8% have had no review and are overdue; about 10% have the
 *    next review planned in the coming weeks with the invitations not yet sent;
 *  - every pupil with a plan in the last year of a phase (Year 11 in this secondary school with a sixth form; Year 6
 *    in a school that ends there) has a phase transfer recorded by the SENCo for next September, so the reg. 18
 *    deadline and the annual review brought forward show; some of those plans were already amended to name the
 *    next placement, and the transfer names it too;
 *  - a few pupils on SEN support have a request for an EHC needs assessment with the LA: some decided, some not;
 *    of those the LA decided to assess, the older ones have its decision whether to issue a plan.
 * All text is generic and synthetic.
 */
import type { PlanContentIn } from '../../../shared/contract';
import type { FrequencyPeriod, NeedArea, PfaArea } from '../../../shared/ehcp';
import type { NeedCode, SenStatus, YearGroup } from '../../../shared/domain';
import type { PhaseTransferKind } from '../../../shared/clock-types';
import { addDaysIso, daysBetween, randomDate, weekdayOnOrAfter, weekdayOnOrBefore } from './days';
import type { Rng } from './prng';

/** The three other local authorities some pupils' plans come from (fictional, like the school's own). */
export const DEMO_OTHER_LAS = ['Northwold (fictional)', 'Riverside City (fictional)', 'Eastmere (fictional)'] as const;

export interface DemoReview {
  readonly id: string;
  readonly meetingDate: string;
  readonly held: boolean;
  readonly invitationsSentDate: string | null;
  readonly adviceCirculatedDate: string | null;
  readonly reportSentDate: string | null;
  readonly laDecisionDate: string | null;
  readonly laDecision: 'maintain' | 'amend' | 'cease' | null;
  readonly amendedFinalDate: string | null;
}

export interface DemoPlanVersion {
  readonly id: string;
  readonly number: number;
  readonly kind: 'original' | 'amendment';
  readonly effectiveDate: string;
  readonly reason: string | null;
  readonly namesNextPhase: boolean;
  /** Section I names the school the demo is loaded into (its name and URN are filled in when loading). */
  readonly placementIsSchool: boolean;
  /** In the shape `ehcp.create` takes; the keys are the rows' ids. */
  readonly content: PlanContentIn;
}

export interface DemoPlan {
  readonly id: string;
  readonly pupilId: string;
  readonly localAuthority: string;
  /** The demo username of the member of staff who owns the plan's deadlines (resolved to a user id on loading). */
  readonly ownerUsername: string | null;
  readonly status: 'final';
  readonly draftDate: string;
  readonly issuedDate: string;
  /** Oldest first; the last is current. */
  readonly versions: readonly DemoPlanVersion[];
  readonly reviews: readonly DemoReview[];
  /** Deliberately breaks the golden thread (for the dashboard's golden-thread count). */
  readonly goldenThreadFlaw: 'missing_frequency' | 'provision_without_outcome' | null;
}

export interface DemoAssessmentRequest {
  readonly id: string;
  readonly pupilId: string;
  readonly localAuthority: string;
  readonly ownerUsername: string | null;
  readonly requestDate: string;
  readonly decisionDate: string | null;
  readonly decision: 'assess' | 'refuse' | null;
  readonly issueDecision: 'issue' | 'not_issue' | null;
  readonly issueDecisionDate: string | null;
  readonly finalPlanDate: string | null;
  readonly withdrawnDate: string | null;
}

/** A phase transfer the SENCo recorded (SEND Regulations 2014 reg. 18), as `ehcp.transfer.record` takes it. */
export interface DemoTransfer {
  readonly pupilId: string;
  readonly kind: PhaseTransferKind;
  readonly transferDate: string;
  readonly nextSetting: string | null;
}

/** What the EHC generator needs to know about a pupil. */
export interface EhcPupil {
  readonly id: string;
  readonly yearGroup: YearGroup;
  readonly dateJoined: string;
  readonly status: SenStatus;
  readonly needs: readonly NeedCode[];
  /** The demo usernames of the SENCo and therapy lead of the pupil's school (trust: one pair per school). */
  readonly senco: string;
  readonly deputy: string | null;
}

// ---- synthetic wording ----

const AREA_OF: Partial<Record<NeedCode, NeedArea>> = {
  ASD: 'communication_interaction',
  SLCN: 'communication_interaction',
  MLD: 'cognition_learning',
  SLD: 'cognition_learning',
  PMLD: 'cognition_learning',
  SPLD: 'cognition_learning',
  SEMH: 'semh',
  HI: 'sensory_physical',
  VI: 'sensory_physical',
  MSI: 'sensory_physical',
  PD: 'sensory_physical',
};
const AREAS: readonly NeedArea[] = ['communication_interaction', 'cognition_learning', 'semh', 'sensory_physical'];

const NEED_TEXT: Readonly<Record<NeedArea, readonly string[]>> = {
  communication_interaction: [
    'Has difficulty understanding spoken instructions of more than two parts, especially in busy lessons.',
    'Finds social communication with peers hard: taking turns, reading intentions and repairing misunderstandings.',
    'Has a limited expressive vocabulary and difficulty organising spoken sentences.',
    'Relies on predictable routines; unexpected changes cause high anxiety and withdrawal.',
  ],
  cognition_learning: [
    'Reading accuracy and comprehension are well below age-related expectations.',
    'Has difficulty retaining new learning; working memory is a relative weakness.',
    'Processing speed is slow, so written work takes much longer than for peers.',
    'Number sense and mathematical reasoning are well below age-related expectations.',
  ],
  semh: [
    'Experiences high levels of anxiety, particularly at transitions and unstructured times.',
    'Finds it hard to regulate emotions when frustrated, and leaves lessons as a result.',
    'Has low self-esteem as a learner and avoids tasks that look difficult.',
  ],
  sensory_physical: [
    'Has a hearing impairment and relies on amplification and visual support.',
    'Fine motor difficulties affect the speed and legibility of handwriting.',
    'Sensitivity to noise and crowded spaces causes distress and affects attendance at lessons.',
    'Has a physical disability that affects moving around the school site.',
  ],
};

const OUTCOME_TEXT: Readonly<Record<NeedArea, readonly string[]>> = {
  communication_interaction: [
    'Will follow three-step instructions in lessons without adult prompting.',
    'Will start and keep up a conversation with a peer during structured group work.',
    'Will use a visual timetable independently to manage changes to the school day.',
  ],
  cognition_learning: [
    'Will read texts matched to their age with 90% accuracy and answer inference questions about them.',
    'Will use a planning frame to write an extended answer independently.',
    'Will apply number facts to solve two-step problems in everyday contexts.',
  ],
  semh: [
    'Will recognise early signs of anxiety and use an agreed strategy to stay in lessons.',
    'Will attend every lesson on the timetable, using the agreed time-out pass no more than twice a week.',
    'Will name three things they do well as a learner and attempt new tasks with one prompt.',
  ],
  sensory_physical: [
    'Will use assistive technology to record work at a pace close to that of peers.',
    'Will move around the school site safely and independently between lessons.',
    'Will manage sensory needs using a personal regulation plan, with a check-in once a day.',
  ],
};

const PFA_TEXT: Readonly<Record<PfaArea, string>> = {
  employment: 'Will complete a work experience placement with agreed support and review what went well.',
  independent_living: 'Will plan and make a familiar journey independently using public transport.',
  community: 'Will join an after-school or community club of their choice and attend for a term.',
  health: 'Will manage their own routine health appointments with support from a named adult.',
};

type ProvisionSpec = readonly [
  description: string,
  deliveredBy: string,
  expertise: string,
  count: number,
  period: FrequencyPeriod,
  minutes: number,
  group: number,
  /** The demo catalogue's provision (demo/provision.ts) this line is, linked for a pupil with a place on it. */
  catalogue?: string,
];

const PROVISION: Readonly<Record<NeedArea | 'pfa', readonly ProvisionSpec[]>> = {
  communication_interaction: [
    [
      'Speech and language therapy: direct sessions on understanding and following instructions',
      'Speech and language therapist',
      'HCPC-registered speech and language therapist',
      1,
      'week',
      30,
      1,
      'slt',
    ],
    [
      'Social communication group',
      'Teaching assistant',
      'Trained and supervised by the speech and language therapist',
      1,
      'week',
      45,
      6,
      'social',
    ],
    ['Pre-teaching of changes to routine with a visual timetable', 'Key adult', 'Training in autism-informed practice', 1, 'day', 10, 1],
  ],
  cognition_learning: [
    [
      'Structured, cumulative literacy intervention',
      'Specialist teacher',
      'Qualified specialist teacher of pupils with specific learning difficulties',
      3,
      'week',
      30,
      3,
    ],
    ['Pre-teaching of key subject vocabulary', 'Teaching assistant', 'Trained by the SENCo', 2, 'week', 20, 4],
    ['Precision teaching of number facts', 'Teaching assistant', 'Trained by the SENCo', 5, 'week', 10, 1, 'precision'],
  ],
  semh: [
    ['Key adult check-in at the start of the school day', 'Key adult', 'Training in emotion coaching', 1, 'day', 10, 1],
    ['Counselling', 'School counsellor', 'Registered counsellor working with young people', 1, 'week', 50, 1, 'counselling'],
    [
      'Emotional regulation small-group programme',
      'Teaching assistant',
      'Supervised by the educational psychologist',
      1,
      'week',
      40,
      4,
      'zones',
    ],
  ],
  sensory_physical: [
    [
      'Occupational therapy programme for fine motor skills',
      'Occupational therapist',
      'HCPC-registered occupational therapist',
      1,
      'fortnight',
      45,
      1,
      'ot',
    ],
    [
      'Visits from a qualified teacher of the deaf',
      'Qualified teacher of the deaf',
      'Mandatory qualification for teachers of pupils with hearing impairment',
      1,
      'half_term',
      60,
      1,
    ],
    [
      'Physiotherapy programme delivered in school',
      'Teaching assistant',
      'Trained and reviewed by the physiotherapist each term',
      3,
      'week',
      20,
      1,
    ],
  ],
  pfa: [
    [
      'Careers guidance and planning for supported work experience',
      'Careers adviser',
      'Qualified careers adviser (level 6)',
      1,
      'half_term',
      45,
      1,
    ],
    ['Independent travel training', 'Travel trainer', 'Trained in independent travel training', 1, 'week', 60, 1],
  ],
};

const VIEWS = [
  'Enjoys art and music; finds noisy corridors and changes to the timetable hard.',
  'Likes football and computing; wants lessons broken into smaller steps.',
  'Enjoys drama and working with animals; prefers to sit near the front.',
  'Likes building models and reading comics; wants help with homework planning.',
];
const ASPIRATIONS = [
  'Would like to work with animals.',
  'Would like to be a games designer.',
  'Would like to be a chef.',
  'Would like to work in a hospital.',
  'Would like to go to college to study art.',
];
/**
 * Where a phase ends in the demo's schools, and the move the SENCo records for a pupil there: the demo school is a
 * secondary with a sixth form, so Year 11 moves on to post-16 (to its own sixth form or a college). Year 6 is kept
 * for a school that ends there (a primary); in an all-through school it would not be listed, as nobody transfers.
 * This is the generator describing its own schools; the clocks read only the transfers it records.
 */
const NEXT_PHASE: Readonly<
  Partial<Record<YearGroup, { readonly kind: PhaseTransferKind; readonly settings: readonly (readonly [string | null, string])[] }>>
> = {
  // null: the school's own sixth form (named when the demo is loaded).
  '11': {
    kind: 'secondary_to_post16',
    settings: [
      [null, 'School sixth form'],
      ['Riverside College (fictional)', 'Further education college'],
      ['Northwold Sixth Form College (fictional)', 'Sixth form college'],
    ],
  },
  '6': {
    kind: 'primary_to_secondary',
    settings: [
      ['Northwold Academy (fictional)', 'Mainstream secondary academy'],
      ['Eastmere High School (fictional)', 'Mainstream secondary school'],
    ],
  },
};

// ---- generation ----

function apportionScenarios(n: number): ('overdue' | 'planned' | 'recent' | 'reviewed')[] {
  if (n === 0) return [];
  const overdue = Math.max(1, Math.round(n * 0.08));
  const planned = Math.min(n - overdue, Math.max(1, Math.round(n * 0.1)));
  const recent = Math.min(n - overdue - planned, Math.round(n * 0.25));
  return Array.from({ length: n }, (_, i) =>
    i < overdue ? 'overdue' : i < overdue + planned ? 'planned' : i < overdue + planned + recent ? 'recent' : 'reviewed',
  );
}

interface Ctx {
  readonly rng: Rng;
  readonly ref: string;
  readonly startYear: number;
  readonly schoolLa: string;
  readonly school: { readonly name: string; readonly urn: string };
}

function laFor(c: Ctx): string {
  return c.rng.weighted<string>([
    [c.schoolLa, 65],
    [DEMO_OTHER_LAS[0], 15],
    [DEMO_OTHER_LAS[1], 12],
    [DEMO_OTHER_LAS[2], 8],
  ]);
}

/** A Section F line's description to the demo catalogue's provision it is (ProvisionSpec's `catalogue`). */
export const SECTION_F_CATALOGUE: ReadonlyMap<string, string> = new Map(
  Object.values(PROVISION)
    .flat()
    .flatMap(([description, , , , , , , catalogue]) => (catalogue ? [[description, catalogue] as const] : [])),
);

function provisionRow(c: Ctx, spec: ProvisionSpec, outcomeKeys: string[]): PlanContentIn['provision'][number] {
  const [description, deliveredBy, expertise, count, period, minutes, group] = spec;
  return {
    key: c.rng.uuid(),
    description,
    frequencyCount: count,
    frequencyPeriod: period,
    sessionMinutes: minutes,
    durationWeeks: c.rng.chance(0.8) ? 38 : null,
    groupSize: group,
    deliveredBy,
    expertise,
    markedQuantified: true,
    outcomeKeys,
  };
}

function planContent(c: Ctx, pupil: EhcPupil, issued: string, pfa: boolean, flaw: DemoPlan['goldenThreadFlaw']): PlanContentIn {
  const { rng } = c;
  const primary = AREA_OF[pupil.needs[0] ?? 'OTH'] ?? rng.pick(AREAS);
  const secondary = pupil.needs[1] ? AREA_OF[pupil.needs[1]] : undefined;
  const count = rng.weighted<number>([
    [2, 40],
    [3, 45],
    [4, 15],
  ]);
  const areas: NeedArea[] = [primary];
  if (secondary && !areas.includes(secondary)) areas.push(secondary);
  for (const a of rng.shuffle(AREAS)) if (areas.length < count && !areas.includes(a)) areas.push(a);

  const needs = areas.map((area) => ({ key: rng.uuid(), area, description: rng.pick(NEED_TEXT[area]) }));
  const targetYear = c.startYear + (rng.chance(0.6) ? 1 : 2);
  const outcomes: PlanContentIn['outcomes'] = needs.map((n) => ({
    key: rng.uuid(),
    description: rng.pick(OUTCOME_TEXT[n.area]),
    targetDate: `${targetYear}-07-15`,
    needKeys: [n.key],
    pfaArea: null,
  }));
  let pfaOutcome: string | null = null;
  if (pfa) {
    const area = rng.pick<PfaArea>(['employment', 'independent_living', 'community', 'health']);
    pfaOutcome = rng.uuid();
    outcomes.push({
      key: pfaOutcome,
      description: PFA_TEXT[area],
      targetDate: `${targetYear}-07-15`,
      needKeys: [rng.pick(needs).key],
      pfaArea: area,
    });
  }
  const provision: PlanContentIn['provision'] = [];
  needs.forEach((n, i) => {
    const specs = rng.shuffle(PROVISION[n.area]).slice(0, i === 0 && rng.chance(0.5) ? 2 : 1);
    for (const s of specs) provision.push(provisionRow(c, s, [outcomes[i]!.key]));
  });
  if (pfaOutcome) provision.push(provisionRow(c, rng.pick(PROVISION.pfa), [pfaOutcome]));
  if (flaw === 'missing_frequency') {
    // Written as "regular sessions": no frequency, so not specific and quantified (CoP 9.69).
    const p = provision[0]!;
    provision[0] = {
      ...p,
      description: `${p.description} (regular sessions)`,
      frequencyCount: null,
      frequencyPeriod: null,
      markedQuantified: false,
    };
  } else if (flaw === 'provision_without_outcome') {
    provision.push({
      ...provisionRow(c, rng.pick(PROVISION.cognition_learning), []),
      description: 'Access to a quiet workspace when needed',
    });
  }

  const sensory = areas.includes('sensory_physical');
  const items: PlanContentIn['items'] =
    sensory || rng.chance(0.2)
      ? [
          {
            section: 'C',
            description: sensory
              ? 'Has a diagnosed condition reviewed by the community paediatric team twice a year.'
              : 'Has asthma, managed with an inhaler kept in school.',
            provider: null,
          },
          {
            section: 'G',
            description: sensory ? 'Review by the community paediatric team every six months.' : 'Annual asthma review by the GP practice.',
            provider: sensory ? 'Community paediatrics (fictional NHS trust)' : 'GP practice (fictional)',
          },
        ]
      : [];
  const draft = addDaysIso(issued, -rng.int(20, 42));
  const advice = [
    {
      title: 'Educational psychology advice',
      author: 'Educational psychologist (fictional)',
      date: weekdayOnOrBefore(addDaysIso(draft, -rng.int(20, 60))),
    },
    { title: 'Advice from the school', author: 'SENCo', date: weekdayOnOrBefore(addDaysIso(draft, -rng.int(10, 40))) },
    { title: 'Views of the child and parents', author: 'Parent or carer', date: weekdayOnOrBefore(addDaysIso(draft, -rng.int(5, 30))) },
  ];
  if (sensory)
    advice.push({
      title: 'Health advice',
      author: 'Community paediatrician (fictional)',
      date: weekdayOnOrBefore(addDaysIso(draft, -rng.int(15, 50))),
    });

  return {
    sectionA: { views: rng.pick(VIEWS), interests: null, aspirations: rng.pick(ASPIRATIONS) },
    needs,
    items,
    outcomes,
    provision,
    placement: { name: c.school.name, urn: c.school.urn, type: 'Mainstream secondary school' },
    personalBudget: null,
    advice,
  };
}

/** The same content under fresh keys (a new version's rows), with `change` applied. */
function nextVersionContent(rng: Rng, content: PlanContentIn, change: (c: PlanContentIn) => PlanContentIn): PlanContentIn {
  const needKey = new Map(content.needs.map((n) => [n.key, rng.uuid()]));
  const outcomeKey = new Map(content.outcomes.map((o) => [o.key, rng.uuid()]));
  return change({
    ...content,
    needs: content.needs.map((n) => ({ ...n, key: needKey.get(n.key)! })),
    outcomes: content.outcomes.map((o) => ({ ...o, key: outcomeKey.get(o.key)!, needKeys: o.needKeys.map((k) => needKey.get(k)!) })),
    provision: content.provision.map((p) => ({ ...p, key: rng.uuid(), outcomeKeys: p.outcomeKeys.map((k) => outcomeKey.get(k)!) })),
  });
}

/** A held review's statutory steps as recorded by 1 October: mostly on time, a few late or not yet done. */
function heldReview(c: Ctx, meeting: string): DemoReview {
  const { rng, ref } = c;
  const invitations = rng.chance(0.9) ? addDaysIso(meeting, -rng.int(16, 30)) : addDaysIso(meeting, -rng.int(5, 12));
  const adviceRoll = rng.next();
  const advice =
    adviceRoll < 0.85 ? addDaysIso(meeting, -rng.int(14, 20)) : adviceRoll < 0.95 ? addDaysIso(meeting, -rng.int(3, 10)) : null;
  const since = daysBetween(meeting, ref);
  let report: string | null = null;
  if (since >= 14) report = rng.chance(0.88) ? addDaysIso(meeting, rng.int(2, 13)) : null;
  else if (since >= 3 && rng.chance(0.5)) report = addDaysIso(meeting, rng.int(2, since));
  let decisionDate: string | null = null;
  let decision: DemoReview['laDecision'] = null;
  let amendedFinal: string | null = null;
  if (since >= 28 && rng.chance(0.9)) {
    decisionDate = addDaysIso(meeting, rng.int(10, 27));
    decision = rng.chance(0.78) ? 'maintain' : 'amend';
    if (decision === 'amend') {
      const final = addDaysIso(meeting, rng.int(45, 84));
      if (final < ref && rng.chance(0.85)) amendedFinal = final;
    }
  }
  const after = (d: string | null) => (d === null ? null : weekdayOnOrAfter(d) > ref ? weekdayOnOrBefore(d) : weekdayOnOrAfter(d));
  return {
    id: rng.uuid(),
    meetingDate: meeting,
    held: true,
    invitationsSentDate: weekdayOnOrBefore(invitations),
    adviceCirculatedDate: advice === null ? null : weekdayOnOrBefore(advice),
    reportSentDate: after(report),
    laDecisionDate: after(decisionDate),
    laDecision: decision,
    amendedFinalDate: after(amendedFinal),
  };
}

export interface EhcData {
  readonly plans: DemoPlan[];
  readonly assessmentRequests: DemoAssessmentRequest[];
  /** For pupils whose SEN history should follow the plan: the date the plan was issued. */
  readonly issuedFor: ReadonlyMap<string, string>;
  /** The phase transfers the SENCo recorded for pupils with plans at the end of a phase. */
  readonly transfers: DemoTransfer[];
}

export function generateEhcData(
  rng: Rng,
  pupils: readonly EhcPupil[],
  opts: {
    readonly referenceDate: string;
    readonly startYear: number;
    readonly schoolLocalAuthority: string;
    readonly school: { readonly name: string; readonly urn: string };
  },
): EhcData {
  const c: Ctx = { rng, ref: opts.referenceDate, startYear: opts.startYear, schoolLa: opts.schoolLocalAuthority, school: opts.school };
  const ref = opts.referenceDate;
  const back = (days: number) => addDaysIso(ref, -days);
  const yearStart = `${opts.startYear}-09-01`;

  const withPlan = pupils.filter((p) => p.status === 'E');
  const order = rng.shuffle(withPlan);
  const scenarios = apportionScenarios(order.length);
  const flawed = new Set(rng.shuffle(order.map((p) => p.id)).slice(0, order.length ? Math.max(1, Math.round(order.length * 0.1)) : 0));
  let flawCount = 0;

  const plans: DemoPlan[] = [];
  const transfers: DemoTransfer[] = [];
  const issuedFor = new Map<string, string>();
  order.forEach((pupil, i) => {
    const scenario = scenarios[i]!;
    const reviews: DemoReview[] = [];
    let issued: string;
    if (scenario === 'overdue') {
      issued = randomDate(rng, back(700), back(390));
    } else if (scenario === 'recent') {
      issued = randomDate(rng, back(350), back(20));
    } else if (scenario === 'planned') {
      const held = weekdayOnOrBefore(randomDate(rng, back(340), back(290)));
      issued = randomDate(rng, back(730), addDaysIso(held, -200));
      reviews.push(heldReview(c, held));
      // The next review is booked a few days before it is due; invitations have not gone out yet.
      reviews.push({
        id: rng.uuid(),
        meetingDate: weekdayOnOrBefore(addDaysIso(held, 365 - rng.int(3, 14))),
        held: false,
        invitationsSentDate: null,
        adviceCirculatedDate: null,
        reportSentDate: null,
        laDecisionDate: null,
        laDecision: null,
        amendedFinalDate: null,
      });
    } else {
      issued = randomDate(rng, back(720), back(400));
      const from = [addDaysIso(issued, 300), back(364)].sort()[1]!;
      const to = [addDaysIso(issued, 365), back(3)].sort()[0]!;
      reviews.push(heldReview(c, weekdayOnOrBefore(randomDate(rng, from, to))));
    }
    issued = weekdayOnOrBefore(issued);
    issuedFor.set(pupil.id, issued);

    const y = Number(pupil.yearGroup);
    const pfa = y >= 9 && rng.chance(0.75);
    const flaw: DemoPlan['goldenThreadFlaw'] = flawed.has(pupil.id)
      ? flawCount++ % 2 === 0
        ? 'missing_frequency'
        : 'provision_without_outcome'
      : null;
    const content = planContent(c, pupil, issued, pfa, flaw);
    const versions: DemoPlanVersion[] = [
      {
        id: rng.uuid(),
        number: 1,
        kind: 'original',
        effectiveDate: issued,
        reason: null,
        namesNextPhase: false,
        placementIsSchool: true,
        content,
      },
    ];
    const last = () => versions[versions.length - 1]!;
    for (const r of reviews) {
      if (r.laDecision !== 'amend' || !r.amendedFinalDate) continue;
      versions.push({
        id: rng.uuid(),
        number: versions.length + 1,
        kind: 'amendment',
        effectiveDate: r.amendedFinalDate,
        reason: 'Amended after the annual review: provision updated',
        namesNextPhase: false,
        placementIsSchool: last().placementIsSchool,
        content: nextVersionContent(rng, last().content, (k) => ({
          ...k,
          provision: k.provision.map((p, j) =>
            j === 0 && p.frequencyCount !== null ? { ...p, frequencyCount: Math.min(100, (p.frequencyCount ?? 0) + 1) } : p,
          ),
        })),
      });
    }
    // Phase transfer: some plans of pupils moving on next September were already amended to name the next placement.
    const nextPhase = NEXT_PHASE[pupil.yearGroup]?.settings;
    let named: string | undefined;
    if (nextPhase && rng.chance(0.45)) {
      const from = [addDaysIso(yearStart, 6), addDaysIso(last().effectiveDate, 7)].sort()[1]!;
      const to = back(3);
      if (from <= to) {
        const [name, type] = rng.pick(nextPhase);
        const own = name === null;
        named = own ? `${c.school.name} sixth form` : name;
        const d = randomDate(rng, from, to);
        const effective = weekdayOnOrAfter(d) <= to ? weekdayOnOrAfter(d) : weekdayOnOrBefore(d);
        versions.push({
          id: rng.uuid(),
          number: versions.length + 1,
          kind: 'amendment',
          effectiveDate: effective,
          reason:
            pupil.yearGroup === '6'
              ? 'Phase transfer: names the secondary school from September'
              : 'Phase transfer: names the post-16 placement from September',
          namesNextPhase: true,
          placementIsSchool: own,
          content: nextVersionContent(rng, last().content, (k) => ({
            ...k,
            placement: own ? { ...k.placement, type } : { name, urn: null, type },
          })),
        });
      }
    }
    // The transfer the SENCo recorded: next September, naming the placement once the plan names it, and otherwise
    // (every other pupil, chosen without drawing from the generator so the rest of the demo stays as it was) the
    // placement they are expected to move to.
    const move = NEXT_PHASE[pupil.yearGroup];
    if (move) {
      const [expected] = move.settings[transfers.length % move.settings.length]!;
      const guess = transfers.length % 2 === 0 ? (expected ?? `${c.school.name} sixth form`) : null;
      transfers.push({ pupilId: pupil.id, kind: move.kind, transferDate: `${opts.startYear + 1}-09-01`, nextSetting: named ?? guess });
    }
    plans.push({
      id: rng.uuid(),
      pupilId: pupil.id,
      localAuthority: laFor(c),
      ownerUsername: pupil.deputy && rng.chance(0.2) ? pupil.deputy : pupil.senco,
      status: 'final',
      draftDate: weekdayOnOrBefore(addDaysIso(issued, -rng.int(20, 42))),
      issuedDate: issued,
      versions,
      reviews,
      goldenThreadFlaw: flaw,
    });
  });

  // Requests for an EHC needs assessment, for a few pupils on SEN support.
  const onSupport = rng.shuffle(pupils.filter((p) => p.status === 'K'));
  const requestCount = Math.min(onSupport.length, Math.max(2, Math.round(onSupport.length * 0.03)));
  const kinds = ['decision_pending', 'assess', 'refused', 'decision_overdue'] as const;
  const assessmentRequests: DemoAssessmentRequest[] = onSupport.slice(0, requestCount).map((pupil, i) => {
    const kind = kinds[i % kinds.length]!;
    const range: Readonly<Record<(typeof kinds)[number], readonly [number, number]>> = {
      decision_pending: [30, 5],
      assess: [130, 60],
      refused: [200, 60],
      decision_overdue: [75, 50],
    };
    const [a, b] = range[kind];
    const request = weekdayOnOrBefore(randomDate(rng, back(a), back(b)));
    const decided = kind === 'assess' || kind === 'refused';
    return {
      id: rng.uuid(),
      pupilId: pupil.id,
      localAuthority: laFor(c),
      ownerUsername: pupil.senco,
      requestDate: request,
      decisionDate: decided ? weekdayOnOrAfter(addDaysIso(request, rng.int(30, 42))) : null,
      decision: kind === 'assess' ? 'assess' : kind === 'refused' ? 'refuse' : null,
      // Decided to assess over 14 weeks ago: the LA has said it will issue a plan (the draft is with the parents),
      // taken from the request date alone so the generator's stream is untouched.
      ...(kind === 'assess' && request <= back(98)
        ? { issueDecision: 'issue' as const, issueDecisionDate: weekdayOnOrBefore(addDaysIso(request, 95)) }
        : { issueDecision: null, issueDecisionDate: null }),
      finalPlanDate: null,
      withdrawnDate: null,
    };
  });

  return { plans, assessmentRequests, issuedFor, transfers };
}
