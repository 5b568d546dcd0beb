import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ok } from '../../shared/result';
import {
  MAX_POLICY_BYTES,
  POLICY_FILE_ENV,
  decodePolicyBytes,
  parsePolicy,
  policyForPage,
  policyGuard,
  policyPath,
  readPolicy,
} from './policy';
import { chooseDataDir, inMemorySettings } from './settings';

const FILE = '/etc/senco-desk/policy.json';
const dir = mkdtempSync(join(tmpdir(), 'senco-policy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('policyPath', () => {
  it('is in the machine-wide place on each platform', () => {
    expect(policyPath('win32', { ProgramData: 'C:\\ProgramData' })).toBe('C:\\ProgramData\\SENCo Desk\\policy.json');
    expect(policyPath('win32', { PROGRAMDATA: 'D:\\PD' })).toBe('D:\\PD\\SENCo Desk\\policy.json');
    expect(policyPath('win32', {})).toBe('C:\\ProgramData\\SENCo Desk\\policy.json');
    expect(policyPath('darwin', {})).toBe('/Library/Application Support/SENCo Desk/policy.json');
    expect(policyPath('linux', {})).toBe('/etc/senco-desk/policy.json');
  });

  it('can be pointed elsewhere with an absolute path in SENCO_POLICY_FILE, never a relative one', () => {
    expect(policyPath('linux', { [POLICY_FILE_ENV]: '/tmp/p.json' })).toBe('/tmp/p.json');
    expect(policyPath('linux', { [POLICY_FILE_ENV]: 'p.json' })).toBe('/etc/senco-desk/policy.json');
  });
});

describe('parsePolicy: each key', () => {
  it('dataFolder: an absolute path is used; a relative one is reported and ignored', () => {
    expect(parsePolicy(JSON.stringify({ dataFolder: '/srv/senco' }), FILE)).toEqual({ dataFolder: '/srv/senco' });
    const bad = parsePolicy(JSON.stringify({ dataFolder: 'senco data' }), FILE);
    expect(bad.dataFolder).toBeUndefined();
    expect(bad.problems).toEqual([
      `In the policy file ${FILE}, "dataFolder" must be the full path of a folder, such as D:\\SENCo Desk data; it was ignored.`,
    ]);
  });

  it('lockAfterMinutes: a whole number from 1 to 60; anything else is reported and ignored', () => {
    expect(parsePolicy('{"lockAfterMinutes": 5}', FILE)).toEqual({ lockAfterMinutes: 5 });
    for (const v of ['0', '61', '2.5', '"5"', 'null']) {
      const p = parsePolicy(`{"lockAfterMinutes": ${v}}`, FILE);
      expect(p.lockAfterMinutes, v).toBeUndefined();
      expect(p.problems?.[0], v).toMatch(/"lockAfterMinutes" must be a whole number of minutes from 1 to 60/);
    }
  });

  it('disableUpdates: true or false only', () => {
    expect(parsePolicy('{"disableUpdates": true}', FILE)).toEqual({ disableUpdates: true });
    expect(parsePolicy('{"disableUpdates": false}', FILE)).toEqual({ disableUpdates: false });
    const bad = parsePolicy('{"disableUpdates": "yes"}', FILE);
    expect(bad.disableUpdates).toBeUndefined();
    expect(bad.problems?.[0]).toMatch(/"disableUpdates" must be true or false/);
  });

  it('schoolServer: an https address without credentials', () => {
    expect(parsePolicy('{"schoolServer": "https://senco.school.example:8443/"}', FILE)).toEqual({
      schoolServer: 'https://senco.school.example:8443/',
    });
    // Only the origin: the desk connects to exactly that (a path or query would be silently dropped otherwise).
    for (const v of [
      'http://senco.school.example',
      'https://admin:secret@senco.school.example',
      'senco.school.example',
      '42',
      'https://senco.school.example/senco',
      'https://senco.school.example/?a=1',
    ]) {
      const p = parsePolicy(JSON.stringify({ schoolServer: v === '42' ? 42 : v }), FILE);
      expect(p.schoolServer, v).toBeUndefined();
      expect(p.problems?.[0], v).toMatch(/"schoolServer" must be an https:\/\/ address/);
    }
  });

  it('schoolServerFingerprint: the 64 hex digits of a SHA-256 fingerprint, as IT copies them, kept in the AB:CD:… form', () => {
    const hex = '0123456789ABCDEF'.repeat(4);
    const pretty = (hex.match(/../g) ?? []).join(':');
    for (const v of [pretty, pretty.toLowerCase(), hex, `sha256/${hex}`, ` ${pretty.replace(/:/g, ' ')} `]) {
      expect(parsePolicy(JSON.stringify({ schoolServerFingerprint: v }), FILE), v).toEqual({ schoolServerFingerprint: pretty });
    }
    for (const v of ['AB:CD', `${hex}00`, 'Z'.repeat(64), 42, null]) {
      const p = parsePolicy(JSON.stringify({ schoolServerFingerprint: v }), FILE);
      expect(p.schoolServerFingerprint, String(v)).toBeUndefined();
      expect(p.problems, String(v)).toEqual([
        `In the policy file ${FILE}, "schoolServerFingerprint" must be the SHA-256 fingerprint of the school server’s certificate: 64 letters and digits (0–9, A–F), as the server printed it, colons allowed; it was ignored.`,
      ]);
    }
  });

  it('keeps the good keys when others are bad, and reports an unknown key by name', () => {
    const p = parsePolicy(
      JSON.stringify({ dataFolder: '/srv/senco', lockAfterMinutes: 'ten', disableUpdate: true, disableUpdates: true }),
      FILE,
    );
    expect(p).toMatchObject({ dataFolder: '/srv/senco', disableUpdates: true });
    expect(p.lockAfterMinutes).toBeUndefined();
    expect(p.problems).toHaveLength(2);
    expect(p.problems?.[1]).toBe(
      `The policy file ${FILE} has a setting SENCo Desk does not know, "disableUpdate", which was ignored. The settings it can hold are: dataFolder, lockAfterMinutes, disableUpdates, schoolServer, schoolServerFingerprint.`,
    );
  });
});

