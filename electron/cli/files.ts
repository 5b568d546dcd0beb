/**
 * Writing an output file safely: the data goes to a temporary file beside the target (same folder, so the same
 * file system), is flushed to disk, and only then takes the target's name. A reader (or a crash) never sees half a
 * file, and no temporary file is left behind on failure. Without `force` an existing file is never replaced, even
 * one that appears while the data is being written (the final step is a hard link, which fails if the name is
 * taken; where hard links are not supported, such as FAT-formatted USB sticks, it falls back to a check and rename).
 */
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, linkSync, openSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
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
    if (folderTarget) throw new CliError(`Cannot write ${file}: it is a folder. Give a file name, such as ${file.replace(/[\\/]+$/, '')}/register.csv.`, EXIT.usage, 'bad_file');
    if (!force) throw new CliError(`${file} already exists: nothing was written. Choose another name, or add --force to replace it.`, EXIT.usage, 'file_exists');
  }
}

/** Writes `data` to `file` atomically (see the top of this file). Mode 0600: the files hold pupils' data. */
export function writeFileAtomic(file: string, data: string | Uint8Array, force: boolean): void {
  const target = resolve(file);
  const tmp = `${target}.tmp-${randomBytes(6).toString('hex')}`;
  let fd: number | null = null;
  try {
    fd = openSync(tmp, 'wx', 0o600);
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    let off = 0;
    while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
    fsyncSync(fd);
    closeSync(fd);
    fd = null;
    if (force) {
      renameSync(tmp, target);
    } else {
      try {
        linkSync(tmp, target);
        unlinkSync(tmp);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'EEXIST') throw new CliError(`${file} already exists: nothing was written. Choose another name, or add --force to replace it.`, EXIT.usage, 'file_exists');
        if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS' && code !== 'EXDEV') throw err;
        if (existsSync(target)) throw new CliError(`${file} already exists: nothing was written. Choose another name, or add --force to replace it.`, EXIT.usage, 'file_exists');
        renameSync(tmp, target);
      }
    }
    syncFolder(dirname(target));
  } catch (err) {
    if (fd !== null) closeSync(fd);
    try {
      unlinkSync(tmp);
    } catch {
      // Already renamed or never created.
    }
    if (err instanceof CliError) throw err;
    throw new CliError(`Could not write ${file}: ${why(err)}.`, EXIT.refused, 'write_failed');
  }
}

/** Makes the new name durable too (POSIX); folders cannot be opened for syncing on Windows, where rename is durable enough. */
function syncFolder(folder: string): void {
  if (process.platform === 'win32') return;
  let fd: number | null = null;
  try {
    fd = openSync(folder, 'r');
    fsyncSync(fd);
  } catch {
    // Best effort: some file systems refuse fsync on a folder.
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

