/**
 * Provider placements (alternative provision commissioned by a local authority): up to two school terms from
 * the start date by the school's term dates, a midpoint review, an extension that may be requested and approved,
 * and a closure plan that moves the pupil gradually to timetabled, curriculum-based learning.
 */
import { useState, type ReactNode } from 'react';
import { Controller, useForm, useWatch, type Control } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { Link as RouterLink } from 'react-router-dom';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Link from '@mui/material/Link';
import InputAdornment from '@mui/material/InputAdornment';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import EditOutlined from '@mui/icons-material/EditOutlined';
import { placementInput, type PlacementRecord, type PupilProfile } from '../../../../shared/contract';
import { formatLongDate, isIsoDate } from '../../../../shared/dates';
import { LA_CATEGORIES, PLACEMENT_EXTENSION } from '../../../../shared/therapy';
import { formatPence, parsePounds } from '../../../../shared/money';
import { t as translate } from '../../../../shared/i18n';
import { call, invoke } from '../../api/client';
import { useSessionInfo } from '../../auth/auth';
import { FormDate, FormSelect, FormText } from '../form-fields';
import { applyServerErrors } from '../../lib/server-errors';
import { useDebounced } from '../../lib/use-debounced';
import { Facts } from './ipp-document';
import { useFormDraft } from '../../lib/use-form-draft';
import { DraftStatus, useCloseGuard } from '../draft-guard';
import { qk } from '../../lib/query-keys';

type In = z.input<typeof placementInput>;
type Out = z.output<typeof placementInput>;

/**
 * The contract's schema, sending the new end date and the funding only while the extension is approved: they are
 * hidden otherwise, and kept in the form in case the status is switched back.
 */
const placementForm = z.preprocess((v) => {
  const x = v as In;
  return x && x.extensionStatus !== 'approved'
    ? {
        ...x,
        extensionEndDate: null,
        extensionFundingSource: null,
        extensionFundingPence: null,
        extensionFundingApprovedBy: null,
        extensionFundingApprovedDate: null,
      }
    : x;
}, placementInput) as unknown as typeof placementInput;

function toValues(p: PlacementRecord | null, pupil: PupilProfile, localAuthority: string): In {
  if (p) {
    return {
      id: p.id,
      pupilId: p.pupilId,
      commissioningLa: p.commissioningLa,
      laCategory: p.laCategory,
      homeSchoolName: p.homeSchoolName,
      homeSchoolUrn: p.homeSchoolUrn,
      startDate: p.startDate,
      staffingRatio: p.staffingRatio,
      extensionStatus: p.extensionStatus,
      extensionRequestedDate: p.extensionRequestedDate,
      extensionEndDate: p.extensionEndDate,
      extensionFundingSource: p.extensionFundingSource,
      extensionFundingPence: p.extensionFundingPence,
      extensionFundingApprovedBy: p.extensionFundingApprovedBy,
      extensionFundingApprovedDate: p.extensionFundingApprovedDate,
      closurePlan: p.closurePlan,
      closedDate: p.closedDate,
    };
  }
  return {
    id: null,
    pupilId: pupil.id,
    commissioningLa: localAuthority,
    laCategory: undefined as unknown as 'inclusion',
    homeSchoolName: pupil.homeSchoolName ?? '',
    homeSchoolUrn: pupil.homeSchoolUrn,
    startDate: '',
    staffingRatio: 'one_to_one',
    extensionStatus: 'none',
    extensionRequestedDate: null,
    extensionEndDate: null,
    extensionFundingSource: null,
    extensionFundingPence: null,
    extensionFundingApprovedBy: null,
    extensionFundingApprovedDate: null,
    closurePlan: null,
    closedDate: null,
  };
}

/**
 * An amount typed in pounds and pence, held in the form as whole pence (shared/money.ts). What is typed stays as it
 * is while it is typed; text that is not an amount is kept as text, so the contract's message shows beside the field.
 */
