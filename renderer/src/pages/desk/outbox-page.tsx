/**
 * "Could not be sent" (issue 16): what this desk did offline that the school server then refused, each with what it
 * was, the pupil, when, and the server's reason; to send again, fix and send, or discard (after asking, naming the
 * record). Below, what still waits to be sent. Only the signed-in user's own items (the desk answers for them).
 * A standalone desk has no outbox: the page says so.
 */
import { useState, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import Paper from '@mui/material/Paper';
import Snackbar from '@mui/material/Snackbar';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import CheckCircleOutlined from '@mui/icons-material/CheckCircleOutlined';
import DeleteOutlined from '@mui/icons-material/DeleteOutlined';
import EditOutlined from '@mui/icons-material/EditOutlined';
import ReportOutlined from '@mui/icons-material/ReportOutlined';
import SendOutlined from '@mui/icons-material/SendOutlined';
import type { OutboxItem } from '../../../../shared/contract/desk';
import { call, invoke } from '../../api/client';
import { PageHeader } from '../../components/page-header';
import { EmptyState, Loading, QueryError } from '../../components/status';
import { DESK_STATUS_KEY, opInWords, opTitle, sortWaiting, whenParts, whenText } from '../../components/desk/desk-model';
import { OutboxFixDialog } from '../../components/desk/outbox-fix-dialog';
import { useDeskStatus } from '../../components/desk/use-desk-status';
import { usePageTitle } from '../../lib/use-page-title';
import { qk } from '../../lib/query-keys';

const OUTBOX_KEY = qk('desk.outbox.list');

const visuallyHidden = {
  position: 'absolute',
  width: '1px',
  height: '1px',
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
} as const;

function PupilCell({ item }: { readonly item: OutboxItem }) {
  const { t } = useTranslation();
  return <>{item.pupilName ?? t('connectedUi.outbox.noPupil')}</>;
}

function WhatCell({ item, waiting }: { readonly item: OutboxItem; readonly waiting: boolean }) {
  const { t } = useTranslation();
  const concern = item.op === 'safeguarding.raise';
  return (
    <>
      <Typography component="span" sx={{ fontWeight: 600, display: 'block' }}>
        {opTitle(item.op)}
      </Typography>
      {concern && waiting ? (
        <Typography
          component="span"
          variant="body2"
          sx={{ color: 'error.main', fontWeight: 700, display: 'inline-flex', alignItems: 'center', gap: 0.5 }}
        >
          <ReportOutlined fontSize="small" aria-hidden />
          {t('connectedUi.outbox.concernNotSent')}
        </Typography>
      ) : null}
    </>
  );
}

/** The refused items, with their actions. */
export function FailedTable({
  items,
  onResend,
  onFix,
  onDiscard,
  busy,
}: {
  readonly items: readonly OutboxItem[];
  readonly onResend: (item: OutboxItem) => void;
  readonly onFix: (item: OutboxItem) => void;
  readonly onDiscard: (item: OutboxItem) => void;
  readonly busy: string | null;
}) {
  const { t } = useTranslation();
  return (
    <Table aria-label={t('connectedUi.outbox.listLabel')} data-testid="outbox-failed">
      <TableHead>
        <TableRow>
          <TableCell>{t('connectedUi.outbox.what')}</TableCell>
          <TableCell>{t('connectedUi.outbox.pupil')}</TableCell>
          <TableCell>{t('connectedUi.outbox.when')}</TableCell>
          <TableCell>{t('connectedUi.outbox.reason')}</TableCell>
          <TableCell>
            <Box component="span" sx={visuallyHidden}>
              {t('connectedUi.outbox.actions')}
            </Box>
          </TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {items.map((item) => {
          const what = opInWords(item.op);
          const pupil = item.pupilName ?? t('connectedUi.outbox.noPupil');
          return (
            <TableRow key={item.id} data-testid="outbox-item" sx={{ verticalAlign: 'top' }}>
              <TableCell sx={{ minWidth: 160 }}>
                <WhatCell item={item} waiting />
              </TableCell>
              <TableCell>
                <PupilCell item={item} />
              </TableCell>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>{whenText(item.queuedAt)}</TableCell>
              <TableCell sx={{ maxWidth: 360 }}>{item.error?.message}</TableCell>
              <TableCell>
                <Box
                  role="group"
                  aria-label={t('connectedUi.outbox.actionsFor', { what, pupil })}
                  sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', justifyContent: 'flex-end' }}
                >
                  <Button
                    size="small"
                    variant="contained"
                    startIcon={<SendOutlined />}
                    disabled={busy !== null}
                    onClick={() => onResend(item)}
                  >
                    {t('connectedUi.outbox.sendAgain')}
                  </Button>
                  <Button size="small" variant="outlined" startIcon={<EditOutlined />} disabled={busy !== null} onClick={() => onFix(item)}>
                    {t('connectedUi.outbox.fix')}
                  </Button>
                  <Button
                    size="small"
                    color="error"
                    startIcon={<DeleteOutlined />}
                    disabled={busy !== null}
                    onClick={() => onDiscard(item)}
                  >
                    {t('connectedUi.outbox.discard')}
                  </Button>
                </Box>
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}

/** What still waits to be sent (no actions: it goes by itself when the connection returns). */
export function WaitingTable({ items }: { readonly items: readonly OutboxItem[] }) {
  const { t } = useTranslation();
  return (
    <Table aria-label={t('connectedUi.outbox.waitingLabel')} data-testid="outbox-waiting">
      <TableHead>
        <TableRow>
          <TableCell>{t('connectedUi.outbox.what')}</TableCell>
          <TableCell>{t('connectedUi.outbox.pupil')}</TableCell>
          <TableCell>{t('connectedUi.outbox.when')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {sortWaiting(items).map((item) => (
          <TableRow key={item.id} data-testid="outbox-waiting-item">
            <TableCell>
              <WhatCell item={item} waiting />
            </TableCell>
            <TableCell>
              <PupilCell item={item} />
            </TableCell>
            <TableCell sx={{ whiteSpace: 'nowrap' }}>{whenText(item.queuedAt)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** The one question before an item is thrown away: names what, whom and when. */
export function DiscardDialog({
  item,
  busy,
  onKeep,
  onDiscard,
}: {
  readonly item: OutboxItem;
  readonly busy: boolean;
  readonly onKeep: () => void;
  readonly onDiscard: () => void;
}) {
  const { t } = useTranslation();
  const what = opInWords(item.op);
  const { date } = whenParts(item.queuedAt);
  const title = item.pupilName
    ? t('connectedUi.outbox.discardTitle', { what, pupil: item.pupilName, date })
    : t('connectedUi.outbox.discardTitleNoPupil', { what, date });
  return (
    <Dialog
      open
      onClose={busy ? undefined : onKeep}
      aria-labelledby="outbox-discard-title"
      aria-describedby="outbox-discard-body"
      maxWidth="sm"
      fullWidth
    >
      <DialogTitle id="outbox-discard-title">{title}</DialogTitle>
      <DialogContent>
        <DialogContentText id="outbox-discard-body">{t('connectedUi.outbox.discardBody')}</DialogContentText>
        {item.op === 'safeguarding.raise' ? (
          <Alert severity="error" icon={<ReportOutlined />} sx={{ mt: 2, fontWeight: 600 }}>
            {t('connectedUi.outbox.discardConcern')}
          </Alert>
        ) : null}
      </DialogContent>
      <DialogActions sx={{ px: 3, pb: 2 }}>
        <Button autoFocus onClick={onKeep} disabled={busy}>
          {t('connectedUi.outbox.keep')}
        </Button>
        <Button color="error" variant="contained" startIcon={<DeleteOutlined />} onClick={onDiscard} disabled={busy}>
          {t('connectedUi.outbox.confirmDiscard')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

function Section({ title, children }: { readonly title: string; readonly children: ReactNode }) {
  return (
    <Paper variant="outlined" component="section" aria-label={title} sx={{ mb: 3, overflowX: 'auto' }}>
      <Typography variant="h2" sx={{ px: 2, pt: 2, pb: 1 }}>
        {title}
      </Typography>
      {children}
    </Paper>
  );
}

function OutboxLists() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const failedQuery = useQuery({
    queryKey: qk('desk.outbox.list', 'failed'),
    queryFn: () => call('desk.outbox.list', {}),
    refetchInterval: 5000,
  });
  const waitingQuery = useQuery({
    queryKey: qk('desk.outbox.list', 'waiting'),
    queryFn: () => call('desk.outbox.list', { waiting: true }),
    refetchInterval: 5000,
  });
  const [fixing, setFixing] = useState<OutboxItem | null>(null);
  const [discarding, setDiscarding] = useState<OutboxItem | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const refresh = () =>
    Promise.all([queryClient.invalidateQueries({ queryKey: OUTBOX_KEY }), queryClient.invalidateQueries({ queryKey: DESK_STATUS_KEY })]);

  const resend = async (item: OutboxItem) => {
    setBusy(item.id);
    setProblem(null);
    const r = await invoke('desk.outbox.resend', { id: item.id });
    setBusy(null);
    if (r.ok) setDone(t('connectedUi.outbox.sent', { what: opInWords(item.op) }));
    else setProblem(t('connectedUi.outbox.notSent', { message: r.error.message }));
    await refresh();
  };

  const discard = async (item: OutboxItem) => {
    setBusy(item.id);
    setProblem(null);
    const r = await invoke('desk.outbox.discard', { id: item.id });
    setBusy(null);
    setDiscarding(null);
    if (r.ok && r.value.discarded) setDone(t('connectedUi.outbox.discarded', { what: opInWords(item.op) }));
    else if (r.ok) setProblem(t('connectedUi.outbox.gone'));
    else setProblem(t('connectedUi.outbox.notDiscarded', { message: r.error.message }));
    await refresh();
  };

  const failed = (failedQuery.data ?? []).filter((i) => i.error !== null);
  const waiting = (waitingQuery.data ?? []).filter((i) => i.error === null);

  return (
    <>
      {problem ? (
        <Alert severity="error" role="alert" sx={{ mb: 2 }} onClose={() => setProblem(null)}>
          {problem}
        </Alert>
      ) : null}
      <Section title={t('connectedUi.outbox.failedHeading')}>
        {failedQuery.isPending ? (
          <Loading />
        ) : failedQuery.error ? (
          <Box sx={{ p: 2 }}>
            <QueryError error={failedQuery.error} onRetry={() => void failedQuery.refetch()} />
          </Box>
        ) : failed.length === 0 ? (
          <EmptyState
            icon={<CheckCircleOutlined />}
            title={t('connectedUi.outbox.noneFailed')}
            body={t('connectedUi.outbox.noneFailedBody')}
          />
        ) : (
          <FailedTable items={failed} busy={busy} onResend={(i) => void resend(i)} onFix={setFixing} onDiscard={setDiscarding} />
        )}
      </Section>
      <Section title={t('connectedUi.outbox.waitingHeading')}>
        <Typography color="text.secondary" sx={{ px: 2, pb: 1 }}>
          {t('connectedUi.outbox.waitingIntro')}
        </Typography>
        {waitingQuery.isPending ? (
          <Loading />
        ) : waitingQuery.error ? (
          <Box sx={{ p: 2 }}>
            <QueryError error={waitingQuery.error} onRetry={() => void waitingQuery.refetch()} />
          </Box>
        ) : waiting.length === 0 ? (
          <Typography sx={{ px: 2, pb: 2 }}>{t('connectedUi.outbox.noneWaiting')}</Typography>
        ) : (
          <WaitingTable items={waiting} />
        )}
      </Section>
      {fixing ? (
        <OutboxFixDialog
          key={fixing.id}
          item={fixing}
          onClose={() => setFixing(null)}
          onSent={() => {
            setDone(t('connectedUi.outbox.sent', { what: opInWords(fixing.op) }));
            setFixing(null);
            void refresh();
          }}
        />
      ) : null}
      {discarding ? (
        <DiscardDialog
          item={discarding}
          busy={busy !== null}
          onKeep={() => setDiscarding(null)}
          onDiscard={() => void discard(discarding)}
        />
      ) : null}
      <Snackbar
        open={done !== null}
        autoHideDuration={6000}
        onClose={(_e, reason) => {
          if (reason !== 'clickaway') setDone(null);
        }}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'center' }}
        message={done}
        slotProps={{ content: { role: 'status' } }}
      />
    </>
  );
}

export default function OutboxPage() {
  const { t } = useTranslation();
  usePageTitle(t('connectedUi.outbox.title'));
  const status = useDeskStatus();
  return (
    <>
      <PageHeader title={t('connectedUi.outbox.title')} subtitle={t('connectedUi.outbox.subtitle')} />
      {status.isPending ? (
        <Loading />
      ) : status.error ? (
        <QueryError error={status.error} onRetry={() => void status.refetch()} />
      ) : status.data.mode === 'standalone' ? (
        <Alert severity="info">{t('connectedUi.outbox.standalone')}</Alert>
      ) : (
        <OutboxLists />
      )}
    </>
  );
}
