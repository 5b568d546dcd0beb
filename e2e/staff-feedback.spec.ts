/**
 * Staff checks, complaints and feedback, and the policy review, end to end on the school register.spec.ts set up.
 * In the UI: a staff member whose first aid expired (a badly formed DBS number is refused beside its field first)
 * shows in the dashboard's "Staff checks and training" as expired; a CPD entry of 1.5 hours shows in their log and
 * in the table. A complaint is recorded, acknowledged and escalated (the stage moves to the formal procedure), and
 * the governors' report counts it. The therapy policy, due for review within 60 days, shows on the dashboard as
 * due. Screenshots of the staff page, the complaint form and the governors' report.
 */
import { expect, test, type Page } from '@playwright/test';
import { formatLongDate, formatUkDate, todayIso } from '../shared/dates';
import { SCREENSHOTS, appUrl, typeDate, callApi, signedInPage } from './fixtures';

function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
function addYears(iso: string, years: number): string {
  return `${Number(iso.slice(0, 4)) + years}${iso.slice(4)}`;
}

const TODAY = todayIso();
const YEAR_START = `${Number(TODAY.slice(5, 7)) >= 9 ? TODAY.slice(0, 4) : Number(TODAY.slice(0, 4)) - 1}-09-01`;
const YEAR_END = `${Number(YEAR_START.slice(0, 4)) + 1}-08-31`;
const later = (a: string, b: string) => (a > b ? a : b);

const STAFF = 'Jordan Firstaid-Test';
// Fifteen days short of four years ago, so it expired about a year ago (certificates last three years); mid-month
// dates keep clear of 29 February.
const FIRST_AID = addDays(addYears(TODAY, -4), 15);
const FIRST_AID_EXPIRED = addYears(FIRST_AID, 3);
const DBS_ISSUED = addDays(TODAY, -200);
// A complaint received a week ago (or on the first day of the school year, if that is later), so the default
// report period (this academic year) holds it.
const RECEIVED = later(addDays(TODAY, -7), YEAR_START);
const COMPLAINT = 'Therapy sessions were moved twice without the family being told.';
const POLICY = 'Policy for Therapy Provision';
const REVIEW = addDays(TODAY, 30);

test.describe.configure({ mode: 'serial' });

let page: Page;

function ok<T>(op: string, input: unknown): Promise<T> {
  return callApi<T>(page, op, input);
}

test.beforeAll(async ({ browser }) => {
  page = await signedInPage(browser);
});

test.afterAll(async () => {
  await page.close();
});

