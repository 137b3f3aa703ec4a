import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { Db } from '../db/index.js';
import { jobStore } from './job-store.js';
import { retryDelaySeconds } from './backoff.js';
import { JobInterrupted, PermanentJobError, type Job, type JobContext, type JobHandler, type JobProgress } from './types.js';

export interface JobRunnerOptions {
  db: Db;
  handlers: Record<string, JobHandler<never>>;
  log: Logger;
  /** Jobs worked at the same time on this node. */
  concurrency?: number;
  pollMs?: number;
  leaseSeconds?: number;
  /** Names this node in `locked_by`, so an operator sees which node works which job. */
  nodeId?: string;
}

/**
 * Works the queue on this node: claims due jobs, runs their handlers, renews their leases, and
 * retries failures with back-off. Several nodes may run one each on the same database.
 */
export class JobRunner {
  readonly nodeId: string;
  private readonly running = new Map<number, Promise<void>>();
  private timer: NodeJS.Timeout | undefined;
  private stopping = false;
  private ticking = false;
  private lookAgain = false;
  private readonly concurrency: number;
  private readonly pollMs: number;
  private readonly leaseSeconds: number;

  constructor(private readonly opts: JobRunnerOptions) {
    this.nodeId = opts.nodeId ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
    this.concurrency = opts.concurrency ?? 2;
    this.pollMs = opts.pollMs ?? 500;
    this.leaseSeconds = opts.leaseSeconds ?? 60;
  }

  start(): void {
    this.stopping = false;
    this.schedule(0);
  }

  /** Asks for a look at the queue now (after an enqueue on this node) instead of at the next poll. */
  poke(): void {
    if (!this.stopping) this.schedule(0);
  }

  /** Stops claiming, lets running jobs reach a safe point, and gives back those that do not finish in time. */
  async stop(graceMs = 10_000): Promise<void> {
    this.stopping = true;
    clearTimeout(this.timer);
    const all = Promise.allSettled([...this.running.values()]);
    const timedOut = await Promise.race([all.then(() => false), new Promise<boolean>((r) => setTimeout(() => r(true), graceMs).unref())]);
    if (timedOut) {
      for (const id of this.running.keys()) await jobStore.release(this.opts.db, id, this.nodeId).catch(() => undefined);
    }
  }

  private schedule(ms: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), ms);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    if (this.stopping) return;
    // A poke while a look is under way asks for one more look, never a second one in parallel
    // (two at once would claim past the concurrency limit).
    if (this.ticking) {
      this.lookAgain = true;
      return;
    }
    this.ticking = true;
    const kinds = Object.keys(this.opts.handlers);
    try {
      if (kinds.length) await jobStore.failAbandoned(this.opts.db, kinds);
      do {
        this.lookAgain = false;
        while (!this.stopping && kinds.length && this.running.size < this.concurrency) {
          const job = await jobStore.claim(this.opts.db, kinds, this.nodeId, this.leaseSeconds);
          if (!job) break;
          const run = this.run(job).finally(() => {
            this.running.delete(job.id);
            this.poke();
          });
          this.running.set(job.id, run);
        }
      } while (this.lookAgain && !this.stopping);
    } catch (err) {
      if (!this.stopping) this.opts.log.warn({ err }, 'could not claim jobs');
    } finally {
      this.ticking = false;
    }
    if (!this.stopping) this.schedule(this.pollMs);
  }

  private async run(job: Job): Promise<void> {
    const { db, log } = this.opts;
    const handler = this.opts.handlers[job.kind]!;
    let lost = false;
    let lastWrite = 0;
    // The lease is renewed in the background, so a long step between progress reports keeps it.
    const lease = setInterval(() => {
      void jobStore.heartbeat(db, job.id, this.nodeId, this.leaseSeconds).then((ok) => (lost ||= !ok), () => undefined);
    }, (this.leaseSeconds * 1000) / 3);
    lease.unref();
    const leaseSeconds = this.leaseSeconds;
    const nodeId = this.nodeId;
    const isStopping = () => lost || this.stopping;
    const ctx: JobContext = {
      job,
      db,
      log: log.child({ jobId: job.id, kind: job.kind }),
      get stopping() {
        return isStopping();
      },
      async progress(p: JobProgress) {
        const now = Date.now();
        if (now - lastWrite < 1000 && (p.total === undefined || p.done < p.total)) return;
        lastWrite = now;
        lost ||= !(await jobStore.heartbeat(db, job.id, nodeId, leaseSeconds, p));
      },
    };
    const started = Date.now();
    try {
      const result = await handler(job.payload as never, ctx);
      if (lost) return; // cancelled or taken over meanwhile: its state is no longer ours to write
      await jobStore.succeed(db, job.id, this.nodeId, result);
      log.info({ jobId: job.id, kind: job.kind, ms: Date.now() - started }, 'job done');
    } catch (err) {
      if (err instanceof JobInterrupted) {
        if (!lost) await jobStore.release(db, job.id, this.nodeId).catch(() => undefined);
        return;
      }
      const permanent = err instanceof PermanentJobError;
      const retryAt =
        !permanent && job.attempts < job.maxAttempts ? new Date(Date.now() + retryDelaySeconds(job.attempts) * 1000) : undefined;
      const error = {
        at: new Date().toISOString(),
        attempt: job.attempts,
        message: err instanceof Error ? err.message : String(err),
        code: (err as { code?: string }).code,
      };
      await jobStore.fail(db, job.id, this.nodeId, error, retryAt).catch((e: unknown) => log.error({ err: e }, 'could not record job failure'));
      if (permanent) log.info({ jobId: job.id, kind: job.kind, error: error.message }, 'job failed');
      else log.warn({ jobId: job.id, kind: job.kind, err, retryAt }, retryAt ? 'job failed; will retry' : 'job failed for good');
    } finally {
      clearInterval(lease);
    }
  }
}
