/**
 * What following the history costs per loan life cycle: the e-mail notices' follower and the
 * fees' (notices/follower.ts, fees/follower.ts), which every server runs every 15 s over the steps
 * of all requests. `lifecycles` loan life cycles are run through the API (network.ts
 * `lendingHistory`), then both followers catch up on them from the start, as a server's rounds
 * do; this process's CPU, its database backends' CPU and the statements sent are counted over the
 * catching up only. Prints what they wrote too (notices, charges): two builds must write the same.
 *
 * In a new database `anylib_bench_ill_follower_<time>`, dropped at the end:
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/ill/follower.ts [lifecycles=300]
 */
import pg from 'pg';
import { cpuOf } from '../support.js';
import { ingestRecords } from '../../src/modules/catalog/index.js';
import { followFees } from '../../src/modules/ill/index.js';
import { followEvents } from '../../src/modules/ill/notices/follower.js';
import { aBook, asInput } from '../../test/catalog/records.js';
import { databaseUrl, figure, load, note, rng, withAdmin } from '../search/common.js';
import { benchDatabase, lenders, lendingHistory, networkApp } from './network.js';

const lifecycles = Number(process.argv[2] ?? 300);
const random = rng(23);
const titles = 60;

let statements = 0;
/** `--sql`: the statements sent while following, by their first 100 characters. */
const bySql = process.argv.includes('--sql') ? new Map<string, number>() : undefined;
const original = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  statements++;
  if (bySql) {
    const first = args[0];
    const text = (typeof first === 'string' ? first : ((first as { text?: string } | undefined)?.text ?? '')).replace(/\s+/g, ' ').slice(0, 100);
    bySql.set(text, (bySql.get(text) ?? 0) + 1);
  }
  return (original as (...a: unknown[]) => unknown).apply(this, args);
} as typeof pg.Client.prototype.query;

const name = benchDatabase('follower');
await withAdmin((c) => c.query(`CREATE DATABASE ${name}`));
try {
  const t = await networkApp(databaseUrl(name), random);
  try {
    for (let n = 0; n < titles; n++) {
      for (const library of lenders.slice(n % 60, (n % 60) + 3)) {
        await ingestRecords(t.db, { library, records: [asInput(aBook({ id: `${library}-${n}`, title: `Followed title ${n}`, isbn: `97871001${String(n).padStart(4, '0')}`, holding: { library, barcode: `${library}-B${n}` } }))], via: 'bench' });
      }
    }
    const clusters = (await t.db.query<{ id: number }>('SELECT DISTINCT cluster_id AS id FROM holdings WHERE cluster_id IS NOT NULL ORDER BY 1')).rows.map((r) => Number(r.id));
    const done = await lendingHistory(t, clusters, lifecycles);
    await t.db.query('VACUUM ANALYZE');
    const events = Number((await t.db.query<{ n: string }>('SELECT count(*) AS n FROM ill_events')).rows[0]!.n);
    // The pool's connections, opened by the history.
    const pids = (await withAdmin((c) => c.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE datname = $1 AND application_name = 'anylib'", [name]))).rows.map((r) => r.pid);
    const db0 = pids.map(cpuOf);
    const cpu0 = process.cpuUsage();
    statements = 0;
    bySql?.clear();
    const start = performance.now();
    const followed = await followEvents(t.db, { lagMs: 0 });
    const charged = await followFees(t.db, { lagMs: 0 });
    const elapsed = (performance.now() - start) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const dbCpu = pids.reduce((sum, pid, i) => sum + Math.max(0, cpuOf(pid) - db0[i]!), 0);
    const count = async (sql: string) => Number((await t.db.query<{ n: string }>(sql)).rows[0]!.n);
    figure('ill_follow_node_cpu_per_lifecycle', (cpu.user + cpu.system) / 1000 / done, 'ms');
    figure('ill_follow_database_cpu_per_lifecycle', (dbCpu * 1000) / done, 'ms');
    figure('ill_follow_statements_per_lifecycle', statements / done, 'statements');
    figure('ill_follow_seconds', elapsed, 's');
    figure('ill_follow_notices', await count('SELECT count(*) AS n FROM ill_notices'), 'notices');
    figure('ill_follow_charges', await count('SELECT count(*) AS n FROM ill_charges'), 'charges');
    // What was written, without the ids (the history's concurrent calls number the requests in any order).
    const summary = async (sql: string) => (await t.db.query<{ s: string }>(sql)).rows[0]!.s;
    note(`notices: ${await summary(`SELECT string_agg(k, ', ' ORDER BY k) AS s FROM (SELECT event || '/' || locale || '/' || status || ' ×' || count(*) AS k FROM ill_notices GROUP BY event, locale, status) x`)}`);
    note(`notices' parameters (without request id and reader name), digest: ${await summary(`SELECT coalesce(sum(hashtext((params - 'requestId' - 'readerName')::text)::bigint), 0)::text AS s FROM ill_notices`)}`);
    note(`charges: ${await summary(`SELECT string_agg(k, ', ' ORDER BY k) AS s FROM (SELECT service || '/' || basis || '/' || fee || '/' || subsidy || '/' || borrower_pays || ' ×' || count(*) AS k FROM ill_charges GROUP BY service, basis, fee, subsidy, borrower_pays) x`)}`);
    note(`${done} life cycles, ${events} steps followed by each follower (${followed}, ${charged}); ${pids.length} backends`);
    for (const [sql, n] of [...(bySql ?? [])].sort((a, b) => b[1] - a[1])) console.log(`${(n / done).toFixed(2).padStart(6)}  ${sql}`);
    figure('load_average', load(), '1/5/15min');
  } finally {
    await t.close();
  }
} finally {
  await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}
