/**
 * The review form's first section: the kind of review (fixed once recorded), its date (fixed once held: its decisions
 * were carried out from it), planned or held, and the record it is about (linked-record-field.tsx). When the annual
 * review was chosen for the user (the pupil's only current EHC plan is due one), it says so.
 */
import { Controller } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import FormLabel from '@mui/material/FormLabel';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import TextField from '@mui/material/TextField';
import {
  REVIEW_KINDS,
  REVIEW_STATUSES,
  type IppView,
  type PlacementRecord,
  type PlanSummary,
  type PupilProfile,
  type ReviewMeeting,
} from '../../../../../shared/contract';
import { formatLongDate, formatUkDate } from '../../../../../shared/dates';
import { FormDate, FormSelect } from '../../form-fields';
import { Section } from '../review-parts';
import { grid3 } from './layout';
import { LinkedRecordField } from './linked-record-field';
import type { ReviewFormState } from './use-review-form';

export function MeetingSection({
  form,
  pupil,
  view,
  ipps,
  placements,
  ehcPlans,
}: {
  readonly form: ReviewFormState;
  readonly pupil: PupilProfile;
  readonly view: ReviewMeeting | null;
  readonly ipps: readonly IppView[];
  readonly placements: readonly PlacementRecord[] | null;
  readonly ehcPlans: readonly PlanSummary[];
}) {
  const { t } = useTranslation();
  const { control, all, kind, status, locked, chosen } = form;
  const kindOptions = REVIEW_KINDS.map((k) => ({ value: k, label: t(`reviewsUi.kinds.${k}`) }));
  return (
    <Section title={t('reviewsUi.form.sections.meeting')} testId="meeting-section">
      <Box sx={grid3}>
        <FormSelect
          control={control}
          name="kind"
          required
          label={t('reviewsUi.form.kind')}
          options={kindOptions}
          disabled={!!view}
          helperText={view ? t('reviewsUi.form.kindFixed') : t(`reviewsUi.kindsHelp.${kind}`)}
        />
        {locked && view ? (
          // A held review's decisions were carried out from its date: the date stays as it was.
          <TextField disabled label={t('reviewsUi.form.date')} value={formatUkDate(view.date)} helperText={t('reviewsUi.form.dateFixed')} />
        ) : (
          <FormDate control={control} name="date" required label={t('reviewsUi.form.date')} />
        )}
        <Controller
          control={control}
          name="status"
          render={({ field, fieldState }) => (
            <FormControl component="fieldset" required error={!!fieldState.error}>
              <FormLabel component="legend" sx={{ fontSize: '0.85rem' }}>
                {t('reviewsUi.form.status')}
              </FormLabel>
              <RadioGroup
                row
                name={field.name}
                value={field.value ?? ''}
                onChange={(e) => field.onChange(e.target.value)}
                onBlur={field.onBlur}
              >
                {REVIEW_STATUSES.map((s, i) => (
                  <FormControlLabel
                    key={s}
                    value={s}
                    disabled={locked && s === 'planned'}
                    control={<Radio slotProps={{ input: i === 0 ? { ref: field.ref } : {} }} />}
                    label={t(`reviewsUi.statuses.${s}`)}
                  />
                ))}
              </RadioGroup>
              <FormHelperText>{fieldState.error?.message ?? t(`reviewsUi.statusHelp.${status}`)}</FormHelperText>
            </FormControl>
          )}
        />
      </Box>
      <Box sx={{ mt: 2 }}>
        <LinkedRecordField form={form} view={view} ipps={ipps} placements={placements} ehcPlans={ehcPlans} />
      </Box>
      {chosen && kind === 'annual' && all.ehcPlanId === chosen.planId ? (
        <Alert severity="info" sx={{ mt: 2 }} data-testid="annual-chosen">
          {t('reviewsUi.annual.chosenForYou', { name: pupil.name, date: formatLongDate(chosen.dueDate) })}
        </Alert>
      ) : null}
    </Section>
  );
}
