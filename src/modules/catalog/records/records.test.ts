import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../../../test/support/app.js';
import { anAccount, anAdmin, type TestAccount } from '../../../../test/support/accounts.js';
import { aLibrary } from '../../../../test/network/factories.js';
import { importNetwork } from '../../network/index.js';
import { ingestRecords } from '../ingest/index.js';
import { aBook } from './test-records.js';

describe('member records and union records: reading, versions, online editing', () => {
  let t: TestApp;
  let catA: TestAccount;
  let catB: TestAccount;
  let reader: TestAccount;
  beforeAll(async () => {
    t = await testApp();
    await importNetwork(t.db, { libraries: ['CN-A', 'CN-B', 'CN-C'].map((symbol) => aLibrary({ symbol })) });
    catA = await anAccount(t, { role: 'library-staff', library: 'CN-A', permissions: ['catalogue'] });
    catB = await anAccount(t, { role: 'library-staff', library: 'CN-B', permissions: ['catalogue'] });
    reader = await anAccount(t, { role: 'reader', library: 'CN-A', permissions: ['reader'] });
    const hlm = { title: '红楼梦', isbn: '9787020002207' };
    await ingestRecords(t.db, { library: 'CN-A', records: [{ record: aBook({ localId: 'a1', ...hlm, extra: [{ tag: '852', ind1: ' ', ind2: ' ', subfields: [{ code: 'b', value: 'Main' }, { code: 'h', value: 'I242.4/C1' }] }] }), flavour: 'marc21', sourceFormat: 'iso2709' }], via: 'import:1' });
    await ingestRecords(t.db, { library: 'CN-B', records: [{ record: aBook({ localId: 'b1', ...hlm }), flavour: 'marc21', sourceFormat: 'marcxml' }], via: 'import:2' });
  });
  afterAll(() => t.close());

  const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });
  const put = (url: string, payload: unknown, headers: Record<string, string>) => t.app.inject({ method: 'PUT', url, payload: payload as object, headers });

  it('shows a member record field by field, with its cluster, format, flavour and version as ETag', async () => {
    const res = await get('/api/v1/records/CN-A/a1');
    expect(res.statusCode).toBe(200);
    expect(res.headers.etag).toBe('"1"');
    const body = res.json();
    expect(body).toMatchObject({ library: 'CN-A', localId: 'a1', format: 'iso2709', flavour: 'marc21', version: 1, clusterId: expect.any(Number) });
    expect(body.fields).toContainEqual({ tag: '245', ind1: '1', ind2: '0', subfields: [{ code: 'a', value: '红楼梦' }] });
    expect((await get('/api/v1/records/CN-B/b1')).json().clusterId).toBe(body.clusterId);
    expect((await get('/api/v1/records/CN-A/nope')).statusCode).toBe(404);
  });

  it('gives the raw record as MARCXML, ISO 2709 or MARC-in-JSON', async () => {
    const xml = await get('/api/v1/records/CN-A/a1?format=marcxml');
    expect(xml.headers['content-type']).toContain('application/marcxml+xml');
    expect(xml.body).toContain('<subfield code="a">红楼梦</subfield>');
    const iso = await get('/api/v1/records/CN-A/a1?format=iso2709');
    expect(iso.rawPayload.at(-1)).toBe(0x1d);
    expect(Number(iso.rawPayload.subarray(0, 5).toString())).toBe(iso.rawPayload.length);
    const json = await get('/api/v1/records/CN-A/a1?format=marcjson');
    expect(json.json().fields).toContainEqual({ '001': 'a1' });
  });

  it('shows a union record with its members and the holdings of their libraries', async () => {
    const clusterId = (await get('/api/v1/records/CN-A/a1')).json().clusterId;
    const res = await get(`/api/v1/clusters/${clusterId}`);
    expect(res.statusCode).toBe(200);
    const c = res.json();
    expect(c.records.map((r: { library: string; localId: string }) => `${r.library}/${r.localId}`)).toEqual(['CN-A/a1', 'CN-B/b1']);
    expect(c.displayRecord.fields).toContainEqual({ tag: '245', ind1: '1', ind2: '0', subfields: [{ code: 'a', value: '红楼梦' }] });
    expect(c.holdings).toContainEqual(expect.objectContaining({ library: 'CN-A', location: 'Main', callNumber: 'I242.4/C1' }));
    expect(c.availability).toMatchObject({ copies: 1, available: 1 });
    expect(c.availability.libraries.map((l: { symbol: string; copies: number }) => [l.symbol, l.copies])).toEqual([['CN-A', 1], ['CN-B', 0]]);
    const members = await get(`/api/v1/clusters/${clusterId}/records`);
    expect(members.json().records).toHaveLength(2);
    expect((await get('/api/v1/clusters/999999')).statusCode).toBe(404);
  });

  it('lets a library’s cataloguer change its record with If-Match, keeping versions and a diff', async () => {
    const rec = (await get('/api/v1/records/CN-A/a1')).json();
    const fields = rec.fields.map((f: { tag: string }) => (f.tag === '245' ? { tag: '245', ind1: '1', ind2: '0', subfields: [{ code: 'a', value: '红楼梦' }, { code: 'c', value: '曹雪芹著' }] } : f));
    fields.push({ tag: '500', ind1: ' ', ind2: ' ', subfields: [{ code: 'a', value: '校注本' }] });
    const noVersion = await put('/api/v1/records/CN-A/a1', { leader: rec.leader, fields }, catA.headers);
    expect(noVersion.statusCode).toBe(428);
    const res = await put('/api/v1/records/CN-A/a1', { leader: rec.leader, fields, note: 'statement of responsibility' }, { ...catA.headers, 'if-match': '"1"' });
    expect(res.statusCode).toBe(200);
    expect(res.headers.etag).toBe('"2"');
    expect(res.json().version).toBe(2);
    // The same edit again on the old version is a lost update: refused.
    const stale = await put('/api/v1/records/CN-A/a1', { leader: rec.leader, fields: rec.fields }, { ...catA.headers, 'if-match': '"1"' });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().code).toBe('VERSION_CONFLICT');

    const versions = (await get('/api/v1/records/CN-A/a1/versions')).json();
    expect(versions.current).toBe(2);
    expect(versions.versions.map((v: { version: number; via: string }) => [v.version, v.via])).toEqual([[2, 'edit'], [1, 'import:1']]);
    expect(versions.versions[0].changedBy.id).toBe(catA.userId);
    expect((await get('/api/v1/records/CN-A/a1/versions/1')).json().fields).not.toContainEqual(expect.objectContaining({ tag: '500' }));
    const diff = (await get('/api/v1/records/CN-A/a1/versions/2/diff')).json();
    expect(diff).toMatchObject({ from: 1, to: 2 });
    expect(diff.fields).toEqual([
      { change: 'changed', tag: '245', occurrence: 1, subfields: [{ change: 'added', code: 'c', occurrence: 1, to: '曹雪芹著' }] },
      { change: 'added', tag: '500', occurrence: 1, field: { tag: '500', ind1: ' ', ind2: ' ', subfields: [{ code: 'a', value: '校注本' }] } },
    ]);
    expect((await get('/api/v1/records/CN-A/a1/versions/9')).statusCode).toBe(404);

    const audit = await t.db.query<{ action: string; actor_id: number; details: { version: number } }>(`SELECT action, actor_id, details FROM audit_log WHERE target = 'record:CN-A/a1'`);
    expect(audit.rows).toEqual([{ action: 'record.update', actor_id: catA.userId, details: expect.objectContaining({ version: 2, note: 'statement of responsibility' }) }]);
  });

  it('lets only one of two cataloguers saving the same version at once win', async () => {
    const rec = (await get('/api/v1/records/CN-A/a1')).json();
    const withNote = (text: string) => ({ leader: rec.leader, fields: [...rec.fields, { tag: '590', ind1: ' ', ind2: ' ', subfields: [{ code: 'a', value: text }] }] });
    const both = await Promise.all(['first', 'second'].map((text) => put('/api/v1/records/CN-A/a1', withNote(text), { ...catA.headers, 'if-match': `"${rec.version}"` })));
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 412]);
    const now = (await get('/api/v1/records/CN-A/a1')).json();
    expect(now.version).toBe(rec.version + 1);
    const winner = both.find((r) => r.statusCode === 200)!.json();
    expect(now.fields.at(-1)).toEqual(winner.fields.at(-1));
  });

  it('refuses an invalid record with every problem named, and saves nothing', async () => {
    const rec = (await get('/api/v1/records/CN-A/a1')).json();
    const fields = rec.fields.map((f: { tag: string }) => (f.tag === '245' ? { tag: '245', ind1: '7', ind2: 'x', subfields: [{ code: 'A', value: 'x' }] } : f));
    const res = await put('/api/v1/records/CN-A/a1', { leader: 'xx', fields }, { ...catA.headers, 'if-match': rec.version.toString() });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.code).toBe('RECORD_INVALID');
    const i = rec.fields.findIndex((f: { tag: string }) => f.tag === '245');
    expect(body.errors.map((e: { field: string }) => e.field)).toEqual([
      'leader',
      `fields[${i}] 245 ind1`,
      `fields[${i}] 245 ind2`,
      `fields[${i}] 245 subfields[0] code`,
      `fields[${i}] 245`,
    ]);
    const zh = await put('/api/v1/records/CN-A/a1?lang=zh-CN', { leader: 'xx', fields }, { ...catA.headers, 'if-match': rec.version.toString() });
    expect(zh.json().errors[0].message).toBe('头标区有 2 个字符，应为 24 个。');
    expect((await get('/api/v1/records/CN-A/a1')).json().version).toBe(rec.version);
  });

  it('creates a new record with 001 set to its local id, and deletes it', async () => {
    const book = aBook({ localId: 'ignored', title: '三国演义', author: '罗贯中', isbn: '9787020008728' });
    const fields = book.fields.filter((f) => f.tag !== '001').map((f) => ('value' in f ? f : { ...f }));
    const res = await put('/api/v1/records/CN-A/a-new', { leader: book.leader, fields }, catA.headers);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ localId: 'a-new', version: 1, format: 'api', clusterId: expect.any(Number) });
    expect(res.json().fields[0]).toEqual({ tag: '001', value: 'a-new' });
    const wrong001 = await put('/api/v1/records/CN-A/a-other', { leader: book.leader, fields: [{ tag: '001', value: 'zzz' }, ...fields] }, catA.headers);
    expect(wrong001.statusCode).toBe(400);
    expect(wrong001.json().errors[0].field).toBe('fields[0] 001');

    const del = await t.app.inject({ method: 'DELETE', url: '/api/v1/records/CN-A/a-new', headers: catA.headers });
    expect(del.statusCode).toBe(204);
    expect((await get('/api/v1/records/CN-A/a-new')).statusCode).toBe(410);
    const history = (await get('/api/v1/records/CN-A/a-new/versions')).json();
    expect(history.deleted).toBe(true);
    const actions = await t.db.query<{ action: string }>(`SELECT action FROM audit_log WHERE target = 'record:CN-A/a-new' ORDER BY id`);
    expect(actions.rows.map((r) => r.action)).toEqual(['record.create', 'record.delete']);
  });

  it('validates a UNIMARC record by UNIMARC’s rules', async () => {
    const catC = await anAccount(t, { role: 'library-staff', library: 'CN-C', permissions: ['catalogue'] });
    const record = {
      flavour: 'unimarc',
      leader: '00000nam0 2200000   450 ',
      fields: [
        { tag: '010', ind1: ' ', ind2: ' ', subfields: [{ code: 'a', value: '978-7-02-000220-7' }] },
        { tag: '100', ind1: ' ', ind2: ' ', subfields: [{ code: 'a', value: '20200101d2020    em y0chiy50      ea' }] },
        { tag: '200', ind1: '1', ind2: ' ', subfields: [{ code: 'a', value: '红楼梦' }, { code: 'f', value: '曹雪芹著' }] },
        { tag: '210', ind1: ' ', ind2: ' ', subfields: [{ code: 'c', value: '人民文学出版社' }, { code: 'd', value: '2020' }] },
      ],
    };
    // A MARC 21 245 in a UNIMARC record is no title, and 200 ind1 2 is not UNIMARC.
    const bad = { ...record, fields: record.fields.map((f) => (f.tag === '200' ? { ...f, ind1: '2' } : f)) };
    const refused = await put('/api/v1/records/CN-C/c1', bad, catC.headers);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors.map((e: { field: string }) => e.field)).toEqual(['fields[2] 200 ind1']);
    const res = await put('/api/v1/records/CN-C/c1', record, catC.headers);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ flavour: 'unimarc', version: 1, fields: [{ tag: '001', value: 'c1' }, ...record.fields] });
  });

  it('never lets a library’s cataloguers edit another library’s records, nor readers any', async () => {
    const rec = (await get('/api/v1/records/CN-A/a1')).json();
    const body = { leader: rec.leader, fields: rec.fields };
    expect((await put('/api/v1/records/CN-A/a1', body, { ...catB.headers, 'if-match': String(rec.version) })).statusCode).toBe(403);
    expect((await put('/api/v1/records/CN-A/a1', body, { ...reader.headers, 'if-match': String(rec.version) })).statusCode).toBe(403);
    expect((await put('/api/v1/records/CN-A/a1', body, { 'if-match': String(rec.version) })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'DELETE', url: '/api/v1/records/CN-A/a1', headers: catB.headers })).statusCode).toBe(403);
    const admin = await anAdmin(t);
    expect((await put('/api/v1/records/CN-A/a1', body, { ...admin.headers, 'if-match': String(rec.version) })).statusCode).toBe(200);
  });

  it('lists a library’s records in the order they changed, page by page', async () => {
    const first = await get('/api/v1/records/CN-A?limit=1&includeDeleted=true');
    expect(first.statusCode).toBe(200);
    expect(first.json().items).toHaveLength(1);
    const second = await get(`/api/v1/records/CN-A?limit=10&includeDeleted=true&after=${first.json().next}`);
    const all = [...first.json().items, ...second.json().items].map((r: { localId: string }) => r.localId);
    expect(all.sort()).toEqual(['a-new', 'a1']);
    expect((await get('/api/v1/records/CN-A')).json().items.map((r: { localId: string }) => r.localId)).toEqual(['a1']);
    expect((await get('/api/v1/records/CN-A?since=2999-01-01T00:00:00Z')).json().items).toEqual([]);
    expect((await get('/api/v1/records/CN-A?after=garbage')).statusCode).toBe(400);
    expect((await get('/api/v1/records/CN-NONE')).statusCode).toBe(404);
  });
});
