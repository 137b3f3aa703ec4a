import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestAccount } from '../support/accounts.js';
import type { TestApp } from '../support/app.js';
import { startCas, type TestCas } from './cas-server.js';
import { Browser, anylibOnLoopback, footprint } from './oidc-support.js';

/** CAS 3.0 and 2.0 sign-in against a CAS server built to the protocol inside the test. */
const library = 'CN-CAS';
let anylib: Awaited<ReturnType<typeof anylibOnLoopback>>;
let t: TestApp;
let admin: TestAccount;
let cas: TestCas;
let p3: { id: number; loginUrl: string; cas: { serviceUrl: string } };
let v2: { id: number; loginUrl: string };

beforeAll(async () => {
  anylib = await anylibOnLoopback(library);
  ({ t, admin } = anylib);
  cas = await startCas({
    '2021001': { mail: 'li.lei@uni.example', displayName: '李雷', userType: 'undergraduate', memberOf: ['all', 'lib-cataloguers'] },
  });
  const add = async (body: Record<string, unknown>) => {
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/libraries/${library}/identity-providers`, headers: admin.headers, payload: { kind: 'cas', name: '统一身份认证', serverUrl: cas.url, ...body } });
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  };
  p3 = await add({
    claims: { category: { claim: 'userType', values: { undergraduate: 'student', graduate: 'student', teacher: 'teacher' } } },
    roleRules: [{ claim: 'memberOf', contains: 'lib-cataloguers', permissions: ['catalogue'] }],
  });
  v2 = await add({ casVersion: '2.0', claims: { email: 'none', displayName: 'none' } });
}, 120_000);

afterAll(async () => {
  await cas?.stop();
  await anylib?.close();
});

/** To the CAS server and back: the service URL with the ticket (not yet fetched). */
async function toService(browser: Browser, loginUrl: string, user = '2021001', returnTo = '/me') {
  const r = await browser.follow(`${loginUrl}?returnTo=${encodeURIComponent(returnTo)}`, (u) => u.pathname.endsWith('/callback'), () => ({ 'x-test-user': user }));
  expect(r.stoppedAt, r.chain.join(' → ')).toBeDefined();
  return r.stoppedAt!;
}

async function session(browser: Browser) {
  const res = await browser.get(`${anylib.base}/api/v1/auth/session`);
  return res.status === 200 ? ((await res.json()) as { account: { id: number; email: string; displayName: string }; grants: { role: string; permissions: string[] }[]; csrfToken: string }) : undefined;
}

async function lastFailure() {
  const audit = await t.app.inject({ url: `/api/v1/audit?action=login.failed&library=${library}&limit=1`, headers: admin.headers });
  return audit.json().items[0].details as { via: string; code: string; reason: string };
}

describe('CAS sign-in through the library’s CAS server', () => {
  it('validates the ticket at /p3/serviceValidate, maps the CAS 3.0 attributes into a reader, and goes back to returnTo', async () => {
    const browser = new Browser();
    const service = await toService(browser, p3.loginUrl);
    expect(service.href.startsWith(p3.cas.serviceUrl)).toBe(true);
    const res = await browser.get(service);
    expect(res.status, await res.clone().text()).toBe(302);
    expect(res.headers.get('location')).toBe('/me');
    expect(cas.validations.at(-1)!.service).toBe(service.href.replace(/&ticket=.*$/, ''));
    const s = await session(browser);
    expect(s!.account).toMatchObject({ email: 'li.lei@uni.example', displayName: '李雷' });
    expect(s!.grants).toContainEqual({ role: 'library-staff', library, permissions: ['catalogue'] });
    const profile = await t.app.inject({ url: `/api/v1/libraries/${library}/readers/${s!.account.id}`, headers: admin.headers });
    expect(profile.json().category).toBe('student');
  });

  it('speaks CAS 2.0 (/serviceValidate, no attributes) too', async () => {
    const browser = new Browser();
    const res = await browser.get(await toService(browser, v2.loginUrl));
    expect(res.status).toBe(302);
    expect(cas.validations.length).toBeGreaterThan(0);
    expect((await session(browser))!.account.email).toMatch(/^cas-\d+-[0-9a-f]+@readers\.invalid$/);
  });

  it('refuses a replayed ticket, and an invalid one, creating nothing', async () => {
    const browser = new Browser();
    const service = await toService(browser, p3.loginUrl);
    expect((await browser.get(service)).status).toBe(302);
    const before = await footprint(t);
    // The same service URL with its ticket again, in a browser that started a login of its own (its cookie is right).
    const again = new Browser();
    const own = await again.get(`${p3.loginUrl}`);
    await own.arrayBuffer();
    const replay = await again.get(service);
    expect(replay.status).toBe(400); // the login key was used: state invalid, before the ticket is even looked at
    expect(await footprint(t)).toEqual(before);

    // A fresh login with a forged ticket: the CAS server does not know it.
    const forged = new Browser();
    const svc = await toService(forged, p3.loginUrl);
    svc.searchParams.set('ticket', 'ST-forged-0000');
    const res = await forged.get(svc);
    expect(res.status).toBe(401);
    expect(await res.text()).toContain('SIGN_IN_REJECTED');
    expect((await lastFailure()).reason).toMatch(/INVALID_TICKET/);
    expect(await footprint(t)).toEqual(before);
  });

  it('refuses a ticket Anylib has accepted before, even brought to a new login', async () => {
    const first = new Browser();
    const service = await toService(first, p3.loginUrl);
    const ticket = service.searchParams.get('ticket')!;
    expect((await first.get(service)).status).toBe(302);
    const before = await footprint(t);
    const second = new Browser();
    const svc = await toService(second, p3.loginUrl);
    svc.searchParams.set('ticket', ticket);
    const res = await second.get(svc);
    expect(res.status).toBe(401);
    expect((await lastFailure()).reason).toBe('ticket replayed');
    expect(await footprint(t)).toEqual(before);
  });

  it('refuses a ticket issued for another service', async () => {
    const a = new Browser();
    const serviceA = await toService(a, p3.loginUrl);
    const b = new Browser();
    const serviceB = await toService(b, p3.loginUrl);
    await b.get(serviceB).then((r) => r.arrayBuffer());
    // B's login key with A's ticket: validated for B's service URL, which the ticket was not issued for.
    const c = new Browser();
    const serviceC = await toService(c, p3.loginUrl);
    serviceC.searchParams.set('ticket', serviceA.searchParams.get('ticket')!);
    const before = await footprint(t);
    const res = await c.get(serviceC);
    expect(res.status).toBe(401);
    expect((await lastFailure()).reason).toMatch(/INVALID_SERVICE/);
    expect(await footprint(t)).toEqual(before);
  });

  it('refuses a service URL brought to another browser (login CSRF)', async () => {
    const service = await toService(new Browser(), p3.loginUrl);
    const res = await new Browser().get(service);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('SIGN_IN_STATE_INVALID');
  });

  it('tells the reader when the CAS server does not answer, and creates nothing', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/libraries/${library}/identity-providers`,
      headers: admin.headers,
      payload: { kind: 'cas', name: 'Down', serverUrl: 'http://127.0.0.1:9/cas' },
    });
    const down = res.json() as { loginUrl: string };
    const browser = new Browser({ 'accept-language': 'zh-CN' });
    const start = await browser.get(down.loginUrl);
    const service = new URL(new URL(start.headers.get('location')!).searchParams.get('service')!);
    service.searchParams.set('ticket', 'ST-1-nobody');
    const before = await footprint(t);
    const page = await browser.get(service);
    expect(page.status).toBe(502);
    expect(await page.text()).toContain('统一认证服务（Down）没有响应');
    expect(await footprint(t)).toEqual(before);
    expect(await lastFailure()).toMatchObject({ via: 'cas', code: 'IDENTITY_PROVIDER_UNREACHABLE' });
  });

  it('signs out at the CAS server too', async () => {
    const browser = new Browser();
    await browser.get(await toService(browser, p3.loginUrl));
    const s = await session(browser);
    const out = await fetch(`${anylib.base}/api/v1/auth/sso-logout`, {
      method: 'POST',
      headers: { cookie: `anylib_session=${browser.cookie(anylib.base, 'anylib_session')}`, 'x-csrf-token': s!.csrfToken },
    });
    expect(await out.json()).toEqual({ via: 'cas', redirect: `${cas.url}/logout?service=${encodeURIComponent(`${anylib.base}/`)}` });
    expect(await session(browser)).toBeUndefined();
  });
});
