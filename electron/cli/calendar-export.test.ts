import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayIso } from '../../shared/dates';
import { openCoreAt } from '../core/core';
import { generateDemo } from '../core/demo';
import { academicYearOf, collectEvents, mergeCalendars, vevents } from './commands/calendar-export';
import { AS_DEMO_SENCO, cli, tempDir } from './test-support';

const FROM = '2025-09-01';
const TO = '2027-08-31';

interface Parsed {
  readonly name: string | null;
  readonly events: { uid: string; summary: string; description: string; start: string; minutes: number; location: string | null }[];
}

/** Reads the file the way a calendar program does (ical.js), so a file Outlook would choke on fails here. */
function parse(file: string): Parsed {
  const comp = new ICAL.Component(ICAL.parse(readFileSync(file, 'utf8')));
  expect(comp.name).toBe('vcalendar');
  return {
    name: (comp.getFirstPropertyValue('x-wr-calname') as string | null) ?? null,
    events: comp.getAllSubcomponents('vevent').map((v) => {
      const e = new ICAL.Event(v);
      return {
        uid: e.uid,
        summary: e.summary,
        description: e.description,
        start: e.startDate.toString(),
        minutes: e.duration.toSeconds() / 60,
        location: e.location || null,
      };
    }),
  };
}

