/**
 * Settings › Provision costs (SENCo and headteacher only: the tab is not offered to anyone else, and the core refuses
 * them the rates and threshold anyway): the hourly rate of each staff role that delivers provision, in pounds (kept in
 * pence), and the school's notional SEN threshold (the national £6,000 unless it sets its own). The provision map
 * costs each pupil's provision from these.
 */
import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import FormControlLabel from '@mui/material/FormControlLabel';
import InputAdornment from '@mui/material/InputAdornment';
import Paper from '@mui/material/Paper';
import Switch from '@mui/material/Switch';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { DELIVERY_ROLES, type DeliveryRole } from '../../../../shared/provision';
import { call, invoke } from '../../api/client';
import { ErrorSummary } from '../../components/error-summary';
import { Loading, QueryError } from '../../components/status';
import { penceToPounds, readCosts, type CostsForm as CostsFormValues } from './provision-costs-model';
import { qk } from '../../lib/query-keys';

export function ProvisionCostSettings() {
  const rates = useQuery({ queryKey: qk('provision.rates.get'), queryFn: () => call('provision.rates.get', {}) });
  const threshold = useQuery({ queryKey: qk('provision.threshold.get'), queryFn: () => call('provision.threshold.get', {}) });
  if (rates.error || threshold.error)
    return <QueryError error={rates.error ?? threshold.error} onRetry={() => void Promise.all([rates.refetch(), threshold.refetch()])} />;
  if (!rates.data || !threshold.data) return <Loading />;
  return (
    <CostsForm
      initial={{
        rates: Object.fromEntries(
          DELIVERY_ROLES.map((r) => [r, penceToPounds(rates.data.find((x) => x.role === r)?.hourlyPence ?? null)]),
        ) as Record<DeliveryRole, string>,
        threshold: penceToPounds(threshold.data.thresholdPence),
        useDefault: threshold.data.isDefault,
      }}
    />
  );
}

function CostsForm({ initial }: { readonly initial: CostsFormValues }) {
  const { t } = useTranslation();
  const [form, setForm] = useState<CostsFormValues>(initial);
  const [errors, setErrors] = useState<Readonly<Record<string, string>>>({});
  const [summary, setSummary] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    const read = readCosts(form);
    if (!read.ok) {
      setErrors(read.errors);
      setSummary(t('errors.invalidInput'));
      return;
    }
    setErrors({});
    setSummary(null);
    setBusy(true);
    const r1 = await invoke('provision.rates.set', { rates: read.rates });
    const r2 = r1.ok ? await invoke('provision.threshold.set', { thresholdPence: read.thresholdPence }) : null;
    setBusy(false);
    const failed = !r1.ok ? r1.error : r2 && !r2.ok ? r2.error : null;
    if (failed) {
      setSummary(failed.message);
      return;
    }
    setSaved(true);
  };

  return (
    <Paper variant="outlined" component="section" aria-labelledby="provision-costs-title" sx={{ p: 3 }}>
      <Typography variant="h2" id="provision-costs-title" gutterBottom>
        {t('catalogueUi.costs.title')}
      </Typography>
      <Typography color="text.secondary" sx={{ mb: 2 }}>
        {t('catalogueUi.costs.intro')}
      </Typography>
      <form onSubmit={(e) => void submit(e)} noValidate aria-labelledby="provision-costs-title">
        <Box sx={{ display: 'grid', gap: 2 }}>
          {saved ? (
            <Alert severity="success" role="status" onClose={() => setSaved(false)}>
              {t('catalogueUi.costs.saved')}
            </Alert>
          ) : null}
          <ErrorSummary message={summary} items={[]} />
          <Box component="fieldset" sx={{ border: 0, p: 0, m: 0, display: 'grid', gap: 1.5 }}>
            <Typography component="legend" variant="h3" sx={{ mb: 0.5 }}>
              {t('catalogueUi.costs.rates')}
            </Typography>
            <Typography variant="body2" color="text.secondary">
              {t('catalogueUi.costs.ratesIntro')}
            </Typography>
            <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' }, alignItems: 'start' }}>
              {DELIVERY_ROLES.map((role) => (
                <TextField
                  key={role}
                  name={`rate.${role}`}
                  label={t('catalogueUi.costs.rate', { role: t(`provisionUi.roles.${role}`) })}
                  value={form.rates[role]}
                  onChange={(e) => setForm({ ...form, rates: { ...form.rates, [role]: e.target.value } })}
                  error={!!errors[`rate.${role}`]}
                  helperText={errors[`rate.${role}`]}
                  slotProps={{
                    input: { startAdornment: <InputAdornment position="start">£</InputAdornment> },
                    htmlInput: { inputMode: 'decimal', maxLength: 10 },
                  }}
                />
              ))}
            </Box>
          </Box>
          <Box component="fieldset" sx={{ border: 0, p: 0, m: 0, display: 'grid', gap: 1.5, mt: 1 }}>
            <Typography component="legend" variant="h3" sx={{ mb: 0.5 }}>
              {t('catalogueUi.costs.threshold')}
            </Typography>
            <FormControlLabel
              control={
                <Switch
                  checked={form.useDefault}
                  onChange={(e) =>
                    setForm({ ...form, useDefault: e.target.checked, threshold: e.target.checked ? '6000.00' : form.threshold })
                  }
                />
              }
              label={t('catalogueUi.costs.useDefault')}
            />
            {form.useDefault ? (
              <Typography variant="body2">{t('catalogueUi.costs.thresholdDefault')}</Typography>
            ) : (
              <TextField
                name="threshold"
                label={t('catalogueUi.costs.threshold')}
                value={form.threshold}
                onChange={(e) => setForm({ ...form, threshold: e.target.value })}
                error={!!errors.threshold}
                helperText={errors.threshold ?? t('catalogueUi.costs.thresholdHelp')}
                sx={{ maxWidth: 420 }}
                slotProps={{
                  input: { startAdornment: <InputAdornment position="start">£</InputAdornment> },
                  htmlInput: { inputMode: 'decimal', maxLength: 12 },
                }}
              />
            )}
          </Box>
          <Box>
            <Button type="submit" variant="contained" disabled={busy}>
              {t('catalogueUi.costs.save')}
            </Button>
          </Box>
        </Box>
      </form>
    </Paper>
  );
}
