/**
 * Drafts (issue 17, item 3: work is never lost). What a user has typed into a form or dialog and not yet saved is
 * kept in the store, one draft per user and form, until the record is saved or the draft discarded: the renderer
 * saves it a moment after typing stops, when a field loses focus, before leaving a page and before the screen locks
 * (renderer/src/lib/use-draft.ts), and restores it when the form opens again. Never kept in the browser's storage.
 *
 * Only the author reads a draft back. A draft names the pupil its form is about (`pupilId`): the core refuses a
 * pupil outside the caller's scope, so a draft about a pupil is read only while its author may still see them.
 */
import { z } from 'zod';
import { id } from '../validation';
import { t } from '../i18n';
import { op } from './define';

/** The largest draft kept (characters of JSON): a whole EHC plan's text fits with room to spare. */
export const DRAFT_MAX_CHARS = 1_000_000;

/**
 * A form and the record it edits: the form's name (letters and dots), a colon, then the record's ids or `new`
 * (letters, digits, '-', '_' and ':'), e.g. `ehcp.plan:3f0c...` or `sessions.schedule:new`.
 */
export const DRAFT_KEY = /^[a-z][a-zA-Z.]{1,59}:[A-Za-z0-9_:-]{1,139}$/;

const draftKey = z
  .string()
  .max(200)
  .regex(DRAFT_KEY, { error: () => t('drafts.badKey') });

const draftRef = { key: draftKey, pupilId: id.nullable() };

export const draftSaveInput = z
  .object({
    ...draftRef,
    /** The form's values as JSON. */
    payload: z.string().min(2).max(DRAFT_MAX_CHARS),
  })
  .strict();

/** The most forms one drafts.list asks about (a page of session cards is far fewer). */
export const DRAFT_LIST_MAX = 200;

export interface Draft {
  readonly key: string;
  readonly pupilId: string | null;
  /** The form's values as JSON, as saved. */
  readonly payload: string;
  /** When it was last saved (ISO 8601). */
  readonly updatedAt: string;
}

export const draftOps = {
  /** The caller's own draft of a form, or null: only while they may see the pupil it is about (audited: pupil data). */
  'drafts.get': op<Draft | null>()({ input: z.object(draftRef).strict(), access: 'signed_in', kind: 'read', audit: true }),
  /**
   * The caller's own drafts of the forms named, in the order named (one look-up for a page of forms, e.g. the sessions page's cards): only
   * drafts about no pupil or about a pupil the caller may see now; the others are left out, as if there were none
   * (audited as a read of pupil data, counting the drafts and naming the pupil when there is one).
   */
  'drafts.list': op<readonly Draft[]>()({
    input: z.object({ keys: z.array(draftKey).min(1).max(DRAFT_LIST_MAX) }).strict(),
    access: 'signed_in',
    kind: 'read',
    audit: true,
  }),
  /** Keeps (or replaces) the caller's draft of a form. */
  'drafts.save': op<{ readonly updatedAt: string }>()({ input: draftSaveInput, access: 'signed_in', kind: 'write', audit: true }),
  /** Discards the caller's draft of a form (saved or discarded by the user); nothing to discard is not an error. */
  'drafts.discard': op<{ readonly discarded: boolean }>()({
    input: z.object(draftRef).strict(),
    access: 'signed_in',
    kind: 'write',
    audit: true,
  }),
} as const;
