import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requestContext } from './context.js';
import { createdTokenSchema, idParams, newTokenBody, tokenSchema } from './schemas.js';
import type { TokenRow } from './store.js';
import { createToken, listTokens, revokeToken } from './tokens.js';

const tags = ['tokens'];

const present = (t: TokenRow, now: Date): z.infer<typeof tokenSchema> => ({
  id: t.id,
  name: t.name,
  scopes: t.scopes,
  status: t.revoked_at ? 'revoked' : t.expires_at && t.expires_at <= now ? 'expired' : 'active',
  expiresAt: t.expires_at,
  lastUsedAt: t.last_used_at,
  revokedAt: t.revoked_at,
  createdAt: t.created_at,
});

/** API tokens for systems: made by a signed-in person for their own account, shown once, stored hashed. */
export const tokenRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/tokens',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'Make an API token for your account',
        description: 'The secret is in this answer only. Scopes may only narrow what you may do; the token expires (default 90 days, at most 366).',
        body: newTokenBody,
        response: { 201: createdTokenSchema },
      },
    },
    async (req, reply) => {
      return reply.code(201).send(await createToken(app.db, requestContext(req), req.body));
    },
  );

  app.get(
    '/tokens',
    {
      config: { access: 'signed-in' },
      schema: { tags, summary: 'Your API tokens (without their secrets)', response: { 200: z.object({ items: z.array(tokenSchema) }) } },
    },
    async (req) => {
      const now = new Date();
      return { items: (await listTokens(app.db, req.principal!.userId)).map((t) => present(t, now)) };
    },
  );

  app.delete(
    '/tokens/:id',
    {
      config: { access: 'signed-in' },
      schema: { tags, summary: 'Revoke one of your API tokens', params: idParams, response: { 204: z.null() } },
    },
    async (req, reply) => {
      await revokeToken(app.db, requestContext(req), req.params.id);
      return reply.code(204).send(null);
    },
  );
};
