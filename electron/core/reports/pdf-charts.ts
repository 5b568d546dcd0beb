/**
 * Small vector charts for the printable review pack, drawn with pdfkit's path operators. They are meant to be
 * printed in greyscale, so nothing relies on colour: series differ by marker shape, fill (solid, hatched, outline)
 * and dash pattern, every chart has labelled axes and a legend, and lines carry direct labels where there is room.
 * Plain Node; the caller passes every word (already translated).
 */
import { format } from 'date-fns';
import { enGB } from 'date-fns/locale/en-GB';
import { fromDayNumber, toDayNumber } from '../../../shared/date-only';
import { formatUkDate } from '../../../shared/dates';
import { FONT as FACE, type Doc } from './pdf-fonts';
import { pdfText } from './pdf-text';
import { FAINT, GRID, INK, MUTED, put, type Align } from './pdf-ink';

export type { Doc } from './pdf-fonts';

const FONT = FACE.regular;
const FONT_BOLD = FACE.bold;
/** Days since 1970-01-01 for an ISO date (or a month, yyyy-mm: its first day), ignoring time zones; NaN otherwise. */
export function dayNumber(iso: string): number {
  const s = iso.slice(0, 10);
  const date = /^\d{4}-\d{2}$/.test(s) ? `${s}-01` : s;
  return /^\d{4}-\d{2}-\d{2}$/.test(date) ? toDayNumber(date) : Number.NaN;
}

/** A label vertically centred on `cy`. */
function putMiddle(
  doc: Doc,
  s: string,
  x: number,
  cy: number,
  opts: { size?: number; bold?: boolean; color?: string; align?: Align } = {},
): number {
  return put(doc, s, x, cy - (opts.size ?? 7) * 0.36, opts);
}

function hline(doc: Doc, x0: number, x1: number, y: number, width: number, color: string, dash?: [number, number]): void {
  doc.save().lineWidth(width).strokeColor(color);
  if (dash) doc.dash(dash[0], { space: dash[1] });
  doc.moveTo(x0, y).lineTo(x1, y).stroke();
  doc.restore();
}

function vline(doc: Doc, x: number, y0: number, y1: number, width: number, color: string, dash?: [number, number]): void {
  doc.save().lineWidth(width).strokeColor(color);
  if (dash) doc.dash(dash[0], { space: dash[1] });
  doc.moveTo(x, y0).lineTo(x, y1).stroke();
  doc.restore();
}

/** Diagonal hatching inside a rectangle, with its outline: reads as a third shade in greyscale. */
export function hatchRect(doc: Doc, x: number, y: number, w: number, h: number, color: string = INK, spacing = 2.6): void {
  if (w <= 0 || h <= 0) return;
  doc.save();
  doc.rect(x, y, w, h).fill('#ffffff');
  doc.rect(x, y, w, h).clip();
  doc.lineWidth(0.55).strokeColor(color);
  for (let i = -h; i < w; i += spacing) doc.moveTo(x + i, y + h).lineTo(x + i + h, y);
  doc.stroke();
  doc.restore();
  doc.save().lineWidth(0.6).strokeColor(color).rect(x, y, w, h).stroke().restore();
}

type MarkerShape = 'square' | 'circle' | 'diamond' | 'triangle';

function marker(doc: Doc, shape: MarkerShape, cx: number, cy: number, r: number, filled: boolean): void {
  doc.save().lineWidth(0.8).strokeColor(INK);
  switch (shape) {
    case 'square':
      doc.rect(cx - r, cy - r, 2 * r, 2 * r);
      break;
    case 'circle':
      doc.circle(cx, cy, r);
      break;
    case 'diamond':
      doc.polygon([cx, cy - r * 1.25], [cx + r * 1.25, cy], [cx, cy + r * 1.25], [cx - r * 1.25, cy]);
      break;
    case 'triangle':
      doc.polygon([cx, cy - r * 1.2], [cx + r * 1.1, cy + r * 0.8], [cx - r * 1.1, cy + r * 0.8]);
      break;
  }
  doc.fillAndStroke(filled ? INK : '#ffffff', INK);
  doc.restore();
}

