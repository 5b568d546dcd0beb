/**
 * On a desk that is offline, a safeguarding concern does not reach the DSL: it waits on the desk and is the first
 * thing sent when the connection returns. The raise dialog and its confirmation say so in red, with an icon and
 * plain words (colour is never the only signal): tell the DSL in person now.
 */
import { useTranslation } from 'react-i18next';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import ReportOutlined from '@mui/icons-material/ReportOutlined';

export function ConcernOfflineWarning({
  pupil,
  id,
}: {
  /** After it was kept: the pupil's name, and the words say it is saved on this desk. Before: null. */
  readonly pupil: string | null;
  readonly id?: string;
}) {
  const { t } = useTranslation();
  return (
    <Box
      id={id}
      role="alert"
      data-testid="concern-offline-warning"
      sx={{ display: 'flex', gap: 1.5, alignItems: 'flex-start', p: 2, borderRadius: 1, bgcolor: 'error.main', color: '#fff' }}
    >
      <ReportOutlined sx={{ mt: 0.25 }} aria-hidden />
      <Box>
        <Typography component="p" sx={{ fontWeight: 700, fontSize: '1.05rem' }}>
          {pupil === null ? t('connectedUi.concernOffline.title') : t('connectedUi.concernOffline.keptTitle')}
        </Typography>
        <Typography component="p" sx={{ fontWeight: 500 }}>
          {pupil === null ? t('connectedUi.concernOffline.body') : t('connectedUi.concernOffline.keptBody', { pupil })}
        </Typography>
      </Box>
    </Box>
  );
}