function PoundsField({
  control,
  name,
  label,
  helperText,
  required,
}: {
  readonly control: Control<In>;
  readonly name: 'extensionFundingPence';
  readonly label: string;
  readonly helperText: string;
  readonly required?: boolean;
}) {
  return (
    <Controller
      control={control}
      name={name}
      render={({ field, fieldState }) => (
        <PoundsInput field={field} error={fieldState.error?.message} label={label} helperText={helperText} required={required} />
      )}
    />
  );
}

function PoundsInput({
  field,
  error,
  label,
  helperText,
  required,
}: {
  readonly field: {
    readonly value: unknown;
    readonly onChange: (v: unknown) => void;
    readonly onBlur: () => void;
    readonly name: string;
    readonly ref: (el: HTMLInputElement | null) => void;
  };
  readonly error: string | undefined;
  readonly label: string;
  readonly helperText: string;
  readonly required?: boolean | undefined;
}) {
  const [text, setText] = useState(() =>
    typeof field.value === 'number' ? formatPence(field.value).slice(1) : typeof field.value === 'string' ? field.value : '',
  );
  return (
    <TextField
      inputRef={field.ref}
      name={field.name}
      label={label}
      required={required}
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        const raw = e.target.value.trim();
        field.onChange(raw === '' ? null : (parsePounds(raw) ?? raw));
      }}
      onBlur={() => {
        // Once the field is left, a valid amount is shown as it will be saved: 4250.5 reads 4,250.50.
        if (typeof field.value === 'number') setText(formatPence(field.value).slice(1));
        field.onBlur();
      }}
      error={!!error}
      helperText={error ?? helperText}
      slotProps={{
        htmlInput: { inputMode: 'decimal', maxLength: 20 },
        input: { startAdornment: <InputAdornment position="start">£</InputAdornment> },
      }}
    />
  );
}

/** "£4,250.00 from Exampleshire high-needs fund, approved by Jo Example (SEND manager) on 3 March 2027", or null. */
export function fundingSummary(
  p: Pick<
    PlacementRecord,
    'extensionFundingSource' | 'extensionFundingPence' | 'extensionFundingApprovedBy' | 'extensionFundingApprovedDate'
  >,
): string | null {
  if (p.extensionFundingPence === null || !p.extensionFundingSource || !p.extensionFundingApprovedBy || !p.extensionFundingApprovedDate)
    return null;
  return translate('therapyRules.funding.summary', {
    amount: formatPence(p.extensionFundingPence),
    source: p.extensionFundingSource,
    by: p.extensionFundingApprovedBy,
    date: p.extensionFundingApprovedDate,
  });
}

/** The planned end and midpoint, read-only, computed by the core from the school's term dates as the start is picked. */
function Preview({ control }: { readonly control: Control<In> }) {
  const { t } = useTranslation();
  const start = useDebounced(useWatch({ control, name: 'startDate' }), 250);
  const valid = typeof start === 'string' && isIsoDate(start);
  const preview = useQuery({
    queryKey: qk('placements.preview', start),
    queryFn: () => call('placements.preview', { startDate: start }),
    enabled: valid,
  });
  return (
    <Box
      aria-live="polite"
      data-testid="placement-preview"
      sx={{ border: 1, borderColor: 'divider', borderRadius: 1, p: 1.5, bgcolor: 'grey.50' }}
    >
      <Typography variant="body2" color="text.secondary" sx={{ mb: 0.5 }}>
        {t('ippUi.placements.preview')}
      </Typography>
      {!valid || !preview.data ? (
        <Typography color="text.secondary">{t('ippUi.placements.previewPending')}</Typography>
      ) : (
        <>
          <Typography>
            <strong>{t('ippUi.placements.plannedEnd')}:</strong>{' '}
            {t('ippUi.placements.plannedEndValue', { date: formatLongDate(preview.data.plannedEndDate) })}
          </Typography>
          <Typography>
            <strong>{t('ippUi.placements.midpoint')}:</strong> {formatLongDate(preview.data.midpointDate)}
          </Typography>
          {preview.data.calendarGap ? (
            <Alert severity="warning" sx={{ mt: 1 }}>
              {t('ippUi.placements.calendarGap')}{' '}
              <Link component={RouterLink} to="/settings?tab=terms">
                {t('ippUi.placements.enterTerms')}
              </Link>
            </Alert>
          ) : null}
        </>
      )}
    </Box>
  );
}

