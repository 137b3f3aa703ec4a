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

/** The search index of this database (PostgreSQL full text). */
export function searchIndexFor(db: Db): SearchIndex & { readonly indexer: PgSearchIndex['indexer'] } {
  let index = indexes.get(db);
  if (!index) {
    index = new PgSearchIndex(db);
    indexes.set(db, index);
  }
  return index;
}

/**
 * A search as the API answers it, for the CLI on the database: the form parsed, the noted catalogue
 * changes indexed first (no server runs the indexer then), the result labelled in `locale`.
 */
export async function searchCatalogue(db: Db, form: SearchForm, locale: Locale, librarySymbol?: string): Promise<SearchResultView> {
  const index = searchIndexFor(db) as PgSearchIndex;
  await index.catchUp();
  const libraryId = librarySymbol ? (await index.places.get()).bySymbol.get(librarySymbol)?.id ?? null : null;
  const request = searchRequestOf(form, libraryId);
  return presentResult(request, await index.search(request), locale);
}
