/**
 * A desk connected to the school server (issue 16, items 2 and 3). It stands where a standalone desk's core stands
 * (the Electron shell's IPC handler, the browser edition's host), takes the same envelopes and answers the same
 * Results, but the records live on the server:
 *
 * Online, every envelope goes to the server's dispatcher over pinned HTTPS (pinned.ts), which validates, authorises,
 * scopes and audits it exactly as at a standalone desk. The renderer holds a token of this desk's own; the server's
 * session token stays here, in memory.
 *
 * The replica (replica.ts): while online, every answer the server gives a signed-in user to a scoped read is kept in
 * that user's encrypted replica; at sign-in the desk also fetches their own pupils' profiles, plans and sessions; and
 * every few seconds it asks the server's change feed (`sync.changes`) what changed since its cursor and fetches again
 * only what is about those pupils (never a full download). The same poll is how what a colleague did elsewhere
 * reaches this desk within seconds: `desk.status.changes` goes up and the renderer refreshes.
 *
 * Offline (the server cannot be reached): sign-in opens the replica with the user's password; reads are answered
 * from it (sessions for any dates from the sessions it holds); what a classroom needs to write (recording a
 * session: attendance, minutes, notes, GAS ratings; raising a safeguarding concern) is checked against the contract,
 * queued in the outbox with an idempotency key, and shown at once; anything else says it needs the server.
 * When the server answers again the outbox is sent in order, concerns first, each with its key, so a replay cut off
 * and repeated writes everything once; what the server refuses goes to the "Could not be sent" list with the input
 * kept. Nothing is dropped silently.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import {
  contract,
  isOpName,
  type Concern,
  type DeskStatus,
  type OutboxItem,
  type SessionInfo,
  type SessionView,
} from '../../shared/contract';
import { t } from '../../shared/i18n';
import { fail, ok, type AppError, type Result } from '../../shared/result';
import { zodToAppError } from '../../shared/validation';
import { writeFileAtomic } from '../core/atomic-write';
import { PinnedClient, ServerUnreachable, ServerUntrusted, formatFingerprint } from './pinned';
import { Replica, ReplicaLocked, replicaId, replicasDir } from './replica';
import { pupilKey } from '../core/services/desk';
import { OPERATION_ID } from '../core/host/protocol';
import { academicYearOf } from '../core/services/calendar';
import { todayIso } from '../../shared/dates';
import { addDays } from '../../shared/date-only';

export interface ConnectedDeskOptions {
  /** The school server, e.g. https://senco-server.school.local:8443. */
  readonly server: string;
  /** Its certificate's SHA-256 fingerprint, as `senco-desk server` printed it. */
  readonly fingerprint: string;
  /** This desk's data folder: replicas/ (encrypted, one per user) and desk.json (the school's name, no pupil data). */
  readonly dataDir: string;
  readonly clock?: () => Date;
  /** How often the desk asks the change feed (online) or tries the server again (offline). Default 2 s. */
  readonly pollMs?: number;
  /** Where problems are noted (never pupil data). */
  readonly log?: (message: string, detail?: Record<string, unknown>) => void;
  /** How long one request may take before the server counts as unreachable (default 15 s). */
  readonly timeoutMs?: number;
  /** How long long work (an export, an import) may take on the server before the desk stops waiting (default 30 min). */
  readonly longWorkTimeoutMs?: number;
  /** How often the desk asks the server for long work's progress (default 0.5 s). */
  readonly progressPollMs?: number;
}

/** Long work's progress, as the server's core reports it (electron/core/operation.ts). */
export interface LongWorkProgress {
  readonly done: number;
  readonly total: number;
  readonly label: string;
}

/** What a classroom needs to write offline (issue 16, item 3). Everything else needs the server. */
export const OFFLINE_WRITES: ReadonlySet<string> = new Set(['sessions.record', 'safeguarding.raise']);

/** Reads never kept in a replica: not scoped (any pupil), or not records at all, or files made on request. */
const NEVER_KEPT: ReadonlySet<string> = new Set([
  'setup.status',
  'auth.me',
  'audit.list',
  'audit.verify',
  'exports.log',
  'exports.reviewPackPdf',
  'sessions.ics',
  'register.export',
  'reviews.pack',
  // A passport printed (issue 18, item 3) is a file made on request; the passport itself is kept (PUPIL_READS).
  'passports.pdf',
  // The provision map's CSV and prints (issue 18, item 2): files made on request.
  'provision.map.csv',
  'provision.map.pdf',
  'provision.funding.pdf',
  'transfers.preview',
  'transfers.identity',
  'sync.changes',
  // A user's own draft: kept in the replica's draft table when typed offline, never as a cached answer.
  'drafts.get',
  'drafts.list',
]);

/** Drafts (issue 17, item 3): offline, kept in the user's replica and sent when the server answers again. */
const DRAFT_OPS: ReadonlySet<string> = new Set(['drafts.get', 'drafts.list', 'drafts.save', 'drafts.discard']);

