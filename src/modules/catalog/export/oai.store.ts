import { isSqlState, type Db, type Queryable } from '../../../platform/db/index.js';

/** SQLSTATE 57014: the statement timeout stopped the query. */
const QUERY_CANCELED = '57014';
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
    // Uncorrelated, so that PostgreSQL can start from the libraries' records (index only) for a
    // small library instead of testing every cluster of the list; the live-record test is then
    // made only for the clusters found.
    const libraries = param(filter.libraryIds);
    conditions.push(`c.id IN (SELECT r.cluster_id FROM records r WHERE r.library_id = ANY(${libraries}::bigint[]) AND r.cluster_id IS NOT NULL)`);
    // Scalar subqueries, not EXISTS: under an OR, PostgreSQL would hash an EXISTS over every
    // record of the network for each page; these are two index probes per cluster reached.
    conditions.push(`(${DELETED} OR (SELECT true FROM records r WHERE r.cluster_id = c.id AND r.deleted_at IS NULL AND r.library_id = ANY(${libraries}::bigint[]) LIMIT 1))`);
  }
  if (filter.flavour) {
    conditions.push(`(${DELETED} OR (SELECT d.flavour FROM records d WHERE d.id = c.display_record_id) = ${param(filter.flavour)})`);
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

/**
 * How many items a list has (its completeListSize when it begins), or undefined when counting
 * would take longer than `timeoutMs` on the PostgreSQL server (a large alliance's set in marc21
 * tests two records of every cluster: seconds at a million): completeListSize is optional
 * (OAI-PMH §3.5), a page is not. PGlite enforces no statement_timeout; its catalogues are small.
 */
export async function oaiClusterCount(db: Db, filter: OaiClusterFilter, timeoutMs = 2000): Promise<number | undefined> {
  const params: unknown[] = [];
  const conditions = where(filter, params);
  try {
    return await db.transaction(async (tx) => {
      await tx.query(`SET LOCAL statement_timeout = ${Math.max(1, Math.floor(timeoutMs))}`);
      const { rows } = await tx.query<{ n: string }>(`SELECT count(*) AS n FROM clusters c ${conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : ''}`, params);
      return Number(rows[0]?.n ?? 0);
    });
  } catch (err) {
    if (isSqlState(err, QUERY_CANCELED)) return undefined;
    throw err;
  }
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
