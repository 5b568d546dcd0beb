import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeUpn } from '../../shared/upn';
import type { PupilRow } from '../../shared/contract';
import { AS_INIT_SENCO, INIT_ARGS, PASSWORD, cli, tempDir } from './test-support';

const upn = (serial: number) => makeUpn(999, 5001, 15, serial);
/** The same body as upn(3) with a check letter that does not match it. */
const wrongLetter = () => {
  const good = upn(3);
  return (good[0] === 'A' ? 'B' : 'A') + good.slice(1);
};

/**
 * A typical MIS export with a byte order mark, CRLF line endings, headers in odd case, a quoted field containing
 * a comma, a blank line, a field spanning two lines, and one bad row of each kind.
 */
function exportCsv(yearOfFirst = '6'): string {
  const lines = [
    'UPN,Legal Forename,LEGAL SURNAME,Date Of Birth,year group,SEN Status,Primary Need,Class', // 1
    `${upn(1)},Amara,Testwell,12/04/2015,${yearOfFirst},K,SLCN,6B`, // 2 good
    `${upn(2)},Kit,Example,03/09/2014,6,N,,"6B, Willow"`, // 3 good: quoted comma
    `${wrongLetter()},Rae,Sample,01/01/2015,6,N,,6A`, // 4 wrong check letter
    `${upn(4)},Ola,Dummy,31/02/2015,6,N,,6A`, // 5 impossible date
    `${upn(5)},Jo,Fictional,05/05/2015,P7,N,,6A`, // 6 unknown year group
    '', // 7 blank
    `${upn(1)},Amara,Again,12/04/2015,6,K,SLCN,6B`, // 8 duplicate of line 2
    `${upn(6)},Ben,Madeup,06/06/2015,6,K,XYZ,6A`, // 9 unknown need code
    `${upn(7)},Cal,,07/07/2015,6,N,,6A`, // 10 missing surname
    `${upn(8)},Dee,Invented,08/08/2014,6,E,ASD,6C`, // 11 good
    `${upn(9)},Eve,Pretend,09/09/2014,6,N,,"6C`, // 12 good, the class runs onto line 13
    'annexe"', // 13
    `${upn(10)},Fay,Notreal,2015-13-01,6,N,,6A`, // 14 bad date after the two-line record
    `${upn(11)},"Gil`, // 15 bad date in a record that starts here and runs onto line 16
    `bert",Faux,31/04/2015,6,N,,6A`, // 16
  ];
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

describe('senco-desk pupils import and list', () => {
  let tmp: ReturnType<typeof tempDir>;
  let data: string;
  beforeEach(async () => {
    tmp = tempDir();
    data = join(tmp.dir, 'data');
    const r = await cli([...INIT_ARGS, '--data', data], { env: { SENCO_PASSWORD: PASSWORD } });
    expect(r.code).toBe(0);
  });
  afterEach(() => tmp.remove());

  const list = async (...args: string[]) => {
    const r = await cli(['pupils', 'list', '--data', data, '--json', ...args], { env: AS_INIT_SENCO });
    expect(r.code).toBe(0);
    return JSON.parse(r.stdout) as { ok: true; total: number; shown: number; rows: PupilRow[] };
  };

  it('imports exactly the good rows and names each bad one by line and field', async () => {
    const file = join(tmp.dir, 'export.csv');
    writeFileSync(file, exportCsv());
    const r = await cli(['pupils', 'import', file, '--data', data], { env: AS_INIT_SENCO });
    expect(r.code).toBe(1);
    // Whether any year group is "to check" depends on today's school year (a warning, not a rejection).
    expect(r.stdout).toMatch(/: 12 rows; 4 created, 0 updated, 0 unchanged, 8 rejected(, \d to check)?\.\n/);
    expect(r.stdout).toContain('line 5, Date Of Birth: "31/02/2015" is not a date: use dd/mm/yyyy.');

    const json = await cli(['pupils', 'import', file, '--data', data, '--json'], { env: AS_INIT_SENCO });
    const report = JSON.parse(json.stdout) as {
      created: number;
      updated: number;
      unchanged: number;
      rejected: { line: number; field: string; reason: string }[];
    };
    // The second run of the same file: the good rows are already there, unchanged.
    expect(report).toMatchObject({ created: 0, updated: 0, unchanged: 4 });
    expect(report.rejected.map((x) => [x.line, x.field])).toEqual([
      [4, 'UPN'],
      [5, 'Date Of Birth'],
      [6, 'year group'],
      [8, 'UPN'],
      [9, 'Primary Need'],
      [10, 'LEGAL SURNAME'],
      [14, 'Date Of Birth'],
      [15, 'Date Of Birth'],
    ]);
    expect(report.rejected[0]!.reason).toMatch(new RegExp(`should be ${upn(3)[0]}`));
    expect(report.rejected[3]!.reason).toMatch(/already appears on line 2/);

    const all = await list();
    expect(all.total).toBe(4);
    expect(all.rows.map((p) => p.legalName).sort()).toEqual(['Amara Testwell', 'Dee Invented', 'Eve Pretend', 'Kit Example']);
    expect(all.rows.find((p) => p.legalName === 'Kit Example')!.className).toBe('6B, Willow');
    expect(all.rows.find((p) => p.legalName === 'Dee Invented')).toMatchObject({ senStatus: 'E', primaryNeed: 'ASD' });
  });

  it('re-import updates by UPN (changed year group) and never duplicates', async () => {
    const file = join(tmp.dir, 'export.csv');
    writeFileSync(file, exportCsv('6'));
    await cli(['pupils', 'import', file, '--data', data], { env: AS_INIT_SENCO });
    writeFileSync(file, exportCsv('7'));
    const r = await cli(['pupils', 'import', file, '--data', data, '--json'], { env: AS_INIT_SENCO });
    expect(JSON.parse(r.stdout)).toMatchObject({ created: 0, updated: 1, unchanged: 3 });
    const all = await list();
    expect(all.total).toBe(4);
    expect(all.rows.filter((p) => p.upn === upn(1))).toEqual([expect.objectContaining({ yearGroup: '7' })]);
  });

  it('exits 0 when every row is good, 2 for a file it cannot read, 1 with no data folder set up', async () => {
    const good = join(tmp.dir, 'good.csv');
    writeFileSync(good, `upn,forename,surname,dob,year\n${upn(20)},Gus,Testcase,01/02/2016,5\n`);
    const ok = await cli(['pupils', 'import', good, '--data', data], { env: AS_INIT_SENCO });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/1 row; 1 created/);

    const missing = await cli(['pupils', 'import', join(tmp.dir, 'nope.csv'), '--data', data, '--json'], { env: AS_INIT_SENCO });
    expect(missing.code).toBe(2);
    expect(JSON.parse(missing.stdout)).toMatchObject({ ok: false, error: { message: expect.stringMatching(/no such file/) } });

    const broken = join(tmp.dir, 'broken.csv');
    writeFileSync(broken, `upn,forename\n"${upn(21)},unclosed\n`);
    const bad = await cli(['pupils', 'import', broken, '--data', data], { env: AS_INIT_SENCO });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/not a CSV file this can read/);

    const empty = tempDir();
    try {
      const r = await cli(['pupils', 'import', good, '--data', join(empty.dir, 'none')], { env: AS_INIT_SENCO });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/holds no SENCo Desk school yet/);
    } finally {
      empty.remove();
    }
  });

  it('lists with filters, as JSON and as an aligned table', async () => {
    const file = join(tmp.dir, 'export.csv');
    writeFileSync(file, exportCsv());
    await cli(['pupils', 'import', file, '--data', data], { env: AS_INIT_SENCO });
    expect((await list('--status', 'e')).rows.map((p) => p.legalName)).toEqual(['Dee Invented']);
    expect((await list('--search', 'testw')).rows.map((p) => p.upn)).toEqual([upn(1)]);
    expect((await list('--need', 'SLCN')).total).toBe(1);
    const limited = await list('--limit', '2');
    expect(limited).toMatchObject({ total: 4, shown: 2 });

    const human = await cli(['pupils', 'list', '--data', data], { env: AS_INIT_SENCO });
    const lines = human.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^UPN {12}Name +Year +Class +Born +SEN +Need$/);
    // Aligned: every data row starts its Name column where the header's does.
    const nameAt = lines[0]!.indexOf('Name');
    expect(lines).toHaveLength(7);
    for (const line of lines.slice(2, 6)) expect(line.slice(nameAt - 2, nameAt)).toBe('  ');
    expect(lines.find((l) => l.includes('Eve Pretend'))).toMatch(/ 6C annexe /);
    expect(lines.at(-1)).toBe('4 of 4 pupils.');

    const badFlag = await cli(['pupils', 'list', '--data', data, '--status', 'X'], { env: AS_INIT_SENCO });
    expect(badFlag.code).toBe(2);
    expect(badFlag.stderr).toMatch(/E \(EHC plan\), K \(SEN support\) or N/);
    const unknown = await cli(['pupils', 'list', '--data', data, '--colour'], { env: AS_INIT_SENCO });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown option '--colour'/);
  });

  it('imports year group X, lists rows to check without failing, and filters by --year X', async () => {
    // Born 15 January, ten school years before this one began: Year 5 now (9 on 31 August), whatever today is.
    const now = new Date();
    const start = now.getMonth() >= 8 ? now.getFullYear() : now.getFullYear() - 1;
    const dob = `15/01/${start - 9}`;
    const file = join(tmp.dir, 'years.csv');
    writeFileSync(
      file,
      [
        'UPN,Forename,Surname,DOB,NC Year,SEN Provision,Primary need,Secondary need',
        `${upn(30)},Ana,Fitsyear,${dob},Year 5,K,SLCN,`,
        `${upn(31)},Bo,Heldback,${dob},Year 3,K,SLCN,`,
        `${upn(32)},Cy,Noyears,${dob},X,E,PMLD,`,
        `${upn(33)},Di,Noneed,${dob},5,E,,`,
      ].join('\n') + '\n',
    );
    const r = await cli(['pupils', 'import', file, '--data', data], { env: AS_INIT_SENCO });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/: 4 rows; 3 created, 0 updated, 0 unchanged, 1 rejected, 1 to check\.\n/);
    expect(r.stdout).toMatch(/line 5, Primary need: A pupil with an EHC plan \(E\) or on SEN support \(K\) needs a primary need/);
    expect(r.stdout).toMatch(
      /Rows to check \(imported as given[^\n]*\n {2}line 3, NC Year: Born on 15 January \d{4}, a pupil would normally be in Year 5 in \d{4}\/\d{2}, not Year 3\./,
    );
    const json = JSON.parse((await cli(['pupils', 'import', file, '--data', data, '--json'], { env: AS_INIT_SENCO })).stdout) as {
      warnings: { line: number; field: string }[];
    };
    expect(json.warnings.map((w) => [w.line, w.field])).toEqual([[3, 'NC Year']]);

    expect((await list('--year', 'X')).rows.map((p) => p.legalName)).toEqual(['Cy Noyears']);
    expect((await list('--year', 'year x')).total).toBe(1);
    const bad = await cli(['pupils', 'list', '--data', data, '--year', 'P7'], { env: AS_INIT_SENCO });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/14, X \(X: not following National Curriculum year groups\)/);
  });
});
