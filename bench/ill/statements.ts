/**
 * What one loan life cycle asks of the database, call by call: every statement the application
 * sends (node-postgres' Client.query, so pool, transactions and BEGIN/COMMIT all count) while the
 * ten HTTP calls of bench/ill/lifecycle.ts run through `app.inject` in this process. No timing:
 * the counts are what to cut, and they do not depend on the machine's load.
 *
 * On the PostgreSQL server of DATABASE_URL, in a new database `anylib_bench_ill_stmts_<time>`
 * dropped at the end; the network of network.ts and a few titles ingested at 3 lenders each.
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/ill/statements.ts [lifecycles=3] [--sql] [--keep] [--explain]
 * Prints per call: statements (round trips), transactions (BEGIN), and with --sql the statements themselves
 * (first 110 characters); then `name value unit` lines per life cycle. With --explain, every
 * statement of the last life cycle with its plan as executed (auto_explain, ANALYZE and BUFFERS,
 * sent to the client as a notice): where the backend spends its time, statement by statement.
 */
import pg from 'pg';
import { ingestRecords } from '../../src/modules/catalog/index.js';
import { aBook, asInput } from '../../test/catalog/records.js';
import { anAccount, type TestAccount } from '../../test/support/accounts.js';
import { databaseUrl, figure, note, rng, withAdmin } from '../search/common.js';
import { benchDatabase, borrowers, collectPlans, explainEverything, lenders, networkApp } from './network.js';

const lifecycles = Number(process.argv[2] ?? 3);
const showSql = process.argv.includes('--sql');
/** Keep the database afterwards (to look at its rows): `--keep`. */
const keep = process.argv.includes('--keep');
const random = rng(11);
/** Plans as executed, of the last life cycle: `--explain`. */
const explain = process.argv.includes('--explain');
let plans: string[] | undefined;
if (explain) collectPlans(() => plans);

let log: string[] | undefined;
const original = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  const first = args[0];
  const text = typeof first === 'string' ? first : (first as { text?: string } | undefined)?.text ?? '?';
  // BEGIN sent in front of a transaction's first statement (PostgresDb) is shown, and counted, as its own line.
  if ((first as { begins?: boolean } | undefined)?.begins) log?.push('(BEGIN, in the same round trip)');
  log?.push(text.replace(/\s+/g, ' ').trim());
  // COMMIT sent after a transaction's last statement (PostgresDb.queryAndCommit) likewise.
  if ((first as { commits?: boolean } | undefined)?.commits) log?.push('(COMMIT, in the same round trip)');
  return (original as (...a: unknown[]) => unknown).apply(this, args);
} as typeof pg.Client.prototype.query;

const name = benchDatabase('stmts');
await withAdmin(async (c) => {
  await c.query(`CREATE DATABASE ${name}`);
  if (explain) await explainEverything(c, name);
});
try {
  const t = await networkApp(databaseUrl(name), random);
  try {
    for (let n = 0; n < 20; n++) {
      for (const library of lenders.slice(n % 30, (n % 30) + 3)) {
        await ingestRecords(t.db, { library, records: [asInput(aBook({ id: `${library}-${n}`, title: `Counted title ${n}`, isbn: `97870000${String(n).padStart(4, '0')}`, holding: { library, barcode: `${library}-B${n}` } }))], via: 'bench' });
      }
    }
    const clusters = (await t.db.query<{ id: number }>('SELECT DISTINCT cluster_id AS id FROM holdings WHERE cluster_id IS NOT NULL ORDER BY 1')).rows.map((r) => Number(r.id));
    const lending = new Map<string, TestAccount>();
    for (const s of lenders.slice(0, 40)) lending.set(s, await anAccount(t, { role: 'library-staff', library: s, permissions: ['lending'] }));
    const desk = await anAccount(t, { role: 'library-staff', library: borrowers[0]!, permissions: ['borrowing'] });
    const reader = await anAccount(t, { role: 'reader', library: borrowers[0]! });

    const perCall = new Map<string, { statements: number; transactions: number; sql: string[] }>();
    const call = async (step: string, url: string, who: TestAccount, body: object = {}): Promise<Record<string, unknown>> => {
      log = [];
      const res = await t.app.inject({ method: 'POST', url: `/api/v1${url}`, headers: { ...who.headers, 'accept-language': 'en' }, payload: body });
      const sql = log;
      log = undefined;
      if (res.statusCode >= 300) throw new Error(`${step}: ${res.statusCode} ${res.body.slice(0, 300)}`);
      const c = perCall.get(step) ?? { statements: 0, transactions: 0, sql };
      const begins = sql.filter((s) => /^\(?BEGIN/i.test(s));
      // A statement is a round trip: BEGIN sent with the first statement, or COMMIT with the last, is not one of its own.
      c.statements += sql.length - sql.filter((s) => s.startsWith('(')).length;
      c.transactions += begins.length;
      perCall.set(step, c);
      return res.json() as Record<string, unknown>;
    };
    let done = 0;
    for (let i = 0; done < lifecycles && i < clusters.length; i++) {
      if (explain && done === lifecycles - 1) plans = [];
      const placed = await call('request', '/ill/requests', reader, { service: 'loan', clusterId: clusters[i], neededBy: '2099-01-01' });
      if (placed.state !== 'sent') continue;
      const id = placed.id as number;
      const supply = placed.lendingRequestId as number;
      const lender = lending.get(placed.lender as string)!;
      for (const a of ['will-supply', 'print-pull-slip', 'mark-picked']) await call(a, `/ill/supplier/${supply}/actions/${a}`, lender);
      await call('ship', `/ill/supplier/${supply}/actions/ship`, lender, { dueDate: '2099-02-01' });
      await call('receive', `/ill/requests/${id}/actions/receive`, desk);
      await call('check-out', `/ill/requests/${id}/actions/check-out`, desk, { dueDate: '2099-01-25' });
      await call('return-from-reader', `/ill/requests/${id}/actions/return-from-reader`, desk);
      await call('ship-back', `/ill/requests/${id}/actions/ship-back`, desk);
      const last = await call('check-in', `/ill/supplier/${supply}/actions/check-in`, lender);
      if (last.state !== 'completed') throw new Error(`check-in left ${String(last.state)}`);
      done++;
    }
    let statements = 0;
    let transactions = 0;
    for (const [step, c] of perCall) {
      statements += c.statements;
      transactions += c.transactions;
      console.log(`${step.padEnd(20)} ${(c.statements / done).toFixed(1)} statements, ${(c.transactions / done).toFixed(1)} transactions`);
      if (showSql) for (const s of c.sql) console.log(`    ${s.slice(0, 110)}`);
    }
    if (plans) for (const p of plans) console.log(`\n${p}`);
    figure('ill_statements_per_lifecycle', statements / done, 'statements');
    figure('ill_transactions_per_lifecycle', transactions / done, 'transactions (BEGIN … COMMIT)');
    note(`${done} life cycles`);
  } finally {
    await t.close();
  }
} finally {
  if (keep) note(`kept database ${name}`);
  else await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}
