/**
 * `senco-desk server export-school --urn URN --to FOLDER` (issue 16, item 4): one school of a trust's server exported
 * to a new data folder of its own, which the school's own server (`senco-desk server --data FOLDER`) or a standalone
 * desk opens. The export itself is electron/server/export-school.ts. A preview by default (counts, nothing written);
 * `--apply` writes the folder, opens it again and counts it, and records the export in the trust's audit trail.
 *
 * `senco-desk server first-sign-in --data FOLDER` is the school's first opening of such a folder: its key is wrapped
 * only by the recovery key the export printed (the trust holds the users' password hashes, never their passwords),
 * so a user of the school signs in once with the recovery key at hand, and from then on their own password opens it.
 */
import { existsSync, realpathSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { openCoreAt } from '../../core/core';
import { KeyringError } from '../../core/crypto/keyring';
import { DB_FILE, defaultDataDir, storeConfigFor } from '../../core/data-dir';
import { fileState } from '../../core/crypto/sqlite-file';
import {
  checkTarget,
  exportSchool,
  ExportSchoolError,
  planSchoolExport,
  type SchoolExportPlan,
  type SchoolExportResult,
} from '../../server/export-school';
import { openCore } from '../data';
import { CliError, EXIT, cliSystemActor, emit, type CliIo } from '../io';
import { recoveryKeyLines } from './init';
import { signIn } from '../session';
import { table } from '../table';
import { inTransaction } from '../../core/db/transaction';
import { t } from '../../../shared/i18n';

export interface ExportSchoolOptions {
  readonly data: string;
  readonly urn?: string;
  readonly to?: string;
  readonly preview?: boolean;
  readonly apply?: boolean;
  readonly json?: boolean;
}

const n = (v: number) => v.toLocaleString('en-GB');

function real(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return resolve(p);
  }
}

/** How the school opens the folder, in the words the output and --help share. */
function openingLines(to: string): string[] {
  return [
    'How the school opens it. The folder is encrypted with a new key, wrapped only by the recovery key above: the',
    "trust holds its users' password hashes, not their passwords, so no password opens it yet. Move the folder to the",
    "school's server (or desk) as it is, then one user of the school (its SENCo) signs in once with the recovery key:",
    `    SENCO_RECOVERY_KEY=... SENCO_USERNAME=their.username SENCO_PASSWORD=... senco-desk server first-sign-in --data "${to}"`,
    "From then on their own password (the one they had on the trust's server) opens it: `senco-desk server --data",
    "FOLDER` for the school's own server, or the folder as a standalone desk's data folder. Every other user signs in",
    'with the password they had and gets their own copy of the key at that first sign-in while it is open.',
  ];
}

