/**
 * Shown in place of a page the signed-in role cannot use (reached by typing its address or following an old
 * link): says which page, which role, and what to do, instead of opening the page on errors.
 */
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router-dom';
import Button from '@mui/material/Button';
import type { Role } from '../../../shared/domain';
import { AccessRefused } from '../components/access-refused';
import { usePageTitle } from '../lib/use-page-title';
import type { PageKey } from '../shell/nav-items';

export function NoAccessPage({ page, role }: { readonly page: PageKey; readonly role: Role }) {
  const { t } = useTranslation();
  const title = t('scopeUi.noAccess.title');
  usePageTitle(title);
  return (
    <AccessRefused
      testId="no-access-page"
      title={title}
      reason={t('scopeUi.noAccess.body', { page: t(`scopeUi.pages.${page}`), role: t(`roles.${role}`) })}
      next={t('scopeUi.noAccess.next')}
      action={
        <Button component={RouterLink} to="/" variant="contained">
          {t('scopeUi.noAccess.home')}
        </Button>
      }
    />
  );
}
