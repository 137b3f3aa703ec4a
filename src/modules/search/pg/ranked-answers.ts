/**
 * Frequent-word searches ranked once and kept fresh (issue 4: broad queries' answers "precomputed
 * per frequent term and kept fresh"; docs/search.md, "Frequent words ranked once"). A search the
 * lexeme statistics say may match more than the rank cap is ranked over its best-placed
 * candidates: thousands of matches read and ts_rank-ed for a page of ten. Its whole ranked
 * candidate list (ids and scores in rank order, and the exact count up to the count cap) is kept
 * in `search_ranked_answers` (migration 0041); a page is then a slice of it.
 *
 * Kept fresh by the writer, not by time: `writeDocuments` deletes every entry whose query the
 * documents it rewrites or removes match, before and after the write, in its own transaction (a
 * document that matches the query neither before nor after changes nothing of its answer). An
 * entry is stored only if the index's generation is still the one of the snapshot it was computed
 * in, read FOR SHARE: an indexer's transaction in flight holds that row, and once it commits the
 * generation differs and nothing is stored. So an entry always equals what ranking the documents
 * as they are now would give: same hits, scores, order, totals and cursors.
 */
import type { Queryable } from '../../../platform/db/index.js';
import { prepared } from '../../../platform/db/index.js';
import type { CursorPosition } from './cursor.js';
import { HIT_COLUMNS, type HitColumns } from './hits.js';
import type { PageRow } from './ranked-pages.js';
import type { Params } from './query-sql.js';
import type { StoredFacets } from './kept-facets.js';

/**
 * Entries at most (about 32 KB each at a rank cap of 2,000): the indexer tests each against what it
 * writes. When full, the oldest kept makes room for the new one, so that the searches kept follow
 * what readers ask now rather than the first thousand asked since the last rebuild.
 */
export const MOST_RANKED_ANSWERS = 1000;

export interface RankedAnswerPage {
  /** Exact matches up to the count cap; null past it (the caller estimates, as for any search). */
  total: number | null;
  rows: PageRow[];
  more: boolean;
  /** The facets kept with it (kept-facets.ts), for an answer kept with facets. */
  facets: StoredFacets | null;
}

/** One fixed text (caps and cursor as parameters): parsed and planned once per connection. */
const PAGE_SQL = prepared(
  `SELECT a.total, a.facets AS kept_facets, p.* FROM search_ranked_answers a LEFT JOIN LATERAL (
     SELECT r.cluster_id, r.score, ${HIT_COLUMNS}
       FROM (SELECT u.cluster_id, u.score, u.pos FROM unnest(a.cluster_ids, a.scores) WITH ORDINALITY u(cluster_id, score, pos)
              WHERE $4::float8 IS NULL OR u.score < $4::float8 OR (u.score = $4::float8 AND u.cluster_id > $5::bigint)
              ORDER BY u.pos LIMIT $2 OFFSET $3) r
       JOIN search_documents d ON d.cluster_id = r.cluster_id
   ) p ON true
   WHERE a.query_key = $1`,
);

/** A page of the kept answer of `key`, or null when none is kept. */
export async function rankedAnswerPage(
  tx: Queryable, key: string, at: { limit: number; offset: number; after: CursorPosition | null },
): Promise<RankedAnswerPage | null> {
  const { rows } = await tx.query<{ total: number | null; kept_facets: StoredFacets | null; cluster_id: string | null; score: number } & HitColumns>(
    PAGE_SQL,
    [key, at.limit + 1, at.after ? 0 : at.offset, at.after ? Number(at.after.key) : null, at.after ? at.after.id : null],
  );
  if (rows.length === 0) return null;
  // The list's order, kept explicitly: the join promises none.
  const found = rows.filter((r) => r.cluster_id !== null).sort((a, b) => b.score - a.score || Number(a.cluster_id) - Number(b.cluster_id));
  const page = found.slice(0, at.limit).map((r) => ({ clusterId: Number(r.cluster_id), key: r.score, score: Math.round(r.score * 10_000) / 10_000, doc: r }));
  return { total: rows[0]!.total === null ? null : Number(rows[0]!.total), rows: page, more: found.length > at.limit, facets: rows[0]!.kept_facets };
}

/**
 * Ranks the search and keeps its answer under `key`: the matches up to the count cap, their best
 * `rankCap` by static score (all of them up to the rank cap; past the count cap, through
 * `bestPlaced`, the static-score tiers), scored and put in rank order — the candidates and the
 * score every other way of answering it uses. With `scoredAsCounted` (the statistics bound it to
 * the count cap) each match is scored as it is counted, as rankedInOnePass does; else only the
 * candidates are scored, read again by place. Stored only if no index write came after the
 * snapshot (see the file's comment), in place of the oldest when the table is full; returns whether it was.
 */
