import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataDirInUseError, openDatabase, type LockInfo } from '../../src/platform/db/index.js';
import { kill, runToEnd, startServer, tempDir, type AnylibServer } from './support/anylib-process.js';

/**
 * One real `anylib serve` on an embedded data directory, and what other processes may and may
 * not do beside it (INTERFACES.md: a CLI command finds the server through the lock file). The
 * last test stops it.
 */
describe('anylib serve on an embedded data directory', () => {
  const cwd = tempDir();
  const dataDir = path.join(cwd, 'data');
  const lockPath = path.join(dataDir, 'anylib.lock');
  const env = { ANYLIB_DATA_DIR: dataDir, ANYLIB_DEMO: '0' };
  let server: AnylibServer;

  beforeAll(async () => {
    server = await startServer(env, cwd);
  });
  afterAll(async () => {
    await kill(server);
    rmSync(cwd, { recursive: true, force: true });
  });

  const readLockFile = () => JSON.parse(readFileSync(lockPath, 'utf8')) as LockInfo;

  it('advertises its address and a local token in the lock file, which only its owner may read', async () => {
    expect(statSync(lockPath).mode & 0o777).toBe(0o600);
    const lock = readLockFile();
    expect(lock).toMatchObject({ pid: server.pid, url: server.url, token: expect.any(String) });
    expect((await fetch(`${lock.url}/readyz`)).status).toBe(200);
    // The token makes a CLI command a network administrator of this server, and nothing else does.
    const asCli = await fetch(`${lock.url}/api/v1/jobs`, { headers: { authorization: `Bearer ${lock.token}` } });
    expect(asCli.status).toBe(200);
    const guessed = await fetch(`${lock.url}/api/v1/jobs`, { headers: { authorization: 'Bearer not-the-token' } });
    expect(guessed.status).toBe(401);
  });

  it('lets `anylib migrate` in another process see the server and leave the data directory alone', async () => {
    const { code, stdout } = await runToEnd(['migrate'], env, cwd);
    expect(code).toBe(0);
    expect(stdout).toMatch(/server is running/i);
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    expect(readLockFile().pid).toBe(server.pid);
  });

  it('refuses the data directory to anyone else, naming the server that holds it', async () => {
    let refused: unknown;
    try {
      openDatabase({ dataDir, databaseUrl: undefined });
    } catch (err) {
      refused = err;
    }
    expect(refused).toBeInstanceOf(DataDirInUseError);
    expect((refused as DataDirInUseError).holder).toMatchObject({ pid: server.pid, url: server.url });

    const second = await runToEnd(['serve'], { ...env, PORT: '0' }, cwd);
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(`in use by process ${server.pid}`);
    expect(readLockFile().pid).toBe(server.pid);
  });

  it('on SIGTERM answers the request in flight, then exits 0 and removes its lock', async () => {
    const { token } = readLockFile();
    // A request whose body is still on its way when the signal arrives.
    const req = http.request(`${server.url}/api/v1/jobs/424242/cancel`, {
      method: 'POST',
      agent: false,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': '2' },
    });
    const answered = new Promise<{ status: number; body: string }>((resolve, reject) => {
      req.on('response', (res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (d: string) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode!, body }));
      });
      req.on('error', reject);
    });
    req.flushHeaders();
    req.write('{');
    await logged(server, (l) => l.msg === 'incoming request' && (l.req as { url?: string })?.url === '/api/v1/jobs/424242/cancel');

    server.child.kill('SIGTERM');
    await logged(server, (l) => l.msg === 'shutting down');
    req.end('}');

    const res = await answered;
    // The handler ran to its end, database and all: the job does not exist.
    expect(res.status).toBe(404);
    expect(JSON.parse(res.body)).toMatchObject({ code: 'JOB_NOT_FOUND' });
    expect(await server.exited).toBe(0);
    expect(server.logs().some((l) => l.msg === 'stopped')).toBe(true);
    expect(existsSync(lockPath)).toBe(false);
  });
});

/** Waits for a log line of the server (JSON on stdout). */
async function logged(server: AnylibServer, match: (line: Record<string, unknown>) => boolean): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (server.logs().some(match)) return;
    if (server.child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`the server never logged the expected line:\n${server.stdout()}\n${server.stderr()}`);
}
