import type { Queryable } from '../db/index.js';
import type { Job, JobError, JobProgress, JobStatus } from './types.js';

interface JobRow {
  id: number;
  kind: string;
  payload: unknown;
  status: JobStatus;
  attempts: number;
  max_attempts: number;
  run_at: Date;
  locked_by: string | null;
  progress: JobProgress | null;
  result: unknown;
  last_error: JobError | null;
  errors: JobError[];
  library_id: number | null;
  created_by: number | null;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
}

const toJob = (r: JobRow): Job => ({
  id: r.id,
  kind: r.kind,
  payload: r.payload,
  status: r.status,
  attempts: r.attempts,
  maxAttempts: r.max_attempts,
  runAt: new Date(r.run_at),
  lockedBy: r.locked_by,
  progress: r.progress,
  result: r.result,
  lastError: r.last_error,
  errors: r.errors,
  libraryId: r.library_id,
  createdBy: r.created_by,
  createdAt: new Date(r.created_at),
  startedAt: r.started_at && new Date(r.started_at),
  finishedAt: r.finished_at && new Date(r.finished_at),
});

export interface NewJob {
  kind: string;
  payload?: unknown;
  maxAttempts?: number;
  runAt?: Date;
  dedupeKey?: string;
  libraryId?: number;
  createdBy?: number;
}

/** The error recorded when a node stopped renewing its lease on a job (it died or hung). */
const leaseLost = `jsonb_build_object(
  'at', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'attempt', attempts, 'code', 'LEASE_EXPIRED',
  'message', 'node ' || coalesce(locked_by, '?') || ' stopped working on the job (its lease expired)')`;

