/** SQL of pull slips: the lending requests of one library with what a slip shows. */
import type { Queryable } from '../../../platform/db/index.js';

export interface SlipRow {
  supplyId: number;
  requestId: number;
  state: string;
  clusterId: number | null;
  title: string;
  author: string | null;
  service: string;
  articleTitle: string | null;
  pages: string | null;
  volume: string | null;
  issue: string | null;
  neededBy: string | null;
  pickupLocation: string | null;
  borrowingSymbol: string;
  borrowingNameZh: string;
  borrowingNameEn: string;
}

const day = (v: unknown): string | null => (v === null || v === undefined ? null : typeof v === 'string' ? v.slice(0, 10) : new Date(v as Date).toISOString().slice(0, 10));

export const slipsStore = {
  /**
   * The library's lending requests by id (those of another library are left out: the caller
   * names them), or when no ids are given those waiting for their pull slip, by needed-by date.
   */
  async slips(db: Queryable, lendingLibraryId: number, ids: readonly number[] | undefined, limit: number): Promise<SlipRow[]> {
    const { rows } = await db.query(
      `SELECT s.id AS supply_id, s.state, r.id AS request_id, r.cluster_id, r.title, r.author, r.service, r.article_title, r.pages, r.volume, r.issue,
              r.needed_by, r.pickup_location, b.symbol, b.name_zh, b.name_en
         FROM ill_supplies s JOIN ill_requests r ON r.id = s.request_id JOIN libraries b ON b.id = r.borrowing_library_id
        WHERE s.lending_library_id = $1 AND ${ids ? 's.id = ANY($2::bigint[])' : "s.state = 'awaiting-pull-slip' AND $2::bigint[] IS NULL"}
        ORDER BY r.needed_by NULLS LAST, s.id LIMIT $3`,
      [lendingLibraryId, ids ? ids.map(String) : null, limit],
    );
    return rows.map((r) => ({
      supplyId: Number(r.supply_id), requestId: Number(r.request_id), state: r.state as string, clusterId: r.cluster_id === null ? null : Number(r.cluster_id),
      title: r.title as string, author: (r.author as string | null) ?? null, service: r.service as string, articleTitle: (r.article_title as string | null) ?? null,
      pages: (r.pages as string | null) ?? null, volume: (r.volume as string | null) ?? null, issue: (r.issue as string | null) ?? null, neededBy: day(r.needed_by),
      pickupLocation: (r.pickup_location as string | null) ?? null, borrowingSymbol: r.symbol as string, borrowingNameZh: r.name_zh as string, borrowingNameEn: r.name_en as string,
    }));
  },
};
