/** The review form's save and cancel buttons, kept in view at the foot of the screen (cancel drops the draft). */
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router-dom';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import type { PupilProfile } from '../../../../../shared/contract';
import type { ReviewFormState } from './use-review-form';

export function SaveBar({ form, pupil }: { readonly form: ReviewFormState; readonly pupil: PupilProfile }) {
  const { t } = useTranslation();
  const { formState, draft } = form;
  return (
    <Paper
      variant="outlined"
      sx={{
        p: 2,
        display: 'flex',
        gap: 1.5,
        alignItems: 'center',
        position: 'sticky',
        bottom: 0,
        zIndex: 2,
        boxShadow: '0 -2px 8px rgba(0,0,0,0.04)',
      }}
    >
      <Button type="submit" variant="contained" size="large" disabled={formState.isSubmitting}>
        {t('reviewsUi.form.save')}
      </Button>
      <Button component={RouterLink} to={`/pupils/${pupil.id}?tab=reviews`} size="large" onClick={() => void draft.discard()}>
        {t('reviewsUi.form.cancel')}
      </Button>
      <Typography variant="body2" color="text.secondary" sx={{ ml: 'auto' }}>
        {t('reviewsUi.form.requiredNote')}
      </Typography>
    </Paper>
  );
}
