/**
 * Password-protected PDFs (AES-256) made with pdfkit 0.20.2, for sending a document such as the review pack outside
 * the school. Two steps, because pdfkit alone is not quite enough:
 *
 * 1. `protectedPdfOptions(password)`: the PDFDocument options to merge. `pdfVersion: '1.7ext3'` is the only pdfkit
 *    setting that gives AES-256 (with '2.0' it silently falls back to RC4-40). A random owner password is set, so
 *    the reader's password cannot be used to lift the permissions (print and screen readers allowed, editing not).
 * 2. `upgradeToRevision6(doc, password)`: pdfkit writes revision 5 of the standard security handler, Adobe's
 *    pre-ISO AES-256 whose password check is one SHA-256 (fast to brute-force, and deprecated by PDF 2.0). The
 *    content encryption of R5 and R6 is identical, so this replaces only the password entries (U, UE, O, OE) with
 *    the ISO 32000-2 revision 6 ones (Algorithm 2.B's iterated hash) for the same file key. It relies on pdfkit's
 *    internals (pinned exactly in package.json) and throws if they are not as expected, rather than leave R5.
 *
 * Call both, in that order, before anything is drawn. Plain Node: no Electron.
 */
import { createCipheriv, createHash, randomBytes } from 'node:crypto';

/** The fewest characters a PDF password may have. */
export const PDF_PASSWORD_MIN_LENGTH = 10;
/** PDF revision 6 uses at most 127 bytes of the UTF-8 password; a longer one would be cut silently. */
export const PDF_PASSWORD_MAX_BYTES = 127;

export type PdfPasswordErrorCode = 'too_short' | 'too_long' | 'bad_characters';

export class PdfPasswordError extends Error {
  constructor(
    readonly code: PdfPasswordErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'PdfPasswordError';
  }
}

/** What `protectedPdfOptions` returns: pdfkit's PDFDocument options for encryption. */
export interface ProtectedPdfOptions {
  readonly pdfVersion: '1.7ext3';
  readonly userPassword: string;
  readonly ownerPassword: string;
  readonly permissions: PDFKit.DocumentPermissions;
}

// Characters SASLprep (RFC 4013) maps to a plain space, and those it removes; PDF readers apply it to what is typed.
const SPACES = /[\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/g;
const NOTHING = new Set([
  0x00ad,
  0x034f,
  0x1806,
  0x180b,
  0x180c,
  0x180d,
  0x200b,
  0x200c,
  0x200d,
  0x2060,
  0xfeff,
  ...Array.from({ length: 16 }, (_, i) => 0xfe00 + i),
]);
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/;

/** The password as a PDF reader will see it (SASLprep, close enough for anything that passes the check below). */
function prepare(password: string): string {
  const kept = [...password.replace(SPACES, ' ')].filter((ch) => !NOTHING.has(ch.codePointAt(0) as number));
  return kept.join('').normalize('NFKC');
}

/** Checks a password for a protected PDF; throws PdfPasswordError with a plain message if it will not do. */
export function checkPdfPassword(password: string): void {
  if (CONTROL.test(password)) {
    throw new PdfPasswordError(
      'bad_characters',
      'The password contains a control character (such as a tab or a line break). Use letters, numbers, spaces and punctuation only.',
    );
  }
  const prepared = prepare(password);
  if ([...prepared].length < PDF_PASSWORD_MIN_LENGTH) {
    throw new PdfPasswordError(
      'too_short',
      `The password must be at least ${PDF_PASSWORD_MIN_LENGTH} characters long. Three or four unrelated words are easy to type and hard to guess.`,
    );
  }
  if (Buffer.byteLength(prepared, 'utf8') > PDF_PASSWORD_MAX_BYTES) {
    throw new PdfPasswordError(
      'too_long',
      'The password is too long for a PDF (at most 127 letters and numbers, fewer with accents or symbols). Choose a shorter one.',
    );
  }
}

/** pdfkit options for an AES-256 password-protected PDF; throws PdfPasswordError for an unsuitable password. */
export function protectedPdfOptions(password: string): ProtectedPdfOptions {
  checkPdfPassword(password);
  return {
    pdfVersion: '1.7ext3',
    userPassword: password,
    ownerPassword: randomBytes(32).toString('hex'),
    permissions: {
      printing: 'highResolution',
      contentAccessibility: true,
      copying: false,
      modifying: false,
      annotating: false,
      fillingForms: false,
      documentAssembly: false,
    },
  };
}

/** ISO 32000-2 Algorithm 2.B: the revision 6 password hash. `udata` is the 48-byte U entry for the owner, else empty. */
export function hashR6(password: Uint8Array, salt: Uint8Array, udata: Uint8Array = new Uint8Array(0)): Buffer {
  let k: Buffer = createHash('sha256').update(password).update(salt).update(udata).digest();
  for (let round = 1; ; round++) {
    const block = Buffer.concat([password, k, udata]);
    const k1 = Buffer.concat(Array.from({ length: 64 }, () => block));
    const cipher = createCipheriv('aes-128-cbc', k.subarray(0, 16), k.subarray(16, 32));
    cipher.setAutoPadding(false);
    const e = Buffer.concat([cipher.update(k1), cipher.final()]);
    // The first 16 bytes as a big-endian number, mod 3: the same as their sum mod 3, since 256 = 1 (mod 3).
    let sum = 0;
    for (let i = 0; i < 16; i++) sum += e[i] as number;
    k = createHash(['sha256', 'sha384', 'sha512'][sum % 3] as string)
      .update(e)
      .digest();
    if (round >= 64 && (e[e.length - 1] as number) <= round - 32) break;
  }
  return k.subarray(0, 32);
}

function aes256NoIv(key: Uint8Array, data: Uint8Array): Buffer {
  const cipher = createCipheriv('aes-256-cbc', key, Buffer.alloc(16));
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(data), cipher.final()]);
}

