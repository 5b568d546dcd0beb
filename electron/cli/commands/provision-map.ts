/**
 * `senco-desk provision-map [--year G] [--need CODE] [--provision NAME] [--pupil UPN] [--academic-year 2026/27] [--json]`
 * (issue 18, item 4): the school's costed provision map through `provision.map`, acting as the signed-in user. Per
 * provision: pupils, hours a week, cost a year, cost per pupil; with --pupil, that pupil's provision, its total cost
 * for the year and the part above the school's notional SEN threshold (the figure an LA top-up request asks for).
 *
 * It prints costs, which only the SENCo and headteacher may see: before reading anything it asks the core for the
 * threshold (`provision.threshold.get`, theirs alone), so anyone else is refused by the core, and the refusal audited.
 * A pupil outside the user's scope is refused by the core too.
 */
import { InvalidArgumentError, type Command } from 'commander';
import type { MapPupil, ProvisionMap, ProvisionRecord, PupilRow } from '../../../shared/contract';
import { NEED_CODES, type NeedCode, type YearGroup } from '../../../shared/domain';
import { NEED_AREAS, type NeedArea } from '../../../shared/ehcp';
import { formatUkDate } from '../../../shared/dates';
import { t, yearGroupLabel } from '../../../shared/i18n';
import { formatPence } from '../../../shared/money';
import { defaultDataDir } from '../../core/data-dir';
import { openSetUpCore, withCore } from '../data';
import { checkOutputPath, writeFileAtomic } from '../files';
import { CliError, EXIT, emit, type CliIo } from '../io';
import { asCaller, callFailed, credentialsHelp, pupilByUpn } from '../session';
import { table } from '../table';
import { parseYear } from './pupils-list';
import { parseUpnOption } from './review-pack';

export interface ProvisionMapOptions {
  readonly data: string;
  readonly json?: boolean;
  readonly year?: YearGroup;
  readonly need?: { readonly need?: NeedCode; readonly area?: NeedArea };
  readonly provision?: string;
  readonly pupil?: string;
  readonly academicYear?: string;
  /** Writes the map printed for governors (A4 PDF, no pupil named); with --pupil, that pupil's funding request. */
  readonly pdf?: string;
  /** Writes the map as CSV (a row per pupil's place; UTF-8 with a byte-order mark). */
  readonly csv?: string;
  readonly force?: boolean;
}

interface Written {
  readonly kind: 'governors_pdf' | 'funding_pdf' | 'csv';
  readonly path: string;
  readonly bytes: number;
  readonly pages?: number;
  readonly rows?: number;
}

function writtenText(w: Written, who: string | null): string {
  const size = `${w.bytes.toLocaleString('en-GB')} bytes`;
  switch (w.kind) {
    case 'governors_pdf':
      return `Wrote the provision map for governors: ${t('cli.counted.page', { count: w.pages })} (${size}) to ${w.path}.\n`;
    case 'funding_pdf':
      return `Wrote the funding request for ${who}: ${t('cli.counted.page', { count: w.pages })} (${size}) to ${w.path}.\n`;
    case 'csv':
      return `Wrote the provision map as CSV: ${t('cli.counted.row', { count: w.rows })} (${size}) to ${w.path}.\n`;
  }
}

/** A DfE need code (SLCN: pupils with that need) or a broad area of need (semh, cognition_learning: provision in it). */
export function parseNeedOrArea(v: string): { need?: NeedCode; area?: NeedArea } {
  const typed = v.trim();
  // SEMH is both a need code and an area: in capitals the need (pupils with it), in lower case the area (provision in it).
  if ((NEED_CODES as readonly string[]).includes(typed)) return { need: typed as NeedCode };
  const area = typed
    .toLowerCase()
    .replace(/[\s-]+/g, '_')
    .replace(/_and_/g, '_');
  if ((NEED_AREAS as readonly string[]).includes(area)) return { area: area as NeedArea };
  const code = typed.toUpperCase();
  if ((NEED_CODES as readonly string[]).includes(code)) return { need: code as NeedCode };
  throw new InvalidArgumentError(
    `Use a need code (${NEED_CODES.join(', ')}: pupils with that need) or an area of need (${NEED_AREAS.join(', ')}: provision in that area).`,
  );
}

export function parseAcademicYear(v: string): string {
  const s = v.trim();
  if (/^\d{4}\/\d{2}$/.test(s) && (Number(s.slice(0, 4)) + 1) % 100 === Number(s.slice(5))) return s;
  throw new InvalidArgumentError('Use a school year such as 2026/27.');
}

