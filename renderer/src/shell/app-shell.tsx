import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
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
import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import Snackbar from '@mui/material/Snackbar';
import Toolbar from '@mui/material/Toolbar';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import ExpandMoreOutlined from '@mui/icons-material/ExpandMoreOutlined';
import KeyOutlined from '@mui/icons-material/KeyOutlined';
import LockOutlined from '@mui/icons-material/LockOutlined';
import LogoutOutlined from '@mui/icons-material/LogoutOutlined';
import VisibilityOffOutlined from '@mui/icons-material/VisibilityOffOutlined';
import SchoolOutlined from '@mui/icons-material/SchoolOutlined';
import { invoke } from '../api/client';
import { useAuth, useSessionInfo } from '../auth/auth';
import { ChangePasswordDialog, RequiredPasswordChange } from '../auth/change-password';
import { useIdleLock } from '../auth/use-idle-lock';
import { useAllowed } from '../auth/use-can';
import { NAV_ITEMS } from './nav-items';
import { SafeguardingBanner } from '../components/safeguarding/safeguarding-banner';
import { DeskBanner, OUTBOX_PATH } from '../components/desk/desk-banner';
import { OutboxNavItem } from '../components/desk/outbox-nav-item';
import { PrivacyScreen } from './privacy-screen';
import { LockScreen } from './lock-screen';
import { isLockShortcut, isPrivacyShortcut } from '../lib/keys';
import { effectiveLockMinutes, itPolicy } from '../lib/it-policy';
import { visuallyHidden } from '../lib/visually-hidden';

const DRAWER_WIDTH = 232;

function isActive(pathname: string, to: string): boolean {
  return to === '/' ? pathname === '/' : pathname === to || pathname.startsWith(`${to}/`);
}

/**
 * The signed-in frame. A user whose password the SENCo reset sees only the required password change until it is
 * done. Otherwise: the top bar (school, account menu, privacy screen, sign out), the menu and the page.
 *
 * Covering the page: the privacy screen (Ctrl+Shift+H, or the desktop menu's File › Privacy screen) and the screen
 * lock (after the school's minutes without use, or fewer if the school's IT set a policy, "Lock now", Ctrl+Shift+L
 * or the menu's File › Lock now, or when the core says the session is locked) both leave the page mounted but hidden
 * and inert, so a half-typed form survives; the lock takes over from the privacy screen.
 */
export function AppShell({ children }: { readonly children: ReactNode }) {
  const info = useSessionInfo();
  if (info.user.mustChangePassword) {
    // The core may still lock the session (no request for the school's minutes): unlock, then carry on.
    return (
      <>
        <RequiredPasswordChange />
        {info.locked ? <LockScreen /> : null}
      </>
    );
  }
  return <SignedInShell>{children}</SignedInShell>;
}

