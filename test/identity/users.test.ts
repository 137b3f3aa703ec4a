import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anAccount, type TestAccount } from '../support/accounts.js';
import { testApp, type TestApp } from '../support/app.js';
import { aLibrary, anAlliance } from './support.js';

describe('accounts and roles', () => {
  let t: TestApp;
  let admin: TestAccount;
  let adminOfA: TestAccount;
  let adminOfB: TestAccount;
  let cataloguerOfA: TestAccount;
  beforeAll(async () => {
    t = await testApp();
    await aLibrary(t, 'CN-A');
    await aLibrary(t, 'CN-B');
    await anAlliance(t, 'JALIS');
    admin = await anAccount(t, { role: 'network-admin' });
    adminOfA = await anAccount(t, { role: 'library-staff', library: 'CN-A', permissions: ['catalogue', 'library-admin'] });
    adminOfB = await anAccount(t, { role: 'library-staff', library: 'CN-B', permissions: ['library-admin'] });
    cataloguerOfA = await anAccount(t, { role: 'library-staff', library: 'CN-A', permissions: ['catalogue'] });
  });
  afterAll(() => t.close());

  const addUser = (by: TestAccount, payload: Record<string, unknown>) => t.app.inject({ method: 'POST', url: '/api/v1/users', headers: by.headers, payload });
  let n = 0;
  const newEmail = () => `account-${++n}@example.org`;

  it('lets a network administrator add an account with roles; a one-time password comes back once', async () => {
    const email = newEmail();
    const res = await addUser(admin, {
      email,
      displayName: '李伟',
      locale: 'zh-CN',
      grants: [
        { role: 'library-staff', library: 'CN-A', permissions: ['lending', 'borrowing'] },
        { role: 'alliance-staff', alliance: 'JALIS' },
      ],
    });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.account).toMatchObject({ email, displayName: '李伟', locale: 'zh-CN', mustChangePassword: true, disabled: false });
    expect(body.account.grants).toEqual([
      { role: 'library-staff', library: 'CN-A', permissions: ['lending', 'borrowing'] },
      { role: 'alliance-staff', alliance: 'JALIS', permissions: ['alliance-admin', 'statistics'] },
    ]);
    expect(body.oneTimePassword).toHaveLength(16);
    expect(JSON.stringify(body)).not.toContain('$argon2');
    const { rows } = await t.db.query<{ password_hash: string }>('SELECT password_hash FROM users WHERE email = $1', [email]);
    expect(rows[0]!.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
  });

  it('lets a library’s administrator add readers and staff of that library only', async () => {
    const ok = await addUser(adminOfA, { email: newEmail(), grants: [{ role: 'library-staff', library: 'CN-A', permissions: ['catalogue'] }] });
    expect(ok.statusCode).toBe(201);
    const other = await addUser(adminOfA, { email: newEmail(), grants: [{ role: 'reader', library: 'CN-B' }] });
    expect(other.statusCode).toBe(403);
    expect(other.json()).toMatchObject({ code: 'GRANT_NOT_ALLOWED', errors: [{ field: 'grants[0]' }] });
    const up = await addUser(adminOfA, { email: newEmail(), grants: [{ role: 'network-admin' }] });
    expect(up.json().code).toBe('GRANT_NOT_ALLOWED');
    const noRole = await addUser(adminOfA, { email: newEmail(), grants: [] });
    expect(noRole.statusCode).toBe(403);
    const notAdmin = await addUser(cataloguerOfA, { email: newEmail(), grants: [{ role: 'reader', library: 'CN-A' }] });
    expect(notAdmin.statusCode).toBe(403);
  });

  it('names the bad field: a role without its library, an unknown library, a taken e-mail address, an unknown field', async () => {
    const noLibrary = await addUser(admin, { email: newEmail(), grants: [{ role: 'reader' }] });
    expect(noLibrary.statusCode).toBe(400);
    expect(noLibrary.json().errors).toEqual([expect.objectContaining({ field: 'grants[0].library' })]);
    const unknown = await addUser(admin, { email: newEmail(), grants: [{ role: 'reader', library: 'CN-NOWHERE' }] });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ code: 'SCOPE_NOT_FOUND', errors: [{ field: 'grants[0].library' }] });
    const email = newEmail();
    await addUser(admin, { email, grants: [] });
    const taken = await addUser(admin, { email: email.toUpperCase(), grants: [] });
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toMatchObject({ code: 'EMAIL_TAKEN', errors: [{ field: 'email' }] });
    const extra = await addUser(admin, { email: newEmail(), grants: [], isAdmin: true });
    expect(extra.json().errors).toEqual([expect.objectContaining({ field: 'isAdmin' })]);
    // Nothing half-written: the refused accounts do not exist.
    const { rows } = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM users WHERE email ILIKE '%CN-NOWHERE%' OR email = $1`, [
      email.toUpperCase(),
    ]);
    expect(rows[0]!.n).toBe(0);
  });

  it('never lets a library’s staff read another library’s accounts', async () => {
    const reader = await anAccount(t, { role: 'reader', library: 'CN-B' });
    const own = await t.app.inject({ url: '/api/v1/libraries/CN-A/users', headers: adminOfA.headers });
    expect(own.statusCode).toBe(200);
    const emails = own.json().items.map((u: { email: string }) => u.email);
    expect(emails).toContain(cataloguerOfA.email);
    expect(emails).not.toContain(reader.email);
    for (const u of own.json().items as { grants: { library?: string }[] }[]) for (const g of u.grants) expect(g.library).toBe('CN-A');

    const foreign = await t.app.inject({ url: '/api/v1/libraries/CN-B/users', headers: adminOfA.headers });
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json().code).toBe('FORBIDDEN');
    expect((await t.app.inject({ url: '/api/v1/libraries/CN-A/users', headers: cataloguerOfA.headers })).statusCode).toBe(403);
    expect((await t.app.inject({ url: `/api/v1/users/${reader.userId}`, headers: adminOfA.headers })).statusCode).toBe(404);
    expect((await t.app.inject({ url: '/api/v1/users', headers: adminOfA.headers })).statusCode).toBe(403);
    expect((await t.app.inject({ url: '/api/v1/libraries/CN-B/users', headers: adminOfB.headers })).json().items.map((u: { email: string }) => u.email)).toContain(
      reader.email,
    );
  });

  it('lists every account for a network administrator, a page at a time', async () => {
    const first = await t.app.inject({ url: '/api/v1/users?limit=2', headers: admin.headers });
    expect(first.statusCode).toBe(200);
    expect(first.json().items).toHaveLength(2);
    const next = first.json().next;
    const second = await t.app.inject({ url: `/api/v1/users?limit=2&after=${next}`, headers: admin.headers });
    expect(second.json().items[0].id).toBeGreaterThan(next);
    const found = await t.app.inject({ url: `/api/v1/users?q=${encodeURIComponent(cataloguerOfA.email)}`, headers: admin.headers });
    expect(found.json().items.map((u: { id: number }) => u.id)).toEqual([cataloguerOfA.userId]);
  });

  it('sets roles: a library administrator changes those of their library and leaves the others be', async () => {
    const person = await anAccount(t, { role: 'reader', library: 'CN-A' }, { role: 'reader', library: 'CN-B' });
    const res = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/users/${person.userId}/grants`,
      headers: adminOfA.headers,
      payload: { grants: [{ role: 'library-staff', library: 'CN-A', permissions: ['lending'] }] },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().grants).toEqual([{ role: 'library-staff', library: 'CN-A', permissions: ['lending'] }]);
    const all = await t.app.inject({ url: `/api/v1/users/${person.userId}`, headers: admin.headers });
    expect(all.json().grants).toEqual([
      { role: 'reader', library: 'CN-B', permissions: ['reader'] },
      { role: 'library-staff', library: 'CN-A', permissions: ['lending'] },
    ]);
    const refused = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/users/${person.userId}/grants`,
      headers: adminOfA.headers,
      payload: { grants: [{ role: 'reader', library: 'CN-B' }] },
    });
    expect(refused.statusCode).toBe(403);
  });

  it('lets a library administrator disable only accounts wholly within their library', async () => {
    const ownOnly = await anAccount(t, { role: 'reader', library: 'CN-A' });
    const shared = await anAccount(t, { role: 'reader', library: 'CN-A' }, { role: 'library-staff', library: 'CN-B' });
    const patch = (id: number, by: TestAccount, payload: object) => t.app.inject({ method: 'PATCH', url: `/api/v1/users/${id}`, headers: by.headers, payload });
    expect((await patch(ownOnly.userId, adminOfA, { disabled: true })).json().disabled).toBe(true);
    expect((await patch(shared.userId, adminOfA, { disabled: true })).statusCode).toBe(403);
    expect((await patch(adminOfA.userId, adminOfA, { disabled: true })).json().code).toBe('CANNOT_DISABLE_SELF');
    expect((await patch(ownOnly.userId, adminOfA, { disabled: false })).json().disabled).toBe(false);
    // Its owner changes name and language, not others' accounts.
    const me = await patch(shared.userId, shared, { displayName: '王芳', locale: 'en' });
    expect(me.json()).toMatchObject({ displayName: '王芳', locale: 'en' });
    expect((await patch(shared.userId, cataloguerOfA, { displayName: 'x' })).statusCode).toBe(404);
  });

  it('keeps at least one network administrator', async () => {
    const { rows } = await t.db.query<{ id: number }>(`SELECT DISTINCT user_id AS id FROM role_grants WHERE role = 'network-admin'`);
    const others = rows.map((r) => r.id).filter((id) => id !== admin.userId);
    for (const id of others) await t.db.query('DELETE FROM role_grants WHERE user_id = $1 AND role = $2', [id, 'network-admin']);
    const res = await t.app.inject({ method: 'PUT', url: `/api/v1/users/${admin.userId}/grants`, headers: admin.headers, payload: { grants: [] } });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('LAST_NETWORK_ADMIN');
    const second = await anAccount(t, { role: 'network-admin' });
    const now = await t.app.inject({ method: 'PUT', url: `/api/v1/users/${second.userId}/grants`, headers: admin.headers, payload: { grants: [{ role: 'reader', library: 'CN-A' }] } });
    expect(now.statusCode).toBe(200);
  });
});
