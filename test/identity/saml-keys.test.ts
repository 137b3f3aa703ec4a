import { X509Certificate, createPublicKey, verify } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestAccount } from '../support/accounts.js';
import type { TestApp } from '../support/app.js';
import { Browser, anylibOnLoopback, footprint } from './oidc-support.js';
import { readPostForm, startSamlIdp, type TestIdp } from './saml-idp.js';

/**
 * The SAML SP's own key pair: its certificate in our metadata for signing and encryption, signed
 * AuthnRequests and LogoutRequests (samlify's IdP requires both signed, checked against our
 * metadata), and assertions the IdP encrypts to our certificate — accepted when signed by the
 * IdP, refused when encrypted to another key or signed by another.
 */
const library = 'CN-SAMLK';
let anylib: Awaited<ReturnType<typeof anylibOnLoopback>>;
let t: TestApp;
let admin: TestAccount;
let idp: TestIdp;
let spMetadata: string;
let provider: { id: number; loginUrl: string };

beforeAll(async () => {
  anylib = await anylibOnLoopback(library);
  ({ t, admin } = anylib);
  spMetadata = await (await fetch(`${anylib.base}/api/v1/auth/saml/metadata`)).text();
  idp = await startSamlIdp(spMetadata, { carol: { eduPersonPrincipalName: 'carol@uni.example', mail: 'carol@uni.example', displayName: '陈卡罗' } });
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/v1/libraries/${library}/identity-providers`,
    headers: admin.headers,
    payload: { kind: 'saml', name: 'Test university', idpMetadataUrl: idp.metadataUrl },
  });
  expect(res.statusCode, res.body).toBe(201);
  provider = res.json();
}, 120_000);

afterAll(async () => {
  await idp?.stop();
  await anylib?.close();
});

const certificateOf = (use: 'signing' | 'encryption') => {
  const b64 = new RegExp(`<KeyDescriptor use="${use}">[\\s\\S]*?<ds:X509Certificate>([^<]+)<`).exec(spMetadata)?.[1]?.replace(/\s/g, '');
  return b64 ? new X509Certificate(Buffer.from(b64, 'base64')) : undefined;
};

async function signIn(browser: Browser) {
  const start = await browser.get(`${provider.loginUrl}?returnTo=/me`);
  expect(start.status).toBe(302);
  const atIdp = await browser.get(start.headers.get('location')!, { 'x-test-user': 'carol' });
  expect(atIdp.status, await atIdp.clone().text()).toBe(200);
  const form = readPostForm(await atIdp.text());
  return { res: await browser.post(form.action, form.fields), form };
}

describe('the SAML service provider’s key pair', () => {
  it('publishes one certificate for signing and for encryption, and says its requests are signed', () => {
    expect(spMetadata).toMatch(/AuthnRequestsSigned="true"/);
    const signing = certificateOf('signing');
    const encryption = certificateOf('encryption');
    expect(signing).toBeDefined();
    expect(encryption?.fingerprint256).toBe(signing?.fingerprint256);
    // Kept in the data directory: the same certificate after the next start.
    expect(new Date(signing!.validTo).getTime()).toBeGreaterThan(Date.now() + 365 * 86_400_000);
  });

  it('signs its AuthnRequests (redirect binding) with the key of that certificate', async () => {
    const start = await new Browser().get(`${provider.loginUrl}?returnTo=/`);
    const url = new URL(start.headers.get('location')!);
    expect(url.searchParams.get('SigAlg')).toBe('http://www.w3.org/2001/04/xmldsig-more#rsa-sha256');
    const signed = url.search.slice(1).split('&').filter((p) => !p.startsWith('Signature=')).join('&');
    const signature = Buffer.from(url.searchParams.get('Signature')!, 'base64');
    expect(verify('sha256', Buffer.from(signed), createPublicKey(certificateOf('signing')!.toString()), signature)).toBe(true);
    expect(verify('sha256', Buffer.from(`${signed}x`), createPublicKey(certificateOf('signing')!.toString()), signature)).toBe(false);
  });

  it('accepts an assertion the IdP encrypted to our certificate (and signed), and signs the LogoutRequest of single logout', async () => {
    idp.misbehave({ encrypt: 'to-sp' });
    try {
      const browser = new Browser();
      const { res, form } = await signIn(browser);
      expect(Buffer.from(form.fields.SAMLResponse!, 'base64').toString('utf8')).toMatch(/EncryptedAssertion/);
      expect(Buffer.from(form.fields.SAMLResponse!, 'base64').toString('utf8')).not.toContain('carol@uni.example');
      expect(res.status, await res.clone().text()).toBe(302);
      const session = await browser.get(`${anylib.base}/api/v1/auth/session`);
      const s = (await session.json()) as { account: { email: string }; csrfToken: string };
      expect(s.account.email).toBe('carol@uni.example');

      // Single logout: the IdP takes our LogoutRequest only when signed (it requires it).
      const out = await fetch(`${anylib.base}/api/v1/auth/sso-logout`, {
        method: 'POST',
        headers: { cookie: `anylib_session=${browser.cookie(anylib.base, 'anylib_session')}`, 'x-csrf-token': s.csrfToken },
      });
      const { redirect } = (await out.json()) as { redirect: string };
      expect(new URL(redirect).searchParams.get('Signature')).toBeTruthy();
      const atIdp = await browser.get(redirect);
      expect(atIdp.status, await atIdp.clone().text()).toBe(302);
      expect(idp.logoutRequests.at(-1)).toBe('_nameid-carol');
    } finally {
      idp.behave();
    }
  });

  it('refuses an assertion encrypted to another key: a page, the reason in the audit log, nothing written', async () => {
    idp.misbehave({ encrypt: 'to-another-key' });
    try {
      const before = await footprint(t);
      const { res } = await signIn(new Browser({ 'accept-language': 'zh-CN' }));
      expect(res.status).toBe(401);
      const html = await res.text();
      expect(html).toContain('data-code="SIGN_IN_REJECTED"');
      expect(html).toContain('lang="zh-CN"');
      expect(await footprint(t)).toEqual(before);
      const audit = await t.app.inject({ url: `/api/v1/audit?action=login.failed&library=${library}&limit=1`, headers: admin.headers });
      expect(audit.json().items[0].details.reason).toMatch(/decrypt|SAML response refused/i);
    } finally {
      idp.behave();
    }
  });

  it('refuses an assertion encrypted to us but signed with a key not in the IdP’s metadata', async () => {
    idp.misbehave({ encrypt: 'to-sp', foreignKey: true });
    try {
      const before = await footprint(t);
      const { res } = await signIn(new Browser());
      expect(res.status).toBe(401);
      expect(await footprint(t)).toEqual(before);
      const audit = await t.app.inject({ url: `/api/v1/audit?action=login.failed&library=${library}&limit=1`, headers: admin.headers });
      expect(audit.json().items[0].details.reason).toMatch(/signature/i);
    } finally {
      idp.behave();
    }
  });
});
