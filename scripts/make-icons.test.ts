/**
 * The app's icons in resources/build are what scripts/make-icons.mjs draws (so the committed files and the script
 * cannot drift apart), and are what Windows, macOS and Linux need: an .ico holding 16 to 256 pixels, a 512-pixel PNG.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(__dirname, '..');
const committed = join(root, 'resources', 'build');
const out = mkdtempSync(join(tmpdir(), 'senco-icons-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function pngSize(png: Buffer): { width: number; height: number; colourType: number } {
  expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  expect(png.toString('ascii', 12, 16)).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20), colourType: png[25] ?? -1 };
}

/** The sizes in an .ico, checking each entry against the image it points at. */
function icoSizes(ico: Buffer): number[] {
  expect(ico.readUInt16LE(0)).toBe(0);
  expect(ico.readUInt16LE(2)).toBe(1); // an icon, not a cursor
  const count = ico.readUInt16LE(4);
  const sizes: number[] = [];
  for (let i = 0; i < count; i++) {
    const e = 6 + i * 16;
    const size = ico[e] === 0 ? 256 : (ico[e] as number);
    const length = ico.readUInt32LE(e + 8);
    const offset = ico.readUInt32LE(e + 12);
    expect(offset + length).toBeLessThanOrEqual(ico.length);
    const image = pngSize(ico.subarray(offset, offset + length));
    expect(image).toEqual({ width: size, height: size, colourType: 6 });
    sizes.push(size);
  }
  return sizes;
}

describe('the app icons', () => {
  it('are exactly what scripts/make-icons.mjs draws', () => {
    execFileSync(process.execPath, [join(root, 'scripts', 'make-icons.mjs'), out], { stdio: 'pipe' });
    for (const file of ['icon.svg', 'icon.png', 'icon.ico']) {
      expect(
        readFileSync(join(out, file)).equals(readFileSync(join(committed, file))),
        `${file} is out of date: run node scripts/make-icons.mjs`,
      ).toBe(true);
    }
  });

  it('give Windows an .ico with every size from 16 to 256 pixels', () => {
    expect(icoSizes(readFileSync(join(committed, 'icon.ico')))).toEqual([16, 24, 32, 48, 64, 128, 256]);
  });

  it('give macOS and Linux a 512-pixel PNG with transparency, drawn from the SVG', () => {
    expect(pngSize(readFileSync(join(committed, 'icon.png')))).toEqual({ width: 512, height: 512, colourType: 6 });
    expect(readFileSync(join(committed, 'icon.svg'), 'utf8')).toMatch(
      /^<svg [^>]*viewBox="0 0 1024 1024"[\s\S]*<title>SENCo Desk<\/title>/,
    );
  });
});
