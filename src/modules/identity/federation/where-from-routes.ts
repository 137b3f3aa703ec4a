import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdentityErrors } from '../errors.js';
import { safeReturnTo } from './mapping.js';
import { findSignInLibraries, homeLibraryCookie, homeLibraryMaxAge, providerOfLibrary } from './where-from.js';

const tags = ['auth'];
const option = z.object({ id: z.number().int(), kind: z.enum(['oidc', 'saml', 'cas']), name: z.string(), startUrl: z.string() });
const choice = z.object({
  symbol: z.string(),
  name: z.object({ zh: z.string(), en: z.string() }),
  match: z.enum(['symbol', 'abbreviation', 'name', 'pinyin', 'initials', 'short-form', 'remembered']),
  signIn: z.array(option),
});

/** "Where are you from?": find the reader's library, start its sign-in, remember the choice. */
export const whereFromRoutes: FastifyPluginAsyncZod = async (app) => {
  const secure = app.config.baseUrl.startsWith('https:');

  app.get(
    '/auth/libraries',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Where are you from? Libraries by name (zh/en), abbreviation or pinyin, with their sign-in options',
        description: 'See docs/identity.md, “Where are you from?”. `remembered`: the library this browser chose last time (cookie `anylib_home_library`).',
        querystring: z.object({
          q: z.string().max(100).optional(),
          limit: z.coerce.number().int().min(1).max(50).default(10),
          returnTo: z.string().max(4000).optional(),
        }),
        response: { 200: z.object({ items: z.array(choice), remembered: choice.nullable(), returnTo: z.string() }) },
      },
    },
    async (req, reply) => {
      void reply.header('cache-control', 'private, no-store');
      return findSignInLibraries(app.db, { q: req.query.q?.trim() || undefined, limit: req.query.limit, returnTo: req.query.returnTo, remembered: req.cookies[homeLibraryCookie] });
    },
  );

  app.get(
    '/auth/libraries/:symbol/sign-in/:providerId',
    {
      config: { access: 'public', csrf: false },
      schema: {
        tags,
        summary: 'Start signing in through one of the library’s providers, remembering the library for next time',
        params: z.strictObject({ symbol: z.string().min(1).max(100), providerId: z.coerce.number().int().positive() }),
        querystring: z.object({ returnTo: z.string().max(4000).optional() }),
      },
    },
    async (req, reply) => {
      const p = await providerOfLibrary(app.db, req.params.symbol, req.params.providerId);
      if (!p) throw IdentityErrors.IDENTITY_PROVIDER_NOT_FOUND({ id: req.params.providerId });
      void reply.setCookie(homeLibraryCookie, req.params.symbol, { path: '/', sameSite: 'lax', secure, maxAge: homeLibraryMaxAge });
      const returnTo = safeReturnTo(req.query.returnTo);
      return reply.header('cache-control', 'no-store').redirect(`/api/v1/auth/${p.kind}/${p.id}/login?returnTo=${encodeURIComponent(returnTo)}`, 302);
    },
  );

  app.delete(
    '/auth/libraries/remembered',
    { config: { access: 'public' }, schema: { tags, summary: 'Forget the remembered library of this browser', response: { 204: z.null() } } },
    async (_req, reply) => {
      void reply.clearCookie(homeLibraryCookie, { path: '/' });
      return reply.code(204).send(null);
    },
  );
};
