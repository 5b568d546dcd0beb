/**
 * The readable PDF inside an agency export package (issue 9): the chosen sections of one pupil's record, laid out
 * for the professional who receives it (an educational psychologist, an NHS therapy service, a local authority, the
 * next school). A cover says who the pupil is, who shared the record with whom and when, under which lawful basis,
 * and which sections are inside (with their pages); each section then has a layout of its own: labels in plain
 * English, dates as dd/mm/yyyy, codes in words, no internal ids. Sessions come as a summary by term and by
 * discipline, then one compact line per session (about 45 to a page), so five years of sessions stay readable and
 * quick to draw. House style of the review pack: A4, the shipped Noto fonts for every script (pdf-fonts.ts), buffered
 * pages so every page after the cover carries the pupil's name and "Confidential", and every page "Page N of M".
 * Plain Node: no Electron.
 */
import { ageOn, formatLongDate, formatUkDate, isIsoDate, londonLocal } from '../../../shared/dates';
import { formatTScore } from '../../../shared/gas';
import { sessionOutcome, shareOf } from '../../../shared/attendance';
import { codeLabel, isI18nKey, t, yearGroupLabel, type I18nKeyUnder } from '../../../shared/i18n';
import { ITEM_SECTIONS, type ItemSection } from '../../../shared/ehcp';
import { MEASURES } from '../../../shared/therapy';
import { planLengthText } from '../../../shared/plan-length';
import {
  ARTICLE6_BASES,
  ARTICLE9_CONDITIONS,
  EXPORT_SECTIONS,
  type AssessmentRecord,
  type ExportSection,
  type IppView,
  type OutputOf,
  type ParentUpdate,
  type PlanView,
  type PupilProfile,
  type ReferralRecord,
  type ReviewMeeting,
  type SessionView,
} from '../../../shared/contract';
import { createPdf } from '../reports/pdf-fonts';
import { pdfText } from '../reports/pdf-text';
import { FAINT, GRID, INK, MUTED, put } from '../reports/pdf-ink';
import {
  ACCENT,
  type Align,
  BODY,
  type Cell,
  type Column,
  DOC_OPTIONS,
  FONTS,
  HEAD_FILL,
  type Kind,
  L,
  PdfLayout,
  type Row,
  W,
  ZEBRA,
  cellText,
  collect,
  eachPage,
  footer,
  rule,
} from '../reports/pdf-layout';
import type { ExportDocument } from './export-data';
import { protectedPdfOptions, upgradeToRevision6 } from './protected-pdf';

// ---- words ----

const tx = (key: I18nKeyUnder<'exportPdf'>, options?: Record<string, unknown>) => t(`exportPdf.${key}`, options);

/** A code as words: "music_therapy" -> "Music therapy" (for a code the resources do not know). */
const codeWords = (code: string) => code.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());

/** Remembered results of a string function (i18next and date parsing are slow next to a table row's drawing). */
function memo(f: (s: string) => string): (s: string) => string {
  const known = new Map<string, string>();
  return (s) => {
    let v = known.get(s);
    if (v === undefined) known.set(s, (v = f(s)));
    return v;
  };
}

const labelOf = memo((key) => {
  const dot = key.lastIndexOf('.');
  const value = key.slice(dot + 1);
  return /^[A-Za-z0-9_-]+$/.test(value) && isI18nKey(key) ? t(key) : codeWords(value);
});

