import { describe, expect, it, vi } from 'vitest';
import { createIdleTimer, keepAliveInterval, type IdleClock } from './idle-timer';
import { isLockShortcut, isPrivacyShortcut } from '../lib/keys';
import { normaliseClasses } from '../lib/classes';

/** A clock whose time moves only when told, with the timeouts it holds. */
function fakeClock(): IdleClock & { advance(ms: number): void; pending(): number } {
  let now = 1_000_000;
  let seq = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  return {
    now: () => now,
    setTimeout(fn, ms) {
      seq += 1;
      timers.set(seq, { at: now + ms, fn });
      return seq;
    },
    clearTimeout(handle) {
      timers.delete(handle as number);
    },
    advance(ms) {
      const end = now + ms;
      for (;;) {
        const due = [...timers.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        timers.delete(due[0]);
        now = due[1].at;
        due[1].fn();
      }
      now = end;
    },
    pending: () => timers.size,
  };
}

describe('idle timer', () => {
  it('calls onIdle once after the time without activity, then stops', () => {
    const clock = fakeClock();
    const onIdle = vi.fn();
    const timer = createIdleTimer({ timeoutMs: 60_000, onIdle, clock });
    clock.advance(59_999);
    expect(onIdle).not.toHaveBeenCalled();
    clock.advance(1);
    expect(onIdle).toHaveBeenCalledTimes(1);
    expect(timer.stopped).toBe(true);
    clock.advance(120_000);
    timer.activity();
    expect(onIdle).toHaveBeenCalledTimes(1);
    expect(clock.pending()).toBe(0);
  });

  it('counts from the last activity, and keeps a single timeout pending however busy the user is', () => {
    const clock = fakeClock();
    const onIdle = vi.fn();
    const timer = createIdleTimer({ timeoutMs: 60_000, onIdle, clock });
    for (let i = 0; i < 50; i += 1) {
      clock.advance(1_000);
      timer.activity();
      expect(clock.pending()).toBe(1);
    }
    clock.advance(59_000);
    expect(onIdle).not.toHaveBeenCalled();
    clock.advance(1_000);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it('throttles activity: events closer together than the throttle do not move the deadline', () => {
    const clock = fakeClock();
    const onIdle = vi.fn();
    const timer = createIdleTimer({ timeoutMs: 10_000, throttleMs: 1_000, onIdle, clock });
    clock.advance(500);
    timer.activity(); // within the first second: ignored
    clock.advance(9_500);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it('locks when the check is overdue (the computer slept), even if an event arrives first', () => {
    const clock = fakeClock();
    const onIdle = vi.fn();
    const timer = createIdleTimer({ timeoutMs: 60_000, onIdle, clock: { ...clock, setTimeout: () => 0, clearTimeout: () => undefined } });
    clock.advance(5 * 60_000);
    timer.activity();
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it('stop() cancels the pending timeout', () => {
    const clock = fakeClock();
    const onIdle = vi.fn();
    const timer = createIdleTimer({ timeoutMs: 1_000, onIdle, clock });
    timer.stop();
    clock.advance(10_000);
    expect(onIdle).not.toHaveBeenCalled();
    expect(clock.pending()).toBe(0);
  });

  it('keeps an active session alive at most once per interval, and never while idle', () => {
    const clock = fakeClock();
    const keepAlive = vi.fn();
    const timer = createIdleTimer({ timeoutMs: 120_000, onIdle: vi.fn(), keepAlive, clock });
    expect(keepAliveInterval(120_000)).toBe(60_000);
    for (let i = 0; i < 100; i += 1) {
      clock.advance(1_500);
      timer.activity(); // 150 s of steady activity
    }
    expect(keepAlive).toHaveBeenCalledTimes(2);
    clock.advance(100_000); // idle: no keep-alive
    expect(keepAlive).toHaveBeenCalledTimes(2);
  });

  it('keeps the keep-alive interval between a second and a minute', () => {
    expect(keepAliveInterval(60_000)).toBe(30_000);
    expect(keepAliveInterval(60 * 60_000)).toBe(60_000);
    expect(keepAliveInterval(500)).toBe(1_000);
  });
});

describe('lock shortcut', () => {
  const base = { key: 'L', code: 'KeyL', ctrlKey: true, metaKey: false, shiftKey: true, altKey: false };
  it('is Ctrl+Shift+L (or Cmd+Shift+L), not Ctrl+L, and differs from the privacy shortcut', () => {
    expect(isLockShortcut(base)).toBe(true);
    expect(isLockShortcut({ ...base, ctrlKey: false, metaKey: true })).toBe(true);
    expect(isLockShortcut({ ...base, shiftKey: false, key: 'l' })).toBe(false);
    expect(isLockShortcut({ ...base, altKey: true })).toBe(false);
    expect(isPrivacyShortcut(base)).toBe(false);
  });
});

describe('normaliseClasses', () => {
  it('trims, drops blanks and keeps each class once, ignoring case', () => {
    expect(normaliseClasses([' 5R ', '5r', '', 'Oak  Class', 'oak class', '4B'])).toEqual(['5R', 'Oak Class', '4B']);
  });
});
