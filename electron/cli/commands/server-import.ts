/**
 * `senco-desk server import FOLDER...` (issue 16, item 4): moves one standalone data folder, or several desks'
 * folders, into the school server's store (the SQLite folder or the PostgreSQL database `senco-desk server` uses, found
 * the same way: --data and its database.json, or SENCO_DATABASE_URL). The merge itself is electron/server/import.ts:
 * pupils matched by UPN, users by username, every row by its id, so a second run writes nothing.
 *
 * A preview by default: what merges (new pupils, pupils matched by UPN and which of their records come from which
 * folder, users matched by username, conflicts) and nothing written. `--apply` writes it, in one transaction with one
 * audit event naming counts. Conflicts (the same UPN with another name or date of birth, another school's folder, a
 * username with another role) stop `--apply` unless `--accept-conflicts` (the server's, or the first folder's, kept).
 *
 * The folders are read, not changed: each is opened as the app opens it (an encrypted one with its owner's username
 * and password, or its recovery key), without encrypting a plain one.
 */
import { existsSync, realpathSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { openCoreAt, type Core } from '../../core/core';
import { DB_FILE, defaultDataDir, storeConfigFor } from '../../core/data-dir';
import { KeyringError } from '../../core/crypto/keyring';
import { fileState } from '../../core/crypto/sqlite-file';
import type { Credentials } from '../../core/crypto/unlock';
import { applyImport, ImportError, type ImportPlan } from '../../server/import';
import { openCore } from '../data';
import { CliError, EXIT, cliSystemActor, emit, type CliIo } from '../io';
import { readHidden, readLine } from '../password';
import { table } from '../table';

export interface ServerImportOptions {
  readonly data: string;
  readonly preview?: boolean;
  readonly apply?: boolean;
  readonly acceptConflicts?: boolean;
  /** The URN of the server's school to import into (a trust's server holds several). */
  readonly school?: string;
  readonly json?: boolean;
}

const n = (v: number) => v.toLocaleString('en-GB');

/** A pupil's records in the preview, in words (other tables by their names). */
const RECORD_WORDS: Readonly<Record<string, string>> = {
  session_pupil: 'sessions',
  assessment: 'assessments',
  referral: 'referrals',
  ehc_plan: 'EHC plans',
  ehc_assessment_request: 'EHC needs assessment requests',
  ipp: 'pupil plans',
  ipp_review: 'pupil plan reviews',
  review_meeting: 'review meetings',
  review_action: 'review actions',
  parent_update: 'updates to parents',
  safeguarding_concern: 'safeguarding concerns',
  caseload_allocation: 'caseload allocations',
  band_period: 'band periods',
  sen_status_period: 'SEN status periods',
  pupil_need: 'needs',
  pupil_contact: 'contacts',
  placement: 'placements',
  sharing_log: 'exports logged',
  feedback: 'feedback',
  protected_time: 'protected lessons',
  pupil_transfer: 'phase transfers',
  pupil: 'pupil record',
};

function sameFolder(a: string, b: string): boolean {
  const real = (p: string) => {
    try {
      return realpathSync(p);
    } catch {
      return resolve(p);
    }
  };
  return real(a) === real(b);
}

/** The credentials to try on an encrypted folder, in order: the import's own, then the usual ones. */
function folderCredentials(env: NodeJS.ProcessEnv): Credentials[] {
  const out: Credentials[] = [];
  if (env.SENCO_IMPORT_RECOVERY_KEY) out.push({ kind: 'recovery', recoveryKey: env.SENCO_IMPORT_RECOVERY_KEY });
  if (env.SENCO_IMPORT_USERNAME && env.SENCO_IMPORT_PASSWORD)
    out.push({ kind: 'password', username: env.SENCO_IMPORT_USERNAME, password: env.SENCO_IMPORT_PASSWORD });
  if (env.SENCO_USERNAME && env.SENCO_PASSWORD) out.push({ kind: 'password', username: env.SENCO_USERNAME, password: env.SENCO_PASSWORD });
  if (env.SENCO_RECOVERY_KEY) out.push({ kind: 'recovery', recoveryKey: env.SENCO_RECOVERY_KEY });
  return out;
}

/** Opens one folder to import (never PostgreSQL, never encrypting a plain file). */
async function openFolder(dir: string, io: CliIo): Promise<Core> {
  if (existsSync(join(dir, 'database.json'))) {
    throw new CliError(
      `${dir} names a PostgreSQL database (database.json): it is already shared, not a standalone desk's folder. Import standalone folders (each desk's own SQLite data folder).`,
      EXIT.usage,
      'not_a_folder',
    );
  }
  const file = join(dir, DB_FILE);
  const state = fileState(file);
  if (state === 'missing' || state === 'empty') {
    throw new CliError(
      `${dir} holds no SENCo Desk data (no ${DB_FILE}): check the folder (a desk's data folder is shown in Settings, About).`,
      EXIT.usage,
      'not_a_folder',
    );
  }
  const env = { ...io.env, SENCO_DATABASE_URL: '' };
  if (state === 'plain') return openCoreAt(dir, env, { credentials: null, encrypt: false });
  let last: KeyringError | null = null;
  for (const credentials of folderCredentials(io.env)) {
    try {
      return await openCoreAt(dir, env, { credentials, encrypt: false });
    } catch (err) {
      if (!(err instanceof KeyringError)) throw err;
      last = err;
      // Another credential cannot help a folder whose keyring is missing or unreadable.
      if (err.code !== 'wrong_password' && err.code !== 'wrong_recovery_key') break;
    }
  }
  if (
    io.stdin.isTTY &&
    typeof io.stdin.setRawMode === 'function' &&
    (last === null || last.code === 'wrong_password' || last.code === 'wrong_recovery_key' || last.code === 'locked')
  ) {
    io.stderr(`${dir} is encrypted: sign in as its owner (a user of that desk) to open it.\nUsername: `);
    const username = ((await readLine(io.stdin)) ?? '').trim();
    const password = await readHidden(io.stdin, io.stderr, 'Password: ');
    try {
      return await openCoreAt(dir, env, { credentials: { kind: 'password', username, password }, encrypt: false });
    } catch (err) {
      if (err instanceof KeyringError) throw new CliError(`${dir}: ${err.message} Nothing was changed.`, EXIT.refused, err.code);
      throw err;
    }
  }
  const why = last ? last.message : 'no credentials were given for it.';
  throw new CliError(
    `${dir} is encrypted and could not be opened: ${why} Give its owner's username and password in SENCO_IMPORT_USERNAME and SENCO_IMPORT_PASSWORD ` +
      '(or its recovery key in SENCO_IMPORT_RECOVERY_KEY), or run this on a terminal to be asked for each folder. Nothing was changed.',
    EXIT.refused,
    last?.code ?? 'locked',
  );
}

function describeWhere(label: string): string {
  return label === 'server' ? 'the server' : label;
}

function previewText(plan: ImportPlan, into: string, written: boolean | null, opts: ServerImportOptions): string {
  const lines: string[] = [];
  lines.push(
    `${written ? 'Imported' : 'Import preview:'} ${plan.folders.length === 1 ? 'one folder' : `${plan.folders.length} folders`} into ${into}${written === null ? ' (nothing written yet)' : ''}`,
  );
  lines.push('Folders:');
  for (const f of plan.folders) {
    lines.push(
      `  ${f.label}: ${f.school ? `${f.school.name} (URN ${f.school.urn})` : 'no school set up'}, ${n(f.pupils)} pupils, ${n(f.users)} users` +
        (f.into ? `; into the server's ${f.into.name} (URN ${f.into.urn})` : ''),
    );
  }
  const fromCounts = new Map<string, number>();
  for (const p of plan.pupils.new) fromCounts.set(p.from, (fromCounts.get(p.from) ?? 0) + 1);
  lines.push(
    `Pupils: ${n(plan.pupils.new.length)} new${fromCounts.size > 1 ? ` (${[...fromCounts].map(([f, c]) => `${n(c)} from ${f}`).join(', ')})` : ''}, ${n(plan.pupils.matched.length)} matched by UPN`,
  );
  for (const m of plan.pupils.matched) {
    const parts = Object.entries(m.records).map(([folder, r]) => {
      const added = Object.entries(r.new).map(([t, c]) => `${RECORD_WORDS[t] ?? t} (${n(c)})`);
      const rest = [
        r.already ? `${n(r.already)} already there` : '',
        r.differs ? `${n(r.differs)} changed in two places (not taken)` : '',
        r.notTaken ? `${n(r.notTaken)} not taken` : '',
      ].filter(Boolean);
      return `from ${folder}: ${added.length ? added.join(', ') : 'nothing new'}${rest.length ? ` (${rest.join(', ')})` : ''}`;
    });
    lines.push(`  ${m.upn} ${m.name}: details from ${describeWhere(m.home)}; records ${parts.length ? parts.join('; ') : 'none'}`);
  }
  lines.push(
    `Users: ${n(plan.users.new.length)} new (${plan.users.new.map((u) => `${u.username} (${u.role})`).join(', ') || 'none'}), ${n(plan.users.matched.length)} matched by username`,
  );
  for (const u of plan.users.matched)
    lines.push(`  ${u.username}: the account on ${describeWhere(u.on)} kept; what they did in ${u.folders.join(', ')} is theirs there`);
  if (plan.conflicts.length) {
    lines.push(`Conflicts (${plan.conflicts.length}):`);
    for (const c of plan.conflicts) {
      const what =
        c.kind === 'pupil_details'
          ? `UPN ${c.key}: another name or date of birth`
          : c.kind === 'school'
            ? `another school than URN ${c.key}`
            : c.kind === 'pupil_school'
              ? `UPN ${c.key}: a pupil of another school on the server`
              : c.kind === 'user_school'
                ? `username ${c.key}: an account of another school on the server`
                : `username ${c.key}: another role`;
      const values = Object.entries(c.values).map(([where, v]) => `${describeWhere(where)}: ${Object.values(v).join(', ')}`);
      lines.push(`  ${what} (${values.join(' | ')}); if accepted, ${c.kept} is kept`);
    }
  }
  const t = plan.totals;
  lines.push(
    `Records: ${n(t.new)} ${written ? 'written' : 'to write'}, ${n(t.already)} already on the server, ${n(t.differs)} changed in two places (the first kept), ${n(t.notTaken)} not taken ` +
      "(kept from the server or the first folder instead: the school's details and signing key, a matched pupil's details; and what hangs off a record not taken)",
  );
  const rows = Object.entries(plan.tables)
    .map(([name, byFolder]) => {
      const sum = Object.values(byFolder).reduce(
        (s, c) => ({
          new: s.new + c.new,
          already: s.already + c.already,
          differs: s.differs + c.differs,
          notTaken: s.notTaken + c.notTaken,
        }),
        { new: 0, already: 0, differs: 0, notTaken: 0 },
      );
      return [name, n(sum.new), n(sum.already), n(sum.differs), n(sum.notTaken)];
    })
    .filter((r) => r.slice(1).some((c) => c !== '0'));
  let out = lines.join('\n') + '\n';
  if (rows.length) out += '\n' + table(['Table', 'New', 'Already there', 'Changed in two places', 'Not taken'], rows);
  if (written === null) {
    out +=
      plan.conflicts.length && !opts.acceptConflicts
        ? '\nNothing was written. Resolve the conflicts (correct the pupil, school or user in one folder), or run again with --apply --accept-conflicts to keep what is shown.\n'
        : plan.totals.new === 0
          ? '\nNothing to import: everything in these folders is already on the server.\n'
          : '\nNothing was written. Run again with --apply to import.\n';
  } else if (!written) {
    out +=
      plan.conflicts.length && !opts.acceptConflicts
        ? '\nNothing was written: resolve the conflicts first, or add --accept-conflicts.\n'
        : '\nNothing to import: everything in these folders is already on the server. Nothing was written.\n';
  } else {
    out +=
      '\nWritten in one transaction, with one audit event (server.import) naming the counts. The folders themselves were not changed; their own audit trails stay in them.\n';
  }
  return out;
}

function planJson(plan: ImportPlan): Omit<ImportPlan, 'written'> {
  const { written: _written, ...rest } = plan;
  return rest;
}

export async function serverImportCommand(folders: readonly string[], opts: ServerImportOptions, io: CliIo): Promise<number> {
  if (opts.apply && opts.preview) throw new CliError('Give --preview or --apply, not both (--preview is the default).', EXIT.usage);
  if (!folders.length)
    throw new CliError('Name at least one data folder to import: senco-desk server import --data SERVER_FOLDER DESK_FOLDER...', EXIT.usage);
  for (const f of folders) {
    if (!existsSync(f)) throw new CliError(`There is no folder ${f}: check the path.`, EXIT.usage, 'not_a_folder');
    if (sameFolder(f, opts.data))
      throw new CliError(`${f} is the server's own data folder (--data): name the desks' folders to import into it.`, EXIT.usage);
  }
  if (new Set(folders.map((f) => resolve(f))).size !== folders.length)
    throw new CliError('A folder is named twice: name each once.', EXIT.usage);
  if (opts.school !== undefined && !/^\d{6}$/.test(opts.school.trim())) {
    throw new CliError(
      `--school takes a school's URN (6 digits, as in Settings or Get Information about Schools), not "${opts.school}".`,
      EXIT.usage,
    );
  }
  const store = storeConfigFor(opts.data, io.env);
  if (store.kind === 'sqlite' && fileState(store.file) !== 'plain' && fileState(store.file) !== 'encrypted') {
    throw new CliError(
      `${opts.data} holds no SENCo Desk server yet. For one school on SQLite set it up first with senco-desk init --data "${opts.data}" (the same school and URN as the desks), ` +
        "or name the trust's PostgreSQL database in its database.json (or SENCO_DATABASE_URL), which may be empty.",
      EXIT.refused,
      'setup_required',
    );
  }
  const sources: { label: string; core: Core }[] = [];
  let target: Core | null = null;
  try {
    for (const f of folders) sources.push({ label: f, core: await openFolder(f, io) });
    target = await openCore(opts.data, io);
    const into = store.kind === 'postgres' ? "the server's PostgreSQL database" : `the server's data in ${opts.data}`;
    let result;
    try {
      result = await applyImport(
        target.ds,
        store.kind,
        sources.map((s) => ({ label: s.label, ds: s.core.ds })),
        // A preview runs the same planning inside a transaction that writes nothing (conflicts are "not accepted" and
        // the rows are not inserted): see below.
        {
          actor: cliSystemActor(io.env),
          acceptConflicts: opts.acceptConflicts === true,
          dryRun: !opts.apply,
          schoolUrn: opts.school?.trim() ?? null,
        },
      );
    } catch (err) {
      if (err instanceof ImportError)
        throw new CliError(err.message, err.code === 'schema' || err.code === 'no_school' ? EXIT.refused : EXIT.usage, err.code);
      // The one transaction was rolled back: say so, with the database's reason (never a pupil's data: the
      // statements carry their values as parameters, which the message does not include).
      const reason = err instanceof Error ? err.message.split('\n')[0]!.slice(0, 300) : String(err);
      throw new CliError(
        `The import could not be written (${reason}). Nothing was written: the server's records are as they were. Correct the cause (is the server stopped? ` +
          'is the database reachable?) and run it again.',
        EXIT.refused,
        'import_failed',
      );
    }
    if (result.head) target.checkpoints?.record(result.head);
    const blocked = opts.apply === true && result.plan.conflicts.length > 0 && !opts.acceptConflicts;
    emit(
      io,
      opts.json,
      {
        ok: !blocked,
        applied: opts.apply === true,
        written: result.written,
        into: store.kind,
        ...planJson(result.plan),
        ...(blocked ? { error: { code: 'conflicts', message: 'Resolve the conflicts, or add --accept-conflicts.' } } : {}),
      },
      () => previewText(result.plan, into, opts.apply ? result.written : null, opts),
    );
    if (blocked)
      io.stderr(
        `senco-desk: ${result.plan.conflicts.length} conflict(s): nothing was written. Resolve them in one folder, or run again with --accept-conflicts.\n`,
      );
    return blocked ? EXIT.refused : EXIT.ok;
  } finally {
    for (const s of sources) await s.core.close().catch(() => undefined);
    await target?.close().catch(() => undefined);
  }
}

const IMPORT_HELP = `
Moves desks' records onto the school server: one standalone data folder, or several desks' folders at once. The
server's store is found as \`senco-desk server\` finds it: the SQLite database in --data (one school; set it up first
with \`senco-desk init\`, the same school and URN), or the PostgreSQL database named by --data's database.json or
SENCO_DATABASE_URL (a trust; it may be empty: the first folder's school and users then set it up).

How it merges:
  pupils      matched by UPN across the folders and the server. A matched pupil keeps one record: their details
              (name, date of birth, SEN status, needs, band, contacts) from the server if it had them, else from the
              first folder that has them; their sessions, assessments, plans, referrals, reviews, notes and concerns
              from every folder.
  users       matched by username (the same person): the account already there is kept and what they did in each
              folder is theirs there. A new user keeps their password.
  records     by their id, so a record already on the server is not written again: running the same import twice
              writes nothing the second time. A record changed in two places keeps the first (the server's).
  schools     each folder's records go into ONE school of the server, and belong to it: --school URN if given;
              else the server's only school; on a trust's server with several schools, the school with the folder's
              URN. A folder whose URN is not on the trust's server is refused: add the school first with
              \`senco-desk trust add-school\`, or name the school with --school URN. A server with no school yet
              (an empty PostgreSQL database) takes the first folder's school.
  conflicts   the same UPN with another legal name or date of birth, a folder of another school (URN) than the
              one it goes into, a username with another role, a UPN or username that is another school's on the
              server (that school's pupil is never merged: the folder's records of them are not imported). The
              preview lists them; --apply refuses until they are corrected in one folder, or accepted with
              --accept-conflicts (the server's, or the first folder's, kept).
Not copied: each folder's audit trail (it stays in the folder; the import event names its last event) and sign-ins.

Nothing is written without --apply. Then everything is written in one transaction, with one audit event
(server.import) naming counts only, never a pupil's details. The folders are read, never changed (a plain folder is
not encrypted by this). Stop the server and close SENCo Desk on the desks first.

Credentials:
  the server's folder   an encrypted SQLite server: SENCO_USERNAME and SENCO_PASSWORD (its SENCo), or
                        SENCO_RECOVERY_KEY. PostgreSQL: none (the connection in database.json).
  each desk's folder    a plain one: none. An encrypted one opens with its owner's username and password:
                        SENCO_IMPORT_USERNAME and SENCO_IMPORT_PASSWORD (or SENCO_IMPORT_RECOVERY_KEY), then
                        SENCO_USERNAME and SENCO_PASSWORD are tried; on a terminal you are asked for each folder
                        they do not open. Never give a password as a flag.
An imported user of an encrypted SQLite server gets their own copy of its key at their first sign-in while the
server is open; until then a restarted server is opened by an account it had before the import.
A school leaves a trust the other way: \`senco-desk server export-school --urn URN --to FOLDER\` (see its --help).

Exit codes: 0 previewed or imported (or nothing to import); 1 conflicts not accepted, a folder that would not open;
2 a usage error (no folder, the server's own folder named, both --preview and --apply).
`;

export function registerServerImport(server: Command, io: CliIo, run: (p: Promise<number>) => Promise<void>): void {
  server
    .command('import')
    .description(
      "Move standalone desks' data folders onto the school server: pupils matched by UPN, a preview first (see `senco-desk server import --help`).",
    )
    .argument('<folders...>', "the desks' data folders to import (each a standalone SENCo Desk data folder)")
    .option('--data <dir>', "the server's data folder (its SQLite database, or database.json naming PostgreSQL)", defaultDataDir(io.env))
    .option('--preview', 'show what would merge and write nothing (the default)')
    .option('--apply', 'write the import (one transaction, one audit event)')
    .option(
      '--school <urn>',
      "the URN of the server's school to import into (a trust's server holds several; by default the one with the folder's URN)",
    )
    .option('--accept-conflicts', "with --apply: import despite the conflicts listed, keeping the server's (or the first folder's) details")
    .option(
      '--json',
      'print the preview or the result as one JSON document: folders, pupils {new, matched}, users {new, matched}, conflicts, tables, totals, written',
    )
    .addHelpText('after', IMPORT_HELP)
    .action((folders: string[], opts: ServerImportOptions) => run(serverImportCommand(folders, opts, io)));
}
