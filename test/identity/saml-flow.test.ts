import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestAccount } from '../support/accounts.js';
import type { TestApp } from '../support/app.js';
import { Browser, anylibOnLoopback, footprint } from './oidc-support.js';
import { readPostForm, startSamlIdp, type TestIdp } from './saml-idp.js';

/** SAML 2.0 sign-in against samlify's IdP on loopback: the round trip, what is refused, single logout. */
const library = 'CN-SAML';
let anylib: Awaited<ReturnType<typeof anylibOnLoopback>>;
let t: TestApp;
let admin: TestAccount;
let idp: TestIdp;
let provider: { id: number; loginUrl: string; saml: { spMetadataUrl: string; acsUrl: string; ssoUrl: string; sloUrl: string | null; certificates: number } };

const alice = {
  eduPersonPrincipalName: 'alice@uni.example',
  eduPersonScopedAffiliation: ['member@uni.example', 'student@uni.example'],
  mail: 'alice@uni.example',
  displayName: '王爱丽',
};

beforeAll(async () => {
  anylib = await anylibOnLoopback(library);
  ({ t, admin } = anylib);
  const spMetadata = await (await fetch(`${anylib.base}/api/v1/auth/saml/metadata`)).text();
  idp = await startSamlIdp(spMetadata, {
    alice,
    bob: { eduPersonPrincipalName: 'bob@uni.example', eduPersonScopedAffiliation: 'staff@uni.example', mail: 'bob@uni.example', displayName: 'Bob', isMemberOf: ['library-ill'] },
  });
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/v1/libraries/${library}/identity-providers`,
    headers: admin.headers,
    payload: {
      kind: 'saml',
      name: 'Test university (CARSI)',
      idpMetadataUrl: idp.metadataUrl,
      claims: { category: { claim: 'eduPersonScopedAffiliation', values: { student: 'student', faculty: 'teacher', staff: 'staff' }, default: 'external' } },
      roleRules: [{ claim: 'isMemberOf', contains: 'library-ill', permissions: ['lending', 'borrowing'] }],
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  provider = res.json();
}, 120_000);

afterAll(async () => {
  await idp?.stop();
  await anylib?.close();
});

/** Through the IdP and back: the IdP's auto-posting form, as the browser would submit it (not yet posted). */
async function toAcs(browser: Browser, user: string, returnTo = '/search?q=x') {
  const start = await browser.get(`${provider.loginUrl}?returnTo=${encodeURIComponent(returnTo)}`);
  expect(start.status, await start.clone().text()).toBe(302);
  const atIdp = await browser.get(start.headers.get('location')!, { 'x-test-user': user });
  expect(atIdp.status, await atIdp.clone().text()).toBe(200);
  return readPostForm(await atIdp.text());
}

async function signIn(browser: Browser, user: string, returnTo?: string) {
  const form = await toAcs(browser, user, returnTo);
  return { res: await browser.post(form.action, form.fields), form };
}

async function sessionOf(browser: Browser) {
  const res = await browser.get(`${anylib.base}/api/v1/auth/session`);
  return res.status === 200 ? ((await res.json()) as { account: { id: number; email: string; displayName: string }; grants: { role: string; permissions: string[] }[]; csrfToken: string }) : undefined;
}

async function lastFailure(): Promise<{ code: string; reason: string; via: string }> {
  const audit = await t.app.inject({ url: `/api/v1/audit?action=login.failed&library=${library}&limit=1`, headers: admin.headers });
  return audit.json().items[0].details;
}

describe('SAML 2.0 sign-in through the library’s IdP', () => {
  it('publishes one SP metadata document with the assertion consumer service and signed assertions required', async () => {
    const res = await fetch(provider.saml.spMetadataUrl);
    expect(res.headers.get('content-type')).toContain('application/samlmetadata+xml');
    const xml = await res.text();
    expect(xml).toContain(`entityID="${anylib.base}/api/v1/auth/saml/metadata"`);
    expect(xml).toContain(`Location="${anylib.base}/api/v1/auth/saml/acs"`);
    expect(xml).toMatch(/WantAssertionsSigned="true"/);
    expect(provider.saml).toMatchObject({ certificates: 1, sloUrl: expect.stringContaining('/slo') });
  });

  it('makes a reader just in time from eduPerson attributes, gives rule roles, and goes back to returnTo', async () => {
    const before = await footprint(t);
    const browser = new Browser();
    const { res } = await signIn(browser, 'alice');
    expect(res.status, await res.clone().text()).toBe(302);
    expect(res.headers.get('location')).toBe('/search?q=x');
    const s = await sessionOf(browser);
    expect(s!.account).toMatchObject({ email: 'alice@uni.example', displayName: '王爱丽' });
    expect(s!.grants).toEqual([{ role: 'reader', library, permissions: ['reader'] }]);
    const profile = await t.app.inject({ url: `/api/v1/libraries/${library}/readers/${s!.account.id}`, headers: admin.headers });
    expect(profile.json()).toMatchObject({ category: 'student', blocked: false });
    expect((await footprint(t)).users - before.users).toBe(1);

    const staff = new Browser();
    await signIn(staff, 'bob');
    expect((await sessionOf(staff))!.grants).toContainEqual({ role: 'library-staff', library, permissions: ['lending', 'borrowing'] });
  });

  it('refuses an assertion signed with a key not in the IdP’s metadata: a page, the reason in the audit log, nothing written', async () => {
    idp.misbehave({ foreignKey: true });
    try {
      const before = await footprint(t);
      const { res } = await signIn(new Browser({ 'accept-language': 'en' }), 'alice');
      expect(res.status).toBe(401);
      const html = await res.text();
      expect(html).toContain('data-code="SIGN_IN_REJECTED"');
      expect(html).toContain('could not be verified');
      expect(await footprint(t)).toEqual(before);
      expect((await lastFailure()).reason).toMatch(/signature/i);
    } finally {
      idp.behave();
    }
  });

  it('refuses an expired assertion', async () => {
    idp.misbehave({ shiftSeconds: -3600 });
    try {
      const before = await footprint(t);
      const { res } = await signIn(new Browser(), 'alice');
      expect(res.status).toBe(401);
      expect(await footprint(t)).toEqual(before);
      // node-saml names the first expired time it meets: the subject confirmation's or the conditions'.
      expect((await lastFailure()).reason).toMatch(/expired|no valid subject confirmation/i);
    } finally {
      idp.behave();
    }
  });

  it('refuses an assertion from an issuer that is not the library’s IdP, even signed with its key', async () => {
    idp.misbehave({ issuer: 'https://evil.example/idp' });
    try {
      const before = await footprint(t);
      const { res } = await signIn(new Browser(), 'alice');
      expect(res.status).toBe(401);
      expect(await footprint(t)).toEqual(before);
      expect((await lastFailure()).reason).toMatch(/unknown issuer/);
    } finally {
      idp.behave();
    }
  });

  it('refuses a replayed assertion (the same form posted again)', async () => {
    const browser = new Browser();
    const { res, form } = await signIn(browser, 'alice');
    expect(res.status).toBe(302);
    const before = await footprint(t);
    const again = await new Browser().post(form.action, form.fields);
    expect(again.status).toBe(401);
    expect(await again.text()).toContain('SIGN_IN_REJECTED');
    expect(await footprint(t)).toEqual(before);
    expect((await lastFailure()).reason).toMatch(/replayed/);
  });

  it('refuses a sign-in without the subject attribute, in Chinese, and creates no account', async () => {
    idp.setUser('carol', { eduPersonScopedAffiliation: 'student@uni.example', mail: 'carol@uni.example' });
    const before = await footprint(t);
    const { res } = await signIn(new Browser({ 'accept-language': 'zh-CN' }), 'carol');
    expect(res.status).toBe(403);
    const html = await res.text();
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('eduPersonPrincipalName');
    expect(await footprint(t)).toEqual(before);
    expect(await lastFailure()).toMatchObject({ via: 'saml', code: 'SIGN_IN_CLAIM_MISSING' });
  });

  it('refuses a response that answers no request of ours (unsolicited)', async () => {
    const form = await toAcs(new Browser(), 'alice');
    await t.db.query('DELETE FROM saml_requests');
    const res = await new Browser().post(form.action, form.fields);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('SIGN_IN_STATE_INVALID');
  });

  it('signs out at the IdP too (single logout): LogoutRequest with the NameID, LogoutResponse back, session ended', async () => {
    const browser = new Browser();
    await signIn(browser, 'alice');
    const s = await sessionOf(browser);
    const out = await fetch(`${anylib.base}/api/v1/auth/sso-logout`, {
      method: 'POST',
      headers: { cookie: `anylib_session=${browser.cookie(anylib.base, 'anylib_session')}`, 'x-csrf-token': s!.csrfToken },
    });
    expect(out.status).toBe(200);
    const { redirect, via } = (await out.json()) as { redirect: string; via: string };
    expect(via).toBe('saml');
    expect(redirect.startsWith(provider.saml.sloUrl!)).toBe(true);
    const back = await browser.follow(redirect, (u) => u.pathname === "/");
    expect(back.stoppedAt?.href).toBe(`${anylib.base}/`);
    expect(idp.logoutRequests.at(-1)).toBe('_nameid-alice');
    expect(await sessionOf(browser)).toBeUndefined();
  });

  it('ends the reader’s sessions when the IdP says they signed out there — only if its LogoutRequest is signed', async () => {
    const browser = new Browser();
    idp.setUser('dora', { eduPersonPrincipalName: 'dora@uni.example', mail: 'dora@uni.example' });
    await signIn(browser, 'dora');
    expect(await sessionOf(browser)).toBeDefined();
    const unsigned = await new Browser().get(idp.logoutRequestUrl('dora', false));
    expect(unsigned.status).toBe(400);
    expect(await sessionOf(browser)).toBeDefined();
    const signed = await new Browser().get(idp.logoutRequestUrl('dora', true));
    expect(signed.status, await signed.clone().text()).toBe(302);
    expect(signed.headers.get('location')!.startsWith(`${provider.saml.sloUrl}?SAMLResponse=`)).toBe(true);
    expect(await sessionOf(browser)).toBeUndefined();
    const audit = await t.app.inject({ url: `/api/v1/audit?action=logout&library=${library}&limit=1`, headers: admin.headers });
    expect(audit.json().items[0].details).toEqual({ via: 'saml', initiatedBy: 'idp', sessionsEnded: 1 });
  });

  it('answers a switched-off provider, or a provider of another kind, with the page', async () => {
    const url = `/api/v1/libraries/${library}/identity-providers/${provider.id}`;
    await t.app.inject({ method: 'PATCH', url, headers: admin.headers, payload: { enabled: false } });
    try {
      const off = await new Browser({ 'accept-language': 'en' }).get(provider.loginUrl);
      expect(off.status).toBe(403);
      expect(await off.text()).toContain('data-code="IDENTITY_PROVIDER_DISABLED"');
    } finally {
      await t.app.inject({ method: 'PATCH', url, headers: admin.headers, payload: { enabled: true } });
    }
    const oidcPath = await new Browser().get(`${anylib.base}/api/v1/auth/oidc/${provider.id}/login`);
    expect(oidcPath.status).toBe(404);
    const wrongField = await t.app.inject({ method: 'PATCH', url, headers: admin.headers, payload: { clientSecret: 'x' } });
    expect(wrongField.statusCode).toBe(400);
    expect(wrongField.body).toContain('body.clientSecret');
  });

  it('throttles login starts per address, counting SAML starts with the others', async () => {
    const ip = '203.0.113.99';
    await t.db.query(`INSERT INTO saml_requests (id, provider_id, ip) SELECT 'flood-' || g, $1, $2 FROM generate_series(1, 120) g`, [provider.id, ip]);
    const res = await new Browser({ 'x-forwarded-for': ip }).get(provider.loginUrl);
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await new Browser({ 'x-forwarded-for': '203.0.113.100' }).get(provider.loginUrl)).status).toBe(302);
  });

  it('takes the IdP’s metadata pasted as XML, and names the field when they are no IdP metadata', async () => {
    const ok = await t.app.inject({
      method: 'POST',
      url: `/api/v1/libraries/${library}/identity-providers`,
      headers: admin.headers,
      payload: { kind: 'saml', name: 'Pasted', idpMetadataXml: idp.metadataXml },
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ issuer: idp.entityId, claims: { subject: 'eduPersonPrincipalName', email: 'mail', displayName: 'displayName' } });
    const uploaded = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/libraries/${library}/identity-providers/${ok.json().id}/saml-metadata`,
      headers: { ...admin.headers, 'content-type': 'application/samlmetadata+xml' },
      payload: idp.metadataXml,
    });
    expect(uploaded.statusCode, uploaded.body).toBe(200);
    expect(uploaded.json().saml).toMatchObject({ idpMetadataUrl: null, certificates: 1 });
    const notXml = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/libraries/${library}/identity-providers/${ok.json().id}/saml-metadata`,
      headers: { ...admin.headers, 'content-type': 'application/xml' },
      payload: '<html><body>this is a web page, not metadata at all</body></html>',
    });
    expect(notXml.statusCode).toBe(400);
    const bad = await t.app.inject({
      method: 'POST',
      url: `/api/v1/libraries/${library}/identity-providers`,
      headers: admin.headers,
      payload: { kind: 'saml', name: 'Bad', idpMetadataXml: '<EntityDescriptor entityID="x"><SPSSODescriptor/></EntityDescriptor>' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors ?? bad.json().fields ?? bad.json()).toEqual(expect.anything());
    expect(bad.body).toContain('idpMetadataXml');
    expect(bad.body).toContain('IDPSSODescriptor');
  });
});
