/**
 * A teacher's classes as the SENCo typed or chose them: trimmed, blanks dropped, and each class once (the core
 * compares class names without case, so "5r" and "5R" are the same class; the first spelling is kept).
 */
export function normaliseClasses(values: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of values) {
    const name = raw.trim().replace(/\s+/g, ' ');
    const key = name.toLowerCase();
    if (!name || seen.has(key)) continue;
    seen.add(key);
    out.push(name);
  }
  return out;
}
