/**
 * One school server, two desks (issue 16, "Done when"): `senco-desk server` on an encrypted folder of its own, and two
 * browser-edition hosts connected to it (`senco-desk serve --server --fingerprint`), each with a data folder of its
 * own that holds no database at all. A therapist records a session and raises a concern on desk A; the DSL, on desk
 * B, sees it within seconds. The server stops: desk A says it is offline, opens a caseload pupil, records three
 * sessions and raises a concern with the red warning. The server starts again: the outbox is sent, concern first;
 * desk A is killed in the middle of it and started again; every operation is written once, the DSL sees the concern,
 * and the SENCo's figures count the sessions. Nothing a desk keeps holds the database key or credentials.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { makeUpn } from '../shared/upn';
import { academicYearOf } from '../renderer/src/lib/academic-year';
import { PinnedClient } from '../electron/connect/pinned';

test.describe.configure({ mode: 'serial' });

const PW = 'server senco password';
const TESS = { displayName: 'Tess Therapist', username: 'tess.therapist', password: 'therapist own password' };
const DEE = { displayName: 'Dee Safeguarding', username: 'dee.safeguarding', password: 'dsl own password here' };
const PUPIL = { first: 'Ina', last: 'Quillfeather', upn: makeUpn(916, 3000, 40, 7) };
const PUPIL_NAME = `${PUPIL.first} ${PUPIL.last}`;
const OUTSIDER = { first: 'Otto', last: 'Elsewhere', upn: makeUpn(916, 3000, 41, 8) };
const SCREENSHOTS = process.env.SENCO_E2E_SCREENSHOTS ?? 'test-results/screenshots';

interface Proc {
  child: ChildProcess;
  info: Record<string, unknown>;
  stderr: string[];
}

let serverData = '';
let deskA = '';
let deskB = '';
let server: Proc | null = null;
let hostA: Proc | null = null;
let hostB: Proc | null = null;
let serverPort = 0;
let serverUrl = '';
let fingerprint = '';
let api: PinnedClient;
let pupilId = '';
let dates: string[] = [];

const iso = (d: Date) => d.toISOString().slice(0, 10);
const words = (day: string) =>
  new Date(`${day}T12:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** Four weekly dates on one weekday, the last today (or the last weekday before a weekend). */
function sessionDates(): string[] {
  const d = new Date(`${iso(new Date())}T12:00:00Z`);
  while (d.getUTCDay() === 0 || d.getUTCDay() === 6) d.setUTCDate(d.getUTCDate() - 1);
  return [21, 14, 7, 0].map((back) => iso(new Date(d.getTime() - back * 86_400_000)));
}

function start(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Proc> {
  const child = spawn(process.execPath, ['bin/senco-desk.cjs', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, SENCO_DATABASE_URL: '', ...env },
  });
  const stderr: string[] = [];
  child.stderr!.on('data', (d: Buffer) => stderr.push(d.toString()));
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`senco-desk ${args[0]} did not start: ${stderr.join('')}`)), 30_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) {
        clearTimeout(timer);
        resolve({ child, info: JSON.parse(line) as Record<string, unknown>, stderr });
      }
    });
    child.on('exit', (code) => reject(new Error(`senco-desk ${args[0]} exited early (${code}): ${stderr.join('')}`)));
  });
}

async function stop(p: Proc | null, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (!p || p.child.exitCode !== null) return;
  const exited = new Promise((r) => p.child.once('exit', r));
  p.child.kill(signal);
  await exited;
}

const startServer = async () => {
  server = await start(['server', '--data', serverData, '--port', String(serverPort), '--listen', '127.0.0.1', '--json']);
  serverPort = Number(server.info.port);
};
const startDesk = (data: string) => start(['serve', '--data', data, '--server', serverUrl, '--fingerprint', fingerprint, '--json']);

async function call<T>(session: string | null, op: string, input: unknown): Promise<T> {
  const res = await api.post('/api/invoke', { op, input, session });
  const body = res.body as { ok: boolean; value?: T; error?: { message: string } };
  if (!body.ok) throw new Error(`${op}: ${JSON.stringify(body.error)}`);
  return body.value as T;
}

