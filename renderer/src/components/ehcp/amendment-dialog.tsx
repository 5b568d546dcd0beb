/**
 * Saving a change to a final plan: the amendment's date, reason, and whether it names the next phase's school. The
 * reason is kept as a draft until the amendment is saved (issue 17, item 3); closing with changes asks first.
 */
import { useEffect } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Typography from '@mui/material/Typography';
import { todayIso } from '../../../../shared/dates';
import { isoDate, text } from '../../../../shared/validation';
import { FormDate, FormText } from '../form-fields';
import { FormCheckbox } from './fields';
import { useFormDraft } from '../../lib/use-form-draft';
import { DraftStatus, useCloseGuard } from '../draft-guard';

export const amendmentInput = z.object({ effectiveDate: isoDate, reason: text(500), namesNextPhase: z.boolean() }).strict();
export type AmendmentIn = z.input<typeof amendmentInput>;
export type Amendment = z.output<typeof amendmentInput>;

export function AmendmentDialog({
  open,
  planId,
  pupilId,
  nextVersion,
  currentVersion,
  serverErrors,
  onCancel,
  onConfirm,
}: {
  readonly open: boolean;
  /** The plan amended and its pupil: the draft is this plan's. */
  readonly planId: string;
  readonly pupilId: string;
  readonly nextVersion: number;
  readonly currentVersion: number;
  /** Messages the core returned for the amendment's fields (for example a date before the plan was issued). */
  readonly serverErrors: Readonly<Record<string, string>> | null;
  readonly onCancel: () => void;
  /** Saves the plan with the amendment; `settle` removes the amendment's draft, called once the plan is saved. */
  readonly onConfirm: (amendment: Amendment, settle: () => Promise<void>) => Promise<void>;
}) {
  const { t } = useTranslation();
  const form = useForm<AmendmentIn, unknown, Amendment>({
    resolver: zodResolver(amendmentInput),
    defaultValues: { effectiveDate: todayIso(), reason: '', namesNextPhase: false },
    mode: 'onTouched',
  });
  const { control, handleSubmit, setError, reset, formState } = form;
  const draft = useFormDraft(form, { draftKey: `ehcp.amendment:${planId}`, pupilId, enabled: open });
  const guard = useCloseGuard({ draft, onClose: onCancel, title: t('ehcpUi.amendment.title') });
  // Saved with the plan (onConfirm): the draft goes once the plan is saved; a refusal keeps it.
  const confirm = (amendment: Amendment) => onConfirm(amendment, draft.saved);
  useEffect(() => {
    for (const [path, message] of Object.entries(serverErrors ?? {})) {
      const field = path.replace(/^amendment\.?/, '');
      if (field === 'effectiveDate' || field === 'reason' || field === 'namesNextPhase') setError(field, { type: 'server', message });
    }
  }, [serverErrors, setError]);
  return (
    <Dialog
      open={open}
      onClose={guard.requestClose}
      fullWidth
      maxWidth="sm"
      aria-labelledby="amendment-title"
      aria-describedby="amendment-intro"
    >
      <form onSubmit={(e) => void handleSubmit(confirm)(e)} noValidate>
        <DialogTitle id="amendment-title">{t('ehcpUi.amendment.title')}</DialogTitle>
        <DialogContent>
          <Typography id="amendment-intro" color="text.secondary" sx={{ mb: 2 }}>
            {t('ehcpUi.amendment.intro', { n: nextVersion, current: currentVersion })}
          </Typography>
          <Box sx={{ display: 'grid', gap: 2.5 }}>
            <DraftStatus draft={draft} onDiscard={() => void draft.discard().then(() => reset())} />
            <FormDate control={control} name="effectiveDate" label={t('ehcpUi.amendment.effectiveDate')} required />
            <FormText
              control={control}
              name="reason"
              label={t('ehcpUi.amendment.reason')}
              helperText={t('ehcpUi.amendment.reasonHelp')}
              required
              multiline
              minRows={2}
              autoFocus
            />
            <FormCheckbox
              control={control}
              name="namesNextPhase"
              label={t('ehcpUi.amendment.namesNextPhase')}
              helperText={t('ehcpUi.amendment.namesNextPhaseHelp')}
            />
          </Box>
        </DialogContent>
        <DialogActions sx={{ px: 3, pb: 2 }}>
          <Button onClick={guard.requestClose}>{t('ehcpUi.cancel')}</Button>
          <Button type="submit" variant="contained" disabled={formState.isSubmitting}>
            {t('ehcpUi.amendment.submit')}
          </Button>
        </DialogActions>
      </form>
      {guard.question}
    </Dialog>
  );
}
