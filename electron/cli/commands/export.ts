/**
 * `senco-desk export --pupil UPN --to ORGANISATION --sections LIST --basis BASIS --out FILE`: the same share as the
 * app makes, through `exports.create` (logged in the sharing log with the lawful basis, and audited). By default a
 * password-protected PDF (AES-256) of the chosen sections, whose password the core makes and this command prints
 * once; with --recipient AGE_PUBLIC_KEY or a passphrase in SENCO_EXPORT_PASSPHRASE, the encrypted age package.
 * Written to a temporary name and renamed into place.
 */
import type { Command } from 'commander';
import { ARTICLE6_BASES, ARTICLE9_CONDITIONS, EXPORT_SECTIONS, type ExportSection } from '../../../shared/contract';
import { defaultDataDir } from '../../core/data-dir';
import { openSetUpCore, withCore } from '../data';
import { checkOutputPath, writeFileAtomic } from '../files';
import { CliError, EXIT, emit, type CliIo } from '../io';
import { asCaller, credentialsHelp, pupilByUpn } from '../session';
import { parseUpnOption } from './review-pack';

export interface ExportOptions {
  readonly data: string;
  readonly pupil: string;
  readonly to: string;
  readonly sections: string;
  readonly basis: string;
  readonly recipient?: string;
  readonly out: string;
  readonly note?: string;
  readonly force?: boolean;
  readonly json?: boolean;
}

export const PASSPHRASE_ENV = 'SENCO_EXPORT_PASSPHRASE';

/** "details,assessments" (commas or spaces; "all" for every section) into the sections, or a message naming the bad one. */
export function parseSections(raw: string): ExportSection[] {
  const words = raw
    .split(/[\s,]+/)
    .map((w) => w.trim().toLowerCase().replace(/-/g, '_'))
    .filter(Boolean);
  if (!words.length) throw new CliError(`--sections needs at least one of: ${EXPORT_SECTIONS.join(', ')}.`);
  if (words.length === 1 && words[0] === 'all') return [...EXPORT_SECTIONS];
  const bad = words.filter((w) => !(EXPORT_SECTIONS as readonly string[]).includes(w));
  if (bad.length)
    throw new CliError(
      `--sections: "${bad.join('", "')}" ${bad.length === 1 ? 'is not a section' : 'are not sections'}. Choose from: ${EXPORT_SECTIONS.join(', ')} (or all).`,
    );
  return EXPORT_SECTIONS.filter((s) => words.includes(s));
}

/** "public_task+substantial_public_interest": the Article 6 basis and the Article 9 condition. */
export function parseBasis(raw: string): { article6: (typeof ARTICLE6_BASES)[number]; article9: (typeof ARTICLE9_CONDITIONS)[number] } {
  const [a6, a9, ...rest] = raw.split('+').map((w) => w.trim().toLowerCase().replace(/-/g, '_'));
  const hint = `Give the Article 6 basis and the Article 9 condition joined by "+", for example public_task+substantial_public_interest. Article 6: ${ARTICLE6_BASES.join(', ')}. Article 9: ${ARTICLE9_CONDITIONS.join(', ')}.`;
  if (!a6 || !a9 || rest.length) throw new CliError(`--basis "${raw}" is not a lawful basis. ${hint}`);
  if (!(ARTICLE6_BASES as readonly string[]).includes(a6)) throw new CliError(`--basis: "${a6}" is not an Article 6 basis. ${hint}`);
  if (!(ARTICLE9_CONDITIONS as readonly string[]).includes(a9))
    throw new CliError(`--basis: "${a9}" is not an Article 9 condition. ${hint}`);
  return { article6: a6 as (typeof ARTICLE6_BASES)[number], article9: a9 as (typeof ARTICLE9_CONDITIONS)[number] };
}

