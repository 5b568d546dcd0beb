/**
 * The week walk (issue 17, "Done when"): the school-sized demo (2,000 pupils, 400 on the register) tried at a school
 * laptop's 1366×768 as the SENCo and as a therapist would use it, one point of the issue at a time, each with a
 * screenshot that shows it (test-results/screenshots/week-*.png).
 *
 * As the SENCo: the dashboard is a worklist that fits the first screen (Do next by pupil, Mine or Everyone, each
 * count opens exactly its list: the golden-thread count opens only the pupils whose plans have problems); the
 * calendar opens on the SENCo and lets them choose whose, the month counts per day and opens a day, To record lists
 * past sessions without an outcome; scheduling offers free times and says a clash beside the button; a review dated
 * in the future cannot be saved as held; the annual review records outcomes, amendments and the recommendation to
 * the LA; the review pack gives "not recorded" its own figure; sharing defaults to a password-protected PDF with its
 * password shown once; dates in running text read "14 March 2026", abbreviations are spelt out, and the EHC plan
 * opens for reading with Edit.
 * As a therapist: the calendar opens on their own sessions, To record lists their past sessions without an outcome,
 * and recording attendance shows the chosen button clearly chosen.
 *
 * Items 3 (drafts) and 7 (accessibility) are walked by their own specs.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { formatLongDate, formatUkDate } from '../shared/dates';
import { SCREENSHOTS, pick, typeDate } from './fixtures';
import { callAs, invokeAs, signInAs, startSchoolDemo, type SchoolDemo } from './school-demo';

test.describe.configure({ mode: 'serial', timeout: 240_000 });

let demo: SchoolDemo;
let page: Page;

const shot = (name: string) => `${SCREENSHOTS}/week-${name}.png`;
/** A long date in running text ("14 March 2026"), and the compact one it replaced. */
const LONG_DATE = /\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}/;
const UK_DATE = /\d{2}\/\d{2}\/\d{4}/;

