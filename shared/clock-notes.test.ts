import { describe, expect, it } from 'vitest';
import { adjustmentText, clockNotes, transferText } from './clock-notes';
import type { TransferNote } from './clock-types';

const note: TransferNote = {
  kind: 'infant_to_junior',
  transferDate: '2027-09-01',
  nextSetting: 'Oak Junior School (fictional)',
  deadline: '2027-02-15',
};

describe('clock notes', () => {
  it('names the recorded transfer on its own clock', () => {
    expect(transferText(note)).toBe(
      'Infant to junior school on 1 September 2027 (Oak Junior School (fictional)): the plan names the next school by 15 February 2027',
    );
    expect(transferText({ ...note, nextSetting: null })).toBe(
      'Infant to junior school on 1 September 2027: the plan names the next school by 15 February 2027',
    );
    expect(clockNotes({ key: 'phase_transfer', adjustedFrom: null, adjustedReason: null, transfer: note })).toEqual([transferText(note)]);
  });

  it('says why a date moved: a review brought forward for a transfer, or a closed day', () => {
    expect(adjustmentText({ adjustedFrom: '2027-03-10', adjustedReason: 'phase_transfer', transfer: note })).toBe(
      'Brought forward from 10 March 2027 for the phase transfer (infant to junior school on 1 September 2027): the review, its report, the local authority’s decision and the amended plan must all be done by 15 February 2027',
    );
    expect(adjustmentText({ adjustedFrom: '2026-10-26', adjustedReason: 'school_closed', transfer: null })).toBe(
      'Moved from 26 October 2026 (school closed that day)',
    );
    expect(adjustmentText({ adjustedFrom: null, adjustedReason: null, transfer: null })).toBeNull();
    // The annual review brought forward shows why, not the transfer line meant for the transfer's own clock.
    expect(clockNotes({ key: 'annual_review', adjustedFrom: '2027-03-10', adjustedReason: 'phase_transfer', transfer: note })).toHaveLength(
      1,
    );
  });
});
