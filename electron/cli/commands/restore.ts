/**
 * `senco-desk restore --from FILE`: replaces the data folder's database with a backup (electron/core/backup/
 * restore.ts). The backup is checked first (integrity, a SENCo Desk database, not from a newer version) and a damaged
 * one is refused with nothing changed; SENCo Desk must be closed; the current database is kept as a safety copy in
 * <data>/backups; then the checked copy is brought up to this version's migrations, given its restore event, and
 * renamed into place.
 */
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import {
  hasSqliteHeader,
  prepareRestore,
  sqliteStoreOf,
  type BackupCheck,
  type PreparedRestore,
  type RestoreResult,
} from '../../core/backup';
import { openCoreAt } from '../../core/core';
import type { StoreConfig } from '../../core/db/data-source';
import { defaultDataDir } from '../../core/data-dir';
import { CliError, EXIT, emit, type CliIo } from '../io';
import { readLine } from '../password';
import { asCliError, size, tablesText } from './backup';
import { credentialsHelp } from '../session';
import { t } from '../../../shared/i18n';

export interface RestoreCommandOptions {
  readonly data: string;
  readonly from: string;
  readonly yes?: boolean;
  readonly check?: boolean;
  readonly json?: boolean;
}

const NOTHING_CHANGED = 'Nothing was changed.';

/**
 * The store with its key when the live database is encrypted: opened once, as the CLI opens it (credentials from
 * SENCO_USERNAME and SENCO_PASSWORD, or SENCO_RECOVERY_KEY), so that the restore can take its lock, make the safety
 * copy, and read a backup of this installation. A plain file is never opened here (and never encrypted on the way).
 */
async function liveStore(dataDir: string, io: CliIo): Promise<StoreConfig | undefined> {
  const store = sqliteStoreOf(dataDir, io.env);
  if (!existsSync(store.file) || hasSqliteHeader(store.file)) return undefined;
  let core;
  try {
    core = await openCoreAt(dataDir, io.env, { encrypt: false });
  } catch (err) {
    const mapped = asCliError(err);
    // A damaged file that opens with no key: the restore itself is the remedy (the safety copy is then a byte copy).
    if (mapped instanceof CliError) throw new CliError(`${mapped.message} ${NOTHING_CHANGED}`, mapped.exitCode, mapped.code);
    return undefined;
  }
  await core.close();
  return core.store;
}

function checkText(c: BackupCheck, opts: RestoreCommandOptions, prepared: PreparedRestore): string {
  const pending = c.pendingMigrations.length;
  return [
    `${opts.from}: a SENCo Desk backup (${size(c.bytes)}); integrity check: ok; ${c.migrations.length} migrations, all known to this version` +
      (pending ? `; ${t('cli.counted.newerOne', { count: pending })} will run after restoring (${c.pendingMigrations.join(', ')}).` : '.'),
    '',
    tablesText(c.tables),
    prepared.liveExists
      ? `Restoring replaces the database ${prepared.database}; it is first kept as a safety copy in the backups folder.`
      : `There is no database in ${opts.data} yet: the backup becomes it.`,
    '',
  ].join('\n');
}

async function confirmed(io: CliIo, prepared: PreparedRestore): Promise<boolean> {
  if (!io.stdin.isTTY) {
    throw new CliError(
      `Restoring replaces the database ${prepared.database}: add --yes to confirm (or --check to only check the backup). ${NOTHING_CHANGED}`,
      EXIT.usage,
      'confirmation_required',
    );
  }
  io.stderr('Type yes to restore it: ');
  const answer = await readLine(io.stdin);
  return (answer ?? '').trim().toLowerCase() === 'yes';
}

