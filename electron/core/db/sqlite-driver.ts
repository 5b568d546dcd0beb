/**
 * The one SQLite library in the process: libsql (npm `libsql`, MIT), a better-sqlite3-compatible API over libSQL
 * (SQLite 3.45 with SQLite3 Multiple Ciphers built in), through TypeORM's `better-sqlite3` driver. It ships prebuilt
 * N-API binaries for Windows x64, macOS and Linux as optional dependencies (`@libsql/<platform>`), so nothing is
 * compiled at install, nothing is downloaded, and nothing is rebuilt for Electron.
 *
 * Encryption: `PRAGMA key = "x'<64 hex>'"` before anything else on a connection (databaseKeyLiteral in
 * crypto/keyring.ts) reads and writes the file with SQLite3 Multiple Ciphers' AES-256-CBC, on every platform.
 * Without a key the same library reads and writes ordinary SQLite files (tests that ask for plain files, and an
 * earlier version's plain file before it is encrypted in place). Only one SQLite library is ever loaded: two copies
 * of SQLite in one process must not open the same file, because closing it in one drops the other's POSIX locks.
 *
 * libsql 0.5's binding is stricter than better-sqlite3's about what it is given to bind, and some of its failures
 * end the whole process (a Rust panic) instead of throwing: a boolean parameter, or a single Buffer parameter
 * spread as `stmt.all(buffer)` (taken for named parameters). TypeORM's better-sqlite3 driver spreads its
 * parameters (`stmt.all(...parameters)`), and raw queries of ours pass booleans and Dates as node-sqlite3 took them.
 * So the module given to TypeORM is `SafeDatabase` below: every statement gets its parameters as one array, with
 * booleans as 1/0 and Dates as their milliseconds (what node-sqlite3 did), and anything else it cannot bind is
 * refused with an ordinary error.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** The parts of libsql's Statement we use. */
export interface LibsqlStatement {
  readonly reader: boolean;
  run(...params: unknown[]): { changes: number; lastInsertRowid: number | bigint };
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
  iterate(...params: unknown[]): IterableIterator<unknown>;
  raw(on?: boolean): LibsqlStatement;
  pluck(on?: boolean): LibsqlStatement;
  columns(): unknown[];
}

/** The parts of libsql's Database we use. */
export interface LibsqlDatabase {
  readonly open: boolean;
  readonly inTransaction: boolean;
  prepare(sql: string): LibsqlStatement;
  exec(sql: string): unknown;
  pragma(source: string, options?: { simple?: boolean }): unknown;
  close(): void;
}

export interface LibsqlOpenOptions {
  /** Milliseconds to wait for another connection's lock before SQLITE_BUSY. */
  readonly timeout?: number;
  /** Open read-only (through a `file:…?mode=ro` URI: libsql 0.5 has no flag for it). */
  readonly readonly?: boolean;
  /** Fail when the file does not exist instead of creating it. */
  readonly fileMustExist?: boolean;
}

/** A constructor with libsql's shape: what TypeORM's better-sqlite3 driver calls `new this.sqlite(file, opts)`. */
export type SqliteModule = new (file: string, opts?: LibsqlOpenOptions) => LibsqlDatabase;

type Native = new (file: string, opts?: { timeout?: number }) => LibsqlDatabase;

let native: Native | undefined;

function libsql(): Native {
  // A plain require: esbuild leaves `libsql` outside the bundle (it loads its platform's prebuilt binary itself).
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- native module, loaded on first use
  native ??= require('libsql') as Native;
  return native;
}

/** What SQLite can bind, as node-sqlite3 converted it: booleans to 1/0, Dates to milliseconds since 1970. */
function bindable(v: unknown, i: number): unknown {
  if (v === undefined || v === null) return null;
  switch (typeof v) {
    case 'string':
    case 'number':
    case 'bigint':
      return v;
    case 'boolean':
      return v ? 1 : 0;
    default:
      if (Buffer.isBuffer(v)) return v;
      if (v instanceof Uint8Array) return Buffer.from(v.buffer, v.byteOffset, v.byteLength);
      if (v instanceof Date) return v.getTime();
      throw new TypeError(
        `SQL parameter ${i + 1} cannot be stored in SQLite (a ${typeof v}): give a string, number, Buffer, boolean, Date or null.`,
      );
  }
}

