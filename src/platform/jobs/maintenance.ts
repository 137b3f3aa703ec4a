import { z } from 'zod';
import type { Queryable } from '../db/index.js';
import { jobStore } from './job-store.js';
import { PermanentJobError, type JobHandler } from './types.js';

/** The kind of the platform's own housekeeping job: finished jobs older than a retention period are deleted. */
export const VACUUM_JOBS = 'platform.vacuum-jobs';

/**
 * Queues tomorrow's vacuum (03:30 UTC) unless a node already has: the date in its dedupe key lets
 * every node ask at start while one job exists per day. The job queues the next one when it is done.
 */
export async function scheduleVacuum(db: Queryable, now = new Date()): Promise<void> {
  const runAt = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1, 3, 30, 0));
  await jobStore.insert(db, { kind: VACUUM_JOBS, payload: {}, runAt, dedupeKey: `${VACUUM_JOBS}@${runAt.toISOString().slice(0, 10)}` });
}

const vacuumPayload = z.strictObject({ olderThanDays: z.number().int().min(1).max(3650).default(30) });
export type VacuumJobsPayload = z.input<typeof vacuumPayload>;

// Rows per statement: PGlite enforces no statement_timeout, so the job bounds its own work by
// deleting in small batches, each a short statement, checking between batches whether to stop.
const BATCH = 1000;

/**
 * The job handlers of the platform itself, by kind. `platform.vacuum-jobs` deletes succeeded,
 * failed and cancelled jobs that finished more than `olderThanDays` (default 30) days ago and
 * answers `{ deleted, olderThanDays }`. Queued and running jobs are never touched.
 */
export function platformJobs(): Record<string, JobHandler<never>> {
  const vacuumJobs: JobHandler<VacuumJobsPayload> = async (payload, ctx) => {
    const parsed = vacuumPayload.safeParse(payload ?? {});
    if (!parsed.success) throw new PermanentJobError(`bad payload: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`, 'BAD_PAYLOAD');
    const { olderThanDays } = parsed.data;
    let deleted = 0;
    for (;;) {
      const { rowCount } = await ctx.db.query(
        `DELETE FROM jobs WHERE id IN (
           SELECT id FROM jobs WHERE status IN ('succeeded', 'failed', 'cancelled')
              AND finished_at < now() - make_interval(days => $1) ORDER BY id LIMIT $2)`,
        [olderThanDays, BATCH],
      );
      deleted += rowCount;
      await ctx.progress({ done: deleted, stage: 'deleting finished jobs' });
      if (rowCount < BATCH || ctx.stopping) break;
    }
    await scheduleVacuum(ctx.db);
    return { deleted, olderThanDays };
  };
  return { [VACUUM_JOBS]: vacuumJobs as JobHandler<never> };
}
