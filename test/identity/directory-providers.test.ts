import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anAccount, anAdmin, type TestAccount } from '../support/accounts.js';
import { testApp, type TestApp } from '../support/app.js';
import { startSamlIdp, type TestIdp } from './saml-idp.js';

/**
 * Identity providers through the directory (issue 6): POST /network/import and GET /network/export
 * carry each library's OIDC, SAML and CAS providers; secrets never leave, may come in; importing
 * twice changes nothing; bad entries are reported (library, provider, field, why) while the good
 * ones are written.
 */
let t: TestApp;
let admin: TestAccount;
let idp: TestIdp;
const secret = 'oidc-client-secret-never-exported-4711';

const library = (symbol: string) => ({ symbol, name: { zh: `图书馆 ${symbol}`, en: `Library ${symbol}` }, type: 'university', province: 'CN-JS' });
const category = { claim: 'eduPersonScopedAffiliation', values: { student: 'student', faculty: 'teacher' }, default: 'external' };

function document() {
  return {
    libraries: [library('CN-DIRA'), library('CN-DIRB')],
    identityProviders: [
      {
        library: 'CN-DIRA',
        kind: 'oidc',
        name: '统一身份认证',
        issuer: 'http://127.0.0.1:9/realms/a',
        clientId: 'anylib',
        clientSecret: secret,
        scopes: ['openid', 'email', 'profile', 'groups'],
        claims: { category: { claim: 'affiliation', values: { student: 'student' }, default: 'external' } },
        roleRules: [{ claim: 'groups', contains: 'library-ill', permissions: ['lending', 'borrowing'] }],
      },
      { library: 'CN-DIRA', kind: 'saml', name: 'CARSI (URL)', idpMetadataUrl: idp.metadataUrl, claims: { category } },
      { library: 'CN-DIRB', kind: 'saml', name: 'CARSI (file)', idpMetadataXml: idp.metadataXml },
      { library: 'CN-DIRB', kind: 'cas', name: 'CAS', serverUrl: 'http://127.0.0.1:9/cas/', casVersion: '2.0', claims: { subject: 'user', email: 'mail' } },
      // Four bad ones: an unknown library, an ftp issuer, a metadata URL that answers 404, no client id.
      { library: 'CN-NOWHERE', kind: 'cas', name: 'Nobody’s CAS', serverUrl: 'http://127.0.0.1:9/cas' },
      { library: 'CN-DIRB', kind: 'oidc', name: 'Bad issuer', issuer: 'ftp://idp.example', clientId: 'x' },
      { library: 'CN-DIRB', kind: 'saml', name: 'Gone', idpMetadataUrl: `${idp.metadataUrl}-gone` },
      { library: 'CN-DIRA', kind: 'oidc', name: 'No client', issuer: 'http://127.0.0.1:9/realms/b' },
    ],
  };
}

const importing = (payload: unknown, query = '', lang = 'en') =>
  t.app.inject({ method: 'POST', url: `/api/v1/network/import${query}`, headers: { ...admin.headers, 'accept-language': lang }, payload: payload as object });
