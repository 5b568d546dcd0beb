import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REDACTED, createLogger, formatLine, redact } from './log';

const root = mkdtempSync(join(tmpdir(), 'senco-log-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const freshDir = () => join(root, `logs-${++n}`);

const PASSWORD = 'Corr3ct-Horse!Battery';
const TOKEN = randomBytes(32).toString('base64url');
const UPN = 'A123456789012';
const TEMP_UPN = 'K801200213003A'.slice(0, 12) + 'A'; // a temporary UPN: 12 characters then a letter
const EMAIL = 'amelia.khan@pupils.school.sch.uk';
const FIRST = 'Amelia';
const LAST = 'Khan';
const SECRETS = [PASSWORD, TOKEN, UPN, TEMP_UPN, EMAIL, FIRST, LAST, '14/03/2016', '2016-03-14', '943 476 5919'];

describe('the log file', () => {
  it('never writes a password, a session token, a UPN or a pupil’s name, however they reach it', async () => {
    const dir = freshDir();
    const log = createLogger({ dir });
    log.info('auth.signIn', { password: PASSWORD, session: TOKEN } as never);
    log.error(
      'operation.failed',
      new Error(`sign-in for ${EMAIL} failed: password=${PASSWORD} token: "${TOKEN}" Authorization: Bearer ${TOKEN}`),
    );
    log.error(
      'pupil.save',
      new Error(`could not save pupil ${UPN} (temporary ${TEMP_UPN}) {"firstName":"${FIRST}","lastName":"${LAST}","dob":"14/03/2016"}`),
    );
    log.error('pupil.save', new Error(`Duplicate pupil ${FIRST} ${LAST}, born 2016-03-14, NHS number 943 476 5919`));
    log.error('thrown.object', { firstName: FIRST, lastName: LAST, upn: UPN });
    log.warn('renderer.console', { reason: `${FIRST} ${LAST}'s plan`, pupilName: `${FIRST} ${LAST}` });
    log.error('thrown.string', `session ${TOKEN} for '${FIRST}'`);
    await log.close();
    const text = readFileSync(join(dir, 'main.log'), 'utf8');
    for (const secret of SECRETS) expect(text, secret).not.toContain(secret);
    // What is logged is still useful: the events, the shape of the errors, the non-personal words.
    expect(text).toContain('ERROR operation.failed');
    expect(text).toContain('could not save pupil');
    expect(text).toContain('pupilName=[redacted]');
    expect(text).toContain(`password=${REDACTED}`);
    expect(
      text
        .split('\n')
        .filter(Boolean)
        .every((l) => /^\d{4}-\d{2}-\d{2}T/.test(l) || l.startsWith('    ')),
    ).toBe(true);
  });

  it('writes start-up facts as given: versions, platform and the data folder’s path', async () => {
    const dir = freshDir();
    const log = createLogger({ dir, now: () => new Date('2026-03-14T09:30:00.000Z') });
    log.info('app.start', { version: '0.1.0', electron: '45.4.1', platform: 'win32', dataFolder: 'C:\\Program Files\\SENCo Desk data' });
    await log.close();
    expect(readFileSync(join(dir, 'main.log'), 'utf8')).toBe(
      '2026-03-14T09:30:00.000Z INFO  app.start version=0.1.0 electron=45.4.1 platform=win32 dataFolder="C:\\\\Program Files\\\\SENCo Desk data"\n',
    );
  });

  it('rotates: main.log, then main.1.log (newest) to main.N.log, the oldest dropped', async () => {
    const dir = freshDir();
    const log = createLogger({ dir, size: '400B', keep: 2 });
    for (let i = 0; i < 40; i++) {
      log.info('tick', { count: i });
      // Rotation happens between writes: give the stream a moment now and then.
      if (i % 5 === 4) await new Promise((r) => setTimeout(r, 20));
    }
    await log.close();
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.log'))
      .sort();
    expect(files).toEqual(['main.1.log', 'main.2.log', 'main.log']);
    const total = files.map((f) => readFileSync(join(dir, f), 'utf8')).join('');
    expect(total).toContain('count=39');
    expect(total).not.toContain('count=0\n');
  });

  it('falls back to stderr, without throwing, when the folder cannot be made', async () => {
    const blocker = join(root, 'a-file');
    writeFileSync(blocker, 'not a folder');
    const lines: string[] = [];
    const log = createLogger({ dir: join(blocker, 'logs'), stderr: (l) => lines.push(l) });
    expect(log.file).toBeNull();
    log.error('x.failed', new Error(`for ${UPN}`));
    await log.close();
    expect(lines[0]).toMatch(/The log folder cannot be created/);
    expect(lines.join('\n')).toContain('x.failed');
    expect(lines.join('\n')).not.toContain(UPN);
  });
});

describe('redact', () => {
  it('keeps ordinary error text and lowercase identifiers', () => {
    expect(redact("TypeError: Cannot read properties of undefined (reading 'length')")).toBe(
      "TypeError: Cannot read properties of undefined (reading 'length')",
    );
    expect(redact('SQLITE_BUSY: database is locked')).toBe('SQLITE_BUSY: database is locked');
    expect(redact('In the policy file, "lockAfterMinutes" must be a whole number')).toBe(
      'In the policy file, "lockAfterMinutes" must be a whole number',
    );
  });

  it('takes out name-like text, quoted values, identifiers and secrets', () => {
    expect(redact('Mary-Jane O’Neil joined')).toBe(`${REDACTED} joined`);
    expect(redact('cookie=abc; key: 123')).toBe(`cookie=${REDACTED}; key: ${REDACTED}`);
    expect(redact(`upn ${UPN.toLowerCase()}`)).toBe(`upn ${REDACTED}`);
    expect(redact('line one\nline two')).toBe('line one\n    line two');
  });

  it('a log line cannot be forged by a newline in a message', () => {
    const line = formatLine(new Date('2026-03-14T09:30:00Z'), 'info', 'x\n2026-03-14T09:30:00.000Z ERROR fake');
    expect(
      line
        .split('\n')
        .slice(1)
        .every((l) => l.startsWith('    ')),
    ).toBe(true);
  });
});
