import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, addProvider, anylibOnLoopback, footprint, startProvider, toCallback, type TestProvider } from './oidc-support.js';
import type { TestAccount } from '../support/accounts.js';
import type { TestApp } from '../support/app.js';

const library = 'CN-OIDC';
let anylib: Awaited<ReturnType<typeof anylibOnLoopback>>;
let t: TestApp;
let admin: TestAccount;
let idp: TestProvider;
let provider: { id: number; loginUrl: string; redirectUri: string };

beforeAll(async () => {
  anylib = await anylibOnLoopback(library);
  ({ t, admin } = anylib);
  // The provider must know the redirect URI, which needs the provider's id in Anylib: the first one is 1.
  idp = await startProvider({
    clients: [{ client_id: 'anylib', client_secret: 'anylib-client-secret', redirect_uris: [`${anylib.base}/api/v1/auth/oidc/1/callback`] }],
    accounts: {
      alice: { email: 'alice@uni.example', name: 'Alice Wang', eduPersonAffiliation: ['member', 'student'] },
      carol: { email: 'carol@uni.example', name: 'Carol Li', eduPersonAffiliation: 'faculty', groups: ['library-cataloguers', 'all-staff'] },
    },
  });
  provider = await addProvider(t, admin, library, {
    issuer: idp.issuer,
    clientId: 'anylib',
    clientSecret: 'anylib-client-secret',
    scopes: ['openid', 'email', 'profile', 'affiliation', 'groups'],
    claims: { category: { claim: 'eduPersonAffiliation', values: { student: 'student', faculty: 'teacher', staff: 'staff' } } },
    roleRules: [{ claim: 'groups', contains: 'library-cataloguers', permissions: ['catalogue'] }],
  });
  expect(provider.id).toBe(1);
}, 60_000);

afterAll(async () => {
  await idp?.stop();
  await anylib?.close();
});

async function signIn(browser: Browser, user: string, returnTo = '/search?q=x') {
  const { callback } = await toCallback(browser, `${provider.loginUrl}?returnTo=${encodeURIComponent(returnTo)}`, user);
  const res = await browser.get(callback!);
  return { res, callback: callback! };
}

async function sessionOf(browser: Browser) {
  const res = await browser.get(`${anylib.base}/api/v1/auth/session`);
  return { status: res.status, body: res.status === 200 ? ((await res.json()) as { account: { id: number; email: string; displayName: string }; grants: { role: string; library?: string; permissions: string[] }[] }) : undefined };
}

