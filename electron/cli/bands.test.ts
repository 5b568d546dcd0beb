import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BandDistribution } from '../../shared/contract';
import { generateDemo } from '../core/demo';
import { formatMean } from './commands/bands';
import { AS_DEMO_SENCO, AS_INIT_SENCO, INIT_ARGS, PASSWORD, cli, tempDir } from './test-support';

type BandsJson = { ok: true } & BandDistribution;

/** The small demo: 12 pupils on the SEN register, one on Targeted, one on Specific without progress. */
describe('senco-desk bands', () => {
  let tmp: ReturnType<typeof tempDir>;
  let demo: string;
  let empty: string;
  const small = generateDemo('small');
  const flaggedId = small.therapy.flaggedPupilIds[0];
  const flaggedHasPlan = small.pupils.find((p) => p.id === flaggedId)!.senHistory.at(-1)!.status === 'E';
  beforeAll(async () => {
    tmp = tempDir();
    demo = join(tmp.dir, 'demo');
    empty = join(tmp.dir, 'empty');
    expect((await cli(['demo', '--size', 'small', '--data', demo])).code).toBe(0);
    expect((await cli([...INIT_ARGS, '--data', empty], { env: { SENCO_PASSWORD: PASSWORD } })).code).toBe(0);
  });
  afterAll(() => tmp.remove());

  it('prints the distribution and the flagged pupils as JSON: exactly bands.distribution, with ok', async () => {
    const r = await cli(['bands', '--data', demo, '--json'], { env: AS_DEMO_SENCO });
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as BandsJson;
    expect(Object.keys(doc).sort()).toEqual(['bands', 'flagged', 'ok', 'total', 'universalByNeed']);
    expect(doc).toMatchObject({ ok: true, total: 12 });
    expect(doc.bands).toEqual([
      { band: 'universal', count: 10, percent: 83.3, expectedPercent: 90 },
      { band: 'targeted', count: 1, percent: 8.3, expectedPercent: 5 },
      { band: 'specific', count: 1, percent: 8.3, expectedPercent: 5 },
    ]);
    expect(doc.universalByNeed.map((u) => u.needLevel)).toEqual(['high', 'medium', 'low', null]);
    expect(doc.universalByNeed.reduce((n, u) => n + u.count, 0)).toBe(10);
    expect(doc.flagged).toHaveLength(1);
    expect(doc.flagged[0]).toMatchObject({ pupilId: flaggedId });
    expect(doc.flagged[0]!.reviewMeans).toHaveLength(2);
    expect(doc.flagged[0]!.reviewMeans.every((m) => m < 0)).toBe(true);
    // With an EHC plan (status E) the flag points to an EHC plan review, without one to a needs assessment.
    expect(doc.flagged[0]).toMatchObject({ hasEhcPlan: flaggedHasPlan, nextStep: flaggedHasPlan ? 'ehcp_review' : 'needs_assessment' });
  });

  it('prints a table of bands next to the policy, the need levels within Universal, and the flagged pupils', async () => {
    const r = await cli(['bands', '--data', demo], { env: AS_DEMO_SENCO });
    expect(r.code).toBe(0);
    const doc = JSON.parse((await cli(['bands', '--data', demo, '--json'], { env: AS_DEMO_SENCO })).stdout) as BandsJson;
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('12 pupils have a band. The therapy policy expects about 90% on Universal, 5% on Targeted and 5% on Specific.');
    expect(lines).toContain('Band       Pupils  School %  Policy %');
    expect(lines).toContain('Universal  10      83.3%     90%');
    expect(lines).toContain('Targeted   1       8.3%      5%');
    expect(lines).toContain('Specific   1       8.3%      5%');
    expect(r.stdout).toMatch(/Need levels within Universal \(10 pupils\):\nNeed level +Pupils +% of Universal\n/);
    expect(r.stdout).toMatch(/^High +\d+ +\d+\.\d%$/m);
    expect(r.stdout).not.toMatch(/Not recorded/);
    expect(r.stdout).toMatch(/Flagged: Specific without progress \(1\)\./);
    // The description is the rule the code applies (shared/therapy.ts specificWithoutProgress), word for word.
    expect(r.stdout.replace(/\s+/g, ' ')).toContain(
      'Flagged when the pupil is on Specific, has had at least two plan reviews since the band began, and the latest review’s mean goal rating ' +
        '(each goal counted by its weight) is below 0, the expected level, and no higher than the first of those reviews.',
    );
    expect(r.stdout).not.toMatch(/last two/);
    const f = doc.flagged[0]!;
    const [y, m, d] = f.since.split('-');
    const row = lines.find((l) => l.startsWith(f.name))!;
    const step = flaggedHasPlan ? 'EHC plan review or placement discussion' : 'Request an EHC needs assessment';
    expect(row).toMatch(
      new RegExp(`^${f.name} +${d}/${m}/${y} +${f.reviewMeans.map(formatMean).join(', ').replace(/\+/g, '\\+')} +${step}$`),
    );
    expect(formatMean(-2 / 3)).toBe('-0.67');
    expect(formatMean(0.5)).toBe('+0.50');
  });

  it('exits 1 with --fail-on-flagged when a pupil is flagged, and still prints the distribution', async () => {
    const r = await cli(['bands', '--data', demo, '--fail-on-flagged', '--json'], { env: AS_DEMO_SENCO });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, total: 12 });
    expect(r.stderr).toBe('senco-desk: 1 pupil is on Specific without progress.\n');
  });

  it('says there is nothing to compare, and None flagged, when no pupil has a band (exit 0 even with --fail-on-flagged)', async () => {
    const r = await cli(['bands', '--data', empty, '--fail-on-flagged'], { env: AS_INIT_SENCO });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^No pupil has a band yet/);
    expect(r.stdout).toMatch(/Flagged: Specific without progress: None\.\n$/);
    const j = await cli(['bands', '--data', empty, '--json'], { env: AS_INIT_SENCO });
    expect(JSON.parse(j.stdout)).toMatchObject({ ok: true, total: 0, flagged: [] });
  });

  it('documents --fail-on-flagged and the exit codes; refuses a folder not set up (1) and an unknown flag (2)', async () => {
    const help = await cli(['bands', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/--fail-on-flagged/);
    expect(help.stdout).toMatch(/--json/);
    expect(help.stdout).toMatch(/Exit status: 0 shown \(also when pupils are flagged, unless --fail-on-flagged\)/);
    expect((await cli(['--help'])).stdout).toMatch(/bands --fail-on-flagged with pupils flagged/);
    const none = await cli(['bands', '--data', join(tmp.dir, 'nothing-here'), '--json'], { env: AS_INIT_SENCO });
    expect(none.code).toBe(1);
    expect(JSON.parse(none.stdout)).toMatchObject({ ok: false, error: { code: 'setup_required' } });
    const bad = await cli(['bands', '--data', demo, '--band', 'x'], { env: AS_DEMO_SENCO });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/unknown option '--band'/);
  });
});
