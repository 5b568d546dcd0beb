/**
 * A test host of its own on the school-sized demo (`senco-desk demo --size school`: 2,000 pupils, 400 on the
 * register), for the specs that try the app as a school would use it (the week walk). The shared test host holds the
 * small school the other specs build; this one is filled by the demo in a temporary folder (about 30 s, longer on a
 * busy machine), served by `senco-desk serve`, and removed by stop(). The demo's users sign in with DEMO_PASSWORD.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'senco-desk-demo';
/** A school laptop's screen (the size). */
export const LAPTOP = { width: 1366, height: 768 };

export interface SchoolDemo {
  /** The host's address with its token (open it to reach the sign-in screen). */
  readonly url: string;
  readonly hashUrl: (hash: string) => string;
  readonly stop: () => Promise<void>;
}

/** Builds the demo of this size (`school` by default; `small` takes a few seconds) in a temporary folder and serves it. */
export async function startSchoolDemo(size: 'small' | 'school' = 'school'): Promise<SchoolDemo> {
  const data = mkdtempSync(join(tmpdir(), `senco-e2e-${size}-`));
  const env = { ...process.env, SENCO_DATABASE_URL: '', SENCO_PASSWORD: '' };
  const demo = spawnSync(process.execPath, ['bin/senco-desk.cjs', 'demo', '--size', size, '--data', data, '--json'], {
    env,
    encoding: 'utf8',
    timeout: 300_000,
  });
  expect(demo.status, demo.stderr).toBe(0);
  const host: ChildProcess = spawn(process.execPath, ['bin/senco-desk.cjs', 'serve', '--data', data, '--json'], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env,
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(
      () => reject(new Error(`The ${size} demo host did not start within 60 s. Run \`npm run build\` first.`)),
      60_000,
    );
    host.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) {
        clearTimeout(timer);
        resolve((JSON.parse(line) as { url: string }).url);
      }
    });
    host.on('exit', (code) => reject(new Error(`The ${size} demo host exited early (code ${code}).`)));
  });
  const origin = new URL(url).origin;
  return {
    url,
    hashUrl: (hash) => new URL(hash, origin).toString(),
    stop: async () => {
      host.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 300));
      rmSync(data, { recursive: true, force: true });
    },
  };
}

/** Signs a fresh page in as one of the demo's users, at the laptop's size. */
export async function signInAs(page: Page, demo: SchoolDemo, username: string): Promise<void> {
  await page.setViewportSize(LAPTOP);
  await page.goto(demo.url);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('signed-in-user')).toBeVisible();
}

/** Invokes an operation as the page's signed-in user, through the demo host's API: the whole answer, refused or not. */
export async function invokeAs<T>(
  page: Page,
  demo: SchoolDemo,
  op: string,
  input: unknown,
): Promise<{ ok: boolean; value?: T; error?: { code: string; message: string; fields?: Record<string, string> } }> {
  const token = new URL(demo.url).searchParams.get('token');
  const session = await page.evaluate(() => window.sessionStorage.getItem('senco-desk.session'));
  const res = await page.request.post(`${new URL(demo.url).origin}/api/invoke`, {
    headers: { authorization: `Bearer ${token}` },
    data: { op, input, session },
  });
  return (await res.json()) as { ok: boolean; value?: T; error?: { code: string; message: string; fields?: Record<string, string> } };
}

/** Calls an operation as the page's signed-in user, through the demo host's API; it must succeed. */
export async function callAs<T>(page: Page, demo: SchoolDemo, op: string, input: unknown): Promise<T> {
  const body = await invokeAs<T>(page, demo, op, input);
  expect(body.ok, `${op}: ${body.error?.message ?? ''} ${JSON.stringify(body.error?.fields ?? {})}`).toBe(true);
  return body.value as T;
}
