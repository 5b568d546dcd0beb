/**
 * Issue 17, item 8: a date that must come after another is compared only when both are real dates. Before, a bad date
 * of birth (the form holds 'invalid' while it is not a date) gave "This date must be on or after invalid." beside
 * the date joined; the bad field says what is wrong, and the other stays quiet until it can be compared.
 */
import { describe, expect, it } from 'vitest';
import { pupilCreateInput, requestInput } from './contract';
import { dateIsBefore } from './validation';

const messages = (r: { success: boolean; error?: { issues: readonly { path: PropertyKey[]; message: string }[] } }) =>
  (r.error?.issues ?? []).map((i) => `${i.path.join('.')}: ${i.message}`);

const pupil = {
  upn: 'H801200001001',
  legalFirstName: 'Amara',
  legalLastName: 'Testington',
  preferredFirstName: null,
  preferredLastName: null,
  dateOfBirth: '2015-04-12',
  yearGroup: '6',
  className: '6B',
  dateJoined: '2019-09-04',
  dateLeft: null,
  homeSchoolName: null,
  homeSchoolUrn: null,
  senStatus: 'K',
  needs: ['SLCN'],
  contacts: [],
};

describe('dates that must come after another', () => {
  it('dateIsBefore compares only real dates', () => {
    expect(dateIsBefore('2026-03-13', '2026-03-14')).toBe(true);
    expect(dateIsBefore('2026-03-14', '2026-03-14')).toBe(false);
    expect(dateIsBefore('2026-03-14', 'invalid')).toBe(false);
    expect(dateIsBefore('invalid', '2026-03-14')).toBe(false);
    expect(dateIsBefore(null, '2026-03-14')).toBe(false);
    expect(dateIsBefore('2026-02-30', '2026-03-14')).toBe(false);
  });

  it('a bad date of birth is said beside itself, and the date joined never says "on or after invalid"', () => {
    const parsed = pupilCreateInput.safeParse({ ...pupil, dateOfBirth: 'invalid' });
    expect(parsed.success).toBe(false);
    const out = messages(parsed);
    expect(out.some((m) => m.startsWith('dateOfBirth: '))).toBe(true);
    expect(out.join('\n')).not.toMatch(/invalid|on or after/);
  });

  it('still says so when both dates are real and out of order, naming the date in words', () => {
    const out = messages(pupilCreateInput.safeParse({ ...pupil, dateJoined: '2014-01-01' }));
    expect(out).toContain('dateJoined: This date must be on or after 12 April 2015.');
  });

  it('the same in an EHC needs assessment request: a bad request date gives no "on or after" message elsewhere', () => {
    const request = {
      id: null,
      pupilId: '00000000-0000-4000-8000-000000000001',
      localAuthority: 'Exampleshire',
      ownerId: null,
      requestDate: 'invalid',
      decisionDate: '2026-03-14',
      decision: 'assess',
      finalPlanDate: null,
      withdrawnDate: null,
    };
    const out = messages(requestInput.safeParse(request));
    expect(out.some((m) => m.startsWith('requestDate: '))).toBe(true);
    expect(out.join('\n')).not.toMatch(/invalid|on or after/);
  });
});
