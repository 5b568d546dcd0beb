import { describe, expect, it } from 'vitest';
import {
  censusNeedProblems,
  expectedYearGroup,
  parseYearGroup,
  schoolYearStart,
  yearGroupMismatch,
  yearGroupReferenceDate,
  yearGroupWarning,
} from './census';
import { pupilCreateInput, type PupilFieldsIn } from './contract';
import { YEAR_GROUPS, type NeedCode, type SenStatus } from './domain';
import { makeUpn } from './upn';

describe('census rules on SEN provision and type', () => {
  const cases: readonly [SenStatus, NeedCode[], string[]][] = [
    ['E', ['ASD'], []],
    ['E', ['ASD', 'SLCN'], []],
    ['E', [], ['needRequired']],
    ['K', [], ['needRequired']],
    ['K', ['SEMH'], []],
    ['K', ['NSA'], []],
    ['K', ['NSA', 'SLCN'], ['nsaAlone']],
    ['K', ['SLCN', 'NSA'], ['nsaAlone']],
    ['E', ['NSA'], ['nsaOnlyK']],
    ['E', ['ASD', 'NSA'], ['nsaOnlyK']],
    ['N', [], []],
    ['N', ['MLD'], ['noNeedsForN']],
    ['N', ['NSA'], ['noNeedsForN']],
  ];
  for (const [status, needs, problems] of cases) {
    it(`${status} with [${needs.join(', ')}]: ${problems.length ? problems.join(', ') : 'valid'}`, () => {
      expect(censusNeedProblems(status, needs)).toEqual(problems);
    });
  }

  const pupil = (senStatus: SenStatus, needs: NeedCode[]): PupilFieldsIn => ({
    upn: makeUpn(999, 4001, 19, 1),
    legalFirstName: 'Ada',
    legalLastName: 'Example',
    preferredFirstName: null,
    preferredLastName: null,
    dateOfBirth: '2015-01-02',
    yearGroup: 'X',
    className: null,
    dateJoined: '2020-09-01',
    dateLeft: null,
    homeSchoolName: null,
    homeSchoolUrn: null,
    senStatus,
    senStatusFrom: null,
    needs,
    contacts: [],
  });

  it('the contract (form and dispatcher) refuses each with a message on the needs field', () => {
    const refused = (status: SenStatus, needs: NeedCode[]) => {
      const r = pupilCreateInput.safeParse(pupil(status, needs));
      return r.success ? null : r.error.issues.map((i) => [i.path.join('.'), i.message]);
    };
    expect(refused('E', [])).toEqual([['needs', expect.stringMatching(/needs a primary need/)]]);
    expect(refused('K', [])).toEqual([['needs', expect.stringMatching(/needs a primary need/)]]);
    expect(refused('N', ['MLD'])).toEqual([['needs', expect.stringMatching(/no SEN \(N\) has no type of need/)]]);
    expect(refused('E', ['NSA'])).toEqual([['needs', expect.stringMatching(/only for pupils on SEN support \(K\)/)]]);
    expect(refused('K', ['NSA', 'ASD'])).toEqual([['needs', expect.stringMatching(/stands alone/)]]);
    expect(refused('K', ['NSA'])).toBeNull();
    expect(refused('N', [])).toBeNull();
    // Year group X (not following National Curriculum year groups) is a valid year group.
    expect(refused('E', ['PMLD'])).toBeNull();
  });
});

