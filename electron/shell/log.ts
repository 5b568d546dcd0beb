/**
 * The desktop app's log file, for IT and support: what started and stopped, which versions, errors and crashes.
 * Never pupil data, secrets, tokens or pupil identifiers: every line passes through `redact` before it is written.
 *
 * Where: Electron's app.getPath('logs'), the operating system's place for the app's logs, per user:
 *   Windows  %APPDATA%\SENCo Desk\logs\main.log
 *   macOS    ~/Library/Logs/SENCo Desk/main.log
 *   Linux    ~/.config/SENCo Desk/logs/main.log
 * (On Windows and Linux that is inside the app's per-user folder, which is also the default data folder; a data folder
 * set by IT's policy or in settings does not move the logs, so a shared data folder does not collect every
 * computer's logs, and a data folder that cannot be opened can still be logged.)
 * Rotation (rotating-file-stream's classical logrotate mode): at 1 MB main.log becomes main.1.log, main.1.log becomes
 * main.2.log and so on; the oldest past main.5.log is deleted, so the logs never take more than about 6 MB.
 *
 * What a caller writes is an event name and a few fields; only the fields named in LOG_FIELDS are written as given
 * (after redaction), any other field's value is replaced by [redacted], so a new call cannot leak by accident.
 * Works under plain Node too (the tests), and never throws: a log that cannot be written falls back to stderr.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createStream, type RotatingFileStream } from 'rotating-file-stream';

export type LogLevel = 'info' | 'warn' | 'error';
export type LogValue = string | number | boolean | null | undefined;
export type LogFields = Readonly<Record<string, LogValue>>;

export interface Logger {
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  /** `err` is written as its name, message and stack, redacted. */
  error(event: string, err?: unknown, fields?: LogFields): void;
  /** The log file's path, for messages that tell the user where the details are; null when logging to stderr only. */
  readonly file: string | null;
  /** Writes out what is buffered and closes the file (before the app exits). */
  close(): Promise<void>;
}

/** The fields a log line may carry as given. Anything else is written as [redacted]. */
export const LOG_FIELDS: ReadonlySet<string> = new Set([
  'version',
  'electron',
  'chrome',
  'node',
  'platform',
  'arch',
  'osRelease',
  'packaged',
  'reason',
  'exitCode',
  'signal',
  'type',
  'serviceName',
  'code',
  'count',
  'pid',
  'action',
  'ms',
  'dataFolder',
  'policyFile',
  'logFile',
  'storeKind',
  'problem',
  'origin',
  // The school server (electron/server): a request's method, its route (one of the server's own), the operation's
  // name (a contract entry, never its input), the answer's status; the port, listen address and certificate fingerprint.
  'method',
  'route',
  'op',
  'status',
  'port',
  'host',
  'fingerprint',
]);

/** Fields holding a path: secrets are still removed, but capitalised folder names are not taken for a person's name. */
const PATH_FIELDS: ReadonlySet<string> = new Set(['dataFolder', 'policyFile', 'logFile']);

export const REDACTED = '[redacted]';

/** Keys whose values are secrets or say who a pupil is, wherever they appear as key=value, key: value or "key":"value". */
const SENSITIVE_KEYS = [
  'password',
  'passphrase',
  'passwd',
  'pwd',
  'pin',
  'secret',
  'token',
  'accessToken',
  'refreshToken',
  'sessionToken',
  'session',
  'sessionId',
  'authorization',
  'auth',
  'cookie',
  'apiKey',
  'api_key',
  'key',
  'recoveryKey',
  'schoolKey',
  'privateKey',
  'name',
  'firstName',
  'lastName',
  'givenName',
  'familyName',
  'surname',
  'forename',
  'preferredName',
  'legalName',
  'fullName',
  'displayName',
  'dob',
  'dateOfBirth',
  'birthDate',
  'upn',
  'uln',
  'nhsNumber',
  'address',
  'postcode',
  'email',
  'phone',
  'mobile',
  'notes',
  'note',
];

const rules: ReadonlyArray<readonly [RegExp, string | ((...m: string[]) => string)]> = [
  // key=value, key: value, "key": "value", key='value' (the key kept, the value gone).
  [
    new RegExp(`(["']?\\b(?:${SENSITIVE_KEYS.join('|')})\\b["']?\\s*[:=]\\s*)("[^"]*"|'[^']*'|[^\\s,;&}\\]]+)`, 'gi'),
    (_m, k) => `${k}${REDACTED}`,
  ],
  // HTTP credentials.
  [/\b(Bearer|Basic|Digest)\s+[A-Za-z0-9._~+/=-]+/g, `$1 ${REDACTED}`],
  // Email addresses and user principal names (someone@school.sch.uk).
  [/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g, REDACTED],
  // Unique pupil numbers (a letter, 11 digits, a digit or letter), permanent or temporary.
  [/\b[A-Za-z]\d{11}[0-9A-Za-z]\b/g, REDACTED],
  // NHS numbers and unique learner numbers (10 digits, perhaps spaced 3 3 4).
  [/\b\d{3}[ -]?\d{3}[ -]?\d{4}\b/g, REDACTED],
  // Dates that could be a date of birth (14/03/2016, 2016-03-14).
  [/\b\d{1,2}\/\d{1,2}\/\d{2,4}\b/g, REDACTED],
  [/\b\d{4}-\d{2}-\d{2}\b/g, REDACTED],
  // Opaque strings long enough to be a token, key or hash (hex, base64, base64url), with at least one digit.
  [/\b(?=[A-Za-z0-9_+=-]*\d)[A-Za-z0-9_+=-]{20,}/g, REDACTED],
  // ... and any base64url run as long as a session token, digits or not (randomBytes(32) is 43 characters).
  [/\b[A-Za-z0-9_-]{32,}/g, REDACTED],
  // Quoted text (a value from a record inside an error message), except a lowercase identifier such as "dataFolder".
  [
    /"([^"\n]{1,500})"|'([^'\n]{1,500})'|“([^”\n]{1,500})”|‘([^’\n]{1,500})’/g,
    (m: string, ...groups: string[]) => {
      const inner = groups.slice(0, 4).find((g) => g !== undefined) ?? '';
      return /^[a-z][A-Za-z0-9_.]*$/.test(inner) ? m : `${m[0]}${REDACTED}${m[m.length - 1]}`;
    },
  ],
];