/**
 * The parameters as the one array libsql binds by position (`?`, `?NNN`). Never an object of named parameters:
 * TypeORM and our raw queries only bind by position, and libsql panics on an object it cannot bind (so a lone
 * object is refused by `bindable` like any other value it cannot store).
 */
function params(args: readonly unknown[]): unknown[] {
  return [args.flat().map(bindable)];
}

/** libsql's `all()` gives a BLOB as an ArrayBuffer (its `get()` a Buffer): Buffers, as node-sqlite3 gave them. */
function withBuffers(rows: unknown[]): unknown[] {
  for (const row of rows) {
    if (!row || typeof row !== 'object') continue;
    const r = row as Record<string, unknown>;
    for (const k in r) if (r[k] instanceof ArrayBuffer) r[k] = Buffer.from(r[k]);
  }
  return rows;
}

/** A prepared statement's native object, dropped (set to null) when its database is closed. */
interface Holder {
  stmt: LibsqlStatement | null;
}

function safeStatement(holder: Holder): LibsqlStatement {
  const stmt = () => {
    if (!holder.stmt) throw new TypeError('The database connection is not open.');
    return holder.stmt;
  };
  const wrapped: LibsqlStatement = {
    get reader() {
      return stmt().reader;
    },
    run: (...a) => stmt().run(...params(a)),
    get: (...a) => {
      const row = stmt().get(...params(a));
      // libsql adds its timing to the row `get` returns; no caller wants it among the columns.
      if (row && typeof row === 'object' && '_metadata' in row) delete (row as { _metadata?: unknown })._metadata;
      return row;
    },
    all: (...a) => withBuffers(stmt().all(...params(a))),
    iterate: (...a) => stmt().iterate(...params(a)),
    raw: (on) => (stmt().raw(on), wrapped),
    pluck: (on) => (stmt().pluck(on), wrapped),
    columns: () => stmt().columns(),
  };
  return wrapped;
}

/**
 * libsql 0.5.29's `close()` does not close the SQLite connection while any statement prepared on it is still alive
 * (tursodatabase/libsql-js#228, fixed after 0.5.29 by #236, not yet released): each statement, and each row
 * iterator, holds its own reference to the connection, and libSQL closes the file only when the last one is dropped,
 * which is when the garbage collector finalises them. Until then the file stays open: its -wal stays beside it, its
 * locks stay held (a restore would find the database "in use"), and on Windows it cannot be renamed or deleted.
 *
 * So SafeDatabase keeps a weak reference to each statement's holder, and on close drops every native statement it
 * handed out; `releaseClosedConnections()` then runs a full garbage collection and waits one turn of the event loop
 * (Node runs native finalisers in a setImmediate after the collection), after which the connection is closed for
 * real. The data source's destroy and the raw connections' close call it (data-source.ts, backup/sqlite-raw.ts).
 */
let closedSinceRelease = false;
/** The files of the read-write connections closed since the last release (their -wal should go when really closed). */
const closedFiles = new Set<string>();

function collector(): (() => void) | null {
  const g = (globalThis as { gc?: () => void }).gc;
  if (typeof g === 'function') return g;
  try {
    // node:v8 and node:vm: what `--expose-gc` gives, without a command-line flag (Electron's main process and the
    // CLI alike). Loaded here, not at the top, because this file is bundled for Node only.
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- Node built-ins, only when a connection is closed
    const v8 = require('node:v8') as { setFlagsFromString(flags: string): void };
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- as above
    const vm = require('node:vm') as { runInNewContext(code: string): unknown };
    v8.setFlagsFromString('--expose-gc');
    const fn = vm.runInNewContext('gc');
    return typeof fn === 'function' ? (fn as () => void) : null;
  } catch {
    return null;
  }
}

