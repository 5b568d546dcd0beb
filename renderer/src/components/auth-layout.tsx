import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import SchoolOutlined from '@mui/icons-material/SchoolOutlined';

/** The centred card used before anyone is signed in (first-run setup and sign-in). */
export function AuthLayout({
  title,
  intro,
  children,
  width = 480,
}: {
  readonly title: string;
  readonly intro?: ReactNode;
  readonly children: ReactNode;
  readonly width?: number;
}) {
  const { t } = useTranslation();
  return (
    <Box component="main" sx={{ minHeight: '100vh', display: 'grid', placeItems: 'center', p: 3, bgcolor: 'background.default' }}>
      <Box sx={{ width: '100%', maxWidth: width }}>
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, mb: 2, color: 'primary.dark' }}>
          <SchoolOutlined aria-hidden />
          <Typography component="p" sx={{ fontWeight: 700 }}>
            {t('app.name')}
          </Typography>
        </Box>
        <Paper variant="outlined" sx={{ p: { xs: 3, sm: 4 } }}>
          <Typography variant="h1" gutterBottom>
            {title}
          </Typography>
          {intro ? (
            <Typography color="text.secondary" sx={{ mb: 3 }}>
              {intro}
            </Typography>
          ) : null}
          {children}
        </Paper>
      </Box>
    </Box>
  );
}
