/**
 * The SQL of clustering: candidate clusters under match keys, their representatives, staff
 * decisions, the keys each cluster is filed under, and the refresh of a cluster's counts,
 * display record and summary. Every statement works on a whole batch at once.
 */
import type { Queryable } from '../../../platform/db/index.js';
import type { Flavour, MarcRecord } from '../domain/marc/index.js';
import { chooseDisplayRecord, workKey, type ClusterMember } from '../domain/match/index.js';
import type { NormalisedRecord } from '../domain/normalise/index.js';
import type { Decision, StoredCluster } from './assign.js';
import { summarise } from './summary.js';

/**
 * One fixed key for `pg_advisory_xact_lock`: clustering is serialised across every import, so
 * two libraries sending the same book at once cannot each start a cluster for it. Held until
 * the batch's transaction ends.
 */
const CLUSTERING_LOCK = 3_0004_0001;

export async function lockClustering(tx: Queryable): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock($1)', [CLUSTERING_LOCK]);
}

/**
 * Records are large JSON documents: lz4 compresses them several times faster than the default
 * pglz, where the server has it (PostgreSQL ≥ 14 built with lz4; PGlite has not). For the
 * current transaction only.
 */
export async function fastCompression(db: Queryable, tx: Queryable): Promise<void> {
  let lz4 = hasLz4.get(db);
  if (lz4 === undefined) {
    const { rows } = await tx.query<{ lz4: boolean }>(
      `SELECT coalesce((SELECT 'lz4' = ANY(enumvals) FROM pg_settings WHERE name = 'default_toast_compression'), false) AS lz4`,
    );
    lz4 = rows[0]?.lz4 === true;
    hasLz4.set(db, lz4);
  }
  if (lz4) await tx.query(`SET LOCAL default_toast_compression = 'lz4'`);
}
const hasLz4 = new WeakMap<Queryable, boolean>();

/** Numbers from a sequence, `n` at once, so that rows can be written with their ids known. */
export async function allocateIds(tx: Queryable, sequence: 'clusters_id_seq' | 'records_id_seq' | 'holdings_id_seq', n: number): Promise<number[]> {
  if (n === 0) return [];
  const { rows } = await tx.query<{ id: number }>(`SELECT nextval('${sequence}') AS id FROM generate_series(1, $1)`, [n]);
  return rows.map((r) => Number(r.id));
}

/** The clusters filed under each of `keys`. */
export async function clustersUnderKeys(tx: Queryable, keys: string[]): Promise<Map<string, number[]>> {
  const byKey = new Map<string, number[]>();
  if (keys.length === 0) return byKey;
  const { rows } = await tx.query<{ key: string; cluster_id: number }>('SELECT key, cluster_id FROM cluster_keys WHERE key = ANY($1::text[]) ORDER BY cluster_id', [keys]);
  for (const r of rows) {
    const ids = byKey.get(r.key);
    if (ids) ids.push(Number(r.cluster_id));
    else byKey.set(r.key, [Number(r.cluster_id)]);
  }
  return byKey;
}

export interface StoredClusterRow extends StoredCluster {
  recordCount: number;
}

/** Representatives (the display record, normalised) and sizes of stored clusters. */
export async function storedClusters(tx: Queryable, ids: number[]): Promise<Map<number, StoredClusterRow>> {
  const out = new Map<number, StoredClusterRow>();
  if (ids.length === 0) return out;
  const { rows } = await tx.query<{ id: number; display_record_id: number | null; record_count: number; normalised: NormalisedRecord | null }>(
    `SELECT c.id, c.display_record_id, c.record_count, r.normalised
       FROM clusters c LEFT JOIN records r ON r.id = c.display_record_id AND r.deleted_at IS NULL
      WHERE c.id = ANY($1::bigint[])`,
    [ids],
  );
  for (const r of rows) {
    out.set(Number(r.id), {
      representative: r.normalised,
      displayRecordId: r.display_record_id === null ? null : Number(r.display_record_id),
      recordCount: Number(r.record_count),
    });
  }
  return out;
}