let gcFn: (() => void) | null | undefined;

/** Closes, for real, the SQLite connections closed since the last call (see above). */
export async function releaseClosedConnections(): Promise<void> {
  if (!closedSinceRelease) return;
  closedSinceRelease = false;
  const files = [...closedFiles];
  closedFiles.clear();
  gcFn ??= collector();
  // One collection usually finalises every statement; on a busy machine some survive it (the WAL then stayed beside a
  // cleanly closed file, taken at the next open for an unclean shutdown). So collect again, a few times at most,
  // while a closed file still has its -wal (it stays for good only while another connection has the file open).
  for (let round = 0; ; round++) {
    gcFn?.();
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (round >= 4 || !files.some((f) => existsSync(`${f}-wal`))) break;
    await new Promise<void>((resolve) => setTimeout(resolve, 5 * (round + 1)));
  }
}

/**
 * A read-only `file:` URI for a path (SQLite's URI rules: '%', '?' and '#' escaped, forward slashes, and a Windows
 * drive letter after a '/': file:///C:/…).
 */
export function readOnlyUri(file: string): string {
  let path = encodeURI(resolve(file).replace(/\\/g, '/')).replace(/\?/g, '%3f').replace(/#/g, '%23');
  if (/^[A-Za-z]:/.test(path)) path = `/${path}`;
  return `file://${path.startsWith('/') ? '' : '/'}${path}?mode=ro`;
}

/** A libsql connection whose statements bind safely (see the top of this file). */
class SafeDatabase implements LibsqlDatabase {
  private native: LibsqlDatabase | null;
  private holders: WeakRef<Holder>[] = [];
  private liveAfterCompaction = 0;
  private readonly file: string | null;
  constructor(file: string, opts: LibsqlOpenOptions = {}) {
    const ro = opts.readonly === true && file !== ':memory:';
    if ((ro || opts.fileMustExist) && file !== ':memory:' && !existsSync(file)) {
      throw Object.assign(new Error(`unable to open database file: ${file} does not exist`), { code: 'SQLITE_CANTOPEN' });
    }
    const Db = libsql();
    // An absolute path in a file: URI; '?' and '#' would end the path, so they are escaped.
    const target = ro ? readOnlyUri(file) : file;
    this.native = new Db(target, { timeout: opts.timeout ?? 5000 });
    this.file = ro || file === ':memory:' ? null : resolve(file);
  }
  private get db(): LibsqlDatabase {
    if (!this.native) throw new TypeError('The database connection is not open.');
    return this.native;
  }
  get open(): boolean {
    return this.native !== null;
  }
  get inTransaction(): boolean {
    return this.native?.inTransaction ?? false;
  }
  prepare(sql: string): LibsqlStatement {
    const holder: Holder = { stmt: this.db.prepare(sql) };
    this.holders.push(new WeakRef(holder));
    // Forget the holders already collected, now and then (a raw query prepares a statement each time).
    if (this.holders.length > 2 * this.liveAfterCompaction + 1000) {
      this.holders = this.holders.filter((r) => r.deref() !== undefined);
      this.liveAfterCompaction = this.holders.length;
    }
    return safeStatement(holder);
  }
  exec(sql: string): this {
    this.db.exec(sql);
    return this;
  }
  pragma(source: string, options?: { simple?: boolean }): unknown {
    const rows = this.prepare(`PRAGMA ${source}`).all() as Record<string, unknown>[];
    if (!options?.simple) return rows;
    const first = rows[0];
    return first ? Object.values(first)[0] : undefined;
  }
  close(): void {
    if (!this.native) return;
    this.native.close();
    this.native = null;
    for (const ref of this.holders) {
      const h = ref.deref();
      if (h) h.stmt = null;
    }
    this.holders = [];
    closedSinceRelease = true;
    if (this.file) closedFiles.add(this.file);
  }
}

/** The SQLite module every SQLite store and raw open uses. */
export function sqliteModule(): SqliteModule {
  return SafeDatabase;
}
