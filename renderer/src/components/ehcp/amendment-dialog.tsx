/** Saving a change to a final plan: the amendment's date, reason, and whether it names the next phase's school. */
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

export const amendmentInput = z.object({ effectiveDate: isoDate, reason: text(500), namesNextPhase: z.boolean() }).strict();
export type AmendmentIn = z.input<typeof amendmentInput>;
export type Amendment = z.output<typeof amendmentInput>;

export function AmendmentDialog({
  open,
  nextVersion,
  currentVersion,
  serverErrors,
  onCancel,
  onConfirm,
}: {
  readonly open: boolean;
  readonly nextVersion: number;
  readonly currentVersion: number;
  /** Messages the core returned for the amendment's fields (for example a date before the plan was issued). */
  readonly serverErrors: Readonly<Record<string, string>> | null;
  readonly onCancel: () => void;
  readonly onConfirm: (amendment: Amendment) => Promise<void>;
}) {
  const { t } = useTranslation();
  const { control, handleSubmit, setError, formState } = useForm<AmendmentIn, unknown, Amendment>({
    resolver: zodResolver(amendmentInput),
    defaultValues: { effectiveDate: todayIso(), reason: '', namesNextPhase: false },
    mode: 'onTouched',
  });
  useEffect(() => {
    for (const [path, message] of Object.entries(serverErrors ?? {})) {
      const field = path.replace(/^amendment\.?/, '');
      if (field === 'effectiveDate' || field === 'reason' || field === 'namesNextPhase') setError(field, { type: 'server', message });
    }
  }, [serverErrors, setError]);
  return (
    <Dialog open={open} onClose={onCancel} fullWidth maxWidth="sm" aria-labelledby="amendment-title" aria-describedby="amendment-intro">
      <form onSubmit={handleSubmit(onConfirm)} noValidate>
        <DialogTitle id="amendment-title">{t('ehcpUi.amendment.title')}</DialogTitle>
        <DialogContent>
          <Typography id="amendment-intro" color="text.secondary" sx={{ mb: 2 }}>
            {t('ehcpUi.amendment.intro', { n: nextVersion, current: currentVersion })}
          </Typography>
          <Box sx={{ display: 'grid', gap: 2.5 }}>
            <FormDate control={control} name="effectiveDate" label={t('ehcpUi.amendment.effectiveDate')} required />
            <FormText control={control} name="reason" label={t('ehcpUi.amendment.reason')} helperText={t('ehcpUi.amendment.reasonHelp')} required multiline minRows={2} autoFocus />
            <FormCheckbox control={control} name="namesNextPhase" label={t('ehcpUi.amendment.namesNextPhase')} helperText={t('ehcpUi.amendment.namesNextPhaseHelp')} />
          </Box>
        </DialogContent>
        <DialogActions sx={{ px: 3, pb: 2 }}>
          <Button onClick={onCancel}>{t('ehcpUi.cancel')}</Button>
          <Button type="submit" variant="contained" disabled={formState.isSubmitting}>
            {t('ehcpUi.amendment.submit')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
