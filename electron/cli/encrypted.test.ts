/**
 * The CLI on an encrypted data folder: init prints the recovery key once; later commands open the folder with
 * SENCO_USERNAME and SENCO_PASSWORD, or SENCO_RECOVERY_KEY; without them, or with a wrong password, they stop with
 * a plain message (no stack trace) and change nothing.
 */
import { signInFailedMessage } from '../core/lockout';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DB_FILE } from '../core/data-dir';
import { fileState } from '../core/crypto/sqlite-file';
import { INIT_ARGS, PASSWORD, cli, tempDir } from './test-support';

const ENC = { SENCO_ENCRYPT: '1' };

describe('senco-desk on an encrypted data folder', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    tmp = tempDir();
  });
  afterEach(() => tmp.remove());

  it('init encrypts and prints the recovery key; commands need a password or the recovery key', async () => {
    const init = await cli([...INIT_ARGS, '--data', tmp.dir, '--json'], { env: { ...ENC, SENCO_PASSWORD: PASSWORD } });
    expect(init.code).toBe(0);
    const doc = JSON.parse(init.stdout) as { recoveryKey: string };
    expect(doc.recoveryKey).toMatch(/^([0-9A-Z]{4}-){7}[0-9A-Z]{4}$/);
    expect(fileState(join(tmp.dir, DB_FILE))).toBe('encrypted');
    const human = await cli([...INIT_ARGS, '--data', tempDir().dir], { env: { ...ENC, SENCO_PASSWORD: PASSWORD } });
    expect(human.stdout).toMatch(/recovery key \(shown only now/);

    const sha = () =>
      createHash('sha256')
        .update(readFileSync(join(tmp.dir, DB_FILE)))
        .digest('hex');
    const before = sha();

    const locked = await cli(['pupils', 'list', '--data', tmp.dir]);
    expect(locked.code).toBe(1);
    expect(locked.stderr).toMatch(/database is encrypted: .*SENCO_USERNAME and SENCO_PASSWORD/);
    expect(locked.stderr).not.toMatch(/\n\s+at /);

    const wrong = await cli(['pupils', 'list', '--data', tmp.dir, '--json'], {
      env: { SENCO_USERNAME: 'sam.okafor', SENCO_PASSWORD: 'not the password' },
    });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toBe(`senco-desk: ${signInFailedMessage()}\n`);
    expect(JSON.parse(wrong.stdout)).toMatchObject({ ok: false, error: { code: 'wrong_password' } });
    expect(sha()).toBe(before);

    const again = await cli([...INIT_ARGS, '--data', tmp.dir], { env: { SENCO_PASSWORD: PASSWORD } });
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already set up \(its database is encrypted\): nothing was changed/);

    const byPassword = await cli(['pupils', 'list', '--data', tmp.dir, '--json'], {
      env: { SENCO_USERNAME: 'sam.okafor', SENCO_PASSWORD: PASSWORD },
    });
    expect(byPassword.stderr).toBe('');
    expect(byPassword.code).toBe(0);
    // The recovery key opens the database but names no one: pupils' records need someone signed in; the audit trail
    // check (school IT) runs with it.
    const byRecovery = await cli(['pupils', 'list', '--data', tmp.dir, '--json'], { env: { SENCO_RECOVERY_KEY: doc.recoveryKey } });
    expect(byRecovery.code).toBe(1);
    expect(JSON.parse(byRecovery.stdout)).toMatchObject({ ok: false, error: { code: 'sign_in_required' } });
    expect(byRecovery.stderr).toMatch(
      /pupils list lists pupils' records, so it runs as a signed-in user.*SENCO_USERNAME and SENCO_PASSWORD/,
    );
    const verify = await cli(['audit', 'verify', '--data', tmp.dir, '--json'], { env: { SENCO_RECOVERY_KEY: doc.recoveryKey } });
    expect(verify.code).toBe(0);
    expect(JSON.parse(verify.stdout)).toMatchObject({ ok: true });
  });
});
