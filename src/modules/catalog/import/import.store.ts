/** The SQL of import batches and their rejected records. */
import type { Queryable } from '../../../platform/db/index.js';
import type { Problem } from '../domain/marc/index.js';
import { addCounts, noCounts, type IngestCounts } from '../ingest/index.js';

export type BatchKind = 'upload' | 'file' | 'harvest' | 'api';
export type BatchStatus = 'running' | 'done' | 'failed' | 'cancelled';

/** Where a resumed import starts: records committed so far (their last position and the byte after it). */
export interface ImportCheckpoint {
  position?: number;
  offset?: number;
}

export interface ImportBatch {
  id: number;
  libraryId: number;
  library: string;
  jobId: number | null;
  kind: BatchKind;
  source: string;
  format: string | null;
  flavour: string | null;
  status: BatchStatus;
  checkpoint: ImportCheckpoint;
  counts: IngestCounts;
  startedBy: number | null;
  startedAt: Date;
  finishedAt: Date | null;
}

interface BatchRow {
  id: number; library_id: number; symbol: string; job_id: number | null; kind: BatchKind; source: string; format: string | null; flavour: string | null;
  status: BatchStatus; checkpoint: ImportCheckpoint; counts: IngestCounts; started_by: number | null; started_at: Date; finished_at: Date | null;
}

const toBatch = (r: BatchRow): ImportBatch => ({
  id: Number(r.id), libraryId: Number(r.library_id), library: r.symbol, jobId: r.job_id === null ? null : Number(r.job_id), kind: r.kind,
  source: r.source, format: r.format, flavour: r.flavour, status: r.status, checkpoint: r.checkpoint, counts: addCounts(noCounts(), r.counts),
  startedBy: r.started_by === null ? null : Number(r.started_by), startedAt: new Date(r.started_at), finishedAt: r.finished_at === null ? null : new Date(r.finished_at),
});

const selectBatch = `SELECT b.*, l.symbol FROM import_batches b JOIN libraries l ON l.id = b.library_id`;

export const importStore = {
  async create(tx: Queryable, b: { libraryId: number; kind: BatchKind; source: string; format?: string; flavour?: string; startedBy?: number | null }): Promise<number> {
    const { rows } = await tx.query<{ id: number }>(
      'INSERT INTO import_batches (library_id, kind, source, format, flavour, started_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id',
      [b.libraryId, b.kind, b.source, b.format ?? null, b.flavour ?? null, b.startedBy ?? null],
    );
    return Number(rows[0]!.id);
  },

  async setJob(tx: Queryable, batchId: number, jobId: number): Promise<void> {
    await tx.query('UPDATE import_batches SET job_id = $2 WHERE id = $1', [batchId, jobId]);
  },

  async get(db: Queryable, id: number): Promise<ImportBatch | undefined> {
    const { rows } = await db.query<BatchRow>(`${selectBatch} WHERE b.id = $1`, [id]);
    return rows[0] ? toBatch(rows[0]) : undefined;
  },

  /** A library's batches, newest first, a page at a time (keyset on id). */
  async list(db: Queryable, libraryId: number, limit: number, beforeId?: number): Promise<ImportBatch[]> {
    const { rows } = await db.query<BatchRow>(
      `${selectBatch} WHERE b.library_id = $1 AND ($2::bigint IS NULL OR b.id < $2) ORDER BY b.id DESC LIMIT $3`,
      [libraryId, beforeId ?? null, limit],
    );
    return rows.map(toBatch);
  },

  /** Adds a committed chunk's counts and moves the checkpoint, in the chunk's transaction. */
  async advance(tx: Queryable, batchId: number, counts: IngestCounts, checkpoint: ImportCheckpoint): Promise<void> {
    await tx.query(
      `UPDATE import_batches SET checkpoint = $3::jsonb, counts = (
         SELECT jsonb_object_agg(k, coalesce((counts->>k)::bigint, 0) + coalesce(($2::jsonb->>k)::bigint, 0))
           FROM jsonb_object_keys($2::jsonb) AS k)
        WHERE id = $1`,
      [batchId, JSON.stringify(counts), JSON.stringify(checkpoint)],
    );
  },

  async setFormat(db: Queryable, batchId: number, format: string): Promise<void> {
    await db.query('UPDATE import_batches SET format = $2 WHERE id = $1', [batchId, format]);
  },

  async finish(db: Queryable, batchId: number, status: BatchStatus): Promise<void> {
    await db.query('UPDATE import_batches SET status = $2, finished_at = now() WHERE id = $1', [batchId, status]);
  },

  /**
   * Keeps rejected records, and records stored with warnings (severity 'warning', no raw bytes:
   * the record is in the catalogue); a position kept already (a resumed run) is not doubled.
   */
  async addRejects(tx: Queryable, batchId: number, rejects: RejectRow[]): Promise<void> {
    if (rejects.length === 0) return;
    await tx.query(
      `INSERT INTO import_rejects (batch_id, position, byte_offset, local_id, problems, raw, severity)
       SELECT $1, x.position, x.byte_offset, x.local_id, x.problems, decode(x.raw, 'base64'), coalesce(x.severity, 'error')
         FROM jsonb_to_recordset($2::jsonb) AS x(position int, byte_offset bigint, local_id text, problems jsonb, raw text, severity text)
       ON CONFLICT (batch_id, position) DO NOTHING`,
      [batchId, JSON.stringify(rejects.map((r) => ({ ...r, raw: r.raw?.toString('base64') ?? null })))],
    );
  },

  async rejects(db: Queryable, batchId: number, limit: number, afterPosition = 0): Promise<StoredReject[]> {
    const { rows } = await db.query<{ position: number; byte_offset: number | null; local_id: string | null; problems: Problem[]; raw: Uint8Array | null; severity: 'error' | 'warning' }>(
      `SELECT position, byte_offset, local_id, problems, raw, severity FROM import_rejects WHERE batch_id = $1 AND position > $2 ORDER BY position LIMIT $3`,
      [batchId, afterPosition, limit],
    );
    return rows.map((r) => ({
      position: Number(r.position), byteOffset: r.byte_offset === null ? null : Number(r.byte_offset), localId: r.local_id,
      severity: r.severity, problems: r.problems, raw: r.raw === null ? null : Buffer.from(r.raw),
    }));
  },
};

export interface RejectRow {
  position: number;
  byte_offset: number | null;
  local_id: string | null;
  problems: Problem[];
  raw: Buffer | null;
  /** 'warning': the record was stored, with problems in its holdings. Default 'error' (rejected). */
  severity?: 'error' | 'warning';
}

export interface StoredReject {
  position: number;
  byteOffset: number | null;
  localId: string | null;
  /** 'error': the record was rejected; 'warning': it was stored, with the problems listed. */
  severity: 'error' | 'warning';
  problems: Problem[];
  raw: Buffer | null;
}
