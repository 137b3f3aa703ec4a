import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { recordAudit } from '../audit.js';
import { IdentityErrors } from '../errors.js';
import { identityDataOf, readerDataHolders } from './reader-data.js';

/** A person's own copy of what Anylib holds about them. */
export const privacyRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/me/data',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['accounts'],
        summary: 'Download what Anylib holds about you (JSON): account, roles, reader profiles, sign-in links, sessions, tokens, audit entries, interlibrary loan',
        description: 'Each download is recorded in the audit log (`reader.data-export`). No secrets: no password hash, token hash or session secret.',
      },
    },
    async (req, reply) => {
      const principal = req.principal!;
      if (principal.via === 'local') throw IdentityErrors.ACCOUNT_REQUIRED();
      const identity = await identityDataOf(app.db, principal.userId);
      if (!identity) throw IdentityErrors.USER_NOT_FOUND({ id: principal.userId });
      const parts: Record<string, unknown> = {};
      for (const h of readerDataHolders()) parts[h.area] = await h.exportFor(app.db, principal.userId);
      await recordAudit(app.db, { actor: principal, action: 'reader.data-export', target: `user:${principal.userId}`, details: { areas: ['identity', ...Object.keys(parts)] }, ip: req.ip, requestId: req.id });
      const stamp = new Date().toISOString().slice(0, 10);
      return reply
        .header('content-disposition', `attachment; filename="anylib-my-data-${stamp}.json"`)
        .header('cache-control', 'no-store')
        .send({ exportedAt: new Date(), identity, ...parts });
    },
  );
};
