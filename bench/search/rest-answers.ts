/**
 * Whether two builds give the same answers to the REST benchmark's 200 queries (issue 4), on one
 * database: each query in four shapes — the first page, page 3 of 10, sorted by year, and the
 * page after the first page's cursor — facets as asked (`facets=true`). Compared: total and
 * whether it is estimated, the hits (id, score, version), the facets, the cursor. Each build's
 * index is its own `git archive` (`--before`, `--after`; the latter defaults to this tree).
 *
 *   npx tsx bench/search/rest-answers.ts --db h_rest_1m --before /tmp/build-A [--after /tmp/build-B] [--passes 2] [--before-db h_rest_a_1m]
 *
 * --before-db: the build before answers from another database — a copy of the same documents with
 * other statistics (session 13: a larger statistics target). Totals past the count cap and a
 * sample's facet counts are estimates read from the statistics, so those may differ (counted
 * apart, printed); hits, cursors and every exact total and facet count must not.
 */
import path from 'node:path';
import { isDeepStrictEqual, parseArgs } from 'node:util';
import { PostgresDb } from '../../src/platform/db/postgres-db.js';
import type { SearchRequest, SearchResult } from '../../src/modules/search/search-index.js';
import { root as here } from '../support.js';
import { databaseUrl, load } from './common.js';
import { benchQueries, restRequest } from './rest-queries.js';

const { values: opt } = parseArgs({
  options: {
    db: { type: 'string', default: 'bench_search_1m' },
    before: { type: 'string' },
    after: { type: 'string', default: here },
    // 2: every answer compared again, the second time read from what the first kept (kept answers).
    passes: { type: 'string', default: '1' },
    'before-db': { type: 'string' },
  },
});
if (!opt.before) throw new Error('--before <root of the other build> is needed');

interface Index { search(r: SearchRequest): Promise<SearchResult> }
const db = new PostgresDb(databaseUrl(opt.db!), 4);
const beforeDb = opt['before-db'] ? new PostgresDb(databaseUrl(opt['before-db']), 4) : db;
async function indexOf(root: string, on: PostgresDb): Promise<Index> {
  const mod = (await import(path.join(root, 'src/modules/search/pg/pg-search-index.ts'))) as typeof import('../../src/modules/search/pg/pg-search-index.js');
  return new mod.PgSearchIndex(on, { ...mod.DEFAULT_LIMITS, cachedAnswers: 0, statementTimeoutMs: 60_000 });
}
/**
 * Whether two answers differ only in what the statistics estimate: the same hits and cursor, the
 * same total unless both are estimated, the same facets counted exactly, the same facets estimated
 * (a sample's counts scaled to an estimated total: a chosen facet's own matches past the count cap).
 */
const estimatesOnly = (x: ReturnType<typeof shape>, y: ReturnType<typeof shape>): boolean =>
  isDeepStrictEqual(x.hits, y.hits) && isDeepStrictEqual(x.next, y.next) && x.estimated === y.estimated &&
  (x.estimated || x.total === y.total) &&
  isDeepStrictEqual(x.facets?.filter((f) => !f.estimated), y.facets?.filter((f) => !f.estimated)) &&
  isDeepStrictEqual(x.facets?.filter((f) => f.estimated).map((f) => f.name), y.facets?.filter((f) => f.estimated).map((f) => f.name));
const shape = (r: SearchResult) => ({
  total: r.total, estimated: r.totalEstimated, hits: r.hits.map((h) => [h.clusterId, h.score, h.version]), facets: r.facets, next: r.next,
});
try {
  const [a, b] = [await indexOf(opt.before, beforeDb), await indexOf(opt.after!, db)];
  const symbols = (await db.query<{ symbol: string }>('SELECT symbol FROM libraries ORDER BY id')).rows.map((x) => x.symbol);
  const maxId = Number((await db.query<{ m: string }>('SELECT max(cluster_id) AS m FROM search_documents')).rows[0]!.m);
  const queries = await benchQueries(db, maxId, symbols);
  let answers = 0;
  let differ = 0;
  let estimates = 0;
  const t0 = performance.now();
  for (let pass = 0; pass < Number(opt.passes); pass++) for (const q of queries) {
    const base = restRequest(q.params);
    const first = await a.search(base);
    const shapes: [string, SearchRequest][] = [
      ['first page', base],
      ['page 3 of 10', { ...base, limit: 10, offset: 20 }],
      ['by year', { ...base, sort: 'year-desc' }],
    ];
    if (first.next) shapes.push(['after the cursor', { ...base, after: first.next }]);
    for (const [what, r] of shapes) {
      const x = shape(await a.search(r));
      const y = shape(await b.search(r));
      answers++;
      if (!isDeepStrictEqual(x, y) && opt['before-db'] && estimatesOnly(x, y)) estimates++;
      else if (!isDeepStrictEqual(x, y)) {
        differ++;
        console.log(`DIFFERS ${q.label} (${what}, pass ${pass + 1})\n  before ${JSON.stringify(x).slice(0, 400)}\n  after  ${JSON.stringify(y).slice(0, 400)}`);
      }
    }
  }
  console.log(`${answers} answers compared (${queries.length} queries, ${opt.passes} passes), ${differ} differ${opt['before-db'] ? ` (and ${estimates} differ only in estimates, from other statistics)` : ''}; ${((performance.now() - t0) / 1000).toFixed(0)} s, load ${load()}`);
} finally {
  await db.close();
  if (beforeDb !== db) await beforeDb.close();
}
