import type { OpName } from '../../../shared/contract';

/** A page of the signed-in app: its route, and the operation it is built on (none: open to every role). */
export interface PageRule {
  readonly path: string;
  readonly op?: OpName;
}

/**
 * Every page, declared once. The navigation (nav-items.tsx) and the route guard (app.tsx) both read this, so the
 * menu never offers a page the guard refuses, and typing an address never opens a page the menu hides. The operation
 * is the one the page cannot work without; the core enforces it on every request whatever the screen shows.
 *
 * Kept free of React, so the end-to-end accessibility walk (e2e/accessibility.spec.ts) reads the same table and
 * fails when a page is added without being visited.
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
  /** The school's provision catalogue: what it runs, who is placed on it, their measures (issue 18, item 1). */
  provisions: { path: '/provisions', op: 'provisions.list' },
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
  /** The costed provision map (issue 18, item 2): costs for the SENCo and headteacher only, by the core. */
  provisionMap: { path: '/provision-map', op: 'provision.map' },
} as const satisfies Record<string, PageRule>;

export type PageKey = keyof typeof PAGE_RULES;
export const PAGES: Readonly<Record<PageKey, PageRule>> = PAGE_RULES;
export const PAGE_KEYS = Object.keys(PAGE_RULES) as PageKey[];
