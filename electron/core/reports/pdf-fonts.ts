/**
 * The fonts of every PDF the app makes (the review pack, the agency export and their password-protected copies),
 * and the text drawing that lets one line mix scripts. Pupils' names come in the home languages of England's pupils,
 * and no single font covers them all, so each document embeds (subsetted, only the glyphs used) fonts shipped in
 * resources/fonts (SIL Open Font License, see OFL.txt there):
 *
 * - Liberation Sans (regular, bold, italic, bold italic): Latin with every accent (Polish, Vietnamese with stacked
 *   marks, Turkish, Romanian...), Greek and Cyrillic, and all other text. It has Helvetica's (Arial's) widths, so the
 *   documents, laid out for pdfkit's built-in Helvetica, keep their layout: the same lines, columns and cuts.
 * - Noto Naskh Arabic (regular, bold): Arabic script (Arabic, Urdu, Persian, Pashto, Kurdish Sorani).
 * - Noto Sans Bengali and Noto Sans Gurmukhi (regular, bold): Bengali (Sylheti is written in it) and Punjabi.
 * - A subset of Noto Sans CJK SC (regular; see scripts/fonts/make-cjk-subset.py): Chinese names in simplified and
 *   traditional characters, and kana. Bold Chinese is the regular glyphs drawn with a thin outline.
 *
 * `createPdf` gives a pdfkit document whose `widthOfString` and `_fragment` (the one place pdfkit draws a line of
 * text) are replaced on that instance: the text is split into runs by script (a character of no particular script,
 * such as a space, a digit or a mark, stays with the run it is in), each run is measured and drawn in its font on
 * the Latin font's baseline, so pdfkit's own wrapping, ellipsis, alignment and page flow work unchanged. Lines
 * holding right-to-left text are put in visual order with the Unicode bidirectional algorithm (bidi-js, paragraph
 * direction left to right, as the documents are in English): runs at odd levels are drawn word by word from the
 * right, each word shaped by fontkit (Arabic joining and ligatures, Indic reordering and conjuncts). The Latin fonts
 * also keep Helvetica's line metrics (line heights, the baseline in boxes sized for one line).
 * This relies on pdfkit 0.20.2's internals (pinned exactly in package.json), checked by pdf-fonts.test.ts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import bidiFactory from 'bidi-js';
import * as fontkit from 'fontkit';
import PDFDocument from 'pdfkit';

/** A pdfkit document (the module's default export is typed as an instance). */
export type Doc = typeof PDFDocument;

export type FontStyle = 'regular' | 'bold' | 'italic' | 'boldItalic';

/** The names to give `doc.font(...)` on a document made by `createPdf`. */
export const FONT: Readonly<Record<FontStyle, string>> = {
  regular: 'Sans',
  bold: 'Sans-Bold',
  italic: 'Sans-Italic',
  boldItalic: 'Sans-BoldItalic',
};

const LATIN_FILES: Readonly<Record<FontStyle, string>> = {
  regular: 'LiberationSans-Regular.ttf',
  bold: 'LiberationSans-Bold.ttf',
  italic: 'LiberationSans-Italic.ttf',
  boldItalic: 'LiberationSans-BoldItalic.ttf',
};

interface Fallback {
  readonly key: string;
  /** The characters this font is first choice for (by Unicode script). */
  readonly script: RegExp;
  readonly regular: string;
  /** null: no bold face shipped; bold text is the regular face outlined. */
  readonly bold: string | null;
}

const FALLBACKS: readonly Fallback[] = [
  { key: 'Arabic', script: /\p{Script=Arabic}/u, regular: 'NotoNaskhArabic-Regular.ttf', bold: 'NotoNaskhArabic-Bold.ttf' },
  { key: 'Bengali', script: /\p{Script=Bengali}/u, regular: 'NotoSansBengali-Regular.ttf', bold: 'NotoSansBengali-Bold.ttf' },
  { key: 'Gurmukhi', script: /\p{Script=Gurmukhi}/u, regular: 'NotoSansGurmukhi-Regular.ttf', bold: 'NotoSansGurmukhi-Bold.ttf' },
  {
    key: 'CJK',
    script: /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Bopomofo}\u3000-\u303f\uff00-\uffef]/u,
    regular: 'NotoSansCJKsc-Regular-subset.otf',
    bold: null,
  },
];

/** Every font file the documents use (for checks that they ship). */
export const FONT_FILES: readonly string[] = [
  ...Object.values(LATIN_FILES),
  ...FALLBACKS.flatMap((f) => (f.bold ? [f.regular, f.bold] : [f.regular])),
];