function SignedInShell({ children }: { readonly children: ReactNode }) {
  const { t } = useTranslation();
  const { signOut, lock } = useAuth();
  const info = useSessionInfo();
  const { pathname } = useLocation();
  const navItems = useAllowed(NAV_ITEMS);
  const [hidden, setHidden] = useState(false);
  const [signingOut, setSigningOut] = useState(false);
  const [menuOpen, setMenuOpen] = useState(false);
  const [changingPassword, setChangingPassword] = useState(false);
  const [passwordChanged, setPasswordChanged] = useState(false);
  const accountButton = useRef<HTMLButtonElement>(null);
  const locked = info.locked;

  // Locking replaces the privacy screen: after unlocking, the app is back, not the privacy screen.
  const [seenLocked, setSeenLocked] = useState(locked);
  if (seenLocked !== locked) {
    setSeenLocked(locked);
    if (locked) {
      setHidden(false);
      setMenuOpen(false);
    }
  }

  const hide = useCallback(() => setHidden(true), []);
  const reveal = useCallback(() => setHidden(false), []);
  const accountFocus = useCallback(() => accountButton.current, []);
  // While someone is busy, the core hears from us now and then, so its own inactivity lock does not catch them
  // mid-sentence; it also tells us if it has locked the session anyway.
  const keepAlive = useCallback(() => {
    void invoke('auth.me', {}).then((r) => {
      if (r.ok && r.value.locked) lock();
    });
  }, [lock]);

  // The school's minutes, or fewer if the school's IT set a shorter time in the policy file (desktop app only).
  useIdleLock({ minutes: effectiveLockMinutes(info.school.autoLockMinutes, itPolicy()), enabled: !locked, onIdle: lock, keepAlive });

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (locked) return;
      if (isPrivacyShortcut(e)) {
        e.preventDefault();
        setHidden((h) => !h);
      } else if (isLockShortcut(e)) {
        e.preventDefault();
        lock();
      }
    };
    window.addEventListener('keydown', onKey, true);
    // The desktop app's menu (File › Lock now, Privacy screen) does what the shortcuts do.
    const stopMenu = window.sencoDesk?.onMenuCommand?.((command) => {
      if (locked) return;
      if (command === 'privacy') setHidden((h) => !h);
      else lock();
    });
    return () => {
      window.removeEventListener('keydown', onKey, true);
      stopMenu?.();
    };
  }, [locked, lock]);

  const covered = hidden || locked;

  return (
    <>
      <Box
        sx={{ display: 'flex', minHeight: '100vh', visibility: covered ? 'hidden' : 'visible' }}
        inert={covered}
        aria-hidden={covered || undefined}
      >
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
        <AppBar
          position="fixed"
          color="inherit"
          elevation={0}
          sx={{ zIndex: (th) => th.zIndex.drawer + 1, borderBottom: 1, borderColor: 'divider' }}
        >
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
            <Button
              ref={accountButton}
              color="inherit"
              data-testid="signed-in-user"
              id="account-menu-button"
              aria-haspopup="menu"
              aria-expanded={menuOpen}
              aria-controls={menuOpen ? 'account-menu' : undefined}
              onClick={() => setMenuOpen(true)}
              endIcon={<ExpandMoreOutlined aria-hidden />}
              sx={{ textTransform: 'none', textAlign: 'right', py: 0.5 }}
            >
              <Box component="span" sx={{ display: 'block' }}>
                <Typography component="span" variant="body2" sx={{ display: 'block', fontWeight: 500 }}>
                  {info.user.displayName}
                </Typography>
                <Typography component="span" variant="caption" color="text.secondary" sx={{ display: 'block' }}>
                  {t(`roles.${info.user.role}`)}
                </Typography>
                {/* The name is what the button shows, then what it opens (WCAG 2.5.3 label in name). */}
                <Box component="span" sx={visuallyHidden}>
                  {t('accountsUi.menu.button')}
                </Box>
              </Box>
            </Button>
            <Menu
              id="account-menu"
              anchorEl={() => accountButton.current as HTMLElement}
              open={menuOpen}
              onClose={() => setMenuOpen(false)}
              anchorOrigin={{ vertical: 'bottom', horizontal: 'right' }}
              transformOrigin={{ vertical: 'top', horizontal: 'right' }}
              slotProps={{ list: { 'aria-labelledby': 'account-menu-button' } }}
            >
              <MenuItem
                onClick={() => {
                  setMenuOpen(false);
                  setChangingPassword(true);
                }}
              >
                <ListItemIcon>
                  <KeyOutlined fontSize="small" />
                </ListItemIcon>
                <ListItemText>{t('accountsUi.menu.changePassword')}</ListItemText>
              </MenuItem>
              <MenuItem
                aria-keyshortcuts="Control+Shift+L"
                onClick={() => {
                  setMenuOpen(false);
                  lock();
                }}
              >
                <ListItemIcon>
                  <LockOutlined fontSize="small" />
                </ListItemIcon>
                <ListItemText>{t('accountsUi.menu.lockNow')}</ListItemText>
                <Typography variant="body2" color="text.secondary" sx={{ ml: 3 }} aria-hidden>
                  {t('accountsUi.menu.lockShortcut')}
                </Typography>
              </MenuItem>
            </Menu>
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
                  // An <li> for each entry: a list holds list items only (axe: list).
                  <Box component="li" key={item.key}>
                    {i === navItems.length - 1 ? (
                      <>
                        <OutboxNavItem active={isActive(pathname, OUTBOX_PATH)} />
                        <Divider sx={{ my: 1 }} />
                      </>
                    ) : null}
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
                      {item.badge ?? null}
                      {item.coming ? (
                        <Chip
                          label={t('shell.soon')}
                          size="small"
                          variant="outlined"
                          sx={{ height: 20, fontSize: '0.7rem', color: 'text.secondary' }}
                        />
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
          <Box sx={{ p: { xs: 2, md: 3 }, maxWidth: 1400, mx: 'auto' }}>
            <DeskBanner />
            <SafeguardingBanner />
            {children}
          </Box>
        </Box>
      </Box>
      <ChangePasswordDialog open={changingPassword} onClose={() => setChangingPassword(false)} onChanged={() => setPasswordChanged(true)} />
      <Snackbar
        open={passwordChanged}
        autoHideDuration={8000}
        onClose={(_e, reason) => {
          if (reason !== 'clickaway') setPasswordChanged(false);
        }}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'center' }}
        message={t('accountsUi.password.changed')}
        slotProps={{ content: { role: 'status' } }}
      />
      {locked ? <LockScreen returnFocus={accountFocus} /> : hidden ? <PrivacyScreen onReveal={reveal} /> : null}
    </>
  );
}
