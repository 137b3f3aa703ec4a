/**
 * The ILL benchmarks' network: 100 libraries in 9 cities of 8 provinces, all lending, the first
 * 10 borrowing only (they hold nothing in the benchmarks' catalogues), 4 alliances and a few
 * agreements (library pairs and alliance pairs), loaded through the directory's import API.
 */
import pg from 'pg';
import { migrate } from '../../src/platform/db/index.js';
import { PostgresDb } from '../../src/platform/db/postgres-db.js';
import { loadConfig } from '../../src/platform/config.js';
import { buildAnylibApp } from '../../src/app/build.js';
import { JobQueue } from '../../src/platform/jobs/index.js';
import { aLibrary, anAlliance, loadDirectory } from '../../test/network/factories.js';
import type { TestApp } from '../../test/support/app.js';
import { anAccount, type TestAccount } from '../../test/support/accounts.js';

const places = [
  { province: 'CN-JS', city: { zh: '南京', en: 'Nanjing' }, lat: 32.06, lon: 118.78 },
  { province: 'CN-JS', city: { zh: '苏州', en: 'Suzhou' }, lat: 31.3, lon: 120.58 },
  { province: 'CN-SH', city: { zh: '上海', en: 'Shanghai' }, lat: 31.23, lon: 121.47 },
  { province: 'CN-ZJ', city: { zh: '杭州', en: 'Hangzhou' }, lat: 30.27, lon: 120.15 },
  { province: 'CN-BJ', city: { zh: '北京', en: 'Beijing' }, lat: 39.99, lon: 116.31 },
  { province: 'CN-GD', city: { zh: '广州', en: 'Guangzhou' }, lat: 23.13, lon: 113.26 },
  { province: 'CN-SN', city: { zh: '西安', en: "Xi'an" }, lat: 34.34, lon: 108.94 },
  { province: 'CN-SC', city: { zh: '成都', en: 'Chengdu' }, lat: 30.66, lon: 104.07 },
  { province: 'CN-HB', city: { zh: '武汉', en: 'Wuhan' }, lat: 30.59, lon: 114.31 },
] as const;

/**
 * The name of a benchmark's own database: `anylib_bench_ill[_kind]_<time>`, or with the prefix
 * of ANYLIB_BENCH_DB_PREFIX (helpers sharing one PostgreSQL server each name theirs).
 */
export function benchDatabase(kind?: string): string {
  const prefix = process.env.ANYLIB_BENCH_DB_PREFIX ?? 'anylib_bench_ill';
  if (!/^[a-z_][a-z0-9_]*$/.test(prefix)) throw new Error(`ANYLIB_BENCH_DB_PREFIX: not a plain database name: ${prefix}`);
  return `${prefix}${kind ? `_${kind}` : ''}_${Date.now()}`;
}

/**
 * auto_explain in every session opened on database `name` from now on: each statement's plan as
 * executed (ANALYZE, BUFFERS, the statements of functions and foreign-key checks too), sent to the
 * client as a notice — read them with `collectPlans`. A superuser's setting (the benchmarks' admin).
 */
export async function explainEverything(admin: pg.ClientBase, name: string): Promise<void> {
  for (const set of ["session_preload_libraries = 'auto_explain'", 'auto_explain.log_min_duration = 0', 'auto_explain.log_analyze = on',
    'auto_explain.log_buffers = on', 'auto_explain.log_nested_statements = on', "auto_explain.log_level = 'notice'"]) await admin.query(`ALTER DATABASE ${name} SET ${set}`);
}

