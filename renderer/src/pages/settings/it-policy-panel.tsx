import { useTranslation } from 'react-i18next';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import InputAdornment from '@mui/material/InputAdornment';
import Paper from '@mui/material/Paper';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import LockOutlined from '@mui/icons-material/LockOutlined';
import { hasPolicy, type ItPolicy } from '../../lib/it-policy';

/**
 * Settings › School: what the school's IT fixed in the machine-wide policy file (desktop app only), each value shown
 * locked, read-only, with "Set by your school's IT"; and the file's problems, if it had any. Nothing when no policy.
 */
export function ItPolicyPanel({ policy }: { readonly policy: ItPolicy }) {
  const { t } = useTranslation();
  if (!hasPolicy(policy)) return null;
  const rows: { readonly id: string; readonly label: string; readonly value: string; readonly note?: string }[] = [];
  if (policy.dataFolder !== undefined) rows.push({ id: 'dataFolder', label: t('desktop.policy.dataFolder'), value: policy.dataFolder });
  if (policy.lockAfterMinutes !== undefined)
    rows.push({
      id: 'lockAfterMinutes',
      label: t('desktop.policy.lockAfterMinutes'),
      value: t('desktop.policy.lockAfterValue', { count: policy.lockAfterMinutes }),
    });
  if (policy.disableUpdates !== undefined)
    rows.push({
      id: 'disableUpdates',
      label: t('desktop.policy.disableUpdates'),
      value: policy.disableUpdates ? t('desktop.policy.updatesOff') : t('desktop.policy.updatesOn'),
    });
  if (policy.schoolServer !== undefined)
    rows.push({
      id: 'schoolServer',
      label: t('desktop.policy.schoolServer'),
      value: policy.schoolServer,
      note: t('desktop.policy.schoolServerNote'),
    });
  if (policy.schoolServerFingerprint !== undefined)
    rows.push({ id: 'schoolServerFingerprint', label: t('desktop.policy.schoolServerFingerprint'), value: policy.schoolServerFingerprint });
  return (
    <Paper variant="outlined" sx={{ p: 3, mt: 3 }} component="section" aria-labelledby="it-policy-title" data-testid="it-policy">
      <Typography variant="h2" id="it-policy-title" gutterBottom>
        {t('desktop.policy.title')}
      </Typography>
      <Typography color="text.secondary" sx={{ mb: 2 }}>
        {t('desktop.policy.intro')}
      </Typography>
      {policy.problems?.length ? (
        <Alert severity="warning" sx={{ mb: 2 }}>
          <AlertTitle>{t('desktop.policy.problemsTitle')}</AlertTitle>
          <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
            {policy.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </Box>
          {t('desktop.policy.problemsHelp')}
        </Alert>
      ) : null}
      <Box sx={{ display: 'grid', gap: 2.5, maxWidth: 560 }}>
        {rows.map((r) => (
          <TextField
            key={r.id}
            id={`it-policy-${r.id}`}
            label={r.label}
            value={r.value}
            disabled
            helperText={r.note ? `${t('desktop.policy.setByIt')}. ${r.note}` : t('desktop.policy.setByIt')}
            slotProps={{
              input: {
                readOnly: true,
                endAdornment: (
                  <InputAdornment position="end">
                    <LockOutlined fontSize="small" aria-hidden />
                  </InputAdornment>
                ),
              },
            }}
          />
        ))}
      </Box>
    </Paper>
  );
}
