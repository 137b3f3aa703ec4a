/**
 * CPU per loan life cycle, one call after another, without HTTP and without the server's
 * background rounds: the ten calls of bench/ill/lifecycle.ts through `app.inject` in this process,
 * against the PostgreSQL server of DATABASE_URL. Prints this process's CPU and its database
 * backends' CPU (from /proc) per life cycle, and statements and transactions per life cycle.
 * On a machine shared with others the wall-clock throughput of lifecycle.ts swings several-fold
 * from one minute to the next; these figures, taken back to back for two versions of the code
 * (alternated, a few times), are what to compare.
 *
 * In a new database `anylib_bench_ill_cpu_<time>`, dropped at the end:
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/ill/cpu.ts [lifecycles=150] [warm-up=20] [--plans] [--explain] [--history=300]
 * --explain: after the measured life cycles, one more with every statement's plan as executed
 * (auto_explain; the plans the pooled connections use by then, on the tables as the run left them).
 */
import { cpuOf } from '../support.js';
import pg from 'pg';
import { ingestRecords } from '../../src/modules/catalog/index.js';
import { aBook, asInput } from '../../test/catalog/records.js';
import { anAccount, type TestAccount } from '../../test/support/accounts.js';
import { databaseUrl, figure, load, note, rng, withAdmin } from '../search/common.js';
import { benchDatabase, borrowers, collectPlans, explainEverything, lenders, lendingHistory, networkApp } from './network.js';

const lifecycles = Number(process.argv[2] ?? 150);
const warmUp = Number(process.argv[3] ?? 20);
const random = rng(17);
const titles = 60;
/** Loan life cycles run before the measurement, as a network's history (`--history=N`, default 300). */
const historyCount = Number(process.argv.find((a) => a.startsWith('--history='))?.slice(10) ?? 300);
const explain = process.argv.includes('--explain');
let plans: string[] | undefined;
if (explain) collectPlans(() => plans);

let statements = 0;
let begins = 0;
let commitsWith = 0;
const original = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  const first = args[0];
  const text = typeof first === 'string' ? first : ((first as { text?: string } | undefined)?.text ?? '');
  statements++;
  // PostgresDb sends BEGIN in front of a transaction's first statement (one round trip): counted here as a transaction.
  if (/^\s*BEGIN/i.test(text) || (first as { begins?: boolean } | undefined)?.begins) begins++;
  // …and COMMIT after its last (PostgresDb.queryAndCommit): no round trip of its own either, so `statements` counts round trips.
  if ((first as { commits?: boolean } | undefined)?.commits) commitsWith++;
  return (original as (...a: unknown[]) => unknown).apply(this, args);
} as typeof pg.Client.prototype.query;


