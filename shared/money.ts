/**
 * Amounts of money in pounds sterling, held as whole pence so they are exact (no binary fractions): "£4,250.50" is
 * 425050. Parsing and formatting work on the digits, never on a floating-point number of pounds. Pure.
 */

/** The largest amount accepted for a placement's extension funding: £1,000,000.00. */
export const MAX_PENCE = 100_000_000;

const POUNDS = /^£?\s*((?:\d{1,3}(?:,\d{3})+)|\d+)(?:\.(\d{1,2}))?$/;

/**
 * Pence for a typed amount in pounds: "4250", "4,250.5", "£4,250.50" (commas only as thousands separators, at most
 * two decimal places), or null when it is not one. No rounding: "12.345" is refused, not made £12.35.
 */
export function parsePounds(text: string): number | null {
  const m = POUNDS.exec(text.trim());
  if (!m) return null;
  const pounds = (m[1] as string).replace(/,/g, '');
  if (pounds.length > 12) return null;
  const pence = (m[2] ?? '').padEnd(2, '0');
  return Number(pounds) * 100 + Number(pence);
}

/** "£4,250.50" for 425050 pence. */
export function formatPence(pence: number): string {
  const sign = pence < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(pence));
  const pounds = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}£${pounds}.${String(abs % 100).padStart(2, '0')}`;
}

/** "£1,234" for 123_450 pence: whole pounds (half a pound rounds up), for tables and totals where pence are noise. */
export function formatPounds(pence: number): string {
  const sign = pence < 0 ? '-' : '';
  const pounds = String(Math.round(Math.abs(pence) / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}£${pounds}`;
}

/** "1234.56" for 123_456 pence: pounds for a spreadsheet cell (a number, no symbol or separators). */
export function poundsFigure(pence: number): string {
  const sign = pence < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(pence));
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
