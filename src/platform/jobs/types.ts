import type { Logger } from 'pino';
import type { Db } from '../db/index.js';

export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

/** How far a job has come, shown through the API and on a terminal's progress bar. */
export interface JobProgress {
  done: number;
  total?: number;
  /** What the job is doing now, in words a person reads. */
  stage?: string;
  perSecond?: number;
  etaSeconds?: number;
}

export interface JobError {
  at: string;
  attempt: number;
  message: string;
  code?: string;
}

export interface Job<P = unknown> {
  id: number;
  kind: string;
  payload: P;
  status: JobStatus;
  attempts: number;
  maxAttempts: number;
  runAt: Date;
  lockedBy: string | null;
  progress: JobProgress | null;
  result: unknown;
  lastError: JobError | null;
  errors: JobError[];
  libraryId: number | null;
  createdBy: number | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

/** What a handler gets besides the payload: a way to report progress and to notice cancellation. */
export interface JobContext {
  job: Job;
  /** Logs of this job (its id and kind on every line). */
  log: Logger;
  /** The database the job runs against (handlers are module-level functions and hold none). */
  db: Db;
  /** Records progress (throttled to about one write a second) and renews the lease. */
  progress(p: JobProgress): Promise<void>;
  /** True once the job was cancelled or the node is shutting down: stop at the next safe point. */
  readonly stopping: boolean;
}

/** Does one kind of job. Throwing retries it later with back-off, until maxAttempts. */
export type JobHandler<P = unknown> = (payload: P, ctx: JobContext) => Promise<unknown>;

/** A failure that retrying cannot mend (bad input): the job fails at once. */
export class PermanentJobError extends Error {
  constructor(message: string, readonly code?: string) {
    super(message);
  }
}

/** Thrown by a handler that stopped at a safe point because `ctx.stopping`: the job goes back to the queue as it was. */
export class JobInterrupted extends Error {
  constructor() {
    super('interrupted');
  }
}
