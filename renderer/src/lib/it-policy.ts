/**
 * What the school's IT set in the machine-wide policy file, as the desktop app's preload passes it (the main
 * process read and checked it: electron/shell/policy.ts). The browser edition has no policy: {}.
 */
import type { ItPolicy } from '../../../shared/desktop-api';

export type { ItPolicy } from '../../../shared/desktop-api';

const NONE: ItPolicy = Object.freeze({});

export function itPolicy(): ItPolicy {
  return (typeof window === 'undefined' ? undefined : window.sencoDesk?.policy) ?? NONE;
}

/** The idle lock the app uses: the school's minutes, but never more than IT allows. */
export function effectiveLockMinutes(schoolMinutes: number, policy: ItPolicy): number {
  const cap = policy.lockAfterMinutes;
  return cap === undefined ? schoolMinutes : Math.min(schoolMinutes, cap);
}

/** True when the policy sets anything the Settings screen shows, or the file had problems. */
export function hasPolicy(policy: ItPolicy): boolean {
  return (
    policy.dataFolder !== undefined ||
    policy.lockAfterMinutes !== undefined ||
    policy.disableUpdates !== undefined ||
    policy.schoolServer !== undefined ||
    policy.schoolServerFingerprint !== undefined ||
    (policy.problems?.length ?? 0) > 0
  );
}