/** A code's label when the resources have one (`bands.targeted`), else the code as words. */
function label(prefix: string, value: string | null | undefined): string {
  return value ? labelOf(`${prefix}.${value}`) : '';
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const lowerFirst = (s: string) => (/^[A-Z][a-z]/.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s);
const yesNo = (b: boolean) => tx(b ? 'yes' : 'no');
/** 12345 -> "12,345" (toLocaleString is slow in a loop). */
const num = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

const ukDay = memo((iso) => formatUkDate(iso) || iso);

/** dd/mm/yyyy for an ISO date or date-time (a date-time as the date in England); '' for nothing. */
function ukDate(iso: string | null | undefined): string {
  if (!iso) return '';
  if (iso.length === 10) return ukDay(iso);
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : formatUkDate(londonLocal(d).slice(0, 10));
}

const longDay = memo((iso) => formatLongDate(iso) || iso);

/**
 * "14 March 2026" for an ISO date or date-time (a date-time as the date in England); '' for nothing: the running text,
 * headings, cover, footer and the label-and-value lists (the product's long date). Table cells keep dd/mm/yyyy.
 */
function longDate(iso: string | null | undefined): string {
  if (!iso) return '';
  if (iso.length === 10) return longDay(iso);
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : longDay(londonLocal(d).slice(0, 10));
}

/** "Tariq Mitchell (tariq.m)" -> "Tariq Mitchell": the app's record of who did something, without the username. */
const person = (s: string | null | undefined) => (s ?? '').replace(/\s+\([A-Za-z0-9._@-]+\)$/, '');

function disciplineLabel(code: string): string {
  return label('disciplines', code);
}

/** "3 times a week, 30 minutes a session, for 12 weeks, group of 4", or '' when nothing is given. */
function frequency(p: {
  readonly frequencyCount: number | null;
  readonly frequencyPeriod: string | null;
  readonly sessionMinutes: number | null;
  readonly durationWeeks: number | null;
  readonly groupSize: number | null;
}): string {
  const parts: string[] = [];
  if (p.frequencyCount !== null && p.frequencyPeriod) {
    const period = label('ehcpUi.periods', p.frequencyPeriod);
    parts.push(p.frequencyCount === 2 ? tx('frequency.twice', { period }) : tx('frequency.times', { count: p.frequencyCount, period }));
  }
  if (p.sessionMinutes !== null) parts.push(tx('frequency.minutes', { count: p.sessionMinutes }));
  if (p.durationWeeks !== null) parts.push(tx('frequency.weeks', { count: p.durationWeeks }));
  if (p.groupSize !== null) parts.push(p.groupSize === 1 ? tx('frequency.oneToOne') : tx('frequency.group', { count: p.groupSize }));
  return capital(parts.join(', '));
}

function gasWords(rating: number): string {
  return tx('reviews.gas', { sign: rating > 0 ? '+' : '', rating, words: codeLabel('reviewPack.gas', String(rating)) });
}

// ---- layout ----

/** The export's layout over the shared one (pdf-layout.ts): remembered text and widths for long tables, compact tables. */
class Layout extends PdfLayout<ExportSection> {
  private readonly fitted = new Map<string, string>();
  private readonly widths = new Map<string, number>();
  private readonly safe = new Map<string, string>();

  /** `s` cut to one line of `width` points (with an ellipsis); remembered, as session notes repeat. */
  fit(s: string, width: number, kind: Kind, size: number): string {
    const key = `${kind}|${size}|${width.toFixed(1)}|${s}`;
    const known = this.fitted.get(key);
    if (known !== undefined) return known;
    this.doc.font(FONTS[kind]).fontSize(size);
    let text = this.ansi(s).replace(/\s+/g, ' ').trim();
    if (this.doc.widthOfString(text) > width) {
      let lo = 0;
      let hi = text.length;
      while (lo < hi) {
        const mid = Math.ceil((lo + hi) / 2);
        if (this.doc.widthOfString(`${text.slice(0, mid).trimEnd()}\u2026`) <= width) lo = mid;
        else hi = mid - 1;
      }
      text = `${text.slice(0, lo).trimEnd()}\u2026`;
    }
    this.fitted.set(key, text);
    return text;
  }

  /** pdfText(s), remembered for this document (table text is measured, then drawn). */
  override ansi(s: string): string {
    let v = this.safe.get(s);
    if (v === undefined) this.safe.set(s, (v = pdfText(s)));
    return v;
  }

  /** The height of `s` (already WinAnsi) wrapped to `width` in the current font: one line without wrapping when it fits. */
  protected override heightIn(s: string, width: number, lineGap: number): number {
    if (!s.includes('\n') && this.doc.widthOfString(s) <= width - 0.5) return this.doc.currentLineHeight(true) + lineGap;
    return this.doc.heightOfString(s, { width, lineGap });
  }

  /** The width of a fitted string (remembered with it). */
  widthOf(s: string, kind: Kind, size: number): number {
    const key = `${kind}|${size}|${s}`;
    let w = this.widths.get(key);
    if (w === undefined) {
      this.doc.font(FONTS[kind]).fontSize(size);
      this.widths.set(key, (w = this.doc.widthOfString(s)));
    }
    return w;
  }

  /** Table cells are measured without setting their colour. */
  protected override measureFont(kind: Kind, size: number): void {
    this.doc.font(FONTS[kind]).fontSize(size);
  }

  /** A cell's text: drawn as it is, without pdfkit's line wrapping, when it fits on one line. */
  protected override cellLines(s: string, x: number, y: number, inner: number, height: number, align: Align, lineGap: number): void {
    const doc = this.doc;
    const sw = s.includes('\n') ? Infinity : doc.widthOfString(s);
    if (sw <= inner - 0.5) {
      doc.text(s, x + (align === 'right' ? inner - sw : align === 'center' ? (inner - sw) / 2 : 0), y, { lineBreak: false });
      doc.y = y + doc.currentLineHeight(true) + lineGap;
    } else super.cellLines(s, x, y, inner, height, align, lineGap);
  }

  /** A numbered section heading with a rule, kept with `keep` points of what follows. */
  section(key: ExportSection, n: number, title: string, keep: number): void {
    this.ensure(48 + keep);
    if (this.y > this.top + 1) this.y += 12;
    this.sectionPages.set(key, this.pageIndex);
    const y = this.y;
    this.numbered(n, y, () => {
      this.font('bold', 15, INK);
      this.doc.text(pdfText(title), L + 31, y + 4.5, { width: W - 31, height: 20, ellipsis: true, lineBreak: false });
    });
  }

  /** A sub-heading kept with `keep` points of what follows. */
  h2(s: string, keep = 40): void {
    this.ensure(this.measure(s, { kind: 'bold', size: 11.5, lineGap: 1 }) + 12 + keep);
    if (this.y > this.top + 1) this.y += 6;
    this.font('bold', 11.5, ACCENT);
    this.doc.text(pdfText(s), L, this.y, { width: W, lineGap: 1 });
    rule(this.doc, this.y + 1);
    this.y += 6;
  }

  h3(s: string, keep = 30): void {
    this.ensure(this.measure(s, { kind: 'bold', lineGap: 1 }) + 6 + keep);
    if (this.y > this.top + 1) this.y += 3;
    this.font('bold', BODY, INK);
    this.doc.text(pdfText(s), L, this.y, { width: W, lineGap: 1 });
    this.y += 3;
  }

  /** Label and value pairs, the label in a narrow column on the left; pairs with an empty value are left out. */
  defs(pairs: readonly (readonly [string, string])[], o: { labelWidth?: number; size?: number } = {}): void {
    const lw = o.labelWidth ?? 150;
    const size = o.size ?? BODY;
    for (const [k, v] of pairs) {
      if (!v) continue;
      const h = Math.max(this.measure(v, { width: W - lw, size }), this.measure(k, { width: lw - 10, size: size - 1, kind: 'bold' }));
      this.ensure(Math.min(h, 60));
      const y = this.y;
      const page = this.pageIndex;
      this.font('bold', size - 1, MUTED);
      this.doc.text(pdfText(k), L, y + 0.8, { width: lw - 10, lineGap: 2 });
      const labelBottom = this.doc.y;
      this.font('regular', size, INK);
      this.doc.text(pdfText(v), L + lw, y, { width: W - lw, lineGap: 2 });
      // A long value may have carried on to the next page; the label's bottom only counts on the same page.
      this.y = (this.pageIndex === page ? Math.max(this.y, labelBottom) : this.y) + 3;
    }
    this.y += 3;
  }

  /**
   * A long table of one-line rows (every cell cut to fit with an ellipsis): fixed row heights, so it is laid out
   * without measuring wrapped text, and group rows (`span`) start a new band of zebra stripes.
   */
  compactTable(cols: readonly Column[], rows: readonly Row[], o: { size?: number; rowHeight?: number } = {}): void {
    const doc = this.doc;
    const total = cols.reduce((s, c) => s + c.width, 0);
    const widths = cols.map((c) => (c.width / total) * W);
    const xs = widths.map((_, i) => L + widths.slice(0, i).reduce((s, w) => s + w, 0));
    const size = o.size ?? 7.5;
    const rowH = o.rowHeight ?? 15;
    const padX = 3.5;
    const textY = (rowH - size) / 2 + 0.6;
    const header = () => {
      const y = this.y;
      doc
        .save()
        .rect(L, y, W, rowH + 2)
        .fill(HEAD_FILL)
        .restore();
      cols.forEach((c, i) => {
        const w = (widths[i] as number) - 2 * padX;
        const s = this.fit(c.header, w, 'bold', size);
        this.font('bold', size, INK);
        const x = c.align === 'right' ? (xs[i] as number) + padX + w - doc.widthOfString(s) : (xs[i] as number) + padX;
        doc.text(s, x, y + textY + 1, { lineBreak: false });
      });
      doc
        .save()
        .lineWidth(0.8)
        .strokeColor(INK)
        .moveTo(L, y + rowH + 2)
        .lineTo(L + W, y + rowH + 2)
        .stroke()
        .restore();
      this.y = y + rowH + 2;
    };
    this.ensure(3 * rowH + 4);
    header();
    let zebra = false;
    let stripes: number[] = [];
    let rules: number[] = [];
    const flush = () => {
      // One path per page for the stripes and one for the rules: far fewer operators than a fill per row.
      if (stripes.length) {
        doc.save();
        for (const y of stripes) doc.rect(L, y, W, rowH);
        doc.fill(ZEBRA).restore();
      }
      if (rules.length) {
        doc.save().lineWidth(0.4).strokeColor(GRID);
        for (const y of rules) doc.moveTo(L, y).lineTo(L + W, y);
        doc.stroke().restore();
      }
      stripes = [];
      rules = [];
    };
    const texts: { s: string; x: number; y: number; kind: Kind; color: string }[] = [];
    const drawTexts = () => {
      // Grouped by font so each page sets its fonts and colours a handful of times.
      for (const kind of ['regular', 'bold', 'italic', 'boldItalic'] as const) {
        let color = '';
        for (const tt of texts) {
          if (tt.kind !== kind) continue;
          if (!color) this.font(kind, size, (color = tt.color));
          else if (tt.color !== color) doc.fillColor((color = tt.color));
          doc.text(tt.s, tt.x, tt.y, { lineBreak: false });
        }
      }
      texts.length = 0;
    };
    rows.forEach((r) => {
      const needRows = r.span ? 2 : 1;
      if (this.y + needRows * rowH > this.bottom) {
        flush();
        drawTexts();
        this.newPage();
        header();
        zebra = false;
      }
      const y = this.y;
      if (r.span) {
        zebra = false;
        const c = r.span;
        const kind = typeof c === 'string' ? 'bold' : (c.kind ?? 'bold');
        const s = this.fit(cellText(c), W - 2 * padX, kind, size + 0.5);
        texts.push({ s, x: L + padX, y: y + textY + 1.5, kind, color: ACCENT });
        doc
          .save()
          .lineWidth(0.8)
          .strokeColor(ACCENT)
          .moveTo(L, y + rowH + 1)
          .lineTo(L + W, y + rowH + 1)
          .stroke()
          .restore();
        this.y = y + rowH + 2;
        return;
      }
      if (zebra) stripes.push(y);
      zebra = !zebra;
      (r.cells ?? []).forEach((c, k) => {
        const text = cellText(c);
        if (!text) return;
        const kind = typeof c === 'string' ? 'regular' : (c.kind ?? 'regular');
        const color = typeof c === 'string' ? INK : (c.color ?? INK);
        const w = (widths[k] as number) - 2 * padX;
        const s = this.fit(text, w, kind, size);
        const x = (xs[k] as number) + padX + (cols[k]?.align === 'right' ? w - this.widthOf(s, kind, size) : 0);
        texts.push({ s, x, y: y + textY, kind, color });
      });
      this.y = y + rowH;
      rules.push(this.y);
    });
    // Drawing text moves pdfkit's y to each text's line: the table ends below its last row.
    const end = this.y;
    flush();
    drawTexts();
    this.y = end + 12;
  }
}

// ---- the document ----

/** The letters of UK GDPR Article 6(1) and 9(2) follow the contract's order: consent (a) ... legitimate interests (f). */
const articleLetter = (list: readonly string[], code: string) => {
  const i = list.indexOf(code);
  return i < 0 ? '?' : String.fromCharCode(97 + i);
};

function basisWords(basis: ExportDocument['basis']): string {
  const a6 = tx('basis.article6', {
    name: label('sharingUi.basis.article6', basis.article6),
    letter: articleLetter(ARTICLE6_BASES, basis.article6),
  });
  const a9 = tx('basis.article9', {
    name: lowerFirst(label('sharingUi.basis.article9', basis.article9)),
    letter: articleLetter(ARTICLE9_CONDITIONS, basis.article9),
  });
  return tx('basis.both', { article6: a6, article9: a9 });
}

interface Ctx {
  readonly lay: Layout;
  readonly doc: ExportDocument;
  /** The export's date (in England), ISO. */
  readonly today: string;
  /** Goals of each plan in the export (to name the goals rated at reviews). */
  readonly goals: ReadonlyMap<string, readonly { readonly key: string; readonly description: string }[]>;
  /** The PDF goes inside an age package, beside pupil.json and the CSV files (false: a password-protected PDF alone). */
  readonly inPackage: boolean;
}

/**
 * Renders the chosen sections as a PDF. With `options.password` the PDF opens only with it (AES-256, revision 6:
 * exports/protected-pdf.ts); PdfPasswordError for an unsuitable one, before anything is drawn.
 */
export async function renderExportPdf(
  doc: ExportDocument,
  sectionTitle: (s: ExportSection) => string,
  options: { readonly password?: string } = {},
): Promise<Uint8Array> {
  const today = londonLocal(new Date(doc.exportedAt)).slice(0, 10);
  const exported = longDate(doc.exportedAt);
  const pdf = createPdf({
    ...(options.password === undefined ? {} : protectedPdfOptions(options.password)),
    ...DOC_OPTIONS,
    info: {
      Title: pdfText(tx('docTitle', { name: doc.pupil.name, organisation: doc.to.organisation })),
      Author: pdfText(doc.from.school),
      Subject: pdfText(tx('docSubject', { school: doc.from.school, date: exported })),
      Creator: 'SENCo Desk',
    },
  });
  if (options.password !== undefined) upgradeToRevision6(pdf, options.password);
  const finish = collect(pdf);

  const lay = new Layout(pdf);
  const plans = (doc.data.plans as readonly IppView[] | undefined) ?? [];
  const ctx: Ctx = { lay, doc, today, goals: new Map(plans.map((p) => [p.id, p.goals])), inPackage: options.password === undefined };
  const contents = cover(ctx, sectionTitle);
  lay.newPage();
  doc.sections.forEach((s, i) => {
    lay.section(s, i + 1, sectionTitle(s), 110);
    const data = doc.data[s];
    if (data === undefined || data === null) lay.muted(tx('nothing'));
    else SECTIONS[s](ctx, data);
  });
  contentsPages(lay, contents);
  decorate(lay, doc, exported);
  return new Uint8Array(await finish());
}

// ---- cover ----

/** Draws the cover; returns where each section's page number goes (filled in once the pages are known). */
function cover(ctx: Ctx, sectionTitle: (s: ExportSection) => string): { key: ExportSection; y: number }[] {
  const { lay, doc } = ctx;
  const pdf = lay.doc;
  const top = 40;
  const bw = lay.coverTop(tx('confidential').toUpperCase(), doc.from.school, top);
  lay.font('regular', 8, MUTED);
  pdf.text(pdfText(`URN ${doc.from.urn}`), L, pdf.y + 2, { width: W - bw - 20, lineBreak: false });

  let y = Math.max(96, pdf.y + 20);
  put(pdf, tx('title'), L, y, { size: 28, bold: true });
  y += 38;
  lay.font('regular', 14, ACCENT);
  pdf.text(pdfText(tx('sharedWith', { organisation: doc.to.organisation })), L, y, { width: W, lineGap: 1 });
  y = pdf.y + 12;
  pdf
    .save()
    .lineWidth(2)
    .strokeColor(ACCENT)
    .moveTo(L, y)
    .lineTo(L + W, y)
    .stroke()
    .restore();
  y += 14;

  lay.font('bold', 22, INK);
  pdf.text(pdfText(doc.pupil.name), L, y, { width: W, lineGap: 0 });
  y = pdf.y + 8;
  const age = isIsoDate(doc.pupil.dateOfBirth) ? ageOn(doc.pupil.dateOfBirth, ctx.today) : null;
  y = fieldGrid(
    lay,
    [
      [tx('cover.upn'), doc.pupil.upn],
      [
        tx('cover.dateOfBirth'),
        age !== null && age >= 0
          ? tx('cover.dateOfBirthAge', { date: longDate(doc.pupil.dateOfBirth), age })
          : longDate(doc.pupil.dateOfBirth),
      ],
      [tx('cover.yearGroup'), doc.pupil.yearGroup ? yearGroupLabel(doc.pupil.yearGroup) : tx('notSet')],
    ],
    y,
  );

  lay.y = y + 18;
  lay.defs(
    [
      [tx('cover.from'), tx('cover.fromLine', { school: doc.from.school, urn: doc.from.urn })],
      [tx('cover.exportedBy'), person(doc.from.exportedBy)],
      [tx('cover.to'), doc.to.organisation],
      [tx('cover.exported'), longDate(doc.exportedAt)],
      [tx('cover.basis'), basisWords(doc.basis)],
    ],
    { labelWidth: 140, size: 10 },
  );

  lay.y += 8;
  lay.font('bold', 11, ACCENT);
  pdf.text(pdfText(tx('cover.sections')), L, lay.y, { width: W });
  lay.y += 5;
  const rows: { key: ExportSection; y: number }[] = [];
  doc.sections.forEach((s, i) => {
    const ry = lay.y;
    put(pdf, `${i + 1}`, L + 14, ry, { size: 10, bold: true, color: ACCENT, align: 'right' });
    put(pdf, sectionTitle(s), L + 24, ry, { size: 10 });
    rows.push({ key: s, y: ry });
    lay.y = ry + 15;
  });
  lay.y += 4;
  const missing = EXPORT_SECTIONS.filter((s) => !doc.sections.includes(s));
  lay.text(
    missing.length ? tx('cover.notShared', { list: missing.map((s) => lowerFirst(sectionTitle(s))).join(', ') }) : tx('cover.allSections'),
    { size: 9, color: MUTED },
  );
  if (ctx.inPackage) lay.text(tx('cover.files'), { size: 9, color: MUTED });

  // The confidentiality notice at the foot of the cover (or below the rest, on a very full cover).
  const noticeH = lay.noticeHeight(tx('cover.notice'));
  let ny = lay.bottom - noticeH;
  if (lay.pageIndex !== 0 || lay.y + noticeH + 8 > lay.bottom) {
    lay.ensure(noticeH + 8);
    ny = lay.y + 4;
  }
  lay.notice(tx('cover.notice'), ny, noticeH);
  return rows;
}

/** Label-over-value pairs in columns on a shaded panel; returns the y below it. */
function fieldGrid(lay: Layout, fields: readonly (readonly [string, string])[], y0: number): number {
  const doc = lay.doc;
  const pad = 10;
  const colW = (W - 2 * pad) / fields.length;
  const h = Math.max(...fields.map(([, v]) => lay.measure(v, { size: 10.5, kind: 'bold', width: colW - 8, lineGap: 1 }))) + 14;
  const total = h + 2 * pad - 4;
  doc.save().rect(L, y0, W, total).fill(FAINT).restore();
  fields.forEach(([k, v], j) => lay.field(k, v, L + pad + j * colW, y0 + pad, 10.5, colW - 8));
  return y0 + total;
}

function contentsPages(lay: Layout, rows: readonly { key: ExportSection; y: number }[]): void {
  const doc = lay.doc;
  doc.switchToPage(0);
  for (const r of rows) {
    const page = lay.sectionPages.get(r.key);
    if (page === undefined) continue;
    put(doc, tx('cover.pageOf', { n: page + 1 }), L + W, r.y + 0.5, { size: 9, color: MUTED, align: 'right' });
  }
}

/** Header (pages after the cover) and footer (every page). */
function decorate(lay: Layout, doc: ExportDocument, exported: string): void {
  const pdf = lay.doc;
  const total = pdf.bufferedPageRange().count;
  const line = tx('footer', { organisation: doc.to.organisation, school: doc.from.school, date: exported });
  // The footer line between the pupil's name and the page number, cut short once if a long name would reach it.
  pdf.font(FONTS.bold).fontSize(7.5);
  const cw = pdf.widthOfString(tx('confidential'));
  const pw = pdf.widthOfString(pdfText(tx('page', { n: total, m: total })));
  pdf.font(FONTS.regular).fontSize(7.5);
  const nameW = pdf.widthOfString(pdfText(` \u00b7 ${doc.pupil.name}`));
  const room = W - cw - nameW - pw - 24;
  let g = pdfText(` \u00b7 ${line}`);
  if (pdf.widthOfString(g) > room) {
    let lo = 0;
    let hi = g.length;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (pdf.widthOfString(`${g.slice(0, mid)}\u2026`) <= room) lo = mid;
      else hi = mid - 1;
    }
    g = `${g.slice(0, lo)}\u2026`;
  }
  eachPage(pdf, (n) => {
    if (n > 1) {
      const cw = put(pdf, tx('confidential').toUpperCase(), L + W, 28.5, { size: 8, bold: true, color: ACCENT, align: 'right' });
      lay.font('bold', 8.5, INK);
      pdf.text(pdfText(`${doc.pupil.name}  \u00b7  UPN ${doc.pupil.upn}`), L, 28, {
        width: W - cw - 16,
        height: 11,
        ellipsis: true,
        lineBreak: false,
      });
      rule(pdf, 42);
    }
    footer(pdf, { confidential: tx('confidential'), name: doc.pupil.name, page: tx('page', { n, m: total }) }, () => g);
  });
}

