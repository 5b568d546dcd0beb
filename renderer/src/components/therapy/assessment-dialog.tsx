/**
 * Record or edit an assessment: kind, discipline, assessor, date, need level, notes, the scores of standardised
 * measures and Thrive results per strand. Only scale names and numbers are asked for, never a questionnaire's
 * items or wording (those are licensed); each score's range is in its helper text, and a score the schema
 * refuses (out of range, not a half point, an SDQ total that is not the sum) has its message beside it.
 */
import { useState } from 'react';
import { Controller, useFieldArray, useForm, useWatch, type Control } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
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
import AddOutlined from '@mui/icons-material/AddOutlined';
import DeleteOutline from '@mui/icons-material/DeleteOutlineOutlined';
import { assessmentInput, type AssessmentRecord, type ReferralRecord } from '../../../../shared/contract';
import { ASSESSMENT_KINDS, MEASURE_NAMES, NEED_LEVELS, THRIVE_RESULTS, THRIVE_STRANDS, type MeasureName } from '../../../../shared/therapy';
import { formatLongDate, todayIso } from '../../../../shared/dates';
import { codeLabel, t as translate } from '../../../../shared/i18n';
import { invoke } from '../../api/client';
import { FormDate, FormSelect, FormText } from '../form-fields';
import { hasPath, splitServerErrors } from '../../lib/server-errors';
import { measureScales, measuresIn, scaleSpec, type ScaleSpec } from './therapy-model';
import { useDisciplines } from './use-disciplines';
import { useFormDraft } from '../../lib/use-form-draft';
import { DraftStatus, useCloseGuard } from '../draft-guard';

export type AssessmentIn = z.input<typeof assessmentInput>;
type AssessmentOut = z.output<typeof assessmentInput>;

export function newAssessment(pupilId: string, assessorName: string, referral: ReferralRecord | null): AssessmentIn {
  return {
    id: null,
    pupilId,
    referralId: referral?.id ?? null,
    kind: 'initial',
    discipline: referral?.discipline ?? '',
    assessorName,
    date: todayIso(),
    needLevel: null,
    notes: null,
    scores: [],
    thrive: [],
  };
}

export function assessmentToInput(a: AssessmentRecord): AssessmentIn {
  return { ...a, scores: a.scores.map((s) => ({ ...s })), thrive: a.thrive.map((r) => ({ ...r })) };
}

/** "0 to 5, in half points" */
export function rangeHelp(s: ScaleSpec): string {
  return s.step === 1
    ? translate('therapyUi.assessment.range', { min: s.min, max: s.max })
    : translate('therapyUi.assessment.rangeHalf', { min: s.min, max: s.max });
}

const isScoreOrThrivePath = (p: string) => /^scores\.\d+\.(value|scale|measure)$/.test(p) || /^thrive\.\d+\.(result|notes|strand)$/.test(p);

function ScoreField({
  control,
  index,
  spec,
}: {
  readonly control: Control<AssessmentIn>;
  readonly index: number;
  readonly spec: ScaleSpec;
}) {
  return (
    <Controller
      control={control}
      name={`scores.${index}.value`}
      render={({ field, fieldState }) => (
        <TextField
          type="number"
          inputRef={field.ref}
          name={field.name}
          label={codeLabel('therapyUi.measures', `${spec.measure}.scales.${spec.scale}`)}
          required
          value={typeof field.value === 'number' && !Number.isNaN(field.value) ? field.value : ''}
          onChange={(e) => field.onChange(e.target.value === '' ? undefined : Number(e.target.value))}
          onBlur={field.onBlur}
          error={!!fieldState.error}
          helperText={fieldState.error?.message ?? rangeHelp(spec)}
          slotProps={{ htmlInput: { min: spec.min, max: spec.max, step: spec.step, inputMode: 'decimal' } }}
        />
      )}
    />
  );
}

