import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readerStanding } from '../../src/modules/identity/index.js';
import { anAccount, type TestAccount } from '../support/accounts.js';
import { testApp, type TestApp } from '../support/app.js';
import { aLibrary, aPassword, aPerson } from './support.js';

/** A reader's category, block and the library's ILL limits for the category: set through the API, read by ILL through identity's index. */
let t: TestApp;
let libAdmin: TestAccount;
let desk: TestAccount;
let reader: number;

beforeAll(async () => {
  t = await testApp();
  await aLibrary(t, 'CN-RS');
  await aLibrary(t, 'CN-ELSE');
  libAdmin = await anAccount(t, { role: 'library-staff', library: 'CN-RS', permissions: ['library-admin'] });
  desk = await anAccount(t, { role: 'library-staff', library: 'CN-RS', permissions: ['lending'] });
  reader = (await aPerson(t, { role: 'reader', library: 'CN-RS' })).userId;
  // The profile a federated sign-in would have made (category from the provider's attributes).
  await t.db.query(`INSERT INTO reader_profiles (user_id, library_id, category) SELECT $1, id, 'student' FROM libraries WHERE symbol = 'CN-RS'`, [reader]);
}, 60_000);
afterAll(() => t?.close());

describe('reader standing for interlibrary loan', () => {
  it('gives the category and no limits until the library sets some (ILL defaults apply)', async () => {
    expect(await readerStanding(t.db, reader, 'CN-RS')).toEqual({ userId: reader, library: 'CN-RS', category: 'student', blocked: false, blockedReason: null, illLimits: null });
    expect(await readerStanding(t.db, reader, 'CN-ELSE')).toBeUndefined();
  });

  it('carries the limits the library’s administrator sets for the category, and the block the desk sets', async () => {
    const put = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/libraries/CN-RS/reader-categories/student',
      headers: libAdmin.headers,
      payload: { illLimits: { mayRequest: true, services: ['copy'], maxOpenRequests: 5, excludedMaterialTypes: ['thesis'] } },
    });
    expect(put.statusCode, put.body).toBe(200);
    const block = await t.app.inject({ method: 'PATCH', url: `/api/v1/libraries/CN-RS/readers/${reader}`, headers: desk.headers, payload: { blocked: true, blockedReason: 'overdue' } });
    expect(block.statusCode).toBe(200);
    expect(await readerStanding(t.db, reader, 'CN-RS')).toMatchObject({
      category: 'student',
      blocked: true,
      blockedReason: 'overdue',
      illLimits: { mayRequest: true, services: ['copy'], maxOpenRequests: 5, excludedMaterialTypes: ['thesis'] },
    });
    const list = await t.app.inject({ url: '/api/v1/libraries/CN-RS/reader-categories', headers: desk.headers });
    expect(list.json().items).toContainEqual({ category: 'teacher', illLimits: null });
  });

  it('refuses the blocked reader’s password sign-in too, and lets them in again once unblocked', async () => {
    const { email } = (await t.db.query<{ email: string }>('SELECT email FROM users WHERE id = $1', [reader])).rows[0]!;
    const login = () => t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password: aPassword }, remoteAddress: '192.0.2.77' });
    const refused = await login();
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('READER_BLOCKED');
    await t.app.inject({ method: 'PATCH', url: `/api/v1/libraries/CN-RS/readers/${reader}`, headers: desk.headers, payload: { blocked: false } });
    expect((await login()).statusCode).toBe(200);
  });

  it('lets only the library’s administrator set limits, and checks them', async () => {
    expect((await t.app.inject({ method: 'PUT', url: '/api/v1/libraries/CN-RS/reader-categories/teacher', headers: desk.headers, payload: { illLimits: null } })).statusCode).toBe(403);
    const bad = await t.app.inject({ method: 'PUT', url: '/api/v1/libraries/CN-RS/reader-categories/teacher', headers: libAdmin.headers, payload: { illLimits: { mayRequest: true, services: ['fax'], maxOpenRequests: -1, excludedMaterialTypes: [] } } });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('services');
    expect((await t.app.inject({ method: 'PUT', url: '/api/v1/libraries/CN-RS/reader-categories/pilot', headers: libAdmin.headers, payload: { illLimits: null } })).statusCode).toBe(400);
  });
});
