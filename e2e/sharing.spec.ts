/**
 * Sharing with agencies end to end, on the school register.spec.ts set up. Through the API: a synthetic pupil
 * (stamped UPN) with a parent, a band and a planned band review. In the UI: "Share with an agency" refuses an
 * empty form beside each field, then shares three sections under the school default basis with a suggested
 * passphrase; the download is an age file and the dialog says how to open it. The pupil's Shared tab and the
 * Sharing page list it with its sections and basis. Transfer in of that same file: a wrong passphrase is said
 * beside the field; the right one previews an update (same school, same UPN) with the review section kept for
 * reading only, shows it as this school's own (signed with its key) with nothing to change, and imports. A forged
 * package (issue 14, item 7: the genuine export opened, a parent's contact changed, signed again with another key
 * and sealed with any passphrase) is shown as from a sender not trusted, passing itself off as this school, with
 * each changed contact field old and new, and writes nothing until the risk is accepted; one changed after signing
 * is refused outright; trusting a sender after comparing the fingerprint, and Settings › School showing this
 * school's fingerprint and the trusted senders. The review pack exports as a password-protected PDF (before the
 * forgeries, whose exports would join its sharing log).
 * Screenshots of the share dialog, the Shared list, the transfer preview and the forged package's warnings.
 */
import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatUkDate, todayIso } from '../shared/dates';
import { makeUpn } from '../shared/upn';
import { SCHOOL, SCREENSHOTS, appUrl, typeDate, callApi, signedInPage } from './fixtures';

const stamp = Date.now() % 1000;
const PUPIL = { first: 'Sasha', last: 'Sharetest', upn: makeUpn(806, 2000, 29, stamp) };
const NAME = `${PUPIL.first} ${PUPIL.last}`;
const ORG = `Exampleshire SEND team ${stamp}`;
const PDF_ORG = `Northgate Academy ${stamp}`;
const WRONG = 'this is not the passphrase';

function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
const TODAY = todayIso();

test.describe.configure({ mode: 'serial' });

let page: Page;
let pupilId = '';
let reviewId = '';
let packagePath = '';
let packageName = '';
let passphrase = '';

function ok<T>(op: string, input: unknown): Promise<T> {
  return callApi<T>(page, op, input);
}

test.beforeAll(async ({ browser }) => {
  page = await signedInPage(browser);
  const created = await ok<{ id: string }>('pupils.create', {
    upn: PUPIL.upn,
    legalFirstName: PUPIL.first,
    legalLastName: PUPIL.last,
    dateOfBirth: '2016-09-03',
    yearGroup: '5',
    className: '5S',
    dateJoined: '2020-09-01',
    senStatus: 'K',
    needs: ['SLCN'],
    contacts: [{ name: 'Jo Sharetest', relationship: 'father', phone: '01632 960222', email: null, parentalResponsibility: true }],
  });
  pupilId = created.id;
  await ok('bands.set', {
    pupilId,
    band: 'targeted',
    needLevel: null,
    startDate: addDays(TODAY, -60),
    plannedWeeks: 12,
    reason: 'Speech and language group this term.',
  });
  const review = await ok<{ id: string }>('reviews.save', {
    id: null,
    pupilId,
    kind: 'band',
    date: addDays(TODAY, 14),
    status: 'planned',
    ippId: null,
    placementId: null,
    ehcPlanId: null,
    attendees: [],
    pupilViews: null,
    parentViews: null,
    discussion: null,
    ratings: [],
    decisions: [],
    statutory: null,
    actions: [],
  });
  reviewId = review.id;
});

test.afterAll(async () => {
  await page.close();
});

