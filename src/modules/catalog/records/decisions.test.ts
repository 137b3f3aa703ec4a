import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../../../test/support/app.js';
import { anAccount, type TestAccount } from '../../../../test/support/accounts.js';
import { aLibrary, anAlliance } from '../../../../test/network/factories.js';
import { importNetwork } from '../../network/index.js';
import type { MarcRecord } from '../domain/marc/index.js';
import { ingestRecords } from '../ingest/index.js';
import { aBook } from './test-records.js';

describe('staff decisions on clusters: merge, split, list, revoke', () => {
  let t: TestApp;
  let catA: TestAccount;
  let catC: TestAccount;
  let allianceStaff: TestAccount;
  const load = (library: string, record: MarcRecord) => ingestRecords(t.db, { library, records: [{ record, flavour: 'marc21', sourceFormat: 'iso2709' }], via: 'import:test' });
  // Two printings the matcher keeps apart (other ISBN, other year); a pair it puts together.
  const first = aBook({ localId: 'a-sg', title: '三国演义', author: '罗贯中', isbn: '9787020008728', year: '1998' });
  const other = aBook({ localId: 'b-sg', title: '三国演义', author: '罗贯中', isbn: '9787101003048', year: '2005', publisher: '中华书局' });
  const xyA = aBook({ localId: 'a-xy', title: '西游记', author: '吴承恩', isbn: '9787020008735' });
  const xyB = aBook({ localId: 'b-xy', title: '西游记', author: '吴承恩', isbn: '9787020008735' });

  beforeAll(async () => {
    t = await testApp();
    await importNetwork(t.db, {
      libraries: ['CN-A', 'CN-B', 'CN-C'].map((symbol) => aLibrary({ symbol })),
      alliances: [anAlliance({ code: 'ALL', members: [{ library: 'CN-B', role: 'member' }] })],
    });
    catA = await anAccount(t, { role: 'library-staff', library: 'CN-A', permissions: ['catalogue'] });
    catC = await anAccount(t, { role: 'library-staff', library: 'CN-C', permissions: ['catalogue'] });
    allianceStaff = await anAccount(t, { role: 'alliance-staff', alliance: 'ALL', permissions: ['catalogue'] });
    await load('CN-A', first);
    await load('CN-B', other);
    await load('CN-A', xyA);
    await load('CN-B', xyB);
  });
  afterAll(() => t.close());

  const clusterOf = async (library: string, localId: string): Promise<number> => (await t.app.inject({ method: 'GET', url: `/api/v1/records/${library}/${localId}` })).json().clusterId;
  const post = (url: string, payload: object, headers: Record<string, string>) => t.app.inject({ method: 'POST', url, payload, headers });

  it('merges two clusters with a reason; the merged one points to the other', async () => {
    const a = await clusterOf('CN-A', 'a-sg');
    const b = await clusterOf('CN-B', 'b-sg');
    expect(a).not.toBe(b);
    const denied = await post('/api/v1/clusters/merge', { clusterIds: [a, b], reason: 'same printing, ISBN misprinted' }, catC.headers);
    expect(denied.statusCode).toBe(403);
    const res = await post('/api/v1/clusters/merge', { clusterIds: [a, b], reason: 'same printing, ISBN misprinted' }, catA.headers);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.decisions).toEqual([
      expect.objectContaining({ kind: 'merge', reason: 'same printing, ISBN misprinted', records: [{ library: 'CN-A', localId: 'a-sg' }, { library: 'CN-B', localId: 'b-sg' }], revokedAt: null }),
    ]);
    expect(body.decisions[0].decidedBy.id).toBe(catA.userId);
    const target = Math.min(a, b);
    expect(await clusterOf('CN-A', 'a-sg')).toBe(target);
    expect(await clusterOf('CN-B', 'b-sg')).toBe(target);
    const gone = await t.app.inject({ method: 'GET', url: `/api/v1/clusters/${Math.max(a, b)}` });
    expect(gone.statusCode).toBe(301);
    expect(gone.json()).toEqual({ id: Math.max(a, b), mergedInto: target });
    expect(gone.headers.location).toBe(`/api/v1/clusters/${target}`);
  });

  it('keeps the merge when the same records come again, changed', async () => {
    const target = await clusterOf('CN-A', 'a-sg');
    const changed = (r: MarcRecord): MarcRecord => ({ ...r, fields: [...r.fields, { tag: '500', ind1: ' ', ind2: ' ', subfields: [{ code: 'a', value: 'Re-catalogued.' }] }] });
    const counts = await ingestRecords(t.db, { library: 'CN-B', records: [{ record: changed(other), flavour: 'marc21', sourceFormat: 'iso2709' }], via: 'import:again' });
    expect(counts.updated).toBe(1);
    await load('CN-A', changed(first));
    expect(await clusterOf('CN-A', 'a-sg')).toBe(target);
    expect(await clusterOf('CN-B', 'b-sg')).toBe(target);
  });

  it('splits a record off a cluster, and keeps it apart through a re-import', async () => {
    const c = await clusterOf('CN-A', 'a-xy');
    expect(await clusterOf('CN-B', 'b-xy')).toBe(c);
    // An alliance's cataloguing staff may decide for records of its member libraries.
    const res = await post(`/api/v1/clusters/${c}/split`, { records: [{ library: 'CN-B', localId: 'b-xy' }], reason: 'B holds the abridged edition' }, allianceStaff.headers);
    expect(res.statusCode).toBe(200);
    expect(res.json().moves).toEqual([{ library: 'CN-B', localId: 'b-xy', from: c, to: expect.any(Number) }]);
    const apart = await clusterOf('CN-B', 'b-xy');
    expect(apart).not.toBe(c);
    await load('CN-B', { ...xyB, fields: [...xyB.fields, { tag: '500', ind1: ' ', ind2: ' ', subfields: [{ code: 'a', value: 'Abridged.' }] }] });
    expect(await clusterOf('CN-B', 'b-xy')).not.toBe(await clusterOf('CN-A', 'a-xy'));
    expect((await post(`/api/v1/clusters/${c}/split`, { records: [{ library: 'CN-A', localId: 'a-xy' }], reason: 'nothing would be left' }, catA.headers)).statusCode).toBe(400);
  });

  it('lists the decisions in force and revokes one', async () => {
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/clusters/decisions' });
    expect(list.json().items.map((d: { kind: string }) => d.kind)).toEqual(['split', 'merge']);
    const forRecord = await t.app.inject({ method: 'GET', url: '/api/v1/clusters/decisions?library=CN-A&localId=a-sg' });
    expect(forRecord.json().items).toHaveLength(1);
    const id = forRecord.json().items[0].id;
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/clusters/decisions/${id}`, headers: catC.headers })).statusCode).toBe(403);
    const revoked = await t.app.inject({ method: 'DELETE', url: `/api/v1/clusters/decisions/${id}`, headers: catA.headers });
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json().revokedAt).toEqual(expect.any(String));
    // The merge no longer holds: the two printings part again, at once.
    expect(await clusterOf('CN-A', 'a-sg')).not.toBe(await clusterOf('CN-B', 'b-sg'));
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/clusters/decisions' })).json().items).toHaveLength(1);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/clusters/decisions?includeRevoked=true' })).json().items).toHaveLength(2);
    const audit = await t.db.query<{ action: string }>(`SELECT DISTINCT action FROM audit_log WHERE action LIKE 'cluster.%' ORDER BY action`);
    expect(audit.rows.map((r) => r.action)).toEqual(['cluster.decision.revoke', 'cluster.merge', 'cluster.split']);
  });

  it('lets a record rejoin the cluster it matches when its split is revoked', async () => {
    expect(await clusterOf('CN-B', 'b-xy')).not.toBe(await clusterOf('CN-A', 'a-xy'));
    const split = (await t.app.inject({ method: 'GET', url: '/api/v1/clusters/decisions?library=CN-B&localId=b-xy' })).json().items[0];
    expect(split.kind).toBe('split');
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/clusters/decisions/${split.id}`, headers: allianceStaff.headers })).statusCode).toBe(200);
    expect(await clusterOf('CN-B', 'b-xy')).toBe(await clusterOf('CN-A', 'a-xy'));
  });
});
