/**
 * A step's save as its transaction's last statement, committed with it on a PostgreSQL server
 * (`Queryable.queryAndCommit`: one round trip where the save and the COMMIT were two). A version
 * that does not match must then fail the statement — a save that merely wrote no row would let
 * the COMMIT behind it commit the rest of the action (its history entry among it) — so the
 * statement calls `ill_changed_meanwhile(id)` (migration 0043), which raises SQLSTATE IL409 with
 * the row's id, and the caller is told which row it was, as it was told by no row before: it
 * throws ILL_CHANGED_MEANWHILE (409), and the transaction ends rolled back. On PGlite the same
 * statement goes by `query`, and the commit follows when the action ends.
 */
import { isSqlState, queryLast, type Queryable } from '../../../platform/db/index.js';
import { savedOf, type Saved, type SavedRow } from './rows.js';

/** The version check's miss, raised by `ill_changed_meanwhile`. */
const CHANGED_MEANWHILE = 'IL409';

/**
 * The answer of a save whose CTEs are `ev` (the entry) and `u` (the row, returning `updated_at`
 * and `events_json`): one row always, and the statement fails when `u` wrote none ($1: its id).
 * A SELECT without FROM evaluates its one row's every column, so the check cannot be skipped.
 */
export const lastAnswer = `SELECT (SELECT id FROM ev) AS event_id, (SELECT updated_at FROM u) AS updated_at, (SELECT events_json FROM u) AS events_json,
     CASE WHEN EXISTS (SELECT 1 FROM u) THEN true ELSE ill_changed_meanwhile($1) END AS matched`;

/** The rows of the transaction's last statement, or the id of the row whose version did not match. */
export async function lastStatement<R>(tx: Queryable, sql: string, params: unknown[]): Promise<{ rows: R[] } | { changed: number }> {
  try {
    const { rows } = await queryLast<R>(tx, sql, params);
    return { rows };
  } catch (err) {
    if (isSqlState(err, CHANGED_MEANWHILE)) return { changed: Number(err.detail) };
    throw err;
  }
}

/** A save ({@link lastAnswer}) as the last statement: undefined when its version did not match. */
export async function commitLast(tx: Queryable, sql: string, params: unknown[]): Promise<Saved | undefined> {
  const r = await lastStatement<SavedRow>(tx, sql, params);
  return 'rows' in r ? savedOf(r.rows[0]) : undefined;
}
