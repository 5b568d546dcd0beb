/**
 * The register's view (search, filters, sort, page) lives in the address, so a dashboard count can link to the
 * register pre-filtered, and a reload or Back keeps the view. This maps the address to pupils.list's input.
 */
import type { InputOf, PupilSortField } from '../../../shared/contract';
import { PUPIL_SORT_FIELDS } from '../../../shared/contract';
import { NEED_CODES, SEN_STATUSES, YEAR_GROUPS, type NeedCode, type SenStatus, type YearGroup } from '../../../shared/domain';

export const PAGE_SIZES = [25, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = 50;

export interface RegisterView {
  readonly search: string;
  readonly yearGroup: YearGroup | null;
  readonly senStatus: SenStatus | null;
  readonly need: NeedCode | null;
  /** A class name, matched whole and ignoring case. */
  readonly className: string | null;
  readonly includeFormer: boolean;
  /** Only pupils whose EHC plan has golden-thread problems (the dashboard's count links here with it). */
  readonly thread: 'problems' | null;
  readonly sort: PupilSortField;
  readonly direction: 'asc' | 'desc';
  readonly page: number;
  readonly pageSize: number;
}

function oneOf<T extends string>(list: readonly T[], v: string | null): T | null {
  return v !== null && (list as readonly string[]).includes(v) ? (v as T) : null;
}

export function parseRegisterView(params: URLSearchParams): RegisterView {
  const page = Number(params.get('page'));
  const size = Number(params.get('size'));
  return {
    search: (params.get('q') ?? '').slice(0, 100),
    yearGroup: oneOf(YEAR_GROUPS, params.get('year')),
    senStatus: oneOf(SEN_STATUSES, params.get('status')),
    need: oneOf(NEED_CODES, params.get('need')),
    className: (params.get('class') ?? '').trim().slice(0, 40) || null,
    includeFormer: params.get('former') === '1',
    thread: params.get('thread') === 'problems' ? 'problems' : null,
    sort: oneOf(PUPIL_SORT_FIELDS, params.get('sort')) ?? 'name',
    direction: params.get('dir') === 'desc' ? 'desc' : 'asc',
    page: Number.isInteger(page) && page > 0 ? page : 0,
    pageSize: (PAGE_SIZES as readonly number[]).includes(size) ? size : DEFAULT_PAGE_SIZE,
  };
}

export function registerViewToParams(view: RegisterView): URLSearchParams {
  const p = new URLSearchParams();
  if (view.search) p.set('q', view.search);
  if (view.yearGroup) p.set('year', view.yearGroup);
  if (view.senStatus) p.set('status', view.senStatus);
  if (view.need) p.set('need', view.need);
  if (view.className) p.set('class', view.className);
  if (view.includeFormer) p.set('former', '1');
  if (view.thread) p.set('thread', view.thread);
  if (view.sort !== 'name') p.set('sort', view.sort);
  if (view.direction !== 'asc') p.set('dir', view.direction);
  if (view.page > 0) p.set('page', String(view.page));
  if (view.pageSize !== DEFAULT_PAGE_SIZE) p.set('size', String(view.pageSize));
  return p;
}

/** The filters alone (no sort or paging): register.summary's and register.export's input. */
export function registerViewToFilter(view: RegisterView): InputOf<'register.summary'> {
  return {
    ...(view.search.trim() ? { search: view.search.trim() } : {}),
    ...(view.yearGroup ? { yearGroup: view.yearGroup } : {}),
    ...(view.senStatus ? { senStatus: view.senStatus } : {}),
    ...(view.need ? { need: view.need } : {}),
    ...(view.className ? { className: view.className } : {}),
    includeFormer: view.includeFormer,
    ...(view.thread ? { thread: view.thread } : {}),
  };
}

export function registerViewToInput(view: RegisterView): InputOf<'pupils.list'> {
  return {
    ...registerViewToFilter(view),
    sort: view.sort,
    direction: view.direction,
    page: view.page,
    pageSize: view.pageSize,
  };
}

/** The register's address for a filter, as used by the dashboard's counts. */
export function registerHref(filter: Partial<RegisterView>): string {
  const view = { ...parseRegisterView(new URLSearchParams()), ...filter };
  const q = registerViewToParams(view).toString();
  return q ? `/pupils?${q}` : '/pupils';
}

export function isFiltered(view: RegisterView): boolean {
  return !!(view.search.trim() || view.yearGroup || view.senStatus || view.need || view.className || view.thread);
}