/** Per pupil: what a pupil's page asks for (the renderer's own inputs), fetched for the user's own pupils at sign-in. */
const PUPIL_READS: readonly { readonly op: string; readonly input: (pupilId: string) => Record<string, unknown> }[] = [
  { op: 'pupils.get', input: (id) => ({ id }) },
  { op: 'ipps.listForPupil', input: (pupilId) => ({ pupilId }) },
  { op: 'ehcp.listForPupil', input: (pupilId) => ({ pupilId }) },
  { op: 'bands.history', input: (pupilId) => ({ pupilId }) },
  { op: 'placements.listForPupil', input: (pupilId) => ({ pupilId }) },
  { op: 'progress.forPupil', input: (pupilId) => ({ pupilId }) },
  { op: 'reviews.listForPupil', input: (pupilId) => ({ pupilId }) },
  { op: 'referrals.list', input: (pupilId) => ({ pupilId }) },
  { op: 'sessions.stats', input: (pupilId) => ({ pupilId }) },
  { op: 'provision.delivered', input: (pupilId) => ({ pupilId }) },
  // The pupil's passport (issue 18, item 3): what a teacher most needs in a classroom with no network.
  { op: 'passports.get', input: (pupilId) => ({ pupilId }) },
];

/** Reads about no one pupil that show what others changed (lists, counts), fetched again when anything changes. */
const LIST_READS: ReadonlySet<string> = new Set([
  'pupils.list',
  'caseload.list',
  'practitioners.caseload',
  'sessions.list',
  'safeguarding.alerts',
  'register.summary',
  'reviews.list',
  'referrals.list',
]);

/** The most pupils whose records are fetched ahead at sign-in (a therapist's caseload is far smaller). */
const PREFETCH_PUPILS = 150;
/** Sessions fetched ahead: from four weeks back (records are often written up late) to six weeks on. */
const PREFETCH_BACK_DAYS = 28;
const PREFETCH_AHEAD_DAYS = 42;

interface DeskSession {
  readonly token: string;
  serverToken: string | null;
  readonly username: string;
  readonly info: Omit<SessionInfo, 'session' | 'locked'>;
  readonly replica: Replica;
  /** Kept in memory only while there is no server session (signed in offline), to sign in when the server returns. */
  password: string | null;
  locked: boolean;
  /** Operations of this session's user waiting for sign-in to the server (the password changed there meanwhile). */
  signInNeeded: boolean;
}

type Envelope = { op?: unknown; input?: unknown; session?: unknown };

export class ConnectedDesk {
  private readonly client: PinnedClient;
  private readonly clock: () => Date;
  private readonly sessions = new Map<string, DeskSession>();
  private mode: 'online' | 'offline' = 'online';
  private changes = 0;
  private lastContactAt: string | null = null;
  private timer: NodeJS.Timeout | null = null;
  private ticking: Promise<void> | null = null;
  private flushing: Promise<void> | null = null;
  private closed = false;
  private readonly deskFile: string;
  /** Work started in the background (the fetch ahead after a sign-in), for `idle()`. */
  private readonly background = new Set<Promise<void>>();
  /** Long work forwarded to the server: the page's operation id → the server's id for it and the session that started it. */
  private readonly longWork = new Map<string, { readonly serverId: string; readonly serverToken: string }>();
  private readonly progressListeners = new Set<(operation: string, p: LongWorkProgress) => void>();

  constructor(private readonly opts: ConnectedDeskOptions) {
    this.client = new PinnedClient(opts.server, opts.fingerprint, opts.timeoutMs ?? 15_000);
    this.clock = opts.clock ?? (() => new Date());
    mkdirSync(opts.dataDir, { recursive: true, mode: 0o700 });
    this.deskFile = join(opts.dataDir, 'desk.json');
  }

  private inBackground(work: Promise<void>): void {
    this.background.add(work);
    void work.finally(() => this.background.delete(work));
  }

  /** Resolves when no background work is running (tests; and closing). */
  async idle(): Promise<void> {
    while (this.background.size > 0 || this.ticking || this.flushing) {
      await Promise.allSettled([...this.background, this.ticking, this.flushing]);
    }
  }

  /** The server's address, as the banner names it. */
  get server(): string {
    return this.client.origin.origin;
  }

  /** Starts the background poll (the change feed online, the server's health offline). */
  start(): this {
    if (!this.timer && !this.closed) {
      this.timer = setInterval(() => void this.tick(), this.opts.pollMs ?? 2000);
      this.timer.unref();
    }
    return this;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.idle();
    for (const s of this.sessions.values()) s.replica.close();
    this.sessions.clear();
    this.client.close();
  }