describe('parsePolicy: a malformed file', () => {
  it('that is not JSON is reported and ignored whole', () => {
    expect(parsePolicy('{ "lockAfterMinutes": 5, }', FILE)).toEqual({
      problems: [expect.stringMatching(/^The policy file \/etc\/senco-desk\/policy\.json is not valid JSON, so none of it was used\./)],
    });
    expect(parsePolicy('', FILE).problems?.[0]).toMatch(/not valid JSON/);
  });

  it('that is JSON but not one object is reported and ignored whole', () => {
    for (const text of ['[]', '5', 'null', '"x"'])
      expect(parsePolicy(text, FILE), text).toEqual({ problems: [expect.stringMatching(/must hold one JSON object/)] });
  });

  it('written by Notepad (UTF-8 with a byte order mark) or Windows PowerShell (UTF-16) is read', () => {
    const json = '{"lockAfterMinutes": 3}';
    expect(parsePolicy(decodePolicyBytes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(json)])), FILE)).toEqual({
      lockAfterMinutes: 3,
    });
    expect(parsePolicy(decodePolicyBytes(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(json, 'utf16le')])), FILE)).toEqual({
      lockAfterMinutes: 3,
    });
    const be = Buffer.from(json, 'utf16le').swap16();
    expect(parsePolicy(decodePolicyBytes(Buffer.concat([Buffer.from([0xfe, 0xff]), be])), FILE)).toEqual({ lockAfterMinutes: 3 });
  });
});

