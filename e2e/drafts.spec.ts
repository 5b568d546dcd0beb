/**
 * Issue 17, item 3 (work is never lost), end to end at 1366×768 as a SENCo. Through the API: a synthetic pupil with a
 * final EHC plan. In the UI: typing in the plan's section A and going to another page asks first; "Stay" keeps the
 * text; leaving keeps a draft, restored with a note when the editor opens again. Escape in "Schedule a session" asks
 * "Discard changes?" and keeps the text; closed keeping the draft, it comes back when the dialog opens again. The
 * screen lock saves the draft first: after unlocking the text is there, and even signing out from the lock screen
 * loses nothing (the draft is restored after signing in again). A reload restores the draft from the store. At no
 * point does the typed text reach the browser's localStorage or sessionStorage.
 * The dialogs given drafts since (an assessment request, the phase transfer): Cancel with changes asks as Escape does,
 * a draft kept on closing comes back after leaving the page, and a draft that arrives only after the user has started
 * typing never overwrites what they typed.
 * Screenshots of each point.
 */
import { expect, test, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { makeUpn } from '../shared/upn';
import { SCREENSHOTS, SENCO, appUrl, invokeApi, signIn, callApi } from './fixtures';

const stamp = Date.now() % 1000;
const PUPIL = { first: 'Dara', last: 'Drafttest', upn: makeUpn(801, 3170, 19, stamp) };
const VIEWS = `Synthetic: Dara likes the quiet reading corner and drawing trains (${stamp}).`;
const LOCKED_TEXT = `Synthetic: typed just before the screen locked (${stamp}).`;
const SESSION_TITLE = `Synthetic draft group ${stamp}`;
const REQUEST_LA = `Synthetic Borough Council ${stamp}`;
const OLD_SETTING = `Synthetic older draft academy ${stamp}`;
const NEW_SETTING = `Synthetic typed-now academy ${stamp}`;

test.use({ viewport: { width: 1366, height: 768 } });
test.describe.configure({ mode: 'serial' });

let page: Page;
let pupilId = '';
let planId = '';

function ok<T>(op: string, input: unknown): Promise<T> {
  return callApi<T>(page, op, input);
}

/** Everything the page keeps in the browser's own storage, as one string. */
async function browserStorage(p: Page): Promise<string> {
  return p.evaluate(() => {
    const all: string[] = [];
    for (const s of [window.localStorage, window.sessionStorage]) {
      for (let i = 0; i < s.length; i++) {
        const k = s.key(i)!;
        all.push(`${k}=${s.getItem(k) ?? ''}`);
      }
    }
    return all.join('\n');
  });
}

async function expectNothingInBrowserStorage(...texts: string[]): Promise<void> {
  const stored = await browserStorage(page);
  for (const text of texts) expect(stored, 'typed text in localStorage/sessionStorage').not.toContain(text);
  expect(stored).not.toContain(PUPIL.last);
}

const views = () => page.getByRole('textbox', { name: 'Views', exact: true });
const editUrl = () => appUrl(`#/pupils/${pupilId}/plans/ehcp/${planId}?edit=1`);

/** Waits for the draft of what was typed to be saved (a couple of seconds after typing stops, or on blur). */
async function draftSaved(p: Page, trigger: () => Promise<void>): Promise<void> {
  const saved = p.waitForResponse((r) => r.url().includes('/api/invoke') && (r.request().postData() ?? '').includes('"drafts.save"'));
  await trigger();
  expect((await (await saved).json()) as { ok: boolean }).toMatchObject({ ok: true });
}

test.beforeAll(async ({ browser }) => {
  page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  mkdirSync(SCREENSHOTS, { recursive: true });
  await signIn(page);
  pupilId = (
    await ok<{ id: string }>('pupils.create', {
      upn: PUPIL.upn,
      legalFirstName: PUPIL.first,
      legalLastName: PUPIL.last,
      dateOfBirth: '2016-03-02',
      yearGroup: '5',
      className: '5A',
      dateJoined: '2021-09-01',
      senStatus: 'E',
      needs: ['SLCN'],
      contacts: [],
    })
  ).id;
  planId = (
    await ok<{ plan: { id: string } }>('ehcp.create', {
      pupilId,
      localAuthority: 'Example Borough Council',
      ownerId: null,
      status: 'final',
      draftDate: null,
      issuedDate: '2026-01-15',
      ceasedDate: null,
      ceasedReason: null,
      content: {
        sectionA: { views: null, interests: null, aspirations: null },
        needs: [{ key: 'n1', area: 'communication_interaction', description: 'Understanding spoken instructions' }],
        items: [],
        outcomes: [
          {
            key: 'o1',
            description: 'Dara follows a two-step instruction with a visual prompt.',
            targetDate: '2027-07-16',
            needKeys: ['n1'],
            pfaArea: null,
          },
        ],
        provision: [
          {
            key: 'p1',
            description: 'Speech and language therapy, 1:1',
            frequencyCount: 1,
            frequencyPeriod: 'week',
            sessionMinutes: 30,
            durationWeeks: null,
            groupSize: 1,
            deliveredBy: 'Speech and language therapist',
            expertise: null,
            markedQuantified: true,
            outcomeKeys: ['o1'],
          },
        ],
        placement: { name: null, urn: null, type: null },
        personalBudget: null,
        advice: [],
      },
    })
  ).plan.id;
});

test.afterAll(async () => {
  await page.close();
});

test('typing in an EHC plan section, then going to another page, asks first; staying keeps the text', async () => {
  await page.goto(editUrl());
  await expect(views()).toBeVisible();
  await views().fill(VIEWS);
  await page.getByRole('navigation').getByRole('link', { name: 'Pupils', exact: true }).click();
  const ask = page.getByRole('dialog', { name: 'Leave this page?' });
  await expect(ask).toBeVisible();
  await expect(ask.getByRole('button', { name: 'Stay on this page' })).toBeFocused();
  await page.screenshot({ path: `${SCREENSHOTS}/drafts-leave-asked.png` });
  await ask.getByRole('button', { name: 'Stay on this page' }).click();
  await expect(ask).toHaveCount(0);
  await expect(page).toHaveURL(/\/plans\/ehcp\/.*edit=1/);
  await expect(views()).toHaveValue(VIEWS);
  await expectNothingInBrowserStorage(VIEWS);
});

test('leaving keeps a draft in the store, restored with a note when the plan is edited again', async () => {
  await page.getByRole('navigation').getByRole('link', { name: 'Pupils', exact: true }).click();
  const ask = page.getByRole('dialog', { name: 'Leave this page?' });
  await ask.getByRole('button', { name: 'Leave, keep the draft' }).click();
  await expect(page.getByRole('heading', { name: 'Pupils', level: 1 })).toBeVisible();
  await page.goto(editUrl());
  const note = page.getByRole('alert').filter({ hasText: 'Restored your unsaved draft from' });
  await expect(note).toContainText(/Restored your unsaved draft from \d{2}:\d{2}\./);
  await expect(note.getByRole('button', { name: 'Discard draft' })).toBeVisible();
  await expect(views()).toHaveValue(VIEWS);
  await page.screenshot({ path: `${SCREENSHOTS}/drafts-restored-plan.png` });
  // Kept in the (encrypted) store, never in the browser's storage.
  const kept = await ok<{ payload: string } | null>('drafts.get', { key: `ehcp.plan:${planId}`, pupilId });
  expect(kept?.payload).toContain(VIEWS);
  await expectNothingInBrowserStorage(VIEWS);
});

test('a reload restores the draft from the store', async () => {
  await page.goto(editUrl());
  await expect(views()).toHaveValue(VIEWS);
  const more = `${VIEWS} And the class garden.`;
  await draftSaved(page, async () => {
    await views().fill(more);
    await views().blur();
  });
  // The browser asks before unloading a page with unsaved changes; the test accepts.
  page.once('dialog', (d) => void d.accept());
  await page.reload();
  await expect(views()).toHaveValue(more);
  await expect(page.getByRole('alert').filter({ hasText: 'Restored your unsaved draft from' })).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOTS}/drafts-after-reload.png` });
  await expectNothingInBrowserStorage(more);
});

test('the screen lock saves the draft first: after unlocking the text is there, and signing out loses nothing', async () => {
  await page.goto(editUrl());
  await expect(views()).toBeVisible();
  await views().fill(LOCKED_TEXT);
  // Locked at once (Ctrl+Shift+L), before the draft's own timer: the lock saves it.
  const saved = page.waitForResponse((r) => (r.request().postData() ?? '').includes('"drafts.save"'));
  await page.keyboard.press('Control+Shift+L');
  const lock = page.getByTestId('lock-screen');
  await expect(lock).toBeVisible();
  expect(((await (await saved).json()) as { ok: boolean }).ok).toBe(true);
  await page.screenshot({ path: `${SCREENSHOTS}/drafts-locked.png` });
  await lock.getByLabel('Password').fill(SENCO.password);
  await lock.getByRole('button', { name: 'Unlock' }).click();
  await expect(lock).toHaveCount(0);
  await expect(views()).toHaveValue(LOCKED_TEXT);
  await page.screenshot({ path: `${SCREENSHOTS}/drafts-unlocked.png` });

  // Locked again and signed out from the lock screen: the form is gone, the draft is not.
  await views().fill(`${LOCKED_TEXT} Still typing.`);
  await page.keyboard.press('Control+Shift+L');
  await expect(lock).toBeVisible();
  await lock.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await page.getByLabel('Username').fill(SENCO.username);
  await page.getByLabel('Password').fill(SENCO.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('signed-in-user')).toBeVisible();
  await page.goto(editUrl());
  await expect(views()).toHaveValue(`${LOCKED_TEXT} Still typing.`);
  await expectNothingInBrowserStorage(LOCKED_TEXT);
  // Discarded from the note: the plan's own (empty) section A is back, and the draft is gone from the store.
  await page.getByRole('button', { name: 'Discard draft' }).click();
  await expect(views()).toHaveValue('');
  await expect.poll(async () => (await invokeApi(page, 'drafts.get', { key: `ehcp.plan:${planId}`, pupilId })).value ?? null).toBeNull();
  // Nothing unsaved now: leaving does not ask.
  await page.getByRole('navigation').getByRole('link', { name: 'Pupils', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Pupils', level: 1 })).toBeVisible();
});

test('Escape in "Schedule a session" asks, keeps the text, and the draft comes back when it opens again', async () => {
  await page.goto(appUrl('#/sessions'));
  await expect(page.getByRole('heading', { name: 'Sessions', level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'Schedule a session' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Schedule a session' });
  await dialog.getByLabel('Session title').fill(SESSION_TITLE);
  await page.keyboard.press('Escape');
  const ask = page.getByRole('dialog', { name: 'Discard changes?' });
  await expect(ask).toBeVisible();
  await expect(ask).toContainText('You have changes in “Schedule a session” that are not saved.');
  await expect(ask.getByRole('button', { name: 'Keep editing' })).toBeFocused();
  await page.screenshot({ path: `${SCREENSHOTS}/drafts-schedule-escape.png` });
  // Escape again answers the question (keep editing), not the dialog beneath.
  await page.keyboard.press('Escape');
  await expect(ask).toHaveCount(0);
  await expect(dialog.getByLabel('Session title')).toHaveValue(SESSION_TITLE);
  // Closed keeping the draft, it is there when the dialog opens again.
  await page.keyboard.press('Escape');
  await ask.getByRole('button', { name: 'Close, keep the draft' }).click();
  await expect(dialog).toHaveCount(0);
  await page.getByRole('button', { name: 'Schedule a session' }).first().click();
  await expect(dialog.getByLabel('Session title')).toHaveValue(SESSION_TITLE);
  await expect(dialog.getByRole('alert').filter({ hasText: 'Restored your unsaved draft from' })).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOTS}/drafts-schedule-restored.png` });
  await expectNothingInBrowserStorage(SESSION_TITLE);
  // Discarding the changes closes it and forgets the draft.
  await page.keyboard.press('Escape');
  await ask.getByRole('button', { name: 'Discard changes' }).click();
  await expect(dialog).toHaveCount(0);
  await page.getByRole('button', { name: 'Schedule a session' }).first().click();
  await expect(dialog.getByLabel('Session title')).toHaveValue('');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
});