// ---- sections ----

type SectionFn = (ctx: Ctx, data: unknown) => void;

const SECTIONS: Readonly<Record<ExportSection, SectionFn>> = {
  details: (ctx, data) => details(ctx, data as Partial<PupilProfile>),
  needs: (ctx, data) => needs(ctx, data as NeedsData),
  ehcp: (ctx, data) => ehcp(ctx, data as readonly PlanView[]),
  referrals: (ctx, data) => referrals(ctx, data as readonly ReferralRecord[]),
  assessments: (ctx, data) => assessments(ctx, data as readonly AssessmentRecord[]),
  bands: (ctx, data) => bands(ctx, data as OutputOf<'bands.history'>),
  plans: (ctx, data) => ipps(ctx, data as readonly IppView[]),
  sessions: (ctx, data) => sessions(ctx, data as readonly SessionView[]),
  reviews: (ctx, data) => reviews(ctx, data as readonly ReviewMeeting[]),
  parent_updates: (ctx, data) => parentUpdates(ctx, data as readonly ParentUpdate[]),
};

function details({ lay }: Ctx, p: Partial<PupilProfile>): void {
  const legal = [p.legalFirstName, p.legalLastName].filter(Boolean).join(' ');
  const preferred = [p.preferredFirstName ?? p.legalFirstName, p.preferredLastName ?? p.legalLastName].filter(Boolean).join(' ');
  const yearClass = [p.yearGroup ? yearGroupLabel(p.yearGroup) : '', p.className ?? ''].filter(Boolean).join(', ');
  lay.defs([
    [tx('details.legalName'), legal || (p.name ?? '')],
    [tx('details.preferredName'), preferred && preferred !== legal ? preferred : ''],
    [tx('details.dateOfBirth'), longDate(p.dateOfBirth)],
    [tx('details.yearClass'), yearClass],
    [tx('details.dateJoined'), longDate(p.dateJoined)],
    [tx('details.dateLeft'), p.dateLeft ? longDate(p.dateLeft) : tx('details.notLeft')],
    [
      tx('details.homeSchool'),
      p.homeSchoolName
        ? p.homeSchoolUrn
          ? tx('details.homeSchoolLine', { name: p.homeSchoolName, urn: p.homeSchoolUrn })
          : p.homeSchoolName
        : '',
    ],
  ]);
  lay.h2(tx('details.contacts'));
  const contacts = p.contacts ?? [];
  if (!contacts.length) {
    lay.muted(tx('details.noContacts'));
    return;
  }
  lay.table(
    [
      { header: tx('details.name'), width: 22 },
      { header: tx('details.relationship'), width: 15 },
      { header: tx('details.phone'), width: 17 },
      { header: tx('details.email'), width: 30 },
      { header: tx('details.parentalResponsibility'), width: 16 },
    ],
    contacts.map((c) => ({
      cells: [
        { text: c.name, kind: 'bold' },
        label('relationships', c.relationship),
        c.phone ?? '',
        c.email ?? '',
        yesNo(c.parentalResponsibility),
      ],
    })),
  );
}

