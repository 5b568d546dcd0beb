import { describe, expect, it } from 'vitest';
import { PG_SKIP_REASON } from '../electron/core/testing/harness';
import { skippedLines } from './vitest-skipped-reporter';

describe('the skipped-tests reporter', () => {
  it('prints each skipped test once with its reason in the name, and how many files skipped it', () => {
    const pg = `postgres: ${PG_SKIP_REASON} > the same tests on PostgreSQL`;
    const lines = skippedLines([
      { name: pg, file: 'electron/core/services/pupils.test.ts' },
      { name: pg, file: 'electron/core/services/reviews.test.ts' },
      { name: 'age interop (the age tool is not installed)', file: 'electron/core/exports/package.test.ts' },
    ]);
    expect(lines).toEqual([
      'Skipped tests and why (3):',
      `  - ${pg} (in 2 files)`,
      '  - age interop (the age tool is not installed) (electron/core/exports/package.test.ts)',
    ]);
    expect(lines.join('\n')).toContain('SENCO_TEST_PG_URL is not set');
  });

  it('prints nothing when nothing was skipped', () => {
    expect(skippedLines([])).toEqual([]);
  });
});
