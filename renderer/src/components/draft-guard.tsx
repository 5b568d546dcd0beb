/**
 * What a form with a draft (lib/use-draft.ts) shows and asks:
 *   DraftStatus      the note above a form whose unsaved draft came back ("Restored your unsaved draft from 14:32 —
 *                    Discard draft"), and a warning if a draft could not be kept;
 *   useCloseGuard    a dialog closing with changes, by Escape, the backdrop or its Cancel button alike, asks "Discard
 *                    changes?" instead: keep editing, close and keep the draft, or discard the changes;
 *   LeaveGuard       (once, in the app shell) leaving the page with changes asks first, and the window's close asks
 *                    too (the browser's own question; in the desktop app, electron/shell/window.ts asks).
 * The questions are MUI dialogs: labelled by their title, described by their text, focus held inside, keyboard only.
 */
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useBlocker } from 'react-router-dom';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import { formatLongDate, todayIso } from '../../../shared/dates';
import { DraftNotice } from './draft-notice';
import { discardUnsavedDrafts, flushAllDrafts, hasUnsavedChanges, type DraftState } from '../lib/use-draft';

const pad2 = (n: number) => String(n).padStart(2, '0');

/** "14:32", or "14:32 on 14 March 2026" for a draft from another day. */
function when(iso: string): { time: string; date: string | null } {
  const d = new Date(iso);
  const day = `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())}`;
  return { time: `${pad2(d.getHours())}:${pad2(d.getMinutes())}`, date: day === todayIso() ? null : formatLongDate(day) };
}

export function DraftStatus({ draft, onDiscard }: { readonly draft: DraftState; readonly onDiscard: () => void }) {
  const { t } = useTranslation();
  return (
    <>
      {draft.restoredAt ? (
        <DraftNotice
          message={(() => {
            const w = when(draft.restoredAt);
            return w.date ? t('draftsUi.restoredDay', { time: w.time, date: w.date }) : t('draftsUi.restored', { time: w.time });
          })()}
          discardLabel={t('draftsUi.discard')}
          onDiscard={onDiscard}
          onClose={draft.dismiss}
        />
      ) : null}
      {draft.error ? (
        <Alert severity="warning" sx={{ mb: 2 }} data-testid="draft-error">
          {t('draftsUi.notSaved', { message: draft.error })}
        </Alert>
      ) : null}
    </>
  );
}

function Question({
  id,
  title,
  body,
  children,
  onCancel,
}: {
  readonly id: string;
  readonly title: string;
  readonly body: string;
  readonly children: ReactNode;
  readonly onCancel: () => void;
}) {
  return (
    <Dialog
      open
      onClose={onCancel}
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-body`}
      maxWidth="xs"
      fullWidth
      data-testid={id}
    >
      <DialogTitle id={`${id}-title`}>{title}</DialogTitle>
      <DialogContent>
        <DialogContentText id={`${id}-body`}>{body}</DialogContentText>
      </DialogContent>
      <DialogActions sx={{ px: 3, pb: 2, flexWrap: 'wrap', gap: 1 }}>{children}</DialogActions>
    </Dialog>
  );
}

/**
 * For a dialog holding a form with a draft: `requestClose` closes it at once when nothing is unsaved, and otherwise
 * asks (the `question` element, rendered by the dialog). Escape or a click outside the question keeps editing.
 * Every way of closing uses `requestClose`, Cancel included: a Cancel that threw changes away without asking lost
 * work one mis-click away, while Escape asked.
 */
export function useCloseGuard({
  draft,
  onClose,
  onDiscard,
  title,
}: {
  readonly draft: DraftState;
  readonly onClose: () => void;
  /** After the draft is discarded (reset the form, if it stays open), before closing. */
  readonly onDiscard?: () => void;
  readonly title?: string;
}): { readonly requestClose: () => void; readonly question: ReactNode } {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  const requestClose = useCallback(() => {
    if (draft.unsaved()) setAsking(true);
    else onClose();
  }, [draft, onClose]);
  const question = asking ? (
    <Question
      id="discard-changes"
      title={t('draftsUi.close.title')}
      body={title ? t('draftsUi.close.body', { title }) : t('draftsUi.close.bodyUntitled')}
      onCancel={() => setAsking(false)}
    >
      <Button onClick={() => setAsking(false)} autoFocus variant="contained">
        {t('draftsUi.close.keepEditing')}
      </Button>
      <Button
        onClick={() => {
          setAsking(false);
          void draft.flush().finally(onClose);
        }}
      >
        {t('draftsUi.close.keepDraft')}
      </Button>
      <Button
        color="error"
        onClick={() => {
          setAsking(false);
          void draft.discard().finally(() => {
            onDiscard?.();
            onClose();
          });
        }}
      >
        {t('draftsUi.close.discard')}
      </Button>
    </Question>
  ) : null;
  return { requestClose, question };
}

/** Leaving the page (another page, the back button, a link) with unsaved changes asks first; so does closing the window. */
export function LeaveGuard() {
  const { t } = useTranslation();
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      (currentLocation.pathname !== nextLocation.pathname || currentLocation.search !== nextLocation.search) && hasUnsavedChanges(),
  );
  useEffect(() => {
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (!hasUnsavedChanges()) return;
      void flushAllDrafts();
      e.preventDefault();
      // Older engines ask only when returnValue is set.
      e.returnValue = t('draftsUi.window');
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [t]);
  if (blocker.state !== 'blocked') return null;
  return (
    <Question id="leave-page" title={t('draftsUi.leave.title')} body={t('draftsUi.leave.body')} onCancel={() => blocker.reset()}>
      <Button onClick={() => blocker.reset()} autoFocus variant="contained">
        {t('draftsUi.leave.stay')}
      </Button>
      <Button onClick={() => void flushAllDrafts().finally(() => blocker.proceed())}>{t('draftsUi.leave.leave')}</Button>
      <Button color="error" onClick={() => void discardUnsavedDrafts().finally(() => blocker.proceed())}>
        {t('draftsUi.leave.discard')}
      </Button>
    </Question>
  );
}
