/**
 * The Safeguarding page, open to every role. Everyone can raise a concern here (choosing the pupil). The DSL sees
 * every concern, open ones first and overdue ones marked in words, reads each one, acknowledges it, and closes the
 * hand-off with its CPOMS reference. Anyone else sees only "Concerns you raised" and where each has got to.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import TextField from '@mui/material/TextField';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import HealthAndSafetyOutlined from '@mui/icons-material/HealthAndSafetyOutlined';
import ReportProblemOutlined from '@mui/icons-material/ReportProblemOutlined';
import type { Concern } from '../../../../shared/contract';
import { ApiError, call, invoke } from '../../api/client';
import { useSessionInfo } from '../../auth/auth';
import { PageHeader } from '../../components/page-header';
import { EmptyState, Loading, QueryError } from '../../components/status';
import { CloseConcernDialog } from '../../components/safeguarding/close-concern-dialog';
import { ConcernItem } from '../../components/safeguarding/concern-item';
import { HandOffNote } from '../../components/safeguarding/hand-off-note';
import { filterConcerns, sortConcerns, type ConcernFilter } from '../../components/safeguarding/concern-model';
import { RaiseConcernDialog } from '../../components/safeguarding/raise-concern-dialog';
import { useSafeguardingAlerts } from '../../components/safeguarding/use-alerts';
import { usePageTitle } from '../../lib/use-page-title';
import { qk } from '../../lib/query-keys';

const LIST_KEY = qk('safeguarding.list', {});

function useConcerns() {
  return useQuery({ queryKey: LIST_KEY, queryFn: () => call('safeguarding.list', {}) });
}

/** The list's section: its heading (named by the section) and a line on what it holds. */
function ConcernsSection({ heading, intro, children }: { readonly heading: string; readonly intro: string; readonly children: ReactNode }) {
  return (
    <Box component="section" aria-labelledby="concerns-heading">
      <Typography id="concerns-heading" variant="h2" sx={{ mb: 0.5 }}>
        {heading}
      </Typography>
      <Typography color="text.secondary" sx={{ mb: 2 }}>
        {intro}
      </Typography>
      {children}
    </Box>
  );
}

/** Loading, the error with Retry, the empty state offering to raise a concern, or the concerns themselves. */
function ConcernsBody({
  query,
  count,
  empty,
  onRaise,
  children,
}: {
  readonly query: ReturnType<typeof useConcerns>;
  readonly count: number;
  readonly empty: { readonly title: string; readonly body?: string; readonly testId?: string };
  readonly onRaise: () => void;
  readonly children: ReactNode;
}) {
  const { t } = useTranslation();
  if (query.isPending) return <Loading />;
  if (query.error) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  if (count === 0) {
    return (
      <Paper variant="outlined" data-testid={empty.testId}>
        <EmptyState
          icon={<HealthAndSafetyOutlined />}
          title={empty.title}
          body={empty.body}
          action={
            <Button variant="outlined" startIcon={<ReportProblemOutlined />} onClick={onRaise}>
              {t('safeguardingUi.raise')}
            </Button>
          }
        />
      </Paper>
    );
  }
  return (
    <Box sx={{ display: 'grid', gap: 1 }} data-testid="concern-list">
      {children}
    </Box>
  );
}