const providersOf = async (symbol: string) => (await t.app.inject({ url: `/api/v1/libraries/${symbol}/identity-providers`, headers: admin.headers })).json().items;
const sealedSecrets = async () => (await t.db.query<{ s: string | null }>(`SELECT client_secret_sealed AS s FROM identity_providers WHERE kind = 'oidc' ORDER BY id`)).rows.map((r) => r.s);
const providerAudits = async () => (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action LIKE 'identity-provider.%'`)).rows[0]!.n;

beforeAll(async () => {
  t = await testApp();
  admin = await anAdmin(t);
  const spMetadata = (await t.app.inject({ url: '/api/v1/auth/saml/metadata' })).body;
  idp = await startSamlIdp(spMetadata, {});
}, 120_000);
afterAll(async () => {
  await idp?.stop();
  await t?.close();
});

describe('identity providers in the directory', () => {
  it('a dry run counts and writes nothing', async () => {
    const res = await importing(document(), '?dryRun=true');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().identityProviders).toMatchObject({ created: 4, updated: 0, unchanged: 0 });
    expect((await t.db.query('SELECT 1 FROM identity_providers')).rows).toHaveLength(0);
  });

  it('imports the good entries of every kind, and names library, provider, field and reason of each bad one', async () => {
    const res = await importing(document());
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json().identityProviders;
    expect(report).toMatchObject({ created: 4, updated: 0, unchanged: 0 });
    expect(new Set(report.problems.map((p: { field: string }) => p.field))).toEqual(
      new Set(['identityProviders[4].library', 'identityProviders[5].issuer', 'identityProviders[6].idpMetadataUrl', 'identityProviders[7].clientId']),
    );
    expect(report.problems).toContainEqual({ field: 'identityProviders[4].library', library: 'CN-NOWHERE', provider: 'Nobody’s CAS', message: 'unknown library CN-NOWHERE' });
    expect(report.problems).toContainEqual({ field: 'identityProviders[5].issuer', library: 'CN-DIRB', provider: 'Bad issuer', message: expect.any(String) });
    expect(report.problems).toContainEqual({ field: 'identityProviders[6].idpMetadataUrl', library: 'CN-DIRB', provider: 'Gone', message: 'the metadata URL answered 404' });
    expect(report.problems).toContainEqual({ field: 'identityProviders[7].clientId', library: 'CN-DIRA', provider: 'No client', message: expect.stringMatching(/expected string/i) });
    const a = await providersOf('CN-DIRA');
    expect(a.map((p: { kind: string; name: string }) => [p.kind, p.name])).toEqual([['oidc', '统一身份认证'], ['saml', 'CARSI (URL)']]);
    expect(a[0]).toMatchObject({ issuer: 'http://127.0.0.1:9/realms/a', clientId: 'anylib', hasClientSecret: true, scopes: ['openid', 'email', 'profile', 'groups'] });
    expect(a[1]).toMatchObject({ issuer: idp.entityId, saml: { certificates: 1, idpMetadataUrl: idp.metadataUrl }, claims: { category } });
    const b = await providersOf('CN-DIRB');
    expect(b.map((p: { kind: string }) => p.kind)).toEqual(['saml', 'cas']);
    expect(b[1]).toMatchObject({ issuer: 'http://127.0.0.1:9/cas', cas: { casVersion: '2.0' }, claims: { subject: 'user', email: 'mail' } });
    // The secret is kept sealed, as through the API.
    expect((await sealedSecrets())[0]).toMatch(/^v1\./);
    expect(JSON.stringify(await sealedSecrets())).not.toContain(secret);
    const audit = await t.app.inject({ url: '/api/v1/audit?action=identity-provider.create&library=CN-DIRA', headers: admin.headers });
    expect(audit.json().items.map((e: { details: Record<string, unknown> }) => e.details.via)).toEqual(['network.import', 'network.import']);
    expect(audit.body).not.toContain(secret);
  });

  it('reports the problems in the reader’s language', async () => {
    const res = await importing({ identityProviders: [document().identityProviders[4]] }, '?dryRun=true', 'zh-CN');
    expect(res.json().identityProviders.problems[0].message).toBe('未知的图书馆 CN-NOWHERE');
  });

  it('is idempotent: the same file again changes nothing, the secret included', async () => {
    const sealed = await sealedSecrets();
    const audits = await providerAudits();
    const res = await importing(document());
    expect(res.json().identityProviders).toMatchObject({ created: 0, updated: 0, unchanged: 4 });
    expect(res.json().identityProviders.problems.length).toBeGreaterThanOrEqual(4);
    expect(await sealedSecrets()).toEqual(sealed);
    expect(await providerAudits()).toBe(audits);
  });

  it('exports the providers to network administrators without any secret, and the export imports back unchanged, keeping the secret', async () => {
    const res = await t.app.inject({ url: '/api/v1/network/export', headers: admin.headers });
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain(secret);
    expect(res.body).not.toMatch(/clientSecret|hasClientSecret/);
    const exported = res.json();
    expect(exported.identityProviders).toHaveLength(4);
    expect(exported.identityProviders[0]).toMatchObject({ library: 'CN-DIRA', kind: 'oidc', clientId: 'anylib', roleRules: [{ claim: 'groups', contains: 'library-ill' }] });
    expect(exported.identityProviders[1]).toMatchObject({ kind: 'saml', idpMetadataUrl: idp.metadataUrl });
    // Added from a file: exported as metadata, which reads back to the same settings.
    expect(exported.identityProviders[2].idpMetadataXml).toContain(`entityID="${idp.entityId}"`);
    expect(exported.identityProviders[3]).toMatchObject({ kind: 'cas', serverUrl: 'http://127.0.0.1:9/cas', casVersion: '2.0' });

    const sealed = await sealedSecrets();
    const again = await importing(exported);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().identityProviders).toEqual({ created: 0, updated: 0, unchanged: 4, problems: [] });
    expect(await sealedSecrets()).toEqual(sealed);

    // Not for the public, nor for a library's staff.
    expect((await t.app.inject({ url: '/api/v1/network/export' })).json().identityProviders).toBeUndefined();
    const staff = await anAccount(t, { role: 'library-staff', library: 'CN-DIRA', permissions: ['library-admin'] });
    expect((await t.app.inject({ url: '/api/v1/network/export', headers: staff.headers })).json().identityProviders).toBeUndefined();
  });

  it('brings a known provider to the file’s settings, with a new secret when one is given', async () => {
    const doc = document();
    Object.assign(doc.identityProviders[0]!, { clientSecret: 'a-new-secret-for-the-client', enabled: false, roleRules: [] });
    const before = await sealedSecrets();
    const res = await importing({ identityProviders: doc.identityProviders.slice(0, 4) });
    expect(res.json().identityProviders).toEqual({ created: 0, updated: 1, unchanged: 3, problems: [] });
    const [oidc] = await providersOf('CN-DIRA');
    expect(oidc).toMatchObject({ enabled: false, roleRules: [], hasClientSecret: true });
    expect((await sealedSecrets())[0]).not.toBe(before[0]);
    const audit = await t.app.inject({ url: '/api/v1/audit?action=identity-provider.update&library=CN-DIRA&limit=1', headers: admin.headers });
    expect(audit.json().items[0].details).toMatchObject({ via: 'network.import', clientSecret: 'changed', enabled: false });
    expect(audit.body).not.toContain('a-new-secret-for-the-client');
  });
});
