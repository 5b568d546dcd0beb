/**
 * Keyboard and accessibility (issue 17, item 7), on the small demo school at a school laptop's 1366x768.
 *
 * Every route of the renderer's route table (renderer/src/shell/pages.ts) is opened with real demo records, as the
 * SENCo and, for their own pages, as a therapist and a teacher, with the profile's and settings' tabs and the main
 * dialogs open too. On each: axe-core (WCAG 2.0/2.1 A and AA rules) finds no serious or critical violation, and the
 * page does not scroll sideways. The tests are generated from the route table, one per route and role, so a new page
 * is walked without anyone adding it here (a route with ids fails until it is given an address). Then the keyboard: from the register's search box the results are a key press away; grid cells
 * and the dashboard's count cards show a clear focus ring; the pupil profile's tabs scroll rather than clip.
 *
 * This spec starts its own host on a data folder filled by `senco-desk demo --size small` (a few seconds), so the
 * records (EHC plan, IPP, reviews, sessions) are there whatever ran before.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { SCREENSHOTS } from './fixtures';
import { PAGE_KEYS, PAGES, type PageKey } from '../renderer/src/shell/pages';
import { contract, type Access } from '../shared/contract';
import { startSchoolDemo, type SchoolDemo } from './school-demo';

const PASSWORD = 'senco-desk-demo';
const VIEWPORT = { width: 1366, height: 768 };
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

type DemoRole = 'senco' | 'therapist' | 'teacher';
const USERNAMES: Readonly<Record<DemoRole, string>> = { senco: 'senco', therapist: 'therapist1', teacher: 'teacher1' };

let demo: SchoolDemo | null = null;
let url = '';

test.beforeAll(async () => {
  test.setTimeout(120_000);
  demo = await startSchoolDemo('small');
  url = demo.url;
});

test.afterAll(async () => {
  await demo?.stop();
});

const origin = () => new URL(url).origin;
const hashUrl = (hash: string) => new URL(hash, origin()).toString();

/** The dispatcher's rule (as the renderer's canUse reads it): who may open a page built on an operation. */
function mayOpen(role: DemoRole, key: PageKey): boolean {
  const op = PAGES[key].op;
  if (!op) return true;
  const access: Access = contract[op].access;
  return access === 'public' || access === 'signed_in' || access.includes(role);
}

async function signInAs(page: Page, role: DemoRole): Promise<void> {
  await page.setViewportSize(VIEWPORT);
  await page.goto(url);
  await page.getByLabel('Username').fill(USERNAMES[role]);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('signed-in-user')).toBeVisible();
}

async function api<T>(page: Page, op: string, input: unknown): Promise<T> {
  const token = new URL(url).searchParams.get('token');
  const session = await page.evaluate(() => window.sessionStorage.getItem('senco-desk.session'));
  const res = await page.request.post(`${origin()}/api/invoke`, {
    headers: { authorization: `Bearer ${token}` },
    data: { op, input, session },
  });
  const body = (await res.json()) as { ok: boolean; value: T; error?: { message: string } };
  expect(body.ok, `${op}: ${body.error?.message ?? ''}`).toBe(true);
  return body.value;
}

/** The page has settled: its heading is there, and nothing is still loading. */
async function settled(page: Page): Promise<void> {
  await expect(page.locator('main h1').first()).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('main .MuiSkeleton-root, main [role="progressbar"]:not(.MuiLinearProgress-determinate)')).toHaveCount(0, {
    timeout: 15_000,
  });
  // FullCalendar and the data grid lay out after the data arrives.
  await page.waitForTimeout(250);
}

interface Finding {
  readonly where: string;
  readonly text: string;
}

