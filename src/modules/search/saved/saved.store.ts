import type { Queryable } from '../../../platform/db/index.js';

/** A reader's saved search as stored. */
export interface SavedSearch {
  id: number;
  name: string;
  query: string;
  createdAt: Date;
  updatedAt: Date;
}

interface Row {
  id: string | number;
  name: string;
  query: string;
  created_at: Date | string;
  updated_at: Date | string;
}

const COLUMNS = 'id, name, query, created_at, updated_at';
const toSaved = (r: Row): SavedSearch => ({ id: Number(r.id), name: r.name, query: r.query, createdAt: new Date(r.created_at), updatedAt: new Date(r.updated_at) });

/** SQL of saved searches (table `saved_searches`, migration 0023); every statement is scoped to the owner. */
export const savedSearchStore = {
  async list(db: Queryable, userId: number): Promise<SavedSearch[]> {
    const { rows } = await db.query<Row>(`SELECT ${COLUMNS} FROM saved_searches WHERE user_id = $1 ORDER BY created_at DESC, id DESC`, [userId]);
    return rows.map(toSaved);
  },

  /** Serialises one account's creations, so that the limit holds under concurrent saves. */
  async lockOwner(db: Queryable, userId: number): Promise<void> {
    await db.query(`SELECT pg_advisory_xact_lock(hashtext('saved_searches'), $1::int)`, [userId]);
  },

  async count(db: Queryable, userId: number): Promise<number> {
    const { rows } = await db.query<{ n: string | number }>('SELECT count(*) AS n FROM saved_searches WHERE user_id = $1', [userId]);
    return Number(rows[0]?.n ?? 0);
  },

  async byQuery(db: Queryable, userId: number, query: string): Promise<SavedSearch | undefined> {
    const { rows } = await db.query<Row>(`SELECT ${COLUMNS} FROM saved_searches WHERE user_id = $1 AND query = $2`, [userId, query]);
    return rows[0] && toSaved(rows[0]);
  },

  async insert(db: Queryable, userId: number, name: string, query: string): Promise<SavedSearch> {
    const { rows } = await db.query<Row>(`INSERT INTO saved_searches (user_id, name, query) VALUES ($1, $2, $3) RETURNING ${COLUMNS}`, [userId, name, query]);
    return toSaved(rows[0]!);
  },

  async rename(db: Queryable, userId: number, id: number, name: string): Promise<SavedSearch | undefined> {
    const { rows } = await db.query<Row>(
      `UPDATE saved_searches SET name = $3, updated_at = CASE WHEN name = $3 THEN updated_at ELSE now() END WHERE id = $1 AND user_id = $2 RETURNING ${COLUMNS}`,
      [id, userId, name],
    );
    return rows[0] && toSaved(rows[0]);
  },

  async remove(db: Queryable, userId: number, id: number): Promise<boolean> {
    const { rows } = await db.query<{ id: string }>('DELETE FROM saved_searches WHERE id = $1 AND user_id = $2 RETURNING id', [id, userId]);
    return rows.length > 0;
  },

  /** For the reader's data download: their saved searches, oldest first. */
  async exportFor(db: Queryable, userId: number): Promise<{ name: string; query: string; createdAt: Date; updatedAt: Date }[]> {
    const { rows } = await db.query<Row>(`SELECT ${COLUMNS} FROM saved_searches WHERE user_id = $1 ORDER BY id`, [userId]);
    return rows.map(({ name, query, created_at, updated_at }) => ({ name, query, createdAt: new Date(created_at), updatedAt: new Date(updated_at) }));
  },

  /** The saved searches of accounts identity has anonymised: nothing of theirs is kept. */
  async removeOfAnonymised(db: Queryable): Promise<number> {
    const { rows } = await db.query<{ id: string }>(
      'DELETE FROM saved_searches s USING users u WHERE u.id = s.user_id AND u.anonymised_at IS NOT NULL RETURNING s.id',
    );
    return rows.length;
  },
};
