/**
 * Settings › Clocks: each clock SENCo Desk keeps, with what it is for and where the default comes from, switched on
 * or off, its length and how it counts, and (for the annual review) how often children under 5 are reviewed.
 * Each clock saves on its own. Only the SENCo may change them (clocks.saveRule); everyone else reads.
 */
import { useState } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import FormControlLabel from '@mui/material/FormControlLabel';
import InputAdornment from '@mui/material/InputAdornment';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Switch from '@mui/material/Switch';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { contract, type ClockRuleView } from '../../../../shared/contract';
import { call, invoke } from '../../api/client';
import { useSessionInfo } from '../../auth/auth';
import { Loading, QueryError } from '../../components/status';
import { hasPath, splitServerErrors } from '../../lib/server-errors';
import { qk } from '../../lib/query-keys';

const ruleForm = contract['clocks.saveRule'].input.omit({ key: true });
type RuleIn = z.input<typeof ruleForm>;
type RuleOut = z.output<typeof ruleForm>;

const UNDER5_CHOICES = [3, 4, 5, 6] as const;

/** What the form starts from. A fixed clock's length is unused (the server keeps its default), but must be valid. */
function toForm(rule: ClockRuleView): RuleIn {
  return {
    enabled: rule.enabled,
    amount: rule.hasPeriod ? rule.amount : Math.max(1, rule.amount),
    unit: rule.unit,
    under5Months: rule.key === 'annual_review' ? (rule.under5Months ?? 6) : null,
  };
}

