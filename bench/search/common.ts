/**
 * Shared pieces of the search benchmarks (issue 4): databases of their own on the PostgreSQL
 * server, the server started from the sources, wrk with the Lua script of
 * ../shared/peers/peers.sh `zebra-query`, and the load average beside every figure.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { cpuOf, freePort, processesWhere, root } from '../support.js';

export const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export function databaseUrl(name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Runs `fn` with a client on the server's maintenance database. */
export function withAdmin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  return withClient(adminUrl, fn);
}

/** Runs `fn` with a client on database `url`, closed afterwards. */
export async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

export async function databaseExists(name: string): Promise<boolean> {
  return withAdmin(async (c) => (await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1);
}

export async function recreateDatabase(name: string): Promise<void> {
  await withAdmin(async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${name}`);
  });
}

/** "1.9/2.3/2.8": the 1, 5 and 15 minute load averages, printed beside every figure. */
export const load = (): string => loadavg().map((x) => x.toFixed(1)).join('/');

/** One figure per line, `name value unit`, as peers.sh prints them; the load beside it. */
export function figure(name: string, value: number | string, unit: string, withLoad = false): void {
  const v = typeof value === 'number' ? (Number.isInteger(value) ? String(value) : value.toFixed(1)) : value;
  console.log(`${name} ${v} ${unit}${withLoad ? `  (load ${load()})` : ''}`);
}

export const note = (s: string): void => console.error(`# ${s}`);

export interface Server {
  child: ChildProcess;
  url: string;
  stop(): Promise<void>;
}

/**
 * `anylib serve` on `databaseUrl`, run from the sources (tsx), so the benchmark measures the
 * working tree without a build; after loading, the code is the same JavaScript a build makes.
 */
export async function startAnylib(dbUrl: string, timeoutMs = 120_000, serverRoot = root): Promise<Server> {
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'anylib-bench-search-'));
  // ANYLIB_BENCH_CPU_PROF=<dir>: the server writes a V8 CPU profile there when it stops (bench/profile-summary.ts reads it).
  const profile = process.env.ANYLIB_BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', path.resolve(process.env.ANYLIB_BENCH_CPU_PROF)] : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', path.join(serverRoot, 'bench/search/server.ts')], {
    cwd: serverRoot,
    env: { ...process.env, DATABASE_URL: dbUrl, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', ANYLIB_DATA_DIR: dataDir, ANYLIB_SECRET: 'bench-search-secret-0123456789abcdefghijkl', ANYLIB_DEMO: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out = (out + d).slice(-20_000)));
  child.stderr!.on('data', (d) => (out = (out + d).slice(-20_000)));
  const url = `http://127.0.0.1:${port}`;
  const t0 = performance.now();
  const stop = async (): Promise<void> => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  while (performance.now() - t0 < timeoutMs) {
    if (child.exitCode !== null) throw new Error(`anylib serve exited with ${child.exitCode}:\n${out}`);
    if (await fetch(`${url}/readyz`).then((r) => r.ok, () => false)) return { child, url, stop };
    await new Promise((r) => setTimeout(r, 50));
  }
  await stop();
  throw new Error(`anylib serve not ready after ${timeoutMs} ms:\n${out}`);
}

export interface WrkResult {
  p50: number;
  p95: number;
  p99: number;
  qps: number;
  requests: number;
  errors: number;
  non2xx: number;
  load: string;
  /** CPU milliseconds per answered query of each watched process group (server, its database backends, Zebra). */
  cpuPerQuery: Record<string, number>;
}

/**
 * Processes whose CPU a load run reports per query, by name: asked before and after the run, a
 * process seen only after it started during the run and counts whole (a pool's new connection).
 */
export type Watched = Record<string, () => number[]>;

/** The PostgreSQL backends serving one database ("postgres: [15/main: ]user database host(port) state"). */
export const backendsOf = (database: string) => (): number[] =>
  processesWhere((p) => /^postgres: (?:\S+: )?\S+ (\S+) /.exec(p.cmdline)?.[1] === database);

/** A process and every process of its session (zebrasrv's children, started with setsid). */
export const sessionOf = (pid: number) => (): number[] => processesWhere((p) => p.pid === pid || p.session === pid);

/**
 * wrk over these URL paths, round robin from a different start per thread: the Lua of peers.sh
 * `zebra-query` (2 threads, `connections` connections, --timeout 30s), so Zebra and Anylib are
 * loaded the same way.
 */
export async function runWrk(base: string, paths: readonly string[], connections: number, seconds: number, watched: Watched = {}): Promise<WrkResult> {
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-wrk-'));
  try {
    const lua = (s: string) => JSON.stringify(s);
    writeFileSync(path.join(dir, 'paths.lua'), `paths = {\n${paths.map(lua).join(',\n')}\n}\n`);
    writeFileSync(
      path.join(dir, 'load.lua'),
      `dofile(${lua(path.join(dir, 'paths.lua'))})
local counter = 0
local tid = 0
setup = function(thread) thread:set("tid", tid); tid = tid + 1 end
init = function(args) counter = tid * 37 end
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1])
end
done = function(summary, latency, requests)
  local s = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format("RESULT %.3f %.3f %.3f %.2f %d %d %d\\n", latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, summary.requests / s, summary.requests, e.connect + e.read + e.write + e.timeout, e.status))
end
`,
    );
    const threads = Math.min(Number(process.env.WRK_THREADS ?? 2), connections);
    const before = load();
    const groups = Object.entries(watched).map(([name, pids]) => ({ name, pids, before: new Map(pids().map((pid) => [pid, cpuOf(pid)])) }));
    const out = await new Promise<string>((resolve, reject) => {
      const c = spawn('wrk', ['-t', String(threads), '-c', String(connections), '-d', `${seconds}s`, '--timeout', '30s', '-s', path.join(dir, 'load.lua'), base], { stdio: ['ignore', 'pipe', 'pipe'] });
      let o = '';
      c.stdout.on('data', (d) => (o += d));
      c.stderr.on('data', (d) => (o += d));
      c.on('error', reject);
      c.on('exit', (code) => (code === 0 ? resolve(o) : reject(new Error(`wrk exited with ${code}: ${o}`))));
    });
    const m = /RESULT (\S+) (\S+) (\S+) (\S+) (\d+) (\d+) (\d+)/.exec(out);
    if (!m) throw new Error(`wrk printed no result:\n${out}`);
    const requests = Number(m[5]);
    const cpuPerQuery = Object.fromEntries(groups.map((g) => {
      const used = new Set([...g.before.keys(), ...g.pids()]);
      const seconds = [...used].reduce((sum, pid) => sum + Math.max(0, cpuOf(pid) - (g.before.get(pid) ?? 0)), 0);
      return [g.name, (seconds * 1000) / Math.max(1, requests)];
    }));
    return { p50: Number(m[1]), p95: Number(m[2]), p99: Number(m[3]), qps: Number(m[4]), requests, errors: Number(m[6]), non2xx: Number(m[7]), load: `${before} → ${load()}`, cpuPerQuery };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Seeded PRNG (mulberry32): the same corpus and queries on every run. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export function percentile(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}
