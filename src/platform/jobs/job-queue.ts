import type { Db, Queryable } from '../db/index.js';
import { jobStore, type NewJob } from './job-store.js';
import type { Job, JobStatus } from './types.js';

/** Puts work in the durable queue and answers what became of it. Every node shares it. */
export class JobQueue {
  constructor(private readonly db: Db) {}

  /** Queues a job; pass `tx` to queue it in the same transaction as the write that asks for it. */
  enqueue<P>(job: NewJob & { payload: P }, tx: Queryable = this.db): Promise<Job> {
    return jobStore.insert(tx, job);
  }

  get(id: number): Promise<Job | undefined> {
    return jobStore.get(this.db, id);
  }

  list(filter: { kind?: string; status?: JobStatus; libraryIds?: number[]; createdBy?: number; limit?: number; beforeId?: number }): Promise<Job[]> {
    return jobStore.list(this.db, { ...filter, limit: filter.limit ?? 50 });
  }

  cancel(id: number): Promise<Job | undefined> {
    return jobStore.cancel(this.db, id);
  }

  /** Waits until the job is finished (tests and the CLI); polls, since a job may run on another node. */
  async waitFor(id: number, { timeoutMs = 60_000, intervalMs = 100 } = {}): Promise<Job> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const job = await this.get(id);
      if (!job) throw new Error(`job ${id} does not exist`);
      if (job.status === 'succeeded' || job.status === 'failed' || job.status === 'cancelled') return job;
      if (Date.now() > deadline) throw new Error(`job ${id} still ${job.status} after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, intervalMs));
    }
  }
}
