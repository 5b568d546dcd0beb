/**
 * `senco-desk`: the admin CLI for school IT and scripts, on the same core as the app (bundled into
 * dist/node/cli.cjs; bin/senco-desk.cjs loads it). The commands live in ./commands, one module each;
 * ./program.ts holds the command tree and the exit-code policy.
 */
import { processIo } from './io';
import { runCli } from './program';

// Output piped into `head` and the like: a closed pipe ends the command quietly rather than with a stack trace.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

void runCli(process.argv.slice(2), processIo()).then((code) => {
  // exitCode rather than exit(): `serve` keeps running after its action returns, and output is flushed first.
  process.exitCode = code;
});
