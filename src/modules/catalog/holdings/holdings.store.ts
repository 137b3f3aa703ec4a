/**
 * The SQL of holdings and items: availability counts, circulation pushes, item look-ups, and
 * writing a record's holdings. Bulk statements over JSON row sets; dates leave as YYYY-MM-DD text
 * (a `date` column read into a JS Date would shift with the server's time zone).
 */
import type { Queryable } from '../../../platform/db/index.js';
import type { AvailabilityChange, HoldingDraft } from '../domain/holdings/index.js';

export interface LibraryAvailabilityRow {
  cluster_id: string | number;
  symbol: string;
  copies: number;
  available: number;
  on_loan: number;
  in_transit: number;
  reference_only: number;
  next_due: string | null;
}

export interface ItemRow {
  barcode: string;
  status: string;
  due_date: string | null;
  location: string | null;
  call_number: string | null;
  material_type: string | null;
  status_changed_at: Date | string;
  local_id: string;
  cluster_id: string | number | null;
}

/**
 * The copies of a cluster's live member records per library, counted by status, over `records r`
 * and `libraries l` (the caller adds WHERE on r and GROUP BY l.symbol): for the cluster page and
 * for interlibrary loan's sourcing, which reads it inside its own one statement.
 */
export const LIBRARY_AVAILABILITY = `count(i.id)::int AS copies,
              count(i.id) FILTER (WHERE i.status = 'available')::int AS available,
              count(i.id) FILTER (WHERE i.status = 'on-loan')::int AS on_loan,
              count(i.id) FILTER (WHERE i.status = 'in-transit')::int AS in_transit,
              count(i.id) FILTER (WHERE i.status = 'reference-only')::int AS reference_only,
              to_char(min(i.due_date) FILTER (WHERE i.status = 'on-loan'), 'YYYY-MM-DD') AS next_due
         FROM records r
         JOIN libraries l ON l.id = r.library_id
         LEFT JOIN holdings h ON h.record_id = r.id
         LEFT JOIN items i ON i.holding_id = h.id`;

