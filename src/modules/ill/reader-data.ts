/**
 * Interlibrary loan's part in readers' privacy (issue 6): identity's export of what Anylib holds
 * about a person (GET /api/v1/me/data, area `interlibraryLoan`) and its daily retention job reach
 * the requests through this holder, registered when the module is loaded.
 */
import { registerReaderDataHolder, type ReaderDataHolder } from '../identity/index.js';
import { readerDataStore } from './reader-data.store.js';

export const illReaderData: ReaderDataHolder = {
  area: 'interlibraryLoan',
  exportFor: async (db, userId) => ({ requests: await readerDataStore.requestsOf(db, userId) }),
  anonymiseEndedBefore: (db, endedBefore) => readerDataStore.anonymiseEndedBefore(db, endedBefore),
};

registerReaderDataHolder(illReaderData);
