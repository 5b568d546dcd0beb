/**
 * The printable review pack: one pupil, one review, an A4 PDF for the SENCo to hand to parents, carers and the
 * local authority at the meeting. Drawn in the shipped Noto fonts, every script of a name (pdf-fonts.ts), and
 * vector charts that read in greyscale (pdf-charts.ts). Pages are buffered so that every page can carry the
 * pupil's name, "Confidential" and "Page N of M", and the cover can list where each section starts.
 * Plain Node: no Electron.
 */
import { format } from 'date-fns';
import { ageOn, formatLongDate, formatUkDate, isIsoDate } from '../../../shared/dates';
import { formatTScore } from '../../../shared/gas';
import { shareOf, tallyAttendance } from '../../../shared/attendance';
import { tScorePlainWords, tScoreWeightsWords } from '../../../shared/gas-words';
import { codeLabel, isI18nKey, t, type I18nKeyUnder } from '../../../shared/i18n';
import { BAND_ORDER } from '../../../shared/contract/reviews';
import type { Band } from '../../../shared/therapy';
import type { ProvisionFigures } from '../../../shared/contract';
import type { ReviewPackData } from './review-pack-data';
import { FONT, createPdf } from './pdf-fonts';
import { pdfText } from './pdf-text';
import { protectedPdfOptions, upgradeToRevision6 } from '../exports/protected-pdf';
import { drawBandTimeline, drawGasChart, drawHoursChart, drawSessionsChart, drawTScoreChart } from './pdf-charts';
import { FAINT, GRID, INK, MUTED, put } from './pdf-ink';
import { ACCENT, BODY, DOC_OPTIONS, HEAD_FILL, L, PdfLayout, type TextOpts, W, collect, eachPage, footer, rule } from './pdf-layout';

const SECTION_KEYS = ['needs', 'provision', 'goals', 'tScore', 'assessments', 'attendance', 'bands', 'views', 'actions', 'notes'] as const;
type SectionKey = (typeof SECTION_KEYS)[number];

const tp = (key: I18nKeyUnder<'reviewPack'>, options?: Record<string, unknown>) => t(`reviewPack.${key}`, options);

/** dd/mm/yyyy for an ISO date; the input as it is if it is not one. */
function ukDate(iso: string | null | undefined): string {
  if (!iso) return '';
  return formatUkDate(iso.slice(0, 10)) || iso;
}

/** "14 March 2026" for an ISO date, as running text writes dates (tables and charts keep dd/mm/yyyy). */
function longDate(iso: string | null | undefined): string {
  if (!iso) return '';
  return formatLongDate(iso.slice(0, 10)) || iso;
}

/** "14 March 2026" for an ISO date-time, in local time (or a bare ISO date as it is). */
function longDateTime(iso: string): string {
  if (isIsoDate(iso)) return longDate(iso);
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? longDate(iso) : format(d, 'd MMMM yyyy');
}

/** A code's label when the resources have one (`bands.targeted`), else the value as given. */
function label(prefix: string, value: string): string {
  const key = `${prefix}.${value}`;
  return /^[A-Za-z0-9_]+$/.test(value) && isI18nKey(key) ? t(key) : value;
}

function hours(minutes: number): string {
  return (minutes / 60).toFixed(1);
}

function gasLabel(rating: number): string {
  const sign = rating > 0 ? '+' : '';
  return `${sign}${rating} ${codeLabel('reviewPack.gas', String(rating))}`;
}

function percent(part: number, whole: number): string {
  return whole > 0 ? `${Math.round((100 * part) / whole)}%` : '-';
}

/** Months from the first to the last as yyyy-mm, the gaps filled with zeros (a month without sessions still shows). */
function continuousMonths<M extends { readonly month: string }>(months: readonly M[], empty: (month: string) => M): M[] {
  if (!months.length) return [];
  const byMonth = new Map(months.map((m) => [m.month.slice(0, 7), m]));
  const sorted = [...byMonth.keys()].sort();
  const [fy, fm] = (sorted[0] as string).split('-').map(Number) as [number, number];
  const last = sorted[sorted.length - 1] as string;
  const out: M[] = [];
  for (let y = fy, m = fm; out.length < 1200; m === 12 ? ((m = 1), (y += 1)) : (m += 1)) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    out.push(byMonth.get(key) ?? empty(key));
    if (key >= last) break;
  }
  return out;
}

/** The review pack's layout: its numbered sections and headings over the shared one (pdf-layout.ts). */
class Layout extends PdfLayout<SectionKey> {
  /** Sets the text's font before measuring it, and draws empty text too (as an empty line's gap). */
  protected override startText(_s: string, o: TextOpts): boolean {
    this.font(o.kind ?? 'regular', o.size ?? BODY, o.color ?? INK);
    return true;
  }

  /** A numbered section heading with a rule, on a new page if asked or if `keep` points will not fit below it. */
  section(key: SectionKey, keep: number, newPage = false): void {
    if (newPage && this.y > this.top + 1) this.newPage();
    else this.ensure(40 + keep);
    if (this.y > this.top + 1) this.y += 10;
    this.sectionPages.set(key, this.pageIndex);
    const y = this.y;
    this.numbered(SECTION_KEYS.indexOf(key) + 1, y, () =>
      put(this.doc, tp(`sections.${key}`), L + 31, y + 4.5, { size: 15, bold: true, color: INK }),
    );
  }

