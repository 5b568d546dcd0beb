import { useTranslation } from 'react-i18next';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import VisibilityOffOutlined from '@mui/icons-material/VisibilityOffOutlined';
import { ScreenCover } from './screen-cover';

/**
 * Covers the whole window at once when someone walks into the office (UI handbook: one-key privacy screen).
 * The app behind is hidden with `visibility: hidden` and made inert by the shell, and so is anything open in a
 * portal (a dialog, a menu) by the cover, so nothing shows through, not even to a screen reader, and nothing typed
 * is lost. The cover takes focus; Escape, Enter, a click or the same shortcut reveals it. The screen lock (lock-screen.tsx) uses the same
 * cover, and takes over from this one when the time without use runs out.
 */
export function PrivacyScreen({ onReveal }: { readonly onReveal: () => void }) {
  const { t } = useTranslation();
  return (
    <ScreenCover
      labelledBy="privacy-title"
      testId="privacy-screen"
      onEscape={onReveal}
      onClick={onReveal}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          onReveal();
        }
      }}
      sx={{ bgcolor: '#1b2a3a', color: '#ffffff', display: 'grid', placeItems: 'center', cursor: 'pointer' }}
    >
      <Box sx={{ textAlign: 'center', display: 'grid', gap: 1.5, justifyItems: 'center' }}>
        <VisibilityOffOutlined sx={{ fontSize: 56, opacity: 0.85 }} aria-hidden />
        <Typography id="privacy-title" variant="h1" component="h1">
          {t('shell.privacy.title')}
        </Typography>
        <Typography sx={{ opacity: 0.85 }}>{t('shell.privacy.reveal')}</Typography>
      </Box>
    </ScreenCover>
  );
}