async function signInApi(username: string, password: string): Promise<string> {
  return (await call<{ session: string }>(null, 'auth.signIn', { username, password })).session;
}

/** A user of their own: created by the SENCo with a first password, then their own chosen at first sign-in. */
async function makeUser(senco: string, who: { displayName: string; username: string; password: string }, role: string): Promise<string> {
  const first = `first ${who.password}`;
  const user = await call<{ id: string }>(senco, 'users.create', {
    displayName: who.displayName,
    username: who.username,
    role,
    password: first,
  });
  const s = await signInApi(who.username, first);
  await call(s, 'auth.changePassword', { currentPassword: first, newPassword: who.password });
  return user.id;
}

async function signInAt(page: Page, url: string, who: { username: string; password: string; displayName: string }): Promise<void> {
  await page.goto(url);
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await page.getByLabel('Username').fill(who.username);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('signed-in-user')).toContainText(who.displayName);
}

const at = (p: Proc, hash: string) => new URL(hash, new URL(String(p.info.url)).origin).toString();

async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'en-GB', timezoneId: 'Europe/London' });
  return context.newPage();
}

/** Records the session on `day` for the pupil: attended, with a note, through the calendar's Record dialog. */
async function recordOn(page: Page, host: Proc, day: string, note: string): Promise<void> {
  await page.goto(at(host, `#/calendar?date=${day}&view=timeGridWeek`));
  const calendar = page.getByTestId('sessions-calendar');
  await calendar.getByTestId('calendar-event').filter({ hasText: 'Language group' }).click();
  const details = page.getByTestId('session-details');
  await expect(details).toContainText(`${words(day)}, 10:00 to 10:30`);
  await details.getByRole('button', { name: 'Record' }).click();
  const dialog = page.getByRole('dialog', { name: /Record "Language group"/ });
  const row = dialog.getByTestId('record-pupil').filter({ hasText: PUPIL_NAME });
  await row.focus();
  await page.keyboard.press('a');
  await expect(row.getByRole('button', { name: /Attended/ })).toHaveAttribute('aria-pressed', 'true');
  await row.getByLabel(/Notes/).first().fill(note);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
}

