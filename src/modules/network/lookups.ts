import type { Queryable } from '../../platform/db/index.js';
import type { LibraryDoc } from './domain/document.js';
import { libraryStore } from './library.store.js';

/**
 * A library by symbol for other modules (interlibrary loan reads lending policy, endpoints and
 * closed days): its database id, its full entry and the alliances it belongs to; undefined when
 * there is no such library.
 */
export async function getLibrary(
  db: Queryable,
  symbol: string,
): Promise<{ id: number; entry: LibraryDoc; memberships: { alliance: string; role: string; joined?: string }[] } | undefined> {
  const found = await libraryStore.bySymbol(db, symbol);
  return found && { id: found.id, entry: found.doc, memberships: found.memberships.map(({ alliance, role, joined }) => ({ alliance, role, ...(joined ? { joined } : {}) })) };
}
