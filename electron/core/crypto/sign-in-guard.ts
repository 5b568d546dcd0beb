/**
 * The sign-in lockout while an encrypted database is still locked. Until the first sign-in after start-up, a password
 * is checked against the key file (keyring.ts), not the users table, because the database cannot be read without
 * the key. The same lockout applies there (electron/core/lockout.ts: 5 wrong passwords, 15 minutes, per username, the
 * same answer for every failure), and it must survive a restart, so it is kept in a small file beside the keyring:
 * `senco-desk.sign-ins.json`, written atomically and readable by the owner only.
 *
 * What it holds, and why that is all:
 *   accounts   per username, the count of wrong passwords and the time a lockout ends. Usernames are not stored:
 *              each is the keyring's keyed hash (HMAC-SHA256 with the keyring's lookup salt), the pseudonym the keyring
 *              already holds for every user with a copy of the key, so this file tells no one anything new.
 *   attempts   each failed attempt: when, which account (the same hash, or nothing for a username the keyring does
 *              not know: that text may be a password typed into the wrong box, so not even its hash is kept), and
 *              what happened. No password, and nothing derived from one.
 *
 * When the database is opened (whoever opens it), `importSignInRecord` writes each recorded attempt into the audit
 * trail as a refused sign-in naming the user, and merges the lockout into the users table's count; the database side
 * feeds its own counts back here (`recordSignInState`, from the sign-in service through the key vault), so a lockout
 * earned either way holds in both, across restarts.
 *
 * An attempt is counted before its password is checked, and uncounted only when it turns out right: a process killed
 * mid-check has still used up a try, and if the record cannot be written no password is checked at all.
 *
 * Deleting the file resets the lockout. Whoever can delete it can also copy the database and its key file and guess
 * at leisure, where no lockout reaches (the scrypt cost, 32 MiB and about 0.1 s per guess, is the defence there): the
 * lockout protects the sign-in screen, the browser edition and the command line, which is what it can protect. The
 * attempts already imported are in the audit trail, where deleting this file does not reach.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import type { DataSource } from 'typeorm';
import { appendAudit, auditEvent } from '../audit';
import { UserEntity } from '../db/entities';
import { afterWrongPassword, isLockedAt } from '../lockout';
import {
  KeyringError,
  MESSAGES,
  signInRecordPathFor,
  spendUnlockWork,
  unlockWithPassword,
  unlockWithRecoveryKey,
  keyringTempPath,
  usernameHash,
  type KeyringFile,
} from './keyring';
import { writeFileAtomic } from '../atomic-write';
import { inTransaction } from '../db/transaction';

const FORMAT = 'senco-desk-sign-ins';
const VERSION = 1;
/** Attempts kept for the audit trail; beyond this the oldest are only counted (a flood must not fill the disk). */
export const MAX_RECORDED_ATTEMPTS = 1000;

export type AttemptResult = 'wrong password' | 'locked' | 'unknown username' | 'wrong recovery key' | 'record unreadable';

export interface RecordedAttempt {
  readonly id: string;
  readonly at: string;
  /** The keyring's hash of the username; null when the keyring does not know it (or for a recovery key). */
  readonly account: string | null;
  readonly result: AttemptResult;
  /** When this attempt locked the account: until when. */
  readonly lockedUntil?: string;
}

export interface AccountState {
  readonly failures: number;
  readonly lockedUntil: string | null;
}

export interface SignInRecord {
  readonly format: typeof FORMAT;
  readonly version: number;
  /** The lookup salt the account hashes were made with (the keyring's). */
  readonly lookupSalt: string;
  readonly accounts: Readonly<Record<string, AccountState>>;
  readonly attempts: readonly RecordedAttempt[];
  /** Attempts beyond MAX_RECORDED_ATTEMPTS that were counted but not itemised. */
  readonly dropped: number;
}

export { signInRecordPathFor };

function fresh(lookupSalt: string): SignInRecord {
  return { format: FORMAT, version: VERSION, lookupSalt, accounts: {}, attempts: [], dropped: 0 };
}

function valid(r: unknown): r is SignInRecord {
  const x = r as Partial<SignInRecord> | null;
  return (
    !!x &&
    x.format === FORMAT &&
    typeof x.lookupSalt === 'string' &&
    !!x.accounts &&
    typeof x.accounts === 'object' &&
    Array.isArray(x.attempts)
  );
}

/** The record as it is on disk: null when there is none; `damaged` when it cannot be read (it is then started again). */
export function readSignInRecord(file: string): SignInRecord | 'damaged' | null {
  if (!existsSync(file)) return null;
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return valid(parsed) ? { ...parsed, dropped: Number(parsed.dropped) || 0 } : 'damaged';
  } catch {
    return 'damaged';
  }
}

