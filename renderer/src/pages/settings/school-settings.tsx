import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import type { School } from '../../../../shared/contract';
import { call, invoke } from '../../api/client';
import { useAuth, useSessionInfo } from '../../auth/auth';
import { FormText } from '../../components/form-fields';
import { Loading, QueryError } from '../../components/status';
import { hasPath, splitServerErrors } from '../../lib/server-errors';
import { SigningSettings } from './signing-settings';
import { schoolFormFor } from './school-form';
import { ItPolicyPanel } from './it-policy-panel';
import { SchoolServerSettings } from './school-server-settings';
import { itPolicy } from '../../lib/it-policy';
import { qk } from '../../lib/query-keys';

type SchoolIn = z.input<ReturnType<typeof schoolFormFor>>;

function formValues(school: School): SchoolIn {
  return { name: school.name, urn: school.urn, localAuthority: school.localAuthority, autoLockMinutes: String(school.autoLockMinutes) };
}

function SchoolForm({
  school,
  canEdit,
  maxLockMinutes,
}: {
  readonly school: School;
  readonly canEdit: boolean;
  readonly maxLockMinutes?: number;
}) {
  const { t } = useTranslation();
  const [schoolForm] = useState(() => schoolFormFor(maxLockMinutes));
  const { updateSchool } = useAuth();
  const queryClient = useQueryClient();
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const { control, handleSubmit, setError, reset, formState } = useForm<SchoolIn>({
    resolver: zodResolver(schoolForm),
    defaultValues: formValues(school),
    mode: 'onTouched',
  });
  const onSubmit = handleSubmit(async (values) => {
    setMessage(null);
    const result = await invoke('school.update', { ...values, autoLockMinutes: Number(values.autoLockMinutes) });
    if (result.ok) {
      updateSchool(result.value);
      queryClient.setQueryData(qk('school.get'), result.value);
      reset(formValues(result.value));
      setMessage({ kind: 'success', text: t('settings.school.saved') });
    } else {
      const { fields, other } = splitServerErrors(result.error, (p) => hasPath(school, p));
      for (const [p, m] of fields) setError(p as keyof SchoolIn, { type: 'server', message: m });
      setMessage({ kind: 'error', text: [result.error.message, ...other].join(' ') });
    }
  });
  return (
    <Paper variant="outlined" sx={{ p: 3 }}>
      <Typography variant="h2" gutterBottom>
        {t('settings.school.title')}
      </Typography>
      {!canEdit ? (
        <Alert severity="info" sx={{ mb: 2 }}>
          {t('settings.school.readOnly')}
        </Alert>
      ) : null}
      {message ? (
        <Alert severity={message.kind} sx={{ mb: 2 }} role={message.kind === 'error' ? 'alert' : 'status'}>
          {message.text}
        </Alert>
      ) : null}
      <form onSubmit={(e) => void onSubmit(e)} noValidate aria-label={t('settings.school.title')}>
        <Box sx={{ display: 'grid', gap: 2.5, maxWidth: 560 }}>
          <FormText control={control} name="name" label={t('setup.schoolName')} required disabled={!canEdit} />
          <FormText
            control={control}
            name="urn"
            label={t('setup.urn')}
            helperText={t('setup.urnHelp')}
            required
            disabled={!canEdit}
            inputMode="numeric"
          />
          <FormText control={control} name="localAuthority" label={t('setup.localAuthority')} required disabled={!canEdit} />
          <FormText
            control={control}
            name="autoLockMinutes"
            label={t('accountsUi.school.autoLock')}
            helperText={
              maxLockMinutes === undefined
                ? t('accountsUi.school.autoLockHelp')
                : `${t('accountsUi.school.autoLockHelp')} ${t('desktop.policy.lockCapHelp', { max: maxLockMinutes })}`
            }
            required
            disabled={!canEdit}
            inputMode="numeric"
            sx={{ maxWidth: 320 }}
            slotProps={{ htmlInput: { maxLength: 2, pattern: '[0-9]*' } }}
          />
          {canEdit ? (
            <Box>
              <Button type="submit" variant="contained" disabled={formState.isSubmitting || !formState.isDirty}>
                {t('settings.school.save')}
              </Button>
            </Box>
          ) : null}
        </Box>
      </form>
    </Paper>
  );
}

export function SchoolSettings() {
  const info = useSessionInfo();
  const policy = itPolicy();
  const query = useQuery({ queryKey: qk('school.get'), queryFn: () => call('school.get', {}) });
  if (query.isPending) return <Loading />;
  if (query.error) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  return (
    <>
      <SchoolForm school={query.data} canEdit={info.user.role === 'senco'} maxLockMinutes={policy.lockAfterMinutes} />
      <ItPolicyPanel policy={policy} />
      <SchoolServerSettings />
      <SigningSettings />
    </>
  );
}
