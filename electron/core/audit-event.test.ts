/**
 * auditEvent: the one way an audit event's fields are made from who acted and what happened (the dispatcher, a
 * sign-in refused before the database was open, a restore, a migration, the trust's import and export).
 */
import { describe, expect, it } from 'vitest';
import { auditEvent } from './audit';

const at = new Date('2026-11-23T09:00:00Z');

describe('auditEvent', () => {
  it('names a signed-in user by label, id and role, and adds the transport to the detail', () => {
    const user = {
      kind: 'user',
      userId: 'u-1',
      username: 'sam.senco',
      displayName: 'Sam Senco',
      role: 'senco',
      via: 'senco-desk CLI',
    } as const;
    expect(
      auditEvent({ at, actor: user, operation: 'pupils.update', pupilId: 'p-1', outcome: 'ok', detail: { fields: ['tutor'] } }),
    ).toEqual({
      at: '2026-11-23T09:00:00.000Z',
      userId: 'u-1',
      actor: 'Sam Senco (sam.senco)',
      role: 'senco',
      operation: 'pupils.update',
      pupilId: 'p-1',
      outcome: 'ok',
      detail: JSON.stringify({ fields: ['tutor'], via: 'senco-desk CLI' }),
    });
  });

  it('records the CLI with no one signed in by name and role, nobody signed in as such, and no detail as null', () => {
    const system = { kind: 'system', name: 'senco-desk CLI (OS account it)', role: 'senco' } as const;
    expect(auditEvent({ at, actor: system, operation: 'demo.load', outcome: 'ok' })).toEqual({
      at: '2026-11-23T09:00:00.000Z',
      userId: null,
      actor: 'senco-desk CLI (OS account it)',
      role: 'senco',
      operation: 'demo.load',
      pupilId: null,
      outcome: 'ok',
      detail: null,
    });
    const nobody = auditEvent({
      at: '2026-11-23T09:00:00.000Z',
      actor: { kind: 'anonymous', via: 'senco-desk CLI' },
      operation: 'auth.signIn',
      outcome: 'refused',
    });
    expect(nobody).toMatchObject({ userId: null, actor: 'not signed in', role: null, detail: JSON.stringify({ via: 'senco-desk CLI' }) });
  });

  it('records work no actor did (a migration, a restore) under the name given, with no user or role', () => {
    const e = auditEvent({ at, actor: 'senco-desk restore', operation: 'backup.restore', outcome: 'ok', detail: { from: 'b.sdbak' } });
    expect(e).toMatchObject({ userId: null, actor: 'senco-desk restore', role: null, pupilId: null, detail: '{"from":"b.sdbak"}' });
    // An empty summary is still a summary ("{}"), as the dispatcher has always stored it.
    expect(auditEvent({ at, actor: 'x', operation: 'y', outcome: 'ok', detail: {} }).detail).toBe('{}');
  });
});
