/**
 * Individual pupil plans (IPPs) and provider placements end to end, on the school register.spec.ts set up. A
 * synthetic pupil is put on Targeted (20 planned weeks) through the API; then, in the UI, a 20-week plan with two
 * GAS goals is saved (goal 1 weighted 2, a weight of 11 refused beside the field), the plan's length is shown exactly
 * in weeks and days and the 12-to-36-week rule checked at its boundaries (11 weeks 4 days and 36 weeks 1 day
 * outside, 12 and 36 weeks inside), a 40-week and an 11-weeks-4-days revision are refused beside the end date, a
 * proper revision (with its reason, keeping the weights) makes version 2, and version 1 still shows the original
 * plan. A review's T-score counts goal 1 twice. A placement's agreed extension needs its funding, shown on the
 * placement. Screenshots of the Plans tab, the plan and its print.
 */
import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { makeUpn } from '../shared/upn';
import { formatLongDate, formatUkDate, todayIso } from '../shared/dates';
import { SCREENSHOTS, appUrl, invokeApi, pick, typeDate, signedInPage } from './fixtures';

const PUPIL = { first: 'Priya', last: 'Plantest', upn: makeUpn(801, 2000, 15, 401) };
const NAME = `${PUPIL.first} ${PUPIL.last}`;
const TITLE_1 = 'Autumn communication plan';
const TITLE_2 = 'Autumn communication plan (revised)';
const GOAL_1 = 'Priya asks an adult for help using a short sentence.';
const GOAL_2 = 'Priya takes turns in a small-group game for five minutes.';
const GOAL_2_REVISED = 'Priya takes turns in a small-group game for ten minutes.';

test.describe.configure({ mode: 'serial' });

let page: Page;
let pupilId = '';
let ippUrl = '';

test.beforeAll(async ({ browser }) => {
  page = await signedInPage(browser);
  const created = await invokeApi<{ id: string }>(page, 'pupils.create', {
    upn: PUPIL.upn,
    legalFirstName: PUPIL.first,
    legalLastName: PUPIL.last,
    dateOfBirth: '2017-02-11',
    yearGroup: '4',
    className: '4B',
    dateJoined: '2021-09-01',
    senStatus: 'K',
    needs: ['SLCN'],
    contacts: [],
  });
  expect(created.ok, created.error?.message).toBe(true);
  pupilId = created.value?.id ?? '';
  const band = await invokeApi(page, 'bands.set', {
    pupilId,
    band: 'targeted',
    needLevel: null,
    startDate: '2026-09-01',
    plannedWeeks: 20,
    reason: 'Not making enough progress on Universal after two reviews.',
  });
  expect(band.ok, band.error?.message).toBe(true);
});

test.afterAll(async () => {
  await page.close();
});

async function fillLadder(goal: ReturnType<Page['locator']>, levels: readonly [string, string, string, string, string]) {
  const labels = [
    '+2: Much more than expected',
    '+1: More than expected',
    '0: Expected level',
    '\u22121: Less than expected',
    '\u22122: Much less than expected',
  ];
  for (const [i, label] of labels.entries()) await goal.getByLabel(label).fill(levels[i] as string);
}

test('the Plans tab shows the band and offers a new plan', async () => {
  await page.goto(appUrl(`#/pupils/${pupilId}?tab=plans`));
  await expect(page.getByRole('heading', { name: NAME })).toBeVisible();
  await expect(page.getByTestId('band-summary')).toContainText('Targeted');
  await expect(page.getByTestId('band-summary')).toContainText('12 to 36 weeks');
  await expect(page.getByText('No individual pupil plans yet')).toBeVisible();
  await expect(page.getByText('No provider placements')).toBeVisible();
  await page.getByRole('link', { name: 'New plan' }).click();
  await expect(page.getByRole('heading', { name: 'New individual pupil plan' })).toBeVisible();
});

