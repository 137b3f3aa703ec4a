/**
 * The search module's entry points for routes, the CLI, protocols and other modules: one index per
 * database, made on first use.
 */
import type { Db } from '../../platform/db/index.js';
import { PgSearchIndex } from './pg/pg-search-index.js';
import type { SearchIndex } from './search-index.js';

const indexes = new WeakMap<Db, PgSearchIndex>();

/** The search index of this database (PostgreSQL full text). */
export function searchIndexFor(db: Db): SearchIndex & { readonly indexer: PgSearchIndex['indexer'] } {
  let index = indexes.get(db);
  if (!index) {
    index = new PgSearchIndex(db);
    indexes.set(db, index);
  }
  return index;
}
