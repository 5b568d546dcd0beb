/**
 * An information mark beside a T-score that says, in words a parent understands, what the score means and how the
 * goals' weights count (shared/gas-words.ts): the same words as the review pack and the review form.
 */
import Tooltip from '@mui/material/Tooltip';
import InfoOutlined from '@mui/icons-material/InfoOutlined';
import { useTranslation } from 'react-i18next';

export function TScoreHelp() {
  const { t } = useTranslation();
  const text = t('reviewsUi.list.tScoreHelp');
  return (
    <Tooltip title={text}>
      <InfoOutlined fontSize="small" tabIndex={0} aria-label={text} data-testid="t-score-help" sx={{ color: 'text.secondary', verticalAlign: 'middle', ml: 0.5 }} />
    </Tooltip>
  );
}
