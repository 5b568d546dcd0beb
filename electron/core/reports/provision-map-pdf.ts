/**
 * The provision map printed (issue 18, item 2), in the house style (pdf-layout.ts: A4, the shipped fonts,
 * "Confidential" boxed at the top and in the footer of every page with "Page N of M"):
 *   for governors     the map by provision with its totals, by wave and by year group: pupils, hours, cost, cost per
 *                     pupil and effectiveness. NO PUPIL IS NAMED: governors oversee the SEN budget and whether the
 *                     provision it buys works (the SEN information report, the SEND Code of Practice 6.2-6.3), not
 *                     individual pupils, and the data they need for that is counts and sums (UK GDPR: data minimisation).
 *   a funding request one pupil's provision this school year, its hours and cost, the notional SEN threshold the
 *                     school meets and the amount above it: the top-up figure a local authority asks for.
 * Both are the SENCo's and headteacher's (the services refuse anyone else). Plain Node: no Electron.
 */
import type { MapPlacement, MapProvision, MapPupil, ProvisionMap } from '../../../shared/contract';
import { formatLongDate } from '../../../shared/dates';
import { yearGroupOrder, type NeedCode } from '../../../shared/domain';
import { codeLabel, t, yearGroupLabel, type I18nKeyUnder } from '../../../shared/i18n';
import { formatPence, formatPounds } from '../../../shared/money';
import { WAVES, type DeliveryRole } from '../../../shared/provision';
import { effectivenessLines, hoursText } from '../../../shared/provision-map-text';
import { createPdf } from './pdf-fonts';
import { pdfText } from './pdf-text';
import { INK, MUTED } from './pdf-ink';
import { ACCENT, DOC_OPTIONS, FONTS, L, PdfLayout, W, collect, eachPage, footer, rule, type Column, type Row } from './pdf-layout';

const tp = (key: I18nKeyUnder<'provisionMapUi.print'>, options?: Record<string, unknown>) => t(`provisionMapUi.print.${key}`, options);
const tcol = (key: I18nKeyUnder<'provisionMapUi.cols'>) => t(`provisionMapUi.cols.${key}`);

export interface GovernorsMapData {
  readonly schoolName: string;
  readonly map: ProvisionMap;
  /** The filters the map was printed with, in words (none: the whole school). */
  readonly filters: readonly string[];
  readonly printedOn: string;
  readonly printedBy: string;
}

export interface FundingRequestData {
  readonly schoolName: string;
  readonly map: ProvisionMap;
  readonly printedOn: string;
  readonly printedBy: string;
  readonly pupil: {
    readonly name: string;
    readonly upn: string;
    readonly dateOfBirth: string;
    readonly yearGroup: string;
    readonly className: string | null;
    readonly senStatus: string;
    readonly dateLeft: string | null;
    readonly needs: readonly NeedCode[];
  };
}

const money = (pence: number | null | undefined) =>
  pence === null || pence === undefined ? t('provisionMapUi.notCosted') : formatPounds(pence);
const exact = (pence: number | null | undefined) =>
  pence === null || pence === undefined ? t('provisionMapUi.notCosted') : formatPence(pence);

function start(title: string, author: string) {
  const doc = createPdf({ ...DOC_OPTIONS, info: { Title: pdfText(title), Author: pdfText(author), Creator: 'SENCo Desk' } });
  return { doc, finish: collect(doc), lay: new PdfLayout<string>(doc) };
}

/** The top of the first page: "Confidential" boxed beside the school, then the eyebrow and the title. */
function heading(lay: PdfLayout<string>, school: string, eyebrow: string, title: string): void {
  const doc = lay.doc;
  const y0 = 40;
  lay.coverTop(tp('confidential').toUpperCase(), school, y0);
  let y = y0 + 40;
  lay.font('bold', 9, ACCENT);
  doc.text(pdfText(eyebrow.toUpperCase()), L, y, { width: W, characterSpacing: 0.6 });
  y = doc.y + 2;
  lay.font('bold', 20, INK);
  doc.text(pdfText(title), L, y, { width: W, lineGap: 1 });
  lay.y = doc.y + 6;
}

function sectionHeading(lay: PdfLayout<string>, s: string): void {
  lay.ensure(60);
  lay.gap(4);
  lay.text(s, { kind: 'bold', size: 12, color: ACCENT, after: 2 });
  rule(lay.doc, lay.y);
  lay.gap(6);
}

