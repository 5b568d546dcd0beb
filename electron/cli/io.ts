/**
 * What a command needs from the outside world, passed in rather than taken from `process`, so the tests can run
 * every command in-process on a temporary data folder and read what it printed.
 */
import { userInfo } from 'node:os';
import { Option } from 'commander';
import type { Actor } from '../core/context';

export interface CliStdin extends NodeJS.ReadableStream {
  readonly isTTY?: boolean;
  setRawMode?(mode: boolean): unknown;
}

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly stdin: CliStdin;
  readonly env: NodeJS.ProcessEnv;
}

export function processIo(): CliIo {
  return {
    stdout: (t) => void process.stdout.write(t),
    stderr: (t) => void process.stderr.write(t),
    stdin: process.stdin,
    env: process.env,
  };
}

/**
 * Exit codes, the same for every command (documented in `senco-desk --help`):
 * 0 done; 1 refused or partly done (already set up, not set up, rows rejected); 2 usage error (unknown flag,
 * bad value, unreadable file, no password).
 */
export const EXIT = { ok: 0, refused: 1, usage: 2 } as const;

/** A failure to report as a plain message (never a stack trace) with the exit code to end with. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.usage,
    readonly code: string = exitCode === EXIT.usage ? 'usage' : 'refused',
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** Prints a command's result: one JSON document with --json, else the human text. */
export function emit(io: CliIo, json: boolean | undefined, doc: unknown, human: () => string): void {
  if (json) io.stdout(JSON.stringify(doc, null, 2) + '\n');
  else io.stdout(human());
}

function osAccount(env: NodeJS.ProcessEnv): string {
  let name = env.USER ?? env.USERNAME ?? 'unknown user';
  try {
    name = userInfo().username || name;
  } catch {
    // No passwd entry (some containers): fall back to the environment's name.
  }
  return name;
}

/**
 * The transport, for the audit trail: each event of a user signed in through the CLI names the user (as in the app)
 * with this in its detail, so the trail says the CLI was used, and from which account on the machine.
 */
export function cliVia(env: NodeJS.ProcessEnv = process.env): string {
  return `senco-desk CLI (OS account ${osAccount(env)})`;
}

/**
 * The CLI with no one signed in: it sets up a data folder (init), loads the demo (demo), and checks the audit trail
 * (audit verify). Everything else runs as the user signed in with SENCO_USERNAME and SENCO_PASSWORD (./session.ts),
 * which refuses any other operation to this actor. The audit trail names the OS account.
 */
export function cliSystemActor(env: NodeJS.ProcessEnv = process.env): Actor {
  return { kind: 'system', name: `senco-desk CLI (${osAccount(env)})`, role: 'senco' };
}

/**
 * A hidden --password option that refuses itself: a password on the command line is readable by other users, so
 * commands that take one read SENCO_PASSWORD or standard input instead, and say so to whoever tries the flag.
 */
export function noPasswordFlag(): Option {
  return new Option('--password <password>').hideHelp().argParser(() => {
    throw new CliError(
      'There is no --password flag: other users can read command lines. Set SENCO_PASSWORD or type the password on standard input.',
      EXIT.usage,
    );
  });
}
