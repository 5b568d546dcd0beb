/**
 * The page-access rule (shell/nav-items.tsx PAGES): one declaration per page, read by the navigation and by the
 * route guard in app.tsx, so a page the menu hides for a role is refused when its address is typed, and the reverse.
 */
import { describe, expect, it } from 'vitest';
import { contract, type OpName } from '../../../shared/contract';
import { ROLES } from '../../../shared/domain';
import { i18n } from '../../../shared/i18n';
import { canUse } from '../auth/use-can';
import { canOpenPage, NAV_ITEMS, PAGE_KEYS, PAGES } from './nav-items';

describe('page access', () => {
  it("gives the navigation each page's own route and rule, so the two cannot disagree", () => {
    for (const item of NAV_ITEMS) {
      expect(item.to).toBe(PAGES[item.key].path);
      expect(item.op).toBe(PAGES[item.key].op);
      for (const role of ROLES) expect(canUse(role, item.op)).toBe(canOpenPage(role, item.key));
    }
  });

  it('declares each route once, on an operation the contract has', () => {
    const paths = PAGE_KEYS.map((k) => PAGES[k].path);
    expect(new Set(paths).size).toBe(paths.length);
    for (const k of PAGE_KEYS) {
      const op = PAGES[k].op;
      if (op !== undefined) expect(Object.keys(contract)).toContain(op satisfies OpName);
    }
  });

  it("refuses a teacher the therapy team's and the SENCo's pages, and keeps what they use", () => {
    for (const page of ['referrals', 'plans', 'audit', 'provision', 'reviews', 'pupilNew', 'pupilEdit', 'ehcp', 'review'] as const) {
      expect(canOpenPage('teacher', page), page).toBe(false);
    }
    for (const page of ['dashboard', 'pupils', 'pupil', 'ipp', 'sessions', 'calendar', 'settings'] as const) {
      expect(canOpenPage('teacher', page), page).toBe(true);
    }
  });

  it('opens every page to the SENCo, and the audit trail to the headteacher but not to a therapist', () => {
    expect(PAGE_KEYS.filter((k) => !canOpenPage('senco', k))).toEqual([]);
    expect(canOpenPage('headteacher', 'audit')).toBe(true);
    expect(canOpenPage('therapist', 'audit')).toBe(false);
    expect(canOpenPage('therapist', 'referrals')).toBe(true);
    expect(canOpenPage('office', 'provision')).toBe(false);
  });

  it('refuses every page before anyone signs in', () => {
    expect(PAGE_KEYS.filter((k) => canOpenPage(null, k))).toEqual([]);
  });

  it('has a name for every page, for the "no access" page', () => {
    expect(PAGE_KEYS.filter((k) => !i18n.exists(`scopeUi.pages.${k}`))).toEqual([]);
  });
});
