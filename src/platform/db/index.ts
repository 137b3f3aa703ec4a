import path from 'node:path';
import type { Config } from '../config.js';
import type { Db } from './types.js';
import { PgliteDb } from './pglite-db.js';
import { PostgresDb } from './postgres-db.js';
import { DataDirLock } from './data-dir-lock.js';

export type { Db, Queryable, QueryResult, SessionSettings } from './types.js';
export { DatabaseError, SqlState, isSqlState } from './database-error.js';
export { migrate, isMigrated, readMigrations } from './migrate.js';
export { prepared } from './prepared.js';
export { queryLast } from './last-statement.js';
export { DataDirLock, DataDirInUseError, readLock, type LockInfo } from './data-dir-lock.js';

export interface OpenDatabase {
  db: Db;
  /** Held while an embedded database is open; undefined on a PostgreSQL server. */
  lock: DataDirLock | undefined;
}

/**
 * Opens the configured database: the PostgreSQL server of DATABASE_URL, or embedded PGlite in
 * `<data dir>/pgdata` under the data directory's lock.
 */
export function openDatabase(config: Pick<Config, 'databaseUrl' | 'dataDir'>): OpenDatabase {
  if (config.databaseUrl) return { db: new PostgresDb(config.databaseUrl), lock: undefined };
  const lock = DataDirLock.acquire(config.dataDir);
  let db: PgliteDb;
  try {
    db = new PgliteDb(path.join(config.dataDir, 'pgdata'));
  } catch (err) {
    lock.release();
    throw err;
  }
  const close = db.close.bind(db);
  db.close = async () => {
    try {
      await close();
    } finally {
      lock.release();
    }
  };
  return { db, lock };
}

/** A throw-away embedded database in memory, for tests and tools. */
export function memoryDatabase(): Db {
  return new PgliteDb(undefined);
}