interface NeedsData {
  readonly senStatus: string;
  readonly senHistory?: readonly { readonly status: string; readonly startDate: string; readonly endDate: string | null }[];
  readonly needs?: readonly string[];
  readonly needsIdentifiedOn?: string | null;
}

function needs({ lay }: Ctx, d: NeedsData): void {
  const history = [...(d.senHistory ?? [])].sort((a, b) => b.startDate.localeCompare(a.startDate));
  const open = history.find((h) => h.endDate === null && h.status === d.senStatus);
  const status = label('senStatusLong', d.senStatus);
  lay.defs([[tx('needs.status'), open ? tx('needs.statusSince', { status, date: longDate(open.startDate) }) : status]]);
  if (d.needsIdentifiedOn) lay.text(tx('needs.identified', { date: longDate(d.needsIdentifiedOn) }));
  lay.h2(tx('needs.ranked'));
  const list = d.needs ?? [];
  if (list.length) {
    lay.muted(tx('needs.rankedIntro'), { size: 8.5 });
    lay.table(
      [
        { header: tx('needs.rank'), width: 22 },
        { header: tx('needs.need'), width: 78 },
      ],
      list.map((n, i) => ({
        cells: [
          {
            text: i === 0 ? tx('needs.rank1') : i === 1 ? tx('needs.rank2') : tx('needs.rankN', { n: i + 1 }),
            kind: i < 2 ? 'bold' : 'regular',
          },
          label('needs', n),
        ],
      })),
    );
  } else lay.muted(tx('needs.noNeeds'));
  lay.h2(tx('needs.history'));
  if (!history.length) {
    lay.muted(tx('needs.noHistory'));
    return;
  }
  lay.table(
    [
      { header: tx('needs.status2'), width: 56 },
      { header: tx('needs.from'), width: 22 },
      { header: tx('needs.to'), width: 22 },
    ],
    history.map((h) => ({
      cells: [
        label('senStatusLong', h.status),
        ukDate(h.startDate),
        h.endDate ? ukDate(h.endDate) : { text: tx('needs.current'), kind: 'bold' },
      ],
    })),
  );
}

