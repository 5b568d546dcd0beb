/**
 * The demo school's provision map (issue 18): a catalogue of thirteen provisions across the three waves, an hourly
 * rate for every delivering role, and places on them for the pupils on the SEN register, so the map, its costs and
 * its effectiveness have something to show. Deterministic (its own seeded stream, every date from the academic year).
 *
 * Who goes where follows the pupil's primary need: each pupil on SEN support has one or two targeted provisions of
 * their area; a pupil with an EHC plan has a specific one as well, and about one in five a 1:1 teaching assistant for
 * part of the day (which takes them over the £6,000 notional threshold, as it does in schools). Most places run all
 * year; some began last year, some ended at Christmas (with an exit measure). A pupil plan's intervention is linked to
 * the specific provision of its discipline when the pupil is on it, so GAS ratings show in the map's effectiveness.
 */
import type { NeedCode } from '../../../shared/domain';
import type { NeedArea } from '../../../shared/ehcp';
import type { DeliveryRole, Wave } from '../../../shared/provision';
import { addDaysIso } from './days';
import type { Rng } from './prng';

export interface DemoProvision {
  readonly key: string;
  readonly name: string;
  readonly area: NeedArea;
  readonly wave: Wave;
  readonly groupSize: number;
  readonly sessionsPerWeek: number;
  readonly minutesPerSession: number;
  readonly staffRole: DeliveryRole;
  readonly measureName: string | null;
  /** A measure's usual starting range and how much it moves over a term. */
  readonly measure: readonly [number, number, number] | null;
  readonly description: string;
  /** The therapy discipline whose plan interventions it delivers (linked in the demo), if any. */
  readonly discipline: string | null;
}

