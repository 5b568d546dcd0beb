/**
 * Accounts end to end: the SENCo resets a therapist's password and the therapist must choose their own at the next
 * sign-in; changing your own password; a teacher's classes; and the screen lock (after the school's minutes
 * without use, passed with Playwright's clock, and "Lock now"): the page is hidden, the core refuses the locked
 * session, and unlocking brings back a half-typed form as it was.
 *
 * Runs on the shared school: its own users (unique usernames), and the school's lock time is put back at the end.
 */
import { expect, test, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { makeUpn } from '../shared/upn';
import { appUrl, invokeApi, origin, SCHOOL, SCREENSHOTS, SENCO, signIn, URL_WITH_TOKEN } from './fixtures';

test.describe.configure({ mode: 'serial' });

const stamp = Date.now() % 1000;
const THERAPIST = { displayName: 'Rowan Resetwell', username: `rowan.reset.${stamp}`, password: 'first-password-123' };
const TEMPORARY = 'temporary-pass-4821';
const CHOSEN = 'rowan-chose-this-one-77';
const TEACHER = { displayName: 'Tamsin Classworth', username: `tamsin.classes.${stamp}`, password: 'teacher-password-123' };
const CLASS = `Lime ${stamp}`;
const PUPIL = { first: 'Juniper', last: 'Lockwood', upn: makeUpn(805, 2000, 27, stamp) };

async function raw(page: Page, op: string, input: unknown, session: string | null) {
  const token = new URL(URL_WITH_TOKEN).searchParams.get('token');
  const res = await page.request.post(`${origin()}/api/invoke`, {
    headers: { authorization: `Bearer ${token}` },
    data: { op, input, session },
  });
  return (await res.json()) as { ok: boolean; value?: unknown; error?: { code: string; message: string; fields?: Record<string, string> } };
}

async function signInAs(page: Page, username: string, password: string) {
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

async function openUsers(page: Page) {
  await page.goto(appUrl('#/settings'));
  await page.getByRole('tab', { name: 'Users' }).click();
  return page.getByRole('table', { name: 'Users' });
}

test.beforeAll(() => {
  mkdirSync(SCREENSHOTS, { recursive: true });
});

test('the SENCo resets a therapist’s password; they must choose their own at next sign-in, and the old ones stop working', async ({
  page,
  browser,
}) => {
  await signIn(page);
  const created = await invokeApi(page, 'users.create', {
    displayName: THERAPIST.displayName,
    username: THERAPIST.username,
    role: 'therapist',
    password: THERAPIST.password,
  });
  expect(created.ok, JSON.stringify(created.error)).toBe(true);

  const table = await openUsers(page);
  await expect(table).toContainText(THERAPIST.displayName);
  // Not offered for your own account (that is "Change my password").
  await expect(table.getByRole('button', { name: `Reset password for ${SENCO.displayName}` })).toHaveCount(0);
  await table.getByRole('button', { name: `Reset password for ${THERAPIST.displayName}` }).click();
  const dialog = page.getByRole('dialog', { name: `Reset ${THERAPIST.displayName}’s password` });
  await expect(dialog).toContainText('They are signed out now, and must choose their own password when they next sign in.');
  const temp = dialog.getByLabel(/^New temporary password/);
  await expect(temp).toBeFocused();
  await temp.fill(TEMPORARY);
  await dialog.getByLabel(/^Confirm temporary password/).fill('not-the-same-password');
  await dialog.getByRole('button', { name: 'Reset password' }).click();
  await expect(dialog.getByLabel(/^Confirm temporary password/)).toHaveAccessibleDescription(/not the same/);
  await dialog.getByLabel(/^Confirm temporary password/).fill(TEMPORARY);
  await page.screenshot({ path: `${SCREENSHOTS}/reset-password-dialog.png` });
  await dialog.getByRole('button', { name: 'Reset password' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(`${THERAPIST.displayName}’s password has been reset and they have been signed out.`)).toBeVisible();
  await expect(table.getByRole('row').filter({ hasText: THERAPIST.username })).toContainText('Must change password');

  // The therapist, on another computer.
  const context = await browser.newContext({ viewport: { width: 1366, height: 850 }, locale: 'en-GB' });
  const other = await context.newPage();
  try {
    await other.goto(URL_WITH_TOKEN);
    await expect(other.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    await signInAs(other, THERAPIST.username, THERAPIST.password);
    await expect(other.getByRole('alert')).toContainText('The username or password is not right');
    await signInAs(other, THERAPIST.username, TEMPORARY);
    await expect(other.getByRole('heading', { name: 'Choose a new password' })).toBeVisible();
    // A required step: nothing else of the app until it is done.
    await expect(other.getByRole('navigation', { name: 'Main menu' })).toHaveCount(0);
    await other.getByLabel(/^Current password/).fill(TEMPORARY);
    await other.getByLabel(/^New password/).fill('short');
    await other.getByRole('button', { name: 'Change password' }).click();
    await expect(other.getByLabel(/^New password/)).toHaveAccessibleDescription('Use at least 10 characters.');
    await other.getByLabel(/^New password/).fill(CHOSEN);
    await other.getByLabel(/^Confirm new password/).fill(CHOSEN);
    await other.getByRole('button', { name: 'Change password' }).click();
    await expect(other.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
    await expect(other.getByTestId('signed-in-user')).toContainText(THERAPIST.displayName);

    // Neither the temporary password nor the first one works any more; their own does.
    await other.getByRole('button', { name: 'Sign out' }).click();
    await expect(other.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    await signInAs(other, THERAPIST.username, TEMPORARY);
    await expect(other.getByRole('alert')).toContainText('The username or password is not right');
    expect(await raw(other, 'auth.signIn', { username: THERAPIST.username, password: THERAPIST.password }, null)).toMatchObject({
      ok: false,
      error: { code: 'unauthenticated' },
    });
    await signInAs(other, THERAPIST.username, CHOSEN);
    await expect(other.getByRole('heading', { name: 'Dashboard' })).toBeVisible();

    // Change my password, from the account menu: a wrong current password is said beside that field.
    await other.getByRole('button', { name: /account menu/ }).click();
    await other.getByRole('menuitem', { name: 'Change my password' }).click();
    const change = other.getByRole('dialog', { name: 'Change my password' });
    await expect(change.getByLabel(/^Current password/)).toBeFocused();
    await change.getByLabel(/^Current password/).fill('this-is-not-my-password');
    await change.getByLabel(/^New password/).fill('another-new-password-1');
    await change.getByLabel(/^Confirm new password/).fill('another-new-password-1');
    await change.getByRole('button', { name: 'Change password' }).click();
    await expect(change.getByLabel(/^Current password/)).toHaveAccessibleDescription(
      'Your current password is not right. Check it and try again.',
    );
    await expect(change.getByLabel(/^Current password/)).toHaveAttribute('aria-invalid', 'true');
    await expect(change.getByLabel(/^Current password/)).toBeFocused();
    await change.getByRole('button', { name: 'Cancel' }).click();
    await expect(change).toBeHidden();
    // The password did not change.
    expect((await raw(other, 'auth.signIn', { username: THERAPIST.username, password: CHOSEN }, null)).ok).toBe(true);
  } finally {
    await context.close();
  }
});

test('the SENCo records a teacher’s classes, chosen from the register or typed', async ({ page }) => {
  await signIn(page);
  expect((await invokeApi(page, 'users.create', { ...TEACHER, role: 'teacher' })).ok).toBe(true);
  const pupil = await invokeApi(page, 'pupils.create', {
    upn: makeUpn(805, 2000, 28, stamp),
    legalFirstName: 'Olive',
    legalLastName: 'Classlist',
    dateOfBirth: '2016-06-01',
    yearGroup: '5',
    className: CLASS,
    dateJoined: '2021-09-01',
    senStatus: 'K',
    needs: ['SLCN'],
    contacts: [],
  });
  expect(pupil.ok, JSON.stringify(pupil.error)).toBe(true);

  const table = await openUsers(page);
  const row = table.getByRole('row').filter({ hasText: TEACHER.username });
  await expect(row).toContainText('None yet: sees no pupils');
  // Only teachers have classes.
  await expect(table.getByRole('button', { name: `Edit classes for ${SENCO.displayName}` })).toHaveCount(0);
  await row.getByRole('button', { name: `Edit classes for ${TEACHER.displayName}` }).click();
  const dialog = page.getByRole('dialog', { name: `Classes for ${TEACHER.displayName}` });
  const input = dialog.getByRole('combobox', { name: 'Classes' });
  await expect(input).toBeFocused();
  await input.fill('Lime');
  await page.getByRole('option', { name: CLASS }).click();
  await input.fill('9Z');
  await input.press('Enter');
  await dialog.getByRole('button', { name: 'Save classes' }).click();
  await expect(dialog).toBeHidden();
  await expect(row).toContainText(CLASS);
  await expect(row).toContainText('9Z');
  await expect(row).not.toContainText('None yet');
  await page.screenshot({ path: `${SCREENSHOTS}/settings-users-accounts.png` });
  const users = await invokeApi<{ username: string; classes: string[] }[]>(page, 'users.list', {});
  expect([...users.value!.find((u) => u.username === TEACHER.username)!.classes].sort()).toEqual(['9Z', CLASS]);
});

test('the screen locks after the school’s minutes without use, hides the pupil, refuses the session, and unlocks to the form as it was', async ({
  page,
}) => {
  await page.clock.install();
  await signIn(page);
  const school = await invokeApi<{ name: string; urn: string; localAuthority: string; autoLockMinutes: number }>(page, 'school.get', {});
  expect(school.ok).toBe(true);
  const original = school.value!;
  try {
    // Settings › School: the lock time, checked and saved like any other detail.
    await page.goto(appUrl('#/settings'));
    const minutes = page.getByLabel(/^Lock the screen after \(minutes\)/);
    await expect(minutes).toHaveValue(String(original.autoLockMinutes));
    await expect(minutes).toHaveAccessibleDescription(/locks and asks for the password again/);
    await minutes.fill('90');
    await page.getByRole('button', { name: 'Save school details' }).click();
    await expect(minutes).toHaveAccessibleDescription('Enter a whole number of minutes from 1 to 60.');
    await minutes.fill('2');
    await page.getByRole('button', { name: 'Save school details' }).click();
    await expect(page.getByText('School details saved.')).toBeVisible();

    const created = await invokeApi<{ id: string }>(page, 'pupils.create', {
      upn: PUPIL.upn,
      legalFirstName: PUPIL.first,
      legalLastName: PUPIL.last,
      dateOfBirth: '2017-01-09',
      yearGroup: '4',
      className: '4L',
      dateJoined: '2022-09-01',
      senStatus: 'K',
      needs: ['SEMH'],
      contacts: [],
    });
    expect(created.ok, JSON.stringify(created.error)).toBe(true);
    await page.goto(appUrl(`#/pupils/${created.value!.id}/edit`));
    const heading = page.getByRole('heading', { name: `Edit details for ${PUPIL.first} ${PUPIL.last}` });
    await expect(heading).toBeVisible();
    const preferred = page.getByLabel(/^Preferred first name/);
    await preferred.click();
    await preferred.pressSequentially('Juni');

    // Two and a half minutes without use.
    await page.clock.fastForward('02:30');
    const lock = page.getByRole('dialog', { name: 'SENCo Desk is locked' });
    await expect(lock).toBeVisible();
    await expect(lock).toContainText(SCHOOL.name);
    await expect(lock).toContainText(`Signed in as ${SENCO.displayName} (SENCo)`);
    await expect(lock).toContainText('locks after 2 minutes without use');
    const password = lock.getByLabel(/^Password/);
    await expect(password).toBeFocused();
    // Nothing of the pupil is visible, nor left for a screen reader.
    await expect(heading).toBeHidden();
    await expect(page.locator('#root')).toBeHidden();
    await expect(page.getByRole('heading', { name: new RegExp(PUPIL.last) })).toHaveCount(0);
    await expect(page.getByRole('textbox', { name: /Legal last name/ })).toHaveCount(0);
    await page.screenshot({ path: `${SCREENSHOTS}/lock-screen.png` });
    // The core refuses this session too, not only the screen.
    const session = await page.evaluate(() => window.sessionStorage.getItem('senco-desk.session'));
    await expect.poll(async () => (await raw(page, 'pupils.get', { id: created.value!.id }, session)).error?.code).toBe('session_locked');

    // A wrong password is refused beside the field; the right one brings back the form as it was.
    await password.fill('not-the-right-password');
    await password.press('Enter');
    await expect(password).toHaveAccessibleDescription('That password is not right. Try again, or sign out and sign in as someone else.');
    await expect(lock).toBeVisible();
    await password.fill(SENCO.password);
    await password.press('Enter');
    await expect(lock).toHaveCount(0);
    await expect(heading).toBeVisible();
    await expect(preferred).toHaveValue('Juni');
    await expect(preferred).toBeFocused();
    expect((await raw(page, 'pupils.get', { id: created.value!.id }, session)).ok).toBe(true);

    // "Lock now" from the account menu, by keyboard only.
    const account = page.getByRole('button', { name: /account menu/ });
    await account.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('menuitem', { name: 'Change my password' })).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(page.getByRole('menuitem', { name: 'Lock now' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(lock).toBeVisible();
    await expect(password).toBeFocused();
    await expect(heading).toBeHidden();

    // A reload does not get round it: the core says the session is locked.
    await page.reload();
    await expect(lock).toBeVisible();
    await expect(heading).toBeHidden();
    await page.keyboard.type(SENCO.password);
    await page.keyboard.press('Enter');
    await expect(lock).toHaveCount(0);
    await expect(heading).toBeVisible();
    await expect(account).toBeFocused();

    // And the shortcut, with a dialog open and half filled in: it is hidden too, and still there afterwards.
    await account.click();
    await page.getByRole('menuitem', { name: 'Change my password' }).click();
    const change = page.getByRole('dialog', { name: 'Change my password' });
    await change.getByLabel(/^Current password/).fill('half-typed');
    await page.keyboard.press('Control+Shift+L');
    await expect(lock).toBeVisible();
    await expect(password).toBeFocused();
    await expect(change).toHaveCount(0);
    await expect(page.getByText('Choose a password of at least 10 characters')).toBeHidden();
    await page.keyboard.type(SENCO.password);
    await page.keyboard.press('Enter');
    await expect(lock).toHaveCount(0);
    await expect(change.getByLabel(/^Current password/)).toHaveValue('half-typed');
    await expect(change.getByLabel(/^Current password/)).toBeFocused();
    await change.getByRole('button', { name: 'Cancel' }).click();
    await expect(change).toBeHidden();
  } finally {
    // Put the school's lock time back, through a session of its own (this page's may be locked).
    const signed = await raw(page, 'auth.signIn', { username: SENCO.username, password: SENCO.password }, null);
    const own = (signed.value as { session: string }).session;
    const { name, urn, localAuthority, autoLockMinutes } = original;
    expect((await raw(page, 'school.update', { name, urn, localAuthority, autoLockMinutes }, own)).ok).toBe(true);
    await raw(page, 'auth.signOut', {}, own);
  }
});
