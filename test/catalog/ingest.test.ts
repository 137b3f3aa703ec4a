import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestRecords, reclusterRecords } from '../../src/modules/catalog/index.js';
import { importNetwork } from '../../src/modules/network/index.js';
import { testApp, type TestApp } from '../support/app.js';
import { aLibrary } from '../network/factories.js';
import { aBook, asInput, type BookSpec } from './records.js';

describe('ingestRecords: identity, versions, deletions, clusters, holdings', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp();
    await importNetwork(t.db, { libraries: ['CN-IA', 'CN-IB', 'CN-IC'].map((symbol) => aLibrary({ symbol })) });
  });
  afterAll(() => t.close());

  const ingest = (library: string, books: BookSpec[]) => ingestRecords(t.db, { library, records: books.map((b) => asInput(aBook(b))), via: 'test' });
  const recordOf = async (library: string, localId: string) =>
    (await t.db.query<{ id: number; version: number; cluster_id: number; deleted_at: Date | null }>(
      'SELECT r.id::int, r.version, r.cluster_id::int, r.deleted_at FROM records r JOIN libraries l ON l.id = r.library_id WHERE l.symbol = $1 AND r.local_id = $2',
      [library, localId],
    )).rows[0]!;
  const clusterOf = async (id: number) =>
    (await t.db.query<{ record_count: number; holding_count: number; display_record_id: number | null; summary: { title?: string } }>(
      'SELECT record_count, holding_count, display_record_id::int, summary FROM clusters WHERE id = $1',
      [id],
    )).rows[0]!;

  const red = (id: string, library: string, more: Partial<BookSpec> = {}): BookSpec => ({
    id, title: 'Hong lou meng', author: 'Cao, Xueqin', year: 1982, isbn: '9787020002207', holding: { library }, ...more,
  });

  it('stores new records once: the same records sent again change nothing', async () => {
    const books = [red('a1', 'CN-IA'), { id: 'a2', title: 'Shui hu zhuan', author: 'Shi, Nai\'an', year: 1975, isbn: '9787020008742', holding: { library: 'CN-IA' } }];
    const first = await ingest('CN-IA', books);
    expect(first).toMatchObject({ read: 2, created: 2, updated: 0, unchanged: 0, deleted: 0, rejected: 0 });
    const again = await ingest('CN-IA', books);
    expect(again).toMatchObject({ read: 2, created: 0, updated: 0, unchanged: 2, deleted: 0, rejected: 0 });
    const r = await recordOf('CN-IA', 'a1');
    expect(r.version).toBe(1);
    const c = await clusterOf(r.cluster_id);
    expect(c).toMatchObject({ record_count: 1, holding_count: 1, display_record_id: r.id });
    expect(c.summary.title).toBe('Hong lou meng');
  });

  it('keeps the previous version when a record changes', async () => {
    const changed = await ingest('CN-IA', [red('a1', 'CN-IA', { pages: 301 })]);
    expect(changed).toMatchObject({ updated: 1, created: 0 });
    const r = await recordOf('CN-IA', 'a1');
    expect(r.version).toBe(2);
    const versions = await t.db.query<{ version: number; changed_via: string }>('SELECT version, changed_via FROM record_versions WHERE record_id = $1', [r.id]);
    expect(versions.rows).toEqual([{ version: 1, changed_via: 'test' }]);
  });

  it('puts two libraries’ records of the same book in one cluster with two holdings', async () => {
    await ingest('CN-IB', [red('b1', 'CN-IB')]);
    const a = await recordOf('CN-IA', 'a1');
    const b = await recordOf('CN-IB', 'b1');
    expect(b.cluster_id).toBe(a.cluster_id);
    expect(await clusterOf(a.cluster_id)).toMatchObject({ record_count: 2, holding_count: 2 });
    const holdings = await t.db.query('SELECT 1 FROM holdings WHERE cluster_id = $1', [a.cluster_id]);
    expect(holdings.rows.length).toBe(2);
  });

  it('gives the same book sent by two libraries at once one cluster', async () => {
    const book = (id: string, library: string) => ({ id, title: 'Cheng nan jiu shi', author: 'Lin, Haiyin', year: 1960, isbn: '9787020090006', holding: { library } });
    const many = (library: string, prefix: string) => [book(`${prefix}0`, library), ...Array.from({ length: 40 }, (_, i) => ({ id: `${prefix}${i + 1}`, title: `Filler ${prefix} ${i}`, year: 1950 + i }))];
    await Promise.all([ingest('CN-IA', many('CN-IA', 'ca')), ingest('CN-IB', many('CN-IB', 'cb'))]);
    expect((await recordOf('CN-IA', 'ca0')).cluster_id).toBe((await recordOf('CN-IB', 'cb0')).cluster_id);
  });

  it('keeps different editions apart', async () => {
    await ingest('CN-IC', [
      { id: 'c1', title: 'Xian dai han yu ci dian', year: 2005, edition: '第5版', isbn: '9787100043854' },
      { id: 'c2', title: 'Xian dai han yu ci dian', year: 2012, edition: '第6版', isbn: '9787100084673' },
    ]);
    const c1 = await recordOf('CN-IC', 'c1');
    const c2 = await recordOf('CN-IC', 'c2');
    expect(c1.cluster_id).not.toBe(c2.cluster_id);
  });

  it('matches records of one batch with each other', async () => {
    await ingest('CN-IC', [
      { id: 'c3', title: 'Wei cheng', author: 'Qian, Zhongshu', year: 1991, isbn: '9787020024759' },
      { id: 'c4', title: 'Wei cheng', author: 'Qian, Zhongshu', year: 1991, isbn: '9787020024759' },
    ]);
    expect((await recordOf('CN-IC', 'c3')).cluster_id).toBe((await recordOf('CN-IC', 'c4')).cluster_id);
  });

  it('removes a deleted record’s holdings and updates its cluster; an emptied cluster shows no records', async () => {
    const before = await recordOf('CN-IB', 'b1');
    const gone = await ingestRecords(t.db, { library: 'CN-IB', records: [{ kind: 'delete', localId: 'b1' }], via: 'test' });
    expect(gone).toMatchObject({ deleted: 1 });
    const b = await recordOf('CN-IB', 'b1');
    expect(b.deleted_at).not.toBeNull();
    expect((await t.db.query('SELECT 1 FROM holdings WHERE record_id = $1', [b.id])).rows).toEqual([]);
    expect(await clusterOf(before.cluster_id)).toMatchObject({ record_count: 1, holding_count: 1 });

    // leader/05 'd' deletes too; the last member gone, the cluster stays but is empty
    await ingest('CN-IA', [red('a1', 'CN-IA', { deleted: true })]);
    expect(await clusterOf(before.cluster_id)).toMatchObject({ record_count: 0, holding_count: 0, display_record_id: null, summary: {} });
  });

  it('rejects a record without a local id or a title and stores the rest', async () => {
    const res = await ingest('CN-IC', [{ id: 'x', title: 'No id', noId: true }, { id: 'c5', title: '' }, { id: 'c6', title: 'Bian cheng', year: 1934 }]);
    expect(res).toMatchObject({ read: 3, created: 1, rejected: 2 });
    expect(res.rejects.map((r) => r.problems[0]!.field)).toEqual(['001', '245']);
  });

  it('rejects a record PostgreSQL cannot store (a NUL character) without failing the others', async () => {
    const res = await ingest('CN-IC', [{ id: 'c7', title: 'Bad\u0000title', year: 1990 }, { id: 'c8', title: 'Zi ye', year: 1933 }]);
    expect(res).toMatchObject({ read: 2, created: 1, rejected: 1 });
    expect(res.rejects[0]).toMatchObject({ localId: 'c7', problems: [{ code: 'invalid-encoding' }] });
  });

  it('keeps a split apart and a merge together across re-imports', async () => {
    // Same book at two libraries: one cluster; staff split it.
    await ingest('CN-IA', [red('s1', 'CN-IA', { isbn: '9787532731077', title: 'Ping fan de shi jie', year: 2008 })]);
    await ingest('CN-IB', [red('s2', 'CN-IB', { isbn: '9787532731077', title: 'Ping fan de shi jie', year: 2008 })]);
    const s1 = await recordOf('CN-IA', 's1');
    const s2 = await recordOf('CN-IB', 's2');
    expect(s1.cluster_id).toBe(s2.cluster_id);
    await t.db.query(`INSERT INTO cluster_decisions (kind, record_ids, reason) VALUES ('split', $1, 'different printings')`, [[s2.id, s1.id]]);
    await reclusterRecords(t.db, [s2.id, s1.id]);
    expect((await recordOf('CN-IB', 's2')).cluster_id).not.toBe((await recordOf('CN-IA', 's1')).cluster_id);
    // Re-imported, changed: still apart.
    await ingest('CN-IB', [red('s2', 'CN-IB', { isbn: '9787532731077', title: 'Ping fan de shi jie', year: 2008, pages: 512 })]);
    expect((await recordOf('CN-IB', 's2')).version).toBe(2);
    expect((await recordOf('CN-IB', 's2')).cluster_id).not.toBe((await recordOf('CN-IA', 's1')).cluster_id);

    // Two editions apart; staff merge them.
    const c1 = await recordOf('CN-IC', 'c1');
    const c2 = await recordOf('CN-IC', 'c2');
    await t.db.query(`INSERT INTO cluster_decisions (kind, record_ids, reason) VALUES ('merge', $1, 'one set')`, [[c1.id, c2.id]]);
    await reclusterRecords(t.db, [c1.id, c2.id]);
    const merged = Math.min(c1.cluster_id, c2.cluster_id);
    expect((await recordOf('CN-IC', 'c2')).cluster_id).toBe(merged);
    await ingest('CN-IC', [
      { id: 'c1', title: 'Xian dai han yu ci dian', year: 2005, edition: '第5版', isbn: '9787100043854', pages: 1900 },
      { id: 'c2', title: 'Xian dai han yu ci dian', year: 2012, edition: '第6版', isbn: '9787100084673', pages: 1800 },
    ]);
    expect((await recordOf('CN-IC', 'c1')).cluster_id).toBe(merged);
    expect((await recordOf('CN-IC', 'c2')).cluster_id).toBe(merged);
    expect(await clusterOf(merged)).toMatchObject({ record_count: 2 });
  });

  it('stores a batch larger than one statement: every record, holding and item once, changed ones as new versions', async () => {
    await importNetwork(t.db, { libraries: [aLibrary({ symbol: 'CN-ID' })] });
    const books = (pages: number): BookSpec[] => Array.from({ length: 700 }, (_, i) => ({
      id: `d${i}`, title: `Big batch book ${i}`, year: 1950 + (i % 60), pages, holding: { library: 'CN-ID', barcode: `D${i}` },
    }));
    const count = async (sql: string) => Number((await t.db.query<{ n: number }>(sql)).rows[0]!.n);
    const lib = `(SELECT id FROM libraries WHERE symbol = 'CN-ID')`;
    expect(await ingest('CN-ID', books(100))).toMatchObject({ read: 700, created: 700, rejected: 0 });
    expect(await count(`SELECT count(*) AS n FROM records WHERE library_id = ${lib}`)).toBe(700);
    expect(await count(`SELECT count(*) AS n FROM holdings WHERE library_id = ${lib}`)).toBe(700);
    expect(await count(`SELECT count(DISTINCT barcode) AS n FROM items WHERE library_id = ${lib}`)).toBe(700);
    expect(await ingest('CN-ID', books(100))).toMatchObject({ read: 700, created: 0, updated: 0, unchanged: 700 });
    expect(await ingest('CN-ID', books(200))).toMatchObject({ read: 700, created: 0, updated: 700 });
    expect(await count(`SELECT count(*) AS n FROM records WHERE library_id = ${lib} AND version = 2`)).toBe(700);
    expect(await count(`SELECT count(*) AS n FROM record_versions v JOIN records r ON r.id = v.record_id WHERE r.library_id = ${lib}`)).toBe(700);
    expect(await count(`SELECT count(*) AS n FROM holdings WHERE library_id = ${lib}`)).toBe(700);
    expect(await count(`SELECT count(*) AS n FROM items WHERE library_id = ${lib} AND barcode IS NOT NULL`)).toBe(700);
    const d5 = await recordOf('CN-ID', 'd5');
    expect(await clusterOf(d5.cluster_id)).toMatchObject({ record_count: 1, holding_count: 1, display_record_id: d5.id });
  });

  it('removes a deleted library’s records with their versions, holdings and items; a cluster one of them displayed shows none', async () => {
    const d5 = await recordOf('CN-ID', 'd5');
    const lib = Number((await t.db.query<{ id: number }>(`SELECT id FROM libraries WHERE symbol = 'CN-ID'`)).rows[0]!.id);
    const count = async (sql: string) => Number((await t.db.query<{ n: number }>(sql, [lib])).rows[0]!.n);
    const ids = async (sql: string) => (await t.db.query<{ id: number }>(sql, [lib])).rows.map((r) => Number(r.id));
    const recordIds = await ids('SELECT id FROM records WHERE library_id = $1');
    const holdingIds = await ids('SELECT id FROM holdings WHERE library_id = $1');
    expect(holdingIds).toHaveLength(700);
    const countOf = async (sql: string, list: number[]) => Number((await t.db.query<{ n: number }>(sql, [list])).rows[0]!.n);
    expect(await countOf('SELECT count(*) AS n FROM record_versions WHERE record_id = ANY($1::bigint[])', recordIds)).toBe(700);
    await t.db.query('DELETE FROM libraries WHERE id = $1', [lib]);
    expect(await count('SELECT count(*) AS n FROM records WHERE library_id = $1')).toBe(0);
    expect(await countOf('SELECT count(*) AS n FROM record_versions WHERE record_id = ANY($1::bigint[])', recordIds)).toBe(0);
    expect(await count('SELECT count(*) AS n FROM holdings WHERE library_id = $1')).toBe(0);
    expect(await countOf('SELECT count(*) AS n FROM items WHERE holding_id = ANY($1::bigint[])', holdingIds)).toBe(0);
    expect((await clusterOf(d5.cluster_id)).display_record_id).toBeNull();
    // The other libraries' records are where they were.
    expect((await recordOf('CN-IA', 'a2')).deleted_at).toBeNull();
  });
});
