/**
 * A pupil's "Parents" tab: the log of updates to parents and carers (date, how, summary, who), newest first; "Add an
 * update"; a note when there were fewer than three in the last 12 months (SEN Code of Practice 6.65: at least three
 * meetings a year for pupils on SEN support); and "Print parent summary", which opens the plain-language summary.
 */
import { useId, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router-dom';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import AddOutlined from '@mui/icons-material/AddOutlined';
import ForumOutlined from '@mui/icons-material/ForumOutlined';
import PrintOutlined from '@mui/icons-material/PrintOutlined';
import type { PupilProfile } from '../../../../shared/contract';
import { formatLongDate, todayIso } from '../../../../shared/dates';
import { call } from '../../api/client';
import { useSessionInfo } from '../../auth/auth';
import { EmptyState, Loading, QueryError } from '../../components/status';
import { UpdateDialog } from '../../components/parents/update-dialog';
import { newestFirst, updatesInLastYear } from '../../components/progress/progress-model';
import { qk } from '../../lib/query-keys';

const READERS = ['senco', 'therapy_lead', 'therapist', 'headteacher', 'office'];
const WRITERS = ['senco', 'therapy_lead', 'therapist', 'office'];

export function ParentsTab({ pupil }: { readonly pupil: PupilProfile }) {
  const { t } = useTranslation();
  const info = useSessionInfo();
  const role = info.user.role;
  const canRead = READERS.includes(role);
  const canWrite = WRITERS.includes(role);
  const titleId = useId();
  const [adding, setAdding] = useState(false);
  const [saved, setSaved] = useState(false);
  const query = useQuery({
    queryKey: qk('parentUpdates.list', pupil.id),
    queryFn: () => call('parentUpdates.list', { pupilId: pupil.id }),
    enabled: canRead,
  });

  if (!canRead) {
    return (
      <Paper variant="outlined" sx={{ p: 2.5 }}>
        <Typography color="text.secondary">{t('progressUi.parents.noAccess')}</Typography>
      </Paper>
    );
  }
  if (query.isPending) return <Loading />;
  if (query.error || !query.data) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;

  const updates = newestFirst(query.data);
  const lastYear = updatesInLastYear(updates, todayIso());
  const addButton = canWrite ? (
    <Button variant="contained" startIcon={<AddOutlined />} onClick={() => setAdding(true)}>
      {t('progressUi.parents.add')}
    </Button>
  ) : null;

  return (
    <Box sx={{ display: 'grid', gap: 2 }} data-testid="parents-tab">
      {saved ? (
        <Alert severity="success" onClose={() => setSaved(false)}>
          {t('progressUi.parents.form.saved')}
        </Alert>
      ) : null}
      {pupil.senStatus !== 'N' && lastYear < 3 ? (
        <Alert severity="warning" data-testid="parent-meetings-note">
          {t('progressUi.parents.fewer', { count: lastYear })}
        </Alert>
      ) : null}
      <Paper variant="outlined" component="section" aria-labelledby={titleId} sx={{ p: 2.5 }}>
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap', mb: 1 }}>
          <Typography id={titleId} variant="h2" sx={{ fontSize: '1.15rem', flex: 1, minWidth: 200 }}>
            {t('progressUi.parents.title')}
          </Typography>
          <Button component={RouterLink} to={`/pupils/${pupil.id}/parent-summary`} variant="outlined" startIcon={<PrintOutlined />}>
            {t('progressUi.parents.printSummary')}
          </Button>
          {updates.length ? addButton : null}
        </Box>
        <Typography color="text.secondary" sx={{ mb: 2 }}>
          {t('progressUi.parents.intro', { name: pupil.name })}
        </Typography>
        {updates.length === 0 ? (
          <EmptyState
            icon={<ForumOutlined />}
            title={t('progressUi.parents.empty')}
            body={t('progressUi.parents.emptyBody')}
            action={addButton}
          />
        ) : (
          <Box sx={{ overflowX: 'auto' }}>
            <Table size="small" aria-label={t('progressUi.parents.tableLabel')} data-testid="parent-updates">
              <TableHead>
                <TableRow>
                  <TableCell>{t('progressUi.parents.date')}</TableCell>
                  <TableCell>{t('progressUi.parents.method')}</TableCell>
                  <TableCell>{t('progressUi.parents.summary')}</TableCell>
                  <TableCell>{t('progressUi.parents.who')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {updates.map((u) => (
                  <TableRow key={u.id}>
                    <TableCell sx={{ whiteSpace: 'nowrap', verticalAlign: 'top' }}>{formatLongDate(u.date)}</TableCell>
                    <TableCell sx={{ whiteSpace: 'nowrap', verticalAlign: 'top' }}>{t(`progressUi.parents.methods.${u.method}`)}</TableCell>
                    <TableCell sx={{ verticalAlign: 'top', whiteSpace: 'pre-line', maxWidth: 560 }}>{u.summary}</TableCell>
                    <TableCell sx={{ whiteSpace: 'nowrap', verticalAlign: 'top' }}>{u.sentBy}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </Box>
        )}
      </Paper>
      {adding ? (
        <UpdateDialog
          pupilId={pupil.id}
          pupilName={pupil.name}
          onClose={(ok) => {
            setAdding(false);
            if (ok) setSaved(true);
          }}
        />
      ) : null}
    </Box>
  );
}

export default ParentsTab;
