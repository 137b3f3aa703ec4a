/** One result of a statement: its rows and how many rows it touched. */
export interface QueryResult<R> {
  rows: R[];
  rowCount: number;
}

/** Anything that runs SQL: the database itself, or a transaction in progress. */
export interface Queryable {
  query<R = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<R>>;
  /** Runs a script of several statements without parameters (migrations, seeds). */
  exec(sql: string): Promise<void>;
  /**
   * A transaction's last statement, committed with it: on a PostgreSQL server COMMIT goes out in
   * the same round trip, as BEGIN goes with the first (a transaction of this one statement sends
   * neither). Nothing may be sent through the transaction afterwards. A statement that fails
   * commits nothing — the transaction ends rolled back and the error is thrown as from `query`
   * — so a check the commit depends on must fail the statement, not merely return no rows.
   * Absent where the commit cannot go with a statement (PGlite, the database itself): use
   * `query`, and the transaction commits when it ends, as always.
   */
  queryAndCommit?<R = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<R>>;
}

/**
 * The one database interface of Anylib, over embedded PGlite and a PostgreSQL server alike.
 * Stores take a `Queryable`, so the same code runs inside or outside a transaction.
 *
 * Bound your own work: PGlite enforces no `statement_timeout` and has one connection, so one
 * long statement makes every other query of the process wait (issue 2). Keep statements small —
 * a LIMIT on every list, keyset pages, writes in batches of about a thousand rows — and in a job
 * check `ctx.stopping` between batches (`platform.vacuum-jobs` is an example). Inside
 * `transaction`, use its `tx`: on PGlite a query sent to the database itself is refused.
 */
export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * Sessions of their own that start with these settings, for statements that need them without
   * a transaction around each to `SET LOCAL` them (PostgreSQL: a second pool, closed with this
   * one). Absent where every statement shares one session (PGlite).
   */
  withSettings?(settings: SessionSettings, poolSize: number): Queryable;
  /**
   * Notifications on `channel` (LISTEN), on a connection of its own (PostgreSQL). `listening(false)`
   * when that connection is lost — notifications may be missed until `listening(true)` says it
   * listens again (it reconnects). Absent on PGlite, whose one process makes every change itself.
   */
  listen?(channel: string, on: { notified(): void; listening(up: boolean): void }): void;
  close(): Promise<void>;
}

/** Settings a session starts with, e.g. `{ statement_timeout: '10000', jit: 'off' }`. */
export type SessionSettings = Readonly<Record<string, string>>;