export async function keepRankedAnswer(
  tx: Queryable, key: string, tsquery: string,
  parts: {
    where: string; score: string; bestPlaced: string; params: Params; countCap: number; rankCap: number; scoredAsCounted?: boolean;
    /**
     * Facets counted with it (kept-facets.ts): the columns they read, carried in the matches `m` and
     * the candidates `c`, and their json (over `m` and `n`, or over `c`).
     */
    facets?: { columns: readonly string[]; json: string };
    /** The statistics put it past twice the count cap (a faceted answer's key says so): not counted, `n` past the cap. */
    surelyBroad?: boolean;
  },
): Promise<boolean> {
  const { where, score, bestPlaced, params, countCap, rankCap } = parts;
  const cols = (alias: string): string => (parts.facets?.columns ?? []).map((c) => `, ${alias}.${c}`).join('');
  const keyAt = params.add(key);
  const queryAt = params.add(tsquery);
  const counted = parts.surelyBroad
    ? `n AS MATERIALIZED (SELECT ${countCap + 1}::bigint AS n),
          c AS MATERIALIZED (SELECT d.cluster_id, ${score} AS score${cols('d')} FROM search_documents d WHERE d.ctid = ANY(${bestPlaced}))`
    : parts.scoredAsCounted
    ? `m AS MATERIALIZED (SELECT d.ctid AS tid, d.cluster_id, d.static_score, ${score} AS score${cols('d')} FROM search_documents d WHERE ${where} LIMIT ${countCap + 1}),
          n AS MATERIALIZED (SELECT count(*) AS n FROM m),
          c AS MATERIALIZED ((SELECT m.cluster_id, m.score${cols('m')} FROM m WHERE (SELECT n FROM n) <= ${countCap} ORDER BY m.static_score DESC, m.cluster_id LIMIT ${rankCap})
                 UNION ALL
                 (SELECT d.cluster_id, ${score} AS score${cols('d')} FROM search_documents d WHERE (SELECT n FROM n) > ${countCap} AND d.ctid = ANY(${bestPlaced})))`
    : `m AS MATERIALIZED (SELECT d.ctid AS tid, d.cluster_id, d.static_score${cols('d')} FROM search_documents d WHERE ${where} LIMIT ${countCap + 1}),
          n AS MATERIALIZED (SELECT count(*) AS n FROM m),
          c AS MATERIALIZED (SELECT d.cluster_id, ${score} AS score${cols('d')} FROM search_documents d
                 WHERE d.ctid = ANY(CASE WHEN (SELECT n FROM n) <= ${countCap}
                                         THEN ARRAY(SELECT tid FROM m ORDER BY static_score DESC, cluster_id LIMIT ${rankCap})
                                         ELSE ${bestPlaced} END))`;
  const { rowCount } = await tx.query(
    `WITH g AS MATERIALIZED (SELECT generation FROM search_index_state),
          ${counted},
          oldest AS (DELETE FROM search_ranked_answers WHERE query_key IN (
                       SELECT query_key FROM search_ranked_answers ORDER BY kept_at, query_key
                        LIMIT greatest(0, (SELECT count(*) FROM search_ranked_answers) - ${MOST_RANKED_ANSWERS - 1}))),
          a AS (SELECT coalesce(array_agg(cluster_id ORDER BY score DESC, cluster_id), '{}') AS ids,
                       coalesce(array_agg(score ORDER BY score DESC, cluster_id), '{}') AS scores FROM c)
     INSERT INTO search_ranked_answers (query_key, query, total, cluster_ids, scores, facets)
     SELECT ${keyAt}, ${queryAt}::tsquery, CASE WHEN n.n <= ${countCap} THEN n.n END, a.ids, a.scores, ${parts.facets?.json ?? 'NULL::jsonb'}
       FROM a, n, g, search_index_state s
      WHERE s.generation = g.generation
        FOR SHARE OF s
     ON CONFLICT (query_key) DO NOTHING`,
    params.values,
  );
  return rowCount > 0;
}

/**
 * Kept answers times documents written past which a write forgets every kept answer instead of
 * testing each (about 2 µs a test: 40 ms). A page of 1,000 documents against a full table would
 * be a million tests, twice; forgetting more than needed only means ranking again.
 */
export const MOST_FORGET_TESTS = 20_000;

/**
 * Forgets the kept answers these clusters' documents match, as they are now in `tx`: called by the
 * index's writer before it rewrites or removes them and again after (docs/search.md). A large
 * write against many kept answers forgets them all (MOST_FORGET_TESTS).
 */
export async function forgetRankedAnswersOf(tx: Queryable, clusterIds: readonly number[]): Promise<void> {
  if (clusterIds.length === 0) return;
  await tx.query(
    prepared(`DELETE FROM search_ranked_answers a
               WHERE (SELECT count(*) FROM search_ranked_answers) * cardinality($1::bigint[]) > $2
                  OR EXISTS (SELECT 1 FROM search_documents d WHERE d.cluster_id = ANY($1::bigint[]) AND d.document @@ a.query)`),
    [clusterIds, MOST_FORGET_TESTS],
  );
}

/** Forgets every kept answer (a rebuild removing the documents it did not see). */
export async function forgetRankedAnswers(tx: Queryable): Promise<void> {
  await tx.query('DELETE FROM search_ranked_answers');
}
