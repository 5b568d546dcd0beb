/**
 * Moves a referral on (accept, decline, book the assessment, close). Only the moves the policy allows are offered;
 * if the server still refuses (a colleague moved it meanwhile, or consent is not yet given), its message, which
 * names the moves that are allowed, is shown as it is.
 */
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import { therapyOps, type ReferralRecord } from '../../../../shared/contract';
import type { ReferralState } from '../../../../shared/therapy';
import { formatLongDate, todayIso } from '../../../../shared/dates';
import { invoke } from '../../api/client';
import { FormDate, FormText } from '../form-fields';
import { hasPath, splitServerErrors } from '../../lib/server-errors';
import { moveNeedsReason } from './therapy-model';
import { useDisciplines } from './use-disciplines';
import { useFormDraft } from '../../lib/use-form-draft';
import { DraftStatus, useCloseGuard } from '../draft-guard';

const moveInput = therapyOps['referrals.move'].input;
type MoveIn = z.input<typeof moveInput>;
type MoveOut = z.output<typeof moveInput>;

export function MoveDialog({
  referral,
  to,
  onClose,
}: {
  readonly referral: ReferralRecord;
  readonly to: ReferralState;
  readonly onClose: (moved: ReferralRecord | null) => void;
}) {
  const { t } = useTranslation();
  const disciplines = useDisciplines();
  const [refusal, setRefusal] = useState<string | null>(null);
  const needsReason = moveNeedsReason(to);
  const form = useForm<MoveIn, unknown, MoveOut>({
    resolver: zodResolver(moveInput),
    defaultValues: { id: referral.id, to, date: todayIso(), reason: null },
    mode: 'onTouched',
  });
  const { control, handleSubmit, setError, getValues, reset, formState } = form;
  // Kept as a draft until saved (issue 17, item 3); closing with changes asks first.
  const draft = useFormDraft(form, { draftKey: `referrals.move:${referral.id}-${to}`, pupilId: referral.pupilId });
  const guard = useCloseGuard({ draft, onClose: () => onClose(null), title: t(`therapyUi.move.title.${to}`) });
  const onSubmit = handleSubmit(async (values) => {
    setRefusal(null);
    if (needsReason && !values.reason) {
      setError('reason', { type: 'required', message: t('therapyUi.move.reasonNeeded') });
      return;
    }
    const result = await invoke('referrals.move', values);
    if (result.ok) {
      void draft.saved();
      onClose(result.value);
      return;
    }
    const current = getValues();
    // "to" is not a field here: a refused move (with the allowed ones named) shows at the top, word for word.
    const { fields, other } = splitServerErrors(result.error, (p) => p !== 'to' && p !== 'id' && hasPath(current, p));
    for (const [p, m] of fields) setError(p as keyof MoveIn, { type: 'server', message: m });
    const toMessage = result.error.fields?.to;
    setRefusal(
      toMessage ??
        [fields.length ? t('errors.invalidInput') : result.error.message, ...other.filter((o) => !o.startsWith('to:'))].join(' '),
    );
  });
  const what = t('therapyUi.move.what', {
    discipline: disciplines.label(referral.discipline),
    pupil: referral.pupilName,
    date: formatLongDate(referral.receivedDate),
  });
  return (
    <Dialog open onClose={guard.requestClose} fullWidth maxWidth="sm" aria-labelledby="move-dialog-title">
      <form onSubmit={(e) => void onSubmit(e)} noValidate aria-labelledby="move-dialog-title">
        <DialogTitle id="move-dialog-title">{t(`therapyUi.move.title.${to}`)}</DialogTitle>
        <DialogContent>
          <DraftStatus draft={draft} onDiscard={() => void draft.discard().then(() => reset())} />
          <DialogContentText sx={{ mb: 2 }}>
            {what} {t(`therapyUi.move.explain.${to}`)}
          </DialogContentText>
          {refusal ? (
            <Alert severity="error" role="alert" sx={{ mb: 2 }} data-testid="move-refusal">
              {refusal}
            </Alert>
          ) : null}
          <Box sx={{ display: 'grid', gap: 2 }}>
            <FormDate control={control} name="date" label={t(`therapyUi.move.date.${to}`)} required />
            <FormText
              control={control}
              name="reason"
              nullable
              required={needsReason}
              multiline
              minRows={2}
              label={needsReason ? t('therapyUi.move.declineReason') : t('therapyUi.move.note')}
              helperText={needsReason ? t('therapyUi.move.declineReasonHelp') : t('therapyUi.move.noteHelp')}
            />
          </Box>
        </DialogContent>
        <DialogActions sx={{ px: 3, pb: 2 }}>
          <Button onClick={guard.requestClose}>{t('therapyUi.cancel')}</Button>
          <Button type="submit" variant="contained" color={to === 'declined' ? 'error' : 'primary'} disabled={formState.isSubmitting}>
            {t(`therapyUi.move.confirm.${to}`)}
          </Button>
        </DialogActions>
      </form>
      {guard.question}
    </Dialog>
  );
}
