/**
 * Settings › Provision costs, as typed: each hourly rate and the threshold in pounds ("18.50", "£6,000"), turned into
 * whole pence for the core (provision.rates.set / provision.threshold.set), or a message in words saying what to put right.
 */
import { DELIVERY_ROLES, MAX_HOURLY_PENCE, MAX_THRESHOLD_PENCE, type DeliveryRole } from '../../../../shared/provision';
import { t } from '../../../../shared/i18n';

/** Pounds as typed → pence; null when empty; 'invalid' when not an amount of money. */
export function poundsToPence(raw: string): number | null | 'invalid' {
  const s = raw
    .trim()
    .replace(/^£/, '')
    .replace(/,(?=\d{3}(\D|$))/g, '');
  if (s === '') return null;
  if (!/^\d{1,7}(\.\d{1,2})?$/.test(s)) return 'invalid';
  const [whole, part = ''] = s.split('.');
  return Number(whole) * 100 + Number(part.padEnd(2, '0'));
}

/** Pence → pounds as the field shows them: "18.50", "6000.00". */
export const penceToPounds = (pence: number | null) => (pence === null ? '' : (pence / 100).toFixed(2));

export interface CostsForm {
  readonly rates: Readonly<Record<DeliveryRole, string>>;
  readonly threshold: string;
  /** True: the school uses the national £6,000 (no threshold of its own). */
  readonly useDefault: boolean;
}

export type CostsResult =
  | { readonly ok: true; readonly rates: { role: DeliveryRole; hourlyPence: number | null }[]; readonly thresholdPence: number | null }
  | { readonly ok: false; readonly errors: Readonly<Record<string, string>> };

/** Every field checked at once: the core is asked only when all of it is right (so nothing is half saved). */
export function readCosts(form: CostsForm): CostsResult {
  const errors: Record<string, string> = {};
  const rates = DELIVERY_ROLES.map((role) => {
    const pence = poundsToPence(form.rates[role]);
    if (pence === 'invalid') errors[`rate.${role}`] = t('catalogueUi.costs.notMoney');
    else if (pence === 0) errors[`rate.${role}`] = t('catalogueUi.costs.rateZero');
    else if (pence !== null && pence > MAX_HOURLY_PENCE) errors[`rate.${role}`] = t('catalogueUi.costs.rateTooBig');
    return { role, hourlyPence: typeof pence === 'number' ? pence : null };
  });
  let thresholdPence: number | null = null;
  if (!form.useDefault) {
    const pence = poundsToPence(form.threshold);
    if (pence === null) errors.threshold = t('catalogueUi.costs.thresholdEmpty');
    else if (pence === 'invalid') errors.threshold = t('catalogueUi.costs.notMoney');
    else if (pence > MAX_THRESHOLD_PENCE) errors.threshold = t('catalogueUi.costs.thresholdTooBig');
    else thresholdPence = pence;
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, rates, thresholdPence };
}
