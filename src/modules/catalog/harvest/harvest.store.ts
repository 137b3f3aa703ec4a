import type { Queryable } from '../../../platform/db/index.js';
import type { Problem } from '../domain/marc/index.js';
import type { IngestCounts } from '../ingest/index.js';
import type { HarvestCursor } from './domain/next-request.js';
import type { Granularity } from './domain/datestamp.js';

/** What a harvest batch keeps in import_batches.checkpoint: where to go on after a crash. */
export interface HarvestCheckpoint extends HarvestCursor {
  granularity: Granularity;
  /** Identify's deletedRecord policy (`no`, `transient`, `persistent`). */
  deletedRecord?: string;
}

export interface HarvestBatch {
  id: number;
  libraryId: number;
  jobId: number | null;
  source: string;
  format: string | null;
  status: 'running' | 'done' | 'failed' | 'cancelled';
  checkpoint: Partial<HarvestCheckpoint>;
  counts: IngestCounts;
  startedBy: number | null;
}

interface BatchRow {
  id: number; library_id: number; job_id: number | null; source: string; format: string | null; status: HarvestBatch['status'];
  checkpoint: Partial<HarvestCheckpoint>; counts: IngestCounts; started_by: number | null;
}

const toBatch = (r: BatchRow): HarvestBatch => ({
  id: Number(r.id), libraryId: Number(r.library_id), jobId: r.job_id === null ? null : Number(r.job_id), source: r.source, format: r.format,
  status: r.status, checkpoint: r.checkpoint ?? {}, counts: r.counts, startedBy: r.started_by === null ? null : Number(r.started_by),
});

/** A rejected harvested record, kept for inspection like an import's. */
export interface HarvestReject {
  position: number;
  localId?: string;
  problems: Problem[];
  raw?: Buffer;
  /** `warning`: the record was stored, a problem of its holdings is kept (default `error`: rejected). */
  severity?: 'error' | 'warning';
}

