/**
 * `senco-desk server`: the school server (issue 16, item 1). The core (the same contract, dispatcher and services, in
 * its worker thread) served to the school network over HTTPS only (electron/server/server.ts), holding the database
 * key or the PostgreSQL credentials itself, so no desk needs them. `senco-desk server init-cert` makes its
 * self-signed certificate ahead of the first start and prints the fingerprint desks pin.
 *
 * With --json the first stdout line is one compact JSON document {url, port, fingerprint, certificate, data} (the
 * tests and service wrappers read it); otherwise plain lines. Log lines (never pupil data: electron/shell/log.ts
 * redaction) go to stderr and to <data>/server/logs/main.log.
 */
import { join } from 'node:path';
import type { Command } from 'commander';
import { defaultDataDir, ensureDataDir, storeConfigFor } from '../../core/data-dir';
import { CoreHost, CoreHostError } from '../../core/host/core-host';
import { CertificateError, ensureSelfSigned, loadTls, serverDir, type TlsMaterial } from '../../server/certificate';
import { startSchoolServer } from '../../server/server';
import { createLogger, redact } from '../../shell/log';
import { CliError, EXIT, type CliIo } from '../io';
import { registerServerImport } from './server-import';
import { registerServerExportSchool } from './server-export-school';

export const DEFAULT_SERVER_PORT = 8443;

export interface ServerOptions {
  readonly data: string;
  readonly port: string;
  readonly listen: string;
  readonly cert?: string;
  readonly key?: string;
  readonly name?: string[];
  readonly shutdownTimeout: string;
  readonly json?: boolean;
}

export interface InitCertOptions {
  readonly data: string;
  readonly name?: string[];
  readonly force?: boolean;
  readonly json?: boolean;
}

function parsePort(text: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || !Number.isInteger(port) || port < 0 || port > 65535) {
    throw new CliError(`--port must be a whole number from 0 to 65535, not "${text}".`, EXIT.usage);
  }
  return port;
}

function certificateFor(
  opts: Pick<ServerOptions, 'data' | 'cert' | 'key' | 'name'>,
): TlsMaterial & { readonly made: boolean; readonly certFile: string } {
  if ((opts.cert === undefined) !== (opts.key === undefined)) {
    throw new CliError(
      'Give both --cert and --key (the school’s certificate and its private key, PEM files), or neither for a self-signed certificate.',
      EXIT.usage,
    );
  }
  try {
    if (opts.cert && opts.key) return { ...loadTls(opts.cert, opts.key), made: false, certFile: opts.cert };
    ensureDataDir(opts.data);
    return ensureSelfSigned(opts.data, opts.name ? { names: opts.name } : {});
  } catch (err) {
    if (err instanceof CertificateError) throw new CliError(err.message, EXIT.usage, 'certificate');
    throw err;
  }
}

function certificateLines(tls: TlsMaterial & { readonly made: boolean; readonly certFile: string }): string {
  return (
    `${tls.made ? 'Made a self-signed certificate' : 'Certificate'}: ${tls.certFile}\n` +
    `  for ${tls.names.join(', ') || tls.subject}, valid until ${tls.validTo.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' })}\n` +
    `  SHA-256 fingerprint (desks pin this): ${tls.fingerprint}\n`
  );
}

export function initCertCommand(opts: InitCertOptions, io: CliIo): number {
  const tls = certificateFor({ data: opts.data, ...(opts.name ? { name: opts.name } : {}) });
  const fresh = opts.force && !tls.made ? certificateForced(opts) : tls;
  if (opts.json)
    io.stdout(
      JSON.stringify({
        certificate: fresh.certFile,
        fingerprint: fresh.fingerprint,
        made: fresh.made,
        names: fresh.names,
        validTo: fresh.validTo.toISOString(),
      }) + '\n',
    );
  else
    io.stdout(
      certificateLines(fresh) +
        (fresh.made ? '' : 'The data folder already had one; --force makes a new one (desks then need the new fingerprint).\n'),
    );
  return EXIT.ok;
}