export async function restoreCommand(opts: RestoreCommandOptions, io: CliIo): Promise<number> {
  if (!opts.from.trim()) throw new CliError('--from needs the backup file, such as backups/senco-desk-2026-03-20-080000.sqlite.');
  let prepared: PreparedRestore;
  try {
    const store = await liveStore(opts.data, io);
    prepared = await prepareRestore({ dataDir: opts.data, from: opts.from, env: io.env, ...(store ? { store } : {}) });
  } catch (err) {
    throw asCliError(err);
  }
  const c = prepared.check;
  if (opts.check) {
    prepared.discard();
    emit(io, opts.json, { ok: true, checked: true, backup: c }, () => checkText(c, opts, prepared) + `Checked only: ${NOTHING_CHANGED}\n`);
    return EXIT.ok;
  }
  if (!opts.json) io.stdout(checkText(c, opts, prepared));
  let go = opts.yes === true;
  try {
    if (!go) go = await confirmed(io, prepared);
  } catch (err) {
    prepared.discard();
    throw err;
  }
  if (!go) {
    prepared.discard();
    throw new CliError(`Cancelled: ${NOTHING_CHANGED}`, EXIT.refused, 'cancelled');
  }
  let r: RestoreResult;
  try {
    r = await prepared.apply();
  } catch (err) {
    throw asCliError(err);
  }
  emit(io, opts.json, { ok: true, ...r }, () =>
    [
      `Restored ${r.restoredFrom} into ${r.database} (${(r.tookMs / 1000).toFixed(1)} s).`,
      r.safetyCopy ? `The database as it was before is kept in ${r.safetyCopy}.` : 'There was no database before.',
      r.migrationsRun.length
        ? `Brought up to this version: ran ${r.migrationsRun.join(', ')}.`
        : 'It was already up to date with this version.',
      '',
      tablesText(r.tables),
      'Start SENCo Desk again to use it.',
      '',
    ].join('\n'),
  );
  return EXIT.ok;
}

export function registerRestore(program: Command, io: CliIo, run: (p: Promise<number>) => Promise<void>): void {
  program
    .command('restore')
    .description('Replace the database with a backup, after checking the backup and keeping a safety copy (close SENCo Desk first).')
    .requiredOption('--from <file>', 'the backup to restore (a .sqlite file made by senco-desk backup or the app)')
    .option('--data <dir>', 'data folder', defaultDataDir(io.env))
    .option('--yes', 'restore without asking (needed when standard input is not a terminal)')
    .option('--check', 'only check the backup: change nothing')
    .option('--json', 'print {ok, restoredFrom, database, safetyCopy, backup, migrationsRun, tables, tookMs} as JSON')
    .addHelpText(
      'after',
      "\nBefore anything is replaced, the backup is copied beside the database and the copy is checked: SQLite's integrity\n" +
        "check, SENCo Desk's tables, and its migrations (a backup from a newer version of SENCo Desk is refused: install\n" +
        'that version first). A damaged backup is refused, with what was wrong, and nothing is changed.\n' +
        'SENCo Desk must be closed: the restore refuses while any program has the database open. The current database is\n' +
        'kept as <data>/backups/before-restore-YYYY-MM-DD-HHMMSS.sqlite; then any migrations the backup lacks are run on\n' +
        'the checked copy (a backup from an earlier version is brought up to date), the restore is written into its audit\n' +
        "trail, and only then does it take the database's place. A restore that was killed part-way is settled the next\n" +
        'time SENCo Desk or any senco-desk command starts (undone before that last step, finished after it).\n' +
        'Encrypted: set SENCO_USERNAME and SENCO_PASSWORD (or SENCO_RECOVERY_KEY). A backup of this installation opens\n' +
        "with the current key; on a new computer, keep the backup's .keys.json beside it.\n\n" +
        "Exit status: 0 restored (or checked, with --check); 1 refused (damaged, newer version, not SENCo Desk's, in\n" +
        'use, encrypted with no key that opens it) or cancelled; 2 usage error, no such file, or no --yes without a terminal.\n',
    )
    .addHelpText('after', credentialsHelp('file'))
    .action((opts: RestoreCommandOptions) => run(restoreCommand(opts, io)));
}
