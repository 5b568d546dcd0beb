import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import Paper from '@mui/material/Paper';
import Switch from '@mui/material/Switch';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import PersonAddAlt1Outlined from '@mui/icons-material/PersonAddAlt1Outlined';
import { userInput, type UserSummary } from '../../../../shared/contract';
import { t as translate } from '../../../../shared/i18n';
import { call, invoke } from '../../api/client';
import { useSessionInfo } from '../../auth/auth';
import { FormSelect, FormText } from '../../components/form-fields';
import { EmptyState, Loading, QueryError } from '../../components/status';
import { roleOptions } from '../../lib/options';
import { hasPath, splitServerErrors } from '../../lib/server-errors';

const addUserForm = userInput
  .extend({ confirmPassword: z.string() })
  .refine((v) => v.confirmPassword === v.password, { path: ['confirmPassword'], error: () => translate('setup.passwordsDiffer') });
type AddIn = z.input<typeof addUserForm>;
type AddOut = z.output<typeof addUserForm>;
const EMPTY: Partial<AddIn> = { displayName: '', username: '', password: '', confirmPassword: '' };

function AddUserDialog({ open, onClose }: { readonly open: boolean; readonly onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [summary, setSummary] = useState<string | null>(null);
  const { control, handleSubmit, setError, reset, formState } = useForm<AddIn, unknown, AddOut>({
    resolver: zodResolver(addUserForm),
    defaultValues: EMPTY,
    mode: 'onTouched',
  });
  const close = () => {
    reset(EMPTY);
    setSummary(null);
    onClose();
  };
  const onSubmit = handleSubmit(async ({ confirmPassword: _c, ...user }) => {
    setSummary(null);
    const result = await invoke('users.create', user);
    if (result.ok) {
      await queryClient.invalidateQueries({ queryKey: ['users.list'] });
      close();
      return;
    }
    const { fields, other } = splitServerErrors(result.error, (p) => hasPath({ ...EMPTY, role: null }, p));
    for (const [p, m] of fields) setError(p as keyof AddIn, { type: 'server', message: m });
    setSummary([result.error.message, ...other].join(' '));
  });
  return (
    <Dialog open={open} onClose={close} fullWidth maxWidth="sm" aria-labelledby="add-user-title">
      <form onSubmit={onSubmit} noValidate>
        <DialogTitle id="add-user-title">{t('settings.users.addTitle')}</DialogTitle>
        <DialogContent>
          <Box sx={{ display: 'grid', gap: 2.5, pt: 1 }}>
            {summary ? <Alert severity="error" role="alert">{summary}</Alert> : null}
            <FormText control={control} name="displayName" label={t('setup.displayName')} required autoFocus autoComplete="off" />
            <FormText control={control} name="username" label={t('setup.username')} helperText={t('validation.username')} required autoComplete="off" />
            <FormSelect control={control} name="role" label={t('settings.users.role')} required options={roleOptions()} />
            <FormText control={control} name="password" label={t('settings.users.password')} helperText={t('settings.users.passwordHelp')} type="password" required autoComplete="new-password" />
            <FormText control={control} name="confirmPassword" label={t('setup.confirmPassword')} type="password" required autoComplete="new-password" />
          </Box>
        </DialogContent>
        <DialogActions sx={{ px: 3, pb: 2 }}>
          <Button onClick={close}>{t('pupilForm.cancel')}</Button>
          <Button type="submit" variant="contained" disabled={formState.isSubmitting}>
            {t('settings.users.addSubmit')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

function ActiveSwitch({ user, disabled }: { readonly user: UserSummary; readonly disabled: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <Box>
      <FormControlLabel
        control={
          <Switch
            checked={user.active}
            disabled={disabled || busy}
            onChange={async (e) => {
              setBusy(true);
              setError(null);
              const result = await invoke('users.setActive', { id: user.id, active: e.target.checked });
              setBusy(false);
              if (result.ok) await queryClient.invalidateQueries({ queryKey: ['users.list'] });
              else setError(result.error.message);
            }}
            slotProps={{ input: { 'aria-label': t('settings.users.activeLabel', { name: user.displayName }) } }}
          />
        }
        label={user.active ? t('settings.users.active') : t('settings.users.disabled')}
      />
      {error ? <Typography color="error" variant="body2">{error}</Typography> : null}
    </Box>
  );
}

export function UserSettings() {
  const { t } = useTranslation();
  const info = useSessionInfo();
  const canList = ['senco', 'therapy_lead', 'headteacher'].includes(info.user.role);
  const canEdit = info.user.role === 'senco';
  const [adding, setAdding] = useState(false);
  const query = useQuery({ queryKey: ['users.list'], queryFn: () => call('users.list', {}), enabled: canList });
  if (!canList) return <Alert severity="info">{t('settings.users.noAccess')}</Alert>;
  return (
    <Paper variant="outlined" sx={{ p: 3 }}>
      <Box sx={{ display: 'flex', alignItems: 'center', mb: 2, gap: 2 }}>
        <Box sx={{ flex: 1 }}>
          <Typography variant="h2">{t('settings.users.title')}</Typography>
          <Typography color="text.secondary">{t('settings.users.intro')}</Typography>
        </Box>
        {canEdit ? (
          <Button variant="contained" startIcon={<PersonAddAlt1Outlined />} onClick={() => setAdding(true)}>
            {t('settings.users.add')}
          </Button>
        ) : null}
      </Box>
      {query.isPending ? <Loading /> : query.error ? <QueryError error={query.error} onRetry={() => void query.refetch()} /> : query.data.length === 0 ? (
        <EmptyState title={t('settings.users.none')} />
      ) : (
        <Table aria-label={t('settings.users.title')}>
          <TableHead>
            <TableRow>
              <TableCell>{t('settings.users.name')}</TableCell>
              <TableCell>{t('setup.username')}</TableCell>
              <TableCell>{t('settings.users.role')}</TableCell>
              <TableCell>{t('settings.users.status')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {query.data.map((u) => (
              <TableRow key={u.id}>
                <TableCell sx={{ fontWeight: 500 }}>
                  {u.displayName}
                  {u.id === info.user.id ? <Typography component="span" color="text.secondary">{` (${t('settings.users.you')})`}</Typography> : null}
                </TableCell>
                <TableCell>{u.username}</TableCell>
                <TableCell>{t(`roles.${u.role}`)}</TableCell>
                <TableCell>
                  <ActiveSwitch user={u} disabled={!canEdit || u.id === info.user.id} />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <AddUserDialog open={adding} onClose={() => setAdding(false)} />
    </Paper>
  );
}
