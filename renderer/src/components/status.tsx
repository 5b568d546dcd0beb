import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import type { AppError } from '../../../shared/result';

/** A spinner that only appears after 150 ms: local work that is quicker shows none (UI handbook: speed). */
export function Loading({ fullPage = false }: { readonly fullPage?: boolean }) {
  const { t } = useTranslation();
  const [show, setShow] = useState(false);
  useEffect(() => {
    const timer = window.setTimeout(() => setShow(true), 150);
    return () => window.clearTimeout(timer);
  }, []);
  return (
    <Box sx={{ display: 'grid', placeItems: 'center', minHeight: fullPage ? '100vh' : 240 }} role="status" aria-live="polite">
      {show ? (
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, color: 'text.secondary' }}>
          <CircularProgress size={24} aria-hidden />
          <Typography>{t('app.loading')}</Typography>
        </Box>
      ) : null}
    </Box>
  );
}

export function ServiceUnavailable({ error, onRetry }: { readonly error: AppError; readonly onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <Box sx={{ display: 'grid', placeItems: 'center', minHeight: '100vh', p: 3 }}>
      <Paper variant="outlined" sx={{ p: 4, maxWidth: 520 }}>
        <Typography variant="h1" gutterBottom>
          {t('app.unavailable.title')}
        </Typography>
        <Alert severity="error" sx={{ mb: 2 }}>
          {error.message}
        </Alert>
        <Button variant="contained" onClick={onRetry}>
          {t('app.unavailable.retry')}
        </Button>
      </Paper>
    </Box>
  );
}

/** An empty or error state: says why, and offers the next step (UI handbook: lists). */
export function EmptyState({
  icon,
  title,
  body,
  action,
}: {
  readonly icon?: ReactNode;
  readonly title: string;
  readonly body?: ReactNode;
  readonly action?: ReactNode;
}) {
  return (
    <Box sx={{ textAlign: 'center', py: 6, px: 3, color: 'text.secondary', display: 'grid', justifyItems: 'center', gap: 1.5 }}>
      {icon ? (
        <Box sx={{ color: 'primary.main', '& svg': { fontSize: 40 } }} aria-hidden>
          {icon}
        </Box>
      ) : null}
      <Typography variant="h3" component="p" sx={{ color: 'text.primary' }}>
        {title}
      </Typography>
      {body ? <Typography sx={{ maxWidth: 560 }}>{body}</Typography> : null}
      {action ? <Box sx={{ mt: 1 }}>{action}</Box> : null}
    </Box>
  );
}

export function QueryError({ error, onRetry }: { readonly error: unknown; readonly onRetry?: () => void }) {
  const { t } = useTranslation();
  const message = error instanceof Error ? error.message : t('app.errors.unknown');
  return (
    <Alert
      severity="error"
      action={
        onRetry ? (
          <Button color="inherit" size="small" onClick={onRetry}>
            {t('app.tryAgain')}
          </Button>
        ) : undefined
      }
    >
      {message}
    </Alert>
  );
}