export function AssessmentDialog({
  initial,
  referral,
  onClose,
}: {
  readonly initial: AssessmentIn;
  /** The referral this assessment answers, when it was opened from one ("Record assessment"). */
  readonly referral: ReferralRecord | null;
  readonly onClose: (saved: AssessmentRecord | null) => void;
}) {
  const { t } = useTranslation();
  const disciplines = useDisciplines();
  const [summary, setSummary] = useState<string | null>(null);
  const form = useForm<AssessmentIn, unknown, AssessmentOut>({
    resolver: zodResolver(assessmentInput),
    defaultValues: initial,
    // Not "onTouched": adding a measure appends its scales, and the field array would then show "required" under
    // every empty score before anything was typed. Messages appear on saving, then follow the typing.
    mode: 'onSubmit',
    reValidateMode: 'onChange',
  });
  const { control, handleSubmit, setError, getValues, reset, formState } = form;
  const title = initial.id ? t('therapyUi.assessment.editTitle') : t('therapyUi.assessment.newTitle');
  // Kept as a draft until saved (issue 17, item 3); closing with changes asks first.
  const draft = useFormDraft(form, {
    draftKey: `assessments.form:${initial.id ?? `new-${initial.referralId ?? initial.pupilId}`}`,
    pupilId: initial.pupilId,
  });
  const guard = useCloseGuard({ draft, onClose: () => onClose(null), title });
  const scores = useFieldArray({ control, name: 'scores' });
  const thrive = useFieldArray({ control, name: 'thrive' });
  const kind = useWatch({ control, name: 'kind' });
  const present = measuresIn(scores.fields);

  const addMeasure = (m: MeasureName) => {
    scores.append(measureScales(m).map((s) => ({ measure: s.measure, scale: s.scale, value: undefined as unknown as number })));
  };
  const removeMeasure = (m: MeasureName) => {
    scores.remove(scores.fields.flatMap((f, i) => (f.measure === m ? [i] : [])));
  };
  const toggleThrive = (on: boolean) => {
    if (on) thrive.replace(THRIVE_STRANDS.map((strand) => ({ strand, result: undefined as unknown as 'secure', notes: null })));
    else thrive.replace([]);
  };

  const onSubmit = handleSubmit(
    async (values) => {
      setSummary(null);
      const result = await invoke('assessments.save', values);
      if (result.ok) {
        void draft.saved();
        onClose(result.value);
        return;
      }
      const current = getValues();
      const { fields, other } = splitServerErrors(result.error, (p) => isScoreOrThrivePath(p) || hasPath(current, p));
      for (const [p, m] of fields) setError(p as keyof AssessmentIn, { type: 'server', message: m });
      setSummary([fields.length ? t('errors.invalidInput') : result.error.message, ...other].join(' '));
    },
    () => setSummary(t('errors.invalidInput')),
  );

  const grid = { display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' }, alignItems: 'start' } as const;
  return (
    <Dialog open onClose={guard.requestClose} fullWidth maxWidth="md" aria-labelledby="assessment-dialog-title" scroll="paper">
      <Box
        component="form"
        onSubmit={(e) => void onSubmit(e)}
        noValidate
        aria-labelledby="assessment-dialog-title"
        sx={{ display: 'contents' }}
      >
        <DialogTitle id="assessment-dialog-title">{title}</DialogTitle>
        <DialogContent dividers>
          <Box sx={{ display: 'grid', gap: 3 }}>
            <DraftStatus draft={draft} onDiscard={() => void draft.discard().then(() => reset())} />
            {summary ? (
              <Alert severity="error" role="alert">
                {summary}
              </Alert>
            ) : null}
            {referral ? (
              <Alert severity="info">
                {t('therapyUi.assessment.linked', {
                  discipline: disciplines.label(referral.discipline),
                  date: formatLongDate(referral.receivedDate),
                })}{' '}
                {kind === 'initial' && referral.state === 'assessment_booked' && !initial.id ? t('therapyUi.assessment.linkedMoves') : null}
              </Alert>
            ) : null}
            <Box sx={grid}>
              <FormSelect
                control={control}
                name="kind"
                required
                label={t('therapyUi.fields.assessmentKind')}
                options={ASSESSMENT_KINDS.map((k) => ({ value: k, label: translate(`therapyUi.assessmentKinds.${k}`) }))}
              />
              <FormSelect
                control={control}
                name="discipline"
                required
                label={t('therapyUi.fields.discipline')}
                options={disciplines.options(initial.discipline)}
              />
              <FormText control={control} name="assessorName" required label={t('therapyUi.fields.assessor')} autoComplete="off" />
              <FormDate control={control} name="date" required label={t('therapyUi.fields.assessmentDate')} disableFuture />
              <FormSelect
                control={control}
                name="needLevel"
                nullable
                label={t('therapyUi.fields.needLevel')}
                helperText={t('therapyUi.assessment.needLevelHelp')}
                options={[
                  { value: '', label: translate('therapyUi.notSet') },
                  ...NEED_LEVELS.map((n) => ({ value: n, label: translate(`needLevels.${n}`) })),
                ]}
              />
            </Box>
            <FormText
              control={control}
              name="notes"
              nullable
              multiline
              minRows={3}
              label={t('therapyUi.fields.notes')}
              helperText={t('therapyUi.assessment.notesHelp')}
            />

            <Box component="section" aria-labelledby="scores-heading">
              <Typography id="scores-heading" variant="h3" sx={{ mb: 0.5 }}>
                {t('therapyUi.assessment.scores')}
              </Typography>
              <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5, maxWidth: 720 }}>
                {t('therapyUi.assessment.scoresIntro')}
              </Typography>
              {present.map((m) => (
                <Box key={m} component="fieldset" sx={{ border: 1, borderColor: 'divider', borderRadius: 1, p: 2, m: 0, mb: 2 }}>
                  <Box component="legend" sx={{ px: 0.5, fontWeight: 500 }}>
                    {t(`therapyUi.measures.${m}.name`)}
                  </Box>
                  <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: 'repeat(auto-fill, minmax(180px, 1fr))', alignItems: 'start' }}>
                    {scores.fields.map((f, i) => {
                      if (f.measure !== m) return null;
                      const spec = scaleSpec(f.measure, f.scale);
                      return spec ? <ScoreField key={f.id} control={control} index={i} spec={spec} /> : null;
                    })}
                  </Box>
                  <Button size="small" color="inherit" startIcon={<DeleteOutline />} sx={{ mt: 1 }} onClick={() => removeMeasure(m)}>
                    {t('therapyUi.assessment.removeMeasure', { measure: t(`therapyUi.measures.${m}.short`) })}
                  </Button>
                </Box>
              ))}
              <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap' }}>
                {MEASURE_NAMES.filter((m) => !present.includes(m)).map((m) => (
                  <Button key={m} variant="outlined" size="small" startIcon={<AddOutlined />} onClick={() => addMeasure(m)}>
                    {t('therapyUi.assessment.addMeasure', { measure: t(`therapyUi.measures.${m}.short`) })}
                  </Button>
                ))}
              </Box>
            </Box>

            <Box component="section" aria-labelledby="thrive-heading">
              <Typography id="thrive-heading" variant="h3" sx={{ mb: 0.5 }}>
                {t('therapyUi.assessment.thrive')}
              </Typography>
              <FormControlLabel
                control={<Checkbox checked={thrive.fields.length > 0} onChange={(e) => toggleThrive(e.target.checked)} />}
                label={t('therapyUi.assessment.thriveToggle')}
              />
              {thrive.fields.length > 0 ? (
                <Box sx={{ display: 'grid', gap: 1.5, mt: 1 }}>
                  {thrive.fields.map((f, i) => (
                    <Box
                      key={f.id}
                      sx={{
                        display: 'grid',
                        gap: 2,
                        gridTemplateColumns: { xs: '1fr', md: '1.3fr 1fr' },
                        alignItems: 'start',
                        borderTop: 1,
                        borderColor: 'divider',
                        pt: 1.5,
                      }}
                    >
                      <Controller
                        control={control}
                        name={`thrive.${i}.result`}
                        render={({ field, fieldState }) => (
                          <FormControl error={!!fieldState.error} required component="fieldset">
                            <FormLabel component="legend" sx={{ fontWeight: 500, color: 'text.primary' }}>
                              {t(`therapyUi.thriveStrands.${f.strand}`)}
                            </FormLabel>
                            <RadioGroup
                              row
                              name={field.name}
                              value={field.value ?? ''}
                              onChange={(e) => field.onChange(e.target.value)}
                              onBlur={field.onBlur}
                            >
                              {THRIVE_RESULTS.map((r, k) => (
                                <FormControlLabel
                                  key={r}
                                  value={r}
                                  control={<Radio size="small" slotProps={{ input: k === 0 ? { ref: field.ref } : {} }} />}
                                  label={t(`therapyUi.thriveResults.${r}`)}
                                />
                              ))}
                            </RadioGroup>
                            {fieldState.error ? <FormHelperText>{t('therapyUi.assessment.thriveResultNeeded')}</FormHelperText> : null}
                          </FormControl>
                        )}
                      />
                      <FormText
                        control={control}
                        name={`thrive.${i}.notes`}
                        nullable
                        size="small"
                        label={t('therapyUi.assessment.strandNotes', { strand: t(`therapyUi.thriveStrands.${f.strand}`) })}
                      />
                    </Box>
                  ))}
                </Box>
              ) : null}
            </Box>
          </Box>
        </DialogContent>
        <DialogActions sx={{ px: 3, py: 1.5 }}>
          <Button onClick={guard.requestClose}>{t('therapyUi.cancel')}</Button>
          <Button type="submit" variant="contained" disabled={formState.isSubmitting}>
            {t('therapyUi.assessment.save')}
          </Button>
        </DialogActions>
      </Box>
      {guard.question}
    </Dialog>
  );
}