  /**
   * One envelope from the renderer (the same shape a standalone core takes). With `operation` (the page's id for long
   * work: an export, a review pack, an import), the server reports its progress and the page can cancel it, as at a
   * standalone desk: the call is forwarded as long work, its progress polled from the server and passed on to
   * `onProgress` listeners, and `cancel(operation)` asks the server to stop it.
   */
  async invoke(envelope: unknown, opts: { readonly operation?: string } = {}): Promise<Result<unknown>> {
    const env = (envelope ?? {}) as Envelope;
    if (typeof env.op !== 'string' || !isOpName(env.op)) {
      // The server gives the same answer to an unknown operation as a standalone core; offline, this desk does.
      if (this.mode === 'online') return this.forwardRaw(envelope);
      return fail({ code: 'unknown_operation', message: t('errors.unknownOperation', { operation: String(env.op).slice(0, 100) }) });
    }
    const op = env.op;
    const token = typeof env.session === 'string' ? env.session : null;
    const session = token ? (this.sessions.get(token) ?? null) : null;
    const input = env.input ?? {};

    switch (op) {
      case 'desk.status':
        return ok(this.status(session));
      case 'desk.outbox.list':
        return session
          ? ok(session.replica.items((input as { waiting?: boolean }).waiting ? 'waiting' : 'failed') satisfies OutboxItem[])
          : this.notSignedIn();
      case 'desk.outbox.discard':
        return session ? ok({ discarded: session.replica.discard(String((input as { id?: unknown }).id ?? '')) }) : this.notSignedIn();
      case 'desk.outbox.resend':
        return session ? this.resend(session, input as { id?: unknown; input?: unknown }) : this.notSignedIn();
      case 'auth.signIn':
        return this.signIn(input as { username?: unknown; password?: unknown });
      case 'auth.signOut':
        if (session) await this.endSession(session);
        return token && !session ? this.notSignedIn() : ok(null);
      default:
        break;
    }
    if (token && !session) return this.notSignedIn();
    if (session?.locked && op !== 'auth.unlock') return fail({ code: 'session_locked', message: t('errors.sessionLocked') });

    if (this.mode === 'online' && (!session || session.serverToken)) {
      try {
        // A draft typed offline goes to the server before anything is asked of it about drafts.
        if (session && DRAFT_OPS.has(op)) await this.sendDrafts(session);
        const result =
          opts.operation && session?.serverToken
            ? await this.forwardLongWork(opts.operation, op, input, session.serverToken)
            : await this.forward(op, input, session?.serverToken ?? null);
        if (session) this.keep(session, op, input, result);
        if (op === 'setup.status' && result.ok) {
          const status = result.value as { schoolName: string | null; locked?: boolean };
          // A locked server (encrypted, before its first sign-in) says nothing about the name: keep the one remembered.
          if (!status.locked) this.rememberSchool(status.schoolName);
        }
        if (session && op === 'auth.changePassword' && result.ok)
          await this.rewrap(session, input as { currentPassword?: unknown; newPassword?: unknown });
        if (session && op === 'auth.lock' && result.ok) session.locked = true;
        if (session && op === 'auth.unlock' && result.ok) session.locked = false;
        if (session && op === 'auth.me' && result.ok) return ok({ ...(result.value as SessionInfo), session: session.token });
        if (session && op === 'auth.unlock' && result.ok) return ok({ ...(result.value as SessionInfo), session: session.token });
        return result;
      } catch (err) {
        if (err instanceof ServerUntrusted) return this.untrusted(err);
        if (!(err instanceof ServerUnreachable)) throw err;
        this.goOffline(err.reason);
      }
    }
    return this.offline(op, input, session);
  }

  // --- online -------------------------------------------------------------------------------------------------------

  private async forward(op: string, input: unknown, serverToken: string | null, idempotencyKey?: string): Promise<Result<unknown>> {
    return this.forwardRaw({ op, input, session: serverToken, ...(idempotencyKey ? { idempotencyKey } : {}) });
  }

  /** Long work (LongWorkHost, electron/test-host/server.ts): listeners for the progress the server reports. */
  onProgress(listener: (operation: string, p: LongWorkProgress) => void): () => void {
    this.progressListeners.add(listener);
    return () => void this.progressListeners.delete(listener);
  }

  /** Asks the server to stop long work this desk forwarded; false when no such work is running. */
  cancel(operation: string): boolean {
    const running = this.longWork.get(operation);
    if (!running) return false;
    // The answer comes as the operation's own result ("cancelled: nothing was saved"); a server that cannot be reached
    // finishes or abandons the work itself, and the page hears from the operation.
    void this.client.post('/api/cancel', { operation: running.serverId, session: running.serverToken }).catch(() => undefined);
    return true;
  }

  /**
   * Forwards long work under a fresh id of the desk's own (two desks' pages may choose the same one), polling the
   * server for its progress until it answers. It may run for minutes, so it waits longer than a quick request.
   */
  private async forwardLongWork(operation: string, op: string, input: unknown, serverToken: string): Promise<Result<unknown>> {
    if (!OPERATION_ID.test(operation) || this.longWork.has(operation)) {
      return fail({ code: 'invalid_input', message: t('connected.longWorkId') });
    }
    const serverId = randomUUID();
    this.longWork.set(operation, { serverId, serverToken });
    let polling = true;
    let lastLabel = '';
    let lastDone = -1;
    const poll = async () => {
      while (polling) {
        await new Promise((r) => setTimeout(r, this.opts.progressPollMs ?? 500));
        if (!polling) break;
        try {
          const res = await this.client.post('/api/progress', { operation: serverId, session: serverToken });
          const body = res.body as Result<LongWorkProgress | null> | null;
          const p = body && body.ok ? body.value : null;
          if (polling && p && (p.done !== lastDone || p.label !== lastLabel)) {
            lastDone = p.done;
            lastLabel = p.label;
            for (const listener of this.progressListeners) listener(operation, { done: p.done, total: p.total, label: p.label });
          }
        } catch {
          // A missed poll only delays the bar; the operation's own answer says whether the server could be reached.
        }
      }
    };
    const polled = poll();
    try {
      return await this.forwardRaw(
        { op, input, session: serverToken },
        { 'x-senco-operation': serverId },
        this.opts.longWorkTimeoutMs ?? 30 * 60_000,
      );
    } finally {
      polling = false;
      this.longWork.delete(operation);
      await polled;
    }
  }

