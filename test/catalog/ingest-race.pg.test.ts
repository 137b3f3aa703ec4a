import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/platform/db/index.js';
import { ingestRecords, reclusterRecords } from '../../src/modules/catalog/index.js';
import { importNetwork } from '../../src/modules/network/index.js';
import { testDatabase } from '../support/database.js';
import { aLibrary } from '../network/factories.js';
import { aBook, asInput, type BookSpec } from './records.js';

/**
 * Two libraries' imports on a PostgreSQL server, interleaved on purpose: a batch writes its records
 * with the cluster plan it made before the clustering lock, and another library's import of the
 * same book commits in between (the `beforeLock` hook). Under the lock the first batch must see
 * that and join the other's cluster instead of keeping a cluster of its own.
 */
describe('imports of two libraries overlapping (PostgreSQL)', () => {
  let db: Db;
  beforeAll(async () => {
    db = await testDatabase();
    await importNetwork(db, { libraries: ['CN-RA', 'CN-RB', 'CN-RC'].map((symbol) => aLibrary({ symbol })) });
  });
  afterAll(() => db.close());

  const book = (id: string, library: string, more: Partial<BookSpec> = {}): BookSpec => ({
    id, title: 'Luotuo xiangzi', author: 'Lao, She', year: 1955, isbn: '9787020024780', holding: { library }, ...more,
  });
  const other = (id: string, library: string, title: string, isbn: string): BookSpec => ({ id, title, year: 1961, isbn, holding: { library } });
  const ingest = (library: string, books: BookSpec[], beforeLock?: () => Promise<void>) =>
    ingestRecords(db, { library, records: books.map((b) => asInput(aBook(b))), via: 'import:test', beforeLock });
  const placed = async (library: string, localId: string) =>
    (await db.query<{ id: number; cluster_id: number; holding_clusters: number[] }>(
      `SELECT r.id::int, r.cluster_id::int, array(SELECT h.cluster_id::int FROM holdings h WHERE h.record_id = r.id) AS holding_clusters
         FROM records r JOIN libraries l ON l.id = r.library_id WHERE l.symbol = $1 AND r.local_id = $2`,
      [library, localId],
    )).rows[0]!;
  const cluster = async (id: number) =>
    (await db.query<{ record_count: number; holding_count: number; display_record_id: number; title: string }>(
      `SELECT record_count, holding_count, display_record_id::int, summary->>'title' AS title FROM clusters WHERE id = $1`,
      [id],
    )).rows[0]!;

  // Cluster numbers are written by ingest alone (no foreign key checks them since migration 0036):
  // after every race, each record, holding and key names a cluster that exists.
  const dangling = async () =>
    (await db.query<{ n: number }>(
      `SELECT (SELECT count(*) FROM records r WHERE r.cluster_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM clusters c WHERE c.id = r.cluster_id))
            + (SELECT count(*) FROM holdings h WHERE h.cluster_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM clusters c WHERE c.id = h.cluster_id))
            + (SELECT count(*) FROM cluster_keys k WHERE NOT EXISTS (SELECT 1 FROM clusters c WHERE c.id = k.cluster_id)) AS n`,
    )).rows[0]!.n;
  afterEach(async () => expect(Number(await dangling())).toBe(0));

  it('joins the cluster another library committed while this batch was being written', async () => {
    const other1 = other('ra2', 'CN-RA', 'Si shi tong tang', '9787020024797');
    let between: Awaited<ReturnType<typeof ingest>> | undefined;
    const a = await ingest('CN-RA', [book('ra1', 'CN-RA'), book('ra1b', 'CN-RA'), other1], async () => {
      // The other library's import runs whole (plan, writes, lock, commit) before this one takes the lock.
      between = await ingest('CN-RB', [book('rb1', 'CN-RB')]);
    });
    expect(between).toMatchObject({ created: 1 });
    expect(a).toMatchObject({ read: 3, created: 3, rejected: 0 });

    const rb1 = await placed('CN-RB', 'rb1');
    const ra1 = await placed('CN-RA', 'ra1');
    const ra1b = await placed('CN-RA', 'ra1b');
    // One cluster for the book, holdings moved with the records; no cluster left behind empty.
    expect(ra1.cluster_id).toBe(rb1.cluster_id);
    expect(ra1b.cluster_id).toBe(rb1.cluster_id);
    expect(ra1.holding_clusters).toEqual([rb1.cluster_id]);
    expect(ra1b.holding_clusters).toEqual([rb1.cluster_id]);
    const c = await cluster(rb1.cluster_id);
    expect(c).toMatchObject({ record_count: 3, holding_count: 2, title: 'Luotuo xiangzi' });
    expect([rb1.id, ra1.id, ra1b.id]).toContain(c.display_record_id);
    const empty = await db.query('SELECT id FROM clusters WHERE record_count = 0');
    expect(empty.rows).toEqual([]);
    const keys = await db.query<{ cluster_id: number }>(`SELECT cluster_id::int FROM cluster_keys WHERE key = 'isbn:9787020024780'`);
    expect(keys.rows).toEqual([{ cluster_id: rb1.cluster_id }]);
    // The batch's other book was not in question: its own cluster, written whole.
    const ra2 = await placed('CN-RA', 'ra2');
    expect(ra2.cluster_id).not.toBe(rb1.cluster_id);
    expect(await cluster(ra2.cluster_id)).toMatchObject({ record_count: 1, holding_count: 1, display_record_id: ra2.id, title: 'Si shi tong tang' });

    // Sent again, nothing changes.
    expect(await ingest('CN-RA', [book('ra1', 'CN-RA'), book('ra1b', 'CN-RA'), other1])).toMatchObject({ unchanged: 3, created: 0, updated: 0 });
    expect(await ingest('CN-RB', [book('rb1', 'CN-RB')])).toMatchObject({ unchanged: 1 });
  });

  it('keeps both sides right when the batches overlap the other way round too', async () => {
    // C starts; while it writes, A and B each commit a new edition that C's records match.
    const ed = (id: string, library: string) => book(id, library, { title: 'Cha guan', isbn: '9787020035311', year: 1980, edition: '第2版' });
    const c = await ingest('CN-RC', [ed('rc1', 'CN-RC'), other('rc2', 'CN-RC', 'Long xu gou', '9787020035328')], async () => {
      await Promise.all([ingest('CN-RA', [ed('ra3', 'CN-RA')]), ingest('CN-RB', [ed('rb3', 'CN-RB')])]);
    });
    expect(c).toMatchObject({ created: 2 });
    const ids = await Promise.all([placed('CN-RA', 'ra3'), placed('CN-RB', 'rb3'), placed('CN-RC', 'rc1')]);
    expect(new Set(ids.map((r) => r.cluster_id)).size).toBe(1);
    expect(await cluster(ids[0]!.cluster_id)).toMatchObject({ record_count: 3, holding_count: 3 });
    expect((await db.query('SELECT id FROM clusters WHERE record_count = 0')).rows).toEqual([]);
  });

  it('obeys a staff split recorded while a changed record was being written, though no other import committed', async () => {
    const gu = (id: string, library: string, pages = 300) => book(id, library, { title: 'Gu cheng', isbn: '9787020041110', year: 1990, pages });
    await ingest('CN-RA', [gu('ra4', 'CN-RA')]);
    await ingest('CN-RB', [gu('rb4', 'CN-RB')]);
    const before = await placed('CN-RA', 'ra4');
    const rb4 = await placed('CN-RB', 'rb4');
    expect(before.cluster_id).toBe(rb4.cluster_id);
    // The record changes (a new version); meanwhile staff split it from the other library's record.
    const changed = await ingest('CN-RA', [gu('ra4', 'CN-RA', 320)], async () => {
      await db.query(`INSERT INTO cluster_decisions (kind, record_ids, reason) VALUES ('split', $1, 'different printings')`, [[before.id, rb4.id]]);
    });
    expect(changed).toMatchObject({ updated: 1 });
    const after = await placed('CN-RA', 'ra4');
    expect(after.cluster_id).not.toBe(rb4.cluster_id);
    expect(after.holding_clusters).toEqual([after.cluster_id]);
    expect(await cluster(rb4.cluster_id)).toMatchObject({ record_count: 1, holding_count: 1, display_record_id: rb4.id });
  });
  it('reads its plan whole again when a staff merge was applied in between (re-clustering leaves no entry in the clustering log)', async () => {
    // The batch plans to join the cluster of ra6; before it takes the lock, staff merge ra6 into
    // ra7's (lower) cluster, which empties that cluster: the batch must not join the emptied one.
    const mao = (id: string, library: string) => book(id, library, { title: 'Mao cheng ji', isbn: '9787020041127', year: 1981 });
    await ingest('CN-RA', [other('ra7', 'CN-RA', 'Er ma', '9787020041134')]);
    await ingest('CN-RA', [mao('ra6', 'CN-RA')]);
    const ra7 = await placed('CN-RA', 'ra7');
    const ra6 = await placed('CN-RA', 'ra6');
    expect(ra7.cluster_id).toBeLessThan(ra6.cluster_id);
    const b = await ingest('CN-RB', [mao('rb6', 'CN-RB')], async () => {
      await db.query(`INSERT INTO cluster_decisions (kind, record_ids, reason) VALUES ('merge', $1, 'one set')`, [[ra7.id, ra6.id]]);
      await reclusterRecords(db, [ra7.id, ra6.id]);
    });
    expect(b).toMatchObject({ created: 1 });
    expect((await placed('CN-RA', 'ra6')).cluster_id).toBe(ra7.cluster_id);
    const rb6 = await placed('CN-RB', 'rb6');
    expect(rb6.cluster_id).not.toBe(ra6.cluster_id);
    expect(rb6.holding_clusters).toEqual([rb6.cluster_id]);
    expect(await cluster(ra6.cluster_id)).toMatchObject({ record_count: 0 });
  });
});
