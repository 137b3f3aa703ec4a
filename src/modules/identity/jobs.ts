import type { Queryable } from '../../platform/db/index.js';
import { JobQueue, type JobContext, type JobHandler } from '../../platform/jobs/index.js';
import { sessionStore } from './session-store.js';
import { providerStore } from './federation/provider-store.js';
import { applyRetention, readerDataHolders } from './privacy/reader-data.js';
import { recordAudit } from './audit.js';

export const purgeExpiredKind = 'identity.purge-expired';
export const readerDataRetentionKind = 'identity.reader-data-retention';

/** Sign-in attempts are kept this long: enough to look into an attack, not longer (personal data). */
export const keepLoginAttemptsDays = 30;

/** The clean-up runs once a day; its slot key lets every node queue it while only one job exists per day. */
export function nextPurgeSlot(now: Date): { runAt: Date; dedupeKey: string } {
  const runAt = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1, 3, 0, 0));
  return { runAt, dedupeKey: `${purgeExpiredKind}@${runAt.toISOString().slice(0, 10)}` };
}

/** Queues the next daily clean-up (and, given the retention, the next retention run) unless a node has already. */
export async function scheduleIdentityJobs(queue: Pick<JobQueue, 'enqueue'>, now = new Date(), tx?: Queryable, retentionDays?: number): Promise<void> {
  await queue.enqueue({ kind: purgeExpiredKind, payload: {}, ...nextPurgeSlot(now) }, tx);
  if (retentionDays !== undefined) await scheduleRetention(queue, now, retentionDays, tx);
}

/** The retention run at 03:30 UTC each day; the days travel in the payload (jobs see no configuration). */
export async function scheduleRetention(queue: Pick<JobQueue, 'enqueue'>, now: Date, retentionDays: number, tx?: Queryable): Promise<void> {
  const { runAt } = nextPurgeSlot(now);
  const at = new Date(runAt.getTime() + 30 * 60_000);
  await queue.enqueue({ kind: readerDataRetentionKind, payload: { retentionDays }, runAt: at, dedupeKey: `${readerDataRetentionKind}@${at.toISOString().slice(0, 10)}` }, tx);
}

/**
 * `identity.reader-data-retention`: anonymises readers' personal data whose business ended more
 * than `retentionDays` ago — identity's own (readers who left) and every registered holder's
 * (interlibrary-loan requests) — records the counts in the audit log, and queues tomorrow's run.
 */
export const readerDataRetention: JobHandler<{ retentionDays: number }> = async (payload, ctx: JobContext) => {
  const result = await applyRetention(ctx.db, payload.retentionDays);
  await recordAudit(ctx.db, {
    actor: undefined,
    action: 'privacy.retention',
    details: { retentionDays: payload.retentionDays, endedBefore: result.endedBefore.toISOString(), changed: result.changed, areas: ['identity', ...readerDataHolders().map((h) => h.area)] },
  });
  await scheduleRetention(new JobQueue(ctx.db), new Date(), payload.retentionDays);
  return result.changed;
};

/**
 * `identity.purge-expired`: deletes expired sessions, sign-in attempts older than 30 days and
 * federated login transactions older than a day, then queues tomorrow's run.
 */
export const purgeExpired: JobHandler<Record<string, never>> = async (_payload, ctx: JobContext) => {
  const removed = { ...(await sessionStore.purge(ctx.db, keepLoginAttemptsDays)), loginTransactions: await providerStore.purgeTransactions(ctx.db) };
  await scheduleIdentityJobs(new JobQueue(ctx.db));
  return removed;
};