  /** Sends one envelope; throws ServerUnreachable / ServerUntrusted; any answer that is not a Result is unreachable. */
  private async forwardRaw(envelope: unknown, headers: Record<string, string> = {}, timeoutMs?: number): Promise<Result<unknown>> {
    const res = await this.client.post('/api/invoke', envelope, headers, timeoutMs);
    const body = res.body as Result<unknown> | null;
    if (res.status === 503 || !body || typeof body !== 'object' || typeof (body as { ok?: unknown }).ok !== 'boolean') {
      throw new ServerUnreachable(
        res.status === 503 ? 'the server is stopping' : `an answer that was not SENCo Desk's (HTTP ${res.status})`,
      );
    }
    this.contact();
    return body;
  }

  private contact(): void {
    this.lastContactAt = this.clock().toISOString();
    if (this.mode === 'offline') {
      this.mode = 'online';
      this.opts.log?.('the school server answers again');
    }
  }

  private goOffline(reason: string): void {
    if (this.mode === 'online') this.opts.log?.('working offline: the school server cannot be reached', { reason });
    this.mode = 'offline';
  }

  private untrusted(err: ServerUntrusted): Result<never> {
    return fail({
      code: 'server_untrusted',
      message: t('connected.untrusted', { server: this.server, seen: err.seen ? formatFingerprint(err.seen) : '—' }),
    });
  }

  private async signIn(input: { username?: unknown; password?: unknown }): Promise<Result<unknown>> {
    const username = typeof input.username === 'string' ? input.username : '';
    const password = typeof input.password === 'string' ? input.password : '';
    if (this.mode === 'online') {
      try {
        const result = await this.forward('auth.signIn', input, null);
        if (!result.ok) return result;
        const value = result.value as SessionInfo & { recoveryKey?: string | null };
        const replica = await this.openReplica(value.user.username, value.user.id, password, true);
        const info = { user: value.user, school: value.school };
        replica.setMeta('signedIn', JSON.stringify(info));
        this.rememberSchool(value.school.name);
        const session = this.addSession({
          serverToken: value.session,
          username: value.user.username,
          info,
          replica,
          password: null,
          locked: value.locked,
        });
        // The cursor first (what changes from now on), then the user's own pupils fetched ahead, in the background.
        this.inBackground(this.prepare(session));
        return ok({ ...value, session: session.token });
      } catch (err) {
        if (err instanceof ServerUntrusted) return this.untrusted(err);
        if (!(err instanceof ServerUnreachable)) throw err;
        this.goOffline(err.reason);
      }
    }
    // Offline: the replica opens with the password, or it was not this user's.
    const id = replicaId(this.server, username);
    if (!username || !Replica.exists(this.opts.dataDir, id))
      return fail({ code: 'offline', message: t('connected.offlineNoCopy', { server: this.server }) });
    let unlocked: { userId: string };
    try {
      unlocked = await Replica.unlock(this.opts.dataDir, id, username, password);
    } catch (err) {
      if (err instanceof ReplicaLocked) return fail({ code: 'unauthenticated', message: t('connected.offlineWrongPassword') });
      throw err;
    }
    const replica = await this.openReplica(username, unlocked.userId, password, false);
    const info = replica.signedIn;
    if (!info) {
      replica.close();
      return fail({ code: 'offline', message: t('connected.offlineNoCopy', { server: this.server }) });
    }
    const session = this.addSession({ serverToken: null, username, info, replica, password, locked: false });
    return ok({ ...info, session: session.token, locked: false });
  }

  private async openReplica(username: string, userId: string, password: string, online: boolean): Promise<Replica> {
    const id = replicaId(this.server, username);
    try {
      return await Replica.open(this.opts.dataDir, id, { userId, username, password });
    } catch (err) {
      if (!(err instanceof ReplicaLocked) || !online) throw err;
      // The password changed on the server since this desk's copy was made: the old copy is set aside (what waits in
      // it is sent when the user signs in offline with the old password... which they no longer use), and a new one
      // made. Setting it aside rather than deleting keeps anything that was waiting recoverable by IT.
      const dir = replicasDir(this.opts.dataDir);
      const stamp = this.clock().toISOString().replace(/[:.]/g, '-');
      for (const ext of ['.db', '.keyring.json']) {
        const f = join(dir, `${id}${ext}`);
        if (existsSync(f)) renameSync(f, join(dir, `${id}.set-aside-${stamp}${ext}`));
      }
      return Replica.open(this.opts.dataDir, id, { userId, username, password });
    }
  }

