import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate, openDatabase } from '../db/index.js';
import { JobQueue, JobRunner } from './index.js';

describe('a job queued before a restart', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'anylib-jobs-restart-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('is still there after the embedded database was closed and opened again, and gets done', async () => {
    const before = openDatabase({ dataDir, databaseUrl: undefined });
    await migrate(before.db);
    const queued = await new JobQueue(before.db).enqueue({ kind: 'test.after-restart', payload: { title: '天工开物' } });
    await before.db.close();

    const after = openDatabase({ dataDir, databaseUrl: undefined });
    try {
      expect(await migrate(after.db)).toEqual([]);
      const queue = new JobQueue(after.db);
      expect(await queue.get(queued.id)).toMatchObject({ status: 'queued', payload: { title: '天工开物' } });
      const runner = new JobRunner({
        db: after.db,
        log: pino({ level: 'silent' }),
        pollMs: 25,
        handlers: { 'test.after-restart': async (p: { title: string }) => ({ shelved: p.title }) },
      });
      runner.start();
      const done = await queue.waitFor(queued.id, { timeoutMs: 20_000, intervalMs: 25 });
      await runner.stop();
      expect(done).toMatchObject({ status: 'succeeded', attempts: 1, result: { shelved: '天工开物' } });
    } finally {
      await after.db.close();
    }
  });
});
