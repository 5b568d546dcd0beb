/**
 * The desktop app's own settings (not school data): where the window was, the interface language, which data
 * folder to open, and how many days of automatic backups to keep. Kept behind a small interface so the rules are tested with an in-memory store; the real
 * one (settings-store.ts) is electron-store, which can only load inside Electron.
 *
 * Everything read back is checked here rather than with electron-store's schema option, because a schema
 * violation there throws while loading, and a hand-edited or half-written settings file must not stop the app
 * from starting: a bad value is simply replaced by its default.
 */
import { isAbsolute } from 'node:path';
import { DEFAULT_KEEP_DAYS, parseKeepDays } from '../core/backup/retention';
import { parseFingerprint, parseServerAddress } from '../connect/pinned';

export interface WindowBounds {
  readonly x?: number;
  readonly y?: number;
  readonly width: number;
  readonly height: number;
  readonly maximised?: boolean;
}

/** The interface languages the app ships. UK English only for now (the app is for schools in England). */
export const SUPPORTED_LOCALES = ['en-GB'] as const;
export type Locale = (typeof SUPPORTED_LOCALES)[number];

/** The automatic daily backup (backup-scheduler.ts). Stored as `backup.keepDays` in settings.json. */
export interface BackupSettings {
  /** How many days' backups to keep: the newest of each of the last N days that have one (1 to 365). */
  readonly keepDays: number;
}

/** The school server the SENCo saved in Settings (connection.ts), after a test that succeeded. */
export interface SchoolServerSetting {
  /** The server's origin: https, host and port only ("https://senco-server.school.local:8443"). */
  readonly address: string;
  /** Its certificate's SHA-256 fingerprint as 64 hex digits, upper case. */
  readonly fingerprint: string;
}

export interface Settings {
  readonly windowBounds: WindowBounds | null;
  readonly locale: Locale;
  /** An absolute path to the data folder, or null for the default (the app's userData folder). */
  readonly dataDir: string | null;
  readonly backup: BackupSettings;
  /** Null: none saved (standalone, unless IT's policy sets one). */
  readonly schoolServer: SchoolServerSetting | null;
}

export const DEFAULT_SETTINGS: Settings = {
  windowBounds: null,
  locale: 'en-GB',
  dataDir: null,
  backup: { keepDays: DEFAULT_KEEP_DAYS },
  schoolServer: null,
};

export interface SettingsStore {
  get<K extends keyof Settings>(key: K): Settings[K];
  set<K extends keyof Settings>(key: K, value: Settings[K]): void;
}

/** Raw key-value storage: what electron-store (or a Map, in tests) provides. */
export interface RawStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
}

const MAX_COORD = 100_000;

function isCoord(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && Math.abs(v) <= MAX_COORD;
}

function isSize(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 100 && v <= MAX_COORD;
}

export function parseWindowBounds(v: unknown): WindowBounds | null {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return null;
  const o = v as Record<string, unknown>;
  if (!isSize(o.width) || !isSize(o.height)) return null;
  const hasPosition = isCoord(o.x) && isCoord(o.y);
  return {
    ...(hasPosition ? { x: o.x as number, y: o.y as number } : {}),
    width: o.width,
    height: o.height,
    maximised: o.maximised === true,
  };
}

export function parseLocale(v: unknown): Locale {
  return SUPPORTED_LOCALES.find((l) => l === v) ?? DEFAULT_SETTINGS.locale;
}

/** A data folder must be an absolute path without NUL characters; a relative path would depend on the working directory. */
export function parseDataDir(v: unknown): string | null {
  if (typeof v !== 'string' || v.length === 0 || v.length > 1024 || v.includes('\0') || !isAbsolute(v)) return null;
  return v;
}

/** A missing or bad `keepDays` (a hand edit: 0, "14", 10000) falls back to the default rather than to no backups. */
export function parseBackupSettings(v: unknown): BackupSettings {
  const o = typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  return { keepDays: parseKeepDays(o.keepDays) };
}

/**
 * A saved school server: an https origin without user or password, and a fingerprint of 64 hex digits. Anything else
 * (a hand edit, a half-written file) reads as none: the desk then works standalone rather than trusting a bad value.
 */
export function parseSchoolServer(v: unknown): SchoolServerSetting | null {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return null;
  const o = v as Record<string, unknown>;
  if (typeof o.address !== 'string' || typeof o.fingerprint !== 'string') return null;
  const address = parseServerAddress(o.address);
  const fingerprint = parseFingerprint(o.fingerprint);
  return address && fingerprint ? { address: address.origin, fingerprint } : null;
}

const parsers: { readonly [K in keyof Settings]: (v: unknown) => Settings[K] } = {
  windowBounds: parseWindowBounds,
  locale: parseLocale,
  dataDir: parseDataDir,
  backup: parseBackupSettings,
  schoolServer: parseSchoolServer,
};

/** A SettingsStore over any raw store: values are checked on the way in and on the way out. */
export function settingsOver(raw: RawStore): SettingsStore {
  return {
    get(key) {
      return parsers[key](raw.get(key));
    },
    set(key, value) {
      // Refuse to persist what could not be read back (the same rules apply both ways).
      const checked = parsers[key](value);
      raw.set(key, checked);
    },
  };
}

export function inMemorySettings(initial: Readonly<Record<string, unknown>> = {}): SettingsStore & { readonly raw: Map<string, unknown> } {
  const raw = new Map<string, unknown>(Object.entries(initial));
  return { ...settingsOver({ get: (k) => raw.get(k), set: (k, v) => void raw.set(k, v) }), raw };
}

/**
 * Which data folder to open: SENCO_DATA_DIR (tests, and IT staff running a second copy) wins, then the folder the
 * school's IT set in the machine-wide policy file (policy.ts), then the folder chosen in settings, then the default. The default is the app's userData folder, which main.ts points at the
 * same per-user folder the CLI uses (electron/core/data-dir.ts), so `senco-desk` commands find the app's data.
 */
export function chooseDataDir(
  env: NodeJS.ProcessEnv,
  settings: SettingsStore,
  userDataDir: string,
  policy: { readonly dataFolder?: string } = {},
): string {
  const fromEnv = parseDataDir(env.SENCO_DATA_DIR);
  return fromEnv ?? parseDataDir(policy.dataFolder) ?? settings.get('dataDir') ?? userDataDir;
}