type LegendItem =
  | { readonly kind: 'marker'; readonly shape: MarkerShape; readonly filled: boolean; readonly label: string }
  | { readonly kind: 'line'; readonly dash?: [number, number]; readonly width?: number; readonly color?: string; readonly label: string }
  | { readonly kind: 'swatch'; readonly fill: string | 'hatch'; readonly label: string }
  | { readonly kind: 'tick'; readonly label: string };

/** A one-line legend starting at (x, y); returns its height. */
/** An empty box with a dashed outline: what is not known (a session not recorded), readable in black and white. */
function dashedRect(doc: Doc, x: number, y: number, w: number, h: number): void {
  doc.save().lineWidth(0.6).dash(1.6, { space: 1.4 }).rect(x, y, w, h).fillAndStroke('#ffffff', INK).undash().restore();
}

function legend(doc: Doc, items: readonly LegendItem[], x: number, y: number): number {
  let cx = x;
  const cy = y + 4;
  for (const item of items) {
    switch (item.kind) {
      case 'marker':
        doc
          .save()
          .lineWidth(1)
          .strokeColor(INK)
          .moveTo(cx, cy)
          .lineTo(cx + 14, cy)
          .stroke()
          .restore();
        marker(doc, item.shape, cx + 7, cy, 2.4, item.filled);
        break;
      case 'line':
        hline(doc, cx, cx + 14, cy, item.width ?? 1, item.color ?? INK, item.dash);
        break;
      case 'swatch':
        if (item.fill === 'hatch') hatchRect(doc, cx + 2, cy - 4, 10, 8);
        else if (item.fill === 'dashed') dashedRect(doc, cx + 2, cy - 4, 10, 8);
        else
          doc
            .save()
            .lineWidth(0.6)
            .rect(cx + 2, cy - 4, 10, 8)
            .fillAndStroke(item.fill, INK)
            .restore();
        break;
      case 'tick':
        hline(doc, cx + 1, cx + 13, cy, 2.2, INK);
        break;
    }
    cx += 18;
    cx += putMiddle(doc, item.label, cx, cy, { size: 7, color: INK }) + 14;
  }
  return 10;
}

interface Tick {
  readonly at: number;
  readonly label: string;
}

/** Calendar ticks between two days: weeks for short spans, then 1, 2, 3, 6 or 12 months. */
function timeTicks(from: number, to: number, maxTicks: number): Tick[] {
  const span = to - from;
  if (span <= 62) {
    const step = span <= 21 ? 7 : 14;
    const ticks: Tick[] = [];
    for (let d = Math.ceil(from); d <= to; d++) {
      if ((d - Math.ceil(from)) % step === 0) ticks.push({ at: d, label: formatUkDate(fromDayNumber(d)) });
    }
    return ticks;
  }
  const start = fromDayNumber(Math.floor(from));
  const months = (to - from) / 30.4;
  const step = [1, 2, 3, 6, 12, 24].find((s) => months / s <= maxTicks) ?? 24;
  const ticks: Tick[] = [];
  let y = Number(start.slice(0, 4));
  let m = Number(start.slice(5, 7)) - 1;
  for (;;) {
    const at = toDayNumber(`${String(y).padStart(4, '0')}-${String(m + 1).padStart(2, '0')}-01`);
    if (at > to) break;
    const aligned = step >= 12 ? m === 0 && y % (step / 12) === 0 : m % step === 0;
    if (at >= from && aligned) {
      ticks.push({ at, label: format(new Date(y, m, 1), step >= 12 ? 'yyyy' : 'MMM yyyy', { locale: enGB }) });
    }
    m += 1;
    if (m === 12) {
      m = 0;
      y += 1;
    }
  }
  return ticks;
}

export interface GasChartInput {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly points: readonly { readonly date: string; readonly rating: number; readonly source: 'review' | 'session' }[];
  /** The date of this review: a labelled vertical line. */
  readonly reviewDate: string | null;
  /** Labels of the gridlines, from -2 to +2. */
  readonly levelLabels: readonly [string, string, string, string, string];
  readonly words: { readonly review: string; readonly session: string; readonly expected: string; readonly thisReview: string };
  /** At most this many session markers (the line still joins every rating). */
  readonly maxMarkers?: number;
}

