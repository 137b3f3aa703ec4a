import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webApp } from '../../src/platform/http/web-app.js';
import { loadConfig } from '../../src/platform/config.js';

/**
 * The server's side of the web application (docs/web.md): the built page at `/` and at every
 * client-side route a browser asks for, hashed assets cached for a year, and the API's paths
 * left to the API. A real build is checked by the browser test (reader-portal.test.ts).
 */
async function serverWith(root: string): Promise<FastifyInstance> {
  const app = Fastify();
  await app.register(cookie);
  app.decorate('config', { ...loadConfig({ ANYLIB_SECRET: 'x'.repeat(40), ANYLIB_DATA_DIR: '/tmp/anylib-test-unused' }), baseUrl: 'http://anylib.test' });
  app.decorate('db', { kind: 'pglite' } as never);
  await app.register(webApp, { root });
  app.get('/api/v1/thing', async () => ({ ok: true }));
  app.setNotFoundHandler((_req, reply) => reply.status(404).type('application/problem+json').send({ code: 'ROUTE_NOT_FOUND' }));
  await app.ready();
  return app;
}

describe('serving the web application', () => {
  let app: FastifyInstance;
  let bare: FastifyInstance;
  let root: string;
  const html = { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };
  beforeAll(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'anylib-web-dist-'));
    mkdirSync(path.join(root, 'assets'));
    writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Anylib</title><div id="root"></div>');
    writeFileSync(path.join(root, 'assets', 'index-abc123.js'), 'console.log(1)');
    app = await serverWith(root);
    bare = await serverWith(path.join(root, 'not-built'));
  });
  afterAll(async () => {
    await app.close();
    await bare.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('answers / with the page, never cached stale, with a content security policy', async () => {
    const res = await app.inject({ url: '/', headers: html });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body).toContain('<div id="root">');
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
  });

  it('answers a reloaded or shared address of the application with the page', async () => {
    for (const url of ['/search?q=%E7%BA%A2%E6%A5%BC%E6%A2%A6&format=book', '/clusters/12', '/requests/3']) {
      const res = await app.inject({ url, headers: html });
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).toContain('<div id="root">');
    }
  });

  it('leaves the API, the protocols and the health checks to the server: a problem 404, not the page', async () => {
    for (const url of ['/api/v1/nothing', '/sru/x', '/oai/x', '/openurl/x', '/iso18626/x', '/healthz/x', '/docs/nothing-here/x']) {
      const res = await app.inject({ url, headers: html });
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type'], url).toMatch(/problem\+json/);
    }
    expect((await app.inject('/api/v1/thing')).json()).toEqual({ ok: true });
  });

  it('answers a client that does not ask for HTML (fetch, scripts) with a 404 for an unknown path', async () => {
    const res = await app.inject({ url: '/clusters/12', headers: { accept: 'application/json' } });
    expect(res.statusCode).toBe(404);
  });

  it('caches hashed assets for a year and says when one does not exist', async () => {
    const res = await app.inject('/assets/index-abc123.js');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const missing = await app.inject({ url: '/assets/index-gone.js', headers: html });
    expect(missing.statusCode).toBe(404);
  });

  it('still starts without a build, and / says in both languages how to build the pages', async () => {
    const res = await bare.inject('/');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('npm run build:web');
    expect(res.body).toContain('网页应用尚未构建');
  });
});
