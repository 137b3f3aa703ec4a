import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyPostgresDatabase } from '../../../test/platform/support/postgres.js';

const run = promisify(execFile);

/**
 * The connection that listens for notifications (API tokens kept in memory) must neither keep a
 * process alive on its own nor let it die while close() waits for it: a CLI command awaits
 * close() at its end, and a process whose loop empties in the middle of that await exits with
 * code 13 instead of finishing.
 */
describe('listening for notifications on a PostgreSQL server', () => {
  let database: Awaited<ReturnType<typeof emptyPostgresDatabase>>;
  beforeAll(async () => {
    database = await emptyPostgresDatabase();
  });
  afterAll(async () => {
    await database.drop();
  });

  it('hears a notification, and a process that closes the database afterwards finishes its own work', async () => {
    const script = `
      import pg from 'pg';
      import { PostgresDb } from ${JSON.stringify(path.resolve(import.meta.dirname, 'postgres-db.ts'))};
      const db = new PostgresDb(process.env.TEST_URL, 2);
      const other = new pg.Client({ connectionString: process.env.TEST_URL });
      await other.connect();
      const heard = new Promise((resolve) => {
        let up = false;
        db.listen('anylib_test', {
          listening: (u) => { up = u; if (u) void other.query('NOTIFY anylib_test'); },
          notified: () => up && resolve('heard'),
        });
      });
      const timer = setTimeout(() => {}, 10_000);
      console.log(await heard);
      clearTimeout(timer);
      await other.end();
      // Nothing else is open now: only the listening connection is left to close.
      await db.close();
      console.log('closed');
    `;
    const outcomes: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { stdout } = await run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { env: { ...process.env, TEST_URL: database.url }, timeout: 20_000 });
      outcomes.push(stdout.trim().split('\n').join(' '));
    }
    expect(outcomes).toEqual(['heard closed', 'heard closed', 'heard closed']);
  });
});
