/**
 * "Review pack (PDF)": asks the core to make the printable pack for one review, then saves it as a file (a Blob
 * behind an <a download>, which in Electron opens the save dialog). While it is being made a progress bar shows
 * the core's steps, and Cancel asks the core to stop (UI handbook: long work shows progress and can be cancelled):
 * the pack is then not made, nothing is saved, and its audit event is not written.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import PictureAsPdfOutlined from '@mui/icons-material/PictureAsPdfOutlined';
import { useLongWork, LongWorkProgress } from '../long-work/long-work';
import { base64ToBytes, pdfFileName } from './review-model';
import { saveBlob } from '../register/download';
import { ProtectedPdfButton } from '../sharing/protected-pdf-button';

function save(filename: string, pdfBase64: string): void {
  saveBlob(pdfFileName(filename), new Blob([base64ToBytes(pdfBase64)], { type: 'application/pdf' }));
}

type State =
  | { readonly kind: 'idle' }
  | { readonly kind: 'done'; readonly filename: string; readonly pages: number }
  | { readonly kind: 'failed'; readonly message: string; readonly cancelled: boolean };

export function ReviewPackButton({
  reviewId,
  label,
  size = 'medium',
  variant = 'outlined',
  compact = false,
}: {
  readonly reviewId: string;
  /** An accessible name naming the review, where several buttons share a screen (the Reviews tab). */
  readonly label?: string;
  readonly size?: 'small' | 'medium';
  readonly variant?: 'outlined' | 'text' | 'contained';
  /** In a table row: no message under the button, only in its tooltip-free status line. */
  readonly compact?: boolean;
}) {
  const { t } = useTranslation();
  const [state, setState] = useState<State>({ kind: 'idle' });
  const work = useLongWork();

  const make = async () => {
    setState({ kind: 'idle' });
    const result = await work.run('reviews.pack', { reviewId });
    if (!result.ok) {
      setState({ kind: 'failed', message: result.error.message, cancelled: result.error.code === 'cancelled' });
      return;
    }
    save(result.value.filename, result.value.pdfBase64);
    setState({ kind: 'done', filename: pdfFileName(result.value.filename), pages: result.value.pages });
  };

  const making = work.running;
  return (
    <Box sx={{ display: 'grid', gap: 1, justifyItems: compact ? 'start' : 'end' }}>
      <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
        <Button
          variant={variant}
          size={size}
          onClick={() => void make()}
          disabled={making}
          aria-label={label}
          startIcon={making ? <CircularProgress size={16} aria-hidden /> : <PictureAsPdfOutlined />}
          data-testid="review-pack-button"
          sx={{ whiteSpace: 'nowrap', flexShrink: 0 }}
        >
          {making ? t('reviewsUi.pack.making') : t('reviewsUi.pack.button')}
        </Button>
        <LongWorkProgress work={work} title={t('reviewsUi.pack.button')} testId="review-pack-progress" />
        {/* On the review's own screen (one pack button, no label), the password-protected export for an agency sits beside it. */}
        {label === undefined ? <ProtectedPdfButton reviewId={reviewId} size={size} /> : null}
      </Box>
      <Box role="status" aria-live="polite" sx={{ maxWidth: 420 }}>
        {state.kind === 'done' ? (
          <Alert severity="success" sx={{ py: 0 }} onClose={() => setState({ kind: 'idle' })}>
            {t('reviewsUi.pack.done', { filename: state.filename, count: state.pages })}
          </Alert>
        ) : null}
        {state.kind === 'failed' ? (
          <Alert
            severity={state.cancelled ? 'info' : 'error'}
            sx={{ py: 0 }}
            onClose={() => setState({ kind: 'idle' })}
            data-testid="review-pack-message"
          >
            {state.message}
          </Alert>
        ) : null}
      </Box>
    </Box>
  );
}
