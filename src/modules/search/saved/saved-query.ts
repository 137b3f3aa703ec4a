/**
 * The search a reader saves is the results page's query string (`q=…&format=book&year=1980-1989`).
 * Normalised so that one search is one saved search whatever the order of its parameters: paging
 * is left out (a saved search starts at its first page), empty values go, the rest is sorted.
 */

/** Parameters that say where in the results one was, not what was searched for. */
const NOT_THE_SEARCH = new Set(['page', 'pageSize', 'debug', 'facets']);

/** The query string in one canonical form, or null when nothing is left to search for. */
export function normaliseSavedQuery(raw: string): string | null {
  const params = new URLSearchParams(raw.trim().replace(/^\?/, ''));
  const pairs: [string, string][] = [];
  for (const [k, v] of params) {
    const value = v.trim();
    if (!k || NOT_THE_SEARCH.has(k) || value === '') continue;
    pairs.push([k, value]);
  }
  if (pairs.length === 0) return null;
  pairs.sort(([ak, av], [bk, bv]) => (ak === bk ? (av < bv ? -1 : av > bv ? 1 : 0) : ak < bk ? -1 : 1));
  return new URLSearchParams(pairs).toString();
}
