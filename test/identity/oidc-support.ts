/**
 * Helpers for the federated sign-in tests and the benchmark: a real OpenID provider in a worker
 * thread (oidc-provider.mjs), Anylib listening on a loopback port, and a "browser" that follows
 * redirects by hand and keeps cookies per origin.
 */
import { generateKeyPairSync, randomBytes, type JsonWebKey } from 'node:crypto';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { Worker } from 'node:worker_threads';
import { anAdmin, type TestAccount } from '../support/accounts.js';
import { testApp, type TestApp } from '../support/app.js';
import { aLibrary } from './support.js';

export interface ClientDef {
  client_id: string;
  client_secret: string;
  redirect_uris: string[];
  grant_types?: string[];
  response_types?: string[];
}

export interface TestProvider {
  issuer: string;
  port: number;
  setAccount(sub: string, claims: Record<string, unknown>): Promise<void>;
  stop(): Promise<void>;
}

/** An RSA signing key as a private JWK (RS256, the ID token default), with the given kid. */
export function signingKey(kid = 'test-key'): JsonWebKey & { kid: string } {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { ...privateKey.export({ format: 'jwk' }), kid, use: 'sig', alg: 'RS256' };
}

export async function startProvider(opts: {
  clients: ClientDef[];
  accounts: Record<string, Record<string, unknown>>;
  port?: number;
  issuer?: string;
  jwk?: JsonWebKey;
  clockOffsetSeconds?: number;
  defaultUser?: string;
  /** A public key published in place of the provider's own (its signatures then verify against nothing it publishes). */
  publishedJwk?: JsonWebKey;
}): Promise<TestProvider> {
  const worker = new Worker(new URL('./oidc-provider.mjs', import.meta.url), {
    workerData: { ...opts, jwk: opts.jwk ?? signingKey(), clients: opts.clients.map((c) => ({ grant_types: ['authorization_code'], response_types: ['code'], ...c })) },
    stderr: true,
  });
  worker.on('message', (m: { serverError?: string }) => {
    if (m.serverError) console.error('oidc-provider server error:', m.serverError);
  });
  const [ready] = (await once(worker, 'message')) as [{ port: number; issuer: string }];
  let stopped = false;
  return {
    issuer: ready.issuer,
    port: ready.port,
    async setAccount(sub, claims) {
      worker.postMessage({ setAccount: { sub, claims } });
      await new Promise((r) => setTimeout(r, 20));
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await worker.terminate();
    },
  };
}

/** The public half of a private JWK. */
export function publicJwk(jwk: JsonWebKey & { kid: string }): JsonWebKey {
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...pub } = jwk;
  return pub;
}

/** A free loopback port (for Anylib, whose BASE_URL must be known before it listens). */
export async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as { port: number };
  await new Promise((r) => s.close(r));
  return port;
}

/** A browser without a user interface: cookies per origin (enough here), redirects followed by hand. */
export class Browser {
  readonly jar = new Map<string, Map<string, string>>();
  constructor(readonly headers: Record<string, string> = {}) {}

  cookie(origin: string, name: string): string | undefined {
    return this.jar.get(origin)?.get(name);
  }

  setCookie(origin: string, name: string, value: string): void {
    if (!this.jar.has(origin)) this.jar.set(origin, new Map());
    this.jar.get(origin)!.set(name, value);
  }

  async get(url: string | URL, headers: Record<string, string> = {}): Promise<Response> {
    const u = new URL(url);
    const cookies = [...(this.jar.get(u.origin) ?? new Map<string, string>())].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await fetch(u, { redirect: 'manual', headers: { ...this.headers, ...headers, ...(cookies ? { cookie: cookies } : {}) } });
    for (const line of res.headers.getSetCookie()) this.store(u.origin, line);
    return res;
  }

  /** Posts a form (the HTTP-POST binding's auto-posting form, as a browser would submit it). */
  async post(url: string | URL, form: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
    const u = new URL(url);
    const cookies = [...(this.jar.get(u.origin) ?? new Map<string, string>())].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await fetch(u, {
      method: 'POST',
      redirect: 'manual',
      body: new URLSearchParams(form).toString(),
      headers: { ...this.headers, ...headers, 'content-type': 'application/x-www-form-urlencoded', ...(cookies ? { cookie: cookies } : {}) },
    });
    for (const line of res.headers.getSetCookie()) this.store(u.origin, line);
    return res;
  }

