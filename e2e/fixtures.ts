/**
 * Shared by the end-to-end specs: the one test host's address, the first SENCo's credentials (register.spec.ts
 * creates them through first-run setup), and helpers to sign in, call the API and fill MUI controls as a user would.
 * Every spec runs against the same school, in file order (workers: 1).
 */
import { mkdirSync } from 'node:fs';
import { expect, type Browser, type Page } from '@playwright/test';

export const URL_WITH_TOKEN = process.env.SENCO_E2E_URL ?? '';
export const SCREENSHOTS = process.env.SENCO_E2E_SCREENSHOTS ?? 'test-results/screenshots';
export const SCHOOL = { name: 'Example Primary School', urn: '123456', localAuthority: 'Example Borough Council' };
export const SENCO = { displayName: 'Alex Morgan', username: 'alex.morgan', password: 'correct-horse-battery' };

export function origin(): string {
  return new URL(URL_WITH_TOKEN).origin;
}

/** The app at a hash route, e.g. appUrl('#/pupils'). */
export function appUrl(hash: string): string {
  return new URL(hash, origin()).toString();
}

/**
 * Signs the page in as the SENCo: through first-run setup when the school is not set up yet (a spec run on its
 * own), otherwise through the sign-in screen; does nothing when already signed in.
 */
export async function signIn(page: Page): Promise<void> {
  expect(URL_WITH_TOKEN, 'global setup must start the test host').toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=/);
  await page.goto(URL_WITH_TOKEN);
  const setup = page.getByRole('heading', { name: 'Set up SENCo Desk' });
  const signInHeading = page.getByRole('heading', { name: 'Sign in' });
  const signedIn = page.getByTestId('signed-in-user');
  await expect(setup.or(signInHeading).or(signedIn)).toBeVisible();
  if (await signedIn.isVisible()) return;
  if (await setup.isVisible()) {
    await page.getByLabel('School name').fill(SCHOOL.name);
    await page.getByLabel('URN (unique reference number)').fill(SCHOOL.urn);
    await page.getByLabel('Local authority').fill(SCHOOL.localAuthority);
    await page.getByLabel('Full name').fill(SENCO.displayName);
    await page.getByLabel('Username').fill(SENCO.username);
    await page.getByLabel(/^Password/).fill(SENCO.password);
    await page.getByLabel('Confirm password').fill(SENCO.password);
    await page.getByRole('button', { name: 'Set up and sign in' }).click();
    // The database is encrypted: its recovery key is shown once and must be acknowledged.
    const recovery = page.getByRole('dialog', { name: 'Your recovery key' });
    await expect(recovery.or(signedIn)).toBeVisible();
    if (await recovery.isVisible()) {
      await expect(recovery.getByTestId('recovery-key')).toHaveText(/^([0-9A-Z]{4}-){7}[0-9A-Z]{4}$/);
      await recovery.getByRole('checkbox').check();
      await recovery.getByRole('button', { name: 'Continue' }).click();
    }
  } else {
    await page.getByLabel('Username').fill(SENCO.username);
    await page.getByLabel('Password').fill(SENCO.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }
  await expect(signedIn).toContainText(SENCO.displayName);
}

/** Calls an operation as the signed-in page's session, through the test host's /api/invoke. */
export async function invokeApi<T = unknown>(
  page: Page,
  op: string,
  input: unknown,
): Promise<{ ok: boolean; value?: T; error?: { message: string; fields?: Record<string, string> } }> {
  const token = new URL(URL_WITH_TOKEN).searchParams.get('token');
  const session = await page.evaluate(() => window.sessionStorage.getItem('senco-desk.session'));
  const res = await page.request.post(`${origin()}/api/invoke`, {
    headers: { authorization: `Bearer ${token}` },
    data: { op, input, session },
  });
  return (await res.json()) as { ok: boolean; value?: T; error?: { message: string } };
}

/** Calls an operation as the signed-in page's session; it must succeed (the message says why it did not). */
export async function callApi<T>(page: Page, op: string, input: unknown): Promise<T> {
  const r = await invokeApi<T>(page, op, input);
  expect(r.ok, `${op}: ${r.error?.message ?? ''} ${JSON.stringify(r.error?.fields ?? {})}`).toBe(true);
  return r.value as T;
}

/** A new page signed in as the first SENCo, with the screenshots folder made: where most specs start. */
export async function signedInPage(browser: Browser): Promise<Page> {
  const page = await browser.newPage();
  mkdirSync(SCREENSHOTS, { recursive: true });
  await signIn(page);
  return page;
}

/** Types a date into an MUI date field (dd/mm/yyyy), as a keyboard user would. */
export async function typeDate(scope: Page | ReturnType<Page['locator']>, label: string, ddmmyyyy: string): Promise<void> {
  const group = scope.getByRole('group', { name: label, exact: true });
  await group.getByRole('spinbutton').first().click();
  const page = 'keyboard' in scope ? scope : scope.page();
  await page.keyboard.type(ddmmyyyy.replace(/\//g, ''));
}

/** Chooses an option of an MUI select by the select's label. */
export async function pick(page: Page, label: string, option: string, scope?: ReturnType<Page['locator']>): Promise<void> {
  await (scope ?? page).getByRole('combobox', { name: label }).click();
  const choice = page.getByRole('option', { name: option, exact: true });
  await choice.click();
  // A click that lands while MUI's menu is still opening can be dropped (the menu stays open with nothing chosen), more
  // often on a busy machine. Then click once more, but never an option already chosen (a multiple select stays open).
  const closed = await choice.waitFor({ state: 'hidden', timeout: 1500 }).then(
    () => true,
    () => false,
  );
  if (!closed && (await choice.getAttribute('aria-selected').catch(() => null)) !== 'true') await choice.click();
}
