/**
 * The safeguarding hand-off through the real renderer: a teacher raises a concern from a pupil's profile (and again
 * by keyboard alone, from the Safeguarding page); the DSL, signed in in a browser of their own, is alerted at once
 * (banner, spoken announcement, count on the menu), opens the Safeguarding page, reads the concern, acknowledges it,
 * and closes the hand-off with its CPOMS reference. The SENCo, who is not the DSL, reads none of it: not on their
 * Safeguarding page, and not by asking the transport directly. Runs after register.spec.ts on the same school; the
 * pupils and users here are its own (stamped names and UPNs).
 */
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { makeUpn } from '../shared/upn';
import { SCREENSHOTS, SENCO, appUrl, invokeApi, origin, URL_WITH_TOKEN, signedInPage } from './fixtures';

test.describe.configure({ mode: 'serial' });

const stamp = Date.now() % 1000;
const CLASS = '6G';
const AMARA = { first: 'Amara', last: `Guarding${stamp}`, upn: makeUpn(807, 2000, 30, stamp) };
const BEN = { first: 'Ben', last: `Keyboard${stamp}`, upn: makeUpn(807, 2000, 31, stamp) };
const TEACHER = {
  displayName: 'Tom Classteacher',
  username: `tom.classteacher.${stamp}`,
  password: 'a long enough password',
  role: 'teacher',
};
const DSL = { displayName: 'Dana Lead', username: `dana.lead.${stamp}`, password: 'another long password', role: 'dsl' };
const WHAT_A = `At lunch (${stamp}) Amara had a large bruise on her left forearm and flinched when a classmate raised a hand.`;
const WORDS_A = 'Dad gets angry when I spill things.';
const WHAT_B = `Ben (${stamp}) arrived without a coat in the rain for the third day running and said he had not had breakfast.`;
const WORDS_B = 'There was no food in the cupboard.';
const WHAT_API = `Ben (${stamp}) asked to stay behind after school and would not say why.`;
const REFERENCE = `SG-2026-${stamp}`;
const nameOf = (p: { first: string; last: string }) => `${p.first} ${p.last}`;

let page: Page;
const ids: Record<'amara' | 'ben' | 'teacher' | 'dsl', string> = { amara: '', ben: '', teacher: '', dsl: '' };

/** Calls an operation with a given session (null: none), as anything talking to the test host could. */
async function raw(p: Page, op: string, input: unknown, session: string | null) {
  const token = new URL(URL_WITH_TOKEN).searchParams.get('token');
  const res = await p.request.post(`${origin()}/api/invoke`, {
    headers: { authorization: `Bearer ${token}` },
    data: { op, input, session },
  });
  return (await res.json()) as { ok: boolean; value?: unknown; error?: { code: string; message: string } };
}

async function sessionOf(p: Page, who: { username: string; password: string }): Promise<string> {
  const signed = await raw(p, 'auth.signIn', { username: who.username, password: who.password }, null);
  expect(signed.ok, JSON.stringify(signed.error)).toBe(true);
  return (signed.value as { session: string }).session;
}

/** A second person, in a browser context of their own, signed in through the sign-in screen. */
async function signInAs(
  browser: Browser,
  who: { username: string; password: string; displayName: string },
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 850 }, locale: 'en-GB', timezoneId: 'Europe/London' });
  const p = await context.newPage();
  await p.goto(URL_WITH_TOKEN);
  await expect(p.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await p.getByLabel('Username').fill(who.username);
  await p.getByLabel('Password').fill(who.password);
  await p.getByRole('button', { name: 'Sign in' }).click();
  await expect(p.getByTestId('signed-in-user')).toContainText(who.displayName);
  return { context, page: p };
}

/** Yesterday as dd/mm/yyyy and as ISO (a time yesterday is never in the future, whenever the test runs). */
function yesterday(): { uk: string; iso: string } {
  const d = new Date(Date.now() - 86_400_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    uk: `${pad(d.getDate())}/${pad(d.getMonth() + 1)}/${d.getFullYear()}`,
    iso: `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`,
  };
}