  /** The password changed on the server: this desk's copy opens with the new one from now on. */
  private async rewrap(session: DeskSession, input: { currentPassword?: unknown; newPassword?: unknown }): Promise<void> {
    if (typeof input.currentPassword !== 'string' || typeof input.newPassword !== 'string') return;
    try {
      await Replica.rewrap(this.opts.dataDir, replicaId(this.server, session.username), {
        userId: session.info.user.id,
        username: session.username,
        oldPassword: input.currentPassword,
        password: input.newPassword,
      });
    } catch {
      // The copy was made with another password still: it is set aside at the next online sign-in.
      this.opts.log?.('could not re-key the offline copy after a password change');
    }
  }

  private addSession(s: Omit<DeskSession, 'token' | 'signInNeeded'>): DeskSession {
    // One desk session per user at a time: signing in again replaces the earlier one (and closes its replica).
    for (const other of [...this.sessions.values()]) {
      if (other.username.toLowerCase() === s.username.toLowerCase()) {
        this.sessions.delete(other.token);
        if (other.replica !== s.replica) other.replica.close();
      }
    }
    const session: DeskSession = { ...s, token: randomBytes(24).toString('base64url'), signInNeeded: false };
    this.sessions.set(session.token, session);
    this.start();
    return session;
  }

  private async endSession(session: DeskSession): Promise<void> {
    this.sessions.delete(session.token);
    if (session.serverToken && this.mode === 'online') {
      await this.forward('auth.signOut', {}, session.serverToken).catch(() => undefined);
    }
    // What waits stays in the replica and is sent when this user next signs in at this desk.
    await this.flushing?.catch(() => undefined);
    session.replica.close();
  }

  private notSignedIn(): Result<never> {
    return fail({ code: 'unauthenticated', message: t('errors.unauthenticated') });
  }

  /** Keeps a scoped read's answer (and the sessions in it) in the user's replica. */
  private keep(session: DeskSession, op: string, input: unknown, result: Result<unknown>): void {
    if (!result.ok || !isOpName(op)) return;
    const def = contract[op] as { kind: string; scoped?: false };
    if (op === 'sessions.record' || op === 'sessions.move' || op === 'sessions.get')
      this.keepSessions(session, [result.value as SessionView]);
    if (def.kind !== 'read' || def.scoped === false || NEVER_KEPT.has(op) || op.startsWith('desk.')) return;
    if (op === 'sessions.list') this.keepSessions(session, result.value as SessionView[]);
    session.replica.putAnswer(op, input, result.value, pupilOf(op, input), this.clock());
  }

  private keepSessions(session: DeskSession, views: readonly SessionView[]): void {
    if (Array.isArray(views)) session.replica.putSessions(views.filter((v) => v && typeof v.id === 'string' && typeof v.date === 'string'));
  }

  /** After an online sign-in: the change feed's cursor, then what is waiting, then the user's own pupils fetched ahead. */
  private async prepare(session: DeskSession): Promise<void> {
    try {
      if (session.replica.getMeta('cursor') === null) {
        const feed = await this.forward('sync.changes', { since: null }, session.serverToken);
        if (feed.ok) session.replica.setMeta('cursor', String((feed.value as { cursor: number }).cursor));
      }
      await this.flush();
      await this.prefetch(session);
    } catch (err) {
      if (err instanceof ServerUnreachable) this.goOffline(err.reason);
      else this.opts.log?.('could not fetch records ahead', { error: err instanceof Error ? err.name : 'unknown' });
    }
  }

  /** The user's own pupils (their scope's list, and the pupils of their sessions) with what their pages show. */
  private async prefetch(session: DeskSession): Promise<void> {
    const today = todayIso(this.clock());
    // sessions.list takes at most two months at a time: the range in windows of eight weeks.
    const windows: { from: string; to: string }[] = [];
    for (let start = -PREFETCH_BACK_DAYS; start < PREFETCH_AHEAD_DAYS; start += 56) {
      windows.push({ from: addDays(today, start), to: addDays(today, Math.min(start + 55, PREFETCH_AHEAD_DAYS)) });
    }
    const pupils = new Set<string>();
    const scoped = ['therapist', 'teacher'].includes(session.info.user.role);
    for (const range of windows) {
      const mine = await this.fetchKept(session, 'sessions.list', { ...range, practitionerId: session.info.user.id });
      if (mine?.ok) for (const v of mine.value as SessionView[]) for (const p of v.pupils) pupils.add(p.pupilId);
      if (scoped) await this.fetchKept(session, 'sessions.list', range);
    }
    // What every page needs: the school, its terms and calendar this year, the disciplines.
    const year = academicYearOf(today);
    // And the dashboard's worklist as the user opens it ("Mine": the input {}), so it reads offline too.
    for (const [op, input] of [
      ['school.get', {}],
      ['disciplines.list', {}],
      ['terms.list', { academicYear: year }],
      ['calendar.listDays', { academicYear: year }],
      ['dashboard.worklist', {}],
    ] as const) {
      await this.fetchKept(session, op, input);
    }
    if (scoped) {
      const list = await this.fetchKept(session, 'pupils.list', { page: 0, pageSize: 200, sort: 'name', direction: 'asc' });
      if (list?.ok) for (const r of (list.value as { rows: { id: string }[] }).rows) pupils.add(r.id);
    }
    for (const pupilId of [...pupils].slice(0, PREFETCH_PUPILS)) {
      for (const read of PUPIL_READS) {
        if (this.closed || !this.sessions.has(session.token)) return;
        await this.fetchKept(session, read.op, read.input(pupilId));
      }
    }
  }

