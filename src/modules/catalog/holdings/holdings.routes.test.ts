import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aCluster, aHeldRecord } from '../../../../test/fixtures/holdings/catalog-rows.js';
import { anAccount, anAdmin, type TestAccount } from '../../../../test/support/accounts.js';
import { testApp, type TestApp } from '../../../../test/support/app.js';
import { aLibrary } from '../../../../test/network/factories.js';
import { importNetwork } from '../../network/index.js';
import type { ItemDraft } from '../domain/holdings/index.js';
import { availabilityOfClusters } from './availability.service.js';

const copy = (barcode: string, status: ItemDraft['status'] = 'available', dueDate?: string): ItemDraft => ({ barcode, status, ...(dueDate ? { dueDate } : {}) });

describe('holdings: availability, circulation pushes, item look-up, catalog profiles', () => {
  let t: TestApp;
  let lenderA: TestAccount;
  let catA: TestAccount;
  let adminB: TestAccount;
  let readerA: TestAccount;
  let hlm: number;
  let serial: number;
  beforeAll(async () => {
    t = await testApp();
    await importNetwork(t.db, { libraries: ['CN-A', 'CN-B', 'CN-C'].map((symbol) => aLibrary({ symbol })) });
    lenderA = await anAccount(t, { role: 'library-staff', library: 'CN-A', permissions: ['lending'] });
    catA = await anAccount(t, { role: 'library-staff', library: 'CN-A', permissions: ['catalogue'] });
    adminB = await anAccount(t, { role: 'library-staff', library: 'CN-B', permissions: ['library-admin'] });
    readerA = await anAccount(t, { role: 'reader', library: 'CN-A', permissions: ['reader'] });
    hlm = await aCluster(t.db);
    serial = await aCluster(t.db);
    await aHeldRecord(t.db, {
      symbol: 'CN-A',
      localId: 'a1',
      clusterId: hlm,
      holdings: [
        { location: 'Main', callNumber: 'I242.4/C1', items: [copy('A-1'), copy('A-2', 'on-loan', '2026-12-20'), copy('A-3', 'on-loan', '2026-12-05')] },
        { location: 'Reading room', items: [copy('A-4', 'reference-only')] },
      ],
    });
    await aHeldRecord(t.db, { symbol: 'CN-B', localId: 'b1', clusterId: hlm, holdings: [{ items: [copy('B-1', 'lost'), copy('B-2', 'in-transit')] }] });
    await aHeldRecord(t.db, { symbol: 'CN-C', localId: 'c1', clusterId: serial, holdings: [{ summary: 'v.1-20', items: [] }] });
  });
  afterAll(() => t.close());

  const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });
  const post = (url: string, payload: unknown, headers: Record<string, string> = {}) => t.app.inject({ method: 'POST', url, payload: payload as object, headers });
  const put = (url: string, payload: unknown, headers: Record<string, string> = {}) => t.app.inject({ method: 'PUT', url, payload: payload as object, headers });

  it('counts copies per cluster and library: on the shelf, on loan with the earliest due date', async () => {
    const res = await get(`/api/v1/clusters/${hlm}/availability`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      clusterId: hlm,
      copies: 6,
      available: 1,
      onLoan: 2,
      nextDue: '2026-12-05',
      libraries: [
        { symbol: 'CN-A', copies: 4, available: 1, onLoan: 2, inTransit: 0, referenceOnly: 1, nextDue: '2026-12-05' },
        { symbol: 'CN-B', copies: 2, available: 0, onLoan: 0, inTransit: 1, referenceOnly: 0, nextDue: null },
      ],
    });
  });

  it('shows a library that holds a serial without copies, and answers 404 for no such cluster', async () => {
    expect((await get(`/api/v1/clusters/${serial}/availability`)).json().libraries).toEqual([
      { symbol: 'CN-C', copies: 0, available: 0, onLoan: 0, inTransit: 0, referenceOnly: 0, nextDue: null },
    ]);
    const missing = await get('/api/v1/clusters/999999/availability');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('CLUSTER_NOT_FOUND');
    expect((await get('/api/v1/clusters/abc/availability')).statusCode).toBe(400);
  });

  it('gives the same counts to other modules for many clusters at once', async () => {
    const m = await availabilityOfClusters(t.db, [hlm, serial, 999999]);
    expect(m.get(hlm)).toMatchObject({ copies: 6, available: 1 });
    expect(m.get(serial)!.libraries.map((l) => l.symbol)).toEqual(['CN-C']);
    expect(m.get(999999)).toEqual({ libraries: [], copies: 0, available: 0, onLoan: 0, nextDue: null });
  });

  it('applies a circulation push: good rows in one go, unknown barcodes and bad rows listed', async () => {
    const res = await post(
      '/api/v1/libraries/CN-A/availability',
      {
        changes: [
          { barcode: 'A-1', status: 'on-loan', dueDate: '2026-11-30' },
          { barcode: 'A-2', status: 'available' },
          { barcode: 'A-4', status: 'reference-only' },
          { barcode: 'NOPE', status: 'available' },
          { barcode: 'A-3', status: 'borrowed' },
          { barcode: 'B-1', status: 'available' },
        ],
      },
      lenderA.headers,
    );
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      received: 6,
      updated: 2,
      unchanged: 1,
      superseded: 0,
      unknown: ['NOPE', 'B-1'], // another library's barcode is not this library's copy
      invalid: [{ row: 4, barcode: 'A-3', field: 'changes[4].status', reason: expect.stringContaining('on-loan') }],
    });
    const a = (await get(`/api/v1/clusters/${hlm}/availability`)).json().libraries[0];
    expect(a).toMatchObject({ symbol: 'CN-A', available: 1, onLoan: 2, nextDue: '2026-11-30' });
    const items = (await get('/api/v1/libraries/CN-A/items?barcode=A-1,A-2')).json().items;
    expect(items.map((i: { barcode: string; status: string; dueDate: string | null }) => [i.barcode, i.status, i.dueDate])).toEqual([
      ['A-1', 'on-loan', '2026-11-30'],
      ['A-2', 'available', null],
    ]);
    expect(items[0]).toMatchObject({ localId: 'a1', clusterId: hlm, location: 'Main', callNumber: 'I242.4/C1' });
  });

  it('lets lending or catalogue staff of the library push, and no one else', async () => {
    const one = { changes: [{ barcode: 'A-1', status: 'on-loan', dueDate: '2026-11-30' }] };
    expect((await post('/api/v1/libraries/CN-A/availability', one, catA.headers)).statusCode).toBe(200);
    expect((await post('/api/v1/libraries/CN-A/availability', one, (await anAdmin(t)).headers)).statusCode).toBe(200);
    expect((await post('/api/v1/libraries/CN-A/availability', one)).statusCode).toBe(401);
    const other = await post('/api/v1/libraries/CN-A/availability', one, adminB.headers);
    expect(other.statusCode).toBe(403);
    expect(other.json().code).toBe('FORBIDDEN');
    expect((await post('/api/v1/libraries/CN-A/availability', one, readerA.headers)).statusCode).toBe(403);
    // Refused before the body is looked at.
    expect((await post('/api/v1/libraries/CN-A/availability', { nonsense: true }, readerA.headers)).statusCode).toBe(403);
  });

  it('refuses a push that is not a list of at most 10,000 changes, naming the field', async () => {
    const tooMany = await post('/api/v1/libraries/CN-A/availability', { changes: Array.from({ length: 10_001 }, (_, i) => ({ barcode: `X${i}`, status: 'available' })) }, lenderA.headers);
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().errors[0].field).toBe('changes');
    expect((await post('/api/v1/libraries/CN-A/availability', { changes: [] }, lenderA.headers)).statusCode).toBe(400);
    expect((await post('/api/v1/libraries/CN-A/availability', { changes: [], extra: 1 }, lenderA.headers)).statusCode).toBe(400);
    expect((await post('/api/v1/libraries/CN-X/availability', { changes: [{ barcode: 'A', status: 'available' }] }, await anAdmin(t).then((a) => a.headers))).statusCode).toBe(404);
  });

  it('takes 10,000 changes in one request', async () => {
    const changes = Array.from({ length: 10_000 }, (_, i) => ({ barcode: i === 0 ? 'A-2' : `UNKNOWN-${i}`, status: i === 0 ? 'missing' : 'available' }));
    const res = await post('/api/v1/libraries/CN-A/availability', { changes }, lenderA.headers);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ received: 10_000, updated: 1, unchanged: 0 });
    expect(res.json().unknown).toHaveLength(9_999);
    const [item] = (await get('/api/v1/libraries/CN-A/items?barcode=A-2')).json().items;
    expect(item.status).toBe('missing');
  });

  it('sums up a library’s copies by status', async () => {
    const res = await get('/api/v1/libraries/CN-B/availability');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      library: 'CN-B',
      records: 1,
      copies: 2,
      byStatus: { available: 0, 'on-loan': 0, 'in-transit': 1, missing: 0, lost: 1, 'reference-only': 0, unavailable: 0 },
      overdue: 0,
      lastStatusChange: expect.any(String),
    });
    expect((await get('/api/v1/libraries/CN-X/availability')).statusCode).toBe(404);
  });

  it('looks up items by barcode: unknown barcodes are simply absent; a barcode is required', async () => {
    expect((await get('/api/v1/libraries/CN-A/items?barcode=NOPE')).json()).toEqual({ items: [] });
    const bad = await get('/api/v1/libraries/CN-A/items');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('query.barcode');
    expect((await get('/api/v1/libraries/CN-X/items?barcode=1')).statusCode).toBe(404);
  });

  it('keeps a catalog profile per library, with defaults until one is written', async () => {
    const first = await get('/api/v1/libraries/CN-A/catalog-profile', catA.headers);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({
      library: 'CN-A', localIdField: '001', flavour: 'auto', charset: null, itemProfile: 'auto', itemMapping: {}, sourcePriority: 0, harvest: null, updatedAt: null,
    });
    const profile = {
      localIdField: '035$a',
      flavour: 'marc21',
      charset: 'marc-8',
      itemProfile: 'iii-945',
      itemMapping: { dueDate: ['k'], statusMap: { '#': 'in-transit', '$o=n': 'unavailable' } },
      sourcePriority: 5,
      harvest: { url: 'https://opac.example.org/oai', set: 'books', prefix: 'marc21', schedule: 'weekly' },
    };
    const saved = await put('/api/v1/libraries/CN-A/catalog-profile', profile, catA.headers);
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ library: 'CN-A', ...profile, updatedAt: expect.any(String) });
    expect((await get('/api/v1/libraries/CN-A/catalog-profile', catA.headers)).json()).toMatchObject(profile);
    // PUT replaces: what is left out returns to its default.
    const replaced = await put('/api/v1/libraries/CN-A/catalog-profile', { itemProfile: 'koha-952' }, catA.headers);
    expect(replaced.json()).toMatchObject({ localIdField: '001', itemProfile: 'koha-952', harvest: null, itemMapping: {} });
  });

  it('refuses a bad profile naming each field, and lets only the library’s administrators and cataloguers near it', async () => {
    const bad = await put(
      '/api/v1/libraries/CN-B/catalog-profile',
      { localIdField: '245', itemProfile: 'sirsi', charset: 'latin-9', itemMapping: { barcode: ['pp'], statusMap: { m: 'gone' } }, harvest: { url: 'ftp://x', schedule: 'hourly' }, sourcePriority: 1.5 },
      adminB.headers,
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(
      ['charset', 'harvest.schedule', 'harvest.url', 'itemMapping.barcode[0]', 'itemMapping.statusMap.m', 'itemProfile', 'localIdField', 'sourcePriority'].sort(),
    );
    const autoWithTag = await put('/api/v1/libraries/CN-B/catalog-profile', { itemMapping: { tag: '949' } }, adminB.headers);
    expect(autoWithTag.statusCode).toBe(400);
    expect(autoWithTag.json().errors.map((e: { field: string }) => e.field)).toEqual(['itemMapping.tag']);
    expect((await put('/api/v1/libraries/CN-B/catalog-profile', { itemProfile: 'unimarc-995' }, adminB.headers)).statusCode).toBe(200);
    expect((await put('/api/v1/libraries/CN-B/catalog-profile', { itemProfile: 'unimarc-995' }, catA.headers)).statusCode).toBe(403);
    expect((await get('/api/v1/libraries/CN-B/catalog-profile', lenderA.headers)).statusCode).toBe(403);
    expect((await put('/api/v1/libraries/CN-A/catalog-profile', {}, lenderA.headers)).statusCode).toBe(403);
    expect((await get('/api/v1/libraries/CN-A/catalog-profile')).statusCode).toBe(401);
  });
});