test('sharing with an agency: an empty form is refused beside each field, then the .age file downloads', async () => {
  test.setTimeout(120_000);
  await page.goto(appUrl(`#/pupils/${pupilId}`));
  await expect(page.getByRole('heading', { name: NAME, level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'Share with an agency' }).click();
  const dialog = page.getByRole('dialog', { name: `Share ${NAME}’s record with an agency` });
  await expect(dialog).toBeVisible();

  // Nothing ticked; the school default basis is chosen and shown; a password-protected PDF is the default lock
  // (the test below); this one makes an age package with a passphrase, for transfer in later.
  for (const box of await dialog.getByRole('checkbox').all()) await expect(box).not.toBeChecked();
  await expect(dialog.getByRole('checkbox')).toHaveCount(10);
  await expect(dialog.getByText('Share only what they need for their work')).toBeVisible();
  await expect(dialog.getByRole('combobox', { name: 'Lawful basis (Article 6)' })).toHaveText('Public task — Article 6(1)(e)');
  await expect(dialog.getByRole('combobox', { name: 'Condition for special category data (Article 9)' })).toHaveText(
    'Substantial public interest — Article 9(2)(g)',
  );
  await expect(dialog.getByRole('radio', { name: /^A password-protected PDF/ })).toBeChecked();
  await dialog.getByRole('radio', { name: /with a passphrase I will give them by phone/ }).check();

  // An empty form: each message beside its field, nothing sent.
  await dialog.getByRole('button', { name: 'Share and download' }).click();
  await expect(dialog.getByTestId('share-summary')).toContainText('Some answers need changing');
  await expect(dialog.getByLabel('Organisation receiving it')).toHaveAccessibleDescription(/Enter the organisation you are sharing with/);
  await expect(dialog.getByTestId('sections-error')).toHaveText(/Choose at least one section/);
  await expect(dialog.getByRole('textbox', { name: 'Passphrase', exact: true })).toHaveAccessibleDescription(/at least 10 characters/);

  // A key that is not an age key is refused beside it too.
  await dialog.getByRole('radio', { name: /locked to their public key/ }).check();
  await dialog.getByRole('textbox', { name: 'The agency’s age public key' }).fill('age1notakey');
  await dialog.getByRole('button', { name: 'Share and download' }).click();
  await expect(dialog.getByRole('textbox', { name: 'The agency’s age public key' })).toHaveAccessibleDescription(
    /That is not an age public key/,
  );
  await dialog.getByRole('radio', { name: /with a passphrase I will give them by phone/ }).check();

  await dialog.getByLabel('Organisation receiving it').fill(ORG);
  await dialog.getByRole('checkbox', { name: 'Pupil details and contacts' }).check();
  await dialog.getByRole('checkbox', { name: 'SEN status and needs' }).check();
  await dialog.getByRole('checkbox', { name: 'Reviews' }).check();
  // "Suggest one": five words from the list, in both boxes, shown so they can be read out.
  await dialog.getByRole('button', { name: 'Suggest one' }).click();
  const field = dialog.getByRole('textbox', { name: 'Passphrase', exact: true });
  await expect(field).toHaveAttribute('type', 'text');
  passphrase = await field.inputValue();
  expect(passphrase).toMatch(/^[a-z]+( [a-z]+){4}$/);
  await expect(dialog.getByLabel('Confirm the passphrase')).toHaveValue(passphrase);
  await dialog.getByLabel('Note for the sharing log').fill('Requested for the speech and language assessment.');

  await page.setViewportSize({ width: 1366, height: 1400 });
  await page.screenshot({ path: `${SCREENSHOTS}/share-dialog.png` });
  await page.setViewportSize({ width: 1366, height: 850 });

  const downloading = page.waitForEvent('download', { timeout: 45_000 });
  await dialog.getByRole('button', { name: 'Share and download' }).click();
  const download = await downloading;
  packageName = download.suggestedFilename();
  expect(packageName).toMatch(new RegExp(`^${PUPIL.upn}-.+\\.age$`));
  packagePath = test.info().outputPath(packageName);
  await download.saveAs(packagePath);
  expect(readFileSync(packagePath).subarray(0, 21).toString('latin1')).toBe('age-encryption.org/v1');

  const done = page.getByRole('dialog', { name: `Share ${NAME}’s record with an agency` });
  await expect(done.getByTestId('share-done')).toContainText(`Saved as ${packageName}`);
  await expect(done.getByTestId('share-done')).toContainText('recorded in the sharing log');
  await expect(done.getByTestId('age-command')).toHaveText(`age -d -o record.zip ${packageName}`);
  await done.getByRole('button', { name: 'Close' }).click();
  await expect(done).toHaveCount(0);
});

test('an agency can open what it is sent: by default a password-protected PDF of the chosen sections, its password shown once (1366×768)', async () => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  // Another pupil, so the Shared tab and log checks below are as they were.
  const other = await ok<{ id: string }>('pupils.create', {
    upn: makeUpn(806, 2000, 29, (stamp + 500) % 1000),
    legalFirstName: 'Pia',
    legalLastName: 'Pdftest',
    dateOfBirth: '2016-10-12',
    yearGroup: '5',
    className: '5S',
    dateJoined: '2020-09-01',
    senStatus: 'K',
    needs: ['SLCN'],
    contacts: [{ name: 'Ros Pdftest', relationship: 'mother', phone: '01632 960333', email: null, parentalResponsibility: true }],
  });
  await ok('parentUpdates.save', {
    pupilId: other.id,
    date: addDays(TODAY, -3),
    method: 'email',
    summary: 'Synthetic update only for the parents.',
  });
  await page.goto(appUrl(`#/pupils/${other.id}`));
  await page.getByRole('button', { name: 'Share with an agency' }).click();
  const dialog = page.getByRole('dialog', { name: 'Share Pia Pdftest’s record with an agency' });
  await expect(dialog.getByRole('radio', { name: /^A password-protected PDF \(recommended: opens in any PDF reader\)$/ })).toBeChecked();
  // No password to choose: SENCo Desk makes one, and the dialog says to send it separately.
  await expect(dialog.getByRole('textbox', { name: /Passphrase/ })).toHaveCount(0);
  await expect(dialog.getByTestId('share-pdf-help')).toContainText(
    'read it out by phone or send it by text message, never in the same email as the file',
  );
  await dialog.getByLabel('Organisation receiving it').fill(`Exampleshire NHS therapy service ${stamp}`);
  await dialog.getByRole('checkbox', { name: 'Pupil details and contacts' }).check();
  await dialog.getByRole('checkbox', { name: 'SEN status and needs' }).check();
  await dialog.getByTestId('share-pdf-help').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SCREENSHOTS}/share-pdf-dialog-1366x768.png` });

  const downloading = page.waitForEvent('download', { timeout: 45_000 });
  await dialog.getByRole('button', { name: 'Share and download' }).click();
  const download = await downloading;
  const name = download.suggestedFilename();
  expect(name).toMatch(/-protected\.pdf$/);
  const file = test.info().outputPath(name);
  await download.saveAs(file);

  const done = dialog.getByTestId('share-done');
  await expect(done).toContainText(`Saved as ${name}`);
  await expect(done).toContainText('Any PDF reader');
  const password = (await dialog.getByTestId('share-password').textContent()) ?? '';
  expect(password).toMatch(/^[a-z]+( [a-z]+){3} \d{4}$/);
  await expect(dialog.getByTestId('share-password-once')).toContainText('This is the only time the password is shown');
  await expect(dialog.getByTestId('share-password')).toBeInViewport();
  await page.screenshot({ path: `${SCREENSHOTS}/share-pdf-password-1366x768.png` });

  // AES-256, revision 6; unreadable without the password, and only the chosen sections with it.
  expect(execFileSync('qpdf', ['--show-encryption', `--password=${password}`, file], { encoding: 'utf8' })).toMatch(/^R = 6$/m);
  let refused = false;
  try {
    execFileSync('pdftotext', [file, '-'], { stdio: 'pipe' });
  } catch {
    refused = true;
  }
  expect(refused).toBe(true);
  const text = execFileSync('pdftotext', ['-upw', password, '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  expect(text).toContain('Pia Pdftest');
  expect(text).toContain('Ros Pdftest');
  expect(text).not.toContain('Synthetic update only for the parents.');

  // Logged: what, with whom, how; the password is not in the log.
  const log = await ok<{ organisation: string; sections: string[]; format: string; lockedWith: string }[]>('exports.log', {
    pupilId: other.id,
  });
  expect(log).toEqual([
    expect.objectContaining({
      organisation: `Exampleshire NHS therapy service ${stamp}`,
      sections: ['details', 'needs'],
      format: 'protected_pdf',
      lockedWith: 'password',
    }),
  ]);
  expect(JSON.stringify(log)).not.toContain(password);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toHaveCount(0);
  await page.setViewportSize({ width: 1366, height: 850 });
});

test('long work: sharing shows the core’s progress and Cancel stops it, with nothing saved or logged', async () => {
  test.setTimeout(120_000);
  const before = await ok<readonly unknown[]>('exports.log', { pupilId });
  await page.goto(appUrl(`#/pupils/${pupilId}`));
  await page.getByRole('button', { name: 'Share with an agency' }).click();
  const dialog = page.getByRole('dialog', { name: `Share ${NAME}’s record with an agency` });
  await dialog.getByLabel('Organisation receiving it').fill('Cancelled Agency (synthetic)');
  await dialog.getByRole('checkbox', { name: 'Pupil details and contacts' }).check();
  await dialog.getByRole('radio', { name: /with a passphrase I will give them by phone/ }).check();
  await dialog.getByRole('button', { name: 'Suggest one' }).click();
  // The export's request is held on its way to the host until the user has pressed Cancel, so a small export cannot
  // finish before the click (it did, now and then): the cancel then reaches the host as the call starts, which is the
  // race the client's repeated cancel is for.
  let release: () => void = () => undefined;
  const held = new Promise<void>((r) => {
    release = r;
  });
  await page.route('**/api/invoke', async (route) => {
    const op = (route.request().postDataJSON() as { op?: string } | null)?.op;
    if (op === 'exports.create') await held;
    await route.continue();
  });
  await dialog.getByRole('button', { name: 'Share and download' }).click();
  // The progress bar shows at once (its steps' names and figures follow as the core reports them: core-host.test.ts
  // and server.test.ts check those), with its Cancel button.
  const bar = dialog.getByRole('progressbar', { name: /^Share and download: / });
  await expect(bar).toBeVisible({ timeout: 30_000 });
  const cancelAsked = page.waitForRequest('**/api/cancel');
  await dialog.getByRole('button', { name: 'Cancel Share and download' }).click();
  await cancelAsked;
  release();
  await expect(dialog.getByText('Cancelled: nothing was saved. Start it again when you are ready.')).toBeVisible({ timeout: 30_000 });
  await page.unroute('**/api/invoke');
  await expect(bar).toHaveCount(0);
  // Nothing in the sharing log: the cancelled export's transaction was rolled back.
  expect(await ok<readonly unknown[]>('exports.log', { pupilId })).toHaveLength(before.length);
  await page.keyboard.press('Escape');
});

