/**
 * Demo pupil passports (issue 18, item 3): about half of the current pupils on the SEN register (EHC plan or SEN
 * support) have one, written by the SENCo, some in a second version. What helps and what does not follow the pupil's
 * primary need; the strategies are their individual plan's classroom strategies where they have one (source 'ipp'),
 * else typed by staff. Synthetic text only; no photos (a demo has no faces to show). Deterministic: its own random
 * stream, so adding passports changes no other demo record's ids.
 */
import type { EntityManager } from 'typeorm';
import type { PassportStrategy } from '../../../shared/contract';
import type { NeedCode } from '../../../shared/domain';
import type { DemoData } from './generate';
import { createRng } from './prng';
import { PupilPassportEntity, PupilPassportVersionEntity } from '../db/entities';

export interface DemoPassportVersion {
  readonly id: string;
  readonly number: number;
  readonly aboutMe: string;
  readonly goodAt: string;
  readonly findHard: string;
  readonly helpsMe: string;
  readonly doesNotHelp: string;
  readonly strategies: readonly PassportStrategy[];
  readonly pupilWords: string;
  readonly writtenWith: string;
}

export interface DemoPassport {
  readonly id: string;
  readonly pupilId: string;
  readonly versions: readonly DemoPassportVersion[];
}

const LIKES = [
  'trains',
  'drawing dragons',
  'football at break',
  'Lego',
  'animals, especially dogs',
  'music and singing',
  'swimming',
  'cooking with my nan',
  'space and planets',
  'dinosaurs',
];
const GOOD_AT = [
  'Building things',
  'Remembering facts',
  'Helping younger children',
  'Drawing',
  'Maths puzzles',
  'Running',
  'Being kind to my friends',
  'Computers',
  'Telling jokes',
];

/** By the primary need: what is hard, what helps, what does not, and staff strategies for a pupil without a plan's. */
const BY_NEED: Partial<Record<NeedCode, { hard: string; helps: string; not: string; strategies: readonly string[]; words: string }>> = {
  SLCN: {
    hard: 'Following long spoken instructions; finding the right words quickly.',
    helps: 'One instruction at a time, with a picture. Time to think before I answer.',
    not: 'Lots of talking at once. Being asked to answer straight away.',
    strategies: [
      'Give one instruction at a time, with a visual',
      'Allow ten seconds of thinking time',
      'Check understanding by asking me to say it back',
    ],
    words: 'I know the answer, I just need a bit more time to say it.',
  },
  ASD: {
    hard: 'Changes I did not know about; noisy rooms; busy corridors.',
    helps: 'A visual timetable. Being told before something changes. A quiet place to go.',
    not: 'Surprises. Being touched without warning. Loud bells.',
    strategies: [
      'Warn me before a change to the day',
      'Keep my visual timetable up to date',
      'Let me leave a few minutes early to avoid busy corridors',
    ],
    words: 'I like it when I know what is happening next.',
  },
  SEMH: {
    hard: 'Staying calm when I feel things are unfair; starting work when I feel worried.',
    helps: 'A calm, quiet word. A job to do. Knowing who I can go to.',
    not: 'Being told off in front of everyone. Shouting.',
    strategies: ['Speak to me privately, calmly', 'Give me a job when I arrive', 'Use my time-out card without questions'],
    words: 'When I am cross I need a minute, then I can talk about it.',
  },
  SPLD: {
    hard: 'Reading long texts; copying from the board; spelling.',
    helps: 'Coloured overlays. Printed notes. Extra time.',
    not: 'Reading aloud without warning. Copying from the board.',
    strategies: [
      'Give printed copies instead of copying from the board',
      'Do not ask me to read aloud without warning',
      'Allow extra time for written work',
    ],
    words: 'I have lots of good ideas, writing them down is the hard bit.',
  },
  MLD: {
    hard: 'Remembering several steps; new words.',
    helps: 'Things broken into small steps. Practical objects I can use.',
    not: 'Too much on one page.',
    strategies: ['Break tasks into small steps with a checklist', 'Pre-teach new words before the lesson', 'Use objects and pictures'],
    words: 'I like it when I can see how to do it first.',
  },
};
const DEFAULT_NEED = BY_NEED.MLD!;

