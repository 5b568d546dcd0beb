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

export interface ServeOptions {
  readonly data: string;
  readonly port: string;
  readonly json?: boolean;
}

export async function serveCommand(opts: ServeOptions, io: CliIo): Promise<number> {
  const port = Number(opts.port);
  if (!/^\d+$/.test(opts.port) || !Number.isInteger(port) || port < 0 || port > 65535) {
    throw new CliError(`--port must be a whole number from 0 to 65535, not "${opts.port}".`, EXIT.usage);
  }
  // The core in its worker thread (electron/core/host), behind the gate: an encrypted folder opens when someone signs
  // in in the browser. The worker entry is bundled beside this file (dist/node/core-worker.cjs).
  let core: CoreHost;
  try {
    core = await CoreHost.start({ dataDir: opts.data, env: io.env, workerFile: join(__dirname, 'core-worker.cjs') });
  } catch (err) {
    const code = err instanceof CoreHostError ? err.code : undefined;
    // A keyring's refusal (its own code and message) as the CLI's other commands give it (cli/data.ts openGate).
    if (err instanceof CoreHostError && err.name === 'KeyringError') throw new CliError(err.message, EXIT.refused, code);
    throw new CliError(`Could not open the SENCo Desk data in ${opts.data}: ${err instanceof Error ? err.message : String(err)}`, EXIT.refused, 'open_failed');
  }
  // A core that stops is started again on the same folder (the pending calls have failed with a plain message).
  core.onGone((gone) => {
    io.stderr(`The records engine stopped (exit code ${String(gone.exitCode)}); starting it again.\n`);
    core.restart().catch((err: unknown) => io.stderr(`The records engine could not be started again: ${err instanceof Error ? err.message : String(err)}\n`));
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

export function registerServe(program: Command, io: CliIo, run: (p: Promise<number>) => Promise<void>): void {
  program
    .command('serve')
    .description('Serve the app to a browser on 127.0.0.1 (the loopback test host), for machines without a display for Electron.')
    .option('--data <dir>', 'data folder', defaultDataDir(io.env))
    .option('--port <n>', 'port on 127.0.0.1 (0 picks a free one)', '0')
    .option('--json', 'print the address as one line of JSON: {"url", "port", "data"}')
    .addHelpText('after', credentialsHelp('browser'))
    .action((opts: ServeOptions) => run(serveCommand(opts, io)));
}