  /** A sub-heading kept with `keep` points of what follows. */
  h2(s: string, keep = 40): void {
    this.ensure(22 + keep);
    if (this.y > this.top + 1) this.y += 4;
    this.font('bold', 11, ACCENT);
    this.doc.text(pdfText(s), L, this.y, { width: W, lineGap: 1 });
    this.y += 4;
  }

  h3(s: string, keep = 30, x = L, width = W): void {
    this.ensure(16 + keep);
    this.font('bold', BODY, INK);
    this.doc.text(pdfText(s), x, this.y, { width, lineGap: 1 });
    this.y += 3;
  }
}

/** How to render the review pack. */
export interface ReviewPackRenderOptions {
  /** Protect the PDF with this password (AES-256, see exports/protected-pdf.ts); at least 10 characters. */
  readonly password?: string;
}

/**
 * Renders the review pack as an A4 PDF; `pages` is how many pages it has. With `password` the PDF opens only with
 * it (PdfPasswordError for an unsuitable one, before anything is drawn).
 */
export async function renderReviewPack(
  data: ReviewPackData,
  options: ReviewPackRenderOptions = {},
): Promise<{ pdf: Buffer; pages: number }> {
  const doc = createPdf({
    ...(options.password === undefined ? {} : protectedPdfOptions(options.password)),
    ...DOC_OPTIONS,
    info: {
      Title: pdfText(tp('docTitle', { name: data.pupil.name })),
      Author: pdfText(data.school.name),
      Subject: pdfText(tp('headerReview', { kind: data.review.kindLabel, date: longDate(data.review.date) })),
      Creator: 'SENCo Desk',
    },
  });
  if (options.password !== undefined) upgradeToRevision6(doc, options.password);
  const finish = collect(doc);

  const lay = new Layout(doc);
  const contentsAt = cover(lay, data);
  needs(lay, data);
  provision(lay, data);
  goals(lay, data);
  tScores(lay, data);
  assessments(lay, data);
  attendance(lay, data);
  bands(lay, data);
  views(lay, data);
  actions(lay, data);
  notesPage(lay);
  if (contentsAt) contents(lay, contentsAt);
  const pages = decorate(lay, data);
  return { pdf: await finish(), pages };
}

/** The cover; returns where the contents list goes (drawn once the section pages are known), if it fits. */
function cover(lay: Layout, data: ReviewPackData): { y: number } | null {
  const doc = lay.doc;
  const { pupil, review, school } = data;
  const top = 40;
  // Confidential, boxed, top right.
  // The school, in the room left of the box (a very long name takes two lines at most).
  const bw = lay.coverTop(tp('confidential').toUpperCase(), school.name, top);
  const schoolBits = [
    school.localAuthority ? `${tp('cover.localAuthority')}: ${school.localAuthority}` : null,
    school.urn ? `${tp('cover.urn')}: ${school.urn}` : null,
  ].filter((s): s is string => !!s);
  if (schoolBits.length) {
    lay.font('regular', 8, MUTED);
    doc.text(pdfText(schoolBits.join('   ')), L, doc.y + 2, { width: W - bw - 20, height: 10, ellipsis: true, lineBreak: false });
  }

  let y = Math.max(100, doc.y + 20);
  put(doc, tp('title'), L, y, { size: 30, bold: true });
  y += 40;
  put(doc, tp('reviewLine', { kind: review.kindLabel, date: longDate(review.date) }), L, y, { size: 14, color: ACCENT });
  y += 20;
  put(doc, tp(`status.${review.status}`), L, y, { size: 9.5, color: MUTED });
  y += 22;
  doc
    .save()
    .lineWidth(2)
    .strokeColor(ACCENT)
    .moveTo(L, y)
    .lineTo(L + W, y)
    .stroke()
    .restore();
  y += 16;

  // The pupil.
  lay.y = y;
  lay.font('bold', 22);
  doc.text(pdfText(pupil.name), L, y, { width: W, lineGap: 0 });
  y = doc.y + 10;
  const yearClass = [pupil.yearGroup, pupil.className].filter((s): s is string => !!s).join(', ');
  const age = isIsoDate(pupil.dateOfBirth) && isIsoDate(review.date) ? ageOn(pupil.dateOfBirth, review.date) : null;
  const fields: [string, string][] = [
    [tp('cover.upn'), pupil.upn],
    [tp('cover.dateOfBirth'), longDate(pupil.dateOfBirth) + (age !== null && age >= 0 ? ` (${age})` : '')],
    [tp('cover.yearClass'), yearClass || tp('notSet')],
    [tp('cover.senStatus'), pupil.senStatus],
    [tp('cover.band'), pupil.band ?? tp('notSet')],
    [
      tp('cover.previousReview'),
      data.previousReview
        ? tp('reviewLine', { kind: data.previousReview.kindLabel, date: longDate(data.previousReview.date) })
        : tp('none'),
    ],
  ];
  if (data.plan) {
    fields.push([
      tp('cover.plan'),
      tp('cover.planLine', {
        title: data.plan.title,
        version: data.plan.version,
        from: longDate(data.plan.startDate),
        to: longDate(data.plan.endDate),
      }),
    ]);
  }
  y = fieldGrid(lay, fields, y);

  // Attendees.
  lay.y = y + 16;
  lay.h2(tp('cover.attendees'), 30);
  if (review.attendees.length) {
    lay.table(
      [
        { header: tp('attendees.name'), width: 30 },
        { header: tp('attendees.role'), width: 22 },
        { header: tp('attendees.organisation'), width: 32 },
        { header: tp('attendees.attendance'), width: 16 },
      ],
      review.attendees.map((a) => ({
        cells: [
          { text: a.name, kind: 'bold' },
          label('reviewPack.roles', a.role),
          a.organisation ?? '',
          a.present ? tp('attendees.present') : { text: tp('attendees.apologies'), kind: 'italic' },
        ],
      })),
    );
  } else lay.muted(tp('cover.noAttendees'));

  // The confidentiality notice sits at the foot of the cover; the contents list goes between, if it fits.
  const noticeH = lay.noticeHeight(tp('confidentialNotice'));
  const contentsH = 26 + Math.ceil(SECTION_KEYS.length / 2) * 15;
  const onCover = lay.pageIndex === 0;
  let at: { y: number } | null = null;
  if (onCover && lay.y + 10 + contentsH + noticeH + 12 <= lay.bottom) {
    at = { y: lay.y + 10 };
  }
  const notice = (ny: number) => lay.notice(tp('confidentialNotice'), ny, noticeH);
  if (onCover && lay.y + noticeH + 8 <= lay.bottom) notice(lay.bottom - noticeH);
  else {
    lay.ensure(noticeH + 8);
    notice(lay.y + 4);
    lay.y += noticeH + 12;
  }
  return at;
}

