import type { Db } from '../../../platform/db/index.js';
import type { IngestCounts } from '../ingest/index.js';
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
 * `catalog.harvest` job in one transaction. Throws LIBRARY_NOT_FOUND, HARVEST_BAD_DATE, HARVEST_NO_URL, HARVEST_RUNNING.
 */
export async function startHarvest(db: Db, jobs: JobQueue, req: HarvestRequest, startedBy: number | null): Promise<HarvestStarted> {
  const { libraryId, url, prefix, set } = await resolve(db, req);
  // One run of a list at a time: a second would fetch the same pages for nothing.
  for (const b of await harvestStore.unfinishedWithJob(db, libraryId, url, prefix, set)) {
    const job = await jobs.get(b.jobId);
    if (job && (job.status === 'queued' || job.status === 'running')) throw HarvestErrors.HARVEST_RUNNING({ symbol: req.library, batchId: b.id });
  }
  return db.transaction(async (tx) => {
    const batch = await harvestStore.createBatch(tx, { libraryId, source: url, prefix, set, startedBy });
    const job = await jobs.enqueue({ kind: CATALOG_HARVEST, payload: payloadOf(req, batch.id, url, prefix, set), libraryId, ...(startedBy ? { createdBy: startedBy } : {}) }, tx);
    await harvestStore.attachJob(tx, batch.id, job.id);
    return { batchId: batch.id, job, url, prefix };
  });
}

/**
 * A harvest run by the command line in its own process (no job): the batch of an earlier run of
 * the same list that was interrupted, to go on with, or a new one.
 */
export async function prepareLocalHarvest(db: Db, req: HarvestRequest): Promise<{ batchId: number; payload: HarvestPayload }> {
  const { libraryId, url, prefix, set } = await resolve(db, req);
  const unfinished = await harvestStore.unfinishedLocal(db, libraryId, url, prefix, set);
  const batchId = unfinished ?? (await harvestStore.createBatch(db, { libraryId, source: url, prefix, set })).id;
  return { batchId, payload: payloadOf(req, batchId, url, prefix, set) };
}

async function resolve(db: Db, req: HarvestRequest): Promise<{ libraryId: number; url: string; prefix: HarvestPrefix; set?: string }> {
  const library = await getLibrary(db, req.library);
  if (!library) throw NetworkErrors.LIBRARY_NOT_FOUND({ symbol: req.library });
  for (const [field, value] of [['from', req.from], ['until', req.until]] as const) {
    if (value !== undefined && parseUserDate(value) === undefined) throw HarvestErrors.HARVEST_BAD_DATE({ value }, [{ field, message: 'not a date' }]);
  }
  const settings = await settingsOf(db, library.id);
  const url = req.url ?? settings?.url ?? library.entry.endpoints?.oaiPmh;
  if (!url) throw HarvestErrors.HARVEST_NO_URL({ symbol: req.library });
  const set = req.set ?? (req.url === undefined ? settings?.set : undefined);
  return { libraryId: library.id, url, prefix: req.prefix ?? settings?.prefix ?? 'marc21', ...(set ? { set } : {}) };
}

const payloadOf = (req: HarvestRequest, batchId: number, url: string, prefix: HarvestPrefix, set: string | undefined): HarvestPayload => ({
  library: req.library, url, prefix, batchId,
  ...(set ? { set } : {}), ...(req.from ? { from: req.from } : {}), ...(req.until ? { until: req.until } : {}),
});

/** A harvest as the API shows it (without its job, which the caller adds). */
export interface HarvestStatus {
  batchId: number;
  library: string;
  url: string;
  prefix: string | null;
  set: string | null;
  status: string;
  counts: IngestCounts;
  pages: number;
  records: number;
  completeListSize: number | null;
  from: string | null;
  lastDatestamp: string | null;
  jobId: number | null;
}

/** A library's harvest batch, or undefined when the library has no such harvest. */
export async function harvestStatus(db: Db, symbol: string, batchId: number): Promise<HarvestStatus | undefined> {
  const library = await getLibrary(db, symbol);
  const batch = library && (await harvestStore.batch(db, batchId));
  if (!batch || batch.libraryId !== library!.id) return undefined;
  const cp = batch.checkpoint;
  return {
    batchId: batch.id, library: symbol, url: batch.source, prefix: batch.format, set: cp.set ?? null, status: batch.status, counts: batch.counts,
    pages: cp.pages ?? 0, records: cp.records ?? 0, completeListSize: cp.completeListSize ?? null, from: cp.from ?? null,
    lastDatestamp: cp.lastDatestamp ?? null, jobId: batch.jobId,
  };
}
