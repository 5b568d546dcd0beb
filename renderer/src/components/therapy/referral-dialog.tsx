/**
 * Make or edit a referral for therapy (seed policy 5: referrals come from teachers, the SENCo, the Therapy Lead
 * or parents; the local authority refers with a category). Consent is recorded with who gave it and when.
 */
import { useState } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { useFormDraft } from '../../lib/use-form-draft';
import { DraftStatus, useCloseGuard } from '../draft-guard';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { referralInput, type ReferralRecord } from '../../../../shared/contract';
import { CONSENT_STATUSES, LA_CATEGORIES, REFERRER_KINDS } from '../../../../shared/therapy';
import { todayIso } from '../../../../shared/dates';
import { t as translate } from '../../../../shared/i18n';
import { invoke } from '../../api/client';
import { FormDate, FormSelect, FormText } from '../form-fields';
import { applyServerErrors } from '../../lib/server-errors';
import { PupilPicker, type PickedPupil } from './pupil-picker';
import { useDisciplines } from './use-disciplines';

export type ReferralIn = z.input<typeof referralInput>;
type ReferralOut = z.output<typeof referralInput>;

export function newReferral(pupilId: string, referrerName: string): ReferralIn {
  return {
    id: null,
    pupilId,
    referrerKind: 'senco',
    referrerName,
    laCategory: null,
    discipline: '',
    reason: '',
    receivedDate: todayIso(),
    consentStatus: 'pending',
    consentBy: null,
    consentDate: null,
  };
}

export function referralToInput(r: ReferralRecord): ReferralIn {
  return {
    id: r.id,
    pupilId: r.pupilId,
    referrerKind: r.referrerKind,
    referrerName: r.referrerName,
    laCategory: r.laCategory,
    discipline: r.discipline,
    reason: r.reason,
    receivedDate: r.receivedDate,
    consentStatus: r.consentStatus,
    consentBy: r.consentBy,
    consentDate: r.consentDate,
  };
}