/** Label-over-value pairs in three columns on a shaded panel; returns the y below it. */
function fieldGrid(lay: Layout, fields: readonly [string, string][], y0: number): number {
  const doc = lay.doc;
  const cols = 3;
  const pad = 10;
  const colW = (W - 2 * pad) / cols;
  const rows: [string, string][][] = [];
  for (let i = 0; i < fields.length; i += cols) rows.push(fields.slice(i, i + cols));
  // The last field (the plan) may need the whole row.
  const heights = rows.map(
    (r) =>
      Math.max(
        ...r.map(([, v]) => lay.measure(v, { size: 10, kind: 'bold', width: r.length === 1 ? W - 2 * pad : colW - 8, lineGap: 1 })),
      ) + 14,
  );
  const total = heights.reduce((s, h) => s + h, 0) + 2 * pad - 6;
  doc.save().rect(L, y0, W, total).fill(FAINT).restore();
  let y = y0 + pad;
  rows.forEach((r, i) => {
    r.forEach(([k, v], j) => {
      lay.field(k, v, L + pad + j * colW, y, 10, r.length === 1 ? W - 2 * pad : colW - 8);
    });
    y += heights[i] as number;
  });
  return y0 + total;
}

function contents(lay: Layout, at: { y: number }): void {
  const doc = lay.doc;
  doc.switchToPage(0);
  const saved = doc.page.margins.bottom;
  doc.page.margins.bottom = 0;
  let y = at.y;
  put(doc, tp('contents'), L, y, { size: 11, bold: true, color: ACCENT });
  y += 20;
  const perColumn = Math.ceil(SECTION_KEYS.length / 2);
  const colW = (W - 30) / 2;
  SECTION_KEYS.forEach((key, i) => {
    const x = L + (i < perColumn ? 0 : colW + 30);
    const yy = y + (i % perColumn) * 15;
    const page = (lay.sectionPages.get(key) ?? 0) + 1;
    put(doc, String(i + 1), x + 10, yy, { size: 9, bold: true, color: ACCENT, align: 'right' });
    const w = put(doc, tp(`sections.${key}`), x + 18, yy, { size: 9 });
    const pw = put(doc, String(page), x + colW, yy, { size: 9, align: 'right' });
    doc.save().lineWidth(0.7).strokeColor(MUTED).dash(0.7, { space: 2.3 });
    doc
      .moveTo(x + 22 + w, yy + 7)
      .lineTo(x + colW - pw - 4, yy + 7)
      .stroke();
    doc.restore();
  });
  doc.page.margins.bottom = saved;
}

function needs(lay: Layout, data: ReviewPackData): void {
  // A new page after the cover, unless a long list of attendees has already carried it over.
  lay.section('needs', 60, lay.pageIndex === 0);
  lay.h2(tp('needs.needsHeading'), 20);
  if (data.pupil.needs.length) lay.bullets(data.pupil.needs);
  else lay.muted(tp('needs.noNeeds'));
  lay.gap(6);
  lay.h2(tp('needs.ehcpHeading'), 30);
  const e = data.ehcp;
  if (!e) {
    lay.text(tp('needs.noEhcp'), { kind: 'bold' });
    return;
  }
  lay.text(
    `${tp('needs.status')}: ${e.status}     ${tp('needs.issued')}: ${e.issuedDate ? longDate(e.issuedDate) : tp('needs.notIssued')}`,
  );
  lay.gap(4);
  lay.h3(tp('needs.sectionB'), 24);
  if (e.needsSummary.length) lay.bullets(e.needsSummary);
  else lay.muted(tp('needs.sectionBNone'));
  lay.gap(4);
  lay.h3(tp('needs.sectionE'), 40);
  if (e.outcomes.length) {
    lay.table(
      [
        { header: tp('needs.area'), width: 28 },
        { header: tp('needs.outcome'), width: 72 },
      ],
      e.outcomes.map((o) => ({ cells: [{ text: o.area, kind: 'bold' }, o.text] })),
    );
  } else lay.muted(tp('needs.sectionENone'));
}

