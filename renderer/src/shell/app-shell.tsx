import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { NavLink, useLocation } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import AppBar from '@mui/material/AppBar';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Divider from '@mui/material/Divider';
import Drawer from '@mui/material/Drawer';
import Link from '@mui/material/Link';
import List from '@mui/material/List';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import Toolbar from '@mui/material/Toolbar';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import LogoutOutlined from '@mui/icons-material/LogoutOutlined';
import VisibilityOffOutlined from '@mui/icons-material/VisibilityOffOutlined';
import SchoolOutlined from '@mui/icons-material/SchoolOutlined';
import { useAuth, useSessionInfo } from '../auth/auth';
import { useAllowed } from '../auth/use-can';
import { NAV_ITEMS } from './nav-items';
import { PrivacyScreen } from './privacy-screen';
import { isPrivacyShortcut } from '../lib/keys';

const DRAWER_WIDTH = 232;

function isActive(pathname: string, to: string): boolean {
  return to === '/' ? pathname === '/' : pathname === to || pathname.startsWith(`${to}/`);
}

export function AppShell({ children }: { readonly children: ReactNode }) {
  const { t } = useTranslation();
  const { signOut } = useAuth();
  const info = useSessionInfo();
  const { pathname } = useLocation();
  const navItems = useAllowed(NAV_ITEMS);
  const [hidden, setHidden] = useState(false);
  const [signingOut, setSigningOut] = useState(false);

  const hide = useCallback(() => setHidden(true), []);
  const reveal = useCallback(() => setHidden(false), []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (isPrivacyShortcut(e)) {
        e.preventDefault();
        setHidden((h) => !h);
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);

  return (
    <>
      <Box sx={{ display: 'flex', minHeight: '100vh', visibility: hidden ? 'hidden' : 'visible' }} inert={hidden} aria-hidden={hidden || undefined}>
        <Link
          href="#main"
          onClick={(e) => {
            e.preventDefault();
            document.getElementById('main')?.focus();
          }}
          sx={{
            position: 'absolute',
            left: 8,
            top: -48,
            zIndex: 2000,
            bgcolor: '#ffbf47',
            color: '#0b0c0c',
            px: 2,
            py: 1,
            borderRadius: 1,
            '&:focus': { top: 8 },
          }}
        >
          {t('shell.skipToContent')}
        </Link>
        <AppBar position="fixed" color="inherit" elevation={0} sx={{ zIndex: (th) => th.zIndex.drawer + 1, borderBottom: 1, borderColor: 'divider' }}>
          <Toolbar sx={{ gap: 2 }}>
            <SchoolOutlined color="primary" aria-hidden />
            <Box sx={{ minWidth: 0 }}>
              <Typography component="p" sx={{ fontWeight: 700, lineHeight: 1.2, color: 'primary.dark' }}>
                {t('app.name')}
              </Typography>
              <Typography component="p" variant="body2" color="text.secondary" noWrap data-testid="school-name">
                {info.school.name}
              </Typography>
            </Box>
            <Box sx={{ flex: 1 }} />
            <Box sx={{ textAlign: 'right' }} data-testid="signed-in-user">
              <Typography component="p" variant="body2" sx={{ fontWeight: 500 }}>
                {info.user.displayName}
              </Typography>
              <Typography component="p" variant="caption" color="text.secondary">
                {t(`roles.${info.user.role}`)}
              </Typography>
            </Box>
            <Tooltip title={t('shell.privacy.shortcut')} describeChild>
              <Button variant="outlined" startIcon={<VisibilityOffOutlined />} onClick={hide} aria-keyshortcuts="Control+Shift+H">
                {t('shell.privacy.hide')}
              </Button>
            </Tooltip>
            <Button
              variant="text"
              startIcon={<LogoutOutlined />}
              disabled={signingOut}
              onClick={() => {
                setSigningOut(true);
                void signOut().finally(() => setSigningOut(false));
              }}
            >
              {t('shell.signOut')}
            </Button>
          </Toolbar>
        </AppBar>
        <Drawer
          variant="permanent"
          sx={{
            width: DRAWER_WIDTH,
            flexShrink: 0,
            '& .MuiDrawer-paper': { width: DRAWER_WIDTH, boxSizing: 'border-box', bgcolor: '#fbfcfd' },
          }}
        >
          <Toolbar />
          <Box component="nav" aria-label={t('shell.navLabel')} sx={{ overflowY: 'auto', py: 1 }}>
            <List dense={false}>
              {navItems.map((item, i) => {
                const active = isActive(pathname, item.to);
                return (
                  <Box key={item.key}>
                    {i === navItems.length - 1 ? <Divider sx={{ my: 1 }} /> : null}
                    <ListItemButton
                      component={NavLink}
                      to={item.to}
                      selected={active}
                      aria-current={active ? 'page' : undefined}
                      sx={{
                        mx: 1,
                        borderRadius: 1,
                        '&.Mui-selected': { bgcolor: 'rgba(29,79,145,0.10)', color: 'primary.dark', fontWeight: 600 },
                        '&.Mui-selected .MuiListItemIcon-root': { color: 'primary.main' },
                      }}
                    >
                      <ListItemIcon sx={{ minWidth: 36 }}>{item.icon}</ListItemIcon>
                      <ListItemText primary={t(`shell.nav.${item.key}`)} />
                      {item.coming ? (
                        <Chip label={t('shell.soon')} size="small" variant="outlined" sx={{ height: 20, fontSize: '0.7rem', color: 'text.secondary' }} />
                      ) : null}
                    </ListItemButton>
                  </Box>
                );
              })}
            </List>
          </Box>
        </Drawer>
        <Box component="main" id="main" tabIndex={-1} sx={{ flex: 1, minWidth: 0, outline: 'none' }}>
          <Toolbar />
          <Box sx={{ p: { xs: 2, md: 3 }, maxWidth: 1400, mx: 'auto' }}>{children}</Box>
        </Box>
      </Box>
      {hidden ? <PrivacyScreen onReveal={reveal} /> : null}
    </>
  );
}
