import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, addProvider, anylibOnLoopback, footprint, freePort, publicJwk, signingKey, startProvider, toCallback, type TestProvider } from './oidc-support.js';
import type { TestAccount } from '../support/accounts.js';
import type { TestApp } from '../support/app.js';

/**
 * Every way a federated sign-in must fail — forged, replayed, misdirected, expired, unverifiable,
 * unreachable — against real oidc-provider instances: a page for the reader, the reason in the
 * audit log, and no account, identity, profile or session written.
 */
const library = 'CN-SEC';
let anylib: Awaited<ReturnType<typeof anylibOnLoopback>>;
let t: TestApp;
let admin: TestAccount;
const idps: TestProvider[] = [];
const accounts = {
  alice: { email: 'alice@sec.example', name: 'Alice', eduPersonAffiliation: 'student' },
  bob: { email: 'bob@sec.example', name: 'Bob' },
};
const ids: Record<string, { id: number; loginUrl: string }> = {};

function clients(base: string) {
  // Callbacks of the first ten providers: ids are given in order of creation.
  const redirect_uris = Array.from({ length: 10 }, (_, i) => `${base}/api/v1/auth/oidc/${i + 1}/callback`);
  return [
    { client_id: 'anylib', client_secret: 'anylib-secret', redirect_uris },
    { client_id: 'other-app', client_secret: 'other-secret', redirect_uris },
  ];
}

async function idp(opts: Partial<Parameters<typeof startProvider>[0]> = {}): Promise<TestProvider> {
  const p = await startProvider({ clients: clients(anylib.base), accounts, ...opts });
  idps.push(p);
  return p;
}

const oidcBody = (issuer: string, extra: Record<string, unknown> = {}) => ({
  issuer,
  clientId: 'anylib',
  clientSecret: 'anylib-secret',
  scopes: ['openid', 'email', 'profile', 'affiliation'],
  ...extra,
});

let midFlow: TestProvider;

beforeAll(async () => {
  anylib = await anylibOnLoopback(library);
  ({ t, admin } = anylib);
  const main = await idp();
  ids.main = await addProvider(t, admin, library, oidcBody(main.issuer)); // 1
  ids.needsAffiliation = await addProvider(t, admin, library, oidcBody(main.issuer, { claims: { category: { claim: 'eduPersonAffiliation', values: { student: 'student' } } } })); // 2
  ids.disabled = await addProvider(t, admin, library, oidcBody(main.issuer, { enabled: false })); // 3
  ids.down = await addProvider(t, admin, library, oidcBody(`http://127.0.0.1:${await freePort()}`)); // 4
  const late = await idp({ clockOffsetSeconds: -2 * 3600 });
  ids.expired = await addProvider(t, admin, library, oidcBody(late.issuer)); // 5
  const impostor = await idp({ issuer: 'http://localhost:{port}' });
  ids.wrongIssuer = await addProvider(t, admin, library, oidcBody(`http://127.0.0.1:${impostor.port}`)); // 6
  midFlow = await idp();
  ids.midFlow = await addProvider(t, admin, library, oidcBody(midFlow.issuer)); // 7
  // Signs with one key, publishes another under the same kid: what a forged token looks like to Anylib.
  const forger = await idp({ jwk: signingKey('k1'), publishedJwk: publicJwk(signingKey('k1')) });
  ids.badSignature = await addProvider(t, admin, library, oidcBody(forger.issuer)); // 8
}, 120_000);

afterAll(async () => {
  for (const p of idps) await p.stop();
  await anylib?.close();
});

async function lastFailure(): Promise<{ code: string; reason: string; step: string }> {
  const { rows } = await t.db.query<{ details: { code: string; reason: string; step: string } }>(`SELECT details FROM audit_log WHERE action = 'login.failed' ORDER BY id DESC LIMIT 1`);
  return rows[0]!.details;
}

/** The reader's page: status, language and the catalogued code of what went wrong. */
async function page(res: Response): Promise<{ status: number; code: string | undefined; html: string }> {
  const html = await res.text();
  expect(res.headers.get('content-type')).toMatch(/^text\/html/);
  return { status: res.status, code: /data-code="(\w+)"/.exec(html)?.[1], html };
}

async function refused(attempt: () => Promise<Response>): Promise<{ status: number; code: string | undefined; html: string }> {
  const before = await footprint(t);
  const p = await page(await attempt());
  expect(await footprint(t)).toEqual(before);
  return p;
}

