import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyPostgresDatabase } from '../../../test/platform/support/postgres.js';
import { PostgresDb } from './postgres-db.js';
import { isMigrated, migrate, readMigrations } from './migrate.js';

/** Two nodes starting together on one PostgreSQL server (issue 2): the advisory lock lets one migrate, the other wait. */
describe('migrations racing on a PostgreSQL server', () => {
  let database: Awaited<ReturnType<typeof emptyPostgresDatabase>>;
  let nodes: PostgresDb[];
  beforeAll(async () => {
    database = await emptyPostgresDatabase();
    nodes = [new PostgresDb(database.url, 2), new PostgresDb(database.url, 2)];
  });
  afterAll(async () => {
    await Promise.all(nodes.map((n) => n.close()));
    await database.drop();
  });

  it('both succeed, and each migration is applied once', async () => {
    const [a, b] = await Promise.all(nodes.map((n) => migrate(n)));
    const all = readMigrations().map((m) => m.version);
    // One node applied everything; the other waited on the lock and found nothing left to do.
    expect([...a!, ...b!].sort()).toEqual(all);
    expect([a!.length, b!.length].sort()).toEqual([0, all.length]);
    const { rows } = await nodes[0]!.query<{ version: string; n: number }>('SELECT version, count(*) AS n FROM schema_migrations GROUP BY version ORDER BY version');
    expect(rows).toEqual(all.map((version) => ({ version, n: 1 })));
    expect(await isMigrated(nodes[1]!)).toBe(true);
  });
});
