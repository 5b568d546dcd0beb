/**
 * Each goal of the individual plan rated on its GAS ladder, with a note, and the live T-score that counts each rated
 * goal by its weight, as the service will when it saves (shared/gas.ts), explained in plain words. Not for a provider
 * midpoint review, nor before a plan is chosen.
 */
import { useTranslation } from 'react-i18next';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { formatTScore } from '../../../../../shared/gas';
import { tScorePlainWords, tScoreWeightsWords } from '../../../../../shared/gas-words';
import { FormText } from '../../form-fields';
import { GoalRating } from '../goal-rating';
import { Section } from '../review-parts';
import { groupMessage } from './layout';
import type { ReviewFormState } from './use-review-form';

export function RatingsSection({ form }: { readonly form: ReviewFormState }) {
  const { t } = useTranslation();
  const { control, getValues, setValue, formState, errors, all, ratings, kind, held, plan, goalWeight, ratingValues, tScore } = form;
  const rate = (goalKey: string, score: number) => {
    const idx = (getValues('ratings') ?? []).findIndex((r) => r.goalKey === goalKey);
    if (idx >= 0) setValue(`ratings.${idx}.rating`, score, { shouldDirty: true, shouldValidate: formState.isSubmitted });
    else ratings.append({ goalKey, rating: score, note: null }, { shouldFocus: false });
  };

  return kind !== 'midpoint' && plan ? (
    <Section title={t('reviewsUi.form.sections.ratings')} intro={t('reviewsUi.form.ratingsIntro')} testId="ratings-section">
      {groupMessage(errors.ratings) ? (
        <Alert severity="error" sx={{ mb: 2 }}>
          {groupMessage(errors.ratings)}
        </Alert>
      ) : null}
      {!held && (all.ratings ?? []).length === 0 ? (
        <Typography color="text.secondary">{t('reviewsUi.form.ratingsPlanned')}</Typography>
      ) : plan.goals.length === 0 ? (
        <Typography color="text.secondary">{t('reviewsUi.form.ratingsNoGoals')}</Typography>
      ) : (
        <>
          <Box sx={{ display: 'grid', gap: 2 }}>
            {plan.goals.map((g, n) => {
              const idx = (all.ratings ?? []).findIndex((r) => r.goalKey === g.key);
              const r = idx >= 0 ? all.ratings?.[idx] : undefined;
              const err = idx >= 0 ? (errors.ratings?.[idx]?.rating?.message ?? errors.ratings?.[idx]?.goalKey?.message ?? null) : null;
              return (
                <GoalRating
                  key={g.key}
                  goal={g}
                  n={n + 1}
                  value={typeof r?.rating === 'number' ? r.rating : null}
                  onRate={(s) => rate(g.key, s)}
                  onClear={() => idx >= 0 && ratings.remove(idx)}
                  error={err}
                  note={
                    idx >= 0 ? (
                      <FormText
                        key={`note-${g.key}`}
                        control={control}
                        name={`ratings.${idx}.note`}
                        nullable
                        size="small"
                        multiline
                        label={t('reviewsUi.form.ratingNote', { n: n + 1 })}
                      />
                    ) : (
                      <TextField
                        size="small"
                        disabled
                        label={t('reviewsUi.form.ratingNote', { n: n + 1 })}
                        helperText={t('reviewsUi.form.ratingNoteHelp')}
                        value=""
                      />
                    )
                  }
                />
              );
            })}
          </Box>
          <Paper
            variant="outlined"
            sx={{ mt: 2, p: 2, display: 'flex', gap: 2, alignItems: 'baseline', flexWrap: 'wrap', bgcolor: 'rgba(29, 79, 145, 0.04)' }}
          >
            <Typography sx={{ fontWeight: 600 }}>{t('reviewsUi.form.tScore')}</Typography>
            <Typography aria-live="polite" data-testid="live-t-score" sx={{ fontVariantNumeric: 'tabular-nums' }}>
              {tScore === null
                ? t('reviewsUi.form.tScoreNone')
                : t('reviewsUi.form.tScoreLive', { score: formatTScore(tScore), count: ratingValues.length })}
            </Typography>
            <Typography variant="body2" color="text.secondary" sx={{ flexBasis: '100%' }} data-testid="t-score-words">
              {tScorePlainWords()} {tScoreWeightsWords(plan.goals.map((g) => goalWeight.get(g.key) ?? g.weight))}
            </Typography>
          </Paper>
        </>
      )}
    </Section>
  ) : null;
}
