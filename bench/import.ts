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
import { loadavg } from 'node:os';
import { monitorEventLoopDelay, performance, PerformanceObserver } from 'node:perf_hooks';
import path from 'node:path';
import pg from 'pg';
import { migrate, type Queryable } from '../src/platform/db/index.js';
import { PostgresDb } from '../src/platform/db/postgres-db.js';
import { importStore } from '../src/modules/catalog/import/import.store.js';
import { runImport } from '../src/modules/catalog/import/import.job.js';
import { tempDir } from './support.js';

const file = process.argv[2] ?? '/tmp/c100k.mrc';
const concurrency = Number(process.argv[3] ?? 2);
const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
// ANYLIB_BENCH_DB_PREFIX=<prefix>: the database's name starts with it (each helper on the shared server its own).
const dbName = `${process.env.ANYLIB_BENCH_DB_PREFIX ?? 'anylib_bench_import'}_${Date.now()}`;
const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`CREATE DATABASE ${dbName}`);
const url = new URL(adminUrl);
url.pathname = `/${dbName}`;
const db = new PostgresDb(url.toString());
const dir = tempDir('anylib-import-');
// ANYLIB_BENCH_SQL=1: time spent per statement (wall, and the backend's CPU from
// /proc/<pid>/schedstat), to see where an import waits and what the database works on.
const sqlTimes = new Map<string, { ms: number; cpu: number; n: number }>();
// ANYLIB_BENCH_SQL=1 also gives the time when no statement of the import was at the database
// (both imports' connections waiting on Node) and when the event loop sat idle with statements out.
const outstanding = { n: 0, since: 0, none: 0 };
// …and how long the batches waited for the clustering lock and held it (from the lock to the commit).
const lock = { wait: 0, held: 0, n: 0 };
const lockedAt = new WeakMap<object, number>();
if (process.env.ANYLIB_BENCH_SQL) {
  const cpuOf = (pid: number): number => {
    try {
      return Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
    } catch {
      return 0;
    }
  };
  const wrap = async (q: Queryable): Promise<Queryable> => {
    const { rows } = await q.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    const pid = rows[0]!.pid;
    const timed = (send: (sql: string, params?: readonly unknown[]) => Promise<unknown>) => async (sql: string, params?: readonly unknown[]) => {
      const t = performance.now();
      const c = cpuOf(pid);
      if (outstanding.n++ === 0 && outstanding.since > 0) outstanding.none += t - outstanding.since;
      try {
        return await send(sql, params);
      } finally {
        if (sql.startsWith('SELECT pg_advisory_xact_lock')) {
          lock.wait += performance.now() - t;
          lock.n++;
          lockedAt.set(wrapped, performance.now());
        }
        if (--outstanding.n === 0) outstanding.since = performance.now();
        // The start of the text only: a records statement is some 100 KB of SQL.
        const k = sql.slice(0, 200).replace(/\s+/g, ' ').slice(0, 70);
        const e = sqlTimes.get(k) ?? { ms: 0, cpu: 0, n: 0 };
        e.ms += performance.now() - t;
        e.cpu += cpuOf(pid) - c;
        e.n++;
        sqlTimes.set(k, e);
      }
    };
    const wrapped: Queryable = {
      ...q,
      query: timed(q.query.bind(q)) as Queryable['query'],
      ...(q.queryAndCommit ? { queryAndCommit: timed(q.queryAndCommit.bind(q)) as Queryable['queryAndCommit'] } : {}),
    };
    return wrapped;
  };
  const tx = db.transaction.bind(db);
  db.transaction = async (fn) => {
    let inner: Queryable | undefined;
    try {
      return await tx(async (t) => fn((inner = await wrap(t))));
    } finally {
      const at = inner && lockedAt.get(inner);
      if (at !== undefined) lock.held += performance.now() - at;
    }
  };
}

const line = (name: string, value: number | string, unit: string): void => console.log(`${name} ${value} ${unit}`);

