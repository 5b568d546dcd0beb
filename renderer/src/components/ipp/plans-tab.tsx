/**
 * The pupil profile's Plans tab: the pupil's intervention band, their individual pupil plans (IPPs) with the
 * latest review, and below, any provider placements. Each part is shown only to the roles that may read it.
 */
import { useId, useState, type ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router-dom';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import AddOutlined from '@mui/icons-material/AddOutlined';
import AssignmentOutlined from '@mui/icons-material/AssignmentOutlined';
import HomeWorkOutlined from '@mui/icons-material/HomeWorkOutlined';
import type { IppView, PlacementRecord, PupilProfile } from '../../../../shared/contract';
import { formatLongDate, todayIso } from '../../../../shared/dates';
import { formatTScore } from '../../../../shared/gas';
import { call } from '../../api/client';
import { useSessionInfo } from '../../auth/auth';
import { EmptyState, Loading, QueryError } from '../status';
import { latestReview, reviewTScore, viewLength } from './ipp-model';
import { PlacementDialog, PlacementSummary } from './placements';
import { TScoreHelp } from '../tscore-help';
import { canReadBands, canReadIpps, canReadPlacements, canWriteIpps, canWritePlacements } from './roles';
import { qk } from '../../lib/query-keys';

function Card({
  title,
  intro,
  action,
  children,
  testId,
}: {
  readonly title: string;
  readonly intro?: string;
  readonly action?: ReactNode;
  readonly children: ReactNode;
  readonly testId?: string;
}) {
  const id = useId();
  return (
    <Paper variant="outlined" component="section" aria-labelledby={id} sx={{ p: 2.5 }} data-testid={testId}>
      <Box sx={{ display: 'flex', alignItems: 'flex-start', gap: 2, mb: 1.5, flexWrap: 'wrap' }}>
        <Box sx={{ flex: 1, minWidth: 240 }}>
          <Typography id={id} variant="h2" sx={{ fontSize: '1.15rem' }}>
            {title}
          </Typography>
          {intro ? (
            <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }}>
              {intro}
            </Typography>
          ) : null}
        </Box>
        {action}
      </Box>
      {children}
    </Paper>
  );
}

function BandLine({ pupilId }: { readonly pupilId: string }) {
  const { t } = useTranslation();
  const query = useQuery({ queryKey: qk('bands.history', pupilId), queryFn: () => call('bands.history', { pupilId }) });
  if (query.isPending) return null;
  if (query.error) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  const current = query.data.current;
  return (
    <Paper
      variant="outlined"
      component="section"
      aria-label={t('ippUi.tab.bandTitle')}
      data-testid="band-summary"
      sx={{ px: 2.5, py: 1.5, display: 'flex', alignItems: 'center', gap: 1.5, flexWrap: 'wrap' }}
    >
      <Typography sx={{ fontWeight: 500 }}>{t('ippUi.tab.bandTitle')}:</Typography>
      {current ? (
        <>
          <Chip color="primary" variant={current.band === 'universal' ? 'outlined' : 'filled'} label={t(`bands.${current.band}`)} />
          <Typography color="text.secondary">
            {t('ippUi.tab.bandCurrent', { band: t(`bands.${current.band}`), date: formatLongDate(current.startDate) })}
            {current.needLevel ? ` · ${t(`needLevels.${current.needLevel}`)}` : ''}
            {current.plannedWeeks ? ` · ${t('ippUi.tab.bandPlanned', { weeks: current.plannedWeeks })}` : ''}
          </Typography>
          {current.band === 'targeted' ? (
            <Typography variant="body2" color="text.secondary" sx={{ flexBasis: '100%' }}>
              {t('ippUi.tab.bandTargetedRule')}
            </Typography>
          ) : null}
        </>
      ) : (
        <Typography color="text.secondary">{t('ippUi.tab.bandNone')}</Typography>
      )}
    </Paper>
  );
}

function planStatus(p: IppView): 'active' | 'ended' | 'upcoming' {
  const today = todayIso();
  if (p.endDate < today) return 'ended';
  if (p.startDate > today) return 'upcoming';
  return 'active';
}

