/**
 * `GET /openurl` and `POST /openurl` (a form): the OpenURL resolver, where a database's "find it
 * in the alliance" link lands (issue 4) and where an interlibrary-loan request starts (issue 5).
 * HTML for readers by default, JSON for programs (`Accept: application/json` or `format=json`).
 *
 * The link is read from the raw request line and body, not from Fastify's parsed query: the
 * percent-encodings may not be UTF-8 (kev.ts), and repeated keys (`rft.au`, `rft_id`) matter.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../../platform/db/index.js';
import { isAppError, type AppError, type FieldProblem } from '../../../platform/errors/index.js';
import { localize, negotiateLocale } from '../../../platform/i18n.js';
import { MAX_KEV_LENGTH, MAX_KEV_PAIRS, readContextObject, readKev, type CitationProblem, type KevPair } from '../domain/openurl/index.js';
import type { SearchIndex } from '../search-index.js';
import { OpenUrlErrors } from './errors.js';
import { resolutionJson } from './json.js';
import { PROBLEM_MESSAGES } from './messages.js';
import { errorPage, resolutionPage, type PageContext } from './page.js';
import { directoryNames, resolveCitation, type LibraryNames } from './resolve.js';

/** Keys of ours, not of the context object: the page's language and the answer's format. */
const OWN_KEYS = new Set(['lang', 'format']);
/** A form body larger than this is not a citation; Fastify answers 413 before we read it. */
const FORM_BODY_LIMIT = 64 * 1024;

/**
 * JSON when asked by `format=json`, or when Accept ranks application/json above text/html
 * (RFC 9110 §12.5.1); HTML otherwise, browsers' `*\/*` included.
 */
export function wantsJson(accept: string | undefined, format: string | undefined): boolean {
  if (format === 'json') return true;
  if (format === 'html') return false;
  let json = 0;
  let html = 0;
  for (const part of (accept ?? '').split(',')) {
    const [type = '', ...params] = part.trim().toLowerCase().split(';');
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!Number.isFinite(q)) continue;
    if (type.trim() === 'application/json' || type.trim() === 'application/problem+json') json = Math.max(json, q);
    if (type.trim() === 'text/html') html = Math.max(html, q);
  }
  return json > 0 && json > html;
}

const queryStringOf = (url: string | undefined): string => {
  const i = (url ?? '').indexOf('?');
  return i < 0 ? '' : url!.slice(i + 1);
};

const fieldProblem = (p: CitationProblem, req: FastifyRequest): FieldProblem => ({
  field: p.field,
  code: p.code,
  message: localize(PROBLEM_MESSAGES[p.code], req.locale, { field: p.field, value: p.value }),
});

export function openurlRoutes(indexFor: (db: Db) => SearchIndex): FastifyPluginAsync {
  return async (app) => {
    // Encapsulated in this plugin: other routes keep refusing form bodies.
    app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'buffer', bodyLimit: FORM_BODY_LIMIT }, (_req, body, done) => done(null, body));
    let index: SearchIndex | undefined;
    let names: LibraryNames | undefined;

    const handler = async (req: FastifyRequest, reply: FastifyReply) => {
      const body = req.method === 'POST' && Buffer.isBuffer(req.body) ? req.body.toString('latin1') : '';
      const raw = [queryStringOf(req.raw.url), body].filter((s) => s !== '').join('&');
      const kev = readKev(raw);
      const own = new Map<string, string>();
      const pairs: KevPair[] = [];
      if (kev.ok) {
        for (const p of kev.pairs) {
          if (OWN_KEYS.has(p.key)) own.set(p.key, p.value);
          else pairs.push(p);
        }
      }
      // `lang` in a form body counts as in the query string (the platform reads only the latter).
      const lang = own.get('lang');
      if (lang !== undefined) req.locale = negotiateLocale(req.headers['accept-language'], lang);
      const json = wantsJson(req.headers.accept, own.get('format'));
      const ctx: PageContext = {
        locale: req.locale,
        selfQuery: pairs.map((p) => `${encodeURIComponent(p.key)}=${encodeURIComponent(p.value)}`).join('&'),
      };
      const refuse = (err: AppError) => {
        if (json) throw err;
        const detail = localize(err.definition.message, req.locale, err.params);
        return reply.status(err.status).type('text/html; charset=utf-8').send(errorPage(detail, err.fields, ctx));
      };

      if (!kev.ok) return refuse(OpenUrlErrors.OPENURL_TOO_LONG({ length: kev.length, limit: MAX_KEV_LENGTH, pairs: MAX_KEV_PAIRS }));
      const read = readContextObject(pairs);
      const encodingProblems: CitationProblem[] = kev.fallbacks
        .filter((f) => !OWN_KEYS.has(f.key))
        .map((f) => ({ field: f.key, code: 'encoding', value: f.encoding === 'gb18030' ? 'GB18030' : 'Latin-1 (Windows-1252)' }));
      if (!read.ok) {
        if (read.reason === 'unsupported-version') return refuse(OpenUrlErrors.OPENURL_UNSUPPORTED_VERSION({ field: read.field, value: read.value }));
        return refuse(OpenUrlErrors.OPENURL_NO_METADATA({}, [...read.problems, ...encodingProblems].map((p) => fieldProblem(p, req))));
      }
      try {
        index ??= indexFor(app.db);
        names ??= directoryNames(app.db);
        const res = await resolveCitation(app.db, index, names, read.citation, [...encodingProblems, ...read.problems]);
        // The same address answers in two formats and two languages.
        void reply.header('vary', 'accept, accept-language, cookie');
        if (json) return reply.type('application/json; charset=utf-8').send(resolutionJson(res, req.locale));
        return reply.type('text/html; charset=utf-8').send(resolutionPage(res, ctx));
      } catch (err) {
        // A refusal of the index (a search that took too long) reaches an HTML reader as a page too.
        if (isAppError(err)) return refuse(err);
        throw err;
      }
    };

    // `csrf: false`: resolving changes nothing, and a database's form posts from another site.
    const options = { config: { access: 'public' as const, csrf: false as const }, schema: { hide: true } };
    app.get('/openurl', options, handler);
    app.post('/openurl', options, handler);
  };
}