function provision(lay: Layout, data: ReviewPackData): void {
  lay.section('provision', 120);
  lay.text(tp('provision.intro'), { size: 8.5, color: MUTED });
  const lines = data.provision.lines;
  if (!lines.length) {
    lay.muted(tp('provision.noLines'));
    return;
  }
  const num = (n: number) => String(n);
  const figures = (period: string, f: ProvisionFigures) => ({
    cells: [
      { text: period, kind: 'bold' as const },
      num(f.plannedSessions),
      num(f.sessionsDelivered),
      hours(f.plannedMinutes),
      hours(f.minutesDelivered),
      percent(f.minutesDelivered, f.plannedMinutes),
      f.shortfallMinutes > 0 ? { text: hours(f.shortfallMinutes), kind: 'bold' as const } : hours(f.shortfallMinutes),
      num(f.absent),
      num(f.cancelledBySchool),
      num(f.cancelledByTherapist),
      num(f.cancelledByFamily),
      num(f.notRecorded),
    ],
  });
  const r = 'right' as const;
  lay.table(
    [
      { header: tp('provision.period'), width: 13.5 },
      { header: tp('provision.planned'), width: 8, align: r },
      { header: tp('provision.delivered'), width: 8.5, align: r },
      { header: tp('provision.planned'), width: 8, align: r },
      { header: tp('provision.delivered'), width: 8.5, align: r },
      { header: tp('provision.percent'), width: 8, align: r },
      { header: tp('provision.shortfall'), width: 8.5, align: r },
      { header: tp('provision.absent'), width: 8, align: r },
      { header: tp('provision.school'), width: 7.5, align: r },
      { header: tp('provision.therapist'), width: 8.5, align: r },
      { header: tp('provision.family'), width: 7.5, align: r },
      { header: tp('provision.notRecorded'), width: 8.5, align: r },
    ],
    lines.flatMap((line) => [
      {
        span: {
          text: `${tp(`provision.source.${line.source}`)}: ${line.description}`,
          kind: 'bold' as const,
          sub: line.frequency ? tp('provision.frequency', { frequency: line.frequency }) : tp('provision.noFrequency'),
        },
        keep: 2,
        fill: '#eef0f3',
      },
      figures(data.provision.termName ? tp('provision.termNamed', { name: data.provision.termName }) : tp('provision.term'), line.term),
      figures(tp('provision.year'), line.year),
    ]),
    {
      size: 8,
      headSize: 7.2,
      groups: [
        { label: '', span: 1 },
        { label: tp('provision.sessions'), span: 2 },
        { label: tp('provision.hours'), span: 4 },
        { label: '', span: 1 },
        { label: tp('provision.cancelledBy'), span: 3 },
        { label: '', span: 1 },
      ],
    },
  );
}

const CHART_H = 138;

function goals(lay: Layout, data: ReviewPackData): void {
  lay.section('goals', 320);
  if (data.plan) {
    lay.text(
      tp('goals.planLine', {
        title: data.plan.title,
        version: data.plan.version,
        from: longDate(data.plan.startDate),
        to: longDate(data.plan.endDate),
      }),
      { kind: 'bold' },
    );
  } else lay.muted(tp('goals.noPlan'));
  if (!data.goals.length) {
    if (data.plan) lay.muted(tp('goals.noGoals'));
    return;
  }
  const doc = lay.doc;
  const reviewDate = data.review.status === 'held' ? data.review.date : null;
  const levelLabels = (['-2', '-1', '0', '1', '2'] as const).map((r) => tp(`gasShort.${r}`)) as [string, string, string, string, string];
  data.goals.forEach((g, i) => {
    const descH = lay.measure(g.description, { kind: 'bold', size: 10.5, lineGap: 1.5 });
    const expH = lay.measure(`${tp('goals.expected')}: ${g.expected}`, { size: 9 });
    const noteH = g.ratedNow?.note ? lay.measure(g.ratedNow.note, { size: 8.5, kind: 'italic', width: W / 2 - 10 }) : 0;
    const chartH = g.points.length ? CHART_H + 8 : 14;
    const blockH = 16 + descH + expH + 8 + chartH + 34 + noteH + 10;
    lay.ensure(Math.min(blockH, lay.bottom - lay.top));
    if (i > 0 && lay.y > lay.top + 1) {
      lay.y += 6;
      rule(doc, lay.y);
      lay.y += 12;
    }
    put(doc, tp('goals.goal', { n: i + 1 }).toUpperCase(), L, lay.y, { size: 7.5, bold: true, color: ACCENT });
    lay.y += 12;
    lay.text(g.description, { kind: 'bold', size: 10.5, lineGap: 1.5, after: 3 });
    lay.text(`${tp('goals.expected')}: ${g.expected}`, { size: 9, after: 6 });
    if (g.points.length) {
      lay.ensure(CHART_H + 40);
      const y = lay.y;
      const drawn = drawGasChart(doc, {
        x: L,
        y,
        width: W,
        height: CHART_H,
        points: g.points,
        reviewDate,
        levelLabels,
        words: {
          review: tp('goals.legendReview'),
          session: tp('goals.legendSession'),
          expected: tp('goals.legendExpected'),
          thisReview: tp('goals.legendThisReview'),
        },
      });
      lay.y = y + CHART_H + 2;
      if (drawn.sessionMarkers < drawn.sessions) {
        put(doc, tp('goals.markersThinned', { shown: drawn.sessionMarkers, total: drawn.sessions }), L + W, lay.y, {
          size: 6.3,
          color: MUTED,
          align: 'right',
        });
      }
      lay.y += 10;
    }
    // Latest rating and this review's rating, side by side.
    lay.ensure(30 + noteH);
    const y = lay.y;
    const colW = W / 2 - 10;
    put(doc, tp('goals.latest').toUpperCase(), L, y, { size: 6.8, bold: true, color: MUTED });
    lay.font('bold', 9);
    doc.text(
      pdfText(
        g.latest ? tp('goals.latestValue', { rating: gasLabel(g.latest.rating), date: longDate(g.latest.date) }) : tp('goals.noRatings'),
      ),
      L,
      y + 10,
      {
        width: colW,
        lineGap: 1,
      },
    );
    let yEnd = doc.y;
    const x2 = L + W / 2 + 10;
    if (g.ratedNow || data.review.status !== 'planned')
      put(doc, tp('goals.ratedNow').toUpperCase(), x2, y, { size: 6.8, bold: true, color: MUTED });
    if (g.ratedNow) {
      lay.font('bold', 9);
      doc.text(pdfText(gasLabel(g.ratedNow.rating)), x2, y + 10, { width: colW, lineGap: 1 });
      if (g.ratedNow.note) {
        lay.font('italic', 8.5, INK);
        doc.text(pdfText(g.ratedNow.note), x2, doc.y + 2, { width: colW, lineGap: 1.5 });
      }
    } else if (data.review.status === 'planned') {
      // A box per level to tick at the meeting.
      put(doc, tp('goals.rateAtMeeting').toUpperCase(), x2, y, { size: 6.8, bold: true, color: MUTED });
      [-2, -1, 0, 1, 2].forEach((level, k) => {
        const bx = x2 + k * 44;
        doc
          .save()
          .lineWidth(0.8)
          .strokeColor(INK)
          .rect(bx, y + 10, 10, 10)
          .stroke()
          .restore();
        put(doc, level > 0 ? `+${level}` : String(level), bx + 14, y + 11.5, { size: 8.5, bold: level === 0 });
      });
      doc.y = y + 24;
    } else {
      lay.font('italic', 9, MUTED);
      doc.text(pdfText(tp('goals.notRatedNow')), x2, y + 10, { width: colW, lineGap: 1 });
    }
    yEnd = Math.max(yEnd, doc.y);
    lay.y = yEnd + 8;
  });
}

