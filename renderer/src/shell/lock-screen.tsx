import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import LockOutlined from '@mui/icons-material/LockOutlined';
import SchoolOutlined from '@mui/icons-material/SchoolOutlined';
import { invoke } from '../api/client';
import { useAuth, useSessionInfo } from '../auth/auth';
import { ScreenCover } from './screen-cover';
import { effectiveLockMinutes, itPolicy } from '../lib/it-policy';

/**
 * The screen lock: covers the whole window (the same cover as the privacy screen) while the app stays mounted
 * behind it, hidden and inert, so an unsaved form keeps its text. It names the school and who is signed in, and
 * asks for their password. A wrong password is said beside the field; too many wrong passwords end the session
 * (the core says so, and the sign-in screen shows its message).
 */
export function LockScreen({ returnFocus }: { readonly returnFocus?: () => HTMLElement | null }) {
  const { t } = useTranslation();
  const info = useSessionInfo();
  const { unlocked, endSession, signOut } = useAuth();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [signingOut, setSigningOut] = useState(false);
  const field = useRef<HTMLInputElement>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    if (!password) {
      setError(t('accountsUi.lock.missing'));
      field.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    const result = await invoke('auth.unlock', { password });
    setBusy(false);
    if (result.ok) {
      unlocked(result.value);
      return;
    }
    if (result.error.code === 'locked') {
      endSession(result.error.message);
      return;
    }
    // A wrong password comes with its message for the field; anything else (the core unavailable) is said there too.
    setError(result.error.fields?.password ?? result.error.message);
    setPassword('');
    field.current?.focus();
  };

  return (
    <ScreenCover
      labelledBy="lock-title"
      describedBy="lock-why"
      testId="lock-screen"
      returnFocus={returnFocus}
      sx={{ bgcolor: '#1b2a3a', display: 'grid', placeItems: 'center', p: 3 }}
    >
      <Paper elevation={0} sx={{ width: '100%', maxWidth: 460, p: { xs: 3, sm: 4 }, borderRadius: 2 }}>
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, mb: 2, color: 'primary.dark' }}>
          <SchoolOutlined aria-hidden />
          <Typography component="p" sx={{ fontWeight: 700 }}>
            {t('app.name')}
          </Typography>
          <Box sx={{ flex: 1 }} />
          <LockOutlined aria-hidden sx={{ color: 'text.secondary' }} />
        </Box>
        <Typography id="lock-title" variant="h1" component="h1" gutterBottom>
          {t('accountsUi.lock.title')}
        </Typography>
        <Typography sx={{ fontWeight: 500 }} data-testid="lock-school">
          {info.school.name}
        </Typography>
        <Typography color="text.secondary" sx={{ mb: 2 }} data-testid="lock-user">
          {t('accountsUi.lock.signedInAs', { name: info.user.displayName, role: t(`roles.${info.user.role}`) })}
        </Typography>
        <Typography id="lock-why" variant="body2" color="text.secondary" sx={{ mb: 3 }}>
          {t('accountsUi.lock.why', { count: effectiveLockMinutes(info.school.autoLockMinutes, itPolicy()) })}{' '}
          {t('accountsUi.lock.carryOn')}
        </Typography>
        <form onSubmit={(e) => void submit(e)} noValidate>
          {/* For password managers: whose password this is. */}
          <input type="text" name="username" autoComplete="username" value={info.user.username} readOnly hidden />
          <TextField
            inputRef={field}
            autoFocus
            label={t('accountsUi.lock.password')}
            type="password"
            name="password"
            autoComplete="current-password"
            required
            fullWidth
            value={password}
            onChange={(e) => {
              setPassword(e.target.value);
              if (error) setError(null);
            }}
            error={error !== null}
            helperText={error ?? ' '}
          />
          <Box sx={{ display: 'flex', gap: 1.5, mt: 1.5, flexWrap: 'wrap', alignItems: 'center' }}>
            <Button type="submit" variant="contained" size="large" disabled={busy || signingOut}>
              {busy ? t('accountsUi.lock.unlocking') : t('accountsUi.lock.unlock')}
            </Button>
          </Box>
        </form>
        <Box sx={{ mt: 3, pt: 2, borderTop: 1, borderColor: 'divider', display: 'flex', gap: 2, alignItems: 'center', flexWrap: 'wrap' }}>
          <Typography variant="body2" color="text.secondary" sx={{ flex: 1, minWidth: 200 }} id="lock-sign-out-hint">
            {t('accountsUi.lock.notYou')}
          </Typography>
          <Button
            variant="outlined"
            disabled={signingOut}
            aria-describedby="lock-sign-out-hint"
            onClick={() => {
              setSigningOut(true);
              void signOut().finally(() => setSigningOut(false));
            }}
          >
            {t('accountsUi.lock.signOut')}
          </Button>
        </Box>
      </Paper>
    </ScreenCover>
  );
}
