/**
 * The one way into the core. Every transport (Electron IPC, the loopback test host, the CLI) hands it an
 * envelope; it authenticates, authorises, refuses any string the database could not store exactly (input-guard.ts),
 * validates with the contract's schema (unknown keys refused), runs the service in a transaction, appends the audit
 * event in that same transaction, records the trail's new head outside the database once it has committed
 * (audit-checkpoint.ts), and maps any failure to the result shape. A failure rolls back everything the operation
 * wrote: nothing is half-written.
 */
import { QueryFailedError, type DataSource, type EntityManager } from 'typeorm';
import { placeholder } from './db/raw';
import { contract, isOpName, type Envelope, type InputOf, type OpName, type OutputOf } from '../../shared/contract';
import type { Access } from '../../shared/contract/define';
import { t } from '../../shared/i18n';
import { AppFailure, fail, ok, type Result } from '../../shared/result';
import { zodToAppError } from '../../shared/validation';
import { appendAudit, auditEvent, type AuditFacts } from './audit';
import type { AuditEventEntity } from './db/entities';
import type { AuditHead, CheckpointSource } from './audit-checkpoint';
import { checkOperationName, checkStorableInput } from './input-guard';
import { type Actor, type ServiceContext, type Services } from './context';
import type { Driver } from './db/data-source';
import { SignInSessionStore } from './sign-in-sessions';
import type { KeyHooks } from './crypto/vault';
import { LOCKED_SESSION_OPERATIONS, MUST_CHANGE_PASSWORD_OPERATIONS } from '../../shared/access';
import { inScope, OtherSchoolRecord, SchoolPupils, scopesFor } from './scope';
import { throwIfCancelled, type OperationControl } from './operation';
import { inTransaction } from './db/transaction';

export interface DispatcherOptions {
  readonly ds: DataSource;
  readonly driver: Driver;
  readonly services: Services;
  readonly signIns?: SignInSessionStore;
  /** The keyring of an encrypted SQLite store (electron/core/crypto/vault.ts); absent otherwise. */
  readonly keys?: KeyHooks | null;
  readonly clock?: () => Date;
  /** Where unexpected errors are reported (stderr by default); the user sees a plain message instead. */
  readonly logError?: (err: unknown, op: string) => void;
  /**
   * Checkpoints of the audit trail's head kept outside it (audit-checkpoint.ts): the head is recorded after every
   * committed operation that appended an event, and `audit.verify` compares the trail with them. Absent: none kept.
   */
  readonly checkpoints?: AuditHeadKeeper | null;
}

/**
 * What a transport says about a call: `via` names a transport other than the app's own (recorded in the audit event);
 * `operation` lets long work report progress and be cancelled (operation.ts).
 */
export interface Transport {
  readonly via?: string;
  readonly operation?: OperationControl | null;
}

/** Keeps checkpoints of the audit trail's head (audit-checkpoint.ts DataFolderCheckpoints). */
export interface AuditHeadKeeper extends CheckpointSource {
  record(head: AuditHead): void;
}

/** Runs one task at a time: SQLite has one writer, and TypeORM's sqlite driver shares one connection. */
class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();
  run<T>(task: () => Promise<T>): Promise<T> {
    const next = this.tail.then(task, task);
    this.tail = next.catch(() => undefined);
    return next;
  }
}

function allowed(access: Access, actor: Actor): boolean {
  if (access === 'public') return true;
  if (actor.kind === 'anonymous') return false;
  if (access === 'signed_in') return true;
  return access.includes(actor.role);
}

/** Passing a failure out of the transaction callback without throwing, when its writes must be kept. */
class KeepAndFail {
  constructor(readonly failure: AppFailure) {}
}

/** An operation reached a pupil outside the actor's scope: everything it did is rolled back, and the refusal audited. */
class OutOfScope extends AppFailure {
  constructor(
    readonly pupilId: string,
    role: Extract<Actor, { kind: 'user' }>['role'],
    /** The pupil is another school's (a trust's server: electron/core/scope.ts), not only outside a caseload or class. */
    otherSchool = false,
  ) {
    super(
      'forbidden',
      otherSchool
        ? t(role === 'trust_lead' ? 'tenancy.trustLeadNoRecords' : 'tenancy.otherSchool')
        : t('errors.outOfScope', {
            role: t(`roles.${role}`),
            scope: t(role === 'teacher' ? 'errors.scopeClasses' : 'errors.scopeCaseload'),
          }),
    );
  }
}

