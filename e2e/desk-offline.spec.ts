/**
 * A connected desk's screens through the real renderer, with the desk's own answers played by the test: the browser
 * edition here is a standalone desk, so `desk.status` and `desk.outbox.*` are answered by Playwright (page.route on
 * the test host's /api/invoke) while every other operation goes to the real core. The coordinator's two-desk spec
 * exercises the same screens against a real connected desk and server.
 *
 * Covered: nothing extra on a standalone desk; the online line and the offline banner with what waits, the red line
 * for concerns that have NOT reached the DSL and the link to "Could not be sent"; that page's send again, fix (a
 * session's and a concern's own forms, and the generic editor) and discard (after asking); the raise-concern dialog
 * offline, before and after sending; the screens reading again when the desk's change counter moves; and pages
 * that fail with 'offline' showing the message instead of a blank screen. Screenshots at 1366×768.
 */
import { mkdirSync } from 'node:fs';
import { expect, test, type Page, type Route } from '@playwright/test';
import { makeUpn } from '../shared/upn';
import { SCREENSHOTS, appUrl, invokeApi, signIn } from './fixtures';

test.describe.configure({ mode: 'serial' });

const stamp = Date.now() % 1000;
const PUPIL = { first: 'Amara', last: `Offline${stamp}`, upn: makeUpn(808, 2000, 40, stamp) };
const NAME = `${PUPIL.first} ${PUPIL.last}`;
const OFFLINE_MESSAGE =
  'This needs the school server, which this desk cannot reach just now. Nothing was done. Try again when the connection returns.';

interface Status {
  mode: 'standalone' | 'online' | 'offline';
  server: string | null;
  waiting: number;
  concernsWaiting: number;
  failed: number;
  changes: number;
  sending: boolean;
  lastContactAt: string | null;
}

const STANDALONE: Status = {
  mode: 'standalone',
  server: null,
  waiting: 0,
  concernsWaiting: 0,
  failed: 0,
  changes: 0,
  sending: false,
  lastContactAt: null,
};

interface Item {
  id: string;
  op: string;
  input: unknown;
  queuedAt: string;
  pupilId: string | null;
  pupilName: string | null;
  error: { code: string; message: string } | null;
}

/** The desk the test plays: its status, its outbox, what the page asked of it, and operations made to fail offline. */
const desk = {
  /** Null: the real core answers (a standalone desk). */
  status: null as Status | null,
  items: [] as Item[],
  calls: [] as { op: string; input: unknown }[],
  resendAnswer: null as null | { ok: false; error: { code: string; message: string; fields?: Record<string, string> } },
  failOffline: new Set<string>(),
  /** Every operation that needs the server fails offline, except these (and signing in, and the desk's own). */
  failAllBut: null as Set<string> | null,
  raised: [] as unknown[],
};

let page: Page;
let pupilId = '';

