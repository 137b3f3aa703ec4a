import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';
import { fromRoot } from '../paths.js';
import { homeRoutes } from './home.js';

export interface WebAppOptions {
  /** The built web application (`vite build web`); default `web/dist` beside package.json. */
  root?: string;
}

/**
 * Paths that belong to the API and the protocols: never answered with the web application's
 * page, so a client that mistypes one gets a problem document, not HTML.
 */
const serverPaths = ['/api', '/sru', '/oai', '/openurl', '/iso18626', '/healthz', '/readyz', '/docs', '/openapi.json'];

const isServerPath = (url: string) => serverPaths.some((p) => url === p || url.startsWith(`${p}/`) || url.startsWith(`${p}?`));

/** A browser navigating (a link, the address bar, a reload) asks for HTML; fetch() and API clients do not. */
const wantsHtml = (req: FastifyRequest) => /\btext\/html\b/.test(req.headers.accept ?? '');

/**
 * Security headers of the page: scripts and styles only from this origin (Vite writes no inline
 * script or style; React sets styles through the DOM, which a policy does not stop), no framing.
 */
const pageHeaders = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  // index.html names the hashed files of the current build: asked again each time, so a new
  // deployment reaches every reader at their next page load.
  'cache-control': 'no-cache',
};

/**
 * The web application (issue 7, docs/web.md) at `/`: hashed assets under `/assets/` cached for a
 * year, and index.html for `/` and for any other page of the application (client-side routes such
 * as `/search?q=…` or `/clusters/12`, reloaded or shared). When `web/dist` was never built (tests,
 * a checkout without `npm run build:web`), `/` says what is running and how to build the pages.
 */
export const webApp: FastifyPluginAsync<WebAppOptions> = async (app, opts) => {
  const root = opts.root ?? fromRoot('web', 'dist');
  const indexFile = path.join(root, 'index.html');
  if (!existsSync(indexFile)) {
    await app.register(homeRoutes);
    return;
  }

  await app.register(fastifyStatic, {
    root: path.join(root, 'assets'),
    prefix: '/assets/',
    index: false,
    decorateReply: false,
    cacheControl: false,
    setHeaders: (res) => {
      // Vite puts the content's hash in every file name under assets/: a changed file is a new name.
      void res.header('cache-control', 'public, max-age=31536000, immutable');
      void res.header('x-content-type-options', 'nosniff');
    },
  });

  // The page is read again only when a new build replaced it, so `vite build` under a running server is enough.
  let cached: { mtimeMs: number; html: Buffer } | undefined;
  const page = async () => {
    const { mtimeMs } = await stat(indexFile);
    if (cached?.mtimeMs !== mtimeMs) cached = { mtimeMs, html: await readFile(indexFile) };
    return cached.html;
  };

  app.get('/', { config: { access: 'public' }, schema: { hide: true } }, async (_req, reply) =>
    reply.headers(pageHeaders).type('text/html; charset=utf-8').send(await page()),
  );

  // Unknown paths that are not the server's own and come from a browser navigating: the page,
  // whose router shows the route (or its own "not found"). Everything else keeps the problem 404.
  app.get('/*', { config: { access: 'public' }, schema: { hide: true } }, async (req, reply) => {
    const url = req.url;
    if (isServerPath(url) || url.startsWith('/assets/') || !wantsHtml(req)) return reply.callNotFound();
    return reply.headers(pageHeaders).type('text/html; charset=utf-8').send(await page());
  });
};
