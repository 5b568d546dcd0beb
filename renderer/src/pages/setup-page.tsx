import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Divider from '@mui/material/Divider';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { schoolInput, userInput } from '../../../shared/contract';
import { t as translate } from '../../../shared/i18n';
import { invoke } from '../api/client';
import { useAuth } from '../auth/auth';
import { AuthLayout } from '../components/auth-layout';
import { RecoveryKeyDialog } from '../components/recovery-key-dialog';
import { FormText } from '../components/form-fields';
import { hasPath, splitServerErrors } from '../lib/server-errors';
import { usePageTitle } from '../lib/use-page-title';

/** The contract's setup input plus a password confirmation that never leaves the form. */
const setupForm = z
  .object({
    school: schoolInput,
    user: userInput.omit({ role: true }),
    confirmPassword: z.string(),
  })
  .refine((v) => v.confirmPassword === v.user.password, {
    path: ['confirmPassword'],
    error: () => translate('setup.passwordsDiffer'),
  });

type SetupIn = z.input<typeof setupForm>;
type SetupOut = z.output<typeof setupForm>;

const EMPTY: SetupIn = {
  school: { name: '', urn: '', localAuthority: '' },
  user: { displayName: '', username: '', password: '' },
  confirmPassword: '',
};

export function SetupPage() {
  const { t } = useTranslation();
  const { signedIn, retry } = useAuth();
  usePageTitle(t('setup.title'));
  const [summary, setSummary] = useState<string | null>(null);
  // An encrypted database: the recovery key is shown once before the SENCo goes on to the app.
  const [done, setDone] = useState<{ readonly recoveryKey: string; readonly finish: () => void } | null>(null);
  const { control, handleSubmit, setError, formState } = useForm<SetupIn, unknown, SetupOut>({
    resolver: zodResolver(setupForm),
    defaultValues: EMPTY,
    mode: 'onTouched',
  });

  const onSubmit = handleSubmit(async ({ school, user }) => {
    setSummary(null);
    const result = await invoke('setup.initialise', { school, user });
    if (result.ok) {
      const { recoveryKey, ...session } = result.value;
      if (recoveryKey) setDone({ recoveryKey, finish: () => signedIn(session) });
      else signedIn(session);
      return;
    }
    if (result.error.code === 'already_set_up') {
      retry();
      return;
    }
    const { fields, other } = splitServerErrors(result.error, (p) => hasPath(EMPTY, p));
    for (const [path, message] of fields) setError(path as keyof SetupIn, { type: 'server', message }, { shouldFocus: true });
    setSummary([result.error.message, ...other].join(' '));
  });

  if (done) return <RecoveryKeyDialog recoveryKey={done.recoveryKey} onDone={done.finish} />;

  return (
    <AuthLayout title={t('setup.title')} intro={t('setup.intro')} width={600}>
      <form onSubmit={(e) => void onSubmit(e)} noValidate aria-label={t('setup.title')}>
        <Stack spacing={2.5}>
          {summary ? (
            <Alert severity="error" role="alert">
              {summary}
            </Alert>
          ) : null}
          <Typography variant="h2">{t('setup.schoolHeading')}</Typography>
          <FormText control={control} name="school.name" label={t('setup.schoolName')} required autoFocus />
          <FormText
            control={control}
            name="school.urn"
            label={t('setup.urn')}
            helperText={t('setup.urnHelp')}
            required
            inputMode="numeric"
            slotProps={{ htmlInput: { maxLength: 6 } }}
          />
          <FormText control={control} name="school.localAuthority" label={t('setup.localAuthority')} required />
          <Divider />
          <Typography variant="h2">{t('setup.userHeading')}</Typography>
          <Typography color="text.secondary">{t('setup.userIntro')}</Typography>
          <FormText
            control={control}
            name="user.displayName"
            label={t('setup.displayName')}
            helperText={t('setup.displayNameHelp')}
            required
            autoComplete="name"
          />
          <FormText
            control={control}
            name="user.username"
            label={t('setup.username')}
            helperText={t('validation.username')}
            required
            autoComplete="username"
          />
          <FormText
            control={control}
            name="user.password"
            label={t('setup.password')}
            helperText={t('validation.password')}
            type="password"
            required
            autoComplete="new-password"
          />
          <FormText
            control={control}
            name="confirmPassword"
            label={t('setup.confirmPassword')}
            type="password"
            required
            autoComplete="new-password"
          />
          <Button type="submit" variant="contained" size="large" disabled={formState.isSubmitting}>
            {t('setup.submit')}
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
