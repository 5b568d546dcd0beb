/**
 * "Add an update": one meeting, call, email, letter, report or app message to a pupil's parents or carers, with the
 * date and a sentence or two of what was shared (parentUpdates.save). The contract's schema checks the form;
 * a refused save puts the message beside its field and keeps the typing.
 */
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useFormDraft } from '../../lib/use-form-draft';
import { DraftStatus, useCloseGuard } from '../draft-guard';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Typography from '@mui/material/Typography';
import { PARENT_UPDATE_METHODS, reviewOps } from '../../../../shared/contract';
import { todayIso } from '../../../../shared/dates';
import { t as translate } from '../../../../shared/i18n';
import { invoke } from '../../api/client';
import { FormDate, FormSelect, FormText } from '../form-fields';
import { applyServerErrors } from '../../lib/server-errors';

const schema = reviewOps['parentUpdates.save'].input;
export type UpdateIn = z.input<typeof schema>;
type UpdateOut = z.output<typeof schema>;

export function newUpdate(pupilId: string): UpdateIn {
  return { pupilId, date: todayIso(), method: 'meeting', summary: '' };
}

export function UpdateDialog({
  pupilId,
  pupilName,
  onClose,
}: {
  readonly pupilId: string;
  readonly pupilName: string;
  readonly onClose: (saved: boolean) => void;
}) {
  const { t } = useTranslation();
  const [summary, setSummary] = useState<string | null>(null);
  const form = useForm<UpdateIn, unknown, UpdateOut>({
    resolver: zodResolver(schema),
    defaultValues: newUpdate(pupilId),
    mode: 'onTouched',
  });
  const { control, handleSubmit, setError, getValues, reset, formState } = form;
  // Kept as a draft until saved (issue 17, item 3).
  const draft = useFormDraft(form, { draftKey: `parentUpdates.form:new-${pupilId}`, pupilId });
  const guard = useCloseGuard({ draft, onClose: () => onClose(false), title: t('progressUi.parents.form.title') });

  const onSubmit = handleSubmit(
    async (values) => {
      setSummary(null);
      const result = await invoke('parentUpdates.save', values);
      if (result.ok) {
        void draft.saved();
        onClose(true);
        return;
      }
      const current = getValues();
      setSummary(applyServerErrors(result.error, current, setError, t('errors.invalidInput')));
    },
    () => setSummary(t('errors.invalidInput')),
  );

  return (
    <Dialog open onClose={guard.requestClose} fullWidth maxWidth="sm" aria-labelledby="parent-update-title" scroll="paper">
      <Box
        component="form"
        onSubmit={(e) => void onSubmit(e)}
        noValidate
        aria-labelledby="parent-update-title"
        sx={{ display: 'contents' }}
      >
        <DialogTitle id="parent-update-title">{t('progressUi.parents.form.title')}</DialogTitle>
        <DialogContent dividers>
          <Box sx={{ display: 'grid', gap: 2.5 }}>
            <Typography color="text.secondary">{t('progressUi.parents.form.intro', { name: pupilName })}</Typography>
            <DraftStatus draft={draft} onDiscard={() => void draft.discard().then(() => reset())} />
            {summary ? (
              <Alert severity="error" role="alert" data-testid="form-summary">
                {summary}
              </Alert>
            ) : null}
            <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' }, alignItems: 'start' }}>
              <FormDate control={control} name="date" required disableFuture label={t('progressUi.parents.form.date')} />
              <FormSelect
                control={control}
                name="method"
                required
                label={t('progressUi.parents.form.method')}
                options={PARENT_UPDATE_METHODS.map((m) => ({ value: m, label: translate(`progressUi.parents.methods.${m}`) }))}
              />
            </Box>
            <FormText
              control={control}
              name="summary"
              required
              multiline
              minRows={3}
              label={t('progressUi.parents.form.summary')}
              helperText={t('progressUi.parents.form.summaryHelp')}
              slotProps={{ htmlInput: { maxLength: 2000 } }}
            />
          </Box>
        </DialogContent>
        <DialogActions sx={{ px: 3, py: 2 }}>
          <Button onClick={guard.requestClose}>{t('progressUi.parents.form.cancel')}</Button>
          <Button type="submit" variant="contained" disabled={formState.isSubmitting}>
            {t('progressUi.parents.form.save')}
          </Button>
        </DialogActions>
      </Box>
      {guard.question}
    </Dialog>
  );
}