function PlansList({ pupil }: { readonly pupil: PupilProfile }) {
  const { t } = useTranslation();
  const canWrite = canWriteIpps(useSessionInfo().user.role);
  const query = useQuery({ queryKey: qk('ipps.listForPupil', pupil.id), queryFn: () => call('ipps.listForPupil', { pupilId: pupil.id }) });
  const newPlan = canWrite ? (
    <Button variant="contained" startIcon={<AddOutlined />} component={RouterLink} to={`/pupils/${pupil.id}/ipps/new`}>
      {t('ippUi.tab.newPlan')}
    </Button>
  ) : undefined;
  let body: ReactNode;
  if (query.isPending) body = <Loading />;
  else if (query.error) body = <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  else if (query.data.length === 0) {
    body = (
      <EmptyState
        icon={<AssignmentOutlined />}
        title={t('ippUi.tab.noPlans')}
        body={canWrite ? t('ippUi.tab.noPlansBody') : t('ippUi.tab.noPlansReadOnly')}
        action={newPlan}
      />
    );
  } else {
    body = (
      <Box sx={{ overflowX: 'auto' }}>
        <Table size="small" aria-label={t('ippUi.tab.plansTitle')} data-testid="ipp-list">
          <TableHead>
            <TableRow>
              <TableCell>{t('ippUi.tab.columns.title')}</TableCell>
              <TableCell>{t('ippUi.tab.columns.dates')}</TableCell>
              <TableCell align="right">{t('ippUi.tab.columns.weeks')}</TableCell>
              <TableCell>{t('ippUi.tab.columns.version')}</TableCell>
              <TableCell>
                {t('ippUi.tab.columns.review')}
                <TScoreHelp />
              </TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {query.data.map((p) => {
              const review = latestReview(p);
              const status = planStatus(p);
              return (
                <TableRow key={p.id} hover>
                  <TableCell>
                    <Link
                      component={RouterLink}
                      to={`/pupils/${pupil.id}/ipps/${p.id}`}
                      sx={{ fontWeight: 500 }}
                      aria-label={t('ippUi.tab.openPlan', { title: p.title })}
                    >
                      {p.title}
                    </Link>
                    <Box>
                      <Chip
                        size="small"
                        variant={status === 'active' ? 'filled' : 'outlined'}
                        color={status === 'active' ? 'primary' : 'default'}
                        label={t(`ippUi.tab.status.${status}`)}
                        sx={{ mt: 0.5, height: 22 }}
                      />
                    </Box>
                  </TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>
                    {t('ippUi.tab.datesRange', { start: formatLongDate(p.startDate), end: formatLongDate(p.endDate) })}
                  </TableCell>
                  <TableCell align="right" sx={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
                    {viewLength(p)}
                  </TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{t('ippUi.tab.versionN', { n: p.currentVersion })}</TableCell>
                  <TableCell>
                    {review ? (
                      t('ippUi.tab.reviewSummary', {
                        date: formatLongDate(review.date),
                        mean: review.mean.toFixed(2),
                        t: formatTScore(reviewTScore(review)),
                      })
                    ) : (
                      <Typography component="span" variant="body2" color="text.secondary">
                        {t('ippUi.tab.noReview')}
                      </Typography>
                    )}
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </Box>
    );
  }
  return (
    <Card
      title={t('ippUi.tab.plansTitle')}
      intro={t('ippUi.tab.plansIntro')}
      action={query.data?.length ? newPlan : undefined}
      testId="ipp-plans"
    >
      {body}
    </Card>
  );
}

function Placements({ pupil }: { readonly pupil: PupilProfile }) {
  const { t } = useTranslation();
  const canWrite = canWritePlacements(useSessionInfo().user.role);
  const [editing, setEditing] = useState<PlacementRecord | 'new' | null>(null);
  const [saved, setSaved] = useState(false);
  const query = useQuery({
    queryKey: qk('placements.listForPupil', pupil.id),
    queryFn: () => call('placements.listForPupil', { pupilId: pupil.id }),
  });
  const add = canWrite ? (
    <Button variant="outlined" startIcon={<AddOutlined />} onClick={() => setEditing('new')}>
      {t('ippUi.placements.add')}
    </Button>
  ) : undefined;
  let body: ReactNode;
  if (query.isPending) body = <Loading />;
  else if (query.error) body = <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  else if (query.data.length === 0)
    body = <EmptyState icon={<HomeWorkOutlined />} title={t('ippUi.placements.none')} body={t('ippUi.placements.noneBody')} action={add} />;
  else {
    body = (
      <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', lg: query.data.length > 1 ? '1fr 1fr' : '1fr' } }}>
        {query.data.map((p) => (
          <PlacementSummary key={p.id} placement={p} canEdit={canWrite} onEdit={() => setEditing(p)} />
        ))}
      </Box>
    );
  }
  return (
    <Card
      title={t('ippUi.placements.title')}
      intro={t('ippUi.placements.intro')}
      action={query.data?.length ? add : undefined}
      testId="placements"
    >
      {saved ? (
        <Alert severity="success" sx={{ mb: 2 }} onClose={() => setSaved(false)}>
          {t('ippUi.placements.saved')}
        </Alert>
      ) : null}
      {body}
      {editing ? (
        <PlacementDialog
          placement={editing === 'new' ? null : editing}
          pupil={pupil}
          onClose={(ok) => {
            setEditing(null);
            setSaved(ok);
          }}
        />
      ) : null}
    </Card>
  );
}

export function PlansTab({ pupil }: { readonly pupil: PupilProfile }) {
  const { t } = useTranslation();
  const role = useSessionInfo().user.role;
  return (
    <Box sx={{ display: 'grid', gap: 2 }}>
      {canReadBands(role) ? <BandLine pupilId={pupil.id} /> : null}
      {canReadIpps(role) ? <PlansList pupil={pupil} /> : <Alert severity="info">{t('ippUi.tab.noAccess')}</Alert>}
      {canReadPlacements(role) ? <Placements pupil={pupil} /> : null}
    </Box>
  );
}
