/**
 * A Vitest reporter, run beside the default one (vitest.config.mts), that prints every skipped test with its full
 * name at the end of the run. The project puts a skip's reason in the test's name (for example the PostgreSQL half
 * of the service suite without SENCO_TEST_PG_URL, or the age interop tests without the age tool), and the default
 * reporter shows only a count, so without this the reasons never reach the output. Identical names from several
 * files are printed once with the number of files.
 */
import type { Reporter, TestModule } from 'vitest/node';

/** The lines to print for the skipped tests: "name (N files)", first seen first; none when nothing was skipped. */
export function skippedLines(skipped: readonly { readonly name: string; readonly file: string }[]): string[] {
  const files = new Map<string, Set<string>>();
  for (const s of skipped) {
    const seen = files.get(s.name) ?? new Set<string>();
    seen.add(s.file);
    files.set(s.name, seen);
  }
  if (files.size === 0) return [];
  const lines = [`Skipped tests and why (${skipped.length}):`];
  for (const [name, where] of files) lines.push(`  - ${name}${where.size > 1 ? ` (in ${where.size} files)` : ` (${[...where][0]})`}`);
  return lines;
}

export default class SkippedReporter implements Reporter {
  onTestRunEnd(testModules: readonly TestModule[]): void {
    const skipped: { name: string; file: string }[] = [];
    for (const m of testModules) {
      for (const test of m.children.allTests('skipped')) {
        const r = test.result();
        const note = r.state === 'skipped' ? r.note : undefined;
        skipped.push({ name: note ? `${test.fullName}: ${note}` : test.fullName, file: m.relativeModuleId });
      }
    }
    const lines = skippedLines(skipped);
    if (lines.length) process.stdout.write(`\n${lines.join('\n')}\n`);
  }
}
