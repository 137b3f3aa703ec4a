import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../support/app.js';
import { anAccount, anAdmin, type TestAccount } from '../support/accounts.js';
import { agreementsBetween } from '../../src/modules/network/index.js';
import { aLibrary, anAlliance, loadDirectory } from './factories.js';

describe('alliances, their members, governance and agreements', () => {
  let t: TestApp;
  let admin: TestAccount;
  let jsAdmin: TestAccount;
  beforeAll(async () => {
    t = await testApp();
    await loadDirectory(t, {
      libraries: ['CN-PKU', 'CN-NJU', 'CN-SEU', 'CN-ZJU', 'CN-NLC'].map((symbol) => aLibrary({ symbol })),
      alliances: [
        anAlliance({ code: 'NAT', kind: 'national', tier: 'national', managementCentre: 'CN-PKU', members: [{ library: 'CN-PKU', role: 'management-centre' }] }),
        anAlliance({ code: 'EAST', kind: 'inter-provincial', tier: 'regional', parent: 'NAT', members: [{ library: 'CN-NJU', role: 'regional-centre' }] }),
        anAlliance({
          code: 'JS',
          parent: 'EAST',
          province: 'CN-JS',
          members: [
            { library: 'CN-NJU', role: 'management-centre', joined: '1997-01-01' },
            { library: 'CN-SEU', role: 'member', joined: '1998-01-01' },
          ],
          governance: [{ body: 'council', name: { zh: '理事会', en: 'Council' }, seats: [{ position: 'chair', library: 'CN-NJU', termStart: '2020-01-01' }] }],
        }),
        anAlliance({ code: 'ZJ', parent: 'EAST', province: 'CN-ZJ', members: [{ library: 'CN-ZJU', role: 'management-centre' }] }),
      ],
      agreements: [
        { code: 'NAT-NLC', name: { zh: '国图协议', en: 'NLC agreement' }, parties: [{ alliance: 'NAT' }, { library: 'CN-NLC' }], feesWaived: false, subsidyRate: 0.5, validFrom: '2024-01-01', validTo: '2026-12-31' },
        { code: 'JS-ZJ', name: { zh: '苏浙互惠', en: 'JS-ZJ reciprocal' }, parties: [{ alliance: 'JS' }, { alliance: 'ZJ' }], feesWaived: true, validFrom: '2020-01-01' },
      ],
    });
    admin = await anAdmin(t);
    jsAdmin = await anAccount(t, { role: 'alliance-staff', alliance: 'JS' });
  });
  afterAll(() => t.close());

  const codes = async (query: string) => (await t.app.inject(`/api/v1/alliances?${query}`)).json().items.map((a: { code: string }) => a.code);
  const parentOf = async (code: string) => (await t.app.inject(`/api/v1/alliances/${code}`)).json().parent;
  const post = (url: string, payload: object, who = admin) => t.app.inject({ method: 'POST', url, headers: who.headers, payload });
  const patch = (url: string, payload: object, who = admin) => t.app.inject({ method: 'PATCH', url, headers: who.headers, payload });

  it('lists alliances by kind, tier, parent and province', async () => {
    expect(await codes('kind=provincial')).toEqual(['JS', 'ZJ']);
    expect(await codes('tier=regional')).toEqual(['EAST']);
    expect(await codes('parent=EAST')).toEqual(['JS', 'ZJ']);
    expect(await codes('province=CN-ZJ')).toEqual(['ZJ']);
    const all = (await t.app.inject('/api/v1/alliances')).json();
    expect(all.total).toBe(4);
    expect(all.items.find((a: { code: string }) => a.code === 'JS').memberCount).toBe(2);
  });

  it('shows an alliance with its members and roles, governance and child alliances', async () => {
    const res = await t.app.inject('/api/v1/alliances/JS');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      code: 'JS',
      parent: 'EAST',
      provinceName: { zh: '江苏省', en: 'Jiangsu' },
      members: [
        { library: 'CN-NJU', role: 'management-centre', joined: '1997-01-01', libraryName: { en: 'CN-NJU Library' } },
        { library: 'CN-SEU', role: 'member', joined: '1998-01-01' },
      ],
      governance: [{ body: 'council', seats: [{ position: 'chair', library: 'CN-NJU', termStart: '2020-01-01' }] }],
      children: [],
    });
    expect((await t.app.inject('/api/v1/alliances/EAST')).json().children).toEqual(['JS', 'ZJ']);
  });

  it('refuses an alliance under an unknown parent with 404 naming the field, and writes nothing', async () => {
    const res = await post('/api/v1/alliances', anAlliance({ code: 'NEW', parent: 'NOWHERE', members: [{ library: 'CN-SEU', role: 'member' }] }));
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'REFERENCE_NOT_FOUND', errors: [{ field: 'parent', message: 'unknown alliance NOWHERE' }] });
    expect((await t.app.inject('/api/v1/alliances/NEW')).statusCode).toBe(404);
    expect((await t.db.query(`SELECT 1 FROM audit_log WHERE target = 'alliance:NEW'`)).rows).toHaveLength(0);
  });

  it('refuses a duplicate alliance code with 409', async () => {
    const res = await post('/api/v1/alliances', anAlliance({ code: 'JS' }));
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'ALLIANCE_EXISTS', errors: [{ field: 'code' }] });
  });

  it('refuses a parent that would close a cycle, naming it, and keeps the hierarchy as it was', async () => {
    const res = await patch('/api/v1/alliances/NAT', { parent: 'JS' });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'ALLIANCE_CYCLE', errors: [{ field: 'parent', message: 'cycle NAT → JS → EAST → NAT' }] });
    expect(await parentOf('NAT')).toBeUndefined();
    const self = await patch('/api/v1/alliances/ZJ', { parent: 'ZJ' });
    expect(self.json().errors[0].message).toBe('cycle ZJ → ZJ');
    expect(await parentOf('ZJ')).toBe('EAST');
  });

  it('adds an alliance with members and moves it in the hierarchy', async () => {
    const created = await post('/api/v1/alliances', anAlliance({ code: 'NJ-CITY', kind: 'municipal', tier: 'municipal', parent: 'JS', members: [{ library: 'CN-SEU', role: 'member' }] }));
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ code: 'NJ-CITY', parent: 'JS', members: [{ library: 'CN-SEU' }] });
    const moved = await patch('/api/v1/alliances/NJ-CITY', { parent: null, founded: 2012 });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ code: 'NJ-CITY', founded: 2012, members: [{ library: 'CN-SEU' }] });
    expect(moved.json().parent).toBeUndefined();
  });

  it('lets an alliance’s administrator keep its members: add, change role, remove', async () => {
    const added = await post('/api/v1/alliances/JS/members', { library: 'CN-PKU', role: 'member', joined: '2024-05-01' }, jsAdmin);
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json().map((m: { library: string }) => m.library)).toEqual(['CN-NJU', 'CN-SEU', 'CN-PKU']);
    const again = await post('/api/v1/alliances/JS/members', { library: 'CN-PKU', role: 'member' }, jsAdmin);
    expect(again.statusCode).toBe(409);
    const changed = await patch('/api/v1/alliances/JS/members/CN-PKU', { role: 'discipline-centre' }, jsAdmin);
    expect(changed.json().find((m: { library: string }) => m.library === 'CN-PKU')).toMatchObject({ role: 'discipline-centre', joined: '2024-05-01' });
    const removed = await t.app.inject({ method: 'DELETE', url: '/api/v1/alliances/JS/members/CN-PKU', headers: jsAdmin.headers });
    expect(removed.statusCode).toBe(204);
    expect((await t.app.inject('/api/v1/alliances/JS/members')).json()).toHaveLength(2);
    const actions = (await t.db.query<{ action: string }>(`SELECT action FROM audit_log WHERE target = 'alliance:JS' ORDER BY id`)).rows.map((r) => r.action);
    expect(actions).toEqual(['alliance.members.add', 'alliance.members.update', 'alliance.members.remove']);
  });

  it('refuses a member that is no library with 404 naming the field', async () => {
    const res = await post('/api/v1/alliances/JS/members', { library: 'CN-GONE', role: 'member' }, jsAdmin);
    expect(res.statusCode).toBe(404);
    expect(res.json().errors).toMatchObject([{ field: 'library' }]);
  });

  it('keeps one alliance’s administrators out of another alliance', async () => {
    expect((await post('/api/v1/alliances/ZJ/members', { library: 'CN-SEU', role: 'member' }, jsAdmin)).statusCode).toBe(403);
    expect((await patch('/api/v1/alliances/ZJ', { founded: 1990 }, jsAdmin)).statusCode).toBe(403);
    expect((await post('/api/v1/alliances', anAlliance({ code: 'MINE' }), jsAdmin)).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'PATCH', url: '/api/v1/alliances/JS', payload: { founded: 1990 } })).statusCode).toBe(401);
  });

  it('replaces governance, refusing a seat held by an unknown library', async () => {
    const url = '/api/v1/alliances/JS/governance';
    const bodies = [
      { body: 'member-assembly', name: { zh: '成员馆大会', en: 'Member assembly' } },
      { body: 'secretariat', seats: [{ position: 'secretary-general', library: 'CN-SEU', person: '王明', termStart: '2024-01-01', termEnd: '2027-12-31' }] },
    ];
    const res = await t.app.inject({ method: 'PUT', url, headers: jsAdmin.headers, payload: bodies });
    expect(res.statusCode, res.body).toBe(200);
    expect((await t.app.inject(url)).json()).toEqual(bodies);
    const bad = await t.app.inject({ method: 'PUT', url, headers: jsAdmin.headers, payload: [{ body: 'council', seats: [{ position: 'chair', library: 'CN-GONE' }] }] });
    expect(bad.statusCode).toBe(404);
    expect(bad.json().errors).toMatchObject([{ field: '[0].seats[0].library' }]);
    expect((await t.app.inject(url)).json()).toEqual(bodies);
  });

  it('refuses to remove an alliance that still has child alliances', async () => {
    const res = await t.app.inject({ method: 'DELETE', url: '/api/v1/alliances/EAST', headers: admin.headers });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('IN_USE');
    const leaf = await t.app.inject({ method: 'DELETE', url: '/api/v1/alliances/NJ-CITY', headers: admin.headers });
    expect(leaf.statusCode).toBe(204);
  });

  it('keeps agreements: lists them by party, refuses unknown parties, checks dates', async () => {
    const byLibrary = (await t.app.inject('/api/v1/agreements?library=CN-NLC')).json();
    expect(byLibrary.items.map((g: { code: string }) => g.code)).toEqual(['NAT-NLC']);
    const unknown = await post('/api/v1/agreements', { code: 'BAD', name: { zh: '坏', en: 'Bad' }, parties: [{ alliance: 'JS' }, { library: 'CN-GONE' }], validFrom: '2024-01-01' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().errors).toMatchObject([{ field: 'parties[1].library' }]);
    const reversed = await post('/api/v1/agreements', { code: 'REV', name: { zh: '反', en: 'Rev' }, parties: [{ alliance: 'JS' }, { alliance: 'ZJ' }], validFrom: '2024-01-01', validTo: '2023-01-01' });
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().errors).toMatchObject([{ field: 'validTo' }]);
    expect((await t.app.inject('/api/v1/agreements')).json().total).toBe(2);
  });

  it('finds the agreements that bind two libraries, through the alliances above them', async () => {
    // CN-SEU belongs to JS, under EAST, under NAT: NAT's agreement with CN-NLC covers it.
    expect((await agreementsBetween(t.db, 'CN-SEU', 'CN-NLC', '2025-06-01')).map((g) => g.code)).toEqual(['NAT-NLC']);
    expect((await agreementsBetween(t.db, 'CN-SEU', 'CN-ZJU', '2025-06-01')).map((g) => g.code)).toEqual(['JS-ZJ']);
    // Two members of the same party are not bound to each other by that party's agreements.
    expect(await agreementsBetween(t.db, 'CN-SEU', 'CN-NJU', '2025-06-01')).toEqual([]);
    expect(await agreementsBetween(t.db, 'CN-SEU', 'CN-NLC', '2027-06-01')).toEqual([]);
  });
});