/** Helvetica's vertical metrics (pdfkit's AFM), kept for the Latin fonts so that line heights stay as they were. */
const LINE_METRICS = { ascender: 718, descender: -207, lineGap: 231 };

let dirCache: string | null = null;

/**
 * The folder holding the fonts: resources/fonts at the top of the source tree, which is also two levels above the
 * bundles in dist/electron and dist/node, and inside the packaged app's app.asar (electron-builder.yml).
 */
export function fontsDir(from: string = __dirname): string {
  const own = from === __dirname;
  if (own && dirCache) return dirCache;
  let dir = from;
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'resources', 'fonts');
    if (existsSync(join(candidate, LATIN_FILES.regular))) {
      if (own) dirCache = candidate;
      return candidate;
    }
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new Error(
    `The fonts for PDFs are missing (no resources/fonts/${LATIN_FILES.regular} above ${from}). Reinstall SENCo Desk, or restore resources/fonts from the repository.`,
  );
}

type Face = fontkit.Font;
const faces = new Map<string, Face>();

/**
 * pdfkit shapes each word once per document and font (its layout cache). Shaping with OpenType tables is the slow
 * part of drawing text, and the same words (headings, labels, names) come back in every document, so each face's
 * cache is shared by the documents made after it, and started afresh past a size (it holds words of pupils' records
 * in memory only, like the documents themselves).
 */
const layoutCaches = new Map<string, { cache: Record<string, unknown>; size: () => number }>();
const LAYOUT_CACHE_MAX = 20_000;
function sharedLayoutCache(file: string): Record<string, unknown> {
  let entry = layoutCaches.get(file);
  if (!entry || entry.size() > LAYOUT_CACHE_MAX) {
    const cache = Object.create(null) as Record<string, unknown>;
    entry = { cache, size: () => Object.keys(cache).length };
    layoutCaches.set(file, entry);
  }
  return entry.cache;
}

/** A font file parsed once per process and shared by every document (pdfkit subsets it per document). */
function face(file: string): Face {
  let f = faces.get(file);
  if (!f) {
    f = fontkit.create(readFileSync(join(fontsDir(), file))) as Face;
    faces.set(file, f);
  }
  return f;
}

// ---- which font draws a character ----

/** 0 is the Latin font, 1.. the fallbacks in order; -1 when no shipped font has the character. */
type Slot = number;
const NONE: Slot = -1;
const slotCache = new Map<number, Slot>();
const COMMON = /[\p{Script=Common}\p{Script=Inherited}]/u;
/** Text the Latin font draws alone, tested before anything slower. */
const PLAIN = /^[\u0020-\u024f\u2010-\u2027\u2030-\u205e]*$/;
/** Characters that make a line need the bidirectional algorithm. */
const RTL = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff\u200f\u202b\u202e\u2067]|\ud802[\udc00-\udfff]|\ud803[\udc00-\udcff]/;

function covers(slot: Slot, cp: number): boolean {
  const f = slot === 0 ? face(LATIN_FILES.regular) : face((FALLBACKS[slot - 1] as Fallback).regular);
  return f.hasGlyphForCodePoint(cp);
}

/**
 * The font a character takes on its own: its script's font, else the Latin one. A fallback font is not used for
 * other characters it happens to have (the Chinese font's arrows and maths signs are full-width), so such a
 * character is "not drawable" and pdfText gives its plain equivalent.
 */
function preferredSlot(cp: number): Slot {
  let s = slotCache.get(cp);
  if (s !== undefined) return s;
  const ch = String.fromCodePoint(cp);
  const own = FALLBACKS.findIndex((f) => f.script.test(ch));
  s = own >= 0 && covers(own + 1, cp) ? own + 1 : covers(0, cp) ? 0 : NONE;
  slotCache.set(cp, s);
  return s;
}

/** Whether some shipped font can draw the character. */
export function drawable(cp: number): boolean {
  return preferredSlot(cp) !== NONE;
}

/** Something to draw: `text` in the font of `slot`. */
interface Piece {
  readonly text: string;
  readonly slot: Slot;
}

/**
 * The slots of the Indic fonts: their vowel signs are reordered and their conjuncts formed when shaped, so the
 * glyphs do not read back in the text's order; their spans carry the text as ActualText.
 */
const INDIC = new Set<Slot>(FALLBACKS.flatMap((f, i) => (f.key === 'Bengali' || f.key === 'Gurmukhi' ? [i + 1] : [])));
/** The slot of the right-to-left font. */
const ARABIC: Slot = FALLBACKS.findIndex((f) => f.key === 'Arabic') + 1;

