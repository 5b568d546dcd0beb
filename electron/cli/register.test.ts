import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClockItemView, PupilRow } from '../../shared/contract';
import { openCoreAt } from '../core/core';
import { cliSystemActor } from './io';
import { AS_DEMO_SENCO, cli, tempDir } from './test-support';

// The file starts with a byte-order mark so Excel reads it as UTF-8.
const HEADER =
  '\uFEFFUPN,Legal surname,Legal forename,Preferred name,Date of birth,Year group,Class,SEN status,SEN status since,Primary need,Secondary need,Date left';

describe('senco-desk register export, clocks and calendar import on the small demo', () => {
  let tmp: ReturnType<typeof tempDir>;
  let data: string;
  let out: string;
  beforeAll(async () => {
    tmp = tempDir();
    data = join(tmp.dir, 'data');
    out = join(tmp.dir, 'out');
    expect((await cli(['demo', '--size', 'small', '--data', data])).code).toBe(0);
    mkdirSync(out);
  });
  afterAll(() => tmp.remove());

  const upns = async (status: string) => {
    const r = await cli(['pupils', 'list', '--data', data, '--json', '--status', status, '--limit', '500'], { env: AS_DEMO_SENCO });
    return (JSON.parse(r.stdout) as { rows: PupilRow[] }).rows.map((p) => p.upn).sort();
  };
  const termsOf = async (academicYear: string) => {
    const core = await openCoreAt(data, {});
    try {
      const r = await core.dispatcher.invokeAs(cliSystemActor({}), 'terms.list', { academicYear });
      return r.ok ? r.value : null;
    } finally {
      await core.close();
    }
  };
  const leftovers = () => readdirSync(out).filter((f) => f.endsWith('.part'));

  it('writes the register (E and K pupils only) with its header, and prints the row count', async () => {
    const file = join(out, 'register.csv');
    const r = await cli(['register', 'export', '--out', file, '--data', data], { env: AS_DEMO_SENCO });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`Wrote 12 pupils on the SEN register to ${file}.\n`);
    const lines = readFileSync(file, 'utf8').trimEnd().split('\r\n');
    expect(lines[0]).toBe(HEADER);
    expect(lines).toHaveLength(13);
    expect(
      lines
        .slice(1)
        .map((l) => l.split(',')[0])
        .sort(),
    ).toEqual([...(await upns('E')), ...(await upns('K'))].sort());
    expect(new Set(lines.slice(1).map((l) => l.split(',')[7]))).toEqual(new Set(['E (EHC plan)', 'K (SEN support)']));
    expect(leftovers()).toEqual([]);
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);

    const onlyE = join(out, 'ehcp.csv');
    const e = await cli(['register', 'export', '--out', onlyE, '--status', 'e', '--data', data, '--json'], { env: AS_DEMO_SENCO });
    expect(JSON.parse(e.stdout)).toEqual({ ok: true, file: onlyE, rows: 2 });
    expect(
      readFileSync(onlyE, 'utf8')
        .trimEnd()
        .split('\r\n')
        .slice(1)
        .map((l) => l.split(',')[0])
        .sort(),
    ).toEqual(await upns('E'));
  });

  it('refuses to overwrite an existing file without --force (exit 2, file untouched), replaces it with --force', async () => {
    const file = join(out, 'existing.csv');
    writeFileSync(file, 'keep me\n');
    const r = await cli(['register', 'export', '--out', file, '--data', data, '--json'], { env: AS_DEMO_SENCO });
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toMatchObject({
      ok: false,
      error: { code: 'file_exists', message: expect.stringMatching(/already exists: nothing was written.*--force/) },
    });
    expect(readFileSync(file, 'utf8')).toBe('keep me\n');
    expect(leftovers()).toEqual([]);

    const forced = await cli(['register', 'export', '--out', file, '--force', '--data', data], { env: AS_DEMO_SENCO });
    expect(forced.code).toBe(0);
    expect(readFileSync(file, 'utf8').startsWith(HEADER)).toBe(true);
    expect(leftovers()).toEqual([]);
  });

  it('refuses a missing folder, a folder as the file, and a status outside the register (exit 2)', async () => {
    const noFolder = await cli(['register', 'export', '--out', join(out, 'nope', 'r.csv'), '--data', data], { env: AS_DEMO_SENCO });
    expect(noFolder.code).toBe(2);
    expect(noFolder.stderr).toMatch(/the folder .*nope does not exist/);
    const folder = await cli(['register', 'export', '--out', out, '--data', data], { env: AS_DEMO_SENCO });
    expect(folder.code).toBe(2);
    expect(folder.stderr).toMatch(/it is a folder/);
    const n = await cli(['register', 'export', '--out', join(out, 'n.csv'), '--status', 'N', '--data', data], { env: AS_DEMO_SENCO });
    expect(n.code).toBe(2);
    expect(n.stderr).toMatch(/Use E \(EHC plan\) or K/);
    const missing = await cli(['register', 'export', '--data', data], { env: AS_DEMO_SENCO });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/required option '--out <file>'/);
    expect(leftovers()).toEqual([]);
  });

  it("lists the demo's deadlines as JSON: annual reviews of both plans, with their owner", async () => {
    const r = await cli(['clocks', '--data', data, '--json', '--include-done'], { env: AS_DEMO_SENCO });
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as {
      today: string;
      counts: { overdue: number; due_this_week: number; upcoming: number; done: number };
      items: ClockItemView[];
    };
    const reviews = doc.items.filter((i) => i.key === 'annual_review');
    expect(reviews).toHaveLength(2);
    expect(reviews.every((i) => i.ownerName !== null)).toBe(true);
    expect(doc.counts.overdue + doc.counts.due_this_week + doc.counts.upcoming + doc.counts.done).toBe(doc.items.length);
  });

  it('imports a calendar file: --dry-run checks without importing, a bad row imports nothing (exit 1)', async () => {
    const file = join(out, 'calendar.csv');
    writeFileSync(
      file,
      '\uFEFFType,Name,Start,End\r\nTerm,Autumn 1,03/09/2031,24/10/2031\r\nINSET,Staff training,03/09/2031,\r\nBank holiday,Christmas Day,25/12/2031,\r\n',
    );
    const dry = await cli(['calendar', 'import', file, '--dry-run', '--data', data, '--json'], { env: AS_DEMO_SENCO });
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({
      ok: true,
      dryRun: true,
      imported: false,
      years: ['2031/32'],
      terms: 1,
      days: 2,
      rejected: [],
    });
    expect(await termsOf('2031/32')).toEqual([]);

    const ok = await cli(['calendar', 'import', file, '--data', data], { env: AS_DEMO_SENCO });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toBe(`${file}: imported 1 term and 2 closure days for 2031/32.\n`);
    expect(await termsOf('2031/32')).toEqual([
      expect.objectContaining({ name: 'autumn1', startDate: '2031-09-03', endDate: '2031-10-24' }),
    ]);

    const bad = join(out, 'bad-calendar.csv');
    writeFileSync(bad, 'Type,Name,Start,End\nTerm,Autumn 9,03/09/2032,24/10/2032\nINSET,Training,31/02/2033,\n');
    const r = await cli(['calendar', 'import', bad, '--data', data], { env: AS_DEMO_SENCO });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/nothing was imported: 2 rows have a problem/);
    expect(r.stdout).toMatch(/line 2: .*not a term name/);
    expect(r.stdout).toMatch(/line 3: /);
    const again = await cli(['calendar', 'import', bad, '--data', data, '--dry-run', '--json'], { env: AS_DEMO_SENCO });
    expect(JSON.parse(again.stdout)).toMatchObject({ ok: false, imported: false, years: [] });
    expect((await cli(['calendar', 'import', join(out, 'none.csv'), '--data', data], { env: AS_DEMO_SENCO })).code).toBe(2);
  });
});