function planText(plan: SchoolExportPlan, to: string, result: SchoolExportResult | null): string {
  const lines: string[] = [];
  const s = plan.school;
  lines.push(
    result
      ? `Exported ${s.name} (URN ${s.urn}) to ${to}.`
      : `Export preview: ${s.name} (URN ${s.urn}), one of ${t('cli.counted.school', { count: plan.schoolsOnServer })} on this server, to ${to} (nothing written yet)`,
  );
  lines.push(`Pupils: ${n(plan.pupils)}`);
  lines.push(
    `Users: ${n(plan.users.length)} (${plan.users.map((u) => `${u.username} (${u.role})`).join(', ') || 'none'}), each with the password they have now`,
  );
  if (plan.trustLeadsLeft)
    lines.push(`  not exported: ${n(plan.trustLeadsLeft)} trust SEND lead account(s) homed at this school (the trust's, not the school's)`);
  const trustWide = Object.entries(plan.ownership)
    .filter(([, o]) => o === 'trust')
    .map(([t]) => t);
  lines.push(
    `Records: ${n(plan.totalRows)} in ${Object.values(plan.tables).filter((c) => c > 0).length} tables; the trust-wide ${trustWide.join(', ')} copied whole`,
  );
  lines.push(
    `Audit events about the school: ${n(plan.auditEvents)}, written again into the folder's own audit trail (which verifies from its first event)`,
  );
  const behind = Object.entries(plan.leftBehind);
  if (behind.length) {
    lines.push(
      `Left behind (records of these pupils that belong to another school's record, such as sessions at a school they were at before): ${behind.map(([t, c]) => `${t} ${n(c)}`).join(', ')}`,
    );
  }
  const others = Object.entries(plan.otherPupils);
  if (others.length) {
    lines.push(
      `Left behind (the school's records naming another school's pupil, such as a pupil who moved away): ${others.map(([t, c]) => `${t} ${n(c)}`).join(', ')}`,
    );
  }
  const cleared = Object.entries(plan.peopleCleared);
  if (cleared.length)
    lines.push(`People of another school named in these records, cleared to no one: ${cleared.map(([t, c]) => `${t} ${n(c)}`).join(', ')}`);
  const rows = Object.entries(plan.tables)
    .filter(([, c]) => c > 0)
    .map(([t, c]) => [
      t,
      plan.ownership[t] === 'school' ? "the school's" : plan.ownership[t] === 'trust' ? 'trust-wide, whole' : "names the school's",
      n(c),
      result ? n(result.verified[t] ?? 0) : '',
    ]);
  let out =
    lines.join('\n') +
    '\n\n' +
    table(result ? ['Table', 'Whose', 'Exported', 'Found in the folder'] : ['Table', 'Whose', 'Rows', ''], rows);
  if (!result) {
    out += `\nNothing was written. Run again with --apply to write the folder (${to} must be new or empty).\n`;
    return out;
  }
  out +=
    `\nChecked: the folder was opened again with its recovery key, every table holds what was exported, and its audit trail is intact ` +
    `(${n(result.folderHead.seq)} events). The trust's audit trail records the export (server.exportSchool, event ${n(result.trustHead.seq)}).\n\n`;
  out += recoveryKeyLines(result.recoveryKey).join('\n') + '\n\n';
  out += openingLines(to).join('\n') + '\n\n';
  out +=
    "The school's records are still on the trust's server too (this version does not remove them: see --help). Until they are removed there, " +
    "disable the school's accounts on the trust's server once the school has moved, so no record is changed in two places.\n";
  return out;
}

export async function exportSchoolCommand(opts: ExportSchoolOptions, io: CliIo): Promise<number> {
  if (opts.apply && opts.preview) throw new CliError('Give --preview or --apply, not both (--preview is the default).', EXIT.usage);
  const urn = opts.urn?.trim() ?? '';
  if (!/^\d{6}$/.test(urn)) {
    throw new CliError(
      `--urn takes the URN of the school to export (6 digits, as in Settings or Get Information about Schools)${opts.urn ? `, not "${opts.urn}"` : ''}.`,
      EXIT.usage,
    );
  }
  if (!opts.to) throw new CliError("Name the new folder for the school's data with --to FOLDER (it must be new or empty).", EXIT.usage);
  const to = resolve(opts.to);
  if (real(to) === real(opts.data))
    throw new CliError(`${opts.to} is the trust server's own data folder (--data): name a new folder for the school.`, EXIT.usage);
  try {
    checkTarget(to);
  } catch (err) {
    if (err instanceof ExportSchoolError) throw new CliError(err.message, EXIT.refused, err.code);
    throw err;
  }
  const store = storeConfigFor(opts.data, io.env);
  if (store.kind === 'sqlite' && fileState(store.file) !== 'plain' && fileState(store.file) !== 'encrypted') {
    throw new CliError(
      `${opts.data} holds no SENCo Desk server: name the trust server's data folder with --data (its database.json names the PostgreSQL database), or set SENCO_DATABASE_URL.`,
      EXIT.refused,
      'setup_required',
    );
  }
  const core = await openCore(opts.data, io);
  try {
    let plan: SchoolExportPlan;
    let result: SchoolExportResult | null = null;
    try {
      if (opts.apply) {
        result = await exportSchool(core.ds, store.kind, urn, to, { actor: cliSystemActor(io.env) });
        plan = result.plan;
        core.checkpoints?.record(result.trustHead);
      } else {
        plan = await inTransaction(core.ds, (em) => planSchoolExport(em, store.kind, urn));
      }
    } catch (err) {
      if (err instanceof ExportSchoolError) throw new CliError(err.message, EXIT.refused, err.code);
      if (err instanceof CliError) throw err;
      const reason = err instanceof Error ? err.message.split('\n')[0]!.slice(0, 300) : String(err);
      throw new CliError(
        `The export could not be finished (${reason}). Nothing was kept: ${to} was removed (or emptied) and the trust's records are as they were. Correct the cause and run it again.`,
        EXIT.refused,
        'export_failed',
      );
    }
    emit(
      io,
      opts.json,
      {
        ok: true,
        applied: opts.apply === true,
        to,
        ...plan,
        ...(result
          ? {
              recoveryKey: result.recoveryKey,
              verified: result.verified,
              folderTrailHead: result.folderHead,
              trustEvent: result.trustHead.seq,
            }
          : {}),
      },
      () => planText(plan, to, result),
    );
    return EXIT.ok;
  } finally {
    await core.close().catch(() => undefined);
  }
}

