/**
 * Saves what the core produced (a CSV export, a PDF, a calendar) as a file: a Blob behind an <a download>. In Electron this opens the
 * system's save dialog; in a browser it goes to the downloads folder. A byte-order mark (once) lets Excel read UTF-8.
 */
export function csvFileName(name: string): string {
  const printable = [...name].map((c) => (c.charCodeAt(0) < 32 ? '-' : c)).join('');
  const clean = printable.replace(/[\\/:*?"<>|]+/g, '-').trim();
  return /\.csv$/i.test(clean) ? clean : `${clean || 'export'}.csv`;
}

/** Saves a Blob as a file named `filename` (a hidden <a download>; Electron shows its save dialog). */
export function saveBlob(filename: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename.replace(/[\\/:*?"<>|]+/g, '-');
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Let the download start before the address is released.
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function downloadCsv(filename: string, csv: string): void {
  saveBlob(csvFileName(filename), new Blob([csv.startsWith('\uFEFF') ? csv : `\uFEFF${csv}`], { type: 'text/csv;charset=utf-8' }));
}
