/**
 * electron-builder.yml, checked the way `electron-builder` itself checks it before packaging (packaging cannot run
 * here: it downloads Electron): app-builder-lib's getConfig reads the file (YAML, `extends`, defaults) and its
 * validateConfiguration runs the checks it makes on every build, including the JSON schema (scheme.json) that
 * refuses any option it does not know. Then what school IT relies on: per-machine NSIS and MSI installers, icons
 * that exist, and no code-signing secret in the file.
 */
import { createRequire } from 'node:module';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(__dirname, '..');

// app-builder-lib is electron-builder's own library (a dependency of the electron-builder devDependency): resolve it
// from electron-builder, so the check is the one the installed electron-builder runs.
const fromBuilder = createRequire(require.resolve('electron-builder/package.json'));
const configModule = fromBuilder('app-builder-lib/out/util/config/config') as {
  getConfig(
    projectDir: string,
    configPath: string | null,
    configFromOptions: unknown,
    packageMetadata?: unknown,
  ): Promise<Record<string, unknown>>;
  validateConfiguration(config: unknown, debugLogger: { isEnabled: boolean }): Promise<void>;
};
const { DebugLogger, log } = fromBuilder('builder-util') as {
  DebugLogger: new (enabled: boolean) => { isEnabled: boolean };
  log: { info: (...a: unknown[]) => void };
};
// getConfig announces which file it loaded; the test output does not need it.
log.info = () => undefined;

async function validate(projectDir: string, file = 'electron-builder.yml'): Promise<Record<string, unknown>> {
  const config = await configModule.getConfig(projectDir, join(projectDir, file), null);
  await configModule.validateConfiguration(config, new DebugLogger(false));
  return config;
}

const scratch = mkdtempSync(join(tmpdir(), 'senco-builder-config-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A copy of the project's config with one change, in a folder of its own (with the package.json getConfig reads). */
function variant(name: string, edit: (yml: string) => string): string {
  const dir = join(scratch, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir);
  copyFileSync(join(root, 'package.json'), join(dir, 'package.json'));
  const yml = readFileSync(join(root, 'electron-builder.yml'), 'utf8');
  const changed = edit(yml);
  expect(changed).not.toBe(yml);
  writeFileSync(join(dir, 'electron-builder.yml'), changed);
  return dir;
}

describe('electron-builder.yml', () => {
  it("passes electron-builder's own configuration check (its schema)", async () => {
    await expect(validate(root)).resolves.toBeTruthy();
  });

  it('is refused by the same check when it has an option electron-builder does not know', async () => {
    // electron-builder names the section (nsis, msi) for an unknown option inside one, and the option itself at the top.
    const inNsis = variant('unknown-key', (y) =>
      y.replace('nsis:\n  oneClick: false', 'nsis:\n  silentInstallAllUsers: true\n  oneClick: false'),
    );
    await expect(validate(inNsis)).rejects.toThrow(/Invalid configuration object[\s\S]*configuration\.nsis should be/);
    const atTop = variant('unknown-top-key', (y) => y.replace('asar: true', 'asar: true\nperMachine: true'));
    await expect(validate(atTop)).rejects.toThrow(/Invalid configuration object[\s\S]*unknown property 'perMachine'/);
  });

  it('is refused when an option is in the wrong place or of the wrong type', async () => {
    const misplaced = variant('misplaced', (y) => y.replace('msi:\n  oneClick: false', 'msi:\n  oneClick: false\n  allowElevation: true'));
    await expect(validate(misplaced)).rejects.toThrow(/Invalid configuration object[\s\S]*configuration\.msi should be/);
    const wrongType = variant('wrong-type', (y) =>
      y.replace('msi:\n  oneClick: false\n  perMachine: true', 'msi:\n  oneClick: false\n  perMachine: [machine]'),
    );
    await expect(validate(wrongType)).rejects.toThrow(/Invalid configuration object[\s\S]*configuration\.msi should be/);
  });

  it('builds per-machine NSIS and MSI installers for Windows, and the macOS and Linux packages', async () => {
    const config = (await validate(root)) as {
      win: { target: { target: string; arch: string[] }[]; icon: string };
      nsis: { oneClick: boolean; perMachine: boolean; deleteAppDataOnUninstall: boolean };
      msi: { perMachine: boolean; upgradeCode: string };
      mac: { target: string[] };
      linux: { target: string[] };
      directories: { buildResources: string };
    };
    expect(config.win.target.map((t) => t.target)).toEqual(['nsis', 'msi']);
    expect(config.win.target.every((t) => t.arch.includes('x64'))).toBe(true);
    expect(config.nsis.perMachine).toBe(true);
    expect(config.nsis.deleteAppDataOnUninstall).toBe(false);
    expect(config.msi.perMachine).toBe(true);
    // A fixed upgrade code: a newer MSI must replace the older one, not install beside it.
    expect(config.msi.upgradeCode).toMatch(/^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.directories.buildResources).toBe('resources/build');
  });

  it('points at icons that exist in resources/build', async () => {
    const config = (await validate(root)) as Record<string, { icon?: string; installerIcon?: string; uninstallerIcon?: string }>;
    const buildResources = join(root, 'resources', 'build');
    const icons = [config.win?.icon, config.mac?.icon, config.linux?.icon, config.nsis?.installerIcon, config.nsis?.uninstallerIcon];
    expect(icons).toEqual(['icon.ico', 'icon.png', 'icon.png', 'icon.ico', 'icon.ico']);
    for (const icon of icons) expect(() => readFileSync(join(buildResources, icon as string))).not.toThrow();
  });

  it('holds no code-signing secret: certificates and passwords come from the environment only', () => {
    const yml = readFileSync(join(root, 'electron-builder.yml'), 'utf8');
    const settings = yml.split('\n').filter((l) => !l.trimStart().startsWith('#'));
    for (const key of [
      'cscLink',
      'cscKeyPassword',
      'certificateFile',
      'certificatePassword',
      'certificateSubjectName',
      'certificateSha1',
      'azureSignOptions',
      'signtoolOptions',
    ]) {
      expect(
        settings.filter((l) => l.includes(`${key}:`)),
        key,
      ).toEqual([]);
    }
  });
});
