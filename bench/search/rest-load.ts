/**
 * Loading the 1 M-cluster search database of bench/search/rest.ts: the directory (80 libraries in
 * 10 provinces, a national alliance and three provincial ones), then the documents through
 * `writeDocuments` and the suggestion terms through `countTerms`, a page of 1,000 at a time while
 * the next page is built. The secondary indexes are dropped for the load and made again after it
 * (the definitions of migration 0006, read back from the catalogue), as one loads any big table.
 */
import { Worker } from 'node:worker_threads';
import { PostgresDb } from '../../src/platform/db/postgres-db.js';
import { migrate } from '../../src/platform/db/index.js';
import { countTerms, writeDocuments } from '../../src/modules/search/pg/documents.store.js';
import type { SearchDocument } from '../../src/modules/search/domain/document/build.js';
import { databaseExists, databaseUrl, figure, load, note, recreateDatabase, rng } from './common.js';
import type { BenchLibrary } from './rest-corpus.js';

/** Worker threads do not inherit tsx's loader on Node 20: each registers it, then loads the TypeScript. */
const WORKER = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((t) => { t.register(); return import(${JSON.stringify(new URL('./rest-worker.ts', import.meta.url).href)}); })`;

const PROVINCES: [string, number, number][] = [
  ['CN-BJ', 39.9, 116.4], ['CN-SH', 31.2, 121.5], ['CN-JS', 32.1, 118.8], ['CN-ZJ', 30.3, 120.2], ['CN-GD', 23.1, 113.3],
  ['CN-SC', 30.7, 104.1], ['CN-HB', 30.6, 114.3], ['CN-SN', 34.3, 108.9], ['CN-HK', 22.3, 114.2], ['CN-TW', 25.0, 121.5],
];

/** Weights of the libraries: the first ones are the big ones (Zipf), so they hold more. */
export async function loadDirectory(db: PostgresDb): Promise<{ libraries: BenchLibrary[]; weights: number[] }> {
  const r = rng(7);
  const nat = await db.query<{ id: string }>(`INSERT INTO alliances (code, name_zh, name_en, kind, tier) VALUES ('BENCH-NAT', '全国基准联盟', 'Bench national alliance', 'national', 'national') RETURNING id`);
  const provincial: Record<string, number> = {};
  for (const p of ['CN-JS', 'CN-GD', 'CN-SC']) {
    const a = await db.query<{ id: string }>(`INSERT INTO alliances (code, name_zh, name_en, kind, tier, province, parent_id) VALUES ($1, $2, $3, 'provincial', 'provincial', $4, $5) RETURNING id`,
      [`BENCH-${p.slice(3)}`, `${p} 基准联盟`, `Bench alliance ${p}`, p, nat.rows[0]!.id]);
    provincial[p] = Number(a.rows[0]!.id);
  }
  const libraries: BenchLibrary[] = [];
  for (let i = 1; i <= 80; i++) {
    const [province, lat, lon] = PROVINCES[(i - 1) % PROVINCES.length]!;
    const symbol = `CN-BL${String(i).padStart(3, '0')}`;
    const row = await db.query<{ id: string }>(
      `INSERT INTO libraries (symbol, name_zh, name_en, type, province, lat, lon) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [symbol, `基准图书馆 ${i}`, `Bench Library ${i}`, i % 3 === 0 ? 'public' : 'university', province, lat + (r() - 0.5), lon + (r() - 0.5)],
    );
    const id = Number(row.rows[0]!.id);
    const allianceIds = [Number(nat.rows[0]!.id), ...(provincial[province] ? [provincial[province]] : [])];
    for (const a of allianceIds) await db.query(`INSERT INTO memberships (alliance_id, library_id, role, position) VALUES ($1, $2, 'member', $3)`, [a, id, i]);
    libraries.push({ id, symbol, province, allianceIds });
  }
  return { libraries, weights: libraries.map((_, i) => 1 / Math.pow(i + 1, 0.8)) };
}

/** Clusters written so far by an interrupted load of this seed (it resumes there), or null. */
async function progress(db: PostgresDb, seed: number): Promise<number | null> {
  const { rows } = await db.query<{ value: string }>(`SELECT value FROM bench_meta WHERE key = 'rest-progress'`).catch(() => ({ rows: [] as { value: string }[] }));
  const [s, done] = (rows[0]?.value ?? '').split(' ');
  return s === String(seed) ? Number(done) : null;
}