test('the pupil’s Shared tab lists what was shared, to whom, why and how it was locked', async () => {
  await page.getByRole('tab', { name: 'Shared' }).click();
  await expect(page).toHaveURL(/tab=shared/);
  const rows = page.getByTestId('shared-tab').getByTestId('sharing-row');
  await expect(rows).toHaveCount(1);
  const row = rows.first();
  await expect(row).toContainText(ORG);
  await expect(row).toContainText(formatUkDate(TODAY));
  await expect(row.getByTestId('sharing-sections')).toHaveText(/Pupil details and contacts.*SEN status and needs.*Reviews/);
  await expect(row.getByTestId('sharing-basis')).toHaveText('Public task — Article 6(1)(e)Substantial public interest — Article 9(2)(g)');
  await expect(row).toContainText('Passphrase');
  await expect(row).toContainText(packageName);
  await expect(row).toContainText('Alex Morgan');
  await expect(row).toContainText('Requested for the speech and language assessment.');
  await expect(page.getByRole('button', { name: 'Print this list' })).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOTS}/shared-list.png` });
});

test('the Sharing page lists the whole log and filters it by organisation and dates', async () => {
  await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Sharing', exact: true }).click();
  await expect(page).toHaveURL(/#\/sharing$/);
  await expect(page.getByRole('heading', { name: 'Sharing', level: 1 })).toBeVisible();
  const mine = page.getByTestId('sharing-row').filter({ hasText: ORG });
  await expect(mine).toHaveCount(1);
  await expect(mine).toContainText(NAME);
  await expect(mine).toContainText('SEN status and needs');
  await expect(mine).toContainText('Public task — Article 6(1)(e)');
  await expect(mine.getByRole('link', { name: NAME })).toHaveAttribute('href', `#/pupils/${pupilId}?tab=shared`);

  await page.getByLabel('Organisation', { exact: true }).fill(`send team ${stamp}`);
  await expect(page.getByTestId('sharing-count')).toHaveText('1 export');
  await page.getByLabel('Organisation', { exact: true }).fill('No such agency');
  await expect(page.getByText('No exports match these filters')).toBeVisible();
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(mine).toHaveCount(1);

  // From tomorrow: nothing yet; an end before the start is said beside the field.
  await typeDate(page, 'Shared from', formatUkDate(addDays(TODAY, 1)));
  await expect(page.getByText('No exports match these filters')).toBeVisible();
  await typeDate(page, 'Shared up to', formatUkDate(TODAY));
  await expect(page.getByText('The end date is before the start date: change one of them.')).toBeVisible();
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(mine).toHaveCount(1);
  await typeDate(page, 'Shared from', formatUkDate(TODAY));
  await expect(mine).toHaveCount(1);
  await page.getByRole('button', { name: 'Clear filters' }).click();
});