  /** Asks the server and keeps the answer; a refusal (not this role's to read) is simply not kept. */
  private async fetchKept(session: DeskSession, op: string, input: unknown): Promise<Result<unknown> | null> {
    if (!session.serverToken) return null;
    const result = await this.forward(op, input, session.serverToken);
    this.keep(session, op, input, result);
    return result;
  }

  // --- the poll -----------------------------------------------------------------------------------------------------

  /** One turn of the background poll (also run by tests, rather than waiting for the timer). */
  tick(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.ticking ??= this.turn().finally(() => (this.ticking = null));
    return this.ticking;
  }

  private async turn(): Promise<void> {
    try {
      if (this.mode === 'offline') {
        const health = await this.client.get('/health', 5000);
        if (health.status !== 200) return;
        this.contact();
      }
      await this.flush();
      for (const session of [...this.sessions.values()]) await this.follow(session);
    } catch (err) {
      if (err instanceof ServerUnreachable || err instanceof ServerUntrusted) this.goOffline(err.message);
      else this.opts.log?.('the background poll failed', { error: err instanceof Error ? err.name : 'unknown' });
    }
  }

  /** The change feed for one user: what changed since the cursor is fetched again, and the renderer told. */
  private async follow(session: DeskSession): Promise<void> {
    if (!session.serverToken || session.locked) return;
    const since = session.replica.getMeta('cursor');
    const feed = await this.forward('sync.changes', { since: since === null ? null : Number(since) }, session.serverToken);
    if (!feed.ok) return;
    const { cursor, pupilKeys, all } = feed.value as { cursor: number; pupilKeys: string[]; all: boolean };
    session.replica.setMeta('cursor', String(cursor));
    if (!all && pupilKeys.length === 0) return;
    this.changes++;
    // The feed names no pupil: its keys are matched against the pupils this replica already holds.
    const keys = new Set(pupilKeys);
    const held = session.replica.pupilIds().filter((id) => keys.has(pupilKey(session.info.user.id, id)));
    await this.refresh(session, all ? 'all' : held);
  }

  /** Fetches again what the replica keeps about these pupils, and the lists. */
  private async refresh(session: DeskSession, pupilIds: readonly string[] | 'all'): Promise<void> {
    const kept = session.replica.answers(pupilIds).filter((a) => a.pupilId !== null || LIST_READS.has(a.op));
    for (const a of kept.slice(-200)) {
      if (this.closed || !this.sessions.has(session.token)) return;
      const result = await this.forward(a.op, a.input, session.serverToken);
      if (result.ok) this.keep(session, a.op, a.input, result);
      // No longer this user's to read (the pupil left their caseload): the copy goes too.
      else if (result.error.code === 'forbidden' || result.error.code === 'not_found') session.replica.dropAnswer(a.op, a.input);
    }
  }

  // --- the outbox ---------------------------------------------------------------------------------------------------

  /** Sends what waits, for every signed-in user, in order; one flush at a time. */
  flush(): Promise<void> {
    if (this.mode === 'offline') return Promise.resolve();
    this.flushing ??= this.sendAll().finally(() => (this.flushing = null));
    return this.flushing;
  }

  private async sendAll(): Promise<void> {
    for (const session of [...this.sessions.values()]) {
      const drafts = session.replica.drafts().length > 0;
      if (session.replica.counts().waiting === 0 && !drafts) continue;
      if (!session.serverToken && !(await this.signInAgain(session))) continue;
      if (drafts) await this.sendDrafts(session);
      for (const item of session.replica.waiting()) {
        if (this.closed || !this.sessions.has(session.token)) return;
        const result = await this.forward(item.op, item.input, session.serverToken, item.id);
        if (result.ok) {
          session.replica.sent(item.id);
          this.opts.log?.('sent an operation that waited', { op: item.op, waiting: session.replica.counts().waiting });
          this.keep(session, item.op, item.input, result);
          this.changes++;
          continue;
        }
        const code = result.error.code;
        if (code === 'unauthenticated' || code === 'session_locked' || code === 'password_change_required') {
          // Tried again at the next turn (an encrypted server that restarted answers "not signed in" until someone
          // signs in there and opens its records; then the same session works again), or once the user has signed
          // in again at this desk. Nothing is lost meanwhile.
          return;
        }
        if (code === 'internal') return;
        session.replica.failed(item.id, result.error);
        this.opts.log?.('the server refused an operation that waited: kept in "Could not be sent"', { op: item.op, code });
        this.changes++;
      }
    }
  }

  /** A user who signed in offline is signed in to the server when it returns, with the password given at the desk. */
  private async signInAgain(session: DeskSession): Promise<boolean> {
    if (!session.password) return false;
    const result = await this.forward('auth.signIn', { username: session.username, password: session.password }, null);
    if (!result.ok) {
      session.password = null;
      session.signInNeeded = true;
      return false;
    }
    const value = result.value as SessionInfo;
    session.serverToken = value.session;
    session.password = null;
    session.signInNeeded = false;
    if (session.replica.getMeta('cursor') === null) {
      const feed = await this.forward('sync.changes', { since: null }, session.serverToken);
      if (feed.ok) session.replica.setMeta('cursor', String((feed.value as { cursor: number }).cursor));
    }
    return true;
  }

