/**
 * The one way SENCo Desk writes a file that must never be seen half written: exports and CLI output, the keyring and
 * its sign-in record, audit checkpoints, the server's certificate, and (through `placeFile` and `syncFolder`) backups.
 *
 * The data goes to a temporary file beside the target (same folder, so the same file system and the rename is
 * atomic), made owner-only, flushed to disk, and only then takes the target's name; the folder is then synced so the
 * new name survives a power cut. A reader, or a crash, never sees half a file, and the temporary file is removed on
 * any failure, which leaves the target as it was before the call.
 *
 * With `replace: false` an existing file is never overwritten, even one that appears while the data is being written
 * (`placeFile`: a hard link, which fails if the name is taken). Files are owner-only (0600) by default, because they
 * hold pupils' data or keys. Windows: folders cannot be opened for syncing (the rename is durable enough there), and
 * file modes are left to the user profile's ACLs. Plain Node: no Electron.
 *
 * The temporary name is the caller's to choose where a clean-up at the next start has to recognise it (the keyring's
 * `<file>.<pid>.<8 hex>.tmp`, which says whose it is); by default it is a hidden `.<name>.<12 hex>.part`.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fchmodSync, fsyncSync, linkSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';

export class FileExistsError extends Error {
  constructor(readonly file: string) {
    super(`${file} already exists`);
    this.name = 'FileExistsError';
  }
}

export interface AtomicWriteOptions {
  /** Replace an existing file (the default). With false, an existing file is left alone and FileExistsError thrown. */
  readonly replace?: boolean;
  /** The new file's permissions (POSIX); 0600 unless given. */
  readonly mode?: number;
  /** The temporary file's path (beside the target); `partNameFor(target)` unless given. */
  readonly tempPath?: string;
}

/** The default hidden temporary name used beside `target` while it is written. */
export function partNameFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.part`);
}

/** Makes a rename durable (POSIX). Folders cannot be opened for syncing on Windows, where rename is durable enough. */
export function syncFolder(folder: string): void {
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

/**
 * Gives `tmp` the name `target`. Without `replace`, an existing target is never overwritten, even one that
 * appears meanwhile: a hard link fails if the name is taken (where links are unsupported, such as FAT-formatted
 * USB sticks, it falls back to a check and a rename).
 */
export function placeFile(tmp: string, target: string, replace: boolean): void {
  if (replace) {
    renameSync(tmp, target);
    return;
  }
  try {
    linkSync(tmp, target);
    unlinkSync(tmp);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new FileExistsError(target);
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS' && code !== 'EXDEV') throw err;
    if (existsSync(target)) throw new FileExistsError(target);
    renameSync(tmp, target);
  }
}

const bytesOf = (data: Uint8Array | string): Uint8Array => (typeof data === 'string' ? Buffer.from(data, 'utf8') : data);

/**
 * Writes `data` to `path` atomically (see the top of this file). Throws the file system's error (or
 * FileExistsError) after removing the temporary file; the target is then as it was before the call.
 */
export function writeFileAtomic(path: string, data: Uint8Array | string, options: AtomicWriteOptions = {}): void {
  const target = resolve(path);
  const tmp = options.tempPath ?? partNameFor(target);
  const mode = options.mode ?? 0o600;
  const bytes = bytesOf(data);
  let fd: number | null = null;
  try {
    fd = openSync(tmp, 'wx', mode);
    // The umask may have taken bits away; the mode asked for is the mode the file gets.
    if (process.platform !== 'win32') fchmodSync(fd, mode);
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

/**
 * writeFileAtomic off the event loop (the app's main process answers the window meanwhile), for a file that is
 * always replaced (there is no asynchronous hard link that keeps an existing file).
 */
export async function writeFileAtomicAsync(
  path: string,
  data: Uint8Array | string,
  options: Omit<AtomicWriteOptions, 'replace'> = {},
): Promise<void> {
  const target = resolve(path);
  const tmp = options.tempPath ?? partNameFor(target);
  const mode = options.mode ?? 0o600;
  try {
    const handle = await open(tmp, 'wx', mode);
    try {
      if (process.platform !== 'win32') await handle.chmod(mode);
      await handle.writeFile(bytesOf(data));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, target);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
  syncFolder(dirname(target));
}
