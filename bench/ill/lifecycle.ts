/**
 * Issue 5 figure: full loan life cycles through the HTTP API, 8 clients (target ≥ 200 life
 * cycles/s). On the PostgreSQL server of DATABASE_URL, in a new database
 * `anylib_bench_ill_<time>` dropped at the end: the directory of network.ts (100 libraries in
 * 8 provinces, 10 borrowing libraries that hold nothing, 90 lenders, alliances, agreements),
 * `titles` titles ingested through the catalogue at 3–6 lenders each (so the rota reads real holdings and availability), readers,
 * borrowing and lending staff with API tokens, and a lending history: `history` loan life cycles
 * completed before the run (network.ts `lendingHistory`; 0 starts from empty ILL tables, as the
 * figures before session 9 did). Then the real server (`anylib serve`, from the
 * sources as bench/search does) and `clients` clients, each running life cycles one after the
 * other for `seconds`:
 *   request → will-supply → pull slip → picked → ship → receive → check out → return from reader
 *   → ship back → check in (completed on both sides): ten HTTP calls.
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/ill/lifecycle.ts [seconds] [clients] [titles] [history=400] [--node-http]
 * Each client is one kept-alive connection (lean-client.ts: the clients share the cores, so their CPU
 * counts; each answer's status is checked, and the bodies whose data a client uses are parsed);
 * `--node-http`: node:http's client with a keep-alive Agent, every answer parsed, as before session 12.
 * Prints `name value unit`: life cycles/s, p50/p95 per call and over all calls, the load average.
 * The history's steps are followed (notices, fees) before the server starts, as a running
 * deployment's are; the server's own rounds (every 15 s) follow the run's steps, and the `…_followed`
 * figures count the CPU until they have caught up with every step of the run: the life cycle's whole
 * cost, its notices and charges included (issue 5, session 11).
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { cpuOf, postJson } from '../support.js';
import { LeanClient } from './lean-client.js';
import { ingestRecords } from '../../src/modules/catalog/index.js';
import { followFees } from '../../src/modules/ill/index.js';
import { followEvents } from '../../src/modules/ill/notices/follower.js';
import { aBook, asInput } from '../../test/catalog/records.js';
import { anAccount, type TestAccount } from '../../test/support/accounts.js';
import { databaseUrl, figure, load, note, percentile, rng, startAnylib, withAdmin, withClient } from '../search/common.js';
import { benchDatabase, borrowers, lenders, lendingHistory, networkApp, symbols } from './network.js';

/** The last history entry's id, on database `url`. */
function lastEventId(url: string): Promise<number> {
  return withClient(url, async (c) => Number((await c.query<{ id: string | null }>('SELECT max(id) AS id FROM ill_events')).rows[0]!.id ?? 0));
}

/** Whether the notices' or the fees' follower has not yet passed entry `id`. */
function cursorsBehind(url: string, id: number): Promise<boolean> {
  return withClient(url, async (c) => {
    const { rows } = await c.query<{ n: string }>("SELECT count(*) AS n FROM ill_event_cursor WHERE name IN ('notices', 'fees') AND last_event_id >= $1", [id]);
    return Number(rows[0]!.n) < 2;
  });
}

/** Seconds of system (kernel) CPU a process has used: sockets, waking others; `cpuOf` counts user and system together. */
function systemCpuOf(pid: number): number {
  try {
    return Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')[12]) / 100;
  } catch {
    return 0;
  }
}

const seconds = Number(process.argv[2] ?? 30);
const clients = Number(process.argv[3] ?? 8);
const titles = Number(process.argv[4] ?? 600);
/** Loan life cycles completed before the run, as the network's history (0: start from empty ILL tables, as before session 9). */
const historyCount = Number(process.argv[5] && !process.argv[5].startsWith('--') ? process.argv[5] : 400);
const nodeHttp = process.argv.includes('--node-http');
const random = rng(5);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;

/** An ISBN-13 with its check digit, so that the catalogue matches the copies on it. */
function isbn(n: number): string {
  const body = `978${String(7_000_000_00 + n).padStart(9, '0')}`;
  const sum = [...body].reduce((s, d, i) => s + Number(d) * (i % 2 ? 3 : 1), 0);
  return body + String((10 - (sum % 10)) % 10);
}


