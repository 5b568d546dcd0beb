/**
 * The machine-wide policy file a school's IT can set (README, "For school IT"): one JSON object in
 *   Windows  %ProgramData%\SENCo Desk\policy.json   (C:\ProgramData\SENCo Desk\policy.json)
 *   macOS    /Library/Application Support/SENCo Desk/policy.json
 *   Linux    /etc/senco-desk/policy.json
 * or the absolute path in SENCO_POLICY_FILE (tests, and IT trying a policy out before deploying it).
 *
 *   { "dataFolder": "D:\\SENCo Desk data", "lockAfterMinutes": 5, "disableUpdates": true,
 *     "schoolServer": "https://senco.school.example:8443",
 *     "schoolServerFingerprint": "AB:CD:…:EF" }
 *
 * Every key is optional and checked on its own (zod): a bad value is reported in plain English and ignored, the
 * other keys still apply; a file that is not JSON is reported and ignored whole. Reading it never throws, so a
 * broken policy file cannot stop the app. The policy wins over the user's own settings (settings.ts).
 * Windows editors write a byte order mark, and Windows PowerShell's `Set-Content`/`Out-File` write UTF-16: both are read.
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, posix, win32 } from 'node:path';
import { z } from 'zod';
import type { ItPolicy } from '../../shared/desktop-api';
import { t, type I18nKeyUnder } from '../../shared/i18n';
import { fail } from '../../shared/result';
import type { Invoker } from './ipc';
import { parseDataDir } from './settings';
import { formatFingerprint, parseFingerprint, parseServerAddress } from '../connect/pinned';

export type { ItPolicy } from '../../shared/desktop-api';

/** The environment variable that points the app at another policy file (an absolute path). */
export const POLICY_FILE_ENV = 'SENCO_POLICY_FILE';

/** A policy file is a few lines; anything larger is not one (and is not read into memory whole). */
export const MAX_POLICY_BYTES = 64 * 1024;

/** Where the policy file is on this platform (see the header). */
export function policyPath(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string {
  const override = env[POLICY_FILE_ENV];
  if (override && isAbsolute(override)) return override;
  if (platform === 'win32') return win32.join(env.ProgramData ?? env.PROGRAMDATA ?? 'C:\\ProgramData', 'SENCo Desk', 'policy.json');
  if (platform === 'darwin') return posix.join('/Library', 'Application Support', 'SENCo Desk', 'policy.json');
  return posix.join('/etc', 'senco-desk', 'policy.json');
}

const msg = (key: I18nKeyUnder<'desktop.policy.problems'>, values: Record<string, unknown> = {}): string =>
  t(`desktop.policy.problems.${key}`, values);

/** One checker per key; each is applied on its own so one bad value does not throw away the rest. */
const keys = {
  dataFolder: z.string().refine((v) => parseDataDir(v) !== null),
  lockAfterMinutes: z.number().int().min(1).max(60),
  disableUpdates: z.boolean(),
  schoolServer: z
    .string()
    .max(2048)
    // The desk connects to exactly this origin (connection.ts): https, the server's name and port, nothing else.
    .refine((v) => parseServerAddress(v) !== null),
  schoolServerFingerprint: z
    .string()
    .max(200)
    .refine((v) => parseFingerprint(v) !== null)
    .transform((v) => formatFingerprint(parseFingerprint(v) as string)),
} as const;
type Key = keyof typeof keys;
const KEY_NAMES = Object.keys(keys) as Key[];

/** A policy file's text (already decoded) to the policy it sets and the problems found, in the order of the file. */
export function parsePolicy(text: string, file: string): ItPolicy {
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return { problems: [msg('notJson', { file })] };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { problems: [msg('notObject', { file })] };
  const policy: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    if (!(KEY_NAMES as string[]).includes(key)) {
      problems.push(msg('unknownKey', { file, key, known: KEY_NAMES.join(', ') }));
      continue;
    }
    const k = key as Key;
    const checked = keys[k].safeParse(value);
    if (checked.success) policy[k] = checked.data;
    else problems.push(msg(k, { file }));
  }
  return { ...(policy as Omit<ItPolicy, 'problems'>), ...(problems.length ? { problems } : {}) };
}

/** Bytes to text: UTF-8 (with or without a byte order mark) or UTF-16 with its byte order mark. */
export function decodePolicyBytes(bytes: Buffer): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    const swapped = Buffer.from(bytes.subarray(2));
    swapped.swap16();
    return swapped.toString('utf16le');
  }
  return bytes.toString('utf8');
}

export interface PolicyFs {
  readFile(path: string): Buffer;
}

const nodeFs: PolicyFs = { readFile: (p) => readFileSync(p) };

/** Reads the policy file at `file`. No file: no policy (most computers). Never throws. */
export function readPolicy(file: string, fs: PolicyFs = nodeFs): ItPolicy {
  let bytes: Buffer;
  try {
    bytes = fs.readFile(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException | null)?.code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return {};
    return { problems: [msg('unreadable', { file, reason: code ?? (err instanceof Error ? err.message : String(err)) })] };
  }
  if (bytes.length > MAX_POLICY_BYTES) return { problems: [msg('tooLarge', { file, max: MAX_POLICY_BYTES / 1024 })] };
  return parsePolicy(decodePolicyBytes(bytes), file);
}

/** The policy as the preload passes it to the page: only the known keys, as JSON. */
export function policyForPage(policy: ItPolicy): ItPolicy {
  const out: Record<string, unknown> = {};
  for (const k of KEY_NAMES) if (policy[k] !== undefined) out[k] = policy[k];
  if (policy.problems?.length) out.problems = [...policy.problems];
  return out as ItPolicy;
}

/**
 * The core, behind a check of the policy's lock time: a school setting longer than IT allows is refused here, in the
 * main process, with the same message the Settings screen shows, whatever the page sent. (The page also locks at
 * the shorter of the two, so a school time saved before the policy arrived is capped too.)
 */
export function policyGuard(invoker: Invoker, policy: ItPolicy): Invoker {
  const cap = policy.lockAfterMinutes;
  if (cap === undefined) return invoker;
  return {
    invoke(envelope: unknown, opts?: { readonly operation?: string }) {
      const tooLong = lockMinutesOver(envelope, cap);
      if (tooLong) {
        const message = t('desktop.policy.lockTooLong', { max: cap });
        return Promise.resolve(fail({ code: 'invalid_input', message, fields: { [tooLong]: message } }));
      }
      return invoker.invoke(envelope, opts);
    },
    // Long work's cancel goes straight through: it changes nothing the policy governs.
    cancel: invoker.cancel ? (operation: string) => invoker.cancel?.(operation) ?? false : undefined,
  };
}

/** The field path of a lock time above `cap` in a school.update or setup.initialise envelope, or null. */
function lockMinutesOver(envelope: unknown, cap: number): string | null {
  if (typeof envelope !== 'object' || envelope === null) return null;
  const { op, input } = envelope as { op?: unknown; input?: unknown };
  const field = (o: unknown): unknown => (typeof o === 'object' && o !== null ? (o as Record<string, unknown>).autoLockMinutes : undefined);
  const over = (v: unknown): boolean => typeof v === 'number' && v > cap;
  if (op === 'school.update' && over(field(input))) return 'autoLockMinutes';
  if (op === 'setup.initialise' && typeof input === 'object' && input !== null && over(field((input as Record<string, unknown>).school)))
    return 'school.autoLockMinutes';
  return null;
}
