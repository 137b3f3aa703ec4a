/**
 * Keeps the visibility map of `cluster_keys` current while a load files keys. The candidates'
 * lookup (`clustersUnderKeys`) reads only the primary key's index, but an index-only scan must
 * still visit the table for every row on a page not marked all-visible, and only VACUUM marks
 * pages so. Autovacuum comes rarely during a load (once per fifth of the table's size inserted,
 * then a nap of a minute): at 1 M records nothing had vacuumed the table, every key found was a
 * heap fetch, and the lookup was 47 of 259 PostgreSQL CPU-seconds (docs/import.md, session 10).
 * A VACUUM after each few tens of thousands of keys filed reads only the pages filed since the
 * last one (the rest are all-visible) and, with no dead rows, skips the index.
 */
import type { Db } from '../../../platform/db/index.js';
import { vacuumClusterKeys } from './cluster.store.js';

/** (key, cluster) pairs filed between two vacuums: some 150 pages of the table. */
export const KEYS_PER_VACUUM = 20_000;

/** What one database's loads filed since its last vacuum (shared by the imports of a process). */
export class KeyUpkeep {
  private filed = 0;
  private running = false;
  constructor(private readonly every = KEYS_PER_VACUUM) {}

  /**
   * After a batch committed `added` pairs: vacuums the table when enough were filed since the
   * last time and no other import of this process is vacuuming it already. The batch's import
   * waits for it (a few tens of milliseconds); the others go on.
   */
  async filedKeys(db: Db, added: number): Promise<void> {
    this.filed += added;
    if (this.filed < this.every || this.running) return;
    this.filed = 0;
    this.running = true;
    try {
      await vacuumClusterKeys(db);
    } finally {
      this.running = false;
    }
  }
}

const upkeeps = new WeakMap<object, KeyUpkeep>();
/** The upkeep of one database (each process keeps its own). */
export const keyUpkeep = (db: object): KeyUpkeep => {
  let u = upkeeps.get(db);
  if (!u) upkeeps.set(db, (u = new KeyUpkeep()));
  return u;
};