/** A row of labelled figures (label above, value below), wrapping to a second row when they do not fit. */
function figures(lay: PdfLayout<string>, items: readonly (readonly [string, string])[], perRow = 3): void {
  const colW = W / perRow;
  for (let i = 0; i < items.length; i += perRow) {
    lay.ensure(34);
    const y = lay.y;
    let bottom = y;
    // Labels wrapped to their column (a long one takes two lines), and the values lined up below the tallest.
    const doc = lay.doc;
    const row = items.slice(i, i + perRow);
    lay.font('bold', 6.8, MUTED);
    const labelH = Math.max(...row.map(([k]) => doc.heightOfString(pdfText(k.toUpperCase()), { width: colW - 12 })));
    row.forEach(([k, v], j) => {
      lay.font('bold', 6.8, MUTED);
      doc.text(pdfText(k.toUpperCase()), L + j * colW, y, { width: colW - 12 });
      lay.font('bold', 12, INK);
      doc.text(pdfText(v), L + j * colW, y + labelH + 2, { width: colW - 12, lineGap: 1 });
      bottom = Math.max(bottom, doc.y);
    });
    lay.y = bottom + 8;
  }
}

function finishPages(lay: PdfLayout<string>, school: string, line: string): number {
  const doc = lay.doc;
  return eachPage(doc, (n, total) =>
    footer(doc, { confidential: tp('confidential'), name: school, page: tp('page', { n, m: total }) }, (room) => {
      let s = pdfText(` \u00b7 ${line}`);
      doc.font(FONTS.regular).fontSize(7.5);
      while (s.length > 4 && doc.widthOfString(s) > room) s = s.slice(0, -2);
      return s;
    }),
  );
}

// ---- for governors ----

interface Tally {
  pupils: Set<string>;
  places: number;
  pence: number;
  provisions: Set<string>;
}

const tally = (): Tally => ({ pupils: new Set(), places: 0, pence: 0, provisions: new Set() });

function add(to: Tally, pupilId: string, x: MapPlacement): void {
  to.pupils.add(pupilId);
  to.places++;
  to.pence += x.cost?.costPence ?? 0;
  to.provisions.add(x.provisionId);
}

