/**
 * Which school server this desk connects to (issue 16, item 2), and the Settings card that changes it.
 *
 * The school's IT sets it for every user of a computer in the policy file (policy.ts: "schoolServer" and
 * "schoolServerFingerprint"), which wins; otherwise the SENCo sets it in Settings › School, stored in the desktop
 * settings (settings.ts, electron-store) only once a test reached the server with exactly that certificate
 * (electron/connect/pinned.ts `probeServer`). `connectionSettings` is what main.ts reads at start to decide between a
 * standalone desk and a connected one; a change in Settings takes effect at the next start.
 *
 * Only the SENCo may change it: the page sends its session, and the main process asks the core who that is
 * (auth.me), so a page cannot claim a role. Nothing here holds a password or a database key: an address and the
 * fingerprint of a public certificate.
 */
import type { IpcMain } from 'electron';
import type { ConnectionSaveRequest, ConnectionView, ItPolicy } from '../../shared/desktop-api';
import { t } from '../../shared/i18n';
import { fail, ok, type Result } from '../../shared/result';
import { formatFingerprint, parseFingerprint, parseServerAddress, type ProbeResult } from '../connect/pinned';
import { CONNECTION_CLEAR_CHANNEL, CONNECTION_GET_CHANNEL, CONNECTION_SAVE_CHANNEL } from './channels';
import { isTrustedSender, senderInfo, UNTRUSTED_SENDER, type Invoker, type SenderInfo } from './ipc';
import type { SettingsStore } from './settings';

/** The connection in force, for main.ts: null address/fingerprint when standalone (or the policy is incomplete). */
export interface ConnectionSettings {
  readonly source: 'policy' | 'settings' | 'none';
  /** The server's origin ("https://senco-server.school.local:8443"). */
  readonly address: string | null;
  /** Its certificate's SHA-256 fingerprint, 64 hex digits upper case (as PinnedClient takes it). */
  readonly fingerprint: string | null;
}

/**
 * The connection to use: IT's policy when it names a server (both keys needed: an address without a fingerprint
 * cannot be reached safely, so the desk stays standalone and Settings says why), else the SENCo's saved one, else
 * none. Start a connected desk only when address and fingerprint are both set.
 */
export function connectionSettings(policy: ItPolicy, settings: Pick<SettingsStore, 'get'>): ConnectionSettings {
  if (policy.schoolServer !== undefined) {
    const address = parseServerAddress(policy.schoolServer)?.origin ?? null;
    const fingerprint = policy.schoolServerFingerprint !== undefined ? parseFingerprint(policy.schoolServerFingerprint) : null;
    return { source: 'policy', address, fingerprint: address ? fingerprint : null };
  }
  const saved = settings.get('schoolServer');
  if (saved) return { source: 'settings', address: saved.address, fingerprint: saved.fingerprint };
  return { source: 'none', address: null, fingerprint: null };
}

/** True when the desk should connect: an address and a fingerprint. */
export function isConnected(c: ConnectionSettings): c is ConnectionSettings & { readonly address: string; readonly fingerprint: string } {
  return c.address !== null && c.fingerprint !== null;
}

/** As the page shows it: the fingerprint in the "AB:CD:…" form the server prints. */
export function connectionView(c: ConnectionSettings): ConnectionView {
  return {
    source: c.source,
    address: c.address,
    fingerprint: c.fingerprint ? formatFingerprint(c.fingerprint) : null,
    complete: c.source === 'none' || isConnected(c),
  };
}

export interface ConnectionDeps {
  readonly policy: ItPolicy;
  readonly settings: SettingsStore;
  /** probeServer from electron/connect/pinned.ts (a fake in tests). */
  readonly probe: (address: string, fingerprint: string) => Promise<ProbeResult>;
  /** The role of the user signed in with this session, or null (no session, ended, locked). */
  readonly roleOf: (session: string | null) => Promise<string | null>;
}

