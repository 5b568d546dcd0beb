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
import type { OpName } from '../../../shared/contract';
import type { Role } from '../../../shared/domain';
import { canUse } from '../auth/use-can';
import { SafeguardingNavBadge } from '../components/safeguarding/safeguarding-banner';

/** A page of the signed-in app: its route, and the operation it is built on (none: open to every role). */
export interface PageRule {
  readonly path: string;
  readonly op?: OpName;
}

/**
 * Every page, declared once. The navigation (below) and the route guard (app.tsx) both read this, so the menu
 * never offers a page the guard refuses, and typing an address never opens a page the menu hides. The operation is
 * the one the page cannot work without; the core enforces it on every request whatever the screen shows.
 */
const PAGE_RULES = {
  dashboard: { path: '/' },
  pupils: { path: '/pupils', op: 'pupils.list' },
  pupilNew: { path: '/pupils/new', op: 'pupils.create' },
  pupil: { path: '/pupils/:id', op: 'pupils.get' },
  pupilEdit: { path: '/pupils/:id/edit', op: 'pupils.update' },
  parentSummary: { path: '/pupils/:id/parent-summary', op: 'parentUpdates.summary' },
  ehcpNew: { path: '/pupils/:pupilId/plans/ehcp/new', op: 'ehcp.create' },
  ehcp: { path: '/pupils/:pupilId/plans/ehcp/:planId', op: 'ehcp.get' },
  ippNew: { path: '/pupils/:pupilId/ipps/new', op: 'ipps.save' },
  ipp: { path: '/pupils/:pupilId/ipps/:ippId', op: 'ipps.get' },
  ippRevise: { path: '/pupils/:pupilId/ipps/:ippId/revise', op: 'ipps.save' },
  reviewNew: { path: '/pupils/:pupilId/reviews/new', op: 'reviews.save' },
  review: { path: '/pupils/:pupilId/reviews/:reviewId', op: 'reviews.get' },
  referrals: { path: '/referrals', op: 'referrals.list' },
  plans: { path: '/plans', op: 'caseload.list' },
  sessions: { path: '/sessions', op: 'sessions.list' },
  calendar: { path: '/calendar', op: 'sessions.list' },
  provision: { path: '/provision', op: 'provision.delivered' },
  reviews: { path: '/reviews', op: 'reviews.list' },
  safeguarding: { path: '/safeguarding', op: 'safeguarding.list' },
  staff: { path: '/staff', op: 'staff.list' },
  feedback: { path: '/feedback', op: 'feedback.list' },
  sharing: { path: '/sharing', op: 'exports.log' },
  audit: { path: '/audit', op: 'audit.list' },
  settings: { path: '/settings' },
  /** A connected desk's "Could not be sent" list (in the navigation only while something is in it: app-shell.tsx). */
  outbox: { path: '/outbox', op: 'desk.outbox.list' },
  /** The lists the dashboard's counts open (not in the navigation: the dashboard leads there). */
  worklist: { path: '/worklist', op: 'dashboard.worklist' },
} as const satisfies Record<string, PageRule>;

export type PageKey = keyof typeof PAGE_RULES;
export const PAGES: Readonly<Record<PageKey, PageRule>> = PAGE_RULES;
export const PAGE_KEYS = Object.keys(PAGE_RULES) as PageKey[];

/** Whether a role (null: nobody signed in) may open a page: the one rule for the navigation and the route guard. */
export function canOpenPage(role: Role | null, page: PageKey): boolean {
  return role !== null && canUse(role, PAGES[page].op);
}

export interface NavItem {
  readonly key: PageKey;
  readonly to: string;
  readonly icon: ReactNode;
  /** Areas that later releases fill: the navigation marks them so nobody expects data there yet. */
  readonly coming: boolean;
  /** The page's operation (from PAGES): the item is left out for roles the contract does not allow it (none: always shown). */
  readonly op?: OpName;
  /** Shown after the item's name (the DSL's count of new safeguarding concerns). */
  readonly badge?: ReactNode;
}

function nav(key: PageKey, icon: ReactNode, coming = false): NavItem {
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
  { ...nav('safeguarding', <HealthAndSafetyOutlined />), badge: <SafeguardingNavBadge /> },
  nav('staff', <BadgeOutlined />),
  nav('feedback', <FeedbackOutlined />),
  nav('sharing', <ShareOutlined />),
  nav('audit', <ManageSearchOutlined />),
  nav('settings', <SettingsOutlined />),
];
