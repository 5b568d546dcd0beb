/**
 * One goal's rating at a review: its GAS (Goal Attainment Scaling) ladder from +2 down to −2, each level with the
 * plan's own description, as a radio group, so the reviewer picks the description that matches rather than a bare
 * number (as the plan's own review dialog does). The expected level is marked in words and weight, not colour alone.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import FormLabel from '@mui/material/FormLabel';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Typography from '@mui/material/Typography';
import type { IppGoal } from '../../../../shared/contract';
import { LADDER, scoreLabel } from '../ipp/ipp-model';

export function GoalRating({
  goal,
  n,
  value,
  onRate,
  onClear,
  error,
  note,
  disabled = false,
}: {
  readonly goal: IppGoal;
  readonly n: number;
  readonly value: number | null;
  readonly onRate: (score: number) => void;
  readonly onClear: () => void;
  readonly error?: string | null;
  /** The note field, bound by the caller. */
  readonly note: ReactNode;
  readonly disabled?: boolean;
}) {
  const { t } = useTranslation();
  const labelId = `goal-rating-label-${goal.key}`;
  return (
    <Box data-testid="goal-rating" sx={{ border: 1, borderColor: error ? 'error.main' : 'divider', borderRadius: 1, p: 2 }}>
      <FormControl component="fieldset" error={!!error} disabled={disabled} sx={{ width: '100%' }}>
        <FormLabel
          component="legend"
          id={labelId}
          sx={{ color: 'text.primary', fontWeight: 600, mb: 1, '&.Mui-focused': { color: 'text.primary' } }}
        >
          {t('reviewsUi.form.ratingLegend', { n })}: {goal.description}
          <Typography component="span" variant="body2" color="text.secondary" sx={{ ml: 1 }} data-testid="goal-rating-weight">
            ({t('therapyRules.page.weight', { weight: goal.weight })})
          </Typography>
        </FormLabel>
        <RadioGroup
          aria-labelledby={labelId}
          name={`rating-${goal.key}`}
          value={value === null ? '' : String(value)}
          onChange={(e) => onRate(Number(e.target.value))}
          sx={{ display: 'grid', gap: 0.5 }}
        >
          {LADDER.map(({ key, score }) => {
            const expected = key === 'expected';
            const chosen = value === score;
            return (
              <FormControlLabel
                key={key}
                value={String(score)}
                control={<Radio sx={{ pt: 0.75 }} />}
                data-level={key}
                sx={{
                  alignItems: 'flex-start',
                  m: 0,
                  pr: 1,
                  borderRadius: 1,
                  border: 1,
                  borderColor: chosen ? 'primary.main' : 'transparent',
                  bgcolor: chosen ? 'rgba(29, 79, 145, 0.06)' : expected ? 'rgba(29, 79, 145, 0.03)' : undefined,
                }}
                label={
                  <Box sx={{ py: 0.75, display: 'grid', gridTemplateColumns: { xs: '1fr', md: '230px 1fr' }, columnGap: 2 }}>
                    <Box component="span" sx={{ fontWeight: expected ? 600 : 500 }}>
                      <Box component="span" sx={{ display: 'inline-block', minWidth: 28, fontVariantNumeric: 'tabular-nums' }}>
                        {scoreLabel(score)}
                      </Box>{' '}
                      {t(`ippUi.ladder.levels.${key}`)}
                      {expected ? ' ' : null}
                      {expected ? (
                        <Box
                          component="span"
                          sx={{
                            ml: 1,
                            px: 0.75,
                            border: 1,
                            borderColor: 'primary.main',
                            borderRadius: 1,
                            fontSize: '0.75rem',
                            textTransform: 'uppercase',
                            letterSpacing: '0.04em',
                            color: 'primary.dark',
                          }}
                        >
                          {t('reviewsUi.form.expected')}
                        </Box>
                      ) : null}
                    </Box>
                    <Typography
                      component="span"
                      variant="body2"
                      sx={{
                        color: goal.levels[key] ? 'text.primary' : 'text.secondary',
                        fontStyle: goal.levels[key] ? undefined : 'italic',
                        fontWeight: expected ? 500 : 400,
                      }}
                    >
                      {goal.levels[key] ?? t('reviewsUi.form.notDescribed')}
                    </Typography>
                  </Box>
                }
              />
            );
          })}
        </RadioGroup>
        {error ? <FormHelperText>{error}</FormHelperText> : null}
      </FormControl>
      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '1fr auto' }, gap: 1.5, alignItems: 'start', mt: 1.5 }}>
        {note}
        <Button size="small" color="inherit" onClick={onClear} disabled={disabled || value === null} sx={{ mt: 0.5 }}>
          {t('reviewsUi.form.clearRating', { n })}
        </Button>
      </Box>
    </Box>
  );
}
