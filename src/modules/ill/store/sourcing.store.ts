/** What placing a request reads of the catalogue for its rota (sourcing.ts). */
import { prepared, type Queryable } from '../../../platform/db/index.js';
import { LIBRARY_AVAILABILITY, type ClusterSummary, type LibraryAvailability } from '../../catalog/index.js';
import type { DirectoryVersion } from '../directory.js';

/** A cluster as sourcing reads it (illStore.clusterForSourcing). */
export interface ClusterForSourcing {
  directory: DirectoryVersion;
  /** Undefined when there is no such live cluster with a display record. */
  cluster: { summary: ClusterSummary; issns: string[] } | undefined;
  libraries: LibraryAvailability[];
}

export const sourcingStore = {
  /**
   * What placing a request reads of the catalogue, in one statement: the cluster's citation (its
   * summary and the display record's ISSNs, as the catalogue's clustersForIndex gives them), its
   * copies library by library with live availability (the catalogue's availabilityOfClusters,
   * the same counts), and the directory's version — the directory look-ups after it come from the
   * cache of that version (directory.ts).
   */
  async clusterForSourcing(db: Queryable, clusterId: number): Promise<ClusterForSourcing> {
    const { rows } = await db.query<{
      database_id: string; version: string; summary: ClusterSummary | null; issns: string[] | null; displayed: boolean;
      symbol: string | null; copies: number; available: number; on_loan: number; in_transit: number; reference_only: number; next_due: string | null;
    }>(
      prepared(`SELECT v.database_id, v.version::text AS version, c.summary, d.normalised->'issns' AS issns, d.id IS NOT NULL AS displayed, a.*
         FROM ill_directory_version v
         LEFT JOIN clusters c ON c.id = $1 AND c.merged_into IS NULL
         LEFT JOIN records d ON d.id = c.display_record_id AND d.deleted_at IS NULL
         LEFT JOIN LATERAL (
           SELECT l.symbol, ${LIBRARY_AVAILABILITY}
            WHERE r.cluster_id = $1 AND r.deleted_at IS NULL
            GROUP BY l.symbol) a ON true
        ORDER BY a.symbol`),
      [clusterId],
    );
    const first = rows[0]!;
    return {
      directory: { databaseId: first.database_id, version: first.version },
      cluster: first.displayed && first.summary ? { summary: first.summary, issns: first.issns ?? [] } : undefined,
      libraries: rows.filter((r) => r.symbol !== null).map((r) => ({
        symbol: r.symbol!, copies: Number(r.copies), available: Number(r.available), onLoan: Number(r.on_loan), inTransit: Number(r.in_transit),
        referenceOnly: Number(r.reference_only), nextDue: r.next_due,
      })),
    };
  },
};
