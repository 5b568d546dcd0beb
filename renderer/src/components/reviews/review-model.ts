/**
 * Pure helpers for the review screens: the form's values (the contract's `meetingInput` exactly, so the shared
 * schema checks them and the server's field paths land on the same fields), what is sent for each kind of review,
 * the band a decision may move to, the usual attendees, the order of the lists, and turning the review pack's
 * base64 into bytes. No React, no DOM.
 */
import type { z } from 'zod';
import {
  BAND_ORDER,
  DECISIONS_BY_KIND,
  meetingInput,
  type AttendeeRole,
  type DecisionKind,
  type PlanSummary,
  type ReviewAction,
  type ReviewKind,
  type ReviewMeeting,
  type ReviewStatus,
} from '../../../../shared/contract';
import type { ClockItem } from '../../../../shared/clock-types';
import { formatLongDate } from '../../../../shared/dates';
import { addDays } from '../../../../shared/date-only';
import { t } from '../../../../shared/i18n';
import { BANDS, TARGETED_WEEKS, targetedWeeksOk, type Band } from '../../../../shared/therapy';

export type ReviewFormIn = z.input<typeof meetingInput>;
export type ReviewFormOut = z.output<typeof meetingInput>;
export type AttendeeIn = ReviewFormIn['attendees'][number];
export type DecisionIn = ReviewFormIn['decisions'][number];
export type ActionIn = ReviewFormIn['actions'][number];
export type RatingIn = ReviewFormIn['ratings'][number];
export type StatutoryIn = NonNullable<ReviewFormIn['statutory']>;
export type AnnualIn = NonNullable<ReviewFormIn['annual']>;

export const EMPTY_ANNUAL: AnnualIn = { outcomes: [], amendments: [], recommendation: null };

export const EMPTY_STATUTORY: StatutoryIn = {
  invitationsSentDate: null,
  adviceCirculatedDate: null,
  reportSentDate: null,
  laDecisionDate: null,
  laDecision: null,
  amendedFinalDate: null,
};

/**
 * The contract's schema plus what the band dialog asks of any band change (bandInput): Universal needs a need
 * level, Targeted a planned length of 12 to 36 weeks. Checked here so the message sits beside the field.
 */
export const reviewFormSchema = meetingInput.superRefine((v, ctx) => {
  bandDetails(v, ctx);
});

/**
 * The form's schema for a review being saved on `today`: as above, and a meeting can be recorded as held only once
 * its date has come (the core refuses it too: services/reviews.ts). A review already held keeps its date, so
 * `alreadyHeld` skips the check for it.
 */
export function reviewFormSchemaOn(today: string, alreadyHeld: boolean) {
  return meetingInput.superRefine((v, ctx) => {
    bandDetails(v, ctx);
    if (!alreadyHeld && v.status === 'held' && v.date > today) {
      ctx.addIssue({ code: 'custom', path: ['date'], message: t('reviewsUi.validation.heldInFuture', { today: formatLongDate(today) }) });
    }
  });
}

function bandDetails(
  v: ReviewFormOut,
  ctx: { addIssue: (issue: { code: 'custom'; path: (string | number)[]; message: string }) => void },
): void {
  v.decisions.forEach((d, i) => {
    if (d.kind !== 'band_up' && d.kind !== 'band_down') return;
    if (d.band === 'universal' && !d.needLevel)
      ctx.addIssue({ code: 'custom', path: ['decisions', i, 'needLevel'], message: t('validation.needLevelUniversal') });
    if (d.band === 'targeted' && !targetedWeeksOk(d.plannedWeeks)) {
      ctx.addIssue({ code: 'custom', path: ['decisions', i, 'plannedWeeks'], message: t('validation.targetedWeeks', TARGETED_WEEKS) });
    }
  });
}

/** EHC plans a review can be of now: final and not ceased. */
export function currentEhcPlans(plans: readonly PlanSummary[]): PlanSummary[] {
  return plans.filter((p) => p.status === 'final' && !p.ceasedDate);
}

/** How far ahead an annual review counts as due when a new review is started: the usual time to plan the meeting. */
export const ANNUAL_DUE_WITHIN_DAYS = 90;

/**
 * The annual review a new review is most likely to be, when that is the only sensible choice: the pupil has exactly
 * one current EHC plan and its annual review clock (services/clocks) falls due within the next three months or is
 * overdue. Returns the plan and the due date, or null to leave the choice to the user.
 */
