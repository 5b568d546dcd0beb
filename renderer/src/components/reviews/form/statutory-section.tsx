/**
 * An EHC plan annual review's statutory steps: invitations sent, advice circulated, the report sent to the local
 * authority, and the authority's decision (with the amended plan's date when it decided to amend).
 */
import { useTranslation } from 'react-i18next';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import { LA_DECISIONS } from '../../../../../shared/contract';
import { FormDate, FormSelect } from '../../form-fields';
import { Section } from '../review-parts';
import { grid3, groupMessage } from './layout';
import type { ReviewFormState } from './use-review-form';

export function StatutorySection({ form }: { readonly form: ReviewFormState }) {
  const { t } = useTranslation();
  const { control, errors, all } = form;
  const laOptions = [
    { value: '', label: t('reviewsUi.form.laDecisionNone') },
    ...LA_DECISIONS.map((d) => ({ value: d, label: t(`reviewsUi.laDecisions.${d}`) })),
  ];

  return (
    <Section title={t('reviewsUi.form.sections.statutory')} intro={t('reviewsUi.form.statutoryIntro')} testId="statutory-section">
      {groupMessage(errors.statutory) ? (
        <Alert severity="error" sx={{ mb: 2 }}>
          {groupMessage(errors.statutory)}
        </Alert>
      ) : null}
      <Box sx={{ display: 'grid', gap: 2 }}>
        <Box sx={grid3}>
          <FormDate
            control={control}
            name="statutory.invitationsSentDate"
            label={t('reviewsUi.form.invitationsSent')}
            helperText={t('reviewsUi.form.invitationsSentHelp')}
          />
          <FormDate
            control={control}
            name="statutory.adviceCirculatedDate"
            label={t('reviewsUi.form.adviceCirculated')}
            helperText={t('reviewsUi.form.adviceCirculatedHelp')}
          />
          <FormDate
            control={control}
            name="statutory.reportSentDate"
            label={t('reviewsUi.form.reportSent')}
            helperText={t('reviewsUi.form.reportSentHelp')}
          />
        </Box>
        <Box sx={grid3}>
          <FormSelect
            control={control}
            name="statutory.laDecision"
            nullable
            label={t('reviewsUi.form.laDecision')}
            helperText={t('reviewsUi.form.laDecisionHelp')}
            options={laOptions}
            slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true } }}
          />
          <FormDate control={control} name="statutory.laDecisionDate" label={t('reviewsUi.form.laDecisionDate')} />
          {all.statutory?.laDecision === 'amend' || all.statutory?.amendedFinalDate ? (
            <FormDate
              control={control}
              name="statutory.amendedFinalDate"
              label={t('reviewsUi.form.amendedFinal')}
              helperText={t('reviewsUi.form.amendedFinalHelp')}
            />
          ) : null}
        </Box>
      </Box>
    </Section>
  );
}