describe('year group from the date of birth (school year from 1 September)', () => {
  it('starts the school year on 1 September', () => {
    expect(schoolYearStart('2026-08-31')).toBe('2025-09-01');
    expect(schoolYearStart('2026-09-01')).toBe('2026-09-01');
    expect(schoolYearStart('2027-02-15')).toBe('2026-09-01');
  });

  it('puts a child who is 4 on 31 August in Reception, 5 in Year 1, and so on', () => {
    // In 2026/27: born 1 September 2021 to 31 August 2022 is Reception (4 on 31 August 2026).
    expect(expectedYearGroup('2021-09-01', '2026-12-06')).toBe('R');
    expect(expectedYearGroup('2022-08-31', '2026-12-06')).toBe('R');
    expect(expectedYearGroup('2021-08-31', '2026-12-06')).toBe('1');
    expect(expectedYearGroup('2022-09-01', '2026-12-06')).toBe('N2');
    expect(expectedYearGroup('2023-09-01', '2026-12-06')).toBe('N1');
    expect(expectedYearGroup('2024-09-01', '2026-12-06')).toBe('younger');
    expect(expectedYearGroup('2015-01-02', '2026-12-06')).toBe('7');
    expect(expectedYearGroup('2014-09-01', '2026-12-06')).toBe('7');
    expect(expectedYearGroup('2008-09-01', '2026-12-06')).toBe('13');
    expect(expectedYearGroup('2007-09-01', '2026-12-06')).toBe('14');
    expect(expectedYearGroup('2006-09-01', '2026-12-06')).toBe('older');
    // The same child moves up on 1 September, not on their birthday or 1 January.
    expect(expectedYearGroup('2015-01-02', '2027-08-31')).toBe('7');
    expect(expectedYearGroup('2015-01-02', '2027-09-01')).toBe('8');
  });

  it('every year group from N1 to Year 14 fits a child of the right age, and nothing else warns for them', () => {
    const numbered = YEAR_GROUPS.filter((y) => y !== 'X');
    numbered.forEach((y, i) => {
      // N1 is index 0: two on 31 August 2026, so born in the year from 1 September 2023 (2026 - 2 - 1).
      const dob = `${2026 - (i + 2) - 1}-10-15`;
      expect(yearGroupMismatch(y, dob, '2026-12-06')).toBeNull();
      for (const other of numbered.filter((o) => o !== y)) {
        expect(yearGroupMismatch(other, dob, '2026-12-06')).toMatchObject({ yearGroup: other, expected: y, schoolYear: '2026/27' });
      }
    });
  });

  it('X never warns, whatever the date of birth', () => {
    for (const dob of ['2024-01-01', '2015-01-02', '2000-01-01']) expect(yearGroupMismatch('X', dob, '2026-12-06')).toBeNull();
    expect(yearGroupWarning('X', '2000-01-01', '2026-12-06')).toBeNull();
  });

  it('says what fits, in words', () => {
    expect(yearGroupWarning('6', '2015-01-02', '2026-12-06')).toBe(
      'Born on 2 January 2015, a pupil would normally be in Year 7 in 2026/27, not Year 6. Keep it if they are taught out of their year group; choose X if they do not follow National Curriculum year groups.',
    );
    expect(yearGroupWarning('R', '2025-01-02', '2026-12-06')).toMatch(/too young for Reception or any year group in 2026\/27/);
    expect(yearGroupWarning('14', '2000-01-02', '2026-12-06')).toMatch(/past Year 14 in 2026\/27, not in Year 14/);
    expect(yearGroupWarning('7', '2015-01-02', '2026-12-06')).toBeNull();
  });

  it('judges a former pupil on the day they left', () => {
    expect(yearGroupReferenceDate(null, '2026-12-06')).toBe('2026-12-06');
    expect(yearGroupReferenceDate('2025-07-18', '2026-12-06')).toBe('2025-07-18');
    expect(yearGroupReferenceDate('2027-07-18', '2026-12-06')).toBe('2026-12-06');
    // Left from Year 5 in July 2025: no warning now that they would be in Year 7.
    expect(yearGroupMismatch('5', '2015-01-02', yearGroupReferenceDate('2025-07-18', '2026-12-06'))).toBeNull();
  });

  it('reads year groups as MIS exports and people write them, X included', () => {
    expect(['Year 7', 'Y07', '7', 'yr 7', '07'].map(parseYearGroup)).toEqual(['7', '7', '7', '7', '7']);
    expect(['Reception', 'R', 'Nursery', 'N1', 'x', 'X', 'Year X'].map(parseYearGroup)).toEqual(['R', 'R', 'N2', 'N1', 'X', 'X', 'X']);
    expect(['P7', '15', '', 'Year'].map(parseYearGroup)).toEqual([null, null, null, null]);
  });
});