/** The provision named: the same name in any case, or the only one it begins. Otherwise a usage error naming the choices. */
export function resolveProvision(typed: string, catalogue: readonly ProvisionRecord[]): ProvisionRecord {
  const want = typed.trim().toLowerCase();
  const exact = catalogue.find((p) => p.name.toLowerCase() === want);
  if (exact) return exact;
  const starts = catalogue.filter((p) => p.name.toLowerCase().startsWith(want));
  if (starts.length === 1) return starts[0]!;
  const choices = (starts.length > 1 ? starts : catalogue).map((p) => `"${p.name}"`).join(', ');
  throw new CliError(
    starts.length > 1
      ? `--provision "${typed}" matches more than one provision: ${choices}.`
      : catalogue.length
        ? `The school has no provision called "${typed}". Its provisions: ${choices}.`
        : `The school has no provision called "${typed}": its catalogue is empty. Add provision on the Provision map page first.`,
    EXIT.usage,
    'not_found',
  );
}

const money = (pence: number | null | undefined) => (pence === null || pence === undefined ? 'no rate' : formatPence(pence));
const hours = (h: number) => h.toLocaleString('en-GB', { maximumFractionDigits: 2 });

function effectivenessText(p: ProvisionMap['provisions'][number]): string {
  const parts: string[] = [];
  const m = p.effectiveness.measure;
  if (m && m.meanChange !== null) parts.push(`${m.name} ${m.meanChange >= 0 ? '+' : ''}${m.meanChange} (${m.placements})`);
  const g = p.effectiveness.gas;
  if (g.meanChange !== null) parts.push(`GAS ${g.meanChange >= 0 ? '+' : ''}${g.meanChange} (${g.placements})`);
  return parts.join('; ');
}

function mapText(map: ProvisionMap, filters: string): string {
  const head =
    `Provision map ${map.academicYear}${filters}: ${t('cli.counted.pupil', { count: map.totals.pupils })}, ${t('cli.counted.place', { count: map.totals.placements })}; ` +
    `${map.schoolDays} school days in the year${map.calendarGap ? ' (estimated: enter the term dates for this year for exact costs)' : ''}.\n`;
  if (!map.provisions.length) return `${head}No provision to show. Add provision and place pupils on it on the Provision map page.\n`;
  const body = table(
    ['Provision', 'Wave', 'Area of need', 'Pupils', 'Hours a week', 'Cost a year', 'Cost per pupil', 'Effectiveness (placements)'],
    map.provisions.map((p) => [
      p.name,
      t(`provisionUi.waves.${p.wave}`),
      t(`ehcpUi.areas.${p.area}`),
      String(p.pupils),
      hours(p.hoursPerWeek),
      money(p.cost?.yearPence),
      p.cost?.perPupilPence === null || p.cost?.perPupilPence === undefined ? '' : formatPence(p.cost.perPupilPence),
      effectivenessText(p),
    ]),
  );
  const c = map.totals.cost!;
  const missing = map.missingRates?.length
    ? `No hourly rate is set for ${map.missingRates.map((r) => t(`provisionUi.roles.${r}`)).join(', ')}: their provision is not costed (set the rates in Settings).\n`
    : '';
  return (
    `${head}\n${body}Total cost of additional provision: ${formatPence(c.totalPence)}. ${t('cli.counted.pupil', { count: c.pupilsAboveThreshold })} above the notional SEN threshold ` +
    `of ${formatPence(c.thresholdPence)}, by ${formatPence(c.aboveThresholdPence)} in all.\n${missing}`
  );
}

function pupilText(map: ProvisionMap, pupil: MapPupil | undefined, who: string): string {
  const threshold = map.totals.cost!.thresholdPence;
  if (!pupil) return `${who} has no provision in the map for ${map.academicYear}.\n`;
  const names = new Map(map.provisions.map((p) => [p.id, p.name]));
  const body = table(
    ['Provision', 'From', 'To', 'Hours a week', 'School days', 'Cost'],
    pupil.placements.map((x) => [
      names.get(x.provisionId) ?? '',
      formatUkDate(x.from),
      formatUkDate(x.to),
      hours(x.hoursPerWeek),
      String(x.cost?.schoolDays ?? ''),
      money(x.cost?.costPence),
    ]),
  );
  return (
    `Provision for ${who}, ${yearGroupLabel(pupil.yearGroup)}, ${map.academicYear}:\n\n${body}` +
    `Total cost of additional provision: ${formatPence(pupil.cost!.totalPence)}${pupil.cost!.complete ? '' : ' (some provision has no hourly rate and is not counted)'}.\n` +
    `Above the notional SEN threshold of ${formatPence(threshold)}: ${formatPence(pupil.cost!.aboveThresholdPence)}.\n`
  );
}

