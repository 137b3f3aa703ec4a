import type { Queryable } from '../../platform/db/index.js';
import type { AgreementDoc, Party } from './domain/document.js';
import { withoutUndefined } from './domain/same.js';

interface AgreementRow {
  id: number;
  code: string;
  name_zh: string;
  name_en: string;
  fees_waived: boolean;
  fees: AgreementDoc['fees'] | null;
  subsidy_rate: number | null;
  turnaround_days: number | null;
  valid_from: string;
  valid_to: string | null;
  parties: { library: string | null; alliance: string | null }[];
}

export interface AgreementFilter {
  library?: string;
  alliance?: string;
  limit: number;
  offset: number;
}

const selectAgreements = (extra = '') => `SELECT g.id, g.code, g.name_zh, g.name_en, g.fees_waived, g.fees, g.subsidy_rate, g.turnaround_days,
       to_char(g.valid_from, 'YYYY-MM-DD') AS valid_from, to_char(g.valid_to, 'YYYY-MM-DD') AS valid_to,
       coalesce((SELECT json_agg(json_build_object('library', l.symbol, 'alliance', a.code) ORDER BY p.position)
                   FROM agreement_parties p LEFT JOIN libraries l ON l.id = p.library_id LEFT JOIN alliances a ON a.id = p.alliance_id
                  WHERE p.agreement_id = g.id), '[]'::json) AS parties ${extra}
  FROM agreements g`;
const select = selectAgreements();

function docOf(r: AgreementRow): AgreementDoc {
  return withoutUndefined({
    code: r.code,
    name: { zh: r.name_zh, en: r.name_en },
    parties: r.parties.map((p): Party => (p.library !== null ? { library: p.library } : { alliance: p.alliance! })),
    feesWaived: r.fees_waived,
    fees: r.fees ?? undefined,
    subsidyRate: r.subsidy_rate ?? undefined,
    turnaroundDays: r.turnaround_days ?? undefined,
    validFrom: r.valid_from,
    validTo: r.valid_to ?? undefined,
  });
}

function params(g: AgreementDoc): unknown[] {
  return [
    g.code,
    g.name.zh,
    g.name.en,
    g.feesWaived ?? false,
    g.fees === undefined ? null : JSON.stringify(g.fees),
    g.subsidyRate ?? null,
    g.turnaroundDays ?? null,
    g.validFrom,
    g.validTo ?? null,
  ];
}

