import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PlatformErrors } from '../errors/platform-errors.js';
import { hasPermission } from '../http/authorize.js';
import type { Principal } from '../http/access.js';
import type { Job } from './types.js';

const jobSchema = z.object({
  id: z.number().int(),
  kind: z.string(),
  status: z.enum(['queued', 'running', 'succeeded', 'failed', 'cancelled']),
  attempts: z.number().int(),
  maxAttempts: z.number().int(),
  runAt: z.date(),
  /** The node that works the job, or that last worked it once it is finished. */
  node: z.string().nullable(),
  progress: z
    .object({ done: z.number(), total: z.number().optional(), stage: z.string().optional(), perSecond: z.number().optional(), etaSeconds: z.number().optional() })
    .nullable(),
  result: z.unknown(),
  lastError: z.object({ at: z.string(), attempt: z.number(), message: z.string(), code: z.string().optional() }).nullable(),
  errors: z.array(z.object({ at: z.string(), attempt: z.number(), message: z.string(), code: z.string().optional() })),
  createdAt: z.date(),
  startedAt: z.date().nullable(),
  finishedAt: z.date().nullable(),
});

const present = (j: Job): z.infer<typeof jobSchema> => ({
  id: j.id,
  kind: j.kind,
  status: j.status,
  attempts: j.attempts,
  maxAttempts: j.maxAttempts,
  runAt: j.runAt,
  node: j.lockedBy,
  progress: j.progress,
  result: j.result,
  lastError: j.lastError,
  errors: j.errors,
  createdAt: j.createdAt,
  startedAt: j.startedAt,
  finishedAt: j.finishedAt,
});

// A job id as it can be in the table (bigint, kept below 2^53): anything else is a 400, not a database error.
const jobParams = z.strictObject({ id: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER) });

/** A job is visible to whoever queued it and to network administrators. */
const maySee = (p: Principal | undefined, j: Job) => !!p && (j.createdBy === p.userId || hasPermission(p, 'network-admin'));

/** Background jobs: their progress and errors, and cancelling one. */
export const jobRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/jobs',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['jobs'],
        summary: 'Jobs you queued (all jobs for a network administrator), newest first',
        querystring: z.strictObject({
          kind: z.string().optional(),
          status: z.enum(['queued', 'running', 'succeeded', 'failed', 'cancelled']).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
          before: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
        }),
        response: { 200: z.object({ items: z.array(jobSchema) }) },
      },
    },
    async (req) => {
      const p = req.principal!;
      const all = hasPermission(p, 'network-admin');
      const jobs = await app.jobs.list({
        kind: req.query.kind,
        status: req.query.status,
        limit: req.query.limit,
        beforeId: req.query.before,
        ...(all ? {} : { libraryIds: [], createdBy: p.userId }),
      });
      return { items: jobs.map(present) };
    },
  );

  app.get(
    '/jobs/:id',
    {
      config: { access: 'signed-in' },
      schema: { tags: ['jobs'], summary: 'One job: status, progress, errors', params: jobParams, response: { 200: jobSchema } },
    },
    async (req) => {
      const job = await app.jobs.get(req.params.id);
      if (!job || !maySee(req.principal, job)) throw PlatformErrors.JOB_NOT_FOUND({ id: req.params.id });
      return present(job);
    },
  );

  app.post(
    '/jobs/:id/cancel',
    {
      config: { access: 'signed-in' },
      schema: { tags: ['jobs'], summary: 'Cancel a queued or running job', params: jobParams, response: { 200: jobSchema } },
    },
    async (req) => {
      const job = await app.jobs.get(req.params.id);
      if (!job || !maySee(req.principal, job)) throw PlatformErrors.JOB_NOT_FOUND({ id: req.params.id });
      const cancelled = await app.jobs.cancel(job.id);
      if (!cancelled) throw PlatformErrors.JOB_NOT_CANCELLABLE({ id: job.id, status: job.status });
      return present(cancelled);
    },
  );
};
