import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../../test/support/app.js';
import { anAccount, anAdmin, type TestAccount } from '../../../test/support/accounts.js';
import { JobInterrupted, JobRunner, PermanentJobError, platformJobs, VACUUM_JOBS, type JobHandler } from './index.js';
import { jobStore } from './job-store.js';

const silent = pino({ level: 'silent' });

/** A barrier a handler waits on until the test lets it go on. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  return { open, opened };
}

describe('the job queue', () => {
  let t: TestApp;
  let admin: TestAccount;
  const runners: JobRunner[] = [];

  /** A runner on this node for the given kinds, polling often so tests don't wait. */
  const aRunner = (handlers: Record<string, JobHandler<never>>, nodeId?: string) => {
    const r = new JobRunner({ db: t.db, handlers, log: silent, pollMs: 25, nodeId });
    runners.push(r);
    r.start();
    return r;
  };
  const getJob = (id: number, headers = admin.headers) => t.app.inject({ url: `/api/v1/jobs/${id}`, headers });
  /** Waits for what a user would see through the API. */
  const until = async (id: number, seen: (job: Record<string, unknown>) => boolean) => {
    for (let i = 0; i < 400; i++) {
      const job = (await getJob(id)).json();
      if (seen(job)) return job;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`job ${id} never reached the expected state: ${JSON.stringify((await getJob(id)).json())}`);
  };
  /** Makes a job that waits for its retry due now, instead of waiting out the back-off. */
  const dueNow = (id: number) => t.db.query('UPDATE jobs SET run_at = now() WHERE id = $1', [id]);

  beforeAll(async () => {
    t = await testApp();
    admin = await anAdmin(t);
  });
  afterEach(async () => {
    await Promise.all(runners.splice(0).map((r) => r.stop(1000)));
  });
  afterAll(() => t.close());

  it('runs a job and shows its progress, result and node through the API', async () => {
    const go = gate();
    const handler: JobHandler<{ titles: number }> = async ({ titles }, ctx) => {
      await ctx.progress({ done: 1, total: titles, stage: 'counting titles' });
      await go.opened;
      await ctx.progress({ done: titles, total: titles, stage: 'counting titles' });
      return { counted: titles };
    };
    const job = await t.jobs.enqueue({ kind: 'test.count', payload: { titles: 3 }, createdBy: admin.userId });
    expect((await getJob(job.id)).json()).toMatchObject({ status: 'queued', attempts: 0, node: null, progress: null });

    const runner = aRunner({ 'test.count': handler as JobHandler<never> });
    const running = await until(job.id, (j) => j.status === 'running' && j.progress !== null);
    expect(running).toMatchObject({ attempts: 1, node: runner.nodeId, progress: { done: 1, total: 3, stage: 'counting titles' } });
    expect(running.startedAt).toEqual(expect.any(String));

    go.open();
    const done = await until(job.id, (j) => j.status === 'succeeded');
    expect(done).toMatchObject({ attempts: 1, result: { counted: 3 }, progress: { done: 3, total: 3 }, node: runner.nodeId, errors: [], lastError: null });
    expect(new Date(done.finishedAt).getTime()).toBeGreaterThanOrEqual(new Date(done.startedAt).getTime());
  });

  it('retries a failing job with back-off, keeping every error, and fails it for good after maxAttempts', async () => {
    let calls = 0;
    const job = await t.jobs.enqueue({ kind: 'test.flaky', payload: {}, maxAttempts: 3 });
    aRunner({
      'test.flaky': async () => {
        calls++;
        throw Object.assign(new Error(`the peer library did not answer (try ${calls})`), { code: 'PEER_DOWN' });
      },
    });

    const afterFirst = await until(job.id, (j) => j.attempts === 1 && j.status === 'queued');
    expect(afterFirst.errors).toEqual([{ at: expect.any(String), attempt: 1, message: 'the peer library did not answer (try 1)', code: 'PEER_DOWN' }]);
    expect(afterFirst.lastError).toMatchObject({ attempt: 1, code: 'PEER_DOWN' });
    // Back-off: the next attempt waits (5 s and more after the first failure), it is not run at once.
    expect(new Date(afterFirst.runAt).getTime()).toBeGreaterThan(Date.now() + 2000);

    await dueNow(job.id);
    const afterSecond = await until(job.id, (j) => j.attempts === 2 && j.status === 'queued');
    expect(afterSecond.errors.map((e: { attempt: number }) => e.attempt)).toEqual([1, 2]);
    // The wait grows with each failure.
    expect(new Date(afterSecond.runAt).getTime() - new Date(afterSecond.lastError.at).getTime()).toBeGreaterThan(
      new Date(afterFirst.runAt).getTime() - new Date(afterFirst.lastError.at).getTime(),
    );

    await dueNow(job.id);
    const failed = await until(job.id, (j) => j.status === 'failed');
    expect(failed).toMatchObject({ attempts: 3, maxAttempts: 3, lastError: { attempt: 3, message: 'the peer library did not answer (try 3)' } });
    expect(failed.errors).toHaveLength(3);
    expect(failed.finishedAt).toEqual(expect.any(String));
    expect(calls).toBe(3);
  });

  it('fails a job at once on a PermanentJobError: retrying cannot mend bad input', async () => {
    const job = await t.jobs.enqueue({ kind: 'test.bad-input', payload: {}, maxAttempts: 5 });
    aRunner({
      'test.bad-input': async () => {
        throw new PermanentJobError('the file is not MARC', 'NOT_MARC');
      },
    });
    const failed = await until(job.id, (j) => j.status === 'failed');
    expect(failed).toMatchObject({ attempts: 1, errors: [{ attempt: 1, message: 'the file is not MARC', code: 'NOT_MARC' }] });
  });

  it('gives a job whose node died (its lease expired) to another node, which does it once', async () => {
    const job = await t.jobs.enqueue({ kind: 'test.orphan', payload: {} });
    // A node claims it, then dies: no heartbeat, no result. Its lease runs out.
    const claimed = await jobStore.claim(t.db, ['test.orphan'], 'node-that-died', 60);
    expect(claimed?.id).toBe(job.id);
    await t.db.query("UPDATE jobs SET locked_until = now() - interval '1 second' WHERE id = $1", [job.id]);

    let runs = 0;
    const survivor = aRunner({ 'test.orphan': async () => ({ runs: ++runs }) }, 'node-that-lives');
    const done = await until(job.id, (j) => j.status === 'succeeded');
    expect(done).toMatchObject({ attempts: 2, node: survivor.nodeId, result: { runs: 1 } });
    expect(done.errors).toEqual([expect.objectContaining({ attempt: 1, code: 'LEASE_EXPIRED', message: expect.stringContaining('node-that-died') })]);

    // The dead node coming back to life cannot overwrite what the other node did.
    await jobStore.succeed(t.db, job.id, 'node-that-died', { runs: 'stale' });
    await jobStore.fail(t.db, job.id, 'node-that-died', { at: new Date().toISOString(), attempt: 1, message: 'late' }, undefined);
    expect((await getJob(job.id)).json()).toMatchObject({ status: 'succeeded', result: { runs: 1 } });
  });

  it('fails for good a job whose node died on its last attempt, rather than passing it from node to node', async () => {
    const job = await t.jobs.enqueue({ kind: 'test.node-killer', payload: {}, maxAttempts: 1 });
    await jobStore.claim(t.db, ['test.node-killer'], 'node-killed-by-it', 60);
    await t.db.query("UPDATE jobs SET locked_until = now() - interval '1 second' WHERE id = $1", [job.id]);
    let runs = 0;
    aRunner({ 'test.node-killer': async () => ++runs });
    const failed = await until(job.id, (j) => j.status === 'failed');
    expect(failed).toMatchObject({ attempts: 1, lastError: { code: 'LEASE_EXPIRED' } });
    expect(runs).toBe(0);
  });

  it('cancels a queued job through the API, and says when a job can no longer be cancelled', async () => {
    const job = await t.jobs.enqueue({ kind: 'test.later', payload: {}, runAt: new Date(Date.now() + 3_600_000), createdBy: admin.userId });
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/jobs/${job.id}/cancel`, headers: admin.headers });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: job.id, status: 'cancelled', finishedAt: expect.any(String) });

    const again = await t.app.inject({ method: 'POST', url: `/api/v1/jobs/${job.id}/cancel`, headers: admin.headers });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'JOB_NOT_CANCELLABLE' });
  });

  it('cancels a running job: the handler is told to stop, and its late result is not recorded', async () => {
    const started = gate();
    const job = await t.jobs.enqueue({ kind: 'test.long', payload: {} });
    const sawStop = gate();
    let handlerSawStop = false;
    const runner = aRunner({
      'test.long': async (_p, ctx) => {
        started.open();
        for (let i = 0; !ctx.stopping && i < 400; i++) {
          await ctx.progress({ done: i });
          await new Promise((r) => setTimeout(r, 25));
        }
        handlerSawStop = ctx.stopping;
        sawStop.open();
        return { finished: !ctx.stopping };
      },
    });
    await started.opened;
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/jobs/${job.id}/cancel`, headers: admin.headers });
    expect(res.json()).toMatchObject({ status: 'cancelled' });
    await sawStop.opened; // the handler learns of it at its next progress report
    expect(handlerSawStop).toBe(true);
    await runner.stop(); // lets the runner record what it may
    const after = (await getJob(job.id)).json();
    expect(after).toMatchObject({ status: 'cancelled', result: null });
  });

  it('shows a job only to whoever queued it and to network administrators', async () => {
    // Accounts without any role: signed in, nothing more.
    const owner = await anAccount(t);
    const stranger = await anAccount(t);
    const job = await t.jobs.enqueue({ kind: 'test.mine', payload: {}, runAt: new Date(Date.now() + 3_600_000), createdBy: owner.userId });
    expect((await getJob(job.id, owner.headers)).statusCode).toBe(200);
    expect((await getJob(job.id, stranger.headers)).json()).toMatchObject({ status: 404, code: 'JOB_NOT_FOUND' });
    const cancel = await t.app.inject({ method: 'POST', url: `/api/v1/jobs/${job.id}/cancel`, headers: stranger.headers });
    expect(cancel.statusCode).toBe(404);
    expect((await t.app.inject({ url: `/api/v1/jobs/${job.id}` })).statusCode).toBe(401);

    const mine = await t.app.inject({ url: '/api/v1/jobs?kind=test.mine', headers: owner.headers });
    expect(mine.json().items.map((j: { id: number }) => j.id)).toEqual([job.id]);
    const theirs = await t.app.inject({ url: '/api/v1/jobs?kind=test.mine', headers: stranger.headers });
    expect(theirs.json().items).toEqual([]);
  });

  it('answers a malformed job id with 400 naming the field, never a database error', async () => {
    for (const id of ['abc', '0', '99999999999999999999']) {
      const res = await getJob(id as unknown as number);
      expect(res.statusCode).toBe(400);
      expect(res.json().errors).toContainEqual(expect.objectContaining({ field: expect.stringContaining('id') }));
    }
    expect((await getJob(987_654_321)).statusCode).toBe(404);
    expect((await t.app.inject({ url: '/api/v1/jobs?before=99999999999999999999', headers: admin.headers })).statusCode).toBe(400);
  });

  it('queues a job once per dedupe key, however often it is asked for', async () => {
    const first = await t.jobs.enqueue({ kind: 'test.nightly', payload: { day: 1 }, dedupeKey: 'nightly@2026-01-01', runAt: new Date(Date.now() + 3_600_000) });
    const second = await t.jobs.enqueue({ kind: 'test.nightly', payload: { day: 2 }, dedupeKey: 'nightly@2026-01-01' });
    const concurrent = await Promise.all(
      Array.from({ length: 5 }, () => t.jobs.enqueue({ kind: 'test.nightly', payload: {}, dedupeKey: 'nightly@2026-01-02' })),
    );
    expect(second.id).toBe(first.id);
    expect(second.payload).toEqual({ day: 1 });
    expect(new Set(concurrent.map((j) => j.id)).size).toBe(1);
    const { rows } = await t.db.query<{ n: number }>("SELECT count(*) AS n FROM jobs WHERE kind = 'test.nightly'");
    expect(rows[0]!.n).toBe(2);
  });

  it('queues a job in the same transaction as the write that asks for it, or not at all', async () => {
    await expect(
      t.db.transaction(async (tx) => {
        await t.jobs.enqueue({ kind: 'test.tx', payload: {} }, tx);
        throw new Error('the import was refused');
      }),
    ).rejects.toThrow('refused');
    expect(await t.jobs.list({ kind: 'test.tx' })).toEqual([]);
  });

  it('gives running jobs back to the queue when the node stops, without counting the attempt', async () => {
    const polite = await t.jobs.enqueue({ kind: 'test.polite', payload: {} });
    const stubborn = await t.jobs.enqueue({ kind: 'test.stubborn', payload: {} });
    const bothStarted = [gate(), gate()];
    const runner = new JobRunner({
      db: t.db,
      log: silent,
      pollMs: 25,
      handlers: {
        'test.polite': async (_p, ctx) => {
          bothStarted[0]!.open();
          while (!ctx.stopping) await new Promise((r) => setTimeout(r, 10));
          throw new JobInterrupted();
        },
        // Ignores `stopping`: the node gives it back when its grace period is over.
        'test.stubborn': async () => {
          bothStarted[1]!.open();
          await new Promise((r) => setTimeout(r, 5_000));
        },
      },
    });
    runner.start();
    await Promise.all(bothStarted.map((g) => g.opened));
    await runner.stop(200);
    for (const id of [polite.id, stubborn.id]) {
      expect(await t.jobs.get(id)).toMatchObject({ status: 'queued', attempts: 0, lockedBy: null });
    }
  });

  it('keeps to its concurrency however often it is poked', async () => {
    let now = 0;
    let most = 0;
    for (let i = 0; i < 8; i++) await t.jobs.enqueue({ kind: 'test.busy', payload: {} });
    const runner = aRunner({
      'test.busy': async () => {
        most = Math.max(most, ++now);
        await new Promise((r) => setTimeout(r, 30));
        now--;
      },
    });
    for (let i = 0; i < 20; i++) runner.poke();
    for (let i = 0; i < 200 && (await t.jobs.list({ kind: 'test.busy', status: 'succeeded' })).length < 8; i++) await new Promise((r) => setTimeout(r, 25));
    expect((await t.jobs.list({ kind: 'test.busy', status: 'succeeded' })).length).toBe(8);
    expect(most).toBeLessThanOrEqual(2);
  });

  describe(VACUUM_JOBS, () => {
    it('deletes finished jobs older than the retention period, and nothing else', async () => {
      const make = async (status: string, daysAgo: number) => {
        const j = await t.jobs.enqueue({ kind: 'test.history', payload: {} });
        await t.db.query(`UPDATE jobs SET status = $2, finished_at = now() - make_interval(days => $3) WHERE id = $1`, [j.id, status, daysAgo]);
        return j.id;
      };
      const old = [await make('succeeded', 40), await make('failed', 31), await make('cancelled', 90)];
      const keep = [await make('succeeded', 5), await make('failed', 29)];
      const queued = (await t.jobs.enqueue({ kind: 'test.history', payload: {} })).id;

      const vacuum = await t.jobs.enqueue({ kind: VACUUM_JOBS, payload: { olderThanDays: 30 }, createdBy: admin.userId });
      aRunner(platformJobs());
      const done = await until(vacuum.id, (j) => j.status === 'succeeded');
      expect(done.result).toEqual({ deleted: 3, olderThanDays: 30 });
      for (const id of old) expect(await t.jobs.get(id)).toBeUndefined();
      for (const id of [...keep, queued]) expect(await t.jobs.get(id)).toBeDefined();
      // It queues tomorrow's run, once.
      const next = await t.jobs.list({ kind: VACUUM_JOBS, status: 'queued' });
      expect(next).toHaveLength(1);
      expect(next[0]!.runAt.getTime()).toBeGreaterThan(Date.now());
    });

    it('refuses a bad payload at once', async () => {
      const vacuum = await t.jobs.enqueue({ kind: VACUUM_JOBS, payload: { olderThanDays: 'ever' }, createdBy: admin.userId });
      aRunner(platformJobs());
      const failed = await until(vacuum.id, (j) => j.status === 'failed');
      expect(failed).toMatchObject({ attempts: 1, lastError: { code: 'BAD_PAYLOAD', message: expect.stringContaining('olderThanDays') } });
    });
  });
});
