/**
 * `senco-desk demo`: fills a data folder with a deterministic synthetic school (electron/core/demo). On an
 * empty folder it sets the school up itself, with the SENCo username `senco`; on a set-up folder it adds the
 * staff and pupils to the school that is there.
 */
import { InvalidArgumentError, Option, type Command } from 'commander';
import { academicYear as academicYearSchema } from '../../../shared/contract';
import { defaultDataDir } from '../../core/data-dir';
import {
  DEMO_ACADEMIC_YEAR,
  DEMO_PASSWORD,
  DEMO_SENCO_USERNAME,
  DEMO_SIZES,
  DemoLoadError,
  MAX_SESSION_YEARS,
  demoUsernames,
  loadDemo,
  type DemoSize,
} from '../../core/demo';
import { openCore, withCore } from '../data';
import { recoveryKeyLines } from './init';
import { CliError, EXIT, cliSystemActor, emit, type CliIo } from '../io';
import { table } from '../table';
import { credentialsHelp } from '../session';

export interface DemoOptions {
  readonly data: string;
  readonly size: DemoSize;
  readonly academicYear: string;
  readonly sessionYears?: number;
  readonly json?: boolean;
}

export function parseSessionYears(v: string): number {
  const n = /^\d+$/.test(v.trim()) ? Number(v.trim()) : NaN;
  if (!Number.isInteger(n) || n < 1 || n > MAX_SESSION_YEARS)
    throw new InvalidArgumentError(`Give a whole number of academic years from 1 to ${MAX_SESSION_YEARS}.`);
  return n;
}

const n = (v: number) => v.toLocaleString('en-GB');
/** "a", "a and b", "a, b and c". */
const listed = (xs: readonly string[]) => (xs.length <= 2 ? xs.join(' and ') : `${xs.slice(0, -1).join(', ')} and ${xs.at(-1)}`);

/** Usernames with runs of numbered ones shortened: "therapist1, therapist2, therapist3" as "therapist1-3". */
export function compactUsernames(names: readonly string[]): string {
  const out: string[] = [];
  for (let i = 0; i < names.length;) {
    const m = /^(.*?)(\d+)$/.exec(names[i] as string);
    let j = i + 1;
    if (m) while (j < names.length && names[j] === `${m[1]}${Number(m[2]) + (j - i)}`) j++;
    out.push(m && j - i > 1 ? `${names[i]}-${Number(m[2]) + (j - i - 1)}` : (names[i] as string));
    i = j;
  }
  return out.join(', ');
}

/** The help's list of the users each size makes, from the generator itself (so the two cannot drift apart). */
export function demoUsersHelp(): string {
  const firstSchool = (size: DemoSize) => demoUsernames(size).filter((u) => !/\.\d+$/.test(u));
  const schools = new Set(demoUsernames('trust').map((u) => /\.(\d+)$/.exec(u)?.[1] ?? '1'));
  return (
    `Users made by each size (the SENCo is "${DEMO_SENCO_USERNAME}"):\n` +
    `  small: ${compactUsernames(firstSchool('small'))}\n` +
    `  school: ${compactUsernames(firstSchool('school'))}\n` +
    `  trust: the same as school, and again with .2 to .${schools.size} added for schools 2 to ${schools.size}\n`
  );
}

