/**
 * Record or update feedback or a complaint (feedback.save). The kind is fixed once saved. Feedback has a
 * sentiment; a complaint follows the policy's route (the SENCo first, then the school's formal complaints
 * procedure) with the dates it was received, acknowledged, responded to, escalated and closed, and the outcome.
 * The acknowledge-by and respond-by dates show as the dates are typed, with "Late" in words when either is missed.
 */
import { useState } from 'react';
import { Controller, useForm, useWatch, type Resolver } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import Box from '@mui/material/Box';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import FormLabel from '@mui/material/FormLabel';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Typography from '@mui/material/Typography';
import {
  ACKNOWLEDGE_WORKING_DAYS,
  COMPLAINT_STAGES,
  FEEDBACK_KINDS,
  FEEDBACK_SENTIMENTS,
  FEEDBACK_SOURCES,
  RESPOND_WORKING_DAYS,
  feedbackInput,
  type FeedbackRecord,
} from '../../../../shared/contract';
import { formatLongDate, todayIso } from '../../../../shared/dates';
import { t as translate } from '../../../../shared/i18n';
import { call, invoke } from '../../api/client';
import { FormDate, FormSelect, FormText, IsoDateInput } from '../form-fields';
import { FormDialog } from '../form-dialog';
import { useDraft } from '../../lib/use-draft';
import { FIELD_GRID_2, FormFieldset } from '../form-fieldset';
import { applyServerErrors } from '../../lib/server-errors';
import type { PickedPupil } from '../therapy/pupil-picker';
import { cleanFeedback, complaintDeadlines, lateReasons, type FeedbackIn } from './feedback-model';
import { LateMarker } from './feedback-parts';
import { OptionalPupilPicker } from './optional-pupil-picker';

type FeedbackOut = z.output<typeof feedbackInput>;

const baseResolver = zodResolver(feedbackInput);
const resolver: Resolver<FeedbackIn, unknown, FeedbackOut> = (values, context, options) =>
  baseResolver(cleanFeedback(values), context, options);

const grid2 = FIELD_GRID_2;