/** axe-core's serious and critical violations on the page as it stands, and whether it scrolls sideways. */
async function check(page: Page, where: string): Promise<Finding[]> {
  const out: Finding[] = [];
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  for (const v of results.violations) {
    if (v.impact !== 'serious' && v.impact !== 'critical') continue;
    const nodes = v.nodes
      .slice(0, 4)
      .map(
        (n) =>
          `      ${n.target.join(' ')}  ${n.html.slice(0, 160)}\n        ${(n.failureSummary ?? '').split('\n').slice(1, 2).join(' ').trim()}`,
      )
      .join('\n');
    out.push({ where, text: `${v.id} (${v.impact}, ${v.nodes.length} element${v.nodes.length === 1 ? '' : 's'}): ${v.help}\n${nodes}` });
  }
  const scroll = await page.evaluate(() => {
    const el = document.scrollingElement ?? document.documentElement;
    return { scrollWidth: el.scrollWidth, clientWidth: el.clientWidth };
  });
  if (scroll.scrollWidth > scroll.clientWidth) {
    out.push({ where, text: `scrolls sideways: ${scroll.scrollWidth} pixels wide in a ${scroll.clientWidth}-pixel window` });
  }
  // As they are found, so a run cut short still says what it saw.
  for (const f of out) console.log(`  ${f.where}: ${f.text}`);
  return out;
}

function report(findings: readonly Finding[]): string {
  return findings.map((f) => `  ${f.where}: ${f.text}`).join('\n');
}

/** Real demo records for the routes with ids, as the signed-in role can see them. */
interface Ids {
  pupilId: string;
  /** A pupil without an EHC plan (for a new plan). */
  pupilWithoutPlanId: string | null;
  plan: { pupilId: string; planId: string } | null;
  ipp: { pupilId: string; ippId: string } | null;
  review: { pupilId: string; reviewId: string } | null;
}

async function findIds(page: Page, role: DemoRole): Promise<Ids> {
  const list = await api<{ rows: { id: string; senStatus: string }[] }>(page, 'pupils.list', { pageSize: 200 });
  expect(list.rows.length, `${role} sees some pupils`).toBeGreaterThan(0);
  const ids: Ids = { pupilId: list.rows[0]!.id, pupilWithoutPlanId: null, plan: null, ipp: null, review: null };
  if (mayOpen(role, 'ehcp') || mayOpen(role, 'ehcpNew')) {
    for (const row of list.rows) {
      if (ids.plan && ids.pupilWithoutPlanId) break;
      const plans = await api<{ id: string }[]>(page, 'ehcp.listForPupil', { pupilId: row.id });
      if (plans.length > 0 && !ids.plan) ids.plan = { pupilId: row.id, planId: plans[0]!.id };
      if (plans.length === 0 && !ids.pupilWithoutPlanId) ids.pupilWithoutPlanId = row.id;
    }
  }
  if (mayOpen(role, 'ipp')) {
    for (const row of list.rows.slice(0, 60)) {
      const ipps = await api<{ id: string }[]>(page, 'ipps.listForPupil', { pupilId: row.id });
      if (ipps.length > 0) {
        ids.ipp = { pupilId: row.id, ippId: ipps[0]!.id };
        break;
      }
    }
  }
  if (mayOpen(role, 'review') && mayOpen(role, 'reviews')) {
    const reviews = await api<{ id: string; pupilId: string; status: string }[]>(page, 'reviews.list', {});
    const held = reviews.find((r) => r.status === 'held') ?? reviews[0];
    if (held) ids.review = { pupilId: held.pupilId, reviewId: held.id };
  }
  if (ids.plan) ids.pupilId = ids.plan.pupilId;
  return ids;
}

