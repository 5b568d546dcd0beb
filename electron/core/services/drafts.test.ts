/**
 * Drafts (issue 17, item 3): a user's unsaved typing is kept in the store until saved or discarded. Each user reads,
 * replaces and discards only their own; a draft about a pupil is read back only while its author may still see that
 * pupil (need-to-know); every save and discard is in the audit trail, naming the pupil and the form, never the text.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Draft, PupilProfile, UserSummary } from '../../../shared/contract';
import { makeUpn } from '../../../shared/upn';
import { AuditEventEntity } from '../db/entities';
import { openTestCore, pupilInput, setUp, SYSTEM, testDrivers, type TestCore } from '../testing/harness';

type R<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string; fields?: Record<string, string> } };

describe.each(testDrivers())('drafts on %s', (driver) => {
  let core: TestCore;
  let senco: string;
  let tess: string;
  let ada: PupilProfile;
  let ben: PupilProfile;
  let now = new Date('2026-11-23T10:30:00Z');
  const call = <T>(session: string, op: string, input: unknown) => core.dispatcher.invoke({ op, input, session }) as Promise<R<T>>;
  const must = async <T>(session: string, op: string, input: unknown): Promise<T> => {
    const r = await call<T>(session, op, input);
    if (!r.ok) throw new Error(`${op}: ${JSON.stringify(r.error)}`);
    return r.value;
  };
  const key = () => `ehcp.plan:${ada.id}`;
  const typed = JSON.stringify({ sectionA: { views: 'Synthetic: Ada likes the quiet room at lunchtime.' } });

  beforeEach(async () => {
    now = new Date('2026-11-23T10:30:00Z');
    core = await openTestCore(driver, () => now);
    senco = await setUp(core);
    ada = await must<PupilProfile>(
      senco,
      'pupils.create',
      pupilInput({ upn: makeUpn(999, 4500, 19, 1), legalFirstName: 'Ada', legalLastName: 'Draft-Test' }),
    );
    ben = await must<PupilProfile>(
      senco,
      'pupils.create',
      pupilInput({ upn: makeUpn(999, 4500, 19, 2), legalFirstName: 'Ben', legalLastName: 'Draft-Test' }),
    );
    const therapist = await must<UserSummary>(senco, 'users.create', {
      displayName: 'Tess Therapist',
      username: 'tess',
      role: 'therapist',
      password: 'a long enough password',
    });
    await must(senco, 'caseload.allocate', { pupilId: ada.id, userId: therapist.id, startDate: '2026-09-07' });
    tess = (await must<{ session: string }>('', 'auth.signIn', { username: 'tess', password: 'a long enough password' })).session;
  });
  afterEach(async () => core.cleanup());

  it('keeps a draft until it is discarded, replacing it on each save', async () => {
    expect(await must(tess, 'drafts.get', { key: key(), pupilId: ada.id })).toBeNull();
    expect(await must(tess, 'drafts.save', { key: key(), pupilId: ada.id, payload: typed })).toEqual({
      updatedAt: '2026-11-23T10:30:00.000Z',
    });
    now = new Date('2026-11-23T10:32:00Z');
    const again = JSON.stringify({ sectionA: { views: 'Synthetic: Ada likes the quiet room and the library.' } });
    await must(tess, 'drafts.save', { key: key(), pupilId: ada.id, payload: again });
    expect(await must<Draft>(tess, 'drafts.get', { key: key(), pupilId: ada.id })).toEqual({
      key: key(),
      pupilId: ada.id,
      payload: again,
      updatedAt: '2026-11-23T10:32:00.000Z',
    });
    expect(await core.ds.query('SELECT COUNT(*) AS n FROM draft')).toEqual([{ n: driver === 'postgres' ? '1' : 1 }]);
    expect(await must(tess, 'drafts.discard', { key: key(), pupilId: ada.id })).toEqual({ discarded: true });
    expect(await must(tess, 'drafts.get', { key: key(), pupilId: ada.id })).toBeNull();
    // Nothing left to discard is not an error (the form was saved twice, or discarded in another window).
    expect(await must(tess, 'drafts.discard', { key: key(), pupilId: ada.id })).toEqual({ discarded: false });
    // A form about no pupil (a new session, a staff check) keeps its draft too.
    await must(tess, 'drafts.save', { key: 'sessions.schedule:new', pupilId: null, payload: '{"title":"Language group"}' });
    expect(await must<Draft>(tess, 'drafts.get', { key: 'sessions.schedule:new', pupilId: null })).toMatchObject({
      payload: '{"title":"Language group"}',
    });
  });

  it('is its author’s alone: no one else reads, replaces or discards it', async () => {
    await must(tess, 'drafts.save', { key: key(), pupilId: ada.id, payload: typed });
    // The SENCo may see Ada, but not Tess's typing: the same form is their own draft, separate.
    expect(await must(senco, 'drafts.get', { key: key(), pupilId: ada.id })).toBeNull();
    await must(senco, 'drafts.save', { key: key(), pupilId: ada.id, payload: '{"sectionA":{"views":"The SENCo’s own words."}}' });
    expect(await must(senco, 'drafts.discard', { key: key(), pupilId: ada.id })).toEqual({ discarded: true });
    expect(await must<Draft>(tess, 'drafts.get', { key: key(), pupilId: ada.id })).toMatchObject({ payload: typed });
    // Asked for under another pupil, the draft is not this form's: nothing is shown.
    expect(await must(senco, 'drafts.get', { key: key(), pupilId: ben.id })).toBeNull();
    // The admin CLI acts as no one: it keeps no drafts.
    expect(await core.dispatcher.invokeAs(SYSTEM, 'drafts.get', { key: key(), pupilId: ada.id })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });

  it('is read back only while its author may still see the pupil (need-to-know)', async () => {
    // Ben is not on Tess's caseload: no draft about him is kept, read or discarded.
    expect(await call(tess, 'drafts.save', { key: `ehcp.plan:${ben.id}`, pupilId: ben.id, payload: typed })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    await must(tess, 'drafts.save', { key: key(), pupilId: ada.id, payload: typed });
    // Ada leaves Tess's caseload: the draft about her is no longer Tess's to read.
    const [allocation] = await must<{ id: string }[]>(senco, 'caseload.allocations', { pupilId: ada.id });
    await must(senco, 'caseload.endAllocation', { id: allocation!.id, endDate: '2026-11-20' });
    const refused = await call(tess, 'drafts.get', { key: key(), pupilId: ada.id });
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(JSON.stringify(refused)).not.toContain('quiet room');
    // ...nor under no pupil at all (the draft was saved about Ada).
    expect(await must(tess, 'drafts.get', { key: key(), pupilId: null })).toBeNull();
    // Back on the caseload, it is there again.
    await must(senco, 'caseload.allocate', {
      pupilId: ada.id,
      userId: (await must<{ user: { id: string } }>(tess, 'auth.me', {})).user.id,
      startDate: '2026-11-23',
    });
    expect(await must<Draft>(tess, 'drafts.get', { key: key(), pupilId: ada.id })).toMatchObject({ payload: typed });
  });

  it('lists the caller’s own drafts of the forms named in one call, only about pupils they may see now', async () => {
    const sessionKey = 'sessions.record:s-1';
    await must(tess, 'drafts.save', { key: key(), pupilId: ada.id, payload: typed });
    await must(tess, 'drafts.save', { key: sessionKey, pupilId: null, payload: '{"pupils":[]}' });
    await must(tess, 'drafts.save', { key: 'sessions.schedule:new', pupilId: null, payload: '{"title":"Not asked about"}' });
    // The SENCo's own draft of the same form is theirs, never in Tess's list (and Ben is not Tess's to see).
    await must(senco, 'drafts.save', { key: key(), pupilId: ada.id, payload: '{"sectionA":{"views":"The SENCo’s own words."}}' });
    await must(senco, 'drafts.save', { key: `ehcp.plan:${ben.id}`, pupilId: ben.id, payload: '{"sectionA":{"views":"About Ben."}}' });
    const listed = await must<Draft[]>(tess, 'drafts.list', {
      keys: [key(), sessionKey, `ehcp.plan:${ben.id}`, 'sessions.record:none', key()],
    });
    expect(listed).toEqual([
      { key: key(), pupilId: ada.id, payload: typed, updatedAt: '2026-11-23T10:30:00.000Z' },
      { key: sessionKey, pupilId: null, payload: '{"pupils":[]}', updatedAt: '2026-11-23T10:30:00.000Z' },
    ]);
    expect((await must<Draft[]>(senco, 'drafts.list', { keys: [key(), `ehcp.plan:${ben.id}`] })).map((d) => d.payload)).toEqual([
      '{"sectionA":{"views":"The SENCo’s own words."}}',
      '{"sectionA":{"views":"About Ben."}}',
    ]);
    // Ada leaves Tess's caseload: her draft is left out of the list (still kept, as with drafts.get), the rest shown.
    const [allocation] = await must<{ id: string }[]>(senco, 'caseload.allocations', { pupilId: ada.id });
    await must(senco, 'caseload.endAllocation', { id: allocation!.id, endDate: '2026-11-20' });
    const after = await must<Draft[]>(tess, 'drafts.list', { keys: [key(), sessionKey] });
    expect(after.map((d) => d.key)).toEqual([sessionKey]);
    expect(JSON.stringify(after)).not.toContain('quiet room');
    // The admin CLI acts as no one; an empty or oversized list, or a bad key, is refused saying what is wrong.
    expect(await core.dispatcher.invokeAs(SYSTEM, 'drafts.list', { keys: [key()] })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await call(tess, 'drafts.list', { keys: [] })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await call(tess, 'drafts.list', { keys: Array.from({ length: 201 }, (_, i) => `sessions.record:s${i}`) })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(await call(tess, 'drafts.list', { keys: ['not a key'] })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', fields: { 'keys.0': expect.stringMatching(/names a form and a record/) } },
    });
  });

  it('audits a list as one read, naming the pupil when there is one and counting the drafts, never the text', async () => {
    await must(tess, 'drafts.save', { key: key(), pupilId: ada.id, payload: typed });
    await must(tess, 'drafts.save', { key: 'sessions.record:s-1', pupilId: null, payload: '{"pupils":[]}' });
    await must(tess, 'drafts.list', { keys: [key(), 'sessions.record:s-1'] });
    await must(tess, 'drafts.list', { keys: ['sessions.record:s-2'] });
    const events = (await core.ds.getRepository(AuditEventEntity).find({ order: { seq: 'ASC' } })).filter(
      (e) => e.operation === 'drafts.list',
    );
    expect(events.map((e) => [e.pupilId, e.outcome, e.detail])).toEqual([
      [ada.id, 'ok', '{"forms":"ehcp.plan,sessions.record","drafts":2}'],
      [null, 'ok', '{"forms":"sessions.record","drafts":0}'],
    ]);
  });

  it('audits each save and discard naming the pupil and the form, never the text', async () => {
    await must(tess, 'drafts.save', { key: key(), pupilId: ada.id, payload: typed });
    await must(tess, 'drafts.get', { key: key(), pupilId: ada.id });
    await must(tess, 'drafts.discard', { key: key(), pupilId: ada.id });
    const events = (await core.ds.getRepository(AuditEventEntity).find({ order: { seq: 'ASC' } })).filter((e) =>
      e.operation.startsWith('drafts.'),
    );
    expect(events.map((e) => [e.operation, e.pupilId, e.outcome, e.detail])).toEqual([
      ['drafts.save', ada.id, 'ok', '{"form":"ehcp.plan"}'],
      ['drafts.get', ada.id, 'ok', '{"form":"ehcp.plan"}'],
      ['drafts.discard', ada.id, 'ok', '{"form":"ehcp.plan"}'],
    ]);
  });

  it('changes no record: a connected desk’s change feed does not send desks to fetch again for a draft', async () => {
    const { cursor } = await must<{ cursor: number }>(senco, 'sync.changes', { since: null });
    await must(tess, 'drafts.save', { key: key(), pupilId: ada.id, payload: typed });
    await must(tess, 'drafts.save', { key: 'sessions.schedule:new', pupilId: null, payload: '{}' });
    await must(tess, 'drafts.discard', { key: key(), pupilId: ada.id });
    expect(await must(senco, 'sync.changes', { since: cursor })).toMatchObject({ pupilKeys: [], all: false });
  });

  it('refuses a bad key or a payload that is not JSON, keeping nothing', async () => {
    const badKey = await call(tess, 'drafts.save', { key: 'not a key', pupilId: null, payload: '{}' });
    expect(badKey).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', fields: { key: expect.stringMatching(/names a form and a record/) } },
    });
    const badJson = await call(tess, 'drafts.save', { key: key(), pupilId: ada.id, payload: '{"unfinished' });
    expect(badJson).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', fields: { payload: expect.stringMatching(/not a form’s values/) } },
    });
    expect(
      await call(senco, 'drafts.save', { key: 'ehcp.plan:gone', pupilId: '00000000-0000-4000-8000-000000000000', payload: '{}' }),
    ).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await core.ds.query('SELECT id FROM draft')).toEqual([]);
  });
});