describe('readPolicy', () => {
  it('reads the file SENCO_POLICY_FILE names', () => {
    const file = join(dir, 'policy.json');
    writeFileSync(
      file,
      JSON.stringify(
        { dataFolder: dir, lockAfterMinutes: 10, disableUpdates: true, schoolServer: 'https://senco.school.example' },
        null,
        2,
      ),
    );
    expect(readPolicy(policyPath('linux', { [POLICY_FILE_ENV]: file }))).toEqual({
      dataFolder: dir,
      lockAfterMinutes: 10,
      disableUpdates: true,
      schoolServer: 'https://senco.school.example',
    });
  });

  it('gives no policy and no problem when there is no file (most computers)', () => {
    expect(readPolicy(join(dir, 'missing', 'policy.json'))).toEqual({});
  });

  it('reports a file it cannot read, or one far too large to be a policy, without throwing', () => {
    const throwing = readPolicy(FILE, {
      readFile: () => {
        throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
      },
    });
    expect(throwing).toEqual({
      problems: [
        `The policy file ${FILE} could not be read (EACCES), so none of it was used. Check that every user of this computer can read it.`,
      ],
    });
    const big = join(dir, 'big.json');
    writeFileSync(big, `{"schoolServer": "https://x.example/${'a'.repeat(MAX_POLICY_BYTES)}"}`);
    expect(readPolicy(big).problems?.[0]).toMatch(/larger than 64 KB/);
  });
});

describe('policy over the user settings', () => {
  it("IT's data folder wins over the one chosen in settings (SENCO_DATA_DIR still wins, for tests and IT's own checks)", () => {
    const settings = inMemorySettings({ dataDir: '/home/me/senco' });
    expect(chooseDataDir({}, settings, '/default', {})).toBe('/home/me/senco');
    expect(chooseDataDir({}, settings, '/default', { dataFolder: '/srv/senco' })).toBe('/srv/senco');
    expect(chooseDataDir({ SENCO_DATA_DIR: '/tmp/test' }, settings, '/default', { dataFolder: '/srv/senco' })).toBe('/tmp/test');
  });

  it('refuses a school lock time longer than IT allows, in the main process, and passes everything else on', async () => {
    const seen: unknown[] = [];
    const core = { invoke: (e: unknown) => (seen.push(e), Promise.resolve(ok('passed'))) };
    const guarded = policyGuard(core, { lockAfterMinutes: 10 });
    const refused = await guarded.invoke({ op: 'school.update', input: { name: 'X', autoLockMinutes: 11 }, session: 's' });
    expect(refused).toEqual({
      ok: false,
      error: {
        code: 'invalid_input',
        message: 'Your school’s IT allows at most 10 minutes without use before the screen locks. Enter a number from 1 to 10.',
        fields: {
          autoLockMinutes: 'Your school’s IT allows at most 10 minutes without use before the screen locks. Enter a number from 1 to 10.',
        },
      },
    });
    const setup = await guarded.invoke({ op: 'setup.initialise', input: { school: { autoLockMinutes: 30 }, user: {} } });
    expect(setup.ok ? null : setup.error.fields).toEqual({ 'school.autoLockMinutes': expect.stringMatching(/at most 10 minutes/) });
    expect(seen).toEqual([]);
    expect(await guarded.invoke({ op: 'school.update', input: { autoLockMinutes: 10 } })).toEqual(ok('passed'));
    expect(await guarded.invoke({ op: 'school.update', input: { name: 'X' } })).toEqual(ok('passed'));
    expect(await guarded.invoke({ op: 'pupils.list', input: { autoLockMinutes: 99 } })).toEqual(ok('passed'));
    expect(seen).toHaveLength(3);
    // Without a lock time in the policy, the core is not wrapped at all.
    expect(policyGuard(core, { disableUpdates: true })).toBe(core);
  });

  it('passes only the known keys to the page', () => {
    expect(policyForPage({ lockAfterMinutes: 5, problems: ['p'], ...({ extra: 1 } as object) })).toEqual({
      lockAfterMinutes: 5,
      problems: ['p'],
    });
    const fp = ('AB'.repeat(32).match(/../g) ?? []).join(':');
    expect(policyForPage({ schoolServer: 'https://s.example', schoolServerFingerprint: fp })).toEqual({
      schoolServer: 'https://s.example',
      schoolServerFingerprint: fp,
    });
  });
});