  private async resend(session: DeskSession, input: { id?: unknown; input?: unknown }): Promise<Result<unknown>> {
    const id = typeof input.id === 'string' ? input.id : '';
    const item = session.replica.item(id);
    if (!item) return fail({ code: 'not_found', message: t('connected.outboxItemGone') });
    const corrected = input.input === undefined ? item.input : input.input;
    const checked = this.check(item.op, corrected);
    if (!checked.ok) return checked;
    // A corrected input is a new request: a new key, so the server does not answer with the earlier refusal.
    const newId = randomUUID();
    session.replica.retry(id, newId, corrected);
    if (this.mode === 'offline') return ok({ queued: true });
    await this.flush();
    const after = session.replica.item(newId);
    if (after?.error) return fail(after.error as AppError);
    if (after) return ok({ queued: true });
    return ok({ sent: true });
  }

  // --- offline ------------------------------------------------------------------------------------------------------

  private offline(op: string, input: unknown, session: DeskSession | null): Result<unknown> {
    if (op === 'setup.status') return ok({ needsSetup: false, schoolName: this.schoolName() });
    if (!session) return fail({ code: 'offline', message: t('connected.needsServer', { server: this.server }) });
    if (op === 'auth.me') return ok({ ...session.info, session: session.token, locked: session.locked });
    if (op === 'auth.lock') {
      session.locked = true;
      return ok(null);
    }
    if (op === 'auth.unlock') return fail({ code: 'offline', message: t('connected.offlineUnlock') });
    if (OFFLINE_WRITES.has(op)) return this.queue(session, op, input);
    if (DRAFT_OPS.has(op)) return this.draftOffline(session, op, input);
    const def = contract[op as keyof typeof contract] as { kind: string; scoped?: false };
    if (def.kind === 'read' && def.scoped !== false && !NEVER_KEPT.has(op)) {
      if (op === 'sessions.list') return this.sessionsOffline(session, input);
      if (op === 'sessions.get') {
        const view = session.replica.session(String((input as { id?: unknown }).id ?? ''));
        if (view) return ok(view);
      }
      const kept = session.replica.getAnswer(op, input);
      if (kept) return ok(kept.value);
      return fail({ code: 'offline', message: t('connected.notKept', { server: this.server }) });
    }
    return fail({ code: 'offline', message: t('connected.needsServer', { server: this.server }) });
  }

  /**
   * Drafts while the server cannot be reached: kept in the user's own encrypted replica (never the outbox: a draft is
   * replaced a few seconds after each change, and only the last one matters), read back from it, and sent to the
   * server by `sendDrafts` when it answers again. The replica holds only what this user typed about pupils the server
   * showed them.
   */
  private draftOffline(session: DeskSession, op: string, input: unknown): Result<unknown> {
    const checked = this.check(op, input);
    if (!checked.ok) return checked;
    if (op === 'drafts.list') {
      // The forms' drafts typed offline (the replica holds only this user's, about pupils the server showed them).
      const keys = [...new Set((checked.value as { keys: string[] }).keys)];
      return ok(keys.flatMap((k) => session.replica.getDraft(k) ?? []));
    }
    const d = checked.value as { key: string; pupilId: string | null; payload?: string };
    if (op === 'drafts.save') {
      const updatedAt = this.clock().toISOString();
      session.replica.putDraft({ key: d.key, pupilId: d.pupilId, payload: d.payload ?? '{}', updatedAt });
      return ok({ updatedAt });
    }
    const kept = session.replica.getDraft(d.key);
    const own = kept && kept.pupilId === d.pupilId ? kept : null;
    if (op === 'drafts.get') return ok(own);
    return ok({ discarded: own ? session.replica.dropDraft(d.key) : false });
  }

  /**
   * The drafts typed offline, sent to the server (each replaces the server's draft of the same form) and then dropped
   * here. One the server refuses (the pupil is no longer the user's to see) is dropped too: the desk keeps nothing
   * about a pupil the user may no longer see. An unreachable server leaves them for next time.
   */
  private async sendDrafts(session: DeskSession): Promise<void> {
    for (const d of session.replica.drafts()) {
      const result = await this.forward('drafts.save', { key: d.key, pupilId: d.pupilId, payload: d.payload }, session.serverToken);
      if (!result.ok && ['unauthenticated', 'session_locked', 'password_change_required', 'internal'].includes(result.error.code)) return;
      session.replica.dropDraft(d.key);
      if (!result.ok) this.opts.log?.('the server refused a draft typed offline: dropped', { code: result.error.code });
    }
  }

  /** The contract's own check of an input, as the server would make it (so a mistake is shown now, not on replay). */
  private check(op: string, input: unknown): Result<unknown> {
    if (!isOpName(op)) return fail({ code: 'unknown_operation', message: t('errors.unknownOperation', { operation: op }) });
    const parsed = contract[op].input.safeParse(input ?? {});
    return parsed.success ? ok(parsed.data) : fail(zodToAppError(parsed.error));
  }

