import { z } from 'zod';
import { op } from './define';
import { isoDate } from '../validation';

export interface AuditEntry {
  readonly seq: number;
  readonly at: string;
  readonly actor: string;
  readonly operation: string;
  readonly pupilId: string | null;
  readonly outcome: 'ok' | 'refused';
}

export const auditOps = {
  'audit.list': op<{ readonly total: number; readonly rows: readonly AuditEntry[] }>()({
    input: z
      .object({
        pupilId: z.string().max(64).optional(),
        operation: z.string().max(60).optional(),
        from: isoDate.optional(),
        to: isoDate.optional(),
        page: z.number().int().min(0).max(100000).optional(),
        pageSize: z.number().int().min(1).max(200).optional(),
      })
      .strict(),
    access: ['senco', 'headteacher'],
    kind: 'read',
    audit: false,
  }),
} as const;