/** Staff decisions in force that name any of `recordIds`, and the current cluster of every record they name. */
export async function decisionsFor(tx: Queryable, recordIds: number[]): Promise<{ decisions: Decision[]; clusterOf: Map<number, number> }> {
  const clusterOf = new Map<number, number>();
  if (recordIds.length === 0) return { decisions: [], clusterOf };
  const { rows } = await tx.query<{ kind: 'merge' | 'split'; record_ids: (number | string)[] }>(
    'SELECT kind, record_ids FROM cluster_decisions WHERE revoked_at IS NULL AND record_ids && $1::bigint[] ORDER BY id',
    [recordIds],
  );
  const decisions = rows.map((r) => ({ kind: r.kind, recordIds: r.record_ids.map(Number) }));
  const named = [...new Set(decisions.flatMap((d) => d.recordIds))];
  if (named.length > 0) {
    const res = await tx.query<{ id: number; cluster_id: number }>(
      'SELECT id, cluster_id FROM records WHERE id = ANY($1::bigint[]) AND cluster_id IS NOT NULL AND deleted_at IS NULL',
      [named],
    );
    for (const r of res.rows) clusterOf.set(Number(r.id), Number(r.cluster_id));
  }
  return { decisions, clusterOf };
}

export async function insertClusters(tx: Queryable, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  await tx.query('INSERT INTO clusters (id) SELECT unnest($1::bigint[])', [ids]);
}

/**
 * Drops (key, cluster) pairs that no live member of the cluster carries any longer: a changed
 * or deleted record's old keys, unless another member has them too.
 */
export async function removeStaleKeys(tx: Queryable, pairs: { key: string; cluster: number }[]): Promise<void> {
  if (pairs.length === 0) return;
  await tx.query(
    `DELETE FROM cluster_keys ck USING unnest($1::text[], $2::bigint[]) AS p(key, cluster_id)
      WHERE ck.key = p.key AND ck.cluster_id = p.cluster_id
        AND NOT EXISTS (SELECT 1 FROM records r WHERE r.cluster_id = ck.cluster_id AND r.deleted_at IS NULL AND ck.key = ANY(r.match_keys))`,
    [pairs.map((p) => p.key), pairs.map((p) => p.cluster)],
  );
}

export async function addKeys(tx: Queryable, pairs: { key: string; cluster: number }[]): Promise<void> {
  if (pairs.length === 0) return;
  await tx.query(
    'INSERT INTO cluster_keys (key, cluster_id) SELECT * FROM unnest($1::text[], $2::bigint[]) ON CONFLICT DO NOTHING',
    [pairs.map((p) => p.key), pairs.map((p) => p.cluster)],
  );
}

interface MemberRow {
  id: number;
  cluster_id: number;
  library_id: number;
  flavour: Flavour;
  record: MarcRecord;
  normalised: NormalisedRecord;
  source_priority: number;
}

/**
 * Recomputes what a cluster shows after its members changed: record and holding counts, the
 * display record (`chooseDisplayRecord`, with each library's source priority), the summary for
 * lists and the work key. A cluster left with no live member is kept, empty.
 */
export async function refreshClusters(tx: Queryable, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  const { rows } = await tx.query<MemberRow>(
    `SELECT r.id, r.cluster_id, r.library_id, r.flavour, r.record, r.normalised, coalesce(p.source_priority, 0) AS source_priority
       FROM records r LEFT JOIN catalog_profiles p ON p.library_id = r.library_id
      WHERE r.cluster_id = ANY($1::bigint[]) AND r.deleted_at IS NULL`,
    [ids],
  );
  const members = new Map<number, MemberRow[]>();
  for (const r of rows) {
    const c = Number(r.cluster_id);
    const list = members.get(c);
    if (list) list.push(r);
    else members.set(c, [r]);
  }
  const updates = ids.map((id) => {
    const list = members.get(id) ?? [];
    const priority: Record<string, number> = {};
    const candidates: ClusterMember<number>[] = list.map((m) => {
      priority[String(m.library_id)] = Number(m.source_priority);
      return { id: Number(m.id), record: m.record, flavour: m.flavour, library: String(m.library_id) };
    });
    const best = chooseDisplayRecord(candidates, { sourcePriority: priority });
    const display = best ? list.find((m) => Number(m.id) === best.id)! : null;
    return {
      id,
      display_record_id: display ? Number(display.id) : null,
      summary: display ? summarise(display.record, display.flavour, display.normalised) : {},
      work_key: display ? workKey(display.normalised) : null,
      record_count: list.length,
      holding_count: new Set(list.map((m) => Number(m.library_id))).size,
    };
  });
  await tx.query(
    `UPDATE clusters c SET display_record_id = u.display_record_id, summary = u.summary, work_key = u.work_key,
            record_count = u.record_count, holding_count = u.holding_count, updated_at = now()
       FROM jsonb_to_recordset($1::jsonb) AS u(id bigint, display_record_id bigint, summary jsonb, work_key text, record_count int, holding_count int)
      WHERE c.id = u.id`,
    [JSON.stringify(updates)],
  );
}
