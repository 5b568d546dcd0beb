/**
 * The provision map's outputs (issue 18, item 2): the map as CSV, printed for governors, and one pupil's top-up
 * funding request. Each reads the map through `provisionMap` (provision-map.ts), the one place costs are worked out
 * and left out for roles that may not see them, so a file can never hold more than the screen shows.
 *
 * The CSV's fields go through the one CSV writer's `csvField` (exports/csv.ts) (RFC 4180 quoting, spreadsheet formulas defused), with a
 * byte-order mark so Excel reads names as UTF-8. The prints are A4 PDFs (reports/provision-map-pdf.ts).
 */
import type { MapPlacement, MapProvision, MapPupil, ProvisionMap } from '../../../shared/contract';
import { NEED_CODES, type NeedCode } from '../../../shared/domain';
import { formatUkDate, todayIso } from '../../../shared/dates';
import { t, yearGroupLabel, type I18nKeyUnder } from '../../../shared/i18n';
import { poundsFigure } from '../../../shared/money';
import { hoursText } from '../../../shared/provision-map-text';
import type { ServiceContext, ServiceFn } from '../context';
import { SchoolEntity } from '../db/entities';
import { dateOf, dateOrNull, placeholder } from '../db/raw';
import { owningSchool } from '../scope';
import { provisionMap, seesCosts } from './provision-map';
import { csvField } from '../exports/csv';
import { AppFailure } from '../../../shared/result';
import { displayName } from './pupil-name';

const tc = (k: I18nKeyUnder<'provisionMapUi.csv'>) => t(`provisionMapUi.csv.${k}`);
const yearSlug = (y: string) => y.replace('/', '-');

/** The map's CSV: a row per pupil's place on a provision, in the map's order (provision, then pupil). */
export function mapCsv(map: ProvisionMap): { csv: string; rows: number } {
  const costs = map.costsShown;
  const header = [
    tc('provision'),
    tc('wave'),
    tc('area'),
    tc('staff'),
    tc('groupSize'),
    tc('sessions'),
    tc('minutes'),
    tc('upn'),
    tc('pupil'),
    tc('year'),
    tc('class'),
    tc('needs'),
    tc('from'),
    tc('to'),
    tc('hours'),
    ...(costs ? [tc('schoolDays'), tc('rate'), tc('cost')] : []),
    tc('measure'),
    tc('entry'),
    tc('exit'),
    tc('change'),
    tc('gas'),
  ];
  const pupils = new Map(map.pupils.map((p) => [p.pupilId, p]));
  const lines = [header.map(csvField).join(',')];
  let rows = 0;
  const byProvision = new Map<string, { p: MapPupil; x: MapPlacement }[]>();
  for (const p of map.pupils)
    for (const x of p.placements) byProvision.set(x.provisionId, [...(byProvision.get(x.provisionId) ?? []), { p, x }]);
  for (const v of map.provisions) {
    for (const { p, x } of byProvision.get(v.id) ?? []) {
      if (!pupils.has(p.pupilId)) continue;
      const measure = v.effectiveness.measure?.name ?? null;
      lines.push(
        [
          v.name,
          t(`provisionUi.waves.${v.wave}`),
          t(`ehcpUi.areas.${v.area}`),
          t(`provisionUi.roles.${v.staffRole}`),
          v.groupSize,
          v.sessionsPerWeek,
          v.minutesPerSession,
          p.upn,
          p.name,
          yearGroupLabel(p.yearGroup),
          p.className,
          p.needs.join(' '),
          formatUkDate(x.from),
          formatUkDate(x.to),
          hoursText(x.hoursPerWeek),
          ...(costs
            ? [
                x.cost ? x.cost.schoolDays : null,
                v.cost?.hourlyPence === null || v.cost?.hourlyPence === undefined ? null : poundsFigure(v.cost.hourlyPence),
                x.cost?.costPence === null || x.cost?.costPence === undefined ? null : poundsFigure(x.cost.costPence),
              ]
            : []),
          measure,
          x.entryValue,
          x.exitValue,
          x.measureChange,
          x.gasChange,
        ]
          .map((c) => csvField(c))
          .join(','),
      );
      rows++;
    }
  }
  return { csv: '\uFEFF' + lines.join('\r\n') + '\r\n', rows };
}

export const provisionMapCsv: ServiceFn<'provision.map.csv'> = async (ctx, input) => {
  const map = await provisionMap(ctx, input);
  const { csv, rows } = mapCsv(map);
  ctx.auditDetail({ pupils: map.pupils.length, rows, costs: map.costsShown });
  return { filename: t('provisionMapUi.csv.filename', { year: yearSlug(map.academicYear), date: todayIso(ctx.now) }), csv, rows };
};

