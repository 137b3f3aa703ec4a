import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, issueToken } from '../../src/modules/identity/index.js';
import { readMigrations } from '../../src/platform/db/index.js';
import { PostgresDb } from '../../src/platform/db/postgres-db.js';
import { JobQueue, VACUUM_JOBS } from '../../src/platform/jobs/index.js';
import { emptyPostgresDatabase } from './support/postgres.js';
import { kill, startServer, tempDir, type AnylibServer } from './support/anylib-process.js';

/**
 * More than one machine (issue 2): two real `anylib serve` processes on one PostgreSQL database
 * migrate it together at start, serve the same data, and share the job queue, each job done once.
 */
describe('two anylib nodes on one PostgreSQL database', () => {
  let database: Awaited<ReturnType<typeof emptyPostgresDatabase>>;
  let db: PostgresDb;
  let nodes: AnylibServer[] = [];
  const dirs = [tempDir(), tempDir()];
  let auth: { authorization: string };

  beforeAll(async () => {
    database = await emptyPostgresDatabase();
    const shared = { DATABASE_URL: database.url, ANYLIB_SECRET: 'two-nodes-share-one-secret-0123456789', ANYLIB_DEMO: '0' };
    // Started together on an empty database: both try to migrate it at once.
    nodes = await Promise.all(dirs.map((dir) => startServer({ ...shared, ANYLIB_DATA_DIR: dir }, dir)));
    db = new PostgresDb(database.url, 2);
    const { userId } = await createAccount(db, { email: 'admin@two-nodes.example.org', grants: [{ role: 'network-admin' }] });
    auth = { authorization: `Bearer ${(await issueToken(db, { userId, name: 'two-nodes test' })).token}` };
  });
  afterAll(async () => {
    await Promise.all(nodes.map(kill));
    await db?.close();
    await database?.drop();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('migrated the database once between them, and both are ready', async () => {
    const versions = readMigrations().map((m) => m.version);
    const { rows } = await db.query<{ version: string; n: number }>('SELECT version, count(*) AS n FROM schema_migrations GROUP BY version ORDER BY version');
    expect(rows).toEqual(versions.map((version) => ({ version, n: 1 })));
    // One node applied the migrations; the other waited for the lock and found nothing to do.
    const applied = nodes.map((n) => n.logs().find((l) => l.msg === 'migrations applied')?.applied ?? []);
    expect(applied.map((a) => (a as string[]).length).sort()).toEqual([0, versions.length]);
    for (const n of nodes) {
      const res = await fetch(`${n.url}/readyz`);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ status: 'ok', database: 'postgres' });
    }
    expect(nodes[0]!.node).not.toBe(nodes[1]!.node);
  });

  it('serve the same data: what is changed through one is seen through the other', async () => {
    const job = await new JobQueue(db).enqueue({ kind: VACUUM_JOBS, payload: {}, runAt: new Date(Date.now() + 7 * 86_400_000) });
    const cancelled = await fetch(`${nodes[0]!.url}/api/v1/jobs/${job.id}/cancel`, { method: 'POST', headers: auth });
    expect(cancelled.status).toBe(200);
    const seen = await fetch(`${nodes[1]!.url}/api/v1/jobs/${job.id}`, { headers: auth });
    expect(seen.status).toBe(200);
    expect(await seen.json()).toMatchObject({ id: job.id, status: 'cancelled' });
  });

  it('share the job queue: every job done exactly once, by both nodes', async () => {
    const queue = new JobQueue(db);
    const start = Date.now() + 300;
    // Due one after another over two seconds, so that both nodes' polls find work waiting.
    const jobs = await Promise.all(
      Array.from({ length: 40 }, (_, i) => queue.enqueue({ kind: VACUUM_JOBS, payload: { olderThanDays: 30 }, runAt: new Date(start + i * 50) })),
    );
    const ids = jobs.map((j) => j.id);
    const finished = await Promise.all(ids.map((id) => queue.waitFor(id, { timeoutMs: 30_000, intervalMs: 100 })));

    for (const job of finished) {
      expect(job).toMatchObject({ status: 'succeeded', attempts: 1, errors: [], result: { deleted: expect.any(Number), olderThanDays: 30 } });
    }
    const byNode = new Map(nodes.map((n) => [n.node, finished.filter((j) => j.lockedBy === n.node).length]));
    expect([...byNode.values()].reduce((a, b) => a + b)).toBe(40);
    for (const [node, count] of byNode) expect(count, `jobs done by ${node}`).toBeGreaterThan(0);

    // Each node logs every job it finished: across both logs, each job appears exactly once.
    const done = nodes.flatMap((n) => n.logs().filter((l) => l.msg === 'job done' && ids.includes(l.jobId as number)).map((l) => l.jobId as number));
    expect(done.sort((a, b) => a - b)).toEqual([...ids].sort((a, b) => a - b));
  });

  it('stop gracefully on SIGTERM, each with exit code 0', async () => {
    const codes = await Promise.all(nodes.map((n) => n.stop()));
    expect(codes).toEqual([0, 0]);
  });
});