async function answer(route: Route): Promise<void> {
  const body = route.request().postDataJSON() as { op: string; input: unknown };
  const json = (value: unknown) => route.fulfill({ contentType: 'application/json', body: JSON.stringify(value) });
  if (desk.status === null) return route.continue();
  const status = desk.status;
  if (body.op.startsWith('desk.')) desk.calls.push({ op: body.op, input: body.input });
  switch (body.op) {
    case 'desk.status':
      return json({ ok: true, value: status });
    case 'desk.outbox.list': {
      const waiting = (body.input as { waiting?: boolean }).waiting === true;
      return json({ ok: true, value: desk.items.filter((i) => (waiting ? i.error === null : i.error !== null)) });
    }
    case 'desk.outbox.discard': {
      const { id } = body.input as { id: string };
      const before = desk.items.length;
      desk.items = desk.items.filter((i) => i.id !== id);
      status.failed = desk.items.filter((i) => i.error !== null).length;
      return json({ ok: true, value: { discarded: desk.items.length < before } });
    }
    case 'desk.outbox.resend': {
      if (desk.resendAnswer) return json(desk.resendAnswer);
      const { id } = body.input as { id: string };
      desk.items = desk.items.filter((i) => i.id !== id);
      status.failed = desk.items.filter((i) => i.error !== null).length;
      return json({ ok: true, value: {} });
    }
    case 'drafts.get':
    case 'drafts.save':
    case 'drafts.discard':
      // The outbox's items are about this spec's made-up pupil p-1, whom the test school does not have: the desk keeps
      // their fix dialogs' drafts in its replica (connected-desk.test.ts), so here they are simply kept.
      if ((body.input as { pupilId?: string | null }).pupilId !== 'p-1') return route.continue();
      return json({
        ok: true,
        value: body.op === 'drafts.get' ? null : body.op === 'drafts.save' ? { updatedAt: new Date().toISOString() } : { discarded: true },
      });
    case 'safeguarding.raise':
      // What a connected desk does offline: keeps it in the outbox and answers at once. (The shared test school's DSL
      // must not see a concern from this spec.)
      if (status.mode === 'offline') {
        const input = body.input as { pupilId: string; happenedAt: string; what: string; childWords: string | null };
        desk.raised.push(input);
        desk.status = { ...status, waiting: status.waiting + 1, concernsWaiting: status.concernsWaiting + 1 };
        return json({
          ok: true,
          value: {
            id: 'queued-1',
            pupilId: input.pupilId,
            pupilName: NAME,
            yearGroup: '6',
            raisedBy: 'Alex Morgan',
            raisedByUserId: null,
            raisedAt: new Date().toISOString(),
            happenedAt: input.happenedAt,
            status: 'raised',
            what: input.what,
            childWords: input.childWords ?? null,
            acknowledgedAt: null,
            acknowledgedBy: null,
            cpomsReference: null,
            closedAt: null,
            closedBy: null,
            overdue: false,
            acknowledgeBy: new Date().toISOString(),
          },
        });
      }
      return route.continue();
    default:
      if (desk.failOffline.has(body.op) || (desk.failAllBut && !desk.failAllBut.has(body.op) && !/^(auth|setup)\./.test(body.op)))
        return json({ ok: false, error: { code: 'offline', message: OFFLINE_MESSAGE } });
      return route.continue();
  }
}

/**
 * The contrast of an element's text against the background behind it (WCAG 2 ratio): its own colour, and the first
 * background that is not transparent on the way up.
 */
async function contrast(locator: ReturnType<Page['locator']>): Promise<number> {
  return locator.evaluate((el) => {
    const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number);
    let bgEl: Element | null = el;
    let bg = [255, 255, 255];
    while (bgEl) {
      const c = rgb(getComputedStyle(bgEl).backgroundColor);
      if (c.length >= 3 && (c.length < 4 || (c[3] ?? 1) > 0)) {
        bg = c.slice(0, 3);
        break;
      }
      bgEl = bgEl.parentElement;
    }
    const fg = rgb(getComputedStyle(el).color).slice(0, 3);
    const lum = (v: number[]) => {
      const [r, g, b] = v.map((x) => {
        const s = x / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      }) as [number, number, number];
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x) as [number, number];
    return (a + 0.05) / (b + 0.05);
  });
}

const SESSION_INPUT = {
  sessionId: 'session-1',
  pupils: [
    {
      pupilId: 'p-1',
      attendance: 'attended',
      cancelledBy: null,
      reason: null,
      deliveredMinutes: 30,
      notes: 'Worked on turn-taking with the group.',
      goals: [{ ippId: 'ipp-1', goalKey: 'g1', rating: 1, note: null }],
    },
  ],
};
const CONCERN_INPUT = {
  pupilId: 'p-1',
  happenedAt: '2026-03-14T10:05',
  what: 'Arrived with a bruise on the left forearm.',
  childWords: null,
};
const NOTE_INPUT = { pupilId: 'p-1', summary: 'Settled well this half term.', date: '2026-03-14' };

