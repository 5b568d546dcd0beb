/**
 * Who made a transferred package (issue 14, item 7): this installation's signing key, made once (at setup, or on
 * first use for a database from before it), and the senders the SENCo trusts. A sender is trusted by its key, after
 * the SENCo has phoned the school on a number they already knew and heard the same fingerprint read out; the list
 * is kept in the database and every change to it is audited.
 */
import { randomUUID } from 'node:crypto';
import type { SigningIdentity, TrustedSender } from '../../../shared/contract';
import { t } from '../../../shared/i18n';
import { AppFailure } from '../../../shared/result';
import { actorLabel, nowIso, type ServiceFn } from '../context';
import { TrustedSenderEntity } from '../db/entities';
import { fingerprintOf, isPublicKey } from '../exports/signing';
import { installationKey } from './installation-key';
import { requireSchool } from './setup';

function senderView(r: TrustedSenderEntity): TrustedSender {
  return {
    id: r.id,
    school: r.school,
    urn: r.urn,
    publicKey: r.publicKey,
    fingerprint: r.fingerprint,
    note: r.note,
    trustedBy: r.trustedBy,
    trustedAt: r.trustedAt,
  };
}

/** "3f2a91c0..." or "3F2A 91C0 ..." alike: only the hex digits, in capitals. */
const normalFingerprint = (s: string) => s.replace(/[^0-9a-f]/gi, '').toUpperCase();

export const transfersIdentity: ServiceFn<'transfers.identity'> = async (ctx) => {
  const school = await requireSchool(ctx.em, ctx.tenancy?.schoolId);
  const key = await installationKey(ctx.em, nowIso(ctx));
  return {
    school: school.name,
    urn: school.urn,
    algorithm: key.algorithm,
    publicKey: key.publicKey,
    fingerprint: key.fingerprint,
    createdAt: key.createdAt,
  } satisfies SigningIdentity;
};

export const transfersSendersList: ServiceFn<'transfers.senders.list'> = async (ctx) => {
  const rows = await ctx.em.getRepository(TrustedSenderEntity).find();
  return rows.sort((a, b) => a.school.localeCompare(b.school, 'en-GB') || a.trustedAt.localeCompare(b.trustedAt)).map(senderView);
};

export const transfersSendersTrust: ServiceFn<'transfers.senders.trust'> = async (ctx, input) => {
  if (!isPublicKey(input.publicKey)) {
    const message = t('validation.signingKey');
    throw new AppFailure('invalid_input', message, { publicKey: message });
  }
  const fingerprint = fingerprintOf(input.publicKey);
  // The fingerprint the person checked must be this key's: a screen showing one key and sending another is refused.
  if (normalFingerprint(input.fingerprint) !== normalFingerprint(fingerprint)) {
    const message = t('errors.trustFingerprintMismatch');
    throw new AppFailure('invalid_input', message, { fingerprint: message });
  }
  const own = await installationKey(ctx.em, nowIso(ctx));
  if (own.publicKey === input.publicKey) {
    const message = t('errors.trustOwnKey');
    throw new AppFailure('invalid_input', message, { publicKey: message });
  }
  const repo = ctx.em.getRepository(TrustedSenderEntity);
  const existing = await repo.findOne({ where: { publicKey: input.publicKey } });
  const row: TrustedSenderEntity = {
    id: existing?.id ?? randomUUID(),
    publicKey: input.publicKey,
    fingerprint,
    school: input.school,
    urn: input.urn,
    note: input.note,
    trustedBy: actorLabel(ctx.actor),
    trustedByUserId: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
    trustedAt: nowIso(ctx),
  };
  if (existing) await repo.update(existing.id, row);
  else await repo.insert(row);
  ctx.auditDetail({ school: row.school, urn: row.urn, fingerprint, again: existing !== null });
  return senderView(row);
};

export const transfersSendersRemove: ServiceFn<'transfers.senders.remove'> = async (ctx, input) => {
  const repo = ctx.em.getRepository(TrustedSenderEntity);
  const row = await repo.findOne({ where: { id: input.id } });
  if (!row) throw new AppFailure('not_found', t('errors.trustedSenderNotFound'));
  await repo.delete(row.id);
  ctx.auditDetail({ school: row.school, urn: row.urn, fingerprint: row.fingerprint });
  return { removed: true };
};
