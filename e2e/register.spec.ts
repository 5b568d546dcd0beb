/**
 * The pupil register end to end, in Debian's Chromium against the real core through the loopback test host.
 * The data folder starts empty (e2e/global-setup.ts), so the first test meets first-run setup; the tests then
 * run in order on that one school. Every pupil here is synthetic: UPNs come from makeUpn, names are invented.
 */
import { expect, test, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { makeUpn } from '../shared/upn';
import { SENCO } from './fixtures';

const URL_WITH_TOKEN = process.env.SENCO_E2E_URL ?? '';
const SCREENSHOTS = 'test-results/screenshots';
const PUPIL = { first: 'Robin', last: 'Example', upn: 'H801200001001' };

test.describe.configure({ mode: 'serial' });

/** Types a date into an MUI date field (dd/mm/yyyy), as a keyboard user would. */
async function typeDate(page: Page, label: string, ddmmyyyy: string) {
  const group = page.getByRole('group', { name: label, exact: true });
  await group.getByRole('spinbutton').first().click();
  await page.keyboard.type(ddmmyyyy.replace(/\//g, ''));
}

async function pick(page: Page, label: string, option: string) {
  await page.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** The grid's data rows (not the header row). */
function gridRows(page: Page) {
  return page.getByRole('grid', { name: 'Pupil register' }).locator('.MuiDataGrid-row');
}

async function invokeApi(page: Page, op: string, input: unknown) {
  const origin = new URL(URL_WITH_TOKEN).origin;
  const token = new URL(URL_WITH_TOKEN).searchParams.get('token');
  const session = await page.evaluate(() => window.sessionStorage.getItem('senco-desk.session'));
  const res = await page.request.post(`${origin}/api/invoke`, {
    headers: { authorization: `Bearer ${token}` },
    data: { op, input, session },
  });
  return (await res.json()) as { ok: boolean; value?: unknown; error?: { message: string } };
}

let page: Page;

test.beforeAll(async ({ browser }) => {
  expect(URL_WITH_TOKEN, 'global setup must start the test host').toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=/);
  page = await browser.newPage();
  mkdirSync(SCREENSHOTS, { recursive: true });
});

test.afterAll(async () => {
  await page.close();
});

test('first-run setup creates the school and the first SENCo, and lands signed in', async () => {
  await page.goto(URL_WITH_TOKEN);
  await expect(page.getByRole('heading', { name: 'Set up SENCo Desk' })).toBeVisible();
  // The page token leaves the address bar at once.
  await expect(page).not.toHaveURL(/token=/);

  await page.getByLabel('School name').fill('Example Primary School');
  await page.getByLabel('URN (unique reference number)').fill('12345');
  await page.getByLabel('Local authority').fill('Example Borough Council');
  await page.getByLabel('Full name').fill(SENCO.displayName);
  await page.getByLabel('Username').fill(SENCO.username);
  await page.getByLabel(/^Password/).fill(SENCO.password);
  await page.getByLabel('Confirm password').fill('something-else-1');
  await page.getByRole('button', { name: 'Set up and sign in' }).click();
  // The shared schema refuses a 5-digit URN and the confirmation, beside the fields, before anything is sent.
  await expect(page.getByText('A URN is the 6-digit unique reference number')).toBeVisible();
  await expect(page.getByText('The two passwords are not the same.')).toBeVisible();
  await page.getByLabel('URN (unique reference number)').fill('123456');
  await page.getByLabel('Confirm password').fill(SENCO.password);
  await page.getByRole('button', { name: 'Set up and sign in' }).click();

  // The database is encrypted: its recovery key is shown once, and Continue waits until the SENCo says it is kept.
  const recovery = page.getByRole('dialog', { name: 'Your recovery key' });
  await expect(recovery.getByTestId('recovery-key')).toHaveText(/^([0-9A-Z]{4}-){7}[0-9A-Z]{4}$/);
  await expect(recovery.getByRole('button', { name: 'Continue' })).toBeDisabled();
  await recovery.getByRole('checkbox').check();
  await recovery.getByRole('button', { name: 'Continue' }).click();

  await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
  const user = page.getByTestId('signed-in-user');
  await expect(user).toContainText(SENCO.displayName);
  await expect(user).toContainText('SENCo');
  await expect(page.getByTestId('school-name')).toHaveText('Example Primary School');
  await expect(page.getByRole('link', { name: /Pupils on roll\s*0/ })).toBeVisible();
});

test('signing out and in again', async () => {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await expect(page.getByText('Example Primary School')).toBeVisible();

  await page.getByLabel('Username').fill(SENCO.username);
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toContainText('The username or password is not right');

  await page.getByLabel('Password').fill(SENCO.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
  await expect(page.getByTestId('signed-in-user')).toContainText(SENCO.displayName);
});

test('the pupil form checks the UPN check letter as you type and refuses to save a wrong one', async () => {
  await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Pupils' }).click();
  await expect(page.getByText('No pupils on the register yet')).toBeVisible();
  await page.getByRole('link', { name: 'Add pupil' }).first().click();
  await expect(page.getByRole('heading', { name: 'Add a pupil' })).toBeVisible();

  const upn = page.getByLabel('UPN (unique pupil number)');
  await upn.pressSequentially('A801200001001');
  // Before leaving the field, the message names the letter the rest of the number needs.
  await expect(page.getByText('for this number it should be H')).toBeVisible();

  await page.getByLabel('Legal first name').fill(PUPIL.first);
  await page.getByLabel('Legal last name').fill(PUPIL.last);
  await typeDate(page, 'Date of birth', '14/03/2016');
  await pick(page, 'Year group', 'Year 5');
  await page.getByLabel('Class', { exact: true }).fill('5B');
  await typeDate(page, 'Date joined', '01/09/2020');
  await page.getByRole('radio', { name: 'K: SEN support' }).check();
  await pick(page, 'Add the primary need', 'Speech, language and communication needs (SLCN)');
  await pick(page, 'Add another type of need', 'Specific learning difficulty (SPLD)');
  await page.getByRole('button', { name: 'Save pupil' }).click();

  // Refused: still on the form, everything typed kept, the message beside the UPN.
  await expect(page.getByTestId('form-summary')).toBeVisible();
  await expect(page).toHaveURL(/#\/pupils\/new$/);
  await expect(upn).toHaveAccessibleDescription(/for this number it should be H/);
  // The summary lists the field and links to it (issue 17, item 8).
  await expect(
    page.getByTestId('form-summary').getByRole('link', { name: /^UPN \(unique pupil number\): .*for this number it should be H/ }),
  ).toBeVisible();
  await expect(page.getByLabel('Legal first name')).toHaveValue(PUPIL.first);

  await upn.fill(PUPIL.upn);
  await expect(page.getByText('for this number it should be H')).toHaveCount(0);
  await page.getByRole('button', { name: 'Save pupil' }).click();

  await expect(page.getByRole('heading', { name: `${PUPIL.first} ${PUPIL.last}` })).toBeVisible();
  await expect(page.getByText('Pupil added to the register.')).toBeVisible();
  await expect(page.getByText('14 March 2016')).toBeVisible();
  // Ranked needs, primary first.
  const needs = page.getByRole('region', { name: 'Types of need' }).getByRole('listitem');
  await expect(needs.first()).toContainText('Speech, language and communication needs');
  await expect(needs.first()).toContainText('Primary need');
  // The window title names the screen, never the pupil.
  await expect(page).toHaveTitle('Pupil profile – SENCo Desk');
  expect(await page.title()).not.toContain(PUPIL.last);
});

test('a duplicate UPN refused by the server is shown beside the field', async () => {
  await page.goto(new URL('#/pupils/new', new URL(URL_WITH_TOKEN).origin).toString());
  await page.getByLabel('UPN (unique pupil number)').fill(PUPIL.upn);
  await page.getByLabel('Legal first name').fill('Jordan');
  await page.getByLabel('Legal last name').fill('Duplicate');
  await typeDate(page, 'Date of birth', '02/02/2015');
  await pick(page, 'Year group', 'Year 6');
  await typeDate(page, 'Date joined', '01/09/2019');
  await page.getByRole('radio', { name: 'N: No special educational need' }).check();
  await page.getByRole('button', { name: 'Save pupil' }).click();
  const field = page.getByRole('textbox', { name: 'UPN (unique pupil number)' });
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('[id$="-helper-text"]', { hasText: 'is already on record' })).toBeVisible();
  await expect(page.getByLabel('Legal last name')).toHaveValue('Duplicate');
  // The refused typing is not thrown away: leaving asks first (issue 17 item 3); here the duplicate is discarded.
  await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Pupils' }).click();
  const leave = page.getByRole('dialog', { name: 'Leave this page?' });
  await expect(leave).toBeVisible();
  await leave.getByRole('button', { name: 'Leave and discard changes' }).click();
  await expect(leave).toBeHidden();
});

test('the pupil appears in the register, and search finds them', async () => {
  await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Pupils' }).click();
  await expect(gridRows(page)).toHaveCount(1);
  await expect(gridRows(page).first()).toContainText(`${PUPIL.first} ${PUPIL.last}`);
  await expect(gridRows(page).first()).toContainText('K · SEN support');
  await expect(gridRows(page).first()).toContainText('14/03/2016');

  const search = page.getByRole('searchbox', { name: 'Search pupils' });
  await search.fill('Exam');
  await expect(page).toHaveURL(/q=Exam/);
  await expect(gridRows(page)).toHaveCount(1);
  await search.fill('Nobody-by-this-name');
  await expect(page.getByText('No pupils match')).toBeVisible();
  await expect(page.getByText('No pupil matches "Nobody-by-this-name"')).toBeVisible();
  await expect(gridRows(page)).toHaveCount(0);
  await page.getByRole('button', { name: 'Clear search and filters' }).first().click();
  await expect(gridRows(page)).toHaveCount(1);
});

test('a reload keeps you signed in and keeps the pupil', async () => {
  await page.reload();
  await expect(page.getByTestId('signed-in-user')).toContainText(SENCO.displayName);
  await expect(gridRows(page).first()).toContainText(`${PUPIL.first} ${PUPIL.last}`);
  await expect(page).not.toHaveURL(/token=/);
});

test('keyboard only: Tab and Enter reach and open the pupil', async () => {
  const search = page.getByRole('searchbox', { name: 'Search pupils' });
  await search.fill(PUPIL.last);
  await expect(gridRows(page)).toHaveCount(1);
  await search.focus();
  // Tab forward until focus lands inside the grid (filters and the switch come first), then down to the row.
  for (let i = 0; i < 15; i++) {
    await page.keyboard.press('Tab');
    const inGrid = await page.evaluate(() => !!document.activeElement?.closest('.MuiDataGrid-root'));
    if (inGrid) break;
  }
  expect(await page.evaluate(() => !!document.activeElement?.closest('.MuiDataGrid-root'))).toBe(true);
  const inRow = await page.evaluate(() => !!document.activeElement?.closest('.MuiDataGrid-row'));
  if (!inRow) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: `${PUPIL.first} ${PUPIL.last}` })).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOTS}/profile.png` });
});

test('the privacy screen hides everything at once and Escape reveals it', async () => {
  await page.keyboard.press('Control+Shift+H');
  await expect(page.getByTestId('privacy-screen')).toBeVisible();
  await expect(page.getByRole('heading', { name: `${PUPIL.first} ${PUPIL.last}` })).toBeHidden();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('privacy-screen')).toHaveCount(0);
  await expect(page.getByRole('heading', { name: `${PUPIL.first} ${PUPIL.last}` })).toBeVisible();
});

test('settings: school details, and adding a user', async () => {
  await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByLabel('School name')).toHaveValue('Example Primary School');
  await page.getByRole('tab', { name: 'Term dates' }).click();
  await expect(page.getByRole('group', { name: 'Autumn 1 starts' })).toBeVisible();
  await page.getByRole('tab', { name: 'Users' }).click();
  await expect(page.getByRole('table', { name: 'Users' })).toContainText(SENCO.displayName);
  await page.getByRole('button', { name: 'Add user' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a user' });
  await dialog.getByLabel('Full name').fill('Casey Office');
  await dialog.getByLabel('Username').fill('casey.office');
  await pick(page, 'Role', 'Office');
  await dialog.getByLabel('Temporary password').fill('office-password-1');
  await dialog.getByLabel('Confirm password').fill('office-password-1');
  await dialog.getByRole('button', { name: 'Add user' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('table', { name: 'Users' })).toContainText('Casey Office');
  await page.screenshot({ path: `${SCREENSHOTS}/settings-users.png` });
});

test('screenshots: the register with ten pupils, and the pupil form', async () => {
  const extra = [
    ['Amara', 'Okafor-Test', '3', 'E', ['ASD', 'SLCN']],
    ['Leo', 'Sample', '4', 'K', ['SEMH']],
    ['Maya', 'Fictional', 'R', 'N', []],
    ['Oliver', 'Demo', '6', 'K', ['MLD']],
    ['Priya', 'Placeholder', '2', 'E', ['PD', 'VI']],
    ['Sam', 'Synthetic', '1', 'K', ['SPLD']],
    ['Tomasz', 'Madeup', '5', 'N', []],
    ['Zara', 'Invented', '4', 'K', ['HI']],
    ['Noah', 'Testcase', '3', 'K', ['SLCN', 'SEMH']],
  ] as const;
  for (const [i, [first, last, year, status, needs]] of extra.entries()) {
    const result = await invokeApi(page, 'pupils.create', {
      upn: makeUpn(801, 2000, 12, 2 + i),
      legalFirstName: first,
      legalLastName: last,
      dateOfBirth: `201${i % 8}-0${(i % 9) + 1}-1${i}`,
      yearGroup: year,
      className: `${year}${'ABC'[i % 3]}`,
      dateJoined: '2022-09-01',
      senStatus: status,
      needs,
      contacts: [],
    });
    expect(result.ok, result.error?.message).toBe(true);
  }
  await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Pupils' }).click();
  await expect(gridRows(page)).toHaveCount(10);
  await page.screenshot({ path: `${SCREENSHOTS}/register.png` });

  // The SEN status filter narrows the register (and the dashboard count links to the same view).
  await pick(page, 'SEN status', 'E: Education, health and care plan');
  await expect(gridRows(page)).toHaveCount(2);
  await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Dashboard' }).click();
  await expect(page.getByRole('link', { name: /Pupils on roll\s*10/ })).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOTS}/dashboard.png` });
  await page.getByRole('link', { name: /EHC plan \(E\)\s*2/ }).click();
  await expect(page).toHaveURL(/status=E/);
  await expect(gridRows(page)).toHaveCount(2);

  await page.getByRole('link', { name: 'Add pupil' }).first().click();
  await page.getByLabel('UPN (unique pupil number)').fill(makeUpn(801, 2000, 12, 50));
  await page.getByLabel('Legal first name').fill('Ellis');
  await page.getByLabel('Legal last name').fill('Specimen');
  await page.getByLabel('Preferred first name').fill('Elly');
  await typeDate(page, 'Date of birth', '05/11/2017');
  await pick(page, 'Year group', 'Year 3');
  await typeDate(page, 'Date joined', '02/09/2021');
  await page.getByRole('radio', { name: 'K: SEN support' }).check();
  await pick(page, 'Add the primary need', 'Social, emotional and mental health (SEMH)');
  await pick(page, 'Add another type of need', 'Speech, language and communication needs (SLCN)');
  await page.getByRole('button', { name: 'Add a parent or carer' }).click();
  await page.getByLabel(/^Name/).fill('Jo Specimen');
  await pick(page, 'Relationship to the pupil', 'Mother');
  await page.getByLabel('Email').fill('not-an-email');
  await page.getByLabel('Phone').click();
  await expect(page.getByText('Enter an email address like name@example.org.')).toBeVisible();
  // A tall window rather than a full-page capture, so the fixed top bar and the sticky save bar sit where a user sees them.
  await page.setViewportSize({ width: 1366, height: 2100 });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${SCREENSHOTS}/pupil-form.png` });
  await page.setViewportSize({ width: 1366, height: 850 });
});

test('the pupil form applies the census rules, warns when the year group does not fit the date of birth, and takes year group X', async () => {
  // A child in Year 4 this school year (8 on 31 August before it), whatever today is.
  const now = new Date();
  const start = now.getMonth() >= 8 ? now.getFullYear() : now.getFullYear() - 1;
  const schoolYear = `${start}/${String((start + 1) % 100).padStart(2, '0')}`;
  // From the register (the form left open by the test before is a different page).
  await page.getByRole('link', { name: 'Cancel' }).click();
  await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Pupils' }).click();
  await page.getByRole('link', { name: 'Add pupil' }).first().click();
  await expect(page.getByRole('heading', { name: 'Add a pupil' })).toBeVisible();
  await page.getByLabel('UPN (unique pupil number)').fill(makeUpn(801, 2000, 12, 70));
  await page.getByLabel('Legal first name').fill('Xavier');
  await page.getByLabel('Legal last name').fill('Noyears');
  await typeDate(page, 'Date of birth', `15/01/${start - 8}`);
  await typeDate(page, 'Date joined', '01/09/2022');

  // A year group that does not fit: a warning beside it, never a refusal.
  await pick(page, 'Year group', 'Year 2');
  const warning = page.getByTestId('year-group-warning');
  await expect(warning).toContainText(`would normally be in Year 4 in ${schoolYear}, not Year 2`);
  await pick(page, 'Year group', 'Year 4');
  await expect(warning).toHaveCount(0);
  // X (not following National Curriculum year groups) never warns.
  await pick(page, 'Year group', 'X (not in NC year groups)');
  await expect(warning).toHaveCount(0);

  // E with no primary need is refused beside the needs, everything typed kept.
  await page.getByRole('radio', { name: 'E: Education, health and care plan' }).check();
  await page.getByRole('button', { name: 'Save pupil' }).click();
  await expect(page.getByTestId('form-summary')).toBeVisible();
  await expect(page.getByText(/^A pupil with an EHC plan \(E\) or on SEN support \(K\) needs a primary need/)).toBeVisible();
  await expect(page.getByTestId('form-summary').getByRole('link', { name: /^Types of need: A pupil with an EHC plan/ })).toBeVisible();
  // NSA is only for SEN support.
  await pick(page, 'Add the primary need', 'SEN support but no specialist assessment of type of need (NSA)');
  await page.getByRole('button', { name: 'Save pupil' }).click();
  await expect(page.getByText(/^NSA \(no specialist assessment of type of need\) is only for pupils on SEN support \(K\)/)).toBeVisible();
  await expect(page.getByLabel('Legal last name')).toHaveValue('Noyears');
  await page.getByRole('radio', { name: 'K: SEN support' }).check();
  await page.getByRole('button', { name: 'Save pupil' }).click();
  await expect(page.getByRole('heading', { name: 'Xavier Noyears' })).toBeVisible();
  await expect(page.getByText('Pupil added to the register.')).toBeVisible();
  await expect(page.getByText('X (not in NC year groups)').first()).toBeVisible();

  // The register filters by X.
  await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Pupils' }).click();
  await pick(page, 'Year group', 'X (not in NC year groups)');
  await expect(page).toHaveURL(/year=X/);
  await expect(gridRows(page)).toHaveCount(1);
  await expect(gridRows(page).first()).toContainText('Xavier Noyears');
});
