/**
 * The dispatcher refuses, for every transport, any input holding a string the database could not store exactly (a
 * lone UTF-16 surrogate, a control character) or nested deeper than any form, naming the field, before the schema
 * and before anything is written or audited. The regression this guards: a teacher's `pupilId` of "x\ud800y" was
 * refused as out of scope, the refusal audited with a hash of the string as sent, and SQLite stored U+FFFD instead,
 * so the chain reported "changed" from then on.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findUnstorable, isWellFormed, storableText, unstorableChar } from '../../shared/storable';
import { verifyAuditChain } from './audit';
import { openCoreAt } from './core';
import { CoreGate } from './gate';
import { openTestCore, pupilInput, SCHOOL, setUp, SYSTEM, testDrivers, type TestCore } from './testing/harness';

describe('shared/storable', () => {
  it('finds lone surrogates (either half, at either end) and control characters, and accepts pairs, tabs and line breaks', () => {
    expect(isWellFormed('Zoë 😀 Смирнов')).toBe(true);
    expect(unstorableChar('Zoë 😀\tline\r\nbreak')).toBeNull();
    expect(unstorableChar('x\ud800y')).toEqual({ kind: 'ill_formed', codePoint: 'U+D800', index: 1 });
    expect(unstorableChar('\udc00')).toEqual({ kind: 'ill_formed', codePoint: 'U+DC00', index: 0 });
    expect(unstorableChar('ab\udbff')).toEqual({ kind: 'ill_formed', codePoint: 'U+DBFF', index: 2 });
    expect(unstorableChar('\ude00\ud83d')).toMatchObject({ codePoint: 'U+DE00', index: 0 }); // a pair the wrong way round
    expect(unstorableChar('a\u0000b')).toEqual({ kind: 'control', codePoint: 'U+0000', index: 1 });
    expect(unstorableChar('a\u001bb\ud800')).toMatchObject({ kind: 'control', codePoint: 'U+001B' });
    expect(storableText('x\ud800y\u0000😀')).toBe('x\uFFFDy\uFFFD😀');
    expect(storableText('plain')).toBe('plain');
  });

  it('walks values and field names at any depth, without recursion', () => {
    expect(findUnstorable({ a: [{ b: 'ok' }, { c: ['fine', 'x\udfff'] }] })).toMatchObject({
      path: ['a', 1, 'c', 1],
      inKey: false,
      kind: 'ill_formed',
    });
    expect(findUnstorable({ a: { ['k\ud800']: 1 } })).toMatchObject({ path: ['a'], inKey: true, kind: 'ill_formed' });
    expect(findUnstorable({ first: '\u0007', second: '\ud800' })).toMatchObject({ path: ['first'], kind: 'control' });
    let deep: unknown = 'x';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findUnstorable(deep)).toMatchObject({ kind: 'too_deep', path: { length: 32 } });
    expect(findUnstorable({ n: 1, b: true, z: null, s: 'ok' })).toBeNull();
  });
});

describe('the gate, before the first sign-in opens an encrypted folder', () => {
  it('refuses an ill-formed username naming the field, as the dispatcher would', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'senco-gate-'));
    try {
      const core = await openCoreAt(dir, { SENCO_ENCRYPT: '1' }, { credentials: null });
      await setUp(core);
      await core.close();
      const gate = await CoreGate.open(dir, { SENCO_ENCRYPT: '1' });
      try {
        expect(gate.locked).toBe(true);
        const r = await gate.invoke({ op: 'auth.signIn', input: { username: 'sam.senco\ud800', password: 'whatever password' } });
        expect(r).toMatchObject({
          ok: false,
          error: { code: 'invalid_input', fields: { username: expect.stringMatching(/broken character \(U\+D800/) } },
        });
        expect(gate.locked).toBe(true);
      } finally {
        await gate.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.each(testDrivers())('the dispatcher refuses unstorable input on %s', (driver) => {
  let core: TestCore;
  let senco: string;
  const as = (session: string | null) => (op: string, input: unknown) => core.dispatcher.invoke({ op, input, session });
  const events = async () => Number(((await core.ds.query('SELECT COUNT(*) AS n FROM audit_event')) as { n: number | string }[])[0]!.n);

  beforeEach(async () => {
    core = await openTestCore(driver);
    senco = await setUp(core);
  });
  afterEach(async () => core.cleanup());

  async function teacherSession(): Promise<string> {
    expect(
      (
        await as(senco)('users.create', {
          displayName: 'Tia Teacher',
          username: 'tia.teacher',
          role: 'teacher',
          password: 'long enough password',
        })
      ).ok,
    ).toBe(true);
    const s = await as(null)('auth.signIn', { username: 'tia.teacher', password: 'long enough password' });
    if (!s.ok) throw new Error(s.error.message);
    return (s.value as { session: string }).session;
  }

  it('refuses a teacher’s ill-formed pupilId naming the field, audits nothing, and the chain stays intact', async () => {
    const teacher = await teacherSession();
    const before = await events();
    for (const id of ['x\ud800y', '\udc00', 'abc\udbff']) {
      const r = await as(teacher)('pupils.get', { id });
      expect(r).toMatchObject({
        ok: false,
        error: {
          code: 'invalid_input',
          fields: { id: expect.stringMatching(/^This contains a broken character \(U\+D[89ABC][0F]{2}: half of a pair/) },
        },
      });
      expect(!r.ok && r.error.message).toMatch(
        /^Some details need correcting: see the messages beside the fields\. id: This contains a broken character/,
      );
    }
    expect(await events()).toBe(before);
    expect(await core.ds.transaction((em) => verifyAuditChain(em))).toMatchObject({ ok: true, firstBroken: null });
  });

  it('names nested fields and field names, refuses control characters and over-deep input, on every entry (IPC, test host, CLI)', async () => {
    const contact = await as(senco)(
      'pupils.create',
      pupilInput({ contacts: [{ name: 'Jo\udc00', relationship: 'mother', phone: null, email: null, parentalResponsibility: true }] }),
    );
    expect(contact).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', fields: { 'contacts.0.name': expect.stringMatching(/broken character \(U\+DC00/) } },
    });
    const key = await as(senco)('pupils.create', { ...pupilInput(), ['legalFirstName\ud800']: 'x' });
    expect(key).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', fields: { _: expect.stringMatching(/^A field name here contains a broken character/) } },
    });
    const bell = await as(senco)('school.update', { ...SCHOOL, name: 'Oakfield\u0007' });
    expect(bell).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', fields: { name: expect.stringMatching(/control character \(U\+0007\)/) } },
    });
    let deep: unknown = {};
    for (let i = 0; i < 40; i++) deep = { a: deep };
    const nested = await as(senco)('pupils.list', deep);
    expect(nested).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringMatching(/nested more than 32 levels/) },
    });
    // The CLI's way in (a system actor) is the same door.
    const cli = await core.dispatcher.invokeAs(SYSTEM, 'pupils.get', { id: 'x\ud800' } as never);
    expect(!cli.ok && cli.error.fields).toEqual({ id: expect.stringMatching(/broken character/) });
    // The operation name itself.
    const op = await as(senco)('pupils.get\ud800', { id: 'x' });
    expect(op).toMatchObject({
      ok: false,
      error: {
        code: 'invalid_input',
        fields: { op: expect.stringMatching(/operation name contains a character that is not valid text \(U\+D800\)/) },
      },
    });
    // Well-formed text outside basic Latin, pairs included, tabs and line breaks: accepted, and the chain holds.
    expect((await as(senco)('school.update', { ...SCHOOL, name: 'Oakfield 🌳 Primary — Смирнов' })).ok).toBe(true);
    expect(await core.ds.transaction((em) => verifyAuditChain(em))).toMatchObject({ ok: true });
  });
});
