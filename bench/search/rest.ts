/**
 * Issue 4 figure: the REST search with facets on 1 M clusters, a mix of 200 real-looking queries,
 * 8 concurrent clients: p50 ≤ 25 ms, p95 ≤ 100 ms, ≥ 200 queries/s.
 *
 *   npx tsx bench/search/rest.ts [--n 1000000] [--seconds 30] [--rounds 3] [--reload | --rewrite] [--explain /tmp/bench-search-explain.txt]
 *
 * The database `bench_search_1m` (kept between runs; --reload makes it again, ~15–25 min on this
 * machine; --rewrite writes the documents again with this build, directory kept, after a change of
 * the document's scheme, ~15 min) holds synthetic clusters written straight into the search index (rest-corpus.ts says how).
 * `anylib serve` answers `GET /api/v1/search?q=…&facets=true` (rest-queries.ts makes the queries);
 * 8 keep-alive clients ask them round robin. Printed: p50, p95, queries/s, per query class and per
 * hit-count band; the index's own time (`tookMs`) beside the HTTP latency; and the EXPLAIN ANALYZE
 * of the statements of the 3 slowest queries, into --explain.
 */
import http from 'node:http';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { PostgresDb } from '../../src/platform/db/postgres-db.js';
import { migrate, type Db, type Queryable } from '../../src/platform/db/index.js';
import { DEFAULT_LIMITS, PgSearchIndex } from '../../src/modules/search/pg/pg-search-index.js';
import { searchRequestOf } from '../../src/modules/search/request.js';
import { searchQuery } from '../../src/modules/search/routes/search.schemas.js';
import { backendsOf, databaseExists, databaseUrl, figure, load, median, note, percentile, recreateDatabase, startAnylib } from './common.js';
import { cpuOf } from '../support.js';
import { benchQueries, type BenchQuery } from './rest-queries.js';
import { forgetDocuments, loadCorpus, repairCorpus } from './rest-load.js';

const { values: opt } = parseArgs({
  options: {
    n: { type: 'string', default: '1000000' },
    db: { type: 'string' },
    seed: { type: 'string', default: '4' },
    seconds: { type: 'string', default: '30' },
    rounds: { type: 'string', default: '3' },
    connections: { type: 'string', default: '8' },
    reload: { type: 'boolean', default: false },
    rewrite: { type: 'boolean', default: false },
    'max-load-minutes': { type: 'string', default: '600' },
    partial: { type: 'boolean', default: false },
    explain: { type: 'string', default: '/tmp/bench-search-explain.txt' },
    shared: { type: 'string', default: '/work/shared' },
    corpus: { type: 'string', default: '/tmp/c100k.mrc' },
  },
});
const n = Number(opt.n);
const dbName = opt.db ?? (n === 1_000_000 ? 'bench_search_1m' : `bench_search_${n}`);
const connections = Number(opt.connections);

async function corpusReady(): Promise<boolean> {
  if (opt.reload || !(await databaseExists(dbName))) return false;
  const db = new PostgresDb(databaseUrl(dbName), 1);
  try {
    const { rows } = await db.query<{ value: string }>(`SELECT value FROM bench_meta WHERE key = 'rest-corpus'`);
    return rows[0]?.value === `${n} seed ${opt.seed} v1`;
  } catch {
    return false;
  } finally {
    await db.close();
  }
}
if (opt.reload) await recreateDatabase(dbName);
else if (opt.rewrite && (await databaseExists(dbName))) {
  // The build's migrations first: the load reads back the indexes to make again.
  const prep = new PostgresDb(databaseUrl(dbName), 1);
  await migrate(prep);
  await prep.close();
  await forgetDocuments(dbName, Number(opt.seed));
}
if (!(await corpusReady())) {
  note(`making ${dbName}: ${n} clusters (resumes an interrupted load) …`);
  const held = await loadCorpus(dbName, n, Number(opt.seed), opt.shared!, opt.corpus!, Number(opt['max-load-minutes']));
  if (held < n && !opt.partial) {
    note(`${held} of ${n} clusters loaded; run again to go on, or --partial to measure what is there`);
    process.exit(0);
  }
} else note(`reusing ${dbName} (--reload to make it again)`);
// Migrations the server would apply first, applied here; then nothing queued for the server's
// indexer: it would drop every document (the synthetic clusters are not in the catalogue).
{
  const prep = new PostgresDb(databaseUrl(dbName), 1);
  await migrate(prep);
  await prep.query('DELETE FROM cluster_changes');
  await prep.close();
  const repaired = await repairCorpus(dbName, n, Number(opt.seed), opt.shared!, opt.corpus!);
  if (repaired > 0) figure('rest.repaired', repaired, 'documents written again');
}

