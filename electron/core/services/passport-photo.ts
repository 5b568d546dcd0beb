/**
 * A passport's photo (issue 18, item 3), checked and cleaned before it is written to the database: it must be a whole
 * PNG or JPEG (read from its bytes, not from what the sender says it is), at most PASSPORT_PHOTO_MAX_BYTES and 4,096
 * pixels a side; and whatever it carries besides the picture is removed. A phone photo's EXIF block can hold where and
 * when it was taken and the phone's owner; XMP and IPTC blocks, PNG text chunks and comments can hold names. So:
 *   JPEG  every APPn segment but APP0 (JFIF) and APP14 (Adobe: how to read the colours) is dropped, and comments (COM);
 *         everything from the start of the scan on is kept as it is. (A camera's EXIF orientation goes with the EXIF:
 *         the picture then shows as it was stored, which the person choosing it sees in the preview.)
 *   PNG   only the chunks that draw the picture are kept (IHDR, PLTE, tRNS, gAMA, cHRM, sRGB, iCCP, sBIT, bKGD, pHYs,
 *         IDAT, IEND); text (tEXt, zTXt, iTXt), eXIf, tIME and any other chunk are dropped.
 * The photo lives in the encrypted database only (as base64); it is never written to a file.
 */
import { PASSPORT_PHOTO_MAX_BYTES, type PassportPhotoType } from '../../../shared/contract';
import { t, type I18nKeyUnder } from '../../../shared/i18n';
import { AppFailure } from '../../../shared/result';

export const MAX_PHOTO_SIDE = 4096;

export interface CleanPhoto {
  readonly type: PassportPhotoType;
  readonly bytes: Buffer;
  readonly width: number;
  readonly height: number;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const PNG_KEEP = new Set(['IHDR', 'PLTE', 'tRNS', 'gAMA', 'cHRM', 'sRGB', 'iCCP', 'sBIT', 'bKGD', 'pHYs', 'IDAT', 'IEND']);

const refuse = (key: I18nKeyUnder<'passports.photo'>, options?: Record<string, unknown>): AppFailure => {
  const message = t(`passports.photo.${key}`, options);
  return new AppFailure('invalid_input', message, { 'photo.base64': message });
};

/** The bytes of standard base64 (padding optional), or a refusal: Buffer.from would skip what is not base64. */
export function decodePhotoBase64(base64: string): Buffer {
  const s = base64.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(s) || s.length % 4 === 1) throw refuse('notBase64');
  return Buffer.from(s, 'base64');
}

/** The photo checked and with its metadata removed; a refusal says what is wrong and what to do. */
export function cleanPhoto(bytes: Buffer): CleanPhoto {
  if (bytes.length > PASSPORT_PHOTO_MAX_BYTES) throw refuse('tooLarge', { size: kb(bytes.length), max: kb(PASSPORT_PHOTO_MAX_BYTES) });
  let clean: CleanPhoto;
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(PNG_SIGNATURE)) clean = cleanPng(bytes);
  else if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) clean = cleanJpeg(bytes);
  else throw refuse('notImage');
  if (clean.width < 1 || clean.height < 1 || clean.width > MAX_PHOTO_SIDE || clean.height > MAX_PHOTO_SIDE) {
    throw refuse('dimensions', { width: clean.width, height: clean.height, max: MAX_PHOTO_SIDE });
  }
  return clean;
}

const kb = (n: number) => `${Math.ceil(n / 1024)} KB`;

function cleanPng(bytes: Buffer): CleanPhoto {
  const kept: Buffer[] = [PNG_SIGNATURE];
  let at = 8;
  let width = 0;
  let height = 0;
  let first = true;
  let ended = false;
  let sawData = false;
  while (at < bytes.length) {
    if (at + 12 > bytes.length) throw refuse('brokenPng');
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString('latin1', at + 4, at + 8);
    const end = at + 12 + length;
    if (!/^[A-Za-z]{4}$/.test(type) || end > bytes.length) throw refuse('brokenPng');
    if (first && (type !== 'IHDR' || length < 8)) throw refuse('brokenPng');
    if (first) {
      width = bytes.readUInt32BE(at + 8);
      height = bytes.readUInt32BE(at + 12);
    }
    first = false;
    if (type === 'IDAT') sawData = true;
    if (PNG_KEEP.has(type)) kept.push(bytes.subarray(at, end));
    at = end;
    if (type === 'IEND') {
      ended = true;
      break;
    }
  }
  if (!ended || !sawData) throw refuse('brokenPng');
  return { type: 'image/png', bytes: Buffer.concat(kept), width, height };
}

/** SOFn markers that give the frame's size (not DHT C4, JPG C8 or DAC CC). */
const isFrame = (m: number) => m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc;

function cleanJpeg(bytes: Buffer): CleanPhoto {
  const kept: Buffer[] = [bytes.subarray(0, 2)];
  let at = 2;
  let width = 0;
  let height = 0;
  for (;;) {
    if (at + 4 > bytes.length || bytes[at] !== 0xff) throw refuse('brokenJpeg');
    const marker = bytes[at + 1] as number;
    // Fill bytes (0xFF repeated) may come before a marker.
    if (marker === 0xff) {
      at += 1;
      continue;
    }
    const length = bytes.readUInt16BE(at + 2);
    const end = at + 2 + length;
    if (length < 2 || end > bytes.length) throw refuse('brokenJpeg');
    if (isFrame(marker)) {
      if (length < 7) throw refuse('brokenJpeg');
      height = bytes.readUInt16BE(at + 5);
      width = bytes.readUInt16BE(at + 7);
    }
    if (marker === 0xda) {
      // Start of scan: the picture itself, to the end (its own markers are inside the entropy-coded data).
      if (!width || !height) throw refuse('brokenJpeg');
      kept.push(bytes.subarray(at));
      break;
    }
    const metadata = (marker >= 0xe1 && marker <= 0xef && marker !== 0xee) || marker === 0xfe;
    if (!metadata) kept.push(bytes.subarray(at, end));
    at = end;
  }
  const out = Buffer.concat(kept);
  if (out[out.length - 2] !== 0xff || out[out.length - 1] !== 0xd9) throw refuse('brokenJpeg');
  return { type: 'image/jpeg', bytes: out, width, height };
}
