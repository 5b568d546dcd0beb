import { useTranslation } from 'react-i18next';
import type { I18nKey } from '../../../shared/i18n';
import { useSearchParams } from 'react-router-dom';
import Box from '@mui/material/Box';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import { PageHeader } from '../components/page-header';
import { usePageTitle } from '../lib/use-page-title';
import { CalendarSettings } from './settings/calendar-settings';
import { ClockSettings } from './settings/clock-settings';
import { DisciplineSettings } from './settings/discipline-settings';
import { SchoolSettings } from './settings/school-settings';
import { TermSettings } from './settings/term-settings';
import { UserSettings } from './settings/user-settings';
import { AccessSettings } from './settings/access-settings';
import { PolicySettings } from '../components/governance/policy-settings';
import { ProvisionCostSettings } from './settings/provision-cost-settings';
import { useCan } from '../auth/use-can';

const TABS = ['school', 'terms', 'calendar', 'clocks', 'disciplines', 'policies', 'costs', 'users', 'access'] as const;
type SettingsTab = (typeof TABS)[number];

/** The calendar and clocks tabs keep their words with the clocks screens (clocksUi), the disciplines tab with disciplinesUi. */
const tabLabelKey = (tab: SettingsTab): I18nKey =>
  tab === 'costs'
    ? 'catalogueUi.costs.tab'
    : tab === 'access'
      ? 'accessUi.tab'
      : tab === 'policies'
        ? 'staffUi.policies.tab'
        : tab === 'disciplines'
          ? 'disciplinesUi.tab'
          : tab === 'calendar' || tab === 'clocks'
            ? `clocksUi.settings.tabs.${tab}`
            : `settings.tabs.${tab}`;

export default function SettingsPage() {
  const { t } = useTranslation();
  usePageTitle(t('settings.title'));
  const [params, setParams] = useSearchParams();
  const p = params.get('tab');
  // Provision costs are the SENCo's and headteacher's alone (the core refuses anyone else): nobody else is offered the tab.
  const seesCosts = useCan('provision.rates.get');
  const tabs = TABS.filter((k) => k !== 'costs' || seesCosts);
  const tab: SettingsTab = (tabs as readonly string[]).includes(p ?? '') ? (p as SettingsTab) : 'school';
  return (
    <>
      <PageHeader title={t('settings.title')} subtitle={t('settings.subtitle')} />
      <Box sx={{ borderBottom: 1, borderColor: 'divider', mb: 2 }}>
        <Tabs
          value={tab}
          onChange={(_, v: SettingsTab) => {
            setParams(v === 'school' ? {} : { tab: v }, { replace: true });
          }}
          aria-label={t('settings.tabsLabel')}
        >
          {tabs.map((k) => (
            <Tab key={k} value={k} label={t(tabLabelKey(k))} id={`settings-tab-${k}`} aria-controls={`settings-panel-${k}`} />
          ))}
        </Tabs>
      </Box>
      <Box
        role="tabpanel"
        id={`settings-panel-${tab}`}
        aria-labelledby={`settings-tab-${tab}`}
        sx={{ maxWidth: tab === 'access' ? 1240 : 960 }}
      >
        {tab === 'school' ? (
          <SchoolSettings />
        ) : tab === 'terms' ? (
          <TermSettings />
        ) : tab === 'calendar' ? (
          <CalendarSettings />
        ) : tab === 'clocks' ? (
          <ClockSettings />
        ) : tab === 'disciplines' ? (
          <DisciplineSettings />
        ) : tab === 'policies' ? (
          <PolicySettings />
        ) : tab === 'costs' ? (
          <ProvisionCostSettings />
        ) : tab === 'access' ? (
          <AccessSettings />
        ) : (
          <UserSettings />
        )}
      </Box>
    </>
  );
}
