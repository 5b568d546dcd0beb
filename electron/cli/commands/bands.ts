/**
 * `senco-desk bands`: the school's band distribution next to the therapy policy's expected shares (seed policy 6:
 * about 90% Universal, 5% Targeted, 5% Specific), the need levels within Universal, and the pupils flagged on
 * Specific without progress (the school may be unable to meet their needs: an EHC plan review or placement discussion
 * for a pupil with an EHC plan, a request for an EHC needs assessment for one without; the rule and its words are
 * shared/therapy.ts specificWithoutProgress and therapyRules.specific),
 * through `bands.distribution` (the Plans and caseload screen's own query). Exit 0 when printed; with
 * --fail-on-flagged, 1 when any pupil is flagged (so a scheduled task can raise an alert).
 */
import type { Command } from 'commander';
import type { BandDistribution } from '../../../shared/contract';
import { formatUkDate } from '../../../shared/dates';
import { t } from '../../../shared/i18n';
import { defaultDataDir } from '../../core/data-dir';
import { openSetUpCore, withCore } from '../data';
import { CliError, EXIT, emit, type CliIo } from '../io';
import { asCaller, credentialsHelp } from '../session';
import { table } from '../table';

export interface BandsOptions {
  readonly data: string;
  readonly json?: boolean;
  readonly failOnFlagged?: boolean;
}

const n = (v: number) => v.toLocaleString('en-GB');
/** 90.5 -> "90.5%", 7 -> "7.0%": one decimal, as the service rounds. */
const pct = (v: number) => `${v.toFixed(1)}%`;
/** A review mean as a GAS rating: "-0.67", "+0.50", "0.00". */
export const formatMean = (v: number) => `${v > 0 ? '+' : ''}${v.toFixed(2)}`;

/** Words wrapped at 115 columns, each line ending in a newline (the width of the rest of the CLI's help). */
export function wrap(text: string, width = 115): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.map((l) => `${l}\n`).join('');
}

export function formatDistribution(d: BandDistribution): string {
  if (d.total === 0) {
    return "No pupil has a band yet, so there is nothing to compare. Set bands from each pupil's Band tab in the app.\n\nFlagged: Specific without progress: None.\n";
  }
  const out: string[] = [];
  out.push(
    `${t('cli.counted.pupilHas', { count: d.total })} a band. The therapy policy expects about 90% on Universal, 5% on Targeted and 5% on Specific.\n`,
  );
  out.push(
    table(
      ['Band', 'Pupils', 'School %', 'Policy %'],
      d.bands.map((b) => [t(`bands.${b.band}`), n(b.count), pct(b.percent), `${b.expectedPercent}%`]),
    ),
  );
  const universal = d.bands.find((b) => b.band === 'universal')?.count ?? 0;
  const levels = d.universalByNeed.filter((u) => u.needLevel !== null || u.count > 0);
  out.push(
    `Need levels within Universal (${t('cli.counted.pupil', { count: universal })}):\n` +
      table(
        ['Need level', 'Pupils', '% of Universal'],
        levels.map((u) => [u.needLevel ? t(`needLevels.${u.needLevel}`) : 'Not recorded', n(u.count), pct(u.percent)]),
      ),
  );
  if (!d.flagged.length) {
    out.push('Flagged: Specific without progress: None.\n');
  } else {
    out.push(
      `Flagged: Specific without progress (${d.flagged.length}).\n` +
        wrap(`${t('therapyRules.specific.ruleLead')} ${t('therapyRules.specific.policy')}`) +
        wrap(t('therapyRules.specific.steps')) +
        table(
          ['Name', 'Since', 'Review means', 'Next step'],
          d.flagged.map((f) => [
            f.name,
            formatUkDate(f.since),
            f.reviewMeans.map(formatMean).join(', '),
            t(`therapyRules.specific.stepShort.${f.nextStep}`),
          ]),
        ),
    );
  }
  return out.join('\n');
}

export async function bandsCommand(opts: BandsOptions, io: CliIo): Promise<number> {
  return withCore(openSetUpCore(opts.data, io), (core) =>
    asCaller(core, io, { command: 'bands', why: "shows pupils' bands and names the pupils flagged" }, async (caller) => {
      const r = await caller.invoke('bands.distribution', {});
      if (!r.ok) throw new CliError(r.error.message, r.error.code === 'invalid_input' ? EXIT.usage : EXIT.refused, r.error.code);
      const d = r.value;
      emit(io, opts.json, { ok: true, ...d }, () => formatDistribution(d));
      if (opts.failOnFlagged && d.flagged.length > 0) {
        io.stderr(`senco-desk: ${t('cli.counted.pupilIs', { count: d.flagged.length })} on Specific without progress.\n`);
        return EXIT.refused;
      }
      return EXIT.ok;
    }),
  );
}

export function registerBands(program: Command, io: CliIo, run: (p: Promise<number>) => Promise<void>): void {
  program
    .command('bands')
    .description(
      "Show the band distribution (Universal, Targeted, Specific) next to the therapy policy's expected shares, and the pupils on Specific without progress.",
    )
    .option('--fail-on-flagged', 'exit with status 1 when any pupil is flagged on Specific without progress')
    .option('--data <dir>', 'data folder', defaultDataDir(io.env))
    .option('--json', "print {ok, total, bands, universalByNeed, flagged} as JSON: exactly what the app's bands.distribution returns")
    .addHelpText(
      'after',
      '\nEvery current pupil with a band is counted once, in their current band. Percentages are of all those pupils\n' +
        "(need levels: of the pupils on Universal), rounded to one decimal; the policy's shares are about 90% Universal,\n" +
        '5% Targeted and 5% Specific (therapy policy, section 6).\n' +
        wrap(`${t('therapyRules.specific.ruleLead')} ${t('therapyRules.specific.policy')}`) +
        wrap(
          `${t('therapyRules.specific.steps')} Names are listed with the date the Specific band began, the mean rating of each plan review ` +
            'since (-2 to +2) and the next step.',
        ) +
        '\n' +
        'Exit status: 0 shown (also when pupils are flagged, unless --fail-on-flagged); 1 the data folder is not set up,\n' +
        'or --fail-on-flagged and a pupil is flagged (the distribution is printed all the same); 2 usage error.\n\n' +
        'Example (a weekly check):\n  senco-desk bands --fail-on-flagged --json > bands.json\n',
    )
    .addHelpText('after', credentialsHelp('user'))
    .action((opts: BandsOptions) => run(bandsCommand(opts, io)));
}
