/**
 * Output files for the CLI: a check of the path before any work, and the atomic write itself, which is the core's
 * (core/atomic-write.ts: a temporary file beside the target, fsync, then the target's name; without
 * `force` an existing file is never replaced, even one that appears while the data is being written). Here its
 * failures become CliErrors with exit codes.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { FileExistsError, writeFileAtomic as writeFileAtomicCore } from '../core/atomic-write';
import { CliError, EXIT } from './io';

function why(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOSPC') return 'the disk is full';
  if (code === 'EROFS') return 'the disk is read-only';
  return err instanceof Error ? err.message : String(err);
}

/** Checks up front (before any work) that `file` can be written: its folder exists, and it does not, unless `force`. */
export function checkOutputPath(file: string, force: boolean): void {
  const folder = dirname(resolve(file));
  let isFolder = false;
  try {
    isFolder = statSync(folder).isDirectory();
  } catch {
    isFolder = false;
  }
  if (!isFolder) throw new CliError(`Cannot write ${file}: the folder ${folder} does not exist.`, EXIT.usage, 'bad_file');
  if (existsSync(file)) {
    let folderTarget = false;
    try {
      folderTarget = statSync(file).isDirectory();
    } catch {
      folderTarget = false;
    }
    if (folderTarget)
      throw new CliError(
        `Cannot write ${file}: it is a folder. Give a file name, such as ${file.replace(/[\\/]+$/, '')}/register.csv.`,
        EXIT.usage,
        'bad_file',
      );
    if (!force)
      throw new CliError(
        `${file} already exists: nothing was written. Choose another name, or add --force to replace it.`,
        EXIT.usage,
        'file_exists',
      );
  }
}

/** Writes `data` to `file` atomically (core/atomic-write.ts). Mode 0600: the files hold pupils' data. */
export function writeFileAtomic(file: string, data: string | Uint8Array, force: boolean): void {
  try {
    writeFileAtomicCore(file, data, { replace: force });
  } catch (err) {
    if (err instanceof FileExistsError)
      throw new CliError(
        `${file} already exists: nothing was written. Choose another name, or add --force to replace it.`,
        EXIT.usage,
        'file_exists',
      );
    throw new CliError(`Could not write ${file}: ${why(err)}.`, EXIT.refused, 'write_failed');
  }
}