const grid2 = { display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' }, alignItems: 'start' } as const;

export function ReferralDialog({
  initial,
  pupil,
  onClose,
}: {
  readonly initial: ReferralIn;
  /** The pupil when the dialog opens from their profile or from an existing referral; null to choose one. */
  readonly pupil: PickedPupil | null;
  readonly onClose: (saved: ReferralRecord | null) => void;
}) {
  const { t } = useTranslation();
  const disciplines = useDisciplines();
  const [picked, setPicked] = useState<PickedPupil | null>(pupil);
  const [summary, setSummary] = useState<string | null>(null);
  const form = useForm<ReferralIn, unknown, ReferralOut>({
    resolver: zodResolver(referralInput),
    defaultValues: initial,
    mode: 'onTouched',
  });
  const { control, handleSubmit, setError, setValue, getValues, reset, formState } = form;
  // Kept as a draft until saved (issue 17, item 3), when the pupil is known as the dialog opens (the draft is theirs).
  const draft = useFormDraft(form, {
    draftKey: pupil ? `referrals.form:${initial.id ?? `new-${pupil.id}`}` : null,
    pupilId: pupil?.id ?? null,
    enabled: pupil !== null,
  });
  const guard = useCloseGuard({
    draft,
    onClose: () => onClose(null),
    title: initial.id ? t('therapyUi.referralForm.editTitle') : t('therapyUi.referralForm.newTitle'),
  });
  const referrerKind = useWatch({ control, name: 'referrerKind' });
  const consentStatus = useWatch({ control, name: 'consentStatus' });

  const onSubmit = handleSubmit(
    async (values) => {
      setSummary(null);
      // Consent still pending: who and when do not apply (the fields are hidden), so nothing stale is kept.
      const input = values.consentStatus === 'pending' ? { ...values, consentBy: null, consentDate: null } : values;
      const result = await invoke('referrals.save', input);
      if (result.ok) {
        void draft.saved();
        onClose(result.value);
        return;
      }
      const current = getValues();
      setSummary(applyServerErrors(result.error, current, setError, t('errors.invalidInput')));
    },
    () => setSummary(t('errors.invalidInput')),
  );

  const title = initial.id ? t('therapyUi.referralForm.editTitle') : t('therapyUi.referralForm.newTitle');
  return (
    <Dialog open onClose={guard.requestClose} fullWidth maxWidth="md" aria-labelledby="referral-dialog-title">
      <form onSubmit={(e) => void onSubmit(e)} noValidate aria-labelledby="referral-dialog-title">
        <DialogTitle id="referral-dialog-title">{title}</DialogTitle>
        <DialogContent>
          <Box sx={{ display: 'grid', gap: 2.5, pt: 1 }}>
            <DraftStatus draft={draft} onDiscard={() => void draft.discard().then(() => reset())} />
            {summary ? (
              <Alert severity="error" role="alert">
                {summary}
              </Alert>
            ) : null}
            <Box sx={grid2}>
              {pupil ? (
                <TextField
                  label={t('therapyUi.pupilPicker.label')}
                  value={pupil.name}
                  helperText={pupil.detail}
                  slotProps={{ input: { readOnly: true } }}
                />
              ) : (
                <Controller
                  control={control}
                  name="pupilId"
                  render={({ field, fieldState }) => (
                    <PupilPicker
                      value={picked}
                      onChange={(p) => {
                        setPicked(p);
                        field.onChange(p?.id ?? '');
                      }}
                      onBlur={field.onBlur}
                      inputRef={field.ref}
                      error={fieldState.error ? t('therapyUi.pupilPicker.required') : null}
                    />
                  )}
                />
              )}
              <FormSelect
                control={control}
                name="discipline"
                label={t('therapyUi.fields.discipline')}
                required
                options={disciplines.options(initial.discipline)}
              />
            </Box>
            <FormText
              control={control}
              name="reason"
              label={t('therapyUi.referralForm.reason')}
              helperText={t('therapyUi.referralForm.reasonHelp')}
              required
              multiline
              minRows={3}
            />

            <Box component="fieldset" sx={{ border: 0, p: 0, m: 0, display: 'grid', gap: 2 }}>
              <Typography component="legend" variant="h3" sx={{ mb: 1.5 }}>
                {t('therapyUi.referralForm.whoReferred')}
              </Typography>
              <Box sx={grid2}>
                <Controller
                  control={control}
                  name="referrerKind"
                  render={({ field, fieldState }) => (
                    <TextField
                      select
                      required
                      label={t('therapyUi.fields.referrerKind')}
                      name={field.name}
                      inputRef={field.ref}
                      value={field.value ?? ''}
                      onBlur={field.onBlur}
                      onChange={(e) => {
                        field.onChange(e.target.value);
                        // Only a local authority referral has a category: clear it when the referrer changes.
                        if (e.target.value !== 'local_authority') setValue('laCategory', null);
                      }}
                      error={!!fieldState.error}
                      helperText={fieldState.error?.message}
                    >
                      {REFERRER_KINDS.map((k) => (
                        <MenuItem key={k} value={k}>
                          {t(`therapyUi.referrerKinds.${k}`)}
                        </MenuItem>
                      ))}
                    </TextField>
                  )}
                />
                <FormText control={control} name="referrerName" label={t('therapyUi.fields.referrerName')} required autoComplete="off" />
                {referrerKind === 'local_authority' ? (
                  <FormSelect
                    control={control}
                    name="laCategory"
                    nullable
                    required
                    label={t('therapyUi.fields.laCategory')}
                    helperText={t('therapyUi.referralForm.laCategoryHelp')}
                    options={LA_CATEGORIES.map((c) => ({ value: c, label: translate(`therapyUi.laCategories.${c}`) }))}
                  />
                ) : null}
                <FormDate
                  control={control}
                  name="receivedDate"
                  label={t('therapyUi.fields.receivedDate')}
                  required
                  helperText={t('therapyUi.referralForm.receivedHelp')}
                />
              </Box>
            </Box>

            <Box component="fieldset" sx={{ border: 0, p: 0, m: 0 }}>
              <Typography component="legend" variant="h3" sx={{ mb: 0.5 }}>
                {t('therapyUi.referralForm.consent')}
              </Typography>
              <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
                {t('therapyUi.referralForm.consentIntro')}
              </Typography>
              <Box sx={{ ...grid2, gridTemplateColumns: { xs: '1fr', md: '1fr 1fr 1fr' } }}>
                <FormSelect
                  control={control}
                  name="consentStatus"
                  required
                  label={t('therapyUi.fields.consentStatus')}
                  options={CONSENT_STATUSES.map((c) => ({ value: c, label: translate(`therapyUi.consent.status.${c}`) }))}
                />
                {consentStatus !== 'pending' ? (
                  <>
                    <FormText
                      control={control}
                      name="consentBy"
                      nullable
                      required
                      label={t('therapyUi.fields.consentBy')}
                      helperText={t('therapyUi.referralForm.consentByHelp')}
                      autoComplete="off"
                    />
                    <FormDate control={control} name="consentDate" required label={t('therapyUi.fields.consentDate')} />
                  </>
                ) : null}
              </Box>
            </Box>
          </Box>
        </DialogContent>
        <DialogActions sx={{ px: 3, pb: 2 }}>
          <Button onClick={guard.requestClose}>{t('therapyUi.cancel')}</Button>
          <Button type="submit" variant="contained" disabled={formState.isSubmitting}>
            {initial.id ? t('therapyUi.referralForm.saveChanges') : t('therapyUi.referralForm.save')}
          </Button>
        </DialogActions>
      </form>
      {guard.question}
    </Dialog>
  );
}
