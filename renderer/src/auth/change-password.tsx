/**
 * Changing your own password: a dialog from the account menu, and the same form as a required step straight after
 * signing in with a password the SENCo reset (it cannot be dismissed, only completed or left by signing out).
 * The core checks the current password (a wrong one counts towards the lockout; the fifth signs you out).
 */
import { useState, type ReactNode } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Typography from '@mui/material/Typography';
import { password } from '../../../shared/contract';
import { t as translate } from '../../../shared/i18n';
import { invoke } from '../api/client';
import { FormText } from '../components/form-fields';
import { AuthLayout } from '../components/auth-layout';
import { usePageTitle } from '../lib/use-page-title';
import { useAuth } from './auth';

const changeForm = z
  .object({
    currentPassword: z.string().min(1, { error: () => translate('accountsUi.password.currentMissing') }),
    newPassword: password,
    confirmPassword: z.string(),
  })
  .refine((v) => v.confirmPassword === v.newPassword, { path: ['confirmPassword'], error: () => translate('accountsUi.password.differ') });
type ChangeValues = z.input<typeof changeForm>;
const EMPTY: ChangeValues = { currentPassword: '', newPassword: '', confirmPassword: '' };

function ChangePasswordForm({
  onDone,
  actions,
  autoFocus = true,
}: {
  readonly onDone: () => void;
  /** Buttons beside "Change password" (Cancel in the dialog, Sign out in the required step). */
  readonly actions: ReactNode;
  readonly autoFocus?: boolean;
}) {
  const { t } = useTranslation();
  const { endSession } = useAuth();
  const [summary, setSummary] = useState<string | null>(null);
  const { control, handleSubmit, setError, setFocus, formState } = useForm<ChangeValues>({
    resolver: zodResolver(changeForm),
    defaultValues: EMPTY,
    mode: 'onTouched',
  });
  const onSubmit = handleSubmit(async ({ currentPassword, newPassword }) => {
    setSummary(null);
    const result = await invoke('auth.changePassword', { currentPassword, newPassword });
    if (result.ok) {
      onDone();
      return;
    }
    if (result.error.code === 'locked') {
      endSession(result.error.message);
      return;
    }
    const fields = result.error.fields ?? {};
    let first: keyof ChangeValues | null = null;
    for (const name of ['currentPassword', 'newPassword'] as const) {
      const message = fields[name];
      if (message) {
        setError(name, { type: 'server', message });
        first ??= name;
      }
    }
    if (first) setFocus(first);
    else setSummary(result.error.message);
  });
  return (
    <form onSubmit={(e) => void onSubmit(e)} noValidate aria-label={t('accountsUi.password.dialogTitle')}>
      <Box sx={{ display: 'grid', gap: 2.5, pt: 1 }}>
        {summary ? (
          <Alert severity="error" role="alert">
            {summary}
          </Alert>
        ) : null}
        <FormText
          control={control}
          name="currentPassword"
          label={t('accountsUi.password.current')}
          type="password"
          required
          autoFocus={autoFocus}
          autoComplete="current-password"
        />
        <FormText
          control={control}
          name="newPassword"
          label={t('accountsUi.password.new')}
          helperText={t('accountsUi.password.newHelp')}
          type="password"
          required
          autoComplete="new-password"
        />
        <FormText
          control={control}
          name="confirmPassword"
          label={t('accountsUi.password.confirm')}
          type="password"
          required
          autoComplete="new-password"
        />
        <Box sx={{ display: 'flex', gap: 1.5, justifyContent: 'flex-end', flexWrap: 'wrap' }}>
          {actions}
          <Button type="submit" variant="contained" disabled={formState.isSubmitting}>
            {t('accountsUi.password.submit')}
          </Button>
        </Box>
      </Box>
    </form>
  );
}

/** From the account menu. `onChanged` runs after a successful change (the shell says so). */
export function ChangePasswordDialog({
  open,
  onClose,
  onChanged,
}: {
  readonly open: boolean;
  readonly onClose: () => void;
  readonly onChanged: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="sm" aria-labelledby="change-password-title">
      <DialogTitle id="change-password-title">{t('accountsUi.password.dialogTitle')}</DialogTitle>
      <DialogContent>
        <Typography color="text.secondary" sx={{ mb: 1 }}>
          {t('accountsUi.password.intro')}
        </Typography>
        {/* Mounted only while open, so it starts empty each time. */}
        {open ? (
          <ChangePasswordForm
            onDone={() => {
              onClose();
              onChanged();
            }}
            actions={<Button onClick={onClose}>{t('accountsUi.password.cancel')}</Button>}
          />
        ) : null}
      </DialogContent>
    </Dialog>
  );
}

/** The required step after a reset: instead of the app until done; the only other way out is signing out. */
export function RequiredPasswordChange() {
  const { t } = useTranslation();
  const { passwordChanged, signOut } = useAuth();
  const [signingOut, setSigningOut] = useState(false);
  usePageTitle(t('accountsUi.password.requiredTitle'));
  return (
    <AuthLayout title={t('accountsUi.password.requiredTitle')} intro={t('accountsUi.password.requiredIntro')} width={520}>
      <Typography color="text.secondary" sx={{ mb: 2 }}>
        {t('accountsUi.password.intro')}
      </Typography>
      <ChangePasswordForm
        onDone={passwordChanged}
        actions={
          <Button
            disabled={signingOut}
            onClick={() => {
              setSigningOut(true);
              void signOut().finally(() => setSigningOut(false));
            }}
          >
            {t('accountsUi.password.signOut')}
          </Button>
        }
      />
    </AuthLayout>
  );
}
