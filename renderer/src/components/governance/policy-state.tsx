/** A policy's review state in words with an icon ("Review overdue: was due 14/03/2026"), not by colour alone. */
import { useTranslation } from 'react-i18next';
import Box from '@mui/material/Box';
import CheckCircleOutlineOutlined from '@mui/icons-material/CheckCircleOutlineOutlined';
import ErrorOutlineOutlined from '@mui/icons-material/ErrorOutlineOutlined';
import ScheduleOutlined from '@mui/icons-material/ScheduleOutlined';
import type { PolicyRecord } from '../../../../shared/contract';
import { formatLongDate } from '../../../../shared/dates';

const ICON = {
  ok: <CheckCircleOutlineOutlined fontSize="inherit" aria-hidden />,
  due_soon: <ScheduleOutlined fontSize="inherit" aria-hidden />,
  overdue: <ErrorOutlineOutlined fontSize="inherit" aria-hidden />,
} as const;
const COLOUR = { ok: 'success.main', due_soon: 'warning.main', overdue: 'error.main' } as const;

export function PolicyStateText({ policy }: { readonly policy: Pick<PolicyRecord, 'state' | 'nextReviewDate'> }) {
  const { t } = useTranslation();
  return (
    <Box
      component="span"
      data-state={policy.state}
      sx={{
        display: 'inline-flex',
        alignItems: 'center',
        gap: 0.5,
        color: COLOUR[policy.state],
        fontWeight: policy.state === 'ok' ? 400 : 600,
      }}
    >
      {ICON[policy.state]}
      {t(`staffUi.policies.state.${policy.state}`, { date: formatLongDate(policy.nextReviewDate) })}
    </Box>
  );
}
