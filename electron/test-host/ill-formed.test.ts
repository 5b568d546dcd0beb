/**
 * Issue 14, items 1 and 2, end to end through the browser edition's HTTP transport (the gate and the test host, as
 * `senco-desk serve` runs them, on an encrypted data folder): signed in as a teacher, 1,000 payloads with ill-formed
 * strings (lone UTF-16 surrogates) in every string field of every operation in the contract (fields found by walking
 * the zod schemas: nested objects, lists, record keys, union branches), in operation names, and in field names.
 * Each is refused, naming the field, and then `senco-desk audit verify` exits 0. Deleting the last audit event (raw
 * SQL on the encrypted SQLite file) then makes it exit 1, naming truncation.
 *
 * Before the fix, a teacher's ill-formed pupilId was refused as out of scope and the refusal audited with a hash of
 * the string as sent, while SQLite stored U+FFFD: verify failed ("changed"). And deleting the last event passed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, OP_NAMES, type AuditChainResult, type OpName } from '../../shared/contract';
import { openCoreAt } from '../core/core';
import { CoreGate } from '../core/gate';
import { pupilInput, SCHOOL, SENCO_USER } from '../core/testing/harness';
import { sampleInput, stringPaths } from '../core/testing/schema-walk';
import { cli } from '../cli/test-support';
import { startTestHost, type TestHost } from './server';

/** Lone surrogates: high or low, alone, at either end, in the middle, and a pair the wrong way round. */
const ILL_FORMED = ['x\ud800y', '\udc00', 'end\udbff', '\udfff\ud800', 'a\ud83d', '\ude00b', 'Zo\ud83d\u00eb'];
const TEACHER = { displayName: 'Tia Teacher', username: 'tia.teacher', password: 'long enough password' };
const ENV = { SENCO_ENCRYPT: '1' };
const SENCO_ENV = { ...ENV, SENCO_USERNAME: SENCO_USER.username, SENCO_PASSWORD: SENCO_USER.password };
const PAYLOADS = 1000;

type Path = readonly (string | number)[];

interface Payload {
  /** The operation under test (the name sent may be an ill-formed variant of it). */
  readonly base: OpName;
  readonly op: string;
  readonly input: unknown;
  /** The field paths (joined with dots) a refusal may name: where the ill-formed strings are. */
  readonly fields: readonly string[];
}

