/**
 * The dashboard's "Staff checks and training": every active staff member's check or training that has expired, is
 * missing where the role needs it, or falls due within 60 days (staff.alerts): expired first, then missing, then
 * due. Each state is in words with an icon; the heading's count and each name link to the staff page. Shown only
 * to the roles the contract lets read the alerts.
 */
import { useId } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router-dom';
import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import ArrowForward from '@mui/icons-material/ArrowForward';
import VerifiedUserOutlined from '@mui/icons-material/VerifiedUserOutlined';
import { call } from '../../api/client';
import { useCan } from '../../auth/use-can';
import { Loading, QueryError } from '../status';
import { ComplianceStateText } from './compliance-state';
import { sortAlerts } from './staff-model';
import { qk } from '../../lib/query-keys';

export function StaffAlertsCard() {
  const { t } = useTranslation();
  const heading = useId();
  const allowed = useCan('staff.alerts');
  const query = useQuery({ queryKey: qk('staff.alerts'), queryFn: () => call('staff.alerts', {}), enabled: allowed });
  if (!allowed) return null;
  const alerts = sortAlerts(query.data ?? []);
  const counts = { expired: 0, missing: 0, due_soon: 0 };
  for (const a of alerts) counts[a.state] += 1;

  return (
    <Paper variant="outlined" component="section" aria-labelledby={heading} sx={{ p: 2.5, mb: 3 }} data-testid="staff-alerts-card">
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, flexWrap: 'wrap', mb: 0.5 }}>
        <Typography id={heading} variant="h2" sx={{ flex: 1, display: 'flex', alignItems: 'center', gap: 1 }}>
          <VerifiedUserOutlined color="primary" aria-hidden />
          {t('staffUi.alerts.title')}
        </Typography>
        <Link component={RouterLink} to="/staff" sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5 }}>
          {t('staffUi.alerts.open')}
          <ArrowForward fontSize="inherit" aria-hidden />
        </Link>
      </Box>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        {t('staffUi.alerts.intro')}
      </Typography>
      {query.isPending ? (
        <Loading />
      ) : query.error ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : alerts.length === 0 ? (
        <Typography color="text.secondary" sx={{ py: 1 }} data-testid="staff-alerts-none">
          {t('staffUi.alerts.none')}
        </Typography>
      ) : (
        <>
          <Typography sx={{ mb: 1.5 }} data-testid="staff-alerts-summary">
            <Link component={RouterLink} to="/staff?attention=1">
              {[
                counts.expired ? t('staffUi.alerts.countExpired', { count: counts.expired }) : null,
                counts.missing ? t('staffUi.alerts.countMissing', { count: counts.missing }) : null,
                counts.due_soon ? t('staffUi.alerts.countDue', { count: counts.due_soon }) : null,
              ]
                .filter(Boolean)
                .join(', ')}
            </Link>
          </Typography>
          <TableContainer sx={{ maxHeight: 420 }}>
            <Table size="small" stickyHeader aria-label={t('staffUi.alerts.tableLabel')} sx={{ '& th': { fontWeight: 600 } }}>
              <TableHead>
                <TableRow>
                  <TableCell>{t('staffUi.alerts.columns.name')}</TableCell>
                  <TableCell>{t('staffUi.alerts.columns.item')}</TableCell>
                  <TableCell>{t('staffUi.alerts.columns.state')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {alerts.map((a) => (
                  <TableRow key={`${a.staffId}-${a.item}`} data-testid="staff-alert-row" data-state={a.state}>
                    <TableCell>
                      <Link component={RouterLink} to={`/staff?q=${encodeURIComponent(a.name)}`} sx={{ fontWeight: 500 }}>
                        {a.name}
                      </Link>
                    </TableCell>
                    <TableCell>{t(`staffUi.items.${a.item}`)}</TableCell>
                    <TableCell>
                      <ComplianceStateText status={a} inline />
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableContainer>
        </>
      )}
    </Paper>
  );
}