test('transfer in: a wrong passphrase is said beside the field; the right one previews an update and imports', async () => {
  test.setTimeout(150_000);
  const transfer = page.getByTestId('transfer-in');
  await expect(transfer.getByRole('heading', { name: 'Transfer in a pupil’s record' })).toBeVisible();
  // Nothing chosen: said beside the file.
  await transfer.getByRole('button', { name: 'Preview' }).click();
  await expect(transfer.getByTestId('transfer-file-error')).toHaveText('Choose the .age file the other school sent you.');

  await transfer.getByTestId('transfer-file').setInputFiles(packagePath);
  await expect(transfer.getByTestId('transfer-file-name')).toContainText(packageName);
  const field = transfer.getByRole('textbox', { name: 'Passphrase', exact: true });
  await field.fill(WRONG);
  await transfer.getByRole('button', { name: 'Preview' }).click();
  const wrong = 'The passphrase does not unlock this package. Check it with the sender (capital letters and spaces count) and try again.';
  // Opening a passphrase package is deliberately slow (age's scrypt work factor): allow for it.
  await expect(field).toHaveAccessibleDescription(wrong, { timeout: 45_000 });
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(transfer.getByTestId('transfer-preview')).toHaveCount(0);

  await field.fill(passphrase);
  await transfer.getByRole('button', { name: 'Preview' }).click();
  const preview = transfer.getByTestId('transfer-preview');
  await expect(preview).toHaveAttribute('data-action', 'update', { timeout: 45_000 });
  await expect(preview.getByTestId('transfer-action')).toHaveText('Updates the pupil already on record with this UPN.');
  await expect(preview).toContainText(`${NAME}, born 3 September 2016, Year 5, UPN ${PUPIL.upn}`);
  await expect(preview).toContainText(`Example Primary School, exported on`);
  await expect(preview).toContainText(`for ${ORG}`);
  const changes = preview.getByTestId('transfer-change');
  await expect(changes).toHaveCount(3);
  await expect(changes.filter({ hasText: 'Pupil details and contacts' })).toHaveAttribute('data-kept', 'false');
  await expect(changes.filter({ hasText: 'SEN status and needs' })).toHaveAttribute('data-kept', 'false');
  const kept = changes.filter({ hasText: 'Reviews' });
  await expect(kept).toHaveAttribute('data-kept', 'true');
  await expect(kept).toContainText('Kept for reading only');
  // Signed with this school's own key, unchanged: no warning, nothing to accept, and nothing on record would change.
  await expect(preview.getByTestId('transfer-sender')).toHaveAttribute('data-status', 'own');
  await expect(preview.getByTestId('transfer-sender-status')).toContainText('Signed by this school');
  await expect(preview.getByTestId('transfer-key-mismatch')).toHaveCount(0);
  await expect(preview.getByTestId('transfer-diff-empty')).toHaveText('Nothing on the pupil’s record would change.');
  await expect(preview.getByTestId('transfer-accept')).toHaveCount(0);
  await preview.scrollIntoViewIfNeeded();
  await page.setViewportSize({ width: 1366, height: 1500 });
  await transfer.screenshot({ path: `${SCREENSHOTS}/transfer-preview.png` });
  await page.setViewportSize({ width: 1366, height: 850 });

  await preview.getByRole('button', { name: 'Import' }).click();
  const imported = transfer.getByTestId('transfer-imported');
  await expect(imported).toContainText(`Imported ${NAME}’s record.`, { timeout: 45_000 });
  await expect(imported).toContainText('The record already here was updated.');
  await imported.getByRole('link', { name: `Open ${NAME}’s record` }).click();
  await expect(page).toHaveURL(new RegExp(`#/pupils/${pupilId}$`));
  await expect(page.getByRole('heading', { name: NAME, level: 1 })).toBeVisible();

  // Still one pupil with this UPN.
  const list = await ok<{ rows: { upn: string }[] }>('pupils.list', { search: PUPIL.upn, includeFormer: true });
  expect(list.rows.filter((p) => p.upn === PUPIL.upn)).toHaveLength(1);
});