test('Cancel with changes asks like Escape; an assessment request kept as a draft comes back after leaving the page', async () => {
  const ehcpTab = appUrl(`#/pupils/${pupilId}?tab=ehcp`);
  await page.goto(ehcpTab);
  await page.getByRole('button', { name: 'Add request' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add an assessment request' });
  const la = dialog.getByRole('textbox', { name: 'Local authority' });
  await la.fill(REQUEST_LA);
  // Cancel does not throw the typing away unasked.
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  const ask = page.getByRole('dialog', { name: 'Discard changes?' });
  await expect(ask).toBeVisible();
  await expect(ask).toContainText('You have changes in “Add an assessment request” that are not saved.');
  await expect(ask.getByRole('button', { name: 'Keep editing' })).toBeFocused();
  await page.screenshot({ path: `${SCREENSHOTS}/drafts-cancel-asks.png` });
  await ask.getByRole('button', { name: 'Keep editing' }).click();
  await expect(la).toHaveValue(REQUEST_LA);
  // Escape asks the same; closed keeping the draft.
  await page.keyboard.press('Escape');
  await ask.getByRole('button', { name: 'Close, keep the draft' }).click();
  await expect(dialog).toHaveCount(0);
  // Another page, then back: the draft is there when the dialog opens again.
  await page.getByRole('navigation').getByRole('link', { name: 'Pupils', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Pupils', level: 1 })).toBeVisible();
  await page.goto(ehcpTab);
  await page.getByRole('button', { name: 'Add request' }).click();
  await expect(la).toHaveValue(REQUEST_LA);
  await expect(dialog.getByRole('alert').filter({ hasText: 'Restored your unsaved draft from' })).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOTS}/drafts-request-restored.png` });
  await expectNothingInBrowserStorage(REQUEST_LA);
  // Cancel, then "Discard changes": closed, and the draft is gone from the store.
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await ask.getByRole('button', { name: 'Discard changes' }).click();
  await expect(dialog).toHaveCount(0);
  await expect
    .poll(async () => (await invokeApi(page, 'drafts.get', { key: `ehcp.request:new-${pupilId}`, pupilId })).value ?? null)
    .toBeNull();
});

test('a draft that arrives after typing has started never overwrites the typing (the phase transfer)', async () => {
  const key = `ehcp.transfer:${pupilId}`;
  // An older draft of the transfer is in the store.
  await ok('drafts.save', {
    key,
    pupilId,
    payload: JSON.stringify({ pupilId, kind: 'primary_to_secondary', transferDate: '2027-09-01', nextSetting: OLD_SETTING }),
  });
  await page.goto(appUrl(`#/pupils/${pupilId}/plans/ehcp/${planId}`));
  const record = page.getByRole('button', { name: 'Record a transfer' });
  await expect(record).toBeVisible();
  // The store is slow to answer the dialog's look-up for its draft: held until the user has typed.
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  await page.route('**/api/invoke', async (route) => {
    const body = route.request().postData() ?? '';
    if (body.includes('"drafts.get"') && body.includes(key)) await held;
    await route.continue();
  });
  try {
    await record.click();
    const dialog = page.getByRole('dialog', { name: 'Phase transfer' });
    const next = dialog.getByRole('textbox', { name: 'Next school or setting (if known)' });
    await next.fill(NEW_SETTING);
    const answered = page.waitForResponse(
      (r) => (r.request().postData() ?? '').includes('"drafts.get"') && (r.request().postData() ?? '').includes(key),
    );
    release();
    expect(((await (await answered).json()) as { value: { payload: string } | null }).value?.payload).toContain(OLD_SETTING);
    // The older draft arrived after the first keystroke: what was typed stays, with no "restored" note.
    await page.waitForTimeout(300);
    await expect(next).toHaveValue(NEW_SETTING);
    await expect(dialog.getByRole('alert').filter({ hasText: 'Restored your unsaved draft from' })).toHaveCount(0);
    await page.screenshot({ path: `${SCREENSHOTS}/drafts-typing-kept.png` });
    // Closed keeping the draft: the typing replaced the older draft in the store.
    await page.keyboard.press('Escape');
    await page.getByRole('dialog', { name: 'Discard changes?' }).getByRole('button', { name: 'Close, keep the draft' }).click();
    await expect(dialog).toHaveCount(0);
    await expect
      .poll(async () => (await invokeApi<{ payload: string } | null>(page, 'drafts.get', { key, pupilId })).value?.payload ?? '')
      .toContain(NEW_SETTING);
  } finally {
    release();
    await page.unroute('**/api/invoke');
    await invokeApi(page, 'drafts.discard', { key, pupilId });
  }
});
