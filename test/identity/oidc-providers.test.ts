import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anAccount, anAdmin, type TestAccount } from '../support/accounts.js';
import { testApp, type TestApp } from '../support/app.js';
import { aLibrary } from './support.js';

/** Identity providers through the API: who may, what is checked, what is never shown (the secret). */
let t: TestApp;
let admin: TestAccount;
let libAdmin: TestAccount;
let otherAdmin: TestAccount;
const url = (lib = 'CN-IDP') => `/api/v1/libraries/${lib}/identity-providers`;
const valid = {
  kind: 'oidc',
  name: 'Unified authentication',
  issuer: 'https://sso.uni.example/realms/main',
  clientId: 'anylib',
  clientSecret: 's3cret-value-never-shown',
  scopes: ['openid', 'email', 'profile', 'affiliation'],
  claims: { subject: 'sub', category: { claim: 'affiliation', values: { student: 'student', faculty: 'teacher' }, default: 'external' } },
  roleRules: [{ claim: 'groups', contains: 'library-cataloguers', permissions: ['catalogue'] }],
};

beforeAll(async () => {
  t = await testApp({ baseUrl: 'https://anylib.example' });
  await aLibrary(t, 'CN-IDP');
  await aLibrary(t, 'CN-OTHER');
  admin = await anAdmin(t);
  libAdmin = await anAccount(t, { role: 'library-staff', library: 'CN-IDP', permissions: ['library-admin'] });
  otherAdmin = await anAccount(t, { role: 'library-staff', library: 'CN-OTHER', permissions: ['library-admin'] });
}, 60_000);
afterAll(() => t?.close());

describe('identity providers of a library', () => {
  it('are added by the library’s administrator; the secret is stored sealed and never returned', async () => {
    const res = await t.app.inject({ method: 'POST', url: url(), headers: libAdmin.headers, payload: valid });
    expect(res.statusCode).toBe(201);
    const p = res.json();
    expect(p).toMatchObject({ library: 'CN-IDP', hasClientSecret: true, enabled: true, claims: { subject: 'sub', email: 'email', displayName: 'name' } });
    expect(p.redirectUri).toBe(`https://anylib.example/api/v1/auth/oidc/${p.id}/callback`);
    expect(res.body).not.toContain('s3cret');
    const list = await t.app.inject({ url: url(), headers: libAdmin.headers });
    expect(list.body).not.toContain('s3cret');
    const { rows } = await t.db.query<{ client_secret_sealed: string }>('SELECT client_secret_sealed FROM identity_providers WHERE id = $1', [p.id]);
    expect(rows[0]!.client_secret_sealed).not.toContain('s3cret');
    const audit = await t.app.inject({ url: '/api/v1/audit?action=identity-provider.*&library=CN-IDP', headers: admin.headers });
    expect(audit.json().items[0]).toMatchObject({ action: 'identity-provider.create', details: { clientSecret: 'changed' } });
    expect(audit.body).not.toContain('s3cret');
  });

  it('are changed and removed; the secret can be replaced or removed, not read', async () => {
    const p = (await t.app.inject({ method: 'POST', url: url(), headers: admin.headers, payload: valid })).json();
    const patched = await t.app.inject({ method: 'PATCH', url: `${url()}/${p.id}`, headers: libAdmin.headers, payload: { enabled: false, clientSecret: null } });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ enabled: false, hasClientSecret: false });
    expect((await t.app.inject({ method: 'DELETE', url: `${url()}/${p.id}`, headers: libAdmin.headers })).statusCode).toBe(204);
    expect((await t.app.inject({ url: `${url()}/${p.id}`, headers: libAdmin.headers })).statusCode).toBe(404);
  });

  it('are not another library’s administrator’s business', async () => {
    expect((await t.app.inject({ method: 'POST', url: url(), headers: otherAdmin.headers, payload: valid })).statusCode).toBe(403);
    const p = (await t.app.inject({ method: 'POST', url: url(), headers: libAdmin.headers, payload: valid })).json();
    // Through their own library's path, another library's provider does not exist.
    expect((await t.app.inject({ url: `${url('CN-OTHER')}/${p.id}`, headers: otherAdmin.headers })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'PATCH', url: `${url('CN-OTHER')}/${p.id}`, headers: otherAdmin.headers, payload: { enabled: false } })).statusCode).toBe(404);
  });

  it.each([
    ['an http issuer that is not loopback', { issuer: 'http://sso.uni.example' }, 'issuer'],
    ['an issuer with a query', { issuer: 'https://sso.uni.example/?realm=x' }, 'issuer'],
    ['scopes without openid', { scopes: ['email'] }, 'scopes'],
    ['a rule with both contains and equals', { roleRules: [{ claim: 'groups', contains: 'a', equals: 'b', permissions: ['catalogue'] }] }, 'roleRules[0]'],
    ['a rule giving an unknown permission', { roleRules: [{ claim: 'groups', contains: 'a', permissions: ['everything'] }] }, 'roleRules[0].permissions[0]'],
    ['an unknown category', { claims: { category: { claim: 'affiliation', values: { student: 'pupil' } } } }, 'claims.category.values.student'],
    ['an unknown field', { clientSecretHash: 'x' }, ''],
  ])('refuse %s with a problem naming the field', async (_name, change, field) => {
    const res = await t.app.inject({ method: 'POST', url: url(), headers: admin.headers, payload: { ...valid, ...change } });
    expect(res.statusCode).toBe(400);
    const problem = res.json();
    expect(problem.code).toBe('VALIDATION_FAILED');
    if (field) expect(problem.errors.map((f: { field: string }) => f.field)).toContain(field);
  });

  it('cannot be added to a library that does not exist', async () => {
    const res = await t.app.inject({ method: 'POST', url: url('CN-NOWHERE'), headers: admin.headers, payload: valid });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('SCOPE_NOT_FOUND');
  });
});
