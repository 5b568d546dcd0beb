import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t } from '../../shared/i18n';
import { makeUpn } from '../../shared/upn';
import { generateDemo, generateReviews, reviewYears } from '../core/demo';
import { chooseReview } from './commands/review-pack';
import { AS_DEMO_SENCO, cli, tempDir } from './test-support';

/** The text of a PDF as pdftotext (poppler) reads it: what a reader, or a screen reader, gets out of the file. */
const pdfText = (file: string) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
const pdfPages = (file: string) => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1]);

describe('senco-desk review-pack on the small demo (two years of sessions)', () => {
  let tmp: ReturnType<typeof tempDir>;
  let data: string;
  let out: string;
  const demo = generateDemo('small');
  const reviews = generateReviews(demo, reviewYears(demo.academicYear, [2025, 2026]));
  // The pupil with a full year of data: the most reviews (a plan with its reviews, termly reviews, an EHC plan), and the one planned.
  const counts = new Map<string, number>();
  for (const m of reviews.meetings) counts.set(m.pupilId, (counts.get(m.pupilId) ?? 0) + 1);
  const pupil = demo.pupils.find((p) => p.id === [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0])!;
  const name = `${pupil.preferredFirstName ?? pupil.legalFirstName} ${pupil.legalLastName}`;
  const mine = reviews.meetings.filter((m) => m.pupilId === pupil.id);
  const planned = mine.find((m) => m.status === 'planned')!;
  const held = mine.filter((m) => m.status === 'held');
  const leftovers = () => readdirSync(out).filter((f) => f.endsWith('.part'));

  beforeAll(async () => {
    tmp = tempDir();
    data = join(tmp.dir, 'data');
    out = join(tmp.dir, 'out');
    mkdirSync(out);
    expect((await cli(['demo', '--size', 'small', '--session-years', '2', '--data', data])).code).toBe(0);
  });
  afterAll(() => tmp.remove());

  it("writes the pack of the pupil's next planned review, with every section, the pupil's name and the page count", async () => {
    expect(held.length).toBeGreaterThanOrEqual(4);
    expect(planned.date > demo.referenceDate).toBe(true);
    const file = join(out, 'pack.pdf');
    // The UPN as people type it: lower case, with spaces.
    const typed = `${pupil.upn.slice(0, 5)} ${pupil.upn.slice(5)}`.toLowerCase();
    const r = await cli(['review-pack', '--pupil', typed, '--out', file, '--data', data, '--json'], { env: AS_DEMO_SENCO });
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as { ok: boolean; path: string; pages: number; bytes: number; reviewId: string };
    expect(doc).toEqual({ ok: true, path: file, pages: pdfPages(file), bytes: statSync(file).size, reviewId: planned.id });
    expect(doc.pages).toBeGreaterThan(1);
    expect(readFileSync(file).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(leftovers()).toEqual([]);

    const text = pdfText(file);
    expect(text).toContain(name);
    expect(text).toContain(pupil.upn);
    for (const key of [
      'needs',
      'provision',
      'goals',
      'tScore',
      'assessments',
      'attendance',
      'bands',
      'views',
      'actions',
      'notes',
    ] as const) {
      const heading = t(`reviewPack.sections.${key}`);
      expect(text, heading).toContain(heading);
    }
  });

  it('prints a held review named by --review, and says which review and how many pages', async () => {
    const last = held.at(-1)!;
    const file = join(out, 'held.pdf');
    const r = await cli(['review-pack', '--pupil', pupil.upn, '--review', last.id, '--out', file, '--data', data], { env: AS_DEMO_SENCO });
    expect(r.code, r.stderr).toBe(0);
    const pages = pdfPages(file);
    expect(r.stdout).toBe(
      `Wrote the review pack for ${name} (UPN ${pupil.upn}), ${t(`reviewKinds.${last.kind}`)}, ${last.date.split('-').reverse().join('/')} (held): ` +
        `${pages} pages (${statSync(file).size.toLocaleString('en-GB')} bytes) to ${file}.\n`,
    );
    expect(pdfText(file)).toContain(name);

    // Not one of the pupil's reviews: exit 2, their reviews listed, no file.
    const other = reviews.meetings.find((m) => m.pupilId !== pupil.id)!;
    const wrong = await cli(['review-pack', '--pupil', pupil.upn, '--review', other.id, '--out', join(out, 'wrong.pdf'), '--data', data], {
      env: AS_DEMO_SENCO,
    });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain(`has no review with the id ${other.id}. Their reviews are:`);
    expect(wrong.stderr).toContain(planned.id);
    expect(existsSync(join(out, 'wrong.pdf'))).toBe(false);
  });

  it('refuses an unknown UPN (exit 1) and a mistyped one (exit 2) with a message, writing no file', async () => {
    const file = join(out, 'nobody.pdf');
    const unknown = makeUpn(999, 4101, 11, 999);
    const r = await cli(['review-pack', '--pupil', unknown, '--out', file, '--data', data, '--json'], { env: AS_DEMO_SENCO });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({
      ok: false,
      error: { code: 'not_found', message: expect.stringContaining(`No pupil has the UPN ${unknown}`) },
    });
    expect(r.stderr).toMatch(/^senco-desk: No pupil has the UPN .* Check the number \(senco-desk pupils list/);
    expect(r.stderr).not.toMatch(/\n\s+at /);

    const letters = 'ABCDEFGHJKLMNPQRTUVWXYZ';
    const mistyped = `${letters[(letters.indexOf(pupil.upn[0]!) + 1) % letters.length]}${pupil.upn.slice(1)}`;
    const bad = await cli(['review-pack', '--pupil', mistyped, '--out', file, '--data', data], { env: AS_DEMO_SENCO });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(`"${mistyped}" is not a valid UPN: its check letter should be ${pupil.upn[0]}`);
    const short = await cli(['review-pack', '--pupil', 'A12345', '--out', file, '--data', data], { env: AS_DEMO_SENCO });
    expect(short.code).toBe(2);
    expect(short.stderr).toMatch(/it has 6 characters, and a UPN has 13/);
    expect(existsSync(file)).toBe(false);
    expect(leftovers()).toEqual([]);
  });

  it('says how to plan a review for a pupil with none, and refuses to replace a file without --force', async () => {
    const without = demo.pupils.find((p) => p.dateLeft === null && !counts.has(p.id))!;
    const r = await cli(['review-pack', '--pupil', without.upn, '--out', join(out, 'none.pdf'), '--data', data], { env: AS_DEMO_SENCO });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/has no reviews yet, so there is no pack to print\. Plan a review on the Reviews tab/);
    expect(existsSync(join(out, 'none.pdf'))).toBe(false);

    const file = join(out, 'existing.pdf');
    writeFileSync(file, 'keep me\n');
    const again = await cli(['review-pack', '--pupil', pupil.upn, '--out', file, '--data', data], { env: AS_DEMO_SENCO });
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already exists: nothing was written.*--force/);
    expect(readFileSync(file, 'utf8')).toBe('keep me\n');
    const forced = await cli(['review-pack', '--pupil', pupil.upn, '--out', file, '--force', '--data', data], { env: AS_DEMO_SENCO });
    expect(forced.code).toBe(0);
    expect(pdfText(file)).toContain(name);
    expect(leftovers()).toEqual([]);

    const help = await cli(['review-pack', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/--pupil <upn>[\s\S]*--out <file>[\s\S]*--review <id>[\s\S]*Exit status: 0 written/);
  });
});

describe('choosing the review a pack is for', () => {
  const r = (id: string, date: string, status: 'planned' | 'held') => ({ id, date, status }) as Parameters<typeof chooseReview>[0][number];
  it('takes the next planned review, else the latest planned one not yet recorded, else the most recent held one', () => {
    const all = [
      r('a', '2026-01-10', 'held'),
      r('b', '2026-05-02', 'held'),
      r('c', '2026-12-01', 'planned'),
      r('d', '2027-02-01', 'planned'),
      r('e', '2026-11-01', 'planned'),
    ];
    expect(chooseReview(all, '2026-11-20')?.id).toBe('c');
    expect(chooseReview(all, '2027-03-01')?.id).toBe('d');
    expect(
      chooseReview(
        all.filter((x) => x.status === 'held'),
        '2026-11-20',
      )?.id,
    ).toBe('b');
    expect(chooseReview([], '2026-11-20')).toBeNull();
  });
});
