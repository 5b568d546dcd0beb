/**
 * One Node for development and CI: Node 24 LTS, the Node inside Electron 45. package.json's engines, .nvmrc, the
 * @types/node major and the version .ci/run fetches must name the same major, and CI must run the tests on it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  engines: { node: string };
  devDependencies: Record<string, string>;
};
const nvmrc = readFileSync(join(root, '.nvmrc'), 'utf8').trim().replace(/^v/, '');
const ciRun = readFileSync(join(root, '.ci', 'run'), 'utf8');
const major = (v: string) => Number(/(\d+)/.exec(v)?.[1]);
const running = major(process.versions.node);
const wanted = major(nvmrc);

describe('the Node version', () => {
  it('is Node 24 in .nvmrc, engines, @types/node and the Node .ci/run fetches', () => {
    expect(wanted).toBe(24);
    expect(pkg.engines.node).toBe(`>=${wanted}`);
    expect(major(pkg.devDependencies['@types/node'] as string)).toBe(wanted);
    const ciVersion = /NODE_CI_VERSION="\$\{NODE_CI_VERSION:-(\d+\.\d+\.\d+)\}"/.exec(ciRun)?.[1];
    expect(ciVersion, '.ci/run sets NODE_CI_VERSION').toBeDefined();
    expect(major(ciVersion as string)).toBe(wanted);
  });

  it.skipIf(!process.env.CI)(
    `runs the tests on Node ${wanted} or later in CI (CI only: this machine runs Node ${running} outside CI)`,
    () => {
      expect(running).toBeGreaterThanOrEqual(wanted);
    },
  );
});
