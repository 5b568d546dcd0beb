/**
 * This installation's signing key (issue 14, item 7): made at setup, or on first use for a database from before
 * migration 0010. The private key never leaves the database (exports/signing.ts says what it signs).
 */
import type { EntityManager } from 'typeorm';
import { t } from '../../../shared/i18n';
import { AppFailure } from '../../../shared/result';
import { nowIso, type ServiceContext } from '../context';
import { InstallationKeyEntity } from '../db/entities';
import { fingerprintOf, generateSigningKey, publicKeyOf, SIGNING_ALGORITHM, type PackageSigner } from '../exports/signing';

const KEY_ID = 'installation';

/**
 * This installation's key pair, made now if there is none. Two first uses at once (PostgreSQL) both try to insert;
 * the second insert does nothing and both read the one that won.
 */
export async function installationKey(em: EntityManager, at: string): Promise<InstallationKeyEntity> {
  const repo = em.getRepository(InstallationKeyEntity);
  const found = await repo.findOne({ where: { id: KEY_ID } });
  if (found) return found;
  const { publicKey, privateKey } = generateSigningKey();
  await repo
    .createQueryBuilder()
    .insert()
    .values({ id: KEY_ID, algorithm: SIGNING_ALGORITHM, publicKey, privateKey, fingerprint: fingerprintOf(publicKey), createdAt: at })
    .orIgnore()
    .execute();
  return repo.findOneOrFail({ where: { id: KEY_ID } });
}

/** The key to sign a package with; refuses a stored pair whose halves do not belong together (an edited database). */
export async function packageSigner(ctx: ServiceContext): Promise<PackageSigner> {
  const key = await installationKey(ctx.em, nowIso(ctx));
  let matches = false;
  try {
    matches = key.algorithm === SIGNING_ALGORITHM && publicKeyOf(key.privateKey) === key.publicKey;
  } catch {
    matches = false;
  }
  if (!matches) throw new AppFailure('internal', t('errors.signingKeyBroken'));
  return { publicKey: key.publicKey, privateKey: key.privateKey };
}