function DslConcerns({ onRaise }: { readonly onRaise: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const query = useConcerns();
  const { query: alerts } = useSafeguardingAlerts();
  const [filter, setFilter] = useState<ConcernFilter>('open');
  const [search, setSearch] = useState('');
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const [closing, setClosing] = useState<Concern | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  // A newer concern found by the shell's poll: read the list again (the list itself is not polled: each read is audited).
  const newest = alerts.data?.newestRaisedAt;
  const lastNewest = useRef(newest);
  useEffect(() => {
    if (newest !== undefined && lastNewest.current !== undefined && newest !== lastNewest.current) {
      void queryClient.invalidateQueries({ queryKey: qk('safeguarding.list') });
    }
    lastNewest.current = newest;
  }, [newest, queryClient]);

  const acknowledge = useMutation({
    mutationFn: async (c: Concern) => {
      const result = await invoke('safeguarding.acknowledge', { id: c.id });
      if (!result.ok) throw new ApiError(result.error);
      return result.value;
    },
    onSuccess: (c) => {
      setNotice(t('safeguardingUi.list.acknowledgedNotice', { pupil: c.pupilName }));
    },
  });

  const rows = filterConcerns(sortConcerns(query.data ?? []), filter, search);
  const toggle = (id: string) =>
    setExpanded((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const empty = search.trim()
    ? t('safeguardingUi.list.emptySearch', { search: search.trim() })
    : filter === 'open'
      ? t('safeguardingUi.list.emptyDslOpen')
      : filter === 'closed'
        ? t('safeguardingUi.list.emptyDslClosed')
        : t('safeguardingUi.list.emptyDsl');

  return (
    <ConcernsSection heading={t('safeguardingUi.list.dslHeading')} intro={t('safeguardingUi.list.dslIntro')}>
      <Box sx={{ display: 'flex', gap: 2, alignItems: 'center', flexWrap: 'wrap', mb: 2 }}>
        <Box sx={{ display: 'flex', gap: 1, alignItems: 'center' }}>
          <Typography id="concern-filter-label" component="span" color="text.secondary">
            {t('safeguardingUi.list.filterLabel')}
          </Typography>
          <ToggleButtonGroup
            exclusive
            size="small"
            value={filter}
            onChange={(_, v: ConcernFilter | null) => {
              if (v) setFilter(v);
            }}
            aria-labelledby="concern-filter-label"
          >
            {(['open', 'closed', 'all'] as const).map((f) => (
              <ToggleButton key={f} value={f} sx={{ px: 2 }}>
                {t(`safeguardingUi.list.filter.${f}`)}
              </ToggleButton>
            ))}
          </ToggleButtonGroup>
        </Box>
        <TextField
          size="small"
          type="search"
          label={t('safeguardingUi.list.searchLabel')}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          sx={{ maxWidth: 320 }}
        />
        <Typography role="status" color="text.secondary" sx={{ ml: 'auto' }}>
          {query.data ? t('safeguardingUi.list.count', { count: rows.length }) : ''}
        </Typography>
      </Box>
      {notice ? (
        <Alert severity="success" role="status" sx={{ mb: 2 }} onClose={() => setNotice(null)}>
          {notice}
        </Alert>
      ) : null}
      {acknowledge.error ? (
        <Alert severity="error" sx={{ mb: 2 }} onClose={() => acknowledge.reset()}>
          {t('safeguardingUi.list.actionFailed', { message: acknowledge.error.message })}
        </Alert>
      ) : null}
      <ConcernsBody query={query} count={rows.length} empty={{ title: empty }} onRaise={onRaise}>
        {rows.map((c) => (
          <ConcernItem
            key={c.id}
            concern={c}
            dsl
            expanded={expanded.has(c.id)}
            onToggle={() => toggle(c.id)}
            busy={acknowledge.isPending && acknowledge.variables.id === c.id}
            onAcknowledge={() => acknowledge.mutate(c)}
            onClose={() => setClosing(c)}
          />
        ))}
      </ConcernsBody>
      {closing ? (
        <CloseConcernDialog
          concern={closing}
          onClose={(closed) => {
            setClosing(null);
            if (closed) {
              setNotice(t('safeguardingUi.list.closedNotice', { pupil: closed.pupilName, reference: closed.cpomsReference ?? '' }));
            }
          }}
        />
      ) : null}
    </ConcernsSection>
  );
}

function MyConcerns({ onRaise }: { readonly onRaise: () => void }) {
  const { t } = useTranslation();
  const query = useConcerns();
  const [expanded, setExpanded] = useState<string | null>(null);
  const rows = sortConcerns(query.data ?? []);
  return (
    <ConcernsSection heading={t('safeguardingUi.list.mineHeading')} intro={t('safeguardingUi.list.mineIntro')}>
      <ConcernsBody
        query={query}
        count={rows.length}
        empty={{ title: t('safeguardingUi.list.emptyMine'), body: t('safeguardingUi.list.emptyMineNext'), testId: 'concern-list-empty' }}
        onRaise={onRaise}
      >
        {rows.map((c) => (
          <ConcernItem
            key={c.id}
            concern={c}
            dsl={false}
            expanded={expanded === c.id}
            onToggle={() => setExpanded((e) => (e === c.id ? null : c.id))}
          />
        ))}
      </ConcernsBody>
    </ConcernsSection>
  );
}

export default function SafeguardingPage() {
  const { t } = useTranslation();
  usePageTitle(t('safeguardingUi.title'));
  const info = useSessionInfo();
  const isDsl = info.user.role === 'dsl';
  const [raising, setRaising] = useState<number | null>(null);
  const raise = () => setRaising(Date.now());
  return (
    <>
      <PageHeader
        title={t('safeguardingUi.title')}
        subtitle={t('safeguardingUi.subtitle')}
        actions={
          <Button variant="contained" startIcon={<ReportProblemOutlined />} onClick={raise}>
            {t('safeguardingUi.raise')}
          </Button>
        }
      />
      <HandOffNote sx={{ mb: 3 }} />
      {isDsl ? <DslConcerns onRaise={raise} /> : <MyConcerns onRaise={raise} />}
      {raising !== null ? <RaiseConcernDialog key={raising} pupil={null} onClose={() => setRaising(null)} /> : null}
    </>
  );
}