/**
 * GAS ratings over time: y axis -2..+2 with a labelled gridline per level (0, the expected level, dashed and
 * darker), x axis dates. A solid line joins every rating; reviews are filled squares, sessions open circles.
 * Returns the height used and how many session markers were drawn of how many.
 */
export function drawGasChart(doc: Doc, c: GasChartInput): { height: number; sessionMarkers: number; sessions: number } {
  const gutter = 68;
  const plotL = c.x + gutter;
  const plotR = c.x + c.width - 6;
  const plotT = c.y + 14;
  const plotB = c.y + c.height - 26;
  const pts = c.points.filter((p) => Number.isFinite(dayNumber(p.date))).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const days = pts.map((p) => dayNumber(p.date));
  let lo = days.length ? Math.min(...days) : 0;
  let hi = days.length ? Math.max(...days) : 1;
  const reviewDate = c.reviewDate && Number.isFinite(dayNumber(c.reviewDate)) ? c.reviewDate : null;
  if (reviewDate) {
    const r = dayNumber(reviewDate);
    lo = Math.min(lo, r);
    hi = Math.max(hi, r);
  }
  const pad = Math.max(3, (hi - lo) * 0.02);
  lo -= pad;
  hi += pad;
  const xOf = (d: number) => plotL + ((d - lo) / (hi - lo)) * (plotR - plotL);
  const yOf = (r: number) => plotB - ((Math.max(-2, Math.min(2, r)) + 2) / 4) * (plotB - plotT);

  // Frame and gridlines, one per level.
  doc
    .save()
    .rect(plotL, plotT - 4, plotR - plotL, plotB - plotT + 8)
    .fill(FAINT)
    .restore();
  for (let level = -2; level <= 2; level++) {
    const gy = yOf(level);
    if (level === 0) hline(doc, plotL, plotR, gy, 0.9, INK, [3, 2]);
    else hline(doc, plotL, plotR, gy, 0.5, GRID);
    putMiddle(doc, c.levelLabels[level + 2] as string, plotL - 5, gy, {
      size: 6.8,
      align: 'right',
      bold: level === 0,
      color: level === 0 ? INK : MUTED,
    });
  }
  vline(doc, plotL, plotT - 4, plotB + 4, 0.7, INK);
  hline(doc, plotL, plotR, plotB + 4, 0.7, INK);

  // X ticks.
  const maxTicks = Math.max(2, Math.floor((plotR - plotL) / 52));
  let lastRight = -Infinity;
  for (const tick of timeTicks(lo, hi, maxTicks)) {
    const tx = xOf(tick.at);
    vline(doc, tx, plotB + 4, plotB + 7, 0.6, INK);
    doc.font(FONT).fontSize(6.5);
    const w = doc.widthOfString(tick.label);
    if (tx - w / 2 < lastRight + 4 || tx + w / 2 > plotR + 6) continue;
    put(doc, tick.label, tx, plotB + 8.5, { size: 6.5, align: 'center', color: MUTED });
    lastRight = tx + w / 2;
  }

  // This review.
  if (reviewDate) {
    const rx = xOf(dayNumber(reviewDate));
    vline(doc, rx, plotT - 4, plotB + 4, 0.8, MUTED, [1.5, 1.5]);
    doc.font(FONT).fontSize(6.3);
    const w = doc.widthOfString(c.words.thisReview);
    const leftSide = rx + 3 + w > plotR;
    vline(doc, rx, plotT - 12, plotT - 4, 0.8, MUTED, [1.5, 1.5]);
    put(doc, c.words.thisReview, leftSide ? rx - 3 : rx + 3, plotT - 12.5, { size: 6.3, align: leftSide ? 'right' : 'left', color: MUTED });
  }

  // The line through every rating.
  if (pts.length > 1) {
    doc.save().lineWidth(1.1).strokeColor(INK).lineJoin('round').lineCap('round');
    pts.forEach((p, i) => {
      const px = xOf(days[i] as number);
      const py = yOf(p.rating);
      if (i === 0) doc.moveTo(px, py);
      else doc.lineTo(px, py);
    });
    doc.stroke().restore();
  }

  // Markers: every review, session markers thinned to at most maxMarkers (and always the latest).
  const sessionIdx = pts.map((p, i) => (p.source === 'session' ? i : -1)).filter((i) => i >= 0);
  const maxMarkers = c.maxMarkers ?? Math.floor((plotR - plotL) / 6);
  const every = Math.max(1, Math.ceil(sessionIdx.length / maxMarkers));
  const shown = new Set(sessionIdx.filter((_, k) => k % every === 0));
  if (sessionIdx.length) shown.add(sessionIdx[sessionIdx.length - 1] as number);
  const r = pts.length > 60 ? 1.8 : 2.3;
  pts.forEach((p, i) => {
    if (p.source === 'session' && shown.has(i)) marker(doc, 'circle', xOf(days[i] as number), yOf(p.rating), r, false);
  });
  pts.forEach((p, i) => {
    if (p.source === 'review') marker(doc, 'square', xOf(days[i] as number), yOf(p.rating), 2.6, true);
  });

  const items: LegendItem[] = [];
  if (pts.some((p) => p.source === 'review')) items.push({ kind: 'marker', shape: 'square', filled: true, label: c.words.review });
  if (sessionIdx.length) items.push({ kind: 'marker', shape: 'circle', filled: false, label: c.words.session });
  items.push({ kind: 'line', dash: [3, 2], width: 0.9, label: c.words.expected });
  if (reviewDate) items.push({ kind: 'line', dash: [1.5, 1.5], width: 0.8, color: MUTED, label: c.words.thisReview });
  legend(doc, items, plotL, plotB + 17);
  return { height: c.height, sessionMarkers: shown.size, sessions: sessionIdx.length };
}

