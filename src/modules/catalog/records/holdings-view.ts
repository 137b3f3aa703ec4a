import type { Queryable } from '../../../platform/db/index.js';

/** A library's holdings of a cluster, with its items' availability, as the union record shows them. */
export interface ClusterHolding {
  library: string;
  location: string | null;
  callNumber: string | null;
  summary: string | null;
  items: { barcode: string | null; location: string | null; callNumber: string | null; status: string; dueDate: string | null }[];
}

/**
 * The holdings of the clusters, by cluster: one entry per holding of a live member record (where
 * the copies stand and their status), in library order. The counts per library come from
 * HOLDINGS' availabilityOfClusters.
 */
export async function holdingsOfClusters(db: Queryable, clusterIds: readonly number[]): Promise<Map<number, ClusterHolding[]>> {
  const out = new Map<number, ClusterHolding[]>();
  if (clusterIds.length === 0) return out;
  const { rows } = await db.query<{
    cluster_id: number;
    library: string;
    location: string | null;
    call_number: string | null;
    summary: string | null;
    items: { barcode: string | null; location: string | null; call_number: string | null; status: string; due_date: string | null }[] | null;
  }>(
    `SELECT r.cluster_id, l.symbol AS library, h.location, h.call_number, h.summary,
            (SELECT json_agg(json_build_object('barcode', i.barcode, 'location', i.location, 'call_number', i.call_number, 'status', i.status, 'due_date', i.due_date) ORDER BY i.id)
               FROM items i WHERE i.holding_id = h.id) AS items
       FROM records r
       JOIN holdings h ON h.record_id = r.id
       JOIN libraries l ON l.id = r.library_id
      WHERE r.cluster_id = ANY($1::bigint[]) AND r.deleted_at IS NULL
      ORDER BY r.cluster_id, l.symbol, h.id`,
    [clusterIds],
  );
  for (const r of rows) {
    const items = (r.items ?? []).map((i) => ({ barcode: i.barcode, location: i.location, callNumber: i.call_number, status: i.status, dueDate: i.due_date }));
    const h: ClusterHolding = { library: r.library, location: r.location, callNumber: r.call_number, summary: r.summary, items };
    const list = out.get(r.cluster_id);
    if (list) list.push(h);
    else out.set(r.cluster_id, [h]);
  }
  return out;
}
