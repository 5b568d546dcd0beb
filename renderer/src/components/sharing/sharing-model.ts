/**
 * Pure helpers for sharing screens: the passphrase suggester (random words, crypto.getRandomValues), the lawful
 * basis labels with their legal references, the file and log helpers, and the share form's own checks (the core
 * checks again; these put the message beside the field before anything is sent).
 */
import {
  ARTICLE6_BASES,
  ARTICLE9_CONDITIONS,
  EXPORT_SECTIONS,
  agePublicKey,
  type Article6Basis,
  type Article9Condition,
  type ExportSection,
  type SharingRecord,
} from '../../../../shared/contract';
import { codeLabel, t } from '../../../../shared/i18n';

export { WORDS, randomBelow, suggestPassphrase, type RandomSource } from '../../../../shared/passphrase';

/** The letters of UK GDPR Article 6(1) and Article 9(2), in the contract's order. */
const ARTICLE6_LETTER: Readonly<Record<Article6Basis, string>> = {
  consent: 'a',
  contract: 'b',
  legal_obligation: 'c',
  vital_interests: 'd',
  public_task: 'e',
  legitimate_interests: 'f',
};
const ARTICLE9_LETTER: Readonly<Record<Article9Condition, string>> = {
  explicit_consent: 'a',
  employment_social_security: 'b',
  vital_interests: 'c',
  not_for_profit: 'd',
  made_public: 'e',
  legal_claims: 'f',
  substantial_public_interest: 'g',
  health_social_care: 'h',
  public_health: 'i',
  archiving_research: 'j',
};

/** A basis in plain English and its legal reference: { name: "Public task", ref: "Article 6(1)(e)" }. */
export function article6Parts(b: Article6Basis): { readonly name: string; readonly ref: string } {
  return { name: t(`sharingUi.basis.article6.${b}`), ref: t('sharingUi.basis.ref6', { letter: ARTICLE6_LETTER[b] }) };
}

export function article9Parts(c: Article9Condition): { readonly name: string; readonly ref: string } {
  return { name: t(`sharingUi.basis.article9.${c}`), ref: t('sharingUi.basis.ref9', { letter: ARTICLE9_LETTER[c] }) };
}

/** "Public task — Article 6(1)(e)" */
export function article6Label(b: Article6Basis): string {
  const { name, ref } = article6Parts(b);
  return `${name} — ${ref}`;
}

/** "Substantial public interest — Article 9(2)(g)" */
export function article9Label(c: Article9Condition): string {
  const { name, ref } = article9Parts(c);
  return `${name} — ${ref}`;
}

export const ARTICLE6_OPTIONS = ARTICLE6_BASES.map((value) => ({ value, label: article6Label(value) }));
export const ARTICLE9_OPTIONS = ARTICLE9_CONDITIONS.map((value) => ({ value, label: article9Label(value) }));

/** What a school usually relies on when sharing SEN records with the local authority, health or another school. */
export const DEFAULT_BASIS: { readonly article6: Article6Basis; readonly article9: Article9Condition } = {
  article6: 'public_task',
  article9: 'substantial_public_interest',
};

/** A section's name ("Pupil details and contacts"); unknown names are shown as they are. */
export function sectionLabel(section: string): string {
  return codeLabel('exportSections', section);
}

export function sectionLabels(sections: readonly string[]): string {
  return sections.map(sectionLabel).join(', ');
}

/** How a record was locked, in words: "Passphrase", "Their public key (age1abcd…wxyz)", "Password (PDF)". */
export function lockLabel(r: Pick<SharingRecord, 'lockedWith' | 'recipientKey'>): string {
  if (r.lockedWith === 'public_key' && r.recipientKey) {
    const k = r.recipientKey;
    return t('sharingUi.lock.publicKeyShort', { key: k.length > 16 ? `${k.slice(0, 8)}…${k.slice(-6)}` : k });
  }
  return t(`sharingUi.lock.${r.lockedWith}`);
}

/** "812 bytes", "14.2 KB", "3.1 MB". */
export function formatBytes(n: number): string {
  if (n < 1024) return t('sharingUi.size.bytes', { n });
  if (n < 1024 * 1024) return t('sharingUi.size.kb', { n: (n / 1024).toFixed(1) });
  return t('sharingUi.size.mb', { n: (n / (1024 * 1024)).toFixed(1) });
}

/** Base64 of some bytes, a chunk at a time (a large package would overflow the argument list in one go). */
export function bytesToBase64(bytes: Uint8Array): string {
  let bin = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) bin += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(bin);
}

