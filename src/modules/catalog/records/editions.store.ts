import type { Queryable } from '../../../platform/db/index.js';
import type { Flavour, MarcRecord } from '../domain/marc/index.js';

/** A cluster of the same work as another: its list summary and its display record (for the edition statement). */
export interface EditionRow {
  id: number;
  summary: { title?: string; author?: string | null; year?: number | null; format?: string };
  holdingCount: number;
  record: MarcRecord | null;
  flavour: Flavour | null;
}

/**
 * The other clusters of a work (`clusters.work_key`, indexed by `clusters_work`): live ones only
 * (not merged away, with members), newest year first, at most `limit`.
 */
export async function clustersOfWork(db: Queryable, workKey: string, exceptId: number, limit: number): Promise<EditionRow[]> {
  const { rows } = await db.query<{ id: string | number; summary: EditionRow['summary']; holding_count: number; record: MarcRecord | null; flavour: Flavour | null }>(
    `SELECT c.id, c.summary, c.holding_count, r.record, r.flavour
       FROM clusters c LEFT JOIN records r ON r.id = c.display_record_id
      WHERE c.work_key = $1 AND c.id <> $2 AND c.merged_into IS NULL AND c.record_count > 0
      ORDER BY CASE jsonb_typeof(c.summary->'year') WHEN 'number' THEN (c.summary->>'year')::numeric END DESC NULLS LAST, c.id
      LIMIT $3`,
    [workKey, exceptId, limit],
  );
  return rows.map((r) => ({ id: Number(r.id), summary: r.summary ?? {}, holdingCount: r.holding_count, record: r.record, flavour: r.flavour }));
}