function outbox(): Item[] {
  return [
    {
      id: 'o-1',
      op: 'sessions.record',
      input: SESSION_INPUT,
      queuedAt: '2026-03-14T10:15:00Z',
      pupilId: 'p-1',
      pupilName: NAME,
      error: {
        code: 'conflict',
        message: 'This session was cancelled on 13 March 2026, so it cannot be recorded. Record it against the session that replaced it.',
      },
    },
    {
      id: 'o-2',
      op: 'safeguarding.raise',
      input: CONCERN_INPUT,
      queuedAt: '2026-03-14T10:20:00Z',
      pupilId: 'p-1',
      pupilName: NAME,
      error: { code: 'invalid_input', message: 'The time it happened is in the future.' },
    },
    {
      id: 'o-3',
      op: 'parentUpdates.save',
      input: NOTE_INPUT,
      queuedAt: '2026-03-14T10:25:00Z',
      pupilId: 'p-1',
      pupilName: NAME,
      error: { code: 'forbidden', message: 'This pupil is no longer on your caseload.' },
    },
    {
      id: 'o-4',
      op: 'safeguarding.raise',
      input: CONCERN_INPUT,
      queuedAt: '2026-03-14T11:00:00Z',
      pupilId: 'p-1',
      pupilName: NAME,
      error: null,
    },
    {
      id: 'o-5',
      op: 'sessions.record',
      input: SESSION_INPUT,
      queuedAt: '2026-03-14T10:50:00Z',
      pupilId: 'p-1',
      pupilName: NAME,
      error: null,
    },
  ];
}

function offline(): Status {
  return {
    mode: 'offline',
    server: 'https://senco-server.school.local:8443',
    waiting: 2,
    concernsWaiting: 1,
    failed: 3,
    changes: 7,
    sending: false,
    lastContactAt: '2026-03-14T09:55:00Z',
  };
}

test.beforeAll(async ({ browser }) => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  await signIn(page);
  const created = await invokeApi<{ id: string }>(page, 'pupils.create', {
    upn: PUPIL.upn,
    legalFirstName: PUPIL.first,
    legalLastName: PUPIL.last,
    dateOfBirth: '2015-04-12',
    yearGroup: '6',
    className: '6O',
    dateJoined: '2020-09-01',
    senStatus: 'K',
    needs: ['SEMH'],
    contacts: [],
  });
  expect(created.ok, JSON.stringify(created.error)).toBe(true);
  pupilId = created.value!.id;
  await page.route('**/api/invoke', answer);
});

test.afterAll(async () => {
  await page.unroute('**/api/invoke');
  await page.close();
});

test('a standalone desk shows nothing about a school server', async () => {
  // The real core answers: standalone.
  await page.goto(appUrl('#/'));
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const status = await invokeApi<Status>(page, 'desk.status', {});
  expect(status.value?.mode).toBe('standalone');
  // Asked once: a standalone desk stays standalone until the app starts again, so it is not asked every 2 seconds.
  const asked: string[] = [];
  const listen = (r: { url(): string; postDataJSON(): unknown }) => {
    if (r.url().endsWith('/api/invoke') && (r.postDataJSON() as { op: string }).op === 'desk.status') asked.push('desk.status');
  };
  page.on('request', listen);
  await page.waitForTimeout(4500);
  page.off('request', listen);
  expect(asked).toEqual([]);
  await expect(page.getByTestId('desk-banner')).toHaveCount(0);
  await expect(page.getByTestId('desk-outbox-nav')).toHaveCount(0);
  await page.goto(appUrl('#/settings'));
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
  await expect(page.getByTestId('school-server')).toHaveCount(0);
});

