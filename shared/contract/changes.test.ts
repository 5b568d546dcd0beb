/**
 * What each write changes (shared/contract/changes.ts; issue 19, item 1). The `@ts-expect-error` lines prove that a
 * misspelt read, a write named as a read, or a write left out fails the typecheck (each directive would be unused,
 * and `npm test`'s typecheck would fail, if the types allowed it). The tests check the same over the contract as it
 * is at run time: every write says what it changes, and names only reads of the contract.
 */
import { describe, expect, it } from 'vitest';
import { changes, contract, OP_NAMES, readsChangedBy, type Changes, type ChangesMap } from './index';

/** Never called: only typechecked. */
export function wrongChangesFailTheTypecheck(): unknown[] {
  // @ts-expect-error a misspelt read ('feedbak.report')
  const misspelt: Changes = ['feedback.list', 'feedbak.report'];
  // @ts-expect-error a write changes records; it is not something a screen reads
  const aWrite: Changes = ['policies.save'];
  // @ts-expect-error every write must say what it changes: this map leaves out all but one
  const partial: ChangesMap = { 'policies.save': ['policies.list'] };
  // @ts-expect-error a read is not a write: it has no entry
  const readKey: Partial<ChangesMap> = { 'policies.list': [] };
  return [misspelt, aWrite, partial, readKey];
}

const writes = OP_NAMES.filter((op) => contract[op].kind === 'write');
const reads = new Set(OP_NAMES.filter((op) => contract[op].kind === 'read'));

describe('what each write changes', () => {
  it('is said for every write of the contract, even when it is nothing', () => {
    const missing = writes.filter((op) => !Object.prototype.hasOwnProperty.call(changes, op));
    expect(missing, `add these to shared/contract/changes.ts: ${missing.join(', ')}`).toEqual([]);
    expect(writes.length).toBeGreaterThan(60);
  });

  it('is said for writes only, and names only reads of the contract, each once', () => {
    for (const [op, list] of Object.entries(changes) as [string, Changes][]) {
      expect(contract[op as keyof typeof contract]?.kind, op).toBe('write');
      for (const read of list) expect(reads.has(read), `${op} changes ${read}`).toBe(true);
      expect(new Set(list).size, `${op} names a read twice`).toBe(list.length);
    }
  });

  it('is nothing for a read, and nothing for a dry run', () => {
    expect(readsChangedBy('policies.list', {})).toEqual([]);
    expect(readsChangedBy('calendar.import', { csv: 'x', dryRun: true })).toEqual([]);
    expect(readsChangedBy('calendar.import', { csv: 'x' })).toEqual(changes['calendar.import']);
    expect(readsChangedBy('policies.save', {})).toEqual(['policies.list']);
  });

  it('refreshes what each screen refreshed by hand before (the reads a write shows its change in)', () => {
    // A sample of the screens' former invalidations, which the contract now carries.
    expect(changes['sessions.record']).toEqual(expect.arrayContaining(['sessions.list', 'provision.delivered', 'sessions.stats']));
    expect(changes['assessments.save']).toEqual(
      expect.arrayContaining(['assessments.list', 'referrals.list', 'caseload.list', 'clocks.list']),
    );
    expect(changes['safeguarding.raise']).toEqual(expect.arrayContaining(['safeguarding.list', 'safeguarding.alerts']));
    // Forgotten before: a session scheduled from a pupil's Sessions tab left its chart of scheduled and upcoming
    // sessions (sessions.stats) as it was until the tab was opened again.
    expect(changes['sessions.schedule']).toContain('sessions.stats');
  });
});
