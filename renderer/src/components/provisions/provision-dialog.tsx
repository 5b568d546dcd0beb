/**
 * Add or edit a provision of the school's catalogue (provisions.create / provisions.update): what it is, how often and
 * by whom, when it runs, and its optional entry and exit measure. Kept as a draft until saved; the contract's own
 * checks run as you go and the core's messages (a name already used, places outside new dates) land beside their field.
 */
import { useState } from 'react';
import { useForm, type Resolver } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import Box from '@mui/material/Box';
import { provisionUpdateInput, type ProvisionRecord } from '../../../../shared/contract';
import { NEED_AREAS } from '../../../../shared/ehcp';
import { DELIVERY_ROLES, WAVES } from '../../../../shared/provision';
import { t as translate, type I18nKey } from '../../../../shared/i18n';
import { invoke } from '../../api/client';
import { FormDate, FormSelect, FormText } from '../form-fields';
import { FormDialog } from '../form-dialog';
import { FIELD_GRID_2, FormFieldset } from '../form-fieldset';
import { FormNumber } from '../ipp/number-field';
import { useFormDraft } from '../../lib/use-form-draft';
import { applyServerErrors } from '../../lib/server-errors';

export type ProvisionIn = z.input<typeof provisionUpdateInput>;
type ProvisionOut = z.output<typeof provisionUpdateInput>;

/** One schema for both: a new provision carries an empty id, which is left out when it is created. */
const base = zodResolver(provisionUpdateInput);
const resolver: Resolver<ProvisionIn, unknown, ProvisionOut> = (values, context, options) =>
  base({ ...values, id: values.id || '00000000-0000-4000-8000-000000000000' }, context, options);

const grid3 = { ...FIELD_GRID_2, gridTemplateColumns: { xs: '1fr', md: '1fr 1fr 1fr' } } as const;

export function newProvision(today: string): ProvisionIn {
  return {
    id: '',
    name: '',
    area: '' as ProvisionIn['area'],
    wave: '' as ProvisionIn['wave'],
    groupSize: 1,
    sessionsPerWeek: 1,
    minutesPerSession: 30,
    staffRole: '' as ProvisionIn['staffRole'],
    startDate: today,
    endDate: null,
    measureName: null,
    description: null,
  };
}

export function provisionToInput(p: ProvisionRecord): ProvisionIn {
  return {
    id: p.id,
    name: p.name,
    area: p.area,
    wave: p.wave,
    groupSize: p.groupSize,
    sessionsPerWeek: p.sessionsPerWeek,
    minutesPerSession: p.minutesPerSession,
    staffRole: p.staffRole,
    startDate: p.startDate,
    endDate: p.endDate,
    measureName: p.measureName,
    description: p.description,
  };
}

export function ProvisionDialog({
  initial,
  onClose,
}: {
  readonly initial: ProvisionIn;
  readonly onClose: (saved: ProvisionRecord | null) => void;
}) {
  const { t } = useTranslation();
  const [summary, setSummary] = useState<string | null>(null);
  const form = useForm<ProvisionIn, unknown, ProvisionOut>({ resolver, defaultValues: initial, mode: 'onTouched' });
  const { control, handleSubmit, setError, getValues, reset, formState } = form;
  const draft = useFormDraft(form, { draftKey: `provision:${initial.id || 'new'}`, pupilId: null });

  const onSubmit = handleSubmit(
    async (values) => {
      setSummary(null);
      const { id: _id, ...fields } = values;
      const result = initial.id
        ? await invoke('provisions.update', { id: initial.id, ...fields })
        : await invoke('provisions.create', fields);
      if (result.ok) {
        void draft.saved();
        onClose(result.value);
        return;
      }
      setSummary(applyServerErrors(result.error, getValues(), setError, t('errors.invalidInput')));
    },
    () => setSummary(t('errors.invalidInput')),
  );

  const options = <T extends string>(values: readonly T[], key: (v: T) => I18nKey) =>
    values.map((v) => ({ value: v, label: translate(key(v)) }));
  return (
    <FormDialog
      titleId="provision-dialog-title"
      title={initial.id ? t('catalogueUi.form.editTitle', { name: initial.name }) : t('catalogueUi.form.newTitle')}
      intro={t('catalogueUi.form.intro')}
      maxWidth="md"
      gap={3}
      summary={summary}
      errors={formState.errors}
      onSubmit={onSubmit}
      onCancel={() => onClose(null)}
      cancelLabel={t('catalogueUi.form.cancel')}
      submitLabel={initial.id ? t('catalogueUi.form.saveChanges') : t('catalogueUi.form.save')}
      submitting={formState.isSubmitting}
      draft={draft}
      onDiscardDraft={() => reset()}
    >
      <FormFieldset compact title={t('catalogueUi.form.what')}>
        <Box sx={FIELD_GRID_2}>
          <FormText
            control={control}
            name="name"
            label={t('catalogueUi.form.name')}
            helperText={t('catalogueUi.form.nameHelp')}
            required
            autoComplete="off"
            autoFocus
          />
          <FormSelect
            control={control}
            name="area"
            label={t('catalogueUi.form.area')}
            required
            options={options(NEED_AREAS, (a) => `ehcpUi.areas.${a}`)}
          />
          <FormSelect
            control={control}
            name="wave"
            label={t('catalogueUi.form.wave')}
            helperText={t('catalogueUi.form.waveHelp')}
            required
            options={options(WAVES, (w) => `provisionUi.waves.${w}`)}
          />
          <FormText
            control={control}
            name="description"
            nullable
            multiline
            minRows={2}
            label={t('catalogueUi.form.description')}
            helperText={t('catalogueUi.form.descriptionHelp')}
          />
        </Box>
      </FormFieldset>
      <FormFieldset compact title={t('catalogueUi.form.how')}>
        <Box sx={grid3}>
          <FormNumber
            control={control}
            name="groupSize"
            label={t('catalogueUi.form.groupSize')}
            helperText={t('catalogueUi.form.groupSizeHelp')}
            required
          />
          <FormNumber
            control={control}
            name="sessionsPerWeek"
            label={t('catalogueUi.form.sessionsPerWeek')}
            helperText={t('catalogueUi.form.sessionsPerWeekHelp')}
            required
          />
          <FormNumber
            control={control}
            name="minutesPerSession"
            label={t('catalogueUi.form.minutesPerSession')}
            helperText={t('catalogueUi.form.minutesPerSessionHelp')}
            required
          />
          <FormSelect
            control={control}
            name="staffRole"
            label={t('catalogueUi.form.staffRole')}
            required
            options={options(DELIVERY_ROLES, (r) => `provisionUi.roles.${r}`)}
          />
        </Box>
      </FormFieldset>
      <FormFieldset compact title={t('catalogueUi.form.when')}>
        <Box sx={FIELD_GRID_2}>
          <FormDate control={control} name="startDate" label={t('catalogueUi.form.startDate')} required />
          <FormDate control={control} name="endDate" label={t('catalogueUi.form.endDate')} helperText={t('catalogueUi.form.endDateHelp')} />
        </Box>
      </FormFieldset>
      <FormFieldset compact title={t('catalogueUi.form.measure')} intro={t('catalogueUi.form.measureIntro')}>
        <FormText control={control} name="measureName" nullable label={t('catalogueUi.form.measureName')} autoComplete="off" />
      </FormFieldset>
    </FormDialog>
  );
}