test.beforeAll(async ({ browser }) => {
  page = await signedInPage(browser);
  for (const [key, p] of [
    ['amara', AMARA],
    ['ben', BEN],
  ] as const) {
    const created = await invokeApi<{ id: string }>(page, 'pupils.create', {
      upn: p.upn,
      legalFirstName: p.first,
      legalLastName: p.last,
      dateOfBirth: '2015-04-12',
      yearGroup: '6',
      className: CLASS,
      dateJoined: '2020-09-01',
      senStatus: 'K',
      needs: ['SEMH'],
      contacts: [],
    });
    expect(created.ok, JSON.stringify(created.error)).toBe(true);
    ids[key] = created.value!.id;
  }
  for (const [key, user] of [
    ['teacher', TEACHER],
    ['dsl', DSL],
  ] as const) {
    const made = await invokeApi<{ id: string }>(page, 'users.create', user);
    expect(made.ok, JSON.stringify(made.error)).toBe(true);
    ids[key] = made.value!.id;
  }
  const classes = await invokeApi(page, 'users.setClasses', { id: ids.teacher, classes: [CLASS] });
  expect(classes.ok, JSON.stringify(classes.error)).toBe(true);
});

test.afterAll(async () => {
  await page.close();
});

test('a teacher raises a safeguarding concern from the pupil’s profile, and sees it under “Concerns you raised”', async ({ browser }) => {
  const teacher = await signInAs(browser, TEACHER);
  try {
    const tp = teacher.page;
    await tp.goto(appUrl(`#/pupils/${ids.amara}`));
    await expect(tp.getByRole('heading', { name: nameOf(AMARA), level: 1 })).toBeVisible();
    await tp.getByRole('button', { name: 'Raise a safeguarding concern' }).click();
    const dialog = tp.getByRole('dialog', { name: 'Raise a safeguarding concern' });
    await expect(dialog).toHaveAccessibleDescription(
      /This goes straight to the designated safeguarding lead\. SENCo Desk keeps only this hand-off; the DSL records the concern on CPOMS\./,
    );
    await expect(dialog.getByRole('textbox', { name: 'Pupil' })).toHaveValue(nameOf(AMARA));
    // When: now by default, on the 24-hour clock.
    await expect(dialog.getByRole('textbox', { name: /^Time \(24-hour\)/ })).toHaveValue(/^([01]\d|2[0-3]):[0-5]\d$/);
    const what = dialog.getByRole('textbox', { name: /^What was seen or said/ });
    await expect(what).toHaveAccessibleDescription(/^Facts, not opinions/);
    await expect(dialog.getByRole('textbox', { name: 'The child’s own words (optional)' })).toHaveAccessibleDescription(/^Exactly as said/);

    // Nothing written: the message beside the field says what to do, and nothing is sent.
    await dialog.getByRole('button', { name: 'Send to the DSL' }).click();
    await expect(what).toHaveAccessibleDescription('Describe what was seen or said, in your own words.');
    await expect(what).toBeFocused();
    await expect(dialog.getByRole('alert')).toContainText('The concern was not sent');
    await what.fill(WHAT_A);
    await dialog.getByRole('textbox', { name: 'The child’s own words (optional)' }).fill(WORDS_A);
    await tp.screenshot({ path: `${SCREENSHOTS}/safeguarding-raise-dialog.png` });
    await dialog.getByRole('button', { name: 'Send to the DSL' }).click();

    const sent = tp.getByRole('dialog', { name: 'Concern sent to the designated safeguarding lead' });
    await expect(sent).toBeVisible();
    await expect(sent.getByRole('status')).toContainText(`The designated safeguarding lead (DSL) has your concern about ${nameOf(AMARA)}`);
    await expect(sent.getByRole('status')).toContainText('If the child is at immediate risk, also speak to the DSL in person now.');
    await tp.screenshot({ path: `${SCREENSHOTS}/safeguarding-raise-sent.png` });
    await sent.getByRole('button', { name: 'Done' }).click();
    await expect(sent).toBeHidden();

    // The Safeguarding page, from the menu: their own concern and its status, nobody else's.
    await tp.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Safeguarding' }).click();
    await expect(tp.getByRole('heading', { name: 'Concerns you raised' })).toBeVisible();
    const mine = tp.getByTestId('concern-item');
    await expect(mine).toHaveCount(1);
    await expect(mine).toContainText(nameOf(AMARA));
    await expect(mine.getByTestId('concern-status')).toHaveText('Raised');
    await expect(mine).toContainText('Waiting for the DSL to acknowledge it.');
    await expect(tp.getByTestId('safeguarding-banner')).toHaveCount(0);
  } finally {
    await teacher.context.close();
  }
});

