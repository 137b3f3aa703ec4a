import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAudit } from '../../src/modules/identity/index.js';
import { anAccount, type TestAccount } from '../support/accounts.js';
import { testApp, type TestApp } from '../support/app.js';
import { aLibrary, aPassword, aPerson } from './support.js';

interface Entry {
  id: number;
  at: string;
  actor: string;
  actorId: number | null;
  action: string;
  target: string | null;
  library: string | null;
  details: Record<string, unknown>;
  ip: string | null;
  requestId: string | null;
}

describe('the audit log', () => {
  let t: TestApp;
  let admin: TestAccount;
  let adminOfA: TestAccount;
  beforeAll(async () => {
    t = await testApp();
    await aLibrary(t, 'CN-A');
    await aLibrary(t, 'CN-B');
    admin = await anAccount(t, { role: 'network-admin' });
    adminOfA = await anAccount(t, { role: 'library-staff', library: 'CN-A', permissions: ['library-admin'] });
  });
  afterAll(() => t.close());

  const audit = async (query: string, who: TestAccount = admin): Promise<Entry[]> => {
    const res = await t.app.inject({ url: `/api/v1/audit?${query}`, headers: who.headers });
    expect(res.statusCode).toBe(200);
    return res.json().items;
  };

  it('records a sign-in and a failed one: who, what, when, from where', async () => {
    const person = await aPerson(t);
    const before = Date.now();
    await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: person.email, password: 'wrong wrong wrong' }, remoteAddress: '192.0.2.10' });
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: person.email, password: aPassword },
      remoteAddress: '192.0.2.10',
      headers: { 'x-request-id': 'login-42' },
    });
    const entries = await audit(`target=user:${person.userId}&action=login*`);
    expect(entries.map((e) => e.action)).toEqual(['login', 'login.failed']);
    const [ok, failed] = entries;
    expect(ok).toMatchObject({ actor: person.email, actorId: person.userId, ip: '192.0.2.10', requestId: 'login-42' });
    expect(new Date(ok!.at).getTime()).toBeGreaterThanOrEqual(before - 5_000);
    expect(failed).toMatchObject({ actor: person.email, actorId: null, details: { reason: 'password' } });
  });

  it('records a change of roles: who changed whose, what was added and removed, when', async () => {
    const person = await anAccount(t, { role: 'reader', library: 'CN-A' });
    const res = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/users/${person.userId}/grants`,
      headers: adminOfA.headers,
      payload: { grants: [{ role: 'library-staff', library: 'CN-A', permissions: ['lending'] }] },
    });
    expect(res.statusCode).toBe(200);
    const [entry] = await audit(`action=user.grants&target=user:${person.userId}`);
    expect(entry).toMatchObject({
      actor: adminOfA.email,
      actorId: adminOfA.userId,
      library: 'CN-A',
      details: {
        email: person.email,
        added: [{ role: 'library-staff', library: 'CN-A', permissions: ['lending'] }],
        removed: [{ role: 'reader', library: 'CN-A', permissions: ['reader'] }],
      },
    });
    expect(Date.now() - new Date(entry!.at).getTime()).toBeLessThan(60_000);
  });

  it('records accounts added and tokens made and revoked', async () => {
    const added = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: admin.headers,
      payload: { email: 'system@example.org', grants: [{ role: 'reader', library: 'CN-B' }], credential: { kind: 'api-token', name: 'ILS' } },
    });
    expect(added.statusCode).toBe(201);
    const { account, apiToken } = added.json();
    expect(await audit(`action=user.create&target=user:${account.id}`)).toEqual([
      expect.objectContaining({ actor: admin.email, library: 'CN-B', details: expect.objectContaining({ email: 'system@example.org' }) }),
    ]);
    await t.app.inject({ method: 'DELETE', url: `/api/v1/tokens/${apiToken.id}`, headers: admin.headers });
    expect((await audit(`target=token:${apiToken.id}`)).map((e) => e.action)).toEqual(['token.revoke', 'token.create']);
  });

  it('shows a library’s administrator their library’s entries and no other library’s', async () => {
    const readerOfB = await anAccount(t, { role: 'reader', library: 'CN-B' });
    await t.app.inject({
      method: 'PUT',
      url: `/api/v1/users/${readerOfB.userId}/grants`,
      headers: admin.headers,
      payload: { grants: [{ role: 'library-staff', library: 'CN-B' }] },
    });
    const foreign = await t.app.inject({ url: '/api/v1/audit?library=CN-B', headers: adminOfA.headers });
    expect(foreign.statusCode).toBe(403);
    const everything = await t.app.inject({ url: '/api/v1/audit', headers: adminOfA.headers });
    expect(everything.statusCode).toBe(403);
    const own = await audit('library=CN-A', adminOfA);
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((e) => e.library === 'CN-A')).toBe(true);
    expect(own.some((e) => e.target === `user:${readerOfB.userId}`)).toBe(false);
  });

  it('takes entries from other modules, written in their transaction', async () => {
    const actor = { userId: admin.userId, email: admin.email, displayName: 'Admin', grants: [], via: 'token' as const };
    await t.db.transaction((tx) =>
      recordAudit(tx, { actor, action: 'library.update', target: 'library:CN-B', library: 'CN-B', details: { changed: ['fte'] }, ip: '192.0.2.3', requestId: 'r1' }),
    );
    await t.db
      .transaction(async (tx) => {
        await recordAudit(tx, { actor, action: 'library.update', target: 'library:CN-B', library: 'CN-B', details: { changed: ['name'] } });
        throw new Error('the change failed');
      })
      .catch(() => undefined);
    const entries = await audit('action=library.update&library=CN-B');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actor: admin.email, details: { changed: ['fte'] }, library: 'CN-B' });
  });

  it('pages from the newest backwards', async () => {
    const first = await t.app.inject({ url: '/api/v1/audit?limit=2', headers: admin.headers });
    const page = first.json();
    expect(page.items).toHaveLength(2);
    expect(page.items[0].id).toBeGreaterThan(page.items[1].id);
    const second = (await t.app.inject({ url: `/api/v1/audit?limit=2&before=${page.next}`, headers: admin.headers })).json();
    expect(second.items[0].id).toBeLessThan(page.next);
    const future = await audit(`from=${encodeURIComponent(new Date(Date.now() + 3_600_000).toISOString())}`);
    expect(future).toEqual([]);
  });
});
