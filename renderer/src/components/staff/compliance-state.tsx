/**
 * A compliance item's state in words with an icon ("Expired 03/01/2026"), coloured as well but never by colour
 * alone; dates as dd/mm/yyyy. Prints in black.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import Box from '@mui/material/Box';
import CheckCircleOutlineOutlined from '@mui/icons-material/CheckCircleOutlineOutlined';
import ErrorOutlineOutlined from '@mui/icons-material/ErrorOutlineOutlined';
import HelpOutlineOutlined from '@mui/icons-material/HelpOutlineOutlined';
import RemoveOutlined from '@mui/icons-material/RemoveOutlined';
import ScheduleOutlined from '@mui/icons-material/ScheduleOutlined';
import type { ComplianceState, ComplianceStatus } from '../../../../shared/contract';
import { complianceWords } from './staff-model';

export const STATE_ICON: Readonly<Record<ComplianceState, ReactNode>> = {
  ok: <CheckCircleOutlineOutlined fontSize="inherit" aria-hidden />,
  due_soon: <ScheduleOutlined fontSize="inherit" aria-hidden />,
  expired: <ErrorOutlineOutlined fontSize="inherit" aria-hidden />,
  missing: <HelpOutlineOutlined fontSize="inherit" aria-hidden />,
  not_required: <RemoveOutlined fontSize="inherit" aria-hidden />,
};

export const STATE_COLOUR: Readonly<Record<ComplianceState, string>> = {
  ok: 'success.main',
  due_soon: 'warning.main',
  expired: 'error.main',
  missing: 'error.main',
  not_required: 'text.secondary',
};

/** "OK until" over "12/03/2027" (stacked, for table cells) or on one line. */
export function ComplianceStateText({
  status,
  inline = false,
}: {
  readonly status: Pick<ComplianceStatus, 'state' | 'due'>;
  readonly inline?: boolean;
}) {
  const { t } = useTranslation();
  const { key, date } = complianceWords(status);
  const strong = status.state === 'expired' || status.state === 'missing' || status.state === 'due_soon';
  return (
    <Box
      component="span"
      data-state={status.state}
      sx={{
        display: 'inline-flex',
        alignItems: 'flex-start',
        gap: 0.5,
        color: STATE_COLOUR[status.state],
        fontWeight: strong ? 600 : 400,
        lineHeight: 1.35,
      }}
    >
      <Box component="span" sx={{ display: 'inline-flex', mt: '0.15em', fontSize: '1.05em' }}>
        {STATE_ICON[status.state]}
      </Box>
      <Box component="span">
        {t(key)}
        {date ? (
          <>
            {inline ? ' ' : <br />}
            <Box component="span" sx={{ whiteSpace: 'nowrap', fontWeight: 400, color: 'text.primary' }}>
              {date}
            </Box>
          </>
        ) : null}
      </Box>
    </Box>
  );
}
