/**
 * A plan's length in words, exactly as the 12-to-36-week rule counts it (shared/therapy.ts planLength): whole weeks
 * and the days left over, never rounded. "12 weeks", "11 weeks and 4 days", "36 weeks and 1 day".
 */
import { t } from './i18n';
import { planLength } from './therapy';

export function planLengthText(start: string, end: string): string {
  const { weeks, extraDays } = planLength(start, end);
  const w = t('therapyRules.length.weeks', { count: weeks });
  if (extraDays === 0) return w;
  const d = t('therapyRules.length.days', { count: extraDays });
  return weeks === 0 ? d : t('therapyRules.length.weeksDays', { weeks: w, days: d });
}
