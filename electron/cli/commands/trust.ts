/**
 * `senco-desk trust add-lead`: the trust's IT makes an account for the trust's SEND lead (issue 16, item 5). A trust
 * SEND lead sees figures for every school on the server (trust.figures) and no pupil's record; a school's SENCo cannot
 * make one (users.create refuses the role to anyone signed in), so it is made here, as IT at the server.
 */
import { Option, type Command } from 'commander';
import { defaultDataDir } from '../../core/data-dir';
import { openCore, withCore } from '../data';
import { CliError, EXIT, cliSystemActor, emit, type CliIo } from '../io';
import { readPassword } from '../password';
import { usernameFrom } from './init';

export interface TrustLeadOptions {
  readonly data: string;
  readonly user: string;
  readonly username?: string;
  readonly json?: boolean;
}

export async function trustAddLeadCommand(opts: TrustLeadOptions, io: CliIo): Promise<number> {
  const username = opts.username ?? usernameFrom(opts.user);
  return withCore(openCore(opts.data, io), async (core) => {
    const password = await readPassword(io, `Password for ${username}`);
    const r = await core.dispatcher.invokeAs(cliSystemActor(io.env), 'users.create', { displayName: opts.user, username, role: 'trust_lead', password });
    if (!r.ok) {
      const fields = Object.entries(r.error.fields ?? {}).map(([k, m]) => `${k === 'displayName' ? '--user' : k === 'username' ? '--username' : k}: ${m}`);
      throw new CliError(fields.length ? fields.join('\n') : r.error.message, r.error.code === 'invalid_input' ? EXIT.usage : EXIT.refused, r.error.code);
    }
    emit(io, opts.json, { ok: true, user: r.value }, () =>
      `Made ${r.value.displayName} (username ${r.value.username}) the trust's SEND lead: figures for every school on this server, no pupil's record.\n`,
    );
    return EXIT.ok;
  });
}

export function registerTrust(program: Command, io: CliIo, run: (p: Promise<number>) => Promise<void>): void {
  const trust = program.command('trust').description('A trust\'s schools on one server: the trust\'s SEND lead.');
  trust
    .command('add-lead')
    .description('Make an account for the trust\'s SEND lead: figures for every school on the server, and no pupil\'s record.')
    .requiredOption('--user <name>', 'their full name, e.g. "Tara Okafor"')
    .option('--username <name>', 'their username (default: from --user, e.g. tara.okafor)')
    .option('--data <dir>', 'data folder (the server\'s)', defaultDataDir(io.env))
    .option('--json', 'print the result as JSON')
    .addOption(new Option('--password <password>').hideHelp().argParser(() => {
      throw new CliError('There is no --password flag: other users can read command lines. Set SENCO_PASSWORD or type the password on standard input.', EXIT.usage);
    }))
    .addHelpText(
      'after',
      '\nThe new account\'s password is never a flag: it is read from SENCO_PASSWORD, or from standard input. To open a\n' +
        'school\'s records the trust lead needs an account of that school with a role there, made by its SENCo.\n',
    )
    .addHelpText(
      'after',
      '\nCredentials: none for a PostgreSQL server\'s folder (its connection is SENCO_DATABASE_URL or the folder\'s\n' +
        'database.json) or an unencrypted one; an encrypted folder opens with SENCO_RECOVERY_KEY (school IT). No one is\n' +
        'signed in: the audit trail names the senco-desk CLI and the computer\'s account.\n',
    )
    .action((opts: TrustLeadOptions) => run(trustAddLeadCommand(opts, io)));
}