function attempt(now: Date, account: string | null, result: AttemptResult, lockedUntil?: string | null): RecordedAttempt {
  return { id: randomUUID(), at: now.toISOString(), account, result, ...(lockedUntil ? { lockedUntil } : {}) };
}

function withAttempt(r: SignInRecord, a: RecordedAttempt): SignInRecord {
  const attempts = [...r.attempts, a];
  const over = Math.max(0, attempts.length - MAX_RECORDED_ATTEMPTS);
  return { ...r, attempts: attempts.slice(over), dropped: r.dropped + over };
}

/**
 * The record for this keyring: as on disk, or a new one. A record made with another lookup salt (the keyring was
 * replaced, as a restore from another installation's backup does) keeps its attempts, no longer attributed, and
 * starts its counts again; an unreadable one is started again with a note of that for the audit trail.
 */
function load(file: string, kr: Pick<KeyringFile, 'lookupSalt'>, now: Date): SignInRecord {
  const r = readSignInRecord(file);
  if (r === null) return fresh(kr.lookupSalt);
  if (r === 'damaged') return withAttempt(fresh(kr.lookupSalt), attempt(now, null, 'record unreadable'));
  if (r.lookupSalt !== kr.lookupSalt)
    return { ...fresh(kr.lookupSalt), attempts: r.attempts.map((a) => ({ ...a, account: null })), dropped: r.dropped };
  return r;
}

function save(file: string, r: SignInRecord): void {
  try {
    writeFileAtomic(file, JSON.stringify(r) + '\n', { tempPath: keyringTempPath(file) });
  } catch (err) {
    throw new KeyringError(
      'sign_in_record_unwritable',
      `SENCo Desk could not record this sign-in attempt in ${file} (${err instanceof Error ? err.message : String(err)}), so it did not check the password. Check that the data folder can be written to, or ask school IT.`,
    );
  }
}

function setAccount(r: SignInRecord, account: string, state: AccountState): SignInRecord {
  const accounts = { ...r.accounts };
  if (state.failures === 0 && !state.lockedUntil) delete accounts[account];
  else accounts[account] = state;
  return { ...r, accounts };
}

type Creds =
  | { readonly kind: 'password'; readonly username: string; readonly password: string }
  | { readonly kind: 'recovery'; readonly recoveryKey: string };

/**
 * The database key from the keyring, with the lockout applied and every failure recorded. Fails with the same
 * KeyringError (`wrong_password`, the one sign-in failure message) after the same scrypt work, whether the username is
 * unknown, the password wrong, or the account locked.
 */
export async function unlockGuarded(keyringFile: string, kr: KeyringFile, creds: Creds, now: Date = new Date()): Promise<Buffer> {
  const file = signInRecordPathFor(keyringFile);
  if (creds.kind === 'recovery') {
    // 160 random bits: guessing is hopeless, so no lockout; a wrong one is still recorded for the audit trail.
    try {
      return unlockWithRecoveryKey(kr, creds.recoveryKey);
    } catch (err) {
      save(file, withAttempt(load(file, kr, now), attempt(now, null, 'wrong recovery key')));
      throw err;
    }
  }
  const account = usernameHash(kr, creds.username);
  let record = load(file, kr, now);
  if (!kr.users.some((u) => u.usernameHash === account)) {
    save(file, withAttempt(record, attempt(now, null, 'unknown username')));
    await spendUnlockWork(creds.password);
    throw new KeyringError('wrong_password', MESSAGES.wrong_password);
  }
  const before = record.accounts[account] ?? { failures: 0, lockedUntil: null };
  if (isLockedAt(before.lockedUntil, now)) {
    save(file, withAttempt(record, attempt(now, account, 'locked')));
    await spendUnlockWork(creds.password);
    throw new KeyringError('wrong_password', MESSAGES.wrong_password);
  }
  // Counted before the password is checked (see the top of this file), uncounted if it is right.
  const next = afterWrongPassword(before.failures, now);
  const counted = attempt(now, account, 'wrong password', next.lockedUntil);
  save(file, withAttempt(setAccount(record, account, next), counted));
  const { key } = await unlockWithPassword(kr, creds.username, creds.password);
  // Right: the try did not count, and the count starts again (as a right password does in the users table).
  record = load(file, kr, now);
  save(
    file,
    setAccount({ ...record, attempts: record.attempts.filter((a) => a.id !== counted.id) }, account, { failures: 0, lockedUntil: null }),
  );
  return key;
}

/**
 * The users table's count for a username, mirrored here by the key vault whenever a sign-in (or a reset) changes it,
 * so a lockout earned once the database is open still holds after a restart, before it is opened again.
 */
