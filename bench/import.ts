/**
 * Issue 3 figure: import into the union catalogue on the PostgreSQL server (parse, normalise,
 * match, cluster, store, holdings): ≥ 5,000 records/s (Zebra indexes 699/s on this machine).
 *   python3 ../shared/peers/make_corpus.py -n 100000 -l 20 --seed 1 -o /tmp/c100k.mrc
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/import.ts /tmp/c100k.mrc [concurrency]
 * The corpus's records carry their library in 003 (LIB0001 … LIB0020): they are split into one
 * file per library first (not timed), then imported as the `catalog.import` job does it, two
 * libraries at a time, into a fresh database that is dropped afterwards.
 */
import { createReadStream, createWriteStream, existsSync, readFileSync, rmSync, type WriteStream } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { migrate } from '../src/platform/db/index.js';
import { PostgresDb } from '../src/platform/db/postgres-db.js';
import { readIso2709 } from '../src/modules/catalog/domain/marc/index.js';
import { importStore } from '../src/modules/catalog/import/import.store.js';
import { runImport } from '../src/modules/catalog/import/import.job.js';
import { tempDir } from './support.js';

const file = process.argv[2] ?? '/tmp/c100k.mrc';
const concurrency = Number(process.argv[3] ?? 2);
const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const dbName = `anylib_bench_import_${Date.now()}`;
const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`CREATE DATABASE ${dbName}`);
const url = new URL(adminUrl);
url.pathname = `/${dbName}`;
const db = new PostgresDb(url.toString());
const dir = tempDir('anylib-import-');
// ANYLIB_BENCH_SQL=1: time spent per statement, to see where an import waits.
const sqlTimes = new Map<string, number>();
if (process.env.ANYLIB_BENCH_SQL) {
  const wrap = <T extends { query: (...a: never[]) => Promise<unknown> }>(q: T): T => {
    const orig = q.query.bind(q) as (sql: string, params?: unknown[]) => Promise<unknown>;
    (q as unknown as { query: typeof orig }).query = async (sql, params) => {
      const t = performance.now();
      try {
        return await orig(sql, params);
      } finally {
        const k = sql.replace(/\s+/g, ' ').slice(0, 70);
        sqlTimes.set(k, (sqlTimes.get(k) ?? 0) + performance.now() - t);
      }
    };
    return q;
  };
  const tx = db.transaction.bind(db);
  db.transaction = (fn) => tx((t) => fn(wrap(t)));
}

const line = (name: string, value: number | string, unit: string): void => console.log(`${name} ${value} ${unit}`);

try {
  await migrate(db);
  // Split by library (003), untimed: each library sends its own file, as members do.
  const outs = new Map<string, WriteStream>();
  let total = 0;
  for await (const r of readIso2709(createReadStream(file, { highWaterMark: 1 << 20 }))) {
    if (!r.ok) continue;
    const f003 = r.record.fields.find((f) => f.tag === '003');
    const lib = f003 && 'value' in f003 ? f003.value : 'LIB0000';
    let out = outs.get(lib);
    if (!out) {
      out = createWriteStream(path.join(dir, `${lib}.mrc`));
      outs.set(lib, out);
    }
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
  const startRss = process.memoryUsage().rss;
  let peakRss = startRss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
  const worker = async (): Promise<void> => {
    for (let lib = queue.shift(); lib !== undefined; lib = queue.shift()) {
      const { rows } = await db.query<{ id: number }>('SELECT id FROM libraries WHERE symbol = $1', [`CN-${lib}`]);
      const batchId = await importStore.create(db, { libraryId: Number(rows[0]!.id), kind: 'file', source: `${lib}.mrc` });
      await runImport(db, { batchId, path: path.join(dir, `${lib}.mrc`), library: `CN-${lib}`, format: 'iso2709', flavour: 'marc21' });
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(sampler);

  const counts = await db.query<{ records: number; clusters: number; shared: number; holdings: number }>(
    `SELECT (SELECT count(*) FROM records)::int AS records, (SELECT count(*) FROM clusters WHERE record_count > 0)::int AS clusters,
            (SELECT count(*) FROM clusters WHERE record_count > 1)::int AS shared, (SELECT count(*) FROM holdings)::int AS holdings`,
  );
  const c = counts.rows[0]!;
  line('import.records', total, 'records');
  line('import.seconds', seconds.toFixed(1), 's');
  line('import.rate', Math.round(total / seconds), 'records/s');
  line('import.vs-zebra', (total / seconds / 699).toFixed(1), 'x');
  line('import.rss-before', Math.round(startRss / 1e6), 'MB');
  line('import.peak-rss', Math.round(peakRss / 1e6), 'MB');
  line('import.stored-records', c.records, 'records');
  line('import.clusters', c.clusters, 'clusters');
  line('import.clusters-shared', c.shared, 'clusters');
  line('import.holdings', c.holdings, 'holdings');
  // Pairwise precision and recall of the clusters against the generator's ground truth, when it is there.
  const truthFile = `${file}.truth.json`;
  if (existsSync(truthFile)) {
    const truth = JSON.parse(readFileSync(truthFile, 'utf8')) as { clusters: string[][] };
    const truthOf = new Map<string, number>();
    truth.clusters.forEach((ids, i) => ids.forEach((id) => truthOf.set(id, i)));
    const { rows } = await db.query<{ local_id: string; cluster_id: number }>('SELECT local_id, cluster_id FROM records WHERE deleted_at IS NULL');
    const ours = new Map<number, string[]>();
    for (const r of rows) ours.set(Number(r.cluster_id), [...(ours.get(Number(r.cluster_id)) ?? []), r.local_id]);
    const stored = new Set(rows.map((r) => r.local_id));
    let truePairs = 0;
    let ourPairs = 0;
    let both = 0;
    for (const ids of truth.clusters) {
      const n = ids.filter((id) => stored.has(id)).length;
      truePairs += (n * (n - 1)) / 2;
    }
    for (const ids of ours.values()) {
      ourPairs += (ids.length * (ids.length - 1)) / 2;
      const byTruth = new Map<number, number>();
      for (const id of ids) {
        const t = truthOf.get(id);
        if (t !== undefined) byTruth.set(t, (byTruth.get(t) ?? 0) + 1);
      }
      for (const n of byTruth.values()) both += (n * (n - 1)) / 2;
    }
    line('import.dedup-precision', (ourPairs ? both / ourPairs : 1).toFixed(4), 'ratio');
    line('import.dedup-recall', (truePairs ? both / truePairs : 1).toFixed(4), 'ratio');
  }
  for (const [k, ms] of [...sqlTimes].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.error(`${Math.round(ms)} ms  ${k}`);
} finally {
  await db.close();
  await admin.query(`DROP DATABASE IF EXISTS ${dbName}`);
  await admin.end();
  rmSync(dir, { recursive: true, force: true });
}
