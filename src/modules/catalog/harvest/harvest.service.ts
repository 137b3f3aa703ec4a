import type { Db } from '../../../platform/db/index.js';
import type { Job, JobQueue } from '../../../platform/jobs/index.js';
import { getLibrary, NetworkErrors } from '../../network/index.js';
import { HarvestErrors } from './errors.js';
import { parseUserDate } from './domain/datestamp.js';
import { CATALOG_HARVEST, type HarvestPayload } from './harvest.job.js';
import { harvestStore, type HarvestSettings } from './harvest.store.js';
import type { HarvestPrefix } from './page-inputs.js';

export interface HarvestRequest {
  library: string;
  /** The repository's base URL; else the library's harvest settings, else its directory entry's OAI-PMH endpoint. */
  url?: string;
  set?: string;
  prefix?: HarvestPrefix;
  from?: string;
  until?: string;
}

export interface HarvestStarted {
  batchId: number;
  job: Job;
  url: string;
  prefix: HarvestPrefix;
}

/** The library's harvest settings (catalog_profiles.harvest), if any. */
async function settingsOf(db: Db, libraryId: number): Promise<HarvestSettings | undefined> {
  const { rows } = await db.query<{ harvest: HarvestSettings | null }>('SELECT harvest FROM catalog_profiles WHERE library_id = $1', [libraryId]);
  return rows[0]?.harvest ?? undefined;
}

/**
 * Starts a harvest of a library's records: the batch (import_batches, kind harvest) and its
 * `catalog.harvest` job in one transaction. Throws LIBRARY_NOT_FOUND, HARVEST_BAD_DATE, HARVEST_NO_URL.
 */
export async function startHarvest(db: Db, jobs: JobQueue, req: HarvestRequest, startedBy: number | null): Promise<HarvestStarted> {
  const library = await getLibrary(db, req.library);
  if (!library) throw NetworkErrors.LIBRARY_NOT_FOUND({ symbol: req.library });
  for (const [field, value] of [['from', req.from], ['until', req.until]] as const) {
    if (value !== undefined && parseUserDate(value) === undefined) throw HarvestErrors.HARVEST_BAD_DATE({ value }, [{ field, message: 'not a date' }]);
  }
  const settings = await settingsOf(db, library.id);
  const url = req.url ?? settings?.url ?? library.entry.endpoints?.oaiPmh;
  if (!url) throw HarvestErrors.HARVEST_NO_URL({ symbol: req.library });
  const prefix = req.prefix ?? settings?.prefix ?? 'marc21';
  const set = req.set ?? (req.url === undefined ? settings?.set : undefined);
  return db.transaction(async (tx) => {
    const batch = await harvestStore.createBatch(tx, { libraryId: library.id, source: url, prefix, set, startedBy });
    const payload: HarvestPayload = {
      library: req.library, url, prefix, batchId: batch.id,
      ...(set ? { set } : {}), ...(req.from ? { from: req.from } : {}), ...(req.until ? { until: req.until } : {}),
    };
    const job = await jobs.enqueue({ kind: CATALOG_HARVEST, payload, libraryId: library.id, ...(startedBy ? { createdBy: startedBy } : {}) }, tx);
    await harvestStore.attachJob(tx, batch.id, job.id);
    return { batchId: batch.id, job, url, prefix };
  });
}
