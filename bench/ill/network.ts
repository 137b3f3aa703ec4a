/**
 * The ILL benchmarks' network: 100 libraries in 9 cities of 8 provinces, all lending, the first
 * 10 borrowing only (they hold nothing in the benchmarks' catalogues), 4 alliances and a few
 * agreements (library pairs and alliance pairs), loaded through the directory's import API.
 */
import { migrate } from '../../src/platform/db/index.js';
import { PostgresDb } from '../../src/platform/db/postgres-db.js';
import { loadConfig } from '../../src/platform/config.js';
import { buildAnylibApp } from '../../src/app/build.js';
import { JobQueue } from '../../src/platform/jobs/index.js';
import { aLibrary, anAlliance, loadDirectory } from '../../test/network/factories.js';
import type { TestApp } from '../../test/support/app.js';

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