test('a staff member whose first aid has expired shows on the dashboard as expired', async () => {
  await page.goto(appUrl('#/staff'));
  await expect(page.getByRole('heading', { level: 1, name: 'Staff checks and training' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'How due dates are worked out' })).toBeVisible();
  await expect(page.getByText('First aid: certificates last 3 years, where the role needs first aid.')).toBeVisible();
  await page.getByRole('button', { name: 'Add staff member' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Add a staff member' });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('Full name').fill(STAFF);
  await dialog.getByLabel('Job title').fill('Teaching assistant');
  await expect(dialog.getByText('Record the number only: never scan, photograph or keep a copy of the certificate.')).toBeVisible();
  await dialog.getByLabel('DBS certificate number').fill('12345');
  await typeDate(dialog, 'DBS issue date', formatUkDate(DBS_ISSUED));
  await dialog.getByRole('combobox', { name: 'Safeguarding training level' }).click();
  await page.getByRole('option', { name: 'Level 2', exact: true }).click();
  await typeDate(dialog, 'Safeguarding training date', formatUkDate(addDays(TODAY, -100)));
  await dialog.getByLabel('The role needs first aid training').check();
  await typeDate(dialog, 'First aid training date', formatUkDate(FIRST_AID));
  await dialog.getByRole('button', { name: 'Add staff member' }).click();
  // The badly formed number is refused beside its field, with what to do; nothing typed is lost.
  await expect(dialog.getByText(/^A DBS certificate number is 12 digits \(it is on the certificate\)\./)).toBeVisible();
  // The summary lists the field, linked to it (issue 17, item 8).
  await expect(dialog.getByRole('alert').getByRole('link', { name: /: A DBS certificate number is 12 digits/ })).toBeVisible();
  await expect(dialog.getByLabel('Full name')).toHaveValue(STAFF);
  await page.setViewportSize({ width: 1366, height: 1500 });
  await page.screenshot({ path: `${SCREENSHOTS}/staff-form.png` });
  await page.setViewportSize({ width: 1366, height: 850 });
  await dialog.getByLabel('DBS certificate number').fill('0012 3456 7890');
  await dialog.getByRole('button', { name: 'Add staff member' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: `${STAFF}’s record is saved.` })).toBeVisible();

  const row = page.locator(`[data-testid="staff-row"][data-name="${STAFF}"]`);
  await expect(row.locator('[data-item="first_aid"]')).toContainText(`Expired${formatLongDate(FIRST_AID_EXPIRED)}`);
  await expect(row.locator('[data-item="dbs"]')).toContainText(`OK until${formatLongDate(addYears(DBS_ISSUED, 3))}`);
  await expect(row.locator('[data-item="dbs"]')).toContainText('Certificate 001234567890');
  await expect(row.locator('[data-item="registration"]')).toContainText('Not needed');
  await expect(row.locator('[data-item="thrive"]')).toContainText('Not needed');

  // The dashboard's count of staff checks needing attention opens this list (issue 17).
  await page.goto(appUrl('#/worklist?list=staff'));
  const card = page.getByTestId('staff-alerts-card');
  await expect(card.getByRole('heading', { name: 'Staff checks and training' })).toBeVisible();
  const alert = card.getByTestId('staff-alert-row').filter({ hasText: STAFF }).filter({ hasText: 'First aid' });
  await expect(alert).toContainText(`Expired ${formatLongDate(FIRST_AID_EXPIRED)}`);
  await expect(alert).toHaveAttribute('data-state', 'expired');
  // Expired comes before anything missing or due.
  await expect(card.getByTestId('staff-alert-row').first()).toHaveAttribute('data-state', 'expired');
  await expect(card.getByTestId('staff-alerts-summary')).toContainText('expired');
});

test('a CPD entry with decimal hours shows in the log and the hours this year', async () => {
  await page.goto(appUrl('#/staff'));
  await page.getByRole('button', { name: `CPD log for ${STAFF}` }).click();
  const dialog = page.getByRole('dialog', { name: `CPD log: ${STAFF}` });
  await expect(dialog.getByTestId('cpd-hours')).toContainText('0 hours of CPD');
  await dialog.getByLabel('Course').fill('Makaton level 1');
  await typeDate(dialog, 'Date', formatUkDate(later(addDays(TODAY, -3), YEAR_START)));
  await dialog.getByLabel('Provider').fill('Example Borough Council');
  await dialog.getByLabel('Hours').fill('1,5');
  await dialog.getByRole('button', { name: 'Add entry' }).click();
  await expect(dialog.getByRole('status').filter({ hasText: '“Makaton level 1” added (1.5 hours).' })).toBeVisible();
  await expect(dialog.getByTestId('cpd-hours')).toContainText('1.5 hours of CPD (continuing professional development) this school year');
  await expect(dialog.getByTestId('cpd-row')).toHaveCount(1);
  await dialog.getByRole('button', { name: 'Done' }).click();
  const row = page.locator(`[data-testid="staff-row"][data-name="${STAFF}"]`);
  await expect(row.getByTestId('staff-cpd-hours')).toHaveText('1.5');
  await page.screenshot({ path: `${SCREENSHOTS}/staff-page.png`, fullPage: true });
  // Printed, the record is the table and the rules alone: no navigation, filters or buttons.
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('navigation', { name: 'Main menu' })).toBeHidden();
  await expect(page.getByLabel('Search by name or job title')).toBeHidden();
  await expect(page.getByText('Single central record: staff checks and training')).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOTS}/staff-page-print.png`, fullPage: true });
  await page.emulateMedia({ media: 'screen' });
});

test('a complaint is recorded, acknowledged and escalated, and the governors’ report counts it', async () => {
  const before = await ok<{ complaints: { total: number; escalated: number; open: number; bySource: Record<string, number> } }>(
    'feedback.report',
    { from: YEAR_START, to: YEAR_END },
  );

  await page.goto(appUrl('#/feedback'));
  await expect(page.getByRole('heading', { level: 1, name: 'Complaints and feedback' })).toBeVisible();
  await page.getByRole('button', { name: 'Record feedback or a complaint' }).click();
  let dialog = page.getByRole('dialog', { name: 'Record feedback or a complaint' });
  await dialog.getByRole('radio', { name: 'Complaint' }).check();
  await expect(dialog.getByRole('radio', { name: 'With the SENCo (the first step)' })).toBeChecked();
  await dialog.getByLabel('Their name (optional)').fill('Dana Complainant');
  await typeDate(dialog, 'Date received', formatUkDate(RECEIVED));
  await dialog.getByLabel('Summary').fill(COMPLAINT);
  await expect(dialog.getByTestId('complaint-deadlines')).toContainText('Acknowledge by');
  await expect(dialog.getByTestId('complaint-deadlines')).toContainText('Respond by');
  // A taller window, so the picture shows the whole form with the complaint's route and its dates.
  await page.setViewportSize({ width: 1366, height: 1400 });
  await page.screenshot({ path: `${SCREENSHOTS}/complaint-form.png` });
  await page.setViewportSize({ width: 1366, height: 850 });
  await dialog.getByRole('button', { name: 'Save complaint' }).click();
  await expect(dialog).toBeHidden();

  const row = page.getByTestId('feedback-row').filter({ hasText: COMPLAINT });
  await expect(row.getByTestId('complaint-status')).toHaveText('Received, not yet acknowledged');
  await expect(row).toContainText('With the SENCo');
  await expect(row).toContainText('Acknowledge by');

  // Acknowledged the day it came in.
  await row.getByRole('button', { name: /^Open the complaint received on/ }).click();
  dialog = page.getByRole('dialog', { name: 'Complaint' });
  await expect(dialog.getByRole('radio', { name: 'Feedback' })).toBeDisabled();
  await typeDate(dialog, 'Date acknowledged', formatUkDate(RECEIVED));
  await dialog.getByRole('button', { name: 'Save changes' }).click();
  await expect(dialog).toBeHidden();
  await expect(row.getByTestId('complaint-status')).toHaveText('Acknowledged');

  // Not settled with the SENCo: escalated today, which moves it to the formal procedure.
  await row.getByRole('button', { name: /^Open the complaint received on/ }).click();
  dialog = page.getByRole('dialog', { name: 'Complaint' });
  await typeDate(dialog, 'Date escalated', formatUkDate(TODAY));
  await expect(dialog.getByRole('radio', { name: 'In the school’s formal complaints procedure' })).toBeChecked();
  await dialog.getByRole('button', { name: 'Save changes' }).click();
  await expect(dialog).toBeHidden();
  await expect(row.getByTestId('complaint-status')).toHaveText('Escalated');
  await expect(row).toContainText('Formal complaints procedure');

  // Open complaints only still lists it; feedback only does not.
  // The switch follows the address, which updates just after the click.
  const openOnly = page.getByLabel('Open complaints only');
  await openOnly.click();
  await expect(openOnly).toBeChecked();
  await expect(row).toBeVisible();
  await page.getByRole('button', { name: 'Feedback', exact: true }).click();
  await expect(row).toBeHidden();
  await page.getByRole('button', { name: 'All', exact: true }).click();
  await openOnly.click();
  await expect(openOnly).not.toBeChecked();

  await page.getByRole('tab', { name: 'Report for governors' }).click();
  const report = page.getByTestId('governors-report');
  await expect(report.getByTestId('report-period')).toContainText('1 September');
  const figures = report.getByTestId('report-complaint-figures');
  await expect(figures.locator('[data-key="total"] td')).toHaveText(String(before.complaints.total + 1));
  await expect(figures.locator('[data-key="escalated"] td')).toHaveText(String(before.complaints.escalated + 1));
  await expect(figures.locator('[data-key="open"] td')).toHaveText(String(before.complaints.open + 1));
  await expect(figures.locator('[data-key="medianAck"] td')).toContainText('working day');
  await expect(report.getByTestId('report-complaint-sources').locator('[data-key="parent"] td').last()).toHaveText(
    String((before.complaints.bySource.parent ?? 0) + 1),
  );
  // Counts only: no names or summaries.
  await expect(report).not.toContainText('Dana Complainant');
  await expect(report).not.toContainText(COMPLAINT);
  await page.screenshot({ path: `${SCREENSHOTS}/governors-report.png`, fullPage: true });
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('tablist')).toBeHidden();
  await expect(report).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOTS}/governors-report-print.png`, fullPage: true });
  await page.emulateMedia({ media: 'screen' });
});

