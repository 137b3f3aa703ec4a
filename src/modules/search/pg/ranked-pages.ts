/**
 * A search's page of hits (issue 4, "Ranking" and "Paging and sorting"): ranked by relevance over
 * all matches or a broad query's best-placed candidates, or sorted by year or title; by offset or
 * after a cursor. The page's rows carry the hit's own columns, read in the same statement.
 */
import { prepared, type Queryable } from '../../../platform/db/index.js';
import type { QueryNode } from '../domain/query/ast.js';
import type { Facet, SearchHit } from '../search-index.js';
import type { CursorPosition } from './cursor.js';
import { HIT_COLUMNS, type HitColumns } from './hits.js';
import { bestPlaced } from './best-placed.js';
import { facetColumns, facetValuesSql, facetsOf, type FacetRow, type FacetsFor } from './facets.js';
import { Params, positiveLeaves } from './query-sql.js';
import { rankingSql } from './ranking.js';

export interface PageRow {
  clusterId: number;
  /** The sort key (score, year key or title key), for the cursor. */
  key: number | string;
  score: number;
  /** The hit's own columns, read with the page. */
  doc: HitColumns;
  explain?: SearchHit['explain'];
}

/** Where the page starts: an offset, or after a cursor's position (then the offset is not used). */
export interface PageAt {
  limit: number;
  offset: number;
  after: CursorPosition | null;
}

export interface Page {
  rows: PageRow[];
  more: boolean;
}

export interface RankCaps {
  /** Hits counted exactly. */
  countCap: number;
  /** Hits ranked by text relevance. */
  rankCap: number;
}

export interface Ordering {
  /** The sort key over `d`, its direction; a cursor continues after it. */
  key: string;
  desc: boolean;
}

export const ORDERINGS: Record<string, Ordering> = {
  'year-desc': { key: 'coalesce(d.year, -1)', desc: true },
  'year-asc': { key: 'coalesce(d.year, 99999)', desc: false },
  title: { key: 'd.title_key', desc: false },
};

/**
 * The facets' CTE over `m` and what the page's rows make of it: the facets no value is chosen
 * from, counted exactly in the statement that counts the matches when they are at most `cap`
 * (null past it), instead of in a statement of their own reading the same matches again. With
 * `cap` null, `m` is a broad query's best-placed sample: always counted, each count scaled by
 * the sample's share of `total` (the estimated matches) and marked estimated.
 */
function facetsAlong(
  along: FacetsFor | undefined, cap: number | null, params: Params, total = 0,
): { columns: string; cte: string; select: string; read: (rows: { n?: string | number; facets?: FacetRow[][] | null }[]) => Facet[] | null } {
  if (!along || along.names.length === 0) return { columns: '', cte: '', select: '', read: () => null };
  const values = facetValuesSql(along.names, params, along.places, along.viewer);
  const counted = `(SELECT json_agg(json_build_array(fv.f, fv.v, fv.n)) FROM (${values}) fv)`;
  return {
    columns: facetColumns(along.names).map((c) => `, ${c}`).join(''),
    // Uncorrelated: computed once, and only when the matches were all read (an InitPlan runs when reached).
    cte: `, fc AS (SELECT ${cap === null ? counted : `CASE WHEN (SELECT n FROM n) <= ${cap} THEN ${counted} END`} AS facets)`,
    // Sent on the first row only, not beside every hit.
    select: `, CASE WHEN row_number() OVER () = 1 THEN (SELECT facets FROM fc) END AS facets`,
    read: (rows) => {
      const values = rows.find((r) => r.facets)?.facets ?? [];
      const sampled = Number(rows[0]?.n ?? 0);
      const scale = cap === null && sampled > 0 ? total / sampled : 1;
      return facetsOf(along.names, values.map(([f, v, n]) => ({ f, v, n }) as unknown as FacetRow), along.places, cap === null, scale);
    },
  };
}

/**
 * What a statement that scores its matches as it reads them starts with (rankedInOnePass,
 * sampledRankedPage): the caller's parameters, then the score's, then the cursor's, in that order;
 * each part of the score as a column of its own when debugging (`explain` where the rows are
 * read, `parts(alias)` where they are taken again), and the cursor as an `AND …` on the scored rows `r`.
 */