test('a concern can be raised by keyboard alone', async ({ browser }) => {
  const teacher = await signInAs(browser, TEACHER);
  try {
    const tp = teacher.page;
    const kb = tp.keyboard;
    await tp.goto(appUrl('#/safeguarding'));
    await expect(tp.getByRole('heading', { name: 'Concerns you raised' })).toBeVisible();
    // From the menu link, Tab to the page's "Raise a concern".
    await tp.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Safeguarding' }).focus();
    const raise = tp.getByRole('button', { name: 'Raise a concern' }).first();
    for (let i = 0; i < 12 && !(await raise.evaluate((el) => el === document.activeElement)); i += 1) await kb.press('Tab');
    await expect(raise).toBeFocused();
    await kb.press('Enter');
    const dialog = tp.getByRole('dialog', { name: 'Raise a safeguarding concern' });
    await expect(dialog).toBeVisible();

    // The pupil: type, choose with the arrow keys.
    await kb.press('Tab');
    const pupil = dialog.getByRole('combobox', { name: 'Pupil' });
    await expect(pupil).toBeFocused();
    await expect(pupil).toHaveAccessibleDescription(/If you cannot find the pupil here, tell the DSL in person straight away\./);
    await kb.type('Nobody-by-that-name');
    await expect(tp.getByText('No pupil you can see matches “Nobody-by-that-name”. Tell the DSL in person straight away.')).toBeVisible();
    await kb.press('Control+A');
    await kb.type(BEN.last);
    await expect(tp.getByRole('option', { name: new RegExp(nameOf(BEN)) })).toBeVisible();
    await kb.press('ArrowDown');
    await kb.press('Enter');
    await expect(pupil).toHaveValue(nameOf(BEN));

    // The date: the next stop is its day; yesterday, typed as digits.
    await kb.press('Tab');
    const dateGroup = dialog.getByRole('group', { name: 'Date it happened' });
    await expect(dateGroup.getByRole('spinbutton').first()).toBeFocused();
    await kb.type(yesterday().uk.replace(/\//g, ''));
    // Past the calendar button to the time.
    const time = dialog.getByRole('textbox', { name: /^Time \(24-hour\)/ });
    for (let i = 0; i < 4 && !(await time.evaluate((el) => el === document.activeElement)); i += 1) await kb.press('Tab');
    await expect(time).toBeFocused();
    await kb.press('Control+A');
    await kb.type('0845');
    await kb.press('Tab');
    await expect(time).toHaveValue('08:45');
    await expect(dialog.getByRole('textbox', { name: /^What was seen or said/ })).toBeFocused();
    await kb.type(WHAT_B);
    await kb.press('Tab');
    await expect(dialog.getByRole('textbox', { name: 'The child’s own words (optional)' })).toBeFocused();
    await kb.type(WORDS_B);
    await kb.press('Tab');
    await kb.press('Tab');
    await expect(dialog.getByRole('button', { name: 'Send to the DSL' })).toBeFocused();
    await kb.press('Enter');

    const sent = tp.getByRole('dialog', { name: 'Concern sent to the designated safeguarding lead' });
    await expect(sent.getByRole('status')).toContainText(`has your concern about ${nameOf(BEN)}`);
    await expect(sent.getByRole('button', { name: 'Done' })).toBeFocused();
    await kb.press('Enter');
    await expect(sent).toBeHidden();
    await expect(tp.getByTestId('concern-item').filter({ hasText: nameOf(BEN) })).toHaveCount(1);
  } finally {
    await teacher.context.close();
  }
  // What was sent is what was typed, at the time typed.
  const listed = await raw(page, 'safeguarding.list', { pupilId: ids.ben }, await sessionOf(page, TEACHER));
  expect(listed.ok, JSON.stringify(listed.error)).toBe(true);
  expect(listed.value).toEqual([
    expect.objectContaining({ what: WHAT_B, childWords: WORDS_B, happenedAt: `${yesterday().iso}T08:45`, status: 'raised' }),
  ]);
});

test('the DSL is alerted at once, reads the concern, records its CPOMS reference and closes it', async ({ browser }) => {
  const dsl = await signInAs(browser, DSL);
  try {
    const dp = dsl.page;
    const waiting = await invokeApi<{ unacknowledged: number }>(dp, 'safeguarding.alerts', {});
    expect(waiting.ok, JSON.stringify(waiting.error)).toBe(true);
    const n = waiting.value!.unacknowledged;
    expect(n).toBeGreaterThanOrEqual(2);

    // The banner above the page, the spoken announcement, the count on the menu and the dashboard card.
    const banner = dp.getByRole('region', { name: 'Safeguarding alert' });
    await expect(banner).toContainText(`${n} new safeguarding concerns — open the Safeguarding page`);
    await expect(dp.getByTestId('safeguarding-announcer')).toHaveText(`New safeguarding concern raised. ${n} new safeguarding concerns.`);
    const nav = dp.getByRole('navigation', { name: 'Main menu' });
    await expect(nav.getByRole('link', { name: `Safeguarding (${n} new concerns)` })).toBeVisible();
    const card = dp.getByTestId('safeguarding-card');
    await expect(card.getByRole('link', { name: new RegExp(`^Not yet acknowledged\\s*${n}\\b`) })).toBeVisible();
    await expect(banner).not.toContainText(nameOf(AMARA));

    // A new concern while the DSL is signed in: the screen finds it by itself (every 15 seconds) and says so.
    const raised = await raw(
      dp,
      'safeguarding.raise',
      { pupilId: ids.ben, happenedAt: `${yesterday().iso}T15:20`, what: WHAT_API, childWords: null },
      await sessionOf(dp, TEACHER),
    );
    expect(raised.ok, JSON.stringify(raised.error)).toBe(true);
    await expect(banner).toContainText(`${n + 1} new safeguarding concerns`, { timeout: 20_000 });
    await expect(dp.getByTestId('safeguarding-announcer')).toHaveText(
      `New safeguarding concern raised. ${n + 1} new safeguarding concerns.`,
    );
    await expect(nav.getByRole('link', { name: `Safeguarding (${n + 1} new concerns)` })).toBeVisible();
    await dp.screenshot({ path: `${SCREENSHOTS}/safeguarding-dsl-banner.png` });

    // Open the page from the banner; open concerns first, each folded until opened.
    await banner.getByRole('link', { name: 'open the Safeguarding page' }).click();
    await expect(dp.getByRole('heading', { name: 'Safeguarding', level: 1 })).toBeVisible();
    await expect(banner).toContainText('acknowledge them below');
    const item = dp.getByTestId('concern-item').filter({ hasText: nameOf(AMARA) });
    await expect(item).toHaveCount(1);
    await expect(item.getByTestId('concern-status')).toHaveText('Raised');
    await expect(item).toContainText(`Raised by ${TEACHER.displayName}`);
    await expect(item).toContainText(/Acknowledge by 23:59 on \d{1,2} [A-Z][a-z]+ \d{4}/);
    await expect(item).not.toContainText(WHAT_A);
    await item.getByRole('button', { name: new RegExp(nameOf(AMARA)) }).click();
    await expect(item).toContainText(WHAT_A);
    await expect(item).toContainText(`“${WORDS_A}”`);
    await dp.screenshot({ path: `${SCREENSHOTS}/safeguarding-dsl-list.png`, fullPage: true });

    await item.getByRole('button', { name: 'Acknowledge', exact: true }).click();
    await expect(dp.getByRole('status').filter({ hasText: `Acknowledged the concern about ${nameOf(AMARA)}` })).toBeVisible();
    await expect(item.getByTestId('concern-status')).toHaveText('Acknowledged');
    await expect(item).toContainText(`${DSL.displayName} (${DSL.username}) on`);
    await expect(banner).toContainText(`${n} new safeguarding concerns`);

    // Logged on CPOMS: the system (CPOMS unless changed) and its reference, which is required.
    await item.getByRole('button', { name: 'Logged on CPOMS – close' }).click();
    const close = dp.getByRole('dialog', { name: 'Logged on CPOMS – close the hand-off' });
    await expect(close.getByRole('textbox', { name: /^System/ })).toHaveValue('CPOMS');
    const reference = close.getByRole('textbox', { name: /^Reference/ });
    await expect(reference).toBeFocused();
    await close.getByRole('button', { name: 'Close the hand-off' }).click();
    await expect(reference).toHaveAccessibleDescription('Enter the concern’s reference on CPOMS, so it can be found there.');
    await reference.fill(REFERENCE);
    await close.getByRole('button', { name: 'Close the hand-off' }).click();
    await expect(close).toBeHidden();
    await expect(
      dp.getByRole('status').filter({ hasText: `Closed the hand-off for ${nameOf(AMARA)}, logged as CPOMS ${REFERENCE}.` }),
    ).toBeVisible();
    // Closed concerns leave the open list, and are there under "Closed" with their reference.
    await expect(item).toHaveCount(0);
    await dp.getByRole('button', { name: 'Closed', exact: true }).click();
    await expect(item.getByTestId('concern-status')).toHaveText('Closed');
    await expect(item).toContainText(`Logged as CPOMS ${REFERENCE}.`);
  } finally {
    await dsl.context.close();
  }
  // The teacher who raised it sees it closed, with the reference.
  const mine = await raw(page, 'safeguarding.list', { pupilId: ids.amara }, await sessionOf(page, TEACHER));
  expect(mine.value).toEqual([expect.objectContaining({ status: 'closed', cpomsReference: `CPOMS ${REFERENCE}` })]);
});

test('the SENCo, who is not the DSL, cannot read any concern: not on the page, not through the transport', async () => {
  // Arriving afresh (a reload keeps the SENCo signed in).
  await page.goto(appUrl('#/safeguarding'));
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Concerns you raised' })).toBeVisible();
  await expect(page.getByTestId('concern-list-empty')).toContainText('You have not raised any safeguarding concerns.');
  await expect(page.getByTestId('concern-item')).toHaveCount(0);
  const main = page.getByRole('main');
  for (const text of [WHAT_A, WORDS_A, WHAT_B, WORDS_B, WHAT_API, nameOf(AMARA), nameOf(BEN), REFERENCE])
    await expect(main).not.toContainText(text);
  await expect(page.getByTestId('safeguarding-banner')).toHaveCount(0);
  await expect(page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Safeguarding', exact: true })).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOTS}/safeguarding-senco-none.png` });

  // Asking the transport directly, with the SENCo's own session: no concern, no text; the alerts are the DSL's.
  const session = await sessionOf(page, SENCO);
  for (const input of [{}, { pupilId: ids.amara }, { pupilId: ids.ben }, { status: 'closed' }]) {
    const listed = await raw(page, 'safeguarding.list', input, session);
    expect(listed.ok, JSON.stringify(listed.error)).toBe(true);
    expect(listed.value).toEqual([]);
    const body = JSON.stringify(listed);
    for (const text of [WHAT_A, WORDS_A, WHAT_B, WHAT_API]) expect(body).not.toContain(text);
  }
  expect(await raw(page, 'safeguarding.alerts', {}, session)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  expect(await raw(page, 'safeguarding.acknowledge', { id: ids.amara }, session)).toMatchObject({
    ok: false,
    error: { code: 'forbidden' },
  });
  await raw(page, 'auth.signOut', {}, session);
});
