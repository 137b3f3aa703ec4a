/**
 * Issue 2 figure: GET /api/v1/libraries/{symbol} on PostgreSQL with 8 concurrent clients
 * (autocannon): ≥ 2,000 requests/s, p95 ≤ 10 ms. Run after `npm run build`:
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/directory.ts [seconds]
 * The script creates a fresh database on that server, loads the demo network into it, and drops it.
 */
import autocannon from 'autocannon';
import pg from 'pg';
import { figure, percentile, startServer, stopServer } from './support.js';

const seconds = Number(process.argv[2] ?? 15);
const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const dbName = `anylib_bench_${Date.now()}`;
const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`CREATE DATABASE ${dbName}`);
const url = new URL(adminUrl);
url.pathname = `/${dbName}`;

const server = await startServer({ DATABASE_URL: url.toString(), ANYLIB_DEMO: '1' });
try {
  const list = (await (await fetch(`${server.url}/api/v1/libraries?limit=200`)).json()) as { items: { symbol: string }[] };
  const symbols = list.items.map((l) => l.symbol);
  if (!symbols.length) throw new Error('no libraries to ask for');

  // Warm up the pool and the JIT before measuring.
  await autocannon({ url: server.url, connections: 8, duration: 2, requests: [{ path: `/api/v1/libraries/${encodeURIComponent(symbols[0]!)}` }] });

  const latencies: number[] = [];
  let i = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: server.url,
        connections: 8,
        duration: seconds,
        requests: [{ setupRequest: (req) => ({ ...req, path: `/api/v1/libraries/${encodeURIComponent(symbols[i++ % symbols.length]!)}` }) }],
      },
      (err, r) => (err ? reject(err) : resolve(r)),
    );
    instance.on('response', (_client, _status, _bytes, ms) => latencies.push(ms));
  });
  figure('directory-get-library-requests', result.requests.average, 'req/s');
  figure('directory-get-library-p50', percentile(latencies, 50), 'ms');
  figure('directory-get-library-p95', percentile(latencies, 95), 'ms');
  figure('directory-get-library-non-2xx', result.non2xx, 'responses');
} finally {
  await stopServer(server);
  await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await admin.end();
}
