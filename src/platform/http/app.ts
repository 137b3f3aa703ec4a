import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from '../config.js';
import type { Db } from '../db/index.js';
import { negotiateLocale } from '../i18n.js';
import { toProblem } from '../errors/problem.js';
import { PlatformErrors } from '../errors/platform-errors.js';
import { serializerCompiler, validatorCompiler } from './validation.js';
import { healthRoutes } from './health.js';
import { webApp } from './web-app.js';
import { errorRoutes } from './error-routes.js';
import { decide } from './authorize.js';
import type { JobQueue } from '../jobs/index.js';
import { jobRoutes } from '../jobs/job-routes.js';

export type App = FastifyInstance;

export interface AppOptions {
  config: Config;
  db: Db;
  /** The process's pino logger; tests leave it out (no logs). */
  logger?: Logger;
  jobs: JobQueue;
  /**
   * Registered before any route: sets `request.principal` (the identity module). Without it
   * every request is anonymous.
   */
  authentication?: (app: App) => Promise<void>;
  /** Registers the modules' routes (the composition root passes this; the platform knows no module). */
  modules: (app: App) => Promise<void>;
}

/**
 * Builds the HTTP application without listening, so tests drive it with `app.inject()`.
 * Order matters: language and request id first, then the modules (which bring authentication),
 * then the catch-all handlers.
 */
export async function buildApp(opts: AppOptions): Promise<App> {
  const app = Fastify({
    ...(opts.logger ? { loggerInstance: opts.logger as FastifyBaseLogger } : { logger: false }),
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,128}$/.test(given) ? given : randomUUID();
    },
    bodyLimit: 10 * 1024 * 1024,
    trustProxy: true,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('config', opts.config);
  app.decorate('db', opts.db);
  app.decorate('jobs', opts.jobs);
  app.decorateRequest('principal', undefined);
  app.decorateRequest('locale', 'en');
  app.decorateRequest('ownAuthorization', undefined);

  await app.register(cookie, { secret: opts.config.secret });
  app.addHook('onRequest', async (req, reply) => {
    const query = req.query as Record<string, unknown> | undefined;
    const lang = typeof query?.lang === 'string' ? query.lang : req.cookies.lang;
    // `lang` is understood by every route, so it is taken out before a route's strict query schema sees it.
    if (query && 'lang' in query) delete query.lang;
    req.locale = negotiateLocale(req.headers['accept-language'], lang);
    reply.header('x-request-id', req.id);
    // Before authentication (registered after this hook): see `ownCredentials` in access.ts.
    if (req.routeOptions.config.ownCredentials && req.headers.authorization !== undefined) {
      req.ownAuthorization = req.headers.authorization;
      delete req.headers.authorization;
    }
  });

  // Every API route says who may call it; a route that forgets is a bug caught at start-up.
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/') && !route.config?.access) {
      throw new Error(`Route ${String(route.method)} ${route.url} declares no access rule (config.access)`);
    }
  });
  if (opts.authentication) await opts.authentication(app);
  // Before validation: a caller who may not do something learns that first, not what is wrong with the body.
  app.addHook('preValidation', async (req) => {
    const rule = req.routeOptions.config.access ?? 'public';
    const decision = decide(rule, req.principal, req);
    if (!decision.allowed) {
      throw decision.reason === 'unauthenticated'
        ? PlatformErrors.UNAUTHENTICATED()
        : PlatformErrors.FORBIDDEN({ permission: decision.permission });
    }
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Anylib API',
        version: '1',
        description:
          'The REST API of Anylib, the shared-services platform of a library alliance. Errors are RFC 9457 problem details with a stable `code` (list: /api/v1/errors).',
      },
      servers: [{ url: opts.config.baseUrl }],
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'anylib_session' },
          token: { type: 'http', scheme: 'bearer' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());

  app.setErrorHandler((err, req, reply) => {
    const { problem, bug } = toProblem(err, {
      locale: req.locale,
      requestId: req.id,
      instance: req.url,
      baseUrl: opts.config.baseUrl,
    });
    if (bug) req.log.error({ err }, 'unexpected error');
    else req.log.info({ code: problem.code, status: problem.status }, 'request refused');
    void reply.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
  });
  app.setNotFoundHandler((req, reply) => {
    const { problem } = toProblem(PlatformErrors.ROUTE_NOT_FOUND({ method: req.method, path: req.url.split('?')[0] }), {
      locale: req.locale,
      requestId: req.id,
      instance: req.url,
      baseUrl: opts.config.baseUrl,
    });
    void reply.status(404).type('application/problem+json').send(JSON.stringify(problem));
  });

  await app.register(healthRoutes);
  await app.register(webApp);
  await app.register(errorRoutes, { prefix: '/api/v1' });
  await app.register(jobRoutes, { prefix: '/api/v1' });
  await opts.modules(app);
  return app;
}

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    db: Db;
    jobs: JobQueue;
  }
}
