import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import { invoke } from '../api/client';
import { useAuth } from '../auth/auth';
import { AuthLayout } from '../components/auth-layout';
import { RecoveryKeyDialog } from '../components/recovery-key-dialog';
import { FormText } from '../components/form-fields';
import { usePageTitle } from '../lib/use-page-title';

interface SignInValues {
  username: string;
  password: string;
}

export function SignInPage({ schoolName, notice }: { readonly schoolName: string | null; readonly notice: string | null }) {
  const { t } = useTranslation();
  const { signedIn } = useAuth();
  usePageTitle(t('signIn.title'));
  const [error, setError] = useState<string | null>(null);
  // This sign-in encrypted an earlier version's database: its new recovery key is shown once first.
  const [done, setDone] = useState<{ readonly recoveryKey: string; readonly finish: () => void } | null>(null);
  const { control, handleSubmit, formState } = useForm<SignInValues>({ defaultValues: { username: '', password: '' } });

  const onSubmit = handleSubmit(async (values) => {
    setError(null);
    if (!values.username.trim() || !values.password) {
      setError(t('signIn.missing'));
      return;
    }
    const result = await invoke('auth.signIn', values);
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    const { recoveryKey, ...session } = result.value;
    if (recoveryKey) setDone({ recoveryKey, finish: () => signedIn(session) });
    else signedIn(session);
  });

  if (done) return <RecoveryKeyDialog recoveryKey={done.recoveryKey} onDone={done.finish} />;

  return (
    <AuthLayout title={t('signIn.title')} intro={schoolName ? t('signIn.introSchool', { school: schoolName }) : t('signIn.intro')}>
      <form onSubmit={(e) => void onSubmit(e)} noValidate>
        <Stack spacing={2.5}>
          {notice && !error ? <Alert severity="info">{notice}</Alert> : null}
          {error ? (
            <Alert severity="error" role="alert">
              {error}
            </Alert>
          ) : null}
          <FormText control={control} name="username" label={t('signIn.username')} autoComplete="username" autoFocus required />
          <FormText
            control={control}
            name="password"
            label={t('signIn.password')}
            type="password"
            autoComplete="current-password"
            required
          />
          <Button type="submit" variant="contained" size="large" disabled={formState.isSubmitting}>
            {t('signIn.submit')}
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
