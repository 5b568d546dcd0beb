/**
 * `senco-desk serve`: the app in a browser through the loopback test host, for machines without a display for
 * Electron and for the end-to-end tests (their global setup reads the first stdout line: JSON with url and port).
 */
import { join } from 'node:path';
import type { Command } from 'commander';
import { defaultDataDir } from '../../core/data-dir';
import { CoreHost, CoreHostError } from '../../core/host/core-host';
import { startTestHost } from '../../test-host/server';
import { CliError, EXIT, type CliIo } from '../io';
import { credentialsHelp } from '../session';
import { ConnectedDesk } from '../../connect/connected-desk';
import { parseFingerprint, parseServerAddress } from '../../connect/pinned';

export interface ServeOptions {
  readonly data: string;
  readonly port: string;
  readonly json?: boolean;
  /** A school server to connect to (issue 16): the browser edition as a connected desk. */
  readonly server?: string;
  readonly fingerprint?: string;
}

export async function serveCommand(opts: ServeOptions, io: CliIo): Promise<number> {
  const port = Number(opts.port);
  if (!/^\d+$/.test(opts.port) || !Number.isInteger(port) || port < 0 || port > 65535) {
    throw new CliError(`--port must be a whole number from 0 to 65535, not "${opts.port}".`, EXIT.usage);
  }
  if (opts.server !== undefined || opts.fingerprint !== undefined) return serveConnected(opts, port, io);
  // The core in its worker thread (electron/core/host), behind the gate: an encrypted folder opens when someone signs
  // in in the browser. The worker entry is bundled beside this file (dist/node/core-worker.cjs).
  let core: CoreHost;
  try {
    core = await CoreHost.start({ dataDir: opts.data, env: io.env, workerFile: join(__dirname, 'core-worker.cjs') });
  } catch (err) {
    const code = err instanceof CoreHostError ? err.code : undefined;
    // A keyring's refusal (its own code and message) as the CLI's other commands give it (cli/data.ts openGate).
    if (err instanceof CoreHostError && err.name === 'KeyringError') throw new CliError(err.message, EXIT.refused, code);
    throw new CliError(
      `Could not open the SENCo Desk data in ${opts.data}: ${err instanceof Error ? err.message : String(err)}`,
      EXIT.refused,
      'open_failed',
    );
  }
  // A core that stops is started again on the same folder (the pending calls have failed with a plain message).
  core.onGone((gone) => {
    io.stderr(`The records engine stopped (exit code ${String(gone.exitCode)}); starting it again.\n`);
    core
      .restart()
      .catch((err: unknown) =>
        io.stderr(`The records engine could not be started again: ${err instanceof Error ? err.message : String(err)}\n`),
      );
  });
  const host = await startTestHost({
    dispatcher: core,
    longWork: core,
    // The bundle runs from dist/node; the renderer is built into dist/renderer.
    rendererDir: join(__dirname, '..', 'renderer'),
    port,
  });
  // One line of compact JSON: the e2e global setup reads the first line.
  if (opts.json) io.stdout(JSON.stringify({ url: host.url, port: host.port, data: opts.data }) + '\n');
  else io.stdout(`SENCo Desk (browser edition) is at ${host.url}\nData folder: ${opts.data}\nPress Ctrl+C to stop.\n`);
  const stop = async () => {
    await host.close();
    await core.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  return EXIT.ok;
}

/**
 * The browser edition as a desk connected to a school server: no database here at all (only the desk's encrypted
 * replicas, one per user who signs in), every operation through the server's dispatcher, offline work from the replica.
 */
async function serveConnected(opts: ServeOptions, port: number, io: CliIo): Promise<number> {
  const address = opts.server === undefined ? null : parseServerAddress(opts.server);
  if (!address)
    throw new CliError(
      '--server must be the school server’s address, such as https://senco-server.school.local:8443 (https, with --fingerprint).',
      EXIT.usage,
    );
  const fingerprint = opts.fingerprint === undefined ? null : parseFingerprint(opts.fingerprint);
  if (!fingerprint)
    throw new CliError(
      '--fingerprint must be the school server’s certificate fingerprint as `senco-desk server` printed it (64 hexadecimal digits; colons may be left in).',
      EXIT.usage,
    );
  const desk = new ConnectedDesk({
    server: address.origin,
    fingerprint,
    dataDir: opts.data,
    log: (message, detail) => io.stderr(`${message}${detail ? ` ${JSON.stringify(detail)}` : ''}\n`),
  }).start();
  const host = await startTestHost({ dispatcher: desk, longWork: desk, rendererDir: join(__dirname, '..', 'renderer'), port });
  if (opts.json) io.stdout(JSON.stringify({ url: host.url, port: host.port, data: opts.data, server: address.origin }) + '\n');
  else
    io.stdout(
      `SENCo Desk (browser edition, connected to ${address.origin}) is at ${host.url}\nData folder: ${opts.data}\nPress Ctrl+C to stop.\n`,
    );
  const stop = async () => {
    await host.close();
    await desk.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  return EXIT.ok;
}

export function registerServe(program: Command, io: CliIo, run: (p: Promise<number>) => Promise<void>): void {
  program
    .command('serve')
    .description('Serve the app to a browser on 127.0.0.1 (the loopback test host), for machines without a display for Electron.')
    .option('--data <dir>', 'data folder', defaultDataDir(io.env))
    .option('--port <n>', 'port on 127.0.0.1 (0 picks a free one)', '0')
    .option('--json', 'print the address as one line of JSON: {"url", "port", "data"} (and "server" when connected)')
    .option(
      '--server <url>',
      'connect to a school server (https://name:port) instead of a database here: a connected desk, which keeps working offline',
    )
    .option(
      '--fingerprint <sha256>',
      'the school server’s certificate fingerprint (as `senco-desk server` prints it); required with --server',
    )
    .addHelpText('after', credentialsHelp('browser'))
    .action((opts: ServeOptions) => run(serveCommand(opts, io)));
}
