/** End to end: records with Koha 952 items imported through ingest, then circulation pushed. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { holdingsFixture } from '../../../../test/fixtures/holdings/records.js';
import { anAccount } from '../../../../test/support/accounts.js';
import { testApp, type TestApp } from '../../../../test/support/app.js';
import { aLibrary } from '../../../../test/network/factories.js';
import { importNetwork } from '../../network/index.js';
import { ingestRecords } from '../ingest/index.js';

describe('imported items show in availability, and pushes change it', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp();
    await importNetwork(t.db, { libraries: [aLibrary({ symbol: 'CN-KOHA' })] });
  });
  afterAll(() => t.close());

  it('reads 952 items at import and follows the library’s circulation', async () => {
    const [record] = holdingsFixture('koha-952.xml');
    await ingestRecords(t.db, { library: 'CN-KOHA', records: [{ record: record!, flavour: 'marc21', sourceFormat: 'marcxml' }], via: 'import:test' });
    const [held] = (await t.app.inject({ method: 'GET', url: '/api/v1/libraries/CN-KOHA/items?barcode=31000000001' })).json().items;
    expect(held).toMatchObject({ localId: 'kh-1001', status: 'available', location: 'MAIN / GEN', callNumber: '891.73 DOS', materialType: 'BK' });

    const url = `/api/v1/clusters/${held.clusterId}/availability`;
    expect((await t.app.inject({ method: 'GET', url })).json().libraries).toEqual([
      { symbol: 'CN-KOHA', copies: 6, available: 1, onLoan: 1, inTransit: 0, referenceOnly: 1, nextDue: '2026-12-01' },
    ]);

    const lender = await anAccount(t, { role: 'library-staff', library: 'CN-KOHA', permissions: ['lending'] });
    const push = await t.app.inject({
      method: 'POST',
      url: '/api/v1/libraries/CN-KOHA/availability',
      headers: lender.headers,
      payload: { changes: [{ barcode: '31000000001', status: 'on-loan', dueDate: '2026-11-28' }, { barcode: '31000000002', status: 'available' }] },
    });
    expect(push.json()).toMatchObject({ updated: 2, unknown: [], invalid: [] });
    expect((await t.app.inject({ method: 'GET', url })).json()).toMatchObject({ copies: 6, available: 1, onLoan: 1, nextDue: '2026-11-28' });
  });
});
