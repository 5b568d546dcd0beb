/**
 * Issue 17, item 8, end to end at 1366×768: a half-typed date of birth is named in the error summary, which lists
 * and links each field to put right, and never says "This date must be on or after invalid"; "Add pupil" is shown to
 * the SENCo and not to a therapist (who may not add one), on the dashboard and the register.
 * Screenshots of the pupil form's summary and a therapist's register.
 */
import { expect, test } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { SCREENSHOTS, URL_WITH_TOKEN, appUrl, invokeApi, signIn, typeDate } from './fixtures';

const stamp = Date.now() % 100000;

test.use({ viewport: { width: 1366, height: 768 } });

test('a bad date of birth: the summary lists and links the field, and no "on or after invalid"', async ({ page }) => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await signIn(page);
  await page.goto(appUrl('#/pupils/new'));
  await page.getByLabel('Legal first name').fill('Ellis');
  await page.getByLabel('Legal last name').fill('Summarytest');
  // Half a date (day and month, no year): the field holds no real date.
  await typeDate(page, 'Date of birth', '1203');
  await typeDate(page, 'Date joined', '01/09/2020');
  await page.getByRole('button', { name: 'Save pupil' }).click();
  const summary = page.getByTestId('form-summary');
  await expect(summary).toContainText('Some details need correcting');
  const link = summary.getByRole('link', { name: /^Date of birth: Enter a real date as dd\/mm\/yyyy\.$/ });
  await expect(link).toBeVisible();
  // Every field with a message is listed (the UPN is empty too), each as a link.
  await expect(summary.getByRole('link', { name: /^UPN/ })).toBeVisible();
  await expect(page.getByText(/on or after invalid/)).toHaveCount(0);
  await expect(page.getByText(/on or after/)).toHaveCount(0);
  await page.screenshot({ path: `${SCREENSHOTS}/error-summary-links.png` });
  // The link moves to the field.
  await link.click();
  await expect(page.getByRole('group', { name: 'Date of birth', exact: true }).getByRole('spinbutton').first()).toBeFocused();
});

test('"Add pupil" is shown to the SENCo, and not to a therapist', async ({ page, browser }) => {
  await signIn(page);
  await page.goto(appUrl('#/'));
  await expect(page.getByRole('link', { name: 'Add pupil' }).first()).toBeVisible();
  const username = `therapist.${stamp}`;
  const password = 'a long enough password';
  const made = await invokeApi(page, 'users.create', { displayName: 'Theo Therapist', username, role: 'therapist', password });
  expect(made.ok, JSON.stringify(made.error)).toBe(true);

  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'en-GB', timezoneId: 'Europe/London' });
  const therapist = await context.newPage();
  await therapist.goto(URL_WITH_TOKEN);
  await therapist.getByLabel('Username').fill(username);
  await therapist.getByLabel('Password').fill(password);
  await therapist.getByRole('button', { name: 'Sign in' }).click();
  await expect(therapist.getByTestId('signed-in-user')).toContainText('Theo Therapist');
  await therapist.goto(appUrl('#/'));
  await expect(therapist.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(therapist.getByRole('link', { name: 'Add pupil' })).toHaveCount(0);
  await expect(therapist.getByRole('button', { name: 'Add pupil' })).toHaveCount(0);
  await therapist.goto(appUrl('#/pupils'));
  await expect(therapist.getByRole('heading', { name: 'Pupils', level: 1 })).toBeVisible();
  await expect(therapist.getByRole('link', { name: 'Add pupil' })).toHaveCount(0);
  await therapist.screenshot({ path: `${SCREENSHOTS}/therapist-register-no-add.png` });
  await context.close();
});
