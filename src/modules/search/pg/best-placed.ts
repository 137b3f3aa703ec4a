/**
 * A broad query's best-placed matches (issue 4: "rank broad queries over a capped candidate set
 * ordered by a stored static score"): its best `rankCap` by static score (holdings, recency),
 * found through a static-score tier first (static-tiers.ts; docs/search.md "Static-score tiers").
 */
import { quoteLexeme } from '../domain/analysis/index.js';

/**
 * The condition "among the best `rankCap` matches by static score (holdings, recency)". The
 * candidates are named by their row's place (ctid), valid for this one statement's snapshot: a
 * TID scan reads each row's page once, where a look-up by id first walks the primary key.
 *
 * Each tier in `tiers` is tried in turn: the matches inside it, found by GIN, when they are at
 * least `rankCap` (then its best are exactly the query's: everything outside scores lower);
 * else all matches. COALESCE evaluates an argument only when those before it gave null, so a
 * tier that holds enough is the only one read.
 */
export function bestPlaced(where: string, tiers: readonly string[], rankCap: number): string {
  return `d.ctid = ANY(${bestPlacedPlaces(where, tiers, rankCap)})`;
}

/** bestPlaced's array of places. */
export function bestPlacedPlaces(where: string, tiers: readonly string[], rankCap: number): string {
  const best = (condition: string): string =>
    `ARRAY(SELECT d.ctid FROM search_documents d WHERE ${condition} ORDER BY d.static_score DESC, d.cluster_id LIMIT ${rankCap})`;
  if (tiers.length === 0) return best(where);
  // The tier lexemes are the scheme's constants ('~s1' …): nothing of the request goes in unbound.
  // OFFSET 0 keeps the array one value: pulled up, it would be computed again for each mention.
  const inTier = tiers.map((t) => `(SELECT a FROM (SELECT ${best(`${where} AND d.document @@ ${quoteLexeme(t)}::tsquery`)} AS a OFFSET 0) t WHERE cardinality(a) = ${rankCap})`);
  return `COALESCE(${[...inTier, best(where)].join(', ')})`;
}
