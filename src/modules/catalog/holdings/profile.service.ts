/** A member library's catalog profile: how its records and items are read (catalog_profiles). */
import type { Db, Queryable } from '../../../platform/db/index.js';
import type { Principal } from '../../../platform/http/access.js';
import { NetworkErrors, getLibrary } from '../../network/index.js';
import { recordAudit } from '../../identity/index.js';
import { profileStore, type CatalogProfileRow, type CatalogProfileValues } from './profile.store.js';
import type { CatalogProfileInput } from './schemas.js';

/** A library's catalog profile as the API shows it: its settings, whose library, since when. */
export interface CatalogProfileView extends CatalogProfileValues {
  library: string;
  updatedAt: string | null;
}

const DEFAULTS = { localIdField: '001', flavour: 'auto', charset: null, itemProfile: 'auto', itemMapping: {}, sourcePriority: 0, harvest: null, updatedAt: null };

function present(symbol: string, row: CatalogProfileRow | undefined): CatalogProfileView {
  if (!row) return { library: symbol, ...DEFAULTS };
  return {
    library: symbol,
    localIdField: row.local_id_field,
    flavour: row.flavour,
    charset: row.charset,
    itemProfile: row.item_profile,
    itemMapping: row.item_mapping,
    sourcePriority: Number(row.source_priority),
    harvest: row.harvest,
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

async function libraryOf(db: Queryable, symbol: string) {
  const library = await getLibrary(db, symbol);
  if (!library) throw NetworkErrors.LIBRARY_NOT_FOUND({ symbol });
  return library;
}

/** The library's profile, or the defaults it is read with while it has none. Throws LIBRARY_NOT_FOUND. */
export async function getCatalogProfile(db: Queryable, symbol: string): Promise<CatalogProfileView> {
  const library = await libraryOf(db, symbol);
  return present(symbol, await profileStore.get(db, library.id));
}

/**
 * Replaces the library's profile (validated by the route's schema); the change is audited in the
 * same transaction. New settings apply to the next import or harvest; records already held keep
 * the holdings they were read with until they are imported again.
 */
export async function putCatalogProfile(
  db: Db,
  symbol: string,
  input: CatalogProfileInput,
  actor: { principal: Principal | undefined; ip?: string; requestId?: string },
): Promise<CatalogProfileView> {
  const library = await libraryOf(db, symbol);
  const row = await db.transaction(async (tx) => {
    const saved = await profileStore.put(tx, library.id, input);
    await recordAudit(tx, {
      actor: actor.principal,
      action: 'catalog.profile.update',
      target: `library:${symbol}`,
      library: symbol,
      details: { itemProfile: input.itemProfile, flavour: input.flavour, harvest: input.harvest !== null },
      ip: actor.ip,
      requestId: actor.requestId,
    });
    return saved;
  });
  return present(symbol, row);
}
