/**
 * Writing an output file safely, for exports (and the CLI, which uses this too). The data goes to a hidden temporary
 * file beside the target (`.<name>.<random>.part`: same folder, so the same file system and the rename is atomic),
 * is flushed to disk, and only then takes the target's name; the folder is then synced so the new name survives a
 * power cut. A reader, or a crash, never sees half a file, and the temporary file is removed on any failure.
 *
 * With `replace: false` an existing file is never overwritten, even one that appears while the data is being
 * written (backup/files.ts `placeFile`: a hard link, which fails if the name is taken). Files are owner-only (0600)
 * by default, because exports hold pupils' data. Plain Node: no Electron.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { FileExistsError, placeFile, syncFolder } from '../backup/files';

export { FileExistsError };

export interface AtomicWriteOptions {
  /** Replace an existing file (the default). With false, an existing file is left alone and FileExistsError thrown. */
  readonly replace?: boolean;
  /** The new file's permissions (POSIX); 0600 unless given. */
  readonly mode?: number;
}

/** The hidden temporary name used beside `target` while it is written. */
export function partNameFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.part`);
}

/**
 * Writes `data` to `path` atomically (see the top of this file). Throws the file system's error (or
 * FileExistsError) after removing the temporary file; the target is then as it was before the call.
 */
export function writeFileAtomic(path: string, data: Uint8Array | string, options: AtomicWriteOptions = {}): void {
  const target = resolve(path);
  const tmp = partNameFor(target);
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  let fd: number | null = null;
  try {
    fd = openSync(tmp, 'wx', options.mode ?? 0o600);
    let off = 0;
    while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
    fsyncSync(fd);
    closeSync(fd);
    fd = null;
    placeFile(tmp, target, options.replace ?? true);
  } catch (err) {
    if (fd !== null) {
      try {
        closeSync(fd);
      } catch {
        // Closing a broken descriptor can fail too; the removal below is what matters.
      }
    }
    try {
      unlinkSync(tmp);
    } catch {
      // Never created, or already renamed into place.
    }
    throw err;
  }
  syncFolder(dirname(target));
}