export interface FirstSignInOptions {
  readonly data: string;
  readonly json?: boolean;
}

/**
 * The first opening of a school's exported folder: opened with SENCO_RECOVERY_KEY, then SENCO_USERNAME signs in with
 * their own password through the app's sign-in (checked, counted, audited), which gives their password its own copy
 * of the folder's key (services/auth.ts).
 */
export async function firstSignInCommand(opts: FirstSignInOptions, io: CliIo): Promise<number> {
  const file = join(opts.data, DB_FILE);
  if (existsSync(join(opts.data, 'database.json')) || fileState(file) !== 'encrypted') {
    throw new CliError(
      `${opts.data} is not an encrypted SENCo Desk folder: this is for the folder \`senco-desk server export-school\` wrote. Elsewhere users sign in as usual.`,
      EXIT.usage,
    );
  }
  const recoveryKey = io.env.SENCO_RECOVERY_KEY ?? '';
  const username = io.env.SENCO_USERNAME?.trim() ?? '';
  if (!recoveryKey || !username || !io.env.SENCO_PASSWORD) {
    throw new CliError(
      "Set SENCO_RECOVERY_KEY to the recovery key the export printed, and SENCO_USERNAME and SENCO_PASSWORD to a school user's own username and password (in the environment, never as flags).",
      EXIT.usage,
      'credentials',
    );
  }
  let core;
  try {
    core = await openCoreAt(
      opts.data,
      { ...io.env, SENCO_DATABASE_URL: '' },
      { credentials: { kind: 'recovery', recoveryKey }, encrypt: true },
    );
  } catch (err) {
    if (err instanceof KeyringError) throw new CliError(`${err.message} Nothing was changed.`, EXIT.refused, err.code);
    throw err;
  }
  try {
    const caller = await signIn(core, io, { command: 'server first-sign-in', why: 'signs a user in' });
    await caller.end();
    const user = caller.user!;
    emit(
      io,
      opts.json,
      { ok: true, data: opts.data, user: { username: user.username, role: user.role } },
      () =>
        `${user.displayName} (${user.username}) signed in: their own password now opens ${opts.data}. Start the school's server on it ` +
        `(senco-desk server --data "${opts.data}") or use it as a desk's data folder; every other user gets their copy of the key at their first sign-in while it is open.\n`,
    );
    return EXIT.ok;
  } finally {
    await core.close().catch(() => undefined);
  }
}

