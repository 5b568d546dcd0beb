import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PupilRow } from '../../shared/contract';
import { DEMO_PASSWORD } from '../core/demo';
import { AS_DEMO_SENCO, cli, tempDir } from './test-support';

describe('senco-desk demo --size small', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeAll(() => {
    tmp = tempDir();
  });
  afterAll(() => tmp.remove());

  const listJson = async (data: string, ...args: string[]) => {
    const r = await cli(['pupils', 'list', '--data', data, '--json', ...args], { env: AS_DEMO_SENCO });
    expect(r.code).toBe(0);
    return JSON.parse(r.stdout) as { total: number; rows: PupilRow[] };
  };

  it('creates the expected counts, and the same pupils (names, UPNs, ids) on a second run in another folder', async () => {
    const a = join(tmp.dir, 'a');
    const b = join(tmp.dir, 'b');
    const first = await cli(['demo', '--size', 'small', '--data', a, '--json']);
    expect(first.code).toBe(0);
    const doc = JSON.parse(first.stdout);
    expect(doc).toMatchObject({
      ok: true,
      size: 'small',
      setUpSchool: true,
      pupils: 60,
      formerPupils: 2,
      ehcp: 2,
      senSupport: 10,
      password: { source: 'default', value: DEMO_PASSWORD },
    });
    expect(doc.staff.map((s: { username: string }) => s.username)).toEqual(['senco', 'therapist1', 'teacher1']);

    const second = await cli(['demo', '--size', 'small', '--data', b]);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/60 pupils \(2 with an EHC plan, 10 on SEN support\), 2 former pupils/);
    expect(second.stdout).toContain(`"${DEMO_PASSWORD}"`);
    expect(second.stdout).toMatch(
      /therapy: 10 pupils on Universal, 1 Targeted, 1 Specific \(1 without progress\); \d+ referrals, \d+ assessments, 3 individual pupil plans \(\d+ reviews\); \d+ caseload allocations \(each therapist to the pupils they see\)\n/,
    );
    expect(doc).toMatchObject({
      bands: { universal: 10, targeted: 1, specific: 1 },
      flaggedSpecific: 1,
      ipps: 3,
      placements: 0,
      allocations: expect.any(Number),
    });
    expect(doc.allocations).toBeGreaterThan(0);
    expect(doc.sessions).toMatchObject({ years: ['2026/27'], sessions: 574, series: 23 });
    expect(second.stdout).toMatch(
      /\n {2}sessions: 574 therapy sessions in 2026\/27 \(23 series; [\d,]+ attended, \d+ absent, \d+ cancelled, [\d,]+ not recorded: still to record or to come\)\n/,
    );
    expect(doc.reviews).toEqual({
      meetings: 21,
      held: 17,
      planned: 4,
      byKind: { plan: 8, band: 11, midpoint: 0, annual: 2 },
      decisions: 18,
      actions: 35,
      actionsOpen: 1,
      actionsOverdue: 0,
      parentUpdates: 37,
    });
    expect(second.stdout).toMatch(
      /\n {2}reviews: 21 review meetings \(8 plan, 11 band and termly SEN support, 2 EHC plan annual; 4 planned\), 18 decisions, 35 actions \(1 open on 1 October, 0 of them overdue\), 37 updates to parents\n/,
    );

    const listA = await listJson(a, '--former', '--limit', '500');
    const listB = await listJson(b, '--former', '--limit', '500');
    expect(listA.total).toBe(62);
    expect(listA.rows.slice(0, 10)).toEqual(listB.rows.slice(0, 10));
    expect(listA.rows.map((p) => p.upn)).toEqual(listB.rows.map((p) => p.upn));
    expect((await listJson(a)).total).toBe(60);
    expect((await listJson(a, '--status', 'E')).total).toBe(2);
    expect((await listJson(a, '--status', 'K')).total).toBe(10);
    expect(listA.rows.every((p) => /^[A-Z]999410\d{6}$/.test(p.upn))).toBe(true);

    // The EHC data is the same too: plans, reviews and requests give the same deadlines, item for item.
    const clocks = async (data: string) => {
      const r = await cli(['clocks', '--data', data, '--json', '--include-done'], { env: AS_DEMO_SENCO });
      expect(r.code).toBe(0);
      return JSON.parse(r.stdout) as { items: { id: string; dueDate: string; state: string; ownerName: string | null }[] };
    };
    const [ca, cb] = [await clocks(a), await clocks(b)];
    expect(ca.items.length).toBeGreaterThan(2);
    expect(ca.items.map((i) => [i.id, i.dueDate, i.state])).toEqual(cb.items.map((i) => [i.id, i.dueDate, i.state]));
    expect(doc).toMatchObject({ ehcPlans: 2, assessmentRequests: 2, calendarYears: ['2025/26', '2026/27'] });
  });

  it('refuses to load the same demo twice into one folder, and a bad size', async () => {
    const c = join(tmp.dir, 'c');
    expect((await cli(['demo', '--size', 'small', '--data', c], { env: { SENCO_PASSWORD: 'another long password' } })).code).toBe(0);
    const again = await cli(['demo', '--size', 'small', '--data', c]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already holds pupils with the demo's UPNs/);
    // Its users sign in with the password the demo was loaded with.
    const listC = await cli(['pupils', 'list', '--data', c, '--json'], {
      env: { ...AS_DEMO_SENCO, SENCO_PASSWORD: 'another long password' },
    });
    expect((JSON.parse(listC.stdout) as { total: number }).total).toBe(60);
    for (const years of ['0', '11', 'two']) {
      const r = await cli(['demo', '--size', 'small', '--session-years', years, '--data', join(tmp.dir, 'd')]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/--session-years.*whole number of academic years from 1 to 10/);
    }
    const bad = await cli(['demo', '--size', 'huge', '--data', c]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/Allowed choices are small, school, trust/);
  });
});
