/**
 * The SQL of a batch's candidate clusters: the clusters filed under its match keys, and their
 * representatives (what `decide` compares of each display record) and sizes. Every statement
 * works on a whole batch at once.
 */
import { prepared, type Queryable } from '../../../platform/db/index.js';
import { matchSummaryFrom, matchSummaryOf, type MatchSummary } from '../domain/match/index.js';
import type { NormalisedRecord } from '../domain/normalise/index.js';
import type { StoredCluster } from './assign.js';
import { RepresentativeCache } from './representative-cache.js';

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