function tScores(lay: Layout, data: ReviewPackData): void {
  const pts = data.tScores;
  lay.section('tScore', pts.length ? CHART_H + 60 : 30);
  // In words a parent understands (issue 14): what the score means, and how the goals' weights count.
  lay.text(`${tScorePlainWords()} ${tScoreWeightsWords(data.goals.map((g) => g.weight))}`, { size: 9 });
  lay.gap(4);
  if (!pts.length) {
    lay.muted(tp('tScore.none'));
    return;
  }
  const doc = lay.doc;
  const highlight = data.review.status === 'held' ? data.review.date : null;
  const reading = (v: number) => {
    const s = formatTScore(v);
    return s === '50.0' ? tp('tScore.asExpected') : v > 50 ? tp('tScore.above') : tp('tScore.below');
  };
  const rows = pts.map((p) => {
    const mine = p.date === highlight;
    const k = mine ? ('bold' as const) : ('regular' as const);
    return {
      cells: [
        { text: ukDate(p.date) + (mine ? ` (${tp('tScore.thisReview').toLowerCase()})` : ''), kind: k },
        { text: formatTScore(p.tScore), kind: 'bold' as const },
        { text: reading(p.tScore), kind: k },
      ],
    };
  });
  const cols = [
    { header: tp('tScore.date'), width: 46 },
    { header: tp('tScore.value'), width: 18, align: 'right' as const },
    { header: tp('tScore.reading'), width: 36 },
  ];
  const chart = (x: number, y: number, width: number) =>
    drawTScoreChart(doc, {
      x,
      y,
      width,
      height: CHART_H,
      points: pts,
      highlightDate: highlight,
      referenceLabel: tp('tScore.reference'),
      words: { tScore: tp('tScore.value'), thisReview: tp('tScore.thisReview') },
      formatValue: formatTScore,
      formatDate: ukDate,
    });
  if (pts.length <= 7) {
    // Table beside the chart.
    const tableW = 250;
    lay.ensure(CHART_H + 10);
    const y = lay.y;
    chart(L + tableW + 16, y, W - tableW - 16);
    lay.y = y;
    lay.table(cols, rows, { width: tableW });
    lay.y = Math.max(lay.y, y + CHART_H + 8);
  } else {
    lay.ensure(CHART_H + 60);
    const y = lay.y;
    chart(L, y, W);
    lay.y = y + CHART_H + 10;
    lay.table(cols, rows, { width: 320 });
  }
}

