/**
 * Pupil passports through the dispatcher, on SQLite and PostgreSQL: the SENCo writes one with strategies drawn from
 * the pupil's EHC plan and individual plan, saves a second version (the first kept, a stale save refused); a teacher
 * reads the passports of the pupils in their classes and nothing else (refused and audited in the core), and sees
 * no cost; a photo is cleaned of its metadata before it is stored; the printed copies are one A4 page with
 * "Confidential" on it.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeUpn } from '../../../shared/upn';
import type {
  IppView,
  PassportList,
  PassportVersion,
  PassportView,
  PupilProfile,
  SuggestedStrategy,
  UserSummary,
} from '../../../shared/contract';
import { openTestCore, planContent, pupilInput, setUp, testDrivers, type TestCore } from '../testing/harness';
import { makeJpeg, makePng } from '../testing/images';

type R<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string; fields?: Record<string, string> } };

const levels = (expected: string) => ({ m2: null, m1: null, expected, p1: null, p2: null });

export const passportFor = (pupilId: string, over: Record<string, unknown> = {}) => ({
  pupilId,
  baseVersion: null,
  aboutMe: 'I like trains and drawing dragons.',
  goodAt: 'Building with Lego',
  findHard: 'Noisy rooms and long instructions',
  helpsMe: 'A visual timetable on my desk',
  doesNotHelp: 'Being rushed',
  strategies: [{ text: 'Give one instruction at a time', source: 'staff' }],
  pupilWords: 'I like it when I know what is next.',
  writtenWith: 'Amara and her mum',
  photo: { kind: 'none' },
  ...over,
});

describe.each(testDrivers())('pupil passports on %s', (driver) => {
  let core: TestCore;
  let senco: string;
  let teacher: string;
  let inClass: PupilProfile;
  let otherClass: PupilProfile;
  const call = <T>(session: string, op: string, input: unknown) => core.dispatcher.invoke({ op, input, session }) as Promise<R<T>>;
  const must = async <T>(session: string, op: string, input: unknown): Promise<T> => {
    const r = await call<T>(session, op, input);
    if (!r.ok) throw new Error(`${op}: ${JSON.stringify(r.error)}`);
    return r.value;
  };
  const count = async (table: string) => Number(((await core.ds.query(`SELECT COUNT(*) AS n FROM ${table}`)) as { n: unknown }[])[0]!.n);

  beforeEach(async () => {
    core = await openTestCore(driver, () => new Date('2026-11-23T09:00:00Z'));
    senco = await setUp(core);
    inClass = await must<PupilProfile>(
      senco,
      'pupils.create',
      pupilInput({ upn: makeUpn(999, 4500, 19, 1), legalFirstName: 'Amara', legalLastName: 'Passport', className: '5S', senStatus: 'E' }),
    );
    otherClass = await must<PupilProfile>(
      senco,
      'pupils.create',
      pupilInput({ upn: makeUpn(999, 4500, 19, 2), legalFirstName: 'Otto', legalLastName: 'Elsewhere', className: '6T' }),
    );
    const tia = await must<UserSummary>(senco, 'users.create', {
      displayName: 'Tia Teacher',
      username: 'tia',
      role: 'teacher',
      password: 'teacher password 1',
    });
    await must(senco, 'users.setClasses', { id: tia.id, classes: ['5S'] });
    teacher = (await must<{ session: string }>('', 'auth.signIn', { username: 'tia', password: 'teacher password 1' })).session;
  });
  afterEach(async () => core.cleanup());

  it('the SENCo draws strategies from the EHC plan and the individual plan, saves two versions and keeps the first', async () => {
    await must(senco, 'ehcp.create', {
      pupilId: inClass.id,
      localAuthority: 'Exampleshire',
      ownerId: null,
      status: 'final',
      draftDate: null,
      issuedDate: '2025-12-01',
      ceasedDate: null,
      ceasedReason: null,
      content: planContent(),
    });
    await must<IppView>(senco, 'ipps.save', {
      id: null,
      baseVersion: null,
      pupilId: inClass.id,
      title: 'Communication plan',
      startDate: '2026-09-02',
      reviewDate: '2026-12-10',
      endDate: '2027-07-16',
      expectedOutcomes: null,
      revisionReason: null,
      goals: [{ key: 'g1', description: 'Asks for help in class', ehcpOutcomeId: null, levels: levels('Asks twice a day') }],
      interventions: [
        {
          discipline: 'speech_language',
          description: 'Narrative group',
          frequencyCount: 1,
          frequencyPeriod: 'week',
          sessionMinutes: 30,
          durationWeeks: 20,
          groupSize: 3,
          staffingRatio: 'small_group',
          deliveredBy: 'SLT',
          classroomStrategies: '- Visual timetable on the desk\n- Check understanding; Give thinking time',
        },
      ],
    });
    const suggested = await must<SuggestedStrategy[]>(senco, 'passports.suggestStrategies', { pupilId: inClass.id });
    expect(suggested).toEqual([
      { text: 'Speech and language therapy, individual (Speech and language therapist)', source: 'ehcp', from: 'EHC plan, Section F' },
      { text: 'Daily reading intervention (Teaching assistant)', source: 'ehcp', from: 'EHC plan, Section F' },
      { text: 'Visual timetable on the desk', source: 'ipp', from: 'Individual plan “Communication plan”' },
      { text: 'Check understanding', source: 'ipp', from: 'Individual plan “Communication plan”' },
      { text: 'Give thinking time', source: 'ipp', from: 'Individual plan “Communication plan”' },
      { text: 'Target: Asks for help in class', source: 'ipp', from: 'Individual plan “Communication plan”' },
    ]);
    // Nothing about money in what a passport is drawn from, nor in what it holds.
    expect(JSON.stringify(suggested)).not.toMatch(/£|cost/i);

    const first = await must<PassportView>(
      senco,
      'passports.save',
      passportFor(inClass.id, { strategies: suggested.slice(2, 4).map(({ text, source }) => ({ text, source })) }),
    );
    expect(first.current).toMatchObject({
      number: 1,
      createdBy: 'Sam Senco (sam.senco)',
      strategies: [
        { text: 'Visual timetable on the desk', source: 'ipp' },
        { text: 'Check understanding', source: 'ipp' },
      ],
    });
    const second = await must<PassportView>(
      senco,
      'passports.save',
      passportFor(inClass.id, {
        baseVersion: 1,
        helpsMe: 'A visual timetable, and a quiet corner',
        strategies: [...first.current!.strategies, { text: 'Warn me before a change', source: 'staff' }],
      }),
    );
    expect(second.current).toMatchObject({ number: 2, helpsMe: 'A visual timetable, and a quiet corner' });
    expect(second.versions.map((v) => v.number)).toEqual([1, 2]);
    // The first version is kept as it was.
    expect(await must<PassportVersion>(senco, 'passports.getVersion', { pupilId: inClass.id, number: 1 })).toMatchObject({
      number: 1,
      helpsMe: 'A visual timetable on my desk',
    });
    expect((await must<PassportView>(senco, 'passports.get', { pupilId: inClass.id })).current?.number).toBe(2);

    // A save from version 1 after version 2 was saved is refused, and writes nothing.
    const stale = await call(senco, 'passports.save', passportFor(inClass.id, { baseVersion: 1, aboutMe: 'Overwrites the newer one' }));
    expect(stale).toMatchObject({
      ok: false,
      error: {
        code: 'conflict',
        message: expect.stringMatching(/newer version of Amara Passport’s passport \(version 2\) after you opened version 1\. Reload/),
      },
    });
    const fresh = await call(senco, 'passports.save', passportFor(inClass.id, { baseVersion: null }));
    expect(fresh).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await count('pupil_passport_version')).toBe(2);
    // An empty passport is refused beside the first section.
    const empty = await call(
      senco,
      'passports.save',
      passportFor(inClass.id, {
        baseVersion: 2,
        aboutMe: '',
        goodAt: null,
        findHard: null,
        helpsMe: ' ',
        doesNotHelp: null,
        pupilWords: null,
        strategies: [],
      }),
    );
    expect(empty).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', fields: { aboutMe: expect.stringMatching(/at least one part/) } },
    });
    const twice = await call(
      senco,
      'passports.save',
      passportFor(inClass.id, {
        baseVersion: 2,
        strategies: [
          { text: 'Same', source: 'staff' },
          { text: 'same', source: 'ipp' },
        ],
      }),
    );
    expect(twice).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', fields: { 'strategies.1.text': expect.stringMatching(/already in the list/) } },
    });
    expect(await count('pupil_passport_version')).toBe(2);
  });

  it('a teacher sees the passports of the pupils in their classes, no cost, and is refused any other pupil’s (audited)', async () => {
    await must(senco, 'passports.save', passportFor(inClass.id));
    await must(senco, 'passports.save', passportFor(otherClass.id, { aboutMe: 'Otto likes maps.' }));

    const mine = await must<PassportList>(teacher, 'passports.list', {});
    expect(mine.rows.map((r) => r.pupilName)).toEqual(['Amara Passport']);
    expect(mine).toMatchObject({
      withoutPassport: 0,
      rows: [{ className: '5S', version: 1, strategies: 1, helpsMe: 'A visual timetable on my desk' }],
    });
    const view = await must<PassportView>(teacher, 'passports.get', { pupilId: inClass.id });
    expect(view.current?.aboutMe).toBe('I like trains and drawing dragons.');
    expect(JSON.stringify([mine, view])).not.toMatch(/£|\bcosts?\b|hourly|\brates?\b/i);
    expect((await must<{ pages: number }>(teacher, 'passports.pdf', { pupilId: inClass.id })).pages).toBe(1);

    for (const [op, input] of [
      ['passports.get', { pupilId: otherClass.id }],
      ['passports.getVersion', { pupilId: otherClass.id, number: 1 }],
      ['passports.pdf', { pupilId: otherClass.id }],
    ] as const) {
      const r = await call(teacher, op, input);
      expect(r, op).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringMatching(/class/) } });
      expect(JSON.stringify(r)).not.toMatch(/Otto|maps/);
    }
    // Teachers read passports; the SENCo and the therapy team write them.
    expect(await call(teacher, 'passports.save', passportFor(inClass.id, { baseVersion: 1 }))).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await call(teacher, 'passports.suggestStrategies', { pupilId: inClass.id })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    const refused = (await core.ds.query("SELECT operation, pupil_id FROM audit_event WHERE outcome = 'refused' ORDER BY seq")) as {
      operation: string;
      pupil_id: string | null;
    }[];
    expect(refused).toEqual(
      expect.arrayContaining([
        { operation: 'passports.get', pupil_id: otherClass.id },
        { operation: 'passports.getVersion', pupil_id: otherClass.id },
        { operation: 'passports.pdf', pupil_id: otherClass.id },
      ]),
    );

    // A class filter, and the pupils still without one.
    await must(
      senco,
      'pupils.create',
      pupilInput({ upn: makeUpn(999, 4500, 19, 3), legalFirstName: 'Nia', legalLastName: 'Nopassport', className: '5s' }),
    );
    expect(await must<PassportList>(teacher, 'passports.list', { className: '5S' })).toMatchObject({
      withoutPassport: 1,
      rows: [{ pupilId: inClass.id }],
    });
    expect((await must<PassportList>(senco, 'passports.list', {})).rows.map((r) => r.pupilName)).toEqual([
      'Amara Passport',
      'Otto Elsewhere',
    ]);
  });

  it('stores a photo without its metadata, keeps it into the next version, and refuses what is not a picture', async () => {
    const png = makePng(64, [{ type: 'tEXt', data: Buffer.from('Author\0Jo Testington', 'latin1') }]);
    const v1 = await must<PassportView>(
      senco,
      'passports.save',
      passportFor(inClass.id, { photo: { kind: 'new', base64: png.toString('base64'), alt: 'Amara smiling' } }),
    );
    expect(v1.current?.photo).toMatchObject({ type: 'image/png', alt: 'Amara smiling' });
    const stored = Buffer.from(v1.current!.photo!.base64, 'base64');
    expect(stored.toString('latin1')).not.toMatch(/Testington|tEXt/);
    expect(stored.equals(makePng(64))).toBe(true);
    const v2 = await must<PassportView>(
      senco,
      'passports.save',
      passportFor(inClass.id, { baseVersion: 1, photo: { kind: 'keep', alt: 'Amara smiling, in her football kit' } }),
    );
    expect(v2.current?.photo).toMatchObject({ base64: v1.current!.photo!.base64, alt: 'Amara smiling, in her football kit' });
    const v3 = await must<PassportView>(senco, 'passports.save', passportFor(inClass.id, { baseVersion: 2, photo: { kind: 'none' } }));
    expect(v3.current?.photo).toBeNull();

    const jpeg = makeJpeg(30, 40, [{ marker: 0xe1, data: Buffer.from('Exif\0\0GPS 51.5N', 'latin1') }]);
    const withJpeg = await must<PassportView>(
      senco,
      'passports.save',
      passportFor(inClass.id, { baseVersion: 3, photo: { kind: 'new', base64: jpeg.toString('base64'), alt: 'Amara' } }),
    );
    expect(Buffer.from(withJpeg.current!.photo!.base64, 'base64').toString('latin1')).not.toMatch(/Exif|GPS/);

    const before = await count('pupil_passport_version');
    const gif = await call(
      senco,
      'passports.save',
      passportFor(inClass.id, {
        baseVersion: 4,
        photo: { kind: 'new', base64: Buffer.from('GIF89a-not-allowed').toString('base64'), alt: 'A gif' },
      }),
    );
    expect(gif).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', fields: { 'photo.base64': expect.stringMatching(/PNG or JPEG/) } },
    });
    const noAlt = await call(
      senco,
      'passports.save',
      passportFor(inClass.id, { baseVersion: 4, photo: { kind: 'new', base64: png.toString('base64'), alt: '' } }),
    );
    expect(noAlt).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await count('pupil_passport_version')).toBe(before);
    // The photo is in the database only: nothing else is written beside it.
    expect((await core.ds.query('SELECT photo_type FROM pupil_passport_version ORDER BY number')) as unknown[]).toEqual([
      { photo_type: 'image/png' },
      { photo_type: 'image/png' },
      { photo_type: null },
      { photo_type: 'image/jpeg' },
    ]);
  });

  it('prints the staff copy and the plain copy on one A4 page each, Confidential on it, the plain copy in plain words', async () => {
    await must(
      senco,
      'passports.save',
      passportFor(inClass.id, {
        helpsMe: 'Working with my TA in a quiet room; my EHCP says I have SALT every week.',
        strategies: [
          { text: 'Give 1:1 support from the TA for reading', source: 'ipp' },
          { text: 'Seat near the front', source: 'staff' },
        ],
        photo: { kind: 'new', base64: makePng(96).toString('base64'), alt: 'Amara smiling' },
      }),
    );
    const dir = mkdtempSync(join(tmpdir(), 'passport-'));
    try {
      const read = async (plain: boolean) => {
        const r = await must<{ filename: string; pdfBase64: string; pages: number }>(senco, 'passports.pdf', {
          pupilId: inClass.id,
          plain,
        });
        const file = join(dir, r.filename);
        writeFileSync(file, Buffer.from(r.pdfBase64, 'base64'));
        const info = execFileSync('/usr/bin/pdfinfo', [file], { encoding: 'utf8' });
        const text = execFileSync('/usr/bin/pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
        return { r, info, pages: text.split('\f').filter((p) => p.trim()), flat: text.replace(/\s+/g, ' ') };
      };
      const staff = await read(false);
      expect(staff.r).toMatchObject({ pages: 1, filename: 'pupil-passport-Amara-Passport-v1.pdf' });
      expect(staff.info).toMatch(/Pages:\s+1\n/);
      expect(staff.info).toMatch(/Page size:\s+595\.28 x 841\.89 pts \(A4\)/);
      expect(staff.pages).toHaveLength(1);
      expect(staff.pages.every((p) => /Confidential/.test(p))).toBe(true);
      expect(staff.flat).toMatch(/Pupil passport|PUPIL PASSPORT/);
      for (const s of [
        'Amara Passport',
        'In my own words',
        'What helps me',
        'Strategies for staff',
        'Seat near the front (Staff)',
        'my TA',
        'Page 1 of 1',
      ])
        expect(staff.flat).toContain(s);

      const plain = await read(true);
      expect(plain.r.filename).toBe('my-passport-Amara-Passport-v1.pdf');
      expect(plain.pages.every((p) => /Confidential/.test(p))).toBe(true);
      expect(plain.flat).toMatch(/MY PASSPORT/);
      for (const s of [
        'Things that help me',
        'How adults at school help me',
        'my teaching assistant',
        'education, health and care plan',
        'speech and language therapist',
        'one to one support from the teaching assistant',
      ]) {
        expect(plain.flat).toContain(s);
      }
      expect(plain.flat).not.toMatch(/\b(TA|EHCP|SALT)\b|\(Staff\)|Version 1/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps a passport too long for one page to one page at the smallest type, and says it was shortened', async () => {
    const long = (word: string) => `${word} `.repeat(400).slice(0, 2000).trim();
    await must(
      senco,
      'passports.save',
      passportFor(inClass.id, {
        aboutMe: long('about'),
        goodAt: long('good'),
        findHard: long('hard'),
        helpsMe: long('helps'),
        doesNotHelp: long('unhelpful'),
        pupilWords: long('words'),
        strategies: Array.from({ length: 30 }, (_, i) => ({ text: `Strategy ${i + 1}: ${long('do').slice(0, 480)}`, source: 'staff' })),
      }),
    );
    const r = await must<{ pdfBase64: string; pages: number }>(senco, 'passports.pdf', { pupilId: inClass.id });
    expect(r.pages).toBe(1);
    const dir = mkdtempSync(join(tmpdir(), 'passport-'));
    try {
      const file = join(dir, 'long.pdf');
      writeFileSync(file, Buffer.from(r.pdfBase64, 'base64'));
      const text = execFileSync('/usr/bin/pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
      expect(text).toContain('Shortened to fit one page');
      expect(text).toContain('Confidential');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
