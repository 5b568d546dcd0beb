import { describe, expect, it } from 'vitest';
import { OP_NAMES } from '../../../../shared/contract';
import { SYSTEM_OPERATIONS, formatUkDateTime, operationLabel, operationLabelKey } from '../../../../shared/audit-format';
import { i18n } from '../../../../shared/i18n';
import { auditUi } from '../../../../shared/i18n/en-GB/audit-ui';
import { NO_FILTERS, chainMessage, datesReversed, detailText, isFiltered, listInput, operationOptions, whoLabel } from './audit-model';

describe('audit view model', () => {
  it('shows times as dd/mm/yyyy HH:mm in UK time, summer and winter', () => {
    expect(formatUkDateTime('2026-11-23T09:05:00.000Z')).toBe('23/11/2026 09:05');
    expect(formatUkDateTime('2026-06-30T23:30:00.000Z')).toBe('01/07/2026 00:30');
    expect(formatUkDateTime('not a time')).toBe('not a time');
  });

  it('labels operations in plain English, falling back to the name; every label belongs to a real operation', () => {
    expect(operationLabel('pupils.get')).toBe('Opened a pupil record');
    expect(operationLabel('ehcp.reviews.save')).toBe('Saved an EHC plan annual review');
    expect(operationLabel('made.up')).toBe('made.up');
    const keys = new Set([...OP_NAMES, ...SYSTEM_OPERATIONS].map((op) => operationLabelKey(op).replace('auditUi.operations.', '')));
    expect(Object.keys(auditUi.auditUi.operations).filter((k) => !keys.has(k))).toEqual([]);
    const options = operationOptions();
    expect(options).toHaveLength(OP_NAMES.length + SYSTEM_OPERATIONS.length);
    expect(operationLabel('backup.restore')).toBe('Restored the database from a backup');
    expect(options.map((o) => o.label)).toEqual([...options.map((o) => o.label)].sort((a, b) => a.localeCompare(b, 'en-GB')));
  });

  it('names who signed in from the detail, and everyone else as recorded', () => {
    expect(whoLabel({ actor: 'not signed in', userId: null, operation: 'auth.signIn', detail: '{"username":"alex.morgan"}' })).toBe(
      'alex.morgan (signing in)',
    );
    expect(whoLabel({ actor: 'Alex Morgan (alex.morgan)', userId: 'u1', operation: 'pupils.get', detail: null })).toBe(
      'Alex Morgan (alex.morgan)',
    );
    expect(whoLabel({ actor: 'senco-desk CLI (root)', userId: null, operation: 'pupils.import', detail: '{"created":3}' })).toBe(
      'senco-desk CLI (root)',
    );
  });

  it('reads the detail as key: value pairs, and leaves text that is not JSON as it is', () => {
    expect(detailText('{"changed":["legalFirstName","senStatus"],"listed":20,"x":null}')).toBe(
      'changed: legalFirstName, senStatus; listed: 20; x: —',
    );
    expect(detailText('plain words')).toBe('plain words');
    expect(detailText(null)).toBe('');
  });

  it('sends only whole dates and set filters; notices an end before the start', () => {
    expect(listInput({ ...NO_FILTERS, from: 'invalid', pupilId: 'p1' }, 2, 50)).toEqual({ pupilId: 'p1', page: 2, pageSize: 50 });
    expect(isFiltered({ ...NO_FILTERS, from: 'invalid' })).toBe(false);
    expect(datesReversed({ ...NO_FILTERS, from: '2026-11-24', to: '2026-11-23' })).toBe(true);
    expect(datesReversed({ ...NO_FILTERS, from: '2026-11-23', to: '2026-11-23' })).toBe(false);
  });

  const NO_CHECKPOINTS = { compared: 0, newest: null, supersededByRestore: 0, otherDatabase: 0, unreadable: [] } as const;
  const CHECKPOINT = {
    seq: 12,
    hash: 'a'.repeat(64),
    at: '2026-11-23T09:00:00.000Z',
    writtenAt: '2026-11-23T09:00:01.000Z',
    sourceKind: 'backup',
    source: 'senco-desk-2026-11-23-090001.sqlite',
  } as const;
  const result = (firstBroken: Parameters<typeof chainMessage>[0]['firstBroken'], events = 10) => ({
    ok: firstBroken === null,
    events,
    firstBroken,
    checkpoints: NO_CHECKPOINTS,
    restores: [],
  });

  it('says the chain check in words, for an intact trail and each kind of break', () => {
    expect(chainMessage(result(null, 1204))).toEqual({
      severity: 'success',
      title: 'The audit trail is intact: all 1204 events follow one from another, and none has been changed or deleted.',
      lines: [],
      notes: [expect.stringMatching(/^No checkpoint of the trail was found outside it/)],
    });
    const edited = chainMessage(
      result({
        seq: 4,
        at: '2026-11-23T09:05:00.000Z',
        operation: 'pupils.get',
        problem: 'hash_mismatch',
        reason: 'x',
        nextSeq: null,
        checkpoint: null,
      }),
    );
    expect(edited.severity).toBe('error');
    expect(edited.lines[0]).toBe('Event 4, 23/11/2026 09:05, Opened a pupil record');
    expect(edited.lines[1]).toMatch(/changed after it was written/);
    expect(edited.lines[2]).toMatch(/a backup from before 23\/11\/2026/);
    const moved = chainMessage(
      result({
        seq: 5,
        at: '2026-11-23T09:05:00.000Z',
        operation: 'pupils.get',
        problem: 'prev_hash_mismatch',
        reason: 'x',
        nextSeq: null,
        checkpoint: null,
      }),
    );
    expect(moved.lines[1]).toMatch(/does not follow the one before it/);
    const missing = chainMessage(
      result({ seq: 6, at: null, operation: null, problem: 'missing', reason: 'x', nextSeq: 7, checkpoint: null }, 9),
    );
    expect(missing.lines.slice(0, 2)).toEqual(['Event 6 (deleted)', 'Event 6 has been deleted: the trail goes from event 5 to event 7.']);
    for (const p of ['hash_mismatch', 'prev_hash_mismatch', 'missing', 'truncated', 'rewritten'])
      expect(i18n.exists(`auditUi.chain.problems.${p}`)).toBe(true);
  });

  it('names truncation and rewriting against a checkpoint, and says what the checkpoints add', () => {
    const cut = chainMessage(
      result({ seq: 10, at: null, operation: null, problem: 'truncated', reason: 'x', nextSeq: null, checkpoint: CHECKPOINT }, 9),
    );
    expect(cut.severity).toBe('error');
    expect(cut.lines).toEqual([
      'Events after event 9 (deleted from the end)',
      'The trail ends at event 9, but a checkpoint from 23/11/2026 09:00 (kept with the backup senco-desk-2026-11-23-090001.sqlite) recorded event 12: the newest events were deleted, or the database was replaced by an older copy.',
      expect.stringMatching(/backups with checkpoints hold the trail as it was/),
    ]);
    expect(
      chainMessage(
        result({ seq: 1, at: null, operation: null, problem: 'truncated', reason: 'x', nextSeq: null, checkpoint: CHECKPOINT }, 0),
      ).lines[0],
    ).toBe('Every event (the trail is empty)');
    const rewritten = chainMessage(
      result({
        seq: 12,
        at: '2026-11-23T09:00:00.000Z',
        operation: 'pupils.get',
        problem: 'rewritten',
        reason: 'x',
        nextSeq: null,
        checkpoint: { ...CHECKPOINT, sourceKind: 'data_folder', source: 'senco-desk.audit-head.json' },
      }),
    );
    expect(rewritten.lines[0]).toBe('Event 12, 23/11/2026 09:00, Opened a pupil record');
    expect(rewritten.lines[1]).toBe(
      'This event’s fingerprint is not the one a checkpoint from 23/11/2026 09:00 (kept in the data folder) recorded: this event or one before it was rewritten, and the fingerprints after it recalculated.',
    );

    const agreed = chainMessage({
      ok: true,
      events: 12,
      firstBroken: null,
      checkpoints: { compared: 3, newest: CHECKPOINT, supersededByRestore: 2, otherDatabase: 1, unreadable: ['x.audit-head.json'] },
      restores: [{ seq: 8, at: '2026-11-20T10:00:00.000Z' }],
    });
    expect(agreed.notes).toEqual([
      'It agrees with all 3 checkpoints of the trail kept outside it; the newest, from 23/11/2026 09:00 (kept with the backup senco-desk-2026-11-23-090001.sqlite), recorded event 12.',
      '2 older checkpoints were set aside: they record the trail as it was before the restore from a backup on 20/11/2026 10:00. If nobody restored a backup then, treat this as tampering.',
      'One checkpoint is of another database and was not compared.',
      'These checkpoint files could not be read: x.audit-head.json.',
    ]);
  });
});
