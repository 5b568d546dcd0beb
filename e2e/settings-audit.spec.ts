/**
 * The audit trail end to end, on the school register.spec.ts set up (signIn() also copes with a fresh folder). As
 * the SENCo: sign out and in again, add a synthetic pupil through the API and open their record in the app; the
 * Audit trail (in the navigation) lists the sign-in and the record being opened, with who, role, pupil and
 * outcome; filtering by the pupil leaves only that pupil's events; "Check the chain" says the trail is intact.
 * A screenshot of the view goes to the screenshots folder.
 */
import { expect, test } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { makeUpn } from '../shared/upn';
import { SCREENSHOTS, SENCO, appUrl, invokeApi, signIn } from './fixtures';

const stamp = 100 + (Date.now() % 800);
const PUPIL = { first: 'Ash', last: 'Audittest', upn: makeUpn(804, 2000, 26, stamp) };
const NAME = `${PUPIL.first} ${PUPIL.last}`;

test('the audit trail lists a sign-in and a record opened, filters by pupil, and the chain checks', async ({ page }) => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await signIn(page);
  // A sign-in of its own, through the sign-in screen.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByLabel('Username').fill(SENCO.username);
  await page.getByLabel('Password').fill(SENCO.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('signed-in-user')).toContainText(SENCO.displayName);

  const created = await invokeApi<{ id: string }>(page, 'pupils.create', {
    upn: PUPIL.upn,
    legalFirstName: PUPIL.first,
    legalLastName: PUPIL.last,
    dateOfBirth: '2017-03-09',
    yearGroup: '4',
    className: '4A',
    dateJoined: '2022-09-01',
    senStatus: 'K',
    needs: ['SLCN'],
    contacts: [],
  });
  expect(created.ok, created.error?.message).toBe(true);
  await page.goto(appUrl(`#/pupils/${created.value!.id}`));
  await expect(page.getByRole('heading', { name: NAME })).toBeVisible();

  await page.getByRole('navigation').getByRole('link', { name: 'Audit trail' }).click();
  await expect(page.getByRole('heading', { name: 'Audit trail', level: 1 })).toBeVisible();
  const grid = page.getByRole('grid', { name: 'Audit events' });
  const rows = grid.locator('.MuiDataGrid-row');
  // Newest first: the record opened, then (further down) the sign-in that preceded it.
  const opened = rows.filter({ hasText: 'Opened a pupil record' }).filter({ hasText: NAME }).first();
  await expect(opened).toContainText(`${SENCO.displayName} (${SENCO.username})`);
  await expect(opened.locator('[data-field="role"]')).toHaveText('SENCo');
  await expect(opened).toContainText('Allowed');
  await expect(opened).toContainText(/\d\d\/\d\d\/\d{4} \d\d:\d\d/);
  const signedIn = rows
    .filter({ hasText: 'Signed in' })
    .filter({ hasText: `${SENCO.username} (signing in)` })
    .first();
  await expect(signedIn).toBeVisible();
  const seq = async (row: typeof opened) => Number(await row.locator('[data-field="seq"]').innerText());
  expect(await seq(opened)).toBeGreaterThan(await seq(signedIn));
  await page.screenshot({ path: `${SCREENSHOTS}/audit-trail-all.png` });

  // Filter by the pupil: only their events remain (added, then the three reads the profile made: the record, its
  // allocated therapists and the pupil's deadlines, in any order).
  await page.getByRole('combobox', { name: 'Pupil' }).fill(PUPIL.last);
  await page.getByRole('option', { name: new RegExp(NAME) }).click();
  await expect(page.getByTestId('audit-count')).toHaveText('4 events');
  await expect(rows).toHaveCount(4);
  const reads = [await rows.nth(0).innerText(), await rows.nth(1).innerText(), await rows.nth(2).innerText()].join('\n');
  expect(reads).toContain('Opened a pupil record');
  expect(reads).toContain('Viewed a pupil’s allocated therapists');
  expect(reads).toContain('Viewed the deadlines');
  await expect(rows.nth(3)).toContainText('Added a pupil');
  for (const r of await rows.all()) await expect(r).toContainText(NAME);

  await page.getByRole('button', { name: 'Check the chain' }).click();
  const result = page.getByTestId('chain-result');
  await expect(result).toContainText(
    /^The audit trail is intact: all [\d,]+ events follow one from another, and none has been changed or deleted\./,
  );
  const check = await invokeApi<{ ok: boolean; events: number }>(page, 'audit.verify', {});
  expect(check.value).toMatchObject({ ok: true, firstBroken: null });
  await expect(result).toContainText(`all ${check.value!.events} events`);
  // ...and agrees with the checkpoint of its head kept in the data folder (issue 14).
  await expect(result.getByTestId('chain-note')).toHaveText(
    /^It agrees with the checkpoint of the trail kept outside it, from \d\d\/\d\d\/\d{4} \d\d:\d\d \(kept in the data folder\), which recorded event \d+\.$/,
  );

  await page.screenshot({ path: `${SCREENSHOTS}/audit-trail.png` });
});
