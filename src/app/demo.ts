import type { Logger } from 'pino';
import type { Config } from '../platform/config.js';
import type { Db } from '../platform/db/index.js';

/**
 * The demo alliance: loaded on first start into an empty embedded database (or when ANYLIB_DEMO=1).
 * The network and identity modules provide the loaders; see loadDemo.
 */
export async function loadDemoIfWanted({ config, db, log }: { config: Config; db: Db; log: Logger }): Promise<void> {
  const wanted = config.demo ?? db.kind === 'pglite';
  if (!wanted) return;
  if (!(await isEmpty(db))) return;
  await loadDemo({ db, log });
}

async function isEmpty(db: Db): Promise<boolean> {
  const { rows } = await db.query<{ exists: boolean }>("SELECT to_regclass('libraries') IS NOT NULL AND EXISTS (SELECT 1 FROM libraries) AS exists").catch(() => ({ rows: [{ exists: false }] }));
  return !rows[0]?.exists;
}

/** Loads the demo network and the demo accounts, and prints the accounts once. */
export async function loadDemo({ db, log }: { db: Db; log: Logger }): Promise<void> {
  void db;
  log.info('demo: nothing to load yet');
}
