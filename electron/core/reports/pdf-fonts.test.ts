/**
 * The PDFs' fonts and multi-script text drawing (pdf-fonts.ts): the fonts ship with their licence and are found from
 * the bundles, lines are ordered by the bidirectional algorithm, each script goes to its font, shaped text carries
 * its own text for extraction. The names round-trip in pdf-scripts.test.ts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FONT, FONT_FILES, createPdf, fontsDir, visualOrder } from './pdf-fonts';
import { collect } from './pdf-layout';

const ROOT = resolve(__dirname, '..', '..', '..');

describe('the shipped fonts', () => {
  it('are in resources/fonts with the OFL, which names each of them', () => {
    const dir = join(ROOT, 'resources', 'fonts');
    const ofl = readFileSync(join(dir, 'OFL.txt'), 'utf8');
    expect(ofl).toMatch(/SIL OPEN FONT LICENSE Version 1\.1/);
    for (const f of FONT_FILES) {
      expect(existsSync(join(dir, f)), f).toBe(true);
      expect(ofl, `OFL.txt names ${f}`).toContain(f);
    }
  });

  it('are found from the source, from the bundles in dist/electron and dist/node, and so inside app.asar', () => {
    const fonts = join(ROOT, 'resources', 'fonts');
    expect(fontsDir()).toBe(fonts);
    expect(fontsDir(join(ROOT, 'dist', 'electron'))).toBe(fonts);
    expect(fontsDir(join(ROOT, 'dist', 'node'))).toBe(fonts);
    expect(() => fontsDir('/')).toThrow(/fonts for PDFs are missing/);
  });

  it('are packaged: electron-builder puts resources/fonts in the app, and the bundles leave fontkit and bidi-js to node_modules', () => {
    const yml = readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8');
    const files = yml.slice(yml.indexOf('\nfiles:'), yml.indexOf('\nasar:'));
    expect(files).toMatch(/^\s+- resources\/fonts\/\*\*$/m);
    expect(files).not.toMatch(/"!resources/);
    const build = readFileSync(join(ROOT, 'scripts', 'build-node.mjs'), 'utf8');
    expect(build).toMatch(/'pdfkit', 'fontkit', 'bidi-js'/);
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(Object.keys(pkg.dependencies)).toEqual(expect.arrayContaining(['pdfkit', 'fontkit', 'bidi-js']));
  });
});

describe('visual order of a line', () => {
  it('keeps left-to-right text as it is, split by font', () => {
    expect(visualOrder('Aleksandr Смирнов')).toEqual(['Aleksandr Смирнов']);
    expect(visualOrder('Name: 王秀英 (Year 4)')).toEqual(['Name: ', '王秀英', ' (Year 4)']);
    expect(visualOrder('Sadia সাদিয়া রহমান')).toEqual(['Sadia ', 'সাদিয়া রহমান']);
  });

  it('draws right-to-left words from the right, each in logical order for shaping', () => {
    // Logical: محمد then عبد then الله; drawn left to right: الله, عبد, محمد.
    expect(visualOrder('محمد عبد الله')).toEqual(['الله', ' ', 'عبد', ' ', 'محمد']);
    // The comma after the name is in the name's run (its font has one), then the Latin text.
    expect(visualOrder('Name: عائشہ پروین, Year 4')).toEqual(['Name: ', 'پروین', ' ', 'عائشہ', ', ', 'Year 4']);
  });

  it('puts numbers in right-to-left text left to right, and mirrors brackets', () => {
    expect(visualOrder('محمد ٢٠١٩')).toEqual(['٢٠١٩', ' ', 'محمد']);
    expect(visualOrder('علی (محمد)')).toEqual(['(', 'محمد', ')', ' ', 'علی']);
  });
});

describe('the drawing', () => {
  async function content(draw: (doc: ReturnType<typeof createPdf>) => void): Promise<string> {
    const doc = createPdf({ compress: false, size: 'A4' });
    const done = collect(doc);
    draw(doc);
    return (await done()).toString('latin1');
  }

  it('gives Indic text its own text as ActualText (its vowel signs are drawn before their consonants)', async () => {
    const pdf = await content((doc) => doc.font(FONT.regular).fontSize(10).text('Sadia সাদিয়া', 50, 50));
    const hex = Buffer.from('\ufeffসাদিয়া', 'utf16le').swap16().toString('hex');
    expect(pdf).toContain(`/Span <</ActualText <${hex}>>> BDC`);
    // Latin text is not wrapped in a span.
    expect(pdf.match(/ActualText/g)).toHaveLength(1);
  });

  it('embeds only the fonts a document uses, subsetted', async () => {
    const latin = await content((doc) => doc.font(FONT.regular).text('Plain text', 50, 50));
    expect(latin).toMatch(/\/BaseFont \/[A-Z]{6}\+LiberationSans\b/);
    expect(latin).not.toMatch(/Noto/);
    const mixed = await content((doc) => doc.font(FONT.bold).text('陳嘉欣 and محمد', 50, 50));
    expect(mixed).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansCJKsc-Regular\b/);
    expect(mixed).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoNaskhArabic-Bold\b/);
    expect(mixed).not.toMatch(/Bengali|Gurmukhi|Helvetica/);
  });

  it('measures mixed text as the sum of its runs in their fonts, so wrapping and alignment hold', async () => {
    const doc = createPdf();
    doc.font(FONT.regular).fontSize(10);
    const whole = doc.widthOfString('Ab 陳嘉欣');
    const parts = doc.widthOfString('Ab ') + doc.widthOfString('陳嘉欣');
    expect(whole).toBeCloseTo(parts, 6);
    // A Chinese character is about one em wide in its font, far wider than the missing-glyph box would be.
    expect(doc.widthOfString('陳')).toBeGreaterThan(9);
  });
});
