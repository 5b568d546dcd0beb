/**
 * Sharing with agencies (issue 9): encrypted export packages (age format: a readable PDF, JSON and CSV of only the
 * sections chosen), the review pack as an AES-256 password-protected PDF, the sharing log with its lawful basis,
 * and transfer in (a package from another SENCo Desk, previewed before anything is written).
 */
import { z } from 'zod';
import { t } from '../i18n';
import { id, isoDate, optionalText, text } from '../validation';
import { urn } from './setup';
import { op } from './define';
import { MAX_PACKAGE_BASE64, MAX_PACKAGE_BYTES } from './limits';

/** What an export can hold; the agency gets only the sections chosen (UK GDPR Art. 5(1)(c), minimum necessary). */
export const EXPORT_SECTIONS = [
  'details',
  'needs',
  'ehcp',
  'referrals',
  'assessments',
  'bands',
  'plans',
  'sessions',
  'reviews',
  'parent_updates',
] as const;
export type ExportSection = (typeof EXPORT_SECTIONS)[number];

/** UK GDPR Article 6(1) lawful bases. */
export const ARTICLE6_BASES = [
  'consent',
  'contract',
  'legal_obligation',
  'vital_interests',
  'public_task',
  'legitimate_interests',
] as const;
/** UK GDPR Article 9(2) conditions for special category (health, SEN) data. */
export const ARTICLE9_CONDITIONS = [
  'explicit_consent',
  'employment_social_security',
  'vital_interests',
  'not_for_profit',
  'made_public',
  'legal_claims',
  'substantial_public_interest',
  'health_social_care',
  'public_health',
  'archiving_research',
] as const;
export type Article6Basis = (typeof ARTICLE6_BASES)[number];
export type Article9Condition = (typeof ARTICLE9_CONDITIONS)[number];

export const lawfulBasis = z.object({ article6: z.enum(ARTICLE6_BASES), article9: z.enum(ARTICLE9_CONDITIONS) }).strict();

/** An age X25519 public key as the agency gives it: age1 followed by 58 lower-case bech32 characters. */
export const agePublicKey = z
  .string()
  .trim()
  .max(100)
  .regex(/^age1[02-9ac-hj-np-z]{58}$/, { error: () => t('validation.agePublicKey') });

export const exportPassphrase = z
  .string()
  .min(10, { error: () => t('validation.exportPassphrase') })
  .max(200);

/**
 * How a share is made. 'protected_pdf' (the default): one PDF of the chosen sections, AES-256 password-protected,
 * which opens in any PDF reader (council and NHS laptops cannot run other tools); the core makes a strong password and
 * returns it once, to be given separately. 'age_package': the encrypted package (PDF, JSON, CSV) for a recipient with
 * an age key, or another SENCo Desk (transfer in), locked with their public key or a passphrase the sender chooses.
 */
