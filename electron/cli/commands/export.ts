/**
 * `senco-desk export --pupil UPN --to ORGANISATION --sections LIST --basis BASIS (--recipient AGE_PUBLIC_KEY |
 * passphrase from SENCO_EXPORT_PASSPHRASE) --out FILE.age`: the same encrypted agency package as the app makes,
 * through `exports.create` (logged in the sharing log with the lawful basis, and audited). Written to a temporary
 * name and renamed into place.
 */
import type { Command } from 'commander';
import { ARTICLE6_BASES, ARTICLE9_CONDITIONS, EXPORT_SECTIONS, type ExportSection, type PupilRow } from '../../../shared/contract';
import { defaultDataDir } from '../../core/data-dir';
import { openSetUpCore, withCore } from '../data';
import { checkOutputPath, writeFileAtomic } from '../files';
import { CliError, EXIT, emit, type CliIo } from '../io';
import { asCaller, credentialsHelp, noPupilWithUpn } from '../session';
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
  const words = raw.split(/[\s,]+/).map((w) => w.trim().toLowerCase().replace(/-/g, '_')).filter(Boolean);
  if (!words.length) throw new CliError(`--sections needs at least one of: ${EXPORT_SECTIONS.join(', ')}.`);
  if (words.length === 1 && words[0] === 'all') return [...EXPORT_SECTIONS];
  const bad = words.filter((w) => !(EXPORT_SECTIONS as readonly string[]).includes(w));
  if (bad.length) throw new CliError(`--sections: "${bad.join('", "')}" ${bad.length === 1 ? 'is not a section' : 'are not sections'}. Choose from: ${EXPORT_SECTIONS.join(', ')} (or all).`);
  return EXPORT_SECTIONS.filter((s) => words.includes(s));
}

/** "public_task+substantial_public_interest": the Article 6 basis and the Article 9 condition. */
export function parseBasis(raw: string): { article6: (typeof ARTICLE6_BASES)[number]; article9: (typeof ARTICLE9_CONDITIONS)[number] } {
  const [a6, a9, ...rest] = raw.split('+').map((w) => w.trim().toLowerCase().replace(/-/g, '_'));
  const hint = `Give the Article 6 basis and the Article 9 condition joined by "+", for example public_task+substantial_public_interest. Article 6: ${ARTICLE6_BASES.join(', ')}. Article 9: ${ARTICLE9_CONDITIONS.join(', ')}.`;
  if (!a6 || !a9 || rest.length) throw new CliError(`--basis "${raw}" is not a lawful basis. ${hint}`);
  if (!(ARTICLE6_BASES as readonly string[]).includes(a6)) throw new CliError(`--basis: "${a6}" is not an Article 6 basis. ${hint}`);
  if (!(ARTICLE9_CONDITIONS as readonly string[]).includes(a9)) throw new CliError(`--basis: "${a9}" is not an Article 9 condition. ${hint}`);
  return { article6: a6 as (typeof ARTICLE6_BASES)[number], article9: a9 as (typeof ARTICLE9_CONDITIONS)[number] };
}

