import { prepared, type Queryable } from '../../../platform/db/index.js';
import type { Flavour, MarcRecord } from '../domain/marc/index.js';
import type { HoldingLibrary } from './union.js';

/*
 * Keyset pages for export: a bounded query per batch, so neither the database (PGlite has one
 * connection) nor the process holds the whole catalogue at once.
 */

export interface ClusterForExport {
  id: number;
  record: MarcRecord;
  flavour: Flavour;
  holders: HoldingLibrary[];
}

/** The next clusters after `afterId` that have a live display record (merged clusters are not union records). */
export async function clustersAfter(db: Queryable, afterId: number, limit: number): Promise<ClusterForExport[]> {
  const { rows } = await db.query<{ id: number; record: MarcRecord; flavour: Flavour }>(
    `SELECT c.id, r.record, r.flavour
       FROM clusters c JOIN records r ON r.id = c.display_record_id AND r.deleted_at IS NULL
      WHERE c.id > $1 AND c.merged_into IS NULL
      ORDER BY c.id LIMIT $2`,
    [afterId, limit],
  );
  return withHolders(db, rows);
}

/** These clusters (in the order asked, missing and merged ones left out) with their display records. */
export async function clustersByIds(db: Queryable, ids: readonly number[]): Promise<ClusterForExport[]> {
  if (ids.length === 0) return [];
  // One statement with the holders aggregated: SRU and the OAI provider ask this for every page.
  const { rows } = await db.query<{ id: number; record: MarcRecord; flavour: Flavour; holders: HoldingLibrary[] }>(
    prepared(`SELECT c.id, r.record, r.flavour,
            coalesce((SELECT json_agg(json_build_object('library', l.symbol, 'localId', m.local_id, 'location', h.location, 'callNumber', h.call_number)
                                      ORDER BY l.symbol, m.local_id)
                        FROM records m
                        JOIN libraries l ON l.id = m.library_id
                        LEFT JOIN LATERAL (SELECT location, call_number FROM holdings WHERE record_id = m.id ORDER BY id LIMIT 1) h ON true
                       WHERE m.cluster_id = c.id AND m.deleted_at IS NULL), '[]') AS holders
       FROM clusters c JOIN records r ON r.id = c.display_record_id AND r.deleted_at IS NULL
      WHERE c.id = ANY($1::bigint[]) AND c.merged_into IS NULL`),
    [ids],
  );
  const found = new Map(rows.map((c) => [c.id, c]));
  return ids.flatMap((id) => (found.has(id) ? [found.get(id)!] : []));
}

async function withHolders(db: Queryable, rows: { id: number; record: MarcRecord; flavour: Flavour }[]): Promise<ClusterForExport[]> {
  if (rows.length === 0) return [];
  const { rows: holders } = await db.query<{ cluster_id: number; library: string; local_id: string; location: string | null; call_number: string | null }>(
    `SELECT r.cluster_id, l.symbol AS library, r.local_id, h.location, h.call_number
       FROM records r
       JOIN libraries l ON l.id = r.library_id
       LEFT JOIN LATERAL (SELECT location, call_number FROM holdings WHERE record_id = r.id ORDER BY id LIMIT 1) h ON true
      WHERE r.cluster_id = ANY($1::bigint[]) AND r.deleted_at IS NULL
      ORDER BY r.cluster_id, l.symbol, r.local_id`,
    [rows.map((r) => r.id)],
  );
  const byCluster = new Map<number, HoldingLibrary[]>();
  for (const h of holders) {
    const list = byCluster.get(h.cluster_id) ?? [];
    list.push({ library: h.library, localId: h.local_id, location: h.location, callNumber: h.call_number });
    byCluster.set(h.cluster_id, list);
  }
  return rows.map((r) => ({ id: r.id, record: r.record, flavour: r.flavour, holders: byCluster.get(r.id) ?? [] }));
}

/** The next live records of a library after record id `afterId`. */
export async function libraryRecordsAfter(db: Queryable, libraryId: number, afterId: number, limit: number): Promise<{ id: number; record: MarcRecord; flavour: Flavour }[]> {
  const { rows } = await db.query<{ id: number; record: MarcRecord; flavour: Flavour }>(
    `SELECT id, record, flavour FROM records WHERE library_id = $1 AND id > $2 AND deleted_at IS NULL ORDER BY id LIMIT $3`,
    [libraryId, afterId, limit],
  );
  return rows;
}

/** A library's id by symbol. */
export async function libraryIdOf(db: Queryable, symbol: string): Promise<number | undefined> {
  const { rows } = await db.query<{ id: number }>('SELECT id FROM libraries WHERE symbol = $1', [symbol]);
  return rows[0]?.id;
}
