/**
 * Starts the loopback test host (`senco-desk serve`, built by `npm run build`) on an empty temporary data
 * folder, so the first test sees first-run setup. Its address (with the per-run token) reaches the tests through
 * SENCO_E2E_URL; the host is stopped when the run ends.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default async function globalSetup(): Promise<() => Promise<void>> {
  const data = mkdtempSync(join(tmpdir(), 'senco-e2e-'));
  const child = spawn(process.execPath, ['bin/senco-desk.cjs', 'serve', '--data', data, '--json'], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, SENCO_DATABASE_URL: '' },
  });
  const info = await new Promise<{ url: string; port: number }>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('The test host did not start within 30 s. Run `npm run build` first.')), 30_000);
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) {
        clearTimeout(timer);
        resolve(JSON.parse(line) as { url: string; port: number });
      }
    });
    child.on('exit', (code) => reject(new Error(`The test host exited early (code ${code}).`)));
  });
  process.env.SENCO_E2E_URL = info.url;
  process.env.SENCO_E2E_DATA = data;
  return async () => {
    child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 300));
    rmSync(data, { recursive: true, force: true });
  };
}
