/** SQL of document delivery: the scans lenders uploaded and their download links (migrations/0014_ill_delivery.sql). */
import type { Queryable } from '../../../platform/db/index.js';

export interface CopyRow {
  id: number;
  requestId: number;
  supplyId: number;
  readerId: number | null;
  borrowingLibrary: string;
  fileName: string;
  originalName: string | null;
  sizeBytes: number;
  sha256: string;
  uploadedAt: string;
  linkNonce: string;
  linkDays: number;
  maxDownloads: number;
  deliveredAt: string | null;
  expiresAt: string | null;
  downloads: number;
  deletedAt: string | null;
  deletedWhy: string | null;
}

const iso = (v: unknown): string | null => (v === null || v === undefined ? null : new Date(v as string).toISOString());

function copyOf(r: Record<string, unknown>): CopyRow {
  return {
    id: Number(r.id), requestId: Number(r.request_id), supplyId: Number(r.supply_id), readerId: r.reader_id === null ? null : Number(r.reader_id),
    borrowingLibrary: r.borrowing_symbol as string, fileName: r.file_name as string, originalName: (r.original_name as string | null) ?? null,
    sizeBytes: Number(r.size_bytes), sha256: r.sha256 as string, uploadedAt: iso(r.uploaded_at)!, linkNonce: r.link_nonce as string, linkDays: Number(r.link_days),
    maxDownloads: Number(r.max_downloads), deliveredAt: iso(r.delivered_at), expiresAt: iso(r.expires_at), downloads: Number(r.downloads),
    deletedAt: iso(r.deleted_at), deletedWhy: (r.deleted_why as string | null) ?? null,
  };
}

const select = `SELECT c.*, r.reader_id, b.symbol AS borrowing_symbol
  FROM ill_copies c JOIN ill_requests r ON r.id = c.request_id JOIN libraries b ON b.id = r.borrowing_library_id`;

export const deliveryStore = {
  async copy(db: Queryable, id: number, lock = false): Promise<CopyRow | undefined> {
    const { rows } = await db.query(`${select} WHERE c.id = $1 ${lock ? 'FOR UPDATE OF c' : ''}`, [id]);
    return rows[0] ? copyOf(rows[0]) : undefined;
  },

  /** The request's scan that still has its file, if any. */
  async liveCopy(db: Queryable, requestId: number): Promise<CopyRow | undefined> {
    const { rows } = await db.query(`${select} WHERE c.request_id = $1 AND c.deleted_at IS NULL`, [requestId]);
    return rows[0] ? copyOf(rows[0]) : undefined;
  },

  /** The request's latest scan, live or not (what the reader's page shows). */
  async latestCopy(db: Queryable, requestId: number): Promise<CopyRow | undefined> {
    const { rows } = await db.query(`${select} WHERE c.request_id = $1 ORDER BY c.id DESC LIMIT 1`, [requestId]);
    return rows[0] ? copyOf(rows[0]) : undefined;
  },

  async insertCopy(
    tx: Queryable,
    c: { requestId: number; supplyId: number; fileName: string; originalName: string | null; sizeBytes: number; sha256: string; uploadedBy: number | null; linkNonce: string; linkDays: number; maxDownloads: number },
  ): Promise<number> {
    const { rows } = await tx.query<{ id: string }>(
      `INSERT INTO ill_copies (request_id, supply_id, file_name, original_name, size_bytes, sha256, uploaded_by, link_nonce, link_days, max_downloads)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10) RETURNING id`,
      [c.requestId, c.supplyId, c.fileName, c.originalName, c.sizeBytes, c.sha256, c.uploadedBy, c.linkNonce, c.linkDays, c.maxDownloads],
    );
    return Number(rows[0]!.id);
  },

  /** The file is gone: records when and why (the row stays as the record of the delivery). */
  async markDeleted(tx: Queryable, id: number, why: 'expired' | 'downloads-used' | 'replaced' | 'request-closed'): Promise<void> {
    await tx.query('UPDATE ill_copies SET deleted_at = now(), deleted_why = $2 WHERE id = $1 AND deleted_at IS NULL', [id, why]);
  },

  /** Handed to the reader: the link works from `at` for the copy's number of days. Once only. */
  async deliver(tx: Queryable, requestId: number, at: string): Promise<CopyRow | undefined> {
    const { rows } = await tx.query<{ id: string }>(
      `UPDATE ill_copies SET delivered_at = $2, expires_at = $2::timestamptz + make_interval(days => link_days)
        WHERE request_id = $1 AND deleted_at IS NULL AND delivered_at IS NULL RETURNING id`,
      [requestId, at],
    );
    return rows[0] ? this.copy(tx, Number(rows[0].id)) : undefined;
  },

  /** Counts one download if the link still allows it; the count after it, or undefined. */
  async countDownload(tx: Queryable, id: number, now: string): Promise<number | undefined> {
    const { rows } = await tx.query<{ downloads: number }>(
      `UPDATE ill_copies SET downloads = downloads + 1
        WHERE id = $1 AND deleted_at IS NULL AND delivered_at IS NOT NULL AND expires_at > $2 AND downloads < max_downloads RETURNING downloads`,
      [id, now],
    );
    return rows[0] ? Number(rows[0].downloads) : undefined;
  },

  /**
   * Scans whose file is no longer wanted: the link expired, the downloads are used up, or the
   * lending side ended without delivering it (cancelled, unfilled).
   */
  async spent(db: Queryable, now: string, limit: number): Promise<{ id: number; fileName: string; why: 'expired' | 'downloads-used' | 'request-closed' }[]> {
    const { rows } = await db.query<{ id: string; file_name: string; why: 'expired' | 'downloads-used' | 'request-closed' }>(
      `SELECT c.id, c.file_name,
              CASE WHEN c.downloads >= c.max_downloads THEN 'downloads-used' WHEN c.expires_at <= $1 THEN 'expired' ELSE 'request-closed' END AS why
         FROM ill_copies c JOIN ill_supplies s ON s.id = c.supply_id
        WHERE c.deleted_at IS NULL
          AND (c.expires_at <= $1 OR c.downloads >= c.max_downloads OR (c.delivered_at IS NULL AND s.state IN ('cancelled', 'unfilled')))
        ORDER BY c.id LIMIT $2`,
      [now, limit],
    );
    return rows.map((r) => ({ id: Number(r.id), fileName: r.file_name, why: r.why }));
  },
};
