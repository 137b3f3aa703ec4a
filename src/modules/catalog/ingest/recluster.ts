/**
 * `reclusterRecords`: applies staff decisions (cluster_decisions, catalog.md) to records already
 * stored — a merge brings them into one cluster, a split takes the first record out of the
 * others' cluster — and moves their holdings and keys with them.
 */
import type { Db } from '../../../platform/db/index.js';
import type { NormalisedRecord } from '../domain/normalise/index.js';
import { BatchClusterer } from './assign.js';
import { addKeys, allocateIds, decisionsFor, insertClusters, refreshClusters, removeStaleKeys } from './cluster.store.js';
import { lockClustering } from './clustering-lock.store.js';
import { clustersUnderKeys, storedClusters } from './representatives.store.js';
import { moveRecords } from './ingest.store.js';
import type { IngestActor } from './types.js';

/** Where each record ended up: its cluster before and after. */
export interface Reclustered {
  recordId: number;
  from: number | null;
  to: number;
}

/**
 * Re-checks the clusters of live records against the decisions in force. A record stays where it
 * is unless a decision moves it (`keep`, after a decision is made); with `reconsider` (after a
 * decision is revoked) every record but its cluster's display record is matched again as if it
 * had just arrived, so a revoked merge splits what clustering would not have joined and a revoked
 * split lets the record rejoin the cluster it matches. Returns the moves made.
 */
export async function reclusterRecords(db: Db, recordIds: readonly number[], _actor?: IngestActor, mode: 'keep' | 'reconsider' = 'keep'): Promise<Reclustered[]> {
  return db.transaction(async (tx) => {
    await lockClustering(tx);
    const { rows } = await tx.query<{ id: number; cluster_id: number | null; normalised: NormalisedRecord; match_keys: string[] }>(
      'SELECT id, cluster_id, normalised, match_keys FROM records WHERE id = ANY($1::bigint[]) AND deleted_at IS NULL ORDER BY id',
      [[...recordIds]],
    );
    const { decisions, clusterOf } = await decisionsFor(tx, rows.map((r) => Number(r.id)));
    const { byKey } = await clustersUnderKeys(tx, [...new Set(rows.flatMap((r) => r.match_keys))]);
    const ids = new Set<number>([...byKey.values()].flat());
    for (const r of rows) if (r.cluster_id !== null) ids.add(Number(r.cluster_id));
    const stored = await storedClusters(tx, [...ids]);
    const clusterer = new BatchClusterer(byKey, stored, decisions, clusterOf);
    // Clusters a record moved into during this pass: who is already there stays with it.
    const arrivals = new Set<number>();
    const result: Reclustered[] = rows.map((r) => {
      const from = r.cluster_id === null ? null : Number(r.cluster_id);
      const item = {
        recordId: Number(r.id), normalised: r.normalised, keys: r.match_keys, oldClusterId: from,
        aloneInOldCluster: from !== null && (stored.get(from)?.recordCount ?? 0) <= 1,
      };
      // The display record of a cluster with others in it holds the cluster; a record alone is free to join another.
      const anchors = from !== null && (arrivals.has(from) || (!item.aloneInOldCluster && stored.get(from)?.displayRecordId === Number(r.id)));
      const to = mode === 'reconsider' && !anchors ? clusterer.assign(item) : clusterer.keepUnlessForbidden(item);
      if (to !== from) arrivals.add(to);
      return { recordId: Number(r.id), from, to };
    });
    const provisional = [...clusterer.created.keys()];
    const real = await allocateIds(tx, 'clusters_id_seq', provisional.length);
    const realOf = new Map(provisional.map((p, i) => [p, real[i]!]));
    for (const m of result) if (m.to < 0) m.to = realOf.get(m.to)!;
    await insertClusters(tx, real);
    const moved = result.filter((m) => m.from !== m.to);
    await moveRecords(tx, moved.map((m) => ({ id: m.recordId, cluster: m.to })));
    const keysOf = new Map(rows.map((r) => [Number(r.id), r.match_keys]));
    await removeStaleKeys(tx, moved.flatMap((m) => (m.from === null ? [] : keysOf.get(m.recordId)!.map((key) => ({ key, cluster: m.from! })))));
    await addKeys(tx, moved.flatMap((m) => keysOf.get(m.recordId)!.map((key) => ({ key, cluster: m.to }))));
    const affected = new Set<number>();
    for (const m of moved) {
      if (m.from !== null) affected.add(m.from);
      affected.add(m.to);
    }
    await refreshClusters(tx, [...affected].sort((a, b) => a - b));
    // A cluster a merge emptied points to the one it became (for links to the old cluster).
    const into = moved.filter((m) => m.from !== null).map((m) => ({ from: m.from!, to: m.to }));
    if (into.length > 0) {
      await tx.query(
        `UPDATE clusters c SET merged_into = m.t FROM unnest($1::bigint[], $2::bigint[]) AS m(f, t)
          WHERE c.id = m.f AND c.record_count = 0`,
        [into.map((m) => m.from), into.map((m) => m.to)],
      );
    }
    return moved;
  });
}