/** The SQL of agreements and their parties (the network module's tables). */
export const agreementStore = {
  async byCode(db: Queryable, code: string): Promise<{ id: number; doc: AgreementDoc } | undefined> {
    const { rows } = await db.query<AgreementRow>(`${select} WHERE g.code = $1`, [code]);
    return rows[0] && { id: rows[0].id, doc: docOf(rows[0]) };
  },

  async byCodes(db: Queryable, codes: readonly string[]): Promise<Map<string, { id: number; doc: AgreementDoc }>> {
    if (!codes.length) return new Map();
    const { rows } = await db.query<AgreementRow>(`${select} WHERE g.code = ANY($1::text[])`, [codes]);
    return new Map(rows.map((r) => [r.code, { id: r.id, doc: docOf(r) }]));
  },

  async byIds(db: Queryable, ids: readonly number[]): Promise<AgreementDoc[]> {
    if (!ids.length) return [];
    const { rows } = await db.query<AgreementRow>(`${select} WHERE g.id = ANY($1::bigint[]) ORDER BY g.id`, [ids]);
    return rows.map(docOf);
  },

  async all(db: Queryable): Promise<AgreementDoc[]> {
    const { rows } = await db.query<AgreementRow>(`${select} ORDER BY g.id`);
    return rows.map(docOf);
  },

  /** Agreements a library or an alliance is a party to (directly). */
  async list(db: Queryable, f: AgreementFilter): Promise<{ items: AgreementDoc[]; total: number }> {
    const where = `($1::text IS NULL OR EXISTS (SELECT 1 FROM agreement_parties p JOIN libraries l ON l.id = p.library_id WHERE p.agreement_id = g.id AND l.symbol = $1))
       AND ($2::text IS NULL OR EXISTS (SELECT 1 FROM agreement_parties p JOIN alliances a ON a.id = p.alliance_id WHERE p.agreement_id = g.id AND a.code = $2))`;
    const args = [f.library ?? null, f.alliance ?? null];
    const { rows } = await db.query<AgreementRow & { total: number }>(
      `${selectAgreements(', count(*) OVER ()::int AS total')} WHERE ${where} ORDER BY g.code LIMIT $3 OFFSET $4`,
      [...args, f.limit, f.offset],
    );
    if (rows.length || f.offset === 0) return { items: rows.map(docOf), total: rows[0]?.total ?? 0 };
    const count = await db.query<{ total: number }>(`SELECT count(*)::int AS total FROM agreements g WHERE ${where}`, args);
    return { items: [], total: count.rows[0]?.total ?? 0 };
  },

  /**
   * For each agreement that covers one of the libraries, which of its parties cover which library:
   * the library itself, or an alliance it belongs to or one above that alliance in the hierarchy
   * (a JALIS member is covered by CALIS's agreements through CALIS-EAST-NORTH).
   */
  async coverage(db: Queryable, symbols: readonly string[]): Promise<{ agreementId: number; party: number; symbol: string }[]> {
    const { rows } = await db.query<{ agreement_id: number; party: number; symbol: string }>(
      `WITH RECURSIVE belongs (library_id, alliance_id) AS (
         SELECT m.library_id, m.alliance_id FROM memberships m JOIN libraries l ON l.id = m.library_id WHERE l.symbol = ANY($1::text[])
         UNION
         SELECT b.library_id, a.parent_id FROM belongs b JOIN alliances a ON a.id = b.alliance_id WHERE a.parent_id IS NOT NULL
       )
       SELECT p.agreement_id, p.position AS party, l.symbol
         FROM agreement_parties p JOIN libraries l ON l.id = p.library_id WHERE l.symbol = ANY($1::text[])
       UNION
       SELECT p.agreement_id, p.position, l.symbol
         FROM agreement_parties p JOIN belongs b ON b.alliance_id = p.alliance_id JOIN libraries l ON l.id = b.library_id`,
      [symbols],
    );
    return rows.map((r) => ({ agreementId: r.agreement_id, party: r.party, symbol: r.symbol }));
  },

  async insert(db: Queryable, g: AgreementDoc): Promise<number> {
    const { rows } = await db.query<{ id: number }>(
      `INSERT INTO agreements (code, name_zh, name_en, fees_waived, fees, subsidy_rate, turnaround_days, valid_from, valid_to)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8::date, $9::date) RETURNING id`,
      params(g),
    );
    const id = rows[0]!.id;
    await replaceParties(db, id, g.parties);
    return id;
  },

  async update(db: Queryable, id: number, g: AgreementDoc): Promise<void> {
    await db.query(
      `UPDATE agreements SET code = $1, name_zh = $2, name_en = $3, fees_waived = $4, fees = $5::jsonb, subsidy_rate = $6,
              turnaround_days = $7, valid_from = $8::date, valid_to = $9::date, updated_at = now()
        WHERE id = $10`,
      [...params(g), id],
    );
    await replaceParties(db, id, g.parties);
  },

  async delete(db: Queryable, id: number): Promise<void> {
    await db.query('DELETE FROM agreements WHERE id = $1', [id]);
  },
};

async function replaceParties(db: Queryable, agreementId: number, parties: readonly Party[]): Promise<void> {
  await db.query('DELETE FROM agreement_parties WHERE agreement_id = $1', [agreementId]);
  await db.query(
    `INSERT INTO agreement_parties (agreement_id, library_id, alliance_id, position)
     SELECT $1, l.id, a.id, x.position
       FROM jsonb_to_recordset($2::jsonb) AS x(library text, alliance text, position int)
       LEFT JOIN libraries l ON l.symbol = x.library
       LEFT JOIN alliances a ON a.code = x.alliance`,
    [agreementId, JSON.stringify(parties.map((p, position) => ({ ...p, position })))],
  );
}
