/** The pupil's views, the parents' or carers' views, and what the meeting discussed. */
import { useTranslation } from 'react-i18next';
import Box from '@mui/material/Box';
import { FormText } from '../../form-fields';
import { Section } from '../review-parts';
import { grid2 } from './layout';
import type { ReviewFormState } from './use-review-form';

export function ViewsSection({ form }: { readonly form: ReviewFormState }) {
  const { t } = useTranslation();
  const { control } = form;
  return (
    <Section title={t('reviewsUi.form.sections.views')} testId="views-section">
      <Box sx={{ display: 'grid', gap: 2 }}>
        <Box sx={grid2}>
          <FormText
            control={control}
            name="pupilViews"
            nullable
            multiline
            minRows={3}
            label={t('reviewsUi.form.pupilViews')}
            helperText={t('reviewsUi.form.pupilViewsHelp')}
          />
          <FormText
            control={control}
            name="parentViews"
            nullable
            multiline
            minRows={3}
            label={t('reviewsUi.form.parentViews')}
            helperText={t('reviewsUi.form.parentViewsHelp')}
          />
        </Box>
        <FormText
          control={control}
          name="discussion"
          nullable
          multiline
          minRows={3}
          label={t('reviewsUi.form.discussion')}
          helperText={t('reviewsUi.form.discussionHelp')}
        />
      </Box>
    </Section>
  );
}