/** The addresses to open for a route (several where its tabs or views are different screens), or why none. */
function addressesFor(key: PageKey, ids: Ids): string[] | string {
  const path = PAGES[key].path;
  const fill = (params: Record<string, string>) => path.replace(/:(\w+)/g, (_m, name: string) => params[name] ?? `:${name}`);
  switch (key) {
    case 'pupil':
      return [
        '',
        '?tab=ehcp',
        '?tab=referrals',
        '?tab=band',
        '?tab=plans',
        '?tab=sessions',
        '?tab=reviews',
        '?tab=progress',
        '?tab=parents',
        '?tab=shared',
      ].map((q) => fill({ id: ids.pupilId }) + q);
    case 'pupilEdit':
    case 'parentSummary':
      return [fill({ id: ids.pupilId })];
    case 'ehcpNew':
      return ids.pupilWithoutPlanId ? [fill({ pupilId: ids.pupilWithoutPlanId })] : 'no pupil without an EHC plan in the demo';
    case 'ehcp':
      return ids.plan ? [fill(ids.plan)] : 'no EHC plan this role can see';
    case 'ippNew':
    case 'reviewNew':
      return [fill({ pupilId: ids.pupilId })];
    case 'ipp':
    case 'ippRevise':
      return ids.ipp ? [fill(ids.ipp)] : 'no IPP this role can see';
    case 'review':
      return ids.review ? [fill(ids.review)] : 'no review this role can see';
    case 'calendar':
      return [path, `${path}?view=timeGridDay`, `${path}?view=dayGridMonth`, `${path}?tab=to-record`];
    case 'settings':
      return ['', '?tab=terms', '?tab=calendar', '?tab=clocks', '?tab=disciplines', '?tab=policies', '?tab=users', '?tab=access'].map(
        (q) => path + q,
      );
    case 'worklist':
      return ['', '?list=actions', '?list=sessions', '?list=staff', '?list=policies'].map((q) => path + q);
    default:
      return [path];
  }
}

const ROLES: readonly DemoRole[] = ['senco', 'therapist', 'teacher'];
/** Each role's demo records, looked up once per worker. */
const idsByRole = new Map<DemoRole, Ids>();

/** Opens a dialog by its button, checks the page with it open, and closes it with Escape. */
async function checkDialog(page: Page, where: string, open: Locator, findings: Finding[]): Promise<void> {
  await open.click();
  const dialog = page.getByRole('dialog').last();
  await expect(dialog).toBeVisible();
  await page.waitForTimeout(300);
  findings.push(...(await check(page, where)));
  await page.keyboard.press('Escape');
  // A dialog with a draft may ask before closing: leave without keeping it.
  const discard = page.getByRole('button', { name: /discard/i });
  if (await discard.isVisible().catch(() => false)) await discard.click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
}

test.describe.configure({ timeout: 180_000 });

test('every route in the route table is opened by some role the walk signs in as', () => {
  const unopened = PAGE_KEYS.filter((key) => !ROLES.some((role) => mayOpen(role, key))).map((key) => `${key} (${PAGES[key].path})`);
  expect(unopened, 'Routes none of the walked roles may open: add a role that can to ROLES').toEqual([]);
});

// One test per route and role, generated from the route table, so a new page is walked (or fails, asking for an
// address with demo records) without anyone remembering to add it here.
for (const role of ROLES) {
  for (const key of PAGE_KEYS) {
    if (!mayOpen(role, key)) continue;
    test(`${role}: ${key} (${PAGES[key].path}) passes axe-core and does not scroll sideways at 1366x768`, async ({ page }) => {
      await signInAs(page, role);
      if (!idsByRole.has(role)) idsByRole.set(role, await findIds(page, role));
      const addresses = addressesFor(key, idsByRole.get(role)!);
      if (typeof addresses === 'string') {
        // The SENCo sees everything in the demo: every route must be walked as the SENCo.
        expect(role, `The SENCo's walk cannot open ${key}: ${addresses}`).not.toBe('senco');
        test.skip(true, `${role} cannot open ${key} in the demo: ${addresses} (walked as the SENCo)`);
        return;
      }
      const findings: Finding[] = [];
      for (const address of addresses) {
        expect(address, `${key} has parameters: give it an address with demo records in addressesFor`).not.toContain(':');
        await page.goto(hashUrl(`#${address}`));
        // A view chosen in the address (the calendar's month or day) is read when the page opens: open it afresh.
        if (address.includes('?')) await page.reload();
        await settled(page);
        findings.push(...(await check(page, `${role} ${address.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, '…')}`)));
      }
      expect(findings, `Accessibility findings:\n${report(findings)}`).toEqual([]);
    });
  }
}

