/** How the catalogue's screens say a provision's figures: sessions, hours, dates and group size, in words. */
import type { ProvisionRecord } from '../../../../shared/contract';
import { t } from '../../../../shared/i18n';

export const sessionsText = (p: Pick<ProvisionRecord, 'sessionsPerWeek' | 'minutesPerSession'>) =>
  t('catalogueUi.sessions', { count: p.sessionsPerWeek, minutes: p.minutesPerSession });

export const hoursText = (p: Pick<ProvisionRecord, 'hoursPerWeek'>) => t('catalogueUi.hours', { count: Number(p.hoursPerWeek.toFixed(2)) });

export const datesText = (p: { readonly startDate: string; readonly endDate: string | null }) =>
  p.endDate ? t('catalogueUi.fromTo', { from: p.startDate, to: p.endDate }) : t('catalogueUi.from', { date: p.startDate });

export const groupText = (n: number) => (n === 1 ? t('catalogueUi.oneToOne') : t('catalogueUi.groupOf', { count: n }));

/** Whether a provision has ended by `today` (its last day is before it). */
export const hasEnded = (p: { readonly endDate: string | null }, today: string) => p.endDate !== null && p.endDate < today;

/** A measure's value as typed: a number (a point for decimals), or empty for none; anything else is not a number. */
export function parseMeasure(raw: string): number | null | 'invalid' {
  const s = raw.trim();
  if (s === '') return null;
  return /^-?\d{1,7}(\.\d{1,4})?$/.test(s) ? Number(s) : 'invalid';
}
