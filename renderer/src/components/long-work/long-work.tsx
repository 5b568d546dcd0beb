/**
 * Long work on screen (an export, a pack, an import): `useLongWork` runs one call through `invokeLong` and keeps
 * its progress; `LongWorkProgress` shows it as a progress bar with the step's name and a Cancel button. A cancelled
 * call ends with the core's own "Cancelled: nothing was saved" failure, which the screen shows like any other.
 */
import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { codeLabel } from '../../../../shared/i18n';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Typography from '@mui/material/Typography';
import type { InputOf, OpName, OutputOf } from '../../../../shared/contract';
import type { Result } from '../../../../shared/result';
import { invokeLong, type LongCall, type Progress } from '../../api/client';

export interface LongWork {
  /** Runs the call; resolves to its Result (a cancelled one is `{ ok: false, error: { code: 'cancelled' } }`). */
  run<K extends OpName>(op: K, input: InputOf<K>): Promise<Result<OutputOf<K>>>;
  readonly running: boolean;
  readonly progress: Progress | null;
  readonly cancelling: boolean;
  cancel(): void;
}

export function useLongWork(): LongWork {
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const current = useRef<LongCall<OpName> | null>(null);

  const run = useCallback(async <K extends OpName>(op: K, input: InputOf<K>): Promise<Result<OutputOf<K>>> => {
    setRunning(true);
    setCancelling(false);
    setProgress(null);
    const call = invokeLong(op, input, setProgress);
    current.current = call as unknown as LongCall<OpName>;
    try {
      return await call.result;
    } finally {
      current.current = null;
      setRunning(false);
      setCancelling(false);
      setProgress(null);
    }
  }, []);

  const cancel = useCallback(() => {
    const call = current.current;
    if (!call) return;
    setCancelling(true);
    void call.cancel();
  }, []);

  return { run, running, progress, cancelling, cancel };
}

/** The progress bar and Cancel button of one long call. `title` names the work ("Review pack"), for screen readers. */
export function LongWorkProgress({ work, title, testId }: { readonly work: LongWork; readonly title: string; readonly testId?: string }) {
  const { t } = useTranslation();
  if (!work.running) return null;
  const p = work.progress;
  const percent = p && p.total > 0 ? Math.min(100, Math.round((p.done / p.total) * 100)) : null;
  const step = p ? codeLabel('longWork.steps', p.label, title) : t('longWork.progressStarting');
  const label = work.cancelling
    ? t('longWork.cancelling')
    : percent === null
      ? step
      : t('longWork.progressLabel', { label: step, percent });
  return (
    <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', minWidth: 260 }} data-testid={testId}>
      <Box sx={{ flex: 1 }}>
        <LinearProgress
          variant={percent === null ? 'indeterminate' : 'determinate'}
          {...(percent === null ? {} : { value: percent })}
          aria-label={`${title}: ${label}`}
        />
        <Typography variant="caption" color="text.secondary" aria-hidden>
          {label}
        </Typography>
      </Box>
      <Button
        size="small"
        color="inherit"
        onClick={work.cancel}
        disabled={work.cancelling}
        aria-label={t('longWork.cancelLabel', { label: title })}
      >
        {t('longWork.cancel')}
      </Button>
    </Box>
  );
}