export function PlacementDialog({
  placement,
  pupil,
  onClose,
}: {
  readonly placement: PlacementRecord | null;
  readonly pupil: PupilProfile;
  readonly onClose: (saved: boolean) => void;
}) {
  const { t } = useTranslation();
  const info = useSessionInfo();
  const [summary, setSummary] = useState<string | null>(null);
  const form = useForm<In, unknown, Out>({
    resolver: zodResolver(placementForm),
    defaultValues: toValues(placement, pupil, info.school.localAuthority),
    mode: 'onTouched',
  });
  const { control, handleSubmit, setError, getValues, reset, formState } = form;
  const title = placement ? t('ippUi.placements.editNamed', { date: formatLongDate(placement.startDate) }) : t('ippUi.placements.add');
  // Kept as a draft until saved (issue 17, item 3); closing with changes asks first.
  const draft = useFormDraft(form, { draftKey: `placements.form:${placement?.id ?? `new-${pupil.id}`}`, pupilId: pupil.id });
  const guard = useCloseGuard({ draft, onClose: () => onClose(false), title });
  const status = useWatch({ control, name: 'extensionStatus' });

  const onSubmit = handleSubmit(
    async (values) => {
      setSummary(null);
      const result = await invoke('placements.save', values);
      if (result.ok) {
        void draft.saved();
        onClose(true);
        return;
      }
      setSummary(applyServerErrors(result.error, getValues(), setError, t('errors.invalidInput')));
    },
    () => setSummary(t('errors.invalidInput')),
  );

  return (
    <Dialog open onClose={guard.requestClose} maxWidth="md" fullWidth aria-labelledby="placement-dialog-title">
      <form onSubmit={(e) => void onSubmit(e)} noValidate>
        <DialogTitle id="placement-dialog-title">{title}</DialogTitle>
        <DialogContent dividers>
          <DraftStatus draft={draft} onDiscard={() => void draft.discard().then(() => reset())} />
          {summary ? (
            <Alert severity="error" role="alert" sx={{ mb: 2 }}>
              {summary}
            </Alert>
          ) : null}
          <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' } }}>
            <FormText control={control} name="commissioningLa" required label={t('ippUi.placements.commissioningLa')} autoComplete="off" />
            <FormSelect
              control={control}
              name="laCategory"
              required
              label={t('ippUi.placements.laCategory')}
              options={LA_CATEGORIES.map((c) => ({ value: c, label: t(`ippUi.placements.categories.${c}`) }))}
            />
            <FormText control={control} name="homeSchoolName" required label={t('ippUi.placements.homeSchoolName')} autoComplete="off" />
            <FormText
              control={control}
              name="homeSchoolUrn"
              nullable
              label={t('ippUi.placements.homeSchoolUrn')}
              helperText={t('setup.urnHelp')}
              inputMode="numeric"
              autoComplete="off"
            />
            <FormDate control={control} name="startDate" required label={t('ippUi.placements.startDate')} />
            <FormSelect
              control={control}
              name="staffingRatio"
              required
              label={t('ippUi.placements.staffingRatio')}
              options={(['one_to_one', 'two_to_one'] as const).map((r) => ({ value: r, label: t(`ippUi.placements.ratios.${r}`) }))}
            />
            <Box sx={{ gridColumn: '1 / -1' }}>
              <Preview control={control} />
            </Box>
            <FormSelect
              control={control}
              name="extensionStatus"
              required
              label={t('ippUi.placements.extensionStatus')}
              options={PLACEMENT_EXTENSION.map((s) => ({ value: s, label: t(`ippUi.placements.extensionStatuses.${s}`) }))}
            />
            {status !== 'none' ? (
              <FormDate control={control} name="extensionRequestedDate" required label={t('ippUi.placements.extensionRequestedDate')} />
            ) : (
              <Box />
            )}
            {status === 'approved' ? (
              <FormDate
                control={control}
                name="extensionEndDate"
                required
                label={t('ippUi.placements.extensionEndDate')}
                helperText={t('ippUi.placements.extensionEndHelp')}
              />
            ) : null}
            {status === 'approved' ? (
              <Box
                component="fieldset"
                data-testid="extension-funding"
                sx={{ gridColumn: '1 / -1', border: 1, borderColor: 'divider', borderRadius: 1, p: 2, m: 0 }}
              >
                <Box component="legend" sx={{ px: 0.5, fontWeight: 600 }}>
                  {t('therapyRules.funding.title')}
                </Box>
                <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>
                  {t('therapyRules.funding.intro')}
                </Typography>
                <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' } }}>
                  <FormText
                    control={control}
                    name="extensionFundingSource"
                    nullable
                    required
                    label={t('therapyRules.funding.source')}
                    helperText={t('therapyRules.funding.sourceHelp')}
                    autoComplete="off"
                  />
                  <PoundsField
                    control={control}
                    name="extensionFundingPence"
                    required
                    label={t('therapyRules.funding.amount')}
                    helperText={t('therapyRules.funding.amountHelp')}
                  />
                  <FormText
                    control={control}
                    name="extensionFundingApprovedBy"
                    nullable
                    required
                    label={t('therapyRules.funding.approvedBy')}
                    helperText={t('therapyRules.funding.approvedByHelp')}
                    autoComplete="off"
                  />
                  <FormDate control={control} name="extensionFundingApprovedDate" required label={t('therapyRules.funding.approvedDate')} />
                </Box>
              </Box>
            ) : null}
            <Box sx={{ gridColumn: '1 / -1' }}>
              <FormText
                control={control}
                name="closurePlan"
                nullable
                multiline
                minRows={3}
                label={t('ippUi.placements.closurePlan')}
                helperText={t('ippUi.placements.closurePlanHelp')}
              />
            </Box>
            <FormDate
              control={control}
              name="closedDate"
              label={t('ippUi.placements.closedDate')}
              helperText={t('ippUi.placements.closedDateHelp')}
            />
          </Box>
        </DialogContent>
        <DialogActions sx={{ px: 3, py: 2 }}>
          <Button onClick={guard.requestClose}>{t('ippUi.placements.cancel')}</Button>
          <Button type="submit" variant="contained" disabled={formState.isSubmitting}>
            {t('ippUi.placements.save')}
          </Button>
        </DialogActions>
      </form>
      {guard.question}
    </Dialog>
  );
}

