import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../support/app.js';
import { anAccount, anAdmin, type TestAccount } from '../support/accounts.js';
import { provinces } from '../../src/modules/network/domain/provinces.js';
import { aLibrary, anAlliance, loadDirectory } from './factories.js';

describe('the libraries of the directory', () => {
  let t: TestApp;
  let admin: TestAccount;
  let adminOfA: TestAccount;
  beforeAll(async () => {
    t = await testApp();
    await loadDirectory(t, {
      libraries: [
        aLibrary({ symbol: 'CN-A', name: { zh: '南京甲大学图书馆', en: 'Nanjing Alpha University Library' } }),
        aLibrary({ symbol: 'CN-B', province: 'CN-ZJ', type: 'public', name: { zh: '杭州乙图书馆', en: 'Hangzhou Beta Library' } }),
        aLibrary({ symbol: 'CALIS:211010', province: 'CN-ZJ', name: { zh: '丙学院图书馆', en: 'Gamma College Library' } }),
      ],
      alliances: [
        anAlliance({
          code: 'JS-TEST',
          province: 'CN-JS',
          managementCentre: 'CN-A',
          members: [
            { library: 'CN-A', role: 'management-centre', joined: '1997-01-01' },
            { library: 'CALIS:211010', role: 'member' },
          ],
        }),
        anAlliance({ code: 'ZJ-TEST', members: [{ library: 'CN-B', role: 'member' }, { library: 'CN-A', role: 'discipline-centre' }] }),
      ],
    });
    admin = await anAdmin(t);
    adminOfA = await anAccount(t, { role: 'library-staff', library: 'CN-A', permissions: ['library-admin'] });
  });
  afterAll(() => t.close());

  const symbols = async (query: string) => {
    const res = await t.app.inject(`/api/v1/libraries?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return { symbols: res.json().items.map((l: { symbol: string }) => l.symbol), total: res.json().total };
  };
  const count = async () => (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM libraries')).rows[0]!.n;

  it('lists libraries by province, type, alliance, role and name in either language', async () => {
    expect(await symbols('province=CN-ZJ')).toEqual({ symbols: ['CALIS:211010', 'CN-B'], total: 2 });
    expect((await symbols('type=public')).symbols).toEqual(['CN-B']);
    expect((await symbols('alliance=JS-TEST')).symbols).toEqual(['CALIS:211010', 'CN-A']);
    expect((await symbols('role=discipline-centre')).symbols).toEqual(['CN-A']);
    expect((await symbols('alliance=JS-TEST&role=member')).symbols).toEqual(['CALIS:211010']);
    expect((await symbols('q=杭州')).symbols).toEqual(['CN-B']);
    expect((await symbols('q=gamma')).symbols).toEqual(['CALIS:211010']);
    expect((await symbols('q=CALIS:2110')).symbols).toEqual(['CALIS:211010']);
  });

  it('pages through the list with a total', async () => {
    expect(await symbols('limit=2')).toEqual({ symbols: ['CALIS:211010', 'CN-A'], total: 3 });
    expect(await symbols('limit=2&offset=2')).toEqual({ symbols: ['CN-B'], total: 3 });
    expect(await symbols('limit=2&offset=10')).toEqual({ symbols: [], total: 3 });
  });

  it('refuses an unknown filter or a bad value, naming it', async () => {
    const res = await t.app.inject('/api/v1/libraries?province=Jiangsu&colour=red');
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['query.colour', 'query.province']);
  });

  it('finds a library by a symbol with a colon, as is or URL-encoded', async () => {
    for (const path of ['/api/v1/libraries/CALIS:211010', '/api/v1/libraries/CALIS%3A211010', '/api/v1/libraries/CALIS%3a211010']) {
      const res = await t.app.inject(path);
      expect(res.statusCode, path).toBe(200);
      expect(res.json()).toMatchObject({ symbol: 'CALIS:211010', provinceName: provinces['CN-ZJ'], memberships: [{ alliance: 'JS-TEST', role: 'member' }] });
    }
    const missing = await t.app.inject('/api/v1/libraries/CN-NOPE');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('LIBRARY_NOT_FOUND');
  });

  it('shows a library’s alliances and roles', async () => {
    const res = await t.app.inject('/api/v1/libraries/CN-A');
    expect(res.json().memberships).toEqual([
      { alliance: 'JS-TEST', allianceName: { zh: 'JS-TEST 联盟', en: 'JS-TEST Alliance' }, role: 'management-centre', joined: '1997-01-01' },
      { alliance: 'ZJ-TEST', allianceName: { zh: 'ZJ-TEST 联盟', en: 'ZJ-TEST Alliance' }, role: 'discipline-centre' },
    ]);
  });

  it('shows contacts’ e-mail and phone to staff only', async () => {
    const anonymous = await t.app.inject('/api/v1/libraries/CN-B');
    expect(anonymous.json().contacts).toEqual([{ name: 'ILL office', role: 'ill' }]);
    const reader = await anAccount(t, { role: 'reader', library: 'CN-B' });
    expect((await t.app.inject({ url: '/api/v1/libraries/CN-B', headers: reader.headers })).json().contacts[0].email).toBeUndefined();
    const staff = await anAccount(t, { role: 'library-staff', library: 'CN-A', permissions: ['lending'] });
    const seen = await t.app.inject({ url: '/api/v1/libraries/CN-B', headers: staff.headers });
    expect(seen.json().contacts).toEqual([{ name: 'ILL office', role: 'ill', email: 'ill@cnb.example.org', phone: '+86 25 0000 0000' }]);
  });

  it('lets a network administrator add a library, and refuses a duplicate symbol with 409', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/libraries', headers: admin.headers, payload: aLibrary({ symbol: 'CN-NEW' }) });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().symbol).toBe('CN-NEW');
    const before = await count();
    const again = await t.app.inject({ method: 'POST', url: '/api/v1/libraries', headers: admin.headers, payload: aLibrary({ symbol: 'CN-NEW' }) });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'LIBRARY_EXISTS', errors: [{ field: 'symbol' }] });
    expect(await count()).toBe(before);
  });

  it('refuses a malformed library entry, naming each field, and writes nothing', async () => {
    const before = await count();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/libraries',
      headers: admin.headers,
      payload: { ...aLibrary({ symbol: 'not a symbol' }), fte: 'many', branch: 'east' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['branch', 'fte', 'symbol']);
    const reversed = await t.app.inject({
      method: 'POST',
      url: '/api/v1/libraries',
      headers: admin.headers,
      payload: aLibrary({ symbol: 'CN-REV', closedDays: [{ from: '2027-02-01', to: '2027-01-01' }] }),
    });
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().errors).toMatchObject([{ field: 'closedDays[0].to' }]);
    expect(await count()).toBe(before);
  });

  it('lets a library’s administrator change its contacts, endpoints, lending policy and closed days, and logs who did', async () => {
    const res = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/libraries/CN-A',
      headers: adminOfA.headers,
      payload: { endpoints: { iso18626: 'https://ill.a.example.org/iso18626' }, closedDays: [{ from: '2027-01-20', to: '2027-02-20' }] },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ endpoints: { iso18626: 'https://ill.a.example.org/iso18626' }, closedDays: [{ from: '2027-01-20', to: '2027-02-20' }] });
    const audit = await t.db.query<{ actor: string; actor_id: number; action: string; library: string; details: { changed: string[] } }>(
      `SELECT a.actor, a.actor_id, a.action, l.symbol AS library, a.details FROM audit_log a JOIN libraries l ON l.id = a.library_id WHERE a.action = 'library.update'`,
    );
    expect(audit.rows).toEqual([{ actor: adminOfA.email, actor_id: adminOfA.userId, action: 'library.update', library: 'CN-A', details: { changed: ['endpoints', 'closedDays'] } }]);
  });

  it('refuses a library administrator’s change to the network’s fields, naming them, and changes nothing', async () => {
    const res = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/libraries/CN-A',
      headers: adminOfA.headers,
      payload: { name: { zh: '改名', en: 'Renamed' }, province: 'CN-BJ', contacts: [] },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'FIELDS_RESTRICTED' });
    expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual(['name', 'province']);
    const after = await t.app.inject({ url: '/api/v1/libraries/CN-A', headers: adminOfA.headers });
    expect(after.json()).toMatchObject({ name: { en: 'Nanjing Alpha University Library' }, province: 'CN-JS' });
    expect(after.json().contacts).toHaveLength(1);
  });

  it('keeps a library’s staff out of another library’s entry, and anonymous callers out of every write', async () => {
    const other = await t.app.inject({ method: 'PATCH', url: '/api/v1/libraries/CN-B', headers: adminOfA.headers, payload: { contacts: [] } });
    expect(other.statusCode).toBe(403);
    const lending = await anAccount(t, { role: 'library-staff', library: 'CN-A', permissions: ['lending'] });
    expect((await t.app.inject({ method: 'PATCH', url: '/api/v1/libraries/CN-A', headers: lending.headers, payload: { contacts: [] } })).statusCode).toBe(403);
    for (const [method, url] of [
      ['PATCH', '/api/v1/libraries/CN-A'],
      ['PUT', '/api/v1/libraries/CN-A'],
      ['POST', '/api/v1/libraries'],
      ['DELETE', '/api/v1/libraries/CN-A'],
    ] as const) {
      const res = await t.app.inject({ method, url, payload: method === 'DELETE' ? undefined : method === 'PATCH' ? { contacts: [] } : aLibrary({ symbol: 'CN-A' }) });
      expect(res.statusCode, `${method} ${url}`).toBe(401);
    }
    expect((await t.app.inject({ method: 'DELETE', url: '/api/v1/libraries/CN-A', headers: adminOfA.headers })).statusCode).toBe(403);
    expect((await t.app.inject('/api/v1/libraries/CN-B')).json().contacts).toHaveLength(1);
  });

  it('replaces a whole entry with PUT, but never its symbol', async () => {
    const current = (await t.app.inject({ url: '/api/v1/libraries/CN-NEW', headers: admin.headers })).json();
    const { provinceName: _p, memberships: _m, ...entry } = current;
    const res = await t.app.inject({ method: 'PUT', url: '/api/v1/libraries/CN-NEW', headers: admin.headers, payload: { ...entry, fte: 12000 } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().fte).toBe(12000);
    const renamed = await t.app.inject({ method: 'PUT', url: '/api/v1/libraries/CN-NEW', headers: admin.headers, payload: { ...entry, symbol: 'CN-OTHER' } });
    expect(renamed.statusCode).toBe(400);
    expect(renamed.json()).toMatchObject({ code: 'KEY_CHANGE', errors: [{ field: 'symbol' }] });
  });

  it('removes a library with its memberships, but not one that manages an alliance', async () => {
    const refused = await t.app.inject({ method: 'DELETE', url: '/api/v1/libraries/CN-A', headers: admin.headers });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('IN_USE');
    expect((await t.app.inject('/api/v1/libraries/CN-A')).statusCode).toBe(200);
    const removed = await t.app.inject({ method: 'DELETE', url: '/api/v1/libraries/CALIS:211010', headers: admin.headers });
    expect(removed.statusCode).toBe(204);
    expect((await t.app.inject('/api/v1/libraries/CALIS:211010')).statusCode).toBe(404);
    expect((await t.app.inject('/api/v1/alliances/JS-TEST')).json().members.map((m: { library: string }) => m.library)).toEqual(['CN-A']);
  });

  it('describes the directory API in the OpenAPI document', async () => {
    const paths = Object.keys((await t.app.inject('/openapi.json')).json().paths);
    expect(paths).toEqual(expect.arrayContaining(['/api/v1/libraries/{symbol}', '/api/v1/alliances/{code}/members/{symbol}', '/api/v1/network/import', '/api/v1/network/export']));
  });

  it('keeps the province table equal to the ISO 3166-2:CN list of the code', async () => {
    const { rows } = await t.db.query<{ code: string; name_zh: string; name_en: string }>('SELECT code, name_zh, name_en FROM provinces ORDER BY code');
    expect(Object.fromEntries(rows.map((r) => [r.code, { zh: r.name_zh, en: r.name_en }]))).toEqual(provinces);
    expect((await t.app.inject('/api/v1/provinces')).json()).toHaveLength(34);
  });
});
