/**
 * Settings › Therapy disciplines: the school's list of disciplines (name, code, in use or not) and a form to add one.
 * Switching a discipline on or off saves at once. The code is suggested from the name until it is typed in itself.
 * Only the SENCo and the therapy lead may change the list (disciplines.save); everyone else reads.
 */
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
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
import AddOutlined from '@mui/icons-material/AddOutlined';
import { contract, type OutputOf } from '../../../../shared/contract';
import { t as translate } from '../../../../shared/i18n';
import { call, invoke } from '../../api/client';
import { useSessionInfo } from '../../auth/auth';
import { disciplineFallback } from '../../components/therapy/use-disciplines';
import { EmptyState, Loading, QueryError } from '../../components/status';
import { hasPath, splitServerErrors } from '../../lib/server-errors';
import { qk } from '../../lib/query-keys';

type Discipline = OutputOf<'disciplines.save'>[number];

const QUERY_KEY = qk('disciplines.list');
const EDITORS: readonly string[] = ['senco', 'therapy_lead'];
const CODE_MAX = 40;

/** The contract's input without `active` (a new discipline starts in use), with a plain message for a badly formed code. */
const addForm = contract['disciplines.save'].input.omit({ active: true }).extend({
  code: z
    .string()
    .trim()
    .min(1)
    .max(CODE_MAX)
    .regex(/^[a-z_]+$/, { error: () => translate('disciplinesUi.add.codeFormat') }),
});
type AddIn = z.input<typeof addForm>;
type AddOut = z.output<typeof addForm>;
const EMPTY: AddIn = { label: '', code: '' };

/** "Music therapy" → "music_therapy": lowercase, spaces to underscores, letters only. */
function suggestCode(label: string): string {
  return label
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\s+/g, '_')
    .replace(/[^a-z_]/g, '')
    .replace(/_+/g, '_')
    .replace(/^_|_$/g, '')
    .slice(0, CODE_MAX)
    .replace(/_$/, '');
}

const shownLabel = (d: Discipline) => d.label || disciplineFallback(d.code);

