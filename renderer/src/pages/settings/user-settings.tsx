import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import Alert from '@mui/material/Alert';
import Autocomplete from '@mui/material/Autocomplete';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
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
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import PersonAddAlt1Outlined from '@mui/icons-material/PersonAddAlt1Outlined';
import { password, userInput, type UserSummary } from '../../../../shared/contract';
import { t as translate } from '../../../../shared/i18n';
import { call, invoke } from '../../api/client';
import { useSessionInfo } from '../../auth/auth';
import { FormSelect, FormText } from '../../components/form-fields';
import { EmptyState, Loading, QueryError } from '../../components/status';
import { roleOptions } from '../../lib/options';
import { normaliseClasses } from '../../lib/classes';
import { hasPath, splitServerErrors } from '../../lib/server-errors';
import { qk } from '../../lib/query-keys';

const addUserForm = userInput
  .extend({ confirmPassword: z.string() })
  .refine((v) => v.confirmPassword === v.password, { path: ['confirmPassword'], error: () => translate('setup.passwordsDiffer') });
type AddIn = z.input<typeof addUserForm>;
type AddOut = z.output<typeof addUserForm>;
const EMPTY: Partial<AddIn> = { displayName: '', username: '', password: '', confirmPassword: '' };

function AddUserDialog({ open, onClose }: { readonly open: boolean; readonly onClose: () => void }) {
  const { t } = useTranslation();
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
      close();
      return;
    }
    const { fields, other } = splitServerErrors(result.error, (p) => hasPath({ ...EMPTY, role: null }, p));
    for (const [p, m] of fields) setError(p as keyof AddIn, { type: 'server', message: m });
    setSummary([result.error.message, ...other].join(' '));
  });
  return (
    <Dialog open={open} onClose={close} fullWidth maxWidth="sm" aria-labelledby="add-user-title">
      <form onSubmit={(e) => void onSubmit(e)} noValidate>
        <DialogTitle id="add-user-title">{t('settings.users.addTitle')}</DialogTitle>
        <DialogContent>
          <Box sx={{ display: 'grid', gap: 2.5, pt: 1 }}>
            {summary ? (
              <Alert severity="error" role="alert">
                {summary}
              </Alert>
            ) : null}
            <FormText control={control} name="displayName" label={t('setup.displayName')} required autoFocus autoComplete="off" />
            <FormText
              control={control}
              name="username"
              label={t('setup.username')}
              helperText={t('validation.username')}
              required
              autoComplete="off"
            />
            <FormSelect control={control} name="role" label={t('settings.users.role')} required options={roleOptions()} />
            <FormText
              control={control}
              name="password"
              label={t('settings.users.password')}
              helperText={t('settings.users.passwordHelp')}
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

const resetForm = z
  .object({ password, confirmPassword: z.string() })
  .refine((v) => v.confirmPassword === v.password, { path: ['confirmPassword'], error: () => translate('accountsUi.users.resetDiffer') });
type ResetIn = z.input<typeof resetForm>;

/** The SENCo sets a temporary password for someone who has forgotten theirs; they choose their own at next sign-in. */
function ResetPasswordDialog({
  user,
  onClose,
  onDone,
}: {
  readonly user: UserSummary;
  readonly onClose: () => void;
  readonly onDone: (user: UserSummary) => void;
}) {
  const { t } = useTranslation();
  const [summary, setSummary] = useState<string | null>(null);
  const { control, handleSubmit, setError, formState } = useForm<ResetIn>({
    resolver: zodResolver(resetForm),
    defaultValues: { password: '', confirmPassword: '' },
    mode: 'onTouched',
  });
  const onSubmit = handleSubmit(async (values) => {
    setSummary(null);
    const result = await invoke('users.resetPassword', { id: user.id, password: values.password });
    if (result.ok) {
      onDone(result.value);
      return;
    }
    const { fields, other } = splitServerErrors(result.error, (p) => p === 'password');
    for (const [p, m] of fields) setError(p as keyof ResetIn, { type: 'server', message: m });
    if (fields.length === 0 || other.length > 0) setSummary([result.error.message, ...other].join(' '));
  });
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm" aria-labelledby="reset-password-title" aria-describedby="reset-password-intro">
      <form onSubmit={(e) => void onSubmit(e)} noValidate>
        <DialogTitle id="reset-password-title">{t('accountsUi.users.resetTitle', { name: user.displayName })}</DialogTitle>
        <DialogContent>
          <Box sx={{ display: 'grid', gap: 2.5, pt: 1 }}>
            <Typography id="reset-password-intro" color="text.secondary">
              {t('accountsUi.users.resetIntro', { name: user.displayName })}
            </Typography>
            {summary ? (
              <Alert severity="error" role="alert">
                {summary}
              </Alert>
            ) : null}
            <FormText
              control={control}
              name="password"
              label={t('accountsUi.users.resetPassword')}
              helperText={t('accountsUi.users.resetPasswordHelp')}
              type="password"
              required
              autoFocus
              autoComplete="new-password"
            />
            <FormText
              control={control}
              name="confirmPassword"
              label={t('accountsUi.users.resetConfirm')}
              type="password"
              required
              autoComplete="new-password"
            />
          </Box>
        </DialogContent>
        <DialogActions sx={{ px: 3, pb: 2 }}>
          <Button onClick={onClose}>{t('pupilForm.cancel')}</Button>
          <Button type="submit" variant="contained" disabled={formState.isSubmitting}>
            {t('accountsUi.users.resetSubmit')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

/** The classes a teacher or teaching assistant teaches: they see only the pupils in them. */
function ClassesDialog({
  user,
  onClose,
  onDone,
}: {
  readonly user: UserSummary;
  readonly onClose: () => void;
  readonly onDone: (user: UserSummary) => void;
}) {
  const { t } = useTranslation();
  const options = useQuery({ queryKey: qk('pupils.classes'), queryFn: () => call('pupils.classes', {}) });
  const [value, setValue] = useState<string[]>(() => [...user.classes]);
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    // A class typed but not yet added with Enter is kept, not lost.
    const classes = normaliseClasses([...value, typed]);
    setBusy(true);
    setError(null);
    const result = await invoke('users.setClasses', { id: user.id, classes });
    setBusy(false);
    if (result.ok) {
      onDone(result.value);
      return;
    }
    const fieldMessages = Object.values(result.error.fields ?? {});
    setError(fieldMessages.length > 0 ? fieldMessages.join(' ') : result.error.message);
  };
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm" aria-labelledby="classes-title" aria-describedby="classes-intro">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <DialogTitle id="classes-title">{t('accountsUi.users.classesTitle', { name: user.displayName })}</DialogTitle>
        <DialogContent>
          <Box sx={{ display: 'grid', gap: 2.5, pt: 1 }}>
            <Typography id="classes-intro" color="text.secondary">
              {t('accountsUi.users.classesIntro', { name: user.displayName })}
            </Typography>
            {options.error ? <Alert severity="warning">{t('accountsUi.users.classesLoadFailed')}</Alert> : null}
            {/* Enter adds what is typed as a class (or the highlighted option); Enter in an empty box saves. */}
            <Autocomplete
              multiple
              freeSolo
              autoSelect={false}
              options={options.data ?? []}
              loading={options.isPending}
              value={value}
              onChange={(_e, next) => {
                setValue(normaliseClasses(next));
                setError(null);
              }}
              inputValue={typed}
              onInputChange={(_e, next) => setTyped(next)}
              slotProps={{ chip: { size: 'small' } }}
              renderInput={(params) => (
                <TextField
                  {...params}
                  autoFocus
                  label={t('accountsUi.users.classesLabel')}
                  error={error !== null}
                  helperText={error ?? t('accountsUi.users.classesHelp')}
                />
              )}
            />
          </Box>
        </DialogContent>
        <DialogActions sx={{ px: 3, pb: 2 }}>
          <Button onClick={onClose}>{t('pupilForm.cancel')}</Button>
          <Button type="submit" variant="contained" disabled={busy}>
            {t('accountsUi.users.classesSave')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

function ClassesCell({ user }: { readonly user: UserSummary }) {
  const { t } = useTranslation();
  if (user.role !== 'teacher')
    return (
      <Typography variant="body2" color="text.secondary">
        {t('accountsUi.users.notApplicable')}
      </Typography>
    );
  if (user.classes.length === 0)
    return (
      <Typography variant="body2" color="text.secondary">
        {t('accountsUi.users.noClasses')}
      </Typography>
    );
  return <Typography variant="body2">{user.classes.join(', ')}</Typography>;
}

function ActiveSwitch({ user, disabled }: { readonly user: UserSummary; readonly disabled: boolean }) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <Box>
      <FormControlLabel
        control={
          <Switch
            checked={user.active}
            disabled={disabled || busy}
            onChange={(e) =>
              void (async () => {
                setBusy(true);
                setError(null);
                const result = await invoke('users.setActive', { id: user.id, active: e.target.checked });
                setBusy(false);
                if (!result.ok) setError(result.error.message);
              })()
            }
            slotProps={{ input: { 'aria-label': t('settings.users.activeLabel', { name: user.displayName }) } }}
          />
        }
        label={user.active ? t('settings.users.active') : t('settings.users.disabled')}
      />
      {error ? (
        <Typography color="error" variant="body2">
          {error}
        </Typography>
      ) : null}
    </Box>
  );
}

export function UserSettings() {
  const { t } = useTranslation();
  const info = useSessionInfo();
  const canList = ['senco', 'therapy_lead', 'headteacher'].includes(info.user.role);
  const canEdit = info.user.role === 'senco';
  const [adding, setAdding] = useState(false);
  const [resetting, setResetting] = useState<UserSummary | null>(null);
  const [editingClasses, setEditingClasses] = useState<UserSummary | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const query = useQuery({ queryKey: qk('users.list'), queryFn: () => call('users.list', {}), enabled: canList });
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
      {done ? (
        <Alert severity="success" role="status" sx={{ mb: 2 }} onClose={() => setDone(null)}>
          {done}
        </Alert>
      ) : null}
      {query.isPending ? (
        <Loading />
      ) : query.error ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.length === 0 ? (
        <EmptyState title={t('settings.users.none')} />
      ) : (
        <Table aria-label={t('settings.users.title')}>
          <TableHead>
            <TableRow>
              <TableCell>{t('settings.users.name')}</TableCell>
              <TableCell>{t('setup.username')}</TableCell>
              <TableCell>{t('settings.users.role')}</TableCell>
              <TableCell>{t('accountsUi.users.classes')}</TableCell>
              <TableCell>{t('settings.users.status')}</TableCell>
              {canEdit ? <TableCell>{t('accountsUi.users.actions')}</TableCell> : null}
            </TableRow>
          </TableHead>
          <TableBody>
            {query.data.map((u) => {
              const self = u.id === info.user.id;
              return (
                <TableRow key={u.id}>
                  <TableCell sx={{ fontWeight: 500 }}>
                    {u.displayName}
                    {self ? <Typography component="span" color="text.secondary">{` (${t('settings.users.you')})`}</Typography> : null}
                  </TableCell>
                  <TableCell>{u.username}</TableCell>
                  <TableCell>{t(`roles.${u.role}`)}</TableCell>
                  <TableCell>
                    <ClassesCell user={u} />
                  </TableCell>
                  <TableCell>
                    <ActiveSwitch user={u} disabled={!canEdit || self} />
                    {u.mustChangePassword ? (
                      <Chip label={t('accountsUi.users.mustChange')} size="small" variant="outlined" sx={{ mt: 0.5 }} />
                    ) : null}
                  </TableCell>
                  {canEdit ? (
                    <TableCell>
                      <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap' }}>
                        {u.role === 'teacher' ? (
                          <Button
                            size="small"
                            variant="outlined"
                            aria-label={t('accountsUi.users.editClassesFor', { name: u.displayName })}
                            onClick={() => setEditingClasses(u)}
                          >
                            {t('accountsUi.users.editClasses')}
                          </Button>
                        ) : null}
                        {!self ? (
                          <Button
                            size="small"
                            variant="outlined"
                            aria-label={t('accountsUi.users.resetFor', { name: u.displayName })}
                            onClick={() => setResetting(u)}
                          >
                            {t('accountsUi.users.reset')}
                          </Button>
                        ) : null}
                      </Box>
                    </TableCell>
                  ) : null}
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      )}
      <AddUserDialog open={adding} onClose={() => setAdding(false)} />
      {resetting ? (
        <ResetPasswordDialog
          user={resetting}
          onClose={() => setResetting(null)}
          onDone={(u) => {
            setResetting(null);
            setDone(t('accountsUi.users.resetDone', { name: u.displayName }));
          }}
        />
      ) : null}
      {editingClasses ? (
        <ClassesDialog
          user={editingClasses}
          onClose={() => setEditingClasses(null)}
          onDone={(u) => {
            setEditingClasses(null);
            setDone(t('accountsUi.users.classesSaved', { name: u.displayName }));
          }}
        />
      ) : null}
    </Paper>
  );
}