function assessments(lay: Layout, data: ReviewPackData): void {
  const list = data.assessments;
  lay.section('assessments', list.length ? 90 : 20);
  if (!list.length) {
    lay.muted(tp('assessments.none'));
    return;
  }
  lay.text(
    data.review.previousDate
      ? tp('assessments.count', { count: list.length, date: longDate(data.review.previousDate) })
      : tp('assessments.countAll', { count: list.length }),
    { size: 9, color: MUTED },
  );
  const doc = lay.doc;
  const colW = W / 2 - 12;
  for (const a of list) {
    const pairsL = a.scores.map((s) => [s.measure, s.value] as const);
    const pairsR = a.thrive.map((s) => [s.strand, s.result] as const);
    const listH = (n: number) => (n ? 14 + n * 12 : 0);
    const bodyH = Math.max(listH(pairsL.length) || 14, listH(pairsR.length));
    const notesH = a.notes ? Math.min(lay.measure(a.notes, { size: 9 }), 60) + 14 : 0;
    lay.ensure(22 + bodyH + notesH + 8);
    lay.y += 4;
    const y = lay.y;
    doc.save().rect(L, y, W, 18).fill(HEAD_FILL).restore();
    const right = tp('assessments.assessor', { name: a.assessor });
    doc.font(FONT.regular).fontSize(8.5);
    const rw = doc.widthOfString(pdfText(right));
    lay.font('bold', 9);
    doc.text(pdfText(tp('assessments.heading', { date: longDate(a.date), kind: a.kind, discipline: a.discipline })), L + 6, y + 5, {
      width: W - rw - 24,
      height: 11,
      ellipsis: true,
      lineBreak: false,
    });
    put(doc, right, L + W - 6, y + 5.5, { size: 8.5, color: INK, align: 'right' });
    lay.y = y + 24;
    const kv = (title: string, pairs: readonly (readonly [string, string])[], x: number, y0: number): number => {
      put(doc, title.toUpperCase(), x, y0, { size: 6.8, bold: true, color: MUTED });
      let yy = y0 + 12;
      for (const [k, v] of pairs) {
        lay.font('bold', 8.5);
        const vw = Math.min(doc.widthOfString(pdfText(v)), colW / 2);
        lay.font('regular', 8.5);
        doc.text(pdfText(k), x, yy, { width: colW - vw - 8, height: 10.5, ellipsis: true, lineBreak: false });
        lay.font('bold', 8.5);
        doc.text(pdfText(v), x + colW - vw, yy, { width: vw + 1, height: 10.5, ellipsis: true, lineBreak: false });
        doc
          .save()
          .lineWidth(0.4)
          .strokeColor(GRID)
          .moveTo(x, yy + 10.5)
          .lineTo(x + colW, yy + 10.5)
          .stroke()
          .restore();
        yy += 12;
      }
      return yy;
    };
    let yEnd = lay.y;
    if (pairsL.length) yEnd = Math.max(yEnd, kv(tp('assessments.scores'), pairsL, L + 6, lay.y));
    else {
      put(doc, tp('assessments.scores').toUpperCase(), L + 6, lay.y, { size: 6.8, bold: true, color: MUTED });
      put(doc, tp('assessments.noScores'), L + 6, lay.y + 12, { size: 8.5, color: MUTED });
      yEnd = lay.y + 24;
    }
    if (pairsR.length) yEnd = Math.max(yEnd, kv(tp('assessments.thrive'), pairsR, L + W / 2 + 6, lay.y));
    lay.y = yEnd + 4;
    if (a.notes) {
      put(doc, tp('assessments.notes').toUpperCase(), L + 6, lay.y, { size: 6.8, bold: true, color: MUTED });
      lay.y += 11;
      lay.text(a.notes, { x: L + 6, width: W - 12, size: 9, after: 4 });
    }
    lay.y += 4;
  }
}

