import { describe, expect, it } from 'vitest';
import { makeUpn } from '../../../shared/upn';
import { academicYearChoices, academicYearOf } from './academic-year';
import { isPrivacyShortcut } from './keys';
import { moveItem } from './lists';
import { hasPath, splitServerErrors } from './server-errors';
import { liveUpnMessage } from './upn-live';

describe('liveUpnMessage', () => {
  it('names the expected check letter once 13 characters are typed', () => {
    expect(liveUpnMessage('A801200001001')).toContain('it should be H');
    expect(liveUpnMessage('a801 2000 01001')).toContain('it should be H');
  });
  it('says nothing for a valid UPN, or one not finished yet', () => {
    expect(liveUpnMessage('H801200001001')).toBeNull();
    expect(liveUpnMessage(makeUpn(801, 2000, 12, 7))).toBeNull();
    expect(liveUpnMessage('A8012000')).toBeNull();
    expect(liveUpnMessage('')).toBeNull();
    expect(liveUpnMessage(null)).toBeNull();
  });
});

describe('moveItem', () => {
  it('moves and clamps', () => {
    expect(moveItem(['a', 'b', 'c'], 2, 0)).toEqual(['c', 'a', 'b']);
    expect(moveItem(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(moveItem(['a', 'b'], 1, 5)).toEqual(['a', 'b']);
    expect(moveItem(['a', 'b'], 7, 0)).toEqual(['a', 'b']);
  });
});

describe('server errors', () => {
  it('puts messages for known fields beside them and the rest in the summary', () => {
    const values = { upn: 'x', contacts: [{ email: null }] };
    const r = splitServerErrors(
      {
        code: 'invalid_input',
        message: 'm',
        fields: { upn: 'taken', 'contacts.0.email': 'bad', 'contacts.3.email': 'gone', _: 'general' },
      },
      (p) => hasPath(values, p),
    );
    expect(r.fields).toEqual([
      ['upn', 'taken'],
      ['contacts.0.email', 'bad'],
    ]);
    expect(r.other).toEqual(['contacts.3.email: gone', 'general']);
  });
});

describe('academic year', () => {
  it('runs September to August', () => {
    expect(academicYearOf('2026-03-14')).toBe('2025/26');
    expect(academicYearOf('2026-09-01')).toBe('2026/27');
    expect(academicYearOf('2099-12-31')).toBe('2099/00');
    expect(academicYearChoices('2026-03-14')).toEqual(['2024/25', '2025/26', '2026/27', '2027/28']);
  });
});

describe('privacy shortcut', () => {
  const base = { key: 'H', code: 'KeyH', ctrlKey: true, metaKey: false, shiftKey: true, altKey: false };
  it('is Ctrl+Shift+H (or Cmd+Shift+H)', () => {
    expect(isPrivacyShortcut(base)).toBe(true);
    expect(isPrivacyShortcut({ ...base, ctrlKey: false, metaKey: true })).toBe(true);
    expect(isPrivacyShortcut({ ...base, shiftKey: false })).toBe(false);
    expect(isPrivacyShortcut({ ...base, altKey: true })).toBe(false);
    expect(isPrivacyShortcut({ ...base, key: 'J', code: 'KeyJ' })).toBe(false);
  });
});
