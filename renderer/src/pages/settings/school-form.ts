import { z } from 'zod';
import { autoLockMinutes, schoolInput } from '../../../../shared/contract';
import { t as translate } from '../../../../shared/i18n';

/**
 * The lock time is typed as text (a number box would change with the mouse wheel) and read as a whole number; in the
 * desktop app it is at most what the school's IT allows (the policy file), which the main process also enforces.
 */
export function schoolFormFor(maxLockMinutes?: number) {
  return schoolInput.omit({ autoLockMinutes: true }).extend({
    autoLockMinutes: z
      .string()
      .trim()
      .refine((v) => /^\d{1,2}$/.test(v) && autoLockMinutes.safeParse(Number(v)).success, {
        error: () => translate('validation.autoLockMinutes'),
      })
      .refine((v) => maxLockMinutes === undefined || !/^\d{1,2}$/.test(v) || Number(v) <= maxLockMinutes, {
        error: () => translate('desktop.policy.lockTooLong', { max: maxLockMinutes }),
      }),
  });
}