function ehcp({ lay }: Ctx, plans: readonly PlanView[]): void {
  if (!plans.length) {
    lay.muted(tx('ehcp.none'));
    return;
  }
  lay.muted(tx('ehcp.count', { count: plans.length }), { size: 8.5 });
  for (const v of plans) {
    const { plan, version, content } = v;
    lay.h2(tx(plan.status === 'draft' ? 'ehcp.headingDraft' : 'ehcp.heading', { la: plan.localAuthority }), 80);
    const amendments = [...plan.versions].filter((x) => x.kind === 'amendment').sort((a, b) => b.number - a.number);
    lay.defs([
      [tx('ehcp.status'), label('ehcpUi.statusLong', plan.status)],
      [
        tx('ehcp.version'),
        tx('ehcp.versionLine', {
          n: version.number,
          kind: tx(version.kind === 'amendment' ? 'ehcp.amendment' : 'ehcp.original'),
          date: longDate(version.effectiveDate),
        }),
      ],
      [
        tx('ehcp.amendments'),
        amendments
          .map((a) => tx('ehcp.amendmentLine', { n: a.number, date: longDate(a.effectiveDate), reason: a.reason ?? tx('notRecorded') }))
          .join('\n'),
      ],
      [tx('ehcp.draftDate'), longDate(plan.draftDate)],
      [tx('ehcp.issuedDate'), plan.issuedDate ? longDate(plan.issuedDate) : tx('ehcp.notIssued')],
      [
        tx('ehcp.ceasedDate'),
        plan.ceasedDate
          ? longDate(plan.ceasedDate) + (plan.ceasedReason ? `. ${tx('ehcp.ceasedReason', { reason: plan.ceasedReason })}` : '')
          : '',
      ],
    ]);

    const needNo = new Map(content.needs.map((n, i) => [n.key, i + 1]));
    const outcomeNo = new Map(content.outcomes.map((o, i) => [o.key, i + 1]));
    const items = (section: ItemSection) => {
      const list = content.items.filter((it) => it.section === section);
      lay.h3(t(`ehcpUi.sections.${section}`), 16);
      if (!list.length) lay.muted(tx('ehcp.nothing'), { size: 8.5 });
      else lay.bullets(list.map((it) => (it.provider ? `${it.description} (${tx('ehcp.provider')}: ${it.provider})` : it.description)));
    };

    lay.h3(t('ehcpUi.sections.A'), 16);
    const a = content.sectionA;
    if (a.views || a.interests || a.aspirations) {
      lay.defs(
        [
          [t('ehcpUi.fields.views'), a.views ?? ''],
          [t('ehcpUi.fields.interests'), a.interests ?? ''],
          [t('ehcpUi.fields.aspirations'), a.aspirations ?? ''],
        ],
        { labelWidth: 100 },
      );
    } else lay.muted(tx('ehcp.nothing'), { size: 8.5 });

    lay.h3(t('ehcpUi.sections.B'), 40);
    if (content.needs.length) {
      lay.table(
        [
          { header: tx('ehcp.needCol'), width: 12 },
          { header: tx('ehcp.area'), width: 24 },
          { header: tx('ehcp.description'), width: 64 },
        ],
        content.needs.map((n, i) => ({
          cells: [{ text: t('ehcpUi.rows.need', { n: i + 1 }), kind: 'bold' }, label('ehcpUi.areas', n.area), n.description],
        })),
      );
    } else lay.muted(tx('ehcp.nothing'), { size: 8.5 });
    for (const s of ITEM_SECTIONS.filter((x) => x === 'C' || x === 'D')) items(s);

    lay.h3(t('ehcpUi.sections.E'), 40);
    if (content.outcomes.length) {
      lay.table(
        [
          { header: tx('ehcp.outcomeCol'), width: 13 },
          { header: tx('ehcp.description'), width: 55 },
          { header: tx('ehcp.targetDate'), width: 14 },
          { header: tx('ehcp.answers'), width: 18 },
        ],
        content.outcomes.map((o, i) => ({
          cells: [
            { text: t('ehcpUi.rows.outcome', { n: i + 1 }), kind: 'bold' },
            { text: o.description, sub: o.pfaArea ? tx('ehcp.pfa', { area: label('ehcpUi.pfa', o.pfaArea) }) : undefined },
            ukDate(o.targetDate),
            o.needKeys
              .map((k) => needNo.get(k))
              .filter((n): n is number => n !== undefined)
              .map((n) => t('ehcpUi.rows.need', { n }))
              .join(', '),
          ],
        })),
      );
    } else lay.muted(tx('ehcp.nothing'), { size: 8.5 });

    lay.h3(t('ehcpUi.sections.F'), 40);
    if (content.provision.length) {
      lay.table(
        [
          { header: tx('ehcp.provisionCol'), width: 13 },
          { header: tx('ehcp.description'), width: 33 },
          { header: tx('ehcp.frequency'), width: 22 },
          { header: tx('ehcp.deliveredBy'), width: 17 },
          { header: tx('ehcp.serves'), width: 15 },
        ],
        content.provision.map((p, i) => ({
          cells: [
            { text: t('ehcpUi.rows.provision', { n: i + 1 }), kind: 'bold' },
            { text: p.description, sub: p.expertise ? tx('ehcp.expertise', { text: p.expertise }) : undefined },
            frequency(p) || { text: tx('ehcp.notSpecified'), kind: 'italic' },
            p.deliveredBy ?? '',
            p.outcomeKeys
              .map((k) => outcomeNo.get(k))
              .filter((n): n is number => n !== undefined)
              .map((n) => t('ehcpUi.rows.outcome', { n }))
              .join(', '),
          ],
        })),
      );
    } else lay.muted(tx('ehcp.nothing'), { size: 8.5 });
    for (const s of ITEM_SECTIONS.filter((x) => x !== 'C' && x !== 'D')) items(s);

    lay.h3(t('ehcpUi.sections.I'), 16);
    const pl = content.placement;
    if (pl.name || pl.type)
      lay.defs(
        [
          [tx('ehcp.placementName'), pl.name ?? ''],
          [tx('ehcp.placementType'), pl.type ?? ''],
          [tx('ehcp.placementUrn'), pl.urn ?? ''],
        ],
        { labelWidth: 130 },
      );
    else lay.muted(tx('ehcp.nothing'), { size: 8.5 });
    lay.h3(t('ehcpUi.sections.J'), 16);
    if (content.personalBudget) lay.paragraphs(content.personalBudget);
    else lay.muted(tx('ehcp.nothing'), { size: 8.5 });
    lay.h3(t('ehcpUi.sections.K'), 30);
    if (content.advice.length) {
      lay.table(
        [
          { header: tx('ehcp.adviceTitle'), width: 45 },
          { header: tx('ehcp.adviceFrom'), width: 40 },
          { header: tx('ehcp.adviceDate'), width: 15 },
        ],
        content.advice.map((x) => ({ cells: [x.title, x.author, ukDate(x.date)] })),
      );
    } else lay.muted(tx('ehcp.nothing'), { size: 8.5 });
  }
}

function referrals({ lay }: Ctx, list: readonly ReferralRecord[]): void {
  if (!list.length) {
    lay.muted(tx('referrals.none'));
    return;
  }
  const sorted = [...list].sort((a, b) => b.receivedDate.localeCompare(a.receivedDate));
  lay.table(
    [
      { header: tx('referrals.received'), width: 11 },
      { header: tx('referrals.discipline'), width: 15 },
      { header: tx('referrals.referrer'), width: 16 },
      { header: tx('referrals.reason'), width: 24 },
      { header: tx('referrals.state'), width: 19 },
      { header: tx('referrals.consent'), width: 15 },
    ],
    sorted.map((r) => {
      const events = r.history
        .filter((e) => e.from !== null)
        .map((e) => tx('referrals.event', { state: capital(label('referralStates', e.to)), date: ukDate(e.date) }));
      const stateSub = [r.declinedReason ? tx('referrals.declined', { reason: r.declinedReason }) : '', ...events]
        .filter(Boolean)
        .join('\n');
      const referrer = [label('therapyUi.referrerKinds', r.referrerKind), r.laCategory ? label('therapyUi.laCategories', r.laCategory) : '']
        .filter(Boolean)
        .join(', ');
      const consent = label('therapyUi.consent.status', r.consentStatus);
      return {
        cells: [
          ukDate(r.receivedDate),
          disciplineLabel(r.discipline),
          { text: r.referrerName, sub: referrer },
          r.reason,
          { text: capital(label('referralStates', r.state)), kind: 'bold', sub: stateSub || undefined },
          r.consentBy && r.consentDate
            ? { text: consent, sub: tx('referrals.consentBy', { by: r.consentBy, date: ukDate(r.consentDate) }) }
            : consent,
        ],
      };
    }),
  );
}