export async function exportCommand(opts: ExportOptions, io: CliIo): Promise<number> {
  if (!opts.out.trim()) throw new CliError('--out needs a file name, such as record.pdf (or record.age for an age package).');
  const upn = parseUpnOption(opts.pupil);
  const organisation = opts.to.trim();
  if (!organisation) throw new CliError('--to needs the organisation receiving the record, such as "Exampleshire SEND team".');
  const sections = parseSections(opts.sections);
  const basis = parseBasis(opts.basis);
  const passphrase = io.env[PASSPHRASE_ENV] ?? '';
  const recipient = opts.recipient?.trim() || null;
  if (recipient && passphrase) throw new CliError(`Give either --recipient or ${PASSPHRASE_ENV}, not both: the package is locked one way.`);
  // Neither: the default, a password-protected PDF whose password the core makes.
  const format = recipient || passphrase ? 'age_package' : 'protected_pdf';
  const wantExt = format === 'protected_pdf' ? '.pdf' : '.age';
  if (!opts.out.trim().toLowerCase().endsWith(wantExt)) {
    throw new CliError(
      format === 'protected_pdf'
        ? `--out ${opts.out}: without --recipient or ${PASSPHRASE_ENV} the export is a password-protected PDF, so name the file .pdf (record.pdf), or lock an .age package with a key or passphrase.`
        : `--out ${opts.out}: an age package is written to a .age file (record.age); for a password-protected PDF leave out --recipient and ${PASSPHRASE_ENV}.`,
    );
  }
  checkOutputPath(opts.out, opts.force === true);
  return withCore(openSetUpCore(opts.data, io), (core) =>
    asCaller(core, io, { command: 'export', why: "exports a pupil's record" }, async (caller) => {
      const pupil = await pupilByUpn(
        caller,
        upn,
        opts.data,
        'Check the number (senco-desk pupils list --former --search NAME shows UPNs).',
      );
      const r = await caller.invoke('exports.create', {
        pupilId: pupil.id,
        organisation,
        sections,
        basis,
        format,
        recipient,
        passphrase: format === 'age_package' && !recipient ? passphrase : null,
        note: opts.note?.trim() || null,
      });
      if (!r.ok) {
        const detail = r.error.fields
          ? Object.entries(r.error.fields)
              .map(([k, v]) => `${k}: ${v}`)
              .join(' ')
          : '';
        throw new CliError(
          `${r.error.message}${detail && !r.error.message.includes(detail) ? ` ${detail}` : ''}`,
          r.error.code === 'invalid_input' ? EXIT.usage : EXIT.refused,
          r.error.code,
        );
      }
      const bytes = Buffer.from(r.value.fileBase64, 'base64');
      writeFileAtomic(opts.out, bytes, opts.force === true);
      const rec = r.value.record;
      const password = r.value.password;
      if (password !== null) {
        // Shown once, here, and kept nowhere: not in the sharing log, the audit trail or the file.
        emit(
          io,
          opts.json,
          {
            ok: true,
            path: opts.out,
            bytes: bytes.length,
            sha256: rec.sha256,
            sections: rec.sections,
            organisation: rec.organisation,
            format: rec.format,
            lockedWith: rec.lockedWith,
            password,
            logId: rec.id,
          },
          () =>
            `Wrote ${pupil.name}'s record (${rec.sections.join(', ')}) for ${rec.organisation} to ${opts.out}: ${bytes.length.toLocaleString('en-GB')} bytes, ` +
            `a PDF protected with a password (AES-256). It is in the sharing log.\n` +
            `Password (shown only now; SENCo Desk does not keep it): ${password}\n` +
            'Give it to them separately, by phone or text message, never in the same email as the file. Any PDF reader asks for it.\n',
        );
        return EXIT.ok;
      }
      emit(
        io,
        opts.json,
        {
          ok: true,
          path: opts.out,
          bytes: bytes.length,
          sha256: rec.sha256,
          sections: rec.sections,
          organisation: rec.organisation,
          format: rec.format,
          lockedWith: rec.lockedWith,
          logId: rec.id,
        },
        () =>
          `Wrote ${pupil.name}'s record (${rec.sections.join(', ')}) for ${rec.organisation} to ${opts.out}: ${bytes.length.toLocaleString('en-GB')} bytes, ` +
          `encrypted with ${rec.lockedWith === 'public_key' ? 'their age public key' : 'the passphrase'}. It is in the sharing log.\n` +
          `They open it with: age -d ${rec.lockedWith === 'public_key' ? '-i THEIR_KEY_FILE ' : ''}-o record.zip ${opts.out}\n`,
      );
      return EXIT.ok;
    }),
  );
}