const EXPORT_HELP = `
Exports one school of a trust's server (several schools on one PostgreSQL database) to a new data folder of its
own, which the school's own server (\`senco-desk server --data FOLDER\`) or a standalone desk opens. The trust's
store is found as \`senco-desk server\` finds it: --data's database.json, or SENCO_DATABASE_URL.

What goes into the folder:
  the school's own records   its pupils, users (with their password hashes: each signs in with the password
                             they have now), sessions, staff checks, policies, feedback, protected lessons, and
                             its settings; not the trust's SEND lead accounts (the trust's, not the school's).
  its pupils' records        everything that names one of its pupils or hangs off such a record: profile,
                             needs, contacts, plans and their versions, EHC plans, reviews, decisions, actions,
                             referrals, assessments, bands, placements, attendance, concerns, the sharing log,
                             transfers, updates to parents...
  trust-wide tables          term dates and closures, clock rules, therapy disciplines and trusted senders are
                             kept for the whole trust: the school takes a copy of each, whole.
  the audit events           about the school (by its users, about its pupils), written again in their order into
                             the folder's own audit trail, which verifies from its first event.
Nothing of another school: a record that names another school's pupil (a pupil who moved here keeps their
record, but their sessions at the school they came from are that school's) stays behind, and the name of a person
of another school in a record that can do without it (who raised a concern, who owned a plan) is cleared; the
preview counts both. Not copied: sign-ins, and the trust's signing key (the school's folder makes its own).

A preview by default (counts per table, nothing written). --apply writes the folder (FOLDER must be new or empty;
a folder that is not is refused), opens it again with its recovery key, counts every table against what was
exported and checks its audit trail, and only then records the export in the trust's audit trail (one event,
server.exportSchool: the URN, who, and the counts; never a pupil's details). If anything fails, the folder is
removed and the trust's records are as they were.

How the school opens it. The folder is encrypted with a new key, wrapped only by a new recovery key printed once
by --apply (print it and give it to the school's SENCo by hand, not by e-mail). The key cannot be wrapped for the
users' passwords: the trust holds their password hashes, never their passwords. So once, on the computer that will
hold the folder, a user of the school (its SENCo) runs
    SENCO_RECOVERY_KEY=... SENCO_USERNAME=their.username SENCO_PASSWORD=... senco-desk server first-sign-in --data FOLDER
which signs them in with their own password and gives it a copy of the key. From then on their password opens
the folder, on the school's own server (\`senco-desk server --data FOLDER\`) or as a standalone desk's data folder;
each other user gets their copy at their first sign-in while it is open. The recovery key stays the way in if
every password is forgotten.

Not built yet: --remove (deleting the school from the trust's database after the export). The trust's audit trail
is one hash chain across its schools, so the school's events cannot be taken out of it without breaking it, and
deleting a school's records across every table is irreversible: it needs its own reviewed design. Until then the
school's records stay on the trust's server: disable its accounts there once the school has moved.

Credentials: none for PostgreSQL (the connection in database.json or SENCO_DATABASE_URL); an encrypted SQLite
server opens with SENCO_USERNAME and SENCO_PASSWORD, or SENCO_RECOVERY_KEY.
Exit codes: 0 previewed or exported; 1 an unknown URN, a folder that is not empty, an export that failed its
check (nothing kept); 2 a usage error (no --urn or --to, both --preview and --apply).
`;

export function registerServerExportSchool(server: Command, io: CliIo, run: (p: Promise<number>) => Promise<void>): void {
  server
    .command('export-school')
    .description(
      "Export one school of a trust's server to a new data folder of its own, a preview first (see `senco-desk server export-school --help`).",
    )
    .option('--data <dir>', "the trust server's data folder (database.json naming its PostgreSQL database)", defaultDataDir(io.env))
    .option('--urn <urn>', 'the URN of the school to export (6 digits)')
    .option('--to <folder>', 'the new data folder for the school (made if missing; must be empty)')
    .option('--preview', 'count what would be exported and write nothing (the default)')
    .option('--apply', "write the folder, check it, and record the export in the trust's audit trail")
    .option(
      '--json',
      'print the preview or the result as one JSON document: school, pupils, users, tables, ownership, leftBehind, otherPupils, peopleCleared, auditEvents (and recoveryKey, verified with --apply)',
    )
    .addHelpText('after', EXPORT_HELP)
    .action((opts: ExportSchoolOptions) => run(exportSchoolCommand(opts, io)));
  server
    .command('first-sign-in')
    .description(
      'The first opening of a folder `server export-school` wrote: a school user signs in once with its recovery key at hand, and their own password opens it from then on.',
    )
    .option('--data <dir>', "the school's exported data folder", defaultDataDir(io.env))
    .option('--json', 'print {"ok", "data", "user": {"username", "role"}} as JSON')
    .addHelpText(
      'after',
      '\nCredentials (in the environment, never as flags): SENCO_RECOVERY_KEY (printed by the export), and SENCO_USERNAME and\n' +
        "SENCO_PASSWORD, a school user's own username and the password they had on the trust's server. The sign-in is the app's own:\n" +
        'checked, counted towards the lockout, and audited.\n',
    )
    .action((opts: FirstSignInOptions) => run(firstSignInCommand(opts, io)));
}
