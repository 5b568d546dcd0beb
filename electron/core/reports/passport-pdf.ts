/**
 * A pupil's passport printed (issue 18, item 3), in the house style of the review pack (pdf-layout.ts: A4, the shipped
 * fonts, "Confidential" boxed at the top and in the footer of every page with "Page N of M"):
 *   staff copy  ONE A4 page for the class folder: the pupil's name, class and photo, their own words, the five
 *               sections in two columns and the strategies for staff with where each came from. The type is made
 *               smaller (down to 7 points) until it fits; a passport too long even then is shortened, evenly, and
 *               says so, so the page a teacher picks up is always the whole page.
 *   plain copy  for the pupil and their parents: headings in the pupil's voice ("Things that help me"), larger type
 *               (at least 11 points), no version or staff detail, no source tags, and the short forms staff write
 *               (EHCP, TA, SALT...) written out in full (passports.plainWords). It may run to a second page rather
 *               than shrink below 11 points.
 * Plain Node: no Electron.
 */
import { formatLongDate, londonLocal } from '../../../shared/dates';
import { i18n, t, yearGroupLabel, type I18nKeyUnder } from '../../../shared/i18n';
import { PASSPORT_SECTIONS, type PassportSection, type PassportVersion } from '../../../shared/contract';
import { createPdf } from './pdf-fonts';
import { pdfText } from './pdf-text';
import type { Doc } from './pdf-fonts';
import { FAINT, INK, MUTED } from './pdf-ink';
import { ACCENT, DOC_OPTIONS, FONTS, L, PdfLayout, W, collect, eachPage, footer } from './pdf-layout';

const tp = (key: I18nKeyUnder<'passports.print'>, options?: Record<string, unknown>) => t(`passports.print.${key}`, options);

export interface PassportPrintData {
  readonly schoolName: string;
  readonly pupilName: string;
  readonly yearGroup: string;
  readonly className: string | null;
  readonly version: PassportVersion;
  /** Whether the version printed is the current one (an older one says so). */
  readonly isCurrent: boolean;
}

function longDate(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : formatLongDate(londonLocal(d).slice(0, 10)) || iso;
}

/** "Sam Senco (sam.senco)" -> "Sam Senco". */
const person = (s: string) => s.replace(/\s+\([A-Za-z0-9._@-]+\)$/, '');

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

let plainRules: { readonly re: RegExp; readonly words: string }[] | null = null;

/**
 * `s` with the short forms staff write replaced by their words in full (passports.plainWords), whole words only:
 * "TA" in "TA support" but not in "TAKE". Longer forms first, so "EHC plan" wins over any shorter form inside it.
 */
export function plainLanguage(s: string): string {
  if (!plainRules) {
    const dict = (i18n.getResource('en-GB', 'translation', 'passports.plainWords') ?? {}) as Record<string, string>;
    plainRules = Object.keys(dict)
      .sort((a, b) => b.length - a.length)
      .map((k) => ({ re: new RegExp(`(?<![\\p{L}\\p{N}])${escape(k)}(?![\\p{L}\\p{N}])`, 'gu'), words: dict[k]! }));
  }
  let out = s;
  for (const r of plainRules) out = out.replace(r.re, r.words);
  return out;
}

interface Block {
  readonly title: string;
  readonly body: string;
}

/** The photo drawn into the box at (x, y); false if pdfkit cannot read it (the description is printed instead). */
function drawPhoto(doc: Doc, photo: NonNullable<PassportVersion['photo']>, x: number, y: number, w: number, h: number): boolean {
  try {
    doc.image(Buffer.from(photo.base64, 'base64'), x, y, { fit: [w, h], align: 'center', valign: 'center' });
    return true;
  } catch {
    return false;
  }
}

