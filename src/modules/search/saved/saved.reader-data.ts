/**
 * Saved searches in readers' privacy (issue 6): they are in the reader's data download
 * (GET /api/v1/me/data, area `savedSearches`), and an account identity anonymises keeps none.
 * Deleting an account removes them with it (ON DELETE CASCADE, migration 0023).
 */
import { registerReaderDataHolder, type ReaderDataHolder } from '../../identity/index.js';
import { savedSearchStore } from './saved.store.js';

export const savedSearchReaderData: ReaderDataHolder = {
  area: 'savedSearches',
  exportFor: async (db, userId) => ({ searches: await savedSearchStore.exportFor(db, userId) }),
  // A saved search has no end of business of its own: it goes when its account is anonymised
  // (identity's part of the same retention run does that first, in the same transaction).
  anonymiseEndedBefore: (db) => savedSearchStore.removeOfAnonymised(db),
};

registerReaderDataHolder(savedSearchReaderData);