describe('OpenID Connect sign-in through the library’s provider', () => {
  it('makes a reader of the library just in time, with the mapped category, signs them in and goes back to returnTo', async () => {
    const browser = new Browser();
    const before = await footprint(t);
    const { res } = await signIn(browser, 'alice');
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/search?q=x');
    const session = await sessionOf(browser);
    expect(session.status).toBe(200);
    expect(session.body!.account).toMatchObject({ email: 'alice@uni.example', displayName: 'Alice Wang' });
    expect(session.body!.grants).toEqual([{ role: 'reader', library, permissions: ['reader'] }]);
    const profile = await t.app.inject({ url: `/api/v1/libraries/${library}/readers/${session.body!.account.id}`, headers: admin.headers });
    expect(profile.json()).toMatchObject({ category: 'student', blocked: false, library });
    const after = await footprint(t);
    expect(after.users - before.users).toBe(1);
    expect(after.identities - before.identities).toBe(1);
  });

  it('reuses the account at the next sign-in and brings name and category up to date', async () => {
    const first = await sessionOf(await signedIn('alice'));
    await idp.setAccount('alice', { email: 'alice@uni.example', name: 'Alice Wang-Zhou', eduPersonAffiliation: 'staff' });
    const before = await footprint(t);
    const second = await sessionOf(await signedIn('alice'));
    expect(second.body!.account.id).toBe(first.body!.account.id);
    expect(second.body!.account.displayName).toBe('Alice Wang-Zhou');
    expect((await footprint(t)).users).toBe(before.users);
    const profile = await t.app.inject({ url: `/api/v1/libraries/${library}/readers/${second.body!.account.id}`, headers: admin.headers });
    expect(profile.json().category).toBe('staff');
  });

  it('gives the staff role a claim rule names, and takes it away when the claim goes, keeping what was granted by hand', async () => {
    const s = await sessionOf(await signedIn('carol'));
    expect(s.body!.grants).toContainEqual({ role: 'library-staff', library, permissions: ['catalogue'] });
    // An administrator adds lending by hand; the provider then drops the group.
    const put = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/users/${s.body!.account.id}/grants`,
      headers: admin.headers,
      payload: { grants: [{ role: 'reader', library }, { role: 'library-staff', library, permissions: ['catalogue', 'lending'] }] },
    });
    expect(put.statusCode).toBe(200);
    await idp.setAccount('carol', { email: 'carol@uni.example', name: 'Carol Li', eduPersonAffiliation: 'faculty', groups: ['all-staff'] });
    const later = await sessionOf(await signedIn('carol'));
    expect(later.body!.grants).toContainEqual({ role: 'library-staff', library, permissions: ['lending'] });
  });

  it('refuses a reader the library has blocked, with a page, and ends their sessions', async () => {
    await idp.setAccount('dave', { email: 'dave@uni.example', name: 'Dave', eduPersonAffiliation: 'student' });
    const browser = await signedIn('dave');
    const { body } = await sessionOf(browser);
    const block = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/libraries/${library}/readers/${body!.account.id}`,
      headers: admin.headers,
      payload: { blocked: true, blockedReason: 'overdue books' },
    });
    expect(block.statusCode).toBe(200);
    expect((await sessionOf(browser)).status).toBe(401);
    const before = await footprint(t);
    const { res } = await signIn(new Browser({ 'accept-language': 'zh-CN,zh;q=0.9' }), 'dave');
    expect(res.status).toBe(403);
    const html = await res.text();
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('您的读者账户已被所在图书馆停用');
    expect(await footprint(t)).toEqual(before);
    const audit = await t.app.inject({ url: `/api/v1/audit?action=reader.*&library=${library}`, headers: admin.headers });
    expect(audit.json().items.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['reader.block', 'reader.read']));
  });

  it('sends every returnTo that leaves the site to /', async () => {
    for (const evil of ['//evil.example/x', 'https://evil.example/', '/\\evil.example', '%2F%2Fevil.example', '/%5Cevil.example', 'javascript:alert(1)']) {
      const { res } = await signIn(new Browser(), 'alice', evil);
      expect(res.status, evil).toBe(302);
      expect(res.headers.get('location'), evil).toBe('/');
    }
  });

  it('signs out at the provider too: the answer names its end_session_endpoint', async () => {
    const browser = await signedIn('alice');
    const s = await sessionOf(browser);
    const csrf = (await (await browser.get(`${anylib.base}/api/v1/auth/session`)).json()) as { csrfToken: string };
    const out = await fetch(`${anylib.base}/api/v1/auth/sso-logout`, {
      method: 'POST',
      headers: { cookie: `anylib_session=${browser.cookie(anylib.base, 'anylib_session')}`, 'x-csrf-token': csrf.csrfToken },
    });
    expect(out.status).toBe(200);
    const body = (await out.json()) as { redirect: string; via: string };
    expect(body.via).toBe('oidc');
    expect(body.redirect).toMatch(new RegExp(`^${idp.issuer}/session/end\\?client_id=anylib$`));
    expect((await sessionOf(browser)).status).toBe(401);
    expect(s.status).toBe(200);
  });

  async function signedIn(user: string): Promise<Browser> {
    const browser = new Browser();
    const { res } = await signIn(browser, user);
    if (res.status !== 302) throw new Error(`sign-in of ${user} failed: ${res.status} ${await res.text()}`);
    return browser;
  }
});