function extensionText(p: PlacementRecord, t: TFunction): string {
  if (p.extensionStatus === 'approved' && p.extensionEndDate)
    return t('ippUi.placements.extensionApproved', { date: formatLongDate(p.extensionEndDate) });
  if (p.extensionStatus === 'none') return t('ippUi.placements.extensionStatuses.none');
  return `${t(`ippUi.placements.extensionStatuses.${p.extensionStatus}`)} · ${t('ippUi.placements.extensionRequested', { date: formatLongDate(p.extensionRequestedDate) })}`;
}

export function PlacementSummary({
  placement,
  canEdit,
  onEdit,
}: {
  readonly placement: PlacementRecord;
  readonly canEdit: boolean;
  readonly onEdit: () => void;
}) {
  const { t } = useTranslation();
  const p = placement;
  const extension = extensionText(p, t);
  return (
    <Box data-testid="placement" sx={{ border: 1, borderColor: 'divider', borderRadius: 1, p: 2 }}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, mb: 1.5, flexWrap: 'wrap' }}>
        <Typography sx={{ fontWeight: 600, flex: 1 }}>
          {p.commissioningLa} · {t(`ippUi.placements.categories.${p.laCategory}`)}
        </Typography>
        <Chip
          size="small"
          variant={p.closedDate ? 'outlined' : 'filled'}
          color={p.closedDate ? 'default' : 'primary'}
          label={p.closedDate ? t('ippUi.placements.closed', { date: formatLongDate(p.closedDate) }) : t('ippUi.placements.active')}
        />
        {canEdit ? (
          <Button
            size="small"
            startIcon={<EditOutlined />}
            onClick={onEdit}
            aria-label={t('ippUi.placements.editNamed', { date: formatLongDate(p.startDate) })}
          >
            {t('ippUi.placements.edit')}
          </Button>
        ) : null}
      </Box>
      <Facts
        print={false}
        rows={[
          [
            t('ippUi.placements.homeSchool'),
            p.homeSchoolUrn ? t('ippUi.placements.homeSchoolWithUrn', { name: p.homeSchoolName, urn: p.homeSchoolUrn }) : p.homeSchoolName,
          ],
          [t('ippUi.placements.startDate'), formatLongDate(p.startDate)],
          [t('ippUi.placements.midpoint'), formatLongDate(p.midpointDate)],
          [t('ippUi.placements.plannedEnd'), t('ippUi.placements.plannedEndValue', { date: formatLongDate(p.plannedEndDate) })],
          [t('ippUi.placements.staffingRatio'), t(`ippUi.placements.ratios.${p.staffingRatio}`)],
          [t('ippUi.placements.extension'), extension],
          ...(p.extensionStatus === 'approved'
            ? [
                [
                  t('therapyRules.funding.title'),
                  fundingSummary(p) ?? (
                    <Typography component="span" color="error">
                      {t('therapyRules.funding.none')}
                    </Typography>
                  ),
                ] as [string, ReactNode],
              ]
            : []),
          [
            t('ippUi.placements.closurePlan'),
            p.closurePlan ?? (
              <Typography component="span" color="text.secondary">
                {t('ippUi.placements.noClosurePlan')}
              </Typography>
            ),
          ],
        ]}
      />
      {p.calendarGap ? (
        <Alert severity="warning" sx={{ mt: 1.5 }}>
          {t('ippUi.placements.calendarGap')}{' '}
          <Link component={RouterLink} to="/settings?tab=terms">
            {t('ippUi.placements.enterTerms')}
          </Link>
        </Alert>
      ) : null}
    </Box>
  );
}