  private queue(session: DeskSession, op: string, input: unknown): Result<unknown> {
    const checked = this.check(op, input);
    if (!checked.ok) return checked;
    const now = this.clock();
    const id = randomUUID();
    if (op === 'sessions.record') {
      const rec = checked.value as {
        sessionId: string;
        pupils: {
          pupilId: string;
          attendance: SessionView['pupils'][number]['attendance'];
          cancelledBy: SessionView['pupils'][number]['cancelledBy'];
          reason: string | null;
          deliveredMinutes: number | null;
          notes: string | null;
        }[];
      };
      const view = session.replica.session(rec.sessionId);
      if (!view) return fail({ code: 'offline', message: t('connected.notKept', { server: this.server }) });
      const recorded: SessionView = {
        ...view,
        pupils: view.pupils.map((p) => {
          const r = rec.pupils.find((x) => x.pupilId === p.pupilId);
          return r
            ? {
                ...p,
                attendance: r.attendance,
                cancelledBy: r.cancelledBy,
                reason: r.reason ?? null,
                deliveredMinutes: r.deliveredMinutes,
                notes: r.notes ?? null,
              }
            : p;
        }),
      };
      const shown: SessionView = { ...recorded, recorded: recorded.pupils.every((p) => p.attendance !== 'pending') };
      const first = view.pupils.find((p) => rec.pupils.some((r) => r.pupilId === p.pupilId));
      session.replica.enqueue({
        id,
        op,
        input,
        pupilId: rec.pupils.length === 1 ? rec.pupils[0]!.pupilId : null,
        pupilName: first?.name ?? null,
        priority: 1,
        queuedAt: now.toISOString(),
      });
      session.replica.putSessions([shown]);
      return ok(shown);
    }
    // safeguarding.raise: the first thing sent when the server answers again.
    const c = checked.value as { pupilId: string; happenedAt: string; what: string; childWords: string | null };
    const name = this.pupilName(session, c.pupilId);
    session.replica.enqueue({ id, op, input, pupilId: c.pupilId, pupilName: name, priority: 0, queuedAt: now.toISOString() });
    const concern: Concern = {
      id,
      pupilId: c.pupilId,
      pupilName: name ?? '',
      yearGroup: '',
      raisedBy: session.info.user.displayName,
      raisedByUserId: session.info.user.id,
      raisedAt: now.toISOString(),
      happenedAt: c.happenedAt,
      status: 'raised',
      what: c.what,
      childWords: c.childWords ?? null,
      acknowledgedAt: null,
      acknowledgedBy: null,
      cpomsReference: null,
      closedAt: null,
      closedBy: null,
      overdue: false,
      acknowledgeBy: '',
    };
    return ok(concern);
  }

  /** A pupil's name from what the replica holds (their profile, or a session of theirs). */
  private pupilName(session: DeskSession, pupilId: string): string | null {
    const profile = session.replica.getAnswer('pupils.get', { id: pupilId })?.value as { name?: string } | undefined;
    if (profile?.name) return profile.name;
    return null;
  }

  /** sessions.list from the sessions the replica holds, filtered as the server filters. */
  private sessionsOffline(session: DeskSession, input: unknown): Result<unknown> {
    const checked = this.check('sessions.list', input);
    if (!checked.ok) return checked;
    const q = checked.value as { from: string; to: string; practitionerId?: string; pupilId?: string; discipline?: string };
    const views = session.replica
      .sessionsBetween(q.from, q.to)
      .filter(
        (v) =>
          (!q.practitionerId || v.practitioners.some((p) => p.id === q.practitionerId)) &&
          (!q.pupilId || v.pupils.some((p) => p.pupilId === q.pupilId)) &&
          (!q.discipline || v.discipline === q.discipline),
      )
      .sort((a, b) => (a.date + a.startTime).localeCompare(b.date + b.startTime));
    return ok(views);
  }

  // --- status -------------------------------------------------------------------------------------------------------

  private status(session: DeskSession | null): DeskStatus {
    const counts = session ? session.replica.counts() : { waiting: 0, concernsWaiting: 0, failed: 0 };
    return {
      mode: this.mode,
      server: this.server,
      ...counts,
      changes: this.changes,
      sending: this.flushing !== null,
      lastContactAt: this.lastContactAt,
    };
  }

  private rememberSchool(name: string | null): void {
    // A trust's server names no school before sign-in (null): a name remembered from before is forgotten too.
    if (name !== this.schoolName()) writeFileAtomic(this.deskFile, JSON.stringify({ schoolName: name }, null, 2));
  }

  private schoolName(): string | null {
    try {
      return (JSON.parse(readFileSync(this.deskFile, 'utf8')) as { schoolName?: string }).schoolName ?? null;
    } catch {
      return null;
    }
  }
}

/** The pupil an operation's input is about, for the replica (and refreshing by the change feed). */
function pupilOf(op: string, input: unknown): string | null {
  const i = (input ?? {}) as { pupilId?: unknown; id?: unknown };
  if (typeof i.pupilId === 'string') return i.pupilId;
  if (op === 'pupils.get' && typeof i.id === 'string') return i.id;
  return null;
}