function assessments({ lay }: Ctx, list: readonly AssessmentRecord[]): void {
  if (!list.length) {
    lay.muted(tx('assessments.none'));
    return;
  }
  const sorted = [...list].sort((a, b) => b.date.localeCompare(a.date));
  lay.muted(tx('assessments.count', { count: sorted.length }), { size: 8.5 });
  for (const a of sorted) {
    lay.h2(
      tx('assessments.heading', {
        date: longDate(a.date),
        kind: label('therapyUi.assessmentKinds', a.kind),
        discipline: disciplineLabel(a.discipline),
      }),
      60,
    );
    lay.defs([
      [tx('assessments.assessor'), a.assessorName],
      [tx('assessments.needLevel'), a.needLevel ? label('needLevels', a.needLevel) : tx('notSet')],
    ]);
    if (a.scores.length) {
      lay.h3(tx('assessments.scores'), 30);
      lay.table(
        [
          { header: tx('assessments.measure'), width: 36 },
          { header: tx('assessments.scale'), width: 32 },
          { header: tx('assessments.score'), width: 14, align: 'right' },
          { header: tx('assessments.range'), width: 18 },
        ],
        a.scores.map((s) => {
          const scale = (MEASURES as Record<string, { scales: Record<string, { min: number; max: number }> }>)[s.measure]?.scales[s.scale];
          return {
            cells: [
              codeLabel('therapyUi.measures', `${s.measure}.short`, codeWords(s.measure)),
              label(`therapyUi.measures.${s.measure}.scales`, s.scale),
              { text: String(s.value), kind: 'bold' },
              scale ? tx('assessments.rangeValue', { min: scale.min, max: scale.max }) : '',
            ],
          };
        }),
      );
    }
    if (a.thrive.length) {
      lay.h3(tx('assessments.thrive'), 30);
      lay.table(
        [
          { header: tx('assessments.strand'), width: 25 },
          { header: tx('assessments.result'), width: 20 },
          { header: tx('assessments.notes'), width: 55 },
        ],
        a.thrive.map((r) => ({
          cells: [
            label('therapyUi.thriveStrands', r.strand),
            { text: label('therapyUi.thriveResults', r.result), kind: 'bold' },
            r.notes ?? '',
          ],
        })),
      );
    }
    if (!a.scores.length && !a.thrive.length) lay.muted(tx('assessments.noScores'), { size: 8.5 });
    if (a.notes) {
      lay.h3(tx('assessments.notes'), 20);
      lay.paragraphs(a.notes);
    }
  }
}

function bands({ lay }: Ctx, d: OutputOf<'bands.history'>): void {
  const cur = d.current;
  if (!cur && !d.history.length) {
    lay.muted(tx('bands.none'));
    return;
  }
  if (cur) {
    const extras = [
      cur.needLevel ? tx('bands.needLevel', { level: lowerFirst(label('needLevels', cur.needLevel)) }) : '',
      cur.plannedWeeks ? tx('bands.plannedWeeks', { count: cur.plannedWeeks }) : '',
    ].filter(Boolean);
    lay.defs([
      [
        tx('bands.current'),
        `${tx('bands.currentLine', { band: label('bands', cur.band), date: longDate(cur.startDate) })}${extras.length ? ` (${extras.join(', ')})` : ''}`,
      ],
      [tx('bands.reason'), `${cur.reason}${cur.by ? ` ${tx('bands.setBy', { by: person(cur.by) })}` : ''}`],
    ]);
  }
  if (d.flagged)
    lay.text([tx('bands.flagged'), d.nextStep ? t(`therapyRules.specific.step.${d.nextStep}`) : ''].filter(Boolean).join(' '), {
      kind: 'bold',
    });
  lay.muted(tx('bands.explain'), { size: 8.5 });
  lay.h2(tx('bands.history'));
  const history = [...d.history].sort((a, b) => b.startDate.localeCompare(a.startDate));
  lay.table(
    [
      { header: tx('bands.band'), width: 12 },
      { header: tx('bands.level'), width: 10 },
      { header: tx('bands.from'), width: 12 },
      { header: tx('bands.to'), width: 12 },
      { header: tx('bands.weeks'), width: 10, align: 'right' },
      { header: tx('bands.reason'), width: 44 },
    ],
    history.map((h) => ({
      cells: [
        { text: label('bands', h.band), kind: 'bold' },
        h.needLevel ? label('needLevels', h.needLevel) : '',
        ukDate(h.startDate),
        h.endDate ? ukDate(h.endDate) : { text: tx('bands.stillCurrent'), kind: 'bold' },
        h.plannedWeeks ? String(h.plannedWeeks) : '',
        { text: h.reason, sub: h.by ? tx('bands.setBy', { by: person(h.by) }) : undefined },
      ],
    })),
  );
}

function ipps({ lay }: Ctx, list: readonly IppView[]): void {
  if (!list.length) {
    lay.muted(tx('plans.none'));
    return;
  }
  lay.muted(tx('plans.count', { count: list.length }), { size: 8.5 });
  for (const p of list) {
    lay.h2(p.title, 80);
    lay.defs([
      [tx('plans.version'), tx('plans.versionLine', { n: p.version })],
      [tx('plans.start'), longDate(p.startDate)],
      [tx('plans.reviewDate'), longDate(p.reviewDate)],
      [tx('plans.end'), `${longDate(p.endDate)}${p.lengthDays > 0 ? ` (${planLengthText(p.startDate, p.endDate)})` : ''}`],
      [tx('plans.closed'), p.closedDate ? longDate(p.closedDate) : ''],
      [tx('plans.expectedOutcomes'), p.expectedOutcomes ?? ''],
      [
        tx('plans.revisions'),
        p.versions
          .filter((v) => v.reason)
          .map((v) => tx('plans.revision', { n: v.number, reason: v.reason }))
          .join('\n'),
      ],
    ]);

    lay.h3(tx('plans.goals'), 150);
    lay.muted(tx('plans.gasIntro'), { size: 8.5 });
    p.goals.forEach((g, i) => {
      lay.h3(tx('plans.goal', { n: i + 1, text: g.description }), 100);
      if (g.ehcpOutcome) lay.muted(tx('plans.ehcpOutcome', { text: g.ehcpOutcome }), { size: 8.5 });
      const ladder = [
        ['m2', -2],
        ['m1', -1],
        ['expected', 0],
        ['p1', 1],
        ['p2', 2],
      ] as const;
      lay.table(
        [
          { header: tx('plans.score'), width: 9, align: 'right' },
          { header: tx('plans.level'), width: 27 },
          { header: tx('plans.looksLike'), width: 64 },
        ],
        ladder.map(([k, score]) => {
          const kind: Kind = score === 0 ? 'bold' : 'regular';
          const text = g.levels[k];
          return {
            cells: [
              { text: score > 0 ? `+${score}` : String(score), kind },
              { text: label('ippUi.ladder.levels', k), kind },
              text ? { text, kind } : { text: tx('plans.notDescribed'), kind: 'italic', color: MUTED },
            ],
          };
        }),
        { size: 8 },
      );
    });

    lay.h3(tx('plans.interventions'), 40);
    if (p.interventions.length) {
      lay.table(
        [
          { header: tx('plans.intervention'), width: 36 },
          { header: tx('plans.frequency'), width: 26 },
          { header: tx('plans.staffing'), width: 16 },
          { header: tx('plans.deliveredBy'), width: 22 },
        ],
        p.interventions.map((x) => ({
          cells: [
            { text: x.description, kind: 'bold', sub: disciplineLabel(x.discipline) },
            frequency(x) || { text: tx('ehcp.notSpecified'), kind: 'italic' },
            label('ippUi.intervention.ratios', x.staffingRatio),
            x.deliveredBy ?? '',
          ],
        })),
      );
      const strategies = p.interventions.filter((x) => x.classroomStrategies);
      if (strategies.length) {
        lay.h3(tx('plans.strategies'), 20);
        lay.bullets(strategies.map((x) => tx('plans.strategyLine', { intervention: x.description, text: x.classroomStrategies })));
      }
    } else lay.muted(tx('plans.noInterventions'), { size: 8.5 });

    lay.h3(tx('plans.reviews'), 40);
    if (p.reviews.length) {
      const goalNo = new Map(p.goals.map((g, i) => [g.key, i + 1]));
      lay.table(
        [
          { header: tx('plans.reviewDateCol'), width: 13 },
          { header: tx('plans.mean'), width: 11, align: 'right' },
          { header: tx('plans.ratings'), width: 42 },
          { header: tx('plans.note'), width: 34 },
        ],
        [...p.reviews]
          .sort((a, b) => b.date.localeCompare(a.date))
          .map((r) => ({
            cells: [
              ukDate(r.date),
              { text: (r.mean > 0 ? '+' : '') + r.mean.toFixed(1), kind: 'bold' },
              r.ratings
                .map(
                  (x, i) =>
                    `${tx('reviews.goalN', { n: goalNo.get(x.goalKey) ?? i + 1 })}: ${gasWords(x.rating)}${x.note ? `. ${x.note}` : ''}`,
                )
                .join('\n'),
              r.note ?? '',
            ],
          })),
      );
    } else lay.muted(tx('plans.noReviews'), { size: 8.5 });
  }
}

// ---- sessions ----

