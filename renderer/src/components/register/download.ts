/**
 * Saves text the core produced (a CSV export) as a file: a Blob behind an <a download>. In Electron this opens the
 * system's save dialog; in a browser it goes to the downloads folder. A byte-order mark (once) lets Excel read UTF-8.
 */
export function csvFileName(name: string): string {
  const printable = [...name].map((c) => (c.charCodeAt(0) < 32 ? '-' : c)).join('');
  const clean = printable.replace(/[\\/:*?"<>|]+/g, '-').trim();
  return /\.csv$/i.test(clean) ? clean : `${clean || 'export'}.csv`;
}

export function downloadCsv(filename: string, csv: string): void {
  const blob = new Blob([csv.startsWith('\uFEFF') ? csv : `\uFEFF${csv}`], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = csvFileName(filename);
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Let the download start before the address is released.
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
