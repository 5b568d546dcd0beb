/**
 * The dashboard as a worklist (issue 17, item 1), on the school-sized demo (2,000 pupils, 400 on the register) at a
 * school laptop's 1366x768, as the SENCo and as a therapist: the dashboard fits the first screen, "Do next" shows
 * the user's own items grouped by pupil (as dashboard.worklist gives them), every count opens exactly its list, and
 * axe-core finds no serious or critical violation. Screenshots go to SCREENSHOTS.
 *
 * The shared test host holds the small school the other specs build; this spec starts its own host on a data folder
 * filled by `senco-desk demo --size school` (about 30 s), and stops it at the end.
 */
import { expect, test, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { SCREENSHOTS } from './fixtures';
import { startSchoolDemo, type SchoolDemo } from './school-demo';

const PASSWORD = 'senco-desk-demo';
const VIEWPORT = { width: 1366, height: 768 };

let demo: SchoolDemo | null = null;
let url = '';

interface WorkGroup {
  readonly pupilId: string;
  readonly pupilName: string;
  readonly items: readonly { readonly kind: string; readonly overdue: boolean; readonly dueDate: string }[];
}
interface Worklist {
  readonly groups: readonly WorkGroup[];
  readonly canSeeEveryone: boolean;
  readonly counts: {
    readonly clocks: { readonly overdue: number; readonly due_this_week: number; readonly upcoming: number } | null;
    readonly goldenThread: { readonly pupils: number } | null;
    readonly actions: { readonly open: number } | null;
    readonly sessionsToRecord: number | null;
  };
}

test.describe.configure({ mode: 'serial', timeout: 240_000 });

test.beforeAll(async () => {
  test.setTimeout(240_000);
  demo = await startSchoolDemo('school');
  url = demo.url;
});

test.afterAll(async () => {
  await demo?.stop();
});

const origin = () => new URL(url).origin;
const hashUrl = (hash: string) => new URL(hash, origin()).toString();

async function signInAs(page: Page, username: string): Promise<void> {
  await page.setViewportSize(VIEWPORT);
  await page.goto(url);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('signed-in-user')).toBeVisible();
}

/** dashboard.worklist as the page's signed-in user, through the host's API (what the page should show). */
async function worklistOf(page: Page, input: Record<string, unknown>): Promise<Worklist> {
  const token = new URL(url).searchParams.get('token');
  const session = await page.evaluate(() => window.sessionStorage.getItem('senco-desk.session'));
  const res = await page.request.post(`${origin()}/api/invoke`, {
    headers: { authorization: `Bearer ${token}` },
    data: { op: 'dashboard.worklist', input, session },
  });
  const body = (await res.json()) as { ok: boolean; value: Worklist };
  expect(body.ok).toBe(true);
  return body.value;
}

async function dashboardReady(page: Page): Promise<void> {
  await page.goto(hashUrl('#/'));
  await expect(page.getByRole('heading', { name: 'Dashboard', level: 1 })).toBeVisible();
  await expect(page.getByTestId('do-next-pupil').first().or(page.getByTestId('do-next-none'))).toBeVisible();
  // Every count has arrived (a skeleton while loading).
  await expect(page.getByTestId('everything-else').locator('.MuiSkeleton-root')).toHaveCount(0);
}

/** The page fits the first screen: nothing to scroll down to, nothing sideways. */
async function expectFitsFirstScreen(page: Page): Promise<void> {
  const size = await page.evaluate(() => ({
    height: document.documentElement.scrollHeight,
    width: document.documentElement.scrollWidth,
    viewportHeight: window.innerHeight,
    viewportWidth: window.innerWidth,
  }));
  expect(size.height, `document scroll height ${size.height} within the ${size.viewportHeight}-pixel window`).toBeLessThanOrEqual(
    size.viewportHeight,
  );
  expect(size.width).toBeLessThanOrEqual(size.viewportWidth);
}

