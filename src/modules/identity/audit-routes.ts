import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { listAudit } from './audit.js';
import { auditPage, auditQuery } from './schemas.js';

/**
 * The audit log: who did what, when. A network administrator reads all of it; a library's
 * administrators read their library's part (`?library=SYMBOL`) and no other library's.
 */
export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/audit',
    {
      // Without ?library only a network administrator passes: the scope is then the whole network.
      config: { access: { permission: 'library-admin', library: (req) => (req.query as { library?: string }).library } },
      schema: {
        tags: ['audit'],
        summary: 'Entries of the audit log, newest first',
        querystring: auditQuery,
        response: { 200: auditPage },
      },
    },
    async (req) => {
      const { before, ...filter } = req.query;
      const items = await listAudit(app.db, { ...filter, beforeId: before });
      return { items, next: items.length === filter.limit ? items[items.length - 1]!.id : null };
    },
  );
};