describe('senco-desk calendar export on the small demo (two years of sessions)', () => {
  let tmp: ReturnType<typeof tempDir>;
  let data: string;
  let out: string;
  const demo = generateDemo('small');
  const names = demo.pupils.flatMap((p) => [
    `${p.legalFirstName} ${p.legalLastName}`,
    `${p.preferredFirstName ?? p.legalFirstName} ${p.legalLastName}`,
  ]);
  /** The sessions in the folder, by practitioner username, straight from the tables. */
  let sessionsOf: Map<string, { id: string; date: string; start: string; minutes: number; pupils: number }[]>;
  let allSessions: number;

  beforeAll(async () => {
    tmp = tempDir();
    data = join(tmp.dir, 'data');
    out = join(tmp.dir, 'out');
    mkdirSync(out);
    expect((await cli(['demo', '--size', 'small', '--session-years', '2', '--data', data])).code).toBe(0);
    const core = await openCoreAt(data, {});
    try {
      const rows: { id: string; date: string; start_time: string; duration_minutes: number; username: string; pupils: number }[] =
        await core.ds.query(
          'SELECT s.id, s.date, s.start_time, s.duration_minutes, u.username, (SELECT COUNT(*) FROM session_pupil y WHERE y.session_id = s.id) AS pupils ' +
            'FROM therapy_session s JOIN session_practitioner x ON x.session_id = s.id JOIN app_user u ON u.id = x.user_id WHERE s.date >= ? AND s.date <= ?',
          [FROM, TO],
        );
      sessionsOf = new Map();
      for (const r of rows) {
        sessionsOf.set(r.username, [
          ...(sessionsOf.get(r.username) ?? []),
          { id: r.id, date: r.date, start: r.start_time, minutes: Number(r.duration_minutes), pupils: Number(r.pupils) },
        ]);
      }
      allSessions = Number(
        (
          (await core.ds.query('SELECT COUNT(*) AS n FROM therapy_session WHERE date >= ? AND date <= ?', [FROM, TO])) as { n: number }[]
        )[0]!.n,
      );
    } finally {
      await core.close();
    }
  });
  afterAll(() => tmp.remove());
  const leftovers = () => readdirSync(out).filter((f) => f.endsWith('.part'));

  it("writes one practitioner's sessions (matched by username in any case) as a calendar ical.js reads, pupils by initials only", async () => {
    const file = join(out, 'therapist1.ics');
    const r = await cli(
      ['calendar', 'export', '--out', file, '--practitioner', 'THERAPIST1', '--from', FROM, '--to', '31/08/2027', '--data', data, '--json'],
      { env: AS_DEMO_SENCO },
    );
    expect(r.code, r.stderr).toBe(0);
    const mine = sessionsOf.get('therapist1')!;
    expect(mine.length).toBeGreaterThan(500);
    expect(JSON.parse(r.stdout)).toMatchObject({
      ok: true,
      file,
      from: FROM,
      to: TO,
      events: mine.length,
      practitioners: [{ username: 'therapist1', events: mine.length }],
    });

    const ics = parse(file);
    const therapist = demo.staff.find((s) => s.username === 'therapist1')!;
    expect(ics.name).toBe(`SENCo Desk sessions: ${therapist.displayName}`);
    expect(ics.events).toHaveLength(mine.length);
    const byUid = new Map(ics.events.map((e) => [e.uid, e]));
    for (const s of mine) {
      const e = byUid.get(`${s.id}@senco-desk`)!;
      expect(e, s.id).toBeDefined();
      expect(e.start).toBe(`${s.date}T${s.start}:00`);
      expect(e.minutes).toBe(s.minutes);
      // "Title (AB, CD)": one set of initials per pupil, and nothing else about them.
      const initials = /\(([A-Z]{1,4}(?:, [A-Z]{1,4})*)\)$/.exec(e.summary)?.[1]?.split(', ') ?? [];
      expect(initials, e.summary).toHaveLength(s.pupils);
      expect(e.description).toMatch(/^.+\. Pupils: [A-Z]{1,4}(, [A-Z]{1,4})*\.$/);
    }
    const text = readFileSync(file, 'utf8');
    for (const n of names) expect(text.includes(n), n).toBe(false);
    for (const p of demo.pupils) expect(new RegExp(`\\b${p.legalLastName}\\b`).test(text), p.legalLastName).toBe(false);
    expect(text.split('\r\n').every((l) => Buffer.byteLength(l) <= 75)).toBe(true);
    expect(leftovers()).toEqual([]);
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);

    // The display name, in another case, finds the same practitioner.
    const byName = await cli(
      [
        'calendar',
        'export',
        '--out',
        join(out, 'by-name.ics'),
        '--practitioner',
        therapist.displayName.toUpperCase(),
        '--from',
        FROM,
        '--to',
        TO,
        '--data',
        data,
      ],
      { env: AS_DEMO_SENCO },
    );
    expect(byName.code).toBe(0);
    expect(byName.stdout).toBe(
      `Wrote ${mine.length.toLocaleString('en-GB')} sessions from ${FROM} to ${TO} for ${therapist.displayName} (therapist1) to ${join(out, 'by-name.ics')} (pupils by initials only).\n`,
    );
  });

  it("puts every practitioner's sessions in one calendar, each session once", async () => {
    const file = join(out, 'all.ics');
    const r = await cli(['calendar', 'export', '--out', file, '--from', FROM, '--to', TO, '--data', data, '--json'], {
      env: AS_DEMO_SENCO,
    });
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as { events: number; practitioners: { username: string; events: number }[] };
    expect(doc.events).toBe(allSessions);
    expect(doc.practitioners.map((p) => p.username).sort()).toEqual(['senco', 'therapist1']);
    for (const p of doc.practitioners) expect(p.events).toBe(sessionsOf.get(p.username)?.length ?? 0);
    const ics = parse(file);
    expect(ics.name).toBe('SENCo Desk sessions: all practitioners');
    expect(ics.events).toHaveLength(allSessions);
    expect(new Set(ics.events.map((e) => e.uid)).size).toBe(allSessions);
    const starts = ics.events.map((e) => e.start);
    expect(starts).toEqual([...starts].sort());
  });

  it('defaults to the current academic year, and refuses an existing file without --force', async () => {
    const file = join(out, 'default.ics');
    const r = await cli(['calendar', 'export', '--out', file, '--practitioner', 'senco', '--data', data, '--json'], { env: AS_DEMO_SENCO });
    expect(r.code, r.stderr).toBe(0);
    const year = academicYearOf(todayIso());
    expect(JSON.parse(r.stdout)).toMatchObject({ from: year.from, to: year.to });
    expect(year.to).toBe(`${Number(year.from.slice(0, 4)) + 1}-08-31`);

    writeFileSync(file, 'keep me\n');
    const again = await cli(['calendar', 'export', '--out', file, '--practitioner', 'senco', '--from', FROM, '--to', TO, '--data', data], {
      env: AS_DEMO_SENCO,
    });
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already exists: nothing was written.*--force/);
    expect(readFileSync(file, 'utf8')).toBe('keep me\n');
    const forced = await cli(
      ['calendar', 'export', '--out', file, '--practitioner', 'senco', '--from', FROM, '--to', TO, '--force', '--data', data],
      { env: AS_DEMO_SENCO },
    );
    expect(forced.code).toBe(0);
    expect(parse(file).events).toHaveLength(sessionsOf.get('senco')?.length ?? 0);
    expect(leftovers()).toEqual([]);
  });

  it('lists the practitioners when the name matches none or several, and refuses bad dates (exit 2, nothing written)', async () => {
    const file = join(out, 'none.ics');
    const none = await cli(['calendar', 'export', '--out', file, '--practitioner', 'Nobody Here', '--data', data, '--json'], {
      env: AS_DEMO_SENCO,
    });
    expect(none.code).toBe(2);
    expect(JSON.parse(none.stdout)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(none.stderr).toMatch(/No practitioner is called "Nobody Here"/);
    expect(none.stderr).toMatch(/\(senco, SENCo\)/);
    expect(none.stderr).toMatch(/\(therapist1, therapist\)/);
    const several = await cli(['calendar', 'export', '--out', file, '--practitioner', 'e', '--data', data], { env: AS_DEMO_SENCO });
    expect(several.code).toBe(2);
    expect(several.stderr).toMatch(/"e" matches 2 practitioners; give the username/);
    // A teacher is not a practitioner.
    expect(
      (await cli(['calendar', 'export', '--out', file, '--practitioner', 'teacher1', '--data', data], { env: AS_DEMO_SENCO })).stderr,
    ).toMatch(/No practitioner is called "teacher1"/);
    const badDate = await cli(['calendar', 'export', '--out', file, '--from', '31/02/2026', '--data', data], { env: AS_DEMO_SENCO });
    expect(badDate.code).toBe(2);
    expect(badDate.stderr).toMatch(/yyyy-mm-dd or dd\/mm\/yyyy/);
    const backwards = await cli(['calendar', 'export', '--out', file, '--from', '2026-10-01', '--to', '2026-09-01', '--data', data], {
      env: AS_DEMO_SENCO,
    });
    expect(backwards.code).toBe(2);
    expect(backwards.stderr).toMatch(/--to \(2026-09-01\) is before --from \(2026-10-01\)/);
    expect(readdirSync(out).includes('none.ics')).toBe(false);
  });
});

