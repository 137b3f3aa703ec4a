/**
 * The search module's entry points for routes, the CLI, protocols and other modules: one index per
 * database, made on first use.
 */
import type { Db } from '../../platform/db/index.js';
import { PgSearchIndex } from './pg/pg-search-index.js';
import type { Locale } from '../../platform/i18n.js';
import { searchRequestOf, type SearchForm } from './request.js';
import { presentResult } from './routes/search.presenter.js';
import type { SearchResultView } from './routes/search.schemas.js';
import type { SearchIndex } from './search-index.js';

const indexes = new WeakMap<Db, PgSearchIndex>();

/** The PostgreSQL index of this database, for the module's own use (its indexer, the network map it keeps). */
function pgIndexOf(db: Db): PgSearchIndex {
  let index = indexes.get(db);
  if (!index) {
    index = new PgSearchIndex(db);
    indexes.set(db, index);
  }
  return index;
}

/**
 * Sets the server's search index up from its configuration (how many answers it keeps). The same
 * index the routes already hold: one per database, so its own indexer's writes reach its answers.
 */
export function configureSearchIndex(db: Db, options: { cachedAnswers: number }): PgSearchIndex {
  const index = pgIndexOf(db);
  index.keepAnswers(options.cachedAnswers);
  return index;
}

/** The search index of this database (PostgreSQL full text). */
export function searchIndexFor(db: Db): SearchIndex & { readonly indexer: PgSearchIndex['indexer'] } {
  return pgIndexOf(db);
}

/** A library's id by symbol, from the directory map search keeps (null: no such library). */
export async function libraryIdOf(db: Db, symbol: string): Promise<number | null> {
  return (await pgIndexOf(db).places.get()).bySymbol.get(symbol)?.id ?? null;
}

/**
 * A search as the API answers it, for the CLI on the database: the form parsed, the noted catalogue
 * changes indexed first (no server runs the indexer then), the result labelled in `locale`.
 */
export async function searchCatalogue(db: Db, form: SearchForm, locale: Locale, librarySymbol?: string): Promise<SearchResultView> {
  const index = pgIndexOf(db);
  await index.catchUp();
  const libraryId = librarySymbol ? await libraryIdOf(db, librarySymbol) : null;
  const request = searchRequestOf(form, libraryId);
  return presentResult(request, await index.search(request), locale);
}