try {
  await migrate(db);
  // Split by library (003), untimed: each library sends its own file, as members do. Framed
  // by hand (record terminator, then 003 through the directory) rather than parsed, so that the
  // split leaves little garbage behind to count in the import's memory.
  const outs = new Map<string, WriteStream>();
  let total = 0;
  const libraryOf = (rec: Buffer): string => {
    const base = Number(rec.toString('latin1', 12, 17));
    for (let d = 24; d + 12 <= rec.length && rec[d] !== 0x1e; d += 12) {
      if (rec.toString('latin1', d, d + 3) !== '003') continue;
      const len = Number(rec.toString('latin1', d + 3, d + 7));
      const start = base + Number(rec.toString('latin1', d + 7, d + 12));
      return rec.toString('latin1', start, start + len - 1).trim();
    }
    return 'LIB0000';
  };
  let rest = Buffer.alloc(0);
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
    const buf = rest.length > 0 ? Buffer.concat([rest, chunk as Buffer]) : (chunk as Buffer);
    let from = 0;
    for (let end = buf.indexOf(0x1d, from); end >= 0; end = buf.indexOf(0x1d, from)) {
      const rec = buf.subarray(from, end + 1);
      from = end + 1;
      const lib = libraryOf(rec);
      let out = outs.get(lib);
      if (!out) {
        out = createWriteStream(path.join(dir, `${lib}.mrc`));
        outs.set(lib, out);
      }
      if (!out.write(Buffer.from(rec))) await new Promise<void>((res) => out!.once('drain', () => res()));
      total++;
    }
    rest = Buffer.from(buf.subarray(from));
  }
  await Promise.all([...outs.values()].map((o) => new Promise<void>((res) => o.end(() => res()))));
  const libs = [...outs.keys()].sort();
  for (const lib of libs) {
    await db.query(`INSERT INTO libraries (symbol, name_zh, name_en, type, province) VALUES ($1, $2, $3, 'university', 'CN-JS')`, [`CN-${lib}`, `图书馆 ${lib}`, `Library ${lib}`]);
  }

  const queue = [...libs];
  const t0 = performance.now();
  const startRss = process.memoryUsage.rss();
  let peakRss = startRss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 100);
  // CPU seconds of this process and of the database's backends serving it (from /proc): on two
  // cores their sum says how far overlap alone could go.
  const cpu0 = process.cpuUsage();
  // The main thread's own CPU (its task in /proc): the import's reading threads work beside it
  // (import/reading.ts), and process.cpuUsage() counts every thread.
  const mainCpu = (): number => {
    const f = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(f[11]) + Number(f[12])) / 100;
  };
  const main0 = mainCpu();
  // How long the event loop sat idle (waiting on the database, or on the file) during the import.
  const elu0 = performance.eventLoopUtilization();
  // The main thread's pauses for garbage collection (young generation, and the rest).
  const gc = { young: 0, youngN: 0, other: 0, otherN: 0 };
  const gcSeen = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      const kind = (e as unknown as { detail?: { kind?: number } }).detail?.kind;
      if (kind === 1) {
        gc.young += e.duration;
        gc.youngN++;
      } else {
        gc.other += e.duration;
        gc.otherN++;
      }
    }
  });
  gcSeen.observe({ entryTypes: ['gc'] });
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  outstanding.since = performance.now();
  const pgCpu = new Map<number, { first: number; last: number }>();
  const samplePg = async (): Promise<void> => {
    const { rows } = await admin.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1', [dbName]);
    for (const { pid } of rows) {
      try {
        const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
        const ticks = Number(f[11]) + Number(f[12]);
        const e = pgCpu.get(pid);
        if (e) e.last = ticks;
        else pgCpu.set(pid, { first: ticks, last: ticks });
      } catch {
        // the backend ended between the two reads
      }
    }
  };
  await samplePg();
  const pgSampler = setInterval(() => void samplePg().catch(() => undefined), 500);
  // Every 30 s on stderr: records read so far, RSS now and at its peak (a long run shows its trend).
  const progress = setInterval(() => {
    void db.query<{ n: number }>(`SELECT coalesce(sum((counts->>'read')::bigint), 0)::bigint AS n FROM import_batches`).then(({ rows }) => {
      const s = (performance.now() - t0) / 1000;
      console.error(`… ${s.toFixed(0)} s: ${rows[0]!.n} records, RSS ${Math.round(process.memoryUsage.rss() / 1e6)} MB (peak ${Math.round(peakRss / 1e6)} MB), load ${loadavg()[0]!.toFixed(1)}`);
    }, () => undefined);
  }, 30_000);
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
  clearInterval(pgSampler);
  clearInterval(progress);
  await samplePg();
  const nodeCpu = process.cpuUsage(cpu0);
  const nodeMain = mainCpu() - main0;
  const elu = performance.eventLoopUtilization(elu0);
  delay.disable();
  gcSeen.disconnect();
  const pgSeconds = [...pgCpu.values()].reduce((a, e) => a + e.last - e.first, 0) / 100;

  const counts = await db.query<{ records: number; clusters: number; shared: number; holdings: number }>(
    `SELECT (SELECT count(*) FROM records)::int AS records, (SELECT count(*) FROM clusters WHERE record_count > 0)::int AS clusters,
            (SELECT count(*) FROM clusters WHERE record_count > 1)::int AS shared, (SELECT count(*) FROM holdings)::int AS holdings`,
  );
  const c = counts.rows[0]!;
  line('import.records', total, 'records');
  line('import.seconds', seconds.toFixed(1), 's');
  line('import.rate', Math.round(total / seconds), 'records/s');
  line('import.vs-zebra', (total / seconds / 699).toFixed(1), 'x');
  line('import.node-cpu', ((nodeCpu.user + nodeCpu.system) / 1e6).toFixed(1), 's');
  line('import.node-main-cpu', nodeMain.toFixed(1), 's');
  line('import.db-cpu', pgSeconds.toFixed(1), 's');
  line('import.node-idle', (elu.idle / 1000).toFixed(1), 's');
  line('import.gc-young', `${(gc.young / 1000).toFixed(1)} s in ${gc.youngN}`, 'pauses');
  line('import.gc-other', `${(gc.other / 1000).toFixed(1)} s in ${gc.otherN}`, 'pauses');
  line('import.loop-delay-p99', (delay.percentile(99) / 1e6).toFixed(0), 'ms');
  line('import.loop-delay-max', (delay.max / 1e6).toFixed(0), 'ms');
  if (process.env.ANYLIB_BENCH_SQL) {
    line('import.no-statement-out', (outstanding.none / 1000).toFixed(1), 's');
    line('import.lock-wait', (lock.wait / 1000).toFixed(1), 's');
    line('import.lock-held', (lock.held / 1000).toFixed(1), 's');
  }
  line('import.loadavg', loadavg().map((x) => x.toFixed(1)).join('/'), '1/5/15min');
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
  for (const [k, e] of [...sqlTimes].sort((a, b) => b[1].cpu - a[1].cpu).slice(0, 20)) {
    console.error(`${String(Math.round(e.cpu)).padStart(6)} ms cpu ${String(Math.round(e.ms)).padStart(6)} ms wall ${String(e.n).padStart(5)}×  ${k}`);
  }
} finally {
  await db.close();
  // ANYLIB_BENCH_KEEP=1 keeps the database for a look at its plans (dropped by hand afterwards).
  if (process.env.ANYLIB_BENCH_KEEP) console.error(`kept database ${dbName}`);
  else await admin.query(`DROP DATABASE IF EXISTS ${dbName}`);
  await admin.end();
  rmSync(dir, { recursive: true, force: true });
}
