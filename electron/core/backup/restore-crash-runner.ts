/**
 * Test fixture for restore-crash.test.ts (not shipped): runs `senco-desk restore --from FILE --data DIR --yes` in
 * this process, exactly as the command line does, and kills itself with SIGKILL straight after its Nth change to the
 * file system (a rename, a deletion, a link, a copy), or never when N is 0. Every step of a restore at which a crash
 * (a power cut, a killed process) could leave things half done is reached this way, one run per N.
 *
 * Usage (bundled by the test with esbuild): node restore-crash-runner.cjs DATA_DIR BACKUP_FILE N
 * Prints `ready` once loaded, as the restore begins, and `changes <count>` and `exit <code>` when it ends without being killed.
 */
// The module object itself (a namespace import would be read-only), so that the patches below are what every module calls.
import fs from 'node:fs';
import { Readable } from 'node:stream';
import { runCli } from '../../cli/program';
import type { CliStdin } from '../../cli/io';

const MUTATIONS = ['renameSync', 'rmSync', 'unlinkSync', 'linkSync', 'copyFileSync'] as const;

async function main(): Promise<void> {
  const [data, from, n] = process.argv.slice(2);
  if (!data || !from || n === undefined) throw new Error('usage: restore-crash-runner DATA_DIR BACKUP_FILE N');
  const killAt = Number(n);
  let changes = 0;
  const patched = fs as unknown as Record<string, (...args: unknown[]) => unknown>;
  for (const name of MUTATIONS) {
    const original = patched[name]!;
    patched[name] = (...args: unknown[]) => {
      // Deleting what is not there changes nothing: not a step worth a run of its own.
      const real = (name !== 'rmSync' && name !== 'unlinkSync') || fs.existsSync(args[0] as string);
      const result = original(...args);
      if (!real) return result;
      changes++;
      if (changes === killAt) process.kill(process.pid, 'SIGKILL');
      return result;
    };
  }
  const err: string[] = [];
  process.stdout.write('ready\n');
  const code = await runCli(['restore', '--from', from, '--data', data, '--yes'], {
    stdout: () => undefined,
    stderr: (t) => void err.push(t),
    stdin: Readable.from([]) as unknown as CliStdin,
    env: { USER: 'crash-test', SENCO_USERNAME: process.env.SENCO_USERNAME, SENCO_PASSWORD: process.env.SENCO_PASSWORD },
  });
  process.stdout.write(`changes ${changes}\nexit ${code}\n`);
  if (code !== 0) process.stderr.write(err.join(''));
}

main().catch((err: unknown) => {
  process.stderr.write(`restore-crash-runner: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(3);
});
