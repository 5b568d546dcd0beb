/**
 * The house style and layout the printable PDFs share (the review pack and the agency export): A4 with the same
 * margins, the shipped Noto fonts for every script (pdf-fonts.ts; text through pdfText, see pdf-text.ts), flowing text and headings kept with what follows,
 * tables whose header row repeats on every page they span, the cover's "Confidential" box and notice, and the
 * header rule and "Confidential ... Page N of M" footer drawn on every buffered page. Plain Node: no Electron.
 */
import { FONT } from './pdf-fonts';
import { pdfText } from './pdf-text';
import type { Doc } from './pdf-fonts';
import { FAINT, GRID, INK, MUTED, put, type Align } from './pdf-ink';

// ---- page, colours, type ----

export const PAGE = { width: 595.28, height: 841.89 };
export const MARGINS = { top: 60, bottom: 58, left: 50, right: 50 };
export const L = MARGINS.left;
export const W = PAGE.width - MARGINS.left - MARGINS.right;
export const ACCENT = '#1f3a5f';
export const HEAD_FILL = '#e3e7ed';
export const ZEBRA = '#f5f5f5';
export const BODY = 9.5;

/** pdfkit's options for a buffered A4 document in the house margins (so every page can be decorated at the end); give them to createPdf (pdf-fonts.ts). */
export const DOC_OPTIONS = { size: 'A4', margins: MARGINS, bufferPages: true, autoFirstPage: true } as const;

export type Kind = 'regular' | 'bold' | 'italic' | 'boldItalic';
export const FONTS: Readonly<Record<Kind, string>> = FONT;
export type { Align };

export interface TextOpts {
  readonly x?: number;
  readonly width?: number;
  readonly size?: number;
  readonly kind?: Kind;
  readonly color?: string;
  readonly align?: Align;
  readonly lineGap?: number;
  readonly after?: number;
}

export type Cell = string | { readonly text: string; readonly kind?: Kind; readonly color?: string; readonly sub?: string };
export interface Column {
  readonly header: string;
  readonly width: number;
  readonly align?: Align;
}
export interface Row {
  readonly cells?: readonly Cell[];
  /** One cell across the whole row (a group title). */
  readonly span?: Cell;
  /** Keep this row on the same page as the next `keep` rows. */
  readonly keep?: number;
  readonly fill?: string;
  readonly minHeight?: number;
}

export interface TableOpts {
  readonly x?: number;
  readonly width?: number;
  readonly size?: number;
  readonly headSize?: number;
  readonly zebra?: boolean;
  /** Headings above runs of columns (`span` columns each), in a band of the header row. */
  readonly groups?: readonly { readonly label: string; readonly span: number }[];
}

export const cellText = (c: Cell) => (typeof c === 'string' ? c : c.text);

/** A thin grey rule across the text width at `y` (under the running header, above the footer, between blocks). */
export function rule(doc: Doc, y: number): void {
  doc
    .save()
    .lineWidth(0.6)
    .strokeColor(GRID)
    .moveTo(L, y)
    .lineTo(L + W, y)
    .stroke()
    .restore();
}

/** Collects the document's bytes as it writes them; the function returned ends the document and gives them. */
export function collect(doc: Doc): () => Promise<Buffer> {
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });
  return async () => {
    doc.end();
    await done;
    return Buffer.concat(chunks);
  };
}

/** Runs `draw` on every buffered page (n from 1) with its bottom margin lifted, so nothing flows on; returns the count. */
export function eachPage(doc: Doc, draw: (n: number, total: number) => void): number {
  const range = doc.bufferedPageRange();
  const total = range.count;
  for (let i = range.start; i < range.start + total; i++) {
    doc.switchToPage(i);
    const saved = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    draw(i - range.start + 1, total);
    doc.page.margins.bottom = saved;
  }
  return total;
}

/**
 * The footer: a rule, then "Confidential · name", a line of detail and the page label on the right. `line` is
 * given the room left between the name and the page label and returns the detail to print there.
 */
