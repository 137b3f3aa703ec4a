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

  async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    const tx: Queryable = {
      query: (sql, params = []) => run(client, sql, params),
      exec: async (sql) => void (await run(client, sql, [])),
    };
    try {
      await client.query('BEGIN');
      const result = await fn(tx);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.derived.splice(0).map((d) => d.close()), this.pool.end()]);
  }
}

/** The startup packet's `options`: only plain names and values, so nothing needs escaping. */
function sessionOptions(settings: SessionSettings): string {
  return Object.entries(settings).map(([name, value]) => {
    if (!/^[a-z_.]+$/.test(name) || !/^[\w.]+$/.test(value)) throw new Error(`session setting ${name}=${value} is not a plain name and value`);
    return `-c ${name}=${value}`;
  }).join(' ');
}

async function run<R>(on: pg.Pool | pg.PoolClient, sql: string, params: readonly unknown[]): Promise<QueryResult<R>> {
  try {
    // A statement marked prepared() is parsed and planned once per connection (a named statement).
    const name = params.length ? preparedName(sql) : undefined;
    const r = name ? await on.query({ name, text: sql, values: params as unknown[] }) : params.length ? await on.query(sql, params as unknown[]) : await on.query(sql);
    // A multi-statement script answers with one result per statement.
    const last = Array.isArray(r) ? r[r.length - 1] : r;
    return { rows: (last?.rows ?? []) as R[], rowCount: last?.rowCount ?? 0 };
  } catch (err) {
    const e = err as pg.DatabaseError;
    if (e && typeof e.code === 'string') throw new DatabaseError(e.message, e.code, e.detail, e.constraint);
    throw err;
  }
}