export function FeedbackDialog({
  initial,
  record,
  onClose,
}: {
  readonly initial: FeedbackIn;
  /** The saved entry being edited (for its pupil and the core's own dates), or null for a new one. */
  readonly record: FeedbackRecord | null;
  readonly onClose: (saved: FeedbackRecord | null) => void;
}) {
  const { t } = useTranslation();
  const [picked, setPicked] = useState<PickedPupil | null>(
    record?.pupilId && record.pupilName ? { id: record.pupilId, name: record.pupilName, detail: '' } : null,
  );
  const [summary, setSummary] = useState<string | null>(null);
  const { control, handleSubmit, setError, setValue, getValues, reset, formState } = useForm<FeedbackIn, unknown, FeedbackOut>({
    resolver,
    defaultValues: initial,
    mode: 'onTouched',
  });
  const watched = useWatch({ control });
  // Kept as a draft until saved (issue 17, item 3). A pupil chosen in the form is looked up again when the draft comes
  // back, so one the user may no longer see does not come back with it.
  const draft = useDraft<FeedbackIn>({
    draftKey: `feedback.entry:${initial.id ?? 'new'}`,
    pupilId: record?.pupilId ?? null,
    value: watched as FeedbackIn,
    dirty: formState.isDirty,
    restore: (v) => {
      const chosen = v.pupilId && v.pupilId !== record?.pupilId ? v.pupilId : null;
      reset(chosen ? { ...v, pupilId: null } : v, { keepDefaultValues: true });
      if (chosen) {
        void call('pupils.get', { id: chosen }).then(
          (p) => {
            setPicked({ id: p.id, name: p.name, detail: '' });
            setValue('pupilId', p.id, { shouldDirty: true });
          },
          () => undefined,
        );
      }
    },
  });
  const kind = watched.kind ?? initial.kind;
  const saved = initial.id !== null;
  const today = todayIso();
  const due = complaintDeadlines(watched.receivedDate);
  const late = lateReasons(
    {
      kind,
      receivedDate: watched.receivedDate ?? '',
      acknowledgedDate: watched.acknowledgedDate ?? null,
      respondedDate: watched.respondedDate ?? null,
      escalatedDate: watched.escalatedDate ?? null,
      closedDate: watched.closedDate ?? null,
    },
    today,
  );

  const onSubmit = handleSubmit(
    async (values) => {
      setSummary(null);
      const result = await invoke('feedback.save', values);
      if (result.ok) {
        void draft.saved();
        onClose(result.value);
        return;
      }
      setSummary(applyServerErrors(result.error, getValues(), setError, t('errors.invalidInput')));
    },
    () => setSummary(t('errors.invalidInput')),
  );

  const title = saved
    ? t(kind === 'complaint' ? 'staffUi.feedback.form.editComplaint' : 'staffUi.feedback.form.editFeedback')
    : t('staffUi.feedback.form.newTitle');

  return (
    <FormDialog
      titleId="feedback-dialog-title"
      title={title}
      maxWidth="md"
      gap={3}
      summary={summary}
      errors={formState.errors}
      onSubmit={onSubmit}
      onCancel={() => onClose(null)}
      cancelLabel={t('staffUi.cancel')}
      submitLabel={
        saved
          ? t('staffUi.feedback.form.saveChanges')
          : kind === 'complaint'
            ? t('staffUi.feedback.form.saveComplaint')
            : t('staffUi.feedback.form.saveFeedback')
      }
      submitting={formState.isSubmitting}
      draft={draft}
      onDiscardDraft={() => {
        reset();
        setPicked(record?.pupilId && record.pupilName ? { id: record.pupilId, name: record.pupilName, detail: '' } : null);
      }}
    >
      <Controller
        control={control}
        name="kind"
        render={({ field, fieldState }) => (
          <FormControl error={!!fieldState.error} disabled={saved}>
            <FormLabel id="feedback-kind-label" required>
              {t('staffUi.feedback.fields.kind')}
            </FormLabel>
            <RadioGroup
              row
              aria-labelledby="feedback-kind-label"
              name={field.name}
              value={field.value}
              onChange={(e) => {
                field.onChange(e.target.value);
                if (e.target.value === 'complaint' && !getValues('stage')) setValue('stage', 'senco');
              }}
            >
              {FEEDBACK_KINDS.map((k) => (
                <FormControlLabel
                  key={k}
                  value={k}
                  control={<Radio slotProps={{ input: (k === field.value ? { ref: field.ref } : {}) as object }} />}
                  label={t(`staffUi.feedback.kinds.${k}`)}
                />
              ))}
            </RadioGroup>
            <FormHelperText>
              {fieldState.error?.message ?? (saved ? t('staffUi.feedback.form.kindFixed') : t('staffUi.feedback.form.kindHelp'))}
            </FormHelperText>
          </FormControl>
        )}
      />

      <FormFieldset title={t('staffUi.feedback.form.who')}>
        <Box sx={grid2}>
          <FormSelect
            control={control}
            name="source"
            required
            label={t('staffUi.feedback.fields.source')}
            options={FEEDBACK_SOURCES.map((s) => ({ value: s, label: translate(`staffUi.feedback.sources.${s}`) }))}
          />
          <FormText
            control={control}
            name="fromName"
            nullable
            label={t('staffUi.feedback.fields.fromName')}
            helperText={kind === 'complaint' ? t('staffUi.feedback.form.fromComplaintHelp') : t('staffUi.feedback.form.fromFeedbackHelp')}
            autoComplete="off"
          />
          <Controller
            control={control}
            name="pupilId"
            render={({ field, fieldState }) => (
              <OptionalPupilPicker
                value={picked}
                onChange={(p) => {
                  setPicked(p);
                  field.onChange(p?.id ?? null);
                }}
                onBlur={field.onBlur}
                inputRef={field.ref}
                error={fieldState.error?.message ?? null}
                label={t('staffUi.feedback.fields.pupil')}
                help={t('staffUi.feedback.form.pupilHelp')}
              />
            )}
          />
          <FormDate control={control} name="receivedDate" label={t('staffUi.feedback.fields.receivedDate')} required disableFuture />
        </Box>
      </FormFieldset>

      <FormFieldset title={t('staffUi.feedback.form.what')}>
        <FormText
          control={control}
          name="summary"
          label={t('staffUi.feedback.fields.summary')}
          helperText={t('staffUi.feedback.form.summaryHelp')}
          required
          multiline
          minRows={3}
        />
        {kind === 'feedback' ? (
          <Box sx={grid2}>
            <FormSelect
              control={control}
              name="sentiment"
              nullable
              label={t('staffUi.feedback.fields.sentiment')}
              options={[
                { value: '', label: translate('staffUi.feedback.notRecorded') },
                ...FEEDBACK_SENTIMENTS.map((s) => ({ value: s, label: translate(`staffUi.feedback.sentiments.${s}`) })),
              ]}
            />
          </Box>
        ) : null}
      </FormFieldset>

      {kind === 'complaint' ? (
        <FormFieldset
          title={t('staffUi.feedback.form.route')}
          intro={t('staffUi.feedback.form.routeIntro', { ack: ACKNOWLEDGE_WORKING_DAYS, respond: RESPOND_WORKING_DAYS })}
        >
          <Controller
            control={control}
            name="stage"
            render={({ field, fieldState }) => (
              <FormControl error={!!fieldState.error}>
                <FormLabel id="complaint-stage-label" required>
                  {t('staffUi.feedback.fields.stage')}
                </FormLabel>
                <RadioGroup
                  aria-labelledby="complaint-stage-label"
                  name={field.name}
                  value={field.value ?? ''}
                  onChange={(e) => field.onChange(e.target.value)}
                >
                  {COMPLAINT_STAGES.map((s) => (
                    <FormControlLabel
                      key={s}
                      value={s}
                      control={<Radio slotProps={{ input: (s === field.value ? { ref: field.ref } : {}) as object }} />}
                      label={t(`staffUi.feedback.stages.${s}`)}
                    />
                  ))}
                </RadioGroup>
                {fieldState.error ? <FormHelperText>{fieldState.error.message}</FormHelperText> : null}
              </FormControl>
            )}
          />
          {due ? (
            <Box
              data-testid="complaint-deadlines"
              sx={{ display: 'flex', gap: 3, flexWrap: 'wrap', alignItems: 'center', p: 1.5, borderRadius: 1, bgcolor: 'action.hover' }}
            >
              <Typography>
                {t('staffUi.feedback.acknowledgeBy', {
                  date: formatLongDate(record && record.receivedDate === watched.receivedDate ? record.acknowledgeBy : due.acknowledgeBy),
                })}
              </Typography>
              <Typography>
                {t('staffUi.feedback.respondBy', {
                  date: formatLongDate(record && record.receivedDate === watched.receivedDate ? record.respondBy : due.respondBy),
                })}
              </Typography>
              {late.length ? <LateMarker reasons={late} /> : null}
            </Box>
          ) : null}
          <Box sx={grid2}>
            <FormDate control={control} name="acknowledgedDate" label={t('staffUi.feedback.fields.acknowledgedDate')} disableFuture />
            <FormDate control={control} name="respondedDate" label={t('staffUi.feedback.fields.respondedDate')} disableFuture />
            <Controller
              control={control}
              name="escalatedDate"
              render={({ field, fieldState }) => (
                <IsoDateInput
                  value={field.value}
                  onChange={(iso) => {
                    field.onChange(iso);
                    // Escalating moves the complaint to the formal procedure (the policy's second step).
                    if (iso && iso !== 'invalid') setValue('stage', 'formal', { shouldValidate: formState.isSubmitted });
                  }}
                  onBlur={field.onBlur}
                  name={field.name}
                  error={fieldState.error?.message ?? null}
                  label={t('staffUi.feedback.fields.escalatedDate')}
                  helperText={t('staffUi.feedback.form.escalatedHelp')}
                  inputRef={field.ref}
                  disableFuture
                />
              )}
            />
            <FormDate
              control={control}
              name="closedDate"
              label={t('staffUi.feedback.fields.closedDate')}
              helperText={t('staffUi.feedback.form.closedHelp')}
              disableFuture
            />
          </Box>
          <FormText
            control={control}
            name="outcome"
            nullable
            label={t('staffUi.feedback.fields.outcome')}
            helperText={t('staffUi.feedback.form.outcomeHelp')}
            multiline
            minRows={2}
          />
        </FormFieldset>
      ) : null}
    </FormDialog>
  );
}
