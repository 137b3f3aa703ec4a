import type { Queryable } from '../../platform/db/index.js';
import { JobQueue, type JobContext, type JobHandler } from '../../platform/jobs/index.js';
import { sessionStore } from './session-store.js';
import { providerStore } from './federation/provider-store.js';

export const purgeExpiredKind = 'identity.purge-expired';

/** Sign-in attempts are kept this long: enough to look into an attack, not longer (personal data). */
export const keepLoginAttemptsDays = 30;

/** The clean-up runs once a day; its slot key lets every node queue it while only one job exists per day. */
export function nextPurgeSlot(now: Date): { runAt: Date; dedupeKey: string } {
  const runAt = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1, 3, 0, 0));
  return { runAt, dedupeKey: `${purgeExpiredKind}@${runAt.toISOString().slice(0, 10)}` };
}

/** Queues the next daily clean-up unless a node has already. */
export async function scheduleIdentityJobs(queue: Pick<JobQueue, 'enqueue'>, now = new Date(), tx?: Queryable): Promise<void> {
  await queue.enqueue({ kind: purgeExpiredKind, payload: {}, ...nextPurgeSlot(now) }, tx);
}

/**
 * `identity.purge-expired`: deletes expired sessions, sign-in attempts older than 30 days and
 * federated login transactions older than a day, then queues tomorrow's run.
 */
export const purgeExpired: JobHandler<Record<string, never>> = async (_payload, ctx: JobContext) => {
  const removed = { ...(await sessionStore.purge(ctx.db, keepLoginAttemptsDays)), loginTransactions: await providerStore.purgeTransactions(ctx.db) };
  await scheduleIdentityJobs(new JobQueue(ctx.db));
  return removed;
};
