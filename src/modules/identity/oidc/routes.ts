import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { completeSignIn, idOf, refuseSignIn } from '../federation/sign-in.js';
import { bindingFor, finishLogin, startLogin, transactionSeconds, type LoginEnv } from './login.js';

/** Binds a login transaction to the browser that started it (login CSRF); read only by the callback. */
export const bindingCookie = 'anylib_oidc';
const oidcPath = '/api/v1/auth/oidc/';

/** The OpenID Connect sign-in itself. */
export const oidcRoutes: FastifyPluginAsyncZod = async (app) => {
  const env: LoginEnv = { db: app.db, secret: app.config.secret, baseUrl: app.config.baseUrl, lifetime: app.config.sessions };
  const secure = app.config.baseUrl.startsWith('https:');

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
        return refuseSignIn(app, req, reply, err, { via: 'oidc', providerId, step: 'start' });
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
        return completeSignIn(app, req, reply, { ...done, providerId });
      } catch (err) {
        return refuseSignIn(app, req, reply, err, { via: 'oidc', providerId, step: 'callback' });
      }
    },
  );

};
