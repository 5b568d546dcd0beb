/** The review form's grids and row box, and how it reads a message off a group of fields (a list or an object). */

export const grid2 = { display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' }, alignItems: 'start' } as const;
export const grid3 = { display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', md: '1fr 1fr 1fr' }, alignItems: 'start' } as const;
export const rowBox = { border: 1, borderColor: 'divider', borderRadius: 1, p: 2, m: 0, minWidth: 0 } as const;

/** A message on a list or group as a whole (not on one of its fields). */
export function groupMessage(error: unknown): string | null {
  if (!error || typeof error !== 'object') return null;
  const e = error as { message?: unknown; root?: { message?: unknown } };
  if (typeof e.message === 'string' && e.message) return e.message;
  if (e.root && typeof e.root.message === 'string' && e.root.message) return e.root.message;
  return null;
}

/** Every message under an error subtree (for decisions shown read-only, whose fields are not on screen). */
export function allMessages(error: unknown, out: string[] = []): string[] {
  if (!error || typeof error !== 'object') return out;
  const e = error as Record<string, unknown>;
  if (typeof e.message === 'string' && e.message && !out.includes(e.message)) out.push(e.message);
  for (const [k, v] of Object.entries(e)) if (k !== 'ref' && k !== 'message' && k !== 'type') allMessages(v, out);
  return out;
}
