/**
 * The Sharing page (SENCo, therapy lead, headteacher): the whole sharing log, newest first, filtered by dates and
 * organisation; and for the SENCo, "Transfer in" a record exported from another school's SENCo Desk.
 */
import { useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import FilterAltOffOutlined from '@mui/icons-material/FilterAltOffOutlined';
import ShareOutlined from '@mui/icons-material/ShareOutlined';
import { isIsoDate } from '../../../../shared/dates';
import { call } from '../../api/client';
import { useCan } from '../../auth/use-can';
import { IsoDateInput } from '../../components/form-fields';
import { PageHeader } from '../../components/page-header';
import { SharingTable } from '../../components/sharing/sharing-table';
import { filterByOrganisation } from '../../components/sharing/sharing-model';
import { TransferIn } from '../../components/sharing/transfer-in';
import { EmptyState, Loading, QueryError } from '../../components/status';
import { usePageTitle } from '../../lib/use-page-title';
import { qk } from '../../lib/query-keys';

const valid = (d: string | null): string | undefined => (d !== null && isIsoDate(d) ? d : undefined);

export default function SharingPage() {
  const { t } = useTranslation();
  usePageTitle(t('sharingUi.page.title'));
  const canTransfer = useCan('transfers.preview');
  const [from, setFrom] = useState<string | null>(null);
  const [to, setTo] = useState<string | null>(null);
  const [organisation, setOrganisation] = useState('');

  const reversed = valid(from) !== undefined && valid(to) !== undefined && (to as string) < (from as string);
  const input = { ...(valid(from) ? { from: valid(from) } : {}), ...(valid(to) ? { to: valid(to) } : {}) };
  const query = useQuery({
    queryKey: qk('exports.log', input),
    queryFn: () => call('exports.log', input),
    placeholderData: keepPreviousData,
    enabled: !reversed,
  });
  const filtered = from !== null || to !== null || organisation.trim() !== '';
  const rows = query.data ? filterByOrganisation(query.data, organisation) : [];

  return (
    <>
      <PageHeader title={t('sharingUi.page.title')} subtitle={t('sharingUi.page.subtitle')} />
      <Box sx={{ display: 'grid', gap: 3 }}>
        <Paper variant="outlined" component="section" aria-labelledby="sharing-log-title" sx={{ p: 2.5, display: 'grid', gap: 2 }}>
          <Typography id="sharing-log-title" variant="h2" sx={{ fontSize: '1.15rem' }}>
            {t('sharingUi.page.logTitle')}
          </Typography>
          <Box
            role="group"
            aria-label={t('sharingUi.page.filtersLabel')}
            sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', md: '200px 200px 1fr auto' }, alignItems: 'start' }}
          >
            <IsoDateInput label={t('sharingUi.page.from')} name="from" value={from} onChange={setFrom} />
            <IsoDateInput
              label={t('sharingUi.page.to')}
              name="to"
              value={to}
              onChange={setTo}
              error={reversed ? t('sharingUi.page.toBeforeFrom') : null}
            />
            <TextField
              label={t('sharingUi.page.organisation')}
              value={organisation}
              onChange={(e) => setOrganisation(e.target.value)}
              helperText={t('sharingUi.page.organisationHelp')}
              type="search"
            />
            <Button
              startIcon={<FilterAltOffOutlined />}
              disabled={!filtered}
              onClick={() => {
                setFrom(null);
                setTo(null);
                setOrganisation('');
              }}
              sx={{ mt: 1 }}
            >
              {t('sharingUi.page.clear')}
            </Button>
          </Box>
          <Typography variant="body2" color="text.secondary" role="status" aria-live="polite" data-testid="sharing-count">
            {query.data ? t('sharingUi.page.count', { count: rows.length }) : '\u00a0'}
          </Typography>
          {query.error ? <QueryError error={query.error} onRetry={() => void query.refetch()} /> : null}
          {query.isPending && !reversed ? (
            <Loading />
          ) : rows.length === 0 && !query.error ? (
            <EmptyState
              icon={<ShareOutlined />}
              title={filtered ? t('sharingUi.page.emptyFiltered') : t('sharingUi.page.empty')}
              body={filtered ? t('sharingUi.page.emptyFilteredBody') : t('sharingUi.page.emptyBody')}
            />
          ) : rows.length ? (
            <SharingTable rows={rows} label={t('sharingUi.page.tableLabel')} showPupil />
          ) : null}
        </Paper>
        {canTransfer ? <TransferIn /> : null}
      </Box>
    </>
  );
}
