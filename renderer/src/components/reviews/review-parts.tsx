/** Small pieces shared by the review screens: who may do what, the status chip and a form section. */
import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import EventAvailableOutlined from '@mui/icons-material/EventAvailableOutlined';
import ScheduleOutlined from '@mui/icons-material/ScheduleOutlined';
import type { ReviewStatus } from '../../../../shared/contract';
import type { Role } from '../../../../shared/domain';

/** Mirrors shared/contract/reviews.ts access lists. */
export const canReadReviews = (role: Role) => ['senco', 'therapy_lead', 'therapist', 'headteacher'].includes(role);
export const canWriteReviews = (role: Role) => ['senco', 'therapy_lead', 'therapist'].includes(role);

/** Planned or held, in words with an icon (never colour alone). */
export function ReviewStatusChip({ status }: { readonly status: ReviewStatus }) {
  const { t } = useTranslation();
  const held = status === 'held';
  const Icon = held ? EventAvailableOutlined : ScheduleOutlined;
  return (
    <Chip
      size="small"
      data-testid="review-status"
      icon={<Icon aria-hidden />}
      label={t(`reviewsUi.statuses.${status}`)}
      variant={held ? 'filled' : 'outlined'}
      sx={held ? { bgcolor: '#e7f4ec', color: '#1e5631', '& .MuiChip-icon': { color: '#1e5631' } } : undefined}
    />
  );
}

export function Section({
  title,
  intro,
  children,
  testId,
  action,
}: {
  readonly title: string;
  readonly intro?: ReactNode;
  readonly children: ReactNode;
  readonly testId?: string;
  readonly action?: ReactNode;
}) {
  const id = useId();
  return (
    <Paper variant="outlined" component="section" aria-labelledby={id} sx={{ p: { xs: 2, md: 3 }, mb: 2 }} data-testid={testId}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, flexWrap: 'wrap', mb: intro ? 0.5 : 2 }}>
        <Typography id={id} variant="h2" sx={{ flex: 1 }}>
          {title}
        </Typography>
        {action}
      </Box>
      {intro ? (
        <Typography color="text.secondary" sx={{ mb: 2 }}>
          {intro}
        </Typography>
      ) : null}
      {children}
    </Paper>
  );
}