test('the therapy policy due for review within 60 days shows on the dashboard as due', async () => {
  await page.goto(appUrl('#/settings?tab=policies'));
  const section = page.getByTestId('policy-settings');
  await expect(section.getByRole('heading', { name: 'Policies' })).toBeVisible();
  const suggest = section.getByRole('button', { name: 'Add the therapy policy' });
  if (await suggest.isVisible()) {
    await expect(section).toContainText('Start with the Policy for Therapy Provision');
    await suggest.click();
  } else {
    await section.getByRole('button', { name: 'Add a policy' }).click();
  }
  const dialog = page.getByRole('dialog', { name: 'Add a policy' });
  await dialog.getByLabel('Title').fill(POLICY);
  await dialog.getByLabel('Policy holder').fill('Headteacher');
  await dialog.getByLabel('Approved by').fill('Governing Body');
  await typeDate(dialog, 'Date approved', formatUkDate(addDays(REVIEW, -365)));
  await typeDate(dialog, 'Next review', formatUkDate(REVIEW));
  await dialog.getByRole('button', { name: 'Save policy' }).click();
  await expect(dialog).toBeHidden();
  await expect(section.getByTestId('policy-row').filter({ hasText: POLICY }).first()).toContainText(`Review due ${formatLongDate(REVIEW)}`);
  await page.screenshot({ path: `${SCREENSHOTS}/settings-policies.png` });

  // The dashboard's count of policy reviews due opens this list (issue 17).
  await page.goto(appUrl('#/worklist?list=policies'));
  const card = page.getByTestId('policy-review-card');
  await expect(card.getByRole('heading', { name: 'Therapy policy review' })).toBeVisible();
  const due = card.getByTestId('policy-review-row').filter({ hasText: `Review due ${formatLongDate(REVIEW)}` });
  await expect(due).toContainText(POLICY);
  await expect(due).toContainText('in 30 days');
  await expect(due).toHaveAttribute('data-state', 'due_soon');
  await card.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SCREENSHOTS}/dashboard-staff-policy.png` });
});
