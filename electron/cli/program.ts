/**
 * The command tree and its one error policy. `runCli` never calls process.exit and never lets a stack trace
 * reach the user: it returns the exit code, so the tests can run commands in-process and main.ts sets it.
 */
import { Command, CommanderError } from 'commander';
import { registerAudit } from './commands/audit';
import { registerBackup } from './commands/backup';
import { registerBands } from './commands/bands';
import { registerCalendarExport } from './commands/calendar-export';
import { registerCalendarImport } from './commands/calendar-import';
import { registerClocks } from './commands/clocks';
import { registerDemo } from './commands/demo';
import { registerInit } from './commands/init';
import { registerPupilsImport } from './commands/pupils-import';
import { registerPupilsList } from './commands/pupils-list';
import { registerRegisterExport } from './commands/register-export';
import { registerRestore } from './commands/restore';
import { registerReviewPack } from './commands/review-pack';
import { registerPassport } from './commands/passport';
import { registerProvisionMap } from './commands/provision-map';
import { registerExport } from './commands/export';
import { registerServe } from './commands/serve';
import { registerServer } from './commands/server';
import { registerTrust } from './commands/trust';
import { CliError, EXIT, type CliIo } from './io';

const EPILOGUE = `
Every command takes --data DIR (default: the app's own data folder, or SENCO_DATA_DIR) and --json
(machine-readable output: one JSON document on standard output; on failure {"ok": false, "error": {...}}).

Environment:
  SENCO_DATA_DIR       the data folder when --data is not given
  SENCO_DATABASE_URL   use this PostgreSQL database instead of the SQLite file in the data folder
  SENCO_USERNAME       with SENCO_PASSWORD: who is signing in. Every command that reads or changes records runs as
                       that user, with their role and the pupils they may see (as in the app; the audit trail names
                       them), and refuses to run without them. They also open an encrypted data folder.
  SENCO_PASSWORD       that user's password; for init the new SENCo's password (else read from standard input), and
                       for demo the demo users' password
  SENCO_RECOVERY_KEY   the recovery key printed at setup: opens an encrypted data folder, but names no one, so on its
                       own only backup, restore and audit verify run with it (school IT)
  SENCO_ENCRYPT=0      leave a new data folder unencrypted (tests and diagnostics only). Without it, init and
                       demo make an encrypted folder, and an earlier version's unencrypted folder is encrypted in
                       place when a SENCo opens it

Exit status: 0 done; 1 refused or partly done (already set up, not set up yet, rows rejected; clocks
--fail-on-overdue with items overdue; bands --fail-on-flagged with pupils flagged; review-pack with no pupil
by that UPN or no review to print; audit verify with the audit trail broken); 2 usage error (unknown flag,
bad value, unreadable file, no password, an output file that exists without --force, no practitioner or
several by the name given).
`;

export function buildProgram(io: CliIo, run: (p: Promise<number>) => Promise<void>): Command {
  const program = new Command();
  program
    .name('senco-desk')
    .description(
      'SENCo Desk admin CLI: set up a data folder, fill it with demo data, import and list pupils, export the SEN register, ' +
        'list statutory deadlines, show the therapy band distribution, import the school calendar, export therapy sessions for Outlook, ' +
        "print a pupil's review pack or one-page passport, print the costed provision map, export a pupil's record encrypted for an agency, check the audit trail, back up and restore the database, run the browser edition, run the school server (HTTPS).",
    )
    // Set before the commands are added: subcommands copy these settings when created.
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError('(add --help for the options)')
    // Options belong to the command they follow (`server init-cert --data X` is init-cert's --data, not server's).
    .enablePositionalOptions()
    .addHelpText('after', EPILOGUE);
  registerInit(program, io, run);
  registerDemo(program, io, run);
  const pupils = program.command('pupils').description('Pupil records: import an MIS export, list pupils.');
  registerPupilsImport(pupils, io, run);
  registerPupilsList(pupils, io, run);
  const register = program.command('register').description('The SEN register: export it as CSV.');
  registerRegisterExport(register, io, run);
  registerClocks(program, io, run);
  registerBands(program, io, run);
  const calendar = program
    .command('calendar')
    .description('The school calendar: import term dates, INSET days and bank holidays; export therapy sessions as iCalendar.');
  registerCalendarImport(calendar, io, run);
  registerCalendarExport(calendar, io, run);
  registerReviewPack(program, io, run);
  registerPassport(program, io, run);
  registerProvisionMap(program, io, run);
  registerExport(program, io, run);
  registerAudit(program, io, run);
  registerBackup(program, io, run);
  registerRestore(program, io, run);
  registerServe(program, io, run);
  registerServer(program, io, run);
  registerTrust(program, io, run);
  return program;
}

function reportFailure(io: CliIo, json: boolean, code: string, message: string): void {
  if (json) io.stdout(JSON.stringify({ ok: false, error: { code, message } }, null, 2) + '\n');
  io.stderr(`senco-desk: ${message}\n`);
}

/** Runs the CLI on `argv` (without "node" and the script) and returns the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let exitCode: number = EXIT.ok;
  const run = async (p: Promise<number>) => {
    exitCode = await p;
  };
  const json = argv.includes('--json');
  try {
    await buildProgram(io, run).parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (err) {
    if (err instanceof CliError) {
      reportFailure(io, json, err.code, err.message);
      return err.exitCode;
    }
    if (err instanceof CommanderError) {
      // --help and --version end here too, successfully; commander has already printed its own message.
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.exitCode === 0) return EXIT.ok;
      if (json)
        io.stdout(JSON.stringify({ ok: false, error: { code: 'usage', message: err.message.replace(/^error: /, '') } }, null, 2) + '\n');
      return EXIT.usage;
    }
    const message = err instanceof Error ? err.message : String(err);
    reportFailure(io, json, 'internal', `something went wrong: ${message}`);
    if (io.env.SENCO_DEBUG && err instanceof Error && err.stack) io.stderr(err.stack + '\n');
    return EXIT.refused;
  }
}
