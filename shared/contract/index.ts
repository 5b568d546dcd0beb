/**
 * The contract: every operation the renderer, the test host and the CLI can ask of the core.
 * Names are `domain.verb`. Duplicate names are impossible (object keys) and a test checks every entry.
 */
import type { z } from 'zod';
import { setupOps } from './setup';
import { pupilOps } from './pupils';
import { auditOps } from './audit';
import { ehcpOps } from './ehcp';
import { clockOps } from './clocks';
import { therapyOps } from './therapy';
import { sessionOps } from './sessions';
import { reviewOps } from './reviews';
import { accessOps } from './access';
import { sharingOps } from './sharing';
import { safeguardingOps } from './safeguarding';
import { staffOps } from './staff';
import { governanceOps } from './governance';
import { transferOps } from './transfers';
import { deskOps } from './desk';
import { trustOps } from './trust';
import { dashboardOps } from './dashboard';
import { passportOps } from './passports';
import { draftOps } from './drafts';
import { provisionOps } from './provision';
import { provisionMapOps } from './provision-map';
import type { OperationDef } from './define';
import type { Result } from '../result';

export const contract = {
  ...setupOps,
  ...pupilOps,
  ...auditOps,
  ...ehcpOps,
  ...clockOps,
  ...therapyOps,
  ...sessionOps,
  ...reviewOps,
  ...accessOps,
  ...sharingOps,
  ...safeguardingOps,
  ...staffOps,
  ...governanceOps,
  ...transferOps,
  ...deskOps,
  ...trustOps,
  ...dashboardOps,
  ...passportOps,
  ...draftOps,
  ...provisionOps,
  ...provisionMapOps,
} as const;

export type Contract = typeof contract;
export type OpName = keyof Contract;
/** What a caller sends (before parsing: dates as strings, optional fields may be missing). */
export type InputOf<K extends OpName> = z.input<Contract[K]['input']>;
/** What a service receives (after parsing and transforms). */
export type ParsedInputOf<K extends OpName> = z.output<Contract[K]['input']>;
export type OutputOf<K extends OpName> = Contract[K] extends OperationDef<z.ZodType, infer O> ? O : never;

export const OP_NAMES = Object.keys(contract) as OpName[];

export function isOpName(name: string): name is OpName {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

/** The message every transport carries: the operation, its input, and the caller's session token if any. */
export interface Envelope {
  readonly op: string;
  readonly input: unknown;
  readonly session?: string | null;
  /** A connected desk's outbox: the same key sent again writes nothing and gets the first answer (electron/connect). */
  readonly idempotencyKey?: string | null;
}

/** The renderer's view of the core: one function, typed from the contract. */
export type Invoke = <K extends OpName>(op: K, input: InputOf<K>) => Promise<Result<OutputOf<K>>>;

export * from './define';
export * from './setup';
export * from './pupils';
export * from './audit';
export * from './ehcp';
export * from './clocks';
export * from './therapy';
export * from './sessions';
export * from './reviews';
export * from './access';
export * from './sharing';
export * from './safeguarding';
export * from './staff';
export * from './governance';
export * from './transfers';
export * from './desk';
export * from './trust';
export * from './dashboard';
export * from './passports';
export * from './drafts';
export * from './provision';
export * from './provision-map';
export * from './changes';