/** Renders the passport; `pages` is 1 for the staff copy, always. */
export async function renderPassport(
  data: PassportPrintData,
  options: { readonly plain?: boolean } = {},
): Promise<{ pdf: Buffer; pages: number }> {
  const plain = options.plain === true;
  const doc = createPdf({
    ...DOC_OPTIONS,
    info: {
      Title: pdfText(tp(plain ? 'plainDocTitle' : 'docTitle', { name: data.pupilName })),
      Author: pdfText(data.schoolName),
      Creator: 'SENCo Desk',
    },
  });
  const finish = collect(doc);
  const lay = new PdfLayout<string>(doc);
  if (plain) drawPlain(lay, data);
  else drawStaff(lay, data);
  const v = data.version;
  const pages = eachPage(doc, (n, total) =>
    footer(doc, { confidential: tp('confidential'), name: data.pupilName, page: tp('page', { n, m: total }) }, (room) => {
      let line = pdfText(` \u00b7 ${plain ? tp('plainFooterLine') : tp('footerLine', { n: v.number })}`);
      doc.font(FONTS.regular).fontSize(7.5);
      while (line.length > 4 && doc.widthOfString(line) > room) line = line.slice(0, -2);
      return line;
    }),
  );
  return { pdf: await finish(), pages };
}

/** The top of both copies: "Confidential" boxed and the school; the heading, name, class and date; the photo on the right. Returns the y below. */
function top(lay: PdfLayout<string>, data: PassportPrintData, plain: boolean): number {
  const doc = lay.doc;
  const y0 = 40;
  lay.coverTop(tp('confidential').toUpperCase(), data.schoolName, y0);
  const v = data.version;
  const photoW = plain ? 110 : 88;
  const photoH = plain ? 132 : 106;
  const textW = v.photo ? W - photoW - 16 : W;
  let y = y0 + 36;
  const photoTop = y;
  lay.font('bold', plain ? 12 : 9, ACCENT);
  doc.text(pdfText((plain ? tp('plainHeading') : tp('heading')).toUpperCase()), L, y, { width: textW, characterSpacing: 0.6 });
  y = doc.y + 2;
  lay.font('bold', plain ? 26 : 20, INK);
  doc.text(pdfText(data.pupilName), L, y, { width: textW, lineGap: 1 });
  y = doc.y + 3;
  const year = yearGroupLabel(data.yearGroup);
  const cls = data.className ? tp('yearClass', { year, className: data.className }) : year;
  const lines = plain
    ? [
        cls,
        tp('plainDate', { date: longDate(v.createdAt) }),
        v.writtenWith ? tp('plainWrittenWith', { who: plainLanguage(v.writtenWith) }) : null,
      ]
    : [
        `${cls} \u00b7 ${tp('version', { n: v.number, date: longDate(v.createdAt), by: person(v.createdBy) })}`,
        v.writtenWith ? tp('writtenWith', { who: v.writtenWith }) : null,
      ];
  for (const line of lines) {
    if (!line) continue;
    lay.font('regular', plain ? 13 : 9, MUTED);
    doc.text(pdfText(line), L, y, { width: textW, lineGap: 1 });
    y = doc.y + 2;
  }
  if (!data.isCurrent) {
    lay.font('bold', plain ? 12 : 9, INK);
    doc.text(pdfText(tp('oldVersion', { n: v.number })), L, y, { width: textW });
    y = doc.y + 2;
  }
  if (v.photo) {
    const px = L + W - photoW;
    doc.save().rect(px, photoTop, photoW, photoH).fill(FAINT).restore();
    if (!drawPhoto(doc, v.photo, px, photoTop, photoW, photoH)) {
      lay.font('italic', 8, MUTED);
      doc.text(pdfText(tp('photoAlt', { alt: v.photo.alt })), px + 4, photoTop + 4, {
        width: photoW - 8,
        height: photoH - 8,
        ellipsis: true,
      });
    }
    y = Math.max(y, photoTop + photoH);
  }
  return y + 10;
}

// ---- the staff copy: one page ----

interface StaffContent {
  readonly words: string | null;
  readonly left: readonly Block[];
  readonly right: readonly Block[];
  readonly strategies: readonly string[];
}

