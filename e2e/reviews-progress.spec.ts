/**
 * A pupil's Progress and Parents tabs and the printable parent summary, on the school register.spec.ts set up.
 * Through the API: a synthetic pupil on SEN support and Targeted, a plan with two GAS goals, two plan reviews on
 * different dates and one session where the therapist rated goal 1, each carrying a recognisable clinical note.
 * In the UI: the goal charts and the T-score chart with text alternatives holding the right numbers; an update to
 * parents added and listed; the parent summary holding the goals in plain language and none of the clinical notes.
 * Screenshots of the Progress tab and the parent summary, on screen and as printed. (Named to sort after
 * register.spec.ts: specs run in file-name order, and that one expects first-run setup.)
 */
import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { makeUpn } from '../shared/upn';
import { SCREENSHOTS, appUrl, pick, typeDate, callApi, signedInPage } from './fixtures';

const PUPIL = { first: 'Poppy', last: 'Progresstest', upn: makeUpn(801, 2000, 23, 917) };
const NAME = `${PUPIL.first} ${PUPIL.last}`;
const TITLE = 'Autumn talking and turn-taking plan';
const GOAL_1 = 'Poppy asks an adult for help using a short sentence.';
const GOAL_2 = 'Poppy takes turns in a small-group game for five minutes.';
const EXPECTED_1 = 'Asks an adult for help with a short sentence at least once a day';
const STRATEGY = 'Keep a help card on Poppy’s desk and praise every request for help.';
/** Clinical notes: they belong to the therapy record and must never reach the parent summary. */
const CLINICAL = 'CLINICAL-7731 dysfluency on structured naming task';
const UPDATE = 'Phoned dad to talk through the autumn plan; he will practise the help card at home.';

test.describe.configure({ mode: 'serial' });

let page: Page;
let pupilId = '';

function ok<T>(op: string, input: unknown): Promise<T> {
  return callApi<T>(page, op, input);
}

