/**
 * Individual pupil plans (IPPs) and provider placements end to end, on the school register.spec.ts set up. A
 * synthetic pupil is put on Targeted (20 planned weeks) through the API; then, in the UI, a 20-week plan with two
 * GAS goals is saved, a 40-week revision is refused beside the end date, a proper revision (with its reason) makes
 * version 2, and version 1 still shows the original plan. Screenshots of the Plans tab, the plan and its print.
 */
import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { makeUpn } from '../shared/upn';
import { SCREENSHOTS, appUrl, invokeApi, pick, signIn, typeDate } from './fixtures';

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
  page = await browser.newPage();
  mkdirSync(SCREENSHOTS, { recursive: true });
  await signIn(page);
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
  const labels = ['+2: Much more than expected', '+1: More than expected', '0: Expected level', '\u22121: Less than expected', '\u22122: Much less than expected'];
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
  await page.getByRole('button', { name: 'Add a goal' }).click();
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
  await iv.getByLabel('Classroom strategies for teachers').fill('Give a help card on the desk; model "Can you help me with…?"; praise any request for help.');

  await page.getByRole('button', { name: 'Save plan' }).click();
  await expect(page.getByText('Plan saved.')).toBeVisible();
  await expect(page.getByRole('heading', { name: TITLE_1, level: 1 })).toBeVisible();
  await expect(page.getByTestId('ipp-goals').getByTestId('ipp-goal')).toHaveCount(2);
  // The expected level is named in words, not by colour alone.
  await expect(page.getByTestId('ipp-goals').getByTestId('gas-ladder-1').locator('tr[data-level="expected"]')).toContainText('expected');
  ippUrl = page.url();
});

test('a revision to 40 weeks is refused beside the end date; a proper revision makes version 2', async () => {
  await page.getByRole('link', { name: 'Revise plan' }).click();
  await expect(page.getByRole('heading', { name: `Revise plan: ${TITLE_1}` })).toBeVisible();
  await page.getByLabel('Plan title').fill(TITLE_2);
  await typeDate(page, 'End date', '14/06/2027');
  await expect(page.getByTestId('plan-length')).toContainText('From start to end: 40 weeks.');
  await expect(page.getByTestId('plan-length')).toContainText('outside the 12 to 36 weeks');
  await page.getByLabel('Reason for revising').fill('Review on 16 November: goal 2 extended to ten minutes.');
  await page.getByRole('button', { name: 'Save as version 2' }).click();
  const endField = page.locator('.MuiFormControl-root').filter({ has: page.getByRole('group', { name: 'End date', exact: true }) });
  await expect(endField).toContainText('from start to end it is 40 weeks');
  await expect(page.getByTestId('form-summary')).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOTS}/ipp-editor-refused.png`, fullPage: false });

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
  await dialog.getByRole('radiogroup', { name: /Rating for goal 1/ }).getByRole('radio', { name: /^\+1 More than expected/ }).check();
  await dialog.getByRole('radiogroup', { name: /Rating for goal 2/ }).getByRole('radio', { name: /^0 Expected level/ }).check();
  await dialog.getByRole('button', { name: 'Save review' }).click();
  await expect(page.getByText('Review recorded.')).toBeVisible();
  // One goal at +1, one at 0: T = 50 + 10 / √(0.7·2 + 0.3·4) = 56.2.
  await expect(page.getByTestId('ipp-reviews')).toContainText('56.2');
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
  await dialog.getByLabel('Closure plan').fill('From week 20, two mornings a week in class with timetabled, curriculum-based work, rising to full days.');
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
