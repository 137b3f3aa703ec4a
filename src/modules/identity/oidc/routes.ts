import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordAudit } from '../audit.js';
import { setSessionCookie } from '../auth-routes.js';
import { sessionCookie } from '../authentication.js';
import { requestContext } from '../context.js';
import { hashSecret } from '../domain/secrets.js';
import { libraryParams } from '../schemas.js';
import { sessionStore } from '../session-store.js';
import { LoginFailure } from './failure.js';
import { bindingFor, finishLogin, startLogin, transactionSeconds, type LoginEnv } from './login.js';
import { errorPage } from './page.js';
import { providerStore } from './provider-store.js';
import { createProvider, deleteProvider, getProvider, listProviders, updateProvider } from './providers.js';
import { getReader, updateReader } from './readers.js';
import { newProviderBody, providerParams, providerPatch, providerSchema, readerParams, readerPatch, readerSchema } from './schemas.js';

const tags = ['identity-providers'];
/** Binds a login transaction to the browser that started it (login CSRF); read only by the callback. */
export const bindingCookie = 'anylib_oidc';
const oidcPath = '/api/v1/auth/oidc/';

const libraryAdmin = { permission: 'library-admin' as const, library: (req: FastifyRequest) => (req.params as { symbol?: string }).symbol };