export interface TScoreChartInput {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly points: readonly { readonly date: string; readonly tScore: number }[];
  readonly highlightDate: string | null;
  readonly referenceLabel: string;
  readonly words: { readonly tScore: string; readonly thisReview: string };
  readonly formatValue: (n: number) => string;
  readonly formatDate: (iso: string) => string;
}

/** T-score at each review, evenly spaced, with a dashed reference line at 50 and the values written on. */
export function drawTScoreChart(doc: Doc, c: TScoreChartInput): number {
  const gutter = 30;
  const plotL = c.x + gutter;
  const plotR = c.x + c.width - 8;
  const plotT = c.y + 10;
  const plotB = c.y + c.height - 26;
  const values = c.points.map((p) => p.tScore);
  const lo = Math.min(30, Math.floor((Math.min(...values, 50) - 4) / 10) * 10);
  const hi = Math.max(70, Math.ceil((Math.max(...values, 50) + 4) / 10) * 10);
  const yOf = (v: number) => plotB - ((v - lo) / (hi - lo)) * (plotB - plotT);
  const n = c.points.length;
  const slot = (plotR - plotL) / Math.max(n, 1);
  const xOf = (i: number) => plotL + slot * (i + 0.5);

  doc
    .save()
    .rect(plotL, plotT - 4, plotR - plotL, plotB - plotT + 8)
    .fill(FAINT)
    .restore();
  for (let v = lo; v <= hi; v += 10) {
    if (v !== 50) hline(doc, plotL, plotR, yOf(v), 0.5, GRID);
    putMiddle(doc, String(v), plotL - 4, yOf(v), { size: 6.8, align: 'right', color: v === 50 ? INK : MUTED, bold: v === 50 });
  }
  hline(doc, plotL, plotR, yOf(50), 1, INK, [4, 2]);
  vline(doc, plotL, plotT - 4, plotB + 4, 0.7, INK);
  hline(doc, plotL, plotR, plotB + 4, 0.7, INK);
  // Axis title, written sideways.
  doc.save().rotate(-90, { origin: [c.x + 4, (plotT + plotB) / 2] });
  put(doc, c.words.tScore, c.x + 4, (plotT + plotB) / 2 - 3.5, { size: 6.5, align: 'center', color: MUTED });
  doc.restore();

  if (n > 1) {
    doc.save().lineWidth(1.1).strokeColor(INK).lineJoin('round');
    c.points.forEach((p, i) => (i === 0 ? doc.moveTo(xOf(i), yOf(p.tScore)) : doc.lineTo(xOf(i), yOf(p.tScore))));
    doc.stroke().restore();
  }
  const labelEvery = Math.max(1, Math.ceil(n / Math.max(1, Math.floor((plotR - plotL) / 46))));
  c.points.forEach((p, i) => {
    const px = xOf(i);
    const py = yOf(p.tScore);
    const highlight = p.date === c.highlightDate;
    marker(doc, highlight ? 'square' : 'diamond', px, py, highlight ? 3 : 2.4, true);
    if (n <= 16 || i % labelEvery === 0 || i === n - 1) {
      const above = py - 11 > plotT - 4 && !(Math.abs(py - 8 - yOf(50)) < 6);
      put(doc, c.formatValue(p.tScore), px, above ? py - 11 : py + 4.5, { size: 6.5, align: 'center', bold: highlight });
    }
    vline(doc, px, plotB + 4, plotB + 7, 0.6, INK);
    if (i % labelEvery === 0 || i === n - 1) {
      if (i !== n - 1 && n - 1 - i < labelEvery) return;
      put(doc, c.formatDate(p.date), px, plotB + 8.5, { size: 6.3, align: 'center', color: MUTED });
    }
  });
  const items: LegendItem[] = [{ kind: 'marker', shape: 'diamond', filled: true, label: c.words.tScore }];
  if (c.highlightDate && c.points.some((p) => p.date === c.highlightDate))
    items.push({ kind: 'marker', shape: 'square', filled: true, label: c.words.thisReview });
  items.push({ kind: 'line', dash: [4, 2], label: c.referenceLabel });
  legend(doc, items, c.x, plotB + 17);
  return c.height;
}

