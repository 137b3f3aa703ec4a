/**
 * Facet counts in one statement (issue 4, "Facets"): format, language, decade, subject, author,
 * holding library, alliance, availability. Exact while the hits are few enough to count; for a
 * broad query, counted over the best-placed sample and scaled to the estimated total, and marked
 * `estimated` (the feasibility run: exact facets of a 376 k-hit query took 1.6 s).
 */
import type { Queryable } from '../../../platform/db/index.js';
import type { Facet, FacetName, Viewer } from '../search-index.js';
import type { NetworkPlaces } from './network-places.js';
import { Params, availableIn, scopeLibraries } from './query-sql.js';

/** Values shown per facet. */
export const FACET_SIZE = 20;

/**
 * Each facet's values over the matches `m`. An array's values are unnested in the select list (a
 * ProjectSet over the rows), not by a LATERAL function scan: that one sets up a scan and a
 * tuplestore for every match — for a search of 4,500 matches a third of its facets' CPU (session 11).
 * The same rows either way (a NULL or empty array gives none).
 */
const GROUPS: Record<Exclude<FacetName, 'availability'>, string> = {
  format: `SELECT 'format', format, count(*) FROM m GROUP BY format`,
  language: `SELECT 'language', language, count(*) FROM m WHERE language IS NOT NULL GROUP BY language`,
  year: `SELECT 'year', ((year / 10) * 10)::text, count(*) FROM m WHERE year IS NOT NULL GROUP BY year / 10`,
  subject: `SELECT 'subject', s, count(*) FROM (SELECT unnest(m.subjects) AS s FROM m) AS u GROUP BY s`,
  author: `SELECT 'author', a, count(*) FROM (SELECT unnest(m.authors) AS a FROM m) AS u GROUP BY a`,
  library: `SELECT 'library', l::text, count(*) FROM (SELECT unnest(m.library_ids) AS l FROM m) AS u GROUP BY l`,
  alliance: `SELECT 'alliance', a::text, count(*) FROM (SELECT unnest(m.alliance_ids) AS a FROM m) AS u GROUP BY a`,
};

const SCOPES = ['anywhere', 'my-library', 'my-alliance', 'my-province'] as const;

export async function documentFacets(
  tx: Queryable, names: readonly FacetName[], where: string, outer: Params, places: NetworkPlaces,
  viewer: Viewer | undefined, total: number, estimated: boolean, limits: { countCap: number; rankCap: number },
): Promise<Facet[]> {
  return (await facetStatement(tx, { names, places, viewer }, where, outer, limits, { total, estimated })).facets;
}

/**
 * Facets counted over all matches when they are at most `countCap`, read once: the matches read
 * for the facets are counted too, instead of being counted first in a statement of their own.
 * Past the cap the facets are not returned (null), only that the matches are more (`counted`
 * is then `countCap + 1`): the caller estimates and counts over a sample, as for any broad query.
 */
export async function countedFacets(
  tx: Queryable, names: readonly FacetName[], where: string, outer: Params, places: NetworkPlaces,
  viewer: Viewer | undefined, limits: { countCap: number; rankCap: number },
): Promise<{ facets: Facet[] | null; counted: number }> {
  const r = await facetStatement(tx, { names, places, viewer }, where, outer, limits, { total: 0, estimated: false, atMost: limits.countCap + 1 });
  return r.sampled <= limits.countCap ? { facets: r.facets, counted: r.sampled } : { facets: null, counted: r.sampled };
}

/** The column each facet counts (availability: the copies on the shelf; a scope's, through `cluster_id`). */
const COLUMN: Record<FacetName, string> = {
  format: 'd.format', language: 'd.language', year: 'd.year', subject: 'd.subjects', author: 'd.authors',
  library: 'd.library_ids', alliance: 'd.alliance_ids', availability: 'd.available_copies',
};

/**
 * The columns these facets count, read into `m` with the matches (beside `cluster_id`, which `m`
 * always has): only theirs — a facet counted alone (one chosen, without its choice) does not copy
 * every match's subjects, authors and libraries into `m` for nothing.
 */
export function facetColumns(names: readonly FacetName[]): string[] {
  return [...new Set(names)].map((n) => COLUMN[n]);
}

/** A facet value counted: its facet, value and count, as a statement returns it. */
export interface FacetRow { f: FacetName; v: string; n: string | number }

