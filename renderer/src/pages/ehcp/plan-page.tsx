/**
 * An EHC plan: header (pupil, local authority, status, dates, coordinator, version), annual reviews, and the saved
 * version as a document to read; the SENCo's "Edit plan" (current version) opens the editor (`?edit=1`, so a new plan
 * goes on being edited after it is created, and a link can open the editor). The golden thread is
 * checked live as the SENCo types. A change to a final plan is saved as an amendment: a new version, the old one
 * kept. "Print this version" prints exactly what was saved.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { FormProvider, useFieldArray, useForm, useFormContext, useWatch } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useLocation, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Link from '@mui/material/Link';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Snackbar from '@mui/material/Snackbar';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import ArrowBack from '@mui/icons-material/ArrowBack';
import EditOutlined from '@mui/icons-material/EditOutlined';
import PrintOutlined from '@mui/icons-material/PrintOutlined';
import { planCreateInput, type PlanView } from '../../../../shared/contract';
import { PLAN_STATUSES } from '../../../../shared/ehcp';
import { formatLongDate } from '../../../../shared/dates';
import { t as translate } from '../../../../shared/i18n';
import { call, invoke } from '../../api/client';
import { useSessionInfo } from '../../auth/auth';
import { FormDate, FormSelect, FormText } from '../../components/form-fields';
import { PageHeader } from '../../components/page-header';
import { Loading, QueryError } from '../../components/status';
import { AmendmentDialog, type Amendment } from '../../components/ehcp/amendment-dialog';
import { EditorActionsContext, type EditorActions } from '../../components/ehcp/editor-context';
import { GoldenThreadPanel } from '../../components/ehcp/golden-thread-panel';
import { PlanDocument } from '../../components/ehcp/plan-document';
import { PlanPrint } from '../../components/ehcp/plan-print';
import {
  AdviceSection,
  BudgetSection,
  ItemsSection,
  NeedsSection,
  OutcomesSection,
  PlacementSection,
  ProvisionSection,
  SectionA,
  SectionCard,
} from '../../components/ehcp/plan-sections';
import { PlanStatusChip } from '../../components/ehcp/plan-status-chip';
import { ReviewsCard } from '../../components/ehcp/reviews-card';
import { TransferCard } from '../../components/ehcp/transfer-card';
import { useOwners } from '../../components/ehcp/use-owners';
import {
  contentChanged,
  newPlanForm,
  rowDomId,
  threadProblems,
  viewToForm,
  type ContentIn,
  type PlanFormIn,
  type PlanFormOut,
  type ThreadProblem,
} from '../../components/ehcp/plan-model';
import { hasPath, splitServerErrors } from '../../lib/server-errors';
import { usePageTitle } from '../../lib/use-page-title';
import { useDraft } from '../../lib/use-draft';
import { DraftStatus } from '../../components/draft-guard';
import { planPath } from './ehcp-tab';
import { qk } from '../../lib/query-keys';

type Saved = { readonly kind: 'created' | 'saved' } | { readonly kind: 'amended'; readonly n: number; readonly previous: number };

const layout = {
  display: 'grid',
  gap: 2,
  gridTemplateColumns: { xs: 'minmax(0, 1fr)', lg: 'minmax(0, 1fr) 340px' },
  alignItems: 'start',
} as const;
const aside = {
  order: { xs: -1, lg: 0 },
  position: { lg: 'sticky' },
  top: { lg: 88 },
  maxHeight: { lg: 'calc(100vh - 104px)' },
  overflowY: { lg: 'auto' },
} as const;

function versionLabel(v: PlanView['plan']['versions'][number], current: number): string {
  const label = translate('ehcpUi.plan.versionOption', {
    n: v.number,
    kind: translate(`ehcpUi.plan.kinds.${v.kind}`),
    date: formatLongDate(v.effectiveDate),
  });
  return v.number === current ? translate('ehcpUi.plan.versionCurrent', { label }) : label;
}

function LiveThread({ onGo }: { readonly onGo: (p: ThreadProblem) => void }) {
  const { control } = useFormContext<PlanFormIn>();
  const [needs, outcomes, provision] = useWatch({ control, name: ['content.needs', 'content.outcomes', 'content.provision'] });
  const problems = useMemo(
    () => threadProblems({ needs: needs ?? [], outcomes: outcomes ?? [], provision: provision ?? [] }),
    [needs, outcomes, provision],
  );
  const hasRows = (needs?.length ?? 0) + (outcomes?.length ?? 0) + (provision?.length ?? 0) > 0;
  return <GoldenThreadPanel problems={problems} hasRows={hasRows} onGo={onGo} />;
}

function DetailsSection({ ownerOptions }: { readonly ownerOptions: ReadonlyArray<{ value: string; label: string }> }) {
  const { t } = useTranslation();
  const { control, trigger, getFieldState, getValues } = useFormContext<PlanFormIn>();
  const [status, draftDate, issuedDate, ceasedDate, ceasedReason] = useWatch({
    control,
    name: ['status', 'draftDate', 'issuedDate', 'ceasedDate', 'ceasedReason'],
  });
  // The dates are checked against each other: re-check the ones already filled in or visited as any of them changes.
  useEffect(() => {
    const names = (['draftDate', 'issuedDate', 'ceasedDate'] as const).filter((n) => getFieldState(n).isTouched || !!getValues(n));
    if (names.length) void trigger(names);
  }, [status, draftDate, issuedDate, ceasedDate, trigger, getFieldState, getValues]);
  const statusOptions = PLAN_STATUSES.map((s) => ({ value: s, label: t(`ehcpUi.statusLong.${s}`) }));
  return (
    <SectionCard id="ehcp-section-details" title={t('ehcpUi.sections.details')} intro={t('ehcpUi.intros.details')}>
      <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' }, alignItems: 'start' }}>
        <FormText control={control} name="localAuthority" label={t('ehcpUi.fields.localAuthority')} required />
        <FormSelect
          control={control}
          name="ownerId"
          nullable
          label={t('ehcpUi.fields.owner')}
          helperText={t('ehcpUi.fields.ownerHelp')}
          options={ownerOptions}
        />
        <FormSelect control={control} name="status" label={t('ehcpUi.fields.status')} required options={statusOptions} />
        <Box sx={{ display: { xs: 'none', md: 'block' } }} />
        <FormDate control={control} name="draftDate" label={t('ehcpUi.fields.draftDate')} />
        <FormDate control={control} name="issuedDate" label={t('ehcpUi.fields.issuedDate')} required={status !== 'draft'} />
        {status === 'ceased' || ceasedDate || ceasedReason ? (
          <>
            <FormDate control={control} name="ceasedDate" label={t('ehcpUi.fields.ceasedDate')} required={status === 'ceased'} />
            <FormText control={control} name="ceasedReason" nullable label={t('ehcpUi.fields.ceasedReason')} />
          </>
        ) : null}
      </Box>
    </SectionCard>
  );
}

function PlanEditor({
  view,
  initial,
  ownerOptions,
  onSaved,
  onReload,
}: {
  readonly view: PlanView | null;
  readonly initial: PlanFormIn;
  readonly ownerOptions: ReadonlyArray<{ value: string; label: string }>;
  readonly onSaved: (view: PlanView, saved: Saved) => void;
  readonly onReload: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm<PlanFormIn, unknown, PlanFormOut>({
    // The very schema the core parses with: needs, links and "specific and quantified" are checked the same way.
    resolver: zodResolver(planCreateInput),
    defaultValues: initial,
    // Messages appear once Save is pressed, then follow every change. (Validating as rows are added would mark
    // each new, empty row as wrong before the SENCo has typed anything.)
    mode: 'onSubmit',
    reValidateMode: 'onChange',
  });
  const { control, handleSubmit, setError, getValues, reset, setFocus, formState } = form;
  const items = useFieldArray({ control, name: 'content.items', keyName: 'fieldId' });
  // 'fields': every message sits beside its field, so the summary goes once they are mended.
  const [summary, setSummary] = useState<{ lines: readonly string[]; kind: 'fields' | 'other' | 'conflict' } | null>(null);
  const [pending, setPending] = useState<PlanFormOut | null>(null);
  const [amendErrors, setAmendErrors] = useState<Record<string, string> | null>(null);
  const [removed, setRemoved] = useState<{ snapshot: ContentIn; row: string } | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const status = useWatch({ control, name: 'status' });
  // What the SENCo types is kept as a draft until the plan is saved (issue 17, item 3): leaving the page keeps it.
  const values = useWatch({ control }) as PlanFormIn;
  const draft = useDraft<PlanFormIn>({
    draftKey: view ? `ehcp.plan:${view.plan.id}` : `ehcp.plan:new-${initial.pupilId}`,
    pupilId: initial.pupilId,
    value: values,
    dirty: formState.isDirty,
    restore: (v) => reset(v, { keepDefaultValues: true }),
  });

  const actions = useMemo<EditorActions>(
    () => ({ removed: (snapshot, row) => setRemoved({ snapshot, row }), announce: setAnnouncement }),
    [],
  );

  const showSummary = (lines: readonly string[], kind: 'fields' | 'other' | 'conflict') => {
    setSummary({ lines, kind });
    window.requestAnimationFrame(() => document.getElementById('plan-form-summary')?.focus());
  };

  const save = async (values: PlanFormOut, amendment: Amendment | null, settleAmendment?: () => Promise<void>) => {
    setSummary(null);
    const { pupilId, ...rest } = values;
    const result = view
      ? await invoke('ehcp.update', { ...rest, planId: view.plan.id, baseVersion: view.plan.currentVersion, amendment })
      : await invoke('ehcp.create', { ...rest, pupilId });
    if (result.ok) {
      void draft.saved();
      void settleAmendment?.();
      setPending(null);
      setAmendErrors(null);
      queryClient.setQueryData(qk('ehcp.get', result.value.plan.id, 'current'), result.value);
      const before = view?.plan.currentVersion ?? 1;
      const after = result.value.plan.currentVersion;
      onSaved(
        result.value,
        !view ? { kind: 'created' } : after > before ? { kind: 'amended', n: after, previous: before } : { kind: 'saved' },
      );
      return;
    }
    const fields = result.error.fields ?? {};
    if (view && Object.keys(fields).some((k) => k === 'amendment' || k.startsWith('amendment.'))) {
      // The core saw a change to a final plan: ask for the amendment (again, with its messages).
      setPending(values);
      setAmendErrors(fields);
      return;
    }
    setPending(null);
    if (result.error.code === 'conflict') {
      showSummary([result.error.message], 'conflict');
      return;
    }
    const current = getValues();
    const split = splitServerErrors(result.error, (p) => hasPath(current, p));
    for (const [path, message] of split.fields) setError(path as keyof PlanFormIn, { type: 'server', message });
    showSummary(
      split.fields.length > 0 ? [t('errors.invalidInput'), ...split.other] : [result.error.message, ...split.other],
      split.fields.length > 0 && split.other.length === 0 ? 'fields' : 'other',
    );
  };

  const onSubmit = handleSubmit(
    async (values) => {
      if (view && view.plan.status !== 'draft' && contentChanged(values.content, view.content)) {
        setAmendErrors(null);
        setPending(values);
        return;
      }
      await save(values, null);
    },
    () => showSummary([t('errors.invalidInput')], 'fields'),
  );

  const go = useCallback(
    (p: ThreadProblem) => {
      document.getElementById(rowDomId(p.list, p.key))?.scrollIntoView({ block: 'center' });
      setFocus(`content.${p.list}.${p.index}.${p.field}` as never);
    },
    [setFocus],
  );

  const undo = () => {
    if (!removed) return;
    reset({ ...getValues(), content: removed.snapshot }, { keepDefaultValues: true, keepTouched: true });
    setAnnouncement('');
    setRemoved(null);
  };

  const isFinal = view !== null && view.plan.status !== 'draft';
  return (
    <FormProvider {...form}>
      <EditorActionsContext.Provider value={actions}>
        <form onSubmit={(e) => void onSubmit(e)} noValidate aria-label={view ? t('ehcpUi.plan.title') : t('ehcpUi.plan.titleNew')}>
          <Box sx={layout}>
            <Box sx={{ minWidth: 0 }}>
              <DraftStatus draft={draft} onDiscard={() => void draft.discard().then(() => reset(initial))} />
              {summary && (summary.kind !== 'fields' || Object.keys(formState.errors).length > 0) ? (
                <Alert
                  severity="error"
                  role="alert"
                  id="plan-form-summary"
                  tabIndex={-1}
                  sx={{ mb: 2 }}
                  data-testid="form-summary"
                  action={
                    summary.kind === 'conflict' ? (
                      <Button color="inherit" size="small" onClick={onReload}>
                        {t('ehcpUi.plan.reload')}
                      </Button>
                    ) : undefined
                  }
                >
                  {summary.lines.map((m) => (
                    <Box key={m}>{m}</Box>
                  ))}
                </Alert>
              ) : null}
              <DetailsSection ownerOptions={ownerOptions} />
              <SectionA />
              <NeedsSection />
              <ItemsSection section="C" items={items} />
              <ItemsSection section="D" items={items} />
              <OutcomesSection />
              <ProvisionSection />
              <ItemsSection section="G" items={items} />
              <ItemsSection section="H1" items={items} />
              <ItemsSection section="H2" items={items} />
              <PlacementSection />
              <BudgetSection />
              <AdviceSection />
              <Paper
                variant="outlined"
                sx={{
                  p: 2,
                  display: 'flex',
                  gap: 1.5,
                  alignItems: 'center',
                  flexWrap: 'wrap',
                  position: 'sticky',
                  bottom: 0,
                  zIndex: 2,
                  boxShadow: '0 -2px 8px rgba(0,0,0,0.04)',
                }}
              >
                <Button type="submit" variant="contained" size="large" disabled={formState.isSubmitting}>
                  {formState.isSubmitting ? t('ehcpUi.plan.saving') : view ? t('ehcpUi.plan.save') : t('ehcpUi.plan.create')}
                </Button>
                <Button component={RouterLink} to={`/pupils/${initial.pupilId}?tab=ehcp`} size="large" onClick={() => void draft.discard()}>
                  {t('ehcpUi.cancel')}
                </Button>
                <Typography variant="body2" color="text.secondary" sx={{ ml: 'auto', flex: '1 1 240px', textAlign: 'right' }}>
                  {isFinal && status !== 'draft' ? t('ehcpUi.plan.finalNote') : t('ehcpUi.plan.requiredNote')}
                </Typography>
              </Paper>
            </Box>
            <Box component="aside" sx={aside} aria-label={t('ehcpUi.thread.title')}>
              <LiveThread onGo={go} />
            </Box>
          </Box>
        </form>
        <Box aria-live="polite" sx={{ position: 'absolute', width: '1px', height: '1px', overflow: 'hidden', clip: 'rect(0 0 0 0)' }}>
          {announcement}
        </Box>
        <Snackbar
          open={removed !== null}
          autoHideDuration={10000}
          onClose={(_, reason) => {
            if (reason !== 'clickaway') setRemoved(null);
          }}
          message={removed ? t('ehcpUi.rows.removed', { row: removed.row }) : ''}
          action={
            <Button color="inherit" size="small" onClick={undo} sx={{ color: '#ffbf47', fontWeight: 600 }}>
              {t('ehcpUi.rows.undo')}
            </Button>
          }
        />
        {view && pending ? (
          <AmendmentDialog
            open
            planId={view.plan.id}
            pupilId={view.plan.pupilId}
            nextVersion={view.plan.currentVersion + 1}
            currentVersion={view.plan.currentVersion}
            serverErrors={amendErrors}
            onCancel={() => {
              setPending(null);
              setAmendErrors(null);
            }}
            onConfirm={(amendment, settle) => save(pending, amendment, settle)}
          />
        ) : null}
      </EditorActionsContext.Provider>
    </FormProvider>
  );
}

function ReadOnlyPlan({ view, ownerName }: { readonly view: PlanView; readonly ownerName: string | null }) {
  const { t } = useTranslation();
  const problems = useMemo(() => threadProblems(view.content), [view]);
  const hasRows = view.content.needs.length + view.content.outcomes.length + view.content.provision.length > 0;
  return (
    <Box sx={layout}>
      <Box sx={{ minWidth: 0 }}>
        <PlanDocument view={view} variant="screen" ownerName={ownerName} />
      </Box>
      <Box component="aside" sx={aside} aria-label={t('ehcpUi.thread.title')}>
        <GoldenThreadPanel
          problems={problems}
          hasRows={hasRows}
          note={t('ehcpUi.thread.readOnlyNote')}
          onGo={(p) => {
            const el = document.getElementById(rowDomId(p.list, p.key));
            el?.scrollIntoView({ block: 'center' });
            el?.setAttribute('tabindex', '-1');
            el?.focus({ preventScroll: true });
          }}
        />
      </Box>
    </Box>
  );
}

function PlanPage() {
  const { t } = useTranslation();
  usePageTitle(t('ehcpUi.plan.title'));
  const { pupilId = '', planId } = useParams();
  const isNew = !planId;
  const navigate = useNavigate();
  const location = useLocation();
  const info = useSessionInfo();
  const canEdit = info.user.role === 'senco';
  const owners = useOwners(info.user.role);
  const [params, setParams] = useSearchParams();
  const requested = Number(params.get('version')) || undefined;
  const [saved, setSaved] = useState<Saved | null>(() =>
    (location.state as { saved?: string } | null)?.saved === 'created' ? { kind: 'created' } : null,
  );
  const [editorKey, setEditorKey] = useState(0);

  const pupilQuery = useQuery({ queryKey: qk('pupils.get', pupilId), queryFn: () => call('pupils.get', { id: pupilId }) });
  const currentQuery = useQuery({
    queryKey: qk('ehcp.get', planId, 'current'),
    queryFn: () => call('ehcp.get', { planId: planId as string }),
    enabled: !isNew,
  });
  const current = currentQuery.data;
  const wantsOld = requested !== undefined && current !== undefined && requested !== current.plan.currentVersion;
  const oldQuery = useQuery({
    queryKey: qk('ehcp.get', planId, requested),
    queryFn: () => call('ehcp.get', { planId: planId as string, version: requested }),
    enabled: !isNew && wantsOld,
  });

  const back = (
    <Link component={RouterLink} to={`/pupils/${pupilId}?tab=ehcp`} sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5 }}>
      <ArrowBack fontSize="small" aria-hidden />
      {t('ehcpUi.plan.back')}
    </Link>
  );

  if (pupilQuery.isPending || (!isNew && currentQuery.isPending) || (wantsOld && oldQuery.isPending)) return <Loading />;
  const error = pupilQuery.error ?? currentQuery.error ?? oldQuery.error;
  if (error || !pupilQuery.data) {
    return (
      <>
        <PageHeader eyebrow={back} title={t('ehcpUi.plan.title')} />
        <QueryError
          error={error}
          onRetry={() => void (currentQuery.error ? currentQuery.refetch() : oldQuery.error ? oldQuery.refetch() : pupilQuery.refetch())}
        />
      </>
    );
  }
  const pupil = pupilQuery.data;

  if (isNew) {
    if (!canEdit) return <Alert severity="info">{t('ehcpUi.plan.readOnly')}</Alert>;
    return (
      <>
        <PageHeader eyebrow={back} title={t('ehcpUi.plan.headingNew', { name: pupil.name })} subtitle={t('ehcpUi.plan.intro')} />
        <PlanEditor
          view={null}
          initial={newPlanForm(pupil.id, info.school.localAuthority, info.user.id)}
          ownerOptions={owners.options(null)}
          onReload={() => undefined}
          onSaved={(v) => void navigate(`${planPath(pupil.id, v.plan.id)}?edit=1`, { replace: true, state: { saved: 'created' } })}
        />
      </>
    );
  }

  if (!current) return <Loading />;
  if (current.plan.pupilId !== pupilId) return <Alert severity="error">{t('ehcpUi.plan.notFoundPupil')}</Alert>;
  const view = wantsOld && oldQuery.data ? oldQuery.data : current;
  const isCurrent = view.version.number === view.plan.currentVersion;
  // The plan opens for reading; the SENCo edits the current version after pressing "Edit plan".
  const editing = isCurrent && canEdit && params.get('edit') === '1';
  const plan = current.plan;
  const ownerName = owners.nameOf(plan.ownerId);
  const v = view.version;

  const facts = [
    plan.localAuthority,
    plan.issuedDate
      ? t('ehcpUi.plan.issued', { date: formatLongDate(plan.issuedDate) })
      : plan.draftDate
        ? t('ehcpUi.plan.drafted', { date: formatLongDate(plan.draftDate) })
        : null,
    plan.ceasedDate ? t('ehcpUi.plan.ceased', { date: formatLongDate(plan.ceasedDate) }) : null,
  ].filter((f): f is string => !!f);
  const subtitle = (
    <>
      <Box component="span" sx={{ display: 'flex', columnGap: 1.25, rowGap: 0.5, alignItems: 'center', flexWrap: 'wrap' }}>
        <PlanStatusChip status={plan.status} />
        {facts.map((f, i) => (
          <Box component="span" key={f} sx={{ display: 'inline-flex', alignItems: 'center', gap: 1.25, whiteSpace: 'nowrap' }}>
            {i > 0 ? <Box component="span" aria-hidden sx={{ width: '1px', height: '1em', bgcolor: 'divider' }} /> : null}
            {f}
          </Box>
        ))}
      </Box>
      {ownerName ? (
        <Box component="span" sx={{ display: 'block', mt: 0.5, fontSize: '0.9rem' }}>
          {t('ehcpUi.plan.coordinator', { name: ownerName })}
        </Box>
      ) : null}
    </>
  );

  return (
    <>
      <PageHeader
        eyebrow={back}
        title={t('ehcpUi.plan.heading', { name: view.pupilName })}
        subtitle={subtitle}
        actions={
          <>
            <TextField
              select
              size="small"
              label={t('ehcpUi.plan.version')}
              value={String(v.number)}
              onChange={(e) => {
                const n = Number(e.target.value);
                setSaved(null);
                setParams(n === plan.currentVersion ? {} : { version: String(n) }, { replace: false });
              }}
              sx={{ minWidth: 320, bgcolor: 'background.paper' }}
              fullWidth={false}
            >
              {[...plan.versions].reverse().map((ver) => (
                <MenuItem key={ver.number} value={String(ver.number)}>
                  {versionLabel(ver, plan.currentVersion)}
                </MenuItem>
              ))}
            </TextField>
            <Button variant="outlined" startIcon={<PrintOutlined />} onClick={() => window.print()} sx={{ bgcolor: 'background.paper' }}>
              {t('ehcpUi.plan.print')}
            </Button>
            {isCurrent && canEdit ? (
              editing ? (
                <Button variant="outlined" onClick={() => setParams({}, { replace: false })} sx={{ bgcolor: 'background.paper' }}>
                  {t('ehcpUi.plan.stopEditing')}
                </Button>
              ) : (
                <Button variant="contained" startIcon={<EditOutlined />} onClick={() => setParams({ edit: '1' }, { replace: false })}>
                  {t('ehcpUi.plan.edit')}
                </Button>
              )
            ) : null}
          </>
        }
      />
      {saved ? (
        <Alert severity="success" sx={{ mb: 2 }} onClose={() => setSaved(null)} data-testid="plan-saved">
          {saved.kind === 'amended'
            ? t('ehcpUi.plan.amended', { n: saved.n, previous: saved.previous })
            : saved.kind === 'created'
              ? t('ehcpUi.plan.created')
              : t('ehcpUi.plan.saved')}
        </Alert>
      ) : null}
      {!isCurrent ? (
        <Alert
          severity="warning"
          sx={{ mb: 2 }}
          data-testid="old-version-banner"
          action={
            <Button color="inherit" size="small" component={RouterLink} to={planPath(pupilId, plan.id)}>
              {t('ehcpUi.plan.goCurrent')}
            </Button>
          }
        >
          <AlertTitle>{t('ehcpUi.plan.oldVersionTitle')}</AlertTitle>
          {t('ehcpUi.plan.oldVersion', {
            n: v.number,
            kind: t(`ehcpUi.plan.kinds.${v.kind}`),
            date: formatLongDate(v.effectiveDate),
            current: plan.currentVersion,
          })}
        </Alert>
      ) : !canEdit ? (
        <Alert severity="info" sx={{ mb: 2 }}>
          {t('ehcpUi.plan.readOnly')}
        </Alert>
      ) : null}
      <TransferCard pupilId={plan.pupilId} canEdit={canEdit} />
      <ReviewsCard planId={plan.id} pupilId={plan.pupilId} canEdit={canEdit} />
      {editing ? (
        <PlanEditor
          key={`${plan.id}-${plan.currentVersion}-${editorKey}`}
          view={current}
          initial={viewToForm(current)}
          ownerOptions={owners.options(plan.ownerId)}
          onReload={() => {
            void currentQuery.refetch().then(() => setEditorKey((k) => k + 1));
          }}
          onSaved={(_, s) => {
            setSaved(s);
            setEditorKey((k) => k + 1);
            window.scrollTo({ top: 0 });
          }}
        />
      ) : (
        <ReadOnlyPlan view={view} ownerName={ownerName} />
      )}
      <PlanPrint view={view} ownerName={ownerName} />
    </>
  );
}

/** A new plan and each saved plan are separate pages: moving from one to the other starts afresh. */
export default function PlanRoute() {
  const { planId } = useParams();
  return <PlanPage key={planId ?? 'new'} />;
}
