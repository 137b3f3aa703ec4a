/**
 * `GET /oai` and `POST /oai` (application/x-www-form-urlencoded, OAI-PMH §3.1.1.2): the OAI-PMH
 * 2.0 provider. Errors of the protocol are answered in the protocol (HTTP 200 with `<error>`
 * elements, §3.6), not as problem details.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { negotiateLocale, type Locale } from '../../../platform/i18n.js';
import { answerOai, type OaiSettings } from './oai.service.js';

export interface OaiRouteOptions {
  pageSize?: OaiSettings['pageSize'];
  adminEmail?: string;
}

const FORM = 'application/x-www-form-urlencoded';

/** The arguments in order, repeats kept (a repeated argument is an error the parser must see). */
const pairsOf = (encoded: string): [string, string][] => [...new URLSearchParams(encoded)];

export const oaiRoutes: FastifyPluginAsync<OaiRouteOptions> = async (app, options) => {
  // Encapsulated in this plugin: the form body is read as text and parsed with the arguments' rules.
  app.addContentTypeParser(FORM, { parseAs: 'string', bodyLimit: 64 * 1024 }, (_req, body, done) => done(null, body));

  const settings = (): OaiSettings => ({
    baseUrl: app.config.baseUrl,
    secret: app.config.secret,
    ...(options.pageSize ? { pageSize: options.pageSize } : {}),
    ...(options.adminEmail ? { adminEmail: options.adminEmail } : {}),
  });
  const localeOf = (req: FastifyRequest): Locale => (req as { locale?: Locale }).locale ?? negotiateLocale(req.headers['accept-language']);
  const send = async (req: FastifyRequest, reply: FastifyReply, pairs: [string, string][]) => {
    const xml = await answerOai(app.db, settings(), pairs, localeOf(req));
    return reply.type('text/xml; charset=utf-8').send(xml);
  };

  app.get('/oai', { config: { access: 'public' }, schema: { hide: true } }, async (req, reply) => {
    const query = req.url.includes('?') ? req.url.slice(req.url.indexOf('?') + 1) : '';
    return send(req, reply, pairsOf(query));
  });

  app.post('/oai', { config: { access: 'public' }, schema: { hide: true } }, async (req, reply) => {
    const body = typeof req.body === 'string' ? req.body : '';
    if (!(req.headers['content-type'] ?? '').toLowerCase().startsWith(FORM)) {
      // §3.1.1.2: POST carries the arguments as a form; anything else has none we can read.
      return send(req, reply, []);
    }
    return send(req, reply, pairsOf(body));
  });
};
