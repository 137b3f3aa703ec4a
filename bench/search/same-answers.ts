/**
 * Whether two ways of answering give the same answers on a benchmark database: the SRU benchmark's
 * queries in four page shapes and a cursor page, with the kept ranked answers (ranked-answers.ts)
 * and without. Run twice: the first pass ranks and keeps, the second reads what was kept.
 *
 *   npx tsx bench/search/same-answers.ts --db bench_search_100k
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { isDeepStrictEqual } from 'node:util';
import { PostgresDb } from '../../src/platform/db/postgres-db.js';
import { cqlToQuery } from '../../src/modules/search/domain/cql/index.js';
import { DEFAULT_LIMITS, PgSearchIndex } from '../../src/modules/search/pg/pg-search-index.js';
import type { SearchRequest } from '../../src/modules/search/search-index.js';
import { databaseUrl } from './common.js';

const { values: opt } = parseArgs({
  options: {
    db: { type: 'string', default: 'bench_search_100k' },
    queries: { type: 'string', default: '/work/shared/peers/queries.txt' },
  },
});
const db = new PostgresDb(databaseUrl(opt.db!), 4);
const kept = new PgSearchIndex(db, { ...DEFAULT_LIMITS, cachedAnswers: 0, statementTimeoutMs: 60_000 });
const ranked = new PgSearchIndex(db, { ...DEFAULT_LIMITS, cachedAnswers: 0, statementTimeoutMs: 60_000, rankedAnswers: false });
const queries = readFileSync(opt.queries!, 'utf8').split('\n').map((l) => l.trim()).filter((l) => l !== '');
const shape = (r: Awaited<ReturnType<PgSearchIndex['search']>>) => ({ total: r.total, estimated: r.totalEstimated, hits: r.hits.map((h) => [h.clusterId, h.score, h.version]), next: r.next });
let answers = 0;
let differ = 0;
try {
  for (let pass = 1; pass <= 2; pass++) {
    for (const q of queries) {
      const m = cqlToQuery(q);
      if (!m.ok) continue;
      const base = { query: m.query, sort: m.sort ?? 'relevance' } as SearchRequest;
      const requests: SearchRequest[] = [{ ...base, limit: 10 }, { ...base, limit: 10, offset: 10 }, { ...base, limit: 100, offset: 1900 }, { ...base, limit: 0 }];
      const first = await ranked.search({ ...base, limit: 7, offset: 3 });
      if (first.next) requests.push({ ...base, limit: 10, after: first.next });
      for (const r of requests) {
        const a = shape(await kept.search(r));
        const b = shape(await ranked.search(r));
        answers++;
        if (!isDeepStrictEqual(a, b)) {
          differ++;
          console.log(`DIFFERS pass ${pass}: ${q} ${JSON.stringify({ offset: r.offset, limit: r.limit, after: !!r.after })}\n  kept   ${JSON.stringify(a).slice(0, 300)}\n  ranked ${JSON.stringify(b).slice(0, 300)}`);
        }
      }
    }
  }
  const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM search_ranked_answers');
  console.log(`${answers} answers compared, ${differ} differ; ${rows[0]!.n} ranked answers kept`);
} finally {
  await db.close();
}