const db = new PostgresDb(databaseUrl(dbName), 2);
const sizes = await db.query<{ docs: number; holdings: number; size: string }>(
  `SELECT (SELECT count(*) FROM search_documents)::int AS docs, (SELECT count(*) FROM search_holdings)::int AS holdings,
          pg_size_pretty(pg_total_relation_size('search_documents') + pg_total_relation_size('search_holdings')) AS size`,
);
figure('rest.documents', sizes.rows[0]!.docs, `clusters (${sizes.rows[0]!.holdings} library holdings; ${sizes.rows[0]!.size} with indexes)`);
const symbols = (await db.query<{ symbol: string }>('SELECT symbol FROM libraries ORDER BY id')).rows.map((x) => x.symbol);
const maxId = Number((await db.query<{ m: string }>('SELECT max(cluster_id) AS m FROM search_documents')).rows[0]!.m);
const queries = await benchQueries(db, maxId, symbols);
figure('rest.queries', queries.length, `queries (${[...new Set(queries.map((q) => q.cls))].map((c) => `${c} ${queries.filter((q) => q.cls === c).length}`).join(', ')})`);

interface Answer { ms: number; status: number; total: number; tookMs: number }
const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
function ask(base: URL, q: BenchQuery): Promise<Answer> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    http.get({ agent, host: base.hostname, port: base.port, path: `/api/v1/search?${q.params}` }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const ms = performance.now() - t0;
        const body = Buffer.concat(chunks).toString('utf8');
        const total = Number(/"total":(\d+)/.exec(body)?.[1] ?? -1);
        const tookMs = Number(/"tookMs":([\d.]+)/.exec(body)?.[1] ?? NaN);
        resolve({ ms, status: res.statusCode ?? 0, total, tookMs });
      });
      res.on('error', reject);
    }).on('error', reject);
  });
}

