/**
 * The dashboard's "Therapy policy review" (for everyone): each recorded policy with its next review date, in
 * words with an icon when the review is overdue or due within 60 days ("Review due 14/03/2026, in 30 days").
 * With none recorded it suggests adding the Policy for Therapy Provision in Settings › Policies.
 */
import { useId } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router-dom';
import { differenceInCalendarDays, parseISO } from 'date-fns';
import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import ArrowForward from '@mui/icons-material/ArrowForward';
import PolicyOutlined from '@mui/icons-material/PolicyOutlined';
import type { PolicyRecord } from '../../../../shared/contract';
import { todayIso } from '../../../../shared/dates';
import { call } from '../../api/client';
import { useCan } from '../../auth/use-can';
import { Loading, QueryError } from '../status';
import { PolicyStateText } from './policy-state';
import { qk } from '../../lib/query-keys';

export const POLICIES_HREF = '/settings?tab=policies';

function Hint({ policy }: { readonly policy: PolicyRecord }) {
  const { t } = useTranslation();
  const days = differenceInCalendarDays(parseISO(policy.nextReviewDate), parseISO(todayIso()));
  if (policy.state === 'ok') return null;
  return (
    <Typography component="span" variant="body2" color="text.secondary">
      {' · '}
      {days < 0
        ? t('staffUi.policies.daysOverdue', { count: -days })
        : days === 0
          ? t('staffUi.policies.dueToday')
          : t('staffUi.policies.inDays', { count: days })}
    </Typography>
  );
}

/** `dueOnly`: only the policies whose review is overdue or due within 60 days (the dashboard's count opens this). */
export function PolicyReviewCard({ dueOnly = false }: { readonly dueOnly?: boolean }) {
  const { t } = useTranslation();
  const heading = useId();
  const canEdit = useCan('policies.save');
  const query = useQuery({ queryKey: qk('policies.list'), queryFn: () => call('policies.list', {}) });
  const all = query.data ?? [];
  const policies = dueOnly ? all.filter((p) => p.state !== 'ok') : all;

  return (
    <Paper variant="outlined" component="section" aria-labelledby={heading} sx={{ p: 2.5, mb: 3 }} data-testid="policy-review-card">
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, flexWrap: 'wrap', mb: 0.5 }}>
        <Typography id={heading} variant="h2" sx={{ flex: 1, display: 'flex', alignItems: 'center', gap: 1 }}>
          <PolicyOutlined color="primary" aria-hidden />
          {t('staffUi.policies.cardTitle')}
        </Typography>
        <Link component={RouterLink} to={POLICIES_HREF} sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5 }}>
          {t('staffUi.policies.open')}
          <ArrowForward fontSize="inherit" aria-hidden />
        </Link>
      </Box>
      {query.isPending ? (
        <Loading />
      ) : query.error ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : policies.length === 0 ? (
        <Typography color="text.secondary" sx={{ py: 1 }}>
          {dueOnly && all.length > 0
            ? t('worklistUi.page.policiesNoneDue')
            : canEdit
              ? t('staffUi.policies.cardEmpty')
              : t('staffUi.policies.cardEmptyReadOnly')}
        </Typography>
      ) : (
        <Box component="ul" sx={{ listStyle: 'none', m: 0, p: 0, display: 'grid', gap: 1.25, mt: 1.5 }}>
          {policies.map((p) => (
            <Box component="li" key={p.id} data-testid="policy-review-row" data-state={p.state}>
              <Typography sx={{ fontWeight: 500 }}>{p.title}</Typography>
              <Box>
                <PolicyStateText policy={p} />
                <Hint policy={p} />
              </Box>
              <Typography variant="body2" color="text.secondary">
                {t('staffUi.policies.heldBy', { holder: p.holder, approvedBy: p.approvedBy })}
              </Typography>
            </Box>
          ))}
        </Box>
      )}
    </Paper>
  );
}