function isoDay(offset = 0): string {
  const d = new Date();
  d.setDate(d.getDate() + offset);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

const call = <T>(op: string, input: unknown) => callAs<T>(page, demo, op, input);

async function open(hash: string): Promise<void> {
  await page.goto(demo.hashUrl(hash));
  // A reload, in case the app was already showing (a hash change alone would not remount the screen).
  await page.reload();
}

/** The page fits the first screen: nothing to scroll down to, nothing sideways. */
async function expectFitsFirstScreen(): Promise<void> {
  const size = await page.evaluate(() => ({
    h: document.documentElement.scrollHeight,
    w: document.documentElement.scrollWidth,
    vh: window.innerHeight,
    vw: window.innerWidth,
  }));
  expect(size.h, `document height ${size.h} within the ${size.vh}-pixel window`).toBeLessThanOrEqual(size.vh);
  expect(size.w).toBeLessThanOrEqual(size.vw);
}

async function dashboardReady(): Promise<void> {
  await open('#/');
  await expect(page.getByRole('heading', { name: 'Dashboard', level: 1 })).toBeVisible();
  await expect(page.getByTestId('do-next-pupil').first().or(page.getByTestId('do-next-none'))).toBeVisible();
  await expect(page.getByTestId('everything-else').locator('.MuiSkeleton-root')).toHaveCount(0);
}

interface Worklist {
  readonly groups: readonly { readonly pupilId: string }[];
  readonly counts: {
    readonly goldenThread: { readonly pupils: number } | null;
    readonly sessionsToRecord: number | null;
    readonly sessionsToRecordEarlier: number | null;
  };
}
interface UserSummary {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: string;
}
interface SessionView {
  readonly id: string;
  readonly title: string;
  readonly date: string;
  readonly startTime: string;
  readonly endTime: string;
  readonly practitioners: readonly { readonly id: string; readonly name: string }[];
  readonly pupils: readonly { readonly pupilId: string; readonly name: string; readonly attendance: string }[];
}

let users: readonly UserSummary[] = [];
const user = (username: string) => users.find((u) => u.username === username)!;
/** The pupil the SENCo reviews and shares: one current, final EHC plan with outcomes. */
let pupil = { id: '', name: '', planId: '' };

test.beforeAll(async ({ browser }) => {
  test.setTimeout(400_000);
  mkdirSync(SCREENSHOTS, { recursive: true });
  demo = await startSchoolDemo();
  page = await browser.newPage();
  await signInAs(page, demo, 'senco');
  users = await call<UserSummary[]>('users.list', {});
  const register = await call<{ rows: { id: string; name: string }[] }>('pupils.list', { senStatus: 'E', page: 0, pageSize: 100 });
  for (const row of register.rows) {
    const plans = await call<{ id: string; status: string; ceasedDate: string | null }[]>('ehcp.listForPupil', { pupilId: row.id });
    const current = plans.filter((p) => p.ceasedDate === null && p.status !== 'ceased');
    if (current.length !== 1 || current[0]!.status !== 'final') continue;
    const reviews = await call<{ date: string; status: string }[]>('reviews.listForPupil', { pupilId: row.id });
    // Not reviewed today already (the walk records today's).
    if (reviews.some((r) => r.date === isoDay())) continue;
    pupil = { id: row.id, name: row.name, planId: current[0]!.id };
    break;
  }
  expect(pupil.id, 'a demo pupil with one current, final EHC plan').not.toBe('');
});

test.afterAll(async () => {
  await page?.close();
  await demo?.stop();
});

test('SENCo: the dashboard is a worklist that fits the first screen, Do next by pupil, Mine or Everyone', async () => {
  await dashboardReady();
  const mine = await call<Worklist>('dashboard.worklist', {});
  const shown = await page.getByTestId('do-next-pupil').evaluateAll((els) => els.map((e) => e.getAttribute('data-pupil-id')));
  expect(shown.length).toBeGreaterThan(0);
  expect(shown).toEqual(mine.groups.slice(0, shown.length).map((g) => g.pupilId));
  await expect(page.getByRole('button', { name: 'Mine' })).toHaveAttribute('aria-pressed', 'true');
  // Sessions to record: the last eight weeks counted, the earlier ones this school year said beside it, not lost.
  await expect(page.getByTestId('count-sessions')).toContainText(String(mine.counts.sessionsToRecord));
  if (mine.counts.sessionsToRecordEarlier)
    await expect(page.getByTestId('count-sessions')).toContainText(`${mine.counts.sessionsToRecordEarlier} earlier this school year`);
  await expectFitsFirstScreen();
  await page.screenshot({ path: shot('senco-01-dashboard-mine') });

  await page.getByRole('button', { name: 'Everyone' }).click();
  await expect(page).toHaveURL(/whose=everyone/);
  const everyone = await call<Worklist>('dashboard.worklist', { everyone: true });
  await expect(page.getByTestId('do-next-pupil').first()).toHaveAttribute('data-pupil-id', everyone.groups[0]!.pupilId);
  await expectFitsFirstScreen();
  await page.screenshot({ path: shot('senco-02-dashboard-everyone') });
  await page.getByRole('button', { name: 'Mine' }).click();
});

test('SENCo: the golden-thread count opens only the pupils whose plans have problems', async () => {
  await dashboardReady();
  const mine = await call<Worklist>('dashboard.worklist', {});
  const thread = mine.counts.goldenThread!.pupils;
  const plans = await call<{ total: number }>('pupils.list', { senStatus: 'E', page: 0, pageSize: 1 });
  expect(thread).toBeGreaterThan(0);
  expect(thread).toBeLessThan(plans.total);
  await expect(page.getByTestId('count-golden-thread')).toContainText(String(thread));
  await page.getByTestId('count-golden-thread').click();
  await expect(page).toHaveURL(/thread=problems/);
  await expect(page.getByTestId('register-thread-filter')).toBeVisible();
  await expect(page.locator('.MuiDataGrid-row')).toHaveCount(thread);
  await page.screenshot({ path: shot('senco-03-golden-thread-register') });
});

test('SENCo: the calendar opens on the SENCo, who chooses whose; the month counts per day and opens the day', async () => {
  const me = user('senco');
  const therapist = user('therapist1');
  await open('#/calendar');
  const whose = page.getByTestId('calendar-whose');
  await expect(whose).toContainText(me.displayName);
  await expect(page).not.toHaveURL(/practitioner=all/);
  await page.screenshot({ path: shot('senco-04-calendar-own') });

  await pick(page, 'Whose sessions', therapist.displayName);
  await expect(page).toHaveURL(new RegExp(`practitioner=${therapist.id}`));
  // The month of the last school week the therapist worked: one line per day with a count, no blocks.
  const recent = await call<SessionView[]>('sessions.list', { from: isoDay(-27), to: isoDay(-1), practitionerId: therapist.id });
  expect(recent.length, 'the therapist has sessions in the last four weeks').toBeGreaterThan(0);
  const day = recent[recent.length - 1]!.date;
  await open(`#/calendar?date=${day}&view=dayGridMonth&practitioner=${therapist.id}`);
  const calendar = page.getByTestId('sessions-calendar');
  await expect(calendar.getByTestId('calendar-day-count').first()).toBeVisible();
  await expect(calendar.getByTestId('calendar-event')).toHaveCount(0);
  const onDay = recent.filter((s) => s.date === day).length;
  const line = calendar.locator(`.fc-event[aria-label^="${formatLongDate(day)}: ${onDay} session"]`);
  await expect(line).toHaveCount(1);
  await page.screenshot({ path: shot('senco-05-calendar-month-counts') });
  await line.click();
  await expect(page).toHaveURL(/view=timeGridDay/);
  await expect(page).toHaveURL(new RegExp(`date=${day}`));
  await expect(calendar.getByTestId('calendar-event')).toHaveCount(onDay);
  // Where each session stands, in words as well as colour.
  await expect(calendar.getByTestId('calendar-event').first()).toContainText(/To record|Recorded|Cancelled/);
  await page.screenshot({ path: shot('senco-06-calendar-day') });
});

test('SENCo: To record lists the chosen practitioner’s past sessions without an outcome', async () => {
  const therapist = user('therapist1');
  await open(`#/calendar?practitioner=${therapist.id}`);
  const tab = page.getByRole('tab', { name: /^To record \(\d+\)$/ });
  await tab.click();
  const list = page.getByTestId('to-record');
  await expect(list.getByRole('heading', { name: new RegExp(`^${therapist.displayName}: \\d+ to record$`) })).toBeVisible();
  await expect(list.getByTestId('to-record-item').first()).toBeVisible();
  await page.screenshot({ path: shot('senco-07-to-record') });
});

test('SENCo: scheduling offers the next free times, and a clash is said beside the Schedule button', async () => {
  const therapist = user('therapist1');
  // A session the therapist has booked in the coming weeks, in the school day, to clash with; and a pupil on the
  // register who is free then (the core refuses the booking for the therapist's clash alone, as a conflict).
  const ahead = await call<SessionView[]>('sessions.list', { from: isoDay(1), to: isoDay(28), practitionerId: therapist.id });
  // The therapist's own pupils (a therapist works only with their caseload): those of their sessions ahead.
  const caseload = [...new Map(ahead.flatMap((s) => s.pupils).map((p) => [p.pupilId, { id: p.pupilId, name: p.name }])).values()];
  let booked: SessionView | null = null;
  let who: { id: string; name: string } | null = null;
  const input = (s: SessionView, pupilId: string) => ({
    title: 'Week walk check-in',
    discipline: 'speech_language',
    location: null,
    firstDate: s.date,
    startTime: s.startTime,
    durationMinutes: 30,
    recurrence: 'none',
    intervalWeeks: 1,
    until: null,
    count: null,
    exceptions: [],
    practitionerIds: [therapist.id],
    pupils: [{ pupilId, ehcpProvisionId: null, ippInterventionId: null }],
    overrideProtected: false,
  });
  const answers: string[] = [];
  for (const s of ahead.filter((x) => x.startTime >= '09:00' && x.startTime <= '14:30').slice(0, 5)) {
    for (const p of caseload.filter((r) => !s.pupils.some((q) => q.pupilId === r.id)).slice(0, 8)) {
      const r = await invokeAs(page, demo, 'sessions.schedule', input(s, p.id));
      expect(r.ok, 'the booking is refused').toBe(false);
      answers.push(`${s.date} ${s.startTime}: ${r.error?.code} ${r.error?.message} ${JSON.stringify(r.error?.fields ?? {})}`);
      if (r.error?.code === 'conflict' && !r.error.fields?.pupils) {
        booked = s;
        who = p;
        break;
      }
    }
    if (booked) break;
  }
  expect(booked, `a booked session of the therapist and a pupil free at its time: ${answers.slice(0, 6).join(' | ')}`).not.toBeNull();
  await open('#/sessions');
  await page.getByRole('button', { name: 'Schedule a session' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Schedule a session' });
  await dialog.getByLabel('Session title').fill('Week walk check-in');
  await pick(page, 'Discipline', 'Speech and language therapy', dialog);
  const practitioners = dialog.getByRole('combobox', { name: 'Practitioners (one or two)' });
  await practitioners.click();
  await page.keyboard.press('Backspace');
  await practitioners.fill(therapist.displayName.split(' ')[0]!);
  await page.getByRole('option', { name: therapist.displayName }).click();
  const pupilBox = dialog.getByRole('combobox', { name: 'Pupil' });
  await pupilBox.click();
  const upn = (await call<{ upn: string }>('pupils.get', { id: who!.id })).upn;
  await pupilBox.fill(upn);
  await page.getByRole('option', { name: new RegExp(`UPN ${upn}`) }).click();
  const offer = dialog.getByTestId('free-slots');
  await expect(offer).toContainText('When everyone chosen is free');
  await expect(offer.getByTestId('free-slot').first()).toBeVisible();
  await offer.scrollIntoViewIfNeeded();
  await page.screenshot({ path: shot('senco-08-schedule-free-slots') });

  // The same time as the booked session: refused, and said where the user is looking.
  await typeDate(dialog, 'Date (first session)', formatUkDate(booked!.date));
  await dialog.getByLabel('Start time').fill(booked!.startTime);
  await dialog.getByRole('button', { name: 'Schedule', exact: true }).click();
  const refusal = page.getByTestId('schedule-refusal');
  await expect(refusal).toContainText('is already booked for');
  await expect(refusal).toBeInViewport();
  const refusalBox = await refusal.boundingBox();
  const buttonBox = await dialog.getByRole('button', { name: 'Schedule', exact: true }).boundingBox();
  expect(buttonBox!.y - (refusalBox!.y + refusalBox!.height)).toBeLessThan(80);
  await page.screenshot({ path: shot('senco-09-schedule-clash-beside-button') });
  // Cancel with changes asks, as Escape does (item 3): discarded here.
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await page.getByRole('dialog', { name: 'Discard changes?' }).getByRole('button', { name: 'Discard changes' }).click();
  await expect(dialog).toHaveCount(0);
});

test('SENCo: a review dated in the future cannot be saved as held', async () => {
  await open(`#/pupils/${pupil.id}?tab=reviews`);
  await page.getByRole('link', { name: 'Record a review' }).click();
  await expect(page.getByRole('heading', { name: 'Record a review', level: 1 })).toBeVisible();
  // The only sensible choice is made: the annual review of the pupil's one current EHC plan.
  await expect(page.getByRole('combobox', { name: 'Kind of review' })).toContainText('EHC plan annual review');
  await typeDate(page, 'Date of the meeting', formatUkDate(isoDay(1)));
  await expect(page.getByRole('radio', { name: 'Held' })).toBeChecked();
  await page.getByRole('button', { name: 'Save review' }).click();
  const message = `A meeting can be recorded as held only once it has happened: this date is after today (${formatLongDate(isoDay())}). Choose a date up to today, or save the review as planned.`;
  const dateGroup = page.getByTestId('meeting-section');
  await expect(dateGroup.getByText(message)).toBeVisible();
  await expect(page).toHaveURL(/\/reviews\/new/);
  await dateGroup.getByText(message).scrollIntoViewIfNeeded();
  await page.screenshot({ path: shot('senco-10-review-future-refused') });
});

let reviewId = '';

test('SENCo: the annual review records progress per outcome, amendments per section and the recommendation to the LA', async () => {
  await typeDate(page, 'Date of the meeting', formatUkDate(isoDay()));
  const section = page.getByTestId('annual-section');
  const outcomes = section.getByTestId('annual-outcome');
  expect(await outcomes.count()).toBeGreaterThan(0);
  await pick(page, 'Progress towards outcome 1', 'Partly achieved', outcomes.nth(0));
  await outcomes.nth(0).getByRole('textbox', { name: 'Note on outcome 1' }).fill('Follows two steps with the prompt card (synthetic).');
  await pick(page, 'Recommendation to the local authority', 'Amend the plan', section);
  await section.getByRole('button', { name: 'Add an amendment' }).click();
  await section
    .getByTestId('annual-amendment')
    .nth(0)
    .getByRole('textbox', { name: 'What should change' })
    .fill('Add a weekly small-group session (synthetic).');
  await section
    .getByRole('heading', { name: 'Annual review: outcomes and recommendation' })
    .evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await page.evaluate(() => window.scrollBy(0, -90));
  await page.screenshot({ path: shot('senco-11-annual-review-form') });
  await page.getByRole('button', { name: 'Save review' }).click();
  await expect(page.getByTestId('review-saved')).toBeVisible();
  await expect(page).toHaveURL(/#\/pupils\/[^/]+\/reviews\/[^/?]+$/);
  reviewId = page.url().split('/reviews/')[1] ?? '';
  await expect(page.getByRole('heading', { name: `EHC plan annual review on ${formatLongDate(isoDay())}`, level: 1 })).toBeVisible();
  const saved = await call<{ annual: { recommendation: string; outcomes: { progress: string }[]; amendments: unknown[] } }>('reviews.get', {
    id: reviewId,
  });
  expect(saved.annual.recommendation).toBe('amend');
  expect(saved.annual.outcomes[0]!.progress).toBe('partly');
  expect(saved.annual.amendments).toHaveLength(1);
  await page.screenshot({ path: shot('senco-12-annual-review-saved') });
});

test('SENCo: the review pack gives "not recorded" its own figure, apart from attended and missed', async () => {
  const pack = await call<{ pdfBase64: string }>('reviews.pack', { reviewId });
  const dir = mkdtempSync(join(tmpdir(), 'week-pack-'));
  try {
    const file = join(dir, 'pack.pdf');
    writeFileSync(file, Buffer.from(pack.pdfBase64, 'base64'));
    const pages = execFileSync('/usr/bin/pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).split('\f');
    const at = pages.findIndex((p) => /sessions? due in this period (was|were) attended/.test(p.replace(/\s+/g, ' ')));
    expect(at, 'the pack’s attendance page').toBeGreaterThanOrEqual(0);
    const text = pages[at]!.replace(/\s+/g, ' ');
    // Attended is of the sessions due; the ones not recorded are their own figure, not counted as attended or missed.
    expect(text).toMatch(/of the [\d,]+ sessions? due in this period (was|were) attended \(\d+% of the sessions due\)/);
    expect(text).toMatch(
      /[\d,]+ (has|have) no attendance recorded \(\d+%\): whether (it|they) took place is not known\.|Every session due has its attendance recorded\./,
    );
    expect(text).toContain('Not recorded');
    execFileSync('/usr/bin/pdftoppm', [
      '-f',
      String(at + 1),
      '-l',
      String(at + 1),
      '-r',
      '70',
      '-png',
      '-singlefile',
      file,
      join(dir, 'page'),
    ]);
    const png = readdirSync(dir).find((f) => f.endsWith('.png'))!;
    renameSync(join(dir, png), shot('senco-13-pack-not-recorded'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('SENCo: sharing defaults to a password-protected PDF, its password shown once', async () => {
  await open(`#/pupils/${pupil.id}`);
  await page.getByRole('button', { name: 'Share with an agency' }).click();
  const dialog = page.getByRole('dialog', { name: /record with an agency$/ });
  await expect(dialog.getByRole('radio', { name: /^A password-protected PDF \(recommended: opens in any PDF reader\)$/ })).toBeChecked();
  await expect(dialog.getByRole('textbox', { name: /Passphrase/ })).toHaveCount(0);
  await dialog.getByLabel('Organisation receiving it').fill('Exampleshire NHS therapy service (synthetic)');
  await dialog.getByRole('checkbox', { name: 'Pupil details and contacts' }).check();
  await dialog.getByTestId('share-pdf-help').scrollIntoViewIfNeeded();
  await page.screenshot({ path: shot('senco-14-share-default-pdf') });
  const downloading = page.waitForEvent('download', { timeout: 60_000 });
  await dialog.getByRole('button', { name: 'Share and download' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/-protected\.pdf$/);
  const password = (await dialog.getByTestId('share-password').textContent()) ?? '';
  expect(password).toMatch(/^[a-z]+( [a-z]+){3} \d{4}$/);
  await expect(dialog.getByTestId('share-password-once')).toContainText('This is the only time the password is shown');
  await expect(dialog.getByTestId('share-password')).toBeInViewport();
  await page.screenshot({ path: shot('senco-15-share-password-once') });
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toHaveCount(0);
});

test('SENCo: dates in running text are long dates; abbreviations are spelt out', async () => {
  // The reviews list: dates as "14 March 2026", not dd/mm/yyyy.
  await open('#/reviews');
  const rows = page.getByTestId('reviews-list-row');
  await expect(rows.first()).toBeVisible();
  await expect(rows.first()).toContainText(LONG_DATE);
  for (const text of await rows.allInnerTexts()) expect(text).not.toMatch(UK_DATE);
  await page.screenshot({ path: shot('senco-16-long-dates-reviews') });
  // The register's needs: "Specific learning difficulty (SPLD)", not a bare SPLD.
  await open('#/pupils');
  const summary = page.getByTestId('register-summary');
  await expect(summary).toContainText(/Specific learning difficulty \(SPLD\)|Moderate learning difficulty \(MLD\)/);
  await expect(summary.getByText(/^(SPLD|MLD)$/)).toHaveCount(0);
  await summary.scrollIntoViewIfNeeded();
  await page.screenshot({ path: shot('senco-17-abbreviations-register') });
});

test('SENCo: the EHC plan opens for reading, with Edit', async () => {
  await open(`#/pupils/${pupil.id}/plans/ehcp/${pupil.planId}`);
  await expect(page.locator('#doc-F')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Save plan' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Edit plan' })).toBeVisible();
  await page.screenshot({ path: shot('senco-18-ehcp-reading') });
  await page.getByRole('button', { name: 'Edit plan' }).click();
  await expect(page.getByRole('button', { name: 'Save plan' })).toBeVisible();
  await page.screenshot({ path: shot('senco-19-ehcp-editing') });
});

test('therapist: the calendar opens on their own sessions', async ({ browser }) => {
  await page.close();
  page = await browser.newPage();
  await signInAs(page, demo, 'therapist1');
  const me = user('therapist1');
  await open('#/calendar');
  await expect(page.getByTestId('calendar-whose')).toContainText(me.displayName);
  const calendar = page.getByTestId('sessions-calendar');
  await expect(calendar).toBeVisible();
  // Only their own: every session shown names them.
  const week = await call<SessionView[]>('sessions.list', { from: isoDay(-6), to: isoDay(6), practitionerId: me.id });
  expect(week.every((s) => s.practitioners.some((p) => p.id === me.id))).toBe(true);
  await page.screenshot({ path: shot('therapist-01-calendar-own') });
});

test('therapist: To record shows their past sessions without an outcome; the chosen attendance button is clearly chosen', async () => {
  const me = user('therapist1');
  await open('#/calendar');
  await page.getByRole('tab', { name: /^To record \(\d+\)$/ }).click();
  const list = page.getByTestId('to-record');
  await expect(list.getByRole('heading', { name: new RegExp(`^${me.displayName}: \\d+ to record$`) })).toBeVisible();
  const item = list.getByTestId('to-record-item').first();
  await expect(item).toBeVisible();
  await page.screenshot({ path: shot('therapist-02-to-record') });

  await item.getByRole('button', { name: /^Record / }).click();
  const dialog = page.getByRole('dialog', { name: /^Record "/ });
  const row = dialog.getByTestId('record-pupil').first();
  await row.focus();
  await page.keyboard.press('a');
  const attended = row.getByRole('button', { name: /Attended/ });
  await expect(attended).toHaveAttribute('aria-pressed', 'true');
  const look = (name: RegExp) =>
    row
      .getByRole('button', { name })
      .evaluate((el) => ({ tick: getComputedStyle(el, '::before').content, weight: Number(getComputedStyle(el).fontWeight) }));
  const chosen = await look(/Attended/);
  expect(chosen.tick).toContain('✓');
  expect(chosen.weight).toBeGreaterThanOrEqual(700);
  const other = await look(/Absent/);
  expect(other.tick).not.toContain('✓');
  await page.screenshot({ path: shot('therapist-03-record-attendance-chosen') });
  await row.screenshot({ path: shot('therapist-04-attendance-button-close-up') });
});
