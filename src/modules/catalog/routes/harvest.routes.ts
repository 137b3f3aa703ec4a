/**
 * OAI-PMH harvests of a member library's system (issue 3, "Records in"): start one (the URL given,
 * or the library's harvest settings, or its directory entry's OAI-PMH endpoint) and follow it.
 * Writing and reading need `catalogue` in the library's scope. The records a harvest rejected are
 * listed like an import's, under /libraries/{symbol}/imports/{batchId}/rejects.
 */
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { HARVEST_PREFIXES, harvestStatus, scheduleHarvests, startHarvest } from '../harvest/index.js';
import { HarvestErrors } from '../harvest/errors.js';

const tags = ['catalog'];
const ownLibrary = (req: FastifyRequest) => (req.params as { symbol: string }).symbol;

const symbolParams = z.strictObject({ symbol: z.string().min(1) });
const batchParams = z.strictObject({ symbol: z.string().min(1), batchId: z.coerce.number().int().positive() });
const harvestBody = z.strictObject({
  url: z.url({ protocol: /^https?$/ }).optional().describe("the repository's base URL; default: the library's harvest settings, then its directory entry"),
  set: z.string().min(1).max(500).optional(),
  prefix: z.enum(HARVEST_PREFIXES).optional().describe('marc21 (default) or oai_dc'),
  from: z.string().max(40).optional().describe('2024-05-01 or 2024-05-01T10:00:00Z; default: the latest datestamp of the last completed harvest of the same list'),
  until: z.string().max(40).optional(),
});
const counts = z.object({ read: z.number(), created: z.number(), updated: z.number(), unchanged: z.number(), deleted: z.number(), rejected: z.number() });
const progress = z.object({ done: z.number(), total: z.number().optional(), stage: z.string().optional() });
const harvestView = z.object({
  batchId: z.number(),
  library: z.string(),
  url: z.string(),
  prefix: z.string().nullable(),
  set: z.string().nullable(),
  status: z.string(),
  counts,
  /** Where the run stands: pages and records so far, the list's size when the repository told it, the latest datestamp harvested. */
  pages: z.number(),
  records: z.number(),
  completeListSize: z.number().nullable(),
  from: z.string().nullable(),
  lastDatestamp: z.string().nullable(),
  jobId: z.number().nullable(),
  job: z.object({ status: z.string(), attempts: z.number(), progress: progress.nullable(), lastError: z.object({ message: z.string(), code: z.string().optional() }).nullable() }).nullable(),
});

export const harvestRoutes: FastifyPluginAsyncZod = async (app) => {
  // A serving node makes sure the daily look at the harvest schedule is queued; tests, which never listen, do not.
  app.addHook('onListen', async () => {
    await scheduleHarvests(app.jobs).catch((err: unknown) => app.log.warn({ err }, 'could not schedule harvests'));
  });

  const view = async (symbol: string, batchId: number): Promise<z.infer<typeof harvestView>> => {
    const status = await harvestStatus(app.db, symbol, batchId);
    if (!status) throw HarvestErrors.HARVEST_NOT_FOUND({ symbol, batchId });
    const job = status.jobId !== null ? await app.jobs.get(status.jobId) : undefined;
    return {
      ...status,
      job: job ? { status: job.status, attempts: job.attempts, progress: job.progress, lastError: job.lastError && { message: job.lastError.message, ...(job.lastError.code ? { code: job.lastError.code } : {}) } } : null,
    };
  };

  app.post(
    '/libraries/:symbol/harvests',
    {
      config: { access: { permission: 'catalogue', library: ownLibrary } },
      schema: {
        tags,
        summary: "Harvest the library's records from its OAI-PMH repository (marc21 or oai_dc); a job does it",
        params: symbolParams,
        body: harvestBody,
        response: { 202: harvestView },
      },
    },
    async (req, reply) => {
      // The CLI's local principal (user 0) is nobody in the users table.
      const userId = req.principal && req.principal.userId > 0 ? req.principal.userId : null;
      const started = await startHarvest(app.db, app.jobs, { library: req.params.symbol, ...req.body }, userId);
      return reply.status(202).send(await view(req.params.symbol, started.batchId));
    },
  );

  app.get(
    '/libraries/:symbol/harvests/:batchId',
    {
      config: { access: { permission: 'catalogue', library: ownLibrary } },
      schema: { tags, summary: 'One harvest: where it stands, its counts and its job', params: batchParams, response: { 200: harvestView } },
    },
    async (req) => view(req.params.symbol, req.params.batchId),
  );
};
