/**
 * A frequent-word search's facets kept with its ranked answer (docs/search.md, session 12; migration
 * 0049). Counted by the statement that ranks and keeps the answer (ranked-answers.ts), exactly as
 * the search counts them (facets.ts, ranked-pages.ts): the facets no value is chosen from over all
 * matches when they are at most the count cap, else over the best-placed `rankCap`; each facet with
 * chosen values over its own matches (without its choice), likewise. What is kept is the counted
 * values and, for a sample, its size: scaled to the estimated total when read, as when counted, so
 * the answer is the one counting gives now. Forgotten with the ranked answer (the words' tsquery
 * holds every match of every group: the writer's test forgets it whenever a group could change).
 */
import type { Queryable } from '../../../platform/db/index.js';
import type { Facet, FacetName, Viewer } from '../search-index.js';
import { bestPlacedPlaces } from './best-placed.js';
import { facetColumns, facetValuesSql, facetsOf, type FacetRow } from './facets.js';
import { estimateMatches } from './match-counts.js';
import type { NetworkPlaces } from './network-places.js';
import type { Params } from './query-sql.js';

/** A facet with chosen values: counted over `where` (the search's condition without its choice). */
export interface ChosenFacet {
  name: FacetName;
  where: string;
  /** The statistics' estimate when they put its matches past twice the count cap (then sampled, not counted). */
  broad: number | null;
  /** Static-score tiers to find its sample through (any order gives the same sample). */
  tiers: readonly string[];
}

/** The facets a kept answer counts, and for whom (availability scopes are the viewer's). */
export interface KeptFacetsAsk {
  shared: readonly FacetName[];
  chosen: readonly ChosenFacet[];
  places: NetworkPlaces;
  viewer: Viewer | undefined;
}

/** One group's counted values: all matches (`exact`) or a sample of `sampled`. */
interface KeptGroup {
  exact: boolean;
  sampled: number;
  rows: [FacetName, string, string | number][] | null;
}

export interface StoredFacets {
  shared: KeptGroup | null;
  chosen: Record<string, KeptGroup>;
}

interface Caps {
  countCap: number;
  rankCap: number;
}

/** A group's counted values over `m` as json (exact or a sample). */
function groupJson(names: readonly FacetName[], exact: boolean, sampled: string, ask: KeptFacetsAsk, params: Params): string {
  const values = facetValuesSql(names, params, ask.places, ask.viewer);
  return `json_build_object('exact', ${exact}, 'sampled', ${sampled}, 'rows', (SELECT json_agg(json_build_array(fv.f, fv.v, fv.n)) FROM (${values}) fv))`;
}

/** The columns a group's matches carry: the cluster and its facets' own. */
const matchColumns = (names: readonly FacetName[]): string => ['d.cluster_id', ...facetColumns(names)].join(', ');

/** A group's sample: its best-placed `rankCap` matches by static score, as facets.ts and sampledRankedPage read them. */
function sampleJson(names: readonly FacetName[], where: string, tiers: readonly string[], ask: KeptFacetsAsk, params: Params, caps: Caps): string {
  return `(WITH m AS MATERIALIZED (SELECT ${matchColumns(names)} FROM search_documents d WHERE d.ctid = ANY(${bestPlacedPlaces(where, tiers, caps.rankCap)}))
           SELECT ${groupJson(names, false, '(SELECT count(*) FROM m)', ask, params)})`;
}

/**
 * The keep statement's parts: the columns the shared facets read (carried in its matches `m`,
 * counted in `n`, and its candidates `c`), and the json of every group. The shared facets are
 * counted over `m` when it holds every match; else over `c`, the best-placed `rankCap` — the
 * sample the search counts them over —, always when `broad` (the statistics' estimate past twice
 * the count cap: the search samples them then; the statement has no `m`).
 */
export function keptFacetsSql(
  ask: KeptFacetsAsk, broad: number | null, params: Params, caps: Caps,
): { columns: string[]; json: string } {
  const sharedSample = (): string => `(WITH m AS MATERIALIZED (SELECT * FROM c) SELECT ${groupJson(ask.shared, false, '(SELECT count(*) FROM m)', ask, params)})`;
  const shared = ask.shared.length === 0
    ? 'NULL::json'
    : broad !== null
      ? sharedSample()
      : `CASE WHEN (SELECT n FROM n) <= ${caps.countCap} THEN ${groupJson(ask.shared, true, '(SELECT n FROM n)', ask, params)} ELSE ${sharedSample()} END`;
  const chosen = ask.chosen.map((c) => {
    const sample = sampleJson([c.name], c.where, c.tiers, ask, params, caps);
    if (c.broad !== null) return `'${c.name}', ${sample}`;
    // Counted up to the cap in one read; past it, the values of that read are not wanted: the sample's are.
    return `'${c.name}', (WITH m AS MATERIALIZED (SELECT ${matchColumns([c.name])} FROM search_documents d WHERE ${c.where} LIMIT ${caps.countCap + 1})
              SELECT CASE WHEN (SELECT count(*) FROM m) <= ${caps.countCap}
                          THEN ${groupJson([c.name], true, '(SELECT count(*) FROM m)', ask, params)}
                          ELSE ${sample} END)`;
  });
  return {
    columns: facetColumns(ask.shared).map((c) => c.slice('d.'.length)),
    json: `json_build_object('shared', ${shared}, 'chosen', json_build_object(${chosen.join(', ')}))::jsonb`,
  };
}

/**
 * The facets of a kept answer as counting them now gives: an exact group as kept; a sample's
 * counts scaled to the estimated total — the search's own (`total`) for the shared facets, a
 * chosen facet's own estimate (its statistics', else the planner's) for it.
 */
export async function keptFacets(
  tx: Queryable, stored: StoredFacets, ask: KeptFacetsAsk, total: number,
  chosenCondition: (name: FacetName) => { where: string; params: Params }, countCap: number,
): Promise<Facet[]> {
  const out: Facet[] = [];
  if (ask.shared.length > 0 && stored.shared) out.push(...groupFacets(ask.shared, stored.shared, ask.places, total, true));
  for (const c of ask.chosen) {
    const group = stored.chosen[c.name]!;
    if (group.exact) {
      out.push(...groupFacets([c.name], group, ask.places, 0, false));
      continue;
    }
    const { where, params } = chosenCondition(c.name);
    const own = c.broad !== null ? { total: c.broad, estimated: true } : await estimateMatches(tx, where, params, countCap + 1);
    out.push(...groupFacets([c.name], group, ask.places, own.total, own.estimated));
  }
  return out;
}

function groupFacets(names: readonly FacetName[], group: KeptGroup, places: NetworkPlaces, total: number, estimated: boolean): Facet[] {
  const rows = (group.rows ?? []).map(([f, v, n]): FacetRow => ({ f, v, n }));
  if (group.exact) return facetsOf(names, rows, places, false);
  return facetsOf(names, rows, places, estimated, estimated && group.sampled > 0 ? total / group.sampled : 1);
}
