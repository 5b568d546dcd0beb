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

export interface NavItem {
  readonly key: string;
  readonly to: string;
  readonly icon: ReactNode;
  /** Areas that later releases fill: the navigation marks them so nobody expects data there yet. */
  readonly coming: boolean;
}

export const NAV_ITEMS: readonly NavItem[] = [
  { key: 'dashboard', to: '/', icon: <DashboardOutlined />, coming: false },
  { key: 'pupils', to: '/pupils', icon: <PeopleAltOutlined />, coming: false },
  { key: 'referrals', to: '/referrals', icon: <ForwardToInboxOutlined />, coming: false },
  { key: 'plans', to: '/plans', icon: <AssignmentOutlined />, coming: false },
  { key: 'sessions', to: '/sessions', icon: <EventNoteOutlined />, coming: false },
  { key: 'calendar', to: '/calendar', icon: <CalendarMonthOutlined />, coming: false },
  { key: 'reviews', to: '/reviews', icon: <RateReviewOutlined />, coming: false },
  { key: 'staff', to: '/staff', icon: <BadgeOutlined />, coming: true },
  { key: 'settings', to: '/settings', icon: <SettingsOutlined />, coming: false },
];
