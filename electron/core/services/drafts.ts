/**
 * Drafts (issue 17, item 3; shared/contract/drafts.ts): a user's unsaved typing in a form or dialog, kept in the store
 * until the record is saved or the draft discarded.
 *
 * Whose: a draft is its author's alone. Every operation works on the caller's own row (user_id = the caller), so no
 * one reads, replaces or discards anyone else's. A draft names the pupil its form is about: the dispatcher refuses a
 * `pupilId` outside the caller's scope before the service runs, and a draft is found only under the pupil it was
 * saved with, so a draft about a pupil who has left the caller's caseload or classes (or school) cannot be read.
 *
 * Audited: saving and discarding are writes, and every write is in the audit trail (the dispatcher), naming the
 * pupil and the form (never the text). That is kept on purpose rather than made lighter: a draft holds pupil data,
 * and UK GDPR accountability asks that every change to it be attributable. The renderer keeps the trail readable by
 * saving only a few seconds after typing stops, when a field loses focus, or before the page, dialog or window
 * closes or the screen locks, and only when the values changed since the last save (renderer/src/lib/use-draft.ts).
 * Reading a draft back is audited as a read of pupil data.
 */
import { randomUUID } from 'node:crypto';
import { AppFailure } from '../../../shared/result';
import { t } from '../../../shared/i18n';
import type { Draft } from '../../../shared/contract';
import type { ServiceContext, ServiceFn } from '../context';
import { DraftEntity } from '../db/entities';
import { In } from 'typeorm';
import { inScope, owningSchool } from '../scope';

/** The caller's user id: drafts are people's own, so the admin CLI's system actor has none. */
function author(ctx: ServiceContext): string {
  if (ctx.actor.kind !== 'user') throw new AppFailure('forbidden', t('drafts.usersOnly'));
  return ctx.actor.userId;
}

/** The form's name (before the colon) for the audit event: never the record's ids or the text. */
const formOf = (key: string) => key.slice(0, key.indexOf(':'));

async function own(ctx: ServiceContext, key: string, pupilId: string | null): Promise<DraftEntity | null> {
  const row = await ctx.em.getRepository(DraftEntity).findOne({ where: { userId: author(ctx), key } });
  // A draft saved about another pupil (or none) is not this form's: not found, and never shown.
  if (!row || row.pupilId !== pupilId) return null;
  return row;
}

export const draftsGet: ServiceFn<'drafts.get'> = async (ctx, input) => {
  if (input.pupilId) ctx.touchPupil(input.pupilId);
  ctx.auditDetail({ form: formOf(input.key) });
  const row = await own(ctx, input.key, input.pupilId);
  if (!row) return null;
  return { key: row.key, pupilId: row.pupilId, payload: row.payload, updatedAt: row.updatedAt } satisfies Draft;
};

export const draftsList: ServiceFn<'drafts.list'> = async (ctx, input) => {
  const userId = author(ctx);
  const keys = [...new Set(input.keys)];
  // In the order the keys were asked (a key is unique per user), whatever the ids in them.
  const asked = new Map(keys.map((k, i) => [k, i]));
  const rows = (await ctx.em.getRepository(DraftEntity).find({ where: { userId, key: In(keys) } })).sort(
    (a, b) => asked.get(a.key)! - asked.get(b.key)!,
  );
  // A draft about a pupil the caller may no longer see is left out (drafts.get refuses it): it is still theirs, kept
  // for when they may see the pupil again, but not shown now.
  const shown = rows.filter((r) => r.pupilId === null || inScope(ctx.scope, r.pupilId));
  for (const r of shown) if (r.pupilId) ctx.touchPupil(r.pupilId);
  ctx.auditDetail({ forms: [...new Set(keys.map(formOf))].sort().join(','), drafts: shown.length });
  return shown.map((r) => ({ key: r.key, pupilId: r.pupilId, payload: r.payload, updatedAt: r.updatedAt }) satisfies Draft);
};

export const draftsSave: ServiceFn<'drafts.save'> = async (ctx, input) => {
  const userId = author(ctx);
  try {
    JSON.parse(input.payload);
  } catch {
    throw new AppFailure('invalid_input', t('drafts.badPayload'), { payload: t('drafts.badPayload') });
  }
  if (input.pupilId) {
    ctx.touchPupil(input.pupilId);
    const [pupil] = (await ctx.em.query(`SELECT id FROM pupil WHERE id = ${ctx.driver === 'postgres' ? '$1' : '?'}`, [
      input.pupilId,
    ])) as unknown[];
    if (!pupil) throw new AppFailure('not_found', t('errors.notFound', { thing: t('things.pupil') }));
  }
  ctx.auditDetail({ form: formOf(input.key) });
  const repo = ctx.em.getRepository(DraftEntity);
  const at = ctx.now.toISOString();
  const row = await repo.findOne({ where: { userId, key: input.key } });
  if (row) {
    await repo.update({ id: row.id }, { pupilId: input.pupilId, payload: input.payload, updatedAt: at });
  } else {
    await repo.insert({
      id: randomUUID(),
      schoolId: await owningSchool(ctx),
      userId,
      key: input.key,
      pupilId: input.pupilId,
      payload: input.payload,
      updatedAt: at,
    });
  }
  return { updatedAt: at };
};

export const draftsDiscard: ServiceFn<'drafts.discard'> = async (ctx, input) => {
  if (input.pupilId) ctx.touchPupil(input.pupilId);
  ctx.auditDetail({ form: formOf(input.key) });
  const row = await own(ctx, input.key, input.pupilId);
  if (!row) return { discarded: false };
  await ctx.em.getRepository(DraftEntity).delete({ id: row.id });
  return { discarded: true };
};
