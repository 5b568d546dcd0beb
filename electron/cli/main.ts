/**
 * `senco-desk`: the admin CLI for school IT and scripts, on the same core as the app.
 * Every command takes --data DIR and --json, and exits non-zero with a clear message on bad input.
 */
import { Command } from 'commander';
import { join } from 'node:path';
import { defaultDataDir } from '../core/data-dir';
import { openCoreAt } from '../core/core';
import { startTestHost } from '../test-host/server';

const program = new Command();
program
  .name('senco-desk')
  .description('SENCo Desk admin CLI: set up a data folder, fill it with demo data, import pupils, run the browser edition.')
  .showHelpAfterError();

program
  .command('serve')
  .description('Serve the app to a browser on 127.0.0.1 (the loopback test host), for machines without a display for Electron.')
  .option('--data <dir>', 'data folder', defaultDataDir())
  .option('--port <n>', 'port on 127.0.0.1 (0 picks a free one)', '0')
  .option('--json', 'print the address as JSON')
  .action(async (opts: { data: string; port: string; json?: boolean }) => {
    const port = Number(opts.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      process.stderr.write(`--port must be a whole number from 0 to 65535, not "${opts.port}".\n`);
      process.exit(2);
    }
    const core = await openCoreAt(opts.data);
    const host = await startTestHost({
      dispatcher: core.dispatcher,
      rendererDir: join(__dirname, '..', 'renderer'),
      port,
    });
    if (opts.json) process.stdout.write(JSON.stringify({ url: host.url, port: host.port, data: opts.data }) + '\n');
    else process.stdout.write(`SENCo Desk (browser edition) is at ${host.url}\nData folder: ${opts.data}\nPress Ctrl+C to stop.\n`);
    const stop = async () => {
      await host.close();
      await core.close();
      process.exit(0);
    };
    process.on('SIGINT', () => void stop());
    process.on('SIGTERM', () => void stop());
  });

program.parseAsync(process.argv).catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
