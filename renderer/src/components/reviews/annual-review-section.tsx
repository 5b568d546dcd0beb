/**
 * The EHC plan annual review's conclusions on the review form (SEND Regulations 2014 reg. 20(10); CoP 9.176):
 * progress against each section E outcome of the plan reviewed (achieved, partly, not yet, no longer relevant, with a
 * note), the amendments recommended section by section, and the recommendation to the local authority. The values
 * are the contract's `annual` object, so the shared schema's and the core's messages land beside these fields.
 */
import { useFieldArray, type Control, type FieldErrors, type UseFormGetValues, type UseFormSetValue } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import AddOutlined from '@mui/icons-material/AddOutlined';
import DeleteOutline from '@mui/icons-material/DeleteOutlineOutlined';
import {
  EHCP_SECTIONS,
  LA_DECISIONS,
  OUTCOME_PROGRESS,
  type OutcomeProgress,
  type PlanOutcome,
  type ReviewMeeting,
} from '../../../../shared/contract';
import { formatLongDate } from '../../../../shared/dates';
import { FormSelect, FormText } from '../form-fields';
import { Section } from './review-parts';
import type { ReviewFormIn, ReviewFormOut } from './review-model';
import { groupMessage as message } from './form/layout';

const rowBox = { border: 1, borderColor: 'divider', borderRadius: 1, p: 1.5, m: 0, minWidth: 0 } as const;

export interface AnnualReviewSectionProps {
  readonly control: Control<ReviewFormIn, unknown, ReviewFormOut>;
  readonly values: ReviewFormIn['annual'];
  readonly errors: FieldErrors<ReviewFormIn>['annual'];
  readonly setValue: UseFormSetValue<ReviewFormIn>;
  readonly getValues: UseFormGetValues<ReviewFormIn>;
  /** The section E outcomes of the EHC plan chosen, as it now stands (null until a plan is chosen or while loading). */
  readonly outcomes: readonly PlanOutcome[] | null;
  /** The saved review: outcomes it recorded that the plan no longer has (amended since) are still shown. */
  readonly view: ReviewMeeting | null;
  readonly held: boolean;
  readonly submitted: boolean;
}

export function AnnualReviewSection({
  control,
  values,
  errors,
  setValue,
  getValues,
  outcomes,
  view,
  held,
  submitted,
}: AnnualReviewSectionProps) {
  const { t } = useTranslation();
  const amendments = useFieldArray({ control, name: 'annual.amendments', keyName: 'fieldId' });
  const sectionOptions = EHCP_SECTIONS.map((s) => ({ value: s, label: t(`ehcpUi.sections.${s}`) }));
  const recommendationOptions = [
    { value: '', label: t('reviewsUi.annual.recommendationNone') },
    ...LA_DECISIONS.map((d) => ({ value: d, label: t(`reviewsUi.annual.recommendations.${d}`) })),
  ];
  const groupError = message(errors) ?? message(errors?.outcomes) ?? message(errors?.amendments);

  return (
    <Section title={t('reviewsUi.annual.title')} intro={t('reviewsUi.annual.intro')} testId="annual-section">
      {!held ? (
        <Alert severity="info">{t('reviewsUi.annual.planned')}</Alert>
      ) : (
        <Box sx={{ display: 'grid', gap: 3 }}>
          {groupError ? <Alert severity="error">{groupError}</Alert> : null}
          <OutcomesProgress
            control={control}
            values={values}
            errors={errors}
            setValue={setValue}
            getValues={getValues}
            outcomes={outcomes}
            view={view}
            submitted={submitted}
          />

          <Box component="section" aria-labelledby="annual-amendments-heading" sx={{ display: 'grid', gap: 1.5 }}>
            <Typography id="annual-amendments-heading" variant="h3">
              {t('reviewsUi.annual.amendmentsHeading')}
            </Typography>
            <Typography color="text.secondary">{t('reviewsUi.annual.amendmentsIntro')}</Typography>
            {message(errors?.amendments) ? <Alert severity="error">{message(errors?.amendments)}</Alert> : null}
            {amendments.fields.length === 0 ? <Typography color="text.secondary">{t('reviewsUi.annual.noAmendments')}</Typography> : null}
            {amendments.fields.map((f, i) => (
              <Box key={f.fieldId} component="fieldset" sx={rowBox} data-testid="annual-amendment">
                <Box component="legend" sx={{ px: 0.5, fontWeight: 600, fontSize: '0.9rem' }}>
                  {t('reviewsUi.annual.amendmentLegend', { n: i + 1 })}
                </Box>
                <Box sx={{ display: 'grid', gap: 1.5, gridTemplateColumns: { xs: '1fr', md: '380px 1fr auto' }, alignItems: 'start' }}>
                  <FormSelect
                    control={control}
                    name={`annual.amendments.${i}.section`}
                    required
                    size="small"
                    label={t('reviewsUi.annual.section')}
                    options={sectionOptions}
                  />
                  <FormText
                    control={control}
                    name={`annual.amendments.${i}.text`}
                    required
                    size="small"
                    multiline
                    label={t('reviewsUi.annual.amendmentText')}
                  />
                  <Button color="error" size="small" startIcon={<DeleteOutline />} onClick={() => amendments.remove(i)} sx={{ mt: 0.5 }}>
                    {t('reviewsUi.annual.removeAmendment', { n: i + 1 })}
                  </Button>
                </Box>
              </Box>
            ))}
            <Box>
              <Button
                variant="outlined"
                startIcon={<AddOutlined />}
                disabled={amendments.fields.length >= 24}
                onClick={() =>
                  amendments.append(
                    { section: 'F', text: '' },
                    { shouldFocus: true, focusName: `annual.amendments.${amendments.fields.length}.text` },
                  )
                }
              >
                {t('reviewsUi.annual.addAmendment')}
              </Button>
            </Box>
          </Box>

          <Box sx={{ maxWidth: 420 }}>
            <FormSelect
              control={control}
              name="annual.recommendation"
              nullable
              label={t('reviewsUi.annual.recommendation')}
              helperText={t('reviewsUi.annual.recommendationHelp')}
              options={recommendationOptions}
              slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true } }}
            />
          </Box>
        </Box>
      )}
    </Section>
  );
}

