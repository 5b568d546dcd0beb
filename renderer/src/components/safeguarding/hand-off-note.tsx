/** "SENCo Desk hands the concern to the DSL; if a child is at immediate risk…": above the Safeguarding page and the raise dialog. */
import { useTranslation } from 'react-i18next';
import Alert from '@mui/material/Alert';
import Typography from '@mui/material/Typography';
import type { SxProps, Theme } from '@mui/material/styles';

export function HandOffNote({ id, testId, sx }: { readonly id?: string; readonly testId?: string; readonly sx?: SxProps<Theme> }) {
  const { t } = useTranslation();
  return (
    <Alert severity="info" role="note" id={id} data-testid={testId} sx={sx}>
      <Typography sx={{ mb: 0.5 }}>{t('safeguardingUi.handOffNote')}</Typography>
      <Typography sx={{ fontWeight: 600 }}>{t('safeguardingUi.immediateRisk')}</Typography>
    </Alert>
  );
}