export function base64ToBytes(b64: string): Uint8Array<ArrayBuffer> {
  const bin = atob(b64);
  const bytes = new Uint8Array(new ArrayBuffer(bin.length));
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

/** The sharing log, narrowed to organisations whose name contains `organisation` (any case, spaces trimmed). */
export function filterByOrganisation(records: readonly SharingRecord[], organisation: string): SharingRecord[] {
  const q = organisation.trim().toLocaleLowerCase('en-GB');
  return q ? records.filter((r) => r.organisation.toLocaleLowerCase('en-GB').includes(q)) : [...records];
}

/** The command the agency runs to open the package (age's own tool). */
export function ageCommand(fileName: string, lockedWith: SharingRecord['lockedWith']): string {
  const quoted = /^[A-Za-z0-9._-]+$/.test(fileName) ? fileName : `"${fileName.replace(/"/g, '\\"')}"`;
  return lockedWith === 'public_key' ? `age -d -i their-key.txt -o record.zip ${quoted}` : `age -d -o record.zip ${quoted}`;
}

// ---- the share form ----

/** 'pdf': a password-protected PDF, the default (any PDF reader opens it); the others: an age package. */
export type LockMethod = 'pdf' | 'passphrase' | 'public_key';

export interface ShareForm {
  readonly organisation: string;
  readonly sections: readonly ExportSection[];
  readonly article6: Article6Basis;
  readonly article9: Article9Condition;
  readonly lock: LockMethod;
  readonly passphrase: string;
  readonly confirm: string;
  readonly recipient: string;
  readonly note: string;
}

export const EMPTY_SHARE_FORM: ShareForm = {
  organisation: '',
  sections: [],
  ...DEFAULT_BASIS,
  lock: 'pdf',
  passphrase: '',
  confirm: '',
  recipient: '',
  note: '',
};

export type ShareField = 'organisation' | 'sections' | 'passphrase' | 'confirm' | 'recipient' | 'note';
export type FieldErrors<F extends string> = Partial<Record<F, string>>;

/** Checks a passphrase and its confirmation (used for the package's passphrase and the PDF's password). */
export function checkSecret(
  secret: string,
  confirm: string,
  messages: { readonly mismatch: string; readonly confirmNeeded: string },
): { secret?: string; confirm?: string } {
  if (secret.length < 10) return { secret: t('validation.exportPassphrase') };
  if (confirm === '') return { confirm: messages.confirmNeeded };
  if (confirm !== secret) return { confirm: messages.mismatch };
  return {};
}

export function checkShareForm(f: ShareForm): FieldErrors<ShareField> {
  const errors: FieldErrors<ShareField> = {};
  if (f.organisation.trim() === '') errors.organisation = t('sharingUi.share.organisationNeeded');
  if (f.sections.length === 0) errors.sections = t('validation.exportSections');
  if (f.lock === 'passphrase') {
    const s = checkSecret(f.passphrase, f.confirm, {
      mismatch: t('sharingUi.passphrase.mismatch'),
      confirmNeeded: t('sharingUi.passphrase.confirmNeeded'),
    });
    if (s.secret) errors.passphrase = s.secret;
    if (s.confirm) errors.confirm = s.confirm;
  } else if (f.lock === 'public_key' && !agePublicKey.safeParse(f.recipient).success) {
    errors.recipient = t('sharingUi.share.publicKeyInvalid');
  }
  return errors;
}

/**
 * The operation's input for a checked form: the sections in the list's order; a protected PDF (no key or passphrase:
 * the core makes its password), or an age package with exactly one of key or passphrase.
 */
export function shareInput(pupilId: string, f: ShareForm) {
  return {
    pupilId,
    organisation: f.organisation.trim(),
    sections: EXPORT_SECTIONS.filter((s) => f.sections.includes(s)),
    basis: { article6: f.article6, article9: f.article9 },
    format: f.lock === 'pdf' ? ('protected_pdf' as const) : ('age_package' as const),
    recipient: f.lock === 'public_key' ? f.recipient.trim() : null,
    passphrase: f.lock === 'passphrase' ? f.passphrase : null,
    note: f.note.trim() === '' ? null : f.note.trim(),
  };
}

/** The core's field messages, put on the form's fields (the rest go in the summary at the top). */
export function splitFieldErrors<F extends string>(
  fields: Readonly<Record<string, string>> | undefined,
  known: readonly F[],
): { readonly fields: FieldErrors<F>; readonly other: readonly string[] } {
  const out: FieldErrors<F> = {};
  const other: string[] = [];
  for (const [path, message] of Object.entries(fields ?? {})) {
    const top = path.split('.')[0] as F;
    if (known.includes(top)) out[top] ??= message;
    else other.push(message);
  }
  return { fields: out, other };
}
