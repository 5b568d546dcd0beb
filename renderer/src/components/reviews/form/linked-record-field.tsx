/**
 * The review form's record the meeting is about: for a provider midpoint review the placement (with its facts), for
 * an annual review the EHC plan, and the individual plan whose goals are rated (required for a plan review). Choosing
 * another individual plan drops the ratings of the goals of the plan left.
 */
import { Controller } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import type { IppView, PlacementRecord, PlanSummary, ReviewMeeting } from '../../../../../shared/contract';
import { formatLongDate } from '../../../../../shared/dates';
import { FormSelect } from '../../form-fields';
import { MidpointPlacementFacts } from '../../ipp/placements';
import type { ReviewFormState } from './use-review-form';

export function LinkedRecordField({
  form,
  view,
  ipps,
  placements,
  ehcPlans,
}: {
  readonly form: ReviewFormState;
  readonly view: ReviewMeeting | null;
  readonly ipps: readonly IppView[];
  readonly placements: readonly PlacementRecord[] | null;
  readonly ehcPlans: readonly PlanSummary[];
}) {
  const { t } = useTranslation();
  const { control, setValue, getValues, formState, all, kind } = form;
  const planOptions = [
    ...(kind === 'plan' ? [] : [{ value: '', label: t('reviewsUi.form.planNone') }]),
    ...ipps.map((p) => ({
      value: p.id,
      label: t('reviewsUi.form.planOption', { title: p.title, start: formatLongDate(p.startDate), end: formatLongDate(p.endDate) }),
    })),
    ...(view?.ippId && !ipps.some((p) => p.id === view.ippId) ? [{ value: view.ippId, label: view.ippTitle ?? view.ippId }] : []),
  ];
  const selectedPlacement = (placements ?? []).find((p) => p.id === all.placementId) ?? null;
  const placementOptions = (placements ?? []).map((p) => ({
    value: p.id,
    label: t('reviewsUi.form.placementOption', {
      la: p.commissioningLa,
      start: formatLongDate(p.startDate),
      midpoint: formatLongDate(p.midpointDate),
    }),
  }));
  const ehcOptions = ehcPlans.map((p) => ({
    value: p.id,
    label: p.issuedDate
      ? t('reviewsUi.form.ehcPlanOption', {
          la: p.localAuthority,
          status: t(`ehcpUi.status.${p.status}`),
          date: formatLongDate(p.issuedDate),
        })
      : t('reviewsUi.form.ehcPlanOptionDraft', { la: p.localAuthority, status: t(`ehcpUi.status.${p.status}`) }),
  }));

  const choosePlan = (ippId: string | null) => {
    setValue('ippId', ippId, { shouldDirty: true, shouldValidate: formState.isSubmitted });
    // Ratings belong to the goals of one plan: those of another plan are dropped.
    const goals = new Set((ipps.find((p) => p.id === ippId)?.goals ?? []).map((g) => g.key));
    const keep = (getValues('ratings') ?? []).filter((r) => goals.has(r.goalKey));
    if (keep.length !== (getValues('ratings') ?? []).length) setValue('ratings', keep, { shouldDirty: true });
  };

  return kind === 'midpoint' ? (
    placements === null ? (
      <Alert severity="info">{t('reviewsUi.form.placementNoAccess')}</Alert>
    ) : (
      <Box sx={{ display: 'grid', gap: 1.5 }}>
        <FormSelect
          control={control}
          name="placementId"
          nullable
          required
          label={t('reviewsUi.form.placement')}
          options={placementOptions}
          disabled={placementOptions.length === 0}
          helperText={placementOptions.length === 0 ? t('reviewsUi.form.noPlacements') : undefined}
        />
        {selectedPlacement ? <MidpointPlacementFacts placement={selectedPlacement} /> : null}
      </Box>
    )
  ) : (
    <Box sx={{ display: 'grid', gap: 2 }}>
      {kind === 'annual' ? (
        <FormSelect
          control={control}
          name="ehcPlanId"
          nullable
          required
          label={t('reviewsUi.form.ehcPlan')}
          options={ehcOptions}
          disabled={ehcOptions.length === 0}
          helperText={ehcOptions.length === 0 ? t('reviewsUi.form.noEhcPlans') : undefined}
        />
      ) : null}
      <Controller
        control={control}
        name="ippId"
        render={({ field, fieldState }) => (
          <TextField
            select
            inputRef={field.ref}
            name={field.name}
            label={kind === 'plan' ? t('reviewsUi.form.plan') : t('reviewsUi.form.planOptional')}
            required={kind === 'plan'}
            value={field.value ?? ''}
            onChange={(e) => choosePlan(e.target.value === '' ? null : e.target.value)}
            onBlur={field.onBlur}
            error={!!fieldState.error}
            disabled={ipps.length === 0 && !view?.ippId}
            helperText={fieldState.error?.message ?? (ipps.length === 0 ? t('reviewsUi.form.noPlans') : t('reviewsUi.form.planHelp'))}
            slotProps={{ select: { displayEmpty: kind !== 'plan' }, inputLabel: kind !== 'plan' ? { shrink: true } : undefined }}
          >
            {planOptions.map((o) => (
              <MenuItem key={o.value} value={o.value}>
                {o.label}
              </MenuItem>
            ))}
          </TextField>
        )}
      />
    </Box>
  );
}
