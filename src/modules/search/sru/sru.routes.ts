/**
 * `GET /sru` (and `POST /sru`, form-encoded, as SRU 1.2 §"HTTP POST" and 2.0 allow): SRU 1.1, 1.2
 * and 2.0 over the search index. Answers are XML, diagnostics included; never problem details.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { unionRecords } from '../../catalog/index.js';
import { searchIndexFor } from '../service.js';
import { serverPlace } from './explain.js';
import { contentTypeFor, searchRetrieveXml } from './response-xml.js';
import { answerSru } from './sru.service.js';
import { RenderedRecords } from './rendered-records.js';
import { diag, say } from '../domain/cql/index.js';

const NOT_A_FORM = Symbol('not a form');

export const sruRoutes: FastifyPluginAsync = async (app) => {
  const place = serverPlace(app.config.baseUrl);
  const index = searchIndexFor(app.db);
  const rendered = new RenderedRecords();
  // Scoped to this plugin: the rest of the application takes JSON bodies only.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 64 * 1024 }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });
  // SRW (SOAP) and other bodies are not SRU over HTTP: answered with a diagnostic below, not a 415 problem.
  app.addContentTypeParser('*', { parseAs: 'string', bodyLimit: 64 * 1024 }, (_req, _body, done) => done(null, NOT_A_FORM));

  const handle = async (req: FastifyRequest, reply: FastifyReply, params: Record<string, unknown>) => {
    try {
      const answer = await answerSru(params, {
        search: (r) => index.search(r),
        records: (ids) => unionRecords(app.db, ids),
        rendered,
        place,
        locale: req.locale,
        onError: (err) => req.log.error({ err }, 'SRU request failed'),
      });
      return reply.type(answer.contentType).send(answer.body);
    } catch (err) {
      // answerSru turns every failure it knows into a diagnostic; this is the last guard against a 500.
      req.log.error({ err }, 'SRU request failed');
      const body = searchRetrieveXml('1.2', { total: 0, estimated: false, records: [], nextRecordPosition: null, diagnostics: [diag(1, '')] }, req.locale);
      return reply.type(contentTypeFor('1.2')).send(body);
    }
  };

  const route = { config: { access: 'public' as const }, schema: { hide: true } };
  app.get('/sru', route, (req, reply) => handle(req, reply, (req.query ?? {}) as Record<string, unknown>));
  app.post('/sru', route, (req, reply) => {
    if (req.body === NOT_A_FORM) {
      const refused = diag(4, req.headers['content-type'] ?? '', say('only GET and form-encoded POST (application/x-www-form-urlencoded) are supported, not SRW (SOAP)', '只支持 GET 和表单编码的 POST（application/x-www-form-urlencoded），不支持 SRW（SOAP）'));
      return reply.type(contentTypeFor('1.2')).send(searchRetrieveXml('1.2', { total: 0, estimated: false, records: [], nextRecordPosition: null, diagnostics: [refused] }, req.locale));
    }
    return handle(req, reply, { ...((req.query ?? {}) as object), ...((req.body ?? {}) as object) });
  });
};
