/**
 * EHC plans and the records behind the statutory clocks, end to end in Debian's Chromium against the real core.
 * Runs after register.spec.ts on the same school (workers: 1); signIn() also copes with a fresh data folder.
 * A synthetic pupil is created through the API; the plan is then made, checked, amended, reviewed and printed
 * through the screens. Screenshots go to test-results/screenshots/ for people to look at.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { makeUpn } from '../shared/upn';
import { SCREENSHOTS, appUrl, invokeApi, pick, signIn, typeDate } from './fixtures';

test.describe.configure({ mode: 'serial' });

const PUPIL = { first: 'Jordan', last: 'Fictitious', upn: makeUpn(801, 2000, 14, 301) };
const NEED_1 = 'Understanding spoken instructions with more than one step';
const NEED_2 = 'Reading comprehension is well below age expectations for Year 5';

let page: Page;
let pupilId = '';
let planUrl = '';

const section = (id: string) => page.locator(`#ehcp-section-${id}`);
const row = (id: string, n: number): Locator => section(id).locator(':scope > ol > li').nth(n);
const thread = () => page.getByTestId('golden-thread');

/** Chooses options of a multi-select (the menu stays open) and closes it. */
async function pickMany(scope: Locator, label: string, options: RegExp[]) {
  await scope.getByRole('combobox', { name: label }).click();
  for (const o of options) await page.getByRole('option', { name: o }).click();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('listbox')).toHaveCount(0);
}

test.beforeAll(async ({ browser }) => {
  page = await browser.newPage();
  page.on('pageerror', (e) => process.stdout.write(`page error: ${e.message}\n`));
  page.on('console', (m) => {
    if (m.type() === 'error') process.stdout.write(`console error: ${m.text()}\n`);
  });
  mkdirSync(SCREENSHOTS, { recursive: true });
  await signIn(page);
  const created = await invokeApi<{ id: string }>(page, 'pupils.create', {
    upn: PUPIL.upn,
    legalFirstName: PUPIL.first,
    legalLastName: PUPIL.last,
    dateOfBirth: '2016-05-04',
    yearGroup: '5',
    className: '5A',
    dateJoined: '2021-09-01',
    senStatus: 'E',
    needs: ['SLCN', 'SPLD'],
    contacts: [],
  });
  expect(created.ok, created.error?.message).toBe(true);
  pupilId = created.value?.id ?? '';
});

test.afterAll(async () => {
  await page.close();
});

test('the EHC plan tab offers to create a plan, and records when needs were identified', async () => {
  await page.goto(appUrl(`#/pupils/${pupilId}?tab=ehcp`));
  await expect(page.getByRole('heading', { name: `${PUPIL.first} ${PUPIL.last}` })).toBeVisible();
  await expect(page.getByText('No EHC plan recorded')).toBeVisible();
  await expect(page.getByText('No assessment requests recorded.')).toBeVisible();

  const needs = page.getByTestId('needs-identified');
  await expect(needs).toContainText('Needs identified after joining: Not recorded');
  await needs.getByRole('button', { name: 'Record date' }).click();
  const dialog = page.getByRole('dialog', { name: 'Needs identified after joining' });
  await typeDate(dialog, 'Needs identified on', '08/10/2021');
  await dialog.getByRole('button', { name: 'Save date' }).click();
  await expect(dialog).toBeHidden();
  await expect(needs).toContainText('Needs identified after joining: 8 October 2021');

  await page.getByRole('button', { name: 'Add request' }).click();
  const req = page.getByRole('dialog', { name: 'Add an assessment request' });
  await expect(req.getByRole('textbox', { name: 'Local authority', exact: true })).toHaveValue(/.+/);
  await typeDate(req, 'Request sent', '10/01/2026');
  await pick(page, 'Local authority decision', 'Agreed to assess', req);
  await typeDate(req, 'Decision made on', '05/01/2026');
  await req.getByRole('button', { name: 'Save request' }).click();
  // The shared schema refuses a decision before the request, beside the field, before anything is sent.
  await expect(req.getByText('This date must be on or after')).toBeVisible();
  await typeDate(req, 'Decision made on', '20/02/2026');
  await req.getByRole('button', { name: 'Save request' }).click();
  await expect(req).toBeHidden();
  const requests = page.getByRole('region', { name: 'EHC needs assessment requests' });
  await expect(requests.getByRole('table')).toContainText('10 January 2026');
  await expect(requests.getByRole('table')).toContainText('Agreed to assess, 20 February 2026');
  await expect(requests.getByRole('table')).toContainText('Not yet');
});

