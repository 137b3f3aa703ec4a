/**
 * Where one search's time goes, statement by statement (for the lead, beside sru.ts and rest.ts):
 *
 *   npx tsx bench/search/explain.ts --db bench_search_100k --cql 'dc.title=stories' [--analyze] [--times 5]
 *   npx tsx bench/search/explain.ts --db bench_search_1m --q 'history' --facets [--analyze]
 *   npx tsx bench/search/explain.ts --db bench_search_1m --params 'q=jazz&format=audio&facets=true'
 * PGOPTIONS='-c jit=off -c work_mem=64MB' tries server settings without changing the module; --columns
 * filters through the columns instead of the filter lexemes (the build before them, on one database).
 *
 * Runs the search through the index as the server does (SRU: 10 hits and their union records),
 * times every SQL statement it sends (median of --times runs), and with --analyze prints each
 * statement's EXPLAIN (ANALYZE, BUFFERS).
 */
import { parseArgs } from 'node:util';
import { PostgresDb } from '../../src/platform/db/postgres-db.js';
import type { Db, Queryable } from '../../src/platform/db/index.js';
import { unionRecords } from '../../src/modules/catalog/index.js';
import { cqlToQuery } from '../../src/modules/search/domain/cql/index.js';
import { DEFAULT_LIMITS, PgSearchIndex } from '../../src/modules/search/pg/pg-search-index.js';
import { searchRequestOf } from '../../src/modules/search/request.js';
import { searchQuery } from '../../src/modules/search/routes/search.schemas.js';
import type { SearchRequest } from '../../src/modules/search/search-index.js';
import { databaseUrl, load, median } from './common.js';

const { values: opt } = parseArgs({
  options: {
    db: { type: 'string', default: 'bench_search_100k' },
    cql: { type: 'string' },
    q: { type: 'string' },
    params: { type: 'string' },
    facets: { type: 'boolean', default: false },
    analyze: { type: 'boolean', default: false },
    times: { type: 'string', default: '5' },
    // Filters through the columns, not the documents' filter lexemes (an A/B on one database).
    columns: { type: 'boolean', default: false },
  },
});

const db = new PostgresDb(databaseUrl(opt.db!), 2);
let request: SearchRequest;
if (opt.cql !== undefined) {
  const m = cqlToQuery(opt.cql);
  if (!m.ok) throw new Error(`CQL: ${JSON.stringify(m.diagnostic)}`);
  request = { query: m.query, sort: m.sort ?? 'relevance', offset: 0, limit: 10 };
} else if (opt.params !== undefined) {
  // A REST query string, e.g. 'q=jazz&format=audio&facets=true', read as the route reads it.
  const raw = new Map<string, string | string[]>();
  for (const [k, v] of new URLSearchParams(opt.params)) raw.set(k, raw.has(k) ? [...[raw.get(k)!].flat(), v] : v);
  const { myLibrary: _mine, ...form } = searchQuery.parse(Object.fromEntries(raw));
  request = searchRequestOf(form, null);
} else request = searchRequestOf({ q: opt.q ?? 'history', facets: opt.facets ? 'true' : 'false' }, null);

const runs: { sql: string; params: unknown[]; ms: number }[][] = [];
const totals: number[] = [];
const records: number[] = [];
try {
  let run: { sql: string; params: unknown[]; ms: number }[] = [];
  let index: PgSearchIndex | null = null;
  for (let i = 0; i < Number(opt.times); i++) {
    run = [];
    const capture = (q: Queryable): Queryable => ({
      ...q,
      query: (async (sql: string, params?: unknown[]) => {
        const t0 = performance.now();
        try {
          return await q.query(sql, params);
        } finally {
          run.push({ sql, params: params ?? [], ms: performance.now() - t0 });
        }
      }) as Queryable['query'],
    });
    const spy = Object.create(db) as Db;
    spy.transaction = (fn) => db.transaction((tx) => fn(capture(tx)));
    // Through transactions the capture sees, not the search's own sessions (the settings come as one statement).
    spy.withSettings = undefined;
    // No kept answers: each run asks the database.
    index ??= new PgSearchIndex(spy, { ...DEFAULT_LIMITS, cachedAnswers: 0, filterLexemes: !opt.columns });
    const t0 = performance.now();
    const result = await index.search(request);
    const t1 = performance.now();
    if (opt.cql !== undefined) await unionRecords(capture(db), result.hits.map((h) => h.clusterId));
    records.push(performance.now() - t1);
    totals.push(t1 - t0);
    if (i === 0) console.log(`# ${result.total}${result.totalEstimated ? ' (estimated)' : ''} hits, ${result.hits.length} on the page, facets ${result.facets.length}; load ${load()}`);
    runs.push(run);
  }
  console.log(`# search ${median(totals).toFixed(1)} ms (median of ${totals.length})${opt.cql !== undefined ? `, union records of the page ${median(records).toFixed(1)} ms` : ''}`);
  const last = runs[runs.length - 1]!;
  last.forEach((st, k) => {
    const ms = median(runs.map((r) => r[k]?.ms ?? NaN));
    console.log(`\n-- ${ms.toFixed(1)} ms: ${st.sql.replace(/\s+/g, ' ').slice(0, 400)}`);
  });
  if (opt.analyze) {
    for (const st of last) {
      if (/^\s*(SET|EXPLAIN) /i.test(st.sql)) continue;
      const plan = await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${st.sql}`, st.params);
      console.log(`\n${st.sql}\n-- params: ${JSON.stringify(st.params).slice(0, 300)}\n${plan.rows.map((x) => x['QUERY PLAN']).join('\n')}`);
    }
  }
} finally {
  await db.close();
}