interface Run {
  /** UTF-16 offsets in the text, end exclusive. */
  readonly start: number;
  readonly end: number;
  readonly slot: Slot;
}

/** The text split into runs by font: characters of no particular script keep the font of the run they are in. */
function fontRuns(text: string): Run[] {
  const runs: Run[] = [];
  let current: Slot = NONE;
  let start = 0;
  for (let i = 0; i < text.length;) {
    const cp = text.codePointAt(i) as number;
    const width = cp > 0xffff ? 2 : 1;
    const ch = text.slice(i, i + width);
    let slot = current !== NONE && COMMON.test(ch) && covers(current, cp) ? current : preferredSlot(cp);
    if (slot === NONE) slot = 0; // drawn as the Latin font's missing-glyph box (pdfText replaces these first)
    if (slot !== current) {
      if (i > start) runs.push({ start, end: i, slot: current });
      start = i;
      current = slot;
    }
    i += width;
  }
  if (text.length > start) runs.push({ start, end: text.length, slot: current === NONE ? 0 : current });
  return runs;
}

// ---- pdfkit's internals used here ----

interface PdfFont {
  readonly id: string;
  /** Per subset glyph, the characters it stands for (the ToUnicode map). */
  readonly unicode?: number[][];
  encode(text: string, features?: unknown): [string[], unknown[]];
  readonly name: string;
  ascender: number;
  descender: number;
  lineGap: number;
  /** pdfkit's per-font cache of shaped words (absent when the document turns it off). */
  layoutCache?: Record<string, unknown>;
  widthOfString(s: string, size: number, features?: unknown): number;
  embed(): unknown;
}

interface FragmentOptions {
  align?: string;
  width?: number;
  lineWidth?: number;
  textWidth?: number;
  wordCount?: number;
  baseline?: number | string;
  characterSpacing?: number;
  horizontalScaling?: number;
  features?: unknown;
  fill?: boolean;
  stroke?: boolean;
  [k: string]: unknown;
}

interface Internals {
  _font: PdfFont;
  _fontSize: number;
  _fontSource: unknown;
  _fontFamily: unknown;
  _fillColor: [unknown, unknown] | null;
  _fragment(text: string, x: number, y: number, options: FragmentOptions): void;
  widthOfString(s: string, options?: FragmentOptions): number;
  font(name: string): unknown;
  registerFont(name: string, src: unknown): unknown;
  save(): unknown;
  restore(): unknown;
  lineWidth(w: number): unknown;
  strokeColor(color: unknown, opacity?: unknown): unknown;
}

const proto = PDFDocument.prototype as unknown as Internals;
const baseFragment = proto._fragment;
const baseWidth = proto.widthOfString;
if (typeof baseFragment !== 'function' || typeof baseWidth !== 'function') {
  throw new Error('pdfkit is not the version SENCo Desk was built with (its text drawing has changed): reinstall with npm ci.');
}

let bidiInstance: ReturnType<typeof bidiFactory> | null = null;
const bidi = () => (bidiInstance ??= bidiFactory());

interface Family {
  readonly style: FontStyle;
  /** The Latin font, then one per fallback (loaded into the document when first needed). */
  readonly fonts: (PdfFont | null)[];
}

