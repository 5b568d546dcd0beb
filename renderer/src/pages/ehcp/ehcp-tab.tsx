/**
 * The pupil profile's EHC plan tab: when the pupil's needs were identified after joining, their EHC plans (status,
 * local authority, issue date, version, golden-thread gaps) and the assessment requests the school made.
 */
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router-dom';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import AddOutlined from '@mui/icons-material/AddOutlined';
import CheckCircleOutline from '@mui/icons-material/CheckCircleOutlineOutlined';
import DescriptionOutlined from '@mui/icons-material/DescriptionOutlined';
import EventOutlined from '@mui/icons-material/EventOutlined';
import WarningAmberOutlined from '@mui/icons-material/WarningAmberOutlined';
import type { PlanSummary, PupilProfile } from '../../../../shared/contract';
import type { Role } from '../../../../shared/domain';
import { formatLongDate } from '../../../../shared/dates';
import { call, invoke } from '../../api/client';
import { useSessionInfo } from '../../auth/auth';
import { IsoDateInput } from '../../components/form-fields';
import { EmptyState, Loading, QueryError } from '../../components/status';
import { PlanStatusChip } from '../../components/ehcp/plan-status-chip';
import { RequestsCard } from '../../components/ehcp/requests-card';
import { NotYet } from '../../components/ehcp/reviews-card';
import { qk } from '../../lib/query-keys';

const PLAN_READERS: readonly Role[] = ['senco', 'therapy_lead', 'therapist', 'headteacher'];

export function planPath(pupilId: string, planId: string, version?: number): string {
  return `/pupils/${pupilId}/plans/ehcp/${planId}${version ? `?version=${version}` : ''}`;
}

function NeedsIdentifiedDialog({ pupil, onClose }: { readonly pupil: PupilProfile; readonly onClose: (saved: boolean) => void }) {
  const { t } = useTranslation();
  const [date, setDate] = useState<string | null>(pupil.needsIdentifiedOn);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async (value: string | null) => {
    if (value === 'invalid') {
      setError(t('validation.date'));
      return;
    }
    setBusy(true);
    setError(null);
    const result = await invoke('pupils.markNeedsIdentified', { pupilId: pupil.id, date: value });
    setBusy(false);
    if (result.ok) {
      onClose(true);
      return;
    }
    setError(result.error.fields?.date ?? result.error.message);
  };
  return (
    <Dialog open onClose={() => onClose(false)} fullWidth maxWidth="xs" aria-labelledby="needs-identified-title">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save(date);
        }}
      >
        <DialogTitle id="needs-identified-title">{t('ehcpUi.tab.needsDialogTitle')}</DialogTitle>
        <DialogContent>
          <Typography color="text.secondary" sx={{ mb: 2 }}>
            {t('ehcpUi.tab.needsDialogIntro', { date: formatLongDate(pupil.dateJoined) })}
          </Typography>
          <Box sx={{ pt: 1 }}>
            <IsoDateInput
              value={date}
              onChange={setDate}
              label={t('ehcpUi.tab.needsDate')}
              name="needsIdentifiedOn"
              error={error}
              disableFuture
            />
          </Box>
        </DialogContent>
        <DialogActions sx={{ px: 3, pb: 2 }}>
          {pupil.needsIdentifiedOn ? (
            <Button color="inherit" onClick={() => void save(null)} disabled={busy} sx={{ mr: 'auto' }}>
              {t('ehcpUi.tab.needsClear')}
            </Button>
          ) : null}
          <Button onClick={() => onClose(false)}>{t('ehcpUi.cancel')}</Button>
          <Button type="submit" variant="contained" disabled={busy || !date}>
            {t('ehcpUi.tab.needsSave')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

function NeedsIdentified({ pupil, canEdit }: { readonly pupil: PupilProfile; readonly canEdit: boolean }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [saved, setSaved] = useState(false);
  return (
    <Paper
      variant="outlined"
      sx={{ px: 2.5, py: 1.5, display: 'flex', alignItems: 'center', gap: 2, flexWrap: 'wrap' }}
      data-testid="needs-identified"
    >
      <EventOutlined color="primary" aria-hidden />
      <Box sx={{ flex: 1, minWidth: 240 }}>
        <Typography component="p">
          <Box component="span" sx={{ fontWeight: 500 }}>
            {t('ehcpUi.tab.needsIdentified')}:
          </Box>{' '}
          {pupil.needsIdentifiedOn ? (
            formatLongDate(pupil.needsIdentifiedOn)
          ) : (
            <Box component="span" sx={{ color: 'text.secondary' }}>
              {t('ehcpUi.notRecorded')}
            </Box>
          )}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {saved ? t('ehcpUi.tab.needsSaved') : t('ehcpUi.tab.needsIdentifiedHelp')}
        </Typography>
      </Box>
      {canEdit ? (
        <Button variant="outlined" onClick={() => setOpen(true)}>
          {pupil.needsIdentifiedOn ? t('ehcpUi.tab.changeDate') : t('ehcpUi.tab.recordDate')}
        </Button>
      ) : null}
      {open ? (
        <NeedsIdentifiedDialog
          pupil={pupil}
          onClose={(ok) => {
            setOpen(false);
            setSaved(ok);
          }}
        />
      ) : null}
    </Paper>
  );
}

function ThreadCell({ planId }: { readonly planId: string }) {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: qk('ehcp.get', planId, 'current'), queryFn: () => call('ehcp.get', { planId }) });
  if (!q.data) return <NotYet />;
  const n = q.data.goldenThread.problems;
  return n === 0 ? (
    <Box component="span" sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5, color: 'success.main' }}>
      <CheckCircleOutline fontSize="small" aria-hidden />
      {t('ehcpUi.tab.threadOk')}
    </Box>
  ) : (
    <Chip
      size="small"
      icon={<WarningAmberOutlined />}
      label={t('ehcpUi.tab.threadProblems', { count: n })}
      sx={{ bgcolor: '#fff6e0', color: '#6b4600', border: '1px solid #e2c27a', '& .MuiChip-icon': { color: '#8a5a00' } }}
    />
  );
}

