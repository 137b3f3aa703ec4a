/**
 * The SQL of clustering's writes: ids for new rows, staff decisions, new clusters, the keys each
 * cluster is filed under, and the refresh of a cluster's counts, display record and summary.
 * Every statement works on a whole batch at once. The lock, generation and log are in
 * clustering-lock.store.ts; candidate clusters and their representatives in representatives.store.ts.
 */
import { prepared, type Queryable } from '../../../platform/db/index.js';
import type { Flavour, MarcRecord } from '../domain/marc/index.js';
import { storedMatchSummary, workKey } from '../domain/match/index.js';
import type { NormalisedRecord } from '../domain/normalise/index.js';
import type { Decision } from './assign.js';
import { summarise } from './summary.js';

/** Numbers from a sequence, `n` at once, so that rows can be written with their ids known. */
export async function allocateIds(tx: Queryable, sequence: 'clusters_id_seq' | 'records_id_seq' | 'holdings_id_seq', n: number): Promise<number[]> {
  if (n === 0) return [];
  const { rows } = await tx.query<{ id: number }>(prepared(`SELECT nextval('${sequence}') AS id FROM generate_series(1, $1)`), [n]);
  return rows.map((r) => Number(r.id));
}

/** Staff decisions in force that name any of `recordIds`, and the current cluster of every record they name. */
export async function decisionsFor(tx: Queryable, recordIds: number[]): Promise<{ decisions: Decision[]; clusterOf: Map<number, number> }> {
  const clusterOf = new Map<number, number>();
  if (recordIds.length === 0) return { decisions: [], clusterOf };
  const { rows } = await tx.query<{ kind: 'merge' | 'split'; record_ids: (number | string)[] }>(
    prepared('SELECT kind, record_ids FROM cluster_decisions WHERE revoked_at IS NULL AND record_ids && $1::bigint[] ORDER BY id'),
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

/** A cluster made by a batch, written whole (its members are the batch's records). */
export interface NewCluster {
  id: number;
  displayRecordId: number;
  /** The summary (`ClusterSummary`) as JSON text. */
  summaryJson: string;
  workKey: string | null;
  /** What `decide` compares of the display record (stored form, JSON text). */
  matchJson: string;
  recordCount: number;
  holdingCount: number;
}

/**
 * Writes clusters made by a batch with what they show, in the statement that makes them, and
 * notes them for the search index: one row each, where an empty row refreshed later was two
 * writes (and a dead row) per cluster. Their display records are written later in the same
 * transaction: migration 0008 checks that reference at commit.
 */
export async function insertNewClusters(tx: Queryable, clusters: NewCluster[]): Promise<void> {
  if (clusters.length === 0) return;
  await tx.query(
    prepared(`WITH made AS (
       INSERT INTO clusters (id, display_record_id, summary, work_key, match, record_count, holding_count)
       SELECT u.id, u.display_record_id, u.summary, u.work_key, u.match, u.record_count, u.holding_count
         FROM jsonb_to_recordset($1::jsonb) AS u(id bigint, display_record_id bigint, summary jsonb, work_key text, match jsonb, record_count int, holding_count int)
       RETURNING id)
     INSERT INTO cluster_changes (cluster_id) SELECT id FROM made ON CONFLICT (cluster_id) DO NOTHING`),
    [`[${clusters.map((c) => `{"id":${c.id},"display_record_id":${c.displayRecordId},"summary":${c.summaryJson},"work_key":${JSON.stringify(c.workKey)},"match":${c.matchJson},"record_count":${c.recordCount},"holding_count":${c.holdingCount}}`).join(',')}]`],
  );
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
    prepared('INSERT INTO cluster_keys (key, cluster_id) SELECT * FROM unnest($1::text[], $2::bigint[]) ON CONFLICT DO NOTHING'),
    [pairs.map((p) => p.key), pairs.map((p) => p.cluster)],
  );
}

/** What the display order looks at. */
export interface MemberRank {
  id: number;
  encoding_rank: number;
  completeness: number;
  source_priority: number;
}

interface MemberRow extends MemberRank {
  cluster_id: number;
  library_id: number;
}

/** What a record written in this transaction would show as its cluster's display record: no need to read it back. */
export interface KnownRecord {
  /** Its `ClusterSummary` as JSON text. */
  summaryJson: string;
  workKey: string | null;
  /** What `decide` compares of it (stored form, JSON text). */
  matchJson: string;
}

/**
 * The order of `rankForDisplay` (domain/match/display.ts) — encoding level, then the library's
 * source priority, then completeness, then id — on the ranks stored with each record at write
 * time, so choosing needs no record documents.
 */
export const better = (x: MemberRank, y: MemberRank): number =>
  x.encoding_rank - y.encoding_rank || y.source_priority - x.source_priority || y.completeness - x.completeness || String(x.id).localeCompare(String(y.id));

/**
 * Recomputes what a cluster shows after its members changed: record and holding counts, the
 * display record (with each library's source priority), the summary for lists and the work key.
 * A cluster left with no live member is kept, empty. `known` are records written in this
 * transaction, by id; `changed` the ids whose content changed (their summary is redone even
 * when they stay the display record).
 */
export async function refreshClusters(tx: Queryable, ids: number[], known: Map<number, KnownRecord> = new Map()): Promise<void> {
  if (ids.length === 0) return;
  const { rows } = await tx.query<MemberRow & { current: number | null }>(
    prepared(`SELECT r.id, r.cluster_id, r.library_id, r.encoding_rank, r.completeness, coalesce(p.source_priority, 0) AS source_priority
       FROM records r LEFT JOIN catalog_profiles p ON p.library_id = r.library_id
      WHERE r.cluster_id = ANY($1::bigint[]) AND r.deleted_at IS NULL`),
    [ids],
  );
  const current = await tx.query<{ id: number; display_record_id: number | null }>(prepared('SELECT id, display_record_id FROM clusters WHERE id = ANY($1::bigint[])'), [ids]);
  const displayNow = new Map(current.rows.map((r) => [Number(r.id), r.display_record_id === null ? null : Number(r.display_record_id)]));
  const members = new Map<number, MemberRow[]>();
  for (const r of rows) {
    const m = { ...r, id: Number(r.id), cluster_id: Number(r.cluster_id), library_id: Number(r.library_id), source_priority: Number(r.source_priority) };
    const list = members.get(m.cluster_id);
    if (list) list.push(m);
    else members.set(m.cluster_id, [m]);
  }
  const chosen = ids.map((id) => {
    const list = members.get(id) ?? [];
    const best = list.length > 0 ? list.reduce((a, b) => (better(a, b) <= 0 ? a : b)) : null;
    return { id, list, display: best?.id ?? null };
  });
  // Summaries are redone where the display record changed or was itself rewritten now.
  const toRead = chosen.filter((c) => c.display !== null && !known.has(c.display) && displayNow.get(c.id) !== c.display).map((c) => c.display!);
  const read = new Map<number, KnownRecord>(known);
  if (toRead.length > 0) {
    const res = await tx.query<{ id: number; record: MarcRecord; flavour: Flavour; normalised: NormalisedRecord }>(
      'SELECT id, record, flavour, normalised FROM records WHERE id = ANY($1::bigint[])',
      [toRead],
    );
    for (const r of res.rows) {
      read.set(Number(r.id), {
        summaryJson: JSON.stringify(summarise(r.record, r.flavour, r.normalised)), workKey: workKey(r.normalised), matchJson: JSON.stringify(storedMatchSummary(r.normalised)),
      });
    }
  }
  const updates = chosen.map(({ id, list, display }) => {
    const doc = display === null ? null : display !== displayNow.get(id) || known.has(display) ? read.get(display)! : null;
    return {
      id,
      display_record_id: display,
      keep: display !== null && doc === null,
      summary: doc ? (JSON.parse(doc.summaryJson) as unknown) : {},
      work_key: doc ? doc.workKey : null,
      match: doc ? (JSON.parse(doc.matchJson) as unknown) : null,
      record_count: list.length,
      holding_count: new Set(list.map((m) => m.library_id)).size,
    };
  });
  await tx.query(
    prepared(`UPDATE clusters c SET display_record_id = u.display_record_id,
            summary = CASE WHEN u.keep THEN c.summary ELSE u.summary END, work_key = CASE WHEN u.keep THEN c.work_key ELSE u.work_key END,
            match = CASE WHEN u.keep THEN c.match ELSE u.match END,
            record_count = u.record_count, holding_count = u.holding_count, updated_at = now()
       FROM jsonb_to_recordset($1::jsonb) AS u(id bigint, display_record_id bigint, keep boolean, summary jsonb, work_key text, match jsonb, record_count int, holding_count int)
      WHERE c.id = u.id`),
    [JSON.stringify(updates)],
  );
  await noteClusterChanges(tx, ids);
}

/** Tells the search index these clusters changed (table `cluster_changes`, read by the search module). */
export async function noteClusterChanges(tx: Queryable, ids: readonly number[]): Promise<void> {
  if (ids.length === 0) return;
  await tx.query(prepared('INSERT INTO cluster_changes (cluster_id) SELECT unnest($1::bigint[]) ON CONFLICT (cluster_id) DO NOTHING'), [ids]);
}

/**
 * Marks the pages of `cluster_keys` filed since the last vacuum all-visible (key-upkeep.ts).
 * Outside any transaction (VACUUM refuses one); SKIP_LOCKED: where autovacuum is at the table
 * already, that does the same.
 */
export async function vacuumClusterKeys(db: Queryable): Promise<void> {
  await db.query('VACUUM (SKIP_LOCKED) cluster_keys');
}
