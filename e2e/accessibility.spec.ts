/**
 * Keyboard and accessibility (issue 17, item 7), on the small demo school at a school laptop's 1366x768.
 *
 * Every route of the renderer's route table (renderer/src/shell/pages.ts) is opened with real demo records, as the
 * SENCo and, for their own pages, as a therapist and a teacher, with the profile's and settings' tabs and the main
 * dialogs open too. On each: axe-core (WCAG 2.0/2.1 A and AA rules) finds no serious or critical violation, and the
 * page does not scroll sideways. A last test checks that every route in the table was visited, so a new page cannot
 * be missed silently. Then the keyboard: from the register's search box the results are a key press away; grid cells
 * and the dashboard's count cards show a clear focus ring; the pupil profile's tabs scroll rather than clip.
 *
 * This spec starts its own host on a data folder filled by `senco-desk demo --size small` (a few seconds), so the
 * records (EHC plan, IPP, reviews, sessions) are there whatever ran before.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { SCREENSHOTS } from './fixtures';
import { PAGE_KEYS, PAGES, type PageKey } from '../renderer/src/shell/pages';
import { contract, type Access } from '../shared/contract';

const PASSWORD = 'senco-desk-demo';
const VIEWPORT = { width: 1366, height: 768 };
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

type DemoRole = 'senco' | 'therapist' | 'teacher';
const USERNAMES: Readonly<Record<DemoRole, string>> = { senco: 'senco', therapist: 'therapist1', teacher: 'teacher1' };

let data = '';
let host: ChildProcess | null = null;
let url = '';

/** The routes (patterns from the route table) each role opened, for the completeness check at the end. */
const visited = new Map<PageKey, Set<DemoRole>>();

test.describe.configure({ mode: 'serial', timeout: 900_000 });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  data = mkdtempSync(join(tmpdir(), 'senco-e2e-a11y-'));
  const env = { ...process.env, SENCO_DATABASE_URL: '', SENCO_PASSWORD: '' };
  const demo = spawnSync(process.execPath, ['bin/senco-desk.cjs', 'demo', '--size', 'small', '--data', data, '--json'], { env, encoding: 'utf8', timeout: 100_000 });
  expect(demo.status, demo.stderr).toBe(0);
  host = spawn(process.execPath, ['bin/senco-desk.cjs', 'serve', '--data', data, '--json'], { stdio: ['ignore', 'pipe', 'inherit'], env });
  url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('The demo host did not start within 30 s. Run `npm run build` first.')), 30_000);
    host!.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) {
        clearTimeout(timer);
        resolve((JSON.parse(line) as { url: string }).url);
      }
    });
    host!.on('exit', (code) => reject(new Error(`The demo host exited early (code ${code}).`)));
  });
});

test.afterAll(async () => {
  host?.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 300));
  if (data) rmSync(data, { recursive: true, force: true });
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
  const res = await page.request.post(`${origin()}/api/invoke`, { headers: { authorization: `Bearer ${token}` }, data: { op, input, session } });
  const body = (await res.json()) as { ok: boolean; value: T; error?: { message: string } };
  expect(body.ok, `${op}: ${body.error?.message ?? ''}`).toBe(true);
  return body.value;
}

/** The page has settled: its heading is there, and nothing is still loading. */
async function settled(page: Page): Promise<void> {
  await expect(page.locator('main h1').first()).toBeVisible();
  await expect(page.locator('main .MuiSkeleton-root, main [role="progressbar"]:not(.MuiLinearProgress-determinate)')).toHaveCount(0, { timeout: 15_000 });
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
      .map((n) => `      ${n.target.join(' ')}  ${n.html.slice(0, 160)}\n        ${(n.failureSummary ?? '').split('\n').slice(1, 2).join(' ').trim()}`)
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
      return ['', '?tab=ehcp', '?tab=referrals', '?tab=band', '?tab=plans', '?tab=sessions', '?tab=reviews', '?tab=progress', '?tab=parents', '?tab=shared'].map((q) => fill({ id: ids.pupilId }) + q);
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
      return ['', '?tab=terms', '?tab=calendar', '?tab=clocks', '?tab=disciplines', '?tab=policies', '?tab=users', '?tab=access'].map((q) => path + q);
    case 'worklist':
      return ['', '?list=actions', '?list=sessions', '?list=staff', '?list=policies'].map((q) => path + q);
    case 'referrals':
      return [path];
    default:
      return [path];
  }
}