async function expectNoSeriousAxeViolations(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${label}: ${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([]);
}

/** "Do next" on screen: the pupils in order, as dashboard.worklist gives them (the first few, folded). */
async function expectDoNextMatches(page: Page, list: Worklist): Promise<void> {
  expect(list.groups.length).toBeGreaterThan(0);
  const shown = page.getByTestId('do-next-pupil');
  const n = await shown.count();
  expect(n).toBeGreaterThan(0);
  expect(await shown.evaluateAll((els) => els.map((e) => e.getAttribute('data-pupil-id')))).toEqual(
    list.groups.slice(0, n).map((g) => g.pupilId),
  );
  // Most urgent first: each pupil's first item is no later than the next pupil's.
  const firsts = list.groups.map((g) => g.items[0]!.dueDate);
  expect([...firsts].sort()).toEqual(firsts);
  // Grouped by pupil: no pupil twice.
  expect(new Set(list.groups.map((g) => g.pupilId)).size).toBe(list.groups.length);
}

test('the SENCo: the dashboard fits the first screen, Do next is theirs by pupil, and each count opens exactly its list', async ({
  page,
}) => {
  await signInAs(page, 'senco');
  await dashboardReady(page);
  const mine = await worklistOf(page, {});
  await expectDoNextMatches(page, mine);
  await expectFitsFirstScreen(page);
  await page.screenshot({ path: `${SCREENSHOTS}/dashboard-worklist-senco.png` });
  await expectNoSeriousAxeViolations(page, 'SENCo dashboard');

  // Everyone's, for the SENCo: the choice is in the address, and the list changes to everyone's.
  await page.getByRole('button', { name: 'Everyone' }).click();
  await expect(page).toHaveURL(/whose=everyone/);
  const everyone = await worklistOf(page, { everyone: true });
  await expect(page.getByTestId('do-next-pupil').first()).toHaveAttribute('data-pupil-id', everyone.groups[0]!.pupilId);
  await expectFitsFirstScreen(page);
  await page.screenshot({ path: `${SCREENSHOTS}/dashboard-worklist-senco-everyone.png` });
  await page.getByRole('button', { name: 'Mine' }).click();
  await expect(page).not.toHaveURL(/whose=everyone/);

  // The overdue count opens exactly the overdue deadlines.
  const overdue = mine.counts.clocks!.overdue;
  await expect(page.getByTestId('count-overdue')).toContainText(String(overdue));
  await page.getByTestId('count-overdue').click();
  await expect(page).toHaveURL(/#\/worklist\?state=overdue$/);
  await expect(page.getByTestId('clock-group-overdue')).toBeVisible();
  await expect(page.getByTestId('clock-row')).toHaveCount(overdue);
  await expect(page.getByTestId('clock-group-upcoming')).toHaveCount(0);

  // The golden-thread count opens the register filtered to exactly those pupils (not every EHC plan).
  await dashboardReady(page);
  const thread = mine.counts.goldenThread!.pupils;
  expect(thread).toBeGreaterThan(0);
  await page.getByTestId('count-golden-thread').click();
  await expect(page).toHaveURL(/thread=problems/);
  await expect(page.getByTestId('register-thread-filter')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.locator('.MuiDataGrid-row')).toHaveCount(thread);
  await page.screenshot({ path: `${SCREENSHOTS}/dashboard-worklist-golden-thread-register.png` });

  // The open review actions: the worklist page's list has as many rows as the count.
  await dashboardReady(page);
  await page.getByTestId('count-actions').click();
  await expect(page).toHaveURL(/list=actions/);
  await expect(page.getByTestId('review-action-row')).toHaveCount(mine.counts.actions!.open);
});

test('the therapist: their own sessions to record by pupil, no one else’s, and the count opens exactly that list', async ({ page }) => {
  await signInAs(page, 'therapist1');
  await dashboardReady(page);
  const mine = await worklistOf(page, {});
  expect(mine.canSeeEveryone).toBe(false);
  await expect(page.getByRole('button', { name: 'Everyone' })).toHaveCount(0);
  await expectDoNextMatches(page, mine);
  await expectFitsFirstScreen(page);
  await page.screenshot({ path: `${SCREENSHOTS}/dashboard-worklist-therapist.png` });
  await expectNoSeriousAxeViolations(page, 'therapist dashboard');
  // A therapist's worklist has no deadlines (not theirs to read): their sessions to record and review actions.
  expect(mine.counts.clocks).toBeNull();
  await expect(page.getByTestId('count-overdue')).toHaveCount(0);

  const sessions = mine.counts.sessionsToRecord!;
  await expect(page.getByTestId('count-sessions')).toContainText(String(sessions));
  await page.getByTestId('count-sessions').click();
  await expect(page).toHaveURL(/list=sessions/);
  await expect(page.getByTestId('session-to-record-row')).toHaveCount(sessions);
  await expectNoSeriousAxeViolations(page, 'therapist sessions to record');
  await page.screenshot({ path: `${SCREENSHOTS}/worklist-sessions-therapist.png` });
});
