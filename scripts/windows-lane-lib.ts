/**
 * The Windows lane's pure logic (scripts/windows-lane.ts does the I/O): which packages the CLI bundle needs at run
 * time, how Linux paths inside Wine's prefix read on Windows, and the scan that proves no file in a data folder holds
 * a pupil's name or UPN as plain text.
 */
import { builtinModules } from 'node:module';

const BUILTINS = new Set(builtinModules);

/** The package a bare specifier names: "csv-parse/sync" -> "csv-parse", "@scope/pkg/x" -> "@scope/pkg". */
export function packageOf(specifier: string): string | null {
  if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('node:')) return null;
  const parts = specifier.split('/');
  const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] as string);
  if (BUILTINS.has(name)) return null;
  return name;
}

/** Every package an esbuild bundle (packages external) requires by a literal name, sorted. */
export function bundleRequires(bundle: string): string[] {
  const names = new Set<string>();
  for (const m of bundle.matchAll(/\brequire\((["'])([^"'\n]+)\1\)/g)) {
    const name = packageOf(m[2] as string);
    if (name) names.add(name);
  }
  return [...names].sort();
}

export interface PackageJsonDeps {
  readonly dependencies?: Record<string, string>;
  readonly optionalDependencies?: Record<string, string>;
}

/**
 * The package.json dependencies of a folder holding only the CLI bundle: each package the bundle requires, plus
 * those loaded by name at run time (TypeORM loads its driver, e.g. "sqlite3", with a computed require) where the
 * project depends on them, at the project's own versions. A required package the project does not depend on is an
 * error: the installed app would fail the same way.
 */
export function runtimeDependencies(
  bundle: string,
  pkg: PackageJsonDeps,
  loadedByName: readonly string[] = [],
): { dependencies: Record<string, string>; optionalDependencies: Record<string, string> } {
  const deps = pkg.dependencies ?? {};
  const optional = pkg.optionalDependencies ?? {};
  const dependencies: Record<string, string> = {};
  const optionalDependencies: Record<string, string> = {};
  const missing: string[] = [];
  for (const name of bundleRequires(bundle)) {
    if (name in optional) optionalDependencies[name] = optional[name] as string;
    else if (name in deps) dependencies[name] = deps[name] as string;
    else missing.push(name);
  }
  for (const name of loadedByName) {
    if (name in optional) optionalDependencies[name] = optional[name] as string;
    else if (name in deps) dependencies[name] = deps[name] as string;
  }
  if (missing.length) {
    throw new Error(
      `The CLI bundle requires ${missing.join(', ')}, which package.json does not list under dependencies: add ${missing.length === 1 ? 'it' : 'them'} there (or bundle ${missing.length === 1 ? 'it' : 'them'}).`,
    );
  }
  return { dependencies, optionalDependencies };
}

/** "C:\\a\\b" for a Linux path inside Wine's drive_c (given as driveC); null for a path outside it. */
export function windowsPath(linuxPath: string, driveC: string): string | null {
  const root = driveC.replace(/\/+$/, '');
  if (linuxPath !== root && !linuxPath.startsWith(root + '/')) return null;
  return (
    'C:\\' +
    linuxPath
      .slice(root.length + 1)
      .split('/')
      .filter(Boolean)
      .join('\\')
  );
}

/** The Linux path of a "C:\\..." path inside Wine's drive_c; null for any other drive. */
export function linuxPath(winPath: string, driveC: string): string | null {
  const m = /^[cC]:[\\/](.*)$/.exec(winPath);
  if (!m) return null;
  const rest = (m[1] as string).split(/[\\/]+/).filter(Boolean);
  return [driveC.replace(/\/+$/, ''), ...rest].join('/');
}

export interface PupilRow {
  readonly upn?: string | null;
  readonly name?: string | null;
  readonly legalName?: string | null;
}

/**
 * What to look for: each pupil's UPN, full name, and every word of a name at least `minWord` characters long. A
 * database stores first and last names in separate columns, so the words matter more than the full name; shorter
 * words are left out because a 4-byte string turns up by chance in a few megabytes of ciphertext.
 */
export function plaintextNeedles(rows: readonly PupilRow[], minWord = 5): string[] {
  const out = new Set<string>();
  for (const r of rows) {
    if (r.upn && r.upn.length >= minWord) out.add(r.upn);
    for (const name of [r.name, r.legalName]) {
      if (!name) continue;
      const full = name.trim();
      if (full.length >= minWord) out.add(full);
      for (const word of full.split(/[\s,]+/)) if ([...word].length >= minWord) out.add(word);
    }
  }
  return [...out].sort();
}

export interface PlaintextHit {
  readonly file: string;
  readonly needle: string;
  readonly encoding: 'utf8' | 'utf16le';
  readonly offset: number;
}

/** Every needle found in a file's raw bytes, as UTF-8 or UTF-16LE text (the encodings SQLite stores text in). */
export function scanBytes(file: string, bytes: Buffer, needles: readonly string[]): PlaintextHit[] {
  const hits: PlaintextHit[] = [];
  for (const needle of needles) {
    for (const encoding of ['utf8', 'utf16le'] as const) {
      const offset = bytes.indexOf(Buffer.from(needle, encoding));
      if (offset >= 0) hits.push({ file, needle, encoding, offset });
    }
  }
  return hits;
}

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** True when a file starts with SQLite's plain header: an unencrypted database (an encrypted one starts with noise). */
export function isPlainSqlite(bytes: Buffer): boolean {
  return bytes.length >= SQLITE_HEADER.length && bytes.subarray(0, SQLITE_HEADER.length).equals(SQLITE_HEADER);
}

/** "1.2 s" or "2 min 05 s". */
export function seconds(ms: number): string {
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
}
