/**
 * Complaints and feedback: the log (newest first) with filters for complaints or feedback, open complaints only
 * and a search, each complaint's step, its acknowledge-by and respond-by dates and "Late" in words; a form to record
 * or update an entry; and the report for governors (counts only, no names) for a chosen period, this academic year
 * unless changed, which prints on A4. The view and filters live in the address.
 */
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import FormControlLabel from '@mui/material/FormControlLabel';
import InputAdornment from '@mui/material/InputAdornment';
import Paper from '@mui/material/Paper';
import Switch from '@mui/material/Switch';
import Tab from '@mui/material/Tab';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Tabs from '@mui/material/Tabs';
import TextField from '@mui/material/TextField';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import AddCommentOutlined from '@mui/icons-material/AddCommentOutlined';
import FeedbackOutlined from '@mui/icons-material/FeedbackOutlined';
import EditNoteOutlined from '@mui/icons-material/EditNoteOutlined';
import PrintOutlined from '@mui/icons-material/PrintOutlined';
import SearchOutlined from '@mui/icons-material/SearchOutlined';
import type { FeedbackKind, FeedbackRecord } from '../../../../shared/contract';
import { formatLongDate, formatUkDate, isIsoDate, todayIso } from '../../../../shared/dates';
import { call } from '../../api/client';
import { useSessionInfo } from '../../auth/auth';
import { useCan } from '../../auth/use-can';
import { IsoDateInput } from '../../components/form-fields';
import { FeedbackDialog } from '../../components/governance/feedback-dialog';
import {
  academicYearRange,
  feedbackToInput,
  filterFeedback,
  lateReasons,
  newFeedback,
  type FeedbackIn,
} from '../../components/governance/feedback-model';
import { ComplaintProgress } from '../../components/governance/feedback-parts';
import { GovernorsReportView, REPORT_KEEP } from '../../components/governance/governors-report';
import { PageHeader } from '../../components/page-header';
import { printInPlaceCss } from '../../components/progress/print-css';
import { EmptyState, Loading, QueryError } from '../../components/status';
import { usePageTitle } from '../../lib/use-page-title';
import { qk } from '../../lib/query-keys';

type View = 'log' | 'report';
type KindFilter = 'all' | FeedbackKind;