export function annualReviewChoice(
  plans: readonly PlanSummary[],
  clockItems: readonly Pick<ClockItem, 'key' | 'recordType' | 'recordId' | 'dueDate' | 'doneDate'>[] | null,
  today: string,
): { readonly planId: string; readonly dueDate: string } | null {
  const current = currentEhcPlans(plans);
  if (current.length !== 1 || !clockItems) return null;
  const plan = current[0]!;
  const due = clockItems.find((c) => c.key === 'annual_review' && c.recordType === 'plan' && c.recordId === plan.id && c.doneDate === null);
  if (!due || due.dueDate > addDays(today, ANNUAL_DUE_WITHIN_DAYS)) return null;
  return { planId: plan.id, dueDate: due.dueDate };
}

export function newReviewValues(pupilId: string, status: ReviewStatus, date: string): ReviewFormIn {
  return {
    id: null,
    pupilId,
    kind: 'plan',
    date,
    status,
    ippId: null,
    placementId: null,
    ehcPlanId: null,
    attendees: [],
    pupilViews: null,
    parentViews: null,
    discussion: null,
    ratings: [],
    decisions: [],
    actions: [],
    statutory: { ...EMPTY_STATUTORY },
    annual: { ...EMPTY_ANNUAL },
  };
}

/** A saved review as the form's values (decisions as they were, so a re-save leaves them alone). */
export function viewToFormValues(view: ReviewMeeting): ReviewFormIn {
  return {
    id: view.id,
    pupilId: view.pupilId,
    kind: view.kind,
    date: view.date,
    status: view.status,
    ippId: view.ippId,
    placementId: view.placementId,
    ehcPlanId: view.ehcPlanId,
    attendees: view.attendees.map((a) => ({ ...a })),
    pupilViews: view.pupilViews,
    parentViews: view.parentViews,
    discussion: view.discussion,
    // The weight each rating carries is the plan's, not the form's: it is not sent back.
    ratings: view.ratings.map((r) => ({ goalKey: r.goalKey, rating: r.rating, note: r.note })),
    decisions: view.decisions.map((d) => ({
      kind: d.kind,
      band: d.band,
      needLevel: d.needLevel,
      plannedWeeks: d.plannedWeeks,
      note: d.note,
    })),
    actions: view.actions.map((a) => ({
      id: a.id,
      description: a.description,
      ownerUserId: a.ownerUserId,
      ownerName: a.ownerUserId ? null : a.ownerName,
      dueDate: a.dueDate,
      doneDate: a.doneDate,
    })),
    statutory: view.statutory ? { ...view.statutory } : { ...EMPTY_STATUTORY },
    // The words of each outcome are the core's (kept with the review), not sent back.
    annual: view.annual
      ? {
          outcomes: view.annual.outcomes.map((o) => ({ outcomeKey: o.outcomeKey, progress: o.progress, note: o.note })),
          amendments: view.annual.amendments.map((a) => ({ ...a })),
          recommendation: view.annual.recommendation,
        }
      : { ...EMPTY_ANNUAL },
  };
}

/**
 * What is sent for the form's values: only the record the kind of review is about (the others stay in the form, so
 * switching kind back loses nothing), statutory steps only for an annual review, and for a band move only the
 * need level (Universal) or planned weeks (Targeted, Specific) that go with the band. Paths are unchanged, so the
 * schema's and the server's messages still land on the fields.
 */
export function toInput(v: ReviewFormIn): ReviewFormIn {
  const kind = v.kind;
  return {
    ...v,
    ippId: kind === 'midpoint' ? null : (v.ippId ?? null),
    placementId: kind === 'midpoint' ? (v.placementId ?? null) : null,
    ehcPlanId: kind === 'annual' ? (v.ehcPlanId ?? null) : null,
    statutory: kind === 'annual' ? (v.statutory ?? { ...EMPTY_STATUTORY }) : null,
    annual: kind === 'annual' ? (v.annual ?? { ...EMPTY_ANNUAL }) : null,
    decisions: (v.decisions ?? []).map((d) => {
      const move = d.kind === 'band_up' || d.kind === 'band_down';
      if (!move) return { ...d, band: null, needLevel: null, plannedWeeks: null };
      return { ...d, needLevel: d.band === 'universal' ? d.needLevel : null, plannedWeeks: d.band === 'universal' ? null : d.plannedWeeks };
    }),
    actions: (v.actions ?? []).map((a) => (a.ownerUserId ? { ...a, ownerName: null } : a)),
  };
}

