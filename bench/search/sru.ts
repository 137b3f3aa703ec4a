/**
 * Issue 4 figure: SRU against Zebra, side by side in one run. The corpus of
 * ../shared/peers/make_corpus.py (100,000 records, seed 1, 20 libraries) and its 200 CQL queries
 * (queries.txt), 8 connections, 10 MARCXML records per answer. Targets: more queries/s than Zebra
 * (603 here), a lower p95 (29 ms), and an index build faster than Zebra's 699 records/s.
 *
 *   python3 ../shared/peers/make_corpus.py -n 100000 -l 20 --seed 1 -o /tmp/c100k.mrc
 *   npx tsx bench/search/sru.ts [--corpus /tmp/c100k.mrc] [--seconds 30] [--rounds 3] [--reimport] [--zebra-reindex]
 *
 * Anylib: the corpus's 20 libraries (003) in the directory, each library's records imported as the
 * catalog.import job does it (bench/import.ts's way) into the database `bench_search_100k` (kept
 * between runs: --reimport starts it again), then the search index emptied and rebuilt with
 * `searchIndexFor(db).rebuild()`, timed on its own. Zebra: `peers.sh zebra-index` into
 * /tmp/bench-search-zebra (kept; --zebra-reindex indexes again and prints its rate).
 * Then both are served and loaded in turn, round after round, with the same wrk Lua
 * (peers.sh `zebra-query`); before that every query is asked once of each to check the answers.
 */
import { execFileSync } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, readFileSync, rmSync, statSync, writeFileSync, type WriteStream } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { migrate } from '../../src/platform/db/index.js';
import { PostgresDb } from '../../src/platform/db/postgres-db.js';
import { readIso2709 } from '../../src/modules/catalog/domain/marc/index.js';
import { importStore } from '../../src/modules/catalog/import/import.store.js';
import { runImport } from '../../src/modules/catalog/import/import.job.js';
import { searchIndexFor } from '../../src/modules/search/service.js';
import { freePort, tempDir } from '../support.js';
import { backendsOf, databaseExists, sessionOf, withAdmin, databaseUrl, figure, load, median, note, recreateDatabase, runWrk, startAnylib, type Watched, type WrkResult } from './common.js';

const { values: opt } = parseArgs({
  options: {
    corpus: { type: 'string', default: '/tmp/c100k.mrc' },
    queries: { type: 'string', default: '/work/shared/peers/queries.txt' },
    db: { type: 'string', default: 'bench_search_100k' },
    zebra: { type: 'string', default: '/tmp/bench-search-zebra' },
    seconds: { type: 'string', default: '30' },
    rounds: { type: 'string', default: '3' },
    connections: { type: 'string', default: '8' },
    reimport: { type: 'boolean', default: false },
    'zebra-reindex': { type: 'boolean', default: false },
    'no-index': { type: 'boolean', default: false },
    /** Load only these targets (comma-separated: zebra, anylib-1.2, anylib-2.0), e.g. to compare two builds quickly. */
    targets: { type: 'string', default: 'zebra,anylib-1.2,anylib-2.0' },
    /** Serve Anylib from another checkout (e.g. `git worktree add /tmp/before HEAD~1`) to compare two builds. */
    'server-root': { type: 'string' },
  },
});
const peers = path.resolve(path.dirname(opt.queries!), 'peers.sh');
const seconds = Number(opt.seconds);
const rounds = Number(opt.rounds);
const connections = Number(opt.connections);
const corpus = opt.corpus!;
const corpusId = `${path.resolve(corpus)} ${statSync(corpus).size}`;

/** Number of ISO 2709 records, from the length prefixes (as peers.sh counts them). */
function countRecords(file: string): number {
  const buf = readFileSync(file);
  let n = 0;
  for (let at = 0; at + 5 <= buf.length; at += Number(buf.toString('latin1', at, at + 5))) n++;
  return n;
}

// ---------------------------------------------------------------- Anylib: catalogue and index
let db = new PostgresDb(databaseUrl(opt.db!));
async function catalogueReady(): Promise<number | null> {
  if (opt.reimport || !(await databaseExists(opt.db!))) return null;
  const { rows } = await db.query<{ value: string }>(`SELECT value FROM bench_meta WHERE key = 'corpus'`).catch(() => ({ rows: [] as { value: string }[] }));
  if (rows[0]?.value !== corpusId) return null;
  const n = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM records');
  return n.rows[0]!.n;
}