const GAP = 16;
const COL = (W - GAP) / 2;

function staffContent(v: PassportVersion): StaffContent {
  const block = (k: PassportSection): Block[] => (v[k] ? [{ title: tp(`sections.${k}`), body: v[k] }] : []);
  return {
    words: v.pupilWords,
    left: (['aboutMe', 'goodAt', 'findHard'] as const).flatMap(block),
    right: (['helpsMe', 'doesNotHelp'] as const).flatMap(block),
    strategies: v.strategies.map((s) => `${s.text} (${tp(`source.${s.source}`)})`),
  };
}

/** The height of text `s` at `size` in `width`. */
function heightOf(lay: PdfLayout<string>, s: string, size: number, width: number, kind: 'regular' | 'bold' | 'italic' = 'regular'): number {
  return s ? lay.measure(s, { size, width, kind, lineGap: 1.5 }) : 0;
}

const headH = (size: number) => size * 1.5 + 3;

function columnHeight(lay: PdfLayout<string>, blocks: readonly Block[], size: number): number {
  return blocks.reduce((h, b) => h + headH(size) + heightOf(lay, b.body, size, COL) + 8, 0);
}

function strategiesHalves(items: readonly string[]): [readonly string[], readonly string[]] {
  const half = Math.ceil(items.length / 2);
  return [items.slice(0, half), items.slice(half)];
}

function bulletsHeight(lay: PdfLayout<string>, items: readonly string[], size: number): number {
  return items.reduce((h, s) => h + heightOf(lay, s, size, COL - 12) + 3, 0);
}

function staffHeight(lay: PdfLayout<string>, c: StaffContent, size: number): number {
  const words = c.words ? headH(size) + heightOf(lay, c.words, size, W - 24, 'italic') + 18 : 0;
  const cols = Math.max(columnHeight(lay, c.left, size), columnHeight(lay, c.right, size));
  const [a, b] = strategiesHalves(c.strategies);
  const strategies = c.strategies.length ? headH(size + 1) + 6 + Math.max(bulletsHeight(lay, a, size), bulletsHeight(lay, b, size)) : 0;
  return words + cols + strategies;
}

const cut = (s: string | null, share: number): string | null => {
  if (!s || share >= 1) return s;
  const keep = Math.max(20, Math.floor(s.length * share));
  return keep >= s.length ? s : `${s.slice(0, keep).replace(/\s+\S*$/, '')}\u2026`;
};

function shorten(c: StaffContent, share: number): StaffContent {
  const blocks = (bs: readonly Block[]) => bs.map((b) => ({ ...b, body: cut(b.body, share) ?? '' }));
  return {
    words: cut(c.words, share),
    left: blocks(c.left),
    right: blocks(c.right),
    strategies: c.strategies.slice(0, Math.max(4, Math.ceil(c.strategies.length * share))).map((s) => cut(s, share) ?? ''),
  };
}

const SIZES = [10.5, 10, 9.5, 9, 8.5, 8, 7.5, 7] as const;

