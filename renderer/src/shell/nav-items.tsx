import type { ReactNode } from 'react';
import DashboardOutlined from '@mui/icons-material/DashboardOutlined';
import PeopleAltOutlined from '@mui/icons-material/PeopleAltOutlined';
import ForwardToInboxOutlined from '@mui/icons-material/ForwardToInboxOutlined';
import AssignmentOutlined from '@mui/icons-material/AssignmentOutlined';
import EventNoteOutlined from '@mui/icons-material/EventNoteOutlined';
import CalendarMonthOutlined from '@mui/icons-material/CalendarMonthOutlined';
import RateReviewOutlined from '@mui/icons-material/RateReviewOutlined';
import BadgeOutlined from '@mui/icons-material/BadgeOutlined';
import SettingsOutlined from '@mui/icons-material/SettingsOutlined';
import ManageSearchOutlined from '@mui/icons-material/ManageSearchOutlined';
import HealthAndSafetyOutlined from '@mui/icons-material/HealthAndSafetyOutlined';
import ShareOutlined from '@mui/icons-material/ShareOutlined';
import FeedbackOutlined from '@mui/icons-material/FeedbackOutlined';
import AccountTreeOutlined from '@mui/icons-material/AccountTreeOutlined';
import ExtensionOutlined from '@mui/icons-material/ExtensionOutlined';
import type { OpName } from '../../../shared/contract';
import type { Role } from '../../../shared/domain';
import { canUse } from '../auth/use-can';
import { SafeguardingNavBadge } from '../components/safeguarding/safeguarding-banner';
import { PAGES, type PageKey } from './pages';
import type { I18nKeyUnder } from '../../../shared/i18n';

export { PAGE_KEYS, PAGES, type PageKey, type PageRule } from './pages';

/** Whether a role (null: nobody signed in) may open a page: the one rule for the navigation and the route guard. */
export function canOpenPage(role: Role | null, page: PageKey): boolean {
  return role !== null && canUse(role, PAGES[page].op);
}

/** The pages the navigation lists: each has its name there (`shell.nav.<key>`). */
export type NavKey = Extract<PageKey, I18nKeyUnder<'shell.nav'>>;

export interface NavItem {
  readonly key: NavKey;
  readonly to: string;
  readonly icon: ReactNode;
  /** Areas that later releases fill: the navigation marks them so nobody expects data there yet. */
  readonly coming: boolean;
  /** The page's operation (from PAGES): the item is left out for roles the contract does not allow it (none: always shown). */
  readonly op?: OpName;
  /** Shown after the item's name (the DSL's count of new safeguarding concerns). */
  readonly badge?: ReactNode;
}

function nav(key: NavKey, icon: ReactNode, coming = false): NavItem {
  return { key, to: PAGES[key].path, icon, coming, op: PAGES[key].op };
}

export const NAV_ITEMS: readonly NavItem[] = [
  nav('dashboard', <DashboardOutlined />),
  nav('pupils', <PeopleAltOutlined />),
  nav('referrals', <ForwardToInboxOutlined />),
  nav('plans', <AssignmentOutlined />),
  nav('sessions', <EventNoteOutlined />),
  nav('calendar', <CalendarMonthOutlined />),
  nav('reviews', <RateReviewOutlined />),
  nav('provisionMap', <AccountTreeOutlined />),
  nav('provisions', <ExtensionOutlined />),
  { ...nav('safeguarding', <HealthAndSafetyOutlined />), badge: <SafeguardingNavBadge /> },
  nav('staff', <BadgeOutlined />),
  nav('feedback', <FeedbackOutlined />),
  nav('sharing', <ShareOutlined />),
  nav('audit', <ManageSearchOutlined />),
  nav('settings', <SettingsOutlined />),
];