export function generatePassports(data: DemoData): DemoPassport[] {
  const rng = createRng(`senco-desk-demo-passports:${data.school.urn}:${data.academicYear}`);
  const ippByPupil = new Map(data.therapy.ipps.map((i) => [i.pupilId, i]));
  const out: DemoPassport[] = [];
  const onRegister = data.pupils.filter((p) => p.dateLeft === null && p.senHistory[p.senHistory.length - 1]!.status !== 'N');
  onRegister.forEach((p, i) => {
    if (i % 2 === 1) return;
    const first = p.preferredFirstName ?? p.legalFirstName;
    const need = BY_NEED[p.needs[0] as NeedCode] ?? DEFAULT_NEED;
    const ipp = ippByPupil.get(p.id);
    const planStrategies = ipp
      ? ipp.versions[ipp.versions.length - 1]!.interventions.flatMap((n) =>
          (n.classroomStrategies ?? '')
            .split(/\r?\n|;/)
            .map((s) => s.trim())
            .filter(Boolean),
        )
      : [];
    const strategies: PassportStrategy[] = [...new Set(planStrategies)].slice(0, 4).map((text) => ({ text, source: 'ipp' as const }));
    for (const text of need.strategies)
      if (strategies.length < 6 && !strategies.some((s) => s.text.toLowerCase() === text.toLowerCase()))
        strategies.push({ text, source: 'staff' });
    const contact = p.contacts[0]?.name.split(' ')[0];
    const v1: DemoPassportVersion = {
      id: rng.uuid(),
      number: 1,
      aboutMe: `My name is ${first}. I like ${rng.pick(LIKES)} and ${rng.pick(LIKES)}.`,
      goodAt: `${rng.pick(GOOD_AT)}. ${rng.pick(GOOD_AT)}.`,
      findHard: need.hard,
      helpsMe: need.helps,
      doesNotHelp: need.not,
      strategies,
      pupilWords: need.words,
      writtenWith: contact ? `${first} and ${contact}` : first,
    };
    const versions = [v1];
    // Some were looked at again with the pupil this year: a second version with one more thing that helps.
    if (rng.int(0, 2) === 0) versions.push({ ...v1, id: rng.uuid(), number: 2, helpsMe: `${need.helps} Sitting near the front.` });
    out.push({ id: rng.uuid(), pupilId: p.id, versions });
  });
  return out;
}

/** Writes the demo's passports and their versions (the last version current), a few hundred rows at a time. */
export async function insertPassports(
  em: EntityManager,
  passports: readonly DemoPassport[],
  o: { readonly at: string; readonly createdBy: string },
): Promise<void> {
  const heads = passports.map((p) => ({
    id: p.id,
    pupilId: p.pupilId,
    currentVersion: p.versions.length,
    createdAt: o.at,
    updatedAt: o.at,
  }));
  const versions = passports.flatMap((p) =>
    p.versions.map((v) => ({
      id: v.id,
      passportId: p.id,
      number: v.number,
      aboutMe: v.aboutMe,
      goodAt: v.goodAt,
      findHard: v.findHard,
      helpsMe: v.helpsMe,
      doesNotHelp: v.doesNotHelp,
      strategiesJson: JSON.stringify(v.strategies),
      pupilWords: v.pupilWords,
      writtenWith: v.writtenWith,
      photoBase64: null,
      photoType: null,
      photoAlt: null,
      createdBy: o.createdBy,
      createdAt: o.at,
    })),
  );
  for (let i = 0; i < heads.length; i += 400)
    await em
      .createQueryBuilder()
      .insert()
      .into(PupilPassportEntity)
      .values(heads.slice(i, i + 400))
      .updateEntity(false)
      .execute();
  for (let i = 0; i < versions.length; i += 200)
    await em
      .createQueryBuilder()
      .insert()
      .into(PupilPassportVersionEntity)
      .values(versions.slice(i, i + 200))
      .updateEntity(false)
      .execute();
}