test('online: a quiet line; then offline: the banner, what waits, the concern in red, and the link to what could not be sent', async () => {
  desk.status = {
    ...STANDALONE,
    mode: 'online',
    server: 'https://senco-server.school.local:8443',
    waiting: 2,
    sending: true,
    lastContactAt: new Date().toISOString(),
  };
  // A new start of the page (the desk's mode is chosen when the app starts).
  await page.goto(appUrl('#/'));
  await page.reload();
  const banner = page.getByTestId('desk-banner');
  await expect(banner).toHaveAttribute('data-mode', 'online');
  await expect(banner).toHaveAttribute('role', 'status');
  await expect(banner).toHaveAttribute('aria-live', 'polite');
  await expect(banner).toContainText('Connected to the school server');
  await expect(page.getByTestId('desk-waiting')).toHaveText('Sending 2 items done offline…');
  // WCAG AA: 4.5:1 for the quiet line's words too.
  expect(await contrast(banner.getByText('Connected to the school server'))).toBeGreaterThanOrEqual(4.5);
  expect(await contrast(page.getByTestId('desk-waiting'))).toBeGreaterThanOrEqual(4.5);
  await page.screenshot({ path: `${SCREENSHOTS}/desk-online.png` });

  desk.items = outbox();
  desk.status = offline();
  // Within one poll (2 s) the banner turns.
  await expect(banner).toHaveAttribute('data-mode', 'offline', { timeout: 5000 });
  await expect(banner).toContainText('Offline: working from this desk’s copy');
  await expect(page.getByTestId('desk-waiting')).toHaveText('2 items are waiting to be sent.');
  const concerns = page.getByTestId('desk-concerns');
  await expect(concerns).toHaveText('1 safeguarding concern has NOT reached the DSL: tell the DSL in person now.');
  await expect(concerns.locator('svg')).toHaveCount(1);
  expect(await concerns.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(179, 38, 30)');
  await expect(page.getByTestId('desk-failed-link')).toHaveText('3 items could not be sent: open the list to fix or discard them');
  // In the navigation too, with the count in words for a screen reader.
  await expect(page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: /Could not be sent/ })).toContainText(
    '3 items could not be sent',
  );
  for (const part of [
    banner.getByText('Offline: working from this desk’s copy'),
    page.getByTestId('desk-waiting'),
    concerns.locator('p'),
    page.getByTestId('desk-failed-link'),
  ]) {
    expect(await contrast(part)).toBeGreaterThanOrEqual(4.5);
  }
  await page.screenshot({ path: `${SCREENSHOTS}/desk-offline-banner.png` });
  // Nothing sideways at 1366×768.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1366);
});

test('"Could not be sent": each item in words, with the server’s reason; what waits below, the concern first', async () => {
  await page.getByTestId('desk-failed-link').click();
  await expect(page.getByRole('heading', { name: 'Could not be sent', level: 1 })).toBeVisible();
  const failed = page.getByTestId('outbox-item');
  await expect(failed).toHaveCount(3);
  await expect(failed.nth(0)).toContainText('Session recorded');
  await expect(failed.nth(0)).toContainText(NAME);
  await expect(failed.nth(0)).toContainText('14 March 2026 at 10:15');
  await expect(failed.nth(0)).toContainText('This session was cancelled on 13 March 2026');
  await expect(failed.nth(1)).toContainText('Safeguarding concern');
  await expect(failed.nth(2)).toContainText('Progress note');
  const waiting = page.getByTestId('outbox-waiting-item');
  await expect(waiting).toHaveCount(2);
  await expect(waiting.nth(0)).toContainText('Safeguarding concern');
  await expect(waiting.nth(0)).toContainText('NOT yet with the DSL: tell the DSL in person now.');
  expect(await contrast(waiting.nth(0).getByText('NOT yet with the DSL: tell the DSL in person now.'))).toBeGreaterThanOrEqual(4.5);
  // On the page itself the banner names the list without linking to it.
  await expect(page.getByTestId('desk-failed-link')).toHaveCount(0);
  await page.screenshot({ path: `${SCREENSHOTS}/desk-could-not-be-sent.png`, fullPage: true });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1366);
  // Both lists asked for: refused, and waiting.
  const lists = desk.calls.filter((c) => c.op === 'desk.outbox.list').map((c) => JSON.stringify(c.input));
  expect(lists).toEqual(expect.arrayContaining(['{}', '{"waiting":true}']));
});

