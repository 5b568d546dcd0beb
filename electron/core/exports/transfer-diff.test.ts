/**
 * The field-level diff transfer in shows (issue 14, item 7): contacts matched by name, so a changed telephone number
 * is one changed field; a renamed contact is one removed and one added; reordering alone is said; a new pupil lists
 * every field; the same record lists nothing (and so nothing is written).
 */
import { describe, expect, it } from 'vitest';
import type { Contact } from '../../../shared/contract';
import { contactsDiff, pupilDiff, type TransferPupil } from './transfer-diff';

const JO: Contact = {
  name: 'Jo Testington',
  relationship: 'mother',
  phone: '01632 960001',
  email: 'jo@example.org',
  parentalResponsibility: true,
};
const SAM: Contact = { name: 'Sam Testington', relationship: 'father', phone: null, email: null, parentalResponsibility: true };
const PUPIL: TransferPupil = {
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
  needs: ['SLCN', 'SEMH'],
  contacts: [JO, SAM],
};

describe('transfer diff', () => {
  it('lists nothing for the same record', () => {
    expect(pupilDiff(PUPIL, structuredClone(PUPIL) as TransferPupil)).toEqual([]);
  });

  it('lists each changed contact field with the old and new values, the contact named', () => {
    const next = {
      ...PUPIL,
      contacts: [
        { ...JO, phone: '07700 900666', email: 'not-jo@example.net' },
        { ...SAM, phone: '07700 900777' },
      ],
    };
    expect(pupilDiff(PUPIL, next)).toEqual([
      { section: 'contacts', field: 'phone', item: 'Jo Testington', change: 'changed', before: '01632 960001', after: '07700 900666' },
      {
        section: 'contacts',
        field: 'email',
        item: 'Jo Testington',
        change: 'changed',
        before: 'jo@example.org',
        after: 'not-jo@example.net',
      },
      { section: 'contacts', field: 'phone', item: 'Sam Testington', change: 'added', before: null, after: '07700 900777' },
    ]);
  });

  it('matches contacts by name whatever the case and spacing, and says when only their order changes', () => {
    expect(contactsDiff([JO, SAM], [{ ...SAM, name: ' sam  TESTINGTON ' }, JO])).toEqual([
      {
        section: 'contacts',
        field: 'name',
        item: ' sam  TESTINGTON ',
        change: 'changed',
        before: 'Sam Testington',
        after: ' sam  TESTINGTON ',
      },
    ]);
    expect(contactsDiff([JO, SAM], [SAM, JO])).toEqual([
      {
        section: 'contacts',
        field: 'order',
        item: null,
        change: 'changed',
        before: ['Jo Testington', 'Sam Testington'],
        after: ['Sam Testington', 'Jo Testington'],
      },
    ]);
  });

  it('lists a contact no longer in the package as removed and a new one as added, field by field', () => {
    const stranger: Contact = {
      name: 'Alex Stranger',
      relationship: 'carer',
      phone: '07700 900123',
      email: null,
      parentalResponsibility: false,
    };
    expect(contactsDiff([JO], [stranger])).toEqual([
      { section: 'contacts', field: 'name', item: 'Jo Testington', change: 'removed', before: 'Jo Testington', after: null },
      { section: 'contacts', field: 'relationship', item: 'Jo Testington', change: 'removed', before: 'mother', after: null },
      { section: 'contacts', field: 'phone', item: 'Jo Testington', change: 'removed', before: '01632 960001', after: null },
      { section: 'contacts', field: 'email', item: 'Jo Testington', change: 'removed', before: 'jo@example.org', after: null },
      { section: 'contacts', field: 'parentalResponsibility', item: 'Jo Testington', change: 'removed', before: true, after: null },
      { section: 'contacts', field: 'name', item: 'Alex Stranger', change: 'added', before: null, after: 'Alex Stranger' },
      { section: 'contacts', field: 'relationship', item: 'Alex Stranger', change: 'added', before: null, after: 'carer' },
      { section: 'contacts', field: 'phone', item: 'Alex Stranger', change: 'added', before: null, after: '07700 900123' },
      { section: 'contacts', field: 'parentalResponsibility', item: 'Alex Stranger', change: 'added', before: null, after: false },
    ]);
  });

  it('lists details and needs in order: a cleared field is removed, a set one added, a changed list changed', () => {
    const next: TransferPupil = {
      ...PUPIL,
      legalLastName: 'Okafor',
      preferredFirstName: 'Amy',
      className: null,
      yearGroup: '7',
      senStatus: 'E',
      needs: ['ASD'],
    };
    expect(pupilDiff(PUPIL, next).map((d) => [d.section, d.field, d.change, d.before, d.after])).toEqual([
      ['details', 'legalLastName', 'changed', 'Testington', 'Okafor'],
      ['details', 'preferredFirstName', 'added', null, 'Amy'],
      ['details', 'yearGroup', 'changed', '6', '7'],
      ['details', 'className', 'removed', '6B', null],
      ['needs', 'senStatus', 'changed', 'K', 'E'],
      ['needs', 'needs', 'changed', ['SLCN', 'SEMH'], ['ASD']],
    ]);
  });

  it('lists every field a new pupil is given', () => {
    const d = pupilDiff(null, { ...PUPIL, contacts: [JO], needs: [] });
    expect(d.every((x) => x.change === 'added' && x.before === null)).toBe(true);
    expect(d.map((x) => `${x.section}.${x.field}`)).toEqual([
      'details.legalFirstName',
      'details.legalLastName',
      'details.dateOfBirth',
      'details.yearGroup',
      'details.className',
      'details.dateJoined',
      'contacts.name',
      'contacts.relationship',
      'contacts.phone',
      'contacts.email',
      'contacts.parentalResponsibility',
      'needs.senStatus',
    ]);
  });
});
