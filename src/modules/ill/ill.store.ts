/**
 * SQL of interlibrary loan, one store per use case under store/: the requests (borrowing side),
 * the lending rows (lending side), the message log and history, what sourcing reads; the rows
 * they share in store/rows.ts. `illStore` is all of them, as the service calls them.
 */
import { messageStore } from './store/messages.store.js';
import { requestStore } from './store/requests.store.js';
import { sourcingStore } from './store/sourcing.store.js';
import { supplyStore } from './store/supplies.store.js';

export type { Citation, EventRow, NewEvent, NoticeRequest, RequestRow, Saved, StoredContext, SupplyRow } from './store/rows.js';
export type { MessageLog } from './store/messages.store.js';
export type { NewRequest, SavedRequest } from './store/requests.store.js';
export type { ClusterForSourcing } from './store/sourcing.store.js';

export const illStore = { ...sourcingStore, ...requestStore, ...supplyStore, ...messageStore };
