import type { QueryResult, Queryable } from './types.js';

/**
 * A transaction's last statement: sent with its COMMIT where the database can
 * (`Queryable.queryAndCommit`), else through `query`, the transaction then committing when it ends.
 */
export function queryLast<R = Record<string, unknown>>(tx: Queryable, sql: string, params?: readonly unknown[]): Promise<QueryResult<R>> {
  return tx.queryAndCommit ? tx.queryAndCommit<R>(sql, params) : tx.query<R>(sql, params);
}