/** The password bytes revision 6 hashes: SASLprep, UTF-8, at most 127 bytes. */
function passwordBytes(password: string): Buffer {
  return Buffer.from(prepare(password), 'utf8').subarray(0, PDF_PASSWORD_MAX_BYTES);
}

/** The encryption entries pdfkit keeps in `doc._security` (pdfkit 0.20.2). */
interface PdfkitSecurity {
  readonly encryptionKey?: unknown;
  readonly dictionary?: { readonly data?: Record<string, unknown> };
}

/**
 * Turns pdfkit's revision 5 AES-256 encryption into revision 6 (see the top of this file). `doc` must have been
 * made with `protectedPdfOptions(password)`; call this before anything is drawn. A new random owner password is
 * used (it is never shown to anyone); tests pass their own to check the owner entries too.
 */
export function upgradeToRevision6(
  doc: PDFKit.PDFDocument,
  password: string,
  ownerPassword: string = randomBytes(32).toString('hex'),
): void {
  checkPdfPassword(password);
  const security = (doc as unknown as { _security?: PdfkitSecurity })._security;
  const dict = security?.dictionary?.data;
  const fileKey = security?.encryptionKey;
  if (!dict || dict.V !== 5 || dict.R !== 5 || !(fileKey instanceof Uint8Array) || fileKey.length !== 32) {
    throw new Error(
      'The PDF library did not set up AES-256 encryption as expected, so the PDF cannot be protected. This is a fault in SENCo Desk: please report it.',
    );
  }
  const user = passwordBytes(password);
  const owner = passwordBytes(ownerPassword);

  const userValidationSalt = randomBytes(8);
  const userKeySalt = randomBytes(8);
  const u = Buffer.concat([hashR6(user, userValidationSalt), userValidationSalt, userKeySalt]);
  const ue = aes256NoIv(hashR6(user, userKeySalt), fileKey);

  const ownerValidationSalt = randomBytes(8);
  const ownerKeySalt = randomBytes(8);
  const o = Buffer.concat([hashR6(owner, ownerValidationSalt, u), ownerValidationSalt, ownerKeySalt]);
  const oe = aes256NoIv(hashR6(owner, ownerKeySalt, u), fileKey);

  // pdfkit wrote its R5 entries as Uint8Arrays; give ours the same type so they are serialised the same way.
  dict.R = 6;
  dict.U = new Uint8Array(u);
  dict.UE = new Uint8Array(ue);
  dict.O = new Uint8Array(o);
  dict.OE = new Uint8Array(oe);
}
