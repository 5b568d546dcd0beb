/**
 * Failures of backup and restore that a person can act on, each with a plain message. The CLI turns them into
 * exit codes; the app's scheduler logs them and tries again within the hour.
 */
export type BackupErrorCode =
  /** The data folder uses PostgreSQL: its server's own tools (pg_dump) back it up. */
  | 'postgres'
  /** There is no database file in the data folder yet. */
  | 'no_database'
  /** The file to read (restore --from) does not exist or is not a file. */
  | 'no_file'
  /** The output file exists (and replacing it was not asked for), or its folder does not exist. */
  | 'file_exists'
  | 'bad_output'
  /** The backup failed SQLite's integrity check, or could not be read as a database. */
  | 'damaged'
  /** The file is a database, but not a SENCo Desk one (tables or the migrations table missing). */
  | 'not_senco'
  /** The backup was made by a newer version of SENCo Desk (it has migrations this version does not know). */
  | 'newer_version'
  /** An encrypted backup that no key at hand opens (the current database's, or its keyring's with the credentials given). */
  | 'encrypted'
  /** SENCo Desk (or another program) has the database open. */
  | 'in_use'
  | 'failed';

export class BackupError extends Error {
  constructor(
    readonly code: BackupErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'BackupError';
  }
}

export function describeError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOSPC') return 'the disk is full';
  if (code === 'EROFS') return 'the disk is read-only';
  return err instanceof Error ? err.message : String(err);
}
