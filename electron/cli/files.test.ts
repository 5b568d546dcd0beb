import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkOutputPath, writeFileAtomic } from './files';
import { CliError } from './io';
import { tempDir } from './test-support';

describe('writeFileAtomic', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    tmp = tempDir('senco-files-');
  });
  afterEach(() => tmp.remove());
  const leftovers = () => readdirSync(tmp.dir).filter((f) => f.endsWith('.part'));

  it('writes the whole file, owner-only, and leaves no temporary file', () => {
    const file = join(tmp.dir, 'a.csv');
    const body = 'x'.repeat(1_000_000);
    writeFileAtomic(file, body, false);
    expect(readFileSync(file, 'utf8')).toBe(body);
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(leftovers()).toEqual([]);
  });

  it('never replaces a file that appeared after the check (without force), and cleans up', () => {
    const file = join(tmp.dir, 'b.csv');
    checkOutputPath(file, false); // free when checked...
    writeFileSync(file, 'theirs'); // ...then someone else writes it
    let err: unknown = null;
    try {
      writeFileAtomic(file, 'ours', false);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CliError);
    expect((err as CliError).code).toBe('file_exists');
    expect((err as CliError).exitCode).toBe(2);
    expect(readFileSync(file, 'utf8')).toBe('theirs');
    expect(leftovers()).toEqual([]);
    writeFileAtomic(file, 'ours', true);
    expect(readFileSync(file, 'utf8')).toBe('ours');
    expect(leftovers()).toEqual([]);
  });

  it('reports a folder that does not exist as a usage error before writing anything', () => {
    expect(() => checkOutputPath(join(tmp.dir, 'no', 'c.csv'), false)).toThrow(/does not exist/);
    expect(() => writeFileAtomic(join(tmp.dir, 'no', 'c.csv'), 'x', false)).toThrow(/Could not write/);
    expect(leftovers()).toEqual([]);
  });
});
