/**
 * The SQL of clustering: candidate clusters under match keys, their representatives, staff
 * decisions, the keys each cluster is filed under, and the refresh of a cluster's counts,
 * display record and summary. Every statement works on a whole batch at once.
 */
import { prepared, queryLast, type Queryable } from '../../../platform/db/index.js';
import type { Flavour, MarcRecord } from '../domain/marc/index.js';
import { matchSummaryFrom, matchSummaryOf, storedMatchSummary, workKey, type MatchSummary } from '../domain/match/index.js';
import type { NormalisedRecord } from '../domain/normalise/index.js';
import type { Decision, StoredCluster } from './assign.js';
import { summarise } from './summary.js';

/**
 * One fixed key for `pg_advisory_xact_lock`: clustering is serialised across every import, so
 * two libraries sending the same book at once cannot each start a cluster for it. Held until
 * the batch's transaction ends.
 */
const CLUSTERING_LOCK = 3_0004_0001;

export async function lockClustering(tx: Queryable, opts: { lz4?: boolean; bulk?: boolean } = {}): Promise<number> {
  await tx.query(prepared(`SELECT ${['pg_advisory_xact_lock($1)', ...settingsOf(opts)].join(', ')}`), [CLUSTERING_LOCK]);
  // A statement of its own, after the lock: its snapshot sees every commit of the lock's earlier holders.
  const { rows } = await tx.query<{ n: number }>(prepared('UPDATE clustering_generation SET n = n + 1 RETURNING n - 1 AS n'), []);
  return Number(rows[0]?.n ?? -1);
}

/**
 * The clustering generation (migration 0031): moved on by every holder of the clustering lock.
 * Read before a plan, and found the same under the lock, it says that nothing a plan reads
 * (clusters, their keys, their rows' versions) was committed in between.
 */
export async function clusteringGeneration(tx: Queryable): Promise<number> {
  const { rows } = await tx.query<{ n: number }>('SELECT n FROM clustering_generation');
  return Number(rows[0]?.n ?? -2);
}

/**
 * Leaves this holder's entry in the clustering log (migration 0037): the keys it filed or
 * unfiled clusters under and the clusters whose row it wrote. Entries far behind are dropped
 * in the same statement: a batch that finds one missing reads its plan's inputs whole again.
 * The batch's transaction's last statement: sent with its COMMIT where the database can.
 */
export async function noteClustering(tx: Queryable, generation: number, keys: Iterable<string>, clusters: Iterable<number>): Promise<void> {
  await queryLast(
    tx,
    prepared(`WITH gone AS (DELETE FROM clustering_log WHERE generation < $1::bigint - ${LOG_KEPT})
     INSERT INTO clustering_log (generation, keys, clusters) VALUES ($1, $2::text[], $3::bigint[])`),
    [generation, [...new Set(keys)], [...new Set(clusters)]],
  );
}
/** Generations the log keeps behind the newest: a plan is older than that only when a batch took minutes. */
const LOG_KEPT = 1_000;

/** What the holders of generations `from` … `to - 1` changed; null when one of them left no entry. */
export async function clusteringSince(tx: Queryable, from: number, to: number): Promise<{ keys: Set<string>; clusters: Set<number> } | null> {
  const { rows } = await tx.query<{ keys: string[]; clusters: (number | string)[] }>(
    prepared('SELECT keys, clusters FROM clustering_log WHERE generation >= $1 AND generation < $2'),
    [from, to],
  );
  if (rows.length !== to - from) return null;
  const keys = new Set<string>();
  const clusters = new Set<number>();
  for (const r of rows) {
    for (const k of r.keys) keys.add(k);
    for (const c of r.clusters) clusters.add(Number(c));
  }
  return { keys, clusters };
}

/**
 * The transaction's settings for writing records, without the lock: lz4 for this transaction's
 * records where the server has it (set before the records are written), and for bulk loads
 * (imports, harvests) no wait for the WAL flush at commit: a batch lost to a server crash took
 * its checkpoint with it, so the resumed run reads it again.
 */
