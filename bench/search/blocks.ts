/**
 * Buffer blocks each of the SRU benchmark's queries costs the database, statement by statement
 * (EXPLAIN (ANALYZE, BUFFERS) of every statement the search sends, run beside it): a count that
 * does not move with the machine's load, to compare two builds query by query.
 *
 *   npx tsx bench/search/blocks.ts [--db bench_search_100k] [--root /tmp/search-before] [--top 15]
 *
 * `--root` takes the search code of another checkout (e.g. `git worktree add /tmp/search-before
 * HEAD~1`). The union records of the page are not counted (the same for every build here).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { PostgresDb } from '../../src/platform/db/postgres-db.js';
import type { Db, Queryable } from '../../src/platform/db/index.js';
import { databaseUrl, load } from './common.js';

const { values: opt } = parseArgs({
  options: {
    db: { type: 'string', default: 'bench_search_100k' },
    queries: { type: 'string', default: '/work/shared/peers/queries.txt' },
    root: { type: 'string', default: path.resolve(import.meta.dirname, '../..') },
    top: { type: 'string', default: '15' },
  },
});
const root = path.resolve(opt.root!);
const { PgSearchIndex } = (await import(path.join(root, 'src/modules/search/pg/pg-search-index.ts'))) as typeof import('../../src/modules/search/pg/pg-search-index.js');
const { cqlToQuery } = (await import(path.join(root, 'src/modules/search/domain/cql/index.ts'))) as typeof import('../../src/modules/search/domain/cql/index.js');

interface Plan { Plan: { 'Shared Hit Blocks': number; 'Shared Read Blocks': number }; 'Execution Time': number; 'Planning Time': number }

const db = new PostgresDb(databaseUrl(opt.db!), 2);
let blocks = 0;
let statements = 0;
/** The statements' execution times in the server (EXPLAIN ANALYZE): moves with the load, unlike blocks. */
let ms = 0;
/** The statements' planning times (EXPLAIN ANALYZE's Planning Time): what a prepared statement would save. */
let planMs = 0;
const measured = (q: Queryable): Queryable => ({
  ...q,
  query: (async (sql: string, params?: unknown[]) => {
    const result = await q.query(sql, params);
    if (!/^\s*(EXPLAIN|SELECT set_config)/i.test(sql)) {
      const { rows } = await q.query<{ 'QUERY PLAN': Plan[] }>(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${sql}`, params);
      const p = rows[0]!['QUERY PLAN'][0]!;
      blocks += p.Plan['Shared Hit Blocks'] + p.Plan['Shared Read Blocks'];
      ms += p['Execution Time'];
      planMs += p['Planning Time'];
      statements++;
    }
    return result;
  }) as Queryable['query'],
});
const spy = Object.create(db) as Db;
spy.transaction = (fn) => db.transaction((tx) => fn(measured(tx)));
spy.withSettings = undefined;
const index = new PgSearchIndex(spy, { countCap: 5000, rankCap: 2000, maxOffset: 5000, statementTimeoutMs: 60_000, cachedAnswers: 0 });

const queries = readFileSync(opt.queries!, 'utf8').split('\n').map((l) => l.trim()).filter((l) => l !== '');
const rows: { q: string; total: number; estimated: boolean; blocks: number; statements: number; ms: number; planMs: number }[] = [];
try {
  // Once unmeasured: the statistics and the network map are read outside the statements counted.
  await index.search({ query: { kind: 'term', field: 'any', text: 'jazz', truncated: false }, limit: 10 });
  for (const q of queries) {
    const m = cqlToQuery(q);
    if (!m.ok) throw new Error(`${q}: ${JSON.stringify(m.diagnostic)}`);
    blocks = 0;
    statements = 0;
    ms = 0;
    planMs = 0;
    const r = await index.search({ query: m.query, sort: m.sort ?? 'relevance', offset: 0, limit: 10 });
    rows.push({ q, total: r.total, estimated: r.totalEstimated, blocks, statements, ms, planMs });
  }
} finally {
  await db.close();
}
const sum = (xs: { blocks: number }[]) => xs.reduce((s, x) => s + x.blocks, 0);
const group = (name: string, xs: typeof rows) => console.log(`${name.padEnd(22)} ${String(xs.length).padStart(4)} queries  ${(sum(xs) / Math.max(1, xs.length)).toFixed(0).padStart(6)} blocks/query  ${String(sum(xs)).padStart(8)} blocks  ${(xs.reduce((s, x) => s + x.ms, 0) / Math.max(1, xs.length)).toFixed(2).padStart(7)} ms/query executing  ${(xs.reduce((s, x) => s + x.planMs, 0) / Math.max(1, xs.length)).toFixed(2).padStart(6)} ms/query planning`);
console.log(`# ${root}: search statements' blocks (EXPLAIN ANALYZE BUFFERS), ${rows.length} queries, ${(rows.reduce((s, r) => s + r.statements, 0) / rows.length).toFixed(2)} statements/query; load ${load()}`);
group('all', rows);
group('hits <= 2000', rows.filter((r) => r.total <= 2000));
group('2000 < hits <= 5000', rows.filter((r) => r.total > 2000 && !r.estimated));
group('past 5000 (estimated)', rows.filter((r) => r.estimated));
for (const r of [...rows].sort((a, b) => b.blocks - a.blocks).slice(0, Number(opt.top))) console.log(`  ${String(r.blocks).padStart(6)} ${String(r.total).padStart(6)}${r.estimated ? '~' : ' '} ${r.q}`);