/** Opens every route the role may open (with its tabs and views), checking each; returns what was found. */
async function walk(page: Page, role: DemoRole): Promise<{ findings: Finding[]; skipped: string[] }> {
  const ids = await findIds(page, role);
  const findings: Finding[] = [];
  const skipped: string[] = [];
  for (const key of PAGE_KEYS) {
    if (!mayOpen(role, key)) continue;
    const addresses = addressesFor(key, ids);
    if (typeof addresses === 'string') {
      skipped.push(`${key} (${PAGES[key].path}): ${addresses}`);
      continue;
    }
    for (const address of addresses) {
      await page.goto(hashUrl(`#${address}`));
      await settled(page);
      findings.push(...(await check(page, `${role} ${address.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, '…')}`)));
    }
    if (!visited.has(key)) visited.set(key, new Set());
    visited.get(key)!.add(role);
  }
  return { findings, skipped };
}

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

test('the SENCo: every page, tab and main dialog passes axe-core and does not scroll sideways at 1366x768', async ({ page }) => {
  await signInAs(page, 'senco');
  const { findings, skipped } = await walk(page, 'senco');

  // The main dialogs, open.
  await page.goto(hashUrl('#/sessions'));
  await settled(page);
  await checkDialog(page, 'senco dialog: Schedule a session', page.getByRole('button', { name: 'Schedule a session' }).first(), findings);
  await page.goto(hashUrl('#/calendar'));
  await settled(page);
  await checkDialog(page, 'senco dialog: Schedule a session (calendar)', page.getByRole('button', { name: 'Schedule a session' }).first(), findings);
  await page.goto(hashUrl('#/referrals'));
  await settled(page);
  await checkDialog(page, 'senco dialog: New referral', page.getByRole('button', { name: 'New referral' }).first(), findings);
  await page.goto(hashUrl('#/safeguarding'));
  await settled(page);
  await checkDialog(page, 'senco dialog: Raise a concern', page.getByRole('button', { name: /^Raise a (safeguarding )?concern$/ }).first(), findings);
  await page.goto(hashUrl('#/settings?tab=users'));
  await settled(page);
  await checkDialog(page, 'senco dialog: Add a user', page.getByRole('button', { name: /^Add (a )?user/ }).first(), findings);
  await page.getByTestId('signed-in-user').click();
  await page.getByRole('menuitem', { name: 'Change my password' }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  findings.push(...(await check(page, 'senco dialog: Change password')));
  await page.keyboard.press('Escape');

  if (skipped.length) console.log(`Routes the SENCo's walk could not open:\n  ${skipped.join('\n  ')}`);
  expect(findings, `Accessibility findings:\n${report(findings)}`).toEqual([]);
});

for (const role of ['therapist', 'teacher'] as const) {
  test(`the ${role}: their own pages pass axe-core and do not scroll sideways at 1366x768`, async ({ page }) => {
    await signInAs(page, role);
    const { findings, skipped } = await walk(page, role);
    if (skipped.length) console.log(`Routes the ${role}'s walk could not open:\n  ${skipped.join('\n  ')}`);
    expect(findings, `Accessibility findings:\n${report(findings)}`).toEqual([]);
  });
}

test('every route in the route table was opened by the walk (a new page is not missed)', () => {
  const missing = PAGE_KEYS.filter((key) => !visited.has(key)).map((key) => `${key} (${PAGES[key].path})`);
  expect(missing, 'Routes no role visited: give them an address in addressesFor, or demo records they can open').toEqual([]);
});
