/**
 * `senco-desk backup`: an online backup of the data folder's SQLite database (electron/core/backup), safe while
 * SENCo Desk is running: a consistent copy made with SQLite's backup API on a connection of its own, checked with
 * `PRAGMA integrity_check`, and written under a temporary name until complete. Readable by the owner only.
 */
import type { Command } from 'commander';
import { BackupError, createBackup, type BackupErrorCode, type BackupResult } from '../../core/backup';
import { KeyringError } from '../../core/crypto/keyring';
import { defaultDataDir } from '../../core/data-dir';
import { CliError, EXIT, emit, type CliIo } from '../io';
import { table } from '../table';
import { credentialsHelp } from '../session';

export interface BackupCommandOptions {
  readonly data: string;
  readonly out?: string;
  readonly force?: boolean;
  readonly json?: boolean;
}

const n = (v: number) => v.toLocaleString('en-GB');

export function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 * 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${(bytes / 1024 / 1024 / 1024).toFixed(2)} GB`;
}

/** The exit code for each failure: 2 for what the person typed (a taken or impossible --out), else 1. */
export function exitFor(code: BackupErrorCode): number {
  switch (code) {
    case 'file_exists':
    case 'bad_output':
    case 'no_file':
      return EXIT.usage;
    case 'postgres':
    case 'no_database':
    case 'damaged':
    case 'not_senco':
    case 'newer_version':
    case 'encrypted':
    case 'in_use':
    case 'failed':
      return EXIT.refused;
  }
}

/** Turns the core's failures into the CLI's: a plain message and the exit code, never a stack trace. */
export function asCliError(err: unknown): unknown {
  if (err instanceof BackupError) return new CliError(err.message, exitFor(err.code), err.code);
  if (err instanceof KeyringError) return new CliError(err.message, EXIT.refused, err.code);
  return err;
}

export function tablesText(tables: BackupResult['tables']): string {
  return table(
    ['table', 'rows'],
    tables.map((t) => [t.table, n(t.rows)]),
  );
}

export async function backupCommand(opts: BackupCommandOptions, io: CliIo): Promise<number> {
  if (opts.out !== undefined && !opts.out.trim()) throw new CliError('--out needs a file name, such as senco-desk-backup.sqlite.');
  let r: BackupResult;
  try {
    r = await createBackup({ dataDir: opts.data, ...(opts.out ? { out: opts.out } : {}), replace: opts.force === true, env: io.env });
  } catch (err) {
    throw asCliError(err);
  }
  emit(io, opts.json, { ok: true, data: opts.data, ...r }, () =>
    [
      `Backed up ${opts.data} to ${r.file} (${size(r.bytes)}, ${(r.tookMs / 1000).toFixed(1)} s). Integrity check: ok.`,
      ...(r.keyring ? [`It is encrypted with the database's key; its key file is ${r.keyring}: keep the two together.`] : []),
      `Its audit checkpoint is ${r.checkpoint}: keep it with the backup, and copies of both away from this computer (senco-desk audit verify --checkpoints).`,
      '',
      tablesText(r.tables),
      'The backup holds special category data (UK GDPR Article 9): keep it as safe as the database. Restore it with',
      `  senco-desk restore --from "${r.file}"${opts.data === defaultDataDir(io.env) ? '' : ` --data "${opts.data}"`}`,
      '',
    ].join('\n'),
  );
  return EXIT.ok;
}

export function registerBackup(program: Command, io: CliIo, run: (p: Promise<number>) => Promise<void>): void {
  program
    .command('backup')
    .description('Back up the database (safe while SENCo Desk is running), check the copy, and print its row counts.')
    .option('--data <dir>', 'data folder', defaultDataDir(io.env))
    .option('--out <file>', 'where to write the backup (default: <data>/backups/senco-desk-YYYY-MM-DD-HHMMSS.sqlite)')
    .option('--force', 'replace the --out file if it exists')
    .option(
      '--json',
      'print {ok, file, bytes, integrity, tables: [{table, rows}], migrations, createdAt, encrypted, keyring, checkpoint, tookMs} as JSON',
    )
    .addHelpText(
      'after',
      "\nThe copy is made with SQLite's online backup API on a connection of its own, so it is one consistent moment of\n" +
        'the database even while the app is saving; it includes what is still in the -wal file. It is written under a\n' +
        'temporary name, switched to a single self-contained file, checked with PRAGMA integrity_check, and only then\n' +
        'given its name; it is readable by your account only. The app also makes one backup a day by itself, in\n' +
        '<data>/backups, and keeps the last 14 days (settings.json: "backup": {"keepDays": N}).\n' +
        'An encrypted database gives an encrypted backup, with its key file (.keys.json) beside it: keep the two together.\n' +
        'That key file is the one of the moment of the backup: users disabled and passwords changed since still open it.\n' +
        'A backup killed part-way leaves only a .partial file, deleted the next time SENCo Desk or senco-desk starts.\n' +
        'Beside every backup is a checkpoint of its audit trail (.audit-head.json): senco-desk audit verify compares the\n' +
        'live trail with it, so events deleted or rewritten later show up. Copy both off this computer.\n' +
        "A PostgreSQL database is backed up with the server's own tools (pg_dump).\n\n" +
        'Exit status: 0 written and checked; 1 no database, PostgreSQL, locked (encrypted, no credentials), or the copy\n' +
        'failed its check; 2 usage error, or the --out file exists (without --force).\n',
    )
    .addHelpText('after', credentialsHelp('file'))
    .action((opts: BackupCommandOptions) => run(backupCommand(opts, io)));
}