function scoredReading(
  query: QueryNode | null, outer: Params, at: PageAt, debug: boolean,
): { params: Params; ranking: ReturnType<typeof rankingSql>; explain: string; parts: (alias: string) => string; keyset: string } {
  const params = new Params();
  params.values.push(...outer.values);
  const ranking = rankingSql(query ? positiveLeaves(query) : [], params);
  const explain = debug ? ranking.parts.map((p, i) => `, ${p.sql} AS part${i}`).join('') : '';
  const parts = (alias: string): string => (debug ? ranking.parts.map((_, i) => `, ${alias}.part${i}`).join('') : '');
  const after = scoreAfter(at, params);
  return { params, ranking, explain, parts, keyset: after ? `AND (${after})` : '' };
}

type RankedRow = { cluster_id: string | null; score: number } & HitColumns & Record<string, number>;

/**
 * Count and first page of a relevance search in one statement: the matches up to the count cap
 * with their static score, and the page ranked over all of them (a narrow query: read again
 * from the heap pages the count has just read, no look-up by id) or over the best `rankCap` by
 * static score (up to the count cap). Past the cap the page is not computed: the caller counts
 * by estimate and ranks the whole match set's candidates.
 */
export async function countedRankedPage(
  tx: Queryable, query: QueryNode | null, where: string, outer: Params, at: PageAt, debug: boolean, caps: RankCaps, along?: FacetsFor,
): Promise<{ total: number; facets: Facet[] | null } & Page> {
  const params = new Params();
  params.values.push(...outer.values);
  const { countCap, rankCap } = caps;
  const all = rankedSelect(query, where, params, at, debug);
  const best = rankedSelect(query, `d.ctid = ANY(ARRAY(SELECT tid FROM m ORDER BY static_score DESC, cluster_id LIMIT ${rankCap}))`, params, at, debug);
  const facets = facetsAlong(along, countCap, params);
  // Only one branch runs: each has a one-time filter on the count.
  const { rows } = await tx.query<{ n: string; facets?: FacetRow[][] | null } & RankedRow>(
    `WITH m AS MATERIALIZED (SELECT d.ctid AS tid, d.cluster_id, d.static_score${facets.columns} FROM search_documents d WHERE ${where} LIMIT ${countCap + 1}),
          n AS (SELECT count(*) AS n FROM m)${facets.cte}
     SELECT n.n${facets.select}, p.* FROM n LEFT JOIN LATERAL (
       (SELECT * FROM (${all.sql}) a WHERE n.n <= ${rankCap})
       UNION ALL
       (SELECT * FROM (${best.sql}) b WHERE n.n > ${rankCap} AND n.n <= ${countCap})
     ) p ON true`,
    params.values,
  );
  const total = Number(rows[0]!.n);
  // The branch's order, kept explicitly: a wrapping query promises none.
  const found = byScore(rows);
  return { total, rows: all.page(found), more: found.length > at.limit, facets: total <= countCap ? facets.read(rows) : null };
}

/**
 * Count, rank and page of a search the statistics say matches at most `cap` documents (the rank
 * cap or the count cap), from one read of the matches: each match's score is computed as its row
 * is read for the count; the page is ranked over all of them or, past the rank cap, over the best
 * `rankCap` by static score, as countedRankedPage does; only the page's rows are read again (by
 * their place) for the hit's columns. Null when it matches more after all (statistics are a
 * sample): the caller counts and ranks as for any search.
 */
