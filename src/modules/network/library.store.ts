import type { Queryable } from '../../platform/db/index.js';
import type { LibraryDoc, MemberRole } from './domain/document.js';
import type { ProvinceCode } from './domain/provinces.js';
import { withoutUndefined } from './domain/same.js';

/** A library as stored, with the alliances it belongs to. */
export interface LibraryRecord {
  id: number;
  doc: LibraryDoc;
  memberships: { alliance: string; allianceName: { zh: string; en: string }; role: MemberRole; joined?: string }[];
}

interface LibraryRow {
  id: number;
  symbol: string;
  name_zh: string;
  name_en: string;
  type: LibraryDoc['type'];
  province: ProvinceCode;
  city_zh: string | null;
  city_en: string | null;
  lat: number | null;
  lon: number | null;
  fte: number | null;
  contacts: LibraryDoc['contacts'] | null;
  endpoints: LibraryDoc['endpoints'] | null;
  lending_policy: LibraryDoc['lendingPolicy'] | null;
  closed_days: LibraryDoc['closedDays'] | null;
  target_lend_borrow_ratio: number | null;
}

export interface LibraryFilter {
  province?: string;
  type?: string;
  alliance?: string;
  role?: string;
  q?: string;
  limit: number;
  offset: number;
}

const columns = `l.id, l.symbol, l.name_zh, l.name_en, l.type, l.province, l.city_zh, l.city_en, l.lat, l.lon, l.fte,
  l.contacts, l.endpoints, l.lending_policy, l.closed_days, l.target_lend_borrow_ratio`;

// The alliances of one library, as one json value beside its row (no second round trip); the
// function's plan is kept per connection (migrations/0002_network.sql).
const membershipsOf = 'library_memberships(l.id) AS memberships';

const json = (v: unknown) => (v === undefined ? null : JSON.stringify(v));

function params(d: LibraryDoc): unknown[] {
  return [
    d.symbol,
    d.name.zh,
    d.name.en,
    d.type,
    d.province,
    d.city?.zh ?? null,
    d.city?.en ?? null,
    d.coordinates?.lat ?? null,
    d.coordinates?.lon ?? null,
    d.fte ?? null,
    json(d.contacts),
    json(d.endpoints),
    json(d.lendingPolicy),
    json(d.closedDays),
    d.targetLendBorrowRatio ?? null,
  ];
}

/** A stored row as the entry of the network document. */
export function libraryDocOf(r: LibraryRow): LibraryDoc {
  return withoutUndefined({
    symbol: r.symbol,
    name: { zh: r.name_zh, en: r.name_en },
    type: r.type,
    province: r.province,
    city: r.city_zh !== null && r.city_en !== null ? { zh: r.city_zh, en: r.city_en } : undefined,
    coordinates: r.lat !== null && r.lon !== null ? { lat: r.lat, lon: r.lon } : undefined,
    fte: r.fte ?? undefined,
    contacts: r.contacts ?? undefined,
    endpoints: r.endpoints ?? undefined,
    lendingPolicy: r.lending_policy ?? undefined,
    closedDays: r.closed_days ?? undefined,
    targetLendBorrowRatio: r.target_lend_borrow_ratio ?? undefined,
  });
}

