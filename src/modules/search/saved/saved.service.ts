import type { Db } from '../../../platform/db/index.js';
import { SavedSearchErrors } from './saved.errors.js';
import { normaliseSavedQuery } from './saved-query.js';
import { savedSearchStore as store, type SavedSearch } from './saved.store.js';

/** How many searches one account may keep (issue 7: a clear refusal beyond it, not a silent drop). */
export const SAVED_SEARCH_LIMIT = 100;

/**
 * Saves a search for its owner. The same search saved again (same normalised query) is the one
 * already saved, not a second: `created` tells which. Beyond the limit: 409, nothing saved.
 */
export async function saveSearch(db: Db, userId: number, input: { name: string; query: string }): Promise<{ saved: SavedSearch; created: boolean }> {
  const query = normaliseSavedQuery(input.query);
  if (!query) throw SavedSearchErrors.SAVED_SEARCH_EMPTY({}, [{ field: 'query', code: 'SAVED_SEARCH_EMPTY', message: 'no search terms, facets or filters' }]);
  return db.transaction(async (tx) => {
    await store.lockOwner(tx, userId);
    const existing = await store.byQuery(tx, userId, query);
    if (existing) return { saved: existing, created: false };
    if ((await store.count(tx, userId)) >= SAVED_SEARCH_LIMIT) throw SavedSearchErrors.SAVED_SEARCH_LIMIT({ limit: SAVED_SEARCH_LIMIT });
    return { saved: await store.insert(tx, userId, input.name.trim(), query), created: true };
  });
}

/** Renames one of the owner's saved searches; another account's is as if it did not exist (404). */
export async function renameSavedSearch(db: Db, userId: number, id: number, name: string): Promise<SavedSearch> {
  const saved = await store.rename(db, userId, id, name.trim());
  if (!saved) throw SavedSearchErrors.SAVED_SEARCH_NOT_FOUND({ id });
  return saved;
}

/** Deletes one of the owner's saved searches (404 when it is not theirs or already gone). */
export async function deleteSavedSearch(db: Db, userId: number, id: number): Promise<void> {
  if (!(await store.remove(db, userId, id))) throw SavedSearchErrors.SAVED_SEARCH_NOT_FOUND({ id });
}

export const listSavedSearches = (db: Db, userId: number): Promise<SavedSearch[]> => store.list(db, userId);