const LOCKED_OPEN: ReadonlySet<string> = new Set(LOCKED_SESSION_OPERATIONS);
const MUST_CHANGE_OPEN: ReadonlySet<string> = new Set(MUST_CHANGE_PASSWORD_OPERATIONS);

export class Dispatcher {
  readonly signIns: SignInSessionStore;
  private readonly queue = new SerialQueue();
  private readonly clock: () => Date;

  constructor(private readonly opts: DispatcherOptions) {
    this.signIns = opts.signIns ?? new SignInSessionStore();
    this.clock = opts.clock ?? (() => new Date());
  }

  /** The time by this dispatcher's clock (a test's fixed clock, or now): what "today" is for its services and the demo. */
  now(): Date {
    return this.clock();
  }

  /**
   * Entry for the transports: the actor comes from the session token in the envelope. `transport.via` names a
   * transport other than the app's own (the CLI signs in and acts through here too), recorded in each audit event.
   */
  invoke(envelope: unknown, transport: Transport = {}): Promise<Result<unknown>> {
    const env = envelope as Partial<Envelope> | null;
    if (!env || typeof env !== 'object' || typeof env.op !== 'string' || env.op.length > 100) {
      return Promise.resolve(fail({ code: 'invalid_input', message: t('errors.badRequest') }));
    }
    const badName = checkOperationName(env.op);
    if (badName) return Promise.resolve(fail(badName));
    const op = env.op;
    const token = typeof env.session === 'string' ? env.session : null;
    // A connected desk's outbox sends each operation with its own key (electron/connect): the same key again writes
    // nothing and gets the first answer (applied_operation, migration 0016).
    const rawKey = (env as { idempotencyKey?: unknown }).idempotencyKey;
    if (rawKey !== undefined && rawKey !== null && (typeof rawKey !== 'string' || !IDEMPOTENCY_KEY.test(rawKey))) {
      return Promise.resolve(fail({ code: 'invalid_input', message: t('connected.badIdempotencyKey') }));
    }
    const idempotencyKey = typeof rawKey === 'string' ? rawKey : null;
    // A background poll (safeguarding alerts) does not count as use for the screen lock's inactivity time.
    const passive = isOpName(op) && (contract[op] as { passive?: true }).passive === true;
    // The session is looked up in the store (sign-in-sessions.ts) in its own short statements, before the operation's
    // transaction, in the same turn of SQLite's queue (its one connection is never shared by two tasks).
    return this.serial(async () => {
      const user = await this.signIns.get(this.opts.ds.manager, token, Date.now(), !passive);
      if (user?.locked && !LOCKED_OPEN.has(op)) return fail({ code: 'session_locked', message: t('errors.sessionLocked') });
      // A password the SENCo set is known to the SENCo: until the user has chosen their own, the session does nothing else
      // (but what anyone may do without signing in, such as setup.status).
      const isPublic = isOpName(op) && contract[op].access === 'public';
      if (user?.mustChangePassword && !MUST_CHANGE_OPEN.has(op) && !isPublic) {
        return fail({ code: 'password_change_required', message: t('errors.passwordChangeRequired') });
      }
      const via = transport.via ? { via: transport.via } : {};
      const actor: Actor = user
        ? { kind: 'user', userId: user.userId, username: user.username, displayName: user.displayName, role: user.role, ...via }
        : { kind: 'anonymous', ...via };
      return this.execute(op, env.input, actor, user ? token : null, transport.operation ?? null, idempotencyKey);
    });
  }

  /** Entry for the admin CLI and scripts, acting as a named system actor. */
  invokeAs<K extends OpName>(
    actor: Actor,
    op: K,
    input: InputOf<K>,
    operation: OperationControl | null = null,
  ): Promise<Result<OutputOf<K>>> {
    return this.run(op, input, actor, null, operation) as Promise<Result<OutputOf<K>>>;
  }

  private run(
    opName: string,
    input: unknown,
    actor: Actor,
    token: string | null,
    control: OperationControl | null = null,
  ): Promise<Result<unknown>> {
    return this.serial(() => this.execute(opName, input, actor, token, control));
  }

  /** SQLite: one task at a time (one writer, one shared connection). PostgreSQL: side by side. */
  private serial<T>(task: () => Promise<T>): Promise<T> {
    return this.opts.driver === 'sqlite' ? this.queue.run(task) : task();
  }

