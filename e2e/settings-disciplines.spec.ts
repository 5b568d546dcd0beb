/**
 * Settings › Therapy disciplines, on the school register.spec.ts set up (signIn() also copes with a fresh data
 * folder). As the SENCo: "Music therapy" is added (its code suggested from the name), shows in the list in use, and
 * is switched off; the server's list agrees. A screenshot of the tab goes to the screenshots folder.
 */
import { expect, test } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { SCREENSHOTS, appUrl, invokeApi, signIn } from './fixtures';

test('add a discipline, see it listed, switch it off', async ({ page }) => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await signIn(page);
  await page.goto(appUrl('#/settings?tab=disciplines'));
  await expect(page.getByRole('tab', { name: 'Therapy disciplines' })).toHaveAttribute('aria-selected', 'true');
  const table = page.getByRole('table', { name: 'Therapy disciplines' });
  await expect(table.getByRole('row', { name: /Speech and language therapy/ })).toBeVisible();

  const form = page.getByRole('form', { name: 'Add a discipline' });
  await form.getByRole('textbox', { name: 'Name' }).fill('Music therapy');
  await expect(form.getByRole('textbox', { name: 'Code' })).toHaveValue('music_therapy');
  await form.getByRole('button', { name: 'Add discipline' }).click();
  await expect(form.getByRole('status')).toHaveText('Music therapy added.');

  const row = table.getByRole('row').filter({ hasText: 'Music therapy' });
  await expect(row).toContainText('music_therapy');
  const onOff = row.getByRole('switch', { name: 'Music therapy in use' });
  await expect(onOff).toBeChecked();
  await onOff.click();
  await expect(onOff).not.toBeChecked();
  await expect(row.getByRole('status')).toHaveText('Music therapy is switched off.');
  await expect(row).toContainText('Not in use');

  const list = await invokeApi<{ code: string; label: string; active: boolean }[]>(page, 'disciplines.list', {});
  expect(list.value?.find((d) => d.code === 'music_therapy')).toEqual({ code: 'music_therapy', label: 'Music therapy', active: false });
  await page.setViewportSize({ width: 1366, height: 1300 });
  await page.screenshot({ path: `${SCREENSHOTS}/disciplines.png` });
});