/**
 * Loads clusters 1…n, or resumes an interrupted load; stops taking new pages after `maxMinutes`
 * (a busy machine) and leaves the database searchable with what it holds. Returns how many it holds.
 */
export async function loadCorpus(dbName: string, n: number, seed: number, shared: string, corpus: string, maxMinutes: number): Promise<number> {
  let db = new PostgresDb(databaseUrl(dbName), 4);
  let done = (await databaseExists(dbName)) ? await progress(db, seed) : null;
  let libraries: BenchLibrary[];
  let weights: number[];
  if (done === null) {
    await db.close();
    await recreateDatabase(dbName);
    db = new PostgresDb(databaseUrl(dbName), 4);
    await migrate(db);
    await db.query('CREATE TABLE bench_meta (key text PRIMARY KEY, value text NOT NULL)');
    ({ libraries, weights } = await loadDirectory(db));
    done = 0;
  } else {
    note(`resuming after cluster ${done}`);
    const { rows } = await db.query<{ id: string; symbol: string; province: string; alliance_ids: string[] }>(
      'SELECT l.id, l.symbol, l.province, array_agg(m.alliance_id ORDER BY m.alliance_id) AS alliance_ids FROM libraries l JOIN memberships m ON m.library_id = l.id GROUP BY l.id ORDER BY l.id');
    libraries = rows.map((x) => ({ id: Number(x.id), symbol: x.symbol, province: x.province, allianceIds: x.alliance_ids.map(Number) }));
    weights = libraries.map((_, i) => 1 / Math.pow(i + 1, 0.8));
  }
  try {

    const { rows: defs } = await db.query<{ indexname: string; indexdef: string }>(
      `SELECT indexname, indexdef FROM pg_indexes WHERE tablename IN ('search_documents', 'search_holdings', 'search_terms') AND indexname NOT LIKE '%_pkey'`,
    );
    for (const d of defs) await db.query(`DROP INDEX ${d.indexname}`);
    await db.query(`INSERT INTO bench_meta VALUES ('rest-indexes', $1) ON CONFLICT (key) DO NOTHING`, [JSON.stringify(defs)]);
    const dropped = JSON.parse((await db.query<{ value: string }>(`SELECT value FROM bench_meta WHERE key = 'rest-indexes'`)).rows[0]!.value) as typeof defs;

    const stopAt = performance.now() + maxMinutes * 60_000;
    const pages: { from: number; to: number }[] = [];
    for (let from = done + 1; from <= n; from += 1000) pages.push({ from, to: Math.min(n + 1, from + 1000) });
    const t1 = performance.now();
    const built = await writePages(db, pages, seed, stopAt, { shared, corpus, libraries, weights }, (to) => (done = Math.max(done!, to - 1)));
    const s = (performance.now() - t1) / 1000;
    figure('rest.load.documents', built, 'documents');
    await db.query(`INSERT INTO bench_meta VALUES ('rest-progress', $1) ON CONFLICT (key) DO UPDATE SET value = excluded.value`, [`${seed} ${done}`]);
    figure('rest.load.seconds', s, `s (${Math.round(built / s)} documents/s)`, true);
    const t2 = performance.now();
    await db.transaction(async (tx) => {
      await tx.query(`SET LOCAL maintenance_work_mem = '512MB'`);
      for (const d of dropped) await tx.query(d.indexdef);
    });
    await db.query('VACUUM ANALYZE search_documents, search_holdings, search_terms');
    figure('rest.load.index-seconds', (performance.now() - t2) / 1000, 's (secondary indexes made again, VACUUM ANALYZE)', true);
    if (done === n) {
      await db.query(`INSERT INTO bench_meta VALUES ('rest-corpus', $1) ON CONFLICT (key) DO UPDATE SET value = excluded.value`, [`${n} seed ${seed} v1`]);
    } else note(`stopped after ${maxMinutes} minutes with ${done} of ${n} clusters; run again to go on`);
    return done;
  } finally {
    await db.close();
  }
}

interface WorkerData { shared: string; corpus: string; libraries: BenchLibrary[]; weights: number[] }

