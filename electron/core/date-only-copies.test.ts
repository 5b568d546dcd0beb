/**
 * Date arithmetic on ISO calendar dates is written once, in shared/date-only.ts: no other source file defines a
 * helper that adds days to a date or counts the days between two (the fourteen copies there were, under the names
 * they had). Shared code may not read files, so this check lives here.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '..', '..');

/** Every TypeScript source (not a test) in shared/, electron/ and renderer/src. */
function sourceFiles(): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name)) files.push(path);
    }
  };
  for (const d of ['shared', 'electron', join('renderer', 'src')]) walk(join(root, d));
  return files;
}

describe('one date-only module', () => {
  it('is the only place that adds days to an ISO date or counts the days between two', () => {
    const files = sourceFiles();
    // A definition (not an import or a re-export) of the date-only helpers, by any of the names they had.
    const definition = /(?:function|const)\s+(?:addDays|addDaysIso|daysBetween|dayOfWeek|toDayNumber|fromDayNumber)\s*[=(]/;
    const frozen = join('electron', 'core', 'db', 'migrations'); // released migrations are never edited
    const found = files
      .map((f) => relative(root, f))
      .filter((f) => f !== join('shared', 'date-only.ts') && !f.startsWith(frozen) && definition.test(readFileSync(join(root, f), 'utf8')));
    expect(found).toEqual([]);
  });

  it('is the only place in the core, the CLI, the renderer and shared/ that adds months or weekdays, finds a week or a day before', () => {
    const files = sourceFiles();
    // The names these helpers had in the services, the clocks, the reports and the CLI before there was one of each,
    // and the arithmetic they were written with (a Date moved by its UTC day, or milliseconds in a day).
    const definition =
      /(?:function|const)\s+(?:addMonths|addYears|daysInMonth|dayBefore|nextDay|daysFrom|mondayOf|isWeekend|addWorkingDays|workingDaysBetween|plusYears)\s*[=(]|setUTCDate|getUTCDay\(|86_?400_?000|import \{[^}]*\b(?:addDays|addYears|addMonths)\b[^}]*\} from 'date-fns'/;
    const frozen = join('electron', 'core', 'db', 'migrations'); // released migrations are never edited
    const found = files
      .map((f) => relative(root, f))
      .filter((f) => f !== join('shared', 'date-only.ts') && !f.startsWith(frozen))
      .filter((f) => definition.test(readFileSync(join(root, f), 'utf8')));
    expect(found).toEqual([]);
  });
});
