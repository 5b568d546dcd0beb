/**
 * The frame both export dialogs share: the form (title, a line of introduction, the summary of what to put right,
 * Cancel and the submit button with its busy state), and once done the result with "Save again" and Close.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Typography from '@mui/material/Typography';
import { ErrorSummary, type SummaryItem } from '../error-summary';
import { FormDialogActions } from '../form-dialog';

export function ExportFormDialog({
  idPrefix,
  title,
  intro,
  summary,
  items,
  summaryTestId,
  busy,
  onClose,
  onSubmit,
  submitLabel,
  busyLabel,
  icon,
  children,
}: {
  /** Names the title (`${idPrefix}-dialog-title`) and the dialog's test id (`${idPrefix}-dialog`). */
  readonly idPrefix: string;
  readonly title: string;
  readonly intro: string;
  readonly summary: string | null;
  /** Each field to put right, linked to it. */
  readonly items?: readonly SummaryItem[];
  readonly summaryTestId?: string;
  readonly busy: boolean;
  readonly onClose: () => void;
  readonly onSubmit: () => Promise<void>;
  readonly submitLabel: string;
  readonly busyLabel: string;
  readonly icon: ReactNode;
  readonly children: ReactNode;
}) {
  const { t } = useTranslation();
  const titleId = `${idPrefix}-dialog-title`;
  return (
    <Dialog open onClose={busy ? undefined : onClose} fullWidth maxWidth="md" aria-labelledby={titleId} data-testid={`${idPrefix}-dialog`}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void onSubmit();
        }}
      >
        <DialogTitle id={titleId}>{title}</DialogTitle>
        <DialogContent sx={{ display: 'grid', gap: 3 }}>
          <Typography color="text.secondary">{intro}</Typography>
          <ErrorSummary message={summary} items={items} testId={summaryTestId} />
          {children}
        </DialogContent>
        <FormDialogActions
          cancelLabel={t('sharingUi.cancel')}
          onCancel={onClose}
          submitLabel={submitLabel}
          busy={busy}
          busyLabel={busyLabel}
          icon={icon}
        />
      </form>
    </Dialog>
  );
}

export function ExportDoneDialog({
  idPrefix,
  title,
  onClose,
  onSaveAgain,
  children,
}: {
  readonly idPrefix: string;
  readonly title: string;
  readonly onClose: () => void;
  readonly onSaveAgain: () => void;
  readonly children: ReactNode;
}) {
  const { t } = useTranslation();
  const titleId = `${idPrefix}-dialog-title`;
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm" aria-labelledby={titleId}>
      <DialogTitle id={titleId}>{title}</DialogTitle>
      <DialogContent>{children}</DialogContent>
      <DialogActions sx={{ px: 3, pb: 2 }}>
        <Button onClick={onSaveAgain}>{t('sharingUi.share.saveAgain')}</Button>
        <Button variant="contained" onClick={onClose}>
          {t('sharingUi.close')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
