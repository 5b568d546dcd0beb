/**
 * A pupil's own deadlines on their profile (Overview tab): every clock for the pupil, done ones included, in a
 * compact table. Shown only to the roles that may read clocks (the SENCo, therapy leads and the headteacher).
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
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { SxProps, Theme } from '@mui/material/styles';
import type { Role } from '../../../../shared/domain';
import { call } from '../../api/client';
import { useAuth } from '../../auth/auth';
import { Loading, QueryError } from '../status';
import { ClockLabel, ClockNotes, ClockStateChip, DueDate } from './clock-parts';
import { clockHref, groupClocks } from './clock-view';
import { qk } from '../../lib/query-keys';

const CLOCK_READERS: ReadonlySet<Role> = new Set(['senco', 'therapy_lead', 'headteacher']);

function Panel({ pupilId, sx }: { readonly pupilId: string; readonly sx?: SxProps<Theme> }) {
  const { t } = useTranslation();
  const id = useId();
  const query = useQuery({ queryKey: qk('clocks.list', { pupilId }), queryFn: () => call('clocks.list', { pupilId }) });
  const data = query.data;
  const items = data ? groupClocks(data.items).flatMap((g) => g.items) : [];
  return (
    <Paper
      variant="outlined"
      component="section"
      aria-labelledby={id}
      sx={[{ p: 2.5 }, ...(Array.isArray(sx) ? sx : [sx])]}
      data-testid="pupil-clocks"
    >
      <Typography id={id} variant="h2" sx={{ fontSize: '1.15rem', mb: 1.5 }}>
        {t('clocksUi.pupil.title')}
      </Typography>
      {query.isPending ? (
        <Loading />
      ) : query.error || !data ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : items.length === 0 ? (
        <Typography color="text.secondary">{t('clocksUi.pupil.none')}</Typography>
      ) : (
        <Box sx={{ overflowX: 'auto' }}>
          <Table
            size="small"
            aria-label={t('clocksUi.pupil.tableLabel')}
            sx={{ '& thead th': { fontWeight: 600 }, '& td': { verticalAlign: 'top' } }}
          >
            <TableHead>
              <TableRow>
                <TableCell>{t('clocksUi.dashboard.columns.clock')}</TableCell>
                <TableCell>{t('clocksUi.dashboard.columns.due')}</TableCell>
                <TableCell>{t('clocksUi.dashboard.columns.state')}</TableCell>
                <TableCell>{t('clocksUi.dashboard.columns.localAuthority')}</TableCell>
                <TableCell>{t('clocksUi.dashboard.columns.owner')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {items.map((item) => (
                <TableRow key={item.id} data-testid="pupil-clock-row">
                  <TableCell>
                    <ClockLabel clockKey={item.key} dense />
                    <ClockNotes item={item} />
                    {item.recordType === 'plan' ? (
                      <Link component={RouterLink} to={clockHref(item)} variant="body2">
                        {t('clocksUi.item.openPlan')}
                      </Link>
                    ) : null}
                  </TableCell>
                  <TableCell>
                    <DueDate item={item} today={data.today} />
                  </TableCell>
                  <TableCell>
                    <ClockStateChip state={item.state} />
                  </TableCell>
                  <TableCell>{item.localAuthority}</TableCell>
                  <TableCell>
                    {item.ownerName ?? (
                      <Typography component="span" variant="body2" color="text.secondary">
                        {t('clocksUi.item.noOwner')}
                      </Typography>
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Box>
      )}
    </Paper>
  );
}

/** Renders nothing for roles that may not read clocks. */
export function PupilClocksPanel({ pupilId, sx }: { readonly pupilId: string; readonly sx?: SxProps<Theme> }) {
  const { state } = useAuth();
  if (state.kind !== 'signedIn' || !CLOCK_READERS.has(state.info.user.role)) return null;
  return <Panel pupilId={pupilId} sx={sx} />;
}
