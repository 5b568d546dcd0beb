/**
 * An information mark beside a T-score that says, in words a parent understands, what the score means and how the
 * goals' weights count (shared/gas-words.ts): the same words as the review pack and the review form.
 */
import { useTranslation } from 'react-i18next';
import { InfoTip } from './info-tip';

export function TScoreHelp() {
  const { t } = useTranslation();
  return <InfoTip text={t('reviewsUi.list.tScoreHelp')} testId="t-score-help" ml={0.5} />;
}
