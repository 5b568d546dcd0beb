import { describe, expect, it } from 'vitest';
import { chooseDataDir, DEFAULT_SETTINGS, inMemorySettings, parseDataDir, parseSchoolServer, parseWindowBounds } from './settings';

describe('settings', () => {
  it('returns the defaults when nothing is stored', () => {
    const s = inMemorySettings();
    expect(s.get('windowBounds')).toBeNull();
    expect(s.get('locale')).toBe('en-GB');
    expect(s.get('dataDir')).toBeNull();
    expect(s.get('backup')).toEqual({ keepDays: 14 });
    expect(s.get('schoolServer')).toBeNull();
    expect(DEFAULT_SETTINGS).toEqual({ windowBounds: null, locale: 'en-GB', dataDir: null, backup: { keepDays: 14 }, schoolServer: null });
  });

  it('keeps a school server only as an https origin and a 64-digit fingerprint; anything else reads as none', () => {
    const hex = 'AB'.repeat(32);
    expect(
      parseSchoolServer({ address: 'https://senco.school.local:8443/', fingerprint: (hex.match(/../g) ?? []).join(':').toLowerCase() }),
    ).toEqual({
      address: 'https://senco.school.local:8443',
      fingerprint: hex,
    });
    for (const bad of [
      null,
      'https://x',
      [],
      { address: 'http://senco.school.local', fingerprint: hex },
      { address: 'https://senco.school.local', fingerprint: 'AB' },
      { address: 'https://u:p@senco.school.local', fingerprint: hex },
      { address: 'https://senco.school.local' },
    ]) {
      expect(parseSchoolServer(bad), JSON.stringify(bad)).toBeNull();
    }
    const s = inMemorySettings({ schoolServer: { address: 'https://senco.school.local', fingerprint: 'not one' } });
    expect(s.get('schoolServer')).toBeNull();
    s.set('schoolServer', { address: 'https://senco.school.local', fingerprint: hex });
    expect(s.get('schoolServer')).toEqual({ address: 'https://senco.school.local', fingerprint: hex });
  });

  it('round-trips valid values', () => {
    const s = inMemorySettings();
    s.set('windowBounds', { x: -1200, y: 0, width: 1200, height: 800, maximised: true });
    s.set('dataDir', '/srv/senco');
    expect(s.get('windowBounds')).toEqual({ x: -1200, y: 0, width: 1200, height: 800, maximised: true });
    expect(s.get('dataDir')).toBe('/srv/senco');
  });

  it('replaces hand-edited or corrupt values with the defaults instead of failing', () => {
    const s = inMemorySettings({
      windowBounds: { width: 'wide', height: 800 },
      locale: 'xx-EVIL',
      dataDir: 'relative/folder',
    });
    expect(s.get('windowBounds')).toBeNull();
    expect(s.get('locale')).toBe('en-GB');
    expect(s.get('dataDir')).toBeNull();
  });

  it('keeps backup.keepDays between 1 and 365 whole days, else the default', () => {
    const s = inMemorySettings();
    s.set('backup', { keepDays: 30 });
    expect(s.get('backup')).toEqual({ keepDays: 30 });
    for (const bad of [0, -1, 366, 7.5, '14', null]) {
      expect(inMemorySettings({ backup: { keepDays: bad } }).get('backup')).toEqual({ keepDays: 14 });
    }
    expect(inMemorySettings({ backup: 'daily' }).get('backup')).toEqual({ keepDays: 14 });
    expect(inMemorySettings({ backup: { keepDays: 1 } }).get('backup')).toEqual({ keepDays: 1 });
    expect(inMemorySettings({ backup: { keepDays: 365 } }).get('backup')).toEqual({ keepDays: 365 });
  });

  it('checks values on the way in too', () => {
    const s = inMemorySettings();
    s.set('dataDir', 'not/absolute' as string);
    expect(s.raw.get('dataDir')).toBeNull();
  });

  it('parses window bounds strictly', () => {
    expect(parseWindowBounds({ width: 1000, height: 700 })).toEqual({ width: 1000, height: 700, maximised: false });
    expect(parseWindowBounds({ x: 1.5, y: 0, width: 1000, height: 700 })).toEqual({ width: 1000, height: 700, maximised: false });
    expect(parseWindowBounds({ width: 1e9, height: 700 })).toBeNull();
    expect(parseWindowBounds({ width: 50, height: 700 })).toBeNull();
    expect(parseWindowBounds([1000, 700])).toBeNull();
    expect(parseWindowBounds('1000x700')).toBeNull();
  });

  it('refuses data folders that are relative or carry NUL', () => {
    expect(parseDataDir('/home/senco/data')).toBe('/home/senco/data');
    expect(parseDataDir('data')).toBeNull();
    expect(parseDataDir('/tmp/a\0b')).toBeNull();
    expect(parseDataDir('')).toBeNull();
    expect(parseDataDir(42)).toBeNull();
  });
});

describe('chooseDataDir', () => {
  it('prefers SENCO_DATA_DIR, then the chosen folder, then userData', () => {
    const s = inMemorySettings();
    expect(chooseDataDir({}, s, '/home/u/.config/SENCo Desk')).toBe('/home/u/.config/SENCo Desk');
    s.set('dataDir', '/srv/senco');
    expect(chooseDataDir({}, s, '/home/u/.config/SENCo Desk')).toBe('/srv/senco');
    expect(chooseDataDir({ SENCO_DATA_DIR: '/tmp/test-data' }, s, '/x')).toBe('/tmp/test-data');
    // A relative SENCO_DATA_DIR is ignored rather than resolved against an unknown working directory.
    expect(chooseDataDir({ SENCO_DATA_DIR: 'rel' }, s, '/x')).toBe('/srv/senco');
  });
});
