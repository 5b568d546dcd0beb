/**
 * Writes a new individual pupil plan, or revises one (a new version; the reason is kept with the old one). The
 * form's state is the contract's `ippInput` exactly and is checked with that schema; the server's messages (the
 * Targeted 12 to 36 week rule on the end date, a stale version) land beside their fields. The plan's length in
 * weeks shows live as the dates are picked. Unsaved typing is kept in this window until saved.
 */
import { useState } from 'react';
import { useFieldArray, useForm, useWatch, type Control } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import Link from '@mui/material/Link';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import AddOutlined from '@mui/icons-material/AddOutlined';
import ArrowBack from '@mui/icons-material/ArrowBack';
import ArrowDownward from '@mui/icons-material/ArrowDownward';
import ArrowUpward from '@mui/icons-material/ArrowUpward';
import DeleteOutline from '@mui/icons-material/DeleteOutlineOutlined';
import { ippInput, type IppView } from '../../../../shared/contract';
import { formatLongDate } from '../../../../shared/dates';
import { FREQUENCY_PERIODS } from '../../../../shared/ehcp';
import { STAFFING_RATIOS, type Band } from '../../../../shared/therapy';
import { GAS_WEIGHT } from '../../../../shared/gas';
import { call, invoke } from '../../api/client';
import { useSessionInfo } from '../../auth/auth';
import { FormDate, FormSelect, FormText } from '../../components/form-fields';
import { PageHeader } from '../../components/page-header';
import { Loading, QueryError } from '../../components/status';
import { FormNumber } from '../../components/ipp/number-field';
import { ProvisionPicker } from '../../components/provisions/provision-picker';
import {
  LADDER,
  emptyGoal,
  emptyIntervention,
  liveLength,
  newPlanValues,
  outsideTargeted,
  scoreLabel,
  viewToFormValues,
  type IppFormIn,
  type IppFormOut,
} from '../../components/ipp/ipp-model';
import { canReadBands, canReadEhcp } from '../../components/ipp/roles';
import { useDisciplines } from '../../components/ipp/use-disciplines';
import { ippQueryKey } from './ipp-page';
import { hasPath, splitServerErrors } from '../../lib/server-errors';
import { usePageTitle } from '../../lib/use-page-title';
import { DraftStatus } from '../../components/draft-guard';
import { useDraft } from '../../lib/use-draft';
import { qk } from '../../lib/query-keys';
import { FormSection as Section } from '../../components/form-section';
import { SaveBar } from '../../components/save-bar';

