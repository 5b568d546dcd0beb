/**
 * Add or edit a staff member's checks and training (staff.save): the enhanced DBS check (the certificate's number
 * only, never a copy), safeguarding training, first aid, professional registration and a Thrive licence, with the
 * link to their SENCo Desk account. A section whose box is unticked keeps nothing. Messages from the core land
 * beside their fields.
 */
import { useState } from 'react';
import { useForm, useWatch, type Resolver } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import Box from '@mui/material/Box';
import TextField from '@mui/material/TextField';
import { REGISTRATION_BODIES, SAFEGUARDING_LEVELS, staffInput, type StaffRecord } from '../../../../shared/contract';
import { t as translate } from '../../../../shared/i18n';
import { call, invoke } from '../../api/client';
import { useCan } from '../../auth/use-can';
import { FormDate, FormSelect, FormText } from '../form-fields';
import { FormDialog } from '../form-dialog';
import { useFormDraft } from '../../lib/use-form-draft';
import { FIELD_GRID_2, FormFieldset } from '../form-fieldset';
import { applyServerErrors } from '../../lib/server-errors';
import { FormCheck } from './form-check';
import { cleanStaff, type StaffIn } from './staff-model';
import { qk } from '../../lib/query-keys';

type StaffOut = z.output<typeof staffInput>;

const baseResolver = zodResolver(staffInput);
/** The contract's own checks, on what would be saved (unticked sections emptied first). */
const resolver: Resolver<StaffIn, unknown, StaffOut> = (values, context, options) => baseResolver(cleanStaff(values), context, options);

const grid2 = FIELD_GRID_2;
const grid3 = { ...grid2, gridTemplateColumns: { xs: '1fr', md: '1fr 1fr 1fr' } } as const;