function attendance(lay: Layout, data: ReviewPackData): void {
  const a = data.attendance;
  lay.section('attendance', 120);
  lay.text(tp('attendance.period', { from: longDate(a.from), to: longDate(a.to) }), { size: 9, color: MUTED });
  const doc = lay.doc;
  const cancelled = a.cancelledBySchool + a.cancelledByTherapist + a.cancelledByFamily;
  const tiles: [string, number][] = [
    [tp('attendance.attended'), a.attended],
    [tp('attendance.absent'), a.absent],
    [tp('attendance.cancelled'), cancelled],
    // Its own figure: a session whose date has come with no outcome is neither attended nor missed (shared/attendance.ts).
    [tp('attendance.notRecorded'), a.notRecorded],
  ];
  const gapX = 8;
  const tw = (W - gapX * (tiles.length - 1)) / tiles.length;
  lay.ensure(56);
  const y = lay.y + 2;
  tiles.forEach(([k, v], i) => {
    const x = L + i * (tw + gapX);
    doc.save().rect(x, y, tw, 44).fill(FAINT).restore();
    doc
      .save()
      .rect(x, y, tw, 2.5)
      .fill(i === 0 ? ACCENT : MUTED)
      .restore();
    put(doc, String(v), x + 8, y + 9, { size: 17, bold: true });
    lay.font('regular', 7.5, MUTED);
    doc.text(pdfText(k), x + 8, y + 29, { width: tw - 12, height: 12, ellipsis: true, lineBreak: false });
  });
  lay.y = y + 52;
  if (cancelled) {
    lay.text(
      [
        `${tp('attendance.bySchool')}: ${a.cancelledBySchool}`,
        `${tp('attendance.byTherapist')}: ${a.cancelledByTherapist}`,
        `${tp('attendance.byFamily')}: ${a.cancelledByFamily}`,
      ].join(' \u00b7 '),
      { size: 9, color: MUTED },
    );
  }
  const f = tallyAttendance([
    { outcome: 'attended', sessions: a.attended },
    { outcome: 'absent', sessions: a.absent },
    { outcome: 'cancelled', cancelledBy: 'school', sessions: a.cancelledBySchool },
    { outcome: 'cancelled', cancelledBy: 'therapist', sessions: a.cancelledByTherapist },
    { outcome: 'cancelled', cancelledBy: 'family', sessions: a.cancelledByFamily },
    { outcome: 'not_recorded', sessions: a.notRecorded },
    { outcome: 'upcoming', sessions: a.upcoming },
  ]);
  // Each percentage says what it is a percentage of: the sessions due (those whose date has come).
  if (f.due) {
    const attended = shareOf(f.attended, f.due);
    lay.text(tp('attendance.attendedOfDue', { count: f.due, attended: f.attended, percent: attended.percent }), {
      kind: 'bold',
      size: 9.5,
    });
    lay.text(
      [
        tp('attendance.missedOfDue', { count: f.missed, percent: shareOf(f.missed, f.due).percent }),
        f.notRecorded
          ? tp('attendance.notRecordedOfDue', { count: f.notRecorded, percent: shareOf(f.notRecorded, f.due).percent })
          : tp('attendance.allRecorded'),
      ].join(' '),
      { size: 9.5 },
    );
  } else lay.text(tp('attendance.rateNone'), { kind: 'bold', size: 9.5 });
  if (f.upcoming) lay.text(tp('attendance.upcoming', { count: f.upcoming }), { size: 9, color: MUTED });
  if (!a.months.length) {
    lay.muted(tp('attendance.noMonths'));
    return;
  }
  const months = continuousMonths(a.months, (month) => ({
    month,
    attended: 0,
    absent: 0,
    cancelled: 0,
    notRecorded: 0,
    upcoming: 0,
    minutesPlanned: 0,
    minutesDelivered: 0,
  }));
  const h = 150;
  lay.h2(tp('attendance.sessionsChart'), h);
  let y0 = lay.y + 2;
  drawSessionsChart(doc, {
    x: L,
    y: y0,
    width: W,
    height: h,
    months,
    words: {
      attended: tp('attendance.attended'),
      absent: tp('attendance.absent'),
      cancelled: tp('attendance.cancelled'),
      notRecorded: tp('attendance.notRecorded'),
      axis: tp('attendance.sessions'),
    },
  });
  lay.y = y0 + h + 6;
  lay.h2(tp('attendance.hoursChart'), h);
  y0 = lay.y + 2;
  drawHoursChart(doc, {
    x: L,
    y: y0,
    width: W,
    height: h,
    months: months.map((m) => ({ month: m.month, planned: m.minutesPlanned / 60, delivered: m.minutesDelivered / 60 })),
    words: { planned: tp('attendance.planned'), delivered: tp('attendance.delivered'), axis: tp('attendance.hours') },
  });
  lay.y = y0 + h + 6;
}

function bands(lay: Layout, data: ReviewPackData): void {
  const list = [...data.bandHistory].sort((a, b) => (a.startDate < b.startDate ? -1 : 1));
  lay.section('bands', list.length ? 110 : 20);
  if (!list.length) {
    lay.muted(tp('bands.none'));
    return;
  }
  const end = data.review.date > data.attendance.to ? data.review.date : data.attendance.to;
  const y = lay.y + 2;
  const used = drawBandTimeline(lay.doc, {
    x: L,
    y,
    width: W,
    segments: list.map((b) => ({
      label: label('bands', b.band),
      from: b.startDate,
      to: b.endDate ?? (end > b.startDate ? end : b.startDate),
      level: (BAND_ORDER[b.band as Band] ?? 1) as 0 | 1 | 2,
    })),
  });
  lay.y = y + used + 10;
  lay.table(
    [
      { header: tp('bands.band'), width: 16 },
      { header: tp('bands.from'), width: 14 },
      { header: tp('bands.to'), width: 14 },
      { header: tp('bands.reason'), width: 56 },
    ],
    [...list].reverse().map((b) => ({
      cells: [
        { text: label('bands', b.band), kind: 'bold' },
        ukDate(b.startDate),
        b.endDate ? ukDate(b.endDate) : { text: tp('bands.current'), kind: 'bold' },
        b.reason,
      ],
    })),
  );
}

function views(lay: Layout, data: ReviewPackData): void {
  const r = data.review;
  lay.section('views', 60);
  const one = (heading: string, body: string | null) => {
    lay.h2(heading, 24);
    if (body?.trim()) lay.paragraphs(body);
    else lay.muted(tp('notRecorded'));
    lay.gap(4);
  };
  one(tp('views.pupil'), r.pupilViews);
  one(tp('views.parents'), r.parentViews);
  if (r.discussion?.trim()) one(tp('views.discussion'), r.discussion);
}

