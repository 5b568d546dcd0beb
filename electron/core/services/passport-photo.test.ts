/**
 * A passport photo's check and clean-up: PNG and JPEG read from their bytes, anything but the picture removed (a
 * phone photo's EXIF with where it was taken, text chunks naming people), and everything else refused with a message
 * that says what to do.
 */
import { describe, expect, it } from 'vitest';
import { AppFailure } from '../../../shared/result';
import { makeJpeg, makePng } from '../testing/images';
import { cleanPhoto, decodePhotoBase64 } from './passport-photo';

const refusal = (f: () => unknown): AppFailure => {
  try {
    f();
  } catch (e) {
    if (e instanceof AppFailure) return e;
    throw e;
  }
  throw new Error('not refused');
};

describe('a passport photo', () => {
  it('keeps a PNG picture and drops its text, EXIF and time chunks', () => {
    const png = makePng(48, [
      { type: 'tEXt', data: Buffer.from('Author\0Jo Testington at 12 Example Road', 'latin1') },
      { type: 'eXIf', data: Buffer.from('GPS 51.5N 0.1W', 'latin1') },
      { type: 'tIME', data: Buffer.from([7, 234, 11, 23, 9, 0, 0]) },
      { type: 'pHYs', data: Buffer.from([0, 0, 11, 19, 0, 0, 11, 19, 1]) },
    ]);
    const clean = cleanPhoto(png);
    expect(clean).toMatchObject({ type: 'image/png', width: 48, height: 48 });
    const text = clean.bytes.toString('latin1');
    expect(text).not.toMatch(/Testington|GPS|tEXt|eXIf|tIME/);
    expect(text).toMatch(/IHDR[\s\S]*pHYs[\s\S]*IDAT[\s\S]*IEND/);
    // Nothing but those chunks went: the clean PNG is the plain one (with pHYs) byte for byte.
    expect(clean.bytes.equals(makePng(48, [{ type: 'pHYs', data: Buffer.from([0, 0, 11, 19, 0, 0, 11, 19, 1]) }]))).toBe(true);
  });

  it('drops a JPEG’s EXIF, XMP, IPTC and comments but keeps JFIF, Adobe and the picture', () => {
    const jpeg = makeJpeg(40, 30, [
      { marker: 0xe1, data: Buffer.from('Exif\0\0GPS 51.5N Jo Testington', 'latin1') },
      { marker: 0xed, data: Buffer.from('Photoshop 3.0 IPTC caption', 'latin1') },
      { marker: 0xfe, data: Buffer.from('taken at 12 Example Road', 'latin1') },
      { marker: 0xee, data: Buffer.from('Adobe\0d\0\0\0\0\x01', 'latin1') },
    ]);
    const clean = cleanPhoto(jpeg);
    expect(clean).toMatchObject({ type: 'image/jpeg', width: 40, height: 30 });
    const text = clean.bytes.toString('latin1');
    expect(text).not.toMatch(/Exif|GPS|Testington|IPTC|Example Road/);
    expect(text).toMatch(/JFIF[\s\S]*Adobe/);
    expect(clean.bytes.subarray(-2)).toEqual(Buffer.from([0xff, 0xd9]));
    expect(clean.bytes.length).toBeLessThan(jpeg.length);
  });

  it('refuses what is not a PNG or JPEG, a damaged one, one too large or too big a picture, saying what to do', () => {
    expect(refusal(() => cleanPhoto(Buffer.from('GIF89a.....'))).message).toMatch(/PNG or JPEG/);
    expect(refusal(() => cleanPhoto(makePng(16).subarray(0, 60))).message).toMatch(/incomplete or damaged/);
    expect(refusal(() => cleanPhoto(makeJpeg().subarray(0, 30))).message).toMatch(/incomplete or damaged/);
    const big = Buffer.concat([makePng(8).subarray(0, 8), Buffer.alloc(500 * 1024)]);
    expect(refusal(() => cleanPhoto(big)).message).toMatch(/is 501 KB, and a passport photo can be at most 400 KB/);
    expect(refusal(() => cleanPhoto(makeJpeg(5000, 20))).message).toMatch(/5000 by 20 pixels/);
    const f = refusal(() => decodePhotoBase64('not base64!'));
    expect(f).toMatchObject({ code: 'invalid_input', fields: { 'photo.base64': expect.stringMatching(/Choose the photo again/) } });
  });
});