test('a 20-week plan with two GAS goals is saved', async () => {
  await page.getByLabel('Plan title').fill(TITLE_1);
  await typeDate(page, 'Start date', '07/09/2026');
  await typeDate(page, 'Review date', '16/11/2026');
  await typeDate(page, 'End date', '25/01/2027');
  await expect(page.getByTestId('plan-length')).toContainText('From start to end: 20 weeks.');
  await expect(page.getByTestId('plan-length')).toContainText('Priya Plantest is on Targeted');
  await page.getByLabel('Expected outcomes').fill('Priya asks for help and joins in small-group play without adult prompting.');

  const goals = page.getByTestId('goal-editor');
  await goals.nth(0).getByRole('textbox', { name: 'Goal', exact: true }).fill(GOAL_1);
  await fillLadder(goals.nth(0), [
    'Asks for help unprompted in every lesson, in a full sentence',
    'Asks for help unprompted most days',
    'Asks an adult for help with a short sentence at least once a day',
    'Asks for help only when prompted',
    'Does not ask for help, even when prompted',
  ]);
  // Goal 1 matters most: it counts twice in the T-score. 11 is outside 1 to 10 and refused beside the field.
  const weight1 = goals.nth(0).getByRole('textbox', { name: 'Weight in the T-score' });
  await weight1.fill('11');
  await weight1.blur();
  await expect(goals.nth(0)).toContainText('A weight is a whole number from 1 to 10.');
  await weight1.fill('2');
  await expect(goals.nth(0)).not.toContainText('A weight is a whole number from 1 to 10.');
  await page.getByRole('button', { name: 'Add a goal' }).click();
  // A new goal counts 1 unless the therapist says otherwise.
  await expect(goals.nth(1).getByRole('textbox', { name: 'Weight in the T-score' })).toHaveValue('1');
  await goals.nth(1).getByRole('textbox', { name: 'Goal', exact: true }).fill(GOAL_2);
  await goals.nth(1).getByLabel('0: Expected level').fill('Takes turns for five minutes with one adult reminder');
  await goals.nth(1).getByLabel('\u22121: Less than expected').fill('Takes turns for two minutes with reminders');

  await page.getByRole('button', { name: 'Add an intervention' }).click();
  const iv = page.getByTestId('intervention-editor').nth(0);
  await pick(page, 'Discipline', 'Speech and language therapy', iv);
  await iv.getByLabel('What the intervention is').fill('Language group using visual supports and sentence frames');
  await iv.getByLabel('Times').fill('2');
  await pick(page, 'Per', 'a week', iv);
  await iv.getByLabel('Minutes a session').fill('30');
  await iv.getByLabel('For how many weeks').fill('20');
  await pick(page, 'Staffing', 'Small group', iv);
  await iv.getByLabel('Group size').fill('4');
  await iv.getByLabel('Delivered by').fill('Speech and language therapist');
  await iv
    .getByLabel('Classroom strategies for teachers')
    .fill('Give a help card on the desk; model "Can you help me with…?"; praise any request for help.');

  await page.getByRole('button', { name: 'Save plan' }).click();
  await expect(page.getByText('Plan saved.')).toBeVisible();
  await expect(page.getByRole('heading', { name: TITLE_1, level: 1 })).toBeVisible();
  await expect(page.getByTestId('ipp-goals').getByTestId('ipp-goal')).toHaveCount(2);
  // Each goal says how much it counts in the T-score.
  await expect(page.getByTestId('ipp-goals').getByTestId('ipp-goal-weight')).toHaveText([
    'Weight 2 in the T-score',
    'Weight 1 in the T-score',
  ]);
  // The expected level is named in words, not by colour alone.
  await expect(page.getByTestId('ipp-goals').getByTestId('gas-ladder-1').locator('tr[data-level="expected"]')).toContainText('expected');
  ippUrl = page.url();
});

