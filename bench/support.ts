/** Shared pieces of the benchmarks: starting a real `anylib serve` and waiting for it. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import http from 'node:http';
import net from 'node:net';

export const root = path.resolve(import.meta.dirname, '..');

export function tempDir(prefix: string): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

/** CPU seconds (user + system) a process has used, from /proc (clock ticks of 10 ms); 0 once it ended. */
export function cpuOf(pid: number): number {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return 0;
  }
}

/** The processes of this machine for which `test(pid, cmdline, sessionId)` holds (ones that end meanwhile are skipped). */
export function processesWhere(test: (p: { pid: number; cmdline: string; session: number }) => boolean): number[] {
  const out: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const cmdline = readFileSync(`/proc/${name}/cmdline`, 'utf8').replaceAll('\0', ' ');
      const session = Number(readFileSync(`/proc/${name}/stat`, 'utf8').split(') ')[1]!.split(' ')[3]);
      if (test({ pid: Number(name), cmdline, session })) out.push(Number(name));
    } catch {
      // ended while we looked
    }
  }
  return out;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

export interface Started {
  child: ChildProcess;
  url: string;
  /** Milliseconds from spawning the process to the first `GET /readyz` answered 200. */
  readyMs: number;
  output: () => string;
}

/** Spawns the built server (`node bin/anylib.js serve`) and polls /readyz every 10 ms. */
export async function startServer(env: Record<string, string>, timeoutMs = 60_000): Promise<Started> {
  const port = Number(env.PORT ?? (await freePort()));
  const t0 = performance.now();
  const child = spawn(process.execPath, [path.join(root, 'bin/anylib.js'), 'serve'], {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const url = `http://127.0.0.1:${port}`;
  while (performance.now() - t0 < timeoutMs) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${out}`);
    const ok = await fetch(`${url}/readyz`).then((r) => r.ok, () => false);
    if (ok) return { child, url, readyMs: performance.now() - t0, output: () => out };
    await new Promise((r) => setTimeout(r, 10));
  }
  child.kill('SIGKILL');
  throw new Error(`server not ready after ${timeoutMs} ms:\n${out}`);
}

export async function stopServer(s: Started): Promise<void> {
  if (s.child.exitCode !== null) return;
  const exited = new Promise((r) => s.child.once('exit', r));
  s.child.kill('SIGTERM');
  await exited;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}

/** One figure per line: `name value unit`, the format peers/peers.sh prints too. */
export function figure(name: string, value: number, unit: string): void {
  console.log(`${name} ${Number.isInteger(value) ? value : value.toFixed(1)} ${unit}`);
}

/**
 * A load generator's POST with a JSON body, over kept-alive connections of `agent`. The client
 * shares the machine's two cores with the server and the database: `fetch` (undici's full Fetch
 * machinery) cost the ILL benchmark's clients ≈ 13 ms of CPU per loan life cycle, a fifth of all
 * the machine did, so the figures measured the client as much as the server.
 */
export function postJson(agent: http.Agent, url: string, headers: Record<string, string>, body: object): Promise<{ status: number; json: Record<string, unknown> }> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', agent, headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        try {
          resolve({ status: res.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown> });
        } catch (err) {
          reject(err as Error);
        }
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(payload);
  });
}