export async function demoCommand(opts: DemoOptions, io: CliIo): Promise<number> {
  if (!academicYearSchema.safeParse(opts.academicYear).success) {
    throw new CliError(
      `--academic-year must look like ${DEMO_ACADEMIC_YEAR} (a year and the next one's last two digits), not "${opts.academicYear}".`,
    );
  }
  const fromEnv = io.env.SENCO_PASSWORD;
  const password = fromEnv ? fromEnv : DEMO_PASSWORD;
  return withCore(openCore(opts.data, io), async (core) => {
    let result;
    try {
      result = await loadDemo(core, {
        size: opts.size,
        academicYear: opts.academicYear,
        sessionYears: opts.sessionYears ?? 1,
        password,
        actor: cliSystemActor(io.env),
      });
    } catch (err) {
      if (err instanceof DemoLoadError) {
        const exit = err.code === 'invalid_input' ? EXIT.usage : EXIT.refused;
        throw new CliError(err.message, exit, err.code);
      }
      throw err;
    }
    const passwordNote = fromEnv
      ? 'the password in SENCO_PASSWORD'
      : `the demo password "${DEMO_PASSWORD}" (set SENCO_PASSWORD to choose another)`;
    emit(
      io,
      opts.json,
      {
        ok: true,
        data: opts.data,
        ...result,
        password: fromEnv ? { source: 'SENCO_PASSWORD' } : { source: 'default', value: DEMO_PASSWORD },
      },
      () => {
        const lines = [
          `Loaded the ${result.size} demo (${result.academicYear}) into ${opts.data} in ${result.seconds.toFixed(1)} s:`,
          `  ${n(result.pupils)} pupils (${n(result.ehcp)} with an EHC plan, ${n(result.senSupport)} on SEN support), ${n(result.formerPupils)} former pupils, ${n(result.contacts)} contacts`,
          `  ${n(result.staff.length)} staff users${result.skippedUsers.length ? ` (already there, left unchanged: ${result.skippedUsers.join(', ')})` : ''}`,
          `  ${n(result.ehcPlans)} EHC plans (${n(result.planVersions)} versions, ${n(result.annualReviews)} annual reviews), ${n(result.assessmentRequests)} requests for an EHC needs assessment`,
          `  therapy: ${n(result.bands.universal)} pupils on Universal, ${n(result.bands.targeted)} Targeted, ${n(result.bands.specific)} Specific ` +
            `(${n(result.flaggedSpecific)} without progress); ${n(result.referrals)} referrals, ${n(result.therapyAssessments)} assessments, ` +
            `${n(result.ipps)} individual pupil plans (${n(result.ippReviews)} reviews)${result.placements ? `, ${n(result.placements)} placements` : ''}; ` +
            `${n(result.allocations)} caseload allocations (each therapist to the pupils they see)`,
          `  sessions: ${n(result.sessions.sessions)} therapy sessions in ${result.sessions.years.length === 1 ? result.sessions.years[0] : `${result.sessions.years[0]} to ${result.sessions.years.at(-1)}`} ` +
            `(${n(result.sessions.series)} series; ${n(result.sessions.attended)} attended, ${n(result.sessions.absent)} absent, ${n(result.sessions.cancelled)} cancelled, ` +
            `${n(result.sessions.pending)} not recorded: still to record or to come)`,
          `  reviews: ${n(result.reviews.meetings)} review meetings (${n(result.reviews.byKind.plan)} plan, ${n(result.reviews.byKind.band)} band and termly SEN support, ` +
            `${n(result.reviews.byKind.annual)} EHC plan annual${result.reviews.byKind.midpoint ? `, ${n(result.reviews.byKind.midpoint)} provider midpoint` : ''}; ` +
            `${n(result.reviews.planned)} planned), ${n(result.reviews.decisions)} decisions, ${n(result.reviews.actions)} actions ` +
            `(${n(result.reviews.actionsOpen)} open on 1 October, ${n(result.reviews.actionsOverdue)} of them overdue), ${n(result.reviews.parentUpdates)} updates to parents`,
          `  provision map: ${n(result.provisions)} provisions in the catalogue, ${n(result.provisionPlacements)} pupils' places on them, an hourly rate for every staff role`,
          result.calendarYears.length
            ? `  term dates, INSET days and bank holidays (${n(result.calendarDays)} days) set for ${listed(result.calendarYears)}` +
              (result.termsSet ? '' : ` (the school's own term dates for ${result.academicYear} kept)`)
            : `  term dates and closure days kept (the school already had them)`,
          `School: ${result.school.name}${result.setUpSchool ? ', set up by the demo' : ''}.`,
        ];
        if (result.setUpSchool) lines.push(`The SENCo's username is "${DEMO_SENCO_USERNAME}".`);
        if (result.recoveryKey) lines.push(...recoveryKeyLines(result.recoveryKey));
        if (result.staff.length) lines.push(`Every demo user signs in with ${passwordNote}.`);
        let out = lines.join('\n') + '\n';
        if (result.staff.length)
          out +=
            '\n' +
            table(
              ['Username', 'Name', 'Role', 'Job'],
              result.staff.map((s) => [s.username, s.displayName, s.role, s.job]),
            );
        return out;
      },
    );
    return EXIT.ok;
  });
}

