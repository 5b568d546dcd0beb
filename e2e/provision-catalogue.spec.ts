/**
 * The school's provision catalogue through the real renderer at 1366×768 (issue 18, item 1), on the small demo:
 * the SENCo builds a provision, places two pupils on it from the register, records a measure and sees it in the list;
 * the SENCo sets an hourly rate in Settings › Provision costs (a rate that is not money is refused in words first);
 * a teacher and a therapist are not offered the Provision costs tab; and picking a provision in the booking form fills
 * what the catalogue knows.
 */
import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { pick, SCREENSHOTS } from './fixtures';
import { callAs, signInAs, startSchoolDemo, type SchoolDemo } from './school-demo';

test.describe.configure({ mode: 'serial' });
test.use({ viewport: { width: 1366, height: 768 } });

const NAME = 'Word aware vocabulary group';
let demo: SchoolDemo;
let page: Page;

test.beforeAll(async ({ browser }) => {
  test.setTimeout(240_000);
  mkdirSync(SCREENSHOTS, { recursive: true });
  demo = await startSchoolDemo('small');
  page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
});
test.afterAll(async () => {
  await page?.close();
  await demo?.stop();
});

test('the SENCo builds a provision, places two pupils on it, records a measure and sees it in the list', async () => {
  await signInAs(page, demo, 'senco');
  const register = await callAs<{ rows: { id: string; name: string; former: boolean }[] }>(page, demo, 'pupils.list', {
    pageSize: 10,
    sort: 'name',
    direction: 'asc',
  });
  const [first, second] = register.rows.filter((r) => !r.former);
  expect(first && second).toBeTruthy();

  await page.getByRole('navigation').getByRole('link', { name: 'Provision catalogue' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Provision catalogue' })).toBeVisible();
  await page.getByRole('button', { name: 'Add a provision' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Add a provision' });
  // Saved with nothing filled in: each field says what is wrong.
  await dialog.getByRole('button', { name: 'Add provision' }).click();
  await expect(dialog.getByText('This is required.').first()).toBeVisible();
  await dialog.getByLabel('Name').fill(NAME);
  await pick(page, 'Area of need', 'Communication and interaction', dialog);
  await pick(page, 'Wave', 'Targeted', dialog);
  await dialog.getByLabel('Group size').fill('6');
  await dialog.getByLabel('Sessions a week').fill('3');
  await dialog.getByLabel('Minutes a session').fill('20');
  await pick(page, 'Delivered by', 'Teaching assistant', dialog);
  await dialog.getByLabel('Measure (optional)').fill('Target words known (of 20)');
  await page.screenshot({ path: `${SCREENSHOTS}/provision-catalogue-new.png` });
  await dialog.getByRole('button', { name: 'Add provision' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: `“${NAME}” saved.` })).toBeVisible();
  const row = page.getByTestId('provision-row').filter({ has: page.getByText(NAME, { exact: true }) });
  await expect(row).toContainText('3 × 20 minutes');
  await expect(row).toContainText('1 hour a week');
  await expect(row).toContainText('Target words known (of 20)');

  // Place two pupils from the register.
  await row.getByRole('button', { name: `Pupils on ${NAME}` }).click();
  const panel = page.getByTestId('provision-pupils-panel');
  await expect(panel.getByText('Nobody placed on it yet')).toBeVisible();
  await panel.getByRole('button', { name: 'Place pupils' }).click();
  const place = page.getByRole('dialog', { name: `Place pupils on ${NAME}` });
  for (const p of [first!, second!]) {
    await place.getByRole('combobox', { name: 'Add a pupil' }).fill(p.name);
    await page
      .getByRole('option', { name: new RegExp(`^${p.name}`) })
      .first()
      .click();
  }
  await expect(place.getByTestId('place-chosen').getByRole('listitem')).toHaveCount(2);
  await place.getByRole('button', { name: 'Place 2 pupils' }).click();
  await expect(place).toBeHidden();
  await expect(panel.getByTestId('placement-row')).toHaveCount(2);

  // Record an entry measure: a value that is not a number is refused in words first.
  await panel.getByRole('button', { name: `Record measures for ${first!.name}` }).click();
  const measures = page.getByRole('dialog', { name: `Measures for ${first!.name}` });
  await measures.getByLabel('Entry value').fill('twelve');
  await measures.getByRole('button', { name: 'Save measures' }).click();
  await expect(measures.getByText('Enter a number, for example 24 or 7.5, or leave it empty.')).toBeVisible();
  await measures.getByLabel('Entry value').fill('12');
  await measures.getByRole('button', { name: 'Save measures' }).click();
  await expect(measures).toBeHidden();
  const placed = panel.getByTestId('placement-row').filter({ hasText: first!.name });
  await expect(placed.getByTestId('placement-entry')).toContainText(/^12 on \d{1,2} \w+ \d{4}$/);
  await expect(row.getByTestId('provision-pupils')).toHaveText('2');
  await page.screenshot({ path: `${SCREENSHOTS}/provision-catalogue-pupils.png` });
  await page.getByRole('heading', { level: 1, name: 'Provision catalogue' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SCREENSHOTS}/provision-catalogue-list.png` });

  // The core holds what the screen says.
  const list = await callAs<{ id: string; name: string; currentPupils: number }[]>(page, demo, 'provisions.list', {});
  const mine = list.find((p) => p.name === NAME)!;
  expect(mine.currentPupils).toBe(2);
  const detail = await callAs<{ placements: { pupilId: string; entryValue: number | null; entryDate: string | null }[] }>(
    page,
    demo,
    'provisions.get',
    { id: mine.id },
  );
  expect(detail.placements.find((p) => p.pupilId === first!.id)).toMatchObject({ entryValue: 12 });
  expect(detail.placements.find((p) => p.pupilId === first!.id)!.entryDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
});

test('the SENCo sets an hourly rate in Settings › Provision costs', async () => {
  await page.goto(demo.hashUrl('#/settings?tab=costs'));
  await expect(page.getByRole('tab', { name: 'Provision costs' })).toHaveAttribute('aria-selected', 'true');
  const rate = page.getByLabel('Teaching assistant (£ an hour)', { exact: true });
  await rate.fill('eighteen');
  await page.getByRole('button', { name: 'Save costs' }).click();
  await expect(page.getByText('Enter an amount in pounds and pence, for example 18.50.')).toBeVisible();
  await rate.fill('18.75');
  await page.getByRole('button', { name: 'Save costs' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Provision costs saved.' })).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOTS}/provision-catalogue-costs.png` });
  const rates = await callAs<{ role: string; hourlyPence: number | null }[]>(page, demo, 'provision.rates.get', {});
  expect(rates.find((r) => r.role === 'teaching_assistant')?.hourlyPence).toBe(1875);
});

test('picking a provision in the booking form fills what the catalogue knows', async () => {
  await page.goto(demo.hashUrl('#/sessions'));
  await page.getByRole('button', { name: 'Schedule a session' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Schedule a session' });
  await expect(dialog.getByLabel('Session title')).toHaveValue('');
  await pick(page, 'From the provision catalogue (optional)', `${NAME} (3 × 20 minutes)`, dialog);
  await expect(dialog.getByLabel('Session title')).toHaveValue(NAME);
  await expect(dialog.getByLabel('Length in minutes')).toHaveValue('20');
  await page.screenshot({ path: `${SCREENSHOTS}/provision-catalogue-booking-picker.png` });
  await page.keyboard.press('Escape');
  await page.getByRole('dialog', { name: 'Discard changes?' }).getByRole('button', { name: 'Discard changes' }).click();
  await expect(dialog).toBeHidden();
});

for (const user of ['teacher1', 'therapist1']) {
  test(`${user} is not offered the Provision costs tab`, async ({ browser }) => {
    const other = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    try {
      await signInAs(other, demo, user);
      await other.goto(demo.hashUrl('#/settings?tab=costs'));
      await expect(other.getByRole('tab', { name: 'School' })).toHaveAttribute('aria-selected', 'true');
      await expect(other.getByRole('tab', { name: 'Provision costs' })).toHaveCount(0);
      await expect(other.getByText('Hourly rates')).toHaveCount(0);
      await other.screenshot({ path: `${SCREENSHOTS}/provision-catalogue-settings-${user}.png` });
    } finally {
      await other.close();
    }
  });
}
