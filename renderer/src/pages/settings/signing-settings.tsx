/**
 * Settings › School (issue 14, item 7): this school's signing fingerprint, to read to another school on the phone,
 * and (for the SENCo) the senders this school trusts, each with when, by whom and how it was checked, and "Stop
 * trusting" (audited by the core).
 */
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
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
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { TrustedSender } from '../../../../shared/contract';
import { formatLongDate } from '../../../../shared/dates';
import { call, invoke } from '../../api/client';
import { useCan } from '../../auth/use-can';
import { Fingerprint } from '../../components/sharing/transfer-sender';
import { Loading, QueryError } from '../../components/status';
import { qk } from '../../lib/query-keys';

function OwnFingerprint() {
  const { t } = useTranslation();
  const query = useQuery({ queryKey: qk('transfers.identity'), queryFn: () => call('transfers.identity', {}) });
  return (
    <Paper
      variant="outlined"
      sx={{ p: 3, display: 'grid', gap: 1.5 }}
      component="section"
      aria-labelledby="signing-title"
      data-testid="signing-identity"
    >
      <Typography id="signing-title" variant="h2">
        {t('sharingUi.signing.title')}
      </Typography>
      <Typography color="text.secondary">{t('sharingUi.signing.intro')}</Typography>
      {query.isPending ? (
        <Loading />
      ) : query.error ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <Box>
          <Typography variant="body2" color="text.secondary" id="signing-fingerprint-label">
            {t('sharingUi.signing.fingerprint')}
          </Typography>
          <Box
            role="group"
            aria-labelledby="signing-fingerprint-label"
            sx={{ p: 1.5, mt: 0.5, border: 1, borderColor: 'divider', borderRadius: 1, display: 'inline-block' }}
          >
            <Fingerprint value={query.data.fingerprint} testId="signing-fingerprint" />
          </Box>
          <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
            {t('sharingUi.signing.created', { date: formatLongDate(query.data.createdAt.slice(0, 10)) })}
          </Typography>
        </Box>
      )}
    </Paper>
  );
}

function TrustedSenders() {
  const { t } = useTranslation();
  const query = useQuery({ queryKey: qk('transfers.senders.list'), queryFn: () => call('transfers.senders.list', {}) });
  const [removing, setRemoving] = useState<TrustedSender | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const remove = async (sender: TrustedSender) => {
    setBusy(true);
    const result = await invoke('transfers.senders.remove', { id: sender.id });
    setBusy(false);
    setRemoving(null);
    setMessage(
      result.ok
        ? { kind: 'success', text: t('sharingUi.signing.removed', { school: sender.school }) }
        : { kind: 'error', text: result.error.message },
    );
  };
  return (
    <Paper
      variant="outlined"
      sx={{ p: 3, display: 'grid', gap: 1.5 }}
      component="section"
      aria-labelledby="trusted-senders-title"
      data-testid="trusted-senders"
    >
      <Typography id="trusted-senders-title" variant="h2">
        {t('sharingUi.signing.trustedTitle')}
      </Typography>
      <Typography color="text.secondary">{t('sharingUi.signing.trustedIntro')}</Typography>
      {message ? (
        <Alert severity={message.kind} role={message.kind === 'error' ? 'alert' : 'status'}>
          {message.text}
        </Alert>
      ) : null}
      {query.isPending ? (
        <Loading />
      ) : query.error ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.length === 0 ? (
        <Typography color="text.secondary" data-testid="trusted-senders-empty">
          {t('sharingUi.signing.trustedEmpty')}
        </Typography>
      ) : (
        <Box sx={{ overflowX: 'auto' }}>
          <Table size="small" aria-label={t('sharingUi.signing.tableLabel')}>
            <TableHead>
              <TableRow>
                <TableCell>{t('sharingUi.signing.school')}</TableCell>
                <TableCell>{t('sharingUi.signing.urn')}</TableCell>
                <TableCell>{t('sharingUi.signing.fingerprintColumn')}</TableCell>
                <TableCell>{t('sharingUi.signing.trustedColumn')}</TableCell>
                <TableCell>{t('sharingUi.signing.note')}</TableCell>
                <TableCell />
              </TableRow>
            </TableHead>
            <TableBody>
              {query.data.map((s) => (
                <TableRow key={s.id} data-testid="trusted-sender-row">
                  <TableCell component="th" scope="row">
                    {s.school}
                  </TableCell>
                  <TableCell>{s.urn}</TableCell>
                  <TableCell sx={{ minWidth: 260 }}>
                    <Fingerprint value={s.fingerprint} />
                  </TableCell>
                  <TableCell>
                    {t('sharingUi.signing.trustedLine', { date: formatLongDate(s.trustedAt.slice(0, 10)), by: s.trustedBy })}
                  </TableCell>
                  <TableCell>{s.note ?? ''}</TableCell>
                  <TableCell align="right">
                    <Button
                      color="error"
                      onClick={() => setRemoving(s)}
                      aria-label={t('sharingUi.signing.removeLabel', { school: s.school })}
                    >
                      {t('sharingUi.signing.remove')}
                    </Button>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Box>
      )}
      {removing ? (
        <Dialog open onClose={() => setRemoving(null)} aria-labelledby="remove-sender-title" aria-describedby="remove-sender-body">
          <DialogTitle id="remove-sender-title">{t('sharingUi.signing.removeTitle', { school: removing.school })}</DialogTitle>
          <DialogContent>
            <DialogContentText id="remove-sender-body">{t('sharingUi.signing.removeBody')}</DialogContentText>
          </DialogContent>
          <DialogActions sx={{ px: 3, pb: 2 }}>
            <Button onClick={() => setRemoving(null)} disabled={busy}>
              {t('sharingUi.signing.cancel')}
            </Button>
            <Button color="error" variant="contained" onClick={() => void remove(removing)} disabled={busy}>
              {t('sharingUi.signing.remove')}
            </Button>
          </DialogActions>
        </Dialog>
      ) : null}
    </Paper>
  );
}

/** What the school tab adds below the school's details, for those who may see it. */
export function SigningSettings() {
  const canSee = useCan('transfers.identity');
  const canTrust = useCan('transfers.senders.list');
  if (!canSee && !canTrust) return null;
  return (
    <Box sx={{ display: 'grid', gap: 3, mt: 3 }}>
      {canSee ? <OwnFingerprint /> : null}
      {canTrust ? <TrustedSenders /> : null}
    </Box>
  );
}
