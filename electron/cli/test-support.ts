/** Helpers for the CLI tests: run a command in-process on a temporary data folder and capture what it printed. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { DEMO_PASSWORD, DEMO_SENCO_USERNAME } from '../core/demo';
import type { CliIo, CliStdin } from './io';
import { runCli } from './program';

export interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export function tempDir(prefix = 'senco-cli-'): { readonly dir: string; readonly remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Runs `senco-desk ARGS` in this process. The environment is only what is passed (and SENCO_ENCRYPT=0 unless given). */
export async function cli(args: readonly string[], opts: { env?: Record<string, string>; stdin?: string } = {}): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    stdout: (t) => void out.push(t),
    stderr: (t) => void err.push(t),
    stdin: Readable.from(opts.stdin === undefined ? [] : [opts.stdin]) as unknown as CliStdin,
    // Plain data folders unless a test asks for encryption (SENCO_ENCRYPT=1): these tests are about the commands;
    // encrypted folders have their own (encrypted.test.ts), and openCoreAt(dir, {}) in them reads the folder back.
    env: { USER: 'tester', SENCO_ENCRYPT: '0', ...(opts.env ?? {}) },
  };
  const code = await runCli(args, io);
  return { code, stdout: out.join(''), stderr: err.join('') };
}

export const PASSWORD = 'correct horse battery';

export const INIT_ARGS = [
  'init',
  '--school',
  'Oakfield Primary (synthetic)',
  '--urn',
  '100001',
  '--la',
  'Exampleshire',
  '--user',
  'Sam Okafor',
] as const;

/** Signed in as the first SENCo that INIT_ARGS sets up: commands that read or change records need someone signed in. */
export const AS_INIT_SENCO = { SENCO_USERNAME: 'sam.okafor', SENCO_PASSWORD: PASSWORD } as const;

/** Signed in as the SENCo of a folder the demo set up. */
export const AS_DEMO_SENCO = { SENCO_USERNAME: DEMO_SENCO_USERNAME, SENCO_PASSWORD: DEMO_PASSWORD } as const;