export interface MonthAxis {
  readonly months: readonly string[];
}

function monthParts(month: string): { y: number; m: number } {
  const [y, m] = month.split('-').map(Number);
  return { y: y ?? 2000, m: (m ?? 1) - 1 };
}

/** Month labels under slots: abbreviations every k months (calendar aligned), the year under the first and each January. */
function monthLabels(doc: Doc, months: readonly string[], xOf: (i: number) => number, slot: number, y: number): void {
  const n = months.length;
  const room = Math.floor((slot * n) / 20);
  const k = [1, 2, 3, 6, 12].find((s) => n / s <= room) ?? 12;
  months.forEach((month, i) => {
    const { y: yr, m } = monthParts(month);
    const cx = xOf(i);
    if (m % k === 0 || (i === 0 && k <= 2)) {
      put(doc, format(new Date(yr, m, 1), k === 12 ? 'yyyy' : 'MMM', { locale: enGB }), cx, y, {
        size: 6.3,
        align: 'center',
        color: MUTED,
      });
    }
    if (k < 12 && (m === 0 || i === 0)) {
      put(doc, String(yr), cx, y + 8, { size: 6.3, align: 'center', bold: true, color: MUTED });
    }
  });
}

/** 0, step, 2 step .. covering max with about five intervals: 1, 2, 2.5 or 5 times a power of ten (whole numbers for counts). */
function niceScale(max: number, minStep: number, whole = false): { top: number; step: number } {
  const raw = Math.max(max, minStep) / 5;
  const p = 10 ** Math.floor(Math.log10(raw));
  const factors = whole ? [1, 2, 5, 10] : [1, 2, 2.5, 5, 10];
  const step = Math.max(minStep, factors.map((f) => f * p).find((s) => s >= raw) ?? 10 * p);
  return { top: Math.max(step, Math.ceil(max / step) * step), step };
}

function valueAxis(
  doc: Doc,
  plotL: number,
  plotR: number,
  plotT: number,
  plotB: number,
  top: number,
  step: number,
  title: string,
  x: number,
): (v: number) => number {
  const yOf = (v: number) => plotB - (v / top) * (plotB - plotT);
  for (let v = 0; v <= top + 1e-9; v += step) {
    if (v > 0) hline(doc, plotL, plotR, yOf(v), 0.5, GRID);
    putMiddle(doc, Number.isInteger(v) ? String(v) : v.toFixed(1), plotL - 4, yOf(v), { size: 6.5, align: 'right', color: MUTED });
  }
  doc.save().rotate(-90, { origin: [x + 4, (plotT + plotB) / 2] });
  put(doc, title, x + 4, (plotT + plotB) / 2 - 3.5, { size: 6.5, align: 'center', color: MUTED });
  doc.restore();
  return yOf;
}

