import type { Queryable } from '../../../platform/db/index.js';
import type { Flavour, MarcRecord } from '../domain/marc/index.js';

/*
 * Reads of member records, their versions and clusters for cooperative cataloguing. Library
 * symbols and the names of those who changed a record are joined in read-only (libraries,
 * users): the catalogue speaks of libraries by symbol.
 */

/** A member record as held. */
export interface HeldRecord {
  id: number;
  library: string;
  libraryId: number;
  localId: string;
  clusterId: number | null;
  flavour: Flavour;
  sourceFormat: string;
  version: number;
  record: MarcRecord;
  deletedAt: Date | null;
  updatedAt: Date;
}

interface RecordRow {
  id: number;
  library: string;
  library_id: number;
  local_id: string;
  cluster_id: number | null;
  flavour: Flavour;
  source_format: string;
  version: number;
  record: MarcRecord;
  deleted_at: Date | null;
  updated_at: Date;
}

const RECORD_COLUMNS = `r.id, l.symbol AS library, r.library_id, r.local_id, r.cluster_id, r.flavour, r.source_format, r.version, r.record, r.deleted_at, r.updated_at`;

const toHeld = (r: RecordRow): HeldRecord => ({
  id: r.id,
  library: r.library,
  libraryId: r.library_id,
  localId: r.local_id,
  clusterId: r.cluster_id,
  flavour: r.flavour,
  sourceFormat: r.source_format,
  version: r.version,
  record: r.record,
  deletedAt: r.deleted_at && new Date(r.deleted_at),
  updatedAt: new Date(r.updated_at),
});

/** The record (library, local id), deleted or not; undefined when there never was one. */
export async function recordByLocalId(db: Queryable, symbol: string, localId: string): Promise<HeldRecord | undefined> {
  const { rows } = await db.query<RecordRow>(
    `SELECT ${RECORD_COLUMNS} FROM records r JOIN libraries l ON l.id = r.library_id WHERE l.symbol = $1 AND r.local_id = $2`,
    [symbol, localId],
  );
  return rows[0] && toHeld(rows[0]);
}

/** Records by id (any order), with their libraries. */
export async function recordsById(db: Queryable, ids: readonly number[]): Promise<HeldRecord[]> {
  if (ids.length === 0) return [];
  const { rows } = await db.query<RecordRow>(`SELECT ${RECORD_COLUMNS} FROM records r JOIN libraries l ON l.id = r.library_id WHERE r.id = ANY($1::bigint[])`, [ids]);
  return rows.map(toHeld);
}

/** Live records of the clusters, by cluster then library and local id. */
export async function recordsOfClusters(db: Queryable, clusterIds: readonly number[]): Promise<HeldRecord[]> {
  const { rows } = await db.query<RecordRow>(
    `SELECT ${RECORD_COLUMNS} FROM records r JOIN libraries l ON l.id = r.library_id
      WHERE r.cluster_id = ANY($1::bigint[]) AND r.deleted_at IS NULL ORDER BY r.cluster_id, l.symbol, r.local_id`,
    [clusterIds],
  );
  return rows.map(toHeld);
}

/** One page of a library's records in the order they changed (keyset: after (updated_at, id) of the page before). */
export async function libraryRecords(
  db: Queryable,
  q: { libraryId: number; since?: Date; after?: { updatedAt: string; id: number }; includeDeleted: boolean; limit: number },
): Promise<(HeldRecord & { position: string })[]> {
  // The position carries updated_at to the microsecond (a JavaScript Date would cut it to the
  // millisecond and the next page would start with the last record again).
  const { rows } = await db.query<RecordRow & { position: string }>(
    `SELECT ${RECORD_COLUMNS}, r.updated_at::text AS position FROM records r JOIN libraries l ON l.id = r.library_id
      WHERE r.library_id = $1
        AND ($2::timestamptz IS NULL OR r.updated_at >= $2)
        AND ($3::timestamptz IS NULL OR (r.updated_at, r.id) > ($3, $4::bigint))
        AND ($5 OR r.deleted_at IS NULL)
      ORDER BY r.updated_at, r.id
      LIMIT $6`,
    [q.libraryId, q.since ?? null, q.after?.updatedAt ?? null, q.after?.id ?? null, q.includeDeleted, q.limit],
  );
  return rows.map((r) => ({ ...toHeld(r), position: r.position }));
}

/** One version of a record, as history keeps it. */
export interface RecordVersion {
  version: number;
  record: MarcRecord;
  changedAt: Date;
  changedBy: { id: number; name: string } | null;
  via: string;
  note: string | null;
}

interface VersionRow {
  version: number;
  record: MarcRecord;
  changed_at: Date;
  changed_by: number | null;
  changed_by_name: string | null;
  changed_via: string;
  note: string | null;
}

const toVersion = (r: VersionRow): RecordVersion => ({
  version: r.version,
  record: r.record,
  changedAt: new Date(r.changed_at),
  changedBy: r.changed_by === null ? null : { id: r.changed_by, name: r.changed_by_name ?? '' },
  via: r.changed_via,
  note: r.note,
});

/**
 * The versions of a record (or only version `only`), newest first: the current one from the
 * record itself, the earlier ones from record_versions.
 */
export async function versionsOf(db: Queryable, recordId: number, only?: number): Promise<RecordVersion[]> {
  const { rows } = await db.query<VersionRow>(
    `SELECT v.version, v.record, v.changed_at, v.changed_by, coalesce(nullif(u.display_name, ''), u.email) AS changed_by_name, v.changed_via, v.note
       FROM (SELECT id AS record_id, version, record, updated_at AS changed_at, changed_by, coalesce(changed_via, 'import') AS changed_via, NULL::text AS note
               FROM records WHERE id = $1
             UNION ALL
             SELECT record_id, version, record, changed_at, changed_by, changed_via, note
               FROM record_versions WHERE record_id = $1 AND version < (SELECT version FROM records WHERE id = $1)) v
       LEFT JOIN users u ON u.id = v.changed_by
      WHERE $2::int IS NULL OR v.version = $2
      ORDER BY v.version DESC`,
    [recordId, only ?? null],
  );
  return rows.map(toVersion);
}

export interface ClusterRow {
  id: number;
  displayRecordId: number | null;
  workKey: string | null;
  summary: Record<string, unknown>;
  recordCount: number;
  holdingCount: number;
  mergedInto: number | null;
  updatedAt: Date;
}

/** A cluster by id, merged or not. */
export async function clusterById(db: Queryable, id: number): Promise<ClusterRow | undefined> {
  const { rows } = await db.query<{
    id: number;
    display_record_id: number | null;
    work_key: string | null;
    summary: Record<string, unknown>;
    record_count: number;
    holding_count: number;
    merged_into: number | null;
    updated_at: Date;
  }>(`SELECT id, display_record_id, work_key, summary, record_count, holding_count, merged_into, updated_at FROM clusters WHERE id = $1`, [id]);
  const r = rows[0];
  return (
    r && {
      id: r.id,
      displayRecordId: r.display_record_id,
      workKey: r.work_key,
      summary: r.summary,
      recordCount: r.record_count,
      holdingCount: r.holding_count,
      mergedInto: r.merged_into,
      updatedAt: new Date(r.updated_at),
    }
  );
}