/** A pdfkit document with the shipped fonts registered (FONT names) and text drawn across scripts. */
export function createPdf(options: PDFKit.PDFDocumentOptions = {}): Doc {
  const doc = new PDFDocument(options) as unknown as Internals;
  const families = new Map<PdfFont, Family>();

  /** Loads a registered font (from `file`) into the document without making it current. */
  const load = (name: string, file: string): PdfFont => {
    const saved = { font: doc._font, source: doc._fontSource, family: doc._fontFamily };
    doc.font(name);
    const f = doc._font;
    if (f.layoutCache) f.layoutCache = sharedLayoutCache(file);
    doc._font = saved.font;
    doc._fontSource = saved.source;
    doc._fontFamily = saved.family;
    return f;
  };

  for (const style of Object.keys(LATIN_FILES) as FontStyle[]) doc.registerFont(FONT[style], face(LATIN_FILES[style]));
  for (const style of Object.keys(LATIN_FILES) as FontStyle[]) {
    const latin = load(FONT[style], LATIN_FILES[style]);
    // Helvetica's line metrics for layout; the font's own in its embedded descriptor (what viewers read).
    const own = { ascender: latin.ascender, descender: latin.descender, lineGap: latin.lineGap };
    Object.assign(latin, LINE_METRICS);
    const embed = latin.embed.bind(latin);
    latin.embed = () => {
      Object.assign(latin, own);
      try {
        return embed();
      } finally {
        Object.assign(latin, LINE_METRICS);
      }
    };
    families.set(latin, { style, fonts: [latin, ...FALLBACKS.map(() => null)] });
  }

  const fontFor = (fam: Family, slot: Slot): PdfFont => {
    let f = fam.fonts[slot];
    if (!f) {
      // Registered and read only when a document first needs it (the Chinese font is 4 MB).
      const fb = FALLBACKS[slot - 1] as Fallback;
      const bold = fam.style === 'bold' || fam.style === 'boldItalic';
      const name = `${fb.key}-${bold ? 'Bold' : 'Regular'}`;
      const file = bold ? (fb.bold ?? fb.regular) : fb.regular;
      doc.registerFont(name, face(file));
      f = load(name, file);
      if (slot === ARABIC) visualLigatures(f);
      fam.fonts[slot] = f;
    }
    return f;
  };
  /** Whether a run in this slot has to be outlined to look bold (no bold face shipped). */
  const fauxBold = (fam: Family, slot: Slot) =>
    slot > 0 && (fam.style === 'bold' || fam.style === 'boldItalic') && !(FALLBACKS[slot - 1] as Fallback).bold;

  const runWidth = (fam: Family, text: string, run: Run, size: number, features: unknown): number =>
    fontFor(fam, run.slot).widthOfString(text.slice(run.start, run.end), size, features);

  doc.widthOfString = function widthOfString(this: Internals, s: string, options: FragmentOptions = {}): number {
    const fam = families.get(this._font);
    const text = String(s);
    if (!fam || PLAIN.test(text)) return baseWidth.call(this, text, options);
    const runs = fontRuns(text);
    if (runs.length === 1 && runs[0]?.slot === 0) return baseWidth.call(this, text, options);
    let w = 0;
    for (const run of runs) w += runWidth(fam, text, run, this._fontSize, options.features);
    return ((w + (options.characterSpacing ?? 0) * (text.length - 1)) * (options.horizontalScaling ?? 100)) / 100;
  };

  doc._fragment = function fragment(this: Internals, raw: string, x: number, y: number, options: FragmentOptions): void {
    const fam = families.get(this._font);
    const text = `${raw}`.replace(/\n/g, '');
    if (!fam || !text || PLAIN.test(text)) return baseFragment.call(this, text, x, y, options);
    const runs = fontRuns(text);
    const rtl = RTL.test(text);
    if (!rtl && runs.length === 1 && runs[0]?.slot === 0) return baseFragment.call(this, text, x, y, options);

    const latin = this._font;
    const size = this._fontSize;
    const pieces: Piece[] = rtl ? visualPieces(text, runs) : runs.map((r) => ({ text: text.slice(r.start, r.end), slot: r.slot }));
    const widthOf = (p: { text: string; slot: Slot }) => fontFor(fam, p.slot).widthOfString(p.text, size, options.features);

    // Alignment over the whole line, as pdfkit does it for one font.
    let cx = x;
    if (options.width && options.lineWidth !== undefined) {
      if (options.align === 'right') cx += options.lineWidth - this.widthOfString(text.replace(/\s+$/, ''), options);
      else if (options.align === 'center') cx += options.lineWidth / 2 - (options.textWidth ?? this.widthOfString(text, options)) / 2;
    }
    // Every run on the Latin font's baseline (pdfkit would use each font's own ascender).
    const baseline = typeof options.baseline === 'number' ? options.baseline : -((latin.ascender / 1000) * size);
    try {
      for (const p of pieces) {
        if (!p.text) continue;
        const w = widthOf(p);
        this._font = fontFor(fam, p.slot);
        const opts: FragmentOptions = {
          ...options,
          align: 'left',
          baseline,
          textWidth: w,
          wordCount: p.text.trim() ? p.text.trim().split(/\s+/).length : 0,
        };
        // Indic text cannot be read back from its glyphs in order (a vowel sign drawn before its consonant), so the
        // run's own text goes with it as the span's ActualText, for copying and extraction.
        const restoreAdd = INDIC.has(p.slot) ? spanInsideText(this, p.text) : null;
        if (fauxBold(fam, p.slot)) {
          this.save();
          this.lineWidth(size * 0.035);
          if (this._fillColor) this.strokeColor(...(this._fillColor as [unknown, unknown]));
          baseFragment.call(this, p.text, cx, y, { ...opts, fill: true, stroke: true });
          this.restore();
        } else {
          baseFragment.call(this, p.text, cx, y, opts);
        }
        restoreAdd?.();
        cx += w;
      }
    } finally {
      this._font = latin;
    }
  };

  doc.font(FONT.regular);
  return doc as unknown as Doc;
}

