/**
 * Where the REST benchmark's PostgreSQL time goes (issue 4): each of bench/search/rest.ts's 200
 * queries asked alone, one client, through the index of a given build (`--root`, a `git archive`
 * of it), every statement timed and named by what it does; the median of `--times` asks of each.
 * Printed: the time by statement kind, by query class, the slowest queries statement by
 * statement, and the CPU of the one PostgreSQL backend a search (less sensitive to load than time).
 *
 *   npx tsx bench/search/rest-profile.ts --db h_rest_1m [--root /tmp/build-A] [--times 3] [--class en-broad] [--top 15]
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { PostgresDb } from '../../src/platform/db/postgres-db.js';
import type { Db, Queryable } from '../../src/platform/db/index.js';
import { cpuOf, root as here } from '../support.js';
import { databaseUrl, load, median } from './common.js';
import { benchQueries, restRequest } from './rest-queries.js';

const { values: opt } = parseArgs({
  options: {
    db: { type: 'string', default: 'bench_search_1m' },
    root: { type: 'string', default: here },
    times: { type: 'string', default: '3' },
    class: { type: 'string' },
    top: { type: 'string', default: '15' },
  },
});

/** What a statement does, by its SQL (the builds' statements, as pg/*.ts write them). */
export function statementKind(sql: string): string {
  if (/^EXPLAIN/.test(sql)) return 'estimate (EXPLAIN)';
  if (/search_ranked_answers/.test(sql)) return 'kept answer';
  if (/similarity|%/.test(sql) && /title_key|trgm|word/.test(sql) && !/MATERIALIZED/.test(sql)) return 'did you mean';
  // The matches' CTE up to its FROM: scored as read (one pass) or not (counted first).
  const m = /WITH m AS MATERIALIZED \(SELECT d\.ctid AS tid, d\.cluster_id, d\.static_score(.*?) FROM search_documents/s.exec(sql);
  if (m) return m[1]!.includes(' AS score') ? 'count+page (one pass)' : 'count+page (counted)';
  if (/WITH m AS MATERIALIZED \(SELECT d\.ctid AS tid, d\.cluster_id, /.test(sql)) return 'broad page + facets (sampled)';
  if (/WITH m AS MATERIALIZED \(\s*SELECT d\.cluster_id[,\s]/.test(sql)) {
    if (/ORDER BY d\.static_score DESC, d\.cluster_id LIMIT \d+\)\s*SELECT NULL/.test(sql)) return 'facets over a sample';
    if (/LIMIT \d+\)\s*SELECT NULL/.test(sql)) return 'facets counted to the cap';
    return 'facets';
  }
  if (/^SELECT count\(\*\) AS n FROM \(SELECT 1/.test(sql)) return 'count';
  if (/search_holdings|FROM search_documents d WHERE d\.cluster_id = ANY/.test(sql)) return 'hits (holdings)';
  if (/ORDER BY r\.score DESC/.test(sql)) return 'ranked page';
  if (/ORDER BY coalesce|ORDER BY d\.title_key/.test(sql)) return 'sorted page';
  return sql.replace(/\s+/g, ' ').slice(0, 50);
}

const base = new PostgresDb(databaseUrl(opt.db!), 2);
try {
  const mod = (await import(path.join(opt.root!, 'src/modules/search/pg/pg-search-index.ts'))) as typeof import('../../src/modules/search/pg/pg-search-index.js');
  let timed: { kind: string; ms: number }[] = [];
  let sessions: Queryable | null = null;
  // The search's own sessions (one connection, its settings), each statement timed.
  const spy = Object.create(base) as Db;
  spy.withSettings = (settings) => {
    const inner = base.withSettings(settings, 1);
    sessions = inner;
    return {
      ...inner,
      query: (async (sql: string, params?: unknown[]) => {
        const t0 = performance.now();
        try {
          return await inner.query(sql, params);
        } finally {
          timed.push({ kind: statementKind(sql), ms: performance.now() - t0 });
        }
      }) as Queryable['query'],
    } as Db;
  };
  const index = new mod.PgSearchIndex(spy, { ...mod.DEFAULT_LIMITS, cachedAnswers: 0 });
  const symbols = (await base.query<{ symbol: string }>('SELECT symbol FROM libraries ORDER BY id')).rows.map((x) => x.symbol);
  const maxId = Number((await base.query<{ m: string }>('SELECT max(cluster_id) AS m FROM search_documents')).rows[0]!.m);
  const queries = (await benchQueries(base, maxId, symbols)).filter((q) => !opt.class || q.cls === opt.class);
  await index.search(restRequest(queries[0]!.params));
  const pid = Number((await sessions!.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid);
  const loadBefore = load();
  const cpu0 = cpuOf(pid);
  const client0 = process.cpuUsage();
  const t0 = performance.now();
  const per: { label: string; cls: string; ms: number; total: number; kinds: Map<string, number> }[] = [];
  for (const q of queries) {
    const request = restRequest(q.params);
    const runs: { ms: number; kinds: Map<string, number>; total: number }[] = [];
    for (let i = 0; i < Number(opt.times); i++) {
      timed = [];
      const s = performance.now();
      const r = await index.search(request);
      const kinds = new Map<string, number>();
      for (const t of timed) kinds.set(t.kind, (kinds.get(t.kind) ?? 0) + t.ms);
      runs.push({ ms: performance.now() - s, kinds, total: r.total });
    }
    runs.sort((a, b) => a.ms - b.ms);
    const mid = runs[Math.floor(runs.length / 2)]!;
    per.push({ label: q.label, cls: q.cls, ms: mid.ms, total: mid.total, kinds: mid.kinds });
  }
  const wall = performance.now() - t0;
  const asks = queries.length * Number(opt.times);
  const client = process.cpuUsage(client0);
  console.log(`profile ${opt.root} on ${opt.db}: ${queries.length} queries × ${opt.times}; wall ${wall.toFixed(0)} ms; backend CPU ${(((cpuOf(pid) - cpu0) * 1000) / asks).toFixed(2)} ms a search; client ${((client.user + client.system) / 1000 / asks).toFixed(2)} ms a search (load ${loadBefore} → ${load()})`);
  const sum = per.reduce((s, p) => s + p.ms, 0);
  console.log(`medians added: ${sum.toFixed(0)} ms`);
  const byKind = new Map<string, number>();
  for (const p of per) for (const [k, ms] of p.kinds) byKind.set(k, (byKind.get(k) ?? 0) + ms);
  console.log('\n# by statement kind (ms, share of the medians added)');
  for (const [k, ms] of [...byKind].sort((a, b) => b[1] - a[1])) console.log(`#   ${k.padEnd(34)} ${ms.toFixed(0).padStart(7)} ${((100 * ms) / sum).toFixed(1).padStart(5)} %`);
  console.log('\n# by class (ms, share, median ms)');
  for (const cls of [...new Set(per.map((p) => p.cls))]) {
    const of = per.filter((p) => p.cls === cls);
    const ms = of.reduce((s, p) => s + p.ms, 0);
    console.log(`#   ${cls.padEnd(18)} ${String(of.length).padStart(4)} ${ms.toFixed(0).padStart(7)} ${((100 * ms) / sum).toFixed(1).padStart(5)} % ${median(of.map((p) => p.ms)).toFixed(1).padStart(7)}`);
  }
  console.log(`\n# slowest ${opt.top} (ms, hits, statements)`);
  for (const p of [...per].sort((a, b) => b.ms - a.ms).slice(0, Number(opt.top))) {
    const parts = [...p.kinds].map(([k, ms]) => `${k} ${ms.toFixed(1)}`).join('; ');
    console.log(`#   ${p.ms.toFixed(1).padStart(7)} ${String(p.total).padStart(7)}  [${p.cls}] ${p.label} — ${parts}`);
  }
} finally {
  await base.close();
}