export async function renderGovernorsMap(data: GovernorsMapData): Promise<{ pdf: Buffer; pages: number }> {
  const { map } = data;
  const title = tp('governorsTitle', { year: map.academicYear });
  const { doc, finish, lay } = start(title, data.schoolName);
  heading(lay, data.schoolName, tp('governorsEyebrow'), title);
  lay.text(
    tp('printed', {
      date: formatLongDate(data.printedOn),
      by: data.printedBy || data.schoolName,
      days: hoursText(map.schoolDays),
      gap: map.calendarGap ? tp('estimated') : '',
    }),
    { size: 9, color: MUTED, after: 2 },
  );
  if (data.filters.length) lay.text(tp('filtered', { filters: data.filters.join('; ') }), { size: 9, kind: 'bold', after: 2 });
  lay.gap(4);
  lay.text(tp('governorsIntro', { year: map.academicYear }), { size: 9.5, after: 8 });

  const c = map.totals.cost;
  sectionHeading(lay, tp('totalsHeading'));
  figures(lay, [
    [tp('pupilsOnProvision'), String(map.totals.pupils)],
    [tp('places'), String(map.totals.placements)],
    [tp('totalCost'), c ? formatPounds(c.totalPence) : ''],
    [tp('threshold'), c ? formatPounds(c.thresholdPence) : ''],
    [tp('aboveCount'), c ? String(c.pupilsAboveThreshold) : ''],
    [tp('aboveAmount'), c ? formatPounds(c.aboveThresholdPence) : ''],
  ]);
  if (map.missingRates?.length)
    lay.text(t('provisionMapUi.missingRates', { roles: map.missingRates.map((r) => t(`provisionUi.roles.${r}`)).join(', ') }), {
      size: 9,
      kind: 'bold',
    });

  sectionHeading(lay, tp('byProvision'));
  if (!map.provisions.length) lay.muted(tp('noProvision'));
  else {
    const cols: Column[] = [
      { header: tcol('provision'), width: 26 },
      { header: tcol('wave'), width: 10 },
      { header: tcol('pattern'), width: 13 },
      { header: tcol('pupils'), width: 7, align: 'right' },
      { header: tcol('hours'), width: 8, align: 'right' },
      { header: tcol('cost'), width: 10, align: 'right' },
      { header: tcol('perPupil'), width: 10, align: 'right' },
      { header: tcol('effectiveness'), width: 22 },
    ];
    const rows: Row[] = map.provisions.map((p: MapProvision) => ({
      cells: [
        { text: p.name, kind: 'bold', sub: `${t(`ehcpUi.areas.${p.area}`)} \u00b7 ${t(`provisionUi.roles.${p.staffRole}`)}` },
        t(`provisionUi.waves.${p.wave}`),
        t('provisionMapUi.pattern', { sessions: p.sessionsPerWeek, minutes: p.minutesPerSession, size: p.groupSize }),
        String(p.pupils),
        hoursText(p.hoursPerWeek),
        p.cost ? (p.cost.hourlyPence === null ? t('provisionMapUi.notCosted') : money(p.cost.yearPence)) : '',
        p.cost?.perPupilPence === null || p.cost?.perPupilPence === undefined ? '' : money(p.cost.perPupilPence),
        effectivenessLines(p.effectiveness, true).join('\n'),
      ],
    }));
    rows.push({
      cells: [
        { text: tp('total'), kind: 'bold' },
        '',
        '',
        { text: String(map.totals.pupils), kind: 'bold' },
        '',
        { text: c ? formatPounds(c.totalPence) : '', kind: 'bold' },
        '',
        '',
      ],
      fill: '#e3e7ed',
    });
    lay.table(cols, rows, { size: 8 });
  }

  // By wave and by year group: counted from each pupil's places (a pupil on two provisions of a wave counts once in it).
  const waves = new Map(WAVES.map((w) => [w, tally()]));
  const years = new Map<string, Tally & { above: number }>();
  const waveOf = new Map(map.provisions.map((p) => [p.id, p.wave]));
  for (const p of map.pupils) {
    const y = years.get(p.yearGroup) ?? { ...tally(), above: 0 };
    if ((p.cost?.aboveThresholdPence ?? 0) > 0) y.above++;
    for (const x of p.placements) {
      add(waves.get(waveOf.get(x.provisionId)!)!, p.pupilId, x);
      add(y, p.pupilId, x);
    }
    years.set(p.yearGroup, y);
  }
  if (map.pupils.length) {
    sectionHeading(lay, tp('byWave'));
    lay.table(
      [
        { header: tcol('wave'), width: 30 },
        { header: tcol('provisions'), width: 14, align: 'right' },
        { header: tcol('pupils'), width: 14, align: 'right' },
        { header: tcol('places'), width: 14, align: 'right' },
        { header: tcol('cost'), width: 18, align: 'right' },
      ],
      [...waves]
        .filter(([, v]) => v.places > 0)
        .map(([w, v]) => ({
          cells: [
            t(`provisionUi.waves.${w}`),
            String(v.provisions.size),
            String(v.pupils.size),
            String(v.places),
            c ? formatPounds(v.pence) : '',
          ],
        })),
      { size: 8.5 },
    );
    sectionHeading(lay, tp('byYear'));
    lay.table(
      [
        { header: tcol('year'), width: 30 },
        { header: tcol('pupils'), width: 14, align: 'right' },
        { header: tcol('places'), width: 14, align: 'right' },
        { header: tcol('cost'), width: 18, align: 'right' },
        { header: tp('aboveCount'), width: 14, align: 'right' },
      ],
      [...years]
        .sort(([a], [b]) => yearGroupOrder(a as never) - yearGroupOrder(b as never))
        .map(([y, v]) => ({
          cells: [yearGroupLabel(y), String(v.pupils.size), String(v.places), c ? formatPounds(v.pence) : '', c ? String(v.above) : ''],
        })),
      { size: 8.5 },
    );
  }
  lay.gap(4);
  lay.text(`${tp('method')} ${tp('methodEffectiveness')}`, { size: 8, color: MUTED, kind: 'italic' });
  const pages = finishPages(lay, data.schoolName, tp('governorsFooter', { year: map.academicYear }));
  void doc;
  return { pdf: await finish(), pages };
}

// ---- a funding request for one pupil ----