export function footer(doc: Doc, words: { confidential: string; name: string; page: string }, line: (room: number) => string): void {
  const fy = PAGE.height - 38;
  rule(doc, fy - 8);
  const cw = put(doc, words.confidential, L, fy, { size: 7.5, bold: true, color: ACCENT });
  const nameW = put(doc, ` \u00b7 ${words.name}`, L + cw, fy, { size: 7.5, color: MUTED });
  const pw = put(doc, words.page, L + W, fy, { size: 7.5, bold: true, align: 'right' });
  put(doc, line(W - cw - nameW - pw - 24), L + cw + nameW, fy, { size: 7.5, color: MUTED });
}

/** Layout over a pdfkit document: headings kept with what follows, flowing text, tables that split cleanly. */
export class PdfLayout<S> {
  /** The page each section starts on (0-based), for the cover's list. */
  readonly sectionPages = new Map<S, number>();

  constructor(readonly doc: Doc) {}

  get top(): number {
    return this.doc.page.margins.top;
  }

  get bottom(): number {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }

  get y(): number {
    return this.doc.y;
  }

  set y(v: number) {
    this.doc.y = v;
  }

  get pageIndex(): number {
    const r = this.doc.bufferedPageRange();
    return r.start + r.count - 1;
  }

  newPage(): void {
    this.doc.addPage();
    this.y = this.top;
    this.doc.x = L;
  }

  /** Start a new page unless `h` points fit below. */
  ensure(h: number): void {
    if (this.y + h > this.bottom && this.y > this.top + 1) this.newPage();
  }

  gap(h: number): void {
    this.y = Math.min(this.y + h, this.bottom);
  }

  font(kind: Kind, size: number, color: string = INK): void {
    this.doc.font(FONTS[kind]).fontSize(size).fillColor(color);
  }

  measure(s: string, o: TextOpts = {}): number {
    if (!s) return 0;
    this.font(o.kind ?? 'regular', o.size ?? BODY);
    return this.doc.heightOfString(pdfText(s), { width: o.width ?? W, lineGap: o.lineGap ?? 2 });
  }

  /** Whether `text` draws `s` at all (the base leaves empty text out); a subclass may prepare the text here. */
  protected startText(s: string, _o: TextOpts): boolean {
    return !!s;
  }

  /** Flowing text at the current y (pdfkit carries long text on to the next page). */
  text(s: string, o: TextOpts = {}): void {
    if (!this.startText(s, o)) return;
    const lineH = (o.size ?? BODY) * 1.25;
    this.ensure(Math.min(this.measure(s, o), lineH * 2));
    this.font(o.kind ?? 'regular', o.size ?? BODY, o.color ?? INK);
    this.doc.text(pdfText(s), o.x ?? L, this.y, { width: o.width ?? W, lineGap: o.lineGap ?? 2, align: o.align ?? 'left' });
    this.y += o.after ?? 4;
  }

  /** Paragraphs split on blank lines. */
  paragraphs(s: string, o: TextOpts = {}): void {
    for (const p of s.split(/\n\s*\n/)) if (p.trim()) this.text(p.trim(), { ...o, after: o.after ?? 5 });
  }

  muted(s: string, o: TextOpts = {}): void {
    this.text(s, { kind: 'italic', color: MUTED, ...o });
  }

  bullets(items: readonly string[], o: TextOpts = {}): void {
    for (const item of items) {
      const x = (o.x ?? L) + 12;
      const width = (o.width ?? W) - 12;
      this.ensure(Math.min(this.measure(item, { ...o, width }), 26));
      const y = this.y;
      this.font('bold', o.size ?? BODY, ACCENT);
      this.doc.text('\u2022', x - 10, y, { lineBreak: false });
      this.y = y;
      this.text(item, { ...o, x, width, after: 3 });
    }
    this.y += 2;
  }

