import pg from 'pg';
import type { Db, Queryable, QueryResult, SessionSettings } from './types.js';
import { DatabaseError } from './database-error.js';
import { preparedName } from './prepared.js';

// int8 (count(*), bigserial) as a JavaScript number, as PGlite returns it: ids stay far below 2^53.
pg.types.setTypeParser(20, (v) => Number(v));

/** A PostgreSQL server through a node-postgres pool. */
export class PostgresDb implements Db {
  readonly kind = 'postgres' as const;
  private readonly pool: pg.Pool;
  private readonly derived: PostgresDb[] = [];
  private readonly listeners: pg.Client[] = [];
  private closed = false;

  constructor(private readonly url: string, poolSize = 10, settings?: SessionSettings) {
    this.pool = new pg.Pool({ connectionString: url, max: poolSize, application_name: 'anylib', options: settings ? sessionOptions(settings) : undefined });
    // An idle client that loses its server must not crash the process; the next query reconnects.
    this.pool.on('error', () => undefined);
  }

  /**
   * A pool of its own on the same server whose sessions start with these settings: for statements
   * that need them without a transaction around each to `SET LOCAL` them (a search's timeout and
   * planner settings — three round trips fewer a search). Closed with this one.
   */
  withSettings(settings: SessionSettings, poolSize: number): PostgresDb {
    const db = new PostgresDb(this.url, poolSize, settings);
    this.derived.push(db);
    return db;
  }

  query<R>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<R>> {
    return run<R>(this.pool, sql, params);
  }

  async exec(sql: string): Promise<void> {
    await run(this.pool, sql, []);
  }

  /**
   * BEGIN goes out with the transaction's first statement (one round trip, not two: see
   * {@link BeginThen}) and, when the caller knows its last, COMMIT with that one
   * ({@link ThenCommit}); a transaction that sends nothing sends no BEGIN or COMMIT either.
   */
  async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let begun = false;
    let committed = false;
    const send = <R>(sql: string, params: readonly unknown[], then: 'commit' | undefined) => {
      if (committed) return Promise.reject(new Error('a statement sent after its transaction committed'));
      if (begun) return run<R>(client, sql, params, then);
      // A transaction of one statement is that statement on its own: it commits itself.
      if (then === 'commit') return run<R>(client, sql, params);
      begun = true;
      return run<R>(client, sql, params, 'begin');
    };
    const tx: Queryable = {
      query: (sql, params = []) => send(sql, params, undefined),
      exec: async (sql) => void (await send(sql, [], undefined)),
      queryAndCommit: async (sql, params = []) => {
        const r = await send<never>(sql, params, 'commit');
        committed = true;
        begun = false;
        return r;
      },
    };
    try {
      const result = await fn(tx);
      if (begun) await client.query('COMMIT');
      return result;
    } catch (err) {
      // A failed statement sent with COMMIT left the block aborted (the COMMIT was skipped); a
      // failed COMMIT ended it already, and ROLLBACK then only warns.
      if (begun) await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  listen(channel: string, on: { notified(): void; listening(up: boolean): void }): void {
    if (!/^[a-z_]+$/.test(channel)) throw new Error(`channel ${channel} is not a plain name`);
    const open = async (): Promise<void> => {
      if (this.closed) return;
      const client = new pg.Client({ connectionString: this.url, application_name: 'anylib-listen' });
      let lost = false;
      const lose = () => {
        if (lost) return;
        lost = true;
        this.listeners.splice(this.listeners.indexOf(client) >>> 0, 1);
        client.end().catch(() => undefined);
        if (this.closed) return;
        on.listening(false);
        setTimeout(() => void open(), 1000).unref();
      };
      client.on('error', lose);
      client.on('end', lose);
      client.on('notification', (n) => {
        if (n.channel === channel) on.notified();
      });
      this.listeners.push(client);
      try {
        await client.connect();
        // Listening alone does not keep a process alive (a command that forgot close() still ends).
        streamOf(client)?.unref?.();
        await client.query(`LISTEN ${channel}`);
      } catch {
        lose();
        return;
      }
      if (!lost && !this.closed) on.listening(true);
    };
    void open();
  }

  async close(): Promise<void> {
    this.closed = true;
    // A listening connection's socket is unref'd: held again while it closes, or a process whose
    // last await is this close() would find its loop empty and exit (code 13) before it ends.
    await Promise.all([...this.listeners.splice(0).map((c) => (streamOf(c)?.ref?.(), c.end().catch(() => undefined))), ...this.derived.splice(0).map((d) => d.close()), this.pool.end()]);
  }
}

/** A client's socket (not in node-postgres' types), to unref and ref it. */
function streamOf(client: pg.Client): { ref?(): void; unref?(): void } | undefined {
  return (client as unknown as { connection?: { stream?: { ref?(): void; unref?(): void } } }).connection?.stream;
}

/** The startup packet's `options`: only plain names and values, so nothing needs escaping. */
function sessionOptions(settings: SessionSettings): string {
  return Object.entries(settings).map(([name, value]) => {
    if (!/^[a-z_.]+$/.test(name) || !/^[\w.]+$/.test(value)) throw new Error(`session setting ${name}=${value} is not a plain name and value`);
    return `-c ${name}=${value}`;
  }).join(' ');
}

async function run<R>(on: pg.Pool | pg.PoolClient, sql: string, params: readonly unknown[], with_?: 'begin' | 'commit'): Promise<QueryResult<R>> {
  try {
    // A statement marked prepared() is parsed and planned once per connection (a named statement).
    const name = params.length ? preparedName(sql) : undefined;
    const r = with_
      ? await sendWith(with_ === 'begin' ? BeginThen : ThenCommit, on as pg.PoolClient, sql, params, name)
      : name ? await on.query({ name, text: sql, values: params as unknown[] }) : params.length ? await on.query(sql, params as unknown[]) : await on.query(sql);
    // A multi-statement script answers with one result per statement (so do BEGIN and COMMIT sent
    // with a statement): the caller takes the last, or the one before COMMIT.
    const results = Array.isArray(r) ? r : [r];
    const last = results[results.length - (with_ === 'commit' && results.length > 1 ? 2 : 1)];
    return { rows: (last?.rows ?? []) as R[], rowCount: last?.rowCount ?? 0 };
  } catch (err) {
    const e = err as pg.DatabaseError;
    if (e && typeof e.code === 'string') throw new DatabaseError(e.message, e.code, e.detail, e.constraint);
    throw err;
  }
}

/** What node-postgres' Query does with the connection (not in its types). */
interface Wire {
  parse(m: { text: string }): void;
  bind(m: object): void;
  execute(m: object): void;
  sync(): void;
  parsedStatements: Record<string, string>;
}
const QueryBase = pg.Query as unknown as new (config: pg.QueryConfig, values: undefined, callback: (err: Error | null, r: pg.QueryResult | pg.QueryResult[]) => void) => {
  text: string; name?: string; portal: string; prepare(c: Wire): void; handleError(err: Error, c: Wire): void; hasBeenParsed(c: Wire): boolean;
  _getRows(c: Wire, rows: number | undefined): void;
};

/**
 * A transaction's first statement with BEGIN in front of it, in the same round trip. node-postgres
 * sends one query at a time and waits for its answer, so BEGIN on its own costs a round trip (and a
 * wake-up of the server's backend and of this process) per transaction. With parameters the
 * statement goes by the extended protocol: BEGIN is parsed, bound and executed in front of it,
 * before the one Sync — the open transaction block outlives the Sync. Without parameters, the
 * two go as one simple query (`BEGIN; …`), which leaves the block open too. Either way the answer
 * is BEGIN's result and the statement's; the caller takes the last.
 */
class BeginThen extends QueryBase {
  /** For statement counters (bench/ill): this statement opens a transaction. */
  readonly begins = true;
  private parsedBefore = true;

