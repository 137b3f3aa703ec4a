import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueToken } from '../../src/modules/identity/index.js';
import { anAccount, anAccountWith } from '../support/accounts.js';
import { testApp, type TestApp } from '../support/app.js';
import { aLibrary } from './support.js';

describe('API tokens', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp();
    await aLibrary(t, 'CN-A');
  });
  afterAll(() => t.close());

  const libraryAdmin = () => anAccount(t, { role: 'library-staff', library: 'CN-A', permissions: ['catalogue', 'library-admin'] });
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  it('makes a token whose secret is shown once, that expires in 90 days unless told otherwise', async () => {
    const me = await libraryAdmin();
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: me.headers, payload: { name: 'OAI harvester' } });
    expect(res.statusCode).toBe(201);
    const made = res.json();
    expect(made.token).toMatch(/^al_/);
    const days = (new Date(made.expiresAt).getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(89.9);
    expect(days).toBeLessThanOrEqual(90);
    expect((await t.app.inject({ url: '/api/v1/auth/session', headers: bearer(made.token) })).json().via).toBe('token');

    const list = await t.app.inject({ url: '/api/v1/tokens', headers: me.headers });
    const listed = list.json().items.find((x: { id: number }) => x.id === made.id);
    expect(listed).toMatchObject({ name: 'OAI harvester', status: 'active', scopes: null });
    expect(JSON.stringify(list.json())).not.toContain(made.token);
    const { rows } = await t.db.query<{ token_hash: string }>('SELECT token_hash FROM api_tokens WHERE id = $1', [made.id]);
    expect(rows[0]!.token_hash).not.toContain(made.token);
  });

  it('refuses an expired token and a revoked one with 401', async () => {
    const me = await anAccount(t, { role: 'reader', library: 'CN-A' });
    const expired = await issueToken(t.db, { userId: me.userId, name: 'old', expiresAt: new Date(Date.now() - 1000) });
    const res = await t.app.inject({ url: '/api/v1/auth/session', headers: bearer(expired.token) });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('TOKEN_INVALID');

    const made = (await t.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: me.headers, payload: { name: 'to revoke' } })).json();
    expect((await t.app.inject({ url: '/api/v1/auth/session', headers: bearer(made.token) })).statusCode).toBe(200);
    const revoked = await t.app.inject({ method: 'DELETE', url: `/api/v1/tokens/${made.id}`, headers: me.headers });
    expect(revoked.statusCode).toBe(204);
    expect((await t.app.inject({ url: '/api/v1/auth/session', headers: bearer(made.token) })).statusCode).toBe(401);
    const listed = (await t.app.inject({ url: '/api/v1/tokens', headers: me.headers })).json().items;
    expect(listed.find((x: { id: number }) => x.id === made.id).status).toBe('revoked');
    expect(listed.find((x: { id: number }) => x.id === expired.id).status).toBe('expired');
  });

  it('counts a change made outside this server (by hand in SQL, or through another server): grants changed, the token revoked', async () => {
    const me = await libraryAdmin();
    const users = async () => (await t.app.inject({ url: '/api/v1/libraries/CN-A/users', headers: me.headers })).statusCode;
    // Twice: the second call may be answered with the token as the server kept it.
    expect([await users(), await users()]).toEqual([200, 200]);
    await t.db.query("UPDATE role_grants SET permissions = '{catalogue}' WHERE user_id = $1", [me.userId]);
    // Another server hears of it when the change commits (a notification), not before this call is answered.
    await expect.poll(users).toBe(403);
    await t.db.query('UPDATE api_tokens SET revoked_at = now() WHERE user_id = $1', [me.userId]);
    await expect.poll(users).toBe(401);
  });

  it('narrows what a token may do to its scopes', async () => {
    const me = await libraryAdmin();
    expect((await t.app.inject({ url: '/api/v1/libraries/CN-A/users', headers: me.headers })).statusCode).toBe(200);
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: me.headers, payload: { name: 'cataloguing only', scopes: ['catalogue'] } });
    expect(res.json().scopes).toEqual(['catalogue']);
    const narrowed = bearer(res.json().token);
    expect((await t.app.inject({ url: '/api/v1/libraries/CN-A/users', headers: narrowed })).statusCode).toBe(403);
    // A token made with a narrowed token is no wider.
    const child = await t.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: narrowed, payload: { name: 'child' } });
    expect(child.json().scopes).toEqual(['catalogue']);
    const wider = await t.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: narrowed, payload: { name: 'wider', scopes: ['library-admin'] } });
    expect(wider.statusCode).toBe(403);
  });

  it('narrows even a network administrator’s token', async () => {
    const admin = await anAccountWith(t, { grants: [{ role: 'network-admin' }], scopes: ['statistics'] });
    expect((await t.app.inject({ url: '/api/v1/users', headers: admin.headers })).statusCode).toBe(403);
  });

  it('gives a token no permission its account does not hold', async () => {
    const me = await libraryAdmin();
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: me.headers, payload: { name: 'greedy', scopes: ['catalogue', 'network-admin'] } });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'TOKEN_SCOPE_NOT_HELD', errors: [{ field: 'scopes[1]' }] });
  });

  it('wants an expiry in the future and within a year', async () => {
    const me = await libraryAdmin();
    const past = await t.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: me.headers, payload: { name: 'x', expiresAt: '2020-01-01T00:00:00Z' } });
    expect(past.statusCode).toBe(400);
    expect(past.json()).toMatchObject({ code: 'TOKEN_EXPIRY_INVALID', errors: [{ field: 'expiresAt' }] });
    const far = new Date(Date.now() + 400 * 86_400_000).toISOString();
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: me.headers, payload: { name: 'x', expiresAt: far } })).statusCode).toBe(400);
    const soon = new Date(Date.now() + 7 * 86_400_000).toISOString();
    const ok = await t.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: me.headers, payload: { name: 'x', expiresAt: soon } });
    expect(new Date(ok.json().expiresAt).toISOString()).toBe(soon);
    const garbage = await t.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: me.headers, payload: { name: 'x', expiresAt: 'tomorrow' } });
    expect(garbage.json().errors).toEqual([expect.objectContaining({ field: 'expiresAt' })]);
  });

  it('lets nobody revoke another person’s token but a network administrator', async () => {
    const owner = await anAccount(t, { role: 'reader', library: 'CN-A' });
    const other = await anAccount(t, { role: 'reader', library: 'CN-A' });
    const made = (await t.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: owner.headers, payload: { name: 'mine' } })).json();
    const res = await t.app.inject({ method: 'DELETE', url: `/api/v1/tokens/${made.id}`, headers: other.headers });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('TOKEN_NOT_FOUND');
    expect((await t.app.inject({ url: '/api/v1/auth/session', headers: bearer(made.token) })).statusCode).toBe(200);
    const admin = await anAccount(t, { role: 'network-admin' });
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/tokens/${made.id}`, headers: admin.headers })).statusCode).toBe(204);
  });

  it('lets the command line’s local access do what a network administrator does, but own no token', async () => {
    const local = { authorization: 'Bearer local-test-token-local-test-token' };
    expect((await t.app.inject({ url: '/api/v1/users', headers: local })).statusCode).toBe(200);
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: local, payload: { name: 'x' } });
    expect(res.json().code).toBe('ACCOUNT_REQUIRED');
  });
});