  /** The numbered square, `title` drawn beside it and the rule below: a section heading at `y`. */
  protected numbered(n: number, y: number, title: () => void): void {
    this.doc.save().rect(L, y, 22, 22).fill(ACCENT).restore();
    put(this.doc, String(n), L + 11, y + 5.5, { size: 12, bold: true, color: '#ffffff', align: 'center' });
    title();
    this.doc
      .save()
      .lineWidth(1.2)
      .strokeColor(ACCENT)
      .moveTo(L, y + 28)
      .lineTo(L + W, y + 28)
      .stroke()
      .restore();
    this.y = y + 38;
  }

  /** The cover's top line: `word` boxed on the right, the school's name in the room to its left; returns the box's width. */
  coverTop(word: string, school: string, top: number): number {
    const doc = this.doc;
    doc.font(FONTS.bold).fontSize(12);
    const bw = doc.widthOfString(word) + 28;
    doc
      .save()
      .lineWidth(1.6)
      .strokeColor(INK)
      .rect(L + W - bw, top - 4, bw, 26)
      .stroke()
      .restore();
    put(doc, word, L + W - bw / 2, top + 3.5, { size: 12, bold: true, align: 'center' });
    this.font('bold', 11, ACCENT);
    doc.text(pdfText(school), L, top, { width: W - bw - 20, height: 28, ellipsis: true, lineGap: 1 });
    return bw;
  }

  /** The height of a notice box holding `s`. */
  noticeHeight(s: string): number {
    return this.measure(s, { size: 8.5, width: W - 24 }) + 16;
  }

  /** A shaded notice box with a dark bar on its left, `h` high at `y`. */
  notice(s: string, y: number, h: number): void {
    this.doc.save().rect(L, y, W, h).fill(FAINT).restore();
    this.doc.save().rect(L, y, 3, h).fill(INK).restore();
    this.font('regular', 8.5, INK);
    this.doc.text(pdfText(s), L + 14, y + 8, { width: W - 24, lineGap: 2 });
  }

  /** A small capitalised label with its value below it, `size` points bold, wrapped to `width`. */
  field(k: string, v: string, x: number, y: number, size: number, width: number): void {
    put(this.doc, k.toUpperCase(), x, y, { size: 6.8, bold: true, color: MUTED });
    this.font('bold', size, INK);
    this.doc.text(pdfText(v), x, y + 10, { width, lineGap: 1 });
  }

  /** `s` made ready for the fonts (a subclass may remember it). */
  protected ansi(s: string): string {
    return pdfText(s);
  }

  /** Sets the font a table cell is measured in. */
  protected measureFont(kind: Kind, size: number): void {
    this.font(kind, size);
  }

  /** The height of `s` (already through pdfText) wrapped to `width` in the current font. */
  protected heightIn(s: string, width: number, lineGap: number): number {
    return this.doc.heightOfString(s, { width, lineGap });
  }

  /** A cell's text (already through pdfText) in the current font, wrapped to `width` and cut with "..." below `height`. */
  protected cellLines(s: string, x: number, y: number, width: number, height: number, align: Align, lineGap: number): void {
    this.doc.text(s, x, y, { width, height, ellipsis: true, align, lineGap });
  }

