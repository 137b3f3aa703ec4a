import type { Queryable } from '../../../platform/db/index.js';
import type { Flavour } from '../domain/marc/index.js';

/**
 * Clusters as OAI-PMH items (issue 4): one item per cluster, its datestamp `clusters.updated_at`
 * (refreshClusters sets it whenever records join or leave or the display record changes), listed
 * in (datestamp, id) order so that a list can go on from a keyset position carried in a
 * resumption token. A cluster with no live record left, or merged into another, is a deleted
 * item — kept and listed as such for ever (deletedRecord "persistent", §2.5.1).
 */
export interface OaiCluster {
  id: number;
  /** The exact datestamp, ISO 8601 UTC with microseconds (the keyset position; shown cut to seconds). */
  datestamp: string;
  deleted: boolean;
  /** The flavour of its display record (null when deleted). */
  flavour: Flavour | null;
  /** The libraries holding a live record in it (for the header's setSpecs). */
  libraryIds: number[];
}

export interface OaiClusterFilter {
  /** Datestamp at or after (inclusive). */
  from?: Date;
  /** Datestamp before (exclusive: the caller adds the granularity to an inclusive until). */
  before?: Date;
  /**
   * A set: clusters holding a live record of one of these libraries — or, once deleted, that ever
   * held one (the deletion then reaches the harvesters of that library's or alliance's set).
   */
  libraryIds?: readonly number[];
  /** Only clusters whose display record is of this flavour, and deleted ones (which have no metadata to disseminate). */
  flavour?: Flavour;
}

const ISO = `to_char(c.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
const DELETED = '(c.record_count = 0 OR c.merged_into IS NOT NULL)';

function where(filter: OaiClusterFilter, params: unknown[]): string[] {
  const conditions: string[] = [];
  const param = (v: unknown): string => {
    params.push(v);
    return `$${params.length}`;
  };
  if (filter.from) conditions.push(`c.updated_at >= ${param(filter.from.toISOString())}::timestamptz`);
  if (filter.before) conditions.push(`c.updated_at < ${param(filter.before.toISOString())}::timestamptz`);
  if (filter.libraryIds) {
    conditions.push(`c.id IN (SELECT r.cluster_id FROM records r WHERE r.library_id = ANY(${param(filter.libraryIds)}::bigint[]) AND r.cluster_id IS NOT NULL
                      AND (r.deleted_at IS NULL OR c.record_count = 0 OR c.merged_into IS NOT NULL))`);
  }
  if (filter.flavour) {
    conditions.push(`(${DELETED} OR EXISTS (SELECT 1 FROM records d WHERE d.id = c.display_record_id AND d.flavour = ${param(filter.flavour)}))`);
  }
  return conditions;
}

type Row = { id: string; datestamp: string; deleted: boolean; flavour: Flavour | null; library_ids: string[] | null };
const SELECT = `SELECT c.id, ${ISO} AS datestamp, ${DELETED} AS deleted,
       (SELECT d.flavour FROM records d WHERE d.id = c.display_record_id AND d.deleted_at IS NULL) AS flavour,
       ARRAY(SELECT DISTINCT r.library_id FROM records r WHERE r.cluster_id = c.id AND r.deleted_at IS NULL) AS library_ids
  FROM clusters c`;
const toCluster = (r: Row): OaiCluster => ({
  id: Number(r.id), datestamp: r.datestamp, deleted: r.deleted, flavour: r.deleted ? null : r.flavour, libraryIds: (r.library_ids ?? []).map(Number),
});

/** The next `limit` items after a keyset position, in (datestamp, id) order. */
export async function oaiClusterPage(db: Queryable, filter: OaiClusterFilter, after: { datestamp: string; id: number } | undefined, limit: number): Promise<OaiCluster[]> {
  const params: unknown[] = [];
  const conditions = where(filter, params);
  if (after) {
    params.push(after.datestamp, after.id);
    conditions.push(`(c.updated_at, c.id) > ($${params.length - 1}::timestamptz, $${params.length}::bigint)`);
  }
  params.push(limit);
  const { rows } = await db.query<Row>(
    `${SELECT} ${conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : ''} ORDER BY c.updated_at, c.id LIMIT $${params.length}`,
    params,
  );
  return rows.map(toCluster);
}

/** How many items a list has (its completeListSize when it begins). */
export async function oaiClusterCount(db: Queryable, filter: OaiClusterFilter): Promise<number> {
  const params: unknown[] = [];
  const conditions = where(filter, params);
  const { rows } = await db.query<{ n: string }>(`SELECT count(*) AS n FROM clusters c ${conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : ''}`, params);
  return Number(rows[0]?.n ?? 0);
}

/** One item by cluster id; undefined when no such cluster was ever made. */
export async function oaiCluster(db: Queryable, id: number): Promise<OaiCluster | undefined> {
  const { rows } = await db.query<Row>(`${SELECT} WHERE c.id = $1`, [id]);
  return rows[0] && toCluster(rows[0]);
}

/** The earliest datestamp of any item (Identify's earliestDatestamp); undefined when there is none. */
export async function oaiEarliestDatestamp(db: Queryable): Promise<string | undefined> {
  const { rows } = await db.query<{ datestamp: string | null }>(`SELECT ${ISO} AS datestamp FROM clusters c ORDER BY c.updated_at LIMIT 1`);
  return rows[0]?.datestamp ?? undefined;
}
