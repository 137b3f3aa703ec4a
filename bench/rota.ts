/**
 * Issue 5 figure, the pure part: the rota for one request over 100 candidate libraries (the
 * issue's "100 libraries"), each with a few items, a lending policy, closed days and statistics,
 * and a handful of agreements. The target for the whole rota (with its database reads) is
 * ≤ 5 ms p95; the pure function should take well under 1 ms.
 *   npx tsx bench/rota.ts [iterations]
 * Prints `name value unit` lines (microseconds): wall-clock percentiles and the mean CPU time.
 */
import { loadavg } from 'node:os';
import { buildRota } from '../src/modules/ill/domain/rota/rota.js';
import type { Agreement, Candidate, RotaItem, RotaRequest } from '../src/modules/ill/domain/rota/types.js';
import { figure, percentile } from './support.js';

const iterations = Number(process.argv[2] ?? 20_000);

/** A small deterministic generator (LCG), so every run measures the same network. */
let seed = 42;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;

const provinces = ['CN-JS', 'CN-SH', 'CN-ZJ', 'CN-BJ', 'CN-GD', 'CN-SN', 'CN-SC', 'CN-HB'];
const cities = ['南京', '苏州', '上海', '杭州', '北京', '广州', '西安', '成都', '武汉'];
const alliances = ['JALIS', 'CALIS', 'NSTL', 'SHALIS', 'ZADL', 'CASHL'];
const statuses: RotaItem['status'][] = ['available', 'available', 'on-loan', 'reference-only', 'in-transit', 'missing'];

const candidates: Candidate[] = Array.from({ length: 100 }, (_, i) => ({
  symbol: `CN-${String(100_000 + i)}`,
  province: pick(provinces),
  city: pick(cities),
  alliances: alliances.filter(() => random() < 0.3),
  coordinates: { lat: 20 + random() * 25, lon: 100 + random() * 22 },
  items: Array.from({ length: 1 + Math.floor(random() * 3) }, (_, j) => ({
    id: `i${i}-${j}`,
    status: pick(statuses),
    dueDate: `2027-0${3 + Math.floor(random() * 3)}-1${Math.floor(random() * 9)}`,
    sameEdition: random() < 0.8,
  })),
  policy: { lendsReturnables: random() < 0.9, suppliesCopies: true, excludedMaterialTypes: random() < 0.1 ? ['book'] : [], fees: { currency: 'CNY', loan: Math.floor(random() * 30), copyPerPage: 0.5 } },
  closedDays: random() < 0.1 ? [{ from: '2027-03-01', to: '2027-03-20' }] : [],
  stats: { lent: Math.floor(random() * 1000), borrowed: Math.floor(random() * 1000), received: 200, filled: Math.floor(random() * 200), turnaroundDays: random() * 10 },
}));

const agreements: Agreement[] = [
  { code: 'JALIS-NSTL', parties: [{ alliance: 'JALIS' }, { alliance: 'NSTL' }], subsidyRate: 0.5, turnaroundDays: 3, validFrom: '2026-01-01' },
  { code: 'CALIS', parties: [{ alliance: 'CALIS' }, { alliance: 'CASHL' }], feesWaived: true, validFrom: '2026-01-01' },
  { code: 'ZADL-SHALIS', parties: [{ alliance: 'ZADL' }, { alliance: 'SHALIS' }], subsidyRate: 0.3, validFrom: '2026-01-01', validTo: '2028-12-31' },
];

const request: RotaRequest = {
  service: 'either',
  materialType: 'book',
  edition: 'any',
  neededBy: '2027-04-15',
  borrower: { symbol: 'CN-100007', province: 'CN-JS', city: '南京', alliances: ['JALIS', 'CALIS'], coordinates: { lat: 32.06, lon: 118.8 } },
  tried: ['CN-100011', 'CN-100012'],
};

const now = '2027-03-10T02:00:00Z';
for (let i = 0; i < 2_000; i++) buildRota(request, candidates, agreements, { now }); // warm up the JIT

const times: number[] = [];
let ranked = 0;
const cpu0 = process.cpuUsage();
for (let i = 0; i < iterations; i++) {
  const t0 = performance.now();
  const r = buildRota(request, candidates, agreements, { now });
  times.push((performance.now() - t0) * 1000);
  ranked = r.ranked.length;
}
const cpu = process.cpuUsage(cpu0);

figure('rota_100_candidates_ranked', ranked, 'libraries');
figure('rota_100_candidates_p50', percentile(times, 50), 'us');
figure('rota_100_candidates_p95', percentile(times, 95), 'us');
figure('rota_100_candidates_p99', percentile(times, 99), 'us');
// CPU time of this process per rota: what the rota costs whatever else the machine is doing.
figure('rota_100_candidates_cpu_mean', (cpu.user + cpu.system) / iterations, 'us');
// Tail figures on a busy machine measure the scheduler, not the rota: print the load beside them.
figure('load_average_1min', loadavg()[0]!, 'processes');
