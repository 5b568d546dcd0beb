/**
 * The review's decisions. Before the review is held as saved: a choice of the decisions its kind allows, each with
 * what it needs (a band move names the band, and for Universal the need level, otherwise the planned weeks). Once
 * saved as held: carried out by the core and shown read-only with what they changed (decisions-view.tsx).
 */
import { useTranslation } from 'react-i18next';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import Typography from '@mui/material/Typography';
import type { BandPeriod, ReviewMeeting } from '../../../../../shared/contract';
import { formatLongDate } from '../../../../../shared/dates';
import { NEED_LEVELS } from '../../../../../shared/therapy';
import { FormSelect, FormText } from '../../form-fields';
import { FormNumber } from '../../ipp/number-field';
import { DecisionsView } from '../decisions-view';
import { Section } from '../review-parts';
import { bandChoices, decisionKindsShown, decisionLabel, newDecision } from '../review-model';
import { allMessages, grid3, groupMessage, rowBox } from './layout';
import type { ReviewFormState } from './use-review-form';

type DecisionKind = ReviewFormState['chosenDecisions'][number];

export function DecisionsSection({
  form,
  view,
  band,
  bandHistory,
  canWrite,
}: {
  readonly form: ReviewFormState;
  readonly view: ReviewMeeting | null;
  readonly band: BandPeriod | null | undefined;
  readonly bandHistory: readonly BandPeriod[] | undefined;
  readonly canWrite: boolean;
}) {
  const { t } = useTranslation();
  const { errors, kind, held, locked, chosenDecisions } = form;
  const bandLine =
    kind === 'plan' || kind === 'band' || kind === 'annual' ? (
      <Typography sx={{ mb: 2, fontWeight: 500 }} data-testid="current-band">
        {band === undefined
          ? t('reviewsUi.form.bandLoading')
          : band === null
            ? t('reviewsUi.form.noBand')
            : band.needLevel
              ? t('reviewsUi.form.currentBandNeed', {
                  band: t(`bands.${band.band}`),
                  need: t(`needLevels.${band.needLevel}`).toLowerCase(),
                  date: formatLongDate(band.startDate),
                })
              : t('reviewsUi.form.currentBand', { band: t(`bands.${band.band}`), date: formatLongDate(band.startDate) })}
      </Typography>
    ) : null;

  return (
    <Section
      title={t('reviewsUi.form.sections.decisions')}
      intro={locked ? t('reviewsUi.form.decisionsLocked') : t('reviewsUi.form.decisionsIntro')}
      testId="decisions-section"
    >
      {bandLine}
      {groupMessage(errors.decisions) ? (
        <Alert severity="error" sx={{ mb: 2 }} data-testid="decisions-error">
          {groupMessage(errors.decisions)}
        </Alert>
      ) : null}
      {locked && view ? (
        <>
          {allMessages(errors.decisions).length && !groupMessage(errors.decisions) ? (
            <Alert severity="error" sx={{ mb: 2 }}>
              {allMessages(errors.decisions).join(' ')}
            </Alert>
          ) : null}
          <DecisionsView review={view} bands={bandHistory} canRevise={canWrite} />
        </>
      ) : (
        <>
          {!held ? (
            <Alert severity="info" sx={{ mb: 2 }}>
              {t('reviewsUi.form.decisionsPlanned')}
            </Alert>
          ) : null}
          <Box sx={{ display: 'grid', gap: 1.5 }} role="group" aria-label={t('reviewsUi.form.sections.decisions')}>
            {decisionKindsShown(kind, chosenDecisions).map((k) => (
              <DecisionOption key={k} form={form} k={k} />
            ))}
          </Box>
        </>
      )}
    </Section>
  );
}

/** One decision the review may make: ticked or not, and when ticked what it needs. */
function DecisionOption({ form, k }: { readonly form: ReviewFormState; readonly k: DecisionKind }) {
  const { t } = useTranslation();
  const { control, getValues, errors, all, decisions, kind, currentBand } = form;
  const needOptions = NEED_LEVELS.map((n) => ({ value: n, label: t(`needLevels.${n}`) }));

  const toggleDecision = (k: DecisionKind, on: boolean) => {
    const idx = (getValues('decisions') ?? []).findIndex((d) => d.kind === k);
    if (on && idx < 0) decisions.append(newDecision(k, currentBand), { shouldFocus: false });
    if (!on && idx >= 0) decisions.remove(idx);
  };

  const idx = (all.decisions ?? []).findIndex((d) => d.kind === k);
  const on = idx >= 0;
  const d = on ? all.decisions?.[idx] : undefined;
  const move = k === 'band_up' || k === 'band_down';
  const choices = bandChoices(k, currentBand);
  const unavailable = move && currentBand !== null && choices.length === 0;
  const kindError = on ? (errors.decisions?.[idx]?.kind?.message ?? null) : null;
  return (
    <Box sx={{ ...rowBox, p: 1.5, borderColor: on ? 'primary.light' : 'divider' }} data-testid="decision-option" data-kind={k}>
      <FormControlLabel
        sx={{ alignItems: 'flex-start', m: 0 }}
        control={
          <Checkbox checked={on} disabled={unavailable && !on} onChange={(e) => toggleDecision(k, e.target.checked)} sx={{ pt: 0.5 }} />
        }
        label={
          <Box sx={{ pt: 0.5 }}>
            <Typography component="span" sx={{ fontWeight: 500, display: 'block' }}>
              {decisionLabel(k, kind)}
            </Typography>
            <Typography component="span" variant="body2" color="text.secondary" sx={{ display: 'block' }}>
              {unavailable
                ? k === 'band_up'
                  ? t('reviewsUi.form.noBandAbove')
                  : t('reviewsUi.form.noBandBelow')
                : t(`reviewsUi.decisionHelp.${k}`)}
            </Typography>
          </Box>
        }
      />
      {kindError ? (
        <FormHelperText error sx={{ ml: 4 }}>
          {kindError}
        </FormHelperText>
      ) : null}
      {on ? (
        <Box sx={{ display: 'grid', gap: 2, mt: 1.5, ml: { xs: 0, md: 4 } }}>
          {move ? (
            <Box sx={grid3}>
              <FormSelect
                control={control}
                name={`decisions.${idx}.band`}
                nullable
                required
                label={t('reviewsUi.form.moveTo')}
                options={(choices.length ? choices : d?.band ? [d.band] : []).map((b) => ({
                  value: b,
                  label: t(`bands.${b}`),
                }))}
              />
              {d?.band === 'universal' ? (
                <FormSelect
                  control={control}
                  name={`decisions.${idx}.needLevel`}
                  nullable
                  required
                  label={t('reviewsUi.form.needLevel')}
                  helperText={t('reviewsUi.form.needLevelHelp')}
                  options={needOptions}
                />
              ) : d?.band ? (
                <FormNumber
                  control={control}
                  name={`decisions.${idx}.plannedWeeks`}
                  required={d.band === 'targeted'}
                  label={t('reviewsUi.form.plannedWeeks')}
                  helperText={d.band === 'targeted' ? t('reviewsUi.form.plannedWeeksHelp') : undefined}
                />
              ) : null}
            </Box>
          ) : null}
          <FormText
            control={control}
            name={`decisions.${idx}.note`}
            nullable
            size="small"
            multiline
            label={t('reviewsUi.form.decisionNote')}
          />
        </Box>
      ) : null}
    </Box>
  );
}
