/**
 * `senco-desk clocks`: every statutory and policy deadline that is overdue, due this week or coming up, through
 * `clocks.list` (the dashboard's own query), for a morning e-mail or a report. Exit 0 when listed; with
 * --fail-on-overdue, 1 when anything is overdue (so a scheduled task can raise an alert).
 */
import { InvalidArgumentError, Option, type Command } from 'commander';
import type { ClockItemView, ClockList } from '../../../shared/contract';
import type { Result } from '../../../shared/result';
import { CLOCK_STATES, type ClockState } from '../../../shared/clock-types';
import { formatUkDate } from '../../../shared/dates';
import { daysBetween } from '../../../shared/date-only';
import { clockNotes } from '../../../shared/clock-notes';
import { t, yearGroupLabel } from '../../../shared/i18n';
import { YEAR_GROUPS, type YearGroup } from '../../../shared/domain';
import { defaultDataDir } from '../../core/data-dir';
import { openSetUpCore, withCore } from '../data';
import { CliError, EXIT, emit, type CliIo } from '../io';
import { asCaller, credentialsHelp } from '../session';
import { table } from '../table';
import { parseYear } from './pupils-list';

export interface ClocksOptions {
  readonly data: string;
  readonly json?: boolean;
  readonly state?: readonly ClockState[];
  readonly la?: string;
  readonly year?: YearGroup;
  readonly includeDone?: boolean;
  readonly failOnOverdue?: boolean;
}

/** Without --state: everything not done, most urgent first (the dashboard's list). */
export const DEFAULT_STATES: readonly ClockState[] = ['overdue', 'due_this_week', 'upcoming'];

export function parseStates(v: string): ClockState[] {
  const parts = v
    .split(',')
    .map((s) =>
      s
        .trim()
        .toLowerCase()
        .replace(/[\s-]+/g, '_'),
    )
    .filter(Boolean);
  const bad = parts.filter((s) => !(CLOCK_STATES as readonly string[]).includes(s));
  if (!parts.length || bad.length) {
    throw new InvalidArgumentError(
      `${bad.length ? `"${bad.join('", "')}" ${t('cli.agree.isAre', { count: bad.length })} not a state. ` : ''}Use one or more of ${CLOCK_STATES.join(', ')}, separated by commas.`,
    );
  }
  return [...new Set(parts as ClockState[])];
}

/** "12 days overdue", "due today", "in 3 days", "done 01/10/2026". */
export function describeWhen(item: Pick<ClockItemView, 'state' | 'dueDate' | 'doneDate'>, today: string): string {
  if (item.state === 'done') return `done ${formatUkDate(item.doneDate)}`;
  const d = daysBetween(today, item.dueDate);
  if (d < 0) return `${-d} day${d === -1 ? '' : 's'} overdue`;
  if (d === 0) return 'due today';
  return `in ${t('cli.counted.day', { count: d })}`;
}

/**
 * The local authority as written on the records, from what was typed: the same name in any case, or the only one
 * it begins ("northwold" finds "Northwold (fictional)"). Unknown or ambiguous names are usage errors naming the choices.
 */
async function resolveLa(typed: string, list: () => Promise<Result<ClockList>>): Promise<string> {
  const r = await list();
  if (!r.ok) throw new CliError(r.error.message, EXIT.refused, r.error.code);
  const known = r.value.localAuthorities;
  const want = typed.trim().toLowerCase();
  const exact = known.find((k) => k.toLowerCase() === want);
  if (exact) return exact;
  const starts = known.filter((k) => k.toLowerCase().startsWith(want));
  if (starts.length === 1) return starts[0]!;
  const choices = (starts.length > 1 ? starts : known).map((k) => `"${k}"`).join(', ');
  throw new CliError(
    starts.length > 1
      ? `--la "${typed}" matches more than one local authority: ${choices}.`
      : known.length
        ? `No deadlines are kept for a local authority called "${typed}". Those on record: ${choices}.`
        : `No deadlines are kept for a local authority called "${typed}": there are no deadlines on record yet.`,
    EXIT.usage,
  );
}