export async function rankedInOnePass(
  tx: Queryable, query: QueryNode | null, where: string, outer: Params, at: PageAt, debug: boolean, cap: number, rankCap: number, along?: FacetsFor,
  generic?: Queryable,
): Promise<({ total: number; facets: Facet[] | null } & Page) | null> {
  const { params, ranking, explain, parts, keyset } = scoredReading(query, outer, at, debug);
  // The candidates' own columns only (the facets' columns stay in m: the hit's are read with the page).
  const own = `m.tid, m.cluster_id, m.static_score, m.score${parts('m')}`;
  const facets = facetsAlong(along, cap, params);
  // The page's place as parameters: one text for every page, so that it can be kept prepared.
  const pageSize = params.add(at.limit + 1);
  const skip = params.add(at.after ? 0 : at.offset);
  const sql =
    `WITH m AS MATERIALIZED (SELECT d.ctid AS tid, d.cluster_id, d.static_score, ${ranking.score} AS score${explain}${facets.columns} FROM search_documents d WHERE ${where} LIMIT ${cap + 1}),
          n AS (SELECT count(*) AS n FROM m),
          c AS ((SELECT ${own} FROM m, n WHERE n.n <= ${rankCap})
                UNION ALL
                (SELECT ${own} FROM m, n WHERE n.n > ${rankCap} AND n.n <= ${cap} ORDER BY m.static_score DESC, m.cluster_id LIMIT ${rankCap}))${facets.cte},
          p AS MATERIALIZED (SELECT r.* FROM c r WHERE true ${keyset} ORDER BY r.score DESC, r.cluster_id LIMIT ${pageSize}::int8 OFFSET ${skip}::int8)
     SELECT n.n${facets.select}, p.*, ${HIT_COLUMNS} FROM n LEFT JOIN (p JOIN search_documents d ON d.ctid = p.tid) ON true`;
  // `generic`: sessions that plan a prepared statement once (pg-search-index.ts, genericSessions).
  const { rows } = await (generic ?? tx).query<{ n: string; facets?: FacetRow[][] | null } & RankedRow>(generic ? prepared(sql) : sql, params.values);
  const total = Number(rows[0]!.n);
  if (total > cap) return null;
  const found = byScore(rows);
  return { total, rows: pageRows(found, at, ranking, debug), more: found.length > at.limit, facets: facets.read(rows) };
}

/**
 * A broad query's page and its facets from one read of its best-placed candidates (`candidates`
 * is best-placed.ts's condition: at most the rank cap): each candidate's score is computed as its row is
 * read for the facets, the page is ranked over them, and only the page's rows are read again, by
 * their place, in the same statement (one snapshot). The facets no value is chosen from are
 * counted over the candidates and scaled to `total`, the estimated matches, as facets.ts's sample
 * is; the same hits, scores and order as rankedPage over the same candidates.
 */
export async function sampledRankedPage(
  tx: Queryable, query: QueryNode | null, candidates: string, outer: Params, at: PageAt, debug: boolean, along: FacetsFor, total: number,
): Promise<{ facets: Facet[] } & Page> {
  const { params, ranking, explain, parts, keyset } = scoredReading(query, outer, at, debug);
  const own = `r.tid, r.cluster_id, r.score${parts('r')}`;
  const facets = facetsAlong(along, null, params, total);
  const { rows } = await tx.query<{ n: string; facets?: FacetRow[][] | null } & RankedRow>(
    // No ORDER BY here: sorting the candidates (at most `rankCap` already) would carry each one's
    // whole tsvector through the sort, the score being computed after it (2,000 rows of 1–2 KB).
    `WITH m AS MATERIALIZED (SELECT d.ctid AS tid, d.cluster_id, ${ranking.score} AS score${explain}${facets.columns}
                               FROM search_documents d WHERE ${candidates}),
          n AS (SELECT count(*) AS n FROM m)${facets.cte},
          p AS MATERIALIZED (SELECT ${own} FROM m r WHERE true ${keyset} ORDER BY r.score DESC, r.cluster_id LIMIT ${at.limit + 1} OFFSET ${at.after ? 0 : at.offset})
     SELECT n.n${facets.select}, p.*, ${HIT_COLUMNS} FROM n LEFT JOIN (p JOIN search_documents d ON d.ctid = p.tid) ON true`,
    params.values,
  );
  const found = byScore(rows);
  return { rows: pageRows(found, at, ranking, debug), more: found.length > at.limit, facets: facets.read(rows) ?? [] };
}

/**
 * The ranked page over the matches: all of them, or the best-placed `rankCap` of a broad query
 * (chosen in the same statement, through these static-score tiers first).
 */
