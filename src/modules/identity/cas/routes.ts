import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { completeSignIn, idOf, refuseSignIn } from '../federation/sign-in.js';
import { casLoginSeconds, finishCasLogin, startCasLogin } from './login.js';

const tags = ['auth'];
/** Binds a CAS login to the browser that started it; read only by the callback. */
const casCookie = 'anylib_cas';
const casPath = '/api/v1/auth/cas/';

/** CAS 2.0/3.0: the login start and the service (where the server sends the ticket). */
export const casRoutes: FastifyPluginAsyncZod = async (app) => {
  const env = { db: app.db, baseUrl: app.config.baseUrl, lifetime: app.config.sessions };
  const secure = app.config.baseUrl.startsWith('https:');

  app.get(
    '/auth/cas/:providerId/login',
    {
      config: { access: 'public', csrf: false },
      schema: {
        tags,
        summary: 'Sign in through a library’s CAS server: redirects to its /login with our service URL',
        description: '`returnTo`: a path on this site to come back to (anything else gives `/`). Errors are an HTML page in the reader’s language.',
        params: z.strictObject({ providerId: z.string().max(30) }),
        querystring: z.object({ returnTo: z.string().max(4000).optional() }),
      },
    },
    async (req, reply) => {
      const providerId = idOf(req.params.providerId);
      try {
        const { redirect, key } = await startCasLogin(env, { providerId, returnTo: req.query.returnTo, ip: req.ip, locale: req.locale });
        void reply.setCookie(casCookie, key, { httpOnly: true, sameSite: 'lax', secure, path: casPath, maxAge: casLoginSeconds });
        return reply.header('cache-control', 'no-store').redirect(redirect, 302);
      } catch (err) {
        return refuseSignIn(app, req, reply, err, { via: 'cas', providerId, step: 'start' });
      }
    },
  );

  app.get(
    '/auth/cas/:providerId/callback',
    {
      config: { access: 'public', csrf: false },
      schema: {
        tags,
        summary: 'The CAS service: validates the ticket (p3/serviceValidate or serviceValidate), signs in, redirects to `returnTo`',
        params: z.strictObject({ providerId: z.string().max(30) }),
        querystring: z.object({ k: z.string().max(100).optional(), ticket: z.string().max(2000).optional() }),
      },
    },
    async (req, reply) => {
      const providerId = idOf(req.params.providerId);
      try {
        const done = await finishCasLogin(env, {
          providerId,
          key: req.query.k,
          ticket: req.query.ticket,
          cookieKey: req.cookies[casCookie],
          ip: req.ip,
          userAgent: req.headers['user-agent'],
          requestId: req.id,
          locale: req.locale,
        });
        void reply.clearCookie(casCookie, { path: casPath });
        return completeSignIn(app, req, reply, { ...done, providerId });
      } catch (err) {
        return refuseSignIn(app, req, reply, err, { via: 'cas', providerId, step: 'callback' });
      }
    },
  );
};
