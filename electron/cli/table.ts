/** An aligned plain-text table for terminal output: columns padded to their widest cell. */
export function table(headers: readonly string[], cells: readonly (readonly string[])[]): string {
  // A value with a line break or tab (a class typed over two lines) would break the columns: show it on one line.
  const rows = cells.map((r) => r.map((c) => c.replace(/\s*[\r\n\t]+\s*/g, ' ')));
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n') + '\n';
}
