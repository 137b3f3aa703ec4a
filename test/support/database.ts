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
  const database = await emptyPostgresDatabase(url);
  const db = new PostgresDb(database.url, 5);
  await migrate(db);
  const close = db.close.bind(db);
  db.close = async () => {
    await close();
    await database.drop();
  };
  return db;
}

/**
 * A new, empty database on the PostgreSQL server of DATABASE_URL — not migrated, so a test can
 * watch Anylib migrate it. `drop()` removes it (with FORCE: a killed child may hold connections).
 */
export async function emptyPostgresDatabase(serverUrl: string = process.env.DATABASE_URL!): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `anylib_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(serverUrl, `CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
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
