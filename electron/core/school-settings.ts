/**
 * Each school's own settings (migration 0017): term dates and closures, clock rules, therapy disciplines. On a trust's
 * server two schools have different ones, so every read and write of them names a school:
 *   - Settings (terms, closures, clock rules, disciplines) read and change the CALLER's school: `owningSchool(ctx)`
 *     in electron/core/scope.ts (the signed-in user's school; for the CLI's system actor, the server's first school,
 *     a standalone desk's only one);
 *   - what is worked out for a pupil (statutory clocks, school weeks, a placement's terms, a referral's discipline)
 *     uses THE PUPIL's school's, which is the one they are on roll at: `pupilSchoolId` below;
 *   - a session's calendar checks use the school whose timetable the session is in.
 */
import type { EntityManager } from 'typeorm';
import { t } from '../../shared/i18n';
import { AppFailure } from '../../shared/result';
import { placeholder } from './db/raw';

/** The school the pupil is on roll at, or null for an unknown pupil. */
export async function pupilSchool(em: EntityManager, pupilId: string): Promise<string | null> {
  const [row] = (await em.query(`SELECT school_id FROM pupil WHERE id = ${placeholder(em)(1)}`, [pupilId])) as { school_id: string }[];
  return row?.school_id ?? null;
}

/** The school the pupil is on roll at (refused as not found for an unknown pupil). */
export async function pupilSchoolId(em: EntityManager, pupilId: string): Promise<string> {
  const id = await pupilSchool(em, pupilId);
  if (!id) throw new AppFailure('not_found', t('errors.notFound', { thing: t('things.pupil') }));
  return id;
}