const name = benchDatabase();
await withAdmin((c) => c.query(`CREATE DATABASE ${name}`));
const url = databaseUrl(name);
note(`database ${name}; load ${load()}`);
try {
  // --- fixtures, in this process, through the services and the API as tests make them ---
  const t = await networkApp(url, random);
  const { db } = t;
  const t0 = performance.now();
  const byLibrary = new Map<string, ReturnType<typeof asInput>[]>();
  let copies = 0;
  for (let n = 0; n < titles; n++) {
    const holders = new Set<string>();
    const want = 3 + Math.floor(random() * 4);
    while (holders.size < want) holders.add(pick(lenders));
    for (const library of holders) {
      const list = byLibrary.get(library) ?? [];
      list.push(asInput(aBook({ id: `${library}-${n}`, title: `Bench title number ${n} of the loan life cycle`, author: `Author ${n % 97}`, isbn: isbn(n), year: 1950 + (n % 70), holding: { library, barcode: `${library}-B${n}` } })));
      byLibrary.set(library, list);
      copies++;
    }
  }
  for (const [library, records] of byLibrary) await ingestRecords(db, { library, records, via: 'bench' });
  const clusterIds = (await db.query<{ id: string }>('SELECT DISTINCT cluster_id AS id FROM holdings WHERE cluster_id IS NOT NULL')).rows.map((r) => Number(r.id));
  note(`ingested ${copies} records (${clusterIds.length} clusters) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const lending = new Map<string, TestAccount>();
  for (const s of lenders) lending.set(s, await anAccount(t, { role: 'library-staff', library: s, permissions: ['lending'] }));
  const borrowing = new Map<string, TestAccount>();
  for (const s of borrowers) borrowing.set(s, await anAccount(t, { role: 'library-staff', library: s, permissions: ['borrowing'] }));
  // Each client has its own readers, so no reader ever has two requests open for one title.
  const readers: { library: string; account: TestAccount }[][] = [];
  for (let c = 0; c < clients; c++) {
    readers.push([]);
    for (let r = 0; r < 5; r++) {
      const library = borrowers[(c * 5 + r) % borrowers.length]!;
      readers[c]!.push({ library, account: await anAccount(t, { role: 'reader', library }) });
    }
  }
  // Tables and statistics of a network that has been lending (network.ts): the plans the server's
  // connections make in the warm-up are then a live deployment's, not those of empty tables.
  const history = await lendingHistory(t, clusterIds, historyCount);
  note(`lending history: ${history} loan life cycles`);
  // A running deployment has followed its history: the server's rounds then follow only the run's steps.
  await followEvents(db, { lagMs: 0 });
  await followFees(db, { lagMs: 0 });
  await db.query('VACUUM ANALYZE');
  await t.close();

  // --- the real server, and the clients ---
  const server = await startAnylib(url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
  const lean = Array.from({ length: clients }, () => new LeanClient('127.0.0.1', Number(new URL(server.url).port)));
  try {
    const times = new Map<string, number[]>();
    let failures = 0;
    let unsourced = 0;
    const headerLines = new Map<TestAccount, string>();
    const linesOf = (who: TestAccount): string => {
      let lines = headerLines.get(who);
      if (lines === undefined) {
        lines = Object.entries({ ...who.headers, 'accept-language': 'en' }).map(([k, v]) => `${k}: ${v}\r\n`).join('');
        headerLines.set(who, lines);
      }
      return lines;
    };
    /** One call of client `c`; its answer parsed only when `use` (its data is read) or when it failed. */
    const call = async (c: number, step: string, path: string, who: TestAccount, body: object = {}, use = false): Promise<Record<string, unknown>> => {
      const s = performance.now();
      let status: number;
      let json: Record<string, unknown> | undefined;
      if (nodeHttp) {
        ({ status, json } = await postJson(agent, `${server.url}/api/v1${path}`, { ...who.headers, 'accept-language': 'en' }, body));
      } else {
        const a = await lean[c]!.post(`/api/v1${path}`, linesOf(who), JSON.stringify(body));
        status = a.status;
        if (use || status >= 300) json = JSON.parse(a.body.toString('utf8')) as Record<string, unknown>;
      }
      const ms = performance.now() - s;
      if (status >= 300) throw new Error(`${step} ${path}: ${status} ${JSON.stringify(json).slice(0, 300)}`);
      (times.get(step) ?? times.set(step, []).get(step)!).push(ms);
      return json ?? {};
    };
    const lifecycle = async (c: number, i: number): Promise<boolean> => {
      const reader = readers[c]![i % readers[c]!.length]!;
      const placed = await call(c, 'request', '/ill/requests', reader.account, { service: 'loan', clusterId: pick(clusterIds), neededBy: '2099-01-01' }, true);
      if (placed.state !== 'sent') {
        unsourced++;
        return false;
      }
      const id = placed.id as number;
      const supply = placed.lendingRequestId as number;
      const lender = lending.get(placed.lender as string)!;
      const desk = borrowing.get(reader.library)!;
      await call(c, 'will-supply', `/ill/supplier/${supply}/actions/will-supply`, lender);
      await call(c, 'print-pull-slip', `/ill/supplier/${supply}/actions/print-pull-slip`, lender);
      await call(c, 'mark-picked', `/ill/supplier/${supply}/actions/mark-picked`, lender);
      await call(c, 'ship', `/ill/supplier/${supply}/actions/ship`, lender, { dueDate: '2099-02-01' });
      await call(c, 'receive', `/ill/requests/${id}/actions/receive`, desk);
      await call(c, 'check-out', `/ill/requests/${id}/actions/check-out`, desk, { dueDate: '2099-01-25' });
      await call(c, 'return-from-reader', `/ill/requests/${id}/actions/return-from-reader`, desk);
      await call(c, 'ship-back', `/ill/requests/${id}/actions/ship-back`, desk);
      const done = await call(c, 'check-in', `/ill/supplier/${supply}/actions/check-in`, lender, {}, true);
      if (done.state !== 'completed') throw new Error(`check-in left the loan ${String(done.state)}`);
      return true;
    };
    // Warm up (JIT, connection pools, plans), then measure.
    await Promise.all(Array.from({ length: clients }, (_, c) => lifecycle(c, 0)));
    times.clear();
    unsourced = 0;
    let completed = 0;
    const backends = async (): Promise<number[]> =>
      (await withAdmin((c) => c.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1', [name]))).rows.map((r) => r.pid);
    const pids = await backends();
    // What the database did: transactions and rows, and the tables written (statistics lag ≤ 0.5 s).
    const dbStats = () => withAdmin(async (c) => (await c.query<{ xact: string; ins: string; upd: string; fetched: string }>(
      'SELECT xact_commit + xact_rollback AS xact, tup_inserted AS ins, tup_updated AS upd, tup_fetched AS fetched FROM pg_stat_database WHERE datname = $1', [name])).rows[0]!);
    const stats0 = await dbStats();
    const server0 = cpuOf(server.child.pid!);
    const db0 = pids.map(cpuOf);
    const serverSys0 = systemCpuOf(server.child.pid!);
    const dbSys0 = pids.map(systemCpuOf);
    const cpu0 = process.cpuUsage();
    const start = performance.now();
    const end = start + seconds * 1000;
    await Promise.all(Array.from({ length: clients }, async (_, c) => {
      for (let i = 1; performance.now() < end; i++) {
        try {
          if (await lifecycle(c, i)) completed++;
        } catch (e) {
          if (++failures <= 5) note(String(e));
        }
      }
    }));
    const elapsed = (performance.now() - start) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const serverCpu = cpuOf(server.child.pid!) - server0;
    // Backends opened during the run are missed; the pool's connections were opened by the warm-up.
    const dbCpu = pids.reduce((sum, pid, i) => sum + cpuOf(pid) - db0[i]!, 0);
    const serverSys = systemCpuOf(server.child.pid!) - serverSys0;
    const dbSys = pids.reduce((sum, pid, i) => sum + systemCpuOf(pid) - dbSys0[i]!, 0);
    const all = [...times.values()].flat();
    await new Promise((r) => setTimeout(r, 1000));
    const stats1 = await dbStats();
    const per = (k: keyof typeof stats0) => (Number(stats1[k]) - Number(stats0[k])) / Math.max(1, completed);

    figure('ill_lifecycles_per_s', completed / elapsed, 'lifecycles/s', true);
    figure('ill_lifecycles_completed', completed, 'lifecycles');
    figure('ill_lifecycles_failed', failures, 'lifecycles');
    figure('ill_requests_without_lender', unsourced, 'requests');
    figure('ill_http_calls_per_s', all.length / elapsed, 'calls/s');
    figure('ill_http_call_p50', percentile(all, 50), 'ms');
    figure('ill_http_call_p95', percentile(all, 95), 'ms');
    for (const [step, xs] of times) {
      figure(`ill_${step.replaceAll('-', '_')}_p50`, percentile(xs, 50), 'ms');
      figure(`ill_${step.replaceAll('-', '_')}_p95`, percentile(xs, 95), 'ms');
    }
    // The clients' own CPU (HTTP, JSON) per life cycle: they share the two cores with the server.
    figure('ill_server_cpu_per_lifecycle', (serverCpu * 1000) / Math.max(1, completed), 'ms');
    figure('ill_database_cpu_per_lifecycle', (dbCpu * 1000) / Math.max(1, completed), 'ms');
    figure('ill_server_system_cpu_per_lifecycle', (serverSys * 1000) / Math.max(1, completed), 'ms (of which in the kernel)');
    figure('ill_database_system_cpu_per_lifecycle', (dbSys * 1000) / Math.max(1, completed), 'ms (of which in the kernel)');
    figure('ill_database_transactions_per_lifecycle', per('xact'), 'transactions');
    figure('ill_database_rows_written_per_lifecycle', per('ins') + per('upd'), 'rows');
    figure('ill_database_rows_fetched_per_lifecycle', per('fetched'), 'rows');
    figure('ill_client_cpu_per_lifecycle', (cpu.user + cpu.system) / 1000 / Math.max(1, completed), 'ms');
    note(`${symbols.length} libraries, ${clusterIds.length} clusters, ${copies} copies, ${clients} clients, ${seconds} s`);
    figure('load_average', load(), '1/5/15min');
    // The run's steps followed by the server's rounds (notices, fees): the CPU until both have caught up.
    const lastEvent = await lastEventId(url);
    // The pool closes idle backends and opens others for the rounds: every backend of the database is
    // watched while waiting, each counted from its CPU at the start (0 for one opened since) to the last seen.
    const watched = new Map(pids.map((pid, i) => [pid, { from: db0[i]!, last: db0[i]! }]));
    const watch = async () => {
      for (const pid of await backends()) if (!watched.has(pid)) watched.set(pid, { from: 0, last: 0 });
      for (const [pid, w] of watched) w.last = Math.max(w.last, cpuOf(pid));
    };
    const waitStart = performance.now();
    while (performance.now() - waitStart < 45_000 && (await cursorsBehind(url, lastEvent))) {
      await watch();
      await new Promise((r) => setTimeout(r, 250));
    }
    await watch();
    if (await cursorsBehind(url, lastEvent)) note('the followers had not caught up with the run after 45 s: the …_followed figures are short of their work');
    const followedDbCpu = [...watched.values()].reduce((sum, w) => sum + w.last - w.from, 0);
    figure('ill_server_cpu_per_lifecycle_followed', ((cpuOf(server.child.pid!) - server0) * 1000) / Math.max(1, completed), 'ms (with the notices and fees followers)');
    figure('ill_database_cpu_per_lifecycle_followed', (followedDbCpu * 1000) / Math.max(1, completed), 'ms (with the notices and fees followers)');
    const target = 200;
    console.log(`target ≥ ${target} lifecycles/s: ${completed / elapsed >= target ? 'met' : 'not met'}`);
  } finally {
    agent.destroy();
    for (const l of lean) l.close();
    await server.stop();
  }
} finally {
  await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}