export async function writeSettings(tx: Queryable, opts: { lz4?: boolean; bulk?: boolean }): Promise<void> {
  const settings = settingsOf(opts);
  if (settings.length > 0) await tx.query(`SELECT ${settings.join(', ')}`);
}

const settingsOf = (opts: { lz4?: boolean; bulk?: boolean }): string[] => [
  ...(opts.lz4 ? [`set_config('default_toast_compression', 'lz4', true)`] : []),
  ...(opts.bulk ? [`set_config('synchronous_commit', 'off', true)`] : []),
];

/**
 * Records are large JSON documents: lz4 compresses them several times faster than the default
 * pglz, where the server has it (PostgreSQL ≥ 14 built with lz4; PGlite has not). Asked once per database.
 */
export async function hasFastCompression(db: Queryable): Promise<boolean> {
  let lz4 = hasLz4.get(db);
  if (lz4 === undefined) {
    const { rows } = await db.query<{ lz4: boolean }>(
      `SELECT coalesce((SELECT 'lz4' = ANY(enumvals) FROM pg_settings WHERE name = 'default_toast_compression'), false) AS lz4`,
    );
    lz4 = rows[0]?.lz4 === true;
    hasLz4.set(db, lz4);
  }
  return lz4;
}
const hasLz4 = new WeakMap<Queryable, boolean>();

/** Numbers from a sequence, `n` at once, so that rows can be written with their ids known. */
export async function allocateIds(tx: Queryable, sequence: 'clusters_id_seq' | 'records_id_seq' | 'holdings_id_seq', n: number): Promise<number[]> {
  if (n === 0) return [];
  const { rows } = await tx.query<{ id: number }>(prepared(`SELECT nextval('${sequence}') AS id FROM generate_series(1, $1)`), [n]);
  return rows.map((r) => Number(r.id));
}

/**
 * Clusters looked at per key, the most recent first. A key that many clusters share (an LCCN
 * copied into every reprint, a series' OCLC number) tells little: ten of its clusters are
 * enough, and a record of the same manifestation finds its cluster through its other keys
 * too. Each candidate costs its representative, so this bounds a batch's reads.
 */
const MAX_PER_KEY = 10;

/**
 * A key filed under more clusters than this is crowded: its ten most recent clusters are fewer
 * than half of them, a lottery (at 1 M records of the benchmark's corpus an LCCN is shared by up
 * to 721 clusters, an ISSN by 661), so a record with another key does not look under it
 * (`keysLookedAt`). Found by reading one more than this of the key's clusters.
 */
const CROWDED = 20;

/** What is filed under some match keys: at most MAX_PER_KEY clusters each (oldest first), and which keys are crowded. */
export interface FiledUnderKeys {
  byKey: Map<string, number[]>;
  crowded: Set<string>;
}

/** The clusters filed under each of `keys` (at most MAX_PER_KEY each), and which of the keys are crowded. */
export async function clustersUnderKeys(tx: Queryable, keys: string[]): Promise<FiledUnderKeys> {
  const byKey = new Map<string, number[]>();
  const crowded = new Set<string>();
  if (keys.length === 0) return { byKey, crowded };
  // One row a key: its most recent clusters, newest first.
  const { rows } = await tx.query<{ key: string; ids: (number | string)[] }>(
    prepared(`SELECT k.key, ck.ids FROM unnest($1::text[]) AS k(key)
       CROSS JOIN LATERAL (SELECT array_agg(cluster_id ORDER BY cluster_id DESC) AS ids
                             FROM (SELECT cluster_id FROM cluster_keys WHERE key = k.key ORDER BY cluster_id DESC LIMIT ${CROWDED + 1}) x) ck
      WHERE ck.ids IS NOT NULL`),
    [keys],
  );
  for (const r of rows) {
    byKey.set(r.key, r.ids.slice(0, MAX_PER_KEY).map(Number).reverse());
    if (r.ids.length > CROWDED) crowded.add(r.key);
  }
  return { byKey, crowded };
}

export interface StoredClusterRow extends StoredCluster {
  recordCount: number;
  /** The row's version (`xmin`): a plan made on the same versions chooses the same. */
  stamp: string;
}

