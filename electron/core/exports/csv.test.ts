/**
 * The one CSV writer (csv.ts): RFC 4180 quoting, formula injection defused, BOM and CRLF, and what each kind of
 * value becomes. Every file it writes reads back, through csv-parse, as the values it was given.
 */
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvDocument, csvField } from './csv';

describe('csvField', () => {
  it('quotes a field only when it holds a comma, a double quote or a line break, doubling quotes', () => {
    expect(csvField('Smith')).toBe('Smith');
    expect(csvField("O'Neil")).toBe("O'Neil");
    expect(csvField('Smith, Jo')).toBe('"Smith, Jo"');
    expect(csvField('Jo "JJ" Smith')).toBe('"Jo ""JJ"" Smith"');
    expect(csvField('line one\r\nline two')).toBe('"line one\r\nline two"');
    // A lone LF or CR is a line break too (csv-stringify, given CRLF rows, would not quote these by itself).
    expect(csvField('line one\nline two')).toBe('"line one\nline two"');
    expect(csvField('a\rb')).toBe('"a\rb"');
  });

  it.each(['=', '+', '-', '@', '\t', '\r', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20'])('defuses a text field starting with %j', (lead) => {
    const out = csvField(`${lead}HYPERLINK("http://x")`);
    const unquoted = out.startsWith('"') ? out.slice(1) : out;
    expect(unquoted.startsWith(`'${lead}`)).toBe(true);
  });

  it('leaves numbers alone (a number is never a formula), and text that only contains a formula character', () => {
    expect(csvField(-3)).toBe('-3');
    expect(csvField(0)).toBe('0');
    expect(csvField(12n)).toBe('12');
    expect(csvField('1+1=2')).toBe('1+1=2');
    expect(csvField('jo@example.org')).toBe('jo@example.org');
  });

  it('writes null and undefined as empty, booleans as written, dates as ISO, objects as JSON', () => {
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
    expect(csvField('')).toBe('');
    expect(csvField(true)).toBe('true');
    expect(csvField(false)).toBe('false');
    expect(csvField(new Date(Date.UTC(2026, 2, 14, 9, 30)))).toBe('2026-03-14T09:30:00.000Z');
    expect(csvField({ a: 1, b: 'x' })).toBe('"{""a"":1,""b"":""x""}"');
  });
});

describe('csvDocument', () => {
  it('starts with a byte-order mark and ends every row with CRLF', () => {
    expect(
      csvDocument([
        ['UPN', 'Name'],
        ['A1', 'Zoë'],
      ]),
    ).toBe('\uFEFFUPN,Name\r\nA1,Zoë\r\n');
    expect(csvDocument([[]])).toBe('\uFEFF\r\n');
  });

  it('writes each field as csvField does', () => {
    const row = ['=1+2', 'a,b', null, -4, 'x\ny'];
    expect(csvDocument([row])).toBe(`\uFEFF${row.map(csvField).join(',')}\r\n`);
  });

  it('reads back through csv-parse as the text it was given (a defused formula keeps its apostrophe)', () => {
    const rows = [
      ['UPN', 'Name', 'Note'],
      ['A123', 'Smith, "Jo"', 'first line\nsecond line'],
      ['B456', '@SUM(A1)', ''],
    ];
    const back = parse(csvDocument(rows), { bom: true, record_delimiter: '\r\n' }) as string[][];
    expect(back).toEqual([rows[0], rows[1], ['B456', "'@SUM(A1)", '']]);
  });
});
