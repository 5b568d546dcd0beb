/**
 * The access matrix, tested as a whole: every operation in the contract against every role, through the real
 * dispatcher. The dispatcher checks access before it reads the input, so each call carries a probe the input
 * schemas refuse: an allowed role gets invalid_input (it reached validation), a refused role gets forbidden (and
 * the refusal is audited). The declaration is also checked against the need-to-know policy in shared/access.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLINICAL_OPERATIONS, CLINICAL_ROLES, NO_CLINICAL_ROLES } from '../../shared/access';
import { contract, OP_NAMES, type Access } from '../../shared/contract';
import { ROLES, type Role } from '../../shared/domain';
import { openTestCore, setUp, type TestCore } from './testing/harness';
import type { accessMatrix } from './services/access';

const allows = (access: Access, role: Role) => access === 'signed_in' || (access !== 'public' && access.includes(role));
const PROBE = { __probe: 'not a field of any operation' };

describe('the access matrix', () => {
  let core: TestCore;
  const sessions = new Map<Role, string>();

  beforeAll(async () => {
    core = await openTestCore('sqlite', () => new Date('2026-11-23T09:00:00Z'));
    const senco = await setUp(core);
    sessions.set('senco', senco);
    for (const role of ROLES.filter((r) => r !== 'senco')) {
      const username = `probe.${role}`;
      const password = 'a long enough password';
      const input = { displayName: `Probe ${role}`, username, role, password };
      // A trust SEND lead's account is made by the trust's IT (the CLI's system actor), never by a school's SENCo.
      const created =
        role === 'trust_lead'
          ? await core.dispatcher.invokeAs({ kind: 'system', name: 'IT (test)', role: 'senco' }, 'users.create', input)
          : await core.dispatcher.invoke({ op: 'users.create', input, session: senco });
      expect(created.ok).toBe(true);
      const signed = (await core.dispatcher.invoke({ op: 'auth.signIn', input: { username, password } })) as {
        ok: true;
        value: { session: string };
      };
      expect(signed.ok).toBe(true);
      sessions.set(role, signed.value.session);
    }
  });
  afterAll(async () => core.cleanup());

  it('lets through exactly the roles each operation declares, for every operation and every role', async () => {
    const got: string[] = [];
    const want: string[] = [];
    for (const op of OP_NAMES) {
      const access = contract[op].access;
      if (access === 'public') continue;
      for (const role of ROLES) {
        const r = await core.dispatcher.invoke({ op, input: PROBE, session: sessions.get(role) });
        const outcome = r.ok ? 'ran' : r.error.code;
        got.push(`${op} ${role} ${outcome}`);
        want.push(`${op} ${role} ${allows(access, role) ? 'invalid_input' : 'forbidden'}`);
      }
    }
    expect(got).toEqual(want);
    expect(got.length).toBe(OP_NAMES.filter((op) => contract[op].access !== 'public').length * ROLES.length);
  });

  it('refuses every signed-in operation to a caller without a session, and lets public ones reach validation', async () => {
    for (const op of OP_NAMES) {
      const r = await core.dispatcher.invoke({ op, input: PROBE });
      expect([op, r.ok ? 'ran' : r.error.code]).toEqual([op, contract[op].access === 'public' ? 'invalid_input' : 'unauthenticated']);
    }
  });

  it('keeps clinical detail from teachers, office staff, the DSL and the headteacher', () => {
    for (const op of CLINICAL_OPERATIONS) {
      const access = contract[op].access;
      expect(access, op).not.toBe('signed_in');
      for (const role of NO_CLINICAL_ROLES) expect(allows(access, role), `${op} must not allow ${role}`).toBe(false);
      expect(allows(access, 'headteacher'), `${op} must not allow headteacher`).toBe(false);
      expect(
        CLINICAL_ROLES.some((r) => allows(access, r)),
        `${op} has a clinical role`,
      ).toBe(true);
    }
  });

  it('is shown as one matrix read from the contract', async () => {
    const r = (await core.dispatcher.invoke({ op: 'access.matrix', input: {}, session: sessions.get('teacher') })) as {
      ok: true;
      value: ReturnType<typeof accessMatrix>;
    };
    expect(r.ok).toBe(true);
    expect(r.value.map((x) => x.operation)).toEqual(OP_NAMES);
    expect(r.value.find((x) => x.operation === 'assessments.list')).toMatchObject({
      area: 'assessments',
      kind: 'read',
      clinical: true,
      audited: true,
      access: ['senco', 'therapy_lead', 'therapist'],
    });
  });

  it('audits each refusal', async () => {
    const before = await core.ds.query("SELECT COUNT(*) AS n FROM audit_event WHERE outcome = 'refused'");
    await core.dispatcher.invoke({ op: 'assessments.list', input: { pupilId: 'x' }, session: sessions.get('teacher') });
    const after = await core.ds.query("SELECT COUNT(*) AS n FROM audit_event WHERE outcome = 'refused'");
    expect(Number(after[0].n)).toBe(Number(before[0].n) + 1);
  });
});
