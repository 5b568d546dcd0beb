/** The English school year runs September to August: 2026-03-14 falls in 2025/26. */
export function academicYearOf(iso: string): string {
  const y = Number(iso.slice(0, 4));
  const m = Number(iso.slice(5, 7));
  const start = m >= 9 ? y : y - 1;
  return `${start}/${String((start + 1) % 100).padStart(2, '0')}`;
}

/** The year before, the year of `iso`, and the two after: the years a term-dates editor offers. */
export function academicYearChoices(iso: string): string[] {
  const start = Number(academicYearOf(iso).slice(0, 4));
  return [start - 1, start, start + 1, start + 2].map((s) => `${s}/${String((s + 1) % 100).padStart(2, '0')}`);
}
