/**
 * `senco-desk register export --out FILE.csv`: the SEN register (pupils with status E or K) as CSV, through
 * `register.export` (the same file the app exports, and an audited read). The file is written atomically and an
 * existing file is never replaced without --force.
 */
import { InvalidArgumentError, Option, type Command } from 'commander';
import { NEED_CODES, YEAR_GROUPS, type NeedCode, type YearGroup } from '../../../shared/domain';
import { defaultDataDir } from '../../core/data-dir';
import { openSetUpCore, withCore } from '../data';
import { checkOutputPath, writeFileAtomic } from '../files';
import { CliError, EXIT, emit, type CliIo } from '../io';
import { asCaller, credentialsHelp } from '../session';
import { parseNeed, parseYear } from './pupils-list';
import { t } from '../../../shared/i18n';

export interface RegisterExportOptions {
  readonly data: string;
  readonly out: string;
  readonly force?: boolean;
  readonly json?: boolean;
  readonly status?: 'E' | 'K';
  readonly year?: YearGroup;
  readonly need?: NeedCode;
  readonly class?: string;
  readonly former?: boolean;
}

export function parseRegisterStatus(v: string): 'E' | 'K' {
  const s = v.trim().toUpperCase();
  if (s === 'E' || s === 'K') return s;
  throw new InvalidArgumentError('Use E (EHC plan) or K (SEN support): the register holds no other pupils.');
}

export async function registerExportCommand(opts: RegisterExportOptions, io: CliIo): Promise<number> {
  if (!opts.out.trim()) throw new CliError('--out needs a file name, such as register.csv.');
  // Before opening the data: a name already taken is refused without reading anything.
  checkOutputPath(opts.out, opts.force === true);
  return withCore(openSetUpCore(opts.data, io), (core) =>
    asCaller(core, io, { command: 'register export', why: "exports pupils' records" }, async (caller) => {
      const r = await caller.invoke('register.export', {
        ...(opts.status ? { senStatus: opts.status } : {}),
        ...(opts.year ? { yearGroup: opts.year } : {}),
        ...(opts.need ? { need: opts.need } : {}),
        ...(opts.class ? { className: opts.class } : {}),
        ...(opts.former ? { includeFormer: true } : {}),
      });
      if (!r.ok) throw new CliError(r.error.message, r.error.code === 'invalid_input' ? EXIT.usage : EXIT.refused, r.error.code);
      writeFileAtomic(opts.out, r.value.csv, opts.force === true);
      const rows = r.value.rows;
      emit(
        io,
        opts.json,
        { ok: true, file: opts.out, rows },
        () => `Wrote ${t('cli.counted.pupil', { count: rows })} on the SEN register to ${opts.out}.\n`,
      );
      return EXIT.ok;
    }),
  );
}

export function registerRegisterExport(register: Command, io: CliIo, run: (p: Promise<number>) => Promise<void>): void {
  register
    .command('export')
    .description('Write the SEN register (pupils with an EHC plan or on SEN support) to a CSV file.')
    .requiredOption('--out <file>', 'the CSV file to write (refused if it exists, unless --force)')
    .option('--force', 'replace the file if it exists')
    .addOption(new Option('--status <code>', 'only E (EHC plan) or K (SEN support)').argParser(parseRegisterStatus))
    .addOption(new Option('--year <group>', `only this year group (${YEAR_GROUPS.join(', ')})`).argParser(parseYear))
    .addOption(
      new Option('--need <code>', `only pupils with this need, primary or secondary (${NEED_CODES.join(', ')})`).argParser(parseNeed),
    )
    .option('--class <name>', 'only this class or registration group (any case)')
    .option('--former', 'include former pupils (who have left)')
    .option('--data <dir>', 'data folder', defaultDataDir(io.env))
    .option('--json', 'print {ok, file, rows} as JSON')
    .addHelpText(
      'after',
      '\nColumns: UPN, legal surname and forename, preferred name, date of birth, year group, class, SEN status and the\n' +
        'date it started, primary and secondary need, date left. Dates are dd/mm/yyyy; a value starting with = + - @ is\n' +
        "prefixed with ' so a spreadsheet does not run it as a formula.\n" +
        'The file is written to a temporary file in the same folder and renamed when complete, so it is never left half\n' +
        'written; it is readable by your account only. It holds special category data (UK GDPR Article 9): keep it safe.\n\n' +
        'Exit status: 0 written; 1 not set up or could not write; 2 usage error, or the file exists (without --force).\n',
    )
    .addHelpText('after', credentialsHelp('user'))
    .action((opts: RegisterExportOptions) => run(registerExportCommand(opts, io)));
}