/** The SQL of harvesting: its batches in import_batches, the identifier map, the libraries' harvest settings. */
export const harvestStore = {
  async createBatch(db: Queryable, b: { libraryId: number; jobId?: number; source: string; prefix: string; set?: string; startedBy?: number | null }): Promise<HarvestBatch> {
    const { rows } = await db.query<BatchRow>(
      `INSERT INTO import_batches (library_id, job_id, kind, source, format, checkpoint, started_by)
       VALUES ($1, $2, 'harvest', $3, $4, $5, $6) RETURNING *`,
      [b.libraryId, b.jobId ?? null, b.source, b.prefix, JSON.stringify(b.set ? { set: b.set } : {}), b.startedBy ?? null],
    );
    return toBatch(rows[0]!);
  },

  async batch(db: Queryable, id: number): Promise<HarvestBatch | undefined> {
    const { rows } = await db.query<BatchRow>(`SELECT * FROM import_batches WHERE id = $1 AND kind = 'harvest'`, [id]);
    return rows[0] && toBatch(rows[0]);
  },

  async batchOfJob(db: Queryable, jobId: number): Promise<HarvestBatch | undefined> {
    const { rows } = await db.query<BatchRow>(`SELECT * FROM import_batches WHERE job_id = $1 AND kind = 'harvest' ORDER BY id LIMIT 1`, [jobId]);
    return rows[0] && toBatch(rows[0]);
  },

  async attachJob(db: Queryable, batchId: number, jobId: number): Promise<void> {
    await db.query('UPDATE import_batches SET job_id = $2 WHERE id = $1', [batchId, jobId]);
  },

  /** The page's outcome: where to go on and the counts so far, in the page's own transaction. */
  async checkpoint(db: Queryable, batchId: number, checkpoint: HarvestCheckpoint, counts: IngestCounts): Promise<void> {
    await db.query('UPDATE import_batches SET checkpoint = $2, counts = $3 WHERE id = $1', [batchId, JSON.stringify(checkpoint), JSON.stringify(counts)]);
  },

  async finish(db: Queryable, batchId: number, status: 'done' | 'failed' | 'cancelled'): Promise<void> {
    await db.query('UPDATE import_batches SET status = $2, finished_at = now() WHERE id = $1', [batchId, status]);
  },

  /**
   * The latest datestamp of the library's last completed harvest of the same list (URL, prefix,
   * set): where an incremental run starts.
   */
  async previousLatest(db: Queryable, libraryId: number, source: string, prefix: string, set: string | undefined): Promise<string | undefined> {
    const { rows } = await db.query<{ latest: string }>(
      `SELECT checkpoint->>'lastDatestamp' AS latest FROM import_batches
        WHERE library_id = $1 AND kind = 'harvest' AND source = $2 AND format = $3 AND status = 'done'
          AND coalesce(checkpoint->>'set', '') = $4 AND checkpoint->>'lastDatestamp' IS NOT NULL
        ORDER BY finished_at DESC, id DESC LIMIT 1`,
      [libraryId, source, prefix, set ?? ''],
    );
    return rows[0]?.latest;
  },

  /** Unfinished batches of this list that have a job (queued or working, or given up on). */
  async unfinishedWithJob(db: Queryable, libraryId: number, source: string, prefix: string, set: string | undefined): Promise<{ id: number; jobId: number }[]> {
    const { rows } = await db.query<{ id: number; job_id: number }>(
      `SELECT id, job_id FROM import_batches
        WHERE library_id = $1 AND kind = 'harvest' AND source = $2 AND format = $3 AND status = 'running' AND job_id IS NOT NULL
          AND coalesce(checkpoint->>'set', '') = $4`,
      [libraryId, source, prefix, set ?? ''],
    );
    return rows.map((r) => ({ id: Number(r.id), jobId: Number(r.job_id) }));
  },

  /** A harvest of this list run by the command line (no job) that stopped before its end. */
  async unfinishedLocal(db: Queryable, libraryId: number, source: string, prefix: string, set: string | undefined): Promise<number | undefined> {
    const { rows } = await db.query<{ id: number }>(
      `SELECT id FROM import_batches
        WHERE library_id = $1 AND kind = 'harvest' AND source = $2 AND format = $3 AND status = 'running' AND job_id IS NULL
          AND coalesce(checkpoint->>'set', '') = $4
        ORDER BY id DESC LIMIT 1`,
      [libraryId, source, prefix, set ?? ''],
    );
    return rows[0] ? Number(rows[0].id) : undefined;
  },

  async rememberIdentifiers(db: Queryable, libraryId: number, pairs: { identifier: string; localId: string }[]): Promise<void> {
    if (pairs.length === 0) return;
    await db.query(
      `INSERT INTO harvest_identifiers (library_id, identifier, local_id)
       SELECT $1, i, l FROM unnest($2::text[], $3::text[]) AS t(i, l)
       ON CONFLICT (library_id, identifier) DO UPDATE SET local_id = excluded.local_id`,
      [libraryId, pairs.map((p) => p.identifier), pairs.map((p) => p.localId)],
    );
  },

  async localIds(db: Queryable, libraryId: number, identifiers: string[]): Promise<Map<string, string>> {
    if (identifiers.length === 0) return new Map();
    const { rows } = await db.query<{ identifier: string; local_id: string }>(
      'SELECT identifier, local_id FROM harvest_identifiers WHERE library_id = $1 AND identifier = ANY($2::text[])',
      [libraryId, identifiers],
    );
    return new Map(rows.map((r) => [r.identifier, r.local_id]));
  },

  async reject(db: Queryable, batchId: number, rejects: HarvestReject[]): Promise<void> {
    for (const r of rejects) {
      await db.query(
        `INSERT INTO import_rejects (batch_id, position, local_id, problems, raw, severity) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (batch_id, position) DO NOTHING`,
        [batchId, r.position, r.localId ?? null, JSON.stringify(r.problems), r.raw ?? null, r.severity ?? 'error'],
      );
    }
  },

  /** Libraries with harvest settings (catalog_profiles.harvest), their symbols and directory OAI-PMH endpoints. */
  async harvestedLibraries(db: Queryable): Promise<{ libraryId: number; symbol: string; settings: HarvestSettings; endpoint?: string }[]> {
    const { rows } = await db.query<{ id: number; symbol: string; harvest: HarvestSettings; endpoint: string | null }>(
      `SELECT l.id, l.symbol, p.harvest, l.endpoints->>'oaiPmh' AS endpoint
         FROM catalog_profiles p JOIN libraries l ON l.id = p.library_id
        WHERE p.harvest IS NOT NULL AND jsonb_typeof(p.harvest) = 'object' ORDER BY l.symbol`,
    );
    return rows.map((r) => ({ libraryId: Number(r.id), symbol: r.symbol, settings: r.harvest, ...(r.endpoint ? { endpoint: r.endpoint } : {}) }));
  },

  /** When the library's last harvest of any kind started (running, done or failed). */
  async lastHarvestStarted(db: Queryable, libraryId: number): Promise<Date | undefined> {
    const { rows } = await db.query<{ at: Date }>(`SELECT max(started_at) AS at FROM import_batches WHERE library_id = $1 AND kind = 'harvest'`, [libraryId]);
    return rows[0]?.at ? new Date(rows[0].at) : undefined;
  },
};

/** catalog_profiles.harvest: how and how often a library's system is harvested. */
export interface HarvestSettings {
  /** Base URL; the directory entry's `endpoints.oaiPmh` when absent. */
  url?: string;
  set?: string;
  prefix?: 'marc21' | 'oai_dc';
  /** `daily` (the default), `weekly`, or `off`. */
  schedule?: 'daily' | 'weekly' | 'off';
}