const grid2 = { display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' } } as const;
const grid3 = { display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', md: '1fr 1fr 1fr' } } as const;

function newKey(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `g-${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

/** Move up, move down and remove, each named for what it acts on. */
function RowTools({
  index,
  count,
  what,
  removeLabel,
  onMove,
  onRemove,
  canRemove,
}: {
  readonly index: number;
  readonly count: number;
  readonly what: string;
  readonly removeLabel: string;
  readonly onMove: (to: number) => void;
  readonly onRemove: () => void;
  readonly canRemove: boolean;
}) {
  const { t } = useTranslation();
  const up = t('ippUi.editor.moveUp', { what });
  const down = t('ippUi.editor.moveDown', { what });
  return (
    <Box sx={{ display: 'flex', gap: 0.5, alignItems: 'center' }}>
      <Tooltip title={up}>
        <span>
          <IconButton aria-label={up} size="small" disabled={index === 0} onClick={() => onMove(index - 1)}>
            <ArrowUpward fontSize="small" />
          </IconButton>
        </span>
      </Tooltip>
      <Tooltip title={down}>
        <span>
          <IconButton aria-label={down} size="small" disabled={index === count - 1} onClick={() => onMove(index + 1)}>
            <ArrowDownward fontSize="small" />
          </IconButton>
        </span>
      </Tooltip>
      <Button color="error" size="small" startIcon={<DeleteOutline />} disabled={!canRemove} onClick={onRemove}>
        {removeLabel}
      </Button>
    </Box>
  );
}

function PlanLength({
  control,
  band,
  pupilName,
}: {
  readonly control: Control<IppFormIn>;
  readonly band: Band | null;
  readonly pupilName: string;
}) {
  const { t } = useTranslation();
  const start = useWatch({ control, name: 'startDate' });
  const end = useWatch({ control, name: 'endDate' });
  const length = liveLength(start, end);
  const outside = outsideTargeted(band, start, end);
  return (
    <Box aria-live="polite" data-testid="plan-length" sx={{ mt: 1.5, display: 'grid', gap: 0.5 }}>
      <Typography sx={{ fontWeight: length === null ? 400 : 500 }} color={length === null ? 'text.secondary' : 'text.primary'}>
        {length === null ? t('ippUi.editor.weeksPending') : t('ippUi.editor.lengthLive', { length })}
      </Typography>
      {band === 'targeted' ? (
        outside ? (
          <Typography color="error" sx={{ fontWeight: 500 }}>
            {t('ippUi.editor.targetedOutside')}
          </Typography>
        ) : (
          <Typography variant="body2" color="text.secondary">
            {t('ippUi.editor.targetedNote', { name: pupilName })}
          </Typography>
        )
      ) : null}
    </Box>
  );
}

interface Outcome {
  readonly id: string;
  readonly description: string;
}

/** The plan's draft: a revision of the plan, or a new plan for the pupil (issue 17, item 3). */
function draftKey(pupilId: string, ipp: IppView | null) {
  return ipp ? `ipps.plan:${ipp.id}` : `ipps.plan:new-${pupilId}`;
}

function IppEditor({
  pupilId,
  pupilName,
  ipp,
  band,
  outcomes,
  reviewId,
}: {
  readonly pupilId: string;
  /** The review whose "revise the plan" decision this revision carries out (from ?review=ID), or null. */
  readonly reviewId: string | null;
  readonly pupilName: string;
  readonly ipp: IppView | null;
  readonly band: Band | null;
  readonly outcomes: readonly Outcome[];
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const disciplines = useDisciplines();
  const [summary, setSummary] = useState<{ readonly messages: readonly string[]; readonly stale: boolean } | null>(null);
  const initial = ipp ? viewToFormValues(ipp) : newPlanValues(pupilId, newKey);
  const { control, handleSubmit, setError, getValues, setValue, reset, formState } = useForm<IppFormIn, unknown, IppFormOut>({
    resolver: zodResolver(ippInput),
    defaultValues: initial,
    mode: 'onTouched',
  });
  const goals = useFieldArray({ control, name: 'goals', keyName: 'fieldId' });
  const interventions = useFieldArray({ control, name: 'interventions', keyName: 'fieldId' });

  // Keep what is typed as a draft in the store until it is saved (UI handbook: never lose typing; issue 17, item 3).
  const all = useWatch({ control }) as IppFormIn;
  const draft = useDraft<IppFormIn>({
    draftKey: draftKey(pupilId, ipp),
    pupilId,
    value: all,
    dirty: formState.isDirty,
    restore: (v) => reset(v, { keepDefaultValues: true }),
  });

  const disciplineOptions = (current: string | undefined) => {
    const active = disciplines.list.filter((d) => d.active || d.code === current).map((d) => ({ value: d.code, label: d.label }));
    return current && !active.some((o) => o.value === current)
      ? [...active, { value: current, label: disciplines.label(current) }]
      : active;
  };
  const outcomeOptions = [
    { value: '', label: t('ippUi.editor.ehcpOutcomeNone') },
    ...outcomes.map((o) => ({ value: o.id, label: o.description })),
  ];
  const periodOptions = [
    { value: '', label: t('ippUi.editor.periodNone') },
    ...FREQUENCY_PERIODS.map((p) => ({ value: p, label: t(`ippUi.intervention.periods.${p}`) })),
  ];
  const ratioOptions = STAFFING_RATIOS.map((r) => ({ value: r, label: t(`ippUi.intervention.ratios.${r}`) }));

  const onSubmit = handleSubmit(
    async (values) => {
      setSummary(null);
      const result = await invoke('ipps.save', { ...values, reviewId });
      if (result.ok) {
        void draft.saved();
        queryClient.setQueryData(ippQueryKey(result.value.id, null), result.value);
        void navigate(`/pupils/${pupilId}/ipps/${result.value.id}`, {
          replace: true,
          state: { saved: ipp ? 'revised' : 'created', version: result.value.version },
        });
        return;
      }
      const current = getValues();
      const { fields, other } = splitServerErrors(result.error, (p) => hasPath(current, p));
      for (const [path, message] of fields) {
        // A goal's key is not shown: its message goes beside the goal's description.
        const target = /^goals\.\d+\.key$/.test(path) ? path.replace(/key$/, 'description') : path;
        setError(target as 'endDate', { type: 'server', message });
      }
      setSummary({
        messages: fields.length ? [t('errors.invalidInput'), ...other] : [result.error.message, ...other],
        stale: result.error.code === 'conflict',
      });
      window.requestAnimationFrame(() => document.getElementById('ipp-form-summary')?.focus());
    },
    () => setSummary({ messages: [t('errors.invalidInput')], stale: false }),
  );

  const nextVersion = ipp ? ipp.currentVersion + 1 : 1;
  const cancelTo = ipp ? `/pupils/${pupilId}/ipps/${ipp.id}` : `/pupils/${pupilId}?tab=plans`;

  return (
    <form
      onSubmit={(e) => void onSubmit(e)}
      noValidate
      aria-label={ipp ? t('ippUi.editor.reviseTitle', { title: ipp.title }) : t('ippUi.editor.createTitle')}
    >
      <DraftStatus draft={draft} onDiscard={() => void draft.discard().then(() => reset(initial))} />
      {summary ? (
        <Alert
          severity="error"
          role="alert"
          id="ipp-form-summary"
          tabIndex={-1}
          sx={{ mb: 2 }}
          data-testid="form-summary"
          action={
            summary.stale && ipp ? (
              <Button
                color="inherit"
                size="small"
                onClick={() => void draft.discard().then(() => navigate(`/pupils/${pupilId}/ipps/${ipp.id}`))}
              >
                {t('ippUi.editor.stale')}
              </Button>
            ) : undefined
          }
        >
          {summary.messages.map((m) => (
            <Box key={m}>{m}</Box>
          ))}
        </Alert>
      ) : null}

      {ipp ? (
        <Section title={t('ippUi.editor.sections.revision')}>
          <FormText
            control={control}
            name="revisionReason"
            nullable
            required
            multiline
            minRows={2}
            label={t('ippUi.editor.revisionReason')}
            helperText={t('ippUi.editor.revisionReasonHelp')}
          />
        </Section>
      ) : null}

      <Section title={t('ippUi.editor.sections.plan')}>
        <Box sx={{ mb: 2 }}>
          <FormText
            control={control}
            name="title"
            required
            label={t('ippUi.editor.title')}
            helperText={t('ippUi.editor.titleHelp')}
            autoComplete="off"
          />
        </Box>
        <Box sx={grid3}>
          <FormDate control={control} name="startDate" label={t('ippUi.editor.startDate')} required />
          <FormDate control={control} name="reviewDate" label={t('ippUi.editor.reviewDate')} required />
          <FormDate control={control} name="endDate" label={t('ippUi.editor.endDate')} required />
        </Box>
        <PlanLength control={control} band={band} pupilName={pupilName} />
        <Box sx={{ mt: 2.5 }}>
          <FormText
            control={control}
            name="expectedOutcomes"
            nullable
            multiline
            minRows={3}
            label={t('ippUi.editor.expectedOutcomes')}
            helperText={t('ippUi.editor.expectedOutcomesHelp')}
          />
        </Box>
      </Section>

      <Section title={t('ippUi.editor.sections.goals')} intro={t('ippUi.editor.goalsIntro')}>
        <Box sx={{ display: 'grid', gap: 2 }}>
          {goals.fields.map((f, i) => {
            const what = t('ippUi.editor.goalLegend', { n: i + 1 });
            return (
              <Box
                key={f.fieldId}
                component="fieldset"
                data-testid="goal-editor"
                sx={{ border: 1, borderColor: 'divider', borderRadius: 1, p: 2, m: 0 }}
              >
                <Box component="legend" sx={{ px: 0.5, fontWeight: 600 }}>
                  {what}
                </Box>
                <Box sx={{ display: 'grid', gap: 2 }}>
                  <FormText
                    control={control}
                    name={`goals.${i}.description`}
                    required
                    multiline
                    minRows={2}
                    label={t('ippUi.editor.goalDescription')}
                  />
                  <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', md: '3fr 1fr' }, alignItems: 'start' }}>
                    <FormSelect
                      control={control}
                      name={`goals.${i}.ehcpOutcomeId`}
                      nullable
                      label={t('ippUi.editor.ehcpOutcome')}
                      options={outcomeOptions}
                      disabled={outcomes.length === 0}
                      helperText={outcomes.length === 0 ? t('ippUi.editor.ehcpOutcomeHelpNone') : undefined}
                      slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true } }}
                    />
                    {/* GAS weight (shared/gas.ts): how much this goal counts in the T-score; empty means 1. */}
                    <FormNumber
                      control={control}
                      name={`goals.${i}.weight`}
                      label={t('therapyRules.editor.weight')}
                      helperText={t('therapyRules.editor.weightHelp', GAS_WEIGHT)}
                      data-testid="goal-weight"
                    />
                  </Box>
                  <Box sx={{ display: 'grid', gap: 1.5 }}>
                    {LADDER.map(({ key: level, score }) => (
                      <FormText
                        key={level}
                        control={control}
                        name={`goals.${i}.levels.${level}`}
                        nullable={level !== 'expected'}
                        required={level === 'expected'}
                        size="small"
                        label={t('ippUi.editor.level', { score: scoreLabel(score), label: t(`ippUi.ladder.levels.${level}`) })}
                        sx={
                          level === 'expected'
                            ? {
                                '& .MuiOutlinedInput-root': { bgcolor: 'rgba(29, 79, 145, 0.05)' },
                                '& .MuiInputLabel-root': { fontWeight: 600 },
                              }
                            : undefined
                        }
                      />
                    ))}
                  </Box>
                </Box>
                <Box sx={{ display: 'flex', justifyContent: 'flex-end', mt: 1 }}>
                  <RowTools
                    index={i}
                    count={goals.fields.length}
                    what={what}
                    removeLabel={t('ippUi.editor.removeGoal', { n: i + 1 })}
                    canRemove={goals.fields.length > 1}
                    onMove={(to) => goals.move(i, to)}
                    onRemove={() => goals.remove(i)}
                  />
                </Box>
              </Box>
            );
          })}
        </Box>
        <Button
          variant="outlined"
          startIcon={<AddOutlined />}
          sx={{ mt: 2 }}
          disabled={goals.fields.length >= 20}
          onClick={() => goals.append(emptyGoal(newKey()), { shouldFocus: true, focusName: `goals.${goals.fields.length}.description` })}
        >
          {t('ippUi.editor.addGoal')}
        </Button>
      </Section>

      <Section title={t('ippUi.editor.sections.interventions')} intro={t('ippUi.editor.interventionsIntro')}>
        {interventions.fields.length === 0 ? (
          <Typography color="text.secondary" sx={{ mb: 2 }}>
            {t('ippUi.editor.noInterventions')}
          </Typography>
        ) : null}
        <Box sx={{ display: 'grid', gap: 2 }}>
          {interventions.fields.map((f, i) => {
            const what = t('ippUi.editor.interventionLegend', { n: i + 1 });
            const current = all.interventions?.[i]?.discipline;
            return (
              <Box
                key={f.fieldId}
                component="fieldset"
                data-testid="intervention-editor"
                sx={{ border: 1, borderColor: 'divider', borderRadius: 1, p: 2, m: 0 }}
              >
                <Box component="legend" sx={{ px: 0.5, fontWeight: 600 }}>
                  {what}
                </Box>
                {all.interventions?.[i]?.continues ? (
                  <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }} data-testid="intervention-continues">
                    {t('ippUi.editor.continues')}
                  </Typography>
                ) : null}
                <Box sx={{ display: 'grid', gap: 2 }}>
                  <ProvisionPicker
                    name={`interventions.${i}.provisionId`}
                    value={all.interventions?.[i]?.provisionId ?? null}
                    onChange={(p) => {
                      const opts = { shouldDirty: true, shouldValidate: formState.isSubmitted } as const;
                      setValue(`interventions.${i}.provisionId`, p?.id ?? null, { shouldDirty: true });
                      if (!p) return;
                      // What the catalogue knows, so it is not typed twice.
                      setValue(`interventions.${i}.description`, p.description ? `${p.name}: ${p.description}` : p.name, opts);
                      setValue(`interventions.${i}.frequencyCount`, p.sessionsPerWeek, opts);
                      setValue(`interventions.${i}.frequencyPeriod`, 'week', opts);
                      setValue(`interventions.${i}.sessionMinutes`, p.minutesPerSession, opts);
                      setValue(`interventions.${i}.groupSize`, p.groupSize, opts);
                      setValue(
                        `interventions.${i}.staffingRatio`,
                        p.groupSize === 1 ? 'one_to_one' : p.groupSize === 2 ? 'two_to_one' : 'small_group',
                        opts,
                      );
                      setValue(`interventions.${i}.deliveredBy`, t(`provisionUi.roles.${p.staffRole}`), opts);
                    }}
                  />
                  <Box sx={grid2}>
                    <FormSelect
                      control={control}
                      name={`interventions.${i}.discipline`}
                      required
                      label={t('ippUi.editor.discipline')}
                      options={disciplineOptions(current)}
                    />
                    <FormSelect
                      control={control}
                      name={`interventions.${i}.staffingRatio`}
                      required
                      label={t('ippUi.editor.staffingRatio')}
                      options={ratioOptions}
                    />
                  </Box>
                  <FormText
                    control={control}
                    name={`interventions.${i}.description`}
                    required
                    multiline
                    minRows={2}
                    label={t('ippUi.editor.description')}
                  />
                  <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr 1fr', md: 'repeat(5, 1fr)' } }}>
                    <FormNumber control={control} name={`interventions.${i}.frequencyCount`} label={t('ippUi.editor.frequencyCount')} />
                    <FormSelect
                      control={control}
                      name={`interventions.${i}.frequencyPeriod`}
                      nullable
                      label={t('ippUi.editor.frequencyPeriod')}
                      options={periodOptions}
                      slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true } }}
                    />
                    <FormNumber control={control} name={`interventions.${i}.sessionMinutes`} label={t('ippUi.editor.sessionMinutes')} />
                    <FormNumber control={control} name={`interventions.${i}.durationWeeks`} label={t('ippUi.editor.durationWeeks')} />
                    <FormNumber control={control} name={`interventions.${i}.groupSize`} label={t('ippUi.editor.groupSize')} />
                  </Box>
                  <FormText
                    control={control}
                    name={`interventions.${i}.deliveredBy`}
                    nullable
                    label={t('ippUi.editor.deliveredBy')}
                    autoComplete="off"
                  />
                  <FormText
                    control={control}
                    name={`interventions.${i}.classroomStrategies`}
                    nullable
                    multiline
                    minRows={2}
                    label={t('ippUi.editor.classroomStrategies')}
                    helperText={t('ippUi.editor.classroomStrategiesHelp')}
                  />
                </Box>
                <Box sx={{ display: 'flex', justifyContent: 'flex-end', mt: 1 }}>
                  <RowTools
                    index={i}
                    count={interventions.fields.length}
                    what={what}
                    removeLabel={t('ippUi.editor.removeIntervention', { n: i + 1 })}
                    canRemove
                    onMove={(to) => interventions.move(i, to)}
                    onRemove={() => interventions.remove(i)}
                  />
                </Box>
              </Box>
            );
          })}
        </Box>
        <Button
          variant="outlined"
          startIcon={<AddOutlined />}
          sx={{ mt: interventions.fields.length ? 2 : 0 }}
          disabled={interventions.fields.length >= 30}
          onClick={() =>
            interventions.append(emptyIntervention(), {
              shouldFocus: true,
              focusName: `interventions.${interventions.fields.length}.description`,
            })
          }
        >
          {t('ippUi.editor.addIntervention')}
        </Button>
      </Section>

      <SaveBar
        saveLabel={ipp ? t('ippUi.editor.saveRevision', { n: nextVersion }) : t('ippUi.editor.save')}
        cancelLabel={t('ippUi.editor.cancel')}
        cancelTo={cancelTo}
        requiredNote={t('ippUi.editor.requiredNote')}
        submitting={formState.isSubmitting}
        onCancel={() => void draft.discard()}
      />
    </form>
  );
}

/** The pupil's EHC plan outcomes (current version of each plan) that a goal may link to. */
async function loadOutcomes(pupilId: string): Promise<Outcome[]> {
  const plans = await call('ehcp.listForPupil', { pupilId });
  const views = await Promise.all(plans.map((p) => call('ehcp.get', { planId: p.id })));
  return views.flatMap((v) => v.content.outcomes.map((o) => ({ id: o.key, description: o.description })));
}

export default function IppEditorPage() {
  const { t } = useTranslation();
  const { pupilId = '', ippId } = useParams();
  usePageTitle(ippId ? t('ippUi.page.revise') : t('ippUi.editor.createTitle'));
  const role = useSessionInfo().user.role;
  const pupil = useQuery({ queryKey: qk('pupils.get', pupilId), queryFn: () => call('pupils.get', { id: pupilId }) });
  const band = useQuery({
    queryKey: qk('bands.history', pupilId),
    queryFn: () => call('bands.history', { pupilId }),
    enabled: canReadBands(role),
  });
  const outcomes = useQuery({
    queryKey: qk('ehcp.listForPupil', pupilId, 'outcomes'),
    queryFn: () => loadOutcomes(pupilId),
    enabled: canReadEhcp(role),
  });
  const ipp = useQuery({
    queryKey: ippQueryKey(ippId ?? '', null),
    queryFn: () => call('ipps.get', { id: ippId as string }),
    enabled: !!ippId,
  });
  // A revision decided at a review (?review=ID): the review is named in a banner and sent with the plan.
  const reviewId = useSearchParams()[0].get('review') || null;
  const review = useQuery({
    queryKey: qk('reviews.get', reviewId ?? ''),
    queryFn: () => call('reviews.get', { id: reviewId as string }),
    enabled: !!reviewId,
  });

  const back = (
    <Link
      component={RouterLink}
      to={ippId ? `/pupils/${pupilId}/ipps/${ippId}` : `/pupils/${pupilId}?tab=plans`}
      sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5 }}
    >
      <ArrowBack fontSize="small" aria-hidden />
      {pupil.data ? t('ippUi.page.back', { name: pupil.data.name }) : t('profile.back')}
    </Link>
  );
  const pending =
    pupil.isPending || (ippId && ipp.isPending) || (canReadBands(role) && band.isPending) || (canReadEhcp(role) && outcomes.isPending);
  if (pending) return <Loading />;
  const error = pupil.error ?? ipp.error ?? band.error;
  if (error || !pupil.data) {
    return (
      <>
        <PageHeader eyebrow={back} title={ippId ? t('ippUi.page.revise') : t('ippUi.editor.createTitle')} />
        <QueryError error={error} />
      </>
    );
  }
  const view = ippId ? (ipp.data ?? null) : null;
  return (
    <Box sx={{ maxWidth: 1000 }}>
      <PageHeader
        eyebrow={back}
        title={view ? t('ippUi.editor.reviseTitle', { title: view.title }) : t('ippUi.editor.createTitle')}
        subtitle={
          view
            ? t('ippUi.editor.reviseIntro', { n: view.currentVersion + 1, current: view.currentVersion })
            : t('ippUi.editor.createIntro', { name: pupil.data.name })
        }
      />
      {reviewId ? (
        <Alert severity="info" sx={{ mb: 2 }} data-testid="review-revision-banner">
          {review.data ? t('reviewsUi.ippLink.banner', { date: formatLongDate(review.data.date) }) : t('reviewsUi.ippLink.bannerNoDate')}
        </Alert>
      ) : null}
      <IppEditor
        key={view ? `${view.id}-${view.currentVersion}` : 'new'}
        reviewId={reviewId}
        pupilId={pupilId}
        pupilName={pupil.data.name}
        ipp={view}
        band={band.data?.current?.band ?? null}
        // An EHC plan the role cannot read, or none: goals simply are not linked.
        outcomes={outcomes.data ?? []}
      />
    </Box>
  );
}
