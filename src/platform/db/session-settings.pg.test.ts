import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyPostgresDatabase } from '../../../test/platform/support/postgres.js';
import { PostgresDb } from './postgres-db.js';

/** A pool whose sessions start with settings (the search's statement timeout): each statement has them, the main pool does not. */
describe('sessions with settings on a PostgreSQL server', () => {
  let database: Awaited<ReturnType<typeof emptyPostgresDatabase>>;
  let db: PostgresDb;
  beforeAll(async () => {
    database = await emptyPostgresDatabase();
    db = new PostgresDb(database.url, 2);
  });
  afterAll(async () => {
    await db.close();
    await database.drop();
  });

  it('runs every statement with the settings, cancels one past its timeout, and leaves the main pool as it was', async () => {
    const searching = db.withSettings({ statement_timeout: '200', jit: 'off' }, 2);
    const shown = await Promise.all([1, 2, 3].map(() => searching.query<{ t: string; jit: string }>("SELECT current_setting('statement_timeout') AS t, current_setting('jit') AS jit")));
    expect(shown.map((r) => r.rows[0])).toEqual([1, 2, 3].map(() => ({ t: '200ms', jit: 'off' })));
    await expect(searching.query('SELECT pg_sleep(2)')).rejects.toMatchObject({ code: '57014' });
    expect((await db.query<{ t: string }>("SELECT current_setting('statement_timeout') AS t")).rows[0]!.t).toBe('0');
  });

  it('refuses a setting that would need quoting in the startup packet', () => {
    expect(() => db.withSettings({ search_path: 'a b' }, 1)).toThrow(/plain name and value/);
  });
});
