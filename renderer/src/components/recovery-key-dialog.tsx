import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import Typography from '@mui/material/Typography';

/**
 * The encrypted database's recovery key, shown once (after setup, or after an earlier version's database was
 * encrypted at a SENCo's sign-in). It cannot be shown again: the dialog closes only once the SENCo confirms they
 * have kept it.
 */
export function RecoveryKeyDialog({ recoveryKey, onDone }: { readonly recoveryKey: string; readonly onDone: () => void }) {
  const { t } = useTranslation();
  const [kept, setKept] = useState(false);
  return (
    <Dialog open aria-labelledby="recovery-key-title">
      <DialogTitle id="recovery-key-title">{t('setup.recoveryTitle')}</DialogTitle>
      <DialogContent>
        <Typography sx={{ mb: 2 }}>{t('setup.recoveryIntro')}</Typography>
        <Typography
          data-testid="recovery-key"
          component="p"
          sx={{ fontFamily: 'monospace', fontSize: '1.25rem', letterSpacing: '0.05em', mb: 2, wordBreak: 'break-all' }}
        >
          {recoveryKey}
        </Typography>
        <Typography sx={{ mb: 1 }}>{t('setup.recoveryAdvice')}</Typography>
        <FormControlLabel
          control={<Checkbox checked={kept} onChange={(e) => setKept(e.target.checked)} />}
          label={t('setup.recoveryConfirm')}
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={() => window.print()}>{t('setup.recoveryPrint')}</Button>
        <Button variant="contained" disabled={!kept} onClick={onDone}>
          {t('setup.recoveryContinue')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