test.beforeAll(async ({ browser }) => {
  page = await signedInPage(browser);
  await ok('terms.replaceYear', {
    academicYear: '2026/27',
    terms: [
      { name: 'autumn1', startDate: '2026-09-02', endDate: '2026-10-23' },
      { name: 'autumn2', startDate: '2026-11-02', endDate: '2026-12-18' },
      { name: 'spring1', startDate: '2027-01-05', endDate: '2027-02-12' },
      { name: 'spring2', startDate: '2027-02-22', endDate: '2027-03-26' },
      { name: 'summer1', startDate: '2027-04-12', endDate: '2027-05-28' },
      { name: 'summer2', startDate: '2027-06-07', endDate: '2027-07-21' },
    ],
  });
  const me = await ok<{ user: { id: string } }>('auth.me', {});
  const created = await ok<{ id: string }>('pupils.create', {
    upn: PUPIL.upn,
    legalFirstName: PUPIL.first,
    legalLastName: PUPIL.last,
    dateOfBirth: '2018-05-20',
    yearGroup: '3',
    className: '3P',
    dateJoined: '2022-09-01',
    senStatus: 'K',
    needs: ['SLCN'],
    contacts: [],
  });
  pupilId = created.id;
  await ok('bands.set', {
    pupilId,
    band: 'universal',
    needLevel: 'medium',
    startDate: '2026-01-05',
    plannedWeeks: null,
    reason: 'Needs identified after joining the speech and language group.',
  });
  await ok('bands.set', {
    pupilId,
    band: 'targeted',
    needLevel: null,
    startDate: '2026-09-01',
    plannedWeeks: 20,
    reason: 'Not making enough progress on Universal in the summer term.',
  });
  const plan = await ok<{ id: string; interventions: { id: string }[] }>('ipps.save', {
    id: null,
    baseVersion: null,
    pupilId,
    title: TITLE,
    startDate: '2026-09-07',
    reviewDate: '2026-11-16',
    endDate: '2027-01-25',
    expectedOutcomes: 'Poppy asks for help and joins in small-group play without adult prompting.',
    revisionReason: null,
    reviewId: null,
    goals: [
      {
        key: 'g1',
        description: GOAL_1,
        ehcpOutcomeId: null,
        levels: {
          m2: null,
          m1: 'Asks for help only when prompted',
          expected: EXPECTED_1,
          p1: 'Asks for help unprompted most days',
          p2: null,
        },
      },
      {
        key: 'g2',
        description: GOAL_2,
        ehcpOutcomeId: null,
        levels: { m2: null, m1: null, expected: 'Takes turns for five minutes with one adult reminder', p1: null, p2: null },
      },
    ],
    interventions: [
      {
        discipline: 'speech_language',
        description: 'Language group using visual supports and sentence frames',
        frequencyCount: 2,
        frequencyPeriod: 'week',
        sessionMinutes: 30,
        durationWeeks: 20,
        groupSize: null,
        staffingRatio: 'one_to_one',
        deliveredBy: 'Speech and language therapist',
        classroomStrategies: STRATEGY,
        continues: null,
      },
    ],
  });
  // Review 1: goal 1 at −1, goal 2 at 0 → T = 50 − 10/√2.6 = 43.8. Review 2: both at +1 → T = 50 + 20/√2.6 = 62.4.
  await ok('ipps.review', {
    ippId: plan.id,
    date: '2026-10-05',
    note: `${CLINICAL} (review 1)`,
    ratings: [
      { goalKey: 'g1', rating: -1, note: CLINICAL },
      { goalKey: 'g2', rating: 0, note: null },
    ],
  });
  await ok('ipps.review', {
    ippId: plan.id,
    date: '2026-11-16',
    note: `${CLINICAL} (review 2)`,
    ratings: [
      { goalKey: 'g1', rating: 1, note: null },
      { goalKey: 'g2', rating: 1, note: null },
    ],
  });
  // Two Thrive assessments (strand results only), with a clinical note.
  for (const [date, results] of [
    ['2026-09-14', { being: 'secure', doing: 'partly_secure', thinking: 'gap' }],
    ['2026-11-09', { being: 'secure', doing: 'secure', thinking: 'partly_secure' }],
  ] as const) {
    await ok('assessments.save', {
      id: null,
      pupilId,
      referralId: null,
      kind: date === '2026-09-14' ? 'initial' : 'follow_up',
      discipline: 'thrive',
      assessorName: 'Thrive practitioner',
      date,
      needLevel: null,
      notes: `${CLINICAL} (assessment)`,
      scores: [],
      thrive: Object.entries(results).map(([strand, result]) => ({ strand, result, notes: null })),
    });
  }
  // A session on 11 November where the therapist rated goal 1 at 0 and wrote a clinical note.
  await ok('sessions.schedule', {
    title: 'Poppy language group',
    discipline: 'speech_language',
    location: null,
    firstDate: '2026-11-11',
    startTime: '15:35',
    durationMinutes: 30,
    recurrence: 'none',
    intervalWeeks: 1,
    until: null,
    count: null,
    exceptions: [],
    practitionerIds: [me.user.id],
    pupils: [{ pupilId, ehcpProvisionId: null, ippInterventionId: plan.interventions[0]?.id ?? null }],
    overrideProtected: true,
  });
  const sessions = await ok<{ id: string }[]>('sessions.list', { from: '2026-11-11', to: '2026-11-11', pupilId });
  expect(sessions).toHaveLength(1);
  await ok('sessions.record', {
    sessionId: sessions[0]?.id,
    pupils: [
      {
        pupilId,
        attendance: 'attended',
        cancelledBy: null,
        reason: null,
        deliveredMinutes: 30,
        notes: `${CLINICAL} (session)`,
        goals: [{ ippId: plan.id, goalKey: 'g1', rating: 0, note: CLINICAL }],
      },
    ],
  });
});

test.afterAll(async () => {
  await page.close();
});

async function printToPng(name: string): Promise<void> {
  // page.pdf() lays the page out with print media, as window.print() does.
  const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
  const file = `${SCREENSHOTS}/${name}.pdf`;
  writeFileSync(file, pdf);
  if (existsSync('/usr/bin/pdftoppm')) execFileSync('/usr/bin/pdftoppm', ['-png', '-r', '60', file, `${SCREENSHOTS}/${name}`]);
}