describe('ill-formed text through the browser edition, then audit verify', () => {
  let tmp: string;
  let data: string;
  let gate: CoreGate;
  let host: TestHost;
  let pupilId: string;

  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'senco-ill-formed-'));
    data = join(tmp, 'data');
    // Set up as a new installation does: an encrypted folder, the school and its SENCo, a teacher, a pupil.
    const core = await openCoreAt(data, ENV, { credentials: null });
    try {
      expect(core.keys).not.toBeNull();
      const setup = await core.dispatcher.invoke({ op: 'setup.initialise', input: { school: SCHOOL, user: SENCO_USER } });
      if (!setup.ok) throw new Error(setup.error.message);
      const senco = (setup.value as { session: string }).session;
      const as = (op: string, input: unknown) => core.dispatcher.invoke({ op, input, session: senco });
      expect((await as('users.create', { ...TEACHER, role: 'teacher' })).ok).toBe(true);
      const pupil = await as('pupils.create', pupilInput());
      if (!pupil.ok) throw new Error(pupil.error.message);
      pupilId = (pupil.value as { id: string }).id;
    } finally {
      await core.close();
    }
    gate = await CoreGate.open(data, ENV);
    expect(gate.locked).toBe(true);
    host = await startTestHost({ dispatcher: gate, rendererDir: tmp });
  });
  afterAll(async () => {
    await host?.close();
    await gate?.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  async function post(
    envelope: unknown,
  ): Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string; fields?: Record<string, string> } }> {
    const res = await fetch(`http://127.0.0.1:${host.port}/api/invoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${host.token}` },
      body: JSON.stringify(envelope),
    });
    expect(res.status).toBe(200);
    return (await res.json()) as never;
  }

  /** A plausible value for a string field that is not the one under test, so the schema gets as far as it can. */
  function plausible(path: Path): string {
    const last = String(path[path.length - 1] ?? '');
    if (last === '<key>') return 'x'; // as stringPaths names a record's entry
    if (/id$/i.test(last)) return pupilId;
    if (/date|from|to$/i.test(last)) return '2026-11-23';
    return 'Sample text';
  }

  const key = (path: Path) =>
    path
      .filter((p) => p !== '<key>')
      .map(String)
      .join('.');

  /** Every payload: ill-formed operation names, every string of every operation at once, then each field alone. */
  function payloads(): Payload[] {
    const out: Payload[] = [];
    const ops = OP_NAMES as readonly OpName[];
    for (const [i, op] of ops.entries()) out.push({ base: op, op: `${op}${ILL_FORMED[i % ILL_FORMED.length]}`, input: {}, fields: ['op'] });
    for (const [i, op] of ops.entries()) {
      const schema = contract[op].input;
      const bad = ILL_FORMED[i % ILL_FORMED.length]!;
      const paths = stringPaths(schema);
      if (!paths.length) {
        // No string fields: an ill-formed field name.
        out.push({ base: op, op, input: { [`field${bad}`]: 'value' }, fields: ['_'] });
        continue;
      }
      out.push({
        base: op,
        op,
        input: sampleInput(schema, () => bad),
        fields: paths.map((p) => (p[p.length - 1] === '<key>' ? key(p.slice(0, -1)) || '_' : key(p))),
      });
    }
    // Each string field alone (in each branch of a union), with the other fields plausible, round the variants.
    const single: Payload[] = [];
    for (const op of ops) {
      const schema = contract[op].input;
      for (let variant = 0; variant < 3; variant++) {
        for (const target of stringPaths(schema, variant)) {
          const targetKey = key(target);
          if (single.some((p) => p.op === op && p.fields[0] === targetKey && variant > 0)) continue;
          const isKey = target[target.length - 1] === '<key>';
          single.push({
            base: op,
            op,
            input: sampleInput(
              schema,
              (p) => (key(p) === targetKey && (p[p.length - 1] === '<key>') === isKey ? '\u0000' : plausible(p)),
              variant,
            ),
            fields: [isKey ? key(target.slice(0, -1)) || '_' : targetKey],
          });
        }
      }
    }
    let round = 0;
    while (out.length < PAYLOADS) {
      for (const p of single) {
        if (out.length >= PAYLOADS) break;
        const bad = ILL_FORMED[(round + out.length) % ILL_FORMED.length]!;
        out.push({ ...p, input: JSON.parse(JSON.stringify(p.input).replace(/\\u0000/g, JSON.stringify(bad).slice(1, -1))) as unknown });
      }
      round++;
    }
    return out.slice(0, PAYLOADS);
  }

  it('refuses 1,000 ill-formed payloads from a teacher, naming the field; audit verify passes; deleting the last event is truncation', async () => {
    const signIn = await post({ op: 'auth.signIn', input: { username: TEACHER.username, password: TEACHER.password } });
    expect(signIn.ok).toBe(true);
    const session = (signIn.value as { session: string }).session;
    expect(gate.locked).toBe(false);

    const all = payloads();
    expect(all).toHaveLength(PAYLOADS);
    // Every operation of the contract is covered, and every string path of it.
    expect(new Set(all.map((p) => p.base))).toEqual(new Set(OP_NAMES));
    for (const op of OP_NAMES) {
      const covered = new Set(all.filter((p) => p.base === op && p.op === op).flatMap((p) => p.fields));
      for (const path of stringPaths(contract[op].input))
        expect(covered, op).toContain(path[path.length - 1] === '<key>' ? key(path.slice(0, -1)) || '_' : key(path));
    }
    const counts = { invalid_input: 0, forbidden: 0 };
    for (let i = 0; i < all.length; i += 10) {
      const batch = all.slice(i, i + 10);
      const replies = await Promise.all(batch.map((p) => post({ op: p.op, input: p.input, session })));
      replies.forEach((r, j) => {
        const p = batch[j]!;
        expect(r.ok, `${JSON.stringify(p.op)} ${JSON.stringify(p.input)}`).toBe(false);
        const code = r.error!.code;
        // An ill-formed operation name, and the teacher's own operations: refused as invalid input, naming one of the
        // ill-formed fields. The others: refused for the role first (audited, naming no input).
        const access = contract[p.base].access;
        const teacherMay = access === 'public' || access === 'signed_in' || access.includes('teacher');
        expect(code, `${JSON.stringify(p.op)}: ${r.error!.message}`).toBe(p.op !== p.base || teacherMay ? 'invalid_input' : 'forbidden');
        if (code === 'invalid_input') {
          expect(p.fields, `${JSON.stringify(p.op)}: ${JSON.stringify(r.error!.fields)}`).toContain(Object.keys(r.error!.fields ?? {})[0]);
          expect(Object.values(r.error!.fields ?? {})[0]).toMatch(/broken character|control character|operation name contains a character/);
        }
        counts[code as keyof typeof counts]++;
      });
    }
    expect(counts.invalid_input).toBeGreaterThan(OP_NAMES.length);
    await host.close();
    await gate.close();

    const verify = async () => {
      const r = await cli(['audit', 'verify', '--data', data, '--json'], { env: SENCO_ENV });
      return { code: r.code, doc: JSON.parse(r.stdout) as AuditChainResult, stderr: r.stderr };
    };
    const intact = await verify();
    expect(intact.doc.firstBroken).toBeNull();
    expect(intact.code).toBe(0);
    expect(intact.doc.checkpoints.newest).toMatchObject({ seq: intact.doc.events, sourceKind: 'data_folder' });

    // Someone with the database key deletes the newest event.
    const core = await openCoreAt(data, SENCO_ENV);
    try {
      expect(core.store).toMatchObject({ kind: 'sqlite', key: expect.stringMatching(/^x'/) });
      await core.ds.query('DELETE FROM audit_event WHERE seq = (SELECT MAX(seq) FROM audit_event)');
    } finally {
      await core.close();
    }
    const cut = await verify();
    expect(cut.code).toBe(1);
    expect(cut.doc.firstBroken).toMatchObject({
      problem: 'truncated',
      seq: intact.doc.events,
      checkpoint: { seq: intact.doc.events, sourceKind: 'data_folder' },
    });
    expect(cut.stderr).toBe(`senco-desk: the audit trail is cut short (truncated) at event ${intact.doc.events}.\n`);
    const words = await cli(['audit', 'verify', '--data', data], { env: SENCO_ENV });
    expect(words.code).toBe(1);
    // Signing in to check appended a new event where the deleted one was: the trail was cut back and then went on, which
    // is named as truncation too (and the data folder's checkpoint was not moved over the evidence).
    expect(words.stdout).toContain(
      `recorded event ${intact.doc.events}, but the trail's event ${intact.doc.events} is another one, written later`,
    );
  }, 120_000);
});
