/**
 * Whether the signed-in person may call an operation, read from the contract's `access` (the same declaration the
 * dispatcher enforces on every request). Screens use it to leave out what a role cannot use instead of showing an
 * error; it never grants anything the core would refuse.
 */
import { contract, type Access, type OpName } from '../../../shared/contract';
import type { Role } from '../../../shared/domain';
import { useAuth } from './auth';

/** The dispatcher's rule: public operations for anyone, signed_in for every role, otherwise the roles listed. */
export function accessAllows(access: Access, role: Role | null): boolean {
  if (access === 'public') return true;
  if (role === null) return false;
  if (access === 'signed_in') return true;
  return access.includes(role);
}

/** Whether a role (null: nobody signed in) may call the operation. */
export function canRole(role: Role | null, op: OpName): boolean {
  return accessAllows(contract[op].access, role);
}

/** The signed-in person's role, or null before sign-in. */
export function useRole(): Role | null {
  const { state } = useAuth();
  return state.kind === 'signedIn' ? state.info.user.role : null;
}

/** True when the signed-in person's role may call `op`. */
export function useCan(op: OpName): boolean {
  return canRole(useRole(), op);
}

/** An entry gated on an operation, or on any of several (a tab showing whichever parts the role may see). */
export interface Gated {
  readonly op?: OpName | readonly OpName[];
}

/** Whether a role may use a gated entry: no operation, the operation, or any one of the operations listed. */
export function canUse(role: Role | null, gate: Gated['op']): boolean {
  if (gate === undefined) return true;
  return typeof gate === 'string' ? canRole(role, gate) : gate.some((op) => canRole(role, op));
}

/** For lists (tabs, navigation): keeps the entries the signed-in role may use; entries without an operation stay. */
export function useAllowed<T extends Gated>(items: readonly T[]): T[] {
  const role = useRole();
  return items.filter((item) => canUse(role, item.op));
}