test('the SENCo: the main dialogs pass axe-core when open', async ({ page }) => {
  await signInAs(page, 'senco');
  const findings: Finding[] = [];
  await page.goto(hashUrl('#/sessions'));
  await settled(page);
  await checkDialog(page, 'senco dialog: Schedule a session', page.getByRole('button', { name: 'Schedule a session' }).first(), findings);
  await page.goto(hashUrl('#/calendar'));
  await settled(page);
  await checkDialog(
    page,
    'senco dialog: Schedule a session (calendar)',
    page.getByRole('button', { name: 'Schedule a session' }).first(),
    findings,
  );
  await page.goto(hashUrl('#/referrals'));
  await settled(page);
  await checkDialog(page, 'senco dialog: New referral', page.getByRole('button', { name: 'New referral' }).first(), findings);
  await page.goto(hashUrl('#/safeguarding'));
  await settled(page);
  await checkDialog(
    page,
    'senco dialog: Raise a concern',
    page.getByRole('button', { name: /^Raise a (safeguarding )?concern$/ }).first(),
    findings,
  );
  await page.goto(hashUrl('#/settings?tab=users'));
  await settled(page);
  await checkDialog(page, 'senco dialog: Add user', page.getByRole('button', { name: 'Add user' }), findings);
  await page.getByTestId('signed-in-user').click();
  await page.getByRole('menuitem', { name: 'Change my password' }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  findings.push(...(await check(page, 'senco dialog: Change my password')));
  await page.keyboard.press('Escape');
  expect(findings, `Accessibility findings:\n${report(findings)}`).toEqual([]);
});

// ---- The keyboard: a short way to the results, a focus ring you can see, tabs that scroll ----

/** The relative luminance of a CSS rgb()/rgba() colour (WCAG 2.1). */
function luminance(css: string): number {
  const [r, g, b] = (css.match(/[\d.]+/g) ?? ['0', '0', '0']).slice(0, 3).map((v) => {
    const c = Number(v) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
function contrast(a: string, b: string): number {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p) as [number, number];
  return (x + 0.05) / (y + 0.05);
}

/**
 * The focused element's ring: a solid outline at least 2 pixels wide whose colour stands out 3:1 against what is
 * behind it (WCAG 2.4.7 and 1.4.11), not cut off by a box around it that hides overflow.
 */
async function expectVisibleFocusRing(page: Page, what: string): Promise<void> {
  const ring = await page.evaluate(() => {
    const el = document.activeElement as HTMLElement;
    const style = getComputedStyle(el);
    let bg = 'rgb(255, 255, 255)';
    for (let p: HTMLElement | null = el; p; p = p.parentElement) {
      const c = getComputedStyle(p).backgroundColor;
      if (c && c !== 'transparent' && !c.startsWith('rgba(0, 0, 0, 0)')) {
        bg = c;
        break;
      }
    }
    // Clipped: an ancestor hiding overflow whose box does not hold the ring (an outline outside the element).
    const width = parseFloat(style.outlineWidth) || 0;
    const offset = parseFloat(style.outlineOffset) || 0;
    const r = el.getBoundingClientRect();
    const out = Math.max(0, width + offset);
    let clipped = false;
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const ps = getComputedStyle(p);
      if (ps.overflowX === 'visible' && ps.overflowY === 'visible') continue;
      const pr = p.getBoundingClientRect();
      if (r.left - out < pr.left - 0.5 || r.right + out > pr.right + 0.5 || r.top - out < pr.top - 0.5 || r.bottom + out > pr.bottom + 0.5)
        clipped = true;
      break;
    }
    return {
      tag: el.tagName,
      role: el.getAttribute('role'),
      outlineStyle: style.outlineStyle,
      width,
      color: style.outlineColor,
      bg,
      clipped,
    };
  });
  expect(ring.outlineStyle, `${what}: focus outline style`).toBe('solid');
  expect(ring.width, `${what}: focus outline width`).toBeGreaterThanOrEqual(2);
  expect(contrast(ring.color, ring.bg), `${what}: the ring ${ring.color} against ${ring.bg}`).toBeGreaterThanOrEqual(3);
  expect(ring.clipped, `${what}: the ring is cut off by a box that hides overflow`).toBe(false);
}

test('from the register search box, the results are one key press away, and the focused cell shows a clear ring', async ({ page }) => {
  await signInAs(page, 'senco');
  await page.goto(hashUrl('#/pupils'));
  await settled(page);
  const search = page.getByRole('searchbox', { name: 'Search pupils' });
  await search.focus();
  await expect(search).toHaveAttribute('aria-describedby', /register-search-hint/);

  // Without a search: Down arrow goes to the first pupil's name.
  await page.keyboard.press('ArrowDown');
  const grid = page.getByRole('grid', { name: 'Pupil register' });
  const first = grid.getByRole('gridcell').first();
  await expect(first).toBeFocused();
  await expect(first).toHaveAttribute('data-field', 'name');
  await expectVisibleFocusRing(page, 'a register cell');
  // The arrows move through the grid; the ring follows.
  await page.keyboard.press('ArrowRight');
  await expect(grid.getByRole('gridcell').nth(1)).toBeFocused();
  await expectVisibleFocusRing(page, 'the next register cell');
  await page.screenshot({ path: `${SCREENSHOTS}/a11y-register-cell-focus.png` });

  // Typed and straight away Enter: the search runs, its count is said, and focus lands on its first result.
  const rows = await api<{ rows: { id: string; name: string }[] }>(page, 'pupils.list', { pageSize: 200 });
  const target = rows.rows[Math.min(5, rows.rows.length - 1)]!;
  const surname = target.name.split(' ').slice(-1)[0]!;
  await search.focus();
  await page.keyboard.type(surname);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`q=${encodeURIComponent(surname)}`));
  await expect(page.getByTestId('register-results-status')).toHaveText(
    /\d+ pupils? found\. Press Down arrow or Enter in the search box to go to the results\./,
  );
  const cell = page.locator(':focus');
  await expect(cell).toHaveAttribute('role', 'gridcell');
  await expect(cell).toContainText(surname);
  // Enter on a result opens the pupil.
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/pupils\/[0-9a-f-]{36}$/);
});