export interface SessionsChartInput {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly months: readonly {
    readonly month: string;
    readonly attended: number;
    readonly absent: number;
    readonly cancelled: number;
    readonly notRecorded: number;
  }[];
  readonly words: {
    readonly attended: string;
    readonly absent: string;
    readonly cancelled: string;
    readonly notRecorded: string;
    readonly axis: string;
  };
}

/** Sessions by month, stacked: attended (solid dark), absent (hatched), cancelled (light grey), not recorded (dashed outline, empty). */
export function drawSessionsChart(doc: Doc, c: SessionsChartInput): number {
  const plotL = c.x + 30;
  const plotR = c.x + c.width - 4;
  const plotT = c.y + 6;
  const plotB = c.y + c.height - 38;
  const n = c.months.length;
  const max = Math.max(1, ...c.months.map((m) => m.attended + m.absent + m.cancelled + m.notRecorded));
  const { top, step } = niceScale(max * 1.06, 1, true);
  const yOf = valueAxis(doc, plotL, plotR, plotT, plotB, top, step, c.words.axis, c.x);
  const slot = (plotR - plotL) / Math.max(n, 1);
  const bw = Math.min(slot * 0.72, 24);
  const xOf = (i: number) => plotL + slot * (i + 0.5);
  c.months.forEach((m, i) => {
    const left = xOf(i) - bw / 2;
    let base = plotB;
    const seg = (v: number, draw: (yTop: number, h: number) => void) => {
      if (v <= 0) return;
      const h = plotB - yOf(v);
      draw(base - h, h);
      base -= h;
    };
    seg(m.attended, (yt, h) => doc.save().lineWidth(0.4).rect(left, yt, bw, h).fillAndStroke('#3a3a3a', INK).restore());
    seg(m.absent, (yt, h) => hatchRect(doc, left, yt, bw, h, INK, bw < 5 ? 1.8 : 2.6));
    seg(m.cancelled, (yt, h) => doc.save().lineWidth(0.5).rect(left, yt, bw, h).fillAndStroke('#cfcfcf', INK).restore());
    seg(m.notRecorded, (yt, h) => dashedRect(doc, left, yt, bw, h));
  });
  vline(doc, plotL, plotT - 2, plotB, 0.7, INK);
  hline(doc, plotL, plotR, plotB, 0.7, INK);
  monthLabels(
    doc,
    c.months.map((m) => m.month),
    xOf,
    slot,
    plotB + 3,
  );
  legend(
    doc,
    [
      { kind: 'swatch', fill: '#3a3a3a', label: c.words.attended },
      { kind: 'swatch', fill: 'hatch', label: c.words.absent },
      { kind: 'swatch', fill: '#cfcfcf', label: c.words.cancelled },
      { kind: 'swatch', fill: 'dashed', label: c.words.notRecorded },
    ],
    plotL,
    plotB + 24,
  );
  return c.height;
}

export interface HoursChartInput {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly months: readonly { readonly month: string; readonly planned: number; readonly delivered: number }[];
  readonly words: { readonly planned: string; readonly delivered: string; readonly axis: string };
}

