/**
 * The screen lock's inactivity timer, kept free of React and the DOM so it can be tested with a fake clock.
 *
 * Activity (a key, the pointer, the wheel, a touch) is recorded at most once per `throttleMs`, so a moving mouse
 * costs a comparison, not a timer. One timeout is pending at a time: when it fires it checks how long it has been
 * since the last activity, and either calls `onIdle` (once; the timer then stops) or waits for the rest.
 *
 * While the user is active, `keepAlive` is called at most once per `keepAliveMs` so the core, which locks a
 * session that has made no request for the school's minutes, does not lock someone who is busy typing a long note.
 */
export interface IdleClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface IdleTimerOptions {
  readonly timeoutMs: number;
  readonly onIdle: () => void;
  readonly throttleMs?: number;
  readonly keepAlive?: () => void;
  readonly keepAliveMs?: number;
  readonly clock?: IdleClock;
}

export interface IdleTimer {
  /** Something happened in the window (cheap to call on every event). */
  activity(): void;
  /** Checks now, e.g. when the window becomes visible again after the computer slept. */
  check(): void;
  stop(): void;
  /** True once `onIdle` has been called or the timer was stopped. */
  readonly stopped: boolean;
}

export const browserClock: IdleClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => window.setTimeout(fn, ms),
  clearTimeout: (handle) => window.clearTimeout(handle as number),
};

/** How often an active user's session is kept alive: half the lock time, at most once a minute. */
export function keepAliveInterval(timeoutMs: number): number {
  return Math.max(1_000, Math.min(60_000, Math.floor(timeoutMs / 2)));
}

export function createIdleTimer(options: IdleTimerOptions): IdleTimer {
  const { timeoutMs, onIdle, throttleMs = 1_000, keepAlive, keepAliveMs = keepAliveInterval(timeoutMs), clock = browserClock } = options;
  let last = clock.now();
  let lastKeepAlive = last;
  let handle: unknown = null;
  let stopped = false;

  const schedule = (ms: number) => {
    if (handle !== null) clock.clearTimeout(handle);
    handle = clock.setTimeout(check, Math.max(0, ms));
  };

  function check(): void {
    if (stopped) return;
    handle = null;
    const idleFor = clock.now() - last;
    if (idleFor >= timeoutMs) {
      stopped = true;
      onIdle();
    } else {
      schedule(timeoutMs - idleFor);
    }
  }

  schedule(timeoutMs);

  return {
    activity() {
      if (stopped) return;
      const now = clock.now();
      if (now - last < throttleMs) return;
      // A check that is overdue (the computer slept, timers were held back) wins over the event that woke it.
      if (now - last >= timeoutMs) {
        check();
        return;
      }
      last = now;
      if (keepAlive && now - lastKeepAlive >= keepAliveMs) {
        lastKeepAlive = now;
        keepAlive();
      }
    },
    check,
    stop() {
      stopped = true;
      if (handle !== null) clock.clearTimeout(handle);
      handle = null;
    },
    get stopped() {
      return stopped;
    },
  };
}
