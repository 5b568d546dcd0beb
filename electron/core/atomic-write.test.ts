/**
 * The one atomic write (atomic-write.ts), used by exports, the CLI, the keyring, audit checkpoints, the certificate
 * and backups. writeFileAtomic: the whole file or nothing. Failures are simulated inside the write (the disk fills up half-way),
 * at the fsync, and at the final rename, and each time the target must be exactly as before and no `.part` file
 * may be left in the folder.
 */
import type * as nodeFs from 'node:fs';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FileExistsError, partNameFor, placeFile, writeFileAtomic, writeFileAtomicAsync } from './atomic-write';

/** How the mocked file system should fail next (null: not at all). */
const failure: { at: 'write' | 'fsync' | null; seen: string | null } = { at: null, seen: null };

vi.mock('node:fs', async (importOriginal) => {
  const actual = await importOriginal<typeof nodeFs>();
  return {
    ...actual,
    writeSync: (fd: number, buffer: Uint8Array, offset: number, length: number) => {
      if (failure.at !== 'write') return actual.writeSync(fd, buffer, offset, length);
      // Half of it reaches the disk, then the disk is full.
      actual.writeSync(fd, buffer, offset, Math.floor(length / 2));
      failure.seen = failure.at;
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    },
    fsyncSync: (fd: number) => {
      if (failure.at !== 'fsync') return actual.fsyncSync(fd);
      failure.seen = failure.at;
      throw Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' });
    },
  };
});

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'atomic-write-'));
  failure.at = null;
  failure.seen = null;
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const leftovers = () => readdirSync(dir).filter((f) => f.endsWith('.part'));
const big = () => new Uint8Array(3 * 1024 * 1024).map((_, i) => (i * 7919) & 0xff);

describe('writeFileAtomic', () => {
  it('writes the whole file, owner-only, replacing an existing one, and leaves no temporary file', () => {
    const file = join(dir, 'export.age');
    writeFileSync(file, 'old');
    const body = big();
    writeFileAtomic(file, body);
    expect(Buffer.compare(readFileSync(file), Buffer.from(body))).toBe(0);
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(leftovers()).toEqual([]);
    expect(readdirSync(dir)).toEqual(['export.age']);
  });

  it('uses a hidden temporary name in the same folder', () => {
    const tmp = partNameFor(join(dir, 'pack.age'));
    expect(tmp.startsWith(join(dir, '.pack.age.'))).toBe(true);
    expect(tmp.endsWith('.part')).toBe(true);
  });

  it('with replace: false, leaves an existing file alone and cleans up', () => {
    const file = join(dir, 'a.csv');
    writeFileSync(file, 'theirs');
    expect(() => writeFileAtomic(file, 'ours', { replace: false })).toThrow(FileExistsError);
    expect(readFileSync(file, 'utf8')).toBe('theirs');
    expect(leftovers()).toEqual([]);
  });

  it('when the disk fills up half-way, keeps the old file whole and removes the partial one', () => {
    const file = join(dir, 'pack.age');
    writeFileSync(file, 'the previous export');
    failure.at = 'write';
    expect(() => writeFileAtomic(file, big())).toThrow(/ENOSPC/);
    expect(failure.seen).toBe('write');
    expect(readFileSync(file, 'utf8')).toBe('the previous export');
    expect(leftovers()).toEqual([]);
  });

  it('when the disk fills up half-way on a new file, leaves no file at all', () => {
    const file = join(dir, 'new.age');
    failure.at = 'write';
    expect(() => writeFileAtomic(file, big())).toThrow(/ENOSPC/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('when the flush to disk fails, does not put the file in place', () => {
    const file = join(dir, 'pack.age');
    writeFileSync(file, 'before');
    failure.at = 'fsync';
    expect(() => writeFileAtomic(file, 'after')).toThrow(/EIO/);
    expect(failure.seen).toBe('fsync');
    expect(readFileSync(file, 'utf8')).toBe('before');
    expect(leftovers()).toEqual([]);
  });

  it('when the final rename fails (the target is a folder), removes the temporary file', () => {
    const target = join(dir, 'taken');
    mkdirSync(target);
    expect(() => writeFileAtomic(target, 'data')).toThrow();
    expect(statSync(target).isDirectory()).toBe(true);
    expect(leftovers()).toEqual([]);
  });

  it('fails cleanly when the folder does not exist', () => {
    expect(() => writeFileAtomic(join(dir, 'missing', 'x.age'), 'data')).toThrow(/ENOENT/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("uses the temporary name the caller gives (the keyring's, which its clean-up recognises), and removes it on failure", () => {
    const file = join(dir, 'senco-desk.keys.json');
    const tmp = `${file}.${process.pid}.0123abcd.tmp`;
    writeFileAtomic(file, '{"v":1}', { tempPath: tmp });
    expect(readFileSync(file, 'utf8')).toBe('{"v":1}');
    failure.at = 'fsync';
    expect(() => writeFileAtomic(file, '{"v":2}', { tempPath: tmp })).toThrow(/EIO/);
    expect(readFileSync(file, 'utf8')).toBe('{"v":1}');
    expect(readdirSync(dir)).toEqual(['senco-desk.keys.json']);
  });

  it.skipIf(process.platform === 'win32')('gives the file the mode asked for, whatever the umask', () => {
    const before = process.umask(0o077);
    try {
      writeFileAtomic(join(dir, 'shared.txt'), 'x', { mode: 0o640 });
    } finally {
      process.umask(before);
    }
    expect(statSync(join(dir, 'shared.txt')).mode & 0o777).toBe(0o640);
  });
});

describe('writeFileAtomicAsync', () => {
  it('replaces the file whole, owner-only, with no temporary file left', async () => {
    const file = join(dir, 'senco-desk.audit-head.json');
    writeFileSync(file, 'old');
    await writeFileAtomicAsync(file, '{"seq":2}');
    expect(readFileSync(file, 'utf8')).toBe('{"seq":2}');
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['senco-desk.audit-head.json']);
  });

  it('when the rename fails (the target is a folder), removes the temporary file', async () => {
    const target = join(dir, 'taken');
    mkdirSync(target);
    await expect(writeFileAtomicAsync(target, 'data', { tempPath: join(dir, 'taken.1.tmp') })).rejects.toThrow();
    expect(readdirSync(dir)).toEqual(['taken']);
  });
});

describe('placeFile', () => {
  it('without replace, refuses a name that is taken and leaves both files as they were', () => {
    const tmp = join(dir, 'b.part');
    const target = join(dir, 'b.sqlite');
    writeFileSync(tmp, 'new');
    writeFileSync(target, 'old');
    expect(() => placeFile(tmp, target, false)).toThrow(FileExistsError);
    expect(readFileSync(target, 'utf8')).toBe('old');
    expect(readFileSync(tmp, 'utf8')).toBe('new');
  });

  it('without replace, takes a free name and leaves no second link', () => {
    const tmp = join(dir, 'c.part');
    writeFileSync(tmp, 'new');
    placeFile(tmp, join(dir, 'c.sqlite'), false);
    expect(readdirSync(dir)).toEqual(['c.sqlite']);
  });
});