export async function renderFundingRequest(data: FundingRequestData): Promise<{ pdf: Buffer; pages: number }> {
  const { map, pupil } = data;
  const row: MapPupil | undefined = map.pupils[0];
  const threshold = map.totals.cost?.thresholdPence ?? 0;
  const { doc, finish, lay } = start(`${tp('fundingTitle')}: ${pupil.name}`, data.schoolName);
  heading(lay, data.schoolName, `${tp('fundingTitle')} \u00b7 ${map.academicYear}`, pupil.name);
  lay.text(
    tp('printed', {
      date: formatLongDate(data.printedOn),
      by: data.printedBy || data.schoolName,
      days: hoursText(map.schoolDays),
      gap: map.calendarGap ? tp('estimated') : '',
    }),
    { size: 9, color: MUTED, after: 4 },
  );
  lay.text(tp('fundingIntro', { name: pupil.name, year: map.academicYear, threshold: formatPounds(threshold) }), { size: 9.5, after: 8 });

  sectionHeading(lay, tp('pupilHeading'));
  figures(
    lay,
    [
      [tp('name'), pupil.name],
      [tp('upn'), pupil.upn],
      [tp('dateOfBirth'), formatLongDate(pupil.dateOfBirth)],
      [tp('yearGroup'), yearGroupLabel(pupil.yearGroup)],
      [tp('className'), pupil.className ?? t('provisionUi.noClass')],
      [tp('senStatus'), codeLabel('senStatus', pupil.senStatus)],
      [tp('needs'), pupil.needs.length ? pupil.needs.map((n) => t(`needs.${n}`)).join(', ') : tp('noNeeds')],
      [tp('school'), data.schoolName],
    ],
    4,
  );

  sectionHeading(lay, tp('provisionHeading'));
  const names = new Map(map.provisions.map((p) => [p.id, p]));
  if (!row || !row.placements.length) lay.muted(tp('noPlacements', { name: pupil.name, year: map.academicYear }));
  else {
    lay.table(
      [
        { header: tcol('provision'), width: 28 },
        { header: tcol('pattern'), width: 15 },
        { header: `${tcol('from')} \u2013 ${tcol('to')}`, width: 17 },
        { header: tcol('hours'), width: 8, align: 'right' },
        { header: tcol('schoolDays'), width: 8, align: 'right' },
        { header: tcol('rate'), width: 10, align: 'right' },
        { header: t('provisionMapUi.csv.cost').replace(' (£)', ''), width: 12, align: 'right' },
      ],
      [
        ...row.placements.map((x) => {
          const p = names.get(x.provisionId);
          return {
            cells: [
              {
                text: p?.name ?? '',
                kind: 'bold' as const,
                sub: p
                  ? `${t(`provisionUi.waves.${p.wave}`)} \u00b7 ${t(`ehcpUi.areas.${p.area}`)} \u00b7 ${t(`provisionUi.roles.${p.staffRole}`)}`
                  : undefined,
              },
              p ? t('provisionMapUi.pattern', { sessions: p.sessionsPerWeek, minutes: p.minutesPerSession, size: p.groupSize }) : '',
              `${formatLongDate(x.from)} \u2013 ${formatLongDate(x.to)}`,
              hoursText(x.hoursPerWeek),
              x.cost ? hoursText(x.cost.schoolDays) : '',
              exact(p?.cost?.hourlyPence),
              exact(x.cost?.costPence),
            ],
          };
        }),
        {
          cells: [
            { text: tp('total'), kind: 'bold' as const },
            '',
            '',
            '',
            '',
            '',
            { text: exact(row.cost?.totalPence ?? 0), kind: 'bold' as const },
          ],
          fill: '#e3e7ed',
        },
      ],
      { size: 8 },
    );
  }

  sectionHeading(lay, tp('costHeading'));
  const total = row?.cost?.totalPence ?? 0;
  const above = row?.cost?.aboveThresholdPence ?? 0;
  figures(lay, [
    [tp('totalPupil'), formatPence(total)],
    [tp('thresholdPupil'), formatPence(Math.min(total, threshold))],
    [tp('topUp'), above > 0 ? formatPence(above) : tp('topUpNone')],
  ]);
  if (row && row.cost && !row.cost.complete) {
    const roles = [
      ...new Set(row.placements.filter((x) => x.cost?.costPence === null).map((x) => names.get(x.provisionId)?.staffRole)),
    ].filter((r): r is DeliveryRole => r !== undefined);
    lay.text(tp('incomplete', { roles: roles.map((r) => t(`provisionUi.roles.${r}`)).join(', ') }), { size: 9, kind: 'bold' });
  }
  lay.gap(6);
  lay.text(tp('method'), { size: 8, color: MUTED, kind: 'italic', after: 14 });

  // Signature lines: the request goes to the LA signed by the SENCo and the headteacher.
  lay.ensure(60);
  const y = lay.y + 20;
  const half = (W - 30) / 2;
  for (const [i, label] of [tp('signed'), tp('signedHead')].entries()) {
    const x = L + i * (half + 30);
    doc
      .save()
      .lineWidth(0.6)
      .strokeColor(INK)
      .moveTo(x, y)
      .lineTo(x + half * 0.62, y)
      .stroke()
      .moveTo(x + half * 0.68, y)
      .lineTo(x + half, y)
      .stroke()
      .restore();
    lay.font('regular', 7.5, MUTED);
    doc.text(pdfText(label), x, y + 3, { width: half * 0.62, lineBreak: false });
    doc.text(pdfText(tp('date')), x + half * 0.68, y + 3, { width: half * 0.32, lineBreak: false });
  }
  lay.y = y + 16;
  const pages = finishPages(lay, data.schoolName, `${pupil.name} \u00b7 ${tp('fundingFooter', { year: map.academicYear })}`);
  return { pdf: await finish(), pages };
}