function PlansCard({ pupil, canEdit }: { readonly pupil: PupilProfile; readonly canEdit: boolean }) {
  const { t } = useTranslation();
  const query = useQuery({ queryKey: qk('ehcp.listForPupil', pupil.id), queryFn: () => call('ehcp.listForPupil', { pupilId: pupil.id }) });
  const create = canEdit ? (
    <Button component={RouterLink} to={`/pupils/${pupil.id}/plans/ehcp/new`} variant="contained" startIcon={<AddOutlined />}>
      {t('ehcpUi.tab.create')}
    </Button>
  ) : null;
  const plans: readonly PlanSummary[] = query.data ?? [];
  return (
    <Paper variant="outlined" component="section" aria-labelledby="plans-heading" sx={{ p: 2.5 }}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, mb: 1.5, flexWrap: 'wrap' }}>
        <Typography id="plans-heading" variant="h2" sx={{ fontSize: '1.15rem', flex: 1 }}>
          {t('ehcpUi.tab.plansTitle')}
        </Typography>
        {plans.length > 0 ? create : null}
      </Box>
      {query.isPending ? (
        <Loading />
      ) : query.error ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : plans.length === 0 ? (
        <EmptyState
          icon={<DescriptionOutlined />}
          title={t('ehcpUi.tab.none')}
          body={canEdit ? t('ehcpUi.tab.noneBody') : t('ehcpUi.tab.noneReadOnly')}
          action={create}
        />
      ) : (
        <TableContainer>
          <Table aria-labelledby="plans-heading">
            <TableHead>
              <TableRow>
                <TableCell>{t('ehcpUi.tab.columns.status')}</TableCell>
                <TableCell>{t('ehcpUi.tab.columns.la')}</TableCell>
                <TableCell>{t('ehcpUi.tab.columns.issued')}</TableCell>
                <TableCell>{t('ehcpUi.tab.columns.version')}</TableCell>
                <TableCell>{t('ehcpUi.tab.columns.thread')}</TableCell>
                <TableCell align="right">{t('ehcpUi.tab.columns.actions')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {plans.map((p) => (
                <TableRow key={p.id} hover>
                  <TableCell>
                    <PlanStatusChip status={p.status} />
                  </TableCell>
                  <TableCell>{p.localAuthority}</TableCell>
                  <TableCell>{p.issuedDate ? formatLongDate(p.issuedDate) : <NotYet />}</TableCell>
                  <TableCell>{t('ehcpUi.tab.versionN', { n: p.currentVersion })}</TableCell>
                  <TableCell>
                    <ThreadCell planId={p.id} />
                  </TableCell>
                  <TableCell align="right">
                    <Button
                      component={RouterLink}
                      to={planPath(pupil.id, p.id)}
                      size="small"
                      variant="outlined"
                      aria-label={t('ehcpUi.tab.openLabel', { status: t(`ehcpUi.status.${p.status}`).toLowerCase(), la: p.localAuthority })}
                    >
                      {t('ehcpUi.tab.open')}
                    </Button>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
    </Paper>
  );
}

export function EhcpTab({ pupil }: { readonly pupil: PupilProfile }) {
  const { t } = useTranslation();
  const info = useSessionInfo();
  const role = info.user.role;
  const canEdit = role === 'senco';
  if (!PLAN_READERS.includes(role)) {
    return <Alert severity="info">{t('ehcpUi.noAccess')}</Alert>;
  }
  return (
    <Box sx={{ display: 'grid', gap: 2 }}>
      <NeedsIdentified pupil={pupil} canEdit={canEdit} />
      <PlansCard pupil={pupil} canEdit={canEdit} />
      <RequestsCard pupilId={pupil.id} role={role} defaultLa={info.school.localAuthority} defaultOwner={canEdit ? info.user.id : null} />
    </Box>
  );
}
