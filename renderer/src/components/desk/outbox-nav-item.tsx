/**
 * "Could not be sent" in the navigation: only on a connected desk, and only while the school server has refused
 * something of this user's, with the count (and the same in words for a screen reader).
 */
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router-dom';
import Box from '@mui/material/Box';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import OutboxOutlined from '@mui/icons-material/OutboxOutlined';
import { showOutboxNav } from './desk-model';
import { OUTBOX_PATH } from './desk-banner';
import { useDeskStatus } from './use-desk-status';
import { visuallyHidden } from '../../lib/visually-hidden';

export function OutboxNavItem({ active }: { readonly active: boolean }) {
  const { t } = useTranslation();
  const { data } = useDeskStatus();
  if (!showOutboxNav(data) || !data) return null;
  return (
    <ListItemButton
      component={NavLink}
      to={OUTBOX_PATH}
      selected={active}
      aria-current={active ? 'page' : undefined}
      data-testid="desk-outbox-nav"
      sx={{
        mx: 1,
        borderRadius: 1,
        color: 'error.main',
        '&.Mui-selected': { bgcolor: 'rgba(179,38,30,0.08)', fontWeight: 600 },
      }}
    >
      <ListItemIcon sx={{ minWidth: 36, color: 'error.main' }}>
        <OutboxOutlined />
      </ListItemIcon>
      <ListItemText primary={t('connectedUi.nav.outbox')} />
      <Box component="span" sx={{ ml: 1, display: 'inline-flex', flexShrink: 0 }}>
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
          }}
        >
          {data.failed}
        </Box>
        <Box component="span" sx={visuallyHidden}>
          {` (${t('connectedUi.banner.failed', { count: data.failed })})`}
        </Box>
      </Box>
    </ListItemButton>
  );
}
