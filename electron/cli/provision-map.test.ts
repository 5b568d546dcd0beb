/**
 * `senco-desk provision-map` (issue 18, item 4) on the small demo: as the signed-in SENCo it prints the map (per
 * provision: pupils, hours a week, cost a year) and, with --pupil, that pupil's provision, total and the part above
 * the threshold; its figures are the core's; its filters narrow the map; the teacher and the therapist are refused
 * (they may not see costs: the core refuses them, electron/core/services/provision-map.test.ts); bad options are usage errors.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProvisionMap } from '../../shared/contract';
import { formatPence } from '../../shared/money';
import { DEMO_PASSWORD } from '../core/demo';
import { AS_DEMO_SENCO, cli, tempDir } from './test-support';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const YEAR = ['--academic-year', '2026/27'];

describe('senco-desk provision-map on the small demo', () => {
  let tmp: ReturnType<typeof tempDir>;
  let data: string;
  let map: ProvisionMap;
  beforeAll(async () => {
    tmp = tempDir();
    data = join(tmp.dir, 'data');
    expect((await cli(['demo', '--size', 'small', '--data', data])).code).toBe(0);
    const r = await cli(['provision-map', ...YEAR, '--data', data, '--json'], { env: AS_DEMO_SENCO });
    expect(r.code, r.stderr).toBe(0);
    map = JSON.parse(r.stdout) as ProvisionMap;
  });
  afterAll(() => tmp.remove());

  it('prints the map: per provision its pupils, hours a week and cost a year, and the total', async () => {
    expect(map.costsShown).toBe(true);
    expect(map.provisions.length).toBeGreaterThanOrEqual(10);
    expect(map.totals.cost!.totalPence).toBe(map.pupils.reduce((n, p) => n + p.cost!.totalPence, 0));
    const r = await cli(['provision-map', ...YEAR, '--data', data], { env: AS_DEMO_SENCO });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`Provision map 2026/27: ${map.totals.pupils} pupils`);
    for (const h of ['Provision', 'Pupils', 'Hours a week', 'Cost a year', 'Cost per pupil']) expect(r.stdout).toContain(h);
    const lego = map.provisions.find((p) => p.name === 'Lego therapy')!;
    expect(r.stdout).toMatch(
      new RegExp(
        `Lego therapy\\s+Targeted\\s+Communication and interaction\\s+${lego.pupils}\\s+1\\.5\\s+${formatPence(lego.cost!.yearPence).replace(/[£.]/g, '\\$&')}`,
      ),
    );
    expect(r.stdout).toContain(`Total cost of additional provision: ${formatPence(map.totals.cost!.totalPence)}.`);
  });

  it('with --pupil: that pupil’s provision, total cost and the amount above the threshold', async () => {
    const pupil = [...map.pupils].sort((a, b) => b.cost!.totalPence - a.cost!.totalPence)[0]!;
    const typed = `${pupil.upn.slice(0, 5)} ${pupil.upn.slice(5)}`.toLowerCase();
    const r = await cli(['provision-map', ...YEAR, '--pupil', typed, '--data', data, '--json'], { env: AS_DEMO_SENCO });
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as { totalPence: number; aboveThresholdPence: number; thresholdPence: number; placements: unknown[] };
    expect(doc).toMatchObject({
      totalPence: pupil.cost!.totalPence,
      aboveThresholdPence: Math.max(0, pupil.cost!.totalPence - 600_000),
      thresholdPence: 600_000,
    });
    expect(doc.placements).toHaveLength(pupil.placements.length);
    const text = await cli(['provision-map', ...YEAR, '--pupil', pupil.upn, '--data', data], { env: AS_DEMO_SENCO });
    expect(text.stdout).toContain(`Provision for ${pupil.name} (UPN ${pupil.upn})`);
    expect(text.stdout).toContain(`Total cost of additional provision: ${formatPence(pupil.cost!.totalPence)}`);
    expect(text.stdout).toContain(`Above the notional SEN threshold of £6,000.00: ${formatPence(doc.aboveThresholdPence)}.`);
  });

  it('filters by year group, need or area, and provision', async () => {
    const run = async (...args: string[]) => {
      const r = await cli(['provision-map', ...YEAR, ...args, '--data', data, '--json'], { env: AS_DEMO_SENCO });
      expect(r.code, r.stderr).toBe(0);
      return JSON.parse(r.stdout) as ProvisionMap;
    };
    const year = map.pupils[0]!.yearGroup;
    expect((await run('--year', year)).pupils.map((p) => p.pupilId)).toEqual(
      map.pupils.filter((p) => p.yearGroup === year).map((p) => p.pupilId),
    );
    const need = map.pupils[0]!.needs[0]!;
    expect((await run('--need', need)).pupils.map((p) => p.pupilId)).toEqual(
      map.pupils.filter((p) => p.needs.includes(need)).map((p) => p.pupilId),
    );
    expect(new Set((await run('--need', 'semh')).provisions.map((p) => p.area))).toEqual(new Set(['semh']));
    expect((await run('--provision', 'lego')).provisions.map((p) => p.name)).toEqual(['Lego therapy']);
  });

  it('writes the governors’ print and the CSV with --pdf and --csv, and with --pupil that pupil’s funding request', async () => {
    const pdf = join(tmp.dir, 'governors.pdf');
    const csv = join(tmp.dir, 'map.csv');
    const r = await cli(['provision-map', ...YEAR, '--need', 'semh', '--pdf', pdf, '--csv', csv, '--data', data, '--json'], {
      env: AS_DEMO_SENCO,
    });
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as ProvisionMap & { files: { kind: string; path: string; pages?: number; rows?: number }[] };
    expect(out.files.map((f) => f.kind)).toEqual(['governors_pdf', 'csv']);
    const text = execFileSync('/usr/bin/pdftotext', ['-layout', '-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' });
    expect(text).toContain('FOR GOVERNORS');
    expect(text).toContain('Only: Social, emotional and mental health.');
    expect(
      text
        .split('\f')
        .filter((p) => p.trim())
        .every((p) => /Confidential/.test(p)),
    ).toBe(true);
    for (const p of map.pupils) expect(text).not.toContain(p.name);
    const rows = readFileSync(csv, 'utf8');
    expect(rows.charCodeAt(0)).toBe(0xfeff);
    expect(rows.split('\r\n').filter(Boolean)).toHaveLength(1 + out.files[1]!.rows!);
    for (const line of rows.split('\r\n').slice(1).filter(Boolean)) expect(line).toContain(',"Social, emotional and mental health",');

    // An existing file is refused before anything is read; --force replaces it.
    const again = await cli(['provision-map', ...YEAR, '--pdf', pdf, '--data', data], { env: AS_DEMO_SENCO });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already exists: nothing was written');

    const pupil = [...map.pupils].sort((a, b) => b.cost!.totalPence - a.cost!.totalPence)[0]!;
    const text2 = await cli(['provision-map', ...YEAR, '--pupil', pupil.upn, '--pdf', pdf, '--force', '--data', data], {
      env: AS_DEMO_SENCO,
    });
    expect(text2.code, text2.stderr).toBe(0);
    expect(text2.stdout).toMatch(
      new RegExp(`Wrote the funding request for ${pupil.name} \\(UPN ${pupil.upn}\\): 1 page \\([\\d,]+ bytes\\) to `),
    );
    const funding = execFileSync('/usr/bin/pdftotext', ['-layout', '-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(funding).toContain('TOP-UP FUNDING REQUEST');
    expect(funding).toContain(pupil.name);
    expect(funding).toContain(formatPence(pupil.cost!.totalPence));
  });

  it.each([
    ['teacher1', 'teacher'],
    ['therapist1', 'therapist'],
  ])('refuses %s (a %s may not see costs)', async (username) => {
    const r = await cli(['provision-map', ...YEAR, '--data', data], { env: { SENCO_USERNAME: username, SENCO_PASSWORD: DEMO_PASSWORD } });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/only the SENCo and headteacher may see/);
    expect(r.stdout).toBe('');
  });

  it('refuses bad options as usage errors, and needs someone signed in', async () => {
    const usage = async (...args: string[]) => cli(['provision-map', ...args, '--data', data], { env: AS_DEMO_SENCO });
    expect((await usage('--need', 'XYZ')).code).toBe(2);
    const unknown = await usage('--provision', 'Underwater basket weaving');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('The school has no provision called "Underwater basket weaving". Its provisions: ');
    expect((await usage('--pupil', 'A12')).code).toBe(2);
    expect((await usage('--academic-year', '2026/28')).code).toBe(2);
    const none = await cli(['provision-map', '--data', data], { env: {} });
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/SENCO_USERNAME and SENCO_PASSWORD/);
  });
});
