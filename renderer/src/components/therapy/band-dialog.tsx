/**
 * Change a pupil's band (seed policy 6): Universal with a need level (high, medium, low); Targeted with a bespoke
 * plan of 12 to 36 weeks; Specific for intensive individual plans. The reason is kept in the band's history.
 */
import { useState } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import FormLabel from '@mui/material/FormLabel';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { bandInput, type BandPeriod } from '../../../../shared/contract';
import { BANDS, NEED_LEVELS, TARGETED_WEEKS } from '../../../../shared/therapy';
import { todayIso } from '../../../../shared/dates';
import { t as translate } from '../../../../shared/i18n';
import { invoke } from '../../api/client';
import { FormDate, FormSelect, FormText } from '../form-fields';
import { applyServerErrors } from '../../lib/server-errors';
import { useFormDraft } from '../../lib/use-form-draft';
import { DraftStatus, useCloseGuard } from '../draft-guard';
import { qk } from '../../lib/query-keys';

export type BandIn = z.input<typeof bandInput>;
type BandOut = z.output<typeof bandInput>;

export function newBand(pupilId: string, current: BandPeriod | null): BandIn {
  return {
    pupilId,
    band: current?.band ?? 'universal',
    needLevel: current?.needLevel ?? null,
    startDate: todayIso(),
    plannedWeeks: current?.band === 'universal' ? null : (current?.plannedWeeks ?? null),
    reason: '',
  };
}

export function BandDialog({
  initial,
  pupilName,
  onClose,
}: {
  readonly initial: BandIn;
  readonly pupilName: string;
  readonly onClose: (saved: boolean) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [summary, setSummary] = useState<string | null>(null);
  const form = useForm<BandIn, unknown, BandOut>({
    resolver: zodResolver(bandInput),
    defaultValues: initial,
    mode: 'onTouched',
  });
  const { control, handleSubmit, setError, setValue, getValues, reset, formState } = form;
  // Kept as a draft until saved (issue 17, item 3); closing with changes asks first.
  const draft = useFormDraft(form, { draftKey: `bands.form:${initial.pupilId}`, pupilId: initial.pupilId });
  const guard = useCloseGuard({ draft, onClose: () => onClose(false), title: t('therapyUi.bandForm.title', { pupil: pupilName }) });
  const band = useWatch({ control, name: 'band' });

  const onSubmit = handleSubmit(
    async (values) => {
      setSummary(null);
      const result = await invoke('bands.set', values);
      if (result.ok) {
        void draft.saved();
        queryClient.setQueryData(qk('bands.history', initial.pupilId), result.value);
        onClose(true);
        return;
      }
      const current = getValues();
      setSummary(applyServerErrors(result.error, current, setError, t('errors.invalidInput')));
    },
    () => setSummary(t('errors.invalidInput')),
  );

  return (
    <Dialog open onClose={guard.requestClose} fullWidth maxWidth="sm" aria-labelledby="band-dialog-title" scroll="paper">
      <Box component="form" onSubmit={(e) => void onSubmit(e)} noValidate aria-labelledby="band-dialog-title" sx={{ display: 'contents' }}>
        <DialogTitle id="band-dialog-title">{t('therapyUi.bandForm.title', { pupil: pupilName })}</DialogTitle>
        <DialogContent dividers>
          <DraftStatus draft={draft} onDiscard={() => void draft.discard().then(() => reset())} />
          <Box sx={{ display: 'grid', gap: 2.5 }}>
            {summary ? (
              <Alert severity="error" role="alert">
                {summary}
              </Alert>
            ) : null}
            <Controller
              control={control}
              name="band"
              render={({ field, fieldState }) => (
                <FormControl error={!!fieldState.error} required component="fieldset">
                  <FormLabel component="legend" sx={{ mb: 0.5 }}>
                    {t('therapyUi.fields.band')}
                  </FormLabel>
                  <RadioGroup
                    name={field.name}
                    value={field.value ?? ''}
                    onBlur={field.onBlur}
                    onChange={(e) => {
                      const next = e.target.value as BandIn['band'];
                      field.onChange(next);
                      // Universal has no planned length; the other bands usually have no need level.
                      if (next === 'universal') setValue('plannedWeeks', null);
                    }}
                  >
                    {BANDS.map((b, i) => (
                      <FormControlLabel
                        key={b}
                        value={b}
                        sx={{ alignItems: 'flex-start', mb: 1 }}
                        control={<Radio sx={{ pt: 0.5 }} slotProps={{ input: i === 0 ? { ref: field.ref } : {} }} />}
                        label={
                          <Box>
                            <Typography sx={{ fontWeight: 500 }}>{t(`bands.${b}`)}</Typography>
                            <Typography variant="body2" color="text.secondary">
                              {t(`therapyUi.band.describe.${b}`)}
                            </Typography>
                          </Box>
                        }
                      />
                    ))}
                  </RadioGroup>
                  {fieldState.error ? <FormHelperText>{fieldState.error.message}</FormHelperText> : null}
                </FormControl>
              )}
            />
            <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' }, alignItems: 'start' }}>
              <FormDate control={control} name="startDate" required label={t('therapyUi.fields.bandFrom')} />
              <FormSelect
                control={control}
                name="needLevel"
                nullable
                required={band === 'universal'}
                label={t('therapyUi.fields.needLevel')}
                helperText={band === 'universal' ? t('therapyUi.bandForm.needLevelUniversal') : t('therapyUi.bandForm.needLevelOther')}
                options={[
                  ...(band === 'universal' ? [] : [{ value: '', label: translate('therapyUi.notSet') }]),
                  ...NEED_LEVELS.map((n) => ({ value: n, label: translate(`needLevels.${n}`) })),
                ]}
              />
              {band !== 'universal' ? (
                <Controller
                  control={control}
                  name="plannedWeeks"
                  render={({ field, fieldState }) => (
                    <TextField
                      type="number"
                      inputRef={field.ref}
                      name={field.name}
                      label={t('therapyUi.fields.plannedWeeks')}
                      required={band === 'targeted'}
                      value={typeof field.value === 'number' && !Number.isNaN(field.value) ? field.value : ''}
                      onChange={(e) => field.onChange(e.target.value === '' ? null : Number(e.target.value))}
                      onBlur={field.onBlur}
                      error={!!fieldState.error}
                      helperText={
                        fieldState.error?.message ??
                        (band === 'targeted'
                          ? t('therapyUi.bandForm.weeksTargeted', TARGETED_WEEKS)
                          : t('therapyUi.bandForm.weeksSpecific'))
                      }
                      slotProps={{ htmlInput: { min: 1, max: 104, step: 1, inputMode: 'numeric' } }}
                    />
                  )}
                />
              ) : null}
            </Box>
            <FormText
              control={control}
              name="reason"
              required
              multiline
              minRows={3}
              label={t('therapyUi.fields.bandReason')}
              helperText={t('therapyUi.bandForm.reasonHelp')}
            />
          </Box>
        </DialogContent>
        <DialogActions sx={{ px: 3, py: 1.5 }}>
          <Button onClick={guard.requestClose}>{t('therapyUi.cancel')}</Button>
          <Button type="submit" variant="contained" disabled={formState.isSubmitting}>
            {t('therapyUi.bandForm.save')}
          </Button>
        </DialogActions>
      </Box>
      {guard.question}
    </Dialog>
  );
}
