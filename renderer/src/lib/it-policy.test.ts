import { describe, expect, it } from 'vitest';
import { effectiveLockMinutes, hasPolicy, itPolicy } from './it-policy';

describe('the IT policy in the page', () => {
  it('locks at the school’s minutes, but never later than IT allows', () => {
    expect(effectiveLockMinutes(15, {})).toBe(15);
    expect(effectiveLockMinutes(15, { lockAfterMinutes: 5 })).toBe(5);
    expect(effectiveLockMinutes(3, { lockAfterMinutes: 5 })).toBe(3);
  });

  it('is empty outside the desktop app (the browser edition, tests)', () => {
    expect(itPolicy()).toEqual({});
    expect(hasPolicy({})).toBe(false);
    expect(hasPolicy({ disableUpdates: false })).toBe(true);
    expect(hasPolicy({ problems: ['x'] })).toBe(true);
  });
});
