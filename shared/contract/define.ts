/**
 * How an operation is declared. The contract is the single source from which the preload, the IPC handler,
 * the test host, the CLI and the renderer's client are typed: adding an operation is one entry here and one
 * service function (the services map is typed against the contract, so a missing one fails to compile).
 */
import type { z } from 'zod';
import type { Role } from '../domain';

/** Who may call an operation: nobody signed in (setup, sign-in), anyone signed in, or the roles listed. */
export type Access = 'public' | 'signed_in' | readonly Role[];

export interface OperationDef<I extends z.ZodType, O> {
  readonly input: I;
  /** Phantom: carries the output type only. */
  readonly output?: O;
  readonly access: Access;
  /** Writes change records and are always audited; reads are audited when `audit` says so. */
  readonly kind: 'read' | 'write';
  /** Reads of pupil records are audited (UK GDPR accountability: every access attributable). */
  readonly audit: boolean;
  /**
   * false: record scope (a therapist's caseload, a teacher's classes) does not apply. Only for raising a
   * safeguarding concern, which anyone must be able to do about any pupil.
   */
  readonly scoped?: false;
  /** true: a background poll (alerts), which does not count as use for the screen lock's inactivity time. */
  readonly passive?: true;
}

/**
 * Declares one operation. Its kind stays a literal in the type (`kind: 'read'`), so the renderer's query keys can
 * be typed to the read operations only (renderer/src/lib/query-keys.ts).
 */
export function op<O>() {
  return <I extends z.ZodType, const Kind extends 'read' | 'write'>(
    def: Omit<OperationDef<I, O>, 'output' | 'kind'> & { readonly kind: Kind },
  ): OperationDef<I, O> & { readonly kind: Kind } => def;
}
