/**
 * What the search index reads of the catalogue (issue 4): the clusters that changed since it last
 * looked, and for each cluster its display record, its members' identifiers and its holdings by
 * library. The search module owns its documents; the catalogue owns these tables.
 */
import type { Queryable } from '../../../platform/db/index.js';
import type { Flavour, MarcRecord } from '../domain/marc/index.js';
import type { NormalisedRecord } from '../domain/normalise/index.js';
import type { ClusterSummary } from '../ingest/summary.js';

export interface MemberIdentifiers {
  libraryId: number;
  localId: string;
  isbns: string[];
  issns: string[];
  /** 035 values as received ("(OCoLC)12345"), OCLC numbers and the LCCN. */
  systemNumbers: string[];
}

export interface LibraryHolding {
  libraryId: number;
  callNumbers: string[];
  /** Items the library reported, and how many of them are available now. */
  copies: number;
  available: number;
}

export interface ClusterForIndex {
  clusterId: number;
  /** Null when the cluster has no live member (all deleted, or merged into another): it leaves the index. */
  display: { record: MarcRecord; flavour: Flavour; normalised: NormalisedRecord } | null;
  summary: ClusterSummary;
  members: MemberIdentifiers[];
  holdings: LibraryHolding[];
}

/**
 * Takes up to `limit` noted changes out of `cluster_changes`, oldest first, skipping rows another
 * node is taking: call inside the transaction that rewrites their documents, so a failure puts
 * them back.
 */
export async function takeClusterChanges(tx: Queryable, limit: number): Promise<number[]> {
  const { rows } = await tx.query<{ cluster_id: string }>(
    `DELETE FROM cluster_changes WHERE cluster_id IN (
       SELECT cluster_id FROM cluster_changes ORDER BY changed_at, cluster_id LIMIT $1 FOR UPDATE SKIP LOCKED)
     RETURNING cluster_id`,
    [limit],
  );
  return rows.map((r) => Number(r.cluster_id));
}

/** How many changes wait for the index. */
export async function pendingClusterChanges(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ n: string }>('SELECT count(*) AS n FROM cluster_changes');
  return Number(rows[0]!.n);
}

/** Ids of live clusters after `afterId`, in order: the index rebuild's pages. */
export async function liveClusterIdsAfter(db: Queryable, afterId: number, limit: number): Promise<number[]> {
  const { rows } = await db.query<{ id: string }>(
    'SELECT id FROM clusters WHERE id > $1 AND display_record_id IS NOT NULL AND merged_into IS NULL ORDER BY id LIMIT $2',
    [afterId, limit],
  );
  return rows.map((r) => Number(r.id));
}

/** How many live clusters there are (the rebuild's total). */
export async function liveClusterCount(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ n: string }>('SELECT count(*) AS n FROM clusters WHERE display_record_id IS NOT NULL AND merged_into IS NULL');
  return Number(rows[0]!.n);
}

/** The clusters as the index needs them, in the order asked; unknown ids come back with no display record. */
export async function clustersForIndex(db: Queryable, ids: readonly number[]): Promise<ClusterForIndex[]> {
  if (ids.length === 0) return [];
  // One after another: a transaction is one connection, which runs one statement at a time.
  const clusters = await db.query<{ id: string; summary: ClusterSummary; record: MarcRecord | null; flavour: Flavour | null; normalised: NormalisedRecord | null }>(
      `SELECT c.id, c.summary, r.record, r.flavour, r.normalised
         FROM clusters c LEFT JOIN records r ON r.id = c.display_record_id AND r.deleted_at IS NULL
        WHERE c.id = ANY($1::bigint[]) AND c.merged_into IS NULL`,
      [ids],
    );
  const members = await db.query<{ cluster_id: string; library_id: string; local_id: string; isbns: { isbn13: string }[] | null; issns: string[] | null; system_numbers: { source: string | null; value: string }[] | null; oclc: string[] | null; lccn: string | null }>(
      `SELECT cluster_id, library_id, local_id, normalised->'isbns' AS isbns, normalised->'issns' AS issns,
              normalised->'systemNumbers' AS system_numbers, normalised->'oclcNumbers' AS oclc, normalised->>'lccn' AS lccn
         FROM records WHERE cluster_id = ANY($1::bigint[]) AND deleted_at IS NULL
        ORDER BY cluster_id, library_id, local_id`,
      [ids],
    );
  const holdings = await db.query<{ cluster_id: string; library_id: string; call_numbers: string[] | null; copies: string; available: string }>(
      `SELECT h.cluster_id, h.library_id,
              array_agg(DISTINCT coalesce(i.call_number, h.call_number)) FILTER (WHERE coalesce(i.call_number, h.call_number) IS NOT NULL) AS call_numbers,
              count(i.id) AS copies, count(i.id) FILTER (WHERE i.status = 'available') AS available
         FROM holdings h LEFT JOIN items i ON i.holding_id = h.id
        WHERE h.cluster_id = ANY($1::bigint[])
        GROUP BY h.cluster_id, h.library_id`,
      [ids],
    );
  const membersOf = new Map<number, MemberIdentifiers[]>();
  for (const m of members.rows) {
    const list = membersOf.get(Number(m.cluster_id)) ?? [];
    list.push({
      libraryId: Number(m.library_id),
      localId: m.local_id,
      isbns: (m.isbns ?? []).map((i) => i.isbn13),
      issns: m.issns ?? [],
      systemNumbers: [
        ...(m.system_numbers ?? []).map((s) => (s.source ? `(${s.source})${s.value}` : s.value)),
        ...(m.oclc ?? []),
        ...(m.lccn ? [m.lccn] : []),
      ],
    });
    membersOf.set(Number(m.cluster_id), list);
  }
  const holdingsOf = new Map<number, LibraryHolding[]>();
  for (const h of holdings.rows) {
    const list = holdingsOf.get(Number(h.cluster_id)) ?? [];
    list.push({ libraryId: Number(h.library_id), callNumbers: h.call_numbers ?? [], copies: Number(h.copies), available: Number(h.available) });
    holdingsOf.set(Number(h.cluster_id), list);
  }
  const found = new Map(clusters.rows.map((c) => [Number(c.id), c]));
  return ids.map((id) => {
    const c = found.get(id);
    const live = c && c.record && c.flavour && c.normalised && (membersOf.get(id)?.length ?? 0) > 0;
    return {
      clusterId: id,
      display: live ? { record: c.record!, flavour: c.flavour!, normalised: c.normalised! } : null,
      summary: c?.summary ?? ({} as ClusterSummary),
      members: membersOf.get(id) ?? [],
      holdings: holdingsOf.get(id) ?? [],
    };
  });
}
