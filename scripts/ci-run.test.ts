/**
 * CI's steps, as .ci/run runs them: exactly the README's test command (`npm test`), then the Windows lane, which
 * needs Wine set up first and is not part of `npm test` (it installs Wine as root).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '..');
const ciRun = readFileSync(join(root, '.ci', 'run'), 'utf8');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
const commands = ciRun.split('\n').filter((l) => l.trim() && !l.trim().startsWith('#'));
const at = (command: string) => commands.findIndex((l) => l.trim() === command);

describe('.ci/run', () => {
  it('runs npm test, then sets up Wine and runs the Windows lane', () => {
    expect(at('npm test')).toBeGreaterThan(-1);
    expect(at('scripts/windows-node setup')).toBeGreaterThan(at('npm test'));
    expect(at('npm run test:windows')).toBeGreaterThan(at('scripts/windows-node setup'));
  });

  it('keeps the Windows lane out of npm test, and builds the CLI before running it', () => {
    expect(pkg.scripts.test).not.toContain('test:windows');
    expect(pkg.scripts['test:windows']).toBe('npm run build:node && node dist/node/windows-lane.cjs');
    expect(readFileSync(join(root, 'scripts', 'build-node.mjs'), 'utf8')).toContain("out: 'dist/node/windows-lane.cjs'");
  });

  it('uses the project copy of windows-node, never ../shared', () => {
    expect(ciRun).not.toContain('../shared');
    expect(readFileSync(join(root, 'scripts', 'windows-node'), 'utf8')).not.toContain('../shared');
  });
});
