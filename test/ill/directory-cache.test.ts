/**
 * Sourcing keeps what it reads of the directory between requests (src/modules/ill/directory.ts):
 * a change to the directory must still reach the next rota at once — made through the directory's
 * API, or written by another server on the same database (here: plain SQL, which no code of this
 * process sees), and also when the change is rolled back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestRecords } from '../../src/modules/catalog/index.js';
import { source } from '../../src/modules/ill/sourcing.js';
import { aBook, asInput } from '../catalog/records.js';
import { aLibrary, loadDirectory } from '../network/factories.js';
import { testApp, type TestApp } from '../support/app.js';

describe('interlibrary loan: the rota sees every change of the directory', () => {
  let t: TestApp;
  let cluster: number;
  const policy = { lendsReturnables: true, suppliesCopies: true, loanPeriodDays: 28, renewals: 1 };
  const rota = async () => {
    const { rota: r } = await source(t.db, 'CN-BOR', { clusterId: cluster, service: 'loan', materialType: 'book', edition: 'any', neededBy: null }, new Date().toISOString());
    return {
      ranked: r.ranked.map((l) => `${l.symbol}${l.agreement ? `/${l.agreement}` : ''}`),
      excluded: r.excluded.map((l) => `${l.symbol}:${l.reasons.map((x) => x.code).join(',')}`),
    };
  };

  beforeAll(async () => {
    t = await testApp();
    await loadDirectory(t, {
      libraries: [
        aLibrary({ symbol: 'CN-BOR', province: 'CN-JS', city: { zh: '南京', en: 'Nanjing' }, lendingPolicy: policy }),
        aLibrary({ symbol: 'CN-NEAR', province: 'CN-JS', city: { zh: '南京', en: 'Nanjing' }, lendingPolicy: policy }),
        aLibrary({ symbol: 'CN-MID', province: 'CN-JS', city: { zh: '苏州', en: 'Suzhou' }, lendingPolicy: policy }),
      ],
      agreements: [{ code: 'NJ-SZ', name: { zh: '宁苏互借协议', en: 'Nanjing–Suzhou' }, parties: [{ library: 'CN-BOR' }, { library: 'CN-MID' }], feesWaived: true, validFrom: '2020-01-01' }],
    });
    for (const library of ['CN-NEAR', 'CN-MID']) {
      await ingestRecords(t.db, { library, records: [asInput(aBook({ id: `red-${library}`, title: 'Dream of the red chamber', isbn: '9787020002207', holding: { library, barcode: `${library}-1` } }))], via: 'test' });
    }
    cluster = Number((await t.db.query<{ id: number }>('SELECT cluster_id AS id FROM holdings LIMIT 1')).rows[0]!.id);
  }, 120_000);
  afterAll(() => t?.close());

  it('a lending policy changed by another server (plain SQL) counts for the very next rota', async () => {
    expect(await rota()).toEqual({ ranked: ['CN-NEAR', 'CN-MID/NJ-SZ'], excluded: [] });
    expect(await rota()).toEqual({ ranked: ['CN-NEAR', 'CN-MID/NJ-SZ'], excluded: [] }); // read from the cache this time
    await t.db.query(`UPDATE libraries SET lending_policy = lending_policy || '{"lendsReturnables": false}' WHERE symbol = 'CN-NEAR'`);
    expect(await rota()).toEqual({ ranked: ['CN-MID/NJ-SZ'], excluded: ['CN-NEAR:ILL_ROTA_NO_LOANS'] });
    await t.db.query(`UPDATE libraries SET lending_policy = lending_policy || '{"lendsReturnables": true}' WHERE symbol = 'CN-NEAR'`);
    expect(await rota()).toEqual({ ranked: ['CN-NEAR', 'CN-MID/NJ-SZ'], excluded: [] });
  });

  it('an agreement ended, and a change rolled back, are both seen as they are', async () => {
    await expect(t.db.transaction(async (tx) => {
      await tx.query(`DELETE FROM agreement_parties WHERE agreement_id = (SELECT id FROM agreements WHERE code = 'NJ-SZ')`);
      // Inside the transaction the rota already sees the change …
      const { rota: inside } = await source(tx, 'CN-BOR', { clusterId: cluster, service: 'loan', materialType: 'book', edition: 'any', neededBy: null }, new Date().toISOString());
      expect(inside.ranked.map((l) => l.agreement ?? null)).toEqual([null, null]);
      throw new Error('roll back');
    })).rejects.toThrow('roll back');
    // … and after the rollback nothing of it is kept.
    expect(await rota()).toEqual({ ranked: ['CN-NEAR', 'CN-MID/NJ-SZ'], excluded: [] });
    await t.db.query(`UPDATE agreements SET valid_to = DATE '2021-01-01' WHERE code = 'NJ-SZ'`);
    expect(await rota()).toEqual({ ranked: ['CN-NEAR', 'CN-MID'], excluded: [] });
  });

  it('a library added to the directory after a rota was made is found by the next one', async () => {
    await loadDirectory(t, { libraries: [aLibrary({ symbol: 'CN-NEW', province: 'CN-JS', city: { zh: '南京', en: 'Nanjing' }, lendingPolicy: policy })] });
    await ingestRecords(t.db, { library: 'CN-NEW', records: [asInput(aBook({ id: 'red-new', title: 'Dream of the red chamber', isbn: '9787020002207', holding: { library: 'CN-NEW', barcode: 'NEW-1' } }))], via: 'test' });
    expect((await rota()).ranked).toContain('CN-NEW');
  });
});
