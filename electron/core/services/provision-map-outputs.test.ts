/**
 * The provision map's outputs (issue 18, item 2) through the dispatcher on SQLite and PostgreSQL: the CSV (UTF-8
 * with a byte-order mark, formulas defused, a row per place, its cost column summing to the map's total, and no cost
 * column at all for a role that may not see costs), the A4 print for governors (Confidential on every page, totals,
 * no pupil named) and a pupil's funding request (their provision, cost and the amount above the threshold), both
 * refused to anyone but the SENCo and headteacher.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProvisionMap, ProvisionRecord, PupilProfile, SessionInfo, UserSummary } from '../../../shared/contract';
import { formatPence, formatPounds } from '../../../shared/money';
import { makeUpn } from '../../../shared/upn';
import { openTestCore, pupilInput, setUp, testDrivers, type TestCore } from '../testing/harness';

type R<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } };
type Pdf = { filename: string; pdfBase64: string; pages: number };

const TERMS = [
  { name: 'autumn1', startDate: '2026-09-03', endDate: '2026-10-23' },
  { name: 'autumn2', startDate: '2026-11-02', endDate: '2026-12-18' },
  { name: 'spring1', startDate: '2027-01-05', endDate: '2027-02-12' },
  { name: 'spring2', startDate: '2027-02-22', endDate: '2027-03-26' },
  { name: 'summer1', startDate: '2027-04-12', endDate: '2027-05-28' },
  { name: 'summer2', startDate: '2027-06-07', endDate: '2027-07-21' },
];

/** Parses RFC 4180 CSV (quoted fields, doubled quotes, CRLF). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  return rows;
}

describe.each(testDrivers())('the provision map’s CSV and prints on %s', (driver) => {
  let core: TestCore;
  let senco: string;
  let tess: string;
  let tia: string;
  let lead: string;
  let hana: string;
  let ina: PupilProfile;
  let otto: PupilProfile;
  let dir: string;
  const call = <T>(session: string | null, op: string, input: unknown) => core.dispatcher.invoke({ op, input, session }) as Promise<R<T>>;
  const must = async <T>(session: string | null, op: string, input: unknown): Promise<T> => {
    const r = await call<T>(session, op, input);
    if (!r.ok) throw new Error(`${op}: ${JSON.stringify(r.error)}`);
    return r.value;
  };
  const signIn = async (username: string, password: string) =>
    (await must<SessionInfo>(null, 'auth.signIn', { username, password })).session;
  const pdfText = (r: Pdf) => {
    const file = join(dir, `${Math.random().toString(36).slice(2)}-${r.filename}`);
    writeFileSync(file, Buffer.from(r.pdfBase64, 'base64'));
    const info = execFileSync('/usr/bin/pdfinfo', [file], { encoding: 'utf8' });
    const text = execFileSync('/usr/bin/pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
    return { info, pages: text.split('\f').filter((p) => p.trim()), flat: text.replace(/\s+/g, ' ') };
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'provision-map-'));
    core = await openTestCore(driver, () => new Date('2026-11-23T09:00:00Z'));
    senco = await setUp(core);
    await must(senco, 'terms.replaceYear', { academicYear: '2026/27', terms: TERMS });
    await must(senco, 'provision.rates.set', {
      rates: [
        { role: 'teaching_assistant', hourlyPence: 1_850 },
        { role: 'speech_language_therapist', hourlyPence: 5_400 },
      ],
    });
    // A comma and an apostrophe in a name, and a provision named like a spreadsheet formula.
    ina = await must<PupilProfile>(
      senco,
      'pupils.create',
      pupilInput({
        upn: makeUpn(999, 4100, 21, 1),
        legalFirstName: 'Ina',
        legalLastName: "O'Neil, Jr",
        yearGroup: '5',
        className: '5S',
        needs: ['SLCN'],
      }),
    );
    otto = await must<PupilProfile>(
      senco,
      'pupils.create',
      pupilInput({
        upn: makeUpn(999, 4100, 21, 2),
        legalFirstName: 'Otto',
        legalLastName: 'Other',
        yearGroup: '6',
        className: '6T',
        needs: ['SPLD'],
      }),
    );
    const base = {
      area: 'communication_interaction',
      wave: 'targeted',
      startDate: '2026-09-03',
      endDate: null,
      measureName: null,
      description: null,
    };
    const lego = await must<ProvisionRecord>(senco, 'provisions.create', {
      ...base,
      name: '=HYPERLINK("http://x")',
      groupSize: 4,
      sessionsPerWeek: 2,
      minutesPerSession: 30,
      staffRole: 'teaching_assistant',
    });
    const slt = await must<ProvisionRecord>(senco, 'provisions.create', {
      ...base,
      name: '1:1 speech and language',
      wave: 'specific',
      groupSize: 1,
      sessionsPerWeek: 3,
      minutesPerSession: 60,
      staffRole: 'speech_language_therapist',
    });
    for (const p of [ina, otto])
      await must(senco, 'provisions.placements.add', { provisionId: lego.id, pupilId: p.id, startDate: '2026-09-03', endDate: null });
    await must(senco, 'provisions.placements.add', { provisionId: slt.id, pupilId: ina.id, startDate: '2026-09-03', endDate: null });

    const therapist = await must<UserSummary>(senco, 'users.create', {
      displayName: 'Tess Therapist',
      username: 'tess',
      role: 'therapist',
      password: 'therapist password',
    });
    const teacher = await must<UserSummary>(senco, 'users.create', {
      displayName: 'Tia Teacher',
      username: 'tia',
      role: 'teacher',
      password: 'teacher password 1',
    });
    await must(senco, 'users.create', {
      displayName: 'Lee Lead',
      username: 'lee',
      role: 'therapy_lead',
      password: 'therapy lead password',
    });
    await must(senco, 'users.create', {
      displayName: 'Hana Head',
      username: 'hana',
      role: 'headteacher',
      password: 'headteacher password',
    });
    await must(senco, 'users.setClasses', { id: teacher.id, classes: ['5S'] });
    await must(senco, 'caseload.allocate', {
      pupilId: otto.id,
      userId: therapist.id,
      discipline: 'speech_language',
      startDate: '2026-09-07',
    });
    tess = await signIn('tess', 'therapist password');
    tia = await signIn('tia', 'teacher password 1');
    lead = await signIn('lee', 'therapy lead password');
    hana = await signIn('hana', 'headteacher password');
  }, 120_000);
  afterAll(async () => {
    await core?.cleanup();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('exports the map as CSV: a byte-order mark, a row per place, formulas defused, the cost column summing to the map’s total', async () => {
    const map = await must<ProvisionMap>(senco, 'provision.map', { academicYear: '2026/27' });
    const r = await must<{ filename: string; csv: string; rows: number }>(senco, 'provision.map.csv', { academicYear: '2026/27' });
    expect(r.filename).toBe('provision-map-2026-27-2026-11-23.csv');
    expect(r.csv.startsWith('\uFEFF')).toBe(true);
    expect(r.rows).toBe(3);
    const [header, ...rows] = parseCsv(r.csv.slice(1));
    expect(rows).toHaveLength(3);
    const col = (name: string) => header!.indexOf(name);
    expect(col('Cost (£)')).toBeGreaterThan(0);
    expect(col('Hourly rate (£)')).toBeGreaterThan(0);
    // The formula is written as text; the name with a comma and an apostrophe comes back whole.
    expect(rows.filter((x) => x[col('Provision')] === `'=HYPERLINK("http://x")`)).toHaveLength(2);
    expect(r.csv).not.toMatch(/(^|,)=HYPERLINK/m);
    expect(rows.map((x) => x[col('Pupil')]).sort()).toEqual(["Ina O'Neil, Jr", "Ina O'Neil, Jr", 'Otto Other']);
    expect(rows.find((x) => x[col('Provision')] === '1:1 speech and language')).toMatchObject({
      [col('Hours a week')]: '3',
      [col('From')]: '03/09/2026',
      [col('Year group')]: 'Year 5',
    });
    const pence = rows.reduce((n, x) => n + Math.round(Number(x[col('Cost (£)')]) * 100), 0);
    expect(pence).toBe(map.totals.cost!.totalPence);
    expect(pence).toBeGreaterThan(0);
  });

  it('a therapy lead’s CSV has no cost column; a teacher and a therapist may not export it', async () => {
    const r = await must<{ csv: string; rows: number }>(lead, 'provision.map.csv', { academicYear: '2026/27' });
    const [header] = parseCsv(r.csv.slice(1));
    expect(header).not.toContain('Cost (£)');
    expect(header).not.toContain('Hourly rate (£)');
    expect(header).not.toContain('School days');
    expect(r.csv).not.toContain('£');
    for (const s of [tia, tess]) expect(await call(s, 'provision.map.csv', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('prints the map for governors on A4: Confidential on every page, totals by provision, wave and year, and no pupil named', async () => {
    const map = await must<ProvisionMap>(senco, 'provision.map', { academicYear: '2026/27' });
    const r = await must<Pdf>(senco, 'provision.map.pdf', { academicYear: '2026/27' });
    expect(r.filename).toBe('provision-map-governors-2026-27.pdf');
    const { info, pages, flat } = pdfText(r);
    expect(info).toMatch(/Page size:\s+595\.28 x 841\.89 pts \(A4\)/);
    expect(pages).toHaveLength(r.pages);
    expect(pages.every((p) => /Confidential/.test(p))).toBe(true);
    for (const s of [
      'FOR GOVERNORS',
      'Provision map 2026/27',
      'Printed 23 November 2026',
      '1:1 speech and language',
      'By wave',
      'By year group',
      'Targeted',
      'Specific',
      'Year 5',
      'keep this print within the governing board',
      `Page 1 of ${r.pages}`,
    ]) {
      expect(flat).toContain(s);
    }
    expect(flat).toContain(formatPounds(map.totals.cost!.totalPence));
    expect(flat).toContain(formatPounds(map.provisions.find((p) => p.name === '1:1 speech and language')!.cost!.yearPence));
    for (const s of ['Ina', 'Otto', "O'Neil", 'Other', ina.upn, otto.upn]) expect(flat).not.toContain(s);
    // Filtered: says so, and shows only what matches.
    const y6 = pdfText(await must<Pdf>(hana, 'provision.map.pdf', { academicYear: '2026/27', yearGroup: '6' }));
    expect(y6.flat).toContain('Only: Year 6.');
    expect(y6.flat).not.toContain('1:1 speech and language');
  });

  it('prints a pupil’s funding request: their provision, hours, cost and the amount above the threshold', async () => {
    await must(senco, 'provision.threshold.set', { thresholdPence: 100_000 });
    const map = await must<ProvisionMap>(senco, 'provision.map', { academicYear: '2026/27', pupilId: ina.id });
    const row = map.pupils[0]!;
    expect(row.cost!.aboveThresholdPence).toBeGreaterThan(0);
    const r = await must<Pdf>(senco, 'provision.funding.pdf', { pupilId: ina.id, academicYear: '2026/27' });
    expect(r.filename).toBe('funding-request-Ina-O-Neil-Jr-2026-27.pdf');
    const { pages, flat } = pdfText(r);
    expect(pages.every((p) => /Confidential/.test(p))).toBe(true);
    for (const s of [
      'TOP-UP FUNDING REQUEST',
      "Ina O'Neil, Jr",
      ina.upn,
      'Year 5',
      '1:1 speech and language',
      '3 September 2026',
      'Speech and language therapist',
      formatPence(5_400),
    ])
      expect(flat).toContain(s);
    expect(flat).toContain(formatPence(row.cost!.totalPence));
    expect(flat).toContain('TOP-UP REQUESTED (ABOVE THE THRESHOLD)');
    expect(flat).toContain(formatPence(row.cost!.aboveThresholdPence));
    expect(flat).not.toContain('Otto');
    await must(senco, 'provision.threshold.set', { thresholdPence: null });
  });

  it('refuses both prints to a role that may not see costs, and audits a funding request against the pupil', async () => {
    for (const s of [tia, tess, lead]) {
      expect(await call(s, 'provision.map.pdf', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(await call(s, 'provision.funding.pdf', { pupilId: ina.id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    await must(hana, 'provision.funding.pdf', { pupilId: otto.id });
    const [e] = (await core.ds.query(
      `SELECT operation, pupil_id, outcome FROM audit_event WHERE operation = 'provision.funding.pdf' AND outcome = 'ok' ORDER BY seq DESC`,
    )) as Record<string, unknown>[];
    expect(e).toMatchObject({ pupil_id: otto.id });
  });
});