interface Tally {
  sessions: number;
  attended: number;
  absent: number;
  cancelled: number;
  notRecorded: number;
  upcoming: number;
  minutes: number;
}
const emptyTally = (): Tally => ({ sessions: 0, attended: 0, absent: 0, cancelled: 0, notRecorded: 0, upcoming: 0, minutes: 0 });

interface Term {
  readonly key: string;
  readonly label: string;
  readonly year: string;
}
const terms = new Map<string, Term>();

/** The academic year and term of a date, counted by calendar month (autumn Sep-Dec, spring Jan-Mar, summer Apr-Aug). */
function termOf(date: string): Term {
  const month = date.slice(0, 7);
  const known = terms.get(month);
  if (known) return known;
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const start = m >= 9 ? y : y - 1;
  const year = `${start}/${String((start + 1) % 100).padStart(2, '0')}`;
  const [term, order] = m >= 9 ? (['autumn', 0] as const) : m <= 3 ? (['spring', 1] as const) : (['summer', 2] as const);
  const out = { key: `${start}-${order}`, label: tx(`sessions.${term}`, { year }), year };
  terms.set(month, out);
  return out;
}

function sessions(ctx: Ctx, list: readonly SessionView[]): void {
  const { lay, today } = ctx;
  const rows = list
    .map((s) => ({ s, p: s.pupils[0] }))
    .filter((r): r is { s: SessionView; p: NonNullable<typeof r.p> } => r.p !== undefined)
    .sort((a, b) => a.s.date.localeCompare(b.s.date) || a.s.startTime.localeCompare(b.s.startTime));
  if (!rows.length) {
    lay.muted(tx('sessions.none'));
    return;
  }
  type State = 'attended' | 'absent' | 'cancelled' | 'notRecorded' | 'upcoming';
  // The shared rule (shared/attendance.ts): pending and dated today or earlier is "not recorded", later is upcoming.
  const stateOf = (s: SessionView, p: (typeof rows)[number]['p']): State => {
    const outcome = sessionOutcome(p.attendance, s.date, today);
    return outcome === 'not_recorded' ? 'notRecorded' : outcome;
  };
  const minutesOf = (s: SessionView, p: (typeof rows)[number]['p']) =>
    p.attendance === 'attended' ? (p.deliveredMinutes ?? s.durationMinutes) : 0;

  const terms = new Map<string, { label: string; year: string; tally: Tally }>();
  const years = new Map<string, Tally>();
  const disciplines = new Map<string, Tally>();
  const all = emptyTally();
  const cancelledBy = { school: 0, therapist: 0, family: 0, unknown: 0 };
  const add = (tally: Tally, state: State, minutes: number) => {
    tally.sessions++;
    tally[state]++;
    tally.minutes += minutes;
  };
  for (const { s, p } of rows) {
    const term = termOf(s.date);
    const state = stateOf(s, p);
    const minutes = minutesOf(s, p);
    let tt = terms.get(term.key);
    if (!tt) terms.set(term.key, (tt = { label: term.label, year: term.year, tally: emptyTally() }));
    add(tt.tally, state, minutes);
    let yt = years.get(term.year);
    if (!yt) years.set(term.year, (yt = emptyTally()));
    add(yt, state, minutes);
    let dt = disciplines.get(s.discipline);
    if (!dt) disciplines.set(s.discipline, (dt = emptyTally()));
    add(dt, state, minutes);
    add(all, state, minutes);
    if (state === 'cancelled') cancelledBy[p.cancelledBy ?? 'unknown']++;
  }

  const first = rows[0] as (typeof rows)[number];
  const last = rows[rows.length - 1] as (typeof rows)[number];
  lay.text(tx('sessions.intro', { count: num(rows.length), from: longDate(first.s.date), to: longDate(last.s.date) }));

  // Attended as a percentage of the sessions due (attended, absent, cancelled and not recorded: not of the recorded
  // ones only, which would read 100% for a pupil with one session recorded and thirty not), as the column header says.
  const rate = (x: Tally) => {
    const share = shareOf(x.attended, x.attended + x.absent + x.cancelled + x.notRecorded);
    return share.percent === null ? '-' : `${share.percent}%`;
  };
  const tallyCells = (x: Tally, kind: Kind = 'regular'): Cell[] =>
    [num(x.sessions), num(x.attended), num(x.absent), num(x.cancelled), num(x.notRecorded), num(x.upcoming), num(x.minutes), rate(x)].map(
      (text) => ({ text, kind }),
    );
  const r = 'right' as const;
  const tallyCols = (first: string): Column[] => [
    { header: first, width: 21 },
    { header: tx('sessions.sessions'), width: 9, align: r },
    { header: tx('sessions.attended'), width: 9.5, align: r },
    { header: tx('sessions.absent'), width: 8, align: r },
    { header: tx('sessions.cancelled'), width: 10, align: r },
    { header: tx('sessions.notRecorded'), width: 9.5, align: r },
    { header: tx('sessions.upcoming'), width: 10.5, align: r },
    { header: tx('sessions.minutes'), width: 11, align: r },
    { header: tx('sessions.rate'), width: 9.5, align: r },
  ];

  lay.h2(tx('sessions.summary'), 80);
  const summaryRows: Row[] = [];
  const byYear = new Map<string, { label: string; tally: Tally }[]>();
  for (const [, v] of [...terms.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const l = byYear.get(v.year) ?? [];
    l.push(v);
    byYear.set(v.year, l);
  }
  for (const [year, list] of byYear) {
    list.forEach((v, i) => summaryRows.push({ cells: [v.label, ...tallyCells(v.tally)], keep: i === 0 ? list.length : 0 }));
    if (list.length > 1)
      summaryRows.push({
        cells: [{ text: tx('sessions.yearTotal', { year }), kind: 'bold' }, ...tallyCells(years.get(year) ?? emptyTally(), 'bold')],
        fill: FAINT,
      });
  }
  summaryRows.push({ cells: [{ text: tx('sessions.total'), kind: 'bold' }, ...tallyCells(all, 'bold')], fill: HEAD_FILL });
  lay.table(tallyCols(tx('sessions.term')), summaryRows, { size: 8 });
  if (all.cancelled) {
    lay.text(
      tx('sessions.cancelledBy', {
        count: num(all.cancelled),
        school: num(cancelledBy.school),
        therapist: num(cancelledBy.therapist),
        family: num(cancelledBy.family),
        unknown: cancelledBy.unknown ? tx('sessions.cancelledUnknown', { count: num(cancelledBy.unknown) }) : '',
      }),
      { size: 8.5 },
    );
  }
  lay.muted(tx('sessions.termNote'), { size: 8 });

  lay.h3(tx('sessions.byDiscipline'), 50);
  lay.table(
    tallyCols(tx('sessions.discipline')),
    [...disciplines.entries()]
      .sort(([, a], [, b]) => b.sessions - a.sessions)
      .map(([d, x]) => ({ cells: [disciplineLabel(d), ...tallyCells(x)] })),
    { size: 8 },
  );

  lay.h2(tx('sessions.list'), 120);
  lay.muted(tx('sessions.listIntro'), { size: 8 });
  const attendanceCell = (s: SessionView, p: (typeof rows)[number]['p']): Cell => {
    const state = stateOf(s, p);
    switch (state) {
      case 'attended':
        return label('sessionsUi.attendance', 'attended');
      case 'absent':
        return { text: label('sessionsUi.attendance', 'absent'), kind: 'bold' };
      case 'cancelled':
        return {
          text: p.cancelledBy ? label('sessionsUi.cancelledBy', p.cancelledBy) : label('sessionsUi.attendance', 'cancelled'),
          kind: 'italic',
        };
      case 'notRecorded':
        return { text: label('exportPdf.sessions', 'notRecordedShort'), kind: 'italic', color: MUTED };
      case 'upcoming':
        return { text: label('exportPdf.sessions', 'upcomingShort'), kind: 'italic', color: MUTED };
    }
  };
  const timeRange = memo((k) => tx('sessions.timeRange', { start: k.slice(0, 5), end: k.slice(5) }));
  const listRows: Row[] = [];
  let term = '';
  for (const { s, p } of rows) {
    const tt = termOf(s.date);
    if (tt.key !== term) {
      term = tt.key;
      listRows.push({ span: { text: tt.label, kind: 'bold' } });
    }
    const note = [p.attendance === 'attended' ? '' : (p.reason ?? ''), p.notes ?? ''].filter(Boolean).join('. ');
    listRows.push({
      cells: [
        ukDate(s.date),
        timeRange(`${s.startTime}${s.endTime}`),
        disciplineLabel(s.discipline),
        s.practitioners.map((x) => x.name).join(', '),
        attendanceCell(s, p),
        p.attendance === 'attended' ? String(minutesOf(s, p)) : '',
        note,
      ],
    });
  }
  lay.compactTable(
    [
      // Widths in points: the longest discipline and attendance labels fit whole (with Liberation Sans's kerning,
      // a little wider than Helvetica's); the note takes the rest.
      { header: tx('sessions.date'), width: 45 },
      { header: tx('sessions.time'), width: 50 },
      { header: tx('sessions.discipline'), width: 109 },
      { header: tx('sessions.practitioners'), width: 66 },
      { header: tx('sessions.attendance'), width: 81 },
      { header: tx('sessions.minutesShort'), width: 28, align: 'right' },
      { header: tx('sessions.note'), width: W - 379 },
    ],
    listRows,
  );
}

function reviews(ctx: Ctx, list: readonly ReviewMeeting[]): void {
  const { lay } = ctx;
  if (!list.length) {
    lay.muted(tx('reviews.none'));
    return;
  }
  const sorted = [...list].sort((a, b) => b.date.localeCompare(a.date));
  lay.muted(tx('reviews.count', { count: sorted.length }), { size: 8.5 });
  for (const r of sorted) {
    lay.h2(tx('reviews.heading', { kind: label('reviewKinds', r.kind), date: longDate(r.date) }), 80);
    lay.defs([
      [tx('reviews.status'), label('reviewsUi.statuses', r.status)],
      [tx('reviews.plan'), r.ippTitle ?? ''],
      [tx('reviews.recordedBy'), person(r.recordedBy)],
    ]);
    lay.h3(tx('reviews.attendees'), 30);
    if (r.attendees.length) {
      lay.table(
        [
          { header: tx('reviews.name'), width: 28 },
          { header: tx('reviews.role'), width: 24 },
          { header: tx('reviews.organisation'), width: 32 },
          { header: tx('reviews.attendance'), width: 16 },
        ],
        r.attendees.map((a) => ({
          cells: [
            { text: a.name, kind: 'bold' },
            label('reviewsUi.roles', a.role),
            a.organisation ?? '',
            a.present ? tx('reviews.present') : { text: tx('reviews.apologies'), kind: 'italic' },
          ],
        })),
        { size: 8 },
      );
    } else lay.muted(tx('reviews.noAttendees'), { size: 8.5 });
    for (const [k, v] of [
      ['pupilViews', r.pupilViews],
      ['parentViews', r.parentViews],
      ['discussion', r.discussion],
    ] as const) {
      if (!v) continue;
      lay.h3(tx(`reviews.${k}`), 20);
      lay.paragraphs(v);
    }
    if (r.ratings.length) {
      lay.h3(tx('reviews.ratings'), 40);
      const goals = r.ippId ? ctx.goals.get(r.ippId) : undefined;
      lay.table(
        [
          { header: tx('reviews.goal'), width: 60 },
          { header: tx('reviews.rating'), width: 40 },
        ],
        r.ratings.map((x, i) => {
          const gi = goals ? goals.findIndex((g) => g.key === x.goalKey) : -1;
          const goal = gi >= 0 ? tx('plans.goal', { n: gi + 1, text: goals?.[gi]?.description ?? '' }) : tx('reviews.goalN', { n: i + 1 });
          return {
            cells: [
              { text: goal, sub: x.note ?? undefined },
              { text: gasWords(x.rating), kind: 'bold' },
            ],
          };
        }),
        { size: 8 },
      );
      if (r.tScore !== null) lay.text(tx('reviews.tScore', { value: formatTScore(r.tScore) }), { size: 9 });
    }
    if (r.status === 'held' || r.decisions.length) {
      lay.h3(tx('reviews.decisions'), 20);
      if (r.decisions.length) {
        lay.bullets(
          r.decisions.map((d) => {
            const kind = d.kind === 'close' ? label('reviewsUi.closeFor', r.kind) : label('reviewsUi.decisions', d.kind);
            const extras = [
              d.band ? tx('reviews.decisionBand', { band: label('bands', d.band) }) : '',
              d.needLevel ? tx('bands.needLevel', { level: lowerFirst(label('needLevels', d.needLevel)) }) : '',
              d.plannedWeeks ? tx('bands.plannedWeeks', { count: d.plannedWeeks }) : '',
            ].filter(Boolean);
            return `${kind}${extras.length ? `: ${extras.join(', ')}` : ''}.${d.note ? ` ${d.note}` : ''}`;
          }),
        );
      } else lay.muted(tx('reviews.noDecisions'), { size: 8.5 });
    }
    if (r.actions.length) {
      lay.h3(tx('reviews.actions'), 30);
      lay.table(
        [
          { header: tx('reviews.action'), width: 50 },
          { header: tx('reviews.owner'), width: 20 },
          { header: tx('reviews.due'), width: 13 },
          { header: tx('reviews.done'), width: 17 },
        ],
        r.actions.map((a) => ({
          cells: [
            a.description,
            person(a.ownerName),
            ukDate(a.dueDate),
            a.doneDate ? ukDate(a.doneDate) : { text: tx(a.overdue ? 'reviews.overdue' : 'reviews.notDone'), kind: 'italic' },
          ],
        })),
        { size: 8 },
      );
    }
    const an = r.annual;
    if (an && (an.outcomes.length || an.amendments.length || an.recommendation)) {
      // The annual review's conclusions (SEND Regulations 2014 reg. 20(10)): the recommendation, progress, amendments.
      lay.h3(tx('reviews.annual'), 30);
      lay.defs(
        [
          [
            tx('reviews.recommendation'),
            an.recommendation ? label('reviewsUi.annual.recommendations', an.recommendation) : tx('notRecorded'),
          ],
        ],
        { labelWidth: 200 },
      );
      if (an.outcomes.length) {
        lay.table(
          [
            { header: tx('reviews.outcome'), width: 50 },
            { header: tx('reviews.progress'), width: 18 },
            { header: tx('reviews.note'), width: 32 },
          ],
          an.outcomes.map((o) => ({ cells: [o.outcome, label('reviewsUi.annual.progressLevels', o.progress), o.note ?? ''] })),
          { size: 8 },
        );
      }
      if (an.amendments.length) {
        lay.table(
          [
            { header: tx('reviews.section'), width: 36 },
            { header: tx('reviews.amendment'), width: 64 },
          ],
          an.amendments.map((m) => ({ cells: [label('ehcpUi.sections', m.section), m.text] })),
          { size: 8 },
        );
      }
    }
    const st = r.statutory;
    if (st && Object.values(st).some((v) => v !== null)) {
      lay.h3(tx('reviews.statutory'), 30);
      lay.defs(
        [
          [tx('reviews.invitations'), longDate(st.invitationsSentDate)],
          [tx('reviews.advice'), longDate(st.adviceCirculatedDate)],
          [tx('reviews.report'), longDate(st.reportSentDate)],
          [
            tx('reviews.laDecision'),
            st.laDecision
              ? tx('reviews.laDecisionLine', { decision: label('reviewsUi.laDecisions', st.laDecision), date: longDate(st.laDecisionDate) })
              : '',
          ],
          [tx('reviews.amendedFinal'), longDate(st.amendedFinalDate)],
        ],
        { labelWidth: 200 },
      );
    }
  }
}

function parentUpdates({ lay }: Ctx, list: readonly ParentUpdate[]): void {
  if (!list.length) {
    lay.muted(tx('parentUpdates.none'));
    return;
  }
  lay.muted(tx('parentUpdates.intro'), { size: 8.5 });
  lay.table(
    [
      { header: tx('parentUpdates.date'), width: 12 },
      { header: tx('parentUpdates.method'), width: 12 },
      { header: tx('parentUpdates.summary'), width: 56 },
      { header: tx('parentUpdates.by'), width: 20 },
    ],
    [...list]
      .sort((a, b) => b.date.localeCompare(a.date))
      .map((u) => ({ cells: [ukDate(u.date), label('progressUi.parents.methods', u.method), u.summary, person(u.sentBy)] })),
  );
}
