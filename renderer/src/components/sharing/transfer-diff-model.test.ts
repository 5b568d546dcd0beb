import { describe, expect, it } from 'vitest';
import type { TransferFieldChange, TransferSender } from '../../../../shared/contract';
import { diffGroups, keyMismatchText, valueText } from './transfer-diff-model';

const change = (c: Partial<TransferFieldChange>): TransferFieldChange => ({
  section: 'details',
  field: 'legalFirstName',
  item: null,
  change: 'changed',
  before: null,
  after: null,
  ...c,
});

describe('transfer diff in words', () => {
  it('says each value as a person reads it', () => {
    expect(valueText('dateOfBirth', '2016-09-03')).toBe('3 September 2016');
    expect(valueText('yearGroup', '5')).toBe('Year 5');
    expect(valueText('yearGroup', 'R')).toBe('Reception');
    expect(valueText('senStatus', 'K')).toBe('K: SEN support');
    expect(valueText('needs', ['SLCN', 'SEMH'])).toBe('Speech, language and communication needs, Social, emotional and mental health');
    expect(valueText('needs', [])).toBeNull();
    expect(valueText('relationship', 'mother')).toBe('Mother');
    expect(valueText('parentalResponsibility', true)).toBe('Yes');
    expect(valueText('parentalResponsibility', false)).toBe('No');
    expect(valueText('phone', '07700 900666')).toBe('07700 900666');
    expect(valueText('phone', null)).toBeNull();
    expect(valueText('assessment', ['2026-10-20', 'speech_language', 'initial', 'Tess Therapist'])).toBe(
      '20 October 2026: Speech and language therapy, initial assessment by Tess Therapist',
    );
  });

  it('groups the changes by section in the record’s order, naming the contact', () => {
    const groups = diffGroups([
      change({ section: 'needs', field: 'senStatus', before: 'K', after: 'E' }),
      change({ section: 'contacts', field: 'phone', item: 'Jo Testington', before: '01632 960001', after: '07700 900666' }),
      change({ section: 'details', field: 'legalLastName', before: 'Testington', after: 'Okafor' }),
    ]);
    expect(groups.map((g) => g.title)).toEqual(['Pupil details', 'Contacts', 'SEN status and needs']);
    expect(groups[1]!.rows).toEqual([
      { key: 'contacts-0', field: 'Contact Jo Testington: telephone', change: 'changed', before: '01632 960001', after: '07700 900666' },
    ]);
    expect(groups[0]!.rows[0]).toMatchObject({ field: 'Legal last name', before: 'Testington', after: 'Okafor' });
  });

  it('warns of a package naming this school, or a trusted one, without its key', () => {
    const sender: TransferSender = {
      status: 'unknown',
      school: 'Oakfield',
      urn: '100001',
      publicKey: null,
      fingerprint: null,
      trusted: null,
      keyMismatch: true,
    };
    expect(keyMismatchText(sender, '100001')).toMatch(/^It names this school \(URN 100001\)/);
    expect(keyMismatchText(sender, '999999')).toMatch(/^It names URN 100001, a sender you trust/);
    expect(keyMismatchText({ ...sender, keyMismatch: false }, '100001')).toBeNull();
  });
});