export const DEMO_CATALOGUE: readonly DemoProvision[] = [
  {
    key: 'visual',
    name: 'Visual supports in class',
    area: 'communication_interaction',
    wave: 'universal',
    groupSize: 30,
    sessionsPerWeek: 5,
    minutesPerSession: 15,
    staffRole: 'teacher',
    measureName: null,
    measure: null,
    description: 'Visual timetables, now-and-next boards and task cards in every lesson.',
    discipline: null,
  },
  {
    key: 'lunch',
    name: 'Lunchtime social club',
    area: 'semh',
    wave: 'universal',
    groupSize: 12,
    sessionsPerWeek: 3,
    minutesPerSession: 30,
    staffRole: 'learning_mentor',
    measureName: null,
    measure: null,
    description: 'A quiet room with structured games at lunchtime.',
    discipline: null,
  },
  {
    key: 'lego',
    name: 'Lego therapy',
    area: 'communication_interaction',
    wave: 'targeted',
    groupSize: 3,
    sessionsPerWeek: 2,
    minutesPerSession: 45,
    staffRole: 'teaching_assistant',
    measureName: 'Turns taken in ten minutes',
    measure: [2, 5, 3],
    description: 'Building together in roles (engineer, supplier, builder) to practise communication.',
    discipline: null,
  },
  {
    key: 'language',
    name: 'Language group',
    area: 'communication_interaction',
    wave: 'targeted',
    groupSize: 4,
    sessionsPerWeek: 2,
    minutesPerSession: 30,
    staffRole: 'teaching_assistant',
    measureName: 'Words in a story retell',
    measure: [20, 40, 12],
    description: 'Vocabulary and narrative work planned by the speech and language therapist.',
    discipline: null,
  },
  {
    key: 'precision',
    name: 'Precision teaching',
    area: 'cognition_learning',
    wave: 'targeted',
    groupSize: 1,
    sessionsPerWeek: 5,
    minutesPerSession: 10,
    staffRole: 'teaching_assistant',
    measureName: 'Words read correctly a minute',
    measure: [25, 50, 15],
    description: 'Daily timed practice of a small set of words or facts.',
    discipline: null,
  },
  {
    key: 'reading',
    name: 'Small-group reading catch-up',
    area: 'cognition_learning',
    wave: 'targeted',
    groupSize: 4,
    sessionsPerWeek: 3,
    minutesPerSession: 30,
    staffRole: 'higher_level_teaching_assistant',
    measureName: 'Reading age (months)',
    measure: [90, 120, 8],
    description: 'Phonics and fluency for pupils reading well below their age.',
    discipline: null,
  },
  {
    key: 'maths',
    name: 'Number sense group',
    area: 'cognition_learning',
    wave: 'targeted',
    groupSize: 4,
    sessionsPerWeek: 3,
    minutesPerSession: 30,
    staffRole: 'higher_level_teaching_assistant',
    measureName: 'Standardised maths score',
    measure: [75, 88, 6],
    description: 'Place value and number facts with concrete materials.',
    discipline: null,
  },
  {
    key: 'social',
    name: 'Social skills group',
    area: 'semh',
    wave: 'targeted',
    groupSize: 6,
    sessionsPerWeek: 1,
    minutesPerSession: 60,
    staffRole: 'learning_mentor',
    measureName: null,
    measure: null,
    description: 'Friendship, turn-taking and managing disagreement.',
    discipline: null,
  },
  {
    key: 'zones',
    name: 'Zones of regulation group',
    area: 'semh',
    wave: 'targeted',
    groupSize: 5,
    sessionsPerWeek: 1,
    minutesPerSession: 45,
    staffRole: 'teaching_assistant',
    measureName: null,
    measure: null,
    description: 'Naming feelings and choosing calming strategies.',
    discipline: null,
  },
  {
    key: 'motor',
    name: 'Handwriting and fine motor group',
    area: 'sensory_physical',
    wave: 'targeted',
    groupSize: 4,
    sessionsPerWeek: 2,
    minutesPerSession: 30,
    staffRole: 'teaching_assistant',
    measureName: null,
    measure: null,
    description: 'A programme set by the occupational therapist.',
    discipline: null,
  },
  {
    key: 'slt',
    name: '1:1 speech and language therapy',
    area: 'communication_interaction',
    wave: 'specific',
    groupSize: 1,
    sessionsPerWeek: 1,
    minutesPerSession: 45,
    staffRole: 'speech_language_therapist',
    measureName: null,
    measure: null,
    description: 'Direct therapy with the school’s speech and language therapist.',
    discipline: 'speech_language',
  },
  {
    key: 'ot',
    name: 'Occupational therapy programme',
    area: 'sensory_physical',
    wave: 'specific',
    groupSize: 1,
    sessionsPerWeek: 1,
    minutesPerSession: 45,
    staffRole: 'occupational_therapist',
    measureName: null,
    measure: null,
    description: 'Sensory and motor work with the occupational therapist.',
    discipline: 'occupational_therapy',
  },
  {
    key: 'counselling',
    name: 'Counselling',
    area: 'semh',
    wave: 'specific',
    groupSize: 1,
    sessionsPerWeek: 1,
    minutesPerSession: 50,
    staffRole: 'counsellor',
    measureName: null,
    measure: null,
    description: 'Weekly sessions with the school counsellor.',
    discipline: 'counselling',
  },
  {
    key: 'ta',
    name: '1:1 teaching assistant support',
    area: 'cognition_learning',
    wave: 'specific',
    groupSize: 1,
    sessionsPerWeek: 10,
    minutesPerSession: 60,
    staffRole: 'teaching_assistant',
    measureName: null,
    measure: null,
    description: 'A teaching assistant alongside the pupil in core lessons.',
    discipline: null,
  },
];

/** What an hour of each role costs the demo school, in pence (pay with on-costs; illustrative, not a pay scale). */
export const DEMO_RATES: Readonly<Record<DeliveryRole, number>> = {
  teaching_assistant: 1_850,
  higher_level_teaching_assistant: 2_250,
  teacher: 4_500,
  senco: 5_200,
  learning_mentor: 2_000,
  speech_language_therapist: 5_500,
  occupational_therapist: 5_500,
  educational_psychologist: 9_000,
  counsellor: 4_000,
  external_specialist: 6_500,
};