/** Pages built by worker threads (the CPU), written here a few at a time (the database); stops taking pages at `stopAt`. */
async function writePages(db: PostgresDb, pages: { from: number; to: number }[], seed: number, stopAt: number, data: WorkerData, written: (to: number) => void): Promise<number> {
  const threads = Number(process.env.BENCH_WORKERS ?? 2);
  const workers = Array.from({ length: threads }, () => new Worker(WORKER, { eval: true, workerData: data }));
  await Promise.all(workers.map((w) => new Promise((res) => w.once('message', res))));
  const t1 = performance.now();
  let built = 0;
  const inflight = new Set<Promise<void>>();
  const buildPage = (w: Worker, p: { from: number; to: number }) =>
    new Promise<SearchDocument[]>((res, rej) => {
      const failed = (e: Error) => rej(e);
      w.once('error', failed);
      w.once('message', (m: { docs: SearchDocument[] }) => {
        w.off('error', failed);
        res(m.docs);
      });
      w.postMessage({ ...p, seed: seed * 1_000_003 + p.from });
    });
  const writer = async (w: Worker): Promise<void> => {
    for (let p = pages.shift(); p && performance.now() < stopAt; p = pages.shift()) {
      const docs = await buildPage(w, p);
      const terms = new Map<string, number>();
      for (const d of docs) for (const t of d.terms) terms.set(t, (terms.get(t) ?? 0) + 1);
      const write = db.transaction(async (tx) => {
        await writeDocuments(tx, docs, []);
        await countTerms(tx, terms);
      }).then(() => void inflight.delete(write));
      inflight.add(write);
      if (inflight.size >= threads + 1) await Promise.race(inflight);
      built += docs.length;
      written(p.to);
      if (built % 50_000 < 1000) note(`${built} documents, ${Math.round(built / ((performance.now() - t1) / 1000))}/s (load ${load()})`);
    }
  };
  await Promise.all(workers.map(writer));
  await Promise.all(inflight);
  await Promise.all(workers.map((w) => w.terminate()));
  return built;
}

/**
 * Makes a loaded corpus be written again from its first cluster by the next load (loadCorpus),
 * directory kept: after a change of what a document holds (a new lexeme scheme), quicker than
 * the indexer and the same documents as a first load.
 */
export async function forgetDocuments(dbName: string, seed: number): Promise<void> {
  const db = new PostgresDb(databaseUrl(dbName), 1);
  try {
    await db.query('TRUNCATE search_documents, search_holdings, search_terms');
    // The index definitions are read again (the new build's migrations may have added some).
    await db.query(`DELETE FROM bench_meta WHERE key IN ('rest-corpus', 'rest-indexes')`);
    await db.query(`INSERT INTO bench_meta VALUES ('rest-progress', $1) ON CONFLICT (key) DO UPDATE SET value = excluded.value`, [`${seed} 0`]);
  } finally {
    await db.close();
  }
}

/**
 * Writes again the pages of a loaded corpus that lost documents (a server's indexer drops
 * documents whose clusters the catalogue does not have, e.g. when a migration queues every
 * document): the pages are the same, page seeds being fixed.
 */
export async function repairCorpus(dbName: string, n: number, seed: number, shared: string, corpus: string): Promise<number> {
  const db = new PostgresDb(databaseUrl(dbName), 4);
  try {
    const { rows } = await db.query<{ g: number }>(
      `SELECT g FROM generate_series(1, $1::int, 1000) g
        WHERE (SELECT count(*) FROM search_documents WHERE cluster_id >= g AND cluster_id < g + 1000) < least(1000, $1::int - g + 1)`, [n]);
    if (rows.length === 0) return 0;
    const libs = await db.query<{ id: string; symbol: string; province: string; alliance_ids: string[] }>(
      'SELECT l.id, l.symbol, l.province, array_agg(m.alliance_id ORDER BY m.alliance_id) AS alliance_ids FROM libraries l JOIN memberships m ON m.library_id = l.id GROUP BY l.id ORDER BY l.id');
    const libraries = libs.rows.map((x) => ({ id: Number(x.id), symbol: x.symbol, province: x.province, allianceIds: x.alliance_ids.map(Number) }));
    const pages = rows.map((r) => ({ from: Number(r.g), to: Math.min(n + 1, Number(r.g) + 1000) }));
    note(`writing ${pages.length} pages again (documents lost)`);
    const built = await writePages(db, pages, seed, Infinity, { shared, corpus, libraries, weights: libraries.map((_, i) => 1 / Math.pow(i + 1, 0.8)) }, () => undefined);
    await db.query('ANALYZE search_documents, search_holdings');
    return built;
  } finally {
    await db.close();
  }
}
