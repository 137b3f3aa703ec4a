import { readdirSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Db } from './types.js';
import { fromRoot } from '../paths.js';

/** The migrations folder at the root of the package (forward-only SQL files, `NNNN_name.sql`). */
export const migrationsDir = fromRoot('migrations');

// Any fixed number: every node starting at once waits on this lock, the first applies.
const MIGRATION_LOCK = 7_231_002;

export interface Migration {
  version: string;
  sql: string;
  checksum: string;
}

export function readMigrations(dir: string = migrationsDir): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}_[\w-]+\.sql$/.test(f))
    .sort()
    .map((f) => {
      const sql = readFileSync(path.join(dir, f), 'utf8');
      // Hashed with Unix line ends: a checkout with Windows line ends (git autocrlf) is the same migration.
      const checksum = createHash('sha256').update(sql.replace(/\r\n/g, '\n')).digest('hex');
      return { version: f.replace(/\.sql$/, ''), sql, checksum };
    });
}

/**
 * Applies the pending migrations in one transaction under an advisory lock, so two nodes
 * starting together neither race nor apply a migration twice. Returns the versions applied.
 * A migration that was applied and then edited is refused: migrations only move forward.
 */
export async function migrate(db: Db, migrations: Migration[] = readMigrations()): Promise<string[]> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const { rows } = await tx.query<{ version: string; checksum: string }>('SELECT version, checksum FROM schema_migrations');
    const applied = new Map(rows.map((r) => [r.version, r.checksum]));
    const done: string[] = [];
    for (const m of migrations) {
      const seen = applied.get(m.version);
      if (seen !== undefined) {
        if (seen !== m.checksum) throw new Error(`Migration ${m.version} was changed after it was applied; add a new migration instead.`);
        continue;
      }
      await tx.exec(m.sql);
      await tx.query('INSERT INTO schema_migrations (version, checksum) VALUES ($1, $2)', [m.version, m.checksum]);
      done.push(m.version);
    }
    return done;
  });
}

/** True when every migration of this build is applied (readiness). */
export async function isMigrated(db: Db, migrations: Migration[] = readMigrations()): Promise<boolean> {
  try {
    const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM schema_migrations WHERE version = ANY($1)', [
      migrations.map((m) => m.version),
    ]);
    return rows[0]?.n === migrations.length;
  } catch {
    return false;
  }
}
