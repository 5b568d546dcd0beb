import type { EntityManager } from 'typeorm';
import type { OpName, OutputOf, ParsedInputOf } from '../../shared/contract';
import type { Role } from '../../shared/domain';
import type { Driver } from './db/data-source';
import type { SignInSessions } from './sign-in-sessions';
import type { KeyHooks } from './crypto/vault';
import type { PupilScope, Tenancy } from './scope';
import type { CheckpointSource } from './audit-checkpoint';
import type { Progress } from './operation';

/**
 * Who is acting: a signed-in user, the admin CLI with no one signed in (school IT at the machine: setting up, the demo,
 * checking the audit trail), or nobody yet (setup, sign-in). `via` names a transport other than the app's own (the
 * CLI), and goes into the audit event's detail.
 */
export type Actor =
  | {
      readonly kind: 'user';
      readonly userId: string;
      readonly username: string;
      readonly displayName: string;
      readonly role: Role;
      readonly via?: string;
    }
  | { readonly kind: 'system'; readonly name: string; readonly role: Role }
  | { readonly kind: 'anonymous'; readonly via?: string };

export interface ServiceContext {
  readonly em: EntityManager;
  readonly actor: Actor;
  readonly now: Date;
  readonly driver: Driver;
  /** Signed-in sessions (sign-in-sessions.ts), in the operation's transaction. */
  readonly signIns: SignInSessions;
  readonly sessionToken: string | null;
  /** The encrypted store's keyring (wrap the key for a new user, drop a disabled user's copy); null when not encrypted. */
  readonly keys?: KeyHooks | null;
  /** Checkpoints of the audit trail's head kept outside it (the data folder's, the backups'); null without a data folder. */
  readonly auditCheckpoints?: CheckpointSource | null;
  /**
   * The pupils this actor may reach (a therapist's caseload, a teacher's classes), worked out before the operation
   * ran; null for every pupil. List operations filter with it (electron/core/scope.ts `inScope`).
   */
  readonly scope: PupilScope;
  /**
   * The acting user's school, and on a trust's server (more than one school) the school whose records they may reach:
   * services filter users, staff, sessions, policies and feedback by `filter`, and give new records `schoolId`
   * (electron/core/scope.ts). Absent in contexts built outside the dispatcher: no filter, the first school.
   */
  readonly tenancy?: Tenancy;
  /**
   * A pupil this operation has just created (in the acting user's own school): on a trust's server it joins the
   * school's scope, so the operation may go on to touch it. Only for a new pupil row; absent outside the dispatcher.
   */
  readonly admitPupil?: (pupilId: string) => void;
  /**
   * Names a pupil this operation read or changed: for the audit event, and for the scope check, which refuses and
   * rolls back the whole operation if any touched pupil is outside `scope`. Call it for every pupil an operation
   * reads or changes.
   */
  touchPupil(pupilId: string): void;
  /** Adds a short, non-sensitive summary to the audit event (counts, changed field names). */
  auditDetail(detail: Readonly<Record<string, unknown>>): void;
  /**
   * Long work (an export, a pack, an import): how far it has got, for the progress bar (operation.ts). Call it
   * between steps; a label is a step's name, never a pupil's. Absent in contexts built outside the dispatcher.
   */
  readonly progress?: (p: Progress) => void;
  /** Throws `Cancelled` (rolling the operation back) if the user has cancelled: call it between steps. */
  readonly checkCancelled?: () => void;
}

export type ServiceFn<K extends OpName> = (ctx: ServiceContext, input: ParsedInputOf<K>) => Promise<OutputOf<K>>;

/** One service function per contract entry: a missing one is a compile error. */
export type Services = { readonly [K in OpName]: ServiceFn<K> };

export function actorLabel(actor: Actor): string {
  switch (actor.kind) {
    case 'user':
      return `${actor.displayName} (${actor.username})`;
    case 'system':
      return actor.name;
    case 'anonymous':
      return 'not signed in';
  }
}

export function nowIso(ctx: Pick<ServiceContext, 'now'>): string {
  return ctx.now.toISOString();
}
