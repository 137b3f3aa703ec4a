import { z } from 'zod';
import type { Queryable } from '../../../platform/db/index.js';
import { JobInterrupted, PermanentJobError, type JobContext, type JobHandler, type JobProgress } from '../../../platform/jobs/index.js';
import { addCounts, ingestRecords, libraryProfile, type ChunkOutcome, type IngestCounts, type LibraryProfile } from '../ingest/index.js';
import { fromArgument, granularityOf, laterOf, parseUserDate, untilArgument } from './domain/datestamp.js';
import { afterPage, listRecordsQuery } from './domain/next-request.js';
import { harvestStore, type HarvestBatch, type HarvestCheckpoint } from './harvest.store.js';
import { HarvestError, OaiClient, type OaiClientOptions } from './oai-client.js';
import { HARVEST_PREFIXES, pageInputs, type HarvestPrefix } from './page-inputs.js';

/** The kind of the job that harvests one library's records from an OAI-PMH repository. */
export const CATALOG_HARVEST = 'catalog.harvest';

const userDate = z.string().refine((s) => parseUserDate(s) !== undefined, 'a date such as 2024-05-01 or 2024-05-01T10:00:00Z');

/** `catalog.harvest` payload: whose records, from where, which list; `batchId` when the batch was made by who queued the job. */
export const harvestPayload = z.strictObject({
  library: z.string().min(1),
  url: z.url({ protocol: /^https?$/ }),
  set: z.string().min(1).optional(),
  prefix: z.enum(HARVEST_PREFIXES).default('marc21'),
  from: userDate.optional(),
  until: userDate.optional(),
  batchId: z.number().int().positive().optional(),
});
export type HarvestPayload = z.input<typeof harvestPayload>;

/** What a finished harvest answers (also the job's result). */
export interface HarvestSummary extends IngestCounts {
  batchId: number;
  pages: number;
  records: number;
  lastDatestamp?: string;
  from?: string;
}

const summaryOf = (batch: HarvestBatch, cp: Partial<HarvestCheckpoint>, counts: IngestCounts): HarvestSummary => ({
  batchId: batch.id,
  ...counts,
  pages: cp.pages ?? 0,
  records: cp.records ?? 0,
  ...(cp.lastDatestamp ? { lastDatestamp: cp.lastDatestamp } : {}),
  ...(cp.from ? { from: cp.from } : {}),
});

/**
 * The `catalog.harvest` handler (issue 3, "OAI-PMH harvesting"). Identify, then ListRecords page
 * by page; each page's records go to ingest, and the page's checkpoint (resumption token, `from`,
 * latest datestamp, counts) is written in the transaction that stores its records: a crash or a
 * kill loses nothing and a retry goes on after the last stored page. A refused (stale) token
 * restarts the list from the run's `from`; the records already held come back unchanged. Without
 * `from`, a run starts at the latest datestamp of the last completed harvest of the same list.
 * `clientDefaults` tunes the HTTP client (tests shorten its back-off).
 */
export function harvestJob(clientDefaults: Partial<OaiClientOptions> = {}): JobHandler<HarvestPayload> {
  return async (raw, ctx) => {
    const parsed = harvestPayload.safeParse(raw);
    if (!parsed.success) throw new PermanentJobError(`bad payload: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`, 'BAD_PAYLOAD');
    const p = parsed.data;
    const profile = await libraryProfile(ctx.db, p.library);
    if (!profile) throw new PermanentJobError(`there is no library ${p.library}`, 'LIBRARY_NOT_FOUND');
    const batch = await batchFor(ctx, p, profile);
    if (batch.status !== 'running') return summaryOf(batch, batch.checkpoint, batch.counts);

    const client = new OaiClient({
      ...clientDefaults,
      baseUrl: p.url,
      stopping: () => ctx.stopping,
      onRetry: ({ attempt, waitMs, reason }) => ctx.log.warn({ attempt, waitMs, reason }, 'OAI-PMH request failed; trying again'),
    });
    try {
      return await run(ctx, p, profile, batch, client);
    } catch (err) {
      if (err instanceof JobInterrupted) throw err;
      // Told to stop while the repository was failing: back to the queue as it is, not an error.
      if (ctx.stopping && err instanceof HarvestError && err.transient) throw new JobInterrupted();
      const permanent = err instanceof PermanentJobError || (err instanceof HarvestError && !err.transient);
      if (permanent || ctx.job.attempts >= ctx.job.maxAttempts) await harvestStore.finish(ctx.db, batch.id, 'failed');
      if (err instanceof HarvestError && !err.transient) throw new PermanentJobError(err.message, err.code);
      throw err;
    }
  };
}

async function batchFor(ctx: JobContext, p: z.output<typeof harvestPayload>, profile: LibraryProfile): Promise<HarvestBatch> {
  if (p.batchId !== undefined) {
    const batch = await harvestStore.batch(ctx.db, p.batchId);
    if (!batch || batch.libraryId !== profile.libraryId) throw new PermanentJobError(`there is no harvest ${p.batchId} of ${p.library}`, 'BATCH_NOT_FOUND');
    return batch;
  }
  // Queued without a batch (the schedule): the job's first attempt makes one, later attempts find it.
  return (
    (await harvestStore.batchOfJob(ctx.db, ctx.job.id)) ??
    (await harvestStore.createBatch(ctx.db, { libraryId: profile.libraryId, jobId: ctx.job.id, source: p.url, prefix: p.prefix, set: p.set, startedBy: ctx.job.createdBy }))
  );
}