/** Every notice of every node-postgres connection opened from now on goes to `into()`, while it gives a list. */
export function collectPlans(into: () => string[] | undefined): void {
  const connect = pg.Client.prototype.connect;
  pg.Client.prototype.connect = function (this: pg.Client, ...args: unknown[]) {
    this.on('notice', (n) => into()?.push(n.message ?? ''));
    return (connect as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof pg.Client.prototype.connect;
}

export const symbols = Array.from({ length: 100 }, (_, i) => `CN-L${String(i).padStart(3, '0')}`);
export const borrowers = symbols.slice(0, 10);
export const lenders = symbols.slice(10);

/**
 * Migrates the database at `url` and loads the network; returns the whole application in this
 * process (for fixtures made through services and the API) — close it with `t.close()`.
 */
export async function networkApp(url: string, random: () => number): Promise<TestApp> {
  const db = new PostgresDb(url, 4);
  await migrate(db);
  const config = { ...loadConfig({ ANYLIB_SECRET: 'bench-ill-secret-0123456789abcdefghijklmn', ANYLIB_DATA_DIR: '/tmp/anylib-bench-ill-unused' }), baseUrl: 'http://anylib.bench' };
  const jobs = new JobQueue(db);
  const app = await buildAnylibApp({ config, db, jobs });
  await app.ready();
  const t: TestApp = { app, db, jobs, config, close: async () => { await app.close(); await db.close(); } };
  const policy = { lendsReturnables: true, suppliesCopies: true, loanPeriodDays: 28, renewals: 1 };
  const alliances = ['BA', 'BB', 'BC', 'BD'];
  await loadDirectory(t, {
    libraries: symbols.map((symbol, i) => {
      const p = places[i % places.length]!;
      return aLibrary({
        symbol, province: p.province, city: p.city, coordinates: { lat: p.lat + random() * 0.2, lon: p.lon + random() * 0.2 },
        lendingPolicy: i % 17 === 5 ? { ...policy, fees: { currency: 'CNY', loan: 20 } } : policy,
        ...(i % 23 === 7 ? { closedDays: [{ from: '2000-01-01', to: '2099-12-31', reason: { zh: '闭馆装修', en: 'closed for building work' } }] } : {}),
      });
    }),
    alliances: alliances.map((code, a) => anAlliance({ code, members: symbols.filter((_, i) => i % 4 === a || i % 9 === a).map((library) => ({ library, role: 'member' as const })) })),
    agreements: [
      ...borrowers.slice(0, 5).map((b, i) => ({
        code: `BENCH-${i}`, name: { zh: `互借协议 ${i}`, en: `Reciprocal lending ${i}` }, parties: [{ library: b }, { library: lenders[i * 7]! }],
        feesWaived: true, turnaroundDays: 2, validFrom: '2020-01-01',
      })),
      { code: 'BA-BB', name: { zh: '联盟协议', en: 'Alliance agreement' }, parties: [{ alliance: 'BA' }, { alliance: 'BB' }], subsidyRate: 0.5, validFrom: '2020-01-01' },
    ],
  });
  return t;
}

/**
 * A network that has been lending: `count` loan life cycles run to completion in this process
 * (through the API, `concurrency` at a time), each by a reader of its own borrowing library on a
 * title of its own, lent by the library the rota picks. Run it before the benchmark's VACUUM
 * ANALYZE: the ILL tables then hold rows and statistics as a deployment's do after a while, so
 * the plans each pooled connection makes (and keeps) in its first seconds — of our statements and
 * of PostgreSQL's foreign-key checks — are those of a live network. Made on tables that are still
 * empty they scan whole tables (a sequential scan is the cheaper plan for a page or two), and the
 * run then pays for those scans on tables that grow by the second until autovacuum analyses them
 * (issue 5, session 9: the runs of one build had swung 9–48 life cycles/s).
 * Returns the life cycles completed (a request the rota finds no lender for is left as it is).
 */
export async function lendingHistory(t: TestApp, clusters: readonly number[], count: number, concurrency = 8): Promise<number> {
  const lending = new Map<string, TestAccount>();
  const lender = async (symbol: string): Promise<TestAccount> =>
    lending.get(symbol) ?? lending.set(symbol, await anAccount(t, { role: 'library-staff', library: symbol, permissions: ['lending'] })).get(symbol)!;
  const desks = new Map<string, TestAccount>();
  for (const b of borrowers) desks.set(b, await anAccount(t, { role: 'library-staff', library: b, permissions: ['borrowing'] }));
  const call = async (url: string, who: TestAccount, body: object = {}): Promise<Record<string, unknown>> => {
    const res = await t.app.inject({ method: 'POST', url: `/api/v1${url}`, headers: { ...who.headers, 'accept-language': 'en' }, payload: body });
    if (res.statusCode >= 300) throw new Error(`lending history ${url}: ${res.statusCode} ${res.body.slice(0, 300)}`);
    return res.json() as Record<string, unknown>;
  };
  let next = 0;
  let completed = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    for (let i = next++; i < count; i = next++) {
      const library = borrowers[i % borrowers.length]!;
      const reader = await anAccount(t, { role: 'reader', library });
      const placed = await call('/ill/requests', reader, { service: 'loan', clusterId: clusters[i % clusters.length], neededBy: '2099-01-01' });
      if (placed.state !== 'sent') continue;
      const id = placed.id as number;
      const supply = placed.lendingRequestId as number;
      const staff = await lender(placed.lender as string);
      for (const a of ['will-supply', 'print-pull-slip', 'mark-picked']) await call(`/ill/supplier/${supply}/actions/${a}`, staff);
      await call(`/ill/supplier/${supply}/actions/ship`, staff, { dueDate: '2099-02-01' });
      for (const a of ['receive', 'check-out', 'return-from-reader', 'ship-back']) await call(`/ill/requests/${id}/actions/${a}`, desks.get(library)!, a === 'check-out' ? { dueDate: '2099-01-25' } : {});
      await call(`/ill/supplier/${supply}/actions/check-in`, staff);
      completed++;
    }
  }));
  return completed;
}
