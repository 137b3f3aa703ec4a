import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../../../test/support/app.js';
import { anAccount } from '../../../../test/support/accounts.js';
import { aLibrary } from '../../../../test/network/factories.js';
import { importNetwork } from '../../network/index.js';
import type { MarcRecord } from '../domain/marc/index.js';
import { ingestRecords } from '../ingest/index.js';
import { editionStatement } from './editions.js';
import { aBook } from './test-records.js';

describe('editionStatement', () => {
  const rec = (tag: string, subfields: { code: string; value: string }[]): MarcRecord => ({ leader: ' '.repeat(24), fields: [{ tag, ind1: ' ', ind2: ' ', subfields }] }) as MarcRecord;
  it('reads MARC 21 250 $a $b and UNIMARC 205, without closing punctuation', () => {
    expect(editionStatement(rec('250', [{ code: 'a', value: '2nd ed. /' }, { code: 'b', value: 'revised by Li' }]), 'marc21')).toBe('2nd ed. / revised by Li');
    expect(editionStatement(rec('205', [{ code: 'a', value: '第2版 ;' }]), 'unimarc')).toBe('第2版');
    expect(editionStatement(rec('245', [{ code: 'a', value: 'x' }]), 'marc21')).toBeNull();
  });
});

describe('GET /api/v1/clusters/{id}/editions', () => {
  let t: TestApp;
  const load = (library: string, record: MarcRecord) => ingestRecords(t.db, { library, records: [{ record, flavour: 'marc21', sourceFormat: 'iso2709' }], via: 'import:test' });
  const clusterOf = async (library: string, localId: string): Promise<number> => (await t.app.inject({ method: 'GET', url: `/api/v1/records/${library}/${localId}` })).json().clusterId;

  beforeAll(async () => {
    t = await testApp();
    await importNetwork(t.db, { libraries: ['CN-A', 'CN-B'].map((symbol) => aLibrary({ symbol })) });
    // Two printings of one work the matcher keeps apart (other ISBN, other year), and another work.
    await load('CN-A', aBook({ localId: 'sg-1998', title: '三国演义', author: '罗贯中', isbn: '9787020008728', year: '1998' }));
    await load(
      'CN-B',
      aBook({
        localId: 'sg-2005',
        title: '三国演义',
        author: '罗贯中',
        isbn: '9787101003048',
        year: '2005',
        publisher: '中华书局',
        extra: [{ tag: '250', ind1: ' ', ind2: ' ', subfields: [{ code: 'a', value: '第2版.' }] }],
      }),
    );
    await load('CN-A', aBook({ localId: 'xy', title: '西游记', author: '吴承恩', isbn: '9787020008735' }));
  });
  afterAll(() => t.close());

  it('lists the other clusters of the same work with title, edition, year, format and holding count', async () => {
    const a = await clusterOf('CN-A', 'sg-1998');
    const b = await clusterOf('CN-B', 'sg-2005');
    expect(a).not.toBe(b);
    const res = await t.app.inject({ url: `/api/v1/clusters/${a}/editions` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      id: a,
      workKey: expect.any(String),
      editions: [{ id: b, title: '三国演义', author: '罗贯中', edition: '第2版.', year: 2005, format: expect.any(String), holdingCount: expect.any(Number) }],
    });
    const back = (await t.app.inject({ url: `/api/v1/clusters/${b}/editions` })).json();
    expect(back.editions.map((e: { id: number }) => e.id)).toEqual([a]);
    const xy = (await t.app.inject({ url: `/api/v1/clusters/${await clusterOf('CN-A', 'xy')}/editions` })).json();
    expect(xy.editions).toEqual([]);
  });

  it('answers for the cluster a merged one became, and 404 as a problem for an unknown cluster', async () => {
    const a = await clusterOf('CN-A', 'sg-1998');
    const b = await clusterOf('CN-B', 'sg-2005');
    const admin = await anAccount(t, { role: 'network-admin' });
    const merged = await t.app.inject({ method: 'POST', url: '/api/v1/clusters/merge', payload: { clusterIds: [a, b], reason: 'one printing after all' }, headers: admin.headers });
    expect(merged.statusCode).toBe(200);
    const res = (await t.app.inject({ url: `/api/v1/clusters/${Math.max(a, b)}/editions` })).json();
    expect(res).toMatchObject({ id: Math.min(a, b), editions: [] });
    const missing = await t.app.inject({ url: '/api/v1/clusters/999999/editions', headers: { 'accept-language': 'en' } });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ code: 'CLUSTER_NOT_FOUND' });
  });
});