test('send again: a refusal is shown and the item stays; discard asks first, naming the record', async () => {
  desk.resendAnswer = { ok: false, error: { code: 'offline', message: OFFLINE_MESSAGE } };
  const progress = page.getByTestId('outbox-item').filter({ hasText: 'Progress note' });
  await progress.getByRole('button', { name: 'Send again' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Not sent:' })).toContainText(OFFLINE_MESSAGE);
  await expect(page.getByTestId('outbox-item')).toHaveCount(3);
  expect(desk.calls.filter((c) => c.op === 'desk.outbox.resend').at(-1)?.input).toEqual({ id: 'o-3' });
  desk.resendAnswer = null;

  await progress.getByRole('button', { name: 'Discard' }).click();
  const ask = page.getByRole('dialog', { name: `Discard the progress note for ${NAME}, done on 14 March 2026?` });
  await expect(ask).toBeVisible();
  await expect(ask).toContainText('never sent. This cannot be undone.');
  await ask.getByRole('button', { name: 'Keep it' }).click();
  await expect(ask).toBeHidden();
  expect(desk.calls.some((c) => c.op === 'desk.outbox.discard')).toBe(false);
  await expect(page.getByTestId('outbox-item')).toHaveCount(3);

  await progress.getByRole('button', { name: 'Discard' }).click();
  await ask.getByRole('button', { name: 'Discard' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Discarded: the progress note will not be sent.' })).toBeVisible();
  expect(desk.calls.filter((c) => c.op === 'desk.outbox.discard').map((c) => c.input)).toEqual([{ id: 'o-3' }]);
  await expect(page.getByTestId('outbox-item')).toHaveCount(2);
});

test('discarding a concern warns that it has not reached the DSL', async () => {
  await page.getByTestId('outbox-item').filter({ hasText: 'Safeguarding concern' }).getByRole('button', { name: 'Discard' }).click();
  const ask = page.getByRole('dialog', { name: /^Discard the safeguarding concern for/ });
  await expect(ask).toContainText(
    'This safeguarding concern has NOT reached the DSL. Discard it only once you have told the DSL in person.',
  );
  await ask.getByRole('button', { name: 'Keep it' }).click();
});

test('fix a session: its own form, prefilled; the correction is sent with everything else as it was', async () => {
  await page.getByTestId('outbox-item').filter({ hasText: 'Session recorded' }).getByRole('button', { name: 'Fix' }).click();
  const dialog = page.getByRole('dialog', { name: 'Fix the session recorded' });
  await expect(dialog).toContainText(`About ${NAME}, done on this desk on 14 March 2026 at 10:15.`);
  await expect(dialog).toContainText('The school server said: This session was cancelled on 13 March 2026');
  await expect(dialog.getByRole('group', { name: NAME })).toBeVisible();
  await expect(dialog.getByRole('textbox', { name: 'Minutes delivered' })).toHaveValue('30');
  const notes = dialog.getByRole('textbox', { name: 'Notes' });
  await expect(notes).toHaveValue('Worked on turn-taking with the group.');
  // Cancelled needs who and why: the contract's own check, beside the field, and nothing sent.
  await dialog.getByRole('combobox', { name: 'Attendance' }).click();
  await page.getByRole('option', { name: 'Cancelled', exact: true }).click();
  await dialog.getByRole('button', { name: 'Send again' }).click();
  await expect(dialog.getByRole('alert')).toBeVisible();
  expect(desk.calls.filter((c) => c.op === 'desk.outbox.resend')).toHaveLength(1);
  await dialog.getByRole('combobox', { name: 'Attendance' }).click();
  await page.getByRole('option', { name: 'Attended', exact: true }).click();
  await notes.fill('Worked on turn-taking with the group (recorded against Thursday’s session).');
  await page.screenshot({ path: `${SCREENSHOTS}/desk-fix-session.png` });
  await dialog.getByRole('button', { name: 'Send again' }).click();
  await expect(dialog).toBeHidden();
  const sent = desk.calls.filter((c) => c.op === 'desk.outbox.resend').at(-1)?.input as { id: string; input: typeof SESSION_INPUT };
  expect(sent.id).toBe('o-1');
  expect(sent.input).toEqual({
    ...SESSION_INPUT,
    pupils: [{ ...SESSION_INPUT.pupils[0], notes: 'Worked on turn-taking with the group (recorded against Thursday’s session).' }],
  });
  await expect(page.getByRole('status').filter({ hasText: 'Sent: the session recorded reached the school server.' })).toBeVisible();
});

test('fix a concern: when, what and the child’s words, prefilled; a refusal with a field message stays open', async () => {
  desk.resendAnswer = {
    ok: false,
    error: {
      code: 'invalid_input',
      message: 'Check the fields marked.',
      fields: { what: 'Describe what was seen or said, in your own words.' },
    },
  };
  await page.getByTestId('outbox-item').filter({ hasText: 'Safeguarding concern' }).getByRole('button', { name: 'Fix' }).click();
  const dialog = page.getByRole('dialog', { name: 'Fix the safeguarding concern' });
  await expect(dialog.getByRole('textbox', { name: /^Date it happened/ })).toHaveValue('14/03/2026');
  await expect(dialog.getByRole('textbox', { name: /^Time/ })).toHaveValue('10:05');
  const what = dialog.getByRole('textbox', { name: /^What was seen or said/ });
  await expect(what).toHaveValue(CONCERN_INPUT.what);
  await dialog.getByRole('textbox', { name: /^Time/ }).fill('09:05');
  await dialog.getByRole('button', { name: 'Send again' }).click();
  await expect(dialog.getByRole('alert')).toContainText('The school server said: Check the fields marked.');
  await expect(what).toHaveAccessibleDescription('Describe what was seen or said, in your own words.');
  expect((desk.calls.filter((c) => c.op === 'desk.outbox.resend').at(-1)?.input as { input: unknown }).input).toEqual({
    ...CONCERN_INPUT,
    happenedAt: '2026-03-14T09:05',
  });
  desk.resendAnswer = null;
  await dialog.getByRole('button', { name: 'Send again' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('outbox-item')).toHaveCount(0);
  await expect(page.getByText('Nothing was refused')).toBeVisible();
});

test('fix anything else: its written fields, each labelled', async () => {
  desk.items = [
    {
      id: 'o-9',
      op: 'parentUpdates.save',
      input: NOTE_INPUT,
      queuedAt: '2026-03-14T10:25:00Z',
      pupilId: 'p-1',
      pupilName: NAME,
      error: { code: 'forbidden', message: 'No longer on your caseload.' },
    },
  ];
  desk.status = { ...offline(), failed: 1 };
  await expect(page.getByTestId('outbox-item')).toHaveCount(1, { timeout: 8000 });
  await page.getByTestId('outbox-item').getByRole('button', { name: 'Fix' }).click();
  const dialog = page.getByRole('dialog', { name: 'Fix the progress note' });
  const summary = dialog.getByRole('textbox', { name: 'Summary' });
  await expect(summary).toHaveValue(NOTE_INPUT.summary);
  await summary.fill('Settled well this half term; reading has come on.');
  await dialog.getByRole('button', { name: 'Send again' }).click();
  await expect(dialog).toBeHidden();
  expect((desk.calls.filter((c) => c.op === 'desk.outbox.resend').at(-1)?.input as { input: unknown }).input).toEqual({
    ...NOTE_INPUT,
    summary: 'Settled well this half term; reading has come on.',
  });
});

test('a concern raised offline says, before and after, that it has NOT reached the DSL', async () => {
  desk.status = offline();
  await page.goto(appUrl(`#/pupils/${pupilId}`));
  await expect(page.getByRole('heading', { name: NAME, level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'Raise a safeguarding concern' }).click();
  const dialog = page.getByRole('dialog', { name: 'Raise a safeguarding concern' });
  const warning = dialog.getByTestId('concern-offline-warning');
  await expect(warning).toContainText('This concern has NOT reached the DSL');
  await expect(warning).toContainText('Tell the DSL in person now.');
  await expect(warning).toContainText('the first thing sent when the connection returns');
  expect(await warning.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(179, 38, 30)');
  await expect(warning.locator('svg')).toHaveCount(1);
  for (const line of await warning.locator('p').all()) expect(await contrast(line)).toBeGreaterThanOrEqual(4.5);
  await dialog.getByRole('textbox', { name: /^What was seen or said/ }).fill(`Offline spec ${stamp}: arrived upset and would not say why.`);
  await page.screenshot({ path: `${SCREENSHOTS}/desk-concern-offline.png` });
  await dialog.getByRole('button', { name: 'Send to the DSL' }).click();
  // Kept on the desk (the test plays it): the confirmation says so, not "sent to the DSL".
  await expect.poll(() => desk.raised.length).toBe(1);
  const kept = page.getByRole('dialog', { name: 'Safeguarding concern kept on this desk' });
  await expect(kept).toBeVisible();
  await expect(kept.getByTestId('concern-offline-warning')).toContainText(
    `The concern about ${NAME} is saved on this desk but has NOT reached the DSL. Tell the DSL in person now.`,
  );
  await expect(kept.getByTestId('concern-sent')).toHaveCount(0);
  await page.screenshot({ path: `${SCREENSHOTS}/desk-concern-kept.png` });
  await kept.getByRole('button', { name: 'Done' }).click();
});

test('when the desk’s change counter moves, what is on screen is read again', async () => {
  desk.status = { ...offline(), mode: 'online', waiting: 0, concernsWaiting: 0, failed: 0 };
  await page.goto(appUrl('#/pupils'));
  await expect(page.getByRole('heading', { name: 'Pupils', level: 1 })).toBeVisible();
  const reads: string[] = [];
  page.on('request', (r) => {
    if (r.url().endsWith('/api/invoke')) {
      const op = (r.postDataJSON() as { op: string }).op;
      if (op === 'pupils.list') reads.push(op);
    }
  });
  await page.waitForTimeout(4500);
  expect(reads).toEqual([]);
  desk.status = { ...desk.status, changes: desk.status.changes + 1 } as Status;
  await expect.poll(() => reads.length, { timeout: 6000 }).toBeGreaterThan(0);
});

test('every page and tab says why when what it reads cannot be reached, never a blank screen', async () => {
  desk.status = offline();
  // (The new-pupil form reads nothing it cannot do without: its save refused offline is the next test.)
  const pages = [
    '#/',
    '#/pupils',
    '#/referrals',
    '#/plans',
    '#/sessions',
    '#/calendar',
    '#/provision',
    '#/reviews',
    '#/safeguarding',
    '#/staff',
    '#/feedback',
    '#/sharing',
    '#/audit',
  ];
  const settingsTabs = ['school', 'terms', 'calendar', 'clocks', 'disciplines', 'policies', 'users', 'access'];
  const profileTabs = ['overview', 'ehcp', 'referrals', 'band', 'plans', 'sessions', 'reviews', 'progress', 'parents', 'shared'];
  const blank: string[] = [];
  const check = async (hash: string) => {
    await page.goto(appUrl(hash));
    await page.waitForTimeout(600);
    const seen = await page
      .getByText(OFFLINE_MESSAGE)
      .first()
      .isVisible()
      .catch(() => false);
    if (!seen) {
      await page.waitForTimeout(1500);
      if (
        !(await page
          .getByText(OFFLINE_MESSAGE)
          .first()
          .isVisible()
          .catch(() => false))
      )
        blank.push(hash);
    }
  };
  desk.failAllBut = new Set();
  for (const hash of pages) await check(hash);
  for (const tab of settingsTabs) await check(`#/settings?tab=${tab}`);
  desk.failAllBut = new Set(['pupils.get']);
  for (const tab of profileTabs) await check(`#/pupils/${pupilId}?tab=${tab}`);
  desk.failAllBut = null;
  expect(blank).toEqual([]);
});

test('a form refused offline keeps what was typed and shows why', async () => {
  desk.failOffline = new Set(['pupils.update']);
  await page.goto(appUrl(`#/pupils/${pupilId}/edit`));
  const first = page.getByLabel('Preferred first name');
  await expect(first).toBeVisible();
  await first.fill('Ami');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByText(OFFLINE_MESSAGE)).toBeVisible();
  await expect(first).toHaveValue('Ami');
  desk.failOffline = new Set();
});

test('Settings › School server on the desktop: the SENCo tests and saves; a refusal says what to check, beside the field', async ({
  browser,
}) => {
  // The desktop app's bridge, played in the browser: operations still go to the real core (through the test host), and
  // the School server card's three requests are answered as electron/shell/connection.ts would (tested there).
  const p = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  await p.addInitScript(() => {
    const requests: unknown[] = [];
    // The host's page token, kept as the browser edition's client keeps it (the bridge replaces that client's transport).
    const fromUrl = new URLSearchParams(location.search).get('token');
    if (fromUrl) sessionStorage.setItem('senco-desk.host-token', fromUrl);
    let saved: { address: string; fingerprint: string } | null = null;
    const view = () =>
      saved ? { source: 'settings', ...saved, complete: true } : { source: 'none', address: null, fingerprint: null, complete: true };
    (window as unknown as { __requests: unknown[] }).__requests = requests;
    Object.defineProperty(window, 'sencoDesk', {
      value: {
        version: '0.0.0-test',
        policy: {},
        invoke: (envelope: unknown) =>
          fetch('./api/invoke', {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              authorization: `Bearer ${sessionStorage.getItem('senco-desk.host-token') ?? ''}`,
            },
            body: JSON.stringify(envelope),
          }).then((r) => r.json()),
        invokeLong: () => Promise.resolve({ ok: false, error: { code: 'internal', message: 'not in this test' } }),
        cancel: () => Promise.resolve(false),
        onProgress: () => () => undefined,
        onMenuCommand: () => () => undefined,
        connection: {
          get: () => Promise.resolve(view()),
          save: (r: { session: string | null; address: string; fingerprint: string }) => {
            requests.push(r);
            if (!r.fingerprint.startsWith('AB')) {
              const message = `The server at ${r.address} showed a different certificate from the fingerprint you entered, so nothing was sent to it.`;
              return Promise.resolve({ ok: false, error: { code: 'server_untrusted', message, fields: { fingerprint: message } } });
            }
            saved = { address: r.address, fingerprint: r.fingerprint };
            return Promise.resolve({ ok: true, value: { connection: view(), version: '9.9.9' } });
          },
          clear: () => ((saved = null), Promise.resolve({ ok: true, value: view() })),
        },
      },
    });
  });
  try {
    await signIn(p);
    await p.goto(appUrl('#/settings'));
    const card = p.getByTestId('school-server');
    await expect(card.getByRole('heading', { name: 'School server' })).toBeVisible();
    await expect(card).toContainText('Not connected: this desk keeps its own records.');
    await card.getByRole('button', { name: 'Test connection and save' }).click();
    await expect(card.getByRole('textbox', { name: 'Server address' })).toHaveAccessibleDescription(/^Enter the server’s address/);
    expect(await p.evaluate(() => (window as unknown as { __requests: unknown[] }).__requests)).toEqual([]);

    await card.getByRole('textbox', { name: 'Server address' }).fill('https://senco-server.school.local:8443');
    const fingerprint = card.getByRole('textbox', { name: /^Certificate fingerprint/ });
    await fingerprint.fill('CD:'.repeat(31) + 'CD');
    await card.getByRole('button', { name: 'Test connection and save' }).click();
    await expect(card.getByRole('alert')).toContainText(
      'Not saved: The server at https://senco-server.school.local:8443 showed a different certificate',
    );
    await expect(fingerprint).toHaveAccessibleDescription(/showed a different certificate/);
    // What was typed stays.
    await expect(fingerprint).toHaveValue('CD:'.repeat(31) + 'CD');
    await fingerprint.fill('AB:'.repeat(31) + 'AB');
    await card.getByRole('button', { name: 'Test connection and save' }).click();
    await expect(card.getByRole('status')).toContainText(
      'answered (SENCo Desk 9.9.9) and its certificate matched. Saved: restart SENCo Desk',
    );
    await expect(card).toContainText('This desk connects to https://senco-server.school.local:8443.');
    const sent = (await p.evaluate(() => (window as unknown as { __requests: { session: string | null }[] }).__requests)) as {
      session: string | null;
      address: string;
    }[];
    expect(sent).toHaveLength(2);
    // The page sends its session, so the main process can check it is the SENCo's.
    expect(sent[1]?.session).toBe(await p.evaluate(() => sessionStorage.getItem('senco-desk.session')));
    await card.scrollIntoViewIfNeeded();
    await p.screenshot({ path: `${SCREENSHOTS}/desk-settings-school-server.png` });
    await card.getByRole('button', { name: 'Stop using this server' }).click();
    await expect(card.getByRole('status')).toContainText('Removed. Restart SENCo Desk');
    await expect(card).toContainText('Not connected');
  } finally {
    await p.close();
  }
});
