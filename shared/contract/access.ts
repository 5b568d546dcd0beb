/** Contract for the access matrix: who may call each operation, as the dispatcher enforces it (shown in Settings). */
import { z } from 'zod';
import { op } from './define';
import type { Role } from '../domain';

export interface AccessRow {
  readonly operation: string;
  /** The area the operation belongs to: the part of its name before the first dot. */
  readonly area: string;
  readonly kind: 'read' | 'write';
  /** 'public' (before sign-in), 'signed_in' (every role) or the roles listed. */
  readonly access: 'public' | 'signed_in' | readonly Role[];
  /** Whether the operation's result holds clinical detail (CLINICAL_OPERATIONS). */
  readonly clinical: boolean;
  /** Whether reading it writes an audit event (every write does). */
  readonly audited: boolean;
}

export const accessOps = {
  'access.matrix': op<readonly AccessRow[]>()({ input: z.object({}).strict(), access: 'signed_in', kind: 'read', audit: false }),
} as const;