  private async execute(
    opName: string,
    rawInput: unknown,
    actor: Actor,
    token: string | null,
    control: OperationControl | null,
    idempotencyKey: string | null = null,
  ): Promise<Result<unknown>> {
    const badName = checkOperationName(opName);
    if (badName) return fail(badName);
    if (!isOpName(opName)) return fail({ code: 'unknown_operation', message: t('errors.unknownOperation', { operation: opName }) });
    const def = contract[opName];
    const now = this.clock();

    if (!allowed(def.access, actor)) {
      if (actor.kind === 'anonymous') return fail({ code: 'unauthenticated', message: t('errors.unauthenticated') });
      await this.recordRefusal(opName, actor, now);
      return fail({
        code: 'forbidden',
        message: t('errors.forbidden', { role: t(`roles.${actor.role}`), operation: opName }),
      });
    }

    // Every string must be one the database stores exactly (no lone surrogates, no control characters): refused
    // here, naming the field, for every transport and before the schema, so no such string reaches the audit trail.
    const unstorable = checkStorableInput(rawInput);
    if (unstorable) return fail(unstorable);
    const parsed = def.input.safeParse(rawInput ?? {});
    if (!parsed.success) return fail(zodToAppError(parsed.error));

    const service = this.opts.services[opName] as (ctx: ServiceContext, input: unknown) => Promise<unknown>;
    // Only a signed-in user's writes are remembered by key: reads change nothing, so repeating them is harmless.
    const remembered =
      idempotencyKey !== null && def.kind === 'write' && actor.kind === 'user' ? { key: idempotencyKey, userId: actor.userId } : null;
    // The event this operation appended, recorded as the trail's head once its transaction has committed.
    let appended: AuditHead | null = null;
    try {
      const outcome = await inTransaction(this.opts.ds, async (em) => {
        const touched = new Set<string>();
        let detail: Record<string, unknown> | null = null;
        // Worked out before the operation runs, so nothing it writes (a new session, an allocation) can widen it. On a
        // trust's server the actor's school limits every operation, even one open about every pupil (scope.ts).
        const { scope, schoolScope, tenancy } = await scopesFor(em, actor, now);
        const limit = (def as { scoped?: false }).scoped === false ? schoolScope : scope;
        const outOfScope = (id: string) => new OutOfScope(id, actor.kind === 'anonymous' ? 'senco' : actor.role, !inScope(schoolScope, id));
        const ctx: ServiceContext = {
          em,
          actor,
          now,
          driver: this.opts.driver,
          signIns: this.signIns.within(em),
          sessionToken: token,
          keys: this.opts.keys ?? null,
          auditCheckpoints: this.opts.checkpoints ?? null,
          scope,
          tenancy,
          // A pupil this operation created in the actor's own school is theirs (scope.ts SchoolPupils).
          admitPupil: (id) => [scope, schoolScope].forEach((s) => s instanceof SchoolPupils && s.add(id)),
          touchPupil: (id) => {
            touched.add(id);
          },
          auditDetail: (d) => {
            detail = { ...(detail ?? {}), ...d };
          },
          progress: (p) => control?.progress(p),
          checkCancelled: () => throwIfCancelled(control),
        };
        // The audit event names the pupil when the operation was about one pupil.
        const pupilOf = () => (touched.size === 1 ? [...touched][0]! : null);
        let value: unknown;
        let kept: AppFailure | null = null;
        const outsideTouched = () => (limit ? [...touched].find((id) => !inScope(limit, id)) : undefined);
        if (remembered) {
          const earlier = await appliedBefore(em, remembered.key);
          if (earlier) {
            if (earlier.userId !== remembered.userId || earlier.operation !== opName)
              throw new AppFailure('conflict', t('connected.idempotencyKeyReused'));
            return { value: earlier.value };
          }
        }
        try {
          // An input naming a pupil outside the actor's scope is refused before the operation runs at all.
          const named = (parsed.data as { pupilId?: unknown } | null)?.pupilId;
          if (typeof named === 'string' && !inScope(limit, named)) throw outOfScope(named);
          // Long work cancelled while it waited in the queue does not start; cancelled by the time it has finished,
          // it is rolled back all the same (operation.ts): "cancelled" always means nothing was saved.
          throwIfCancelled(control);
          value = await service(ctx, parsed.data);
          throwIfCancelled(control);
          const outside = outsideTouched();
          if (outside !== undefined) throw outOfScope(outside);
        } catch (err) {
          // A failure that had touched a pupil outside the scope is refused as out of scope: its own message (a clash,
          // a missing allocation) could name that pupil.
          const outside = err instanceof OutOfScope ? undefined : outsideTouched();
          if (outside !== undefined) throw outOfScope(outside);
          // A failure whose writes must stand (a failed sign-in counts towards lockout) commits, then fails...
          if (!(err instanceof AppFailure && err.keepChanges)) throw err;
          kept = err;
        }
        if (remembered && !kept) {
          await em.query(
            `INSERT INTO applied_operation (idempotency_key, user_id, operation, result, applied_at) VALUES (${placeholder(em)(1)}, ${placeholder(em)(2)}, ${placeholder(em)(3)}, ${placeholder(em)(4)}, ${placeholder(em)(5)})`,
            [remembered.key, remembered.userId, opName, JSON.stringify(value ?? null), now.toISOString()],
          );
        }
        // ...and is attributable: a failed sign-in is in the audit trail, refused, with its (non-secret) detail.
        if (kept || def.kind === 'write' || def.audit) {
          const ended = kept ? 'refused' : 'ok';
          appended = await this.appendEvent(em, { at: now, actor, operation: opName, pupilId: pupilOf(), outcome: ended, detail });
        }
        return kept ? new KeepAndFail(kept) : { value };
      });
      this.recordHead(appended);
      if (outcome instanceof KeepAndFail) return fail(toError(outcome.failure));
      return ok(outcome.value);
    } catch (err) {
      if (err instanceof OutOfScope) {
        await this.recordRefusal(opName, actor, now, err.pupilId);
        return fail(toError(err));
      }
      if (err instanceof OtherSchoolRecord) {
        await this.recordRefusal(opName, actor, now, null, 'another school');
        return fail(toError(err));
      }
      if (err instanceof AppFailure) return fail(toError(err));
      // The same key sent twice at once (two server processes): the one that committed first answers both.
      if (remembered && err instanceof QueryFailedError && /UNIQUE|unique|duplicate key/.test(String(err.message))) {
        const earlier = await appliedBefore(this.opts.ds.manager, remembered.key).catch(() => null);
        if (earlier && earlier.userId === remembered.userId && earlier.operation === opName) return ok(earlier.value);
      }
      if (err instanceof QueryFailedError && /UNIQUE|unique|duplicate key/.test(String(err.message))) {
        return fail({ code: 'conflict', message: t('errors.conflict') });
      }
      (this.opts.logError ?? defaultLog)(err, opName);
      return fail({ code: 'internal', message: t('errors.internal', { time: now.toLocaleString('en-GB') }) });
    }
  }