function certificateForced(opts: InitCertOptions) {
  try {
    return ensureSelfSigned(opts.data, { force: true, ...(opts.name ? { names: opts.name } : {}) });
  } catch (err) {
    if (err instanceof CertificateError) throw new CliError(err.message, EXIT.usage, 'certificate');
    throw err;
  }
}

export async function serverCommand(opts: ServerOptions, io: CliIo): Promise<number> {
  const port = parsePort(opts.port);
  const timeout = Number(opts.shutdownTimeout);
  if (!/^\d+$/.test(opts.shutdownTimeout) || timeout < 1 || timeout > 3600) {
    throw new CliError(`--shutdown-timeout must be a whole number of seconds from 1 to 3600, not "${opts.shutdownTimeout}".`, EXIT.usage);
  }
  const tls = certificateFor(opts);
  const log = createLogger({ dir: join(serverDir(opts.data), 'logs'), stderr: (line) => io.stderr(`${line}\n`) });
  const store = storeConfigFor(opts.data, io.env);
  let core: CoreHost;
  try {
    core = await CoreHost.start({
      dataDir: opts.data,
      env: io.env,
      workerFile: join(__dirname, 'core-worker.cjs'),
      // Every server process on one PostgreSQL database shares the sessions (electron/core/sign-in-sessions.ts).
      sharedSessions: true,
      // What the core prints (an unexpected error's details) is redacted into the log like everything else.
      output: (line) => log.warn(`records engine: ${line}`),
    });
  } catch (err) {
    await log.close();
    const code = err instanceof CoreHostError ? err.code : undefined;
    if (err instanceof CoreHostError && err.name === 'KeyringError') throw new CliError(err.message, EXIT.refused, code);
    throw new CliError(
      `Could not open the SENCo Desk data in ${opts.data}: ${redact(err instanceof Error ? err.message : String(err), { path: true })}`,
      EXIT.refused,
      'open_failed',
    );
  }
  core.onGone((gone) => {
    log.error('the records engine stopped; starting it again', undefined, { exitCode: gone.exitCode });
    core.restart().catch((err: unknown) => log.error('the records engine could not be started again', err));
  });
  let server;
  try {
    server = await startSchoolServer({ core, tls, port, host: opts.listen, log, shutdownTimeoutMs: timeout * 1000 });
  } catch (err) {
    await core.close();
    await log.close();
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === 'EADDRINUSE'
        ? 'something else is already listening there: stop it, or choose another --port'
        : code === 'EACCES'
          ? 'this account may not listen on that port (below 1024 needs privileges): choose a port from 1024 up'
          : redact(err instanceof Error ? err.message : String(err));
    throw new CliError(`The school server could not listen on ${opts.listen}:${port}: ${why}.`, EXIT.refused, 'listen_failed');
  }
  // The stop handlers before the address is printed: whoever reads it may stop the server at once.
  let exiting = false;
  const stop = (signal: string) => {
    if (exiting) return;
    exiting = true;
    log.info('stop asked', { signal });
    void server
      .stop()
      .catch((err: unknown) => log.error('the server did not stop cleanly', err))
      .then(() => log.close())
      .then(() => process.exit(0));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  const shown =
    opts.listen === '0.0.0.0' || opts.listen === '::'
      ? (tls.names.find((n) => !/^[\d.:]+$/.test(n) && n !== 'localhost') ?? 'localhost')
      : opts.listen;
  const url = `https://${shown.includes(':') ? `[${shown}]` : shown}:${server.port}/`;
  if (opts.json) {
    io.stdout(
      JSON.stringify({
        url,
        port: server.port,
        fingerprint: tls.fingerprint,
        certificate: tls.certFile,
        data: opts.data,
        store: store.kind,
      }) + '\n',
    );
  } else {
    io.stdout(
      `SENCo Desk school server is at ${url} (HTTPS only; listening on ${opts.listen}:${server.port})\n` +
        certificateLines(tls) +
        `Data: ${store.kind === 'postgres' ? 'PostgreSQL (the connection named in the data folder or SENCO_DATABASE_URL)' : opts.data}\n` +
        `Health: ${url}health\nStop with Ctrl+C or SIGTERM (requests in flight are finished first).\n`,
    );
  }
  log.info('school server started', {
    port: server.port,
    host: opts.listen,
    fingerprint: tls.fingerprint,
    storeKind: store.kind,
    pid: process.pid,
  });
  return EXIT.ok;
}

const SERVER_HELP = `
The school server holds the records for every desk: the SQLite database (encrypted, one school) in --data, or the
PostgreSQL database named by SENCO_DATABASE_URL or --data's database.json (a trust). Only the server holds the
database key or the PostgreSQL credentials. Several server processes may run against one PostgreSQL database
behind a load balancer: sign-in sessions, lockouts and the audit trail live in the database. An encrypted SQLite
folder opens at the first sign-in (its key is wrapped by the users' passwords).

HTTPS only: with --cert and --key, the school's own certificate (PEM); without them, a self-signed certificate kept
in <data>/server (owner-only), made by \`senco-desk server init-cert\` or at the first start. Its SHA-256 fingerprint
is printed at every start: give it to desks, which pin it. Plain HTTP to the port gets no answer at all.

Endpoints: POST /api/invoke (desks), GET /health ({"status", "version", "database"}; no pupil data, no sign-in;
503 when the database is unreachable or the server is stopping).
SIGTERM or Ctrl+C: stops accepting, finishes requests in flight (up to --shutdown-timeout), closes the database.
Log (no pupil data, tokens or passwords): stderr and <data>/server/logs/main.log.
`;

export function registerServer(program: Command, io: CliIo, run: (p: Promise<number>) => Promise<void>): void {
  const server = program
    .command('server')
    .description('Run the school server: the records for every desk, over HTTPS only (see `senco-desk server --help`).')
    .option('--data <dir>', "the server's data folder (the database or database.json, the certificate, the log)", defaultDataDir(io.env))
    .option('--port <n>', `port to listen on (0 picks a free one)`, String(DEFAULT_SERVER_PORT))
    .option(
      '--listen <address>',
      'address to listen on (0.0.0.0: every IPv4 interface; :: every interface; 127.0.0.1: this computer only)',
      '0.0.0.0',
    )
    .option('--cert <file>', "the school's TLS certificate (PEM; with --key). Without: the data folder's self-signed one")
    .option('--key <file>', "the private key of --cert (PEM, unencrypted, readable by the server's account only)")
    .option(
      '--name <host...>',
      "host names and addresses a new self-signed certificate covers (default: this computer's name, localhost, 127.0.0.1, ::1)",
    )
    .option('--shutdown-timeout <seconds>', 'how long a stop waits for requests in flight', '30')
    .option('--json', 'print the address as one line of JSON: {"url", "port", "fingerprint", "certificate", "data", "store"}')
    .addHelpText('after', SERVER_HELP)
    // `server init-cert --data X`: the options after the subcommand are the subcommand's own.
    .enablePositionalOptions()
    .action((opts: ServerOptions) => run(serverCommand(opts, io)));
  server
    .command('init-cert')
    .description("Make the server's self-signed TLS certificate (if it has none) and print its SHA-256 fingerprint for desks to pin.")
    .option('--data <dir>', "the server's data folder", defaultDataDir(io.env))
    .option('--name <host...>', "host names and addresses it covers (default: this computer's name, localhost, 127.0.0.1, ::1)")
    .option('--force', 'replace the certificate it has (desks must then pin the new fingerprint)')
    .option('--json', 'print {"certificate", "fingerprint", "made", "names", "validTo"} as JSON')
    .addHelpText('after', '\nThe certificate and its key are kept in <data>/server, owner-only (0600). Credentials: none.\n')
    .action((opts: InitCertOptions) => run(Promise.resolve(initCertCommand(opts, io))));
  registerServerImport(server, io, run);
  registerServerExportSchool(server, io, run);
}