describe('federated sign-in refuses, with a page and nothing written', () => {
  it('a forged state', async () => {
    const p = await refused(() => new Browser().get(`${anylib.base}/api/v1/auth/oidc/${ids.main!.id}/callback?code=abc&state=forged-state`));
    expect(p).toMatchObject({ status: 400, code: 'SIGN_IN_STATE_INVALID' });
    expect(await lastFailure()).toMatchObject({ reason: 'unknown-state', step: 'callback' });
  });

  it('a replayed callback (after it signed in once)', async () => {
    const browser = new Browser();
    const { callback } = await toCallback(browser, ids.main!.loginUrl, 'alice');
    expect((await browser.get(callback!)).status).toBe(302);
    const p = await refused(() => browser.get(callback!));
    expect(p).toMatchObject({ status: 400, code: 'SIGN_IN_STATE_INVALID' });
    expect(await lastFailure()).toMatchObject({ reason: 'replayed-state' });
  });

  it('a callback brought to another browser (login CSRF)', async () => {
    const { callback } = await toCallback(new Browser(), ids.main!.loginUrl, 'bob');
    const p = await refused(() => new Browser().get(callback!));
    expect(p).toMatchObject({ status: 400, code: 'SIGN_IN_STATE_INVALID' });
    expect((await lastFailure()).reason).toMatch(/another browser/);
  });

  it('a code issued to another client (wrong client id / audience)', async () => {
    const browser = new Browser();
    const { callback } = await toCallback(browser, ids.main!.loginUrl, 'bob', (u) => {
      u.searchParams.set('client_id', 'other-app');
      return u;
    });
    const p = await refused(() => browser.get(callback!));
    expect(p).toMatchObject({ status: 401, code: 'SIGN_IN_REJECTED' });
    expect((await lastFailure()).reason).toMatch(/invalid_grant/);
  });

  it('an authorization response naming another issuer (RFC 9207)', async () => {
    const browser = new Browser();
    const { callback } = await toCallback(browser, ids.main!.loginUrl, 'bob');
    callback!.searchParams.set('iss', 'https://evil.example');
    const p = await refused(() => browser.get(callback!));
    expect(p).toMatchObject({ status: 401, code: 'SIGN_IN_REJECTED' });
  });

  it('an expired ID token (a provider whose clock is two hours behind)', async () => {
    const browser = new Browser();
    const { callback } = await toCallback(browser, ids.expired!.loginUrl, 'bob');
    const p = await refused(() => browser.get(callback!));
    expect(p).toMatchObject({ status: 401, code: 'SIGN_IN_REJECTED' });
    expect((await lastFailure()).reason).toMatch(/exp/);
  });

  it('an ID token whose signature does not verify against the keys the provider publishes', async () => {
    const browser = new Browser();
    const { callback } = await toCallback(browser, ids.badSignature!.loginUrl, 'bob');
    const p = await refused(() => browser.get(callback!));
    expect(p).toMatchObject({ status: 401, code: 'SIGN_IN_REJECTED' });
    expect((await lastFailure()).reason).toMatch(/signature/i);
  });

  it('a provider that claims another issuer than the one configured', async () => {
    const p = await refused(() => new Browser().get(ids.wrongIssuer!.loginUrl));
    expect(p).toMatchObject({ status: 502, code: 'IDENTITY_PROVIDER_MISCONFIGURED' });
    expect((await lastFailure()).reason).toMatch(/issuer/i);
  });

  it('a provider that is down, at the start and half-way', async () => {
    const p = await refused(() => new Browser().get(ids.down!.loginUrl));
    expect(p).toMatchObject({ status: 502, code: 'IDENTITY_PROVIDER_UNREACHABLE' });
    const browser = new Browser();
    const { callback } = await toCallback(browser, ids.midFlow!.loginUrl, 'alice');
    await midFlow.stop();
    const q = await refused(() => browser.get(callback!));
    expect(q).toMatchObject({ status: 502, code: 'IDENTITY_PROVIDER_UNREACHABLE' });
  });

  it('a reader who cancels at the provider', async () => {
    const browser = new Browser();
    const { callback } = await toCallback(browser, ids.main!.loginUrl, 'refuse');
    expect(callback!.searchParams.get('error')).toBe('access_denied');
    const p = await refused(() => browser.get(callback!));
    expect(p).toMatchObject({ status: 401, code: 'SIGN_IN_CANCELLED' });
    expect(p.html).toContain('access_denied');
  });

  it('a missing mapped claim', async () => {
    const browser = new Browser();
    const { callback } = await toCallback(browser, ids.needsAffiliation!.loginUrl, 'bob');
    const p = await refused(() => browser.get(callback!));
    expect(p).toMatchObject({ status: 403, code: 'SIGN_IN_CLAIM_MISSING' });
    expect(p.html).toContain('eduPersonAffiliation');
  });

  it('an unknown or disabled provider, in the reader’s language', async () => {
    const unknown = await refused(() => new Browser().get(`${anylib.base}/api/v1/auth/oidc/999/login?lang=zh-CN`));
    expect(unknown).toMatchObject({ status: 404, code: 'IDENTITY_PROVIDER_NOT_FOUND' });
    expect(unknown.html).toContain('登录服务 999 不存在');
    expect(await refused(() => new Browser().get(`${anylib.base}/api/v1/auth/oidc/not-a-number/login`))).toMatchObject({ status: 404 });
    const disabled = await refused(() => new Browser({ 'accept-language': 'en' }).get(ids.disabled!.loginUrl));
    expect(disabled).toMatchObject({ status: 403, code: 'IDENTITY_PROVIDER_DISABLED' });
    expect(disabled.html).toContain('switched off');
  });

  it('too many login starts from one address', async () => {
    const from = { remoteAddress: '198.51.100.9' };
    for (let i = 0; i < 120; i++) {
      const res = await t.app.inject({ url: `/api/v1/auth/oidc/${ids.main!.id}/login`, ...from });
      expect(res.statusCode).toBe(302);
    }
    const res = await t.app.inject({ url: `/api/v1/auth/oidc/${ids.main!.id}/login`, ...from });
    expect(res.statusCode).toBe(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(res.body).toContain('data-code="RATE_LIMITED"');
    // Another address is not held up.
    expect((await t.app.inject({ url: `/api/v1/auth/oidc/${ids.main!.id}/login`, remoteAddress: '198.51.100.10' })).statusCode).toBe(302);
  });
});