export function registerDemo(program: Command, io: CliIo, run: (p: Promise<number>) => Promise<void>): void {
  program
    .command('demo')
    .description(
      'Fill a data folder with a synthetic demo school (the same data every time): pupils, staff, EHC plans and reviews, therapy bands, referrals and plans, term dates. Sets the school up if the folder is empty.',
    )
    .addOption(
      new Option(
        '--size <size>',
        `small (~60 pupils, ${demoUsernames('small').length} staff), school (2,000 pupils, 400 on the SEN register, ${demoUsernames('school').length} staff) or trust (5 schools' worth)`,
      )
        .choices(DEMO_SIZES)
        .default('school'),
    )
    .option('--academic-year <year>', 'the academic year the data describes (ages, year groups, term dates)', DEMO_ACADEMIC_YEAR)
    .addOption(
      new Option(
        '--session-years <n>',
        `academic years of therapy sessions: the demo year and the years before it, 1 to ${MAX_SESSION_YEARS} (their term dates are set too)`,
      )
        .argParser(parseSessionYears)
        .default(1),
    )
    .option('--data <dir>', 'data folder', defaultDataDir(io.env))
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      `\nOn an empty folder the demo sets the school up; the SENCo's username is "${DEMO_SENCO_USERNAME}".\n` +
        demoUsersHelp() +
        `Every demo user's password is SENCO_PASSWORD if set, else "${DEMO_PASSWORD}" (printed when the users are made).\n` +
        'All names, UPNs (local authority code 999), phone numbers (07700 900xxx) and e-mail addresses (example.org) are fictional.\n' +
        "Every pupil with an EHC plan gets a final plan from the school's local authority or one of three other fictional ones,\n" +
        'with needs, outcomes, provision and annual reviews dated relative to the academic year (not to today), so the\n' +
        'dashboard and `senco-desk clocks` show overdue and due items. Every pupil on the SEN register gets a therapy band\n' +
        '(mostly Universal, some Targeted, a few Specific, one or two of them without progress: see `senco-desk bands`),\n' +
        "with referrals, initial assessments and individual pupil plans with reviews, and therapy sessions for the plans'\n" +
        "provision and the pupil plans' interventions (1:1 and small groups, on school days only; recorded up to the day the\n" +
        'demo is built but for a small backlog still to record, about 1%, pending from that day on), each therapist\n' +
        'allocated to the pupils they are booked with (their caseload). The terms, INSET\n' +
        'days and bank holidays of the academic year and the year before (and of every\n' +
        'session year) are set unless the school has its own.\n' +
        'Every pupil with a plan has review meetings over those years (plan reviews with their goal ratings, EHC plan annual\n' +
        'reviews, the band moves, termly SEN support reviews) with attendees, views, decisions and actions, and one review\n' +
        'planned (print its pack with `senco-desk review-pack`); every pupil on the SEN register has 3 to 5 updates to parents\n' +
        'a year.\n' +
        'Loading the same demo twice into one folder is refused (UPNs are unique).\n',
    )
    .addHelpText('after', credentialsHelp('none_demo'))
    .action((opts: DemoOptions) => run(demoCommand(opts, io)));
}