export async function provisionMapCommand(opts: ProvisionMapOptions, io: CliIo): Promise<number> {
  const upn = opts.pupil !== undefined ? parseUpnOption(opts.pupil) : null;
  for (const [flag, file] of [
    ['--pdf', opts.pdf],
    ['--csv', opts.csv],
  ] as const) {
    if (file !== undefined && !file.trim())
      throw new CliError(`${flag} needs a file name, such as ${flag === '--pdf' ? 'provision-map.pdf' : 'provision-map.csv'}.`);
  }
  if (opts.pdf !== undefined && opts.csv !== undefined && opts.pdf === opts.csv)
    throw new CliError('--pdf and --csv name the same file: give each its own.');
  // Before opening the data: a name already taken is refused without reading anything.
  if (opts.pdf !== undefined) checkOutputPath(opts.pdf, opts.force === true);
  if (opts.csv !== undefined) checkOutputPath(opts.csv, opts.force === true);
  return withCore(openSetUpCore(opts.data, io), (core) =>
    asCaller(core, io, { command: 'provision-map', why: 'prints what provision costs and who receives it' }, async (caller) => {
      // Costs are the SENCo's and headteacher's: the core refuses anyone else (and records the refusal) before anything is read.
      const allowed = await caller.invoke('provision.threshold.get', {});
      if (!allowed.ok) {
        throw new CliError(
          allowed.error.code === 'forbidden'
            ? `provision-map prints what provision costs, which only the SENCo and headteacher may see. ${allowed.error.message}`
            : allowed.error.message,
          EXIT.refused,
          allowed.error.code,
        );
      }
      let provisionId: string | undefined;
      if (opts.provision !== undefined) {
        const catalogue = await caller.invoke('provisions.list', { includeEnded: true });
        if (!catalogue.ok) throw callFailed(catalogue);
        provisionId = resolveProvision(opts.provision, catalogue.value).id;
      }
      let pupil: PupilRow | undefined;
      if (upn) {
        pupil = await pupilByUpn(
          caller,
          upn,
          opts.data,
          'Check the number (senco-desk pupils list --search NAME shows UPNs), or the data folder.',
        );
      }
      const r = await caller.invoke('provision.map', {
        ...(opts.academicYear ? { academicYear: opts.academicYear } : {}),
        ...(opts.year ? { yearGroup: opts.year } : {}),
        ...(opts.need?.need ? { need: opts.need.need } : {}),
        ...(opts.need?.area ? { area: opts.need.area } : {}),
        ...(provisionId ? { provisionId } : {}),
        ...(pupil ? { pupilId: pupil.id } : {}),
      });
      if (!r.ok) throw callFailed(r);
      const map = r.value;
      // The files asked for, made by the core from the same filters (and refused by it to anyone who may not see costs).
      const filters = {
        academicYear: map.academicYear,
        ...(opts.year ? { yearGroup: opts.year } : {}),
        ...(opts.need?.need ? { need: opts.need.need } : {}),
        ...(opts.need?.area ? { area: opts.need.area } : {}),
        ...(provisionId ? { provisionId } : {}),
      };
      const written: Written[] = [];
      if (opts.pdf !== undefined) {
        const printed = pupil
          ? await caller.invoke('provision.funding.pdf', { pupilId: pupil.id, academicYear: map.academicYear })
          : await caller.invoke('provision.map.pdf', filters);
        if (!printed.ok) throw callFailed(printed);
        const bytes = Buffer.from(printed.value.pdfBase64, 'base64');
        writeFileAtomic(opts.pdf, bytes, opts.force === true);
        written.push({ kind: pupil ? 'funding_pdf' : 'governors_pdf', path: opts.pdf, bytes: bytes.length, pages: printed.value.pages });
      }
      if (opts.csv !== undefined) {
        const exported = await caller.invoke('provision.map.csv', { ...filters, ...(pupil ? { pupilId: pupil.id } : {}) });
        if (!exported.ok) throw callFailed(exported);
        const bytes = Buffer.from(exported.value.csv, 'utf8');
        writeFileAtomic(opts.csv, bytes, opts.force === true);
        written.push({ kind: 'csv', path: opts.csv, bytes: bytes.length, rows: exported.value.rows });
      }
      const files = written.length ? { files: written } : {};
      if (pupil) {
        const row = map.pupils.find((p) => p.pupilId === pupil.id);
        const who = `${pupil.name} (UPN ${upn})`;
        emit(
          io,
          opts.json,
          {
            ok: true,
            academicYear: map.academicYear,
            pupil: { id: pupil.id, name: pupil.name, upn },
            thresholdPence: map.totals.cost!.thresholdPence,
            totalPence: row?.cost?.totalPence ?? 0,
            aboveThresholdPence: row?.cost?.aboveThresholdPence ?? 0,
            complete: row?.cost?.complete ?? true,
            placements: (row?.placements ?? []).map((x) => ({
              ...x,
              provision: map.provisions.find((p) => p.id === x.provisionId)?.name ?? null,
            })),
            ...files,
          },
          () => pupilText(map, row, who) + written.map((w) => writtenText(w, who)).join(''),
        );
        return EXIT.ok;
      }
      const words = [
        opts.year ? yearGroupLabel(opts.year) : null,
        opts.need?.need ? `need ${opts.need.need}` : null,
        opts.need?.area ? t(`ehcpUi.areas.${opts.need.area}`) : null,
        opts.provision !== undefined ? map.provisions.map((p) => p.name).join(', ') || opts.provision : null,
      ].filter((x): x is string => x !== null);
      emit(
        io,
        opts.json,
        { ok: true, ...map, ...files },
        () => mapText(map, words.length ? ` (${words.join('; ')})` : '') + written.map((w) => writtenText(w, null)).join(''),
      );
      return EXIT.ok;
    }),
  );
}