export async function rankedPage(
  tx: Queryable, query: QueryNode | null, where: string, outer: Params, among: 'all' | { bestPlaced: readonly string[] },
  at: PageAt, debug: boolean, rankCap: number,
): Promise<Page> {
  const params = new Params();
  params.values.push(...outer.values);
  const candidates = among === 'all' ? where : bestPlaced(where, among.bestPlaced, rankCap);
  const ranked = rankedSelect(query, candidates, params, at, debug);
  const { rows } = await tx.query<RankedRow>(ranked.sql, params.values);
  return { rows: ranked.page(rows), more: rows.length > at.limit };
}

/** The ranked page's SELECT over the documents meeting `candidates`, and how its rows become page rows. */
function rankedSelect(
  query: QueryNode | null, candidates: string, params: Params, at: PageAt, debug: boolean,
): { sql: string; page: (rows: RankedRow[]) => PageRow[] } {
  const ranking = rankingSql(query ? positiveLeaves(query) : [], params);
  const after = scoreAfter(at, params);
  const keyset = after ? `WHERE ${after}` : '';
  const explain = debug ? ranking.parts.map((p, i) => `, ${p.sql} AS part${i}`).join('') : '';
  const sql = `SELECT * FROM (SELECT d.cluster_id, ${ranking.score} AS score${explain}, ${HIT_COLUMNS} FROM search_documents d WHERE ${candidates}) r
      ${keyset} ORDER BY r.score DESC, r.cluster_id LIMIT ${at.limit + 1} OFFSET ${at.after ? 0 : at.offset}`;
  return { sql, page: (rows) => pageRows(rows, at, ranking, debug) };
}

/** Rows of a ranking in its order (best first; equal scores by cluster id), the empty row of a count alone left out. */
function byScore(rows: RankedRow[]): RankedRow[] {
  return rows.filter((r) => r.cluster_id !== null).sort((a, b) => b.score - a.score || Number(a.cluster_id) - Number(b.cluster_id));
}

/** "After the cursor" in score order (null on a first page or by offset). */
function scoreAfter(at: PageAt, params: Params): string | null {
  if (!at.after) return null;
  const key = params.add(Number(at.after.key));
  return `r.score < ${key}::float8 OR (r.score = ${key}::float8 AND r.cluster_id > ${params.add(at.after.id)})`;
}

/** The page's rows of ranked rows, with each part's share of the score when debugging. */
function pageRows(rows: RankedRow[], at: PageAt, ranking: ReturnType<typeof rankingSql>, debug: boolean): PageRow[] {
  return rows.slice(0, at.limit).map((r) => ({
    clusterId: Number(r.cluster_id),
    key: r.score,
    score: Math.round(r.score * 10_000) / 10_000,
    doc: r,
    ...(debug ? { explain: { total: r.score, parts: ranking.parts.map((p, i) => ({ what: p.what, value: p.weight * Number(r[`part${i}`]) })) } } : {}),
  }));
}

/** The page sorted by year or title (keyset after a cursor). */
export async function sortedPage(tx: Queryable, order: Ordering, where: string, outer: Params, at: PageAt): Promise<Page> {
  const params = new Params();
  params.values.push(...outer.values);
  const dir = order.desc ? 'DESC' : 'ASC';
  const cmp = order.desc ? '<' : '>';
  const keyset = at.after
    ? ` AND (${order.key} ${cmp} ${params.add(at.after.key)} OR (${order.key} = ${params.add(at.after.key)} AND d.cluster_id > ${params.add(at.after.id)}))`
    : '';
  const { rows } = await tx.query<{ cluster_id: string; key: number | string } & HitColumns>(
    `SELECT d.cluster_id, ${order.key} AS key, ${HIT_COLUMNS} FROM search_documents d WHERE ${where}${keyset}
      ORDER BY ${order.key} ${dir}, d.cluster_id LIMIT ${at.limit + 1} OFFSET ${at.after ? 0 : at.offset}`,
    params.values,
  );
  return { rows: rows.slice(0, at.limit).map((r) => ({ clusterId: Number(r.cluster_id), key: r.key, score: 0, doc: r })), more: rows.length > at.limit };
}