test("the dashboard's counts and the grid cells show a clear focus ring when reached with Tab", async ({ page }) => {
  await signInAs(page, 'senco');
  await page.goto(hashUrl('#/'));
  await settled(page);
  await page.locator('main h1').first().click();
  // Tab from the heading until a count is reached (the counts are links after "Do next").
  let reached = false;
  for (let i = 0; i < 80 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate(() => (document.activeElement?.getAttribute('data-testid') ?? '').startsWith('count-'));
  }
  expect(reached, 'Tab reaches a count on the dashboard').toBe(true);
  await expectVisibleFocusRing(page, 'a dashboard count');
  await page.screenshot({ path: `${SCREENSHOTS}/a11y-dashboard-count-focus.png` });

  // The audit trail's grid: Tab into it, then an arrow; the cell's ring is as clear.
  await page.goto(hashUrl('#/audit'));
  await settled(page);
  const grid = page.getByRole('grid').first();
  await expect(grid.getByRole('gridcell').first()).toBeVisible();
  await grid.getByRole('columnheader').first().focus();
  await page.keyboard.press('ArrowDown');
  await expect(grid.getByRole('gridcell').first()).toBeFocused();
  await expectVisibleFocusRing(page, 'an audit trail cell');
});

test("tabs scroll rather than clip (a pupil's record, settings), and every tab can be reached by keyboard", async ({ page }) => {
  await signInAs(page, 'senco');
  if (!idsByRole.has('senco')) idsByRole.set('senco', await findIds(page, 'senco'));
  const { pupilId } = idsByRole.get('senco')!;
  // 1366 pixels at 125% zoom (as many school laptops ship) is 1093 CSS pixels: neither row of tabs fits.
  await page.setViewportSize({ width: 1093, height: 614 });
  for (const [route, label, name] of [
    [`/pupils/${pupilId}`, 'Parts of the pupil’s record', 'profile'],
    ['/settings', 'Settings sections', 'settings'],
  ] as const) {
    await page.goto(hashUrl(`#${route}`));
    await settled(page);
    const tabs = page.getByRole('tablist', { name: label });
    const sizes = await tabs.evaluate((el) => ({ scroll: el.scrollWidth, client: el.closest('.MuiTabs-root')!.clientWidth }));
    expect(sizes.scroll, `${name}: the tabs are wider than the space for them at this size`).toBeGreaterThan(sizes.client);
    // An arrow shows that there is more.
    await expect(
      page.locator('.MuiTabs-root').first().locator('.MuiTabs-scrollButtons:not(.Mui-disabled)'),
      `${name}: a scroll arrow`,
    ).toBeVisible();
    // By keyboard: End moves to the last tab, which scrolls into view rather than staying clipped.
    await tabs.getByRole('tab').first().focus();
    await page.keyboard.press('End');
    const last = tabs.getByRole('tab').last();
    await expect(last).toBeFocused();
    await expectVisibleFocusRing(page, `${name}: the last tab`);
    await expect(async () => {
      const inView = await last.evaluate((el) => {
        const r = el.getBoundingClientRect();
        const p = el.closest('.MuiTabs-scroller')!.getBoundingClientRect();
        return r.left >= p.left - 1 && r.right <= p.right + 1;
      });
      expect(inView, `${name}: the last tab is scrolled into view`).toBe(true);
    }).toPass({ timeout: 5_000 });
    const scroll = await page.evaluate(() => ({ w: document.scrollingElement!.scrollWidth, c: document.scrollingElement!.clientWidth }));
    expect(scroll.w, `${name}: the page does not scroll sideways`).toBeLessThanOrEqual(scroll.c);
    await page.screenshot({ path: `${SCREENSHOTS}/a11y-${name}-tabs-scroll.png` });
  }
});