function actions(lay: Layout, data: ReviewPackData): void {
  const r = data.review;
  lay.section('actions', 80);
  const cols = [
    { header: tp('actions.description'), width: 52 },
    { header: tp('actions.owner'), width: 20 },
    { header: tp('actions.due'), width: 13 },
    { header: tp('actions.done'), width: 15 },
  ];
  const rowOf = (a: { description: string; owner: string; dueDate: string; doneDate: string | null }) => ({
    cells: [
      a.description,
      a.owner,
      ukDate(a.dueDate),
      a.doneDate ? ukDate(a.doneDate) : { text: tp('actions.notDone'), kind: 'bold' as const },
    ],
  });
  const prev = data.previousReview;
  lay.h2(prev ? tp('actions.lastHeadingOf', { kind: prev.kindLabel, date: longDate(prev.date) }) : tp('actions.lastHeading'), 40);
  if (!prev) lay.muted(tp('actions.noPrevious'));
  else if (!data.lastActions.length) lay.muted(tp('actions.noLastActions'));
  else {
    lay.text(tp('actions.doneSummary', { done: data.lastActions.filter((a) => a.doneDate).length, total: data.lastActions.length }), {
      size: 9,
      color: MUTED,
    });
    lay.table(cols, data.lastActions.map(rowOf));
  }
  lay.gap(6);
  if (r.kind === 'annual' && r.status === 'held') annualConclusions(lay, data);
  if (r.status === 'held') {
    lay.h2(tp('actions.thisHeading'), 40);
    lay.h3(tp('actions.decisions'), 16);
    if (r.decisions.length) {
      lay.bullets(
        r.decisions.map((d) => {
          const parts = [
            d.band
              ? tp('actions.decisionBand', { decision: tp(`decisions.${d.kind}`), band: label('bands', d.band) })
              : tp(`decisions.${d.kind}`),
          ];
          if (d.plannedWeeks) parts.push(tp('actions.plannedWeeks', { weeks: d.plannedWeeks }));
          return parts.join(', ') + (d.note ? `. ${d.note}` : '');
        }),
      );
    } else lay.muted(tp('actions.noDecisions'));
    lay.gap(4);
    lay.h3(tp('actions.actions'), 40);
    if (r.actions.length)
      lay.table(
        cols,
        r.actions.map((a) => rowOf({ description: a.description, owner: a.ownerName, dueDate: a.dueDate, doneDate: a.doneDate })),
      );
    else lay.muted(tp('actions.noActions'));
  } else {
    lay.h2(tp('actions.agreeHeading'), 120);
    lay.muted(tp('actions.agreeIntro'), { size: 9 });
    lay.table(
      cols.map((c) => (c.header === tp('actions.done') ? { ...c, header: '' } : c)),
      Array.from({ length: 6 }, () => ({ cells: ['', '', '', ''], minHeight: 28 })),
      { zebra: false },
    );
  }
}

/** An annual review's conclusions: progress against each section E outcome, amendments by section, the recommendation to the LA. */
function annualConclusions(lay: Layout, data: ReviewPackData): void {
  const a = data.review.annual;
  lay.h2(tp('annual.heading'), 60);
  lay.h3(tp('annual.recommendation'), 16);
  if (a?.recommendation) lay.text(tp(`annual.recommendations.${a.recommendation}`), { kind: 'bold' });
  else lay.muted(tp('notRecorded'));
  lay.gap(4);
  lay.h3(tp('annual.outcomes'), 40);
  if (a?.outcomes.length) {
    lay.table(
      [
        { header: tp('annual.outcome'), width: 52 },
        { header: tp('annual.progress'), width: 18 },
        { header: tp('annual.note'), width: 30 },
      ],
      a.outcomes.map((o) => ({
        cells: [o.outcome, { text: tp(`annual.progressLevels.${o.progress}`), kind: 'bold' as const }, o.note ?? ''],
      })),
    );
  } else lay.muted(tp('annual.noOutcomes'));
  lay.gap(4);
  lay.h3(tp('annual.amendments'), 40);
  if (a?.amendments.length) {
    lay.table(
      [
        { header: tp('annual.section'), width: 42 },
        { header: tp('annual.change'), width: 58 },
      ],
      a.amendments.map((m) => ({ cells: [{ text: label('ehcpUi.sections', m.section), kind: 'bold' as const }, m.text] })),
    );
  } else lay.muted(tp('annual.noAmendments'));
  lay.gap(6);
}

function notesPage(lay: Layout): void {
  lay.section('notes', 0, true);
  lay.muted(tp('notes.intro'), { size: 9 });
  const doc = lay.doc;
  doc.save().lineWidth(0.6).strokeColor('#b8b8b8');
  for (let y = lay.y + 20; y <= lay.bottom - 4; y += 24) doc.moveTo(L, y).lineTo(L + W, y);
  doc.stroke().restore();
  lay.y = lay.bottom;
}

/** Header (pages after the cover) and footer on every page; returns the page count. */
function decorate(lay: Layout, data: ReviewPackData): number {
  const doc = lay.doc;
  const generated = tp('footer', { date: longDateTime(data.generatedAt), school: data.school.name });
  const reviewLine = `${tp('title')}: ${tp('headerReview', { kind: data.review.kindLabel, date: longDate(data.review.date) })}`;
  return eachPage(doc, (n, total) => {
    if (n > 1) {
      put(doc, data.pupil.name, L, 28, { size: 8.5, bold: true });
      put(doc, reviewLine, L + W, 28.5, { size: 8, color: MUTED, align: 'right' });
      rule(doc, 42);
    }
    footer(doc, { confidential: tp('confidential'), name: data.pupil.name, page: tp('page', { n, m: total }) }, (room) => {
      // The generated line between, cut short if a long school name would reach the page number.
      let g = pdfText(` \u00b7 ${generated}`);
      doc.font(FONT.regular).fontSize(7.5);
      if (doc.widthOfString(g) > room) {
        while (g.length > 4 && doc.widthOfString(`${g}\u2026`) > room) g = g.slice(0, -1);
        g = `${g}\u2026`;
      }
      return g;
    });
  });
}
