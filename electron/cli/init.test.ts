import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCoreAt } from '../core/core';
import { usernameFrom } from './commands/init';
import { INIT_ARGS, PASSWORD, cli, tempDir } from './test-support';

describe('senco-desk init', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    tmp = tempDir();
  });
  afterEach(() => tmp.remove());

  it('sets up the school and first SENCo with the password from SENCO_PASSWORD, and refuses a second time', async () => {
    const first = await cli([...INIT_ARGS, '--data', tmp.dir, '--json'], { env: { SENCO_PASSWORD: PASSWORD } });
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const doc = JSON.parse(first.stdout);
    expect(doc).toMatchObject({
      ok: true,
      school: { name: 'Oakfield Primary (synthetic)', urn: '100001' },
      user: { username: 'sam.okafor', role: 'senco' },
    });
    expect(first.stdout).not.toContain('session');

    // The SENCo can sign in with that password through the app's own operation.
    const core = await openCoreAt(tmp.dir, {});
    try {
      const signIn = await core.dispatcher.invoke({ op: 'auth.signIn', input: { username: 'sam.okafor', password: PASSWORD } });
      expect(signIn.ok).toBe(true);
    } finally {
      await core.close();
    }

    const again = await cli([...INIT_ARGS, '--data', tmp.dir, '--school', 'Another School'], { env: { SENCO_PASSWORD: PASSWORD } });
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already set up for Oakfield Primary \(synthetic\): nothing was changed/);
  });

  it('reads the password from the first line of standard input when SENCO_PASSWORD is not set', async () => {
    const r = await cli([...INIT_ARGS, '--data', tmp.dir, '--username', 'okafor.s'], { stdin: `${PASSWORD}\r\nignored\n` });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/username okafor\.s/);
    const core = await openCoreAt(tmp.dir, {});
    try {
      const signIn = await core.dispatcher.invoke({ op: 'auth.signIn', input: { username: 'okafor.s', password: PASSWORD } });
      expect(signIn.ok).toBe(true);
    } finally {
      await core.close();
    }
  });

  it('has no password flag: --password is refused with a reason and nothing is set up', async () => {
    const r = await cli([...INIT_ARGS, '--data', tmp.dir, '--password', PASSWORD]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no --password flag/);
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/); // no stack trace
    const status = await cli(['pupils', 'list', '--data', tmp.dir]);
    expect(status.code).toBe(1);
    expect(status.stderr).toMatch(/holds no SENCo Desk school yet/);
  });

  it('refuses with a clear message when there is no password at all, or a short one', async () => {
    const none = await cli([...INIT_ARGS, '--data', tmp.dir]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/No password given: set SENCO_PASSWORD/);
    const short = await cli([...INIT_ARGS, '--data', tmp.dir, '--json'], { env: { SENCO_PASSWORD: 'short' } });
    expect(short.code).toBe(2);
    expect(JSON.parse(short.stdout)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(short.stderr).toMatch(/The password \(SENCO_PASSWORD or standard input\): .*10/);
  });

  it("checks the flags with the app's own messages before asking for a password", async () => {
    const r = await cli([
      'init',
      '--school',
      'X School',
      '--urn',
      '12345',
      '--la',
      'Exampleshire',
      '--user',
      'Sam Okafor',
      '--data',
      tmp.dir,
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--urn: /);
    expect(r.stderr).not.toMatch(/No password/);
    const missing = await cli(['init', '--data', tmp.dir], { env: { SENCO_PASSWORD: PASSWORD } });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/required option '--school <name>' not specified/);
  });

  it('derives a username the app accepts from a display name', () => {
    expect(usernameFrom('Sam Okafor')).toBe('sam.okafor');
    expect(usernameFrom("  Zoë O'Neill-Smith ")).toBe('zoe.o.neill.smith');
  });
});
