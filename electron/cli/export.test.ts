/**
 * `senco-desk export` on the small demo: by default a password-protected PDF (its password printed once) that poppler
 * opens only with it; the age package opens with the Debian `age` tool (identity file and passphrase), holds only the
 * sections asked for, is in the sharing log, and bad options are refused plainly.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemo } from '../core/demo';
import { parseBasis, parseSections } from './commands/export';
import { AS_DEMO_SENCO, cli, tempDir } from './test-support';

const HAS_AGE = existsSync('/usr/bin/age') && existsSync('/usr/bin/age-keygen');
const SKIP = HAS_AGE ? '' : ' (skipped: the Debian `age` package is not installed here; .ci/run installs it)';
const PASSPHRASE = 'copper meadow violet anchor';

describe('the export options', () => {
  it('reads sections and the lawful basis, and says what is wrong', () => {
    expect(parseSections('assessments, details')).toEqual(['details', 'assessments']);
    expect(parseSections('all')).toHaveLength(10);
    expect(() => parseSections('details,medical')).toThrow(/"medical" is not a section\. Choose from: details/);
    expect(parseBasis('public-task+substantial_public_interest')).toEqual({
      article6: 'public_task',
      article9: 'substantial_public_interest',
    });
    expect(() => parseBasis('public_task')).toThrow(/joined by "\+"/);
    expect(() => parseBasis('public_task+whim')).toThrow(/"whim" is not an Article 9 condition/);
  });
});

describe('senco-desk export on the small demo', () => {
  let tmp: ReturnType<typeof tempDir>;
  let data: string;
  let out: string;
  const demo = generateDemo('small');
  const pupil = demo.pupils[0]!;

  beforeAll(async () => {
    tmp = tempDir();
    data = join(tmp.dir, 'data');
    out = join(tmp.dir, 'out');
    mkdirSync(out);
    expect((await cli(['demo', '--size', 'small', '--session-years', '1', '--data', data])).code).toBe(0);
  });
  afterAll(() => tmp.remove());

  it.skipIf(!HAS_AGE)(`locks to an agency's key; age opens it with the identity file; only the sections asked for${SKIP}`, async () => {
    const id = join(tmp.dir, 'agency.txt');
    execFileSync('/usr/bin/age-keygen', ['-o', id], { stdio: 'pipe' });
    const key = /public key: (age1[0-9a-z]+)/.exec(readFileSync(id, 'utf8'))![1]!;
    const file = join(out, 'record.age');
    const r = await cli(
      [
        'export',
        '--pupil',
        pupil.upn,
        '--to',
        'Exampleshire SEND team',
        '--sections',
        'details,ehcp,assessments',
        '--basis',
        'public_task+substantial_public_interest',
        '--recipient',
        key,
        '--out',
        file,
        '--data',
        data,
        '--json',
      ],
      { env: AS_DEMO_SENCO },
    );
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as { ok: boolean; sections: string[]; lockedWith: string; bytes: number };
    expect(doc).toMatchObject({ ok: true, sections: ['details', 'ehcp', 'assessments'], lockedWith: 'public_key' });
    expect(readdirSync(out)).toEqual(['record.age']);
    const files = unzipSync(new Uint8Array(execFileSync('/usr/bin/age', ['-d', '-i', id, file])));
    const json = JSON.parse(Buffer.from(files['pupil.json']!).toString('utf8')) as {
      data: Record<string, unknown>;
      pupil: { upn: string };
    };
    expect(Object.keys(json.data).sort()).toEqual(['assessments', 'details', 'ehcp']);
    expect(json.pupil.upn).toBe(pupil.upn);
  });

  it.skipIf(!HAS_AGE)(`locks with the passphrase from SENCO_EXPORT_PASSPHRASE, which age asks for${SKIP}`, async () => {
    const file = join(out, 'pass.age');
    const r = await cli(
      [
        'export',
        '--pupil',
        pupil.upn,
        '--to',
        'Northgate Academy',
        '--sections',
        'details',
        '--basis',
        'legal_obligation+substantial_public_interest',
        '--out',
        file,
        '--data',
        data,
      ],
      { env: { ...AS_DEMO_SENCO, SENCO_EXPORT_PASSPHRASE: PASSPHRASE } },
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/encrypted with the passphrase\. It is in the sharing log\./);
    const zip = join(out, 'pass.zip');
    const d = spawnSync('script', ['-qec', `/usr/bin/age -d -o ${zip} ${file}`, '/dev/null'], {
      input: `${PASSPHRASE}\n`,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(d.status, d.stdout + d.stderr).toBe(0);
    expect(Object.keys(unzipSync(new Uint8Array(readFileSync(zip)))).sort()).toEqual([
      'csv/details.csv',
      'manifest.json',
      'pupil.json',
      'record.pdf',
    ]);
  });

  it('by default writes a password-protected PDF of the sections asked for, printing its made password once', async () => {
    const file = join(out, 'record.pdf');
    const r = await cli(
      [
        'export',
        '--pupil',
        pupil.upn,
        '--to',
        'Exampleshire SEND team',
        '--sections',
        'details',
        '--basis',
        'public_task+substantial_public_interest',
        '--out',
        file,
        '--data',
        data,
        '--json',
      ],
      { env: AS_DEMO_SENCO },
    );
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as { ok: boolean; format: string; lockedWith: string; password: string; sections: string[] };
    expect(doc).toMatchObject({ ok: true, format: 'protected_pdf', lockedWith: 'password', sections: ['details'] });
    expect(doc.password).toMatch(/^[a-z]+( [a-z]+){3} \d{4}$/);
    expect(spawnSync('pdftotext', [file, '-']).status).not.toBe(0);
    const text = spawnSync('pdftotext', ['-upw', doc.password, '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toContain(pupil.upn);
    expect(execFileSync('qpdf', ['--show-encryption', `--password=${doc.password}`, file], { encoding: 'utf8' })).toMatch(/^R = 6$/m);
    // In words, with the warning; and an .age name for a PDF is refused before anything is written.
    const words = await cli(
      [
        'export',
        '--pupil',
        pupil.upn,
        '--to',
        'Northgate Academy',
        '--sections',
        'needs',
        '--basis',
        'public_task+substantial_public_interest',
        '--out',
        join(out, 'words.pdf'),
        '--data',
        data,
      ],
      { env: AS_DEMO_SENCO },
    );
    expect(words.code, words.stderr).toBe(0);
    expect(words.stdout).toMatch(/Password \(shown only now; SENCo Desk does not keep it\): [a-z]+( [a-z]+){3} \d{4}\n/);
    expect(words.stdout).toMatch(/by phone or text message, never in the same email/);
  });

  it('refuses an .age name for a PDF, both key and passphrase, a bad key, or an unknown section, writing nothing', async () => {
    const base = [
      'export',
      '--pupil',
      pupil.upn,
      '--to',
      'X',
      '--sections',
      'details',
      '--basis',
      'public_task+substantial_public_interest',
      '--data',
      data,
    ];
    const none = await cli([...base, '--out', join(out, 'a.age')], { env: AS_DEMO_SENCO });
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/password-protected PDF, so name the file \.pdf/);
    const both = await cli([...base, '--recipient', 'age1xyz', '--out', join(out, 'b.age')], {
      env: { ...AS_DEMO_SENCO, SENCO_EXPORT_PASSPHRASE: PASSPHRASE },
    });
    expect(both.stderr).toMatch(/not both/);
    const badKey = await cli([...base, '--recipient', 'age1notakey', '--out', join(out, 'c.age')], { env: AS_DEMO_SENCO });
    expect(badKey.code).toBe(2);
    expect(badKey.stderr).toMatch(/age public key/);
    const section = await cli(
      [
        'export',
        '--pupil',
        pupil.upn,
        '--to',
        'X',
        '--sections',
        'medical',
        '--basis',
        'public_task+substantial_public_interest',
        '--data',
        data,
        '--out',
        join(out, 'd.age'),
      ],
      { env: AS_DEMO_SENCO },
    );
    expect(section.stderr).toMatch(/"medical" is not a section/);
    for (const f of ['a.age', 'b.age', 'c.age', 'd.age']) expect(existsSync(join(out, f))).toBe(false);
  });

  it('documents the command in --help', async () => {
    const r = await cli(['export', '--help']);
    expect(r.stdout).toMatch(/--recipient <age-public-key>/);
    expect(r.stdout).toMatch(/SENCO_EXPORT_PASSPHRASE/);
    expect(r.stdout).toMatch(/password-protected PDF/);
    expect(r.stdout).toMatch(/public_task\+substantial_public_interest/);
  });
});
