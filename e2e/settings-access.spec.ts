/**
 * Settings › Who can do what shows the access matrix the dispatcher enforces, and the screens follow it: a teacher
 * signed in through the sign-in screen sees a pupil's plans and goals, but no therapy assessments tab (or the other
 * clinical tabs) and no therapy pages in the navigation.
 */
import { mkdirSync } from 'node:fs';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { makeUpn } from '../shared/upn';
import { i18n } from '../shared/i18n';
import { SCREENSHOTS, URL_WITH_TOKEN, appUrl, invokeApi, signIn } from './fixtures';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The cell in `row` under the column headed `role` (the row's first column is its row header). */
async function cellFor(table: Locator, row: Locator, role: string): Promise<Locator> {
  const headers = await table.getByRole('columnheader').allInnerTexts();
  const index = headers.findIndex((h) => h.split('\n')[0]!.trim() === role);
  expect(index, `a column for ${role}`).toBeGreaterThan(0);
  return row.getByRole('cell').nth(index - 1);
}

async function signInThroughScreen(page: Page, username: string, password: string, displayName: string): Promise<void> {
  await page.goto(URL_WITH_TOKEN);
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('signed-in-user')).toContainText(displayName);
}

test('the SENCo sees who can do what, and a teacher sees plans and goals but no assessments', async ({ page, browser }) => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await signIn(page);

  // Settings › Who can do what: the matrix, read from the contract.
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('tab', { name: 'Who can do what' }).click();
  await expect(page).toHaveURL(/tab=access/);
  const table = page.getByRole('table', { name: /Who can do what/ });
  await expect(table).toBeVisible();
  await expect(page.getByRole('heading', { name: 'The need-to-know rules' })).toBeVisible();
  const assessments = i18n.t('accessUi.operations.assessments_list');
  const row = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: new RegExp(`^${escape(assessments)}`) }) });
  await expect(row).toHaveCount(1);
  await expect(row.getByRole('rowheader')).toContainText('Clinical detail');
  await expect(row.getByRole('rowheader')).toContainText('Viewing is recorded');
  await expect(await cellFor(table, row, 'Teacher or teaching assistant')).toHaveText('No');
  await expect(await cellFor(table, row, 'Therapist')).toHaveText('Yes');
  await expect(await cellFor(table, row, 'SENCo')).toHaveText('Yes');
  // An operation every role may use reads "Everyone signed in" across the role columns.
  const pupilsRow = table
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: new RegExp(`^${escape(i18n.t('accessUi.operations.pupils_get'))}`) }) });
  await expect(pupilsRow.getByRole('cell')).toHaveText(['Everyone signed in']);
  await page.screenshot({ path: `${SCREENSHOTS}/settings-access.png` });
  // Scrolled down to the therapy rows: the column headings stay in view.
  await row.scrollIntoViewIfNeeded();
  await page.mouse.wheel(0, 200);
  await page.screenshot({ path: `${SCREENSHOTS}/settings-access-table.png` });

  // Filtering by role shows that role's column only.
  await page.getByRole('combobox', { name: 'Show role' }).click();
  await page.getByRole('option', { name: 'Teacher or teaching assistant', exact: true }).click();
  await page.getByLabel('Only what this role can do').check();
  const teacherTable = page.getByRole('table', { name: /What Teacher or teaching assistant can do/ });
  await expect(teacherTable).toBeVisible();
  await expect(teacherTable.getByRole('rowheader', { name: new RegExp(`^${escape(assessments)}`) })).toHaveCount(0);
  await expect(
    teacherTable.getByRole('rowheader', { name: new RegExp(`^${escape(i18n.t('accessUi.operations.ipps_listForPupil'))}`) }),
  ).toHaveCount(1);
  await page.screenshot({ path: `${SCREENSHOTS}/settings-access-teacher.png` });

  // A pupil, and a teacher created through the API.
  const stamp = Date.now() % 1000;
  const created = await invokeApi<{ id: string }>(page, 'pupils.create', {
    upn: makeUpn(803, 2000, 25, stamp),
    legalFirstName: 'Rowan',
    legalLastName: 'Access-Test',
    dateOfBirth: '2016-02-11',
    yearGroup: '4',
    className: '4B',
    dateJoined: '2021-09-01',
    senStatus: 'K',
    needs: ['SLCN'],
    contacts: [],
  });
  expect(created.ok, JSON.stringify(created.error)).toBe(true);
  const teacher = { displayName: 'Tess Teacher', username: `tess.teacher.${stamp}`, password: 'a long enough password' };
  const made = await invokeApi<{ id: string }>(page, 'users.create', { ...teacher, role: 'teacher' });
  expect(made.ok, JSON.stringify(made.error)).toBe(true);
  // A teacher reaches only the pupils in their classes (record scope): this pupil is in 4B.
  expect((await invokeApi(page, 'users.setClasses', { id: made.value!.id, classes: ['4B'] })).ok).toBe(true);

  // The teacher signs in through the sign-in screen in a browser context of their own.
  const context = await browser.newContext({ viewport: { width: 1366, height: 850 }, locale: 'en-GB', timezoneId: 'Europe/London' });
  try {
    const tp = await context.newPage();
    await signInThroughScreen(tp, teacher.username, teacher.password, teacher.displayName);
    const nav = tp.getByRole('navigation', { name: /./ });
    await expect(nav.getByRole('link', { name: 'Pupils' })).toBeVisible();
    await expect(nav.getByRole('link', { name: 'Settings' })).toBeVisible();
    await expect(nav.getByRole('link', { name: /^Referrals/ })).toHaveCount(0);
    // The timetable of their classes' pupils, without notes.
    await expect(nav.getByRole('link', { name: /^Sessions/ })).toBeVisible();

    await tp.goto(appUrl(`#/pupils/${created.value!.id}`));
    await expect(tp.getByRole('heading', { name: 'Rowan Access-Test' })).toBeVisible();
    const tabs = tp.getByRole('tablist', { name: /./ });
    await expect(tabs.getByRole('tab', { name: 'Overview' })).toBeVisible();
    await expect(tabs.getByRole('tab', { name: 'Plans' })).toBeVisible();
    for (const hidden of [/assessments/i, /^Referrals/, /^Reviews$/, /^Progress$/, /^Band$/]) {
      await expect(tabs.getByRole('tab', { name: hidden })).toHaveCount(0);
    }
    // The plan and goals view opens without an error.
    await tabs.getByRole('tab', { name: 'Plans' }).click();
    await expect(tp.getByText('No individual pupil plans yet')).toBeVisible();
    await expect(tp.getByRole('alert')).toHaveCount(0);
    // Asking for a hidden tab by its address shows the overview, not an error.
    await tp.goto(appUrl(`#/pupils/${created.value!.id}?tab=referrals`));
    await expect(tabs.getByRole('tab', { name: 'Overview' })).toHaveAttribute('aria-selected', 'true');
    await expect(tp.getByRole('alert')).toHaveCount(0);
    await tp.screenshot({ path: `${SCREENSHOTS}/settings-access-teacher-profile.png` });
  } finally {
    await context.close();
  }
});
