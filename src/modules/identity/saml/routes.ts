import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { LoginFailure } from '../federation/failure.js';
import { completeSignIn, idOf, refuseSignIn } from '../federation/sign-in.js';
import { finishSamlLogin, startSamlLogin } from './login.js';
import { handleSlo } from './logout.js';
import { spMetadata } from './sp.js';
import { spKeys } from './sp-keys.js';

const tags = ['auth'];

/** SAML 2.0: our SP metadata, the login start, the assertion consumer service, single logout. */
export const samlRoutes: FastifyPluginAsyncZod = async (app) => {
  const env = { db: app.db, site: { baseUrl: app.config.baseUrl, keys: spKeys(app.config) }, lifetime: app.config.sessions };
  // The IdP posts the Response as an HTML form (HTTP-POST binding); only in this plugin.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 512 * 1024 }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });

  app.get(
    '/auth/saml/metadata',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Anylib’s SAML 2.0 service provider metadata (one SP for the deployment; its entityID is this URL)',
        description: 'Give this URL (or the document) to each library’s IdP, or register it once in a federation such as CARSI.',
      },
    },
    async (_req, reply) => reply.type('application/samlmetadata+xml; charset=utf-8').header('cache-control', 'public, max-age=3600').send(spMetadata(env.site)),
  );

  app.get(
    '/auth/saml/:providerId/login',
    {
      config: { access: 'public', csrf: false },
      schema: {
        tags,
        summary: 'Sign in through a library’s SAML IdP: redirects there with an AuthnRequest (HTTP-Redirect binding)',
        description: '`returnTo`: a path on this site to come back to (anything else gives `/`). Errors are an HTML page in the reader’s language.',
        params: z.strictObject({ providerId: z.string().max(30) }),
        querystring: z.object({ returnTo: z.string().max(4000).optional() }),
      },
    },
    async (req, reply) => {
      const providerId = idOf(req.params.providerId);
      try {
        const url = await startSamlLogin(env, { providerId, returnTo: req.query.returnTo, ip: req.ip, locale: req.locale });
        return reply.header('cache-control', 'no-store').redirect(url, 302);
      } catch (err) {
        return refuseSignIn(app, req, reply, err, { via: 'saml', providerId, step: 'start' });
      }
    },
  );

  app.post(
    '/auth/saml/acs',
    {
      config: { access: 'public', csrf: false },
      schema: {
        tags,
        summary: 'Assertion consumer service (HTTP-POST binding): checks the signed assertion, signs the reader in, redirects to `returnTo`',
        body: z.object({ SAMLResponse: z.string().max(400_000).optional(), RelayState: z.string().max(1000).optional() }),
      },
    },
    async (req, reply) => {
      try {
        const done = await finishSamlLogin(env, { samlResponse: req.body.SAMLResponse, ip: req.ip, userAgent: req.headers['user-agent'], requestId: req.id, locale: req.locale });
        return completeSignIn(app, req, reply, { ...done, providerId: done.provider.id });
      } catch (err) {
        const providerId = err instanceof LoginFailure ? (err.providerId ?? 0) : 0;
        return refuseSignIn(app, req, reply, err, { via: 'saml', providerId, step: 'acs' });
      }
    },
  );

  app.get(
    '/auth/saml/slo',
    {
      config: { access: 'public', csrf: false },
      schema: { tags, summary: 'Single logout service (HTTP-Redirect binding): the IdP’s LogoutResponse, or its signed LogoutRequest' },
    },
    async (req, reply) => {
      const raw = req.url.includes('?') ? req.url.slice(req.url.indexOf('?') + 1) : '';
      const outcome = await handleSlo(app.db, env.site, req.query as Record<string, string | undefined>, raw, { ip: req.ip, requestId: req.id });
      if (outcome.kind === 'refused') {
        req.log.warn({ reason: outcome.reason }, 'SAML single logout refused');
        return reply.code(400).type('text/plain; charset=utf-8').send('SAML single logout refused; the reason is in the log.\n');
      }
      return reply.header('cache-control', 'no-store').redirect(outcome.kind === 'respond' ? outcome.redirect : outcome.returnTo, 302);
    },
  );
};