const AREA_OF: Readonly<Record<NeedCode, NeedArea | null>> = {
  SLCN: 'communication_interaction',
  ASD: 'communication_interaction',
  SPLD: 'cognition_learning',
  MLD: 'cognition_learning',
  SLD: 'cognition_learning',
  PMLD: 'cognition_learning',
  SEMH: 'semh',
  HI: 'sensory_physical',
  VI: 'sensory_physical',
  MSI: 'sensory_physical',
  PD: 'sensory_physical',
  OTH: null,
  NSA: null,
};
const TARGETED: Readonly<Record<NeedArea, readonly string[]>> = {
  communication_interaction: ['lego', 'language'],
  cognition_learning: ['precision', 'reading', 'maths'],
  semh: ['social', 'zones'],
  sensory_physical: ['motor'],
};
const SPECIFIC: Readonly<Record<NeedArea, string>> = {
  communication_interaction: 'slt',
  cognition_learning: 'ta',
  semh: 'counselling',
  sensory_physical: 'ot',
};

export interface DemoProvisionPupil {
  readonly id: string;
  readonly status: 'E' | 'K';
  readonly needs: readonly NeedCode[];
  /** The therapy disciplines of their pupil plan's interventions, with the plan's start: they get that specific provision from then. */
  readonly therapy: readonly { readonly discipline: string; readonly from: string }[];
}

export interface DemoProvisionPlacement {
  readonly id: string;
  readonly provisionKey: string;
  readonly pupilId: string;
  readonly startDate: string;
  readonly endDate: string | null;
  readonly entryValue: number | null;
  readonly exitValue: number | null;
}

/**
 * Places on the catalogue for the pupils given (current pupils on the register), in the year starting September `S`:
 * from the first day of term (or of last year's, for a fifth of them; or a later Monday), some ended at Christmas.
 */
export function generateProvisionPlacements(rng: Rng, pupils: readonly DemoProvisionPupil[], S: number): DemoProvisionPlacement[] {
  const byKey = new Map(DEMO_CATALOGUE.map((p) => [p.key, p]));
  const out: DemoProvisionPlacement[] = [];
  const yearStart = `${S}-09-07`;
  const christmas = `${S}-12-18`;
  for (const p of pupils) {
    const area =
      (p.needs[0] && AREA_OF[p.needs[0]]) ??
      rng.pick(['communication_interaction', 'cognition_learning', 'semh', 'sensory_physical'] as const);
    const keys = new Set<string>([rng.pick(TARGETED[area])]);
    if (rng.chance(0.3)) keys.add(rng.pick(TARGETED[area]));
    const second = p.needs[1] ? AREA_OF[p.needs[1]] : null;
    if (second && rng.chance(0.4)) keys.add(rng.pick(TARGETED[second]));
    if (p.status === 'E') {
      keys.add(SPECIFIC[area]);
      if (area !== 'cognition_learning' && rng.chance(0.2)) keys.add('ta');
    }
    if (rng.chance(0.15)) keys.add(rng.pick(['visual', 'lunch']));
    // The specific provision their pupil plan's therapy is, from the plan's start (so its GAS reviews fall inside it).
    const from = new Map<string, string>();
    for (const x of p.therapy) {
      const prov = DEMO_CATALOGUE.find((c) => c.discipline === x.discipline);
      if (prov) from.set(prov.key, [from.get(prov.key) ?? x.from, x.from].sort()[0]!);
    }
    for (const [key, start] of from) {
      keys.delete(key);
      out.push({
        id: rng.uuid(),
        provisionKey: key,
        pupilId: p.id,
        startDate: start < `${S - 1}-01-04` ? `${S - 1}-01-04` : start,
        endDate: null,
        entryValue: null,
        exitValue: null,
      });
    }
    for (const key of keys) {
      const prov = byKey.get(key)!;
      const kind = rng.next();
      // A fifth began last year; a fifth joined after a few weeks; a sixth of the targeted ones ended at Christmas.
      const startDate =
        kind < 0.2
          ? `${S - 1}-${rng.pick(['01-11', '02-22', '04-19'])}`
          : kind < 0.4
            ? addDaysIso(yearStart, 7 * rng.int(2, 8))
            : yearStart;
      const endDate = prov.wave === 'targeted' && rng.chance(0.17) ? christmas : null;
      const [low, high, gain] = prov.measure ?? [0, 0, 0];
      const entryValue = prov.measure ? rng.int(low, high) : null;
      const exitValue = prov.measure && endDate ? entryValue! + Math.round(gain * (0.2 + rng.next())) : null;
      out.push({ id: rng.uuid(), provisionKey: key, pupilId: p.id, startDate, endDate, entryValue, exitValue });
    }
  }
  return out;
}