describe('merging iCalendar files', () => {
  it('keeps folded lines with their event, drops repeated UIDs, sorts by start, and folds the calendar name', () => {
    const a =
      'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:b@x\r\nDTSTART:20260910T090000\r\nSUMMARY:A long title that\r\n\tgoes on (AB)\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n';
    const b =
      'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a@x\r\nDTSTART:20260909T090000\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:b@x\r\nDTSTART:20260910T090000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n';
    const merged = mergeCalendars(`Sessions; ${'é'.repeat(60)}`, [...vevents(a), ...vevents(b)]);
    const comp = new ICAL.Component(ICAL.parse(merged));
    expect(comp.getAllSubcomponents('vevent').map((v) => v.getFirstPropertyValue('uid'))).toEqual(['a@x', 'b@x']);
    expect(comp.getAllSubcomponents('vevent')[1]!.getFirstPropertyValue('summary')).toBe('A long title thatgoes on (AB)');
    // An X- property is not unescaped by ical.js (calendar programs read it as TEXT): the escape is still there.
    expect(comp.getFirstPropertyValue('x-wr-calname')).toBe(`Sessions\\; ${'é'.repeat(60)}`);
    expect(merged.split('\r\n').every((l) => Buffer.byteLength(l) <= 75)).toBe(true);
  });
});

describe('asking sessions.ics for a span', () => {
  const event = (date: string) => `BEGIN:VEVENT\r\nUID:${date}@x\r\nDTSTART:${date.replace(/-/g, '')}T090000\r\nEND:VEVENT\r\n`;
  /** One session a day, at most `limit` back per call (as listSessions' LIMIT does). */
  const fake = (limit: number, calls: string[][]) => async (from: string, to: string) => {
    calls.push([from, to]);
    const days: string[] = [];
    for (let d = from; d <= to && days.length < limit; d = new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10))
      days.push(d);
    return { ics: `BEGIN:VCALENDAR\r\n${days.map(event).join('')}END:VCALENDAR\r\n`, events: days.length };
  };

  it('asks a month at a time, and splits a span that returns as many events as one call gives', async () => {
    const calls: string[][] = [];
    const all = await collectEvents(fake(10, calls), '2026-09-25', '2026-10-31', 10);
    expect(all.map((e) => e.uid)).toHaveLength(37);
    expect(new Set(all.map((e) => e.uid)).size).toBe(37);
    expect(calls[0]).toEqual(['2026-09-25', '2026-09-30']);
    expect(calls.length).toBeGreaterThan(2);
    const roomy: string[][] = [];
    expect(await collectEvents(fake(100, roomy), '2026-09-25', '2026-10-31', 100)).toHaveLength(37);
    expect(roomy).toEqual([
      ['2026-09-25', '2026-09-30'],
      ['2026-10-01', '2026-10-31'],
    ]);
    await expect(collectEvents(fake(1, []), '2026-09-01', '2026-09-02', 1)).rejects.toThrow(/More than 1 sessions on 2026-09-01/);
  });
});
