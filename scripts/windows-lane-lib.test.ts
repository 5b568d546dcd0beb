import { describe, expect, it } from 'vitest';
import {
  bundleRequires,
  isPlainSqlite,
  linuxPath,
  packageOf,
  plaintextNeedles,
  runtimeDependencies,
  scanBytes,
  seconds,
  windowsPath,
} from './windows-lane-lib';

describe("the Windows lane's runtime packages", () => {
  const bundle = [
    'var import_commander = require("commander");',
    "var sync = require('csv-parse/sync');",
    'var en = require("date-fns/locale/en-GB");',
    'var age = require("@scope/pkg/sub");',
    'var fs = require("node:fs"), path = require("path"), own = require("./local"), abs = require("/x");',
    'const dyn = require(name);',
  ].join('\n');

  it('names each package the bundle requires once, without built-ins, relative files or computed names', () => {
    expect(bundleRequires(bundle)).toEqual(['@scope/pkg', 'commander', 'csv-parse', 'date-fns']);
    expect(packageOf('fs')).toBeNull();
    expect(packageOf('node:fs')).toBeNull();
    expect(packageOf('@journeyapps/sqlcipher')).toBe('@journeyapps/sqlcipher');
  });

  it("takes the project's versions, optional ones as optional, and packages loaded by name only where listed", () => {
    const deps = runtimeDependencies(
      bundle,
      {
        dependencies: { commander: '15.1.0', 'csv-parse': '7.0.3', 'date-fns': '4.4.0', react: '19.3.1', sqlite3: '6.0.1' },
        optionalDependencies: { '@scope/pkg': '1.0.0' },
      },
      ['sqlite3', 'libsql'],
    );
    expect(deps).toEqual({
      dependencies: { commander: '15.1.0', 'csv-parse': '7.0.3', 'date-fns': '4.4.0', sqlite3: '6.0.1' },
      optionalDependencies: { '@scope/pkg': '1.0.0' },
    });
  });

  it('refuses a bundle that requires a package the project does not depend on, naming it', () => {
    expect(() => runtimeDependencies('require("left-pad")', { dependencies: {} })).toThrow(
      /requires left-pad, which package\.json does not list/,
    );
  });
});

describe("paths inside Wine's C: drive", () => {
  const driveC = '/root/.cache/senco-desk/windows-node/prefix/drive_c';

  it('turns a Linux path under drive_c into C:\\ and back, spaces and accents kept', () => {
    const p = `${driveC}/SENCo lane/Écoles test/données SEN`;
    expect(windowsPath(p, driveC)).toBe('C:\\SENCo lane\\Écoles test\\données SEN');
    expect(linuxPath('C:\\SENCo lane\\Écoles test\\données SEN\\backups\\b.sqlite', driveC)).toBe(`${p}/backups/b.sqlite`);
    expect(windowsPath(driveC + '/', driveC + '/')).toBe('C:\\');
  });

  it('answers null outside the drive', () => {
    expect(windowsPath('/tmp/x', driveC)).toBeNull();
    expect(windowsPath(`${driveC}-other/x`, driveC)).toBeNull();
    expect(linuxPath('D:\\x', driveC)).toBeNull();
    expect(linuxPath('\\\\server\\share', driveC)).toBeNull();
  });
});

describe('the plaintext scan', () => {
  const rows = [
    { upn: 'K999410118008', name: 'Erin Ali', legalName: 'Erin Ali' },
    { upn: 'Z999410117010', name: 'Sophia Smith', legalName: 'Sophia Smith-Jones' },
  ];

  it('looks for each UPN, full name and name word of five letters or more (shorter ones match ciphertext by chance)', () => {
    expect(plaintextNeedles(rows)).toEqual([
      'Erin Ali',
      'K999410118008',
      'Smith',
      'Smith-Jones',
      'Sophia',
      'Sophia Smith',
      'Sophia Smith-Jones',
      'Z999410117010',
    ]);
    expect(plaintextNeedles([{ upn: 'A1', name: 'Zoë Łukasz' }], 4)).toEqual(['Zoë Łukasz', 'Łukasz']);
  });

  it('finds a name stored as UTF-8 or as UTF-16LE, and where', () => {
    const needles = plaintextNeedles(rows);
    const utf8 = Buffer.concat([Buffer.alloc(100, 0x17), Buffer.from('…Sophia…', 'utf8')]);
    expect(scanBytes('a.sqlite', utf8, needles)).toEqual([{ file: 'a.sqlite', needle: 'Sophia', encoding: 'utf8', offset: 103 }]);
    const utf16 = Buffer.concat([Buffer.from([1, 2, 3]), Buffer.from('K999410118008', 'utf16le')]);
    expect(scanBytes('b.sqlite', utf16, needles)).toEqual([{ file: 'b.sqlite', needle: 'K999410118008', encoding: 'utf16le', offset: 3 }]);
  });

  it('finds nothing in bytes that hold no name', () => {
    const noise = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 151 + 7) % 256));
    expect(scanBytes('c.sqlite', noise, plaintextNeedles(rows))).toEqual([]);
    expect(scanBytes('d.json', Buffer.from('{"recoveryKey":"J7P2-8V7X","users":[]}'), plaintextNeedles(rows))).toEqual([]);
  });

  it('tells a plain SQLite file from an encrypted one by its first 16 bytes', () => {
    expect(isPlainSqlite(Buffer.from('SQLite format 3\0\x10\x00rest', 'latin1'))).toBe(true);
    expect(isPlainSqlite(Buffer.from('bf7f67830809b6dd7185e85b95c71227', 'hex'))).toBe(false);
    expect(isPlainSqlite(Buffer.from('SQLite'))).toBe(false);
  });
});

describe('lane timings', () => {
  it('prints seconds, and minutes past one', () => {
    expect(seconds(1234)).toBe('1.2 s');
    expect(seconds(125_000)).toBe('2 min 05 s');
  });
});
