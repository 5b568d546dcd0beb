/**
 * The DSL's alert in the app shell: while anything raised is waiting to be acknowledged, a banner above every page
 * ("2 new safeguarding concerns — open the Safeguarding page"), and a spoken announcement whenever a newer concern
 * arrives. It names no pupil and quotes nothing: a colleague may be looking at the screen. Nothing for other roles.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useLocation } from 'react-router-dom';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import NotificationImportantOutlined from '@mui/icons-material/NotificationImportantOutlined';
import { isNewAlert } from './concern-model';
import { useSafeguardingAlerts } from './use-alerts';
import { visuallyHidden } from '../../lib/visually-hidden';

export const SAFEGUARDING_PATH = '/safeguarding';

export function SafeguardingBanner() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const { isDsl, query } = useSafeguardingAlerts({ poll: true });
  const data = query.data;
  // The newest concern already announced (undefined: nothing read yet), and what was last said.
  const [seen, setSeen] = useState<string | null | undefined>(undefined);
  const [spoken, setSpoken] = useState<{ readonly n: number; readonly text: string } | null>(null);
  const newest = data ? data.newestRaisedAt : undefined;
  if (data && newest !== seen) {
    setSeen(newest);
    if (isNewAlert(seen, data)) {
      setSpoken((s) => ({
        n: (s?.n ?? 0) + 1,
        text: `${t('safeguardingUi.banner.announce')} ${t('safeguardingUi.banner.new', { count: data.unacknowledged })}.`,
      }));
    }
  }
  if (!isDsl) return null;
  const here = pathname === SAFEGUARDING_PATH;
  return (
    <>
      <Box sx={visuallyHidden} aria-live="assertive" aria-atomic="true" data-testid="safeguarding-announcer">
        {spoken ? <span key={spoken.n}>{spoken.text}</span> : null}
      </Box>
      {query.error ? (
        <Alert severity="warning" sx={{ mb: 2 }} data-testid="safeguarding-alerts-failed">
          {t('safeguardingUi.banner.failed', { message: query.error.message })}
        </Alert>
      ) : null}
      {data && data.unacknowledged > 0 ? (
        <Alert
          role="region"
          aria-label={t('safeguardingUi.banner.label')}
          severity="warning"
          variant="filled"
          icon={<NotificationImportantOutlined fontSize="inherit" />}
          data-testid="safeguarding-banner"
          sx={{ mb: 2, fontSize: '1.05rem', alignItems: 'center' }}
        >
          <Typography component="p" sx={{ fontWeight: 600, fontSize: 'inherit' }}>
            {t('safeguardingUi.banner.new', { count: data.unacknowledged })}
            {' — '}
            {here ? (
              t('safeguardingUi.banner.here')
            ) : (
              <Link component={RouterLink} to={SAFEGUARDING_PATH} color="inherit" sx={{ fontWeight: 700, textDecorationThickness: 2 }}>
                {t('safeguardingUi.banner.open')}
              </Link>
            )}
          </Typography>
          {data.overdue > 0 ? (
            <Typography component="p" sx={{ fontSize: 'inherit' }}>
              {t('safeguardingUi.banner.overdue', { count: data.overdue })}
            </Typography>
          ) : null}
        </Alert>
      ) : null}
    </>
  );
}

/** The count on the Safeguarding menu item, for the DSL: the number, and the same in words for a screen reader. */
export function SafeguardingNavBadge() {
  const { t } = useTranslation();
  const { isDsl, query } = useSafeguardingAlerts();
  const count = query.data?.unacknowledged ?? 0;
  if (!isDsl || count === 0) return null;
  return (
    <Box component="span" data-testid="safeguarding-nav-badge" sx={{ ml: 1, display: 'inline-flex', flexShrink: 0 }}>
      <Box
        component="span"
        aria-hidden
        sx={{
          bgcolor: 'error.main',
          color: '#fff',
          borderRadius: 10,
          px: 1,
          py: 0.25,
          fontSize: '0.75rem',
          fontWeight: 700,
          lineHeight: 1.4,
          whiteSpace: 'nowrap',
        }}
      >
        {t('safeguardingUi.badge', { count })}
      </Box>
      <Box component="span" sx={visuallyHidden}>
        {` (${t('safeguardingUi.badgeLabel', { count })})`}
      </Box>
    </Box>
  );
}