/** Two or more capitalised words in a row: what a person's name looks like (Amelia Khan, Mary-Jane O’Neil). */
const NAME_WORD = String.raw`[A-Z][a-z]*(?:[-'’][A-Z]?[a-z]+)*`;
const NAME_LIKE = new RegExp(String.raw`\b${NAME_WORD}(?:\s+${NAME_WORD})+\b`, 'g');

/** Removes secrets, identifiers and name-like text from one piece of text. */
export function redact(text: string, opts: { readonly path?: boolean } = {}): string {
  let out = text;
  for (const [pattern, replacement] of rules) out = out.replace(pattern, replacement as string);
  if (!opts.path) out = out.replace(NAME_LIKE, REDACTED);
  // One line per entry: a newline in a message cannot forge a log line.
  return out.replace(/\r?\n/g, '\n    ');
}

function fieldText(key: string, value: LogValue): string {
  if (!LOG_FIELDS.has(key)) return `${key}=${REDACTED}`;
  if (value === undefined) return '';
  const text = redact(String(value), { path: PATH_FIELDS.has(key) });
  return `${key}=${/[\s"=]/.test(text) ? JSON.stringify(text) : text}`;
}

function errorText(err: unknown): string {
  if (err instanceof Error)
    return err.stack && err.stack.includes(err.message) ? err.stack : `${err.name}: ${err.message}${err.stack ? `\n${err.stack}` : ''}`;
  if (err === undefined) return '';
  // A thrown non-Error (a string, an object): its text, which may be anything, goes through redaction like the rest.
  try {
    return typeof err === 'string' ? err : (JSON.stringify(err) ?? String(err));
  } catch {
    return String(err);
  }
}

/** One log line (without the newline): time, level, event, fields, then a redacted error. */
export function formatLine(now: Date, level: LogLevel, event: string, fields: LogFields = {}, err?: unknown): string {
  const parts = [now.toISOString(), level.toUpperCase().padEnd(5), redact(event)];
  for (const [k, v] of Object.entries(fields)) {
    const f = fieldText(k, v);
    if (f) parts.push(f);
  }
  const e = errorText(err);
  return parts.join(' ') + (e ? `\n    ${redact(e)}` : '');
}

export interface LoggerOptions {
  /** The folder for main.log and its rotated copies (created if missing). */
  readonly dir: string;
  /** Rotate at this size ('1M'; tests use bytes such as '300B'). */
  readonly size?: string;
  /** How many rotated copies to keep besides main.log. */
  readonly keep?: number;
  /** Also write each line to stderr (development, and when the file cannot be written). */
  readonly stderr?: (line: string) => void;
  readonly now?: () => Date;
}

export const LOG_FILE_NAME = 'main.log';

/** The rotated names: main.log, then main.1.log (newest) to main.N.log (oldest). */
export function logFileName(index: number | null | undefined): string {
  return index ? `main.${index}.log` : LOG_FILE_NAME;
}

export function createLogger(opts: LoggerOptions): Logger {
  const now = opts.now ?? (() => new Date());
  const toStderr = opts.stderr;
  let stream: RotatingFileStream | null = null;
  let file: string | null = join(opts.dir, LOG_FILE_NAME);
  try {
    mkdirSync(opts.dir, { recursive: true });
    // With `rotate`, the generator is called with the rotation index only (rotating-file-stream's README).
    stream = createStream((index: unknown) => logFileName(typeof index === 'number' ? index : null), {
      path: opts.dir,
      size: opts.size ?? '1M',
      rotate: opts.keep ?? 5,
    });
    stream.on('error', (err: Error) => {
      toStderr?.(`[SENCo Desk] The log file cannot be written (${redact(err.message, { path: true })}); logging to the console only.`);
      stream = null;
      file = null;
    });
  } catch (err) {
    toStderr?.(
      `[SENCo Desk] The log folder cannot be created (${redact(err instanceof Error ? err.message : String(err), { path: true })}); logging to the console only.`,
    );
    stream = null;
    file = null;
  }

  const write = (level: LogLevel, event: string, fields?: LogFields, err?: unknown): void => {
    let line: string;
    try {
      line = formatLine(now(), level, event, fields, err);
    } catch {
      line = `${now().toISOString()} ${level.toUpperCase()} ${redact(event)} (the details could not be written)`;
    }
    toStderr?.(line);
    if (stream && !stream.destroyed && !stream.writableEnded) stream.write(`${line}\n`);
  };

  return {
    info: (event, fields) => write('info', event, fields),
    warn: (event, fields) => write('warn', event, fields),
    error: (event, err, fields) => write('error', event, fields, err),
    get file() {
      return file;
    },
    close: () =>
      new Promise<void>((resolve) => {
        const s = stream;
        stream = null;
        if (!s || s.writableEnded) return resolve();
        s.end(() => resolve());
      }),
  };
}