  override prepare(connection: Wire): void {
    this.parsedBefore = !this.name || this.hasBeenParsed(connection);
    connection.parse({ text: 'BEGIN' });
    connection.bind({});
    connection.execute({});
    super.prepare(connection);
  }

  /** BEGIN's ParseComplete marked a new named statement parsed: a statement that failed must be parsed again next time. */
  override handleError(err: Error, connection: Wire): void {
    if (!this.parsedBefore && this.name) delete connection.parsedStatements[this.name];
    super.handleError(err, connection);
  }
}

/**
 * A transaction's last statement with COMMIT after it, in the same round trip. With parameters,
 * COMMIT is parsed, bound and executed after the statement and before the one Sync: when the
 * statement fails, the server skips everything up to the Sync — the COMMIT with it — and the
 * block stays open, aborted, for the ROLLBACK that follows. Without parameters the two go as one
 * simple query (`…; COMMIT`), where an error skips the rest of the string just the same. The
 * answer is the statement's result and COMMIT's; the caller takes the statement's.
 */
class ThenCommit extends QueryBase {
  /** For statement counters (bench/ill): this statement ends its transaction. */
  readonly commits = true;

  override _getRows(connection: Wire, rows: number | undefined): void {
    if (rows) return super._getRows(connection, rows);
    connection.execute({ portal: this.portal });
    connection.parse({ text: 'COMMIT' });
    connection.bind({});
    connection.execute({});
    connection.sync();
  }
}

function sendWith(
  kind: typeof BeginThen | typeof ThenCommit, client: pg.PoolClient, sql: string, params: readonly unknown[], name: string | undefined,
): Promise<pg.QueryResult | pg.QueryResult[]> {
  return new Promise((resolve, reject) => {
    const text = kind === BeginThen ? `BEGIN; ${sql}` : `${sql}; COMMIT`;
    const config = params.length ? { text: sql, values: params as unknown[], ...(name ? { name } : {}) } : { text };
    void client.query(new kind(config, undefined, (err, r) => (err ? reject(err) : resolve(r))) as unknown as pg.QueryConfig);
  });
}