function ClockRuleRow({ rule, canEdit }: { readonly rule: ClockRuleView; readonly canEdit: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const label = t(`clocks.keys.${rule.key}.label`);
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const { control, handleSubmit, setError, reset, formState } = useForm<RuleIn, unknown, RuleOut>({
    resolver: zodResolver(ruleForm),
    defaultValues: toForm(rule),
    mode: 'onTouched',
  });
  const enabled = useWatch({ control, name: 'enabled' });
  const headingId = `clock-${rule.key}`;

  const onSubmit = handleSubmit(async (values) => {
    setMessage(null);
    const result = await invoke('clocks.saveRule', { key: rule.key, ...values });
    if (result.ok) {
      queryClient.setQueryData(qk('clocks.rules'), result.value);
      const saved = result.value.find((r) => r.key === rule.key);
      reset(saved ? toForm(saved) : values);
      setMessage({ kind: 'success', text: t('clocksUi.settings.clocks.saved', { clock: label }) });
      return;
    }
    const { fields, other } = splitServerErrors(result.error, (p) => hasPath(toForm(rule), p));
    for (const [path, m] of fields) setError(path as keyof RuleIn, { type: 'server', message: m });
    setMessage({ kind: 'error', text: other.length ? other.join(' ') : result.error.message });
  });

  return (
    <Paper
      variant="outlined"
      component="section"
      aria-labelledby={headingId}
      data-testid={`clock-rule-${rule.key}`}
      sx={{ p: 2.5, display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', md: 'minmax(0, 1fr) minmax(0, 460px)' } }}
    >
      <Box>
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap', mb: 0.5 }}>
          <Typography id={headingId} variant="h3" component="h3">
            {label}
          </Typography>
          <Chip
            size="small"
            variant="outlined"
            label={rule.custom ? t('clocksUi.settings.clocks.custom') : t('clocksUi.settings.clocks.default')}
            sx={rule.custom ? { borderColor: '#b26a00', color: '#6b4500', bgcolor: '#fff4e0' } : { color: 'text.secondary' }}
          />
        </Box>
        <Typography variant="body2" sx={{ mb: 0.5 }}>
          {t(`clocks.keys.${rule.key}.description`)}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {t('clocksUi.settings.clocks.sourceLine', { source: t(`clocks.keys.${rule.key}.source`) })}
        </Typography>
      </Box>
      <Box component="form" noValidate onSubmit={(e) => void onSubmit(e)} aria-label={label}>
        <Box sx={{ display: 'flex', gap: 1.5, alignItems: 'flex-start', flexWrap: 'wrap' }}>
          <Controller
            control={control}
            name="enabled"
            render={({ field }) => (
              <FormControlLabel
                sx={{ m: 0, mt: 0.5, minWidth: 76 }}
                control={
                  <Switch
                    checked={!!field.value}
                    onChange={(e) => field.onChange(e.target.checked)}
                    disabled={!canEdit}
                    slotProps={{ input: { 'aria-label': t('clocksUi.settings.clocks.enabledLabel', { clock: label }) } }}
                  />
                }
                label={t('clocksUi.settings.clocks.enabled')}
              />
            )}
          />
          {rule.hasPeriod ? (
            <>
              <Controller
                control={control}
                name="amount"
                render={({ field, fieldState }) => (
                  <TextField
                    size="small"
                    type="number"
                    label={t('clocksUi.settings.clocks.amount')}
                    name={field.name}
                    inputRef={field.ref}
                    value={typeof field.value === 'number' && !Number.isNaN(field.value) ? String(field.value) : ''}
                    onChange={(e) => field.onChange(e.target.value === '' ? Number.NaN : Number(e.target.value))}
                    onBlur={field.onBlur}
                    error={!!fieldState.error}
                    helperText={fieldState.error?.message}
                    disabled={!canEdit || !enabled}
                    slotProps={{
                      htmlInput: { min: 1, max: 104, step: 1, inputMode: 'numeric' },
                      // One way of counting: say it beside the number rather than offer a choice of one.
                      ...(rule.allowedUnits.length < 2
                        ? { input: { endAdornment: <InputAdornment position="end">{t(`clocks.units.${rule.unit}`)}</InputAdornment> } }
                        : {}),
                    }}
                    sx={{ width: rule.allowedUnits.length < 2 ? 150 : 96 }}
                  />
                )}
              />
              {rule.allowedUnits.length < 2 ? null : (
                <Controller
                  control={control}
                  name="unit"
                  render={({ field, fieldState }) => (
                    <TextField
                      select
                      size="small"
                      label={t('clocksUi.settings.clocks.unit')}
                      name={field.name}
                      inputRef={field.ref}
                      value={field.value}
                      onChange={(e) => field.onChange(e.target.value)}
                      onBlur={field.onBlur}
                      error={!!fieldState.error}
                      helperText={fieldState.error?.message}
                      disabled={!canEdit || !enabled}
                      sx={{ width: 160 }}
                    >
                      {rule.allowedUnits.map((u) => (
                        <MenuItem key={u} value={u}>
                          {t(`clocks.units.${u}`)}
                        </MenuItem>
                      ))}
                    </TextField>
                  )}
                />
              )}
            </>
          ) : null}
          {rule.key === 'annual_review' ? (
            <Controller
              control={control}
              name="under5Months"
              render={({ field, fieldState }) => (
                <TextField
                  select
                  size="small"
                  label={t('clocksUi.settings.clocks.under5')}
                  name={field.name}
                  inputRef={field.ref}
                  value={field.value === null || field.value === undefined ? '' : String(field.value)}
                  onChange={(e) => field.onChange(Number(e.target.value))}
                  onBlur={field.onBlur}
                  error={!!fieldState.error}
                  helperText={fieldState.error?.message ?? t('clocksUi.settings.clocks.under5Help')}
                  disabled={!canEdit || !enabled}
                  sx={{ width: 272 }}
                >
                  {UNDER5_CHOICES.map((m) => (
                    <MenuItem key={m} value={String(m)}>
                      {m}
                    </MenuItem>
                  ))}
                </TextField>
              )}
            />
          ) : null}
          {canEdit ? (
            <Button
              type="submit"
              variant="contained"
              disabled={!formState.isDirty || formState.isSubmitting}
              aria-label={t('clocksUi.settings.clocks.saveLabel', { clock: label })}
              sx={{ mt: 0.25, ml: 'auto' }}
            >
              {t('clocksUi.settings.clocks.save')}
            </Button>
          ) : null}
        </Box>
        {!rule.hasPeriod ? (
          <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
            {rule.key === 'preparing_for_adulthood' ? t('clocksUi.settings.clocks.follows') : t('clocksUi.settings.clocks.fixed')}
          </Typography>
        ) : null}
        {!enabled ? (
          <Typography variant="body2" sx={{ mt: 1, color: '#6b4500' }}>
            {t('clocksUi.settings.clocks.off')}
          </Typography>
        ) : null}
        {message ? (
          <Alert
            severity={message.kind}
            role={message.kind === 'error' ? 'alert' : 'status'}
            sx={{ mt: 1.5, py: 0 }}
            onClose={() => setMessage(null)}
          >
            {message.text}
          </Alert>
        ) : null}
      </Box>
    </Paper>
  );
}

export function ClockSettings() {
  const { t } = useTranslation();
  const info = useSessionInfo();
  const canEdit = info.user.role === 'senco';
  const query = useQuery({ queryKey: qk('clocks.rules'), queryFn: () => call('clocks.rules', {}) });
  return (
    <Box sx={{ display: 'grid', gap: 2 }}>
      <Paper variant="outlined" sx={{ p: 3 }}>
        <Typography variant="h2" gutterBottom>
          {t('clocksUi.settings.clocks.title')}
        </Typography>
        <Typography color="text.secondary">{t('clocksUi.settings.clocks.intro')}</Typography>
        {!canEdit ? (
          <Alert severity="info" sx={{ mt: 2 }}>
            {t('clocksUi.settings.clocks.readOnly')}
          </Alert>
        ) : null}
      </Paper>
      {query.isPending ? (
        <Loading />
      ) : query.error ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        query.data.map((rule) => <ClockRuleRow key={rule.key} rule={rule} canEdit={canEdit} />)
      )}
    </Box>
  );
}