/** The SQL of the job queue. `locked_by` keeps the node that worked a finished job, for operators. */
export const jobStore = {
  /** Inserts a job; with a dedupe key already used, returns the existing job instead. */
  async insert(db: Queryable, j: NewJob): Promise<Job> {
    const { rows } = await db.query<JobRow>(
      `INSERT INTO jobs (kind, payload, max_attempts, run_at, dedupe_key, library_id, created_by)
       VALUES ($1, $2, $3, coalesce($4, now()), $5, $6, $7)
       ON CONFLICT (dedupe_key) DO NOTHING
       RETURNING *`,
      [j.kind, JSON.stringify(j.payload ?? {}), j.maxAttempts ?? 5, j.runAt ?? null, j.dedupeKey ?? null, j.libraryId ?? null, j.createdBy ?? null],
    );
    if (rows[0]) return toJob(rows[0]);
    const existing = await db.query<JobRow>('SELECT * FROM jobs WHERE dedupe_key = $1', [j.dedupeKey]);
    return toJob(existing.rows[0]!);
  },

  /**
   * Takes the oldest due job of the given kinds for this node: SKIP LOCKED lets every node claim
   * at once without waiting on each other, and never two nodes the same job. A running job whose
   * lease expired (its node died) is due again, and the lost attempt is written in its errors.
   */
  async claim(db: Queryable, kinds: string[], node: string, leaseSeconds: number): Promise<Job | undefined> {
    const { rows } = await db.query<JobRow>(
      `UPDATE jobs SET status = 'running', locked_by = $2, locked_until = now() + make_interval(secs => $3),
              attempts = attempts + 1, started_at = coalesce(started_at, now()), updated_at = now(),
              last_error = CASE WHEN status = 'running' THEN ${leaseLost} ELSE last_error END,
              errors = CASE WHEN status = 'running' THEN errors || jsonb_build_array(${leaseLost}) ELSE errors END
        WHERE id = (
          SELECT id FROM jobs
           WHERE kind = ANY($1)
             AND ((status = 'queued' AND run_at <= now()) OR (status = 'running' AND locked_until < now() AND attempts < max_attempts))
           ORDER BY run_at, id
           LIMIT 1
           FOR UPDATE SKIP LOCKED)
        RETURNING *`,
      [kinds, node, leaseSeconds],
    );
    return rows[0] && toJob(rows[0]);
  },

  /**
   * Fails for good the jobs whose node died on their last attempt. Without this a job that kills
   * its node (out of memory, say) would be taken up again by the next node, and the next, forever.
   */
  async failAbandoned(db: Queryable, kinds: string[]): Promise<number> {
    const { rowCount } = await db.query(
      `UPDATE jobs SET status = 'failed', last_error = ${leaseLost}, errors = errors || jsonb_build_array(${leaseLost}),
              locked_until = NULL, finished_at = now(), updated_at = now()
        WHERE kind = ANY($1) AND status = 'running' AND locked_until < now() AND attempts >= max_attempts`,
      [kinds],
    );
    return rowCount;
  },

  /** Renews the lease and records progress; false when the job is no longer this node's (cancelled, taken over). */
  async heartbeat(db: Queryable, id: number, node: string, leaseSeconds: number, progress?: JobProgress): Promise<boolean> {
    const { rowCount } = await db.query(
      `UPDATE jobs SET locked_until = now() + make_interval(secs => $3), progress = coalesce($4, progress), updated_at = now()
        WHERE id = $1 AND locked_by = $2 AND status = 'running'`,
      [id, node, leaseSeconds, progress ? JSON.stringify(progress) : null],
    );
    return rowCount > 0;
  },

  async succeed(db: Queryable, id: number, node: string, result: unknown): Promise<void> {
    await db.query(
      `UPDATE jobs SET status = 'succeeded', result = $3, locked_until = NULL, finished_at = now(), updated_at = now()
        WHERE id = $1 AND locked_by = $2 AND status = 'running'`,
      [id, node, JSON.stringify(result ?? null)],
    );
  },

  /** Puts the job back for a later attempt, or fails it for good. */
  async fail(db: Queryable, id: number, node: string, error: JobError, retryAt: Date | undefined): Promise<void> {
    await db.query(
      `UPDATE jobs SET status = CASE WHEN $4::timestamptz IS NULL THEN 'failed' ELSE 'queued' END,
              run_at = coalesce($4::timestamptz, run_at), last_error = $3, errors = errors || jsonb_build_array($3::jsonb),
              locked_by = CASE WHEN $4::timestamptz IS NULL THEN locked_by END, locked_until = NULL,
              finished_at = CASE WHEN $4::timestamptz IS NULL THEN now() END, updated_at = now()
        WHERE id = $1 AND locked_by = $2 AND status = 'running'`,
      [id, node, JSON.stringify(error), retryAt ?? null],
    );
  },

  /** Gives a job back untouched (shutdown): its attempt does not count. */
  async release(db: Queryable, id: number, node: string): Promise<void> {
    await db.query(
      `UPDATE jobs SET status = 'queued', attempts = greatest(attempts - 1, 0), locked_by = NULL, locked_until = NULL, updated_at = now()
        WHERE id = $1 AND locked_by = $2 AND status = 'running'`,
      [id, node],
    );
  },

  async cancel(db: Queryable, id: number): Promise<Job | undefined> {
    const { rows } = await db.query<JobRow>(
      `UPDATE jobs SET status = 'cancelled', locked_until = NULL, finished_at = now(), updated_at = now()
        WHERE id = $1 AND status IN ('queued', 'running') RETURNING *`,
      [id],
    );
    return rows[0] && toJob(rows[0]);
  },

  async get(db: Queryable, id: number): Promise<Job | undefined> {
    const { rows } = await db.query<JobRow>('SELECT * FROM jobs WHERE id = $1', [id]);
    return rows[0] && toJob(rows[0]);
  },

  async list(
    db: Queryable,
    f: { kind?: string; status?: JobStatus; libraryIds?: number[]; createdBy?: number; limit: number; beforeId?: number },
  ): Promise<Job[]> {
    const { rows } = await db.query<JobRow>(
      `SELECT * FROM jobs
        WHERE ($1::text IS NULL OR kind = $1) AND ($2::text IS NULL OR status = $2)
          AND ($3::bigint[] IS NULL OR library_id = ANY($3) OR created_by = $4)
          AND ($5::bigint IS NULL OR id < $5)
        ORDER BY id DESC LIMIT $6`,
      [f.kind ?? null, f.status ?? null, f.libraryIds ?? null, f.createdBy ?? null, f.beforeId ?? null, f.limit],
    );
    return rows.map(toJob);
  },
};
