import type { Queryable } from '../../../platform/db/index.js';

/** A staff decision on clusters (catalog.md: merge = these records together; split = the first apart from the others). */
export interface ClusterDecision {
  id: number;
  kind: 'merge' | 'split';
  recordIds: number[];
  reason: string;
  decidedBy: { id: number; name: string } | null;
  decidedAt: Date;
  revokedAt: Date | null;
}

interface DecisionRow {
  id: number;
  kind: 'merge' | 'split';
  record_ids: (number | string)[];
  reason: string;
  decided_by: number | null;
  decided_by_name: string | null;
  decided_at: Date;
  revoked_at: Date | null;
}

const SELECT = `SELECT d.id, d.kind, d.record_ids, d.reason, d.decided_by, coalesce(nullif(u.display_name, ''), u.email) AS decided_by_name, d.decided_at, d.revoked_at
                  FROM cluster_decisions d LEFT JOIN users u ON u.id = d.decided_by`;

const toDecision = (r: DecisionRow): ClusterDecision => ({
  id: r.id,
  kind: r.kind,
  recordIds: r.record_ids.map(Number),
  reason: r.reason,
  decidedBy: r.decided_by === null ? null : { id: r.decided_by, name: r.decided_by_name ?? '' },
  decidedAt: new Date(r.decided_at),
  revokedAt: r.revoked_at && new Date(r.revoked_at),
});

export async function insertDecision(db: Queryable, d: { kind: 'merge' | 'split'; recordIds: number[]; reason: string; userId: number | null }): Promise<number> {
  const { rows } = await db.query<{ id: number }>('INSERT INTO cluster_decisions (kind, record_ids, reason, decided_by) VALUES ($1, $2::bigint[], $3, $4) RETURNING id', [
    d.kind,
    d.recordIds,
    d.reason,
    d.userId,
  ]);
  return rows[0]!.id;
}

export async function decisionById(db: Queryable, id: number): Promise<ClusterDecision | undefined> {
  const { rows } = await db.query<DecisionRow>(`${SELECT} WHERE d.id = $1`, [id]);
  return rows[0] && toDecision(rows[0]);
}

/** Decisions touching any of the records (all, or only those in force), newest first, a page at a time. */
export async function listDecisions(db: Queryable, q: { recordIds?: number[]; includeRevoked: boolean; beforeId?: number; limit: number }): Promise<ClusterDecision[]> {
  const { rows } = await db.query<DecisionRow>(
    `${SELECT}
      WHERE ($1::bigint[] IS NULL OR d.record_ids && $1::bigint[])
        AND ($2 OR d.revoked_at IS NULL)
        AND ($3::bigint IS NULL OR d.id < $3)
      ORDER BY d.id DESC LIMIT $4`,
    [q.recordIds ?? null, q.includeRevoked, q.beforeId ?? null, q.limit],
  );
  return rows.map(toDecision);
}

export async function revokeDecision(db: Queryable, id: number): Promise<boolean> {
  const { rowCount } = await db.query('UPDATE cluster_decisions SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL', [id]);
  return rowCount > 0;
}

export async function deleteDecision(db: Queryable, id: number): Promise<void> {
  await db.query('DELETE FROM cluster_decisions WHERE id = $1', [id]);
}

/** Live record ids of clusters. */
export async function liveRecordIdsOf(db: Queryable, clusterIds: number[]): Promise<number[]> {
  const { rows } = await db.query<{ id: number }>('SELECT id FROM records WHERE cluster_id = ANY($1::bigint[]) AND deleted_at IS NULL ORDER BY id', [clusterIds]);
  return rows.map((r) => Number(r.id));
}
