/**
 * The contract's own limits agree with the transports': every operation's input, at its largest, fits the request
 * size the transports accept (MAX_REQUEST_BYTES: the browser edition's body limit), and that size is not much more
 * than the largest input (a transfer package). Found by walking every schema, so a new operation with an unbounded
 * string, list or record fails here. Also: the caps a schema declares rather than shows (the register import's) are
 * enforced by it.
 */
import { describe, expect, it } from 'vitest';
import { contract, OP_NAMES } from '../../shared/contract';
import {
  ENVELOPE_BYTES,
  MAX_PACKAGE_BASE64,
  MAX_PACKAGE_BYTES,
  MAX_REQUEST_BYTES,
  PUPIL_IMPORT_LIMITS,
  PUPIL_IMPORT_MAX_JSON,
  base64Length,
} from '../../shared/contract/limits';
import { PACKAGE_LIMITS } from './exports/package';
import { maxJsonBytes } from './testing/schema-walk';
import { MAX_BODY } from '../test-host/server';

describe('contract size limits', () => {
  const sizes = OP_NAMES.map((op) => {
    const unbounded: string[] = [];
    return { op, bytes: maxJsonBytes(contract[op].input, '', unbounded), unbounded };
  });

  it('bounds every input: every string, list and record has a maximum, every object refuses unknown keys', () => {
    expect(sizes.filter((s) => s.unbounded.length).map((s) => `${s.op} -> ${s.unbounded.join(', ')}`)).toEqual([]);
  });

  it('fits the largest input of every operation, in its envelope, within the request size the transports accept', () => {
    const largest = sizes.reduce((a, b) => (b.bytes > a.bytes ? b : a));
    expect(largest.op).toMatch(/^transfers\.(preview|import)$/);
    for (const s of sizes) expect(s.bytes + ENVELOPE_BYTES, s.op).toBeLessThanOrEqual(MAX_REQUEST_BYTES);
    // ...and the transports take little more than that: within 1% of the largest input.
    expect(MAX_REQUEST_BYTES).toBeLessThanOrEqual(Math.ceil((largest.bytes + ENVELOPE_BYTES) * 1.01));
    expect(MAX_BODY).toBe(MAX_REQUEST_BYTES);
  });

  it('takes a transfer package as large as the package format allows to be sealed', () => {
    expect(MAX_PACKAGE_BYTES).toBe(PACKAGE_LIMITS.maxBytes + 16 * 1024 * 1024);
    expect(MAX_PACKAGE_BASE64).toBe(Buffer.alloc(0).toString('base64').length + base64Length(MAX_PACKAGE_BYTES));
    const input = contract['transfers.preview'].input;
    const ok = { packageBase64: 'YWdlLWVuY3J5cHRpb24=', passphrase: 'correct horse battery staple', identity: null };
    expect(input.safeParse(ok).success).toBe(true);
    const notBase64 = input.safeParse({ ...ok, packageBase64: 'not base64 at all!' });
    expect(notBase64.success).toBe(false);
    expect(notBase64.error?.issues[0]?.message).toMatch(/not a package file as SENCo Desk sends it/);
  });

  it('enforces the register import’s declared size: columns per row and characters in all', () => {
    const input = contract['pupils.import'].input;
    expect(maxJsonBytes(input)).toBe(PUPIL_IMPORT_MAX_JSON);
    const row = (columns: number, valueLength = 1) => ({
      line: 2,
      values: Object.fromEntries(Array.from({ length: columns }, (_, i) => [`c${i}`, 'v'.repeat(valueLength)])),
    });
    expect(input.safeParse({ rows: [row(PUPIL_IMPORT_LIMITS.columns)] }).success).toBe(true);
    const wide = input.safeParse({ rows: [row(PUPIL_IMPORT_LIMITS.columns + 1)] });
    expect(wide.error?.issues[0]).toMatchObject({ path: ['rows', 0, 'values'], message: expect.stringMatching(/more than 500 columns/) });
    // Just over the characters in all: 100 columns of 500 characters is about 50,000 characters a row.
    const perRow = 100 * (500 + 'c99'.length);
    const rows = Math.floor(PUPIL_IMPORT_LIMITS.text / perRow) + 1;
    const big = Array.from({ length: rows }, () => row(100, 500));
    const over = input.safeParse({ rows: big });
    expect(over.error?.issues[0]).toMatchObject({ path: ['rows'], message: expect.stringMatching(/more than 50,000,000 characters/) });
    expect(input.safeParse({ rows: big.slice(0, rows - 2) }).success).toBe(true);
  });
});