test('a revision to 40 weeks is refused beside the end date; a proper revision makes version 2', async () => {
  await page.getByRole('link', { name: 'Revise plan' }).click();
  await expect(page.getByRole('heading', { name: `Revise plan: ${TITLE_1}` })).toBeVisible();
  await page.getByLabel('Plan title').fill(TITLE_2);
  // The revision starts with the goals' weights.
  await expect(page.getByTestId('goal-editor').nth(0).getByRole('textbox', { name: 'Weight in the T-score' })).toHaveValue('2');
  // The 12-to-36-week rule exactly, at its edges: from 7 September 2026, +81 days is 27 November (11 weeks 4 days,
  // once rounded to 12), +84 is 30 November, +252 is 17 May 2027, +253 is 18 May (36 weeks 1 day).
  const length = page.getByTestId('plan-length');
  for (const [end, words, outside] of [
    ['27/11/2026', '11 weeks and 4 days', true],
    ['30/11/2026', '12 weeks', false],
    ['17/05/2027', '36 weeks', false],
    ['18/05/2027', '36 weeks and 1 day', true],
  ] as const) {
    await typeDate(page, 'End date', end);
    await expect(length).toContainText(`From start to end: ${words}.`);
    if (outside) await expect(length).toContainText('outside the 12 to 36 weeks');
    else await expect(length).not.toContainText('outside the 12 to 36 weeks');
  }
  await typeDate(page, 'End date', '14/06/2027');
  await expect(page.getByTestId('plan-length')).toContainText('From start to end: 40 weeks.');
  await expect(page.getByTestId('plan-length')).toContainText('outside the 12 to 36 weeks');
  await page.getByLabel('Reason for revising').fill('Review on 16 November: goal 2 extended to ten minutes.');
  await page.getByRole('button', { name: 'Save as version 2' }).click();
  const endField = page.locator('.MuiFormControl-root').filter({ has: page.getByRole('group', { name: 'End date', exact: true }) });
  await expect(endField).toContainText('from start to end it is 40 weeks');
  await expect(page.getByTestId('form-summary')).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOTS}/ipp-editor-refused.png`, fullPage: false });
  // 11 weeks 4 days is refused by the core too (it was once rounded to 12 weeks and saved).
  await typeDate(page, 'End date', '27/11/2026');
  await typeDate(page, 'Review date', '16/11/2026');
  await page.getByRole('button', { name: 'Save as version 2' }).click();
  await expect(endField).toContainText('from start to end it is 11 weeks and 4 days');

  // Typing is kept: put the end back within the rule, change goal 2, and save.
  await typeDate(page, 'End date', '25/01/2027');
  await expect(page.getByTestId('plan-length')).toContainText('From start to end: 20 weeks.');
  await page.getByTestId('goal-editor').nth(1).getByRole('textbox', { name: 'Goal', exact: true }).fill(GOAL_2_REVISED);
  await page.getByRole('button', { name: 'Save as version 2' }).click();
  await expect(page.getByText('Plan revised: version 2 saved.')).toBeVisible();
  await expect(page.getByRole('heading', { name: TITLE_2, level: 1 })).toBeVisible();
  await expect(page.getByTestId('ipp-goals')).toContainText(GOAL_2_REVISED);
});

test('the version selector shows both versions and version 1 is unchanged', async () => {
  await page.getByRole('combobox', { name: 'Version' }).click();
  await expect(page.getByRole('option', { name: /^Version 2 \(current\)/ })).toBeVisible();
  await page.getByRole('option', { name: /^Version 1:/ }).click();
  await expect(page).toHaveURL(/version=1/);
  await expect(page.getByTestId('old-version-banner')).toContainText('You are viewing version 1 of 2');
  await expect(page.getByRole('heading', { name: TITLE_1, level: 1 })).toBeVisible();
  await expect(page.getByTestId('ipp-goals')).toContainText(GOAL_2);
  await expect(page.getByTestId('ipp-goals')).not.toContainText(GOAL_2_REVISED);
  // An old version is read-only.
  await expect(page.getByRole('link', { name: 'Revise plan' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Record review' })).toHaveCount(0);
  await page.getByRole('button', { name: 'View the current version' }).click();
  await expect(page.getByRole('heading', { name: TITLE_2, level: 1 })).toBeVisible();
});

test('a review rates each goal on its ladder and shows progress', async () => {
  await page.getByRole('button', { name: 'Record review' }).click();
  const dialog = page.getByRole('dialog', { name: 'Record a plan review' });
  await typeDate(dialog, 'Review date', '16/11/2026');
  await dialog
    .getByRole('radiogroup', { name: /Rating for goal 1/ })
    .getByRole('radio', { name: /^\+1 More than expected/ })
    .check();
  await dialog
    .getByRole('radiogroup', { name: /Rating for goal 2/ })
    .getByRole('radio', { name: /^0 Expected level/ })
    .check();
  await dialog.getByRole('button', { name: 'Save review' }).click();
  await expect(page.getByText('Review recorded.')).toBeVisible();
  // Goal 1 (weight 2) at +1, goal 2 (weight 1) at 0: T = 50 + 10·2 / √(0.7·5 + 0.3·9) = 50 + 20 / √6.2 = 58.0
  // (unweighted it would be 56.2).
  await expect(page.getByTestId('ipp-reviews')).toContainText('58.0');
  await expect(page.getByTestId('ipp-reviews')).not.toContainText('56.2');
  await expect(page.getByTestId('ipp-progress-chart')).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOTS}/ipp-page.png`, fullPage: true });
});

