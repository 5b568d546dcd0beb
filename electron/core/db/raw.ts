/**
 * Helpers for the few hot read paths written as raw SQL (the register, the profile, the clocks), where TypeORM's
 * entity hydration costs more than the query itself. Both drivers: placeholders, dates and booleans differ.
 */
import { format } from 'date-fns';
import type { EntityManager } from 'typeorm';

/** A placeholder for the i-th (1-based) parameter: PostgreSQL's $i or SQLite's ?i. */
export function placeholder(em: EntityManager): (i: number) => string {
  const pg = em.connection.options.type === 'postgres';
  return (i) => (pg ? `$${i}` : `?${i}`);
}

/** PostgreSQL hands back a Date for a `date` column in raw queries; SQLite gives the stored text. */
export function dateOf(v: unknown): string {
  if (v instanceof Date) return format(v, 'yyyy-MM-dd');
  return String(v);
}

export function dateOrNull(v: unknown): string | null {
  return v === null || v === undefined ? null : dateOf(v);
}

/** SQLite stores booleans as 0/1. */
export function boolOf(v: unknown): boolean {
  return v === true || v === 1 || v === '1' || v === 't';
}

/** COUNT(*) comes back as a string from PostgreSQL (bigint). */
export function numOf(v: unknown): number {
  return Number(v ?? 0);
}
