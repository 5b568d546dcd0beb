/**
 * `senco-desk review-pack --pupil UPN --out FILE.pdf [--review ID]`: the printable review pack of one of a pupil's
 * reviews, through `reviews.pack` (the PDF the app prints, and an audited read). The pupil is found by UPN (checked
 * first, so a mistyped number says so); the review is the one given, else the pupil's next planned review, else the
 * most recent one held. The file is written atomically and an existing file is never replaced without --force.
 */
import type { Command } from 'commander';
import type { ReviewMeeting } from '../../../shared/contract';
import { formatUkDate, todayIso } from '../../../shared/dates';
import { t } from '../../../shared/i18n';
import { checkUpn, normaliseUpn } from '../../../shared/upn';
import { defaultDataDir } from '../../core/data-dir';
import { openSetUpCore, withCore } from '../data';
import { checkOutputPath, writeFileAtomic } from '../files';
import { CliError, EXIT, emit, type CliIo } from '../io';
import { asCaller, callFailed, credentialsHelp, pupilByUpn } from '../session';

export interface ReviewPackOptions {
  readonly data: string;
  readonly pupil: string;
  readonly out: string;
  readonly review?: string;
  readonly force?: boolean;
  readonly json?: boolean;
}

/** The UPN as typed, normalised, or a message saying what is wrong with it. */
export function parseUpnOption(raw: string): string {
  const upn = normaliseUpn(raw);
  const problem = checkUpn(upn);
  if (!problem) return upn;
  const what =
    problem.kind === 'length'
      ? `it has ${t('cli.counted.character', { count: upn.length })}, and a UPN has 13 (a check letter, then 12 digits, or 11 digits and a letter for a temporary UPN)`
      : problem.kind === 'format'
        ? 'a UPN is a check letter followed by 12 digits (or 11 digits and a letter for a temporary UPN)'
        : `its check letter should be ${problem.expected}, so a character was probably mistyped`;
  throw new CliError(
    `"${raw}" is not a valid UPN: ${what}. Copy the UPN from the pupil's record or from senco-desk pupils list.`,
    EXIT.usage,
    'bad_upn',
  );
}

const describe = (r: ReviewMeeting) =>
  `${t(`reviewKinds.${r.kind}`)}, ${formatUkDate(r.date)} (${r.status === 'planned' ? 'planned' : 'held'})`;

/**
 * The review a pack is for, when none is named: the next planned review (the earliest on or after today; else the
 * latest planned one still to be recorded), else the most recent one held. Null when the pupil has none.
 */
export function chooseReview(reviews: readonly ReviewMeeting[], today: string): ReviewMeeting | null {
  const byDate = [...reviews].sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id));
  const planned = byDate.filter((r) => r.status === 'planned');
  return planned.find((r) => r.date >= today) ?? planned.at(-1) ?? byDate.filter((r) => r.status === 'held').at(-1) ?? null;
}

export async function reviewPackCommand(opts: ReviewPackOptions, io: CliIo): Promise<number> {
  if (!opts.out.trim()) throw new CliError('--out needs a file name, such as review-pack.pdf.');
  const upn = parseUpnOption(opts.pupil);
  const reviewId = opts.review?.trim();
  if (opts.review !== undefined && !reviewId)
    throw new CliError("--review needs a review id (senco-desk review-pack lists them when the id is not one of the pupil's).");
  // Before opening the data: a name already taken is refused without reading anything.
  checkOutputPath(opts.out, opts.force === true);
  return withCore(openSetUpCore(opts.data, io), (core) =>
    asCaller(core, io, { command: 'review-pack', why: "prints a pupil's review pack" }, async (caller) => {
      const pupil = await pupilByUpn(
        caller,
        upn,
        opts.data,
        "Check the number (senco-desk pupils list --former --search NAME shows pupils' UPNs), or the data folder.",
      );
      const listed = await caller.invoke('reviews.listForPupil', { pupilId: pupil.id });
      if (!listed.ok) throw callFailed(listed);
      const reviews = listed.value;
      const who = `${pupil.name} (UPN ${upn})`;
      let review: ReviewMeeting | null;
      if (reviewId) {
        review = reviews.find((r) => r.id === reviewId) ?? null;
        if (!review) {
          const listing = reviews.length
            ? `Their reviews are:\n${reviews.map((r) => `  ${r.id}  ${describe(r)}`).join('\n')}`
            : 'They have no reviews yet.';
          throw new CliError(`${who} has no review with the id ${reviewId}. ${listing}`, EXIT.usage, 'not_found');
        }
      } else {
        review = chooseReview(reviews, todayIso());
        if (!review) {
          throw new CliError(
            `${who} has no reviews yet, so there is no pack to print. Plan a review on the Reviews tab of the pupil's profile in SENCo Desk ` +
              '(or record one already held), then run this again.',
            EXIT.refused,
            'no_review',
          );
        }
      }

      const pack = await caller.invoke('reviews.pack', { reviewId: review.id });
      if (!pack.ok) throw callFailed(pack);
      const pdf = Buffer.from(pack.value.pdfBase64, 'base64');
      writeFileAtomic(opts.out, pdf, opts.force === true);
      const { pages } = pack.value;
      emit(
        io,
        opts.json,
        { ok: true, path: opts.out, pages, bytes: pdf.length, reviewId: review.id },
        () =>
          `Wrote the review pack for ${who}, ${describe(review)}: ${t('cli.counted.page', { count: pages })} (${pdf.length.toLocaleString('en-GB')} bytes) to ${opts.out}.\n`,
      );
      return EXIT.ok;
    }),
  );
}

export function registerReviewPack(program: Command, io: CliIo, run: (p: Promise<number>) => Promise<void>): void {
  program
    .command('review-pack')
    .description("Write the printable review pack (PDF) of a pupil's review: their next planned review unless --review names another.")
    .requiredOption('--pupil <upn>', "the pupil's UPN (13 characters; spaces and lower case are fine)")
    .requiredOption('--out <file>', 'the PDF file to write (refused if it exists, unless --force)')
    .option('--review <id>', "the review's id (default: the next planned review, else the most recent held one)")
    .option('--force', 'replace the file if it exists')
    .option('--data <dir>', 'data folder', defaultDataDir(io.env))
    .option('--json', 'print {ok, path, pages, bytes, reviewId} as JSON')
    .addHelpText(
      'after',
      "\nThe pack is the one the app prints before a review meeting: the pupil's details and who is invited, needs and EHC plan\n" +
        'outcomes, provision specified against delivered, progress on each goal and the GAS T-score, assessments, attendance,\n' +
        "band history, the pupil's and parents' views, the last review's actions and the meeting's notes.\n" +
        "Without --review the pack is for the pupil's next planned review (the earliest on or after today, else the latest\n" +
        "planned one not yet recorded), else for the most recent review held. An id that is not one of the pupil's lists\n" +
        "their reviews with their ids. A pupil with no review at all has no pack: plan one on the Reviews tab of the pupil's\n" +
        'profile first.\n' +
        'The file is written to a temporary file in the same folder and renamed when complete, so it is never left half\n' +
        'written; it is readable by your account only. It holds special category data (UK GDPR Article 9): keep it safe.\n\n' +
        'Exit status: 0 written; 1 not set up, no pupil with that UPN, no review to print, or could not write; 2 usage error\n' +
        "(a malformed UPN, a review id that is not the pupil's), or the file exists (without --force).\n",
    )
    .addHelpText('after', credentialsHelp('user'))
    .action((opts: ReviewPackOptions) => run(reviewPackCommand(opts, io)));
}
