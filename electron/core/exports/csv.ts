/**
 * The one CSV writer (the SEN register, the sections of a data export, the provision map): csv-stringify, set up one
 * way for the spreadsheets schools open these files in.
 *
 * - RFC 4180 quoting: a field is quoted only when it holds a comma, a double quote or a line break (quotes doubled).
 * - Formula injection (OWASP "CSV injection"): a text field starting with = + - @, a tab or a carriage return (or
 *   their full-width forms, which some spreadsheets also read as formulas) gets a leading apostrophe, so a pupil's
 *   name such as `=HYPERLINK(...)` is shown as text, never run. A number is never a formula: -3 stays -3.
 * - A file: a UTF-8 byte-order mark (Excel reads accented names as UTF-8 only with it) and CRLF after every row.
 * - Values: null and undefined are empty; true/false as written; a date as its ISO time; any other object as JSON.
 */
import { stringify, type Options } from 'csv-stringify/sync';

/** What a CSV cell may be given. */
export type CsvValue = string | number | bigint | boolean | Date | null | undefined | object;

const OPTIONS: Options = {
  record_delimiter: 'windows',
  // Given a record_delimiter, csv-stringify would otherwise quote only fields holding CRLF itself, not a lone LF or CR.
  quote_record_delimiter: true,
  escape_formulas: true,
  cast: {
    boolean: (v) => String(v),
    date: (v) => v.toISOString(),
    object: (v) => JSON.stringify(v),
  },
};

/** A whole CSV file: the byte-order mark, then each row (the header first) ended by CRLF. */
export function csvDocument(rows: readonly (readonly CsvValue[])[]): string {
  return stringify(rows as CsvValue[][], { ...OPTIONS, bom: true });
}

/** One field, escaped and quoted exactly as csvDocument writes it (for a caller that builds its own lines). */
export function csvField(value: CsvValue): string {
  // A row of one empty field is written as an empty line: strip the row's CRLF and nothing else.
  return stringify([[value]], OPTIONS).slice(0, -2);
}