export function recordSignInState(
  keyringFile: string,
  kr: Pick<KeyringFile, 'lookupSalt'>,
  username: string,
  state: AccountState,
  now: Date = new Date(),
): void {
  const file = signInRecordPathFor(keyringFile);
  const record = load(file, kr, now);
  const account = usernameHash(kr, username);
  const was = record.accounts[account];
  if ((was?.failures ?? 0) === state.failures && (was?.lockedUntil ?? null) === state.lockedUntil) return;
  save(file, setAccount(record, account, state));
}

const later = (a: string | null, b: string | null): string | null => (!a ? b : !b ? a : Date.parse(a) >= Date.parse(b) ? a : b);

/**
 * Once the database is open: every recorded attempt goes into the audit trail as a refused `auth.signIn` (naming the
 * user when the account is one of theirs), and each account's lockout is merged into the users table (the larger
 * count, the later lockout). The attempts are then removed from the file; the counts stay, as the lockout's memory
 * for the next start. Safe to repeat: an attempt already in the audit trail (a crash after the commit, before the
 * file was rewritten) is not written twice. Returns the number of events written.
 */
export async function importSignInRecord(ds: DataSource, keyringFile: string, now: Date = new Date()): Promise<number> {
  const file = signInRecordPathFor(keyringFile);
  const record = readSignInRecord(file);
  if (record === null || record === 'damaged') return 0;
  if (record.attempts.length === 0 && record.dropped === 0 && Object.keys(record.accounts).length === 0) return 0;
  const imported = new Set<string>();
  let written = 0;
  await inTransaction(ds, async (em) => {
    const repo = em.getRepository(UserEntity);
    const users = await repo.find();
    const byAccount = new Map(users.map((u) => [usernameHash(record, u.username), u]));
    for (const [account, state] of Object.entries(record.accounts)) {
      const u = byAccount.get(account);
      if (!u) continue;
      const failedAttempts = Math.max(u.failedAttempts, state.failures);
      const lockedUntil = later(u.lockedUntil, state.lockedUntil);
      if (failedAttempts !== u.failedAttempts || lockedUntil !== u.lockedUntil) await repo.update(u.id, { failedAttempts, lockedUntil });
    }
    const attempts = [...record.attempts].sort((a, b) => a.at.localeCompare(b.at));
    const since = attempts[0]?.at ?? now.toISOString();
    const already = new Set<string>();
    const rows: { detail: string | null }[] = await em.query(
      "SELECT detail FROM audit_event WHERE operation = 'auth.signIn' AND outcome = 'refused' AND at >= ?",
      [since],
    );
    for (const r of rows) {
      const id = /"attempt":"([0-9a-f-]{36})"/.exec(r.detail ?? '')?.[1];
      if (id) already.add(id);
    }
    const event = (detail: Record<string, unknown>) => auditRefusedSignIn(em, now, detail, 'the key file, before the database was opened');
    if (record.dropped > 0) {
      await event({ result: 'earlier attempts, not itemised', count: record.dropped });
      written++;
    }
    for (const a of attempts) {
      imported.add(a.id);
      if (already.has(a.id)) continue;
      const u = a.account ? byAccount.get(a.account) : undefined;
      await event({
        ...(u ? { username: u.username } : {}),
        result: a.result,
        ...(a.lockedUntil ? { lockedUntil: a.lockedUntil } : {}),
        attemptedAt: a.at,
        attempt: a.id,
      });
      written++;
    }
  });
  // Committed: take what was imported out of the file (re-read: another process may have added attempts since). If
  // that fails, the next open finds them already in the audit trail and does not write them again.
  const latest = readSignInRecord(file);
  if (latest !== null && latest !== 'damaged') {
    try {
      save(file, {
        ...latest,
        attempts: latest.attempts.filter((a) => !imported.has(a.id)),
        dropped: Math.max(0, latest.dropped - record.dropped),
      });
    } catch {
      // As above: harmless, and the next unlock attempt reports an unwritable record itself.
    }
  }
  return written;
}

/** The audit event of a sign-in refused before the database was open, saying what the password was checked against. */
export function auditRefusedSignIn(
  em: Parameters<typeof appendAudit>[0],
  now: Date,
  detail: Record<string, unknown>,
  checkedAgainst: string,
): ReturnType<typeof appendAudit> {
  return appendAudit(
    em,
    'sqlite',
    auditEvent({
      at: now,
      actor: { kind: 'anonymous' },
      operation: 'auth.signIn',
      outcome: 'refused',
      detail: { ...detail, checkedAgainst },
    }),
  );
}
