/**
 * `senco-desk trust add-lead`: the trust's IT makes an account for the trust's SEND lead (issue 16, item 5). A trust
 * SEND lead sees figures for every school on the server (trust.figures) and no pupil's record; a school's SENCo cannot
 * make one (users.create refuses the role to anyone signed in), so it is made here, as IT at the server.
 */
import type { Command } from 'commander';
import { defaultDataDir } from '../../core/data-dir';
import { openCore, withCore } from '../data';
import { CliError, EXIT, cliSystemActor, emit, noPasswordFlag, type CliIo } from '../io';
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
    const r = await core.dispatcher.invokeAs(cliSystemActor(io.env), 'users.create', {
      displayName: opts.user,
      username,
      role: 'trust_lead',
      password,
    });
    if (!r.ok) {
      const fields = Object.entries(r.error.fields ?? {}).map(
        ([k, m]) => `${k === 'displayName' ? '--user' : k === 'username' ? '--username' : k}: ${m}`,
      );
      throw new CliError(
        fields.length ? fields.join('\n') : r.error.message,
        r.error.code === 'invalid_input' ? EXIT.usage : EXIT.refused,
        r.error.code,
      );
    }
    emit(
      io,
      opts.json,
      { ok: true, user: r.value },
      () =>
        `Made ${r.value.displayName} (username ${r.value.username}) the trust's SEND lead: figures for every school on this server, no pupil's record.\n`,
    );
    return EXIT.ok;
  });
}

export interface TrustSchoolOptions {
  readonly data: string;
  readonly school: string;
  readonly urn: string;
  readonly la: string;
  readonly user: string;
  readonly username?: string;
  readonly json?: boolean;
}

/** A school joins the trust's server with its first SENCo (trust.schools.add, as the trust's IT). */
export async function trustAddSchoolCommand(opts: TrustSchoolOptions, io: CliIo): Promise<number> {
  const username = opts.username ?? usernameFrom(opts.user);
  return withCore(openCore(opts.data, io), async (core) => {
    const status = await core.dispatcher.invokeAs(cliSystemActor(io.env), 'setup.status', {});
    if (status.ok && status.value.needsSetup) {
      throw new CliError(
        `The data folder ${opts.data} is not set up yet: set up the first school with senco-desk init, then add the others.`,
        EXIT.refused,
        'setup_required',
      );
    }
    const password = await readPassword(io, `Password for ${username}`);
    const it = cliSystemActor(io.env);
    const r = await core.dispatcher.invokeAs(
      { kind: 'system', name: it.kind === 'system' ? it.name : 'senco-desk CLI', role: 'trust_lead' },
      'trust.schools.add',
      {
        school: { name: opts.school, urn: opts.urn, localAuthority: opts.la },
        senco: { displayName: opts.user, username, password },
      },
    );
    if (!r.ok) {
      const source: Readonly<Record<string, string>> = {
        'school.name': '--school',
        'school.urn': '--urn',
        'school.localAuthority': '--la',
        'senco.displayName': '--user',
        'senco.username': '--username',
        'senco.password': 'The password',
      };
      const fields = Object.entries(r.error.fields ?? {}).map(([k, m]) => `${source[k] ?? k}: ${m}`);
      throw new CliError(
        fields.length ? fields.join('\n') : r.error.message,
        r.error.code === 'invalid_input' ? EXIT.usage : EXIT.refused,
        r.error.code,
      );
    }
    emit(
      io,
      opts.json,
      { ok: true, school: r.value, senco: { username } },
      () =>
        `Added ${r.value.name} (URN ${r.value.urn}) to this server. Its first SENCo: ${opts.user}, username ${username}; they choose their own password when they first sign in.\n`,
    );
    return EXIT.ok;
  });
}

export function registerTrust(program: Command, io: CliIo, run: (p: Promise<number>) => Promise<void>): void {
  const trust = program.command('trust').description("A trust's schools on one server: add a school, make the trust's SEND lead.");
  trust
    .command('add-lead')
    .description("Make an account for the trust's SEND lead: figures for every school on the server, and no pupil's record.")
    .requiredOption('--user <name>', 'their full name, e.g. "Tara Okafor"')
    .option('--username <name>', 'their username (default: from --user, e.g. tara.okafor)')
    .option('--data <dir>', "data folder (the server's)", defaultDataDir(io.env))
    .option('--json', 'print the result as JSON')
    .addOption(noPasswordFlag())
    .addHelpText(
      'after',
      "\nThe new account's password is never a flag: it is read from SENCO_PASSWORD, or from standard input. To open a\n" +
        "school's records the trust lead needs an account of that school with a role there, made by its SENCo.\n",
    )
    .addHelpText(
      'after',
      "\nCredentials: none for a PostgreSQL server's folder (its connection is SENCO_DATABASE_URL or the folder's\n" +
        'database.json) or an unencrypted one; an encrypted folder opens with SENCO_RECOVERY_KEY (school IT). No one is\n' +
        "signed in: the audit trail names the senco-desk CLI and the computer's account.\n",
    )
    .action((opts: TrustLeadOptions) => run(trustAddLeadCommand(opts, io)));
  trust
    .command('add-school')
    .description("Add a school to the trust's server, with its first SENCo: a tenant of its own, whose staff see only its records.")
    .requiredOption('--school <name>', "the school's name")
    .requiredOption('--urn <urn>', 'its unique reference number (6 digits, from Get Information about Schools)')
    .requiredOption('--la <name>', 'its local authority')
    .requiredOption('--user <name>', "its first SENCo's full name")
    .option('--username <name>', 'their username (default: from --user)')
    .option('--data <dir>', "data folder (the server's)", defaultDataDir(io.env))
    .option('--json', 'print the result as JSON')
    .addOption(noPasswordFlag())
    .addHelpText(
      'after',
      "\nThe SENCo's first password is read from SENCO_PASSWORD or standard input (never a flag); they must choose their\n" +
        'own when they first sign in. Credentials to open the folder: as for add-lead.\n',
    )
    .action((opts: TrustSchoolOptions) => run(trustAddSchoolCommand(opts, io)));
}
