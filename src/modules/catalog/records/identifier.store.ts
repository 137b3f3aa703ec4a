import type { Queryable } from '../../../platform/db/index.js';
import { readIsbn } from '../domain/normalise/isbn.js';

/**
 * The clusters a standard number names, through the match keys of their live member records
 * (cluster_keys): how a request from another deployment, which knows no cluster id of ours,
 * finds the work here. An unreadable ISBN names none.
 */
export async function clustersByIsbn(db: Queryable, raw: string, limit = 5): Promise<number[]> {
  const read = readIsbn(raw);
  if (!read.ok) return [];
  const { rows } = await db.query<{ cluster_id: string }>('SELECT cluster_id FROM cluster_keys WHERE key = $1 ORDER BY cluster_id LIMIT $2', [
    `isbn:${read.isbn.isbn13}`, limit,
  ]);
  return rows.map((r) => Number(r.cluster_id));
}