const server = await startAnylib(databaseUrl(dbName));
try {
  const base = new URL(server.url);
  // Every query once: it answers 200, and how many it finds (its band: narrow, middle, broad).
  const once: Answer[] = [];
  for (const q of queries) once.push(await ask(base, q));
  const failed = queries.filter((_, i) => once[i]!.status !== 200);
  figure('rest.answered-200', queries.length - failed.length, `of ${queries.length} queries`);
  for (const q of failed.slice(0, 10)) note(`not 200: ${q.label}`);
  figure('rest.zero-hits', once.filter((a) => a.total === 0).length, 'queries');
  const band = (t: number) => (t > 2000 ? 'broad >2000 hits' : t > 100 ? 'middle 101–2000' : 'narrow ≤100');

  // Load: `connections` clients, each asking the next query as soon as its answer is in.
  const run = async (seconds: number) => {
    const lat: number[][] = queries.map(() => []);
    const took: number[][] = queries.map(() => []);
    let next = 0;
    let errors = 0;
    const end = performance.now() + seconds * 1000;
    const client = async (k: number) => {
      for (let i = k * 37; performance.now() < end; i = next++) {
        const at = i % queries.length;
        const a = await ask(base, queries[at]!).catch(() => null);
        if (!a || a.status !== 200) errors++;
        if (a) {
          lat[at]!.push(a.ms);
          took[at]!.push(a.tookMs);
        }
      }
    };
    next = connections * 37;
    // CPU of the server and of its database backends, per answered query (a backend that started meanwhile counts whole).
    const watched = { server: () => [server.child.pid!], postgres: backendsOf(dbName) };
    const cpuBefore = Object.fromEntries(Object.entries(watched).map(([k, pids]) => [k, new Map(pids().map((p) => [p, cpuOf(p)]))]));
    const loadBefore = load();
    const t0 = performance.now();
    await Promise.all(Array.from({ length: connections }, (_, k) => client(k)));
    const s = (performance.now() - t0) / 1000;
    const answered = Math.max(1, lat.flat().length);
    const cpu = Object.fromEntries(Object.entries(watched).map(([k, pids]) => {
      const seconds = pids().reduce((sum, p) => sum + Math.max(0, cpuOf(p) - (cpuBefore[k]!.get(p) ?? 0)), 0);
      return [k, (seconds * 1000) / answered];
    }));
    return { lat, took, errors, qps: lat.flat().length / s, load: `${loadBefore} → ${load()}`, cpu };
  };
  await run(5); // warm: JIT, plans, the page cache
  const rounds: Awaited<ReturnType<typeof run>>[] = [];
  for (let r = 1; r <= Number(opt.rounds); r++) {
    const x = await run(Number(opt.seconds));
    const all = x.lat.flat();
    console.log(`rest.round${r} p50 ${percentile(all, 50).toFixed(1)} ms, p95 ${percentile(all, 95).toFixed(1)} ms, p99 ${percentile(all, 99).toFixed(1)} ms, ${x.qps.toFixed(0)} queries/s, ${all.length} requests, errors ${x.errors}, CPU a query: server ${x.cpu.server!.toFixed(2)} ms + PostgreSQL ${x.cpu.postgres!.toFixed(2)} ms  (load ${x.load})`);
    rounds.push(x);
  }
  const p50s = rounds.map((x) => percentile(x.lat.flat(), 50));
  const p95s = rounds.map((x) => percentile(x.lat.flat(), 95));
  figure('rest.p50', median(p50s), `ms (target ≤ 25; rounds ${p50s.map((v) => v.toFixed(1)).join(', ')})`);
  figure('rest.p95', median(p95s), `ms (target ≤ 100; rounds ${p95s.map((v) => v.toFixed(1)).join(', ')})`);
  figure('rest.qps', Math.round(median(rounds.map((x) => x.qps))), `queries/s (target ≥ 200; rounds ${rounds.map((x) => x.qps.toFixed(0)).join(', ')})`);

  // Where the time goes: by class and by band, over every round; the index's own time beside it.
  const lat = queries.map((_, i) => rounds.flatMap((x) => x.lat[i]!));
  const took = queries.map((_, i) => rounds.flatMap((x) => x.took[i]!));
  const table = (title: string, key: (i: number) => string) => {
    console.log(`\n# ${title}: ${'queries'.padStart(7)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'index p50'.padStart(9)} ${'median hits'.padStart(11)}`);
    for (const k of [...new Set(queries.map((_, i) => key(i)))]) {
      const is = queries.map((_, i) => i).filter((i) => key(i) === k);
      const l = is.flatMap((i) => lat[i]!);
      const t = is.flatMap((i) => took[i]!);
      console.log(`#   ${k.padEnd(20)} ${String(is.length).padStart(5)} ${percentile(l, 50).toFixed(1).padStart(8)} ${percentile(l, 95).toFixed(1).padStart(8)} ${percentile(t, 50).toFixed(1).padStart(9)} ${String(median(is.map((i) => once[i]!.total))).padStart(11)}`);
    }
  };
  table('by class', (i) => queries[i]!.cls);
  table('by hits', (i) => band(once[i]!.total));
  const slowest = queries.map((q, i) => ({ q, i, ms: median(lat[i]!) })).sort((a, b) => b.ms - a.ms);
  console.log('\n# slowest queries (median ms under load, index ms, hits):');
  for (const s of slowest.slice(0, 10)) console.log(`#   ${s.ms.toFixed(1).padStart(7)} ${median(took[s.i]!).toFixed(1).padStart(7)} ${String(once[s.i]!.total).padStart(8)}  [${s.q.cls}] ${s.q.label}`);

  // EXPLAIN ANALYZE of what the index runs for the slowest 3, alone (no other load from here).
  const report: string[] = [`# EXPLAIN (ANALYZE, BUFFERS) of the statements of the 3 slowest queries of bench/search/rest.ts, ${new Date().toISOString()}, load ${load()}\n`];
  for (const s of slowest.slice(0, 3)) {
    const statements: { sql: string; params: unknown[] }[] = [];
    const capture = (q: Queryable): Queryable => ({
      ...q,
      query: ((sql: string, params?: unknown[]) => {
        if (!/^\s*(SET|EXPLAIN) /i.test(sql)) statements.push({ sql, params: params ?? [] });
        return q.query(sql, params);
      }) as Queryable['query'],
    });
    const spy = Object.create(db) as Db;
    spy.transaction = (fn) => db.transaction((tx) => fn(capture(tx)));
    // Through transactions the capture sees: the search's own sessions (settings come with them) would pass it by.
    spy.withSettings = undefined;
    const index = new PgSearchIndex(spy, { ...DEFAULT_LIMITS, cachedAnswers: 0 });
    const form = searchQuery.parse(Object.fromEntries([...new URLSearchParams(s.q.params)].reduce((m, [k, v]) => m.set(k, m.has(k) ? [...[m.get(k)!].flat(), v] : v), new Map<string, string | string[]>())));
    const { myLibrary: _mine, ...rest } = form;
    const result = await index.search(searchRequestOf(rest, null));
    report.push(`\n## [${s.q.cls}] ${s.q.label} — ${s.ms.toFixed(1)} ms under load; alone ${result.tookMs} ms; ${result.total} hits${result.totalEstimated ? ' (estimated)' : ''}\n`);
    for (const st of statements) {
      const t0 = performance.now();
      const plan = await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${st.sql}`, st.params);
      report.push(`\n-- ${(performance.now() - t0).toFixed(1)} ms\n${st.sql}\n-- params: ${JSON.stringify(st.params).slice(0, 500)}\n${plan.rows.map((x) => x['QUERY PLAN']).join('\n')}\n`);
    }
  }
  writeFileSync(opt.explain!, report.join(''));
  note(`EXPLAIN ANALYZE of the 3 slowest queries: ${opt.explain}`);
  figure('rest.loadavg-end', load(), '1/5/15min');
} finally {
  agent.destroy();
  await server.stop();
  await db.close();
}
