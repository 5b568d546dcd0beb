/**
 * Synthetic review packs for tests and the benchmark: made-up people, a made-up school, deterministic numbers.
 * `years` scales the history: 50 rating points per goal per year, 3 + years goals (at most 8), 12 assessments and
 * 12 months of attendance per year, a review every term.
 */
import type { ProvisionFigures, ProvisionLine, ReviewAction } from '../../../shared/contract';
import { addDays, addMonths, daysBetween } from '../../../shared/date-only';
import { reviewTScore } from '../../../shared/gas';
import { makeUpn } from '../../../shared/upn';
import type { Band } from '../../../shared/therapy';
import type { ReviewPackData } from './review-pack-data';

const REVIEW_DATE = '2026-03-10';
const PREVIOUS_DATE = '2025-11-18';
const PUPIL_ID = 'p-synthetic-1';

/** Small deterministic generator (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

const GOALS = [
  [
    'Zoë will use her visual timetable to move between activities with no more than one adult prompt.',
    'Moves between four activities in a morning with one prompt or fewer.',
  ],
  [
    'Zoë will take part in a turn-taking game with two classmates for ten minutes.',
    'Plays a board game with two peers for ten minutes, waiting for her turn.',
  ],
  [
    'Zoë will write a sentence of at least eight words using a word bank.',
    'Writes an eight-word sentence with a capital letter and a full stop, using the word bank.',
  ],
  [
    'Zoë will use a calming strategy from her toolkit when she feels worried, with an adult noticing.',
    'Chooses a strategy (breathing, the quiet corner, her fidget) on three days out of five.',
  ],
  [
    'Zoë will hold a pencil with a tripod grip for a whole handwriting task.',
    'Keeps a tripod grip for a ten-minute task with a pencil grip.',
  ],
  ['Zoë will ask for help in class using her help card or words.', 'Asks for help at least once in each maths and English lesson.'],
  [
    'Zoë will follow two-step spoken instructions in class without a visual prompt.',
    'Follows two-step instructions four times out of five.',
  ],
  ['Zoë will get changed for PE on her own within ten minutes.', 'Changes for PE independently in ten minutes, with a visual sequence.'],
] as const;

/** What the meeting said about some goals' ratings. */
const NOTES: readonly (string | null)[] = [
  'Seen in class and at home; mum says she now uses the timetable at weekends too.',
  null,
  'Uses the word bank without reminders; sentences are getting longer.',
  'Still needs an adult to notice the signs first, but chooses a strategy herself.',
];

function figures(r: () => number, sessions: number, minutes: number): ProvisionFigures {
  const absent = Math.floor(r() * 3);
  const school = Math.floor(r() * 2);
  const therapist = Math.floor(r() * 3);
  const family = Math.floor(r() * 2);
  const notRecorded = Math.floor(r() * 2);
  const delivered = Math.max(0, sessions - absent - school - therapist - family - notRecorded);
  const plannedMinutes = sessions * minutes;
  const minutesDelivered = delivered * minutes;
  return {
    plannedSessions: sessions,
    plannedMinutes,
    sessionsDelivered: delivered,
    minutesDelivered,
    shortfallMinutes: Math.max(0, plannedMinutes - minutesDelivered),
    absent,
    cancelledBySchool: school,
    cancelledByTherapist: therapist,
    cancelledByFamily: family,
    notRecorded,
    minutesNotRecorded: notRecorded * minutes,
  };
}