  /**
   * A table: columns sized by weight to `width`, a shaded header row repeated on every page it spans, zebra
   * rows, group rows across all columns kept with the rows they head. A row taller than a page is cut with "...".
   */
  table(cols: readonly Column[], rows: readonly Row[], o: TableOpts = {}): void {
    const doc = this.doc;
    const x0 = o.x ?? L;
    const total = cols.reduce((s, c) => s + c.width, 0);
    const width = o.width ?? W;
    const widths = cols.map((c) => (c.width / total) * width);
    const xs = widths.map((_, i) => x0 + widths.slice(0, i).reduce((s, w) => s + w, 0));
    const size = o.size ?? 8.5;
    const headSize = o.headSize ?? Math.min(size, 8);
    const padX = 4;
    const padY = 3.5;
    const lineGap = 1;
    const fontOf = (c: Cell): Kind => (typeof c === 'string' ? 'regular' : (c.kind ?? 'regular'));
    const heightOf = (c: Cell, w: number, sz: number, kind: Kind = fontOf(c)): number => {
      this.measureFont(kind, sz);
      let h = this.heightIn(this.ansi(cellText(c)) || ' ', w - 2 * padX, lineGap);
      if (typeof c !== 'string' && c.sub) {
        this.measureFont('regular', sz - 1);
        h += 1 + this.heightIn(this.ansi(c.sub), w - 2 * padX, lineGap);
      }
      return h + 2 * padY;
    };
    const groupH = o.groups ? headSize + 2 * padY + 1 : 0;
    const headH = groupH + Math.max(...cols.map((c, i) => heightOf({ text: c.header, kind: 'bold' }, widths[i] as number, headSize)));
    const maxRow = this.bottom - this.top - headH - 8;
    const rowH = rows.map((r) =>
      Math.min(
        maxRow,
        Math.max(
          r.minHeight ?? 0,
          r.span ? heightOf(r.span, width, size) : Math.max(...(r.cells ?? []).map((c, i) => heightOf(c, widths[i] as number, size))),
        ),
      ),
    );
    const header = () => {
      const y = this.y;
      doc.save().rect(x0, y, width, headH).fill(HEAD_FILL).restore();
      let k = 0;
      for (const g of o.groups ?? []) {
        const gx = xs[k] as number;
        const gw = widths.slice(k, k + g.span).reduce((s, w) => s + w, 0);
        if (g.label) {
          put(doc, g.label, gx + gw / 2, y + padY, { size: headSize, bold: true, align: 'center' });
          doc
            .save()
            .lineWidth(0.5)
            .strokeColor(MUTED)
            .moveTo(gx + padX, y + groupH - 1)
            .lineTo(gx + gw - padX, y + groupH - 1)
            .stroke()
            .restore();
        }
        k += g.span;
      }
      cols.forEach((c, i) => {
        this.font('bold', headSize, INK);
        doc.text(pdfText(c.header), (xs[i] as number) + padX, y + groupH + padY, {
          width: (widths[i] as number) - 2 * padX,
          align: c.align ?? 'left',
          lineGap,
        });
      });
      doc
        .save()
        .lineWidth(0.8)
        .strokeColor(INK)
        .moveTo(x0, y + headH)
        .lineTo(x0 + width, y + headH)
        .stroke()
        .restore();
      this.y = y + headH;
    };
    const drawCell = (c: Cell, x: number, w: number, y: number, h: number, align: Align) => {
      this.font(fontOf(c), size, typeof c === 'string' ? INK : (c.color ?? INK));
      this.cellLines(this.ansi(cellText(c)), x + padX, y + padY, w - 2 * padX, h - 2 * padY + 1, align, lineGap);
      if (typeof c !== 'string' && c.sub) {
        this.font('regular', size - 1, MUTED);
        doc.text(this.ansi(c.sub), x + padX, doc.y + 1, { width: w - 2 * padX, align, lineGap });
      }
    };
    const keepH = (i: number) => {
      let h = 0;
      for (let k = i; k <= Math.min(rows.length - 1, i + (rows[i]?.keep ?? 0)); k++) h += rowH[k] as number;
      return h;
    };
    this.ensure(headH + Math.min(keepH(0), maxRow));
    header();
    let zebra = false;
    rows.forEach((r, i) => {
      const h = rowH[i] as number;
      if (this.y + Math.min(keepH(i), maxRow) > this.bottom) {
        this.newPage();
        header();
      }
      const y = this.y;
      if (r.span) zebra = false;
      const fill = r.fill ?? (o.zebra !== false && zebra && !r.span ? ZEBRA : null);
      if (fill) doc.save().rect(x0, y, width, h).fill(fill).restore();
      if (r.span) drawCell(r.span, x0, width, y, h, 'left');
      else (r.cells ?? []).forEach((c, k) => drawCell(c, xs[k] as number, widths[k] as number, y, h, cols[k]?.align ?? 'left'));
      doc
        .save()
        .lineWidth(0.5)
        .strokeColor(GRID)
        .moveTo(x0, y + h)
        .lineTo(x0 + width, y + h)
        .stroke()
        .restore();
      if (!r.span) zebra = !zebra;
      this.y = y + h;
    });
    this.y += 8;
  }
}
