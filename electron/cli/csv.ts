/**
 * Reads an MIS export (CSV) into the rows `pupils.import` takes: one `{line, values: {header: value}}` per pupil,
 * where `line` is the physical line of the file the record starts on (the header is line 1), so a school can
 * find the row in a spreadsheet. Handles a UTF-8 byte order mark (Excel writes one), CRLF line endings, quoted
 * fields with commas, quotes and line breaks, and falls back to Windows-1252/Latin-1 for files that are not UTF-8
 * (older MIS exports). Checks the service cannot make (too many fields, over-long values) are reported here the
 * same way, as rejected rows.
 */
import { CsvError, parse } from 'csv-parse/sync';
import type { ImportRejection } from '../../shared/contract';
import { CliError, EXIT } from './io';

/** Limits of the `pupils.import` contract (shared/contract/pupils.ts). */
export const MAX_ROWS = 50_000;
const MAX_HEADER = 60;
const MAX_VALUE = 500;

export interface CsvRows {
  readonly headers: readonly string[];
  readonly rows: readonly { readonly line: number; readonly values: Readonly<Record<string, string>> }[];
  /** Rows refused before they reach the service. */
  readonly rejected: readonly ImportRejection[];
}

export function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

interface Parsed {
  readonly record: string[];
  readonly info: { readonly lines: number };
  readonly raw: string;
}

export function parsePupilCsv(bytes: Uint8Array, fileLabel: string): CsvRows {
  // One line ending throughout: csv-parse's line counter then matches what an editor shows.
  const text = decodeText(bytes).replace(/\r\n?/g, '\n');
  let records: Parsed[];
  try {
    records = parse(text, { bom: true, info: true, raw: true, relax_column_count: true, skip_empty_lines: true }) as unknown as Parsed[];
  } catch (err) {
    const detail = err instanceof CsvError || err instanceof Error ? err.message : String(err);
    throw new CliError(`${fileLabel} is not a CSV file this can read: ${detail}`, EXIT.usage, 'bad_file');
  }
  const startLine = (r: Parsed) => {
    // `info.lines` is the line the record ends on; `raw` also carries any blank lines skipped before it.
    const body = r.raw.replace(/^\n+/, '').replace(/\n$/, '');
    return r.info.lines - (body.match(/\n/g)?.length ?? 0);
  };
  const header = records[0];
  if (!header) throw new CliError(`${fileLabel} is empty: expected a header row, then one row per pupil.`, EXIT.usage, 'bad_file');
  const headers = header.record.map((h) => h.trim());
  if (headers.every((h) => h === ''))
    throw new CliError(`${fileLabel} has no header row: the first line must name the columns (UPN, Surname, ...).`, EXIT.usage, 'bad_file');

  // Columns used: named, of a length the contract takes, and the first of any repeated name.
  const used: { index: number; name: string }[] = [];
  const seen = new Set<string>();
  headers.forEach((name, index) => {
    const key = name.toLowerCase();
    if (name === '' || name.length > MAX_HEADER || seen.has(key)) return;
    seen.add(key);
    used.push({ index, name });
  });
  const upnColumn = used.find((c) => /^(upn|uniquepupilnumber)$/.test(c.name.toLowerCase().replace(/[^a-z]/g, '')));

  const rows: { line: number; values: Record<string, string> }[] = [];
  const rejected: ImportRejection[] = [];
  for (const r of records.slice(1)) {
    if (r.record.every((v) => v.trim() === '')) continue; // a spreadsheet's trailing ",,,," rows
    const line = startLine(r);
    const upn = upnColumn ? (r.record[upnColumn.index] ?? '').trim() || null : null;
    if (r.record.length > headers.length) {
      rejected.push({
        line,
        field: '',
        reason: `has ${r.record.length} fields but the header has ${headers.length}: a value containing a comma must be in double quotes.`,
        upn,
      });
      continue;
    }
    const long = used.find((c) => (r.record[c.index] ?? '').length > MAX_VALUE);
    if (long) {
      rejected.push({ line, field: long.name, reason: `is longer than ${MAX_VALUE} characters.`, upn });
      continue;
    }
    rows.push({ line, values: Object.fromEntries(used.map((c) => [c.name, r.record[c.index] ?? ''])) });
  }
  if (rows.length > MAX_ROWS) {
    throw new CliError(
      `${fileLabel} has ${rows.length.toLocaleString('en-GB')} pupil rows; the most one import takes is ${MAX_ROWS.toLocaleString('en-GB')}. Split the file.`,
      EXIT.usage,
      'bad_file',
    );
  }
  return { headers, rows, rejected };
}