export function StaffDialog({ initial, onClose }: { readonly initial: StaffIn; readonly onClose: (saved: StaffRecord | null) => void }) {
  const { t } = useTranslation();
  const canListUsers = useCan('users.list');
  const users = useQuery({ queryKey: qk('users.list'), queryFn: () => call('users.list', {}), enabled: canListUsers });
  const [summary, setSummary] = useState<string | null>(null);
  const form = useForm<StaffIn, unknown, StaffOut>({
    resolver,
    defaultValues: initial,
    mode: 'onTouched',
  });
  const { control, handleSubmit, setError, getValues, reset, formState } = form;
  // Kept as a draft until saved (issue 17, item 3).
  const draft = useFormDraft(form, { draftKey: `staff.member:${initial.id ?? 'new'}`, pupilId: null });
  const [updateService, firstAid, registration, thrive] = useWatch({
    control,
    name: ['dbsUpdateService', 'firstAidRequired', 'registrationRequired', 'thriveRequired'],
  });

  const onSubmit = handleSubmit(
    async (values) => {
      setSummary(null);
      const result = await invoke('staff.save', values);
      if (result.ok) {
        void draft.saved();
        onClose(result.value);
        return;
      }
      setSummary(applyServerErrors(result.error, getValues(), setError, t('errors.invalidInput')));
    },
    () => setSummary(t('errors.invalidInput')),
  );

  const accountOptions = [
    { value: '', label: translate('staffUi.form.noAccount') },
    ...(users.data ?? [])
      .filter((u) => u.active || u.id === initial.userId)
      .map((u) => ({ value: u.id, label: `${u.displayName} (${translate(`roles.${u.role}`)})` })),
  ];
  const title = initial.id ? t('staffUi.form.editTitle', { name: initial.name }) : t('staffUi.form.newTitle');

  return (
    <FormDialog
      titleId="staff-dialog-title"
      title={title}
      intro={t('staffUi.form.intro')}
      maxWidth="md"
      gap={3}
      summary={summary}
      errors={formState.errors}
      onSubmit={onSubmit}
      onCancel={() => onClose(null)}
      cancelLabel={t('staffUi.cancel')}
      submitLabel={initial.id ? t('staffUi.form.saveChanges') : t('staffUi.form.save')}
      submitting={formState.isSubmitting}
      draft={draft}
      onDiscardDraft={() => reset()}
    >
      <FormFieldset compact title={t('staffUi.form.person')}>
        <Box sx={grid2}>
          <FormText control={control} name="name" label={t('staffUi.fields.name')} required autoComplete="off" autoFocus />
          <FormText
            control={control}
            name="jobTitle"
            label={t('staffUi.fields.jobTitle')}
            helperText={t('staffUi.form.jobTitleHelp')}
            required
            autoComplete="off"
          />
          {canListUsers ? (
            <FormSelect
              control={control}
              name="userId"
              nullable
              label={t('staffUi.fields.account')}
              helperText={users.error ? users.error.message : t('staffUi.form.accountHelp')}
              options={accountOptions}
            />
          ) : (
            <TextField
              label={t('staffUi.fields.account')}
              value={initial.userId ? t('staffUi.form.accountLinked') : t('staffUi.form.noAccount')}
              helperText={t('staffUi.form.accountReadOnly')}
              slotProps={{ input: { readOnly: true } }}
            />
          )}
          <FormCheck control={control} name="active" label={t('staffUi.fields.active')} helperText={t('staffUi.form.activeHelp')} />
        </Box>
      </FormFieldset>

      <FormFieldset compact title={t('staffUi.form.dbs')} intro={t('staffUi.form.dbsIntro')}>
        <Box sx={grid2}>
          <FormText
            control={control}
            name="dbsNumber"
            nullable
            label={t('staffUi.fields.dbsNumber')}
            helperText={t('staffUi.form.dbsNumberHelp')}
            autoComplete="off"
            slotProps={{ htmlInput: { inputMode: 'numeric', maxLength: 16 } }}
          />
          <FormDate control={control} name="dbsIssueDate" label={t('staffUi.fields.dbsIssueDate')} disableFuture />
          <FormCheck
            control={control}
            name="dbsUpdateService"
            label={t('staffUi.fields.dbsUpdateService')}
            helperText={t('staffUi.form.updateServiceHelp')}
          />
          {updateService ? (
            <FormDate
              control={control}
              name="dbsCheckedOn"
              label={t('staffUi.fields.dbsCheckedOn')}
              helperText={t('staffUi.form.checkedOnHelp')}
              disableFuture
            />
          ) : null}
        </Box>
      </FormFieldset>

      <FormFieldset compact title={t('staffUi.form.safeguarding')}>
        <Box sx={grid2}>
          <FormSelect
            control={control}
            name="safeguardingLevel"
            nullable
            label={t('staffUi.fields.safeguardingLevel')}
            options={[
              { value: '', label: translate('staffUi.form.notRecorded') },
              ...SAFEGUARDING_LEVELS.map((l) => ({ value: l, label: translate(`staffUi.levels.${l}`) })),
            ]}
          />
          <FormDate control={control} name="safeguardingDate" label={t('staffUi.fields.safeguardingDate')} disableFuture />
        </Box>
      </FormFieldset>

      <FormFieldset compact title={t('staffUi.form.firstAid')}>
        <Box sx={grid2}>
          <FormCheck control={control} name="firstAidRequired" label={t('staffUi.fields.firstAidRequired')} />
          {firstAid ? (
            <FormDate
              control={control}
              name="firstAidDate"
              label={t('staffUi.fields.firstAidDate')}
              helperText={t('staffUi.form.firstAidDateHelp')}
              disableFuture
            />
          ) : null}
        </Box>
      </FormFieldset>

      <FormFieldset compact title={t('staffUi.form.registration')}>
        <FormCheck
          control={control}
          name="registrationRequired"
          label={t('staffUi.fields.registrationRequired')}
          helperText={t('staffUi.form.registrationHelp')}
        />
        {registration ? (
          <Box sx={grid3}>
            <FormSelect
              control={control}
              name="registrationBody"
              nullable
              label={t('staffUi.fields.registrationBody')}
              options={[
                { value: '', label: translate('staffUi.form.notRecorded') },
                ...REGISTRATION_BODIES.map((b) => ({ value: b, label: translate(`staffUi.bodies.${b}`) })),
              ]}
            />
            <FormText
              control={control}
              name="registrationNumber"
              nullable
              label={t('staffUi.fields.registrationNumber')}
              autoComplete="off"
            />
            <FormDate control={control} name="registrationExpiry" label={t('staffUi.fields.registrationExpiry')} />
          </Box>
        ) : null}
      </FormFieldset>

      <FormFieldset compact title={t('staffUi.form.thrive')}>
        <FormCheck control={control} name="thriveRequired" label={t('staffUi.fields.thriveRequired')} />
        {thrive ? (
          <Box sx={grid2}>
            <FormText control={control} name="thriveLicence" nullable label={t('staffUi.fields.thriveLicence')} autoComplete="off" />
            <FormDate control={control} name="thriveExpiry" label={t('staffUi.fields.thriveExpiry')} />
          </Box>
        ) : null}
      </FormFieldset>
    </FormDialog>
  );
}