async function raiseConcern(page: Page, host: Proc, what: string): Promise<void> {
  await page.goto(at(host, `#/pupils/${pupilId}`));
  await expect(page.getByRole('heading', { name: PUPIL_NAME, level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'Raise a safeguarding concern' }).click();
  const dialog = page.getByRole('dialog', { name: 'Raise a safeguarding concern' });
  await dialog.getByRole('textbox', { name: /^What was seen or said/ }).fill(what);
  await dialog.getByRole('button', { name: 'Send to the DSL' }).click();
}

test.beforeAll(async () => {
  test.setTimeout(120_000);
  serverData = mkdtempSync(join(tmpdir(), 'senco-e2e-server-'));
  deskA = mkdtempSync(join(tmpdir(), 'senco-e2e-deskA-'));
  deskB = mkdtempSync(join(tmpdir(), 'senco-e2e-deskB-'));
  const init = spawnSync(
    process.execPath,
    [
      'bin/senco-desk.cjs',
      'init',
      '--data',
      serverData,
      '--school',
      'Connected Primary (synthetic)',
      '--urn',
      '100004',
      '--la',
      'Exampleshire',
      '--user',
      'Sam Senco',
    ],
    { env: { ...process.env, SENCO_DATABASE_URL: '', SENCO_PASSWORD: PW }, encoding: 'utf8' },
  );
  expect(init.status, init.stderr).toBe(0);
  await startServer();
  serverUrl = String(server!.info.url);
  fingerprint = String(server!.info.fingerprint);
  api = new PinnedClient(serverUrl, fingerprint);

  dates = sessionDates();
  const senco = await signInApi('sam.senco', PW);
  const year = academicYearOf(dates[3]!);
  const yearStart = Number(year.slice(0, 4));
  await call(senco, 'terms.replaceYear', {
    academicYear: year,
    terms: [{ name: 'autumn1', startDate: `${yearStart}-09-01`, endDate: `${yearStart + 1}-07-20` }],
  });
  const tessId = await makeUser(senco, TESS, 'therapist');
  await makeUser(senco, DEE, 'dsl');
  const pupilInput = (p: typeof PUPIL) => ({
    upn: p.upn,
    legalFirstName: p.first,
    legalLastName: p.last,
    preferredFirstName: null,
    preferredLastName: null,
    dateOfBirth: '2017-03-14',
    yearGroup: '4',
    className: '4C',
    dateJoined: '2021-09-01',
    dateLeft: null,
    homeSchoolName: null,
    homeSchoolUrn: null,
    senStatus: 'K',
    senStatusFrom: null,
    needs: ['SLCN'],
    contacts: [],
  });
  pupilId = (await call<{ id: string }>(senco, 'pupils.create', pupilInput(PUPIL))).id;
  await call(senco, 'pupils.create', pupilInput(OUTSIDER));
  await call(senco, 'caseload.allocate', { pupilId, userId: tessId, discipline: 'speech_language', startDate: `${yearStart}-09-01` });
  for (const day of dates) {
    await call(senco, 'sessions.schedule', {
      title: 'Language group',
      discipline: 'speech_language',
      practitionerIds: [tessId],
      pupils: [{ pupilId, ehcpProvisionId: null, ippInterventionId: null }],
      firstDate: day,
      startTime: '10:00',
      durationMinutes: 30,
      location: null,
      recurrence: 'none',
      intervalWeeks: 1,
      until: null,
      count: null,
      exceptions: [],
      overrideProtected: false,
    });
  }
  hostA = await startDesk(deskA);
  hostB = await startDesk(deskB);
});

test.afterAll(async () => {
  api?.close();
  await stop(hostA);
  await stop(hostB);
  await stop(server);
  for (const d of [serverData, deskA, deskB]) if (d) rmSync(d, { recursive: true, force: true });
});

test('two desks, one server: online, offline in a classroom, and back', async ({ browser }) => {
  test.setTimeout(240_000);
  const tess = await newPage(browser);
  const dee = await newPage(browser);
  await signInAt(tess, String(hostA!.info.url), TESS);
  await signInAt(dee, String(hostB!.info.url), DEE);

  // Online: the therapist records a session and raises a concern; the DSL's desk shows it within seconds.
  await recordOn(tess, hostA!, dates[0]!, 'Online note');
  await raiseConcern(tess, hostA!, 'Synthetic concern raised online on desk A.');
  await expect(tess.getByRole('dialog', { name: 'Concern sent to the designated safeguarding lead' })).toBeVisible();
  await tess.getByRole('button', { name: 'Done' }).click();
  const banner = dee.getByRole('region', { name: 'Safeguarding alert' });
  await expect(banner).toContainText('1 new safeguarding concern', { timeout: 10_000 });

  // The server stops: desk A says it is offline and keeps working from its copy.
  await tess.goto(at(hostA!, `#/pupils/${pupilId}`));
  await expect(tess.getByRole('heading', { name: PUPIL_NAME, level: 1 })).toBeVisible();
  await stop(server);
  await expect(tess.getByTestId('desk-banner')).toContainText('Offline', { timeout: 15_000 });
  await tess.reload();
  await expect(tess.getByRole('heading', { name: PUPIL_NAME, level: 1 })).toBeVisible();
  for (let i = 1; i <= 3; i++) await recordOn(tess, hostA!, dates[i]!, `Offline note ${i}`);
  await raiseConcern(tess, hostA!, 'Synthetic concern raised offline on desk A.');
  await expect(tess.getByTestId('concern-offline-warning').first()).toContainText('NOT reached the DSL');
  await tess.screenshot({ path: `${SCREENSHOTS}/two-desks-offline-concern.png` });
  const done = tess.getByRole('button', { name: 'Done' });
  if (await done.isVisible()) await done.click();
  await expect(tess.getByTestId('desk-banner')).toContainText('4');
  await expect(tess.getByTestId('desk-banner')).toContainText('NOT reached the DSL');
  await tess.screenshot({ path: `${SCREENSHOTS}/two-desks-offline-banner.png` });

  // The server starts again: desk A sends its outbox, and is killed in the middle of it.
  const sentBefore = hostA!.stderr.join('').split('sent an operation that waited').length - 1;
  const firstSent = new Promise<void>((resolve) => {
    const check = () => {
      if (hostA!.stderr.join('').split('sent an operation that waited').length - 1 > sentBefore) resolve();
      else setTimeout(check, 5);
    };
    check();
  });
  await startServer();
  // The encrypted server opens its records at its first sign-in after a start: the SENCo's, here.
  const senco = await signInApi('sam.senco', PW);
  await firstSent;
  await stop(hostA, 'SIGKILL');
  hostA = await startDesk(deskA);
  await signInAt(tess, String(hostA.info.url), TESS);
  await expect(tess.getByTestId('desk-banner')).not.toContainText('Offline', { timeout: 20_000 });

  // Every operation once: four sessions recorded (one online, three offline), two concerns.
  await expect
    .poll(
      async () => {
        const list = await call<{ pupils: { attendance: string; notes: string | null }[] }[]>(senco, 'sessions.list', {
          from: dates[0]!,
          to: dates[3]!,
          pupilId,
        });
        return list.map((s) => s.pupils[0]!.notes).join(' | ');
      },
      { timeout: 30_000 },
    )
    .toBe('Online note | Offline note 1 | Offline note 2 | Offline note 3');
  const deeSession = await signInApi(DEE.username, DEE.password);
  const concerns = await call<{ what: string }[]>(deeSession, 'safeguarding.list', {});
  expect(concerns.map((c) => c.what).sort()).toEqual([
    'Synthetic concern raised offline on desk A.',
    'Synthetic concern raised online on desk A.',
  ]);
  const applied = await call<{ rows: { operation: string }[] }>(senco, 'audit.list', { pageSize: 200 });
  expect(applied.rows.filter((r) => r.operation === 'sessions.record')).toHaveLength(4);
  expect(applied.rows.filter((r) => r.operation === 'safeguarding.raise')).toHaveLength(2);
  // The SENCo's figures for the pupil count the four sessions.
  const stats = await call<{ months: { attended: number; minutesDelivered: number }[] }>(senco, 'sessions.stats', { pupilId });
  expect(stats.months.reduce((n, m) => n + m.attended, 0)).toBe(4);
  expect(stats.months.reduce((n, m) => n + m.minutesDelivered, 0)).toBe(120);

  // The DSL's desk shows the second concern (after signing in again if the restart ended the session there).
  await dee.reload();
  const signInHeading = dee.getByRole('heading', { name: 'Sign in' });
  await expect(signInHeading.or(dee.getByTestId('signed-in-user'))).toBeVisible();
  if (await signInHeading.isVisible()) await signInAt(dee, String(hostB!.info.url), DEE);
  await expect(dee.getByRole('region', { name: 'Safeguarding alert' })).toContainText('2 new safeguarding concerns', { timeout: 15_000 });

  // No file a desk keeps holds the database key or credentials: only the users' encrypted replicas and desk.json.
  for (const dir of [deskA, deskB]) {
    const files = listFiles(dir);
    expect(files.filter((f) => /database\.json|keyring|\.db$/.test(f) && !f.includes('replicas'))).toEqual([]);
    for (const f of files) {
      const text = readFileSync(f).toString('latin1');
      expect(text).not.toContain(PW);
      expect(text).not.toContain(TESS.password);
      expect(text).not.toContain('postgres://');
      expect(text).not.toContain(PUPIL.last);
    }
  }
});

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? listFiles(p) : [p];
  });
}
