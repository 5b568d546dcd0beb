/**
 * "Raise a safeguarding concern": open to every signed-in person about any pupil. A few fields (when, what was seen
 * or said, the child's own words), sent straight to the DSL; SENCo Desk keeps only the hand-off. The concern's text
 * is never kept as a local draft (it must not linger on a shared computer); the screen lock keeps the dialog as it
 * was, and closing it with something typed asks first.
 */
import { useId, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { Concern } from '../../../../shared/contract';
import { call, invoke } from '../../api/client';
import { ErrorSummary } from '../error-summary';
import { IsoDateInput } from '../form-fields';
import { FormDialogActions } from '../form-dialog';
import { useDraft } from '../../lib/use-draft';
import { DraftStatus } from '../draft-guard';
import { PupilPicker, type PickedPupil } from '../therapy/pupil-picker';
import { splitServerErrors } from '../../lib/server-errors';
import {
  CHILD_WORDS_MAX,
  WHAT_MAX,
  checkConcern,
  concernFieldFor,
  hasTyping,
  newConcernValues,
  normaliseTime,
  type ConcernField,
  type ConcernFormValues,
  type FieldErrors,
} from './concern-model';
import { HandOffNote } from './hand-off-note';
import { ConcernOfflineWarning } from '../desk/concern-offline-warning';
import { concernWouldWait, DESK_STATUS_KEY } from '../desk/desk-model';
import { useDeskStatus } from '../desk/use-desk-status';

const FIELD_ORDER: readonly ConcernField[] = ['pupilId', 'date', 'time', 'what', 'childWords'];

function ConcernPupilPicker({
  value,
  onChange,
  error,
  id,
}: {
  readonly value: PickedPupil | null;
  readonly onChange: (p: PickedPupil | null) => void;
  readonly error: string | undefined;
  readonly id: string;
}) {
  const { t } = useTranslation();
  return (
    <PupilPicker
      id={id}
      value={value}
      onChange={onChange}
      error={error ?? null}
      label={t('safeguardingUi.dialog.pupil')}
      help={t('safeguardingUi.dialog.pupilHelp')}
      noMatch={(search) => t('safeguardingUi.dialog.pupilNoMatch', { search })}
      none={t('safeguardingUi.dialog.pupilNone')}
    />
  );
}

/** A written part of the concern (what happened, the child's own words), its message or hint beneath. */
function ConcernText({
  field,
  id,
  label,
  help,
  required,
  minRows,
  maxLength,
  value,
  error,
  onChange,
}: {
  readonly field: 'what' | 'childWords';
  readonly id: string;
  readonly label: string;
  readonly help: string;
  readonly required?: boolean;
  readonly minRows: number;
  readonly maxLength: number;
  readonly value: string;
  readonly error: string | undefined;
  readonly onChange: (value: string) => void;
}) {
  return (
    <Box data-field={field}>
      <TextField
        id={id}
        name={field}
        label={label}
        required={required}
        multiline
        minRows={minRows}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        error={!!error}
        helperText={error ?? help}
        slotProps={{ htmlInput: { maxLength } }}
      />
    </Box>
  );
}

export function RaiseConcernDialog({
  pupil,
  onClose,
}: {
  /** The pupil when raised from their profile; null to choose one. */
  readonly pupil: PickedPupil | null;
  readonly onClose: (sent: Concern | null) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const ids = useId();
  const titleId = `${ids}-title`;
  const noteId = `${ids}-note`;
  const fieldId = (f: ConcernField) => `${ids}-${f}`;
  const formRef = useRef<HTMLFormElement>(null);
  const [picked, setPicked] = useState<PickedPupil | null>(pupil);
  const [values, setValues] = useState<ConcernFormValues>(() => newConcernValues(pupil?.id ?? ''));
  const [errors, setErrors] = useState<FieldErrors<ConcernField>>({});
  const [summary, setSummary] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [sent, setSent] = useState<Concern | null>(null);
  const [confirmDiscard, setConfirmDiscard] = useState(false);
  // A connected desk that is offline keeps the concern and sends it first when the connection returns: until then
  // it has NOT reached the DSL, and the dialog says so before and after sending.
  const desk = useDeskStatus();
  const offline = concernWouldWait(desk.data);
  const [kept, setKept] = useState(false);

  // Kept as a draft until sent (issue 17, item 3). Raising a concern is open to everyone about every pupil (the
  // contract's scoped: false), so the draft names no pupil for the scope check: it is its author's alone, as is the
  // concern's text, and the pupil chosen comes back with it.
  const draft = useDraft<{ readonly values: ConcernFormValues; readonly picked: PickedPupil | null }>({
    draftKey: `safeguarding.concern:new${pupil ? `-${pupil.id}` : ''}`,
    pupilId: null,
    value: { values, picked },
    dirty: !sent && hasTyping(values),
    restore: (d) => {
      setValues(d.values);
      setPicked(pupil ?? d.picked);
    },
  });

  const set = <K extends keyof ConcernFormValues>(key: K, value: ConcernFormValues[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    if (errors[key]) setErrors((e) => ({ ...e, [key]: undefined }));
  };

  const focusField = (field: ConcernField) => {
    const box = formRef.current?.querySelector<HTMLElement>(`[data-field="${field}"]`);
    box?.querySelector<HTMLElement>('[role="spinbutton"], input:not([type="hidden"]), textarea')?.focus();
  };

  const showErrors = (next: FieldErrors<ConcernField>, message: string) => {
    setErrors(next);
    setSummary(message);
    const first = FIELD_ORDER.find((f) => next[f]);
    if (first) window.setTimeout(() => focusField(first), 0);
  };

  const submit = async () => {
    if (sending) return;
    const checked = checkConcern(values);
    if (!checked.input) {
      showErrors(checked.errors, t('safeguardingUi.dialog.summary'));
      return;
    }
    setSending(true);
    setSummary(null);
    const result = await invoke('safeguarding.raise', checked.input);
    setSending(false);
    if (result.ok) {
      void draft.saved();
      // Kept on the desk rather than delivered: the desk was offline when it was sent, or still has a concern waiting.
      const after = await call('desk.status', {}).catch(() => undefined);
      if (after) queryClient.setQueryData(DESK_STATUS_KEY, after);
      setKept(offline || concernWouldWait(after) || (after?.concernsWaiting ?? 0) > 0);
      setSent(result.value);
      return;
    }
    const { fields, other } = splitServerErrors(result.error, (p) => concernFieldFor(p) !== null);
    const next: FieldErrors<ConcernField> = {};
    for (const [p, m] of fields) {
      const f = concernFieldFor(p);
      if (f) next[f] = m;
    }
    const message = fields.length
      ? t('safeguardingUi.dialog.summary')
      : t('safeguardingUi.dialog.notSent', { message: [result.error.message, ...other].join(' ') });
    showErrors(next, message);
  };

  const requestClose = () => {
    if (sending) return;
    if (sent) onClose(sent);
    else if (hasTyping(values)) setConfirmDiscard(true);
    else onClose(null);
  };

  if (sent) {
    return (
      <Dialog open onClose={() => onClose(sent)} fullWidth maxWidth="sm" aria-labelledby={titleId}>
        <DialogTitle id={titleId}>{kept ? t('connectedUi.concernOffline.dialogTitle') : t('safeguardingUi.dialog.sentTitle')}</DialogTitle>
        <DialogContent>
          {kept ? (
            <ConcernOfflineWarning pupil={sent.pupilName} />
          ) : (
            <Alert severity="success" role="status" data-testid="concern-sent">
              <AlertTitle>{t('safeguardingUi.dialog.sentBody', { pupil: sent.pupilName })}</AlertTitle>
              <Typography sx={{ fontWeight: 600, mb: 1 }}>{t('safeguardingUi.dialog.sentRisk')}</Typography>
              <Typography>{t('safeguardingUi.dialog.sentList')}</Typography>
            </Alert>
          )}
        </DialogContent>
        <DialogActions sx={{ px: 3, pb: 2 }}>
          <Button variant="contained" autoFocus onClick={() => onClose(sent)}>
            {t('safeguardingUi.dialog.done')}
          </Button>
        </DialogActions>
      </Dialog>
    );
  }

  return (
    <Dialog open onClose={requestClose} fullWidth maxWidth="md" aria-labelledby={titleId} aria-describedby={noteId}>
      <form
        ref={formRef}
        noValidate
        aria-labelledby={titleId}
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <DialogTitle id={titleId}>{t('safeguardingUi.dialog.title')}</DialogTitle>
        <DialogContent>
          <Box sx={{ display: 'grid', gap: 2.5, pt: 1 }}>
            <DraftStatus
              draft={draft}
              onDiscard={() =>
                void draft.discard().then(() => {
                  setValues(newConcernValues(pupil?.id ?? ''));
                  setPicked(pupil);
                })
              }
            />
            {/* Offline, "this goes straight to the DSL" is not true: the warning takes its place. */}
            {offline ? <ConcernOfflineWarning pupil={null} id={noteId} /> : <HandOffNote id={noteId} testId="concern-note" />}
            <ErrorSummary message={summary} />
            <Box data-field="pupilId">
              {pupil ? (
                <TextField
                  id={fieldId('pupilId')}
                  label={t('safeguardingUi.dialog.pupil')}
                  value={pupil.name}
                  helperText={pupil.detail}
                  slotProps={{ input: { readOnly: true } }}
                />
              ) : (
                <ConcernPupilPicker
                  id={fieldId('pupilId')}
                  value={picked}
                  error={errors.pupilId}
                  onChange={(p) => {
                    setPicked(p);
                    set('pupilId', p?.id ?? '');
                  }}
                />
              )}
            </Box>
            <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' }, alignItems: 'start' }}>
              <Box data-field="date">
                <IsoDateInput
                  name="date"
                  label={t('safeguardingUi.dialog.date')}
                  value={values.date}
                  onChange={(iso) => set('date', iso)}
                  required
                  disableFuture
                  error={errors.date ?? null}
                />
              </Box>
              <Box data-field="time">
                <TextField
                  id={fieldId('time')}
                  name="time"
                  label={t('safeguardingUi.dialog.time')}
                  required
                  value={values.time}
                  onChange={(e) => set('time', e.target.value)}
                  onBlur={() => {
                    const n = normaliseTime(values.time);
                    if (n && n !== values.time) set('time', n);
                  }}
                  error={!!errors.time}
                  helperText={errors.time ?? t('safeguardingUi.dialog.timeHelp')}
                  slotProps={{ htmlInput: { inputMode: 'numeric', maxLength: 5, autoComplete: 'off' } }}
                />
              </Box>
            </Box>
            <ConcernText
              field="what"
              id={fieldId('what')}
              label={t('safeguardingUi.dialog.what')}
              help={t('safeguardingUi.dialog.whatHelp')}
              required
              minRows={4}
              maxLength={WHAT_MAX}
              value={values.what}
              error={errors.what}
              onChange={(v) => set('what', v)}
            />
            <ConcernText
              field="childWords"
              id={fieldId('childWords')}
              label={t('safeguardingUi.dialog.childWords')}
              help={t('safeguardingUi.dialog.childWordsHelp')}
              minRows={2}
              maxLength={CHILD_WORDS_MAX}
              value={values.childWords}
              error={errors.childWords}
              onChange={(v) => set('childWords', v)}
            />
          </Box>
        </DialogContent>
        {confirmDiscard ? (
          <Box sx={{ px: 3, pb: 2 }}>
            <Alert
              severity="warning"
              role="alertdialog"
              aria-labelledby={`${ids}-discard`}
              action={
                <Box sx={{ display: 'flex', gap: 1 }}>
                  <Button color="inherit" autoFocus onClick={() => setConfirmDiscard(false)}>
                    {t('safeguardingUi.dialog.keepWriting')}
                  </Button>
                  <Button color="inherit" variant="outlined" onClick={() => void draft.discard().finally(() => onClose(null))}>
                    {t('safeguardingUi.dialog.discard')}
                  </Button>
                </Box>
              }
            >
              <AlertTitle id={`${ids}-discard`}>{t('safeguardingUi.dialog.discardTitle')}</AlertTitle>
              {t('safeguardingUi.dialog.discardBody')}
            </Alert>
          </Box>
        ) : (
          <FormDialogActions
            cancelLabel={t('safeguardingUi.dialog.cancel')}
            onCancel={requestClose}
            submitLabel={t('safeguardingUi.dialog.send')}
            busy={sending}
            busyLabel={t('safeguardingUi.dialog.sending')}
          />
        )}
      </form>
    </Dialog>
  );
}