  /**
   * The one place the dispatcher appends to the audit trail: an operation that succeeded, a failure whose writes stand
   * (a failed sign-in), and a refusal (recordRefusal), each in the transaction it is given.
   */
  private appendEvent(em: EntityManager, facts: AuditFacts): Promise<AuditEventEntity> {
    return appendAudit(em, this.opts.driver, auditEvent(facts));
  }

  /** After a commit: the event just appended is the trail's newest checkpoint (audit-checkpoint.ts). */
  private recordHead(head: AuditHead | null): void {
    if (head) this.opts.checkpoints?.record({ seq: head.seq, hash: head.hash, at: head.at });
  }

  private async recordRefusal(
    opName: string,
    actor: Actor,
    now: Date,
    pupilId: string | null = null,
    reason: string | null = null,
  ): Promise<void> {
    try {
      const row = await inTransaction(this.opts.ds, (em) =>
        this.appendEvent(em, {
          at: now,
          actor,
          operation: opName,
          pupilId,
          outcome: 'refused',
          detail: pupilId ? { reason: 'outside scope' } : reason ? { reason } : null,
        }),
      );
      this.recordHead(row);
    } catch (err) {
      (this.opts.logError ?? defaultLog)(err, opName);
    }
  }
}

/** An idempotency key: what a desk makes with randomUUID (and any other 16–64 letters, digits, '-' or '_'). */
export const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{16,64}$/;

/** The answer an operation sent earlier with this key gave, if it committed. */
async function appliedBefore(em: EntityManager, key: string): Promise<{ userId: string; operation: string; value: unknown } | null> {
  const rows = (await em.query(`SELECT user_id, operation, result FROM applied_operation WHERE idempotency_key = ${placeholder(em)(1)}`, [
    key,
  ])) as {
    user_id: string;
    operation: string;
    result: string;
  }[];
  const row = rows[0];
  return row ? { userId: row.user_id, operation: row.operation, value: JSON.parse(row.result) as unknown } : null;
}

function toError(f: AppFailure) {
  return f.fields ? { code: f.code, message: f.message, fields: f.fields } : { code: f.code, message: f.message };
}

function defaultLog(err: unknown, op: string): void {
  console.error(`[senco-desk] ${op} failed:`, err);
}
