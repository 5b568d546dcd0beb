/**
 * The school server's change feed (sync.changes): what changed after a cursor, from the audit trail, as pupil keys
 * for the caller (never pupil ids), only for pupils in the caller's scope; a write about no one pupil says `all`;
 * signing in and reads are not changes.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PupilProfile, SessionInfo, UserSummary } from '../../shared/contract';
import { makeUpn } from '../../shared/upn';
import { pupilKey } from './services/desk';
import { openTestCore, pupilInput, setUp, testDrivers, type TestCore } from './testing/harness';

type Feed = { cursor: number; pupilKeys: string[]; all: boolean };
type R<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } };

describe.each(testDrivers())('the change feed on %s', (driver) => {
  let core: TestCore;
  let senco: string;
  const must = async <T>(session: string | null, op: string, input: unknown): Promise<T> => {
    const r = (await core.dispatcher.invoke({ op, input, session })) as R<T>;
    if (!r.ok) throw new Error(`${op}: ${JSON.stringify(r.error)}`);
    return r.value;
  };

  beforeEach(async () => {
    core = await openTestCore(driver, () => new Date('2026-11-23T09:00:00Z'));
    senco = await setUp(core);
  });
  afterEach(() => core.cleanup());

  it('gives keys for the caller’s pupils that changed, none for others, and `all` for a change about no one pupil', async () => {
    const inside = await must<PupilProfile>(senco, 'pupils.create', pupilInput({ upn: makeUpn(999, 4100, 19, 1), legalFirstName: 'Ina' }));
    const outside = await must<PupilProfile>(
      senco,
      'pupils.create',
      pupilInput({ upn: makeUpn(999, 4100, 19, 2), legalFirstName: 'Otto' }),
    );
    const tess = await must<UserSummary>(senco, 'users.create', {
      displayName: 'Tess Therapist',
      username: 'tess',
      role: 'therapist',
      password: 'therapist password',
    });
    await must(senco, 'caseload.allocate', { pupilId: inside.id, userId: tess.id, discipline: 'speech_language', startDate: '2026-09-07' });
    const t = (await must<SessionInfo>(null, 'auth.signIn', { username: 'tess', password: 'therapist password' })).session;

    const start = await must<Feed>(t, 'sync.changes', { since: null });
    expect(start).toMatchObject({ pupilKeys: [], all: false });
    expect(await must<Feed>(t, 'sync.changes', { since: start.cursor })).toEqual({ cursor: start.cursor, pupilKeys: [], all: false });

    // Reads and sign-ins are not changes.
    await must(t, 'pupils.get', { id: inside.id });
    await must(null, 'auth.signIn', { username: 'tess', password: 'therapist password' });
    expect(await must<Feed>(t, 'sync.changes', { since: start.cursor })).toMatchObject({ pupilKeys: [], all: false });

    await must(senco, 'pupils.update', { id: inside.id, ...pupilInput({ upn: inside.upn, legalFirstName: 'Ina', className: '5Q' }) });
    await must(senco, 'pupils.update', { id: outside.id, ...pupilInput({ upn: outside.upn, legalFirstName: 'Otto', className: '5Q' }) });
    const feed = await must<Feed>(t, 'sync.changes', { since: start.cursor });
    expect(feed.pupilKeys).toEqual([pupilKey(tess.id, inside.id)]);
    expect(feed.all).toBe(false);
    expect(JSON.stringify(feed)).not.toContain(inside.id);
    // The SENCo's feed has both, under keys of their own.
    const sencoFeed = await must<Feed>(senco, 'sync.changes', { since: start.cursor });
    expect(sencoFeed.pupilKeys).toHaveLength(2);
    expect(sencoFeed.pupilKeys).not.toContain(pupilKey(tess.id, inside.id));

    // A change about no one pupil (the term dates): `all`.
    await must(senco, 'terms.replaceYear', {
      academicYear: '2026/27',
      terms: [{ name: 'autumn1', startDate: '2026-09-02', endDate: '2026-10-23' }],
    });
    expect(await must<Feed>(t, 'sync.changes', { since: feed.cursor })).toMatchObject({ all: true });
  });
});