export function registerProvisionMap(program: Command, io: CliIo, run: (p: Promise<number>) => Promise<void>): void {
  program
    .command('provision-map')
    .description(
      "Print the school's costed provision map: per provision its pupils, hours a week and cost a year; with --pupil, that pupil's provision, total cost and the amount above the notional SEN threshold.",
    )
    .option('--year <group>', 'only pupils in this year group (R, 1 to 14, N1, N2, X)', parseYear)
    .option(
      '--need <code>',
      'a need code in capitals (SLCN, SEMH, ...: pupils with that need) or an area of need in lower case (communication_interaction, cognition_learning, semh, sensory_physical: provision in it)',
      parseNeedOrArea,
    )
    .option('--provision <name>', 'only this provision (its name, or the start of it)')
    .option('--pupil <upn>', "one pupil's provision, total cost and the amount above the threshold (their UPN)")
    .option('--academic-year <year>', 'the school year, such as 2026/27 (default: this one)', parseAcademicYear)
    .option('--data <dir>', 'data folder', defaultDataDir(io.env))
    .option(
      '--pdf <file>',
      "also write the map printed for governors (A4 PDF: by provision with totals, no pupil named); with --pupil, that pupil's top-up funding request",
    )
    .option('--csv <file>', "also write the map as CSV (a row per pupil's place on a provision; UTF-8 with a byte-order mark, for Excel)")
    .option('--force', 'replace a file of that name that already exists')
    .option(
      '--json',
      'print the map (or the pupil\'s provision) as JSON; amounts in whole pence; with --pdf or --csv, the files written in "files"',
    )
    .addHelpText(
      'after',
      "\nCost, for each pupil's place on a provision: its sessions a week × minutes ÷ 60 hours, at the hourly rate of the\n" +
        'staff role that delivers it (set in Settings), divided by the group size, for the school weeks of the place inside\n' +
        "the school year (its school days by the school's own term dates, less INSET days and bank holidays, ÷ 5). A pupil's\n" +
        "total is the sum of their places; the part above the school's notional SEN threshold (£6,000 unless the school set\n" +
        'its own) is the figure a local authority asks for in a top-up funding request.\n' +
        'Only the SENCo and the headteacher may see costs: anyone else is refused (and the refusal is in the audit trail).\n\n' +
        'The files are written atomically, readable by your account only, and never replace an existing file without --force.\n\n' +
        'Exit status: 0 printed; 1 not set up, refused (a role that may not see costs, a pupil outside your scope), or no\n' +
        'pupil with that UPN; 2 usage error (a malformed UPN or year, an unknown need, area or provision, an empty file\n' +
        'name, a file that already exists without --force).\n',
    )
    .addHelpText('after', credentialsHelp('user'))
    .action((opts: ProvisionMapOptions) => run(provisionMapCommand(opts, io)));
}