/** The pieces a line is drawn in, left to right (for tests): the bidirectional algorithm's visual order. */
export function visualOrder(text: string): string[] {
  const runs = fontRuns(text);
  return RTL.test(text) ? visualPieces(text, runs).map((p) => p.text) : runs.map((r) => text.slice(r.start, r.end));
}

/**
 * Right-to-left glyphs are drawn in visual order, and text extraction (poppler's pdftotext, pdf.js, copying) reads
 * them so and then reverses each right-to-left stretch into logical order. A ligature standing for several letters
 * (lam-alef, the word Allah) is reversed with the rest, so its ToUnicode entry is written in visual order too, to
 * come back in logical order. Applied once to each glyph of the right-to-left font as it is first used.
 */
function visualLigatures(font: PdfFont): void {
  const done = new Set<number>();
  const encode = font.encode.bind(font);
  font.encode = (text, features) => {
    const r = encode(text, features);
    const map = font.unicode ?? [];
    for (let gid = 1; gid < map.length; gid++) {
      const cps = map[gid];
      if (!cps || done.has(gid)) continue;
      done.add(gid);
      if (cps.length > 1) map[gid] = [...cps].reverse();
    }
    return r;
  };
}

/**
 * Makes the next text object (BT ... ET) drawn on `doc` a marked-content span whose ActualText is `actual`, inside
 * the text's own graphics state (readers place the span by the transformation in force at its end). Returns the
 * function that puts pdfkit's addContent back.
 */
function spanInsideText(doc: Internals, actual: string): () => void {
  const target = doc as unknown as { addContent(s: string): unknown };
  const own = Object.prototype.hasOwnProperty.call(target, 'addContent') ? target.addContent : null;
  const add = target.addContent;
  const hex = Buffer.from(`\ufeff${actual}`, 'utf16le').swap16().toString('hex');
  target.addContent = function addContent(this: unknown, s: string) {
    if (s === 'BT') add.call(this, `/Span <</ActualText <${hex}>>> BDC`);
    const r = add.call(this, s);
    if (s === 'ET') add.call(this, 'EMC');
    return r;
  };
  return () => {
    if (own) target.addContent = own;
    else delete (target as { addContent?: unknown }).addContent;
  };
}

/**
 * A line holding right-to-left text as pieces to draw from left to right: the bidirectional algorithm's visual
 * order, with each right-to-left stretch cut into words laid out from the right. A word in a right-to-left script is
 * passed in its logical order (fontkit shapes it and returns its glyphs right to left); neutral characters at a
 * right-to-left level (brackets, punctuation) are reversed and mirrored here.
 */
function visualPieces(text: string, runs: readonly Run[]): Piece[] {
  const b = bidi();
  const levels = b.getEmbeddingLevels(text, 'ltr');
  const order = b.getReorderedIndices(text, levels);
  const slotAt = new Array<Slot>(text.length);
  for (const r of runs) for (let i = r.start; i < r.end; i++) slotAt[i] = r.slot;
  const pieces: Piece[] = [];
  let k = 0;
  while (k < order.length) {
    const first = order[k] as number;
    const odd = ((levels.levels[first] ?? 0) & 1) === 1;
    const slot = slotAt[first] as Slot;
    let j = k + 1;
    let prev = first;
    while (j < order.length) {
      const idx = order[j] as number;
      if (idx !== (odd ? prev - 1 : prev + 1) || slotAt[idx] !== slot || (((levels.levels[idx] ?? 0) & 1) === 1) !== odd) break;
      prev = idx;
      j++;
    }
    const lo = Math.min(first, prev);
    const hi = Math.max(first, prev);
    const logical = text.slice(lo, hi + 1);
    if (!odd) pieces.push({ text: logical, slot });
    else {
      for (const word of logical.split(/(\s+)/).reverse()) {
        if (!word) continue;
        if (RTL.test(word)) pieces.push({ text: word, slot });
        else
          pieces.push({
            text: [...word]
              .reverse()
              .map((c) => b.getMirroredCharacter(c) ?? c)
              .join(''),
            slot,
          });
      }
    }
    k = j;
  }
  return pieces;
}