function Log({ onOpen }: { readonly onOpen: (r: FeedbackRecord) => void }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const kindParam = params.get('kind');
  const kind: KindFilter = kindParam === 'complaint' || kindParam === 'feedback' ? kindParam : 'all';
  const openOnly = params.get('open') === '1';
  const search = params.get('q') ?? '';
  const update = (changes: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace: true });
  };
  const input = { ...(kind === 'all' ? {} : { kind }), ...(openOnly ? { openOnly: true } : {}) };
  const query = useQuery({ queryKey: qk('feedback.list', input), queryFn: () => call('feedback.list', input) });
  const rows = filterFeedback(query.data ?? [], search);
  const today = todayIso();
  const filtered = kind !== 'all' || openOnly || search !== '';

  return (
    <Paper variant="outlined" component="section" aria-label={t('staffUi.feedback.tableLabel')} sx={{ p: 2.5 }}>
      <Box sx={{ display: 'flex', gap: 2, alignItems: 'center', flexWrap: 'wrap', mb: 2 }}>
        <ToggleButtonGroup
          exclusive
          size="small"
          value={kind}
          onChange={(_, v: KindFilter | null) => v && update({ kind: v === 'all' ? '' : v })}
          aria-label={t('staffUi.feedback.kindFilter')}
        >
          <ToggleButton value="all">{t('staffUi.feedback.filterAll')}</ToggleButton>
          <ToggleButton value="complaint">{t('staffUi.feedback.filterComplaints')}</ToggleButton>
          <ToggleButton value="feedback">{t('staffUi.feedback.filterFeedback')}</ToggleButton>
        </ToggleButtonGroup>
        <FormControlLabel
          control={<Switch checked={openOnly} onChange={(e) => update({ open: e.target.checked ? '1' : '' })} />}
          label={t('staffUi.feedback.openOnly')}
        />
        <TextField
          size="small"
          label={t('staffUi.feedback.search')}
          value={search}
          onChange={(e) => update({ q: e.target.value })}
          sx={{ width: 280, flex: 'none', ml: { md: 'auto' } }}
          slotProps={{
            input: {
              startAdornment: (
                <InputAdornment position="start">
                  <SearchOutlined fontSize="small" aria-hidden />
                </InputAdornment>
              ),
            },
          }}
        />
      </Box>
      {query.isPending ? (
        <Loading />
      ) : query.error ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : rows.length === 0 ? (
        <EmptyState
          icon={<FeedbackOutlined />}
          title={filtered ? t('staffUi.feedback.noMatchTitle') : t('staffUi.feedback.emptyTitle')}
          body={
            filtered ? (openOnly && !search ? t('staffUi.feedback.noneOpen') : t('staffUi.feedback.noMatch')) : t('staffUi.feedback.empty')
          }
          action={filtered ? <Button onClick={() => update({ kind: '', open: '', q: '' })}>{t('staffUi.clearFilters')}</Button> : undefined}
        />
      ) : (
        <TableContainer>
          <Table
            size="small"
            aria-label={t('staffUi.feedback.tableLabel')}
            sx={{ '& th': { fontWeight: 600 }, '& td': { verticalAlign: 'top' } }}
          >
            <TableHead>
              <TableRow>
                <TableCell>{t('staffUi.feedback.columns.received')}</TableCell>
                <TableCell>{t('staffUi.feedback.columns.kind')}</TableCell>
                <TableCell>{t('staffUi.feedback.columns.from')}</TableCell>
                <TableCell>{t('staffUi.feedback.columns.summary')}</TableCell>
                <TableCell>{t('staffUi.feedback.columns.progress')}</TableCell>
                <TableCell align="right">{t('staffUi.columns.actions')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.map((r) => (
                <TableRow key={r.id} data-testid="feedback-row" data-kind={r.kind}>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatUkDate(r.receivedDate)}</TableCell>
                  <TableCell>
                    <Typography variant="body2" sx={{ fontWeight: 500 }}>
                      {t(`staffUi.feedback.kinds.${r.kind}`)}
                    </Typography>
                    <Typography variant="body2" color="text.secondary">
                      {t(`staffUi.feedback.sources.${r.source}`)}
                    </Typography>
                  </TableCell>
                  <TableCell>
                    <Typography variant="body2">{r.fromName ?? t('staffUi.feedback.anonymous')}</Typography>
                    {r.pupilName ? (
                      <Typography variant="body2" color="text.secondary">
                        {t('staffUi.feedback.about', { name: r.pupilName })}
                      </Typography>
                    ) : null}
                  </TableCell>
                  <TableCell sx={{ maxWidth: 380 }}>
                    <Typography
                      variant="body2"
                      sx={{ display: '-webkit-box', WebkitLineClamp: 3, WebkitBoxOrient: 'vertical', overflow: 'hidden' }}
                    >
                      {r.summary}
                    </Typography>
                  </TableCell>
                  <TableCell sx={{ minWidth: 170 }}>
                    {r.kind === 'complaint' ? (
                      <ComplaintProgress record={r} reasons={lateReasons(r, today)} />
                    ) : (
                      <Typography variant="body2">
                        {r.sentiment ? t(`staffUi.feedback.sentiments.${r.sentiment}`) : t('staffUi.feedback.notRecorded')}
                      </Typography>
                    )}
                  </TableCell>
                  <TableCell align="right">
                    <Button
                      size="small"
                      variant="outlined"
                      startIcon={<EditNoteOutlined />}
                      onClick={() => onOpen(r)}
                      aria-label={t('staffUi.feedback.openAria', {
                        kind: t(`staffUi.feedback.kinds.${r.kind}`).toLowerCase(),
                        date: formatLongDate(r.receivedDate),
                      })}
                    >
                      {t('staffUi.feedback.open')}
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

function Report() {
  const { t } = useTranslation();
  const info = useSessionInfo();
  const [params, setParams] = useSearchParams();
  const year = academicYearRange(todayIso());
  const from = params.get('from') ?? year.from;
  const to = params.get('to') ?? year.to;
  const [draft, setDraft] = useState<{ from: string | null; to: string | null }>({ from, to });
  const fromOk = draft.from !== null && isIsoDate(draft.from);
  const toOk = draft.to !== null && isIsoDate(draft.to);
  const order = fromOk && toOk && draft.to! < draft.from!;
  const set = (next: { from: string | null; to: string | null }) => {
    setDraft(next);
    if (next.from && next.to && isIsoDate(next.from) && isIsoDate(next.to) && next.to >= next.from) {
      const p = new URLSearchParams(params);
      for (const [k, v] of [
        ['from', next.from],
        ['to', next.to],
      ] as const) {
        if (v === year[k]) p.delete(k);
        else p.set(k, v);
      }
      setParams(p, { replace: true });
    }
  };
  const isYear = from === year.from && to === year.to;
  return (
    <>
      <Paper variant="outlined" component="section" aria-label={t('staffUi.report.periodLabel')} sx={{ p: 2.5, mb: 2 }}>
        <Box sx={{ display: 'flex', gap: 2, alignItems: 'flex-start', flexWrap: 'wrap' }}>
          <Box sx={{ width: 220 }}>
            <IsoDateInput
              label={t('staffUi.report.from')}
              name="from"
              value={draft.from}
              onChange={(iso) => set({ ...draft, from: iso })}
              error={
                draft.from !== null && !fromOk
                  ? t('staffUi.report.dateFormat')
                  : draft.from === null
                    ? t('staffUi.report.dateNeeded')
                    : null
              }
            />
          </Box>
          <Box sx={{ width: 220 }}>
            <IsoDateInput
              label={t('staffUi.report.to')}
              name="to"
              value={draft.to}
              onChange={(iso) => set({ ...draft, to: iso })}
              error={
                draft.to !== null && !toOk
                  ? t('staffUi.report.dateFormat')
                  : draft.to === null
                    ? t('staffUi.report.dateNeeded')
                    : order
                      ? t('staffUi.report.order')
                      : null
              }
            />
          </Box>
          <Button sx={{ mt: 1 }} disabled={isYear} onClick={() => set({ from: year.from, to: year.to })}>
            {t('staffUi.report.thisYear')}
          </Button>
        </Box>
      </Paper>
      <GovernorsReportView from={from} to={to} school={info.school.name} />
    </>
  );
}

export default function FeedbackPage() {
  const { t } = useTranslation();
  const title = t('staffUi.feedback.title');
  usePageTitle(title);
  const canSave = useCan('feedback.save');
  const canReport = useCan('feedback.report');
  const [params, setParams] = useSearchParams();
  const view: View = params.get('view') === 'report' && canReport ? 'report' : 'log';
  const [editing, setEditing] = useState<{ initial: FeedbackIn; record: FeedbackRecord | null } | null>(null);
  const [saved, setSaved] = useState<FeedbackRecord | null>(null);

  const css = printInPlaceCss({
    keepClass: REPORT_KEEP,
    left: t('staffUi.print.confidential'),
    right: t('staffUi.report.title'),
    footerLeft: t('staffUi.print.printed', { date: formatLongDate(todayIso()) }),
    page: t('staffUi.print.page'),
    of: t('staffUi.print.of'),
  });

  return (
    <>
      {view === 'report' ? <style>{css}</style> : null}
      <PageHeader
        title={title}
        subtitle={t('staffUi.feedback.subtitle')}
        actions={
          view === 'report' ? (
            <Button variant="outlined" startIcon={<PrintOutlined />} onClick={() => window.print()}>
              {t('staffUi.report.print')}
            </Button>
          ) : canSave ? (
            <Button
              variant="contained"
              startIcon={<AddCommentOutlined />}
              onClick={() => setEditing({ initial: newFeedback('feedback', todayIso()), record: null })}
            >
              {t('staffUi.feedback.add')}
            </Button>
          ) : null
        }
      />
      <Box sx={{ borderBottom: 1, borderColor: 'divider', mb: 2 }}>
        <Tabs
          value={view}
          onChange={(_, v: View) => {
            setSaved(null);
            const next = new URLSearchParams();
            if (v === 'report') next.set('view', 'report');
            setParams(next, { replace: true });
          }}
          aria-label={t('staffUi.feedback.viewsLabel')}
        >
          <Tab value="log" label={t('staffUi.feedback.logTab')} id="feedback-tab-log" aria-controls="feedback-panel" />
          {canReport ? (
            <Tab value="report" label={t('staffUi.report.tab')} id="feedback-tab-report" aria-controls="feedback-panel" />
          ) : null}
        </Tabs>
      </Box>
      {saved ? (
        <Alert severity="success" role="status" sx={{ mb: 2 }} onClose={() => setSaved(null)}>
          {t(saved.kind === 'complaint' ? 'staffUi.feedback.savedComplaint' : 'staffUi.feedback.savedFeedback', {
            date: formatLongDate(saved.receivedDate),
          })}
        </Alert>
      ) : null}
      <Box role="tabpanel" id="feedback-panel" aria-labelledby={`feedback-tab-${view}`}>
        {view === 'report' ? (
          <Report />
        ) : (
          <Log
            onOpen={(r) => {
              setSaved(null);
              setEditing({ initial: feedbackToInput(r), record: r });
            }}
          />
        )}
      </Box>
      {editing ? (
        <FeedbackDialog
          initial={editing.initial}
          record={editing.record}
          onClose={(r) => {
            setEditing(null);
            if (r) setSaved(r);
          }}
        />
      ) : null}
    </>
  );
}