function drawStaff(lay: PdfLayout<string>, data: PassportPrintData): void {
  const doc = lay.doc;
  const y0 = top(lay, data, false);
  const room = lay.bottom - y0 - 14;
  let content = staffContent(data.version);
  let size: number = SIZES.find((s) => staffHeight(lay, content, s) <= room) ?? SIZES[SIZES.length - 1]!;
  let shortened = false;
  // Still too long at the smallest type: shorten everything evenly until it fits (and say so).
  for (let share = 0.9; staffHeight(lay, content, size) > room - 12 && share > 0.05; share -= 0.05) {
    content = shorten(staffContent(data.version), share);
    shortened = true;
  }
  size = shortened ? SIZES[SIZES.length - 1]! : size;
  let y = y0;
  const heading = (s: string, x: number, yy: number, width: number, sz = size + 1) => {
    lay.font('bold', sz, ACCENT);
    doc.text(pdfText(s), x, yy, { width, lineGap: 1 });
    return yy + headH(size);
  };
  if (content.words) {
    const h = headH(size) + heightOf(lay, content.words, size, W - 24, 'italic') + 10;
    doc.save().rect(L, y, W, h).fill(FAINT).restore();
    doc.save().rect(L, y, 3, h).fill(ACCENT).restore();
    const yy = heading(tp('ownWords'), L + 12, y + 5, W - 24);
    lay.font('italic', size, INK);
    doc.text(pdfText(`\u201c${content.words}\u201d`), L + 12, yy, { width: W - 24, lineGap: 1.5 });
    y += h + 8;
  }
  const column = (blocks: readonly Block[], x: number): number => {
    let yy = y;
    for (const b of blocks) {
      yy = heading(b.title, x, yy, COL);
      lay.font('regular', size, INK);
      doc.text(pdfText(b.body), x, yy, { width: COL, lineGap: 1.5 });
      yy = doc.y + 8;
    }
    return yy;
  };
  y = Math.max(column(content.left, L), column(content.right, L + COL + GAP));
  if (content.strategies.length) {
    doc
      .save()
      .lineWidth(1)
      .strokeColor(ACCENT)
      .moveTo(L, y)
      .lineTo(L + W, y)
      .stroke()
      .restore();
    y = heading(tp('strategies'), L, y + 5, W, size + 1.5) + 1;
    const bullets = (items: readonly string[], x: number): number => {
      let yy = y;
      for (const s of items) {
        lay.font('bold', size, ACCENT);
        doc.text('\u2022', x, yy, { lineBreak: false });
        lay.font('regular', size, INK);
        doc.text(pdfText(s), x + 12, yy, { width: COL - 12, lineGap: 1.5 });
        yy = doc.y + 3;
      }
      return yy;
    };
    const [a, b] = strategiesHalves(content.strategies);
    y = Math.max(bullets(a, L), bullets(b, L + COL + GAP));
  }
  if (shortened) {
    lay.font('italic', 7.5, MUTED);
    doc.text(pdfText(tp('shortened')), L, Math.min(y + 2, lay.bottom - 10), { width: W, lineBreak: false });
  }
}

// ---- the plain copy: larger type, the pupil's voice ----

function drawPlain(lay: PdfLayout<string>, data: PassportPrintData): void {
  const v = data.version;
  const y0 = top(lay, data, true);
  lay.y = y0;
  const blocks: Block[] = [
    ...(v.pupilWords ? [{ title: tp('ownWords'), body: `\u201c${plainLanguage(v.pupilWords)}\u201d` }] : []),
    ...PASSPORT_SECTIONS.flatMap((k) => (v[k] ? [{ title: tp(`plainSections.${k}`), body: plainLanguage(v[k]) }] : [])),
  ];
  const strategies = v.strategies.map((s) => plainLanguage(s.text));
  // As large as fits one page, but never below 11 points: past that, a second page.
  const height = (size: number) =>
    blocks.reduce((h, b) => h + size * 1.6 + 4 + lay.measure(b.body, { size, lineGap: 2 }) + 8, 0) +
    (strategies.length ? size * 1.6 + 4 + strategies.reduce((h, s) => h + lay.measure(s, { size, width: W - 14, lineGap: 2 }) + 4, 0) : 0);
  const size = [14, 13, 12, 11.5, 11].find((s) => height(s) <= lay.bottom - y0 - 10) ?? 11;
  const heading = (s: string) => {
    lay.ensure(size * 1.6 + 4 + size * 2.6);
    lay.text(s, { kind: 'bold', size: size + 2, color: ACCENT, after: 3 });
  };
  for (const b of blocks) {
    heading(b.title);
    lay.text(b.body, { size, lineGap: 2, after: 8 });
  }
  if (strategies.length) {
    heading(tp('plainStrategies'));
    lay.bullets(strategies, { size, lineGap: 2 });
  }
}
