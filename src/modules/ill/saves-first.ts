/**
 * A transaction that holds saves back (deferred-saves.ts, held-save.ts): any statement sent
 * through it writes what it holds first, so every later statement sees the saves as before.
 */
import type { Queryable, QueryResult } from '../../platform/db/index.js';

export abstract class SavesFirst implements Queryable {
  /** The transaction's last statement, what is held written before it (where the transaction has one). */
  readonly queryAndCommit: Queryable['queryAndCommit'];

  constructor(protected readonly tx: Queryable) {
    this.queryAndCommit = tx.queryAndCommit && (async <R,>(sql: string, params?: readonly unknown[]) => {
      await this.flush();
      return this.tx.queryAndCommit!<R>(sql, params);
    });
  }

  /** Writes what is held (nothing when nothing is). */
  abstract flush(): Promise<void>;

  async query<R = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<R>> {
    await this.flush();
    return this.tx.query<R>(sql, params);
  }

  async exec(sql: string): Promise<void> {
    await this.flush();
    await this.tx.exec(sql);
  }
}