test('a new plan shows the missing link in the golden thread as it is typed, and the warning clears when mended', async () => {
  await page.getByRole('link', { name: 'Create EHC plan' }).click();
  await expect(page.getByRole('heading', { name: `${PUPIL.first} ${PUPIL.last}: new EHC plan` })).toBeVisible();
  await expect(thread()).toContainText('Add needs, outcomes and provision');

  // Section B: two needs.
  await section('B').getByRole('button', { name: 'Add a need' }).click();
  await pick(page, 'Broad area of need', 'Communication and interaction', row('B', 0));
  await row('B', 0).getByRole('textbox', { name: 'Description of the need', exact: true }).fill(NEED_1);
  await section('B').getByRole('button', { name: 'Add a need' }).click();
  await expect(section('B').locator(':scope > ol > li')).toHaveCount(2);
  await pick(page, 'Broad area of need', 'Cognition and learning', row('B', 1));
  await row('B', 1).getByRole('textbox', { name: 'Description of the need', exact: true }).fill(NEED_2);

  // Section E: one outcome, answering need 1 only.
  await section('E').getByRole('button', { name: 'Add an outcome' }).click();
  await row('E', 0)
    .getByRole('textbox', { name: 'Outcome', exact: true })
    .fill('Jordan follows two-step instructions in class without an adult repeating them');
  await pickMany(row('E', 0), 'Needs this outcome answers', [/^Need 1:/]);
  await typeDate(row('E', 0), 'To achieve by', '16/07/2027');

  // Section F: provision serving that outcome, specific and quantified.
  await section('F').getByRole('button', { name: 'Add provision' }).click();
  const p1 = row('F', 0);
  await p1
    .getByRole('textbox', { name: 'Provision', exact: true })
    .fill('Small-group language sessions using visual supports for instructions');
  await p1.getByRole('textbox', { name: 'Times', exact: true }).fill('3');
  await pick(page, 'Per', 'a week', p1);
  await p1.getByRole('textbox', { name: 'Minutes per session', exact: true }).fill('30');
  await p1.getByRole('textbox', { name: 'For how many weeks', exact: true }).fill('36');
  await p1.getByRole('textbox', { name: 'Group size', exact: true }).fill('4');
  await p1
    .getByRole('textbox', { name: 'Delivered by', exact: true })
    .fill('Teaching assistant trained by the speech and language therapist');
  await pickMany(p1, 'Outcomes this provision serves', [/^Outcome 1:/]);
  await p1.getByRole('checkbox', { name: 'Specific and quantified' }).check();
  await expect(p1.getByTestId('field-error')).toHaveCount(0);
  await expect(p1).toContainText('3 times a week · 30 minutes a session · for 36 weeks · group of 4');

  // The other need has no outcome and no provision: the panel says so, naming it.
  const gap = 'Need 2 (Cognition and learning: ‘Reading comprehension is well below age…’) has no outcome or provision serving it.';
  await expect(thread().getByTestId('golden-thread-problem')).toHaveCount(1);
  await expect(thread()).toContainText(gap);
  await expect(thread()).toContainText('1 gap to look at');
  await thread().screenshot({ path: `${SCREENSHOTS}/ehcp-golden-thread.png` });

  // "Go to Need 2" takes you to the need.
  await thread().getByRole('button', { name: 'Go to Need 2' }).click();
  await expect(row('B', 1).getByRole('textbox', { name: 'Description of the need', exact: true })).toBeFocused();

  // Mend it: the outcome answers need 2 as well.
  await pickMany(row('E', 0), 'Needs this outcome answers', [/^Need 2:/]);
  await expect(thread().getByTestId('golden-thread-problem')).toHaveCount(0);
  await expect(thread().getByTestId('golden-thread-ok')).toContainText('Every need has an outcome and provision serving it');
  await thread().screenshot({ path: `${SCREENSHOTS}/ehcp-golden-thread-complete.png` });
});

test('"Specific and quantified" without a frequency is refused beside the box', async () => {
  await section('F').getByRole('button', { name: 'Add provision' }).click();
  const p2 = row('F', 1);
  await p2.getByRole('textbox', { name: 'Provision', exact: true }).fill('Precision teaching of reading comprehension strategies');
  await pickMany(p2, 'Outcomes this provision serves', [/^Outcome 1:/]);
  await expect(thread()).toContainText('Provision 2 (‘Precision teaching of reading…’) is not specific and quantified');
  await p2.getByRole('checkbox', { name: 'Specific and quantified' }).check();
  await expect(p2.getByTestId('field-error')).toContainText('Provision can only be marked specific and quantified when it says how often');
  await p2.screenshot({ path: `${SCREENSHOTS}/ehcp-not-quantified.png` });
  // Saving is refused while it stands; everything typed stays.
  await page.getByRole('button', { name: 'Create plan' }).click();
  await expect(page.getByTestId('form-summary')).toContainText('Some details need correcting');
  await expect(p2.getByRole('textbox', { name: 'Provision', exact: true })).toHaveValue(
    'Precision teaching of reading comprehension strategies',
  );
  // Say how often and for how long: the message goes.
  await p2.getByRole('textbox', { name: 'Times', exact: true }).fill('1');
  await pick(page, 'Per', 'a day', p2);
  await p2.getByRole('textbox', { name: 'Minutes per session', exact: true }).fill('15');
  await p2.getByRole('textbox', { name: 'Group size', exact: true }).fill('1');
  await p2.getByRole('textbox', { name: 'Delivered by', exact: true }).fill('Class teacher');
  await expect(p2.getByTestId('field-error')).toHaveCount(0);
  // Every message was beside a field and all are mended: the summary at the top goes too.
  await expect(page.getByTestId('form-summary')).toHaveCount(0);
  await expect(thread().getByTestId('golden-thread-ok')).toBeVisible();
  await page.setViewportSize({ width: 1366, height: 2400 });
  await section('F').screenshot({ path: `${SCREENSHOTS}/ehcp-provision.png` });
  await page.setViewportSize({ width: 1366, height: 850 });
});

