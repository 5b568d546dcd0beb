/** `senco-desk pupils list`: every pupil (any SEN status), through `pupils.list` (an audited read, as in the app). */
import { InvalidArgumentError, Option, type Command } from 'commander';
import { PUPIL_SORT_FIELDS, type PupilRow, type PupilSortField } from '../../../shared/contract';
import { formatUkDate } from '../../../shared/dates';
import { NEED_CODES, SEN_STATUSES, YEAR_GROUPS, type NeedCode, type SenStatus, type YearGroup } from '../../../shared/domain';
import { parseYearGroup } from '../../../shared/census';
import { defaultDataDir } from '../../core/data-dir';
import { openSetUpCore, withCore } from '../data';
import { CliError, EXIT, emit, type CliIo } from '../io';
import { asCaller, credentialsHelp } from '../session';
import { table } from '../table';
import { t } from '../../../shared/i18n';

export interface ListOptions {
  readonly data: string;
  readonly json?: boolean;
  readonly search?: string;
  readonly year?: YearGroup;
  readonly status?: SenStatus;
  readonly need?: NeedCode;
  readonly former?: boolean;
  readonly sort?: PupilSortField;
  readonly limit?: number;
}

export const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 100_000;
/** The largest page `pupils.list` serves; longer lists are fetched page by page. */
const PAGE = 200;

/** A year group as people write it ("Year 7", "7", "R", "X"), read the same way as the MIS import does. */
export function parseYear(v: string): YearGroup {
  const y = parseYearGroup(v);
  if (y) return y;
  throw new InvalidArgumentError(`Use a year group: ${YEAR_GROUPS.join(', ')} (X: not following National Curriculum year groups).`);
}
export function parseStatus(v: string): SenStatus {
  const s = v.trim().toUpperCase();
  if ((SEN_STATUSES as readonly string[]).includes(s)) return s as SenStatus;
  throw new InvalidArgumentError('Use E (EHC plan), K (SEN support) or N (no SEN).');
}
export function parseNeed(v: string): NeedCode {
  const s = v.trim().toUpperCase();
  if ((NEED_CODES as readonly string[]).includes(s)) return s as NeedCode;
  throw new InvalidArgumentError(`Use a census need code: ${NEED_CODES.join(', ')}.`);
}
export function parseLimit(v: string): number {
  const n = Number(v);
  if (/^\d+$/.test(v.trim()) && n >= 1 && n <= MAX_LIMIT) return n;
  throw new InvalidArgumentError(`Use a whole number from 1 to ${MAX_LIMIT.toLocaleString('en-GB')}.`);
}

export async function pupilsListCommand(opts: ListOptions, io: CliIo): Promise<number> {
  const limit = opts.limit ?? DEFAULT_LIMIT;
  return withCore(openSetUpCore(opts.data, io), (core) =>
    asCaller(core, io, { command: 'pupils list', why: "lists pupils' records" }, async (caller) => {
      const rows: PupilRow[] = [];
      let total = 0;
      for (let page = 0; rows.length < limit; page++) {
        const pageSize = Math.min(PAGE, limit);
        const r = await caller.invoke('pupils.list', {
          ...(opts.search ? { search: opts.search } : {}),
          ...(opts.year ? { yearGroup: opts.year } : {}),
          ...(opts.status ? { senStatus: opts.status } : {}),
          ...(opts.need ? { need: opts.need } : {}),
          ...(opts.former ? { includeFormer: true } : {}),
          sort: opts.sort ?? 'name',
          page,
          pageSize,
        });
        if (!r.ok) throw new CliError(r.error.message, r.error.code === 'invalid_input' ? EXIT.usage : EXIT.refused, r.error.code);
        total = r.value.total;
        rows.push(...r.value.rows.slice(0, limit - rows.length));
        if (r.value.rows.length < pageSize) break;
      }
      emit(io, opts.json, { ok: true, total, shown: rows.length, rows }, () => {
        if (!rows.length) return `No pupils match${opts.former ? '' : ' (former pupils are left out: add --former to include them)'}.\n`;
        const body = table(
          ['UPN', 'Name', 'Year', 'Class', 'Born', 'SEN', 'Need', ''],
          rows.map((p) => [
            p.upn,
            p.name,
            p.yearGroup,
            p.className ?? '',
            formatUkDate(p.dateOfBirth),
            p.senStatus,
            p.primaryNeed ?? '',
            p.former ? 'left' : '',
          ]),
        );
        const more = rows.length < total ? ` (use --limit to see more)` : '';
        return `${body}${rows.length} of ${t('cli.counted.pupil', { count: total })}${more}.\n`;
      });
      return EXIT.ok;
    }),
  );
}

export function registerPupilsList(pupils: Command, io: CliIo, run: (p: Promise<number>) => Promise<void>): void {
  pupils
    .command('list')
    .description(
      'List pupils, sorted by name: every current pupil whatever their SEN status (--status E or K for those on the SEN register; --former adds pupils who have left).',
    )
    .option('--search <text>', 'words to find in names, UPN or class')
    .addOption(new Option('--year <group>', `year group (${YEAR_GROUPS.join(', ')})`).argParser(parseYear))
    .addOption(new Option('--status <code>', 'SEN status: E (EHC plan), K (SEN support), N (no SEN)').argParser(parseStatus))
    .addOption(new Option('--need <code>', `a need type, primary or secondary (${NEED_CODES.join(', ')})`).argParser(parseNeed))
    .option('--former', 'include former pupils (who have left)')
    .addOption(new Option('--sort <field>', 'sort order').choices(PUPIL_SORT_FIELDS).default('name'))
    .addOption(
      new Option('--limit <n>', `at most this many rows (1 to ${MAX_LIMIT.toLocaleString('en-GB')})`)
        .argParser(parseLimit)
        .default(DEFAULT_LIMIT),
    )
    .option('--data <dir>', 'data folder', defaultDataDir(io.env))
    .option('--json', 'print {total, shown, rows} as JSON')
    .addHelpText('after', credentialsHelp('user'))
    .action((opts: ListOptions) => run(pupilsListCommand(opts, io)));
}