export const holdingsStore = {
  /**
   * Per cluster and library: the copies of the library's live member records and how many are
   * on the shelf, out, in transit or for use in the library only, with the earliest due date.
   * A library whose records carry no items shows with 0 copies: it holds the title, no more is known.
   */
  async availabilityByLibrary(db: Queryable, clusterIds: readonly number[]): Promise<LibraryAvailabilityRow[]> {
    const { rows } = await db.query<LibraryAvailabilityRow>(
      `SELECT r.cluster_id, l.symbol,
              ${LIBRARY_AVAILABILITY}
        WHERE r.cluster_id = ANY($1::bigint[]) AND r.deleted_at IS NULL
        GROUP BY r.cluster_id, l.symbol
        ORDER BY r.cluster_id, l.symbol`,
      [clusterIds],
    );
    return rows;
  },

  /** The library's copies counted by status, the overdue ones among those on loan, and when a status last changed. */
  async librarySummary(db: Queryable, libraryId: number): Promise<{ records: number; by_status: Record<string, number>; overdue: number; last_change: Date | string | null }> {
    const { rows } = await db.query<{ records: number; by_status: Record<string, number> | null; overdue: number; last_change: Date | string | null }>(
      `SELECT (SELECT count(*) FROM records WHERE library_id = $1 AND deleted_at IS NULL)::int AS records,
              (SELECT jsonb_object_agg(status, n) FROM (SELECT status, count(*)::int AS n FROM items WHERE library_id = $1 GROUP BY status) s) AS by_status,
              (SELECT count(*) FROM items WHERE library_id = $1 AND status = 'on-loan' AND due_date < current_date)::int AS overdue,
              (SELECT max(status_changed_at) FROM items WHERE library_id = $1) AS last_change`,
      [libraryId],
    );
    const r = rows[0]!;
    return { records: Number(r.records), by_status: r.by_status ?? {}, overdue: Number(r.overdue), last_change: r.last_change };
  },

  /** The cluster a (possibly merged) cluster id stands for now, or null when there is none. */
  async currentCluster(db: Queryable, clusterId: number): Promise<number | null> {
    const { rows } = await db.query<{ id: string | number }>(
      `WITH RECURSIVE chain(id, merged_into, depth) AS (
         SELECT id, merged_into, 0 FROM clusters WHERE id = $1
         UNION ALL
         SELECT c.id, c.merged_into, chain.depth + 1 FROM clusters c JOIN chain ON c.id = chain.merged_into WHERE chain.depth < 20
       )
       SELECT id FROM chain WHERE merged_into IS NULL LIMIT 1`,
      [clusterId],
    );
    return rows[0] ? Number(rows[0].id) : null;
  },

  /**
   * Applies circulation changes to the library's items by barcode, in one statement. Returns the
   * barcodes that matched an item and those whose status or due date actually changed.
   */
  async applyChanges(tx: Queryable, libraryId: number, changes: readonly AvailabilityChange[]): Promise<{ known: string[]; changed: string[] }> {
    if (changes.length === 0) return { known: [], changed: [] };
    const { rows } = await tx.query<{ barcode: string; known: boolean; changed: boolean }>(
      `WITH c AS (
         SELECT * FROM jsonb_to_recordset($2::jsonb) AS c(barcode text, status text, due_date date)
       ), u AS (
         UPDATE items i SET status = c.status, due_date = c.due_date, status_changed_at = now()
           FROM c
          WHERE i.library_id = $1 AND i.barcode = c.barcode
            AND (i.status IS DISTINCT FROM c.status OR i.due_date IS DISTINCT FROM c.due_date)
         RETURNING i.barcode, i.holding_id
       ), noted AS (
         -- the search index shows availability: these clusters' documents are redone
         INSERT INTO cluster_changes (cluster_id)
         SELECT DISTINCT h.cluster_id FROM u JOIN holdings h ON h.id = u.holding_id WHERE h.cluster_id IS NOT NULL
         ON CONFLICT (cluster_id) DO NOTHING
       )
       SELECT c.barcode,
              EXISTS (SELECT 1 FROM items i WHERE i.library_id = $1 AND i.barcode = c.barcode) AS known,
              EXISTS (SELECT 1 FROM u WHERE u.barcode = c.barcode) AS changed
         FROM c`,
      [libraryId, JSON.stringify(changes.map((c) => ({ barcode: c.barcode, status: c.status, due_date: c.dueDate })))],
    );
    return { known: rows.filter((r) => r.known).map((r) => r.barcode), changed: rows.filter((r) => r.changed).map((r) => r.barcode) };
  },

  /** The library's items with these barcodes, with the record and cluster they belong to; a copy without its own location or call number shows its holding's. */
  async itemsByBarcode(db: Queryable, libraryId: number, barcodes: readonly string[]): Promise<ItemRow[]> {
    const { rows } = await db.query<ItemRow>(
      `SELECT i.barcode, i.status, to_char(i.due_date, 'YYYY-MM-DD') AS due_date,
              COALESCE(i.location, h.location) AS location, COALESCE(i.call_number, h.call_number) AS call_number,
              i.material_type, i.status_changed_at, r.local_id, r.cluster_id
         FROM items i
         JOIN holdings h ON h.id = i.holding_id
         JOIN records r ON r.id = h.record_id
        WHERE i.library_id = $1 AND i.barcode = ANY($2::text[])
        ORDER BY i.barcode`,
      [libraryId, barcodes],
    );
    return rows;
  },

  /**
   * Writes the holdings of one member record, replacing what it had. A barcode the library
   * already uses on another record's copy moves to this one (the copy was relinked to another
   * bibliographic record in the member's system; the newest export is right).
   */
  async replaceRecordHoldings(
    tx: Queryable,
    target: { recordId: number; libraryId: number; clusterId: number | null },
    holdings: readonly HoldingDraft[],
  ): Promise<void> {
    await tx.query('DELETE FROM holdings WHERE record_id = $1', [target.recordId]);
    if (holdings.length === 0) return;
    // Ids first, so each holding's copies can name it without relying on RETURNING's order.
    const { rows } = await tx.query<{ id: string | number }>(`SELECT nextval('holdings_id_seq') AS id FROM generate_series(1, $1)`, [holdings.length]);
    const ids = rows.map((r) => Number(r.id));
    await tx.query(
      `INSERT INTO holdings (id, record_id, library_id, cluster_id, location, call_number, summary)
       SELECT x.id, $2, $3, $4, x.location, x.call_number, x.summary
         FROM jsonb_to_recordset($1::jsonb) AS x(id bigint, location text, call_number text, summary text)`,
      [
        JSON.stringify(holdings.map((h, i) => ({ id: ids[i], location: h.location ?? null, call_number: h.callNumber ?? null, summary: h.summary ?? null }))),
        target.recordId,
        target.libraryId,
        target.clusterId,
      ],
    );
    const items = holdings.flatMap((h, i) =>
      h.items.map((it) => ({
        holding_id: ids[i],
        barcode: it.barcode ?? null,
        location: it.location ?? null,
        call_number: it.callNumber ?? null,
        material_type: it.materialType ?? null,
        status: it.status,
        due_date: it.dueDate ?? null,
      })),
    );
    if (items.length === 0) return;
    const barcodes = items.flatMap((i) => (i.barcode === null ? [] : [i.barcode]));
    if (barcodes.length > 0) await tx.query('DELETE FROM items WHERE library_id = $1 AND barcode = ANY($2::text[])', [target.libraryId, barcodes]);
    await tx.query(
      `INSERT INTO items (holding_id, library_id, barcode, location, call_number, material_type, status, due_date)
       SELECT x.holding_id, $2, x.barcode, x.location, x.call_number, x.material_type, x.status, x.due_date
         FROM jsonb_to_recordset($1::jsonb) AS x(holding_id bigint, barcode text, location text, call_number text, material_type text, status text, due_date date)`,
      [JSON.stringify(items), target.libraryId],
    );
  },
};
