/**
 * Pure helpers for the Progress and Parents tabs: a goal's ratings laid out for a chart (one row per date, review
 * and session ratings apart), GAS levels in words, hours from minutes, band segments on a timeline, Thrive results
 * by strand and date, and how many updates parents had in the last 12 months. No React, no DOM.
 */
import type { ParentUpdate, PupilProgress } from '../../../../shared/contract';
import { THRIVE_STRANDS, type ThriveStrand } from '../../../../shared/therapy';
import { daysBetween } from '../../../../shared/date-only';
import { levelKeyOf, scoreLabel, type LevelKey } from '../ipp/ipp-model';

export type GoalProgress = PupilProgress['goals'][number];
export type BandPeriodPoint = PupilProgress['bands'][number];

export interface GoalRow {
  readonly date: string;
  /** The rating the line follows: the review's when both a review and a session rated the goal that day. */
  readonly rating: number;
  readonly review: number | null;
  readonly session: number | null;
}

/** One row per date, oldest first. */
export function goalRows(goal: Pick<GoalProgress, 'points'>): GoalRow[] {
  const byDate = new Map<string, { review: number | null; session: number | null }>();
  const sorted = [...goal.points].sort((a, b) => a.date.localeCompare(b.date));
  for (const p of sorted) {
    const row = byDate.get(p.date) ?? { review: null, session: null };
    if (p.source === 'review') row.review = p.rating;
    else row.session = p.rating;
    byDate.set(p.date, row);
  }
  return [...byDate.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([date, r]) => ({ date, review: r.review, session: r.session, rating: (r.review ?? r.session) as number }));
}

export { levelKeyOf, scoreLabel, type LevelKey };

/** Whole GAS points only: anything else is clamped and rounded so a label always exists. */
export function clampRating(v: number): -2 | -1 | 0 | 1 | 2 {
  return Math.max(-2, Math.min(2, Math.round(v))) as -2 | -1 | 0 | 1 | 2;
}

/** Minutes to hours with at most one decimal place (90 → 1.5). */
export function hours(minutes: number): number {
  return Math.round((minutes / 60) * 10) / 10;
}

/** 'yyyy-mm' → the first day as ISO. */
export function monthStart(month: string): string {
  return `${month}-01`;
}

export interface BandSegment extends BandPeriodPoint {
  /** Where the segment starts and how wide it is, as a share of the whole timeline (0..1). */
  readonly offset: number;
  readonly share: number;
}

/**
 * Bands oldest first, each with its place on a timeline running from the first start to today (or the last end).
 * A period shorter than `minShare` of the whole still gets that much room so its label can be read; the rest
 * share what is left in proportion to their length.
 */
export function bandSegments(bands: readonly BandPeriodPoint[], today: string, minShare = 0.12): BandSegment[] {
  const sorted = [...bands].sort((a, b) => a.startDate.localeCompare(b.startDate));
  if (sorted.length === 0) return [];
  const lengths = sorted.map((b) => Math.max(1, daysBetween(b.startDate, b.endDate ?? today)));
  const total = lengths.reduce((a, b) => a + b, 0);
  const raw = lengths.map((l) => l / total);
  const small = raw.map((r) => r < minShare);
  const fixed = small.filter(Boolean).length * minShare;
  const restRaw = raw.reduce((a, r, i) => a + (small[i] ? 0 : r), 0);
  const shares = raw.map((r, i) => (small[i] ? minShare : restRaw > 0 ? (r / restRaw) * Math.max(0, 1 - fixed) : 0));
  const sum = shares.reduce((a, b) => a + b, 0) || 1;
  let offset = 0;
  return sorted.map((b, i) => {
    const share = (shares[i] as number) / sum;
    const seg = { ...b, offset, share };
    offset += share;
    return seg;
  });
}

export interface ThriveGrid {
  readonly dates: readonly string[];
  readonly rows: ReadonlyArray<{ readonly strand: ThriveStrand; readonly results: ReadonlyArray<string | null> }>;
}

/** Strands in the Thrive order (Being first) against assessment dates, oldest first. */
export function thriveGrid(thrive: PupilProgress['thrive']): ThriveGrid {
  const dates = [...new Set(thrive.map((r) => r.date))].sort();
  const rows = THRIVE_STRANDS.filter((s) => thrive.some((r) => r.strand === s)).map((strand) => ({
    strand,
    results: dates.map((d) => thrive.find((r) => r.strand === strand && r.date === d)?.result ?? null),
  }));
  return { dates, rows };
}

/** The same date one year earlier ('2026-03-14' → '2025-03-14'; 29 February → 28 February). */
export function oneYearBefore(iso: string): string {
  const [y, m, d] = iso.split('-') as [string, string, string];
  const day = m === '02' && d === '29' ? '28' : d;
  return `${String(Number(y) - 1).padStart(4, '0')}-${m}-${day}`;
}

/** Updates dated within the 12 months up to and including today. */
export function updatesInLastYear(updates: readonly Pick<ParentUpdate, 'date'>[], today: string): number {
  const from = oneYearBefore(today);
  return updates.filter((u) => u.date > from && u.date <= today).length;
}

/** Newest first; on the same date, the list's own order (the core sends the most recently recorded first). */
export function newestFirst<T extends Pick<ParentUpdate, 'date'>>(updates: readonly T[]): T[] {
  return updates
    .map((u, i) => ({ u, i }))
    .sort((a, b) => b.u.date.localeCompare(a.u.date) || a.i - b.i)
    .map(({ u }) => u);
}

/** How a goal is going, in words a parent would use (never a score). */
export function goingKey(latest: number | null): 'better' | 'asHoped' | 'working' | 'notYet' {
  if (latest === null) return 'notYet';
  if (latest > 0) return 'better';
  if (latest === 0) return 'asHoped';
  return 'working';
}

/** Whether a T-score reads as above, at or below expected (50, to one decimal place). */
export function tReading(t: number): 'above' | 'at' | 'below' {
  const r = Math.round(t * 10) / 10;
  return r > 50 ? 'above' : r < 50 ? 'below' : 'at';
}