/** The SELECT of each facet's values (f, v, n; at most FACET_SIZE each, by count) over the matches `m` (facetColumns and cluster_id). */
export function facetValuesSql(names: readonly FacetName[], params: Params, places: NetworkPlaces, viewer: Viewer | undefined): string {
  const parts = names.flatMap((name): string[] => {
    if (name !== 'availability') return [GROUPS[name]];
    return SCOPES.filter((s) => s === 'anywhere' || viewer?.libraryId != null).map(
      (s) => `SELECT 'availability', '${s}', count(*) FROM m AS d WHERE ${availableIn(scopeLibraries(s, viewer, places), params)}`,
    );
  });
  return `SELECT f, v, n FROM (
       SELECT f, v, n, row_number() OVER (PARTITION BY f ORDER BY n DESC, v) AS rank FROM (${parts.join(' UNION ALL ')}) AS g(f, v, n)
     ) AS ranked WHERE rank <= ${FACET_SIZE} AND n > 0`;
}

/** The facets from their counted values, each count times `scale` (a sample's share of the estimated total). */
export function facetsOf(names: readonly FacetName[], rows: readonly FacetRow[], places: NetworkPlaces, estimated: boolean, scale = 1): Facet[] {
  return names.map((name) => ({
    name,
    estimated,
    values: rows
      .filter((r) => r.f === name)
      .sort((a, b) => Number(b.n) - Number(a.n) || (a.v < b.v ? -1 : 1))
      .map((r) => ({ value: valueOf(name, r.v, places), count: Math.round(Number(r.n) * scale), ...labelOf(name, r.v, places) })),
  }));
}

/** The facets a statement counts, and for whom (the availability scopes are the viewer's). */
export interface FacetsFor {
  names: readonly FacetName[];
  places: NetworkPlaces;
  viewer: Viewer | undefined;
}

/**
 * How the matches are read for the facets: the best-placed `rankCap` scaled to `total` when
 * `estimated`, else all of them (at most `atMost`).
 */
interface Reading {
  total: number;
  estimated: boolean;
  atMost?: number;
}

async function facetStatement(
  tx: Queryable, { names, places, viewer }: FacetsFor, where: string, outer: Params, limits: { countCap: number; rankCap: number },
  { total, estimated, atMost }: Reading,
): Promise<{ facets: Facet[]; sampled: number }> {
  const params = new Params();
  params.values.push(...outer.values);
  const sample = estimated ? ` ORDER BY d.static_score DESC, d.cluster_id LIMIT ${limits.rankCap}` : atMost !== undefined ? ` LIMIT ${atMost}` : '';
  // Read up to `atMost` to learn whether they are more: then the values are not wanted (a one-time filter, not computed).
  const past = atMost !== undefined ? ` WHERE (SELECT count(*) FROM m) < ${atMost}` : '';
  // The sample's size in a row of its own (f null), sent once, not beside every value.
  const { rows } = await tx.query<{ f: FacetName | null; v: string; n: string; sampled: string | null }>(
    `WITH m AS MATERIALIZED (
       SELECT ${['d.cluster_id', ...facetColumns(names)].join(', ')}
         FROM search_documents d WHERE ${where}${sample})
     SELECT NULL AS f, NULL AS v, NULL::bigint AS n, count(*) AS sampled FROM m
     UNION ALL
     SELECT f, v, n, NULL FROM (${facetValuesSql(names, params, places, viewer)}) AS counted${past}`,
    params.values,
  );
  const whole = rows.find((r) => r.f === null)!;
  const sampled = Number(whole.sampled);
  const scale = estimated && sampled > 0 ? total / sampled : 1;
  const facets = facetsOf(names, rows.filter((r): r is typeof r & FacetRow => r.f !== null), places, estimated, scale);
  return { facets, sampled };
}

/** Libraries and alliances are chosen by symbol and code, not database ids. */
function valueOf(name: FacetName, v: string, places: NetworkPlaces): string {
  if (name === 'library') return places.libraries.get(Number(v))?.symbol ?? v;
  if (name === 'alliance') return places.alliances.get(Number(v))?.code ?? v;
  return v;
}

function labelOf(name: FacetName, v: string, places: NetworkPlaces): { label?: string; labelZh?: string } {
  if (name === 'library') {
    const l = places.libraries.get(Number(v));
    return l ? { label: l.nameEn, labelZh: l.nameZh } : {};
  }
  if (name === 'alliance') {
    const a = places.alliances.get(Number(v));
    return a ? { label: a.nameEn, labelZh: a.nameZh } : {};
  }
  if (name === 'year') return { label: `${v}–${Number(v) + 9}`, labelZh: `${v}–${Number(v) + 9}年` };
  return {};
}