/** The bands a move may go to from the current band: above it for "up", below it for "down" (all when unknown). */
export function bandChoices(kind: DecisionKind, current: Band | null): readonly Band[] {
  if (kind !== 'band_up' && kind !== 'band_down') return [];
  if (!current) return BANDS;
  return BANDS.filter((b) => (kind === 'band_up' ? BAND_ORDER[b] > BAND_ORDER[current] : BAND_ORDER[b] < BAND_ORDER[current]));
}

/** A new decision of this kind: a band move starts at the nearest band in its direction. */
export function newDecision(kind: DecisionKind, current: Band | null): DecisionIn {
  const choices = bandChoices(kind, current);
  const band = kind === 'band_up' ? (choices[0] ?? null) : kind === 'band_down' ? (choices[choices.length - 1] ?? null) : null;
  return { kind, band, needLevel: null, plannedWeeks: null, note: null };
}

/** The decisions offered for a kind of review, and any already chosen that the kind does not allow (so they can be removed). */
export function decisionKindsShown(kind: ReviewKind, chosen: readonly DecisionKind[]): readonly DecisionKind[] {
  const allowed = DECISIONS_BY_KIND[kind];
  return [...allowed, ...chosen.filter((k) => !allowed.includes(k))];
}

export function decisionLabel(kind: DecisionKind, reviewKind: ReviewKind): string {
  return kind === 'close' ? t(`reviewsUi.closeFor.${reviewKind}`) : t(`reviewsUi.decisions.${kind}`);
}

/** Reviews newest first (by meeting date, then by when they were last saved). */
export function sortReviews(list: readonly ReviewMeeting[]): ReviewMeeting[] {
  return [...list].sort((a, b) => (a.date === b.date ? b.updatedAt.localeCompare(a.updatedAt) : b.date.localeCompare(a.date)));
}

/** Open actions soonest due first, then by pupil. */
export function sortActions(list: readonly ReviewAction[]): ReviewAction[] {
  return [...list].sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.pupilName.localeCompare(b.pupilName));
}

export function openActionCount(view: ReviewMeeting): number {
  return view.actions.filter((a) => !a.doneDate).length;
}

interface Person {
  readonly name: string;
  readonly parentalResponsibility: boolean;
}

/**
 * The people usually at a review: the pupil, the parents or carers with parental responsibility (the first
 * contact when none has it recorded), and the person recording it in their role; anyone already listed is skipped.
 */
export function usualAttendees(
  pupilName: string,
  contacts: readonly Person[],
  me: { readonly name: string; readonly role: string },
  existing: readonly Pick<AttendeeIn, 'role' | 'name'>[],
): AttendeeIn[] {
  const withPr = contacts.filter((c) => c.parentalResponsibility);
  const parents = withPr.length ? withPr : contacts.slice(0, 1);
  const myRole: AttendeeRole =
    me.role === 'senco' || me.role === 'therapy_lead' || me.role === 'therapist' || me.role === 'teacher' ? me.role : 'teacher';
  const wanted: AttendeeIn[] = [
    { role: 'pupil', name: pupilName, organisation: null, present: true },
    ...parents.map((c) => ({ role: 'parent_carer' as const, name: c.name, organisation: null, present: true })),
    { role: myRole, name: me.name, organisation: null, present: true },
  ];
  const seen = new Set(existing.map((a) => `${a.role}|${(a.name ?? '').trim().toLowerCase()}`));
  return wanted.filter((a) => {
    const k = `${a.role}|${a.name.trim().toLowerCase()}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** The review pack's base64 as bytes, for a Blob. */
export function base64ToBytes(b64: string): Uint8Array<ArrayBuffer> {
  const bin = atob(b64);
  const bytes = new Uint8Array(new ArrayBuffer(bin.length));
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

/** A file name safe on Windows and macOS, ending in .pdf. */
export function pdfFileName(name: string): string {
  const clean = [...name]
    .map((c) => (c.charCodeAt(0) < 32 ? '-' : c))
    .join('')
    .replace(/[\\/:*?"<>|]+/g, '-')
    .trim();
  return /\.pdf$/i.test(clean) ? clean : `${clean || 'review-pack'}.pdf`;
}

/** Parses the decision's `actedOn` ("band_period:ID", "ipp_version:IPP:N", "ipp_closed:IPP", "placement:ID"). */
export function parseActedOn(
  actedOn: string | null,
): { readonly kind: string; readonly id: string | null; readonly version: number | null } | null {
  if (!actedOn) return null;
  const [kind = '', id = null, n = null] = actedOn.split(':');
  return { kind, id, version: n !== null && /^\d+$/.test(n) ? Number(n) : null };
}