/** The prints are about money: refused (by the contract first, and here again) to anyone who may not see costs. */
function requireCosts(ctx: ServiceContext): void {
  if (!seesCosts(ctx)) throw new AppFailure('forbidden', t('provisionMapUi.errors.noCosts'));
}

async function schoolName(ctx: ServiceContext): Promise<string> {
  const school = await ctx.em.getRepository(SchoolEntity).findOne({ where: { id: await owningSchool(ctx) } });
  return school?.name ?? '';
}

/** The filters printed under the governors' title ("Only: Year 7; Targeted."), in words. */
function filterWords(input: Parameters<ServiceFn<'provision.map.pdf'>>[1], provisions: readonly MapProvision[]): string[] {
  return [
    input.yearGroup ? yearGroupLabel(input.yearGroup) : null,
    input.className ? `${t('provisionMapUi.filters.className')} ${input.className}` : null,
    input.need ? t(`needs.${input.need}`) : null,
    input.area ? t(`ehcpUi.areas.${input.area}`) : null,
    input.wave ? t(`provisionUi.waves.${input.wave}`) : null,
    input.provisionId ? (provisions.find((p) => p.id === input.provisionId)?.name ?? null) : null,
  ].filter((x): x is string => x !== null);
}

export const provisionMapPdf: ServiceFn<'provision.map.pdf'> = async (ctx, input) => {
  requireCosts(ctx);
  const map = await provisionMap(ctx, input);
  const { renderGovernorsMap } = await import('../reports/provision-map-pdf');
  const { pdf, pages } = await renderGovernorsMap({
    schoolName: await schoolName(ctx),
    map,
    filters: filterWords(input, map.provisions),
    printedOn: todayIso(ctx.now),
    printedBy: ctx.actor.kind === 'user' ? ctx.actor.displayName : '',
  });
  ctx.auditDetail({ pupils: map.pupils.length, provisions: map.provisions.length, pages });
  return {
    filename: t('provisionMapUi.print.governorsFile', { year: yearSlug(map.academicYear) }),
    pdfBase64: pdf.toString('base64'),
    pages,
  };
};

type Row = Record<string, unknown>;

export const provisionFundingPdf: ServiceFn<'provision.funding.pdf'> = async (ctx, input) => {
  requireCosts(ctx);
  ctx.touchPupil(input.pupilId);
  const ph = placeholder(ctx.em);
  const [p] = (await ctx.em.query(
    `SELECT p.id, p.upn, p.legal_first_name, p.legal_last_name, p.preferred_first_name, p.preferred_last_name, p.date_of_birth, p.year_group, p.class_name, p.date_left, s.status
     FROM pupil p LEFT JOIN sen_status_period s ON s.pupil_id = p.id AND s.end_date IS NULL WHERE p.id = ${ph(1)}`,
    [input.pupilId],
  )) as Row[];
  if (!p) throw new AppFailure('not_found', t('errors.notFound', { thing: t('things.pupil') }));
  const needRows = (await ctx.em.query(`SELECT need_code FROM pupil_need WHERE pupil_id = ${ph(1)} ORDER BY rank`, [
    input.pupilId,
  ])) as Row[];
  const map = await provisionMap(ctx, { pupilId: input.pupilId, ...(input.academicYear ? { academicYear: input.academicYear } : {}) });
  const name = displayName({
    legalFirstName: String(p.legal_first_name),
    legalLastName: String(p.legal_last_name),
    preferredFirstName: (p.preferred_first_name as string | null) ?? null,
    preferredLastName: (p.preferred_last_name as string | null) ?? null,
  });
  const { renderFundingRequest } = await import('../reports/provision-map-pdf');
  const { pdf, pages } = await renderFundingRequest({
    schoolName: await schoolName(ctx),
    map,
    printedOn: todayIso(ctx.now),
    printedBy: ctx.actor.kind === 'user' ? ctx.actor.displayName : '',
    pupil: {
      name,
      upn: String(p.upn),
      dateOfBirth: dateOf(p.date_of_birth),
      yearGroup: String(p.year_group),
      className: (p.class_name as string | null) ?? null,
      senStatus: p.status === null || p.status === undefined ? 'N' : String(p.status),
      dateLeft: dateOrNull(p.date_left),
      needs: needRows.map((r) => String(r.need_code)).filter((c): c is NeedCode => (NEED_CODES as readonly string[]).includes(c)),
    },
  });
  const row = map.pupils.find((x) => x.pupilId === input.pupilId);
  ctx.auditDetail({ academicYear: map.academicYear, placements: row?.placements.length ?? 0, pages });
  const safe = name.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return {
    filename: t('provisionMapUi.print.fundingFile', { name: safe, year: yearSlug(map.academicYear) }),
    pdfBase64: pdf.toString('base64'),
    pages,
  };
};
