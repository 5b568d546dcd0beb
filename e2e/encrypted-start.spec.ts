/**
 * An encrypted data folder, started again: the browser edition starts locked, shows the sign-in screen, says a
 * wrong password plainly, and opens the records at a good sign-in. Uses a host of its own on a folder set up by
 * `senco-desk init` (encrypted), so the shared host's school is untouched.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';

const PASSWORD = 'correct horse battery staple';
let data = '';
let host: ChildProcess | null = null;
let url = '';

test.beforeAll(async () => {
  data = mkdtempSync(join(tmpdir(), 'senco-e2e-enc-'));
  const env = { ...process.env, SENCO_DATABASE_URL: '', SENCO_ENCRYPT: '1', SENCO_PASSWORD: PASSWORD };
  const init = spawnSync(
    process.execPath,
    [
      'bin/senco-desk.cjs',
      'init',
      '--data',
      data,
      '--school',
      'Locked Primary (synthetic)',
      '--urn',
      '100002',
      '--la',
      'Exampleshire',
      '--user',
      'Robin Lock',
    ],
    { env, encoding: 'utf8' },
  );
  expect(init.status, init.stderr).toBe(0);
  expect(init.stdout).toMatch(/recovery key/);
  host = spawn(process.execPath, ['bin/senco-desk.cjs', 'serve', '--data', data, '--json'], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, SENCO_DATABASE_URL: '' },
  });
  url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('the host did not start')), 30_000);
    host!.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) {
        clearTimeout(timer);
        resolve((JSON.parse(line) as { url: string }).url);
      }
    });
  });
});

test.afterAll(async () => {
  host?.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 300));
  rmSync(data, { recursive: true, force: true });
});

test('an encrypted folder starts locked at the sign-in screen and opens at a good sign-in', async ({ page }) => {
  await page.goto(url);
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await page.getByLabel('Username').fill('robin.lock');
  await page.getByLabel('Password').fill('not the password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  // The one answer to every failed sign-in (unknown username, wrong password, locked account).
  await expect(page.getByRole('alert')).toHaveText(
    'The username or password is not right. Check them and try again. (After 5 wrong passwords an account is locked for 15 minutes: if you are sure they are right, try again later or ask the SENCo to reset your password.)',
  );
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('signed-in-user')).toContainText('Robin Lock');
});
