import { Worker } from 'node:worker_threads';
import { AsyncLocalStorage } from 'node:async_hooks';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Db, Queryable, QueryResult } from './types.js';
import type { WorkerReply, WorkerRequest } from './pglite-worker.js';
import { DatabaseError } from './database-error.js';
import { Mutex } from './mutex.js';

/** The transaction the current async call chain runs in, to catch work that goes around it. */
const inTransaction = new AsyncLocalStorage<{ db: PgliteDb; open: boolean }>();

type Pending = { resolve: (r: QueryResult<never>) => void; reject: (e: Error) => void };
type Request = WorkerRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

/**
 * Embedded PostgreSQL (PGlite) in a worker thread. PGlite has one connection, so statements
 * are serialised here; a transaction holds the connection from BEGIN to COMMIT.
 */
export class PgliteDb implements Db {
  readonly kind = 'pglite' as const;
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private readonly connection = new Mutex();
  private nextId = 1;
  private closed = false;

  /** @param dataDir a folder for the database files, or undefined for a database in memory */
  constructor(dataDir: string | undefined) {
    this.worker = new Worker(workerFile(), { workerData: { dataDir } });
    this.worker.on('message', (reply: WorkerReply) => this.settle(reply));
    this.worker.on('error', (err) => this.failAll(err));
    this.worker.on('exit', (code) => this.failAll(new Error(`the database thread stopped (exit code ${code})`)));
  }

  query<R>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<R>> {
    return this.whenFree(() => this.send<R>({ op: 'query', sql, params: [...params] }));
  }

  exec(sql: string): Promise<void> {
    return this.whenFree(async () => {
      await this.send({ op: 'exec', sql });
    });
  }

  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    return this.whenFree(async () => {
      const tx: Queryable = {
        query: (sql, params = []) => this.send({ op: 'query', sql, params: [...params] }),
        exec: async (sql) => void (await this.send({ op: 'exec', sql })),
      };
      await this.send({ op: 'query', sql: 'BEGIN', params: [] });
      const scope = { db: this, open: true };
      try {
        const result = await inTransaction.run(scope, () => fn(tx));
        await this.send({ op: 'query', sql: 'COMMIT', params: [] });
        return result;
      } catch (err) {
        await this.send({ op: 'query', sql: 'ROLLBACK', params: [] }).catch(() => undefined);
        throw err;
      } finally {
        scope.open = false;
      }
    });
  }

  /**
   * Runs `work` once the one connection is free. Called from inside a transaction of this same
   * database (`db.query` where `tx.query` was meant), it would wait for that transaction, which
   * waits for it: refused at once instead. On a PostgreSQL server the same mistake would quietly
   * run outside the transaction, so the error points at a bug on both backends.
   */
  private whenFree<T>(work: () => Promise<T>): Promise<T> {
    const scope = inTransaction.getStore();
    if (scope?.open && scope.db === this) {
      return Promise.reject(new Error('A query was sent to the database inside a transaction of that database: use the transaction (tx) instead.'));
    }
    return this.connection.run(work);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    try {
      await this.connection.run(() => this.send({ op: 'close' }));
    } finally {
      // Also when PGlite never opened (a damaged data directory): a live worker would keep the process from exiting.
      this.closed = true;
      await this.worker.terminate();
    }
  }

  private send<R>(req: Request): Promise<QueryResult<R>> {
    if (this.closed) return Promise.reject(new Error('the database is closed'));
    const id = this.nextId++;
    return new Promise<QueryResult<R>>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as Pending['resolve'], reject });
      this.worker.postMessage({ ...req, id });
    });
  }

  private settle(reply: WorkerReply): void {
    const p = this.pending.get(reply.id);
    if (!p) return;
    this.pending.delete(reply.id);
    if (reply.ok) p.resolve({ rows: reply.rows as never[], rowCount: reply.rowCount });
    else p.reject(new DatabaseError(reply.error.message, reply.error.code, reply.error.detail, reply.error.constraint));
  }

  private failAll(err: Error): void {
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
    this.closed = true;
  }
}

/** The compiled worker in dist/, or the TypeScript source when running under tsx or Vitest. */
function workerFile(): URL {
  const js = new URL('./pglite-worker.js', import.meta.url);
  return existsSync(fileURLToPath(js)) ? js : new URL('./pglite-worker-dev.mjs', import.meta.url);
}
