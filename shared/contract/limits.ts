/**
 * The contract's size limits, and the one request size every transport accepts, derived from them.
 *
 * Every string in the contract has a maximum length and every list a maximum size, so each operation's input has
 * a largest JSON encoding: electron/core/contract-limits.test.ts walks every schema and checks that the largest is
 * within MAX_REQUEST_BYTES, and that MAX_REQUEST_BYTES is not much more than the largest (the transports must take
 * every input the contract allows, and need take nothing larger). The browser edition's body limit
 * (electron/test-host/server.ts) is MAX_REQUEST_BYTES; the dispatcher refuses control characters, so a character of
 * an accepted string is at most 3 bytes of JSON (UTF-8; JSON.stringify escapes only control characters).
 *
 * The largest input is a transfer package (base64). A register import is the other large one: its columns are
 * named by the school's file, so its size is capped as a whole (PUPIL_IMPORT_LIMITS) rather than by its shape.
 */

/** The largest sealed transfer package taken: the package format's 256 MiB of contents, plus 16 MiB for ZIP and age
 * (electron/core/exports/package.ts PACKAGE_LIMITS.maxBytes and MAX_SEALED_BYTES; a test checks they agree). */
export const MAX_PACKAGE_BYTES = (256 + 16) * 1024 * 1024;

/** Characters of standard (padded) base64 for `bytes` bytes. */
export const base64Length = (bytes: number): number => 4 * Math.ceil(bytes / 3);

export const MAX_PACKAGE_BASE64 = base64Length(MAX_PACKAGE_BYTES);

/** pupils.import: one row per pupil, its values keyed by the file's column names. */
export const PUPIL_IMPORT_LIMITS = {
  rows: 50_000,
  /** Columns in one row. */
  columns: 500,
  /** Characters in a column name, and in a value. */
  columnName: 60,
  value: 500,
  /** Characters in every column name and value of the import together (a register of 50,000 pupils is about 30 million). */
  text: 50_000_000,
} as const;

/**
 * The largest JSON a pupils.import input can be, from PUPIL_IMPORT_LIMITS: `{"rows":[` and `]}`, per row
 * `{"line":10000000,"values":{` `}},`, per value `"":"",` (its quotes, colon and comma) and at most 3 bytes a character.
 */
export const PUPIL_IMPORT_MAX_JSON =
  '{"rows":[]}'.length +
  PUPIL_IMPORT_LIMITS.rows * ('{"line":10000000,"values":{}},'.length + PUPIL_IMPORT_LIMITS.columns * '"":"",'.length) +
  3 * PUPIL_IMPORT_LIMITS.text;

/** Room for the envelope around an input: `{"op":...,"input":...,"session":...}` with an operation name and a session token. */
export const ENVELOPE_BYTES = 1024;

/** The largest request body a transport accepts: the largest input the contract allows (a transfer package), with its envelope. */
export const MAX_REQUEST_BYTES = MAX_PACKAGE_BASE64 + 64 * 1024 + ENVELOPE_BYTES;
