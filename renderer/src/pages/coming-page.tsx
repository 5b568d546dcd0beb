import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router-dom';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import ConstructionOutlined from '@mui/icons-material/ConstructionOutlined';
import { PageHeader } from '../components/page-header';
import { EmptyState } from '../components/status';
import { usePageTitle } from '../lib/use-page-title';

export type ComingArea = 'referrals' | 'plans' | 'sessions' | 'calendar' | 'reviews' | 'staff';

/** An honest placeholder for areas later releases build: it says what will come, and shows no made-up data. */
export function ComingPage({ area }: { readonly area: ComingArea }) {
  const { t } = useTranslation();
  const title = t(`shell.nav.${area}`);
  usePageTitle(title);
  return (
    <>
      <PageHeader title={title} subtitle={t(`coming.${area}`)} />
      <Paper variant="outlined">
        <EmptyState
          icon={<ConstructionOutlined />}
          title={t('coming.title')}
          body={t('coming.body')}
          action={
            <Button component={RouterLink} to="/pupils" variant="outlined">
              {t('coming.toRegister')}
            </Button>
          }
        />
      </Paper>
    </>
  );
}