export async function exportCommand(opts: ExportOptions, io: CliIo): Promise<number> {
  if (!opts.out.trim()) throw new CliError('--out needs a file name, such as record.age.');
  const upn = parseUpnOption(opts.pupil);
  const organisation = opts.to.trim();
  if (!organisation) throw new CliError('--to needs the organisation receiving the record, such as "Exampleshire SEND team".');
  const sections = parseSections(opts.sections);
  const basis = parseBasis(opts.basis);
  const passphrase = io.env[PASSPHRASE_ENV] ?? '';
  const recipient = opts.recipient?.trim() || null;
  if (recipient && passphrase) throw new CliError(`Give either --recipient or ${PASSPHRASE_ENV}, not both: the package is locked one way.`);
  if (!recipient && !passphrase) {
    throw new CliError(`Lock the package: give the agency's age public key with --recipient, or set ${PASSPHRASE_ENV} to a passphrase (at least 10 characters) to give them by phone.`);
  }
  checkOutputPath(opts.out, opts.force === true);
  return withCore(openSetUpCore(opts.data, io), (core) => asCaller(core, io, { command: 'export', why: "exports a pupil's record" }, async (caller) => {
    const found = await caller.invoke('pupils.list', { search: upn, includeFormer: true, page: 0, pageSize: 20 });
    if (!found.ok) throw new CliError(found.error.message, EXIT.refused, found.error.code);
    const pupil = found.value.rows.find((p: PupilRow) => p.upn === upn);
    if (!pupil) throw new CliError(noPupilWithUpn(caller, upn, opts.data, 'Check the number (senco-desk pupils list --former --search NAME shows UPNs).'), EXIT.refused, 'not_found');
    const r = await caller.invoke('exports.create', {
      pupilId: pupil.id, organisation, sections, basis, recipient, passphrase: recipient ? null : passphrase, note: opts.note?.trim() || null,
    });
    if (!r.ok) {
      const detail = r.error.fields ? Object.entries(r.error.fields).map(([k, v]) => `${k}: ${v}`).join(' ') : '';
      throw new CliError(`${r.error.message}${detail && !r.error.message.includes(detail) ? ` ${detail}` : ''}`, r.error.code === 'invalid_input' ? EXIT.usage : EXIT.refused, r.error.code);
    }
    const bytes = Buffer.from(r.value.fileBase64, 'base64');
    writeFileAtomic(opts.out, bytes, opts.force === true);
    const rec = r.value.record;
    emit(
      io,
      opts.json,
      { ok: true, path: opts.out, bytes: bytes.length, sha256: rec.sha256, sections: rec.sections, organisation: rec.organisation, lockedWith: rec.lockedWith, logId: rec.id },
      () =>
        `Wrote ${pupil.name}'s record (${rec.sections.join(', ')}) for ${rec.organisation} to ${opts.out}: ${bytes.length.toLocaleString('en-GB')} bytes, ` +
        `encrypted with ${rec.lockedWith === 'public_key' ? 'their age public key' : 'the passphrase'}. It is in the sharing log.\n` +
        `They open it with: age -d ${rec.lockedWith === 'public_key' ? '-i THEIR_KEY_FILE ' : ''}-o record.zip ${opts.out}\n`,
    );
    return EXIT.ok;
  }));
}

export function registerExport(program: Command, io: CliIo, run: (p: Promise<number>) => Promise<void>): void {
  program
    .command('export')
    .description("Export a pupil's record for an external agency, encrypted in the age format (a PDF, JSON and CSV of only the sections chosen).")
    .requiredOption('--pupil <upn>', "the pupil's UPN")
    .requiredOption('--to <organisation>', 'the organisation receiving it, e.g. "Exampleshire SEND team"')
    .requiredOption('--sections <list>', `what to share, comma-separated (or all): ${EXPORT_SECTIONS.join(', ')}`)
    .requiredOption('--basis <basis>', 'the lawful basis: Article 6 basis + Article 9 condition, e.g. public_task+substantial_public_interest')
    .option('--recipient <age-public-key>', `the agency's age public key (age1...); without it the passphrase in ${PASSPHRASE_ENV} locks the package`)
    .requiredOption('--out <file>', 'the .age file to write (refused if it exists, unless --force)')
    .option('--note <text>', 'a note for the sharing log (why it was shared)')
    .option('--force', 'replace the file if it exists')
    .option('--data <dir>', 'data folder', defaultDataDir(io.env))
    .option('--json', 'print {ok, path, bytes, sha256, sections, organisation, lockedWith, logId} as JSON')
    .addHelpText(
      'after',
      `\nShare only what the agency needs (UK GDPR minimum necessary). The package is a ZIP holding record.pdf (readable),\n` +
        'pupil.json (machine-readable), one CSV per section and manifest.json, encrypted with age (https://age-encryption.org):\n' +
        '  with --recipient: only the holder of that key opens it:  age -d -i their-key.txt -o record.zip FILE.age\n' +
        `  with ${PASSPHRASE_ENV}: anyone with the passphrase does:  age -d -o record.zip FILE.age  (it asks for it)\n` +
        'Give a passphrase separately (by phone), never in the same email as the file. manifest.json is signed with this\n' +
        "school's key: another SENCo Desk imports the package on its Sharing page (Transfer in), showing who signed it\n" +
        "(check the fingerprint in Settings > School by phone) and every field it would change before anything is written.\n" +
        `Article 6 bases: ${ARTICLE6_BASES.join(', ')}.\nArticle 9 conditions: ${ARTICLE9_CONDITIONS.join(', ')}.\n` +
        'Every export is in the sharing log (who, when, to whom, which sections, the basis) and the audit trail.\n\n' +
        'Exit status: 0 written; 1 not set up, no pupil with that UPN, or refused; 2 usage error (a malformed UPN, an unknown\n' +
        'section or basis, a bad key or short passphrase), or the file exists (without --force).\n',
    )
    .addHelpText('after', credentialsHelp('user'))
    .action((opts: ExportOptions) => run(exportCommand(opts, io)));
}
