/**
 * The provision map through the real renderer at 1366×768 on the small demo school (issue 18, item 2): the SENCo
 * opens it from the navigation, sees the costed map, filters and groups it (the filters go in the address, never a
 * pupil), opens a pupil's costed provision (from the map and from the pupil's profile), and downloads the pupil's
 * funding request, the governors' print and the CSV; a teacher and a therapist see the map of their own pupils with
 * no cost anywhere on the page (no "£", no cost column, no export or print). Nothing scrolls sideways.
 * Screenshots: test-results/screenshots/provision-map-*.png.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { pick, SCREENSHOTS } from './fixtures';
import { signInAs, startSchoolDemo, type SchoolDemo } from './school-demo';

test.describe.configure({ mode: 'serial' });

let demo: SchoolDemo;

test.beforeAll(async () => {
  test.setTimeout(300_000);
  mkdirSync(SCREENSHOTS, { recursive: true });
  demo = await startSchoolDemo('small');
});
test.afterAll(async () => demo?.stop());

async function noSidewaysScroll(page: Page): Promise<void> {
  const { scroll, client } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  expect(scroll, 'the page scrolls sideways').toBeLessThanOrEqual(client);
}

/** axe-core (WCAG 2.0/2.1 A and AA) finds no serious or critical violation on the page as it stands (a drawer open too). */
async function axeClean(page: Page, where: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join('; ')}`);
  expect(bad, where).toEqual([]);
}

async function download(page: Page, click: () => Promise<void>, name: string): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = join('test-results', `provision-map-${name}`);
  await file.saveAs(path);
  return path;
}

const pdfText = (path: string) => execFileSync('/usr/bin/pdftotext', ['-layout', '-enc', 'UTF-8', path, '-'], { encoding: 'utf8' });

test('the SENCo sees the costed map, filters it, opens a pupil’s costed provision and downloads the PDFs and the CSV', async ({ page }) => {
  test.setTimeout(180_000);
  await signInAs(page, demo, 'senco');
  await page.getByRole('navigation').getByRole('link', { name: 'Provision map' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Provision map' })).toBeVisible();
  const total = page.getByTestId('map-total');
  await expect(total).toHaveText(/^£\d{1,3}(,\d{3})*$/);
  const provisions = page.getByTestId('map-provisions');
  await expect(provisions.getByRole('columnheader', { name: 'Cost a year' })).toBeVisible();
  await expect(provisions.getByRole('columnheader', { name: 'Effectiveness' })).toBeVisible();
  await expect(provisions.getByText('Lego therapy')).toBeVisible();
  await noSidewaysScroll(page);
  await page.screenshot({ path: `${SCREENSHOTS}/provision-map-senco.png`, fullPage: false });

  // Filtered to the specific wave and grouped by year group: the address holds the choices, and no pupil.
  await pick(page, 'Wave', 'Specific');
  await expect(page).toHaveURL(/wave=specific/);
  await expect(provisions.getByText('Lego therapy')).toHaveCount(0);
  await expect(provisions.getByRole('row').nth(1)).toContainText('Specific');
  await pick(page, 'Group by', 'Year group');
  await expect(page).toHaveURL(/group=year/);
  const pupils = page.getByTestId('map-pupils');
  await expect(pupils.getByRole('rowheader').first()).toContainText(/^Year \d+/);
  const firstPupil = pupils.getByRole('button').first();
  const name = (await firstPupil.textContent())!.trim();
  expect(decodeURIComponent(page.url())).not.toContain(name);
  expect(decodeURIComponent(page.url())).not.toContain(name.split(' ')[1]!);
  await noSidewaysScroll(page);
  await page.screenshot({ path: `${SCREENSHOTS}/provision-map-filtered.png`, fullPage: false });

  // The pupil's costed provision: their places, total, the threshold and the part above it.
  await firstPupil.click();
  const drawer = page.getByTestId('pupil-provision');
  await expect(drawer.getByRole('heading', { name: `Provision for ${name}` })).toBeVisible();
  await expect(drawer.getByTestId('pupil-provision-costs')).toContainText('Total cost of additional provision');
  await expect(drawer.getByTestId('pupil-provision-costs')).toContainText('Notional SEN threshold£6,000');
  await expect(drawer.getByTestId('pupil-top-up')).toHaveText(/^(£\d{1,3}(,\d{3})*|None: the cost is within the threshold)$/);
  expect(decodeURIComponent(page.url())).not.toContain(name);
  await axeClean(page, 'the SENCo’s pupil drawer');
  await page.screenshot({ path: `${SCREENSHOTS}/provision-map-pupil.png`, fullPage: false });
  const funding = await download(page, () => drawer.getByTestId('funding-request').click(), 'funding.pdf');
  const fundingText = pdfText(funding);
  expect(fundingText).toContain(name);
  expect(fundingText).toContain('TOP-UP FUNDING REQUEST');
  expect(
    fundingText
      .split('\f')
      .filter((p) => p.trim())
      .every((p) => /Confidential/.test(p)),
  ).toBe(true);
  await expect(drawer.getByRole('status')).toContainText(/Saved funding-request-.*\.pdf/);
  await drawer.getByRole('button', { name: 'Close' }).first().click();
  await expect(drawer).toBeHidden();

  // The governors' print and the CSV, for the filtered map.
  const governors = pdfText(await download(page, () => page.getByTestId('map-pdf').click(), 'governors.pdf'));
  expect(governors).toContain('FOR GOVERNORS');
  expect(governors).toContain('Only: Specific.');
  expect(governors).not.toContain(name);
  const csvPath = await download(page, () => page.getByTestId('map-csv').click(), 'map.csv');
  const csv = readFileSync(csvPath, 'utf8');
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  expect(csv.split('\r\n')[0]).toContain('Cost (£)');
  expect(csv).toContain(name);
  expect(csv).not.toContain('Lego therapy');
  await expect(page.getByRole('status').first()).toContainText(/Saved \d+ rows? as provision-map-.*\.csv/);

  // From the pupil's profile too.
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(page).not.toHaveURL(/wave=/);
  await pupils
    .getByRole('button', { name: `Provision for ${name}` })
    .first()
    .click();
  await drawer.getByRole('link', { name: `Open ${name}’s profile` }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await page.getByRole('button', { name: 'Costed provision' }).click();
  await expect(page.getByTestId('pupil-provision').getByTestId('pupil-provision-costs')).toBeVisible();
  // Slid fully in before the screenshot.
  await expect(page.locator('.MuiDrawer-paper', { has: page.getByTestId('pupil-provision') })).toHaveCSS('transform', 'none');
  await noSidewaysScroll(page);
  await page.screenshot({ path: `${SCREENSHOTS}/provision-map-profile.png`, fullPage: false });
});

for (const who of ['teacher1', 'therapist1'] as const) {
  test(`${who === 'teacher1' ? 'a teacher' : 'a therapist'} sees the map of their own pupils with no cost anywhere on the page`, async ({
    page,
  }) => {
    test.setTimeout(120_000);
    await signInAs(page, demo, who);
    await page.getByRole('navigation').getByRole('link', { name: 'Provision map' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Provision map' })).toBeVisible();
    await expect(page.getByTestId('map-provisions').or(page.getByText('No provision in the map'))).toBeVisible();
    const text = await page.locator('#main').innerText();
    expect(text).not.toContain('£');
    expect(text).not.toMatch(/\bcost\b|Cost a year|Cost per pupil|Above threshold|threshold|hourly rate/i);
    await expect(
      page.getByText('Costs are shown to the SENCo and headteacher only.').or(page.getByText('No provision in the map')),
    ).toBeVisible();
    await expect(page.getByRole('columnheader', { name: /cost/i })).toHaveCount(0);
    await expect(page.getByTestId('map-csv')).toHaveCount(0);
    await expect(page.getByTestId('map-pdf')).toHaveCount(0);
    // A pupil's provision: hours, and still no cost.
    const first = page.getByTestId('map-pupils').getByRole('button').first();
    // The demo's teacher and therapist each have pupils on the map, so every step below runs.
    expect(await first.count(), `${who} has no pupil on the demo's map`).toBeGreaterThan(0);
    {
      await first.click();
      const drawer = page.getByTestId('pupil-provision');
      await expect(drawer.getByRole('columnheader', { name: 'Hours a week' })).toBeVisible();
      const inDrawer = await drawer.innerText();
      expect(inDrawer).not.toContain('£');
      await expect(drawer.getByTestId('funding-request')).toHaveCount(0);
      await expect(drawer.getByTestId('pupil-provision-costs')).toHaveCount(0);
      await axeClean(page, `the ${who}’s pupil drawer`);
      await page.screenshot({ path: `${SCREENSHOTS}/provision-map-${who}-pupil.png`, fullPage: false });
      await drawer.getByRole('button', { name: 'Close' }).first().click();
      // Closed for good: while it slides away the map behind it is hidden from the accessibility tree.
      await expect(drawer).toBeHidden();
    }
    await noSidewaysScroll(page);
    await page.screenshot({ path: `${SCREENSHOTS}/provision-map-${who}.png`, fullPage: false });
    // The pupil's profile offers the same, uncosted: "Provision", never "Costed provision".
    {
      await first.click();
      await page
        .getByTestId('pupil-provision')
        .getByRole('link', { name: /^Open .*’s profile$/ })
        .click();
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expect(page.getByRole('button', { name: 'Costed provision' })).toHaveCount(0);
      await page.screenshot({ path: `${SCREENSHOTS}/provision-map-${who}-profile-button.png`, fullPage: false });
      await page.getByRole('button', { name: 'Provision', exact: true }).click();
      const drawer = page.getByTestId('pupil-provision');
      await expect(drawer.getByRole('columnheader', { name: 'Hours a week' })).toBeVisible();
      expect(await drawer.innerText()).not.toContain('£');
      await expect(drawer.getByTestId('pupil-provision-costs')).toHaveCount(0);
      await expect(page.locator('.MuiDrawer-paper', { has: page.getByTestId('pupil-provision') })).toHaveCSS('transform', 'none');
      await page.screenshot({ path: `${SCREENSHOTS}/provision-map-${who}-profile.png`, fullPage: false });
    }
  });
}
