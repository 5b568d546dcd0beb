/**
 * Records a plan review: the date, a note, and a GAS rating for each goal of the current version. Each rating
 * offers the goal's own ladder, so the reviewer picks the description that matches, not a bare number.
 */
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useFormDraft } from '../../lib/use-form-draft';
import { DraftStatus, useCloseGuard } from '../draft-guard';
import { zodResolver } from '@hookform/resolvers/zod';
import type { z } from 'zod';
import { useTranslation } from 'react-i18next';
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
import Typography from '@mui/material/Typography';
import { ippReviewInput, type IppView } from '../../../../shared/contract';
import { todayIso } from '../../../../shared/dates';
import { invoke } from '../../api/client';
import { FormDate, FormText } from '../form-fields';
import { applyServerErrors } from '../../lib/server-errors';
import { LADDER, scoreLabel } from './ipp-model';

type In = z.input<typeof ippReviewInput>;
type Out = z.output<typeof ippReviewInput>;

export function ReviewDialog({
  view,
  open,
  onClose,
  onSaved,
}: {
  readonly view: IppView;
  readonly open: boolean;
  readonly onClose: () => void;
  readonly onSaved: (view: IppView) => void;
}) {
  const { t } = useTranslation();
  const [summary, setSummary] = useState<string | null>(null);
  const form = useForm<In, unknown, Out>({
    resolver: zodResolver(ippReviewInput),
    defaultValues: {
      ippId: view.id,
      date: todayIso(),
      note: null,
      ratings: view.goals.map((g) => ({ goalKey: g.key, rating: undefined as unknown as number, note: null })),
    },
    mode: 'onTouched',
  });
  const { control, handleSubmit, setError, getValues, reset, formState } = form;
  // Kept as a draft until saved (issue 17, item 3), while the dialog is open.
  const draft = useFormDraft(form, { draftKey: `ipps.review:${view.id}`, pupilId: view.pupilId, enabled: open });
  const guard = useCloseGuard({ draft, onClose, title: t('ippUi.review.title') });

  const onSubmit = handleSubmit(
    async (values) => {
      setSummary(null);
      const result = await invoke('ipps.review', values);
      if (result.ok) {
        void draft.saved();
        onSaved(result.value);
        return;
      }
      setSummary(applyServerErrors(result.error, getValues(), setError, t('errors.invalidInput')));
    },
    () => setSummary(t('errors.invalidInput')),
  );

  return (
    <Dialog open={open} onClose={guard.requestClose} maxWidth="md" fullWidth aria-labelledby="ipp-review-title">
      <form onSubmit={(e) => void onSubmit(e)} noValidate>
        <DialogTitle id="ipp-review-title">{t('ippUi.review.title')}</DialogTitle>
        <DialogContent dividers>
          <DraftStatus draft={draft} onDiscard={() => void draft.discard().then(() => reset())} />
          {summary ? (
            <Alert severity="error" role="alert" sx={{ mb: 2 }}>
              {summary}
            </Alert>
          ) : null}
          <Typography color="text.secondary" sx={{ mb: 2 }}>
            {t('ippUi.review.intro', { name: view.pupilName })}
          </Typography>
          <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', md: '260px 1fr' }, mb: 3 }}>
            <FormDate control={control} name="date" label={t('ippUi.review.date')} required />
            <FormText
              control={control}
              name="note"
              nullable
              multiline
              minRows={2}
              label={t('ippUi.review.note')}
              helperText={t('ippUi.review.noteHelp')}
            />
          </Box>
          <Box sx={{ display: 'grid', gap: 2.5 }}>
            {view.goals.map((g, i) => (
              <Box key={g.key} sx={{ border: 1, borderColor: 'divider', borderRadius: 1, p: 2 }}>
                <Controller
                  control={control}
                  name={`ratings.${i}.rating`}
                  render={({ field, fieldState }) => (
                    <FormControl component="fieldset" error={!!fieldState.error} required>
                      <FormLabel component="legend" id={`rating-label-${i}`} sx={{ color: 'text.primary', fontWeight: 600, mb: 0.5 }}>
                        {t('ippUi.review.ratingLegend', { n: i + 1 })}: {g.description}
                      </FormLabel>
                      <RadioGroup
                        aria-labelledby={`rating-label-${i}`}
                        name={field.name}
                        value={field.value === undefined || field.value === null ? '' : String(field.value)}
                        onChange={(e) => field.onChange(Number(e.target.value))}
                        onBlur={field.onBlur}
                      >
                        {LADDER.map(({ key, score }, j) => (
                          <FormControlLabel
                            key={key}
                            value={String(score)}
                            control={<Radio slotProps={{ input: j === 0 ? { ref: field.ref } : {} }} />}
                            sx={{ alignItems: 'flex-start', '& .MuiRadio-root': { pt: 0.5 }, mb: 0.5 }}
                            label={
                              <Box sx={{ pt: 0.75 }}>
                                <Box component="span" sx={{ fontWeight: key === 'expected' ? 600 : 500 }}>
                                  {scoreLabel(score)} {t(`ippUi.ladder.levels.${key}`)}
                                  {key === 'expected' ? ` (${t('ippUi.ladder.expectedTag')})` : ''}
                                </Box>
                                <Typography component="span" variant="body2" color="text.secondary" sx={{ display: 'block' }}>
                                  {g.levels[key] ?? t('ippUi.ladder.notDescribed')}
                                </Typography>
                              </Box>
                            }
                          />
                        ))}
                      </RadioGroup>
                      {fieldState.error ? <FormHelperText>{t('ippUi.review.rateEvery')}</FormHelperText> : null}
                    </FormControl>
                  )}
                />
                <Box sx={{ mt: 1 }}>
                  <FormText
                    control={control}
                    name={`ratings.${i}.note`}
                    nullable
                    size="small"
                    label={t('ippUi.review.goalNote', { n: i + 1 })}
                  />
                </Box>
              </Box>
            ))}
          </Box>
        </DialogContent>
        <DialogActions sx={{ px: 3, py: 2 }}>
          <Button onClick={guard.requestClose}>{t('ippUi.review.cancel')}</Button>
          <Button type="submit" variant="contained" disabled={formState.isSubmitting}>
            {t('ippUi.review.save')}
          </Button>
        </DialogActions>
      </form>
      {guard.question}
    </Dialog>
  );
}
