import type { Queryable } from '../../../platform/db/index.js';
import { JobQueue, type JobHandler } from '../../../platform/jobs/index.js';
import { CATALOG_HARVEST, type HarvestPayload } from './harvest.job.js';
import { harvestStore } from './harvest.store.js';

/** The kind of the daily job that queues the harvests that are due. */
export const CATALOG_HARVEST_SCHEDULE = 'catalog.harvest-schedule';

const HOUR = 3_600_000;
/** How long after a harvest the next is due: a little under the period, so a daily run at a fixed hour is never skipped for minutes. */
const PERIOD_MS = { daily: 20 * HOUR, weekly: 6.5 * 24 * HOUR } as const;

/** The next look at the schedule: 01:00 UTC tomorrow (a quiet hour for Chinese libraries, 09:00 Beijing time is after it). */
export function nextScheduleSlot(now: Date): { runAt: Date; dedupeKey: string } {
  const runAt = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1, 1, 0, 0));
  return { runAt, dedupeKey: `${CATALOG_HARVEST_SCHEDULE}@${runAt.toISOString().slice(0, 10)}` };
}

/** Queues the next look at the schedule unless a node already has (one job per day by its dedupe key). */
export async function scheduleHarvests(queue: Pick<JobQueue, 'enqueue'>, now = new Date(), tx?: Queryable): Promise<void> {
  await queue.enqueue({ kind: CATALOG_HARVEST_SCHEDULE, payload: {}, ...nextScheduleSlot(now) }, tx);
}

/**
 * `catalog.harvest-schedule`: for every library with harvest settings (catalog_profiles.harvest
 * `{url?, set?, prefix?, schedule?}`) whose schedule is due, queues an incremental
 * `catalog.harvest` from its URL (or its directory entry's OAI-PMH endpoint), with a dedupe key
 * per library and day so that two nodes, or a re-run, never queue it twice. Then queues
 * tomorrow's look. Answers which libraries were queued and which were skipped, and why.
 */
export function harvestScheduleJob(clock: () => Date = () => new Date()): JobHandler<Record<string, never>> {
  return async (_payload, ctx) => {
    const now = clock();
    const queue = new JobQueue(ctx.db);
    const queued: string[] = [];
    const skipped: { library: string; reason: string }[] = [];
    for (const lib of await harvestStore.harvestedLibraries(ctx.db)) {
      const schedule = lib.settings.schedule ?? 'daily';
      const url = lib.settings.url ?? lib.endpoint;
      if (schedule === 'off') continue;
      if (!url) {
        skipped.push({ library: lib.symbol, reason: 'no OAI-PMH address in its harvest settings or directory entry' });
        continue;
      }
      const last = await harvestStore.lastHarvestStarted(ctx.db, lib.libraryId);
      if (last && now.getTime() - last.getTime() < PERIOD_MS[schedule]) continue;
      const payload: HarvestPayload = { library: lib.symbol, url, prefix: lib.settings.prefix ?? 'marc21', ...(lib.settings.set ? { set: lib.settings.set } : {}) };
      await queue.enqueue({ kind: CATALOG_HARVEST, payload, libraryId: lib.libraryId, dedupeKey: `${CATALOG_HARVEST}@${lib.symbol}@${now.toISOString().slice(0, 10)}` });
      queued.push(lib.symbol);
    }
    await scheduleHarvests(queue, now);
    return { queued, skipped };
  };
}