test('the printed plan is A4 with every goal and its ladder', async () => {
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByTestId('ipp-print')).toBeVisible();
  await expect(page.getByTestId('ipp-print')).toContainText('Confidential');
  await expect(page.getByTestId('ipp-print')).toContainText(NAME);
  await expect(page.getByTestId('ipp-print')).toContainText('Version 2 of 2');
  await expect(page.getByTestId('ipp-print').locator('[data-testid^="gas-ladder-"]')).toHaveCount(2);
  // The T-score in words a parent understands, with this plan's weights, not "rho 0.3".
  await expect(page.getByTestId('ipp-print-t-score-words')).toContainText('A score of 50 means the goals were met as expected.');
  await expect(page.getByTestId('ipp-print-t-score-words')).toContainText('In this plan: goal 1 has weight 2, goal 2 has weight 1.');
  // page.pdf() lays the page out with print media, as window.print() does.
  const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
  await page.emulateMedia({ media: 'screen' });
  const file = `${SCREENSHOTS}/ipp-print.pdf`;
  writeFileSync(file, pdf);
  if (existsSync('/usr/bin/pdftoppm')) execFileSync('/usr/bin/pdftoppm', ['-png', '-r', '60', file, `${SCREENSHOTS}/ipp-print`]);
});

test('a placement shows its planned end and midpoint from the term dates', async () => {
  await page.goto(appUrl(`#/pupils/${pupilId}?tab=plans`));
  await expect(page.getByTestId('ipp-list')).toContainText(TITLE_2);
  await expect(page.getByTestId('ipp-list')).toContainText('Version 2');
  await page.getByRole('button', { name: 'Add placement' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add placement' });
  await pick(page, 'Category', 'Re-engagement in education', dialog);
  await dialog.getByLabel('Home school name').fill('Example Primary School');
  await typeDate(dialog, 'Start date', '07/09/2026');
  await expect(dialog.getByTestId('placement-preview')).toContainText('Planned end:');
  await expect(dialog.getByTestId('placement-preview')).toContainText('(two school terms)');
  await expect(dialog.getByTestId('placement-preview')).toContainText('Midpoint review:');
  await pick(page, 'Staffing', '2:1 (two practitioners)', dialog);
  await dialog
    .getByLabel('Closure plan')
    .fill('From week 20, two mornings a week in class with timetabled, curriculum-based work, rising to full days.');
  await dialog.getByRole('button', { name: 'Save placement' }).click();
  await expect(page.getByText('Placement saved.')).toBeVisible();
  await expect(page.getByTestId('placement')).toContainText('Re-engagement in education');
  // A tall window rather than fullPage: the sticky top bar would otherwise be captured mid-page.
  await page.setViewportSize({ width: 1366, height: 1250 });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${SCREENSHOTS}/ipp-plans-tab.png` });
  await page.setViewportSize({ width: 1366, height: 850 });
  expect(ippUrl).toContain('/ipps/');
});

test('an agreed extension is refused without its funding, and shows the funding on the placement', async () => {
  await page.getByRole('button', { name: /^Edit placement from/ }).click();
  const dialog = page.getByRole('dialog', { name: /^Edit placement from/ });
  await pick(page, 'Extension', 'Approved', dialog);
  await typeDate(dialog, 'Date requested', '07/09/2026');
  await typeDate(dialog, 'New end date', '31/12/2027');
  const funding = dialog.getByTestId('extension-funding');
  await expect(funding).toContainText('Extension funding');
  await dialog.getByRole('button', { name: 'Save placement' }).click();
  // Nothing is saved: each part of the funding is asked for beside its field.
  await expect(funding).toContainText('say where the money comes from');
  await expect(funding).toContainText('enter the amount in pounds and pence');
  await expect(funding).toContainText('say who approved it');
  await funding.getByRole('textbox', { name: 'Funding source' }).fill('Example Borough Council high-needs fund');
  const amount = funding.getByRole('textbox', { name: 'Amount (£)' });
  await amount.fill('4250.555');
  await amount.blur();
  await expect(funding).toContainText('Enter the amount in pounds and pence, for example 4,250.00');
  await amount.fill('4250.5');
  await amount.blur();
  await expect(amount).toHaveValue('4,250.50');
  await funding.getByRole('textbox', { name: 'Approved by' }).fill('Sam Example, SEND manager');
  await typeDate(funding, 'Date approved', formatUkDate(todayIso()));
  await dialog.getByRole('button', { name: 'Save placement' }).click();
  await expect(page.getByText('Placement saved.')).toBeVisible();
  await expect(page.getByTestId('placement')).toContainText(
    `£4,250.50 from Example Borough Council high-needs fund, approved by Sam Example, SEND manager on ${formatLongDate(todayIso())}`,
  );
  const [saved] = (await invokeApi<{ extensionFundingPence: number }[]>(page, 'placements.listForPupil', { pupilId })).value ?? [];
  expect(saved?.extensionFundingPence).toBe(425_050);
});