async function importCorpus(): Promise<number> {
  await db.close();
  await recreateDatabase(opt.db!);
  db = new PostgresDb(databaseUrl(opt.db!));
  await migrate(db);
  const dir = tempDir('bench-search-split-');
  try {
    const outs = new Map<string, WriteStream>();
    let total = 0;
    for await (const r of readIso2709(createReadStream(corpus, { highWaterMark: 1 << 20 }))) {
      if (!r.ok) continue;
      const f003 = r.record.fields.find((f) => f.tag === '003');
      const lib = f003 && 'value' in f003 ? f003.value : 'LIB0000';
      let out = outs.get(lib);
      if (!out) outs.set(lib, (out = createWriteStream(path.join(dir, `${lib}.mrc`))));
      if (!out.write(r.raw)) await new Promise<void>((res) => out!.once('drain', () => res()));
      total++;
    }
    await Promise.all([...outs.values()].map((o) => new Promise<void>((res) => o.end(() => res()))));
    const libs = [...outs.keys()].sort();
    for (const lib of libs) {
      await db.query(`INSERT INTO libraries (symbol, name_zh, name_en, type, province) VALUES ($1, $2, $3, 'university', 'CN-JS')`, [`CN-${lib}`, `图书馆 ${lib}`, `Library ${lib}`]);
    }
    const queue = [...libs];
    const t0 = performance.now();
    const worker = async (): Promise<void> => {
      for (let lib = queue.shift(); lib !== undefined; lib = queue.shift()) {
        const { rows } = await db.query<{ id: number }>('SELECT id FROM libraries WHERE symbol = $1', [`CN-${lib}`]);
        const batchId = await importStore.create(db, { libraryId: Number(rows[0]!.id), kind: 'file', source: `${lib}.mrc` });
        await runImport(db, { batchId, path: path.join(dir, `${lib}.mrc`), library: `CN-${lib}`, format: 'iso2709', flavour: 'marc21' });
      }
    };
    await Promise.all([worker(), worker()]);
    const s = (performance.now() - t0) / 1000;
    figure('sru.anylib.import-rate', Math.round(total / s), 'records/s', true);
    await db.query('CREATE TABLE IF NOT EXISTS bench_meta (key text PRIMARY KEY, value text NOT NULL)');
    await db.query(`INSERT INTO bench_meta VALUES ('corpus', $1) ON CONFLICT (key) DO UPDATE SET value = excluded.value`, [corpusId]);
    return total;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

figure('sru.corpus-records', countRecords(corpus), `records in ${corpus}`);
let records = await catalogueReady();
if (records === null) {
  note(`importing ${corpus} into ${opt.db} …`);
  records = await importCorpus();
} else note(`reusing ${opt.db} (${records} records imported)`);
figure('sru.anylib.records', records, 'records');

// Migrations newer than the catalogue's import (the server would apply them at start and queue work).
await migrate(db);
if (!opt['no-index']) {
  // From empty, as Zebra indexes from scratch: every document written, holdings and suggestion terms counted.
  await db.query('TRUNCATE search_holdings, search_documents, search_terms');
  await db.query('VACUUM ANALYZE search_documents');
  const loadBefore = load();
  const t0 = performance.now();
  const { documents } = await searchIndexFor(db).rebuild();
  const s = (performance.now() - t0) / 1000;
  figure('sru.anylib.index-seconds', s, 's');
  figure('sru.anylib.index-documents', documents, 'documents');
  figure('sru.anylib.index-rate', Math.round(records / s), `records/s (${Math.round(documents / s)} documents/s; Zebra 699 records/s; load ${loadBefore} → ${load()})`);
  figure('sru.anylib.index-vs-zebra', (records / s / 699).toFixed(2), 'x');
}
// The import noted every cluster for the background indexer; the rebuild has done their work.
await db.query('DELETE FROM cluster_changes');
// Statistics of the whole database, as autovacuum would have them after a while: right after a
// bulk import the planner's are stale (union records took 0.7 s a page, holdings scanned in id order).
await db.query('VACUUM ANALYZE');
const size = await db.query<{ docs: number; bytes: string }>(`SELECT (SELECT count(*) FROM search_documents)::int AS docs, pg_size_pretty(pg_total_relation_size('search_documents') + pg_total_relation_size('search_holdings')) AS bytes`);
figure('sru.anylib.index-size', size.rows[0]!.bytes.replace(' ', ''), `(${size.rows[0]!.docs} documents)`);
await db.close();

// ---------------------------------------------------------------- Zebra
const zebraDir = opt.zebra!;
const zebraMarker = path.join(zebraDir, 'bench-corpus');
if (opt['zebra-reindex'] || !existsSync(zebraMarker) || readFileSync(zebraMarker, 'utf8') !== corpusId) {
  note(`zebra-index ${corpus} → ${zebraDir} (about 2.5 minutes per 100 k) …`);
  const out = execFileSync(peers, ['zebra-index', corpus, zebraDir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  for (const l of out.trim().split('\n')) console.log(`sru.${l}${l.startsWith('zebra-index.rate') ? `  (load ${load()})` : ''}`);
  writeFileSync(zebraMarker, corpusId);
} else note(`reusing the Zebra register in ${zebraDir} (--zebra-reindex to index again)`);
const zebraPort = await freePort();
const zebraPid = execFileSync(peers, ['zebra-serve', zebraDir, String(zebraPort)], { encoding: 'utf8' }).trim();

/** Buffer reads (shared hits and reads) and transactions of the benchmark's database so far (statistics lag about a second). */
async function databaseWork(): Promise<{ blocks: number; xacts: number }> {
  return withAdmin(async (c) => {
    const { rows } = await c.query<{ blocks: string; xacts: string }>('SELECT blks_hit + blks_read AS blocks, xact_commit + xact_rollback AS xacts FROM pg_stat_database WHERE datname = $1', [opt.db!]);
    return { blocks: Number(rows[0]!.blocks), xacts: Number(rows[0]!.xacts) };
  });
}

const anylib = await startAnylib(databaseUrl(opt.db!), 120_000, opt['server-root'] ? path.resolve(opt['server-root']) : undefined);
try {
  const queries = readFileSync(opt.queries!, 'utf8').split('\n').map((l) => l.trim()).filter((l) => l !== '');
  const sruPath = (prefix: string, version: string) => (q: string) =>
    `${prefix}?${new URLSearchParams({ version, operation: 'searchRetrieve', query: q, maximumRecords: '10', recordSchema: 'marcxml' })}`;
  // CPU per query beside the times: on a shared machine the times move with the load, the CPU much less.
  const anylibCpu: Watched = { server: () => [anylib.child.pid!], postgres: backendsOf(opt.db!) };
  const targets = [
    { name: 'zebra', base: `http://127.0.0.1:${zebraPort}`, path: sruPath('/Default', '1.1'), watched: { zebrasrv: sessionOf(Number(zebraPid)) } as Watched },
    { name: 'anylib-1.2', base: anylib.url, path: sruPath('/sru', '1.2'), watched: anylibCpu },
    { name: 'anylib-2.0', base: anylib.url, path: sruPath('/sru', '2.0'), watched: anylibCpu },
  ];
  const loaded = targets.filter((t) => opt.targets!.split(',').includes(t.name));

  // ------------------------------------------------------------ every query once: answers and hit counts
  const hits = new Map<string, (number | null)[]>();
  for (const t of targets) {
    const counts: (number | null)[] = [];
    let ok = 0;
    let diagnostics = 0;
    let zero = 0;
    let shortPages = 0;
    const bad: string[] = [];
    const times: { q: string; ms: number; hits: number | null }[] = [];
    for (const q of queries) {
      const t0 = performance.now();
      const res = await fetch(t.base + t.path(q));
      const body = await res.text();
      times.push({ q, ms: performance.now() - t0, hits: null });
      const m = /numberOfRecords>(\d+)</.exec(body);
      const diag = /<(\w+:)?diagnostic[\s>]/.test(body);
      const n = m ? Number(m[1]) : null;
      counts.push(n);
      times[times.length - 1]!.hits = n;
      if (res.status === 200 && !diag && n !== null) ok++;
      else bad.push(`${res.status} ${q} ${body.replace(/\s+/g, ' ').slice(-240)}`);
      if (diag) diagnostics++;
      if (n === 0) zero++;
      const returned = (body.match(/<(\w+:)?recordData[\s>]/g) ?? []).length;
      if (n !== null && returned !== Math.min(10, n)) shortPages++;
    }
    hits.set(t.name, counts);
    figure(`sru.${t.name}.answered-200-without-diagnostic`, ok, `of ${queries.length} queries`);
    figure(`sru.${t.name}.diagnostics`, diagnostics, 'queries');
    figure(`sru.${t.name}.zero-hits`, zero, 'queries');
    figure(`sru.${t.name}.pages-not-min-10-hits`, shortPages, 'queries');
    for (const b of bad.slice(0, 5)) note(`${t.name} not answered well: ${b}`);
    // One client, first ask: where a single query's time goes (the load below mixes them).
    const ms = times.map((x) => x.ms);
    figure(`sru.${t.name}.one-client-first-ask`, `p50 ${median(ms).toFixed(1)} ms, max ${Math.max(...ms).toFixed(0)} ms,`, `sum ${(ms.reduce((a, b) => a + b, 0) / 1000).toFixed(1)} s (queries > 2000 hits: ${(times.filter((x) => (x.hits ?? 0) > 2000).reduce((a, x) => a + x.ms, 0) / 1000).toFixed(1)} s of it, ${times.filter((x) => (x.hits ?? 0) > 2000).length} queries)`);
    console.log(`# ${t.name}, slowest single asks: ${times.sort((a, b) => b.ms - a.ms).slice(0, 8).map((x) => `${x.q} (${x.ms.toFixed(0)} ms, ${x.hits} hits)`).join('; ')}`);
  }
  // Zebra counts records, Anylib clusters (manifestations): Zebra's hits are also counted in
  // manifestations, through the corpus generator's truth (which 001s are one manifestation).
  const zebraHits = hits.get('zebra')!;
  const truthFile = `${corpus}.truth.json`;
  const zebraManifestations: (number | null)[] = [...zebraHits];
  if (existsSync(truthFile)) {
    const truth = JSON.parse(readFileSync(truthFile, 'utf8')) as { clusters: string[][] };
    const truthOf = new Map<string, number>();
    truth.clusters.forEach((ids, i) => ids.forEach((id) => truthOf.set(id, i)));
    const zebra = targets[0]!;
    for (const [i, q] of queries.entries()) {
      const z = zebraHits[i];
      if (z === null || z === undefined || z > 1000) continue;
      const body = await (await fetch(`${zebra.base}/Default?${new URLSearchParams({ version: '1.1', operation: 'searchRetrieve', query: q, maximumRecords: String(Math.max(1, z)), recordSchema: 'marcxml' })}`)).text();
      const ids = [...body.matchAll(/<controlfield tag="001">([^<]+)</g)].map((m) => m[1]!);
      if (ids.length === z) zebraManifestations[i] = new Set(ids.map((id) => truthOf.get(id) ?? id)).size;
    }
    hits.set('zebra-manifestations', zebraManifestations);
  }
  for (const name of ['anylib-1.2', 'anylib-2.0']) {
    const ours = hits.get(name)!;
    let same = 0;
    let within10 = 0;
    const diffs: { q: string; zebra: number | null; ours: number | null; ratio: number }[] = [];
    queries.forEach((q, i) => {
      const z = zebraHits[i] ?? null;
      const o = ours[i] ?? null;
      if (z === o) same++;
      if (z !== null && o !== null && Math.abs(z - o) <= 0.1 * Math.max(z, o)) within10++;
      diffs.push({ q, zebra: z, ours: o, ratio: Math.abs(Math.log((1 + (o ?? 0)) / (1 + (z ?? 0)))) });
    });
    figure(`sru.${name}.hits-equal-to-zebra-records`, same, `of ${queries.length} queries`);
    figure(`sru.${name}.hits-within-10pct-of-zebra-records`, within10, `of ${queries.length} queries`);
    const m = queries.map((_, i) => [zebraManifestations[i] ?? null, ours[i] ?? null] as const);
    figure(`sru.${name}.hits-equal-to-zebra-manifestations`, m.filter(([z, o]) => z === o).length, `of ${queries.length} queries`);
    figure(`sru.${name}.hits-within-10pct-of-zebra-manifestations`, m.filter(([z, o]) => z !== null && o !== null && Math.abs(z - o) <= 0.1 * Math.max(z, o)).length, `of ${queries.length} queries`);
    if (name === 'anylib-1.2') {
      console.log('# biggest hit-count disagreements (zebra records, zebra manifestations → anylib clusters):');
      const byM = queries.map((q, i) => ({ q, zr: zebraHits[i], zm: zebraManifestations[i] ?? null, o: ours[i] ?? null }))
        .map((d) => ({ ...d, ratio: Math.abs(Math.log((1 + (d.o ?? 0)) / (1 + (d.zm ?? 0)))) }));
      for (const d of byM.sort((a, b) => b.ratio - a.ratio).slice(0, 15)) console.log(`#   ${String(d.zr).padStart(6)} ${String(d.zm).padStart(6)} → ${String(d.o).padEnd(6)} ${d.q}`);
      void diffs;
    }
  }

  // ------------------------------------------------------------ load, round after round
  const results = new Map<string, WrkResult[]>(loaded.map((t) => [t.name, []]));
  for (const t of loaded) await runWrk(t.base, queries.map(t.path), connections, 5); // warm caches and JIT
  for (let r = 1; r <= rounds; r++) {
    for (const t of loaded) {
      const work0 = t.name === 'zebra' ? null : await databaseWork();
      const w = await runWrk(t.base, queries.map(t.path), connections, seconds, t.watched);
      results.get(t.name)!.push(w);
      const cpu = Object.entries(w.cpuPerQuery).map(([k, v]) => `${k} ${v.toFixed(2)}`).join(' + ');
      // Blocks and transactions per query do not move with the load: the way to compare two builds on a busy machine.
      const work = work0 && (await new Promise((res) => setTimeout(res, 1500)), await databaseWork());
      const perQuery = work && work0 ? `; per query ${((work.blocks - work0.blocks) / w.requests).toFixed(0)} blocks, ${((work.xacts - work0.xacts) / w.requests).toFixed(1)} transactions` : '';
      console.log(`sru.round${r}.${t.name} p50 ${w.p50.toFixed(1)} ms, p95 ${w.p95.toFixed(1)} ms, p99 ${w.p99.toFixed(1)} ms, ${w.qps.toFixed(0)} queries/s, ${w.requests} requests, errors ${w.errors}, non-2xx ${w.non2xx}; CPU ms per query: ${cpu}${perQuery}  (load ${w.load})`);
    }
  }
  console.log(`\n# SRU, ${queries.length} CQL queries, ${connections} connections, ${seconds} s × ${rounds} rounds, 10 MARCXML records per answer (median of rounds)`);
  console.log(`# ${'target'.padEnd(12)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'queries/s'.padStart(10)}`);
  for (const t of loaded) {
    const rs = results.get(t.name)!;
    const p50 = median(rs.map((x) => x.p50));
    const p95 = median(rs.map((x) => x.p95));
    const qps = median(rs.map((x) => x.qps));
    console.log(`# ${t.name.padEnd(12)} ${p50.toFixed(1).padStart(8)} ${p95.toFixed(1).padStart(8)} ${qps.toFixed(0).padStart(10)}`);
    figure(`sru.${t.name}.p50`, p50, 'ms');
    figure(`sru.${t.name}.p95`, p95, 'ms');
    figure(`sru.${t.name}.qps`, Math.round(qps), 'queries/s');
    for (const k of Object.keys(rs[0]!.cpuPerQuery)) figure(`sru.${t.name}.cpu-per-query.${k}`, median(rs.map((x) => x.cpuPerQuery[k]!)).toFixed(2), 'ms');
  }
  figure('sru.loadavg-end', load(), '1/5/15min');
} finally {
  await anylib.stop();
  execFileSync(peers, ['zebra-stop', zebraPid], { stdio: 'ignore' });
}