/** Hours by month: delivered as a mid-grey bar, planned as a heavy black tick across the slot (a target mark). */
export function drawHoursChart(doc: Doc, c: HoursChartInput): number {
  const plotL = c.x + 30;
  const plotR = c.x + c.width - 4;
  const plotT = c.y + 6;
  const plotB = c.y + c.height - 38;
  const n = c.months.length;
  const max = Math.max(0.5, ...c.months.flatMap((m) => [m.planned, m.delivered]));
  const { top, step } = niceScale(max * 1.06, 0.5);
  const yOf = valueAxis(doc, plotL, plotR, plotT, plotB, top, step, c.words.axis, c.x);
  const slot = (plotR - plotL) / Math.max(n, 1);
  const bw = Math.min(slot * 0.6, 20);
  const tw = Math.min(slot * 0.9, 28);
  const xOf = (i: number) => plotL + slot * (i + 0.5);
  c.months.forEach((m, i) => {
    const cx = xOf(i);
    if (m.delivered > 0)
      doc
        .save()
        .lineWidth(0.4)
        .rect(cx - bw / 2, yOf(m.delivered), bw, plotB - yOf(m.delivered))
        .fillAndStroke('#9a9a9a', INK)
        .restore();
  });
  c.months.forEach((m, i) => {
    const cx = xOf(i);
    if (m.planned > 0) hline(doc, cx - tw / 2, cx + tw / 2, yOf(m.planned), n > 36 ? 1.6 : 2.2, INK);
  });
  vline(doc, plotL, plotT - 2, plotB, 0.7, INK);
  hline(doc, plotL, plotR, plotB, 0.7, INK);
  monthLabels(
    doc,
    c.months.map((m) => m.month),
    xOf,
    slot,
    plotB + 3,
  );
  legend(
    doc,
    [
      { kind: 'swatch', fill: '#9a9a9a', label: c.words.delivered },
      { kind: 'tick', label: c.words.planned },
    ],
    plotL,
    plotB + 24,
  );
  return c.height;
}

export interface BandTimelineInput {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly segments: readonly { readonly label: string; readonly from: string; readonly to: string; readonly level: 0 | 1 | 2 }[];
}

const BAND_FILLS = ['#e6e6e6', '#a6a6a6', '#4d4d4d'] as const;

/** Bands as a strip over time: light, mid and dark grey for Universal, Targeted, Specific, named on the strip. */
export function drawBandTimeline(doc: Doc, c: BandTimelineInput): number {
  const h = 20;
  const segments = c.segments.filter((s) => Number.isFinite(dayNumber(s.from)) && Number.isFinite(dayNumber(s.to)));
  if (!segments.length) return 0;
  const lo = Math.min(...segments.map((s) => dayNumber(s.from)));
  const hi = Math.max(lo + 1, ...segments.map((s) => dayNumber(s.to)));
  const xOf = (d: number) => c.x + ((d - lo) / (hi - lo)) * c.width;
  for (const s of segments) {
    const x0 = xOf(dayNumber(s.from));
    const x1 = Math.max(x0 + 1, xOf(dayNumber(s.to)));
    doc
      .save()
      .lineWidth(0.6)
      .rect(x0, c.y, x1 - x0, h)
      .fillAndStroke(BAND_FILLS[s.level], INK)
      .restore();
    doc.font(FONT_BOLD).fontSize(7);
    if (doc.widthOfString(pdfText(s.label)) + 6 < x1 - x0) {
      putMiddle(doc, s.label, (x0 + x1) / 2, c.y + h / 2, { size: 7, bold: true, align: 'center', color: s.level === 2 ? '#ffffff' : INK });
    }
  }
  let lastRight = -Infinity;
  for (const tick of timeTicks(lo, hi, Math.max(2, Math.floor(c.width / 55)))) {
    const tx = xOf(tick.at);
    vline(doc, tx, c.y + h, c.y + h + 3, 0.6, INK);
    doc.font(FONT).fontSize(6.5);
    const w = doc.widthOfString(tick.label);
    if (tx - w / 2 < lastRight + 4 || tx + w / 2 > c.x + c.width + 4 || tx - w / 2 < c.x - 4) continue;
    put(doc, tick.label, tx, c.y + h + 4.5, { size: 6.5, align: 'center', color: MUTED });
    lastRight = tx + w / 2;
  }
  const seen = new Map<number, string>();
  for (const s of segments) if (!seen.has(s.level)) seen.set(s.level, s.label);
  legend(
    doc,
    [...seen.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([level, label]) => ({ kind: 'swatch' as const, fill: BAND_FILLS[level as 0 | 1 | 2], label })),
    c.x,
    c.y + h + 16,
  );
  return h + 28;
}
