import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PAGE_SIZE,
  isFiltered,
  parseRegisterView,
  registerHref,
  registerViewToFilter,
  registerViewToInput,
  registerViewToParams,
} from './register-params';

describe('register view in the address', () => {
  it('defaults to current pupils by name, first page', () => {
    const v = parseRegisterView(new URLSearchParams());
    expect(v).toMatchObject({
      search: '',
      yearGroup: null,
      senStatus: null,
      includeFormer: false,
      sort: 'name',
      direction: 'asc',
      page: 0,
      pageSize: DEFAULT_PAGE_SIZE,
    });
    expect(registerViewToParams(v).toString()).toBe('');
  });

  it('round-trips filters, sort and paging', () => {
    const q = 'q=Okafor&year=5&status=K&need=SLCN&former=1&sort=dateOfBirth&dir=desc&page=2&size=25';
    const v = parseRegisterView(new URLSearchParams(q));
    expect(registerViewToParams(v).toString()).toBe(q);
    expect(registerViewToInput(v)).toEqual({
      search: 'Okafor',
      yearGroup: '5',
      senStatus: 'K',
      need: 'SLCN',
      includeFormer: true,
      sort: 'dateOfBirth',
      direction: 'desc',
      page: 2,
      pageSize: 25,
    });
  });

  it('takes year group X (not following National Curriculum year groups) from the address', () => {
    const v = parseRegisterView(new URLSearchParams('year=X'));
    expect(v.yearGroup).toBe('X');
    expect(registerViewToInput(v)).toMatchObject({ yearGroup: 'X' });
    expect(registerViewToParams(v).toString()).toBe('year=X');
  });

  it('ignores values the contract would refuse', () => {
    const v = parseRegisterView(new URLSearchParams('year=99&status=X&need=FOO&sort=secret&page=-3&size=1000'));
    expect(v).toMatchObject({ yearGroup: null, senStatus: null, need: null, sort: 'name', page: 0, pageSize: DEFAULT_PAGE_SIZE });
  });

  it('builds the dashboard links and knows when a view is filtered', () => {
    expect(registerHref({ senStatus: 'E' })).toBe('/pupils?status=E');
    expect(registerHref({})).toBe('/pupils');
    expect(isFiltered(parseRegisterView(new URLSearchParams('status=E')))).toBe(true);
    expect(isFiltered(parseRegisterView(new URLSearchParams('former=1')))).toBe(false);
    expect(registerViewToInput(parseRegisterView(new URLSearchParams('q=%20%20')))).not.toHaveProperty('search');
  });
});

describe('register class filter', () => {
  it('round-trips a class, and sends it to the list, the summary and the export', () => {
    const v = parseRegisterView(new URLSearchParams('status=K&class=5B'));
    expect(v.className).toBe('5B');
    expect(registerViewToParams(v).toString()).toBe('status=K&class=5B');
    expect(registerViewToInput(v)).toMatchObject({ senStatus: 'K', className: '5B' });
    expect(registerViewToFilter(v)).toEqual({ senStatus: 'K', className: '5B', includeFormer: false });
    expect(isFiltered(v)).toBe(true);
    expect(registerHref({ className: '4A' })).toBe('/pupils?class=4A');
  });

  it('drops a blank class and clips a long one', () => {
    expect(parseRegisterView(new URLSearchParams('class=%20%20')).className).toBeNull();
    expect(parseRegisterView(new URLSearchParams(`class=${'x'.repeat(60)}`)).className).toHaveLength(40);
  });
});