test('the caseload plans and referrals pages fit 1366 pixels without sideways scrolling (screenshots)', async ({ page }) => {
  await signInAs(page, 'senco');
  for (const [route, name] of [
    ['/plans', 'caseload'],
    ['/referrals', 'referrals'],
  ] as const) {
    await page.goto(hashUrl(`#${route}`));
    await settled(page);
    const scroll = await page.evaluate(() => ({ w: document.scrollingElement!.scrollWidth, c: document.scrollingElement!.clientWidth }));
    expect(scroll.w, `${route} is no wider than the window`).toBeLessThanOrEqual(scroll.c);
    // Nor is a table cut off at the right with its actions out of sight (scrolling inside its box).
    const tables = await page
      .locator('main .MuiTableContainer-root')
      .evaluateAll((els) => els.map((el) => ({ scroll: el.scrollWidth, client: el.clientWidth })));
    for (const t of tables)
      expect(t.scroll, `${route}: a table ${t.scroll} pixels wide in a ${t.client}-pixel box`).toBeLessThanOrEqual(t.client);
    await page.screenshot({ path: `${SCREENSHOTS}/a11y-${name}-1366.png`, fullPage: true });
  }
});

test("the calendar's month view: other months' dates are readable (contrast at least 4.5:1, opacity counted)", async ({ page }) => {
  await signInAs(page, 'senco');
  await page.goto(hashUrl('#/calendar?view=dayGridMonth&date=2026-10-01'));
  await settled(page);
  const other = page.locator('.fc-day-other .fc-daygrid-day-number').first();
  await expect(other).toBeVisible();
  const seen = await other.evaluate((el) => {
    let opacity = 1;
    for (let p: Element | null = el; p; p = p.parentElement) opacity *= Number(getComputedStyle(p).opacity);
    return { color: getComputedStyle(el).color, opacity };
  });
  // What the eye gets: the text colour at its opacity over the white day cell.
  const [r, g, b] = (seen.color.match(/[\d.]+/g) ?? []).map(Number) as [number, number, number];
  const a = seen.opacity;
  const shown = `rgb(${r * a + 255 * (1 - a)}, ${g * a + 255 * (1 - a)}, ${b * a + 255 * (1 - a)})`;
  expect(contrast(shown, 'rgb(255, 255, 255)'), `an other-month date shows as ${shown}`).toBeGreaterThanOrEqual(4.5);
});