export const EXPORT_FORMATS = ['protected_pdf', 'age_package'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const exportInput = z
  .object({
    pupilId: id,
    /** Who receives it: "Exampleshire SEND team", "Northgate Academy". */
    organisation: text(200),
    sections: z
      .array(z.enum(EXPORT_SECTIONS))
      .min(1, { error: () => t('validation.exportSections') })
      .max(EXPORT_SECTIONS.length),
    basis: lawfulBasis,
    format: z.enum(EXPORT_FORMATS),
    /**
     * An age package: exactly one of the agency's age public key, or a passphrase to give them separately (by phone,
     * not email). A protected PDF: neither (its password is made by the core and returned once).
     */
    recipient: agePublicKey.nullable(),
    passphrase: exportPassphrase.nullable(),
    note: optionalText(500),
  })
  .strict()
  .refine((v) => v.format !== 'age_package' || (v.recipient === null) !== (v.passphrase === null), {
    error: () => t('validation.keyOrPassphrase'),
    path: ['passphrase'],
  })
  .refine((v) => v.format !== 'protected_pdf' || (v.recipient === null && v.passphrase === null), {
    error: () => t('validation.pdfMakesPassword'),
    path: ['passphrase'],
  })
  .refine((v) => new Set(v.sections).size === v.sections.length, { error: () => t('validation.exportSections'), path: ['sections'] });

export interface SharingRecord {
  readonly id: string;
  readonly pupilId: string;
  readonly pupilName: string;
  readonly upn: string;
  readonly organisation: string;
  readonly sections: readonly string[];
  readonly article6: Article6Basis;
  readonly article9: Article9Condition;
  /** 'age_package' (passphrase or key) or 'protected_pdf' (chosen sections, or the review pack). */
  readonly format: 'age_package' | 'protected_pdf';
  readonly lockedWith: 'passphrase' | 'public_key' | 'password';
  /** The agency's public key when one was used. */
  readonly recipientKey: string | null;
  readonly fileName: string;
  readonly bytes: number;
  readonly sha256: string;
  readonly note: string | null;
  readonly exportedBy: string;
  readonly exportedAt: string;
}

export interface ExportResult {
  readonly record: SharingRecord;
  /** The file, base64 (the renderer saves it; the CLI writes it to a temporary name and renames it into place). */
  readonly fileBase64: string;
  /**
   * The password the core made for a protected PDF of chosen sections: shown to the sender once, to give the
   * recipient separately (by phone). Kept nowhere: not in the sharing log, the audit trail or any file. Null when the
   * sender chose the secret (an age package, the review pack's PDF).
   */
  readonly password: string | null;
}

/**
 * Who made a package (issue 14, item 7), from its signature. 'own': signed with this school's own key; 'trusted':
 * with a key on the trusted senders list; 'unknown': a valid signature by a key nobody here has trusted (anyone can
 * make a key and call themselves any school); 'unsigned': no signature at all (a SENCo Desk from before packages
 * were signed, or a file made by hand). A signature that does not verify is refused, never previewed.
 */
export const SENDER_STATUSES = ['own', 'trusted', 'unknown', 'unsigned'] as const;
export type SenderStatus = (typeof SENDER_STATUSES)[number];

export interface TransferSender {
  readonly status: SenderStatus;
  /** The school and URN the package names: signed by the key below, except when unsigned. */
  readonly school: string;
  readonly urn: string;
  /** The signing key (base64url) and its fingerprint ("3F2A 91C0 ..."); null when unsigned. */
  readonly publicKey: string | null;
  readonly fingerprint: string | null;
  /** When the key is trusted: the school it was trusted as, when and by whom. */
  readonly trusted: { readonly school: string; readonly urn: string; readonly trustedAt: string; readonly trustedBy: string } | null;
  /**
   * The URN named is this school's own, or a trusted sender's, but the key is not theirs: somebody else may be
   * passing themselves off as that school.
   */
  readonly keyMismatch: boolean;
}

/** Whether importing needs the person to accept, in so many words, that the sender is not verified. */
export function senderNeedsConfirmation(sender: Pick<TransferSender, 'status'>): boolean {
  return sender.status === 'unknown' || sender.status === 'unsigned';
}

export const TRANSFER_DIFF_SECTIONS = ['details', 'contacts', 'needs', 'assessments'] as const;
export type TransferDiffSection = (typeof TRANSFER_DIFF_SECTIONS)[number];
export type TransferValue = string | boolean | readonly string[] | null;

/**
 * One field importing would write, with the value on record and the value in the package. Details: a pupil field
 * (legalFirstName, dateOfBirth, ...). Contacts: a contact's field (name, relationship, phone, email,
 * parentalResponsibility), `item` naming the contact; or 'order' when only their order changes. Needs: senStatus or
 * needs. Assessments: 'assessment', after = [date, discipline, kind, assessor].
 */
export interface TransferFieldChange {
  readonly section: TransferDiffSection;
  readonly field: string;
  readonly item: string | null;
  readonly change: 'added' | 'removed' | 'changed';
  readonly before: TransferValue;
  readonly after: TransferValue;
}

export interface TransferPreview {
  readonly pupil: { readonly upn: string; readonly name: string; readonly dateOfBirth: string; readonly yearGroup: string };
  /** 'create': a new pupil; 'update': a pupil with this UPN is already on record (details are updated). */
  readonly action: 'create' | 'update';
  readonly existingPupilId: string | null;
  readonly from: {
    readonly school: string;
    readonly exportedAt: string;
    readonly organisation: string;
    readonly sections: readonly string[];
  };
  /** Who made the package, as its signature shows. */
  readonly sender: TransferSender;
  /** Per section: what importing would add or change; 'kept' sections are in the package for reading only. */
  readonly changes: readonly {
    readonly section: string;
    readonly add: number;
    readonly update: number;
    readonly unchanged: number;
    readonly kept: boolean;
  }[];
  /** Every field importing would write, old value and new: nothing else is written. */
  readonly diff: readonly TransferFieldChange[];
  /** SHA-256 of the package file previewed; the import must name it, so a different file cannot be swapped in. */
  readonly packageSha256: string;
  /** SHA-256 of what the preview showed; the import refuses if the record here changed since. */
  readonly planSha256: string;
}

export interface SigningIdentity {
  readonly school: string;
  readonly urn: string;
  readonly algorithm: string;
  readonly publicKey: string;
  /** What the SENCo reads to another school on the phone. */
  readonly fingerprint: string;
  readonly createdAt: string;
}

export interface TrustedSender {
  readonly id: string;
  readonly school: string;
  readonly urn: string;
  readonly publicKey: string;
  readonly fingerprint: string;
  readonly note: string | null;
  readonly trustedBy: string;
  readonly trustedAt: string;
}

const sha256Hex = z
  .string()
  .max(64)
  .regex(/^[0-9a-f]{64}$/, { error: () => t('validation.transferHash') });
/** An Ed25519 public key as packages carry it: base64url of 32 bytes. */
const signingPublicKey = z
  .string()
  .max(43)
  .regex(/^[A-Za-z0-9_-]{43}$/, { error: () => t('validation.signingKey') });

export const trustSenderInput = z
  .object({
    publicKey: signingPublicKey,
    school: text(200),
    urn,
    /** The fingerprint as shown and checked by phone; the core recomputes it from the key and refuses a mismatch. */
    fingerprint: z.string().trim().max(100),
    /** How it was checked: who the SENCo spoke to, on which number. */
    note: optionalText(300),
  })
  .strict();

const packageOpen = {
  /** The sealed package, standard base64: at most MAX_PACKAGE_BYTES (shared/contract/limits.ts). */
  packageBase64: z
    .base64({ error: () => t('integrity.packageNotBase64') })
    .min(1)
    .max(MAX_PACKAGE_BASE64, { error: () => t('integrity.packageTooLarge', { max: Math.floor(MAX_PACKAGE_BYTES / 1024 / 1024) }) }),
  passphrase: z.string().min(1).max(200).nullable(),
  /** An age identity (AGE-SECRET-KEY-1...) for a package locked to the school's public key. */
  identity: z.string().trim().max(5000).nullable(),
};

const SHARERS = ['senco', 'therapy_lead'] as const;

export const sharingOps = {
  'exports.create': op<ExportResult>()({ input: exportInput, access: SHARERS, kind: 'write', audit: true }),
  'exports.reviewPackPdf': op<ExportResult>()({
    input: z
      .object({ reviewId: id, organisation: text(200), basis: lawfulBasis, password: exportPassphrase, note: optionalText(500) })
      .strict(),
    access: SHARERS,
    kind: 'write',
    audit: true,
  }),
  /** The sharing log: every export, or (with pupilId) what was shared about one pupil, for a subject access request. */
  'exports.log': op<readonly SharingRecord[]>()({
    input: z.object({ pupilId: id.optional(), from: isoDate.optional(), to: isoDate.optional() }).strict(),
    access: ['senco', 'therapy_lead', 'headteacher'],
    kind: 'read',
    audit: true,
  }),
  'transfers.preview': op<TransferPreview>()({
    input: z.object(packageOpen).strict(),
    access: ['senco'],
    kind: 'read',
    audit: true,
  }),
  /**
   * Writes exactly what the preview showed: `packageSha256` and `planSha256` come from it. `acceptUnverified`: the
   * person has confirmed, having been told the risk, that they import from an unknown or unsigned sender.
   */
  'transfers.import': op<TransferPreview & { readonly pupilId: string }>()({
    input: z
      .object({ ...packageOpen, confirm: z.literal(true), packageSha256: sha256Hex, planSha256: sha256Hex, acceptUnverified: z.boolean() })
      .strict(),
    access: ['senco'],
    kind: 'write',
    audit: true,
  }),
  /** This school's signing key: its fingerprint, to read to another school (made now if this database has none yet). */
  'transfers.identity': op<SigningIdentity>()({
    input: z.object({}).strict(),
    access: ['senco', 'therapy_lead', 'headteacher'],
    kind: 'read',
    audit: false,
  }),
  'transfers.senders.list': op<readonly TrustedSender[]>()({
    input: z.object({}).strict(),
    access: ['senco'],
    kind: 'read',
    audit: false,
  }),
  /** Trust a sender's key, after reading its fingerprint with them by phone. */
  'transfers.senders.trust': op<TrustedSender>()({
    input: trustSenderInput,
    access: ['senco'],
    kind: 'write',
    audit: true,
  }),
  'transfers.senders.remove': op<{ readonly removed: true }>()({
    input: z.object({ id }).strict(),
    access: ['senco'],
    kind: 'write',
    audit: true,
  }),
} as const;