async function run(ctx: JobContext, p: z.output<typeof harvestPayload>, profile: LibraryProfile, batch: HarvestBatch, client: OaiClient): Promise<HarvestSummary> {
  const db = ctx.db;
  const counts: IngestCounts = { ...batch.counts };
  let cp = batch.checkpoint as HarvestCheckpoint;
  if (cp.granularity === undefined) cp = await firstCheckpoint(db, p, batch, client, counts);
  const prefix: HarvestPrefix = p.prefix;

  const started = { at: Date.now(), records: cp.records };
  for (;;) {
    if (ctx.stopping) throw new JobInterrupted();
    await ctx.progress(progressOf(cp, started));
    const { page, records } = await client.request(listRecordsQuery(cp));
    const latest = records.reduce<string | undefined>((at, r) => laterOf(at, r.header.datestamp || undefined), cp.lastDatestamp);
    const step = afterPage(cp, page, records.length, latest);
    if (step.kind === 'fail') throw new PermanentJobError(`the repository answered ${step.message}`, step.code);
    if (step.kind === 'restart') {
      ctx.log.warn({ from: cp.from }, 'the repository refused its resumption token; asking for the list again');
      cp = { ...cp, ...step.cursor };
      await harvestStore.checkpoint(db, batch.id, cp, counts);
      continue;
    }
    const next: HarvestCheckpoint = { ...cp, ...step.cursor };
    const deleted = records.filter((r) => r.header.deleted).map((r) => r.header.identifier);
    const known = await harvestStore.localIds(db, profile.libraryId, deleted);
    const inputs = pageInputs(records, { prefix, localIdField: profile.localIdField, flavour: profile.flavour, firstPosition: cp.records + 1, known });
    counts.read += inputs.rejects.length;
    counts.rejected += inputs.rejects.length;

    // Written with the page's last records: the checkpoint moves only when the whole page is stored.
    let stored = 0;
    const commit = async (tx: Queryable, outcome?: ChunkOutcome): Promise<void> => {
      if (outcome) {
        addCounts(counts, outcome.counts);
        stored += outcome.counts.read;
        await harvestStore.reject(tx, batch.id, [
          ...outcome.rejects.map((r) => ({ position: r.position ?? next.records, problems: r.problems, ...(r.localId ? { localId: r.localId } : {}) })),
          // Stored, with problems in their holdings: listed with the batch like an import's.
          ...outcome.warned.map((w) => ({ position: w.position ?? next.records, problems: w.problems, localId: w.localId, severity: 'warning' as const })),
        ]);
        if (stored < inputs.inputs.length) return;
      }
      await harvestStore.reject(tx, batch.id, inputs.rejects);
      await harvestStore.rememberIdentifiers(tx, profile.libraryId, inputs.identifiers);
      await harvestStore.checkpoint(tx, batch.id, next, counts);
    };
    if (inputs.inputs.length > 0) {
      await ingestRecords(db, {
        library: p.library, records: inputs.inputs, via: `harvest:${batch.id}`, actor: { userId: batch.startedBy }, batchId: batch.id,
        chunkSize: inputs.inputs.length, afterChunk: commit,
      });
    } else {
      await db.transaction((tx) => commit(tx));
    }
    cp = next;
    if (step.kind === 'done') break;
  }
  await harvestStore.finish(db, batch.id, 'done');
  await ctx.progress({ done: cp.records, total: cp.records, stage: 'done' });
  return summaryOf(batch, cp, counts);
}

/** Progress for the job and the terminal: records so far, of the list's size when told, rate and time left in this attempt. */
function progressOf(cp: HarvestCheckpoint, started: { at: number; records: number }): JobProgress {
  const seconds = (Date.now() - started.at) / 1000;
  const rate = seconds > 0 ? (cp.records - started.records) / seconds : 0;
  const left = cp.completeListSize !== undefined ? cp.completeListSize - cp.records : undefined;
  return {
    done: cp.records,
    stage: `harvesting page ${cp.pages + 1}`,
    ...(cp.completeListSize !== undefined ? { total: cp.completeListSize } : {}),
    ...(rate > 0 ? { perSecond: Math.round(rate) } : {}),
    ...(rate > 0 && left !== undefined && left >= 0 ? { etaSeconds: Math.round(left / rate) } : {}),
  };
}

/** A new run: Identify for the granularity, and where the list starts (given, or the last harvest's latest datestamp). */
async function firstCheckpoint(db: Queryable, p: z.output<typeof harvestPayload>, batch: HarvestBatch, client: OaiClient, counts: IngestCounts): Promise<HarvestCheckpoint> {
  const identify = await client.identify();
  const granularity = granularityOf(identify.granularity);
  const from = p.from !== undefined ? parseUserDate(p.from) : await harvestStore.previousLatest(db, batch.libraryId, p.url, p.prefix, p.set);
  const until = p.until !== undefined ? parseUserDate(p.until) : undefined;
  const cp: HarvestCheckpoint = {
    prefix: p.prefix,
    ...(p.set ? { set: p.set } : {}),
    // The run's own `from` is also its latest datestamp until records come: a run that finds
    // nothing new hands the same start on to the next one.
    ...(from ? { from: fromArgument(from, granularity), lastDatestamp: fromArgument(from, granularity) } : {}),
    ...(until ? { until: untilArgument(until, granularity) } : {}),
    pages: 0,
    records: 0,
    granularity,
    ...(identify.deletedRecord ? { deletedRecord: identify.deletedRecord } : {}),
  };
  await harvestStore.checkpoint(db, batch.id, cp, counts);
  return cp;
}
