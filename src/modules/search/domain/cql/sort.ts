/**
 * Sort keys named in CQL `sortBy` (SRU 2.0) or in SRU 1.2 `sortKeys`, to the index's sort orders.
 * The index sorts by relevance (best first), title (A–Z) and year (either way); a key or a direction
 * outside that is refused rather than ignored.
 */
import type { SortOrder } from '../../search-index.js';

const KEYS: Readonly<Record<string, 'title' | 'year' | 'relevance'>> = {
  title: 'title', 'dc.title': 'title', 'bath.title': 'title',
  date: 'year', year: 'year', 'dc.date': 'year',
  relevance: 'relevance', 'rec.relevance': 'relevance', 'cql.relevance': 'relevance', score: 'relevance',
};

/** `ascending` null: the key's natural direction (A–Z, oldest first, best first). */
export function cqlSortOrder(key: string, ascending: boolean | null): { ok: true; sort: SortOrder } | { ok: false; reason: 'unknown' | 'direction' } {
  const k = KEYS[key.toLowerCase()];
  if (k === undefined) return { ok: false, reason: 'unknown' };
  if (k === 'title') return ascending === false ? { ok: false, reason: 'direction' } : { ok: true, sort: 'title' };
  if (k === 'relevance') return ascending === true ? { ok: false, reason: 'direction' } : { ok: true, sort: 'relevance' };
  return { ok: true, sort: ascending === false ? 'year-desc' : 'year-asc' };
}

/** The sort keys explain lists. */
export const SORT_KEYS = ['dc.title', 'dc.date', 'relevance'] as const;