test('the plan is made final with an issued date and saved', async () => {
  await page.getByRole('textbox', { name: 'Views' }).fill('Jordan likes working with a friend and wants reading to feel easier.');
  await page.getByRole('textbox', { name: 'Aspirations' }).fill('To read a football magazine on his own.');
  await section('C').getByRole('button', { name: 'Add an item to section C' }).click();
  await row('C', 0)
    .getByRole('textbox', { name: 'Description', exact: true })
    .fill('Glue ear in early childhood; hearing now within normal range (audiology, 2024)');
  await section('I').getByRole('textbox', { name: 'School or institution named', exact: true }).fill('Example Primary School');
  await section('K').getByRole('button', { name: 'Add advice' }).click();
  await row('K', 0).getByRole('textbox', { name: 'Advice or report', exact: true }).fill('Educational psychology advice');
  await row('K', 0).getByRole('textbox', { name: 'From', exact: true }).fill('Local authority educational psychology service');
  await typeDate(row('K', 0), 'Dated', '12/05/2026');

  const details = section('details');
  await pick(page, 'Status', 'Final: issued by the local authority', details);
  await typeDate(details, 'Draft issued', '15/07/2026');
  await typeDate(details, 'Final plan issued', '01/07/2026');
  // Issued before the draft: the message sits beside the field.
  await expect(details.getByText('This date must be on or after')).toBeVisible();
  await typeDate(details, 'Final plan issued', '01/09/2026');
  await expect(details.getByText('This date must be on or after')).toHaveCount(0);

  // A tall window rather than a full-page capture, so the sticky panel and save bar sit where a user sees them.
  await page.setViewportSize({ width: 1366, height: 1900 });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${SCREENSHOTS}/ehcp-plan-editor.png` });
  await page.setViewportSize({ width: 1366, height: 850 });

  await page.getByRole('button', { name: 'Create plan' }).click();
  await expect(page.getByTestId('plan-saved')).toContainText('EHC plan created.');
  await expect(page.getByRole('heading', { name: `${PUPIL.first} ${PUPIL.last}: EHC plan` })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Version' })).toContainText('Version 1 (original, 1 September 2026) — current');
  await expect(page.getByText('This plan is final: a change to its sections is an amendment').first()).toBeVisible();
  planUrl = page.url();
  // Saved as typed: links and numbers survive the round trip.
  await expect(row('E', 0).getByRole('combobox', { name: 'Needs this outcome answers' })).toContainText('Need 1');
  await expect(row('E', 0).getByRole('combobox', { name: 'Needs this outcome answers' })).toContainText('Need 2');
  await expect(row('F', 0).getByRole('textbox', { name: 'Minutes per session', exact: true })).toHaveValue('30');
  await expect(thread().getByTestId('golden-thread-ok')).toBeVisible();
});

test('a change to the final plan is an amendment: version 2, and version 1 stays viewable', async () => {
  await row('F', 0).getByRole('textbox', { name: 'Minutes per session', exact: true }).fill('45');
  await page.getByRole('button', { name: 'Save plan' }).click();
  const dialog = page.getByRole('dialog', { name: 'Save as an amendment' });
  await expect(dialog).toContainText('saved as an amendment: version 2');
  await dialog.getByRole('button', { name: 'Save amendment' }).click();
  await expect(dialog.getByText('This is required.')).toBeVisible();
  await dialog
    .getByRole('textbox', { name: 'Reason for the amendment', exact: true })
    .fill('Speech and language therapist advised longer sessions');
  await dialog.getByRole('checkbox', { name: 'This amendment names the school for the next phase' }).check();
  await dialog.getByRole('button', { name: 'Save amendment' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('plan-saved')).toContainText('Amendment saved as version 2. Version 1 is kept');
  await expect(page.getByRole('combobox', { name: 'Version' })).toContainText(/Version 2 \(amendment, .+\) — current/);
  await expect(row('F', 0).getByRole('textbox', { name: 'Minutes per session', exact: true })).toHaveValue('45');

  // Saving again with no change to the sections makes no new version.
  await page.getByRole('button', { name: 'Save plan' }).click();
  await expect(page.getByTestId('plan-saved')).toContainText('Plan saved.');
  await expect(page.getByRole('combobox', { name: 'Version' })).toContainText('Version 2');

  // Version 1, read-only with a banner.
  await pick(page, 'Version', 'Version 1 (original, 1 September 2026)');
  await expect(page.getByTestId('old-version-banner')).toContainText('You are looking at an earlier version');
  await expect(page.getByTestId('old-version-banner')).toContainText('replaced by version 2');
  await expect(page.getByRole('button', { name: 'Save plan' })).toHaveCount(0);
  await expect(page.locator('#doc-F')).toContainText('3 times a week · 30 minutes a session · for 36 weeks · group of 4');
  await expect(page.locator('#doc-E')).toContainText('Answers: Need 1, Need 2');
  await page.screenshot({ path: `${SCREENSHOTS}/ehcp-old-version.png` });
  await page.getByRole('link', { name: 'Go to the current version' }).click();
  await expect(page.getByTestId('old-version-banner')).toHaveCount(0);
  // Issue 17, item 8: the plan opens for reading, with "Edit plan" for the SENCo; the editor only after pressing it.
  await expect(page.getByRole('button', { name: 'Save plan' })).toHaveCount(0);
  await expect(page.getByRole('textbox', { name: 'Minutes per session', exact: true })).toHaveCount(0);
  await expect(page.locator('#doc-F')).toContainText('45 minutes a session');
  await page.screenshot({ path: `${SCREENSHOTS}/ehcp-plan-reading.png` });
  await page.getByRole('button', { name: 'Edit plan' }).click();
  await expect(row('F', 0).getByRole('textbox', { name: 'Minutes per session', exact: true })).toHaveValue('45');
  await expect(page.getByRole('button', { name: 'Save plan' })).toBeVisible();
  expect(page.url()).toBe(planUrl);
});

test('annual reviews are recorded on the plan page', async () => {
  const reviews = page.getByRole('region', { name: 'Annual reviews' });
  await expect(reviews).toContainText('No annual reviews recorded yet.');
  await reviews.getByRole('button', { name: 'Add annual review' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add an annual review' });
  await typeDate(dialog, 'Meeting date', '10/11/2026');
  await typeDate(dialog, 'Review invitations sent', '20/10/2026');
  await typeDate(dialog, 'Review report sent', '17/11/2026');
  await dialog.getByRole('button', { name: 'Save review' }).click();
  // Not yet marked as held: a report cannot follow it.
  await expect(dialog.getByText('Record the meeting as held before recording what happened after it.')).toBeVisible();
  await dialog.getByRole('checkbox', { name: 'The meeting was held' }).check();
  await dialog.getByRole('button', { name: 'Save review' }).click();
  await expect(dialog).toBeHidden();
  const table = reviews.getByRole('table');
  await expect(table).toContainText('10 November 2026');
  await expect(table).toContainText('Held');
  await expect(table).toContainText('20 October 2026');
  await expect(table).toContainText('17 November 2026');
  await expect(table).toContainText('Not yet');
  await page.screenshot({ path: `${SCREENSHOTS}/ehcp-plan-page.png` });
});

test('print: a clean A4 document with every section, numbered and linked', async () => {
  expect(page.url()).toBe(planUrl);
  await expect(page.getByRole('button', { name: 'Print this version' })).toBeVisible();
  // The button prints (window.print is replaced so the test run is not held by a print dialog).
  await page.evaluate(() => {
    (window as unknown as { printed: number }).printed = 0;
    window.print = () => {
      (window as unknown as { printed: number }).printed += 1;
    };
  });
  await page.getByRole('button', { name: 'Print this version' }).click();
  expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);

  await page.emulateMedia({ media: 'print' });
  const doc = page.getByTestId('plan-print');
  await expect(doc).toBeVisible();
  await expect(page.locator('#root')).toBeHidden();
  for (const s of [
    'Section A:',
    'Section B:',
    'Section C:',
    'Section D:',
    'Section E:',
    'Section F:',
    'Section G:',
    'Section H1:',
    'Section H2:',
    'Section I:',
    'Section J:',
    'Section K:',
  ]) {
    await expect(doc).toContainText(s);
  }
  await expect(doc).toContainText(`${PUPIL.first} ${PUPIL.last}: EHC plan`);
  await expect(doc).toContainText('Outcomes: Outcome 1. Provision: Provision 1, Provision 2.');
  await expect(doc).toContainText('Serves: Outcome 1');
  await expect(doc).toContainText('3 times a week · 45 minutes a session');
  await page.screenshot({ path: `${SCREENSHOTS}/ehcp-print-view.png`, fullPage: true });
  await page.pdf({ path: `${SCREENSHOTS}/ehcp-print.pdf`, preferCSSPageSize: true, printBackground: false });
  await page.emulateMedia({ media: 'screen' });
  if (existsSync('/usr/bin/pdftoppm')) {
    execFileSync('/usr/bin/pdftoppm', ['-png', '-r', '60', `${SCREENSHOTS}/ehcp-print.pdf`, `${SCREENSHOTS}/ehcp-print-page`]);
  }
});

test('the EHC plan tab lists the plan with its version and golden thread', async () => {
  await page.getByRole('link', { name: 'Back to the pupil’s profile' }).click();
  await expect(page).toHaveURL(/tab=ehcp/);
  const plans = page.getByRole('region', { name: 'EHC plans' });
  const table = plans.getByRole('table');
  await expect(table).toContainText('Final');
  await expect(table).toContainText('1 September 2026');
  await expect(table).toContainText('Version 2');
  await expect(table).toContainText('Complete');
  await page.screenshot({ path: `${SCREENSHOTS}/ehcp-profile-tab.png` });
  // The window title names the screen, never the pupil.
  expect(await page.title()).not.toContain(PUPIL.last);
});

// ---------------------------------------------------------------------------------------------------------------
// Dashboard: next annual review dates and overdue reviews. Written by the dashboard/clocks engineer; the plan,
// its amendment and its annual review above are the data it starts from.
// ---------------------------------------------------------------------------------------------------------------
test.describe('dashboard', () => {
  // Two more synthetic pupils, each with a final plan and no review held, on two other local authorities' books.
  // The plans each have a need with no outcome or provision: a golden-thread problem for the dashboard to count.
  const NORTH = 'Northshire County Council';
  const SOUTH = 'Southborough Council';
  const UPCOMING = {
    first: 'Ada',
    last: 'Clocktest',
    upn: makeUpn(801, 2000, 12, 60),
    issued: '2026-03-02',
    la: NORTH,
    year: '4',
    cls: '4C',
  };
  const OVERDUE = {
    first: 'Ben',
    last: 'Latereview',
    upn: makeUpn(801, 2000, 12, 61),
    issued: '2025-06-10',
    la: SOUTH,
    year: '7',
    cls: '7N',
  };
  const SENCO_NAME = 'Alex Morgan';
  const ids: Record<string, string> = {};
  const clockRow = (state: string, name: string) =>
    page.getByTestId(`clock-group-${state}`).getByTestId('clock-row').filter({ hasText: name });

  test.beforeAll(async () => {
    const me = await invokeApi<{ user: { id: string } }>(page, 'auth.me', {});
    expect(me.ok, me.error?.message).toBe(true);
    for (const p of [UPCOMING, OVERDUE]) {
      const created = await invokeApi<{ id: string }>(page, 'pupils.create', {
        upn: p.upn,
        legalFirstName: p.first,
        legalLastName: p.last,
        dateOfBirth: p === UPCOMING ? '2017-05-04' : '2014-02-11',
        yearGroup: p.year,
        className: p.cls,
        dateJoined: '2022-09-01',
        senStatus: 'E',
        needs: ['ASD'],
        contacts: [],
      });
      expect(created.ok, created.error?.message).toBe(true);
      ids[p.last] = created.value?.id ?? '';
      const plan = await invokeApi(page, 'ehcp.create', {
        pupilId: ids[p.last],
        localAuthority: p.la,
        ownerId: me.value?.user.id ?? null,
        status: 'final',
        draftDate: null,
        issuedDate: p.issued,
        ceasedDate: null,
        ceasedReason: null,
        content: {
          sectionA: { views: null, interests: null, aspirations: null },
          needs: [{ key: 'n1', area: 'communication_interaction', description: 'Finds unstructured times hard.' }],
          items: [],
          outcomes: [],
          provision: [],
          placement: { name: null, urn: null, type: null },
          personalBudget: null,
          advice: [],
        },
      });
      expect(plan.ok, plan.error?.message).toBe(true);
    }
    // The full list of deadlines is the worklist page the dashboard's counts open (issue 17).
    await page.goto(appUrl('#/worklist'));
    // A reload, in case the page was already showing (a hash change alone would not fetch again).
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Worklist', level: 1 })).toBeVisible();
  });

  test('what needs you comes first: an upcoming annual review with its date, source and owner', async () => {
    await expect(page.getByRole('region', { name: 'What needs you' })).toBeVisible();
    const row = clockRow('upcoming', `${UPCOMING.first} ${UPCOMING.last}`);
    await expect(row).toHaveCount(1);
    await expect(row.getByText('Annual review meeting', { exact: true })).toBeVisible();
    await expect(row.getByText('2 March 2027', { exact: true })).toBeVisible();
    await expect(row.getByText(/^in \d+ (days?|weeks?|months?)$/)).toBeVisible();
    await expect(row.getByText('Upcoming', { exact: true })).toBeVisible();
    await expect(row).toContainText(NORTH);
    await expect(row).toContainText(SENCO_NAME);
    // The rule and its source, in words.
    await row.getByRole('button', { name: 'Where the Annual review meeting deadline comes from' }).hover();
    await expect(page.getByRole('tooltip')).toContainText('SEND Code of Practice 9.166');
    await page.mouse.move(0, 0);
    // The pupil's name opens the plan the clock runs on.
    await expect(row.getByRole('link', { name: `${UPCOMING.first} ${UPCOMING.last}` })).toHaveAttribute(
      'href',
      new RegExp(`^#/pupils/${ids[UPCOMING.last]}/plans/ehcp/[^/?]+$`),
    );
    // The plan made above: reviewed (and held) on 10 November 2026, so the next review is due a year later.
    const reviewed = clockRow('upcoming', `${PUPIL.first} ${PUPIL.last}`).filter({ hasText: 'Annual review meeting' });
    await expect(reviewed.getByText('10 November 2027', { exact: true })).toBeVisible();
    // Golden thread: the needs without outcomes or provision in the two new plans.
    await expect(page.getByTestId('dashboard-golden-thread')).toContainText(/problems in \d+ EHC plans/);
    await expect(page.getByRole('table', { name: 'Deadlines by local authority' })).toContainText(SOUTH);
    // A tall window rather than a full-page capture, so the fixed top bar sits where a user sees it.
    await page.setViewportSize({ width: 1366, height: 1400 });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: `${SCREENSHOTS}/dashboard-clocks.png` });
    await page.setViewportSize({ width: 1366, height: 850 });
  });

  test('an annual review due 10 June 2026 and not held shows as overdue, in words', async () => {
    const row = clockRow('overdue', `${OVERDUE.first} ${OVERDUE.last}`);
    await expect(row).toHaveCount(1);
    await expect(row.getByText('Annual review meeting', { exact: true })).toBeVisible();
    await expect(row.getByText('10 June 2026', { exact: true })).toBeVisible();
    await expect(row.getByText('Overdue', { exact: true })).toBeVisible();
    await expect(row).toContainText(/\d+ (days?|weeks?|months?) overdue/);

    // The count is a button that narrows the list to the overdue deadlines, and says so in words.
    const overdue = page.getByTestId('clock-count-overdue');
    await expect(overdue).toContainText('Overdue');
    await overdue.click();
    await expect(overdue).toHaveAttribute('aria-pressed', 'true');
    await expect(overdue).toContainText('Showing only these');
    await expect(page).toHaveURL(/state=overdue/);
    await expect(page.getByTestId('clock-group-upcoming')).toHaveCount(0);
    await expect(page.getByTestId('clock-group-overdue')).toBeVisible();
    await overdue.click();
    await expect(page.getByTestId('clock-group-upcoming')).toBeVisible();
  });

  test('filtering by local authority narrows the list', async () => {
    const rows = page.getByTestId('clock-row');
    await expect(rows.filter({ hasText: `${UPCOMING.first} ${UPCOMING.last}` })).toHaveCount(1);
    await pick(page, 'Local authority', SOUTH);
    await expect(page).toHaveURL(/la=Southborough/);
    await expect(rows.filter({ hasText: `${UPCOMING.first} ${UPCOMING.last}` })).toHaveCount(0);
    await expect(rows.filter({ hasText: `${PUPIL.first} ${PUPIL.last}` })).toHaveCount(0);
    await expect(rows.filter({ hasText: `${OVERDUE.first} ${OVERDUE.last}` })).toHaveCount(1);
    for (const text of await rows.allInnerTexts()) expect(text).toContain(SOUTH);
    await page.getByRole('button', { name: 'Clear filters' }).first().click();
    await expect(rows.filter({ hasText: `${UPCOMING.first} ${UPCOMING.last}` })).toHaveCount(1);
  });

  test("the pupil's profile shows their own clocks", async () => {
    await page.goto(appUrl(`#/pupils/${ids[UPCOMING.last]}`));
    const panel = page.getByRole('region', { name: 'Deadlines' });
    await expect(panel).toBeVisible();
    const row = panel.getByTestId('pupil-clock-row').filter({ hasText: 'Annual review meeting' });
    await expect(row).toHaveCount(1);
    await expect(row.getByText('2 March 2027', { exact: true })).toBeVisible();
    await expect(row.getByText('Upcoming', { exact: true })).toBeVisible();
    await expect(panel).not.toContainText(OVERDUE.last);
    await page.screenshot({ path: `${SCREENSHOTS}/profile-clocks.png` });
  });

  test('the register summarises the pupils shown, filters by a count and by class, and exports a CSV', async () => {
    await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Pupils' }).click();
    const summary = page.getByTestId('register-summary');
    await expect(summary).toBeVisible();
    // A count chip is named by what it shows (label in name), and says by being pressed that the register is filtered.
    await summary.getByRole('button', { name: /^E · EHC plan \d+$/ }).click();
    await expect(page).toHaveURL(/status=E/);
    await expect(summary.getByRole('button', { name: /^E · EHC plan \d+$/ })).toHaveAttribute('aria-pressed', 'true');
    await pick(page, 'Class', UPCOMING.cls);
    await expect(page).toHaveURL(/class=4C/);
    await expect(page.getByRole('grid', { name: 'Pupil register' }).locator('.MuiDataGrid-row')).toHaveCount(1);
    await page.screenshot({ path: `${SCREENSHOTS}/register-summary.png` });

    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^sen-register-\d{4}-\d{2}-\d{2}\.csv$/);
    const { readFileSync } = await import('node:fs');
    const csv = readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '');
    const [header, ...lines] = csv.trim().split(/\r?\n/);
    expect(header).toContain('UPN');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(UPCOMING.upn);
    await expect(page.getByText(/Exported 1 pupil to sen-register-/)).toBeVisible();
    await page.getByRole('button', { name: 'Clear search and filters' }).first().click();
  });

  test('settings: each clock with its source, saved on its own', async () => {
    await page.goto(appUrl('#/settings?tab=clocks'));
    const rule = page.getByTestId('clock-rule-review_report');
    await expect(rule).toContainText('Review report sent');
    await expect(rule).toContainText('SEND Regulations 2014 reg. 20(7)-(8)');
    await expect(rule).toContainText('Default');
    await expect(page.getByTestId('clock-rule-phase_transfer')).toContainText('This date is set in law');
    await expect(page.getByTestId('clock-rule-phase_transfer').getByLabel('Length')).toHaveCount(0);
    const save = rule.getByRole('button', { name: 'Save Review report sent' });
    await expect(save).toBeDisabled();
    const length = rule.getByLabel('Length');
    await length.fill('0');
    await save.click();
    await expect(rule.getByText('Must be 1 or more.')).toBeVisible();
    await length.fill('3');
    await save.click();
    await expect(rule.getByText('Review report sent saved.')).toBeVisible();
    await expect(rule).toContainText('Changed by the school');
    // Back to the Regulations' 2 weeks.
    await length.fill('2');
    await save.click();
    await expect(save).toBeDisabled();
    await page.setViewportSize({ width: 1366, height: 1500 });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: `${SCREENSHOTS}/settings-clocks.png` });
    await page.setViewportSize({ width: 1366, height: 850 });
  });

  test('settings: closure days, and a calendar imported from CSV after a check', async () => {
    await page.goto(appUrl('#/settings?tab=calendar'));
    // 2027/28, so that no deadline checked above moves.
    await pick(page, 'Academic year', '2027/28');
    await expect(page.getByText('No closure days entered for 2027/28.')).toBeVisible();
    const file = page.getByTestId('calendar-file');
    const preview = page.getByTestId('calendar-preview');

    const bad =
      'Type,Name,Start,End\nTerm,Autumn 1,01/09/2027,22/10/2027\nHoliday,Half term,25/10/2027,\nINSET,Staff training,31/02/2028,\n';
    await file.setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
    await expect(preview).toContainText('2 lines have problems, so nothing will be imported');
    await expect(preview.getByRole('table', { name: 'Lines with problems' })).toContainText('"Holiday" is not a type of calendar entry');
    await expect(preview.getByRole('button', { name: 'Import' })).toHaveCount(0);
    await preview.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SCREENSHOTS}/settings-calendar-rejected.png` });

    const good = [
      'Type,Name,Start,End',
      'Term,Autumn 1,01/09/2027,22/10/2027',
      'Term,Autumn 2,01/11/2027,17/12/2027',
      'Term,Spring 1,04/01/2028,11/02/2028',
      'Term,Spring 2,21/02/2028,31/03/2028',
      'Term,Summer 1,18/04/2028,26/05/2028',
      'Term,Summer 2,05/06/2028,20/07/2028',
      'INSET,Staff training,01/09/2027,02/09/2027',
      'Bank holiday,Early May bank holiday,01/05/2028,',
      '',
    ].join('\n');
    await file.setInputFiles({ name: 'calendar-2027-28.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
    await expect(preview).toContainText('2027/28');
    await expect(preview).toContainText('Importing replaces the term dates and closure days already entered for 2027/28.');
    await page.setViewportSize({ width: 1366, height: 1700 });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: `${SCREENSHOTS}/settings-calendar-preview.png` });
    await preview.getByRole('button', { name: 'Import' }).click();
    await expect(page.getByText('Imported 6 terms and 3 closure days for 2027/28.')).toBeVisible();

    const days = page.getByTestId('closure-day-row');
    await expect(days).toHaveCount(3);
    await expect(page.getByLabel('Name of closure day 3')).toHaveValue('Early May bank holiday');
    // One more by hand, and the year saved.
    await page.getByRole('button', { name: 'Add a closure day' }).click();
    await typeDate(page, 'Date of closure day 4', '04/05/2028');
    await pick(page, 'Type of closure day 4', 'Closure');
    await page.getByLabel('Name of closure day 4').fill('Polling day');
    await page.getByRole('button', { name: 'Save closure days for 2027/28' }).click();
    await expect(page.getByText('4 closure days saved for 2027/28.')).toBeVisible();
    await expect(days).toHaveCount(4);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: `${SCREENSHOTS}/settings-calendar.png` });
    await page.setViewportSize({ width: 1366, height: 850 });

    // The terms arrived too.
    await page.getByRole('tab', { name: 'Term dates' }).click();
    await pick(page, 'Academic year', '2027/28');
    await expect(page.getByRole('group', { name: 'Autumn 1 starts' })).toContainText('01');
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Issue 14: phase transfers recorded by the SENCo (SEND Regulations 2014 reg. 18), and the LA's decision whether to
// issue a plan (reg. 10). Dates are worked out from today so the deadline is always ahead.
// ---------------------------------------------------------------------------------------------------------------
test.describe('phase transfer and the decision whether to issue', () => {
  const MOVER = { first: 'Tomasz', last: 'Phasemove', upn: makeUpn(801, 2000, 12, 62) };
  const today = new Date();
  const year = today.getFullYear();
  const transferYear = year + 1;
  /** Issued so that the usual review date falls after the latest review date for a 15 February deadline. */
  const issued = today.getMonth() >= 8 ? `${year}-03-15` : `${year - 1}-12-15`;
  const usualReview = `${Number(issued.slice(0, 4)) + 1}${issued.slice(4)}`;
  const long = (iso: string) =>
    new Date(`${iso}T12:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  let moverId = '';
  let moverPlan = '';

  test.beforeAll(async () => {
    const created = await invokeApi<{ id: string }>(page, 'pupils.create', {
      upn: MOVER.upn,
      legalFirstName: MOVER.first,
      legalLastName: MOVER.last,
      dateOfBirth: `${year - 11}-01-20`,
      yearGroup: '6',
      className: '6P',
      dateJoined: `${year - 5}-09-01`,
      senStatus: 'E',
      needs: ['SLCN'],
      contacts: [],
    });
    expect(created.ok, created.error?.message).toBe(true);
    moverId = created.value?.id ?? '';
    const plan = await invokeApi<{ plan: { id: string } }>(page, 'ehcp.create', {
      pupilId: moverId,
      localAuthority: 'Example Borough Council',
      ownerId: null,
      status: 'final',
      draftDate: null,
      issuedDate: issued,
      ceasedDate: null,
      ceasedReason: null,
      content: {
        sectionA: { views: null, interests: null, aspirations: null },
        needs: [],
        items: [],
        outcomes: [],
        provision: [],
        placement: { name: null, urn: null, type: null },
        personalBudget: null,
        advice: [],
      },
    });
    expect(plan.ok, plan.error?.message).toBe(true);
    moverPlan = plan.value?.plan.id ?? '';
  });

  test('a Year 6 pupil has no phase-transfer deadline until the SENCo records the move', async () => {
    await page.goto(appUrl(`#/pupils/${moverId}`));
    const panel = page.getByRole('region', { name: 'Deadlines' });
    await expect(panel.getByTestId('pupil-clock-row').filter({ hasText: 'Annual review meeting' })).toContainText(long(usualReview));
    await expect(panel).not.toContainText('Phase transfer');
  });

  test('the SENCo records the transfer on the plan page; the deadline and the latest review date follow', async () => {
    await page.goto(appUrl(`#/pupils/${moverId}/plans/ehcp/${moverPlan}`));
    const card = page.getByTestId('transfer-card');
    await expect(card).toContainText('No phase transfer recorded.');
    await card.getByRole('button', { name: 'Record a transfer' }).click();
    const dialog = page.getByRole('dialog', { name: 'Phase transfer' });
    await dialog.getByRole('button', { name: 'Save transfer' }).click();
    // The shared schema refuses it beside each field, before anything is sent.
    await expect(dialog.getByText('Choose one of the options.')).toBeVisible();
    await pick(page, 'Kind of move', 'Primary to secondary school', dialog);
    await typeDate(dialog, 'Date of the move', `01/09/${transferYear}`);
    await dialog.getByRole('textbox', { name: 'Next school or setting (if known)' }).fill('Northwold Academy (fictional)');
    await dialog.getByRole('button', { name: 'Save transfer' }).click();
    await expect(dialog).toBeHidden();
    await expect(card).toContainText('Phase transfer saved.');
    await expect(card.getByTestId('transfer-summary')).toContainText(
      `Primary to secondary school on 1 September ${transferYear} (Northwold Academy (fictional))`,
    );
    await expect(card).toContainText(`The plan names the next school by 15 February ${transferYear} (SEND Regulations 2014 reg. 18).`);
    await expect(card).toContainText(/Hold the annual review by \d{1,2} [A-Z][a-z]+ \d{4}/);
    await page.screenshot({ path: `${SCREENSHOTS}/ehcp-phase-transfer.png` });
  });

  test("the pupil's deadlines show the transfer and the annual review brought forward, saying why", async () => {
    await page.goto(appUrl(`#/pupils/${moverId}/plans/ehcp/${moverPlan}`));
    const latest =
      ((await page.getByTestId('transfer-card').innerText()).match(/Hold the annual review by (\d{1,2} [A-Z][a-z]+ \d{4})/) ?? [])[1] ?? '';
    expect(latest).not.toBe('');
    await page.goto(appUrl(`#/pupils/${moverId}`));
    const panel = page.getByRole('region', { name: 'Deadlines' });
    const transfer = panel.getByTestId('pupil-clock-row').filter({ hasText: 'Phase transfer: new school named' });
    await expect(transfer).toHaveCount(1);
    await expect(transfer.getByText(`15 February ${transferYear}`, { exact: true })).toBeVisible();
    await expect(transfer).toContainText(`Primary to secondary school on 1 September ${transferYear} (Northwold Academy (fictional))`);
    const review = panel.getByTestId('pupil-clock-row').filter({ hasText: 'Annual review meeting' });
    await expect(review.getByText(latest, { exact: true })).toBeVisible();
    await expect(review).toContainText(
      `Brought forward from ${long(usualReview)} for the phase transfer (primary to secondary school on 1 September ${transferYear})`,
    );
    await page.screenshot({ path: `${SCREENSHOTS}/profile-phase-transfer.png` });
  });

  test('removing the transfer removes its deadline and puts the review back', async () => {
    await page.goto(appUrl(`#/pupils/${moverId}/plans/ehcp/${moverPlan}`));
    const card = page.getByTestId('transfer-card');
    await card.getByRole('button', { name: 'Remove the transfer' }).click();
    await expect(card).toContainText('Phase transfer removed.');
    await expect(card).toContainText('No phase transfer recorded.');
    await page.goto(appUrl(`#/pupils/${moverId}`));
    const panel = page.getByRole('region', { name: 'Deadlines' });
    await expect(panel.getByTestId('pupil-clock-row').filter({ hasText: 'Annual review meeting' })).toContainText(long(usualReview));
    await expect(panel).not.toContainText('Phase transfer');
  });

  test('the decision whether to issue a plan is recorded on the assessment request (16 weeks)', async () => {
    await page.goto(appUrl(`#/pupils/${pupilId}?tab=ehcp`));
    const requests = page.getByRole('region', { name: 'EHC needs assessment requests' });
    await requests.getByRole('button', { name: 'Edit the request of 10 January 2026' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit the assessment request' });
    await pick(page, 'Decision whether to issue a plan', 'Will not issue a plan (parent told)', dialog);
    await typeDate(dialog, 'Date of the draft plan or of the letter to the parent', '10/02/2026');
    await dialog.getByRole('button', { name: 'Save request' }).click();
    // Before the decision to assess (20 February 2026): refused beside the date.
    await expect(dialog.getByText('This date must be on or after 20 February 2026.')).toBeVisible();
    await typeDate(dialog, 'Date of the draft plan or of the letter to the parent', '30/04/2026');
    await dialog.getByRole('button', { name: 'Save request' }).click();
    await expect(dialog).toBeHidden();
    await expect(requests.getByRole('table')).toContainText('no plan: parent told, 30 April 2026');
    // The 16-week step is met (10 January + 16 weeks = 2 May 2026), and no final-plan deadline is left.
    await page.goto(appUrl(`#/pupils/${pupilId}`));
    const panel = page.getByRole('region', { name: 'Deadlines' });
    const row = panel.getByTestId('pupil-clock-row').filter({ hasText: 'Decision whether to issue an EHC plan' });
    await expect(row).toContainText('2 May 2026');
    await expect(row.getByText('Done', { exact: true })).toBeVisible();
    await expect(panel).not.toContainText('Final EHC plan issued');
  });
});
