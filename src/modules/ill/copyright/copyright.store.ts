/** SQL of copyright: rules, the ledger of copies counted, and the requests waiting for clearance (migrations/0014_ill_delivery.sql). */
import type { Queryable } from '../../../platform/db/index.js';
import type { CopyrightRule, LedgerCopy, RuleFinding } from './rules.js';

export interface RuleRow extends CopyrightRule {
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface LedgerRow {
  id: number;
  requestId: number;
  library: string;
  titleKey: string;
  journal: string;
  issn: string | null;
  publicationYear: number | null;
  countedYear: number;
  basis: 'within-limit' | 'cleared';
  reason: string | null;
  note: string | null;
  decidedBy: number | null;
  countedAt: string;
  voidedAt: string | null;
}

export interface HoldRow {
  id: number;
  requestId: number;
  library: string;
  title: string;
  articleTitle: string | null;
  readerName: string;
  findings: RuleFinding[];
  status: 'waiting' | 'approved' | 'refused' | 'withdrawn';
  reason: string | null;
  note: string | null;
  decidedBy: number | null;
  decidedAt: string | null;
  createdAt: string;
}

const iso = (v: unknown): string | null => (v === null || v === undefined ? null : new Date(v as string).toISOString());
const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

function ruleOf(r: Record<string, unknown>): RuleRow {
  return {
    id: Number(r.id), name: r.name as string, alliance: (r.alliance as string | null) ?? null, maxCopies: Number(r.max_copies), windowYears: Number(r.window_years),
    active: r.active as boolean, createdAt: iso(r.created_at)!, updatedAt: iso(r.updated_at)!,
  };
}

function holdOf(r: Record<string, unknown>): HoldRow {
  return {
    id: Number(r.id), requestId: Number(r.request_id), library: r.library as string, title: r.title as string, articleTitle: (r.article_title as string | null) ?? null,
    readerName: r.reader_name as string, findings: r.findings as RuleFinding[],
    // A hold still waiting when its request was cancelled (by the reader) was withdrawn.
    status: r.status === 'waiting' && r.request_state === 'cancelled' ? 'withdrawn' : (r.status as HoldRow['status']), reason: (r.reason as string | null) ?? null,
    note: (r.note as string | null) ?? null, decidedBy: num(r.decided_by), decidedAt: iso(r.decided_at), createdAt: iso(r.created_at)!,
  };
}

const ruleSelect = 'SELECT c.*, a.code AS alliance FROM ill_copyright_rules c LEFT JOIN alliances a ON a.id = c.alliance_id';
const holdSelect = `SELECT h.*, b.symbol AS library, r.title, r.article_title, r.reader_name, r.state AS request_state
  FROM ill_copyright_holds h JOIN ill_requests r ON r.id = h.request_id JOIN libraries b ON b.id = r.borrowing_library_id`;

export const copyrightStore = {
  async rules(db: Queryable, alliance?: string): Promise<RuleRow[]> {
    const { rows } = await db.query(`${ruleSelect} WHERE ($1::text IS NULL OR a.code = $1) ORDER BY c.id`, [alliance ?? null]);
    return rows.map(ruleOf);
  },

  async rule(db: Queryable, id: number): Promise<RuleRow | undefined> {
    const { rows } = await db.query(`${ruleSelect} WHERE c.id = $1`, [id]);
    return rows[0] ? ruleOf(rows[0]) : undefined;
  },

  /** The active rules a borrowing library asks under: the deployment's and those of its alliances. */
  async rulesFor(db: Queryable, libraryId: number): Promise<CopyrightRule[]> {
    const { rows } = await db.query(
      `${ruleSelect} WHERE c.active AND (c.alliance_id IS NULL OR c.alliance_id IN (SELECT alliance_id FROM memberships WHERE library_id = $1)) ORDER BY c.id`,
      [libraryId],
    );
    return rows.map(ruleOf);
  },

  /** Inserts a rule; undefined when the alliance named does not exist. */
  async insertRule(tx: Queryable, r: Omit<CopyrightRule, 'id'>, by: number | null): Promise<number | undefined> {
    const { rows } = await tx.query<{ id: string }>(
      `INSERT INTO ill_copyright_rules (alliance_id, name, max_copies, window_years, created_by)
       SELECT a.id, $2, $3, $4, $5 FROM (SELECT $1::text AS code) x LEFT JOIN alliances a ON a.code = x.code
        WHERE x.code IS NULL OR a.id IS NOT NULL RETURNING id`,
      [r.alliance, r.name, r.maxCopies, r.windowYears, by],
    );
    return rows[0] ? Number(rows[0].id) : undefined;
  },

  async updateRule(tx: Queryable, id: number, change: { name?: string; maxCopies?: number; windowYears?: number; active?: boolean }): Promise<void> {
    await tx.query(
      `UPDATE ill_copyright_rules SET name = coalesce($2, name), max_copies = coalesce($3, max_copies), window_years = coalesce($4, window_years),
              active = coalesce($5, active), updated_at = now() WHERE id = $1`,
      [id, change.name ?? null, change.maxCopies ?? null, change.windowYears ?? null, change.active ?? null],
    );
  },

  /**
   * Serialises the copyright check of one borrowing library until the transaction ends: two copy
   * requests placed at once cannot both take the last copy a rule allows.
   */
  async lockLibrary(tx: Queryable, libraryId: number): Promise<void> {
    await tx.query('SELECT pg_advisory_xact_lock(14001, $1::int)', [libraryId]);
  },

  /** A library's copies of one title counted in a year; a copy whose request was cancelled no longer counts. */
  async ledgerCopies(db: Queryable, libraryId: number, year: number, titleKey: string): Promise<LedgerCopy[]> {
    const { rows } = await db.query<{ title_key: string; publication_year: number | null; counted_year: number; voided: boolean }>(
      `SELECT g.title_key, g.publication_year, g.counted_year, (g.voided_at IS NOT NULL OR r.state = 'cancelled') AS voided
         FROM ill_copyright_ledger g JOIN ill_requests r ON r.id = g.request_id
        WHERE g.borrowing_library_id = $1 AND g.counted_year = $2 AND g.title_key = $3`,
      [libraryId, year, titleKey],
    );
    return rows.map((r) => ({ titleKey: r.title_key, publicationYear: num(r.publication_year), countedYear: Number(r.counted_year), voided: r.voided }));
  },

  async count(
    tx: Queryable,
    e: { requestId: number; libraryId: number; titleKey: string; journal: string; issn: string | null; publicationYear: number | null; countedYear: number; basis: LedgerRow['basis']; reason?: string; note?: string; decidedBy?: number | null },
  ): Promise<void> {
    await tx.query(
      `INSERT INTO ill_copyright_ledger (request_id, borrowing_library_id, title_key, journal, issn, publication_year, counted_year, basis, reason, note, decided_by)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11) ON CONFLICT (request_id) DO NOTHING`,
      [e.requestId, e.libraryId, e.titleKey, e.journal, e.issn, e.publicationYear, e.countedYear, e.basis, e.reason ?? null, e.note ?? null, e.decidedBy ?? null],
    );
  },

  async ledger(db: Queryable, libraryId: number, year: number): Promise<LedgerRow[]> {
    const { rows } = await db.query(
      `SELECT g.*, b.symbol AS library, CASE WHEN g.voided_at IS NULL AND r.state = 'cancelled' THEN r.updated_at ELSE g.voided_at END AS voided
         FROM ill_copyright_ledger g JOIN libraries b ON b.id = g.borrowing_library_id JOIN ill_requests r ON r.id = g.request_id
        WHERE g.borrowing_library_id = $1 AND g.counted_year = $2 ORDER BY g.title_key, g.id`,
      [libraryId, year],
    );
    return rows.map((r) => ({
      id: Number(r.id), requestId: Number(r.request_id), library: r.library as string, titleKey: r.title_key as string, journal: r.journal as string,
      issn: (r.issn as string | null) ?? null, publicationYear: num(r.publication_year), countedYear: Number(r.counted_year), basis: r.basis as LedgerRow['basis'],
      reason: (r.reason as string | null) ?? null, note: (r.note as string | null) ?? null, decidedBy: num(r.decided_by), countedAt: iso(r.counted_at)!, voidedAt: iso(r.voided),
    }));
  },

  async insertHold(tx: Queryable, requestId: number, findings: RuleFinding[]): Promise<void> {
    await tx.query('INSERT INTO ill_copyright_holds (request_id, findings) VALUES ($1, $2) ON CONFLICT (request_id) DO NOTHING', [requestId, JSON.stringify(findings)]);
  },

  async hold(db: Queryable, requestId: number): Promise<HoldRow | undefined> {
    const { rows } = await db.query(`${holdSelect} WHERE h.request_id = $1`, [requestId]);
    return rows[0] ? holdOf(rows[0]) : undefined;
  },

  async decideHold(tx: Queryable, requestId: number, d: { status: 'approved' | 'refused' | 'withdrawn'; reason: string | null; note: string | null; by: number | null }): Promise<void> {
    await tx.query(
      `UPDATE ill_copyright_holds SET status = $2, reason = $3, note = $4, decided_by = $5, decided_at = now() WHERE request_id = $1 AND status = 'waiting'`,
      [requestId, d.status, d.reason, d.note, d.by],
    );
  },

  /** The borrowing desk's requests waiting for clearance, oldest first. */
  async waiting(db: Queryable, libraryId: number, limit: number, offset: number): Promise<HoldRow[]> {
    const { rows } = await db.query(`${holdSelect} WHERE r.borrowing_library_id = $1 AND h.status = 'waiting' AND r.state = 'copyright-clearance' ORDER BY h.created_at, h.id LIMIT $2 OFFSET $3`, [
      libraryId, limit, offset,
    ]);
    return rows.map(holdOf);
  },
};
