import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../../test/support/app.js';
import { aLibrary } from '../../../test/network/factories.js';
import { exportTo } from './catalog-export.js';
import { ProblemError, type Target } from '../context.js';
import { importNetwork } from '../../modules/network/index.js';
import { ingestRecords } from '../../modules/catalog/index.js';

/** A MARC 21 book record, just enough for clustering. */
const aBook = (o: { localId: string; title: string; year: string }) => ({
  leader: '00000nam a2200000 a 4500',
  fields: [
    { tag: '001', value: o.localId },
    { tag: '008', value: `200101s${o.year}    cc a          000 0 chi d` },
    { tag: '100', ind1: '1', ind2: ' ', subfields: [{ code: 'a', value: '佚名' }] },
    { tag: '245', ind1: '1', ind2: '0', subfields: [{ code: 'a', value: o.title }] },
    { tag: '260', ind1: ' ', ind2: ' ', subfields: [{ code: 'b', value: '人民文学出版社' }, { code: 'c', value: o.year }] },
  ],
});

describe('anylib catalog export', () => {
  let t: TestApp;
  let dir: string;
  let onDb: Target;
  let onServer: Target;
  beforeAll(async () => {
    t = await testApp();
    dir = mkdtempSync(join(tmpdir(), 'anylib-cli-export-'));
    await importNetwork(t.db, { libraries: ['CN-A', 'CN-B'].map((symbol) => aLibrary({ symbol })) });
    await ingestRecords(t.db, { library: 'CN-A', via: 'import:1', records: ['红楼梦', '水浒传', '西游记'].map((title, i) => ({ record: aBook({ localId: `a${i}`, title, year: String(2000 + i) }), flavour: 'marc21', sourceFormat: 'iso2709' })) });
    await ingestRecords(t.db, { library: 'CN-B', via: 'import:1', records: [{ record: aBook({ localId: 'b0', title: '红楼梦', year: '2000' }), flavour: 'marc21', sourceFormat: 'iso2709' }] });
    onDb = { kind: 'db', db: t.db, close: async () => undefined };
    // A server holding the data directory: the app itself, listening, with its local token.
    const url = await t.app.listen({ port: 0, host: '127.0.0.1' });
    onServer = { kind: 'server', close: async () => undefined, server: { url, request: () => Promise.reject(new Error('not used')) } };
  });
  afterAll(() => t.close());

  it('writes the union records to a file, on the database or through the server alike', async () => {
    const local = join(dir, 'union.mrc');
    expect(await exportTo(onDb, { format: 'iso2709', out: local })).toBe(`3 union records written to ${local}`);
    const remote = join(dir, 'union-server.mrc');
    await exportTo(onServer, { format: 'iso2709', out: remote }, { token: 'local-test-token-local-test-token' });
    expect(readFileSync(remote)).toEqual(readFileSync(local));
    expect(readFileSync(local).filter((b) => b === 0x1d)).toHaveLength(3); // record terminators
  });

  it('writes one library’s records as MARCXML, and names an unknown library', async () => {
    const file = join(dir, 'b.xml');
    expect(await exportTo(onDb, { format: 'marcxml', library: 'CN-B', out: file })).toBe(`1 records of CN-B written to ${file}`);
    const xml = readFileSync(file, 'utf8');
    expect(xml.match(/<record>/g)).toHaveLength(1);
    expect(xml).toContain('<controlfield tag="001">b0</controlfield>');
    const err = await exportTo(onServer, { format: 'marcxml', library: 'CN-NONE', out: join(dir, 'x.xml') }, { token: 'local-test-token-local-test-token' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProblemError);
    expect((err as ProblemError).status).toBe(404);
  });
});
