/**
 * `senco-desk passport --pupil UPN --out FILE.pdf [--plain] [--version N]` (issue 18, item 4): a pupil's passport
 * printed on one A4 page through `passports.pdf`, acting as the signed-in user like every command that reads a pupil's
 * record: a teacher gets only the pupils in their classes, a therapist their caseload, and the roles that read no
 * passports (office, DSL, the trust SEND lead) are refused, by the core, audited. `--plain` writes the copy for the pupil
 * and their parents. The file is written atomically and an existing one is never replaced without --force.
 */
import type { Command } from 'commander';
import { defaultDataDir } from '../../core/data-dir';
import { openSetUpCore, withCore } from '../data';
import { checkOutputPath, writeFileAtomic } from '../files';
import { CliError, EXIT, emit, type CliIo } from '../io';
import { asCaller, callFailed, credentialsHelp, pupilByUpn } from '../session';
import { parseUpnOption } from './review-pack';
import { t } from '../../../shared/i18n';

export interface PassportOptions {
  readonly data: string;
  readonly pupil: string;
  readonly out: string;
  readonly plain?: boolean;
  readonly version?: string;
  readonly force?: boolean;
  readonly json?: boolean;
}

export async function passportCommand(opts: PassportOptions, io: CliIo): Promise<number> {
  if (!opts.out.trim()) throw new CliError('--out needs a file name, such as passport.pdf.');
  const upn = parseUpnOption(opts.pupil);
  let version: number | undefined;
  if (opts.version !== undefined) {
    version = Number(opts.version);
    if (!/^\d+$/.test(opts.version.trim()) || !Number.isInteger(version) || version < 1) {
      throw new CliError(
        `--version must be a version number such as 1 or 2, not "${opts.version}" (without it, the current version is printed).`,
      );
    }
  }
  // Before opening the data: a name already taken is refused without reading anything.
  checkOutputPath(opts.out, opts.force === true);
  return withCore(openSetUpCore(opts.data, io), (core) =>
    asCaller(core, io, { command: 'passport', why: "prints a pupil's passport" }, async (caller) => {
      const pupil = await pupilByUpn(
        caller,
        upn,
        opts.data,
        "Check the number (senco-desk pupils list --former --search NAME shows pupils' UPNs), or the data folder.",
      );
      const who = `${pupil.name} (UPN ${upn})`;
      const printed = await caller.invoke('passports.pdf', {
        pupilId: pupil.id,
        plain: opts.plain === true,
        ...(version === undefined ? {} : { version }),
      });
      if (!printed.ok) {
        if (printed.error.code === 'not_found' && version !== undefined) {
          const view = await caller.invoke('passports.get', { pupilId: pupil.id });
          const numbers = view.ok ? view.value.versions.map((v) => v.number) : [];
          throw new CliError(
            `${who} has no passport version ${version}. ${numbers.length ? `Their passport's versions are ${numbers.join(', ')}.` : 'They have no passport yet.'}`,
            EXIT.usage,
            'not_found',
          );
        }
        throw callFailed(printed);
      }
      const pdf = Buffer.from(printed.value.pdfBase64, 'base64');
      writeFileAtomic(opts.out, pdf, opts.force === true);
      const { pages } = printed.value;
      const copy = opts.plain ? 'plain-language copy of the passport' : 'passport';
      emit(
        io,
        opts.json,
        { ok: true, path: opts.out, pages, bytes: pdf.length, plain: opts.plain === true },
        () =>
          `Wrote the ${copy} of ${who}: ${t('cli.counted.page', { count: pages })} (${pdf.length.toLocaleString('en-GB')} bytes) to ${opts.out}.\n`,
      );
      return EXIT.ok;
    }),
  );
}

export function registerPassport(program: Command, io: CliIo, run: (p: Promise<number>) => Promise<void>): void {
  program
    .command('passport')
    .description("Write a pupil's passport (PDF, one A4 page): the staff copy, or with --plain the copy for the pupil and their parents.")
    .requiredOption('--pupil <upn>', "the pupil's UPN (13 characters; spaces and lower case are fine)")
    .requiredOption('--out <file>', 'the PDF file to write (refused if it exists, unless --force)')
    .option('--plain', 'the plain-language copy for the pupil and parents: simpler words, larger type, short forms written out')
    .option('--version <n>', 'an earlier version of the passport (default: the current one)')
    .option('--force', 'replace the file if it exists')
    .option('--data <dir>', 'data folder', defaultDataDir(io.env))
    .option('--json', 'print {ok, path, pages, bytes, plain} as JSON')
    .addHelpText(
      'after',
      "\nThe passport is the one the app prints from the Passport tab of the pupil's profile: about the pupil, what they are\n" +
        "good at, what they find hard, what helps and what does not, the strategies staff should use and the pupil's own\n" +
        'words, with their photo if there is one, on one A4 page for a class folder. "Confidential" is on every page.\n' +
        'It acts as the user signed in: a teacher or teaching assistant may print the passports of the pupils in their\n' +
        'classes, a therapist those of their caseload, the SENCo, therapy lead and headteacher any; other roles are refused.\n' +
        'A pupil with no passport has none to print: write one on the Passport tab first.\n' +
        'The file is written to a temporary file in the same folder and renamed when complete, so it is never left half\n' +
        'written; it is readable by your account only. It holds special category data (UK GDPR Article 9): keep it safe.\n\n' +
        'Exit status: 0 written; 1 not set up, no pupil with that UPN, a pupil you may not see, no passport, or could not\n' +
        'write; 2 usage error (a malformed UPN, a version that does not exist), or the file exists (without --force).\n',
    )
    .addHelpText('after', credentialsHelp('user'))
    .action((opts: PassportOptions) => run(passportCommand(opts, io)));
}
