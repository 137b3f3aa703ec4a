import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { memoryDatabase, migrate, type Db } from '../../src/platform/db/index.js';
import { PostgresDb } from '../../src/platform/db/postgres-db.js';

/**
 * A fresh, migrated database for one test file: embedded PGlite in memory, or — when
 * DATABASE_URL is set (CI's second run) — a new database on that server, dropped afterwards.
 */
export async function testDatabase(): Promise<Db> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const db = memoryDatabase();
    await migrate(db);
    return db;
  }
  const name = `anylib_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(url, `CREATE DATABASE ${name}`);
  const dbUrl = new URL(url);
  dbUrl.pathname = `/${name}`;
  const db = new PostgresDb(dbUrl.toString(), 5);
  await migrate(db);
  const close = db.close.bind(db);
  db.close = async () => {
    await close();
    await adminQuery(url, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  };
  return db;
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