/** A full review pack for the synthetic pupil Zoë Ó Briain, at a held annual review. */
export function reviewPackFixture(opts: { years?: number } = {}): ReviewPackData {
  const years = Math.max(1, Math.round(opts.years ?? 1));
  const r = rng(20260310 + years);
  const start = addDays(REVIEW_DATE, -365 * years);
  const span = 365 * years;

  // Reviews every term (about every 122 days), the last one being this review.
  const reviewDates: string[] = [];
  for (let k = Math.floor(span / 122); k >= 0; k--) reviewDates.push(addDays(REVIEW_DATE, -k * 122));

  const goalCount = Math.min(8, 3 + years);
  const pointsPerGoal = 50 * years;
  const goals = GOALS.slice(0, goalCount).map(([description, expected], gi) => {
    // Sessions and reviews in date order; a random walk drifting upwards (about three levels over the period).
    const events: { date: string; source: 'review' | 'session' }[] = reviewDates.map((date) => ({ date, source: 'review' as const }));
    const sessionCount = pointsPerGoal - reviewDates.length;
    for (let i = 0; i < sessionCount; i++)
      events.push({ date: addDays(start, Math.floor(((i + 0.5) * span) / sessionCount)), source: 'session' });
    events.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.source === 'session' ? -1 : 1));
    let level = -2 + (gi % 2);
    const up = 6 / events.length;
    const down = 3 / events.length;
    const points = events.map((e) => {
      const x = r();
      if (x < up) level = Math.min(2, level + 1);
      else if (x < up + down) level = Math.max(-2, level - 1);
      return { date: e.date, rating: level, source: e.source };
    });
    const atReview = points.filter((p) => p.source === 'review' && p.date === REVIEW_DATE).pop();
    const last = points[points.length - 1] ?? null;
    return {
      key: `g${gi + 1}`,
      description,
      expected,
      points,
      latest: last ? { date: last.date, rating: last.rating } : null,
      ratedNow: atReview ? { rating: atReview.rating, note: NOTES[gi] ?? null } : null,
      // The first goal matters most to the family: it counts double in the T-score.
      weight: gi === 0 ? 2 : 1,
    };
  });
  const tScores = reviewDates.map((date) => ({
    date,
    tScore:
      reviewTScore(
        goals.map((g) => ({ rating: g.points.find((p) => p.source === 'review' && p.date === date)?.rating ?? 0, weight: g.weight })),
      ) ?? 50,
  }));
  const thisT = tScores[tScores.length - 1]?.tScore ?? null;

  const disciplines = ['Speech and language therapy', 'Occupational therapy', 'Thrive', 'Psychology'];
  const assessors = ['Priya Example (SALT)', 'Tom Sample (OT)', 'Ana Placeholder (Thrive practitioner)', 'Dr Kit Fictional (EP)'];
  // Since the previous review: five in a one-year pack, twelve a year beyond that (the benchmark's load).
  const assessmentCount = years === 1 ? 5 : 12 * years;
  const sinceDays = daysBetween(PREVIOUS_DATE, REVIEW_DATE);
  const assessments = Array.from({ length: assessmentCount }, (_, i) => {
    const kind = i % 4;
    const date = addDays(PREVIOUS_DATE, Math.floor(((i + 0.5) * sinceDays) / assessmentCount));
    return {
      date,
      kind: i === 0 ? 'Initial' : 'Follow-up',
      discipline: disciplines[kind] as string,
      assessor: assessors[kind] as string,
      scores:
        kind === 0
          ? [
              { measure: 'TOMs Impairment', value: String(2 + (i % 3)) },
              { measure: 'TOMs Activity', value: '3' },
              { measure: 'TOMs Participation', value: '2.5' },
              { measure: 'TOMs Wellbeing', value: '3' },
            ]
          : kind === 3
            ? [
                { measure: 'SDQ Total difficulties', value: String(18 - (i % 5)) },
                { measure: 'SDQ Emotional symptoms', value: '6' },
                { measure: 'SDQ Peer problems', value: '4' },
              ]
            : kind === 1
              ? [{ measure: 'Handwriting speed (words per minute)', value: String(6 + (i % 4)) }]
              : [],
      thrive:
        kind === 2
          ? [
              { strand: 'Being', result: 'Secure' },
              { strand: 'Doing', result: 'Secure' },
              { strand: 'Thinking', result: 'Partly secure' },
              { strand: 'Power and identity', result: 'Gap' },
              { strand: 'Skills and structure', result: 'Gap' },
              { strand: 'Interdependence', result: 'Partly secure' },
            ]
          : [],
      notes:
        i % 3 === 0
          ? 'Zoë engaged well after a slow start. She used "first, then" language with support – a clear step on from the last assessment — and asked for a break appropriately. Recommend continuing weekly 1:1 sessions and sharing strategies with class staff.'
          : i % 3 === 1
            ? null
            : 'Short follow-up observation in class.',
    };
  });

  // Attendance by month, the last `12 * years` months up to the review.
  const monthsList: string[] = [];
  for (let k = 12 * years - 1; k >= 0; k--) monthsList.push(addMonths('2026-03-01', -k).slice(0, 7));
  const months = monthsList
    .filter((m) => !m.endsWith('-08'))
    .map((month) => {
      const planned = 6 + Math.floor(r() * 3);
      const absent = r() < 0.4 ? 1 : 0;
      const cancelled = r() < 0.35 ? 1 + Math.floor(r() * 2) : 0;
      // The last weeks before the review have sessions still to be recorded (a figure of their own, never attended).
      const notRecorded = month >= '2026-02' ? Math.min(2, planned - absent - cancelled) : 0;
      const attended = planned - absent - cancelled - notRecorded;
      return {
        month,
        attended,
        absent,
        cancelled,
        notRecorded,
        upcoming: 0,
        minutesPlanned: planned * 30,
        minutesDelivered: attended * 30 - (r() < 0.2 ? 15 : 0),
      };
    });
  const sum = (f: (m: (typeof months)[number]) => number) => months.reduce((s, m) => s + f(m), 0);
  const cancelledSince = sum((m) => m.cancelled);

  const bandSteps: { band: Band; reason: string }[] = [
    {
      band: 'universal',
      reason: 'Joined the school; needs met through quality-first teaching with advice from the multidisciplinary team (MDT).',
    },
    { band: 'targeted', reason: 'Not making expected progress at Universal: 24-week speech and language plan.' },
    { band: 'specific', reason: 'Little progress at Targeted; intensive individual plan with the educational psychologist.' },
    { band: 'targeted', reason: 'Good progress at Specific; stepping back to Targeted as planned.' },
  ];
  const steps = bandSteps.slice(Math.max(0, bandSteps.length - 1 - years));
  const bandHistory = steps.map((s, k) => {
    const from = addDays(start, Math.floor((k * span) / steps.length));
    const to = k < steps.length - 1 ? addDays(start, Math.floor(((k + 1) * span) / steps.length) - 1) : null;
    return { band: s.band, startDate: from, endDate: to, reason: s.reason, reviewId: k ? `r-${k}` : null };
  });

  const lineOf = (
    source: 'ehcp' | 'ipp',
    n: number,
    description: string,
    frequency: string,
    perWeek: number,
    minutes: number,
  ): ProvisionLine => ({
    pupilId: PUPIL_ID,
    pupilName: 'Zoë Ó Briain',
    yearGroup: '4',
    source,
    sourceId: `${source}-${n}`,
    description,
    frequency,
    term: figures(r, 10 * perWeek, minutes),
    year: figures(r, 24 * perWeek, minutes),
  });

  const action = (n: number, description: string, ownerName: string, dueDate: string, doneDate: string | null): ReviewAction => ({
    id: `a-${n}`,
    reviewId: 'r-now',
    pupilId: PUPIL_ID,
    pupilName: 'Zoë Ó Briain',
    reviewKind: 'annual',
    reviewDate: REVIEW_DATE,
    description,
    ownerUserId: null,
    ownerName,
    dueDate,
    doneDate,
    overdue: false,
  });

  return {
    generatedAt: '2026-03-12T16:05:00.000Z',
    school: { name: 'Oakfield Meadow Primary School (synthetic)', urn: '999123', localAuthority: 'Exampleshire County Council' },
    pupil: {
      name: 'Zoë Ó Briain',
      upn: makeUpn(999, 2001, 16, 42),
      dateOfBirth: '2016-07-21',
      yearGroup: 'Year 4',
      className: '4 Willow',
      senStatus: 'Education, health and care plan',
      needs: ['Speech, language and communication needs (primary)', 'Social, emotional and mental health', 'Specific learning difficulty'],
      band: 'Targeted',
    },
    review: {
      id: 'r-now',
      pupilId: PUPIL_ID,
      kind: 'annual',
      date: REVIEW_DATE,
      status: 'held',
      ippId: 'ipp-1',
      ippTitle: 'Communication and regulation plan',
      placementId: null,
      ehcPlanId: 'ehcp-1',
      attendees: [
        { role: 'pupil', name: 'Zoë Ó Briain', organisation: null, present: true },
        { role: 'parent_carer', name: 'Siobhán Ó Briain', organisation: null, present: true },
        { role: 'parent_carer', name: 'Mark Ó Briain', organisation: null, present: false },
        { role: 'senco', name: 'Mrs Ada Placeholder', organisation: 'Oakfield Meadow Primary School (synthetic)', present: true },
        { role: 'therapist', name: 'Priya Example', organisation: 'Exampleshire NHS Speech and Language Therapy', present: true },
        { role: 'teacher', name: 'Mr Ben Sample', organisation: 'Oakfield Meadow Primary School (synthetic)', present: true },
        { role: 'external', name: 'Dr Kit Fictional', organisation: 'Exampleshire Educational Psychology Service', present: false },
        { role: 'external', name: 'Jo Invented', organisation: 'Exampleshire SEND Team (local authority)', present: true },
      ],
      pupilViews:
        'Zoë drew a picture of her “best day”: sitting with her friend Amir at lunch and doing the timetable by herself. She said the quiet corner helps when the hall is loud. She does not like it when the plan changes without warning.',
      parentViews:
        'Siobhán says Zoë is much calmer in the mornings since the visual timetable started, and uses one at home now. She worries about the move to Year 5 — a new teacher and a new classroom — and would like a transition book before the summer.\n\nShe would also like to know more about how speech and language targets can be practised at home.',
      discussion:
        'The meeting agreed that Zoë has made good progress on goals 1 and 4 and steady progress on the others. Speech and language provision has been short this term because of therapist absence (see section 2); the school will arrange catch-up sessions. The LA officer noted the EHC plan outcomes remain appropriate and that the plan should be maintained with minor amendments to section F (frequency of OT).',
      ratings: goals
        .filter((g) => g.ratedNow)
        .map((g) => ({ goalKey: g.key, rating: g.ratedNow?.rating ?? 0, note: g.ratedNow?.note ?? null, weight: g.weight })),
      tScore: thisT,
      decisions: [
        {
          kind: 'continue',
          band: null,
          needLevel: null,
          plannedWeeks: null,
          note: 'Keep the current plan until the summer review.',
          actedAt: null,
          actedOn: null,
        },
        {
          kind: 'band_down',
          band: 'universal',
          needLevel: 'medium',
          plannedWeeks: null,
          note: 'From September, if progress holds.',
          actedAt: null,
          actedOn: null,
        },
      ],
      actions: [
        action(1, 'Make a transition book with photos of the Year 5 classroom and teacher.', 'Mr Ben Sample', '2026-06-30', null),
        action(2, 'Arrange four catch-up speech and language sessions before Easter.', 'Priya Example', '2026-03-31', null),
        action(3, 'Send home a sheet of speech and language activities to practise.', 'Priya Example', '2026-03-20', '2026-03-11'),
        action(4, 'Submit the review report and recommendations to the local authority.', 'Mrs Ada Placeholder', '2026-03-24', null),
      ],
      statutory: null,
      annual: {
        outcomes: [
          {
            outcomeKey: 'o1',
            outcome:
              'By the end of Key Stage 2, Zoë will follow classroom instructions and take part in group discussions with the support of visual prompts.',
            progress: 'partly',
            note: 'Follows two-step instructions with a visual prompt.',
          },
          {
            outcomeKey: 'o2',
            outcome: 'Zoë will recognise when she is becoming anxious and use a strategy to calm herself, with decreasing adult support.',
            progress: 'achieved',
            note: null,
          },
          {
            outcomeKey: 'o3',
            outcome: 'Zoë will write short pieces independently using a word bank and assistive technology.',
            progress: 'not_yet',
            note: 'Started using the word bank in March.',
          },
        ],
        amendments: [{ section: 'F', text: 'Occupational therapy from fortnightly to weekly, 30 minutes, for handwriting.' }],
        recommendation: 'amend',
      },
      recordedBy: 'Mrs Ada Placeholder',
      updatedAt: '2026-03-11T10:00:00.000Z',
      kindLabel: 'EHC plan annual review',
      previousDate: PREVIOUS_DATE,
    },
    ehcp: {
      status: 'Final plan issued',
      issuedDate: '2023-05-02',
      needsSummary: [
        'Communication and interaction: Zoë has a language disorder affecting understanding of spoken language and sentence structure. She finds it hard to follow instructions with more than one step.',
        'Social, emotional and mental health: Zoë becomes anxious at times of change and in noisy spaces, which can lead to withdrawal.',
        'Cognition and learning: difficulties with handwriting and spelling consistent with a specific learning difficulty.',
      ],
      outcomes: [
        {
          area: 'Communication and interaction',
          text: 'By the end of Key Stage 2, Zoë will follow classroom instructions and take part in group discussions with the support of visual prompts.',
        },
        {
          area: 'Social, emotional and mental health',
          text: 'Zoë will recognise when she is becoming anxious and use a strategy to calm herself, with decreasing adult support.',
        },
        { area: 'Cognition and learning', text: 'Zoë will write short pieces independently using a word bank and assistive technology.' },
        { area: 'Preparing for adulthood', text: 'Zoë will travel around school independently and manage her belongings.' },
      ],
    },
    provision: {
      termName: 'Spring',
      lines: [
        lineOf('ehcp', 1, 'Speech and language therapy: 1:1 with a specialist SALT', 'Weekly, 30 minutes', 1, 30),
        lineOf('ehcp', 2, 'Occupational therapy: fine motor programme delivered by a trained TA', 'Twice weekly, 20 minutes', 2, 20),
        lineOf('ehcp', 3, 'Emotional literacy support (ELSA) in a small group', 'Weekly, 45 minutes', 1, 45),
        lineOf('ipp', 1, 'Thrive 1:1 sessions: regulation and play', 'Weekly, 30 minutes', 1, 30),
        lineOf('ipp', 2, 'Colourful semantics small group', 'Three times a week, 15 minutes', 3, 15),
      ],
    },
    goals,
    plan: { title: 'Communication and regulation plan', version: 2, startDate: '2025-09-08', endDate: '2026-07-17' },
    tScores,
    assessments,
    attendance: {
      from: `${monthsList[0] as string}-01`,
      to: REVIEW_DATE,
      attended: sum((m) => m.attended),
      absent: sum((m) => m.absent),
      cancelledBySchool: Math.floor(cancelledSince / 3),
      cancelledByTherapist: cancelledSince - 2 * Math.floor(cancelledSince / 3),
      cancelledByFamily: Math.floor(cancelledSince / 3),
      notRecorded: sum((m) => m.notRecorded),
      upcoming: 0,
      months,
    },
    bandHistory,
    lastActions: [
      {
        description: 'Introduce a visual timetable in class and share a copy with home.',
        owner: 'Mr Ben Sample',
        dueDate: '2025-12-05',
        doneDate: '2025-11-28',
      },
      {
        description: 'Refer to occupational therapy for a handwriting assessment.',
        owner: 'Mrs Ada Placeholder',
        dueDate: '2025-12-12',
        doneDate: '2025-12-01',
      },
      {
        description: 'Parents to try the calming toolkit at home and note what helps.',
        owner: 'Siobhán Ó Briain',
        dueDate: '2026-01-30',
        doneDate: null,
      },
      {
        description: 'Request educational psychology advice for the annual review.',
        owner: 'Mrs Ada Placeholder',
        dueDate: '2026-01-16',
        doneDate: '2026-01-14',
      },
    ],
    previousReview: { kind: 'plan', kindLabel: 'Plan review', date: PREVIOUS_DATE },
  };
}

/** The sparse case: no EHC plan, no assessments, no ratings, nothing delivered yet, a planned (not held) review. */
export function reviewPackEmptyFixture(): ReviewPackData {
  const full = reviewPackFixture();
  return {
    ...full,
    pupil: { ...full.pupil, senStatus: 'SEN support', needs: [], band: null },
    review: {
      ...full.review,
      kind: 'plan',
      kindLabel: 'Plan review',
      status: 'planned',
      ehcPlanId: null,
      attendees: [],
      pupilViews: null,
      parentViews: null,
      discussion: null,
      ratings: [],
      tScore: null,
      decisions: [],
      actions: [],
      previousDate: null,
    },
    ehcp: null,
    provision: { termName: null, lines: [] },
    goals: full.goals.slice(0, 2).map((g) => ({ ...g, points: [], latest: null, ratedNow: null })),
    tScores: [],
    assessments: [],
    attendance: {
      ...full.attendance,
      from: '2025-03-10',
      attended: 0,
      absent: 0,
      cancelledBySchool: 0,
      cancelledByTherapist: 0,
      cancelledByFamily: 0,
      notRecorded: 0,
      upcoming: 0,
      months: [],
    },
    bandHistory: [],
    lastActions: [],
    previousReview: null,
  };
}
