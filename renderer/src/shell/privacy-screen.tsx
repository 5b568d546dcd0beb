import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import VisibilityOffOutlined from '@mui/icons-material/VisibilityOffOutlined';

/**
 * Covers the whole window at once when someone walks into the office (UI handbook: one-key privacy screen).
 * The app behind is hidden with `visibility: hidden` and made inert by the shell, so nothing shows through, not
 * even to a screen reader, and nothing typed is lost. Escape, Enter, a click or the same shortcut reveals it.
 */
export function PrivacyScreen({ onReveal }: { readonly onReveal: () => void }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <Box
      ref={ref}
      role="dialog"
      aria-modal="true"
      aria-labelledby="privacy-title"
      tabIndex={-1}
      data-testid="privacy-screen"
      onClick={onReveal}
      onKeyDown={(e) => {
        if (e.key === 'Escape' || e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          onReveal();
        }
      }}
      sx={{
        position: 'fixed',
        inset: 0,
        zIndex: 20000,
        bgcolor: '#1b2a3a',
        color: '#ffffff',
        display: 'grid',
        placeItems: 'center',
        cursor: 'pointer',
        outline: 'none',
      }}
    >
      <Box sx={{ textAlign: 'center', display: 'grid', gap: 1.5, justifyItems: 'center' }}>
        <VisibilityOffOutlined sx={{ fontSize: 56, opacity: 0.85 }} aria-hidden />
        <Typography id="privacy-title" variant="h1" component="h1">
          {t('shell.privacy.title')}
        </Typography>
        <Typography sx={{ opacity: 0.85 }}>{t('shell.privacy.reveal')}</Typography>
      </Box>
    </Box>
  );
}
