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
import type { OpName } from '../../../shared/contract';

export interface NavItem {
  readonly key: string;
  readonly to: string;
  readonly icon: ReactNode;
  /** Areas that later releases fill: the navigation marks them so nobody expects data there yet. */
  readonly coming: boolean;
  /** The operation the page is built on: the item is left out for roles the contract does not allow it (none: always shown). */
  readonly op?: OpName;
}

export const NAV_ITEMS: readonly NavItem[] = [
  { key: 'dashboard', to: '/', icon: <DashboardOutlined />, coming: false },
  { key: 'pupils', to: '/pupils', icon: <PeopleAltOutlined />, coming: false, op: 'pupils.list' },
  { key: 'referrals', to: '/referrals', icon: <ForwardToInboxOutlined />, coming: false, op: 'referrals.list' },
  { key: 'plans', to: '/plans', icon: <AssignmentOutlined />, coming: false, op: 'caseload.list' },
  { key: 'sessions', to: '/sessions', icon: <EventNoteOutlined />, coming: false, op: 'sessions.list' },
  { key: 'calendar', to: '/calendar', icon: <CalendarMonthOutlined />, coming: false, op: 'sessions.list' },
  { key: 'reviews', to: '/reviews', icon: <RateReviewOutlined />, coming: false, op: 'reviews.list' },
  { key: 'staff', to: '/staff', icon: <BadgeOutlined />, coming: true },
  { key: 'audit', to: '/audit', icon: <ManageSearchOutlined />, coming: false, op: 'audit.list' },
  { key: 'settings', to: '/settings', icon: <SettingsOutlined />, coming: false },
];