function ActiveSwitch({ discipline, canEdit }: { readonly discipline: Discipline; readonly canEdit: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const label = shownLabel(discipline);
  return (
    <Box>
      <FormControlLabel
        sx={{ m: 0 }}
        control={
          <Switch
            checked={discipline.active}
            disabled={!canEdit || busy}
            onChange={(e) =>
              void (async () => {
                const active = e.target.checked;
                setBusy(true);
                setMessage(null);
                const result = await invoke('disciplines.save', { code: discipline.code, label: discipline.label || label, active });
                setBusy(false);
                if (result.ok) {
                  queryClient.setQueryData(QUERY_KEY, result.value);
                  setMessage({ kind: 'success', text: t(active ? 'disciplinesUi.switchedOn' : 'disciplinesUi.switchedOff', { label }) });
                } else {
                  setMessage({ kind: 'error', text: result.error.message });
                }
              })()
            }
            slotProps={{ input: { 'aria-label': t('disciplinesUi.activeLabel', { label }) } }}
          />
        }
        label={discipline.active ? t('disciplinesUi.inUse') : t('disciplinesUi.notInUse')}
      />
      {message ? (
        <Typography
          variant="body2"
          role={message.kind === 'error' ? 'alert' : 'status'}
          color={message.kind === 'error' ? 'error' : 'text.secondary'}
        >
          {message.text}
        </Typography>
      ) : null}
    </Box>
  );
}

function AddDiscipline({ existing }: { readonly existing: readonly Discipline[] }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  /** Once the code is typed in itself, the name stops suggesting it. */
  const [codeEdited, setCodeEdited] = useState(false);
  const { control, handleSubmit, setError, setValue, reset, formState } = useForm<AddIn, unknown, AddOut>({
    resolver: zodResolver(addForm),
    defaultValues: EMPTY,
    mode: 'onTouched',
  });

  const onSubmit = handleSubmit(async (values) => {
    setMessage(null);
    const taken = existing.find((d) => d.code === values.code);
    if (taken) {
      setError('code', { type: 'duplicate', message: t('disciplinesUi.add.codeTaken', { label: shownLabel(taken) }) });
      return;
    }
    const result = await invoke('disciplines.save', { ...values, active: true });
    if (result.ok) {
      queryClient.setQueryData(QUERY_KEY, result.value);
      reset(EMPTY);
      setCodeEdited(false);
      setMessage({ kind: 'success', text: t('disciplinesUi.add.added', { label: values.label }) });
      return;
    }
    const { fields, other } = splitServerErrors(result.error, (p) => hasPath(EMPTY, p));
    for (const [path, m] of fields) setError(path as keyof AddIn, { type: 'server', message: m });
    setMessage({ kind: 'error', text: other.length ? other.join(' ') : result.error.message });
  });

  return (
    <Paper variant="outlined" component="section" aria-labelledby="discipline-add-title" sx={{ p: 3 }}>
      <Typography id="discipline-add-title" variant="h3" component="h3" gutterBottom>
        {t('disciplinesUi.add.title')}
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        {t('disciplinesUi.add.intro')}
      </Typography>
      <Box component="form" noValidate onSubmit={(e) => void onSubmit(e)} aria-label={t('disciplinesUi.add.title')}>
        <Box sx={{ display: 'flex', gap: 2, alignItems: 'flex-start', flexWrap: 'wrap' }}>
          <Controller
            control={control}
            name="label"
            render={({ field, fieldState }) => (
              <TextField
                size="small"
                required
                label={t('disciplinesUi.add.label')}
                name={field.name}
                inputRef={field.ref}
                value={field.value}
                onChange={(e) => {
                  field.onChange(e.target.value);
                  if (!codeEdited)
                    setValue('code', suggestCode(e.target.value), { shouldDirty: true, shouldValidate: formState.isSubmitted });
                }}
                onBlur={field.onBlur}
                error={!!fieldState.error}
                helperText={fieldState.error?.message ?? t('disciplinesUi.add.labelHelp')}
                autoComplete="off"
                slotProps={{ htmlInput: { maxLength: 80 } }}
                sx={{ flex: '1 1 280px' }}
              />
            )}
          />
          <Controller
            control={control}
            name="code"
            render={({ field, fieldState }) => (
              <TextField
                size="small"
                required
                label={t('disciplinesUi.add.code')}
                name={field.name}
                inputRef={field.ref}
                value={field.value}
                onChange={(e) => {
                  setCodeEdited(e.target.value !== '');
                  field.onChange(e.target.value);
                }}
                onBlur={field.onBlur}
                error={!!fieldState.error}
                helperText={fieldState.error?.message ?? t('disciplinesUi.add.codeHelp')}
                autoComplete="off"
                slotProps={{ htmlInput: { maxLength: CODE_MAX, spellCheck: false, style: { fontFamily: 'monospace' } } }}
                sx={{ flex: '1 1 240px' }}
              />
            )}
          />
          <Button type="submit" variant="contained" startIcon={<AddOutlined />} disabled={formState.isSubmitting} sx={{ mt: 0.25 }}>
            {t('disciplinesUi.add.submit')}
          </Button>
        </Box>
        {message ? (
          <Alert
            severity={message.kind}
            role={message.kind === 'error' ? 'alert' : 'status'}
            sx={{ mt: 2, py: 0 }}
            onClose={() => setMessage(null)}
          >
            {message.text}
          </Alert>
        ) : null}
      </Box>
    </Paper>
  );
}

export function DisciplineSettings() {
  const { t } = useTranslation();
  const info = useSessionInfo();
  const canEdit = EDITORS.includes(info.user.role);
  const query = useQuery({ queryKey: QUERY_KEY, queryFn: () => call('disciplines.list', {}) });
  return (
    <Box sx={{ display: 'grid', gap: 2 }}>
      <Paper variant="outlined" sx={{ p: 3 }}>
        <Typography variant="h2" gutterBottom>
          {t('disciplinesUi.title')}
        </Typography>
        <Typography color="text.secondary">{t('disciplinesUi.intro')}</Typography>
        {!canEdit ? (
          <Alert severity="info" sx={{ mt: 2 }}>
            {t('disciplinesUi.readOnly')}
          </Alert>
        ) : null}
        <Box sx={{ mt: 2 }}>
          {query.isPending ? (
            <Loading />
          ) : query.error ? (
            <QueryError error={query.error} onRetry={() => void query.refetch()} />
          ) : query.data.length === 0 ? (
            <EmptyState title={t('disciplinesUi.none')} />
          ) : (
            <Table size="small" aria-label={t('disciplinesUi.tableLabel')} sx={{ '& th': { fontWeight: 600 } }}>
              <TableHead>
                <TableRow>
                  <TableCell>{t('disciplinesUi.columns.label')}</TableCell>
                  <TableCell>{t('disciplinesUi.columns.code')}</TableCell>
                  <TableCell sx={{ width: 260 }}>{t('disciplinesUi.columns.active')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {query.data.map((d) => (
                  <TableRow key={d.code} data-testid={`discipline-${d.code}`}>
                    <TableCell sx={{ fontWeight: 500, color: d.active ? 'text.primary' : 'text.secondary' }}>{shownLabel(d)}</TableCell>
                    <TableCell sx={{ fontFamily: 'monospace', color: 'text.secondary' }}>{d.code}</TableCell>
                    <TableCell>
                      <ActiveSwitch discipline={d} canEdit={canEdit} />
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </Box>
      </Paper>
      {canEdit && query.data ? <AddDiscipline existing={query.data} /> : null}
    </Box>
  );
}
