/**
 * Pupil passports (issue 18, item 3): a one-page profile written with the pupil, for every adult who teaches them:
 * about me, what I am good at, what I find hard, what helps me, what does not, the strategies staff should use (drawn
 * from the pupil's EHC plan and individual plans, and editable), the pupil's own words and an optional photo. Each
 * save is a new version; earlier ones stay readable. Teachers read the passports of the pupils in their classes (the
 * dispatcher keeps them to their classes: electron/core/scope.ts); the SENCo and the therapy team write them. A
 * passport holds no cost and no clinical note: it is what a class teacher needs, and nothing more.
 */
import { z } from 'zod';
import { op } from './define';
import { base64Length } from './limits';
import { id, optionalText, text } from '../validation';
import type { YearGroup } from '../domain';

/** Where a strategy came from: a Section F provision of the EHC plan, a pupil plan's classroom strategies, or typed by staff. */
export const STRATEGY_SOURCES = ['ehcp', 'ipp', 'staff'] as const;
export type StrategySource = (typeof STRATEGY_SOURCES)[number];

/** The passport's sections of free text, in the order they print. */
export const PASSPORT_SECTIONS = ['aboutMe', 'goodAt', 'findHard', 'helpsMe', 'doesNotHelp'] as const;
export type PassportSection = (typeof PASSPORT_SECTIONS)[number];

/** A photo: PNG or JPEG, at most this many bytes (a face at a size a printed page shows, well under a phone photo). */
export const PASSPORT_PHOTO_MAX_BYTES = 400 * 1024;
export const PASSPORT_PHOTO_TYPES = ['image/png', 'image/jpeg'] as const;
export type PassportPhotoType = (typeof PASSPORT_PHOTO_TYPES)[number];
export const PASSPORT_LIMITS = { section: 2000, words: 2000, strategies: 30, strategy: 500, alt: 200, writtenWith: 200 } as const;

const strategy = z.object({ text: text(PASSPORT_LIMITS.strategy), source: z.enum(STRATEGY_SOURCES) }).strict();

/**
 * The photo of a new version: the current one kept (with its description, which may change), a new one, or none.
 * A photo needs a description (its alternative text), read by a screen reader and printed under it if it cannot be.
 */
const photo = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }).strict(),
  z.object({ kind: z.literal('keep'), alt: text(PASSPORT_LIMITS.alt) }).strict(),
  z
    .object({
      kind: z.literal('new'),
      // The base64 of the image's bytes, the service checks what they are (electron/core/services/passport-photo.ts).
      base64: z
        .string()
        .min(8)
        .max(base64Length(PASSPORT_PHOTO_MAX_BYTES) + 4),
      alt: text(PASSPORT_LIMITS.alt),
    })
    .strict(),
]);

export const passportInput = z
  .object({
    pupilId: id,
    /** The version the editor started from (null for the first): refused if another was saved since. */
    baseVersion: z.number().int().min(1).max(10_000).nullable(),
    aboutMe: optionalText(PASSPORT_LIMITS.section),
    goodAt: optionalText(PASSPORT_LIMITS.section),
    findHard: optionalText(PASSPORT_LIMITS.section),
    helpsMe: optionalText(PASSPORT_LIMITS.section),
    doesNotHelp: optionalText(PASSPORT_LIMITS.section),
    strategies: z.array(strategy).max(PASSPORT_LIMITS.strategies),
    pupilWords: optionalText(PASSPORT_LIMITS.words),
    writtenWith: optionalText(PASSPORT_LIMITS.writtenWith),
    photo,
  })
  .strict();
export type PassportInput = z.input<typeof passportInput>;

export interface PassportStrategy {
  readonly text: string;
  readonly source: StrategySource;
}

export interface PassportVersionSummary {
  readonly number: number;
  readonly createdAt: string;
  readonly createdBy: string;
}

export interface PassportVersion extends PassportVersionSummary {
  readonly aboutMe: string | null;
  readonly goodAt: string | null;
  readonly findHard: string | null;
  readonly helpsMe: string | null;
  readonly doesNotHelp: string | null;
  readonly strategies: readonly PassportStrategy[];
  readonly pupilWords: string | null;
  readonly writtenWith: string | null;
  /** The photo as a data URL's parts, or null. */
  readonly photo: { readonly type: PassportPhotoType; readonly base64: string; readonly alt: string } | null;
}

export interface PassportView {
  readonly pupilId: string;
  readonly pupilName: string;
  readonly yearGroup: YearGroup;
  readonly className: string | null;
  /** The version in use, or null when the pupil has no passport yet. */
  readonly current: PassportVersion | null;
  /** Every version, oldest first. */
  readonly versions: readonly PassportVersionSummary[];
}

/** A strategy suggested from the pupil's plans, with where it came from in words (the plan and its section). */
export interface SuggestedStrategy extends PassportStrategy {
  readonly from: string;
}

/** A passport on a class list (the teacher's dashboard): the pupil and when it was last changed. */
export interface PassportListRow {
  readonly pupilId: string;
  readonly pupilName: string;
  readonly yearGroup: YearGroup;
  readonly className: string | null;
  readonly version: number;
  readonly updatedAt: string;
  readonly updatedBy: string;
  /** What helps (the start of it), for the card. */
  readonly helpsMe: string | null;
  readonly strategies: number;
}

export interface PassportList {
  readonly rows: readonly PassportListRow[];
  /** Pupils the reader may see (their classes, for a teacher) still without a passport. */
  readonly withoutPassport: number;
}

/** Who writes passports: the SENCo and the therapy team (a therapist their own caseload). */
export const PASSPORT_WRITERS = ['senco', 'therapy_lead', 'therapist'] as const;
/** Who reads them: those, the headteacher, and teachers and teaching assistants (the pupils in their classes). */
export const PASSPORT_READERS = [...PASSPORT_WRITERS, 'headteacher', 'teacher'] as const;

export const passportOps = {
  'passports.get': op<PassportView>()({ input: z.object({ pupilId: id }).strict(), access: PASSPORT_READERS, kind: 'read', audit: true }),
  'passports.getVersion': op<PassportVersion>()({
    input: z.object({ pupilId: id, number: z.number().int().min(1).max(10_000) }).strict(),
    access: PASSPORT_READERS,
    kind: 'read',
    audit: true,
  }),
  'passports.save': op<PassportView>()({ input: passportInput, access: PASSPORT_WRITERS, kind: 'write', audit: true }),
  'passports.suggestStrategies': op<readonly SuggestedStrategy[]>()({
    input: z.object({ pupilId: id }).strict(),
    access: PASSPORT_WRITERS,
    kind: 'read',
    audit: true,
  }),
  /** The passports of the pupils the reader may see (a teacher: their classes), for the dashboard. */
  'passports.list': op<PassportList>()({
    input: z.object({ className: optionalText(40) }).strict(),
    access: PASSPORT_READERS,
    kind: 'read',
    audit: true,
  }),
  /** The passport printed on one A4 page: the staff copy, or the plain-language copy for the pupil and their parents. */
  'passports.pdf': op<{ readonly filename: string; readonly pdfBase64: string; readonly pages: number }>()({
    input: z.object({ pupilId: id, plain: z.boolean().optional(), version: z.number().int().min(1).max(10_000).optional() }).strict(),
    access: PASSPORT_READERS,
    kind: 'read',
    audit: true,
  }),
} as const;