export async function clocksCommand(opts: ClocksOptions, io: CliIo): Promise<number> {
  const states = [...(opts.state ?? DEFAULT_STATES)];
  if (opts.includeDone && !states.includes('done')) states.push('done');
  return withCore(openSetUpCore(opts.data, io), (core) =>
    asCaller(core, io, { command: 'clocks', why: "lists pupils' statutory deadlines" }, async (caller) => {
      const la = opts.la ? await resolveLa(opts.la, () => caller.invoke('clocks.list', { states: [] })) : undefined;
      const r = await caller.invoke('clocks.list', {
        ...(la ? { localAuthority: la } : {}),
        ...(opts.year ? { yearGroup: opts.year } : {}),
        states,
      });
      if (!r.ok) throw new CliError(r.error.message, r.error.code === 'invalid_input' ? EXIT.usage : EXIT.refused, r.error.code);
      const { today, counts, items } = r.value;
      emit(io, opts.json, { ok: true, today, counts, items }, () => {
        const head =
          `Clocks on ${formatUkDate(today)}${la ? `, ${la}` : ''}${opts.year ? `, ${yearGroupLabel(opts.year)}` : ''}: ` +
          `${counts.overdue} overdue, ${counts.due_this_week} due this week, ${counts.upcoming} upcoming` +
          (opts.includeDone || states.includes('done') ? `, ${counts.done} done` : '') +
          '.\n';
        if (!items.length)
          return `${head}Nothing to show${states.length < CLOCK_STATES.length ? ` (showing: ${states.map((s) => t(`clocks.states.${s}`).toLowerCase()).join(', ')})` : ''}.\n`;
        // A Note column when any item carries one: the phase transfer a clock runs on, a review brought forward
        // for one, or a date moved off a day the school is closed.
        const notes = items.map((i) => clockNotes(i).join(' '));
        const withNotes = notes.some(Boolean);
        const body = table(
          ['State', 'Due', 'When', 'Clock', 'Pupil', 'Year', 'LA', 'Owner', ...(withNotes ? ['Note'] : [])],
          items.map((i, n) => [
            t(`clocks.states.${i.state}`),
            formatUkDate(i.dueDate),
            describeWhen(i, today),
            t(`clocks.keys.${i.key}.label`),
            i.pupilName,
            yearGroupLabel(i.yearGroup),
            i.localAuthority,
            i.ownerName ?? '',
            ...(withNotes ? [notes[n]!] : []),
          ]),
        );
        return `${head}\n${body}${t('cli.counted.item', { count: items.length })}.\n`;
      });
      if (opts.failOnOverdue && counts.overdue > 0) {
        io.stderr(`senco-desk: ${t('cli.counted.itemIs', { count: counts.overdue })} overdue.\n`);
        return EXIT.refused;
      }
      return EXIT.ok;
    }),
  );
}

export function registerClocks(program: Command, io: CliIo, run: (p: Promise<number>) => Promise<void>): void {
  program
    .command('clocks')
    .description(
      'List statutory and policy deadlines (EHC plan reviews, assessments, phase transfers, needs identified) that are overdue, due this week or coming up.',
    )
    .addOption(
      new Option('--state <list>', `states to list, comma-separated: ${CLOCK_STATES.join(', ')} (default: everything not done)`).argParser(
        parseStates,
      ),
    )
    .option('--la <name>', 'only this local authority (any case; the start of the name is enough when it is the only match)')
    .addOption(new Option('--year <group>', `only this year group (${YEAR_GROUPS.join(', ')})`).argParser(parseYear))
    .option('--include-done', 'also list deadlines that were met')
    .option('--fail-on-overdue', 'exit with status 1 when anything (within --la and --year) is overdue')
    .option('--data <dir>', 'data folder', defaultDataDir(io.env))
    .option('--json', "print {ok, today, counts, items} as JSON: items exactly as the dashboard's clocks.list returns them")
    .addHelpText(
      'after',
      '\nDue dates are computed from the records and the school\'s clock settings, never typed in. "Due this week" means\n' +
        'today or the next 6 days. The counts are for --la and --year across all states, whatever --state shows.\n' +
        'An --la that matches no local authority on record is a usage error that names those on record.\n' +
        "Phase transfers come from the transfers the SENCo records on a pupil's EHC plan page (the kind of move and its\n" +
        "date): 15 February of the year of the move (31 March from secondary school to post-16), and that year's annual\n" +
        'review brought forward to end before it. A Note column says so, and when a school-side deadline was moved off\n' +
        'a day the school is closed.\n\n' +
        'Exit status: 0 listed (also when items are overdue, unless --fail-on-overdue); 1 the data folder is not set up,\n' +
        'or --fail-on-overdue and something is overdue (the list is printed all the same); 2 usage error.\n\n' +
        'Example (a morning e-mail):\n  senco-desk clocks --state overdue,due_this_week --json > today.json\n',
    )
    .addHelpText('after', credentialsHelp('user'))
    .action((opts: ClocksOptions) => run(clocksCommand(opts, io)));
}
