/**
 * `senco-desk pupils import FILE.csv`: an MIS export into the register. The CLI reads the CSV; the
 * `pupils.import` operation matches headers, validates every row, writes the good ones in one transaction and
 * updates by UPN. Exit 0 when every row was imported, 1 when any row was rejected, 2 for usage errors.
 * Warnings (a year group that does not fit the date of birth) are listed per row; those rows were imported as
 * given, so they do not change the exit status.
 */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { ImportRejection, ImportWarning } from '../../../shared/contract';
import { defaultDataDir } from '../../core/data-dir';
import { parsePupilCsv } from '../csv';
import { openSetUpCore, withCore } from '../data';
import { CliError, EXIT, emit, type CliIo } from '../io';
import { asCaller, credentialsHelp } from '../session';
import { t } from '../../../shared/i18n';

export interface ImportOptions {
  readonly data: string;
  readonly json?: boolean;
}

/** "line 7, Date of birth: "31/02/2015" is not a date: use dd/mm/yyyy." (warnings read the same way) */
export function describeRejection(r: ImportRejection | ImportWarning): string {
  return `line ${r.line}${r.field ? `, ${r.field}` : ''}: ${r.reason}`;
}

/** Reads a file named on the command line, with plain reasons for the usual failures (exit 2). */
export async function readInputFile(file: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'there is no such file'
        : code === 'EISDIR'
          ? 'it is a folder'
          : code === 'EACCES' || code === 'EPERM'
            ? 'permission denied'
            : (err as Error).message;
    throw new CliError(`Cannot read ${file}: ${why}.`, EXIT.usage, 'bad_file');
  }
}

export async function pupilsImportCommand(file: string, opts: ImportOptions, io: CliIo): Promise<number> {
  const csv = parsePupilCsv(await readInputFile(file), file);
  return withCore(openSetUpCore(opts.data, io), (core) =>
    asCaller(core, io, { command: 'pupils import', why: "changes pupils' records" }, async (caller) => {
      const r = await caller.invoke('pupils.import', { rows: [...csv.rows] });
      if (!r.ok) throw new CliError(`The import was not done: ${r.error.message}`, EXIT.refused, r.error.code);
      const rejected = [...csv.rejected, ...r.value.rejected].sort((a, b) => a.line - b.line);
      const report = { ...r.value, rejected };
      const rowCount = csv.rows.length + csv.rejected.length;
      emit(io, opts.json, { ok: rejected.length === 0, file, rows: rowCount, ...report }, () => {
        const warnings = report.warnings;
        const head =
          `${file}: ${t('cli.counted.row', { count: rowCount })}; ${report.created} created, ${report.updated} updated, ` +
          `${report.unchanged} unchanged, ${rejected.length} rejected` +
          (warnings.length ? `, ${warnings.length} to check` : '') +
          '.\n';
        const rejectedText = rejected.length
          ? `Rejected rows (nothing from them was imported; correct them and import the file again):\n${rejected.map((x) => `  ${describeRejection(x)}`).join('\n')}\n`
          : '';
        const warningText = warnings.length
          ? `Rows to check (imported as given; change them in the MIS or in SENCo Desk if they are wrong):\n${warnings.map((x) => `  ${describeRejection(x)}`).join('\n')}\n`
          : '';
        return head + rejectedText + warningText;
      });
      return rejected.length ? EXIT.refused : EXIT.ok;
    }),
  );
}

export function registerPupilsImport(pupils: Command, io: CliIo, run: (p: Promise<number>) => Promise<void>): void {
  pupils
    .command('import')
    .description('Import or update pupils from an MIS export (CSV). Good rows are imported together; each bad row is reported.')
    .argument('<file>', 'the CSV file: a header row, then one row per pupil')
    .option('--data <dir>', 'data folder', defaultDataDir(io.env))
    .option('--json', 'print the report as one JSON document')
    .addHelpText(
      'after',
      '\nColumns are matched by header name, ignoring case, spaces and punctuation: UPN, Forename/Legal forename,\n' +
        'Surname/Legal surname, Date of birth/DOB (dd/mm/yyyy or yyyy-mm-dd), Year group/NC year (N1, N2, R, 1-14,\n' +
        'or X for pupils not following National Curriculum year groups), and optionally Preferred forename,\n' +
        'Preferred surname, Class/Reg group, SEN status/SEN provision (E, K, N), Primary need, Secondary need\n' +
        '(census codes), Date joined/Admission date.\n' +
        'A pupil already on record (same UPN) is updated, never duplicated.\n\n' +
        'Census rules: E and K pupils need a primary need; N pupils have none; NSA only for K pupils, with no\n' +
        'secondary need. A row breaking them is rejected. A year group that does not fit the date of birth (the\n' +
        'school year starts on 1 September; X never does) is imported as given and listed under "Rows to check";\n' +
        'rows to check do not change the exit status.\n\n' +
        'Exit status: 0 every row imported; 1 one or more rows rejected (the others were imported);\n' +
        '2 usage error or unreadable file (nothing imported).\n',
    )
    .addHelpText('after', credentialsHelp('user'))
    .action((file: string, opts: ImportOptions) => run(pupilsImportCommand(file, opts, io)));
}
