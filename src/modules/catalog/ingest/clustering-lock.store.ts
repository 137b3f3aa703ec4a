/**
 * The clustering lock and what goes with it (docs/import.md, "Clustering"): the transaction's
 * settings for bulk writes, the clustering generation that the lock's holders move on, and the
 * clustering log that tells a batch what changed since it made its plan.
 */
import { prepared, queryLast, type Queryable } from '../../../platform/db/index.js';

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
