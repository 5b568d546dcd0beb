/**
 * A dialog holding a react-hook-form form: the title, the summary of what to put right above the fields, and the
 * action bar.
 *
 * The action bar of a dialog holding a form: Cancel, then the submit button. While busy the submit button is
 * disabled (and Cancel too, unless cancelWhileBusy); with an icon it shows a spinner instead, and busyLabel, if
 * given, replaces its words.
 */
import type { FormEvent, ReactNode } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Dialog, { type DialogProps } from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Typography from '@mui/material/Typography';
import { ErrorSummary, errorItems } from './error-summary';
import { DraftStatus, useCloseGuard } from './draft-guard';
import { NO_DRAFT, type DraftState } from '../lib/use-draft';

export function FormDialogActions({
  cancelLabel,
  onCancel,
  submitLabel,
  busy = false,
  busyLabel,
  icon,
  cancelWhileBusy = false,
}: {
  readonly cancelLabel: string;
  readonly onCancel: () => void;
  readonly submitLabel: string;
  readonly busy?: boolean;
  readonly busyLabel?: string;
  readonly icon?: ReactNode;
  readonly cancelWhileBusy?: boolean;
}) {
  return (
    <DialogActions sx={{ px: 3, pb: 2 }}>
      <Button onClick={onCancel} disabled={!cancelWhileBusy && busy}>
        {cancelLabel}
      </Button>
      <Button
        type="submit"
        variant="contained"
        disabled={busy}
        startIcon={icon === undefined ? undefined : busy ? <CircularProgress size={16} aria-hidden /> : icon}
      >
        {busy && busyLabel !== undefined ? busyLabel : submitLabel}
      </Button>
    </DialogActions>
  );
}

/**
 * Closing the dialog (Escape, the backdrop or Cancel) calls onCancel; the submit button waits while submitting. With a
 * draft (lib/use-draft.ts), closing with unsaved changes, by Escape, the backdrop or Cancel alike, asks first
 * (components/draft-guard.tsx), and a restored draft is said above the fields.
 */
export function FormDialog({
  titleId,
  title,
  intro,
  maxWidth,
  gap,
  summary,
  errors,
  onSubmit,
  onCancel,
  cancelLabel,
  submitLabel,
  submitting,
  draft,
  onDiscardDraft,
  children,
}: {
  readonly titleId: string;
  readonly title: string;
  /** A line above the summary saying what the form is for. */
  readonly intro?: string;
  readonly maxWidth: DialogProps['maxWidth'];
  readonly gap: number;
  readonly summary: string | null;
  /** react-hook-form's errors: the summary lists each field to put right, linked to it. */
  readonly errors?: unknown;
  readonly onSubmit: (e: FormEvent<HTMLFormElement>) => Promise<void>;
  readonly onCancel: () => void;
  readonly cancelLabel: string;
  readonly submitLabel: string;
  readonly submitting: boolean;
  /** The form's draft: closing with changes asks first. */
  readonly draft?: DraftState;
  /** Puts the form back as it was opened, once its draft is discarded from the note above the fields. */
  readonly onDiscardDraft?: () => void;
  readonly children: ReactNode;
}) {
  const guard = useCloseGuard({ draft: draft ?? NO_DRAFT, onClose: onCancel, title });
  const close = draft ? guard.requestClose : onCancel;
  return (
    <Dialog open onClose={close} fullWidth maxWidth={maxWidth} aria-labelledby={titleId}>
      <form onSubmit={(e) => void onSubmit(e)} noValidate aria-labelledby={titleId}>
        <DialogTitle id={titleId}>{title}</DialogTitle>
        <DialogContent>
          <Box sx={{ display: 'grid', gap, pt: 1 }}>
            {intro ? (
              <Typography variant="body2" color="text.secondary">
                {intro}
              </Typography>
            ) : null}
            {draft ? <DraftStatus draft={draft} onDiscard={() => void draft.discard().then(() => onDiscardDraft?.())} /> : null}
            <ErrorSummary message={summary} items={errorItems(errors)} />
            {children}
          </Box>
        </DialogContent>
        <FormDialogActions cancelLabel={cancelLabel} onCancel={close} submitLabel={submitLabel} busy={submitting} cancelWhileBusy />
      </form>
      {guard.question}
    </Dialog>
  );
}