test('the review pack exports as a password-protected PDF and is logged', async () => {
  await page.goto(appUrl(`#/pupils/${pupilId}/reviews/${reviewId}`));
  await expect(page.getByRole('button', { name: 'Review pack (PDF)' })).toBeVisible();
  await page.getByRole('button', { name: 'Export protected PDF' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export the review pack as a protected PDF' });
  await dialog.getByLabel('Organisation receiving it').fill(PDF_ORG);
  await expect(dialog.getByRole('combobox', { name: 'Lawful basis (Article 6)' })).toHaveText('Public task — Article 6(1)(e)');
  await dialog.getByRole('textbox', { name: 'Password', exact: true }).fill('maple otter crocus lantern');
  await dialog.getByLabel('Confirm the password').fill('maple otter crocus');
  await dialog.getByRole('button', { name: 'Export and download' }).click();
  await expect(dialog.getByLabel('Confirm the password')).toHaveAccessibleDescription(/The two passwords are different/);
  await dialog.getByLabel('Confirm the password').fill('maple otter crocus lantern');

  const downloading = page.waitForEvent('download', { timeout: 45_000 });
  await dialog.getByRole('button', { name: 'Export and download' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/-protected\.pdf$/);
  const file = test.info().outputPath(download.suggestedFilename());
  await download.saveAs(file);
  const bytes = readFileSync(file);
  expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  expect(bytes.toString('latin1')).toContain('/Encrypt');
  await expect(page.getByTestId('pdf-done')).toContainText('asks for the password');
  await page.getByRole('button', { name: 'Close' }).click();

  await page.goto(appUrl(`#/pupils/${pupilId}?tab=shared`));
  const rows = page.getByTestId('sharing-row');
  await expect(rows).toHaveCount(2);
  await expect(rows.first()).toContainText(PDF_ORG);
  await expect(rows.first()).toContainText('Review pack');
  await expect(rows.first()).toContainText('Password (PDF)');
});

const FORGE = join(__dirname, 'forge-package.mjs');
const ANY_PASSPHRASE = 'any passphrase at all';
const FORGED_CONTACT = {
  name: 'Jo Sharetest',
  relationship: 'father',
  phone: '07700 900666',
  email: 'jo.sharetest@example.net',
  parentalResponsibility: true,
};

/** A genuine export of the pupil's details, locked to a key this spec holds, then changed as `opts` says. */
async function forged(
  name: string,
  opts: { mode: 'resign' | 'strip' | 'tamper'; school?: string; urn?: string; contacts?: unknown[] },
): Promise<string> {
  const keys = JSON.parse(execFileSync(process.execPath, [FORGE, 'keygen'], { encoding: 'utf8' })) as {
    identity: string;
    recipient: string;
  };
  const genuine = await ok<{ fileBase64: string }>('exports.create', {
    pupilId,
    organisation: `Forgery test ${stamp}`,
    sections: ['details', 'needs'],
    basis: { article6: 'public_task', article9: 'substantial_public_interest' },
    format: 'age_package',
    recipient: keys.recipient,
    passphrase: null,
    note: null,
  });
  const input = test.info().outputPath(`${name}-genuine.age`);
  writeFileSync(input, Buffer.from(genuine.fileBase64, 'base64'));
  const out = test.info().outputPath(`${name}.age`);
  execFileSync(process.execPath, [
    FORGE,
    'forge',
    JSON.stringify({ in: input, identity: keys.identity, out, passphrase: ANY_PASSPHRASE, contacts: [FORGED_CONTACT], ...opts }),
  ]);
  return out;
}

async function previewFile(file: string) {
  await page.goto(appUrl('#/sharing'));
  const transfer = page.getByTestId('transfer-in');
  await transfer.getByTestId('transfer-file').setInputFiles(file);
  await transfer.getByRole('textbox', { name: 'Passphrase', exact: true }).fill(ANY_PASSPHRASE);
  await transfer.getByRole('button', { name: 'Preview' }).click();
  return transfer;
}

const contactsOnRecord = async () =>
  (await ok<{ contacts: { phone: string | null; email: string | null }[] }>('pupils.get', { id: pupilId })).contacts;

test('transfer in: a forged package is flagged, lists each changed contact old and new, and writes nothing until the risk is accepted', async () => {
  test.setTimeout(150_000);
  const file = await forged('forged', { mode: 'resign' });
  const own = await ok<{ fingerprint: string }>('transfers.identity', {});
  const transfer = await previewFile(file);
  const preview = transfer.getByTestId('transfer-preview');
  await expect(preview).toHaveAttribute('data-action', 'update', { timeout: 45_000 });

  // Who made it: a key nobody here trusts, naming this school, which is not this school's key.
  const sender = preview.getByTestId('transfer-sender');
  await expect(sender).toHaveAttribute('data-status', 'unknown');
  await expect(sender.getByTestId('transfer-sender-status')).toContainText('Signed by a sender you have not trusted');
  await expect(sender.getByTestId('transfer-sender-school')).toHaveText(SCHOOL.name);
  await expect(sender.getByTestId('transfer-key-mismatch')).toContainText(
    `It names this school (URN ${SCHOOL.urn}), but it is not signed with this school’s key`,
  );
  const fingerprint = (await sender.getByTestId('transfer-sender-fingerprint').textContent()) ?? '';
  expect(fingerprint).toMatch(/^([0-9A-F]{4} ){15}[0-9A-F]{4}$/);
  expect(fingerprint).not.toBe(own.fingerprint);

  // Each changed field, the value on record and the value in the package: the father's telephone and email.
  const contacts = preview.getByTestId('transfer-diff-section').and(preview.locator('[data-section="contacts"]'));
  const rows = contacts.getByTestId('transfer-diff-row');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0).getByRole('rowheader')).toHaveText('Contact Jo Sharetest: telephone (changed)');
  await expect(rows.nth(0).getByTestId('transfer-diff-before')).toHaveText('01632 960222');
  await expect(rows.nth(0).getByTestId('transfer-diff-after')).toHaveText('07700 900666');
  await expect(rows.nth(1).getByRole('rowheader')).toHaveText('Contact Jo Sharetest: email (added)');
  await expect(rows.nth(1).getByTestId('transfer-diff-after')).toHaveText('jo.sharetest@example.net');
  await expect(preview.getByTestId('transfer-diff-section')).toHaveCount(1);
  await preview.scrollIntoViewIfNeeded();
  await page.setViewportSize({ width: 1366, height: 1700 });
  await transfer.screenshot({ path: `${SCREENSHOTS}/transfer-forged.png` });
  await page.setViewportSize({ width: 1366, height: 850 });

  // Import without accepting the risk: said beside the box, and nothing written.
  const accept = preview.getByRole('checkbox', { name: /I have checked with .* and I accept the risk/ });
  await expect(accept).not.toBeChecked();
  await preview.getByRole('button', { name: 'Import' }).click();
  await expect(accept).toHaveAccessibleDescription(
    'Tick to confirm that you accept the risk before importing from a sender that is not trusted.',
  );
  await expect(transfer.getByTestId('transfer-imported')).toHaveCount(0);
  expect(await contactsOnRecord()).toEqual([expect.objectContaining({ phone: '01632 960222', email: null })]);

  // Accepted, in so many words: exactly what was previewed is written.
  await accept.check();
  await preview.getByRole('button', { name: 'Import' }).click();
  await expect(transfer.getByTestId('transfer-imported')).toContainText('The record already here was updated.', { timeout: 45_000 });
  expect(await contactsOnRecord()).toEqual([expect.objectContaining({ phone: '07700 900666', email: 'jo.sharetest@example.net' })]);
});

test('transfer in: a signed package changed after signing is refused outright', async () => {
  test.setTimeout(120_000);
  // A contact other than the one on record now (the forged one imported above), so pupil.json really changes.
  const file = await forged('tampered', { mode: 'tamper', contacts: [{ ...FORGED_CONTACT, phone: '07700 900111' }] });
  const transfer = await previewFile(file);
  await expect(transfer.getByTestId('transfer-file-error')).toContainText('does not match what the sending school signed', {
    timeout: 45_000,
  });
  await expect(transfer.getByTestId('transfer-preview')).toHaveCount(0);
});

test('trusting a sender after comparing its fingerprint; Settings › School shows this school’s fingerprint and the trusted senders', async () => {
  test.setTimeout(150_000);
  const school = `Northgate Academy ${stamp}`;
  const file = await forged('northgate', { mode: 'resign', school, urn: '654321' });
  const transfer = await previewFile(file);
  const sender = transfer.getByTestId('transfer-sender');
  await expect(sender).toHaveAttribute('data-status', 'unknown', { timeout: 45_000 });
  await expect(sender.getByTestId('transfer-key-mismatch')).toHaveCount(0);
  const fingerprint = (await sender.getByTestId('transfer-sender-fingerprint').textContent()) ?? '';

  await sender.getByRole('button', { name: 'Trust this sender…' }).click();
  const dialog = page.getByRole('dialog', { name: `Trust ${school} as a sender` });
  await expect(dialog).toContainText('Phone');
  await expect(dialog.getByTestId('trust-fingerprint')).toHaveText(fingerprint);
  await dialog.getByRole('button', { name: 'Trust this sender' }).click();
  await expect(dialog.getByRole('checkbox', { name: 'They read out the same fingerprint, every group' })).toHaveAccessibleDescription(
    'Tick this only when every group matches what they read out.',
  );
  await dialog.getByRole('checkbox', { name: 'They read out the same fingerprint, every group' }).check();
  await dialog.getByLabel('How you checked (optional)').fill('Read out by their SENCo on the number in our address book.');
  await dialog.getByRole('button', { name: 'Trust this sender' }).click();
  await expect(dialog).toHaveCount(0);
  // The preview is made again: now a trusted sender, and no risk to accept.
  await expect(sender).toHaveAttribute('data-status', 'trusted', { timeout: 45_000 });
  await expect(sender.getByTestId('transfer-sender-status')).toContainText(`Signed by ${school}, a sender you trust`);
  await expect(transfer.getByTestId('transfer-accept')).toHaveCount(0);

  await page.goto(appUrl('#/settings'));
  const own = await ok<{ fingerprint: string }>('transfers.identity', {});
  await expect(page.getByTestId('signing-fingerprint')).toHaveText(own.fingerprint);
  const row = page.getByTestId('trusted-sender-row').filter({ hasText: school });
  await expect(row).toContainText('654321');
  await expect(row).toContainText(fingerprint);
  await expect(row).toContainText('Alex Morgan');
  await expect(row).toContainText('Read out by their SENCo');
  await page.screenshot({ path: `${SCREENSHOTS}/settings-signing.png`, fullPage: true });
  await row.getByRole('button', { name: `Stop trusting ${school}` }).click();
  const confirm = page.getByRole('dialog', { name: `Stop trusting ${school}?` });
  await confirm.getByRole('button', { name: 'Stop trusting' }).click();
  await expect(page.getByRole('status').filter({ hasText: `${school} is no longer a trusted sender.` })).toBeVisible();
  await expect(page.getByTestId('trusted-sender-row').filter({ hasText: school })).toHaveCount(0);
});
