import { describe, expect, it } from 'vitest';
import { DELIVERY_ROLES, type DeliveryRole } from '../../../../shared/provision';
import { penceToPounds, poundsToPence, readCosts } from './provision-costs-model';

const empty = Object.fromEntries(DELIVERY_ROLES.map((r) => [r, ''])) as Record<DeliveryRole, string>;

describe('provision costs as typed', () => {
  it('reads pounds and pence into whole pence, exactly', () => {
    expect(poundsToPence('18.5')).toBe(1850);
    expect(poundsToPence('£18.50')).toBe(1850);
    expect(poundsToPence('0.29')).toBe(29);
    expect(poundsToPence('6,000')).toBe(600_000);
    expect(poundsToPence(' ')).toBeNull();
    for (const bad of ['18.505', 'abc', '-3', '1.2.3', '£x']) expect(poundsToPence(bad), bad).toBe('invalid');
    expect(penceToPounds(1850)).toBe('18.50');
    expect(penceToPounds(null)).toBe('');
  });

  it('says in words what to put right, and asks the core nothing until all of it is right', () => {
    const bad = readCosts({
      rates: { ...empty, teaching_assistant: 'eighteen', teacher: '0', senco: '501' },
      threshold: '',
      useDefault: false,
    });
    expect(bad).toEqual({
      ok: false,
      errors: {
        'rate.teaching_assistant': 'Enter an amount in pounds and pence, for example 18.50.',
        'rate.teacher': 'An hourly rate must be more than £0.00. Leave it empty if the school does not cost this role.',
        'rate.senco': 'An hourly rate can be at most £500.00. Check the amount.',
        threshold: 'Enter the threshold in pounds, for example 6000, or choose “Use the national £6,000”.',
      },
    });
    const good = readCosts({ rates: { ...empty, teaching_assistant: '18.50' }, threshold: '7500', useDefault: false });
    expect(good.ok && good.rates.find((r) => r.role === 'teaching_assistant')).toEqual({ role: 'teaching_assistant', hourlyPence: 1850 });
    expect(good.ok && good.rates.filter((r) => r.hourlyPence === null)).toHaveLength(DELIVERY_ROLES.length - 1);
    expect(good.ok && good.thresholdPence).toBe(750_000);
    expect(readCosts({ rates: empty, threshold: 'rubbish', useDefault: true })).toMatchObject({ ok: true, thresholdPence: null });
  });
});
