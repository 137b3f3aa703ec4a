/**
 * Whether two JSON-like values say the same thing: objects compared by their keys whatever the
 * order, a key holding `undefined` counted as absent, arrays compared in order. Import uses it to
 * tell an unchanged entry from an updated one, so re-importing a file changes nothing.
 */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((v, i) => sameValue(v, bb[i]));
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(ao), ...Object.keys(bo)]);
  for (const k of keys) if (!sameValue(ao[k], bo[k])) return false;
  return true;
}

/** The top-level fields whose values differ between two entries (for the audit log and permission checks). */
export function changedFields<T extends object>(before: T, after: T): (keyof T & string)[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]) as Set<keyof T & string>;
  return [...keys].filter((k) => !sameValue(before[k], after[k]));
}

/** A copy without the keys that hold `undefined`, so what is stored and compared is plain JSON. */
export function withoutUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
