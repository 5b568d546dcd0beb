import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router-dom';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import { EmptyState } from '../components/status';
import { usePageTitle } from '../lib/use-page-title';

export function NotFoundPage() {
  const { t } = useTranslation();
  usePageTitle(t('notFound.title'));
  return (
    <Paper variant="outlined">
      <EmptyState
        title={t('notFound.title')}
        body={t('notFound.body')}
        action={
          <Button component={RouterLink} to="/" variant="contained">
            {t('notFound.home')}
          </Button>
        }
      />
    </Paper>
  );
}