/** Progress against each section E outcome of the plan reviewed (and any recorded that the plan no longer has). */
function OutcomesProgress({
  control,
  values,
  errors,
  setValue,
  getValues,
  outcomes,
  view,
  submitted,
}: Omit<AnnualReviewSectionProps, 'held'>) {
  const { t } = useTranslation();
  const recorded = values?.outcomes ?? [];
  // The plan's outcomes as it stands, then any recorded at this review that the plan no longer has.
  const kept = (view?.annual?.outcomes ?? []).filter((o) => !(outcomes ?? []).some((p) => p.key === o.outcomeKey));
  const list: { key: string; description: string; targetDate: string | null }[] = [
    ...(outcomes ?? []).map((o) => ({ key: o.key, description: o.description, targetDate: o.targetDate })),
    ...kept.map((o) => ({ key: o.outcomeKey, description: o.outcome, targetDate: null })),
  ];
  const setProgress = (key: string, progress: OutcomeProgress | null) => {
    const current = getValues('annual.outcomes') ?? [];
    const idx = current.findIndex((o) => o.outcomeKey === key);
    if (progress === null) {
      if (idx >= 0)
        setValue(
          'annual.outcomes',
          current.filter((_, i) => i !== idx),
          { shouldDirty: true, shouldValidate: submitted },
        );
    } else if (idx >= 0) setValue(`annual.outcomes.${idx}.progress`, progress, { shouldDirty: true, shouldValidate: submitted });
    else
      setValue('annual.outcomes', [...current, { outcomeKey: key, progress, note: null }], {
        shouldDirty: true,
        shouldValidate: submitted,
      });
  };

  return (
    <Box component="section" aria-labelledby="annual-outcomes-heading" sx={{ display: 'grid', gap: 1.5 }}>
      <Typography id="annual-outcomes-heading" variant="h3">
        {t('reviewsUi.annual.outcomesHeading')}
      </Typography>
      {outcomes === null && !kept.length ? (
        <Typography color="text.secondary">{t('reviewsUi.annual.choosePlan')}</Typography>
      ) : list.length === 0 ? (
        <Typography color="text.secondary">{t('reviewsUi.annual.noOutcomes')}</Typography>
      ) : (
        list.map((o, n) => {
          const idx = recorded.findIndex((r) => r.outcomeKey === o.key);
          const r = idx >= 0 ? recorded[idx] : undefined;
          const err =
            idx >= 0 ? (errors?.outcomes?.[idx]?.progress?.message ?? errors?.outcomes?.[idx]?.outcomeKey?.message ?? null) : null;
          return (
            <Box key={o.key} component="fieldset" sx={rowBox} data-testid="annual-outcome">
              <Box component="legend" sx={{ px: 0.5, fontWeight: 600, fontSize: '0.9rem' }}>
                {t('reviewsUi.annual.outcomeLegend', { n: n + 1 })}
              </Box>
              <Typography sx={{ mb: 0.5 }}>{o.description}</Typography>
              {o.targetDate ? (
                <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
                  {t('reviewsUi.annual.targetDate', { date: formatLongDate(o.targetDate) })}
                </Typography>
              ) : null}
              <Box sx={{ display: 'grid', gap: 1.5, gridTemplateColumns: { xs: '1fr', md: '260px 1fr' }, alignItems: 'start', mt: 1 }}>
                <TextField
                  select
                  size="small"
                  label={t('reviewsUi.annual.progress', { n: n + 1 })}
                  value={r?.progress ?? ''}
                  onChange={(e) => setProgress(o.key, e.target.value === '' ? null : (e.target.value as OutcomeProgress))}
                  error={!!err}
                  helperText={err ?? undefined}
                  slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true } }}
                >
                  <MenuItem value="">{t('reviewsUi.annual.notAssessed')}</MenuItem>
                  {OUTCOME_PROGRESS.map((p) => (
                    <MenuItem key={p} value={p}>
                      {t(`reviewsUi.annual.progressLevels.${p}`)}
                    </MenuItem>
                  ))}
                </TextField>
                {idx >= 0 ? (
                  <FormText
                    key={`note-${o.key}`}
                    control={control}
                    name={`annual.outcomes.${idx}.note`}
                    nullable
                    size="small"
                    multiline
                    label={t('reviewsUi.annual.progressNote', { n: n + 1 })}
                  />
                ) : (
                  <TextField size="small" disabled label={t('reviewsUi.annual.progressNote', { n: n + 1 })} value="" />
                )}
              </Box>
            </Box>
          );
        })
      )}
    </Box>
  );
}
