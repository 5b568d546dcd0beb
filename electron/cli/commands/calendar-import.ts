/**
 * `senco-desk calendar import FILE.csv`: term dates, INSET days, bank holidays and other closures from a CSV,
 * through `calendar.import`. A calendar must be complete to be trusted, so a file with any bad row imports
 * nothing; each academic year in the file replaces that year's terms and closure days. The calendar is the
 * signed-in user's school's (on a trust's server each school has its own: migration 0017).
 */
import type { Command } from 'commander';
import { defaultDataDir } from '../../core/data-dir';
import { decodeText } from '../csv';
import { openSetUpCore, withCore } from '../data';
import { CliError, EXIT, emit, type CliIo } from '../io';
import { asCaller, credentialsHelp } from '../session';
import { readInputFile } from './pupils-import';
import { t } from '../../../shared/i18n';

export interface CalendarImportOptions {
  readonly data: string;
  readonly dryRun?: boolean;
  readonly json?: boolean;
}

/** The most `calendar.import` takes in one go (shared/contract/clocks.ts). */
const MAX_CHARS = 50_000;

export async function calendarImportCommand(file: string, opts: CalendarImportOptions, io: CliIo): Promise<number> {
  const text = decodeText(await readInputFile(file));
  if (text.length > MAX_CHARS) {
    throw new CliError(
      `${file} is ${text.length.toLocaleString('en-GB')} characters long; a calendar file can be at most ${MAX_CHARS.toLocaleString('en-GB')}. Import one or two years at a time.`,
      EXIT.usage,
      'bad_file',
    );
  }
  return withCore(openSetUpCore(opts.data, io), (core) =>
    asCaller(
      core,
      io,
      { command: 'calendar import', why: "changes your school's calendar, which its pupils' deadlines are counted on" },
      async (caller) => {
        const r = await caller.invoke('calendar.import', { csv: text, ...(opts.dryRun ? { dryRun: true } : {}) });
        if (!r.ok)
          throw new CliError(
            `${file}: ${r.error.message} Nothing was imported.`,
            r.error.code === 'invalid_input' ? EXIT.usage : EXIT.refused,
            r.error.code,
          );
        const { years, terms, days, rejected } = r.value;
        const imported = rejected.length === 0 && !opts.dryRun;
        emit(
          io,
          opts.json,
          { ok: rejected.length === 0, file, dryRun: opts.dryRun === true, imported, years, terms, days, rejected },
          () => {
            const what = `${t('cli.counted.term', { count: terms })} and ${t('cli.counted.closureDay', { count: days })}${years.length ? ` for ${years.join(', ')}` : ''}`;
            if (rejected.length) {
              return (
                `${file}: nothing was imported: ${t('cli.counted.rowHas', { count: rejected.length })} a problem (correct ${t('cli.agree.itThem', { count: rejected.length })} and import the file again):\n` +
                rejected.map((x) => `  line ${x.line}: ${x.reason}`).join('\n') +
                '\n'
              );
            }
            if (opts.dryRun)
              return `${file}: checked, nothing imported (--dry-run): it holds ${what}. Importing it replaces those years' calendars.\n`;
            return `${file}: imported ${what}.\n`;
          },
        );
        return rejected.length ? EXIT.refused : EXIT.ok;
      },
    ),
  );
}

export function registerCalendarImport(calendar: Command, io: CliIo, run: (p: Promise<number>) => Promise<void>): void {
  calendar
    .command('import')
    .description('Import term dates, INSET days and bank holidays from a CSV file (each year in the file replaces that year).')
    .argument('<file>', 'the CSV file: a header row Type,Name,Start,End, then one row per term or closure')
    .option('--dry-run', 'check the file and report what it holds, without importing')
    .option('--data <dir>', 'data folder', defaultDataDir(io.env))
    .option('--json', 'print the report as one JSON document')
    .addHelpText(
      'after',
      '\nType is Term, INSET, Bank holiday or Closure. For a term, Name is the half term (Autumn 1 ... Summer 2);\n' +
        'dates are dd/mm/yyyy or yyyy-mm-dd; End may be empty for a single day; a range of closure days counts its weekdays.\n' +
        'Example:\n  Type,Name,Start,End\n  Term,Autumn 1,02/09/2026,23/10/2026\n  INSET,Staff training,02/09/2026,\n\n' +
        "On a trust's server holding several schools, the calendar imported is the signed-in user's school's; the other\n" +
        "schools' term dates and closures are not changed.\n\n" +
        'Exit status: 0 imported (or checked, with --dry-run); 1 a row was rejected (nothing imported) or the folder is not\n' +
        'set up; 2 usage error, or a file that cannot be read.\n',
    )
    .addHelpText('after', credentialsHelp('user'))
    .action((file: string, opts: CalendarImportOptions) => run(calendarImportCommand(file, opts, io)));
}