const name = benchDatabase('cpu');
await withAdmin(async (c) => {
  await c.query(`CREATE DATABASE ${name}`);
  if (explain) await explainEverything(c, name);
});
try {
  const t = await networkApp(databaseUrl(name), random);
  try {
    for (let n = 0; n < titles; n++) {
      for (const library of lenders.slice(n % 60, (n % 60) + 3)) {
        await ingestRecords(t.db, { library, records: [asInput(aBook({ id: `${library}-${n}`, title: `Measured title ${n}`, isbn: `97871000${String(n).padStart(4, '0')}`, holding: { library, barcode: `${library}-B${n}` } }))], via: 'bench' });
      }
    }
    const clusters = (await t.db.query<{ id: number }>('SELECT DISTINCT cluster_id AS id FROM holdings WHERE cluster_id IS NOT NULL ORDER BY 1')).rows.map((r) => Number(r.id));
    const lending = new Map<string, TestAccount>();
    for (const s of lenders) lending.set(s, await anAccount(t, { role: 'library-staff', library: s, permissions: ['lending'] }));
    const desk = await anAccount(t, { role: 'library-staff', library: borrowers[0]!, permissions: ['borrowing'] });
    // A reader asks for each title once: a request for a title the reader asked for lately would be refused as a duplicate.
    const readers: TestAccount[] = [];
    for (let r = 0; r < Math.ceil((lifecycles + warmUp) / clusters.length) + 1; r++) readers.push(await anAccount(t, { role: 'reader', library: borrowers[0]! }));
    // Tables and statistics of a network that has been lending (network.ts): the plans then are a live deployment's.
    const history = await lendingHistory(t, clusters, historyCount);
    await t.db.query('VACUUM ANALYZE');

    const call = async (url: string, who: TestAccount, body: object = {}): Promise<Record<string, unknown>> => {
      const res = await t.app.inject({ method: 'POST', url: `/api/v1${url}`, headers: { ...who.headers, 'accept-language': 'en' }, payload: body });
      if (res.statusCode >= 300) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 300)}`);
      return res.json() as Record<string, unknown>;
    };
    let next = 0;
    const lifecycle = async (): Promise<void> => {
      for (;;) {
        const i = next++;
        const reader = readers[Math.floor(i / clusters.length)]!;
        const placed = await call('/ill/requests', reader, { service: 'loan', clusterId: clusters[i % clusters.length], neededBy: '2099-01-01' });
        if (placed.state !== 'sent') continue;
        const id = placed.id as number;
        const supply = placed.lendingRequestId as number;
        const lender = lending.get(placed.lender as string)!;
        for (const a of ['will-supply', 'print-pull-slip', 'mark-picked']) await call(`/ill/supplier/${supply}/actions/${a}`, lender);
        await call(`/ill/supplier/${supply}/actions/ship`, lender, { dueDate: '2099-02-01' });
        await call(`/ill/requests/${id}/actions/receive`, desk);
        await call(`/ill/requests/${id}/actions/check-out`, desk, { dueDate: '2099-01-25' });
        await call(`/ill/requests/${id}/actions/return-from-reader`, desk);
        await call(`/ill/requests/${id}/actions/ship-back`, desk);
        const last = await call(`/ill/supplier/${supply}/actions/check-in`, lender);
        if (last.state !== 'completed') throw new Error(`check-in left ${String(last.state)}`);
        return;
      }
    };
    for (let i = 0; i < warmUp; i++) await lifecycle();
    const pids = (await withAdmin((c) => c.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE datname = $1 AND application_name = 'anylib'", [name]))).rows.map((r) => r.pid);
    const db0 = pids.map(cpuOf);
    const cpu0 = process.cpuUsage();
    statements = 0;
    begins = 0;
    commitsWith = 0;
    const start = performance.now();
    for (let i = 0; i < lifecycles; i++) await lifecycle();
    const elapsed = (performance.now() - start) / 1000;
    const cpu = process.cpuUsage(cpu0);
    // A backend the pool closed meanwhile (idle since the history's concurrent calls) counts nothing.
    const dbCpu = pids.reduce((sum, pid, i) => sum + Math.max(0, cpuOf(pid) - db0[i]!), 0);
    figure('ill_node_cpu_per_lifecycle', (cpu.user + cpu.system) / 1000 / lifecycles, 'ms');
    figure('ill_database_cpu_per_lifecycle', (dbCpu * 1000) / lifecycles, 'ms');
    figure('ill_statements_per_lifecycle', statements / lifecycles, 'statements');
    figure('ill_transactions_per_lifecycle', begins / lifecycles, 'transactions (BEGIN … COMMIT)');
    figure('ill_commits_with_last_statement_per_lifecycle', commitsWith / lifecycles, 'transactions');
    figure('ill_lifecycles_per_s_one_client', lifecycles / elapsed, 'lifecycles/s');
    note(`${lifecycles} life cycles after ${warmUp} to warm up and ${history} of history; ${pids.length} backends`);
    if (process.argv.includes('--plans')) {
      // How PostgreSQL planned the prepared statements (custom plans are made again at every call), on one pooled connection.
      const { rows } = await t.db.query<{ generic_plans: number; custom_plans: number; statement: string }>('SELECT generic_plans, custom_plans, statement FROM pg_prepared_statements ORDER BY custom_plans DESC');
      for (const r of rows) console.log(`plans generic ${String(r.generic_plans).padStart(5)} custom ${String(r.custom_plans).padStart(5)}  ${r.statement.replace(/\s+/g, ' ').slice(0, 100)}`);
    }
    if (explain) {
      plans = [];
      await lifecycle();
      for (const p of plans) console.log(`\n${p}`);
      plans = undefined;
    }
    figure('load_average', load(), '1/5/15min');
  } finally {
    await t.close();
  }
} finally {
  await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}
