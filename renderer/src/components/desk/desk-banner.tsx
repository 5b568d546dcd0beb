/**
 * The connection banner above every page of a desk connected to the school server (issue 16): nothing on a
 * standalone desk; a quiet "Connected to the school server" line when online (with what is being sent); a clear
 * banner when offline, with how many items wait and, when safeguarding concerns are among them, a red line with an
 * icon and words (colour is never the only signal) telling the user to tell the DSL in person. A link to the
 * "Could not be sent" list whenever the server refused something. It is a polite live region, so a screen reader
 * hears the desk go offline or back online.
 */
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useLocation } from 'react-router-dom';
import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import CloudDoneOutlined from '@mui/icons-material/CloudDoneOutlined';
import CloudOffOutlined from '@mui/icons-material/CloudOffOutlined';
import CloudSyncOutlined from '@mui/icons-material/CloudSyncOutlined';
import ErrorOutlined from '@mui/icons-material/ErrorOutlined';
import ReportOutlined from '@mui/icons-material/ReportOutlined';
import type { DeskStatus } from '../../../../shared/contract/desk';
import { bannerFor, whenParts } from './desk-model';
import { useDeskStatus } from './use-desk-status';

export const OUTBOX_PATH = '/outbox';

/** The shell's banner: polls the desk and refreshes the screens when a colleague's change arrives. */
export function DeskBanner() {
  const { pathname } = useLocation();
  const query = useDeskStatus({ poll: true });
  return <DeskBannerView status={query.data} onOutboxPage={pathname === OUTBOX_PATH} />;
}

function FailedLink({ count, here }: { readonly count: number; readonly here: boolean }) {
  const { t } = useTranslation();
  const text = t('connectedUi.banner.failed', { count });
  if (here)
    return (
      <Typography component="span" sx={{ fontWeight: 600, fontSize: 'inherit' }}>
        {text}
      </Typography>
    );
  return (
    <Link
      component={RouterLink}
      to={OUTBOX_PATH}
      data-testid="desk-failed-link"
      color="inherit"
      sx={{ fontWeight: 700, textDecorationThickness: 2, display: 'inline-flex', alignItems: 'center', gap: 0.5 }}
    >
      <ErrorOutlined fontSize="small" aria-hidden />
      {text}
    </Link>
  );
}

/** The banner for one answer of desk.status (kept apart from the poll so it renders in tests). */
export function DeskBannerView({
  status,
  onOutboxPage = false,
}: {
  readonly status: DeskStatus | undefined;
  readonly onOutboxPage?: boolean;
}) {
  const { t } = useTranslation();
  const model = bannerFor(status);
  if (model.kind === 'none') return null;
  if (model.kind === 'online') {
    return (
      <Box
        role="status"
        aria-live="polite"
        aria-label={t('connectedUi.banner.label')}
        data-testid="desk-banner"
        data-mode="online"
        sx={{
          display: 'flex',
          flexWrap: 'wrap',
          alignItems: 'center',
          columnGap: 2,
          rowGap: 0.5,
          mb: 2,
          color: 'text.secondary',
          fontSize: '0.9rem',
        }}
      >
        <Box component="span" sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.75, color: 'success.main', fontWeight: 500 }}>
          {model.sending ? <CloudSyncOutlined fontSize="small" aria-hidden /> : <CloudDoneOutlined fontSize="small" aria-hidden />}
          {t('connectedUi.banner.online')}
        </Box>
        {model.waiting > 0 ? (
          <Box component="span" data-testid="desk-waiting">
            {model.sending
              ? t('connectedUi.banner.sending', { count: model.waiting })
              : t('connectedUi.banner.waitingOnline', { count: model.waiting })}
          </Box>
        ) : null}
        {model.failed > 0 ? (
          <Box component="span" sx={{ color: 'error.main' }}>
            <FailedLink count={model.failed} here={onOutboxPage} />
          </Box>
        ) : null}
      </Box>
    );
  }
  const contact = model.lastContactAt ? whenParts(model.lastContactAt) : null;
  return (
    <Box
      role="status"
      aria-live="polite"
      aria-label={t('connectedUi.banner.label')}
      data-testid="desk-banner"
      data-mode="offline"
      sx={{ mb: 2, border: 2, borderColor: '#8a5a00', borderRadius: 1, bgcolor: '#fff8e6', color: '#1b1f24', overflow: 'hidden' }}
    >
      <Box sx={{ display: 'flex', gap: 1.5, alignItems: 'flex-start', px: 2, py: 1.5 }}>
        <CloudOffOutlined sx={{ color: '#8a5a00', mt: 0.25 }} aria-hidden />
        <Box sx={{ minWidth: 0 }}>
          <Typography component="p" sx={{ fontWeight: 700, fontSize: '1.05rem' }}>
            {t('connectedUi.banner.offline')}
          </Typography>
          <Typography component="p" variant="body2">
            <Box component="span" data-testid="desk-waiting" sx={{ fontWeight: 600 }}>
              {model.waiting > 0 ? t('connectedUi.banner.waiting', { count: model.waiting }) : t('connectedUi.banner.nothingWaiting')}
            </Box>{' '}
            {t('connectedUi.banner.offlineHelp')}{' '}
            {contact ? t('connectedUi.banner.lastContact', contact) : t('connectedUi.banner.neverContact')}
          </Typography>
          {model.failed > 0 ? (
            <Typography component="p" variant="body2" sx={{ mt: 0.5, color: 'error.main' }}>
              <FailedLink count={model.failed} here={onOutboxPage} />
            </Typography>
          ) : null}
        </Box>
      </Box>
      {model.concernsWaiting > 0 ? (
        <Box
          data-testid="desk-concerns"
          sx={{ display: 'flex', gap: 1.5, alignItems: 'center', px: 2, py: 1.25, bgcolor: 'error.main', color: '#fff' }}
        >
          <ReportOutlined aria-hidden />
          <Typography component="p" sx={{ fontWeight: 700 }}>
            {t('connectedUi.banner.concerns', { count: model.concernsWaiting })}
          </Typography>
        </Box>
      ) : null}
    </Box>
  );
}