/**
 * The placement a provider midpoint review is about: its midpoint, planned end, extension and, once an extension is
 * agreed, its funding (second seed: the midpoint review decides whether to recommend an extension, which needs
 * funding). Shown on the review form and on the saved review.
 */
export function MidpointPlacementFacts({ placement }: { readonly placement: PlacementRecord }) {
  const { t } = useTranslation();
  const p = placement;
  return (
    <Box data-testid="midpoint-placement" sx={{ border: 1, borderColor: 'divider', borderRadius: 1, p: 1.5, bgcolor: 'grey.50' }}>
      <Facts
        print={false}
        rows={[
          [t('ippUi.placements.midpoint'), formatLongDate(p.midpointDate)],
          [t('ippUi.placements.plannedEnd'), t('ippUi.placements.plannedEndValue', { date: formatLongDate(p.plannedEndDate) })],
          [t('ippUi.placements.extension'), extensionText(p, t)],
          [
            t('therapyRules.funding.title'),
            p.extensionStatus === 'approved' ? (
              (fundingSummary(p) ?? (
                <Typography component="span" color="error">
                  {t('therapyRules.funding.none')}
                </Typography>
              ))
            ) : (
              <Typography component="span" color="text.secondary">
                {t('therapyRules.funding.noExtension')}
              </Typography>
            ),
          ],
        ]}
      />
    </Box>
  );
}
