import { describe, expect, it } from 'vitest';
import { NAV_ITEMS } from '../shell/nav-items';
import { accessAllows, canRole, canUse } from './use-can';

describe('canRole', () => {
  it('follows the dispatcher: public for anyone, signed_in for every role, otherwise the roles listed', () => {
    expect(accessAllows('public', null)).toBe(true);
    expect(accessAllows('signed_in', null)).toBe(false);
    expect(accessAllows('signed_in', 'dsl')).toBe(true);
    expect(accessAllows(['senco', 'therapist'], 'therapist')).toBe(true);
    expect(accessAllows(['senco', 'therapist'], 'teacher')).toBe(false);
  });

  it('reads the contract: a teacher may see plans and goals but not assessments or session notes', () => {
    expect(canRole('teacher', 'ipps.listForPupil')).toBe(true);
    expect(canRole('teacher', 'assessments.list')).toBe(false);
    expect(canRole('teacher', 'sessions.get')).toBe(false);
    expect(canRole('therapist', 'assessments.list')).toBe(true);
    expect(canRole(null, 'pupils.list')).toBe(false);
  });

  it('leaves what the SENCo sees unchanged: every navigation item', () => {
    expect(NAV_ITEMS.filter((n) => !canUse('senco', n.op)).map((n) => n.key)).toEqual([]);
  });

  it("hides the therapy team's pages from a teacher, and keeps the register and settings", () => {
    const keys = NAV_ITEMS.filter((n) => canUse('teacher', n.op)).map((n) => n.key);
    expect(keys).toEqual(expect.arrayContaining(['dashboard', 'pupils', 'settings']));
    expect(keys).not.toContain('referrals');
    expect(keys).not.toContain('plans');
    expect(keys).not.toContain('audit');
    // The timetable of the pupils in their classes (the core withholds notes and limits the list to their classes).
    expect(keys).toEqual(expect.arrayContaining(['sessions', 'calendar']));
    expect(canUse('office', ['ipps.listForPupil', 'placements.listForPupil'])).toBe(true);
    expect(canUse('dsl', ['ipps.listForPupil', 'placements.listForPupil'])).toBe(false);
  });
});