/** Identity providers of a library (its administrators), readers' profiles, and the OpenID Connect sign-in itself. */
export const oidcRoutes: FastifyPluginAsyncZod = async (app) => {
  const env: LoginEnv = { db: app.db, secret: app.config.secret, baseUrl: app.config.baseUrl };
  const secure = app.config.baseUrl.startsWith('https:');
  const base = '/libraries/:symbol/identity-providers';

  app.post(
    base,
    {
      config: { access: libraryAdmin },
      schema: {
        tags,
        summary: 'Add an OpenID Connect provider through which the library’s readers and staff sign in',
        description: 'The client secret is write-only. Register the answer’s `redirectUri` at the provider.',
        params: libraryParams,
        body: newProviderBody,
        response: { 201: providerSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await createProvider(app.db, requestContext(req), req.params.symbol, req.body, env.secret, env.baseUrl)),
  );

  app.get(
    base,
    { config: { access: libraryAdmin }, schema: { tags, summary: 'The library’s identity providers', params: libraryParams, response: { 200: z.object({ items: z.array(providerSchema) }) } } },
    async (req) => ({ items: await listProviders(app.db, req.params.symbol, env.baseUrl) }),
  );

  app.get(
    `${base}/:id`,
    { config: { access: libraryAdmin }, schema: { tags, summary: 'One identity provider', params: providerParams, response: { 200: providerSchema } } },
    async (req) => getProvider(app.db, req.params.symbol, req.params.id, env.baseUrl),
  );

  app.patch(
    `${base}/:id`,
    {
      config: { access: libraryAdmin },
      schema: { tags, summary: 'Change an identity provider (the secret: give a new one, or null to remove it)', params: providerParams, body: providerPatch, response: { 200: providerSchema } },
    },
    async (req) => updateProvider(app.db, requestContext(req), req.params.symbol, req.params.id, req.body, env.secret, env.baseUrl),
  );

  app.delete(
    `${base}/:id`,
    { config: { access: libraryAdmin }, schema: { tags, summary: 'Remove an identity provider (its accounts stay)', params: providerParams, response: { 204: z.null() } } },
    async (req, reply) => {
      await deleteProvider(app.db, requestContext(req), req.params.symbol, req.params.id);
      return reply.code(204).send(null);
    },
  );

  const readerAccess = { permission: ['library-admin', 'lending'] as const, library: libraryAdmin.library };
  app.get(
    '/libraries/:symbol/readers/:userId',
    { config: { access: readerAccess }, schema: { tags: ['readers'], summary: 'A reader’s profile in the library (audited)', params: readerParams, response: { 200: readerSchema } } },
    async (req) => getReader(app.db, requestContext(req), req.params.symbol, req.params.userId),
  );
  app.patch(
    '/libraries/:symbol/readers/:userId',
    {
      config: { access: readerAccess },
      schema: {
        tags: ['readers'],
        summary: 'Change a reader’s category, or block them (their sessions end, sign-in is refused)',
        params: readerParams,
        body: readerPatch,
        response: { 200: readerSchema },
      },
    },
    async (req) => updateReader(app.db, requestContext(req), req.params.symbol, req.params.userId, req.body),
  );

  app.get(
    '/auth/oidc/:providerId/login',
    {
      config: { access: 'public', csrf: false },
      schema: {
        tags: ['auth'],
        summary: 'Sign in through a library’s OpenID provider: redirects there (code flow, PKCE S256, state, nonce)',
        description: '`returnTo`: a path on this site to come back to (anything else gives `/`). Errors are an HTML page in the reader’s language.',
        params: z.strictObject({ providerId: z.string().max(30) }),
        querystring: z.object({ returnTo: z.string().max(4000).optional() }),
      },
    },
    async (req, reply) => {
      const providerId = idOf(req.params.providerId);
      const binding = bindingFor(req.cookies[bindingCookie]);
      try {
        const { redirect } = await startLogin(env, { providerId, returnTo: req.query.returnTo, ip: req.ip, locale: req.locale, binding });
        void reply.setCookie(bindingCookie, binding, { httpOnly: true, sameSite: 'lax', secure, path: oidcPath, maxAge: transactionSeconds });
        return reply.header('cache-control', 'no-store').redirect(redirect.href, 302);
      } catch (err) {
        return refuse(req, reply, err, providerId, 'start');
      }
    },
  );

  app.get(
    '/auth/oidc/:providerId/callback',
    {
      config: { access: 'public', csrf: false },
      schema: {
        tags: ['auth'],
        summary: 'Where the OpenID provider sends the reader back: signs in (account made just in time) and redirects to `returnTo`',
        params: z.strictObject({ providerId: z.string().max(30) }),
      },
    },
    async (req, reply) => {
      const providerId = idOf(req.params.providerId);
      const query = req.url.includes('?') ? req.url.slice(req.url.indexOf('?') + 1) : '';
      try {
        const done = await finishLogin(env, {
          providerId,
          query,
          binding: req.cookies[bindingCookie],
          ip: req.ip,
          userAgent: req.headers['user-agent'],
          requestId: req.id,
          locale: req.locale,
        });
        // A browser signing in again leaves no second session behind.
        const previous = req.cookies[sessionCookie];
        if (previous) await sessionStore.deleteSession(app.db, hashSecret(previous));
        setSessionCookie(reply, done.session.secret, secure);
        req.log.info({ providerId, userId: done.session.account.id, created: done.created }, 'federated sign-in');
        return reply.header('cache-control', 'no-store').redirect(done.returnTo, 302);
      } catch (err) {
        return refuse(req, reply, err, providerId, 'callback');
      }
    },
  );

  /** The reader gets a page; the log and the audit log get the reason. Nothing else is written. */
  async function refuse(req: FastifyRequest, reply: FastifyReply, err: unknown, providerId: number, step: 'start' | 'callback') {
    if (!(err instanceof LoginFailure)) throw err;
    const provider = providerId > 0 ? await providerStore.byId(app.db, providerId) : undefined;
    req.log.warn({ providerId, step, code: err.problem.code, reason: err.reason }, 'federated sign-in refused');
    if (err.problem.code === 'RATE_LIMITED') {
      void reply.header('retry-after', String(err.problem.params.seconds));
    } else {
      // Not for throttled starts: an attack would write a row per request.
      await recordAudit(app.db, {
        actor: undefined,
        actorName: provider ? `oidc:${provider.id}` : 'oidc',
        action: 'login.failed',
        target: err.userId ? `user:${err.userId}` : `identity-provider:${providerId}`,
        library: provider?.library,
        details: { via: 'oidc', step, code: err.problem.code, reason: err.reason },
        ip: req.ip,
        requestId: req.id,
      });
    }
    const retry = provider?.enabled && step === 'callback' ? `${oidcPath}${provider.id}/login` : undefined;
    return reply
      .code(err.problem.status)
      .header('cache-control', 'no-store')
      .type('text/html; charset=utf-8')
      .send(errorPage({ locale: req.locale, problem: err.problem, requestId: req.id, retryHref: retry }));
  }
};

/** A provider id from the path; anything that is no id is an unknown provider (0), answered with the page. */
function idOf(raw: string): number {
  return /^[1-9]\d{0,15}$/.test(raw) ? Number(raw) : 0;
}