/** The SQL of libraries (the network module's table). */
export const libraryStore = {
  /** One library and its memberships, in one indexed query (the hot path of the directory API). */
  async bySymbol(db: Queryable, symbol: string): Promise<LibraryRecord | undefined> {
    const { rows } = await db.query<LibraryRow & { memberships: LibraryRecord['memberships'] }>(
      `SELECT ${columns}, ${membershipsOf} FROM libraries l WHERE l.symbol = $1`,
      [symbol],
    );
    const r = rows[0];
    return r && { id: r.id, doc: libraryDocOf(r), memberships: r.memberships.map((m) => withoutUndefined({ ...m, joined: m.joined ?? undefined })) };
  },

  /** Libraries by symbol, for comparing an import with what is stored. */
  async bySymbols(db: Queryable, symbols: readonly string[]): Promise<Map<string, { id: number; doc: LibraryDoc }>> {
    if (!symbols.length) return new Map();
    const { rows } = await db.query<LibraryRow>(`SELECT ${columns} FROM libraries l WHERE l.symbol = ANY($1::text[])`, [symbols]);
    return new Map(rows.map((r) => [r.symbol, { id: r.id, doc: libraryDocOf(r) }]));
  },

  /** Which of these symbols name a library. */
  async existing(db: Queryable, symbols: readonly string[]): Promise<Set<string>> {
    if (!symbols.length) return new Set();
    const { rows } = await db.query<{ symbol: string }>('SELECT symbol FROM libraries WHERE symbol = ANY($1::text[])', [symbols]);
    return new Set(rows.map((r) => r.symbol));
  },

  async allSymbols(db: Queryable): Promise<Set<string>> {
    const { rows } = await db.query<{ symbol: string }>('SELECT symbol FROM libraries');
    return new Set(rows.map((r) => r.symbol));
  },

  /** Every library in the order it was added (the export's order). */
  async all(db: Queryable): Promise<LibraryDoc[]> {
    const { rows } = await db.query<LibraryRow>(`SELECT ${columns} FROM libraries l ORDER BY l.id`);
    return rows.map(libraryDocOf);
  },

  /** A page of libraries matching the filter, and how many match in all. */
  async list(db: Queryable, f: LibraryFilter): Promise<{ items: LibraryDoc[]; total: number }> {
    const pattern = f.q ? `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
    const where = `($1::text IS NULL OR l.province = $1)
        AND ($2::text IS NULL OR l.type = $2)
        AND (($3::text IS NULL AND $4::text IS NULL) OR EXISTS (
              SELECT 1 FROM memberships m JOIN alliances a ON a.id = m.alliance_id
               WHERE m.library_id = l.id AND ($3::text IS NULL OR a.code = $3) AND ($4::text IS NULL OR m.role = $4)))
        AND ($5::text IS NULL OR (l.symbol || ' ' || l.name_zh || ' ' || l.name_en) ILIKE $5)`;
    const args = [f.province ?? null, f.type ?? null, f.alliance ?? null, f.role ?? null, pattern];
    const { rows } = await db.query<LibraryRow & { total: number }>(
      `SELECT ${columns}, count(*) OVER ()::int AS total FROM libraries l WHERE ${where} ORDER BY l.symbol LIMIT $6 OFFSET $7`,
      [...args, f.limit, f.offset],
    );
    if (rows.length || f.offset === 0) return { items: rows.map(libraryDocOf), total: rows[0]?.total ?? 0 };
    // A page past the end still says how many there are.
    const count = await db.query<{ total: number }>(`SELECT count(*)::int AS total FROM libraries l WHERE ${where}`, args);
    return { items: [], total: count.rows[0]?.total ?? 0 };
  },

  async insert(db: Queryable, d: LibraryDoc): Promise<number> {
    const { rows } = await db.query<{ id: number }>(
      `INSERT INTO libraries (symbol, name_zh, name_en, type, province, city_zh, city_en, lat, lon, fte,
                              contacts, endpoints, lending_policy, closed_days, target_lend_borrow_ratio)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb, $12::jsonb, $13::jsonb, $14::jsonb, $15) RETURNING id`,
      params(d),
    );
    return rows[0]!.id;
  },

  async update(db: Queryable, id: number, d: LibraryDoc): Promise<void> {
    await db.query(
      `UPDATE libraries SET symbol = $1, name_zh = $2, name_en = $3, type = $4, province = $5, city_zh = $6, city_en = $7,
              lat = $8, lon = $9, fte = $10, contacts = $11::jsonb, endpoints = $12::jsonb, lending_policy = $13::jsonb,
              closed_days = $14::jsonb, target_lend_borrow_ratio = $15, updated_at = now()
        WHERE id = $16`,
      [...params(d), id],
    );
  },

  async delete(db: Queryable, id: number): Promise<void> {
    await db.query('DELETE FROM libraries WHERE id = $1', [id]);
  },
};
