/** Small pieces of the complaints and feedback screens: the "Late" marker and a complaint's step, in words with icons. */
import { useTranslation } from 'react-i18next';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import ErrorOutlineOutlined from '@mui/icons-material/ErrorOutlineOutlined';
import type { FeedbackRecord } from '../../../../shared/contract';
import { formatLongDate } from '../../../../shared/dates';
import type { LateReason } from './feedback-model';

/** "Late: not acknowledged within 2 working days" — the word, an icon, and why. */
export function LateMarker({ reasons }: { readonly reasons: readonly LateReason[] }) {
  const { t } = useTranslation();
  return (
    <Box
      component="span"
      data-testid="late-marker"
      sx={{ display: 'inline-flex', alignItems: 'flex-start', gap: 0.5, color: 'error.main', fontWeight: 600 }}
    >
      <ErrorOutlineOutlined fontSize="small" aria-hidden sx={{ mt: '0.1em' }} />
      <span>
        {t('staffUi.feedback.late')}
        {reasons.length ? (
          <Typography component="span" variant="body2" sx={{ fontWeight: 400, display: 'block' }}>
            {reasons.map((r) => t(`staffUi.feedback.lateReasons.${r}`)).join(' ')}
          </Typography>
        ) : null}
      </span>
    </Box>
  );
}

/** A complaint's stage and step, and the acknowledge-by and respond-by dates while they matter. */
export function ComplaintProgress({ record, reasons }: { readonly record: FeedbackRecord; readonly reasons: readonly LateReason[] }) {
  const { t } = useTranslation();
  const open = record.status !== 'closed';
  return (
    <Box sx={{ display: 'grid', gap: 0.25 }}>
      <Typography variant="body2" sx={{ fontWeight: 500 }} data-testid="complaint-status">
        {t(`staffUi.feedback.status.${record.status}`)}
      </Typography>
      {record.stage ? (
        <Typography variant="body2" color="text.secondary">
          {t(`staffUi.feedback.stagesShort.${record.stage}`)}
        </Typography>
      ) : null}
      {open && !record.acknowledgedDate && record.acknowledgeBy ? (
        <Typography variant="body2">{t('staffUi.feedback.acknowledgeBy', { date: formatLongDate(record.acknowledgeBy) })}</Typography>
      ) : null}
      {open && !record.respondedDate && !record.escalatedDate && record.respondBy ? (
        <Typography variant="body2">{t('staffUi.feedback.respondBy', { date: formatLongDate(record.respondBy) })}</Typography>
      ) : null}
      {record.late ? <LateMarker reasons={reasons} /> : null}
    </Box>
  );
}
