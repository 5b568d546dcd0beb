/** "Check the chain": re-computes the audit trail's hash chain (audit.verify) and says in words whether it is intact. */
import { useTranslation } from 'react-i18next';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import VerifiedUserOutlined from '@mui/icons-material/VerifiedUserOutlined';
import { formatUkDateTime } from '../../../../shared/audit-format';
import type { AuditChainResult } from '../../../../shared/contract';
import type { AppError } from '../../../../shared/result';
import { invoke } from '../../api/client';
import { chainMessage } from './audit-model';

type State =
  | { readonly kind: 'idle' }
  | { readonly kind: 'checking' }
  | { readonly kind: 'done'; readonly result: AuditChainResult; readonly at: string }
  | { readonly kind: 'failed'; readonly error: AppError };

export function ChainCheckButton({ onResult, busy }: { readonly onResult: (s: State) => void; readonly busy: boolean }) {
  const { t } = useTranslation();
  return (
    <Button
      variant="contained"
      startIcon={<VerifiedUserOutlined />}
      disabled={busy}
      onClick={() => {
        onResult({ kind: 'checking' });
        void invoke('audit.verify', {}).then((r) =>
          onResult(r.ok ? { kind: 'done', result: r.value, at: new Date().toISOString() } : { kind: 'failed', error: r.error }),
        );
      }}
    >
      {busy ? t('auditUi.chain.checking') : t('auditUi.chain.check')}
    </Button>
  );
}

export function ChainResult({ state }: { readonly state: State }) {
  const { t } = useTranslation();
  if (state.kind === 'idle' || state.kind === 'checking') {
    return (
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }} role="status" aria-live="polite">
        {state.kind === 'checking' ? t('auditUi.chain.checking') : t('auditUi.chain.intro')}
      </Typography>
    );
  }
  if (state.kind === 'failed') {
    return (
      <Alert severity="error" sx={{ mb: 2 }} role="alert">
        {state.error.message}
      </Alert>
    );
  }
  const m = chainMessage(state.result);
  return (
    <Alert severity={m.severity} sx={{ mb: 2 }} role={m.severity === 'error' ? 'alert' : 'status'} data-testid="chain-result">
      {m.lines.length ? <AlertTitle>{m.title}</AlertTitle> : <Box component="span">{m.title} </Box>}
      {m.lines.map((line) => (
        <Typography key={line} variant="body2" sx={{ mt: 0.5 }}>
          {line}
        </Typography>
      ))}
      {m.notes.map((note) => (
        <Typography key={note} variant="body2" sx={{ mt: 0.5 }} data-testid="chain-note">
          {note}
        </Typography>
      ))}
      <Typography
        variant="body2"
        color="text.secondary"
        component={m.lines.length || m.notes.length ? 'p' : 'span'}
        sx={{ mt: m.lines.length || m.notes.length ? 0.5 : 0 }}
      >
        {t('auditUi.chain.checkedAt', { time: formatUkDateTime(state.at) })}
      </Typography>
    </Alert>
  );
}

export type ChainState = State;
