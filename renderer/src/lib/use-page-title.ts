import { useEffect } from 'react';
import { t } from '../../../shared/i18n';

/**
 * Sets the window title. Only ever pass a screen name: a pupil's name must never reach the title, which shows in
 * the taskbar, window switchers and screen-sharing pickers (UI handbook: nothing confidential in window titles).
 */
export function usePageTitle(screen: string): void {
  useEffect(() => {
    document.title = `${screen} – ${t('app.name')}`;
  }, [screen]);
}