export function registerExport(program: Command, io: CliIo, run: (p: Promise<number>) => Promise<void>): void {
  program
    .command('export')
    .description(
      "Export a pupil's record for an external agency: a password-protected PDF of only the sections chosen, or an encrypted age package (PDF, JSON and CSV).",
    )
    .requiredOption('--pupil <upn>', "the pupil's UPN")
    .requiredOption('--to <organisation>', 'the organisation receiving it, e.g. "Exampleshire SEND team"')
    .requiredOption('--sections <list>', `what to share, comma-separated (or all): ${EXPORT_SECTIONS.join(', ')}`)
    .requiredOption(
      '--basis <basis>',
      'the lawful basis: Article 6 basis + Article 9 condition, e.g. public_task+substantial_public_interest',
    )
    .option(
      '--recipient <age-public-key>',
      `an age package locked to the agency's age public key (age1...); or set ${PASSPHRASE_ENV} for one locked with that passphrase`,
    )
    .requiredOption(
      '--out <file>',
      'the file to write: .pdf (the default, protected PDF) or .age (a package); refused if it exists, unless --force',
    )
    .option('--note <text>', 'a note for the sharing log (why it was shared)')
    .option('--force', 'replace the file if it exists')
    .option('--data <dir>', 'data folder', defaultDataDir(io.env))
    .option('--json', 'print {ok, path, bytes, sha256, sections, organisation, format, lockedWith, password (a PDF only), logId} as JSON')
    .addHelpText(
      'after',
      `\nShare only what the agency needs (UK GDPR minimum necessary). By default (no --recipient, no ${PASSPHRASE_ENV}) the\n` +
        'export is one PDF of the chosen sections protected with a password (AES-256), which any PDF reader opens, for\n' +
        'council and NHS staff who cannot install tools. SENCo Desk makes a strong password and prints it once (in --json\n' +
        'too): it is kept nowhere, so give it to them separately, by phone or text message, never with the file.\n' +
        'An age package, for a recipient with the age tool or another SENCo Desk, is a ZIP holding record.pdf (readable),\n' +
        'pupil.json (machine-readable), one CSV per section and manifest.json, encrypted with age (https://age-encryption.org):\n' +
        '  with --recipient: only the holder of that key opens it:  age -d -i their-key.txt -o record.zip FILE.age\n' +
        `  with ${PASSPHRASE_ENV}: anyone with the passphrase does:  age -d -o record.zip FILE.age  (it asks for it)\n` +
        'Give a passphrase separately (by phone), never in the same email as the file. manifest.json is signed with this\n' +
        "school's key: another SENCo Desk imports the package on its Sharing page (Transfer in), showing who signed it\n" +
        '(check the fingerprint in Settings > School by phone) and every field it would change before anything is written.\n' +
        `Article 6 bases: ${ARTICLE6_BASES.join(', ')}.\nArticle 9 conditions: ${ARTICLE9_CONDITIONS.join(', ')}.\n` +
        'Every export is in the sharing log (who, when, to whom, which sections, the basis) and the audit trail.\n\n' +
        'Exit status: 0 written; 1 not set up, no pupil with that UPN, or refused; 2 usage error (a malformed UPN, an unknown\n' +
        'section or basis, a bad key or short passphrase, an --out name that is not .pdf or .age as the export is), or the file\n' +
        'exists (without --force).\n',
    )
    .addHelpText('after', credentialsHelp('user'))
    .action((opts: ExportOptions) => run(exportCommand(opts, io)));
}
