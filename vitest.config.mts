import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['electron/**/*.test.ts', 'shared/**/*.test.ts', 'renderer/**/*.test.{ts,tsx}', 'scripts/**/*.test.ts'],
    exclude: ['node_modules', 'dist', 'e2e'],
    environment: 'node',
    // The default output, then every skipped test with the reason its name gives (the PostgreSQL run without
    // SENCO_TEST_PG_URL, tools that are not installed): the default reporter shows only a count.
    reporters: ['default', './scripts/vitest-skipped-reporter.ts'],
    pool: 'forks',
    // One test file per core (Vitest's default leaves one core to its own process, which is idle while files run):
    // on a 2-core machine the suite took 1,187 s with one worker and 607 s with two, every file passing both ways.
    // Each test core has its own folder and PostgreSQL schema, so files side by side share nothing.
    maxWorkers: Math.max(1, availableParallelism()),
    testTimeout: 30_000,
    hookTimeout: 60_000,
    server: { deps: { inline: ['electron-store'] } },
  },
});
