import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isMigrated } from '../db/index.js';

const health = z.object({ status: z.enum(['ok', 'unavailable']), database: z.string().optional(), reason: z.string().optional() });

/** `/healthz`: the process answers. `/readyz`: the database answers and every migration is applied. */
export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/healthz',
    { config: { access: 'public' }, schema: { hide: true, response: { 200: health } } },
    async () => ({ status: 'ok' as const }),
  );
  app.get(
    '/readyz',
    { config: { access: 'public' }, schema: { hide: true, response: { 200: health, 503: health } } },
    async (_req, reply) => {
      const ready = await withTimeout(isMigrated(app.db), 2000).catch(() => false);
      if (ready) return { status: 'ok' as const, database: app.db.kind };
      return reply.status(503).send({ status: 'unavailable' as const, database: app.db.kind, reason: 'database not reachable or not migrated' });
    },
  );
};

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms).unref())]);
}