/**
 * Representatives read before, by cluster and the version of its row (`xmin`, the transaction
 * that wrote it: every refresh writes it, so a record joining or leaving, the display record
 * changing or being rewritten gives a new one): the clusters a common key brings up come back
 * batch after batch, and a cached one's summary is not sent again. Least recently used first out.
 */
export class RepresentativeCache {
  private readonly entries = new Map<number, { stamp: string; summary: MatchSummary }>();
  constructor(private readonly max = 5_000) {}

  /** The version cached for a cluster, if any (the store sends its summary only when it differs). */
  stampOf(clusterId: number): string | null {
    return this.entries.get(clusterId)?.stamp ?? null;
  }

  get(clusterId: number, stamp: string): MatchSummary | undefined {
    const e = this.entries.get(clusterId);
    if (!e || e.stamp !== stamp) return undefined;
    this.entries.delete(clusterId);
    this.entries.set(clusterId, e);
    return e.summary;
  }

  set(clusterId: number, stamp: string, summary: MatchSummary): void {
    if (this.max <= 0) return;
    this.entries.delete(clusterId);
    this.entries.set(clusterId, { stamp, summary });
    if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
  }
}

const caches = new WeakMap<object, RepresentativeCache>();
/** The cache of one database (each process keeps its own). */
export const representativeCache = (db: object): RepresentativeCache => {
  let c = caches.get(db);
  if (!c) caches.set(db, (c = new RepresentativeCache()));
  return c;
};

/**
 * Representatives (what `decide` compares of the display record: `clusters.match`, migration
 * 0046) and sizes of stored clusters, in one read of the clusters by primary key. A summary is
 * sent only where the cache does not hold the row's version. Only a cluster written before
 * migration 0046 (no summary) has its display record read from `records`: that read, for every
 * candidate not cached, was 128.6 of the database's 270 CPU-s at 1 M records (session 9).
 */
export async function storedClusters(tx: Queryable, ids: number[], cache: RepresentativeCache = new RepresentativeCache(0)): Promise<Map<number, StoredClusterRow>> {
  const out = new Map<number, StoredClusterRow>();
  if (ids.length === 0) return out;
  const { rows } = await tx.query<{ id: number; display_record_id: number | null; record_count: number; stamp: string; match: unknown }>(
    prepared(`SELECT c.id, c.display_record_id, c.record_count, c.xmin::text AS stamp,
            CASE WHEN k.cached IS DISTINCT FROM c.xmin::text THEN c.match END AS match
       FROM unnest($1::bigint[], $2::text[]) AS k(id, cached) JOIN clusters c ON c.id = k.id`),
    [ids, ids.map((id) => cache.stampOf(id))],
  );
  const missing: { cluster: number; display: number; stamp: string }[] = [];
  for (const r of rows) {
    const id = Number(r.id);
    const display = r.display_record_id === null ? null : Number(r.display_record_id);
    let representative: MatchSummary | null = null;
    if (display !== null) {
      representative = cache.get(id, r.stamp) ?? null;
      if (representative === null) {
        // Sent only when the cache lacks this version (above): kept for the batches to come.
        representative = matchSummaryFrom(r.match);
        if (representative === null) missing.push({ cluster: id, display, stamp: r.stamp });
        else cache.set(id, r.stamp, representative);
      }
    }
    out.set(id, { representative, displayRecordId: display, recordCount: Number(r.record_count), stamp: r.stamp });
  }
  if (missing.length > 0) {
    const res = await tx.query<{ id: number; normalised: NormalisedRecord }>(
      prepared('SELECT id, normalised FROM records WHERE id = ANY($1::bigint[]) AND deleted_at IS NULL'),
      [missing.map((m) => m.display)],
    );
    const byRecord = new Map(res.rows.map((r) => [Number(r.id), r.normalised]));
    for (const m of missing) {
      const n = byRecord.get(m.display);
      if (!n) continue;
      const summary = matchSummaryOf(n);
      out.get(m.cluster)!.representative = summary;
      cache.set(m.cluster, m.stamp, summary);
    }
  }
  return out;
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
