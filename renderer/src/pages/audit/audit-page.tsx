/**
 * The audit trail (SENCo and headteacher): every change, every pupil record opened and every sign-in, newest first,
 * filtered by user, pupil, dates and operation, a page at a time; "Check the chain" re-computes the hash chain.
 */
import { useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import ManageSearchOutlined from '@mui/icons-material/ManageSearchOutlined';
import { call } from '../../api/client';
import { useCan } from '../../auth/use-can';
import { PageHeader } from '../../components/page-header';
import { EmptyState, QueryError } from '../../components/status';
import { AuditFilterBar } from '../../components/audit/audit-filters';
import { AuditTable } from '../../components/audit/audit-table';
import { ChainCheckButton, ChainResult, type ChainState } from '../../components/audit/chain-check';
import { NO_FILTERS, datesReversed, isFiltered, listInput, type AuditFilters } from '../../components/audit/audit-model';
import type { PickedPupil } from '../../components/therapy/pupil-picker';
import { usePageTitle } from '../../lib/use-page-title';
import { qk } from '../../lib/query-keys';

export default function AuditPage() {
  const { t } = useTranslation();
  usePageTitle(t('auditUi.title'));
  const allowed = useCan('audit.list');
  const [filters, setFilters] = useState<AuditFilters>(NO_FILTERS);
  const [pupil, setPupil] = useState<PickedPupil | null>(null);
  const [page, setPage] = useState(0);
  const [pageSize, setPageSize] = useState(50);
  const [chain, setChain] = useState<ChainState>({ kind: 'idle' });

  const input = listInput(filters, page, pageSize);
  const query = useQuery({
    queryKey: qk('audit.list', input),
    queryFn: () => call('audit.list', input),
    placeholderData: keepPreviousData,
    enabled: allowed && !datesReversed(filters),
  });

  if (!allowed) {
    return (
      <>
        <PageHeader title={t('auditUi.title')} />
        <Alert severity="info">{t('auditUi.readOnly')}</Alert>
      </>
    );
  }

  const change = (patch: Partial<AuditFilters>) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPage(0);
  };
  const filtered = isFiltered(filters);
  const total = query.data?.total ?? 0;
  const noRows = () => (
    <EmptyState
      icon={<ManageSearchOutlined />}
      title={filtered ? t('auditUi.empty.title') : t('auditUi.empty.all')}
      body={filtered ? t('auditUi.empty.body') : undefined}
    />
  );

  return (
    <>
      <PageHeader
        title={t('auditUi.title')}
        subtitle={t('auditUi.subtitle')}
        actions={<ChainCheckButton busy={chain.kind === 'checking'} onResult={setChain} />}
      />
      <ChainResult state={chain} />
      <Paper variant="outlined" sx={{ p: 2, mb: 2 }}>
        <AuditFilterBar
          filters={filters}
          pupil={pupil}
          onChange={change}
          onPupil={(p) => {
            setPupil(p);
            change({ pupilId: p?.id ?? null });
          }}
          onClear={() => {
            setPupil(null);
            change(NO_FILTERS);
          }}
        />
        <Typography variant="body2" color="text.secondary" role="status" aria-live="polite" data-testid="audit-count">
          {query.data ? t('auditUi.count', { count: total }) : '\u00a0'}
        </Typography>
      </Paper>
      {query.error ? (
        <Box sx={{ mb: 2 }}>
          <QueryError error={query.error} onRetry={() => void query.refetch()} />
        </Box>
      ) : null}
      <Paper variant="outlined" sx={{ height: 'calc(100vh - 300px)', minHeight: 440, overflow: 'hidden' }}>
        <AuditTable
          rows={query.data?.rows ?? []}
          total={total}
          loading={query.isFetching && !query.data}
          page={page}
          pageSize={pageSize}
          onPage={(p, size) => {
            setPage(size === pageSize ? p : 0);
            setPageSize(size);
          }}
          noRows={noRows}
        />
      </Paper>
    </>
  );
}
