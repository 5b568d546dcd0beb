/**
 * The provision map's filters live in the address (after '#'), so a reload or Back keeps the view. Only the choices
 * themselves go there (school year, year group, class, need, wave, provision, grouping): never a pupil's id or name,
 * so an address copied or left in a browser's history carries no pupil data. Which pupil's costed provision is open
 * is kept in the page's own state.
 */
import type { InputOf } from '../../../../shared/contract';
import { NEED_CODES, YEAR_GROUPS, type NeedCode, type YearGroup } from '../../../../shared/domain';
import { MAP_GROUPINGS, WAVES, type MapGrouping, type Wave } from '../../../../shared/provision';

export interface MapView {
  /** Null: the school year today falls in. */
  readonly academicYear: string | null;
  readonly yearGroup: YearGroup | null;
  readonly className: string | null;
  readonly need: NeedCode | null;
  readonly wave: Wave | null;
  readonly provisionId: string | null;
  readonly groupBy: MapGrouping;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const YEAR = /^\d{4}\/\d{2}$/;

function oneOf<T extends string>(list: readonly T[], v: string | null): T | null {
  return v !== null && (list as readonly string[]).includes(v) ? (v as T) : null;
}

export function parseMapView(params: URLSearchParams): MapView {
  const year = params.get('sy');
  const provision = params.get('provision');
  return {
    academicYear: year && YEAR.test(year) ? year : null,
    yearGroup: oneOf(YEAR_GROUPS, params.get('year')),
    className: (params.get('class') ?? '').trim().slice(0, 40) || null,
    need: oneOf(NEED_CODES, params.get('need')),
    wave: oneOf(WAVES, params.get('wave')),
    provisionId: provision && UUID.test(provision) ? provision : null,
    groupBy: oneOf(MAP_GROUPINGS, params.get('group')) ?? 'provision',
  };
}

export function mapViewToParams(view: MapView): URLSearchParams {
  const p = new URLSearchParams();
  if (view.academicYear) p.set('sy', view.academicYear);
  if (view.yearGroup) p.set('year', view.yearGroup);
  if (view.className) p.set('class', view.className);
  if (view.need) p.set('need', view.need);
  if (view.wave) p.set('wave', view.wave);
  if (view.provisionId) p.set('provision', view.provisionId);
  if (view.groupBy !== 'provision') p.set('group', view.groupBy);
  return p;
}

/** The map's input for the view (the CSV takes the same, less the grouping). */
export function mapViewToInput(view: MapView): InputOf<'provision.map'> {
  return {
    ...(view.academicYear ? { academicYear: view.academicYear } : {}),
    ...(view.yearGroup ? { yearGroup: view.yearGroup } : {}),
    ...(view.className ? { className: view.className } : {}),
    ...(view.need ? { need: view.need } : {}),
    ...(view.wave ? { wave: view.wave } : {}),
    ...(view.provisionId ? { provisionId: view.provisionId } : {}),
    groupBy: view.groupBy,
  };
}

export function hasFilters(view: MapView): boolean {
  return Boolean(view.yearGroup || view.className || view.need || view.wave || view.provisionId);
}
