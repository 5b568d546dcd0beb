import { useEffect, useRef } from 'react';
import { createIdleTimer } from './idle-timer';

/** What counts as someone using the window. */
const ACTIVITY_EVENTS = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart'] as const;

/**
 * Calls `onIdle` after `minutes` without keyboard, pointer, wheel or touch activity in the window (tracked with a
 * throttle, see idle-timer.ts), and `keepAlive` now and then while someone is active. Off while `enabled` is false
 * (the screen is locked); a new count starts when it is turned on again or the minutes change.
 */
export function useIdleLock({
  minutes,
  enabled,
  onIdle,
  keepAlive,
}: {
  readonly minutes: number;
  readonly enabled: boolean;
  readonly onIdle: () => void;
  readonly keepAlive?: () => void;
}): void {
  // The latest callbacks, without restarting the count whenever the caller re-renders.
  const callbacks = useRef({ onIdle, keepAlive });
  useEffect(() => {
    callbacks.current = { onIdle, keepAlive };
  }, [onIdle, keepAlive]);

  useEffect(() => {
    if (!enabled) return;
    const timer = createIdleTimer({
      timeoutMs: Math.max(1, minutes) * 60_000,
      onIdle: () => callbacks.current.onIdle(),
      keepAlive: () => callbacks.current.keepAlive?.(),
    });
    const onActivity = () => timer.activity();
    const onVisible = () => {
      if (document.visibilityState === 'visible') timer.check();
    };
    for (const name of ACTIVITY_EVENTS) window.addEventListener(name, onActivity, { capture: true, passive: true });
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      timer.stop();
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, onActivity, { capture: true });
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [minutes, enabled]);
}
