/**
 * `senco-desk init`: a data folder with the school and its first SENCo, through `setup.initialise` (the same
 * validation and messages as the app's first-run screen). Refuses a folder that is already set up.
 */
import type { Command } from 'commander';
import { contract } from '../../../shared/contract';
import { zodToAppError } from '../../../shared/validation';
import { defaultDataDir } from '../../core/data-dir';
import { openCore, withCore } from '../data';
import { CliError, EXIT, cliSystemActor, emit, noPasswordFlag, type CliIo } from '../io';
import { readPassword } from '../password';
import { credentialsHelp } from '../session';

export interface InitOptions {
  readonly data: string;
  readonly school: string;
  readonly urn: string;
  readonly la: string;
  readonly user: string;
  readonly username?: string;
  readonly json?: boolean;
}

/** Where each field of setup.initialise comes from on the command line, to name it in messages. */
const SOURCE: Readonly<Record<string, string>> = {
  'school.name': '--school',
  'school.urn': '--urn',
  'school.localAuthority': '--la',
  'user.displayName': '--user',
  'user.username': '--username',
  'user.password': 'The password (SENCO_PASSWORD or standard input)',
};

/** "Sam O'Neill-Smith" → "sam.o.neill.smith": the app's username rule is 3-40 of a-z, 0-9, ".", "_", "-". */
export function usernameFrom(displayName: string): string {
  return displayName
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '.')
    .replace(/^\.+|\.+$/g, '')
    .slice(0, 40)
    .replace(/\.+$/, '');
}

function fieldMessages(fields: Readonly<Record<string, string>> | undefined, fallback: string): string {
  const lines = Object.entries(fields ?? {}).map(([k, m]) => `${SOURCE[k] ?? k}: ${m}`);
  return lines.length ? lines.join('\n') : fallback;
}

export async function initCommand(opts: InitOptions, io: CliIo): Promise<number> {
  const username = opts.username ?? usernameFrom(opts.user);
  const input = (password: string) => ({
    school: { name: opts.school, urn: opts.urn, localAuthority: opts.la },
    user: { displayName: opts.user, username, password },
  });
  // Check the flags before asking for a password, so a typo in --urn does not cost a prompt.
  const pre = contract['setup.initialise'].input.safeParse(input('x'.repeat(20)));
  if (!pre.success) {
    const err = zodToAppError(pre.error);
    const hint = err.fields?.['user.username'] && !opts.username ? ` (derived from --user "${opts.user}"; choose one with --username)` : '';
    throw new CliError(fieldMessages(err.fields, err.message) + hint, EXIT.usage, 'invalid_input');
  }
  const actor = cliSystemActor(io.env);
  const opening = openCore(opts.data, io).catch((err: unknown) => {
    // An encrypted folder that stays shut without a password has been set up already.
    if (err instanceof CliError && err.code === 'locked') {
      throw new CliError(
        `The data folder ${opts.data} is already set up (its database is encrypted): nothing was changed. Sign in to the app, or give another --data folder.`,
        EXIT.refused,
        'already_set_up',
      );
    }
    throw err;
  });
  return withCore(opening, async (core) => {
    const status = await core.dispatcher.invokeAs(actor, 'setup.status', {});
    if (!status.ok) throw new CliError(status.error.message, EXIT.refused, status.error.code);
    if (!status.value.needsSetup) {
      throw new CliError(
        `The data folder ${opts.data} is already set up for ${status.value.schoolName ?? 'a school'}: nothing was changed. Sign in to the app, or give another --data folder.`,
        EXIT.refused,
        'already_set_up',
      );
    }
    const password = await readPassword(io, `Password for ${username}`);
    const r = await core.dispatcher.invokeAs(actor, 'setup.initialise', input(password));
    if (!r.ok) {
      const exit = r.error.code === 'invalid_input' ? EXIT.usage : EXIT.refused;
      throw new CliError(fieldMessages(r.error.fields, r.error.message), exit, r.error.code);
    }
    const { school, user, recoveryKey } = r.value;
    emit(io, opts.json, { ok: true, data: opts.data, school, user, ...(recoveryKey ? { recoveryKey } : {}) }, () =>
      [
        `Set up ${school.name} (URN ${school.urn}, ${school.localAuthority}) in ${opts.data}.`,
        `First SENCo: ${user.displayName}, username ${user.username}. Sign in with the password you gave.`,
        ...(recoveryKey ? recoveryKeyLines(recoveryKey) : []),
        '',
      ].join('\n'),
    );
    return EXIT.ok;
  });
}

/** The recovery key, printed this once: it opens the encrypted database if every password is forgotten. */
export function recoveryKeyLines(recoveryKey: string): string[] {
  return [
    '',
    'The database is encrypted. Its recovery key (shown only now: print it or write it down and lock it away;',
    'it opens the database if every password is forgotten, with SENCO_RECOVERY_KEY):',
    '',
    `    ${recoveryKey}`,
  ];
}

export function registerInit(program: Command, io: CliIo, run: (p: Promise<number>) => Promise<void>): void {
  program
    .command('init')
    .description('Set up a data folder: the school and its first SENCo user (refused if the folder is already set up).')
    .requiredOption('--school <name>', 'the school or provider name')
    .requiredOption('--urn <urn>', 'its unique reference number (6 digits, from Get Information about Schools)')
    .requiredOption('--la <name>', 'its local authority')
    .requiredOption('--user <name>', 'the first SENCo\'s full name, e.g. "Sam Okafor"')
    .option('--username <name>', 'their username (default: from --user, e.g. sam.okafor)')
    .option('--data <dir>', 'data folder', defaultDataDir(io.env))
    .option('--json', 'print the result as JSON')
    .addOption(noPasswordFlag())
    .addHelpText(
      'after',
      '\nThe password is never a flag: it is read from the SENCO_PASSWORD environment variable, or from standard input\n' +
        '(typed without echo on a terminal, or the first line of a pipe). At least 10 characters.\n\n' +
        'Example:\n  SENCO_PASSWORD=... senco-desk init --school "Oakfield Primary" --urn 100001 --la "Exampleshire" --user "Sam Okafor"\n',
    )
    .addHelpText('after', credentialsHelp('none_init'))
    .action((opts: InitOptions) => run(initCommand(opts, io)));
}
