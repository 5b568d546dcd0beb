/**
 * Phase transfers (SEND Regulations 2014 reg. 18): the move to the next phase of education the SENCo records for a
 * pupil with an EHC plan. The plan must be amended to name the next school by 15 February of the calendar year of
 * the move (31 March from secondary school to post-16); the phase-transfer clock and the annual review brought
 * forward read this record, never the year group alone.
 */
import { z } from 'zod';
import { op } from './define';
import { id, isoDate, optionalText } from '../validation';
import { PHASE_TRANSFER_KINDS, type PhaseTransferKind } from '../clock-types';

export const transferInput = z
  .object({
    pupilId: id,
    kind: z.enum(PHASE_TRANSFER_KINDS),
    transferDate: isoDate,
    nextSetting: optionalText(200),
  })
  .strict();

export interface PhaseTransfer {
  readonly pupilId: string;
  readonly kind: PhaseTransferKind;
  readonly transferDate: string;
  readonly nextSetting: string | null;
  /** 15 February (31 March for secondary to post-16) of the calendar year of the transfer. */
  readonly deadline: string;
  /** The latest school day the annual review meeting can be held for the review to end by the deadline. */
  readonly latestReview: string;
  readonly recordedBy: string;
  readonly updatedAt: string;
}

const TRANSFER_READERS = ['senco', 'therapy_lead', 'therapist', 'headteacher'] as const;

export const transferOps = {
  'ehcp.transfer.get': op<PhaseTransfer | null>()({
    input: z.object({ pupilId: id }).strict(),
    access: TRANSFER_READERS,
    kind: 'read',
    audit: true,
  }),
  /** Records the pupil's transfer, replacing any recorded before (one per pupil). */
  'ehcp.transfer.record': op<PhaseTransfer>()({
    input: transferInput,
    access: ['senco'],
    kind: 'write',
    audit: true,
  }),
  'ehcp.transfer.clear': op<{ readonly cleared: true }>()({
    input: z.object({ pupilId: id }).strict(),
    access: ['senco'],
    kind: 'write',
    audit: true,
  }),
} as const;
