/**
 * "Logged on CPOMS – close": the DSL records where the concern was logged (CPOMS by default, or the school's own
 * system) and its reference there. Only the reference is kept here; the record itself lives on CPOMS. What is typed
 * is kept as a draft until the concern is closed (issue 17, item 3), and closing the dialog with it typed asks first.
 */
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import Box from '@mui/material/Box';
import Dialog from '@mui/material/Dialog';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { Concern } from '../../../../shared/contract';
import { invoke } from '../../api/client';
import { ErrorSummary } from '../error-summary';
import { FormDialogActions } from '../form-dialog';
import { useValuesDraft } from '../../lib/use-values-draft';
import { DraftStatus, useCloseGuard } from '../draft-guard';
import { REFERENCE_MAX, SYSTEM_MAX, checkClose, formatInstant, type CloseValues, type FieldErrors } from './concern-model';

export function CloseConcernDialog({
  concern,
  onClose,
}: {
  readonly concern: Concern;
  readonly onClose: (closed: Concern | null) => void;
}) {
  const { t } = useTranslation();
  const ids = useId();
  const systemRef = useRef<HTMLInputElement>(null);
  const referenceRef = useRef<HTMLInputElement>(null);
  const [values, setValues] = useState<CloseValues>({ system: 'CPOMS', reference: '' });
  const [errors, setErrors] = useState<FieldErrors<keyof CloseValues>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const draft = useValuesDraft(values, setValues, { draftKey: `safeguarding.close:${concern.id}`, pupilId: concern.pupilId });
  const guard = useCloseGuard({ draft, onClose: () => onClose(null), title: t('safeguardingUi.close.title') });

  const submit = async () => {
    if (saving) return;
    const checked = checkClose(values);
    setErrors(checked.errors);
    if (!checked.input) {
      (checked.errors.system ? systemRef : referenceRef).current?.focus();
      return;
    }
    setSaving(true);
    setFailure(null);
    const result = await invoke('safeguarding.close', { id: concern.id, ...checked.input });
    setSaving(false);
    if (result.ok) {
      void draft.saved();
      onClose(result.value);
      return;
    }
    const fields = result.error.fields ?? {};
    const next: FieldErrors<keyof CloseValues> = {};
    if (fields.system) next.system = fields.system;
    if (fields.reference) next.reference = fields.reference;
    setErrors(next);
    setFailure(t('safeguardingUi.list.actionFailed', { message: result.error.message }));
  };

  const set = (key: keyof CloseValues, value: string) => {
    setValues((v) => ({ ...v, [key]: value }));
    if (errors[key]) setErrors((e) => ({ ...e, [key]: undefined }));
  };

  return (
    <Dialog
      open
      onClose={() => (saving ? undefined : guard.requestClose())}
      fullWidth
      maxWidth="sm"
      aria-labelledby={`${ids}-title`}
      aria-describedby={`${ids}-intro`}
    >
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <DialogTitle id={`${ids}-title`}>{t('safeguardingUi.close.title')}</DialogTitle>
        <DialogContent>
          <Box sx={{ display: 'grid', gap: 2.5 }}>
            <Typography id={`${ids}-intro`}>
              {t('safeguardingUi.close.intro', { pupil: concern.pupilName, when: formatInstant(concern.raisedAt) })}
            </Typography>
            <DraftStatus draft={draft} onDiscard={() => void draft.discard().then(() => setValues(draft.opened))} />
            <ErrorSummary message={failure} />
            <TextField
              inputRef={systemRef}
              name="system"
              label={t('safeguardingUi.close.system')}
              required
              value={values.system}
              onChange={(e) => set('system', e.target.value)}
              error={!!errors.system}
              helperText={errors.system ?? t('safeguardingUi.close.systemHelp')}
              slotProps={{ htmlInput: { maxLength: SYSTEM_MAX, autoComplete: 'off' } }}
            />
            <TextField
              inputRef={referenceRef}
              autoFocus
              name="reference"
              label={t('safeguardingUi.close.reference')}
              required
              value={values.reference}
              onChange={(e) => set('reference', e.target.value)}
              error={!!errors.reference}
              helperText={errors.reference ?? t('safeguardingUi.close.referenceHelp')}
              slotProps={{ htmlInput: { maxLength: REFERENCE_MAX, autoComplete: 'off' } }}
            />
          </Box>
        </DialogContent>
        <FormDialogActions
          cancelLabel={t('safeguardingUi.close.cancel')}
          onCancel={guard.requestClose}
          submitLabel={t('safeguardingUi.close.save')}
          busy={saving}
        />
      </form>
      {guard.question}
    </Dialog>
  );
}