test('the Progress tab charts each goal, with its ratings in a text alternative', async () => {
  await page.goto(appUrl(`#/pupils/${pupilId}?tab=progress`));
  await expect(page.getByRole('heading', { name: NAME, level: 1 })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Progress', selected: true })).toBeVisible();
  const goals = page.getByTestId('progress-goals');
  await expect(goals).toContainText(`Plan: ${TITLE}`);

  const g1 = page.getByTestId('goal-progress-1');
  await expect(g1.getByRole('img', { name: /^GAS ratings for goal 1: 3 ratings\./ })).toBeVisible();
  await expect(g1.locator('figcaption')).toContainText(GOAL_1);
  await expect(g1.getByTestId('goal-progress-1-latest')).toHaveText('Latest rating: More than expected (+1), 16 November 2026');
  const t1 = g1.getByTestId('goal-progress-1-table').locator('tbody tr');
  await expect(t1).toHaveCount(3);
  await expect(t1.nth(0)).toHaveText(['05/10/2026', 'At a review', '\u22121', 'Less than expected'].join(''));
  await expect(t1.nth(1)).toHaveText(['11/11/2026', 'At a session', '0', 'Expected level'].join(''));
  await expect(t1.nth(2)).toHaveText(['16/11/2026', 'At a review', '+1', 'More than expected'].join(''));
  // The level names are on the axis and the legend names both kinds of point.
  const chart1 = g1.getByTestId('goal-progress-1-chart');
  await expect(chart1.getByText('\u22122 Much less than expected')).toBeVisible();
  await expect(chart1.getByText('At a review')).toBeVisible();
  await expect(chart1.getByText('At a session')).toBeVisible();

  const g2 = page.getByTestId('goal-progress-2');
  await expect(g2.getByRole('img', { name: /^GAS ratings for goal 2: 2 ratings\./ })).toBeVisible();
  const t2 = g2.getByTestId('goal-progress-2-table').locator('tbody tr');
  await expect(t2).toHaveCount(2);
  await expect(t2.nth(0)).toContainText('0');
  await expect(t2.nth(1)).toContainText('+1');
});

test('the T-score chart shows each review’s score against 50, with the numbers in a text alternative', async () => {
  const card = page.getByTestId('progress-tscores');
  await expect(card).toContainText('A score of 50 means the goals were met as expected');
  await expect(card).toContainText('a goal with weight 2 counts twice as much as a goal with weight 1');
  const fig = page.getByTestId('tscore-1');
  await expect(fig.getByRole('img', { name: `T-scores for ${TITLE}: 2 reviews. Latest 62.4 on 16 November 2026.` })).toBeVisible();
  await expect(fig.getByTestId('tscore-1-chart').getByText('50 = as expected')).toBeVisible();
  const rows = fig.getByTestId('tscore-1-table').locator('tbody tr');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toHaveText('05/10/202643.8below expected2');
  await expect(rows.nth(1)).toHaveText('16/11/202662.4above expected2');

  // Band history, Thrive results and sessions by month.
  await expect(
    page
      .getByTestId('band-timeline')
      .getByRole('img', { name: /Universal: 5 January 2026 to 31 August 2026; Targeted: 1 September 2026 to now/ }),
  ).toBeVisible();
  const thrive = page.getByTestId('thrive-table');
  await expect(thrive.locator('thead')).toHaveText('Strand14/09/202609/11/2026');
  // Results are words (with a symbol), not colour alone.
  await expect(thrive.getByRole('row', { name: /^Doing/ })).toHaveText('Doing◐Partly secure●Secure');
  await expect(thrive.getByRole('row', { name: /^Thinking/ })).toHaveText('Thinking○Gap◐Partly secure');
  await expect(page.getByTestId('attendance-by-month-table')).toContainText('Nov 2026');
  await expect(page.getByTestId('hours-by-month')).toContainText('In total: 0.5 of');
  await page.screenshot({ path: `${SCREENSHOTS}/progress-tab.png`, fullPage: true });
});

test('the Progress tab prints alone, without the navigation', async () => {
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('navigation')).toBeHidden();
  await expect(page.getByRole('tablist')).toBeHidden();
  await expect(page.getByRole('button', { name: 'Print progress' })).toBeHidden();
  await expect(page.getByText(`Progress report: ${NAME}`)).toBeVisible();
  await expect(page.getByTestId('goal-progress-1')).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOTS}/progress-tab-print.png`, fullPage: true });
  await printToPng('progress-print');
  await page.emulateMedia({ media: 'screen' });
});

test('an update to parents is added and listed; the note counts the last 12 months', async () => {
  await page.getByRole('tab', { name: 'Parents' }).click();
  await expect(page).toHaveURL(/tab=parents/);
  await expect(page.getByTestId('parent-meetings-note')).toHaveText(
    'Only 0 updates in the last 12 months. The SEN Code of Practice expects at least three meetings a year with parents of pupils on SEN support.',
  );
  await expect(page.getByText('No updates to parents recorded yet')).toBeVisible();
  await page.getByRole('button', { name: 'Add an update' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add an update to parents' });
  await typeDate(dialog, 'Date', '20/11/2026');
  await pick(page, 'How it was shared', 'Phone call', dialog);
  // The summary is required: saving without one says so beside the field and keeps the other answers.
  await dialog.getByRole('button', { name: 'Save update' }).click();
  await expect(dialog.getByTestId('form-summary')).toBeVisible();
  await dialog.getByRole('textbox', { name: 'Summary' }).fill(UPDATE);
  await dialog.getByRole('button', { name: 'Save update' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('Update saved.')).toBeVisible();
  const rows = page.getByTestId('parent-updates').locator('tbody tr');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('20 November 2026');
  await expect(rows.first()).toContainText('Phone call');
  await expect(rows.first()).toContainText(UPDATE);
  await expect(rows.first()).toContainText('Alex Morgan');
  await expect(page.getByTestId('parent-meetings-note')).toContainText('Only 1 update in the last 12 months.');
  await page.screenshot({ path: `${SCREENSHOTS}/parents-tab.png`, fullPage: true });
});

test('the parent summary is plain language: goals and support, no clinical notes or scores', async () => {
  await page.getByRole('link', { name: 'Print parent summary' }).click();
  await expect(page).toHaveURL(new RegExp(`#/pupils/${pupilId}/parent-summary$`));
  const doc = page.getByTestId('parent-summary');
  await expect(doc.getByRole('heading', { name: `How we are supporting ${NAME}`, level: 1 })).toBeVisible();
  await expect(page.getByTestId('parent-summary-school')).toHaveText('Example Primary School');
  const goals = doc.getByTestId('parent-summary-goals');
  await expect(goals).toContainText(GOAL_1);
  await expect(goals).toContainText(GOAL_2);
  await expect(goals).toContainText(`What success looks like: ${EXPECTED_1}`);
  await expect(goals).toContainText('How it is going: better than we hoped.');
  await expect(doc.getByTestId('parent-summary-support')).toContainText('Language group using visual supports and sentence frames');
  await expect(doc.getByTestId('parent-summary-strategies')).toContainText(STRATEGY);
  await expect(doc).toContainText('We last shared an update with you on 20 November 2026 (phone call).');
  await expect(doc).toContainText('please contact the SENCo');
  // Nothing clinical and no scores: not the notes, not the T-scores, not the ratings.
  await expect(doc).not.toContainText('CLINICAL-7731');
  await expect(doc).not.toContainText('dysfluency');
  await expect(doc).not.toContainText('T-score');
  await expect(doc).not.toContainText('62.4');
  await expect(doc).not.toContainText('+1');
  await expect(doc).not.toContainText('Partly secure');
  // The window title never names the pupil.
  expect(await page.title()).not.toContain(PUPIL.last);
  await page.screenshot({ path: `${SCREENSHOTS}/parent-summary.png`, fullPage: true });
});

test('the parent summary prints as an A4 document without the app or its Print button', async () => {
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('button', { name: 'Print', exact: true })).toBeHidden();
  await expect(page.getByRole('navigation')).toBeHidden();
  await expect(page.getByTestId('parent-summary')).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOTS}/parent-summary-print.png`, fullPage: true });
  await printToPng('parent-summary-print');
  await page.emulateMedia({ media: 'screen' });
  await expect(page.getByRole('button', { name: 'Print', exact: true })).toBeVisible();
});