  private store(origin: string, line: string): void {
    const [pair = '', ...attrs] = line.split(';');
    const eq = pair.indexOf('=');
    const name = pair.slice(0, eq).trim();
    const value = pair.slice(eq + 1).trim();
    // Only a clearing counts as expiry: a provider with a shifted clock writes odd Expires dates.
    const cleared = value === '' || attrs.some((a) => /^\s*max-age=0\s*$/i.test(a) || /expires=.*1970/i.test(a));
    if (!this.jar.has(origin)) this.jar.set(origin, new Map());
    if (cleared) this.jar.get(origin)!.delete(name);
    else this.jar.get(origin)!.set(name, value);
  }

  /**
   * Follows redirects from `url` until one leads to a URL that `stop` accepts (returned, not
   * fetched) or a page that is no redirect (returned as the last response).
   */
  async follow(url: string | URL, stop: (u: URL) => boolean, headers: (u: URL) => Record<string, string> = () => ({})): Promise<{ stoppedAt?: URL; last?: Response; chain: string[] }> {
    let next = new URL(url);
    const chain: string[] = [];
    for (let i = 0; i < 20; i++) {
      if (stop(next)) return { stoppedAt: next, chain };
      chain.push(next.href);
      const res = await this.get(next, headers(next));
      const location = res.headers.get('location');
      if (res.status < 300 || res.status >= 400 || !location) return { last: res, chain };
      await res.arrayBuffer();
      next = new URL(location, next);
    }
    throw new Error(`too many redirects: ${chain.join(' → ')}`);
  }
}

export const randomName = (prefix: string) => `${prefix}-${randomBytes(3).toString('hex')}`;

/**
 * Through the provider and back to Anylib's callback (not fetched): the URL the provider sends the
 * browser to. `rewrite` may change the authorization request on its way (an attacker's changes).
 */
export async function toCallback(
  browser: Browser,
  loginUrl: string,
  user: string,
  rewrite: (authorizationUrl: URL) => URL = (u) => u,
): Promise<{ callback?: URL; page?: Response; authorizationUrl?: URL }> {
  const start = await browser.get(loginUrl);
  const location = start.headers.get('location');
  if (start.status !== 302 || !location) return { page: start };
  const authorizationUrl = rewrite(new URL(location));
  const r = await browser.follow(authorizationUrl, (u) => u.pathname.endsWith('/callback'), (u): Record<string, string> => (u.pathname.startsWith('/interaction/') ? { 'x-test-user': user } : {}));
  if (!r.stoppedAt) throw new Error(`the provider did not send the browser back: ${r.last?.status} ${await r.last?.text()} via ${r.chain.join(' → ')}`);
  return { callback: r.stoppedAt, authorizationUrl };
}

/** Anylib on a loopback port with one member library and a network administrator. */
export async function anylibOnLoopback(library = 'CN-OIDC'): Promise<{ t: TestApp; base: string; admin: TestAccount; close(): Promise<void> }> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const t = await testApp({ baseUrl: base });
  await aLibrary(t, library);
  const admin = await anAdmin(t);
  await t.app.listen({ port, host: '127.0.0.1' });
  return { t, base, admin, close: () => t.close() };
}

/** Adds an OpenID provider to a library through the API; answers its view (id, loginUrl…). */
export async function addProvider(
  t: TestApp,
  admin: TestAccount,
  library: string,
  body: Record<string, unknown>,
): Promise<{ id: number; loginUrl: string; redirectUri: string }> {
  const res = await t.app.inject({ method: 'POST', url: `/api/v1/libraries/${library}/identity-providers`, headers: admin.headers, payload: { kind: 'oidc', name: 'Test university', ...body } });
  if (res.statusCode !== 201) throw new Error(`adding the provider failed: ${res.statusCode} ${res.body}`);
  return res.json();
}

/** Counts that must not move when a sign-in is refused. */
export async function footprint(t: TestApp): Promise<{ users: number; identities: number; readers: number; sessions: number }> {
  const { rows } = await t.db.query<{ users: number; identities: number; readers: number; sessions: number }>(
    `SELECT (SELECT count(*)::int FROM users) AS users, (SELECT count(*)::int FROM federated_identities) AS identities,
            (SELECT count(*)::int FROM reader_profiles) AS readers, (SELECT count(*)::int FROM sessions) AS sessions`,
  );
  return rows[0]!;
}
