/** What placing a request reads of the catalogue for its rota (sourcing.ts). */
import { prepared, type Queryable } from '../../../platform/db/index.js';
import { LIBRARY_AVAILABILITY, type ClusterSummary, type LibraryAvailability } from '../../catalog/index.js';
import { readerStandingSql, standingOf, type ReaderStanding } from '../../identity/index.js';
import type { DirectoryVersion } from '../directory.js';
import { iso } from './rows.js';

/** A cluster as sourcing reads it (illStore.clusterForSourcing). */
export interface ClusterForSourcing {
  directory: DirectoryVersion;
  /** Undefined when there is no such live cluster with a display record. */
  cluster: { summary: ClusterSummary; issns: string[] } | undefined;
  libraries: LibraryAvailability[];
}

/** The reader's requests the eligibility check counts: open ones, and the recent ones for duplicates. */
export interface ReaderHistoryEntry { id: number; citationKey: string; createdAt: string; closed: boolean }

/** What placing a request reads of its reader (eligibility): their requests and their standing in the library. */
export interface ReaderForPlacing {
  history: ReaderHistoryEntry[];
  standing: ReaderStanding | undefined;
}

/**
 * The reader's requests ({@link ReaderHistoryEntry}: the open ones, and those of the last 60 days
 * for duplicates) and their standing (identity's), as one JSON object: `reader` and `library` are the statement's
 * parameters for the reader's id and the library's symbol.
 */
const readerForPlacingSql = (reader: string, library: string) => `json_build_object(
     'history', (SELECT coalesce(json_agg(json_build_object('id', h.id, 'citation_key', h.citation_key, 'created_at', h.created_at, 'state', h.state)), '[]')
                  FROM ill_requests h WHERE h.reader_id = ${reader} AND (h.state NOT IN ('completed', 'cancelled') OR h.created_at > now() - interval '60 days')),
     'standing', ${readerStandingSql(reader, library)})`;

function readerOf(json: unknown, readerId: number, library: string): ReaderForPlacing {
  const r = (typeof json === 'string' ? JSON.parse(json) : json) as { history: { id: number | string; citation_key: string; created_at: string; state: string }[]; standing: unknown };
  return {
    history: r.history.map((h) => ({ id: Number(h.id), citationKey: h.citation_key, createdAt: iso(h.created_at), closed: h.state === 'completed' || h.state === 'cancelled' })),
    standing: standingOf(r.standing, readerId, library),
  };
}

/** A row of {@link clusterSql}: the directory's version and the cluster with one library's copies. */
interface ClusterRow {
  database_id: string; version: string; summary: ClusterSummary | null; issns: string[] | null; displayed: boolean;
  symbol: string | null; copies: number; available: number; on_loan: number; in_transit: number; reference_only: number; next_due: string | null;
}

/**
 * The cluster's citation (its summary and the display record's ISSNs, as the catalogue's
 * clustersForIndex gives them), its copies library by library with live availability (the
 * catalogue's availabilityOfClusters, the same counts) and the directory's version, one row per
 * library; `extra`: more columns (ILL's reader, on the first row only).
 */
const clusterSql = (extra = '') => `SELECT v.database_id, v.version::text AS version, c.summary, d.normalised->'issns' AS issns, d.id IS NOT NULL AS displayed, a.*${extra}
   FROM ill_directory_version v
   LEFT JOIN clusters c ON c.id = $1 AND c.merged_into IS NULL
   LEFT JOIN records d ON d.id = c.display_record_id AND d.deleted_at IS NULL
   LEFT JOIN LATERAL (
     SELECT l.symbol, ${LIBRARY_AVAILABILITY}
      WHERE r.cluster_id = $1 AND r.deleted_at IS NULL
      GROUP BY l.symbol) a ON true
  ORDER BY a.symbol`;

function clusterOf(rows: ClusterRow[]): ClusterForSourcing {
  const first = rows[0]!;
  return {
    directory: { databaseId: first.database_id, version: first.version },
    cluster: first.displayed && first.summary ? { summary: first.summary, issns: first.issns ?? [] } : undefined,
    libraries: rows.filter((r) => r.symbol !== null).map((r) => ({
      symbol: r.symbol!, copies: Number(r.copies), available: Number(r.available), onLoan: Number(r.on_loan), inTransit: Number(r.in_transit),
      referenceOnly: Number(r.reference_only), nextDue: r.next_due,
    })),
  };
}

export const sourcingStore = {
  /**
   * What placing a request reads of the catalogue, in one statement ({@link clusterSql}): the
   * directory look-ups after it come from the cache of the directory's version (directory.ts).
   */
  async clusterForSourcing(db: Queryable, clusterId: number): Promise<ClusterForSourcing> {
    const { rows } = await db.query<ClusterRow>(prepared(clusterSql()), [clusterId]);
    return clusterOf(rows);
  },

  /**
   * {@link clusterForSourcing} with what eligibility reads of the reader — their requests and
   * their standing in the borrowing library — in one statement where there were three (issue 5,
   * session 13). The reader's part comes with one row only (the statement has one row per
   * lending library).
   */
  async clusterAndReader(db: Queryable, clusterId: number, readerId: number, library: string): Promise<ClusterForSourcing & { reader: ReaderForPlacing }> {
    const { rows } = await db.query<ClusterRow & { reader: unknown }>(
      prepared(clusterSql(`, CASE WHEN row_number() OVER () = 1 THEN ${readerForPlacingSql('$2::bigint', '$3::text')} END AS reader`)),
      [clusterId, readerId, library],
    );
    return { ...clusterOf(rows), reader: readerOf(rows.find((r) => r.reader !== null)!.reader, readerId, library) };
  },

  /** What eligibility reads of the reader, for a request typed without a cluster: one statement where there were two. */
  async readerForPlacing(db: Queryable, readerId: number, library: string): Promise<ReaderForPlacing> {
    const { rows } = await db.query<{ reader: unknown }>(prepared(`SELECT ${readerForPlacingSql('$1::bigint', '$2::text')} AS reader`), [readerId, library]);
    return readerOf(rows[0]!.reader, readerId, library);
  },
};