/** Asks the core who a session belongs to (auth.me through its dispatcher, like any page request). */
export function roleFromCore(invoker: Pick<Invoker, 'invoke'>): (session: string | null) => Promise<string | null> {
  return async (session) => {
    if (typeof session !== 'string' || session.length === 0 || session.length > 512) return null;
    const r = await invoker.invoke({ op: 'auth.me', input: {}, session }).catch(() => null);
    if (!r || !r.ok) return null;
    const info = r.value as { user?: { role?: unknown }; locked?: unknown } | null;
    return info && info.locked !== true && typeof info.user?.role === 'string' ? info.user.role : null;
  };
}

async function guard(deps: ConnectionDeps, session: unknown): Promise<Result<never> | null> {
  if ((await deps.roleOf(typeof session === 'string' ? session : null)) !== 'senco') {
    return fail({ code: 'forbidden', message: t('connectedUi.server.onlySenco') });
  }
  if (deps.policy.schoolServer !== undefined) return fail({ code: 'forbidden', message: t('connectedUi.server.setByItRefused') });
  return null;
}

/** Tests the server with the fingerprint given and saves both only when the test succeeded; nothing saved otherwise. */
export async function saveConnection(
  deps: ConnectionDeps,
  request: unknown,
): Promise<Result<{ readonly connection: ConnectionView; readonly version: string }>> {
  const req = (typeof request === 'object' && request !== null ? request : {}) as Partial<ConnectionSaveRequest>;
  const refused = await guard(deps, req.session);
  if (refused) return refused;
  const address = typeof req.address === 'string' ? req.address.slice(0, 2048) : '';
  const fingerprint = typeof req.fingerprint === 'string' ? req.fingerprint.slice(0, 400) : '';
  const fields: Record<string, string> = {};
  if (!address.trim()) fields.address = t('connectedUi.server.addressRequired');
  if (!fingerprint.trim()) fields.fingerprint = t('connectedUi.server.fingerprintRequired');
  if (Object.keys(fields).length) return fail({ code: 'invalid_input', message: Object.values(fields).join(' '), fields });
  const probed = await deps.probe(address, fingerprint);
  if (!probed.ok) {
    const field = probed.code === 'untrusted' ? 'fingerprint' : 'address';
    return fail({
      code: probed.code === 'untrusted' ? 'server_untrusted' : 'invalid_input',
      message: probed.message,
      fields: { [field]: probed.message },
    });
  }
  // The probe accepted both, so both parse.
  const origin = (parseServerAddress(address) as URL).origin;
  deps.settings.set('schoolServer', { address: origin, fingerprint: parseFingerprint(fingerprint) as string });
  return ok({ connection: connectionView(connectionSettings(deps.policy, deps.settings)), version: probed.version });
}

/** Stops using the server saved in Settings (the desk is standalone from the next start). */
export async function clearConnection(deps: ConnectionDeps, session: unknown): Promise<Result<ConnectionView>> {
  const refused = await guard(deps, session);
  if (refused) return refused;
  deps.settings.set('schoolServer', null);
  return ok(connectionView(connectionSettings(deps.policy, deps.settings)));
}

/** The card's three requests, from the app's own window only. */
export function handleConnection(deps: ConnectionDeps, sender: SenderInfo, channel: string, payload: unknown): Promise<unknown> {
  if (!isTrustedSender(sender))
    return Promise.resolve(
      channel === CONNECTION_GET_CHANNEL ? connectionView({ source: 'none', address: null, fingerprint: null }) : UNTRUSTED_SENDER,
    );
  if (channel === CONNECTION_SAVE_CHANNEL) return saveConnection(deps, payload);
  if (channel === CONNECTION_CLEAR_CHANNEL) return clearConnection(deps, payload);
  return Promise.resolve(connectionView(connectionSettings(deps.policy, deps.settings)));
}

export function registerConnectionHandlers(ipcMain: Pick<IpcMain, 'handle'>, deps: ConnectionDeps): void {
  for (const channel of [CONNECTION_GET_CHANNEL, CONNECTION_SAVE_CHANNEL, CONNECTION_CLEAR_CHANNEL]) {
    ipcMain.handle(channel, (event, payload: unknown) => handleConnection(deps, senderInfo(event), channel, payload));
  }
}
