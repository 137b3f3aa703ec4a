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

/** A library as search and the rota place it: where it is and which alliances it belongs to. */
export interface PlacedLibrary {
  id: number;
  symbol: string;
  nameZh: string;
  nameEn: string;
  province: string;
  lat: number | null;
  lon: number | null;
  allianceIds: number[];
}

export interface AllianceName {
  id: number;
  code: string;
  nameZh: string;
  nameEn: string;
}

/**
 * Every library with its place and alliances, and every alliance's name: small (thousands at most
 * in a national network), read whole by search for facets and the nearest holding library.
 */
export async function networkMap(db: Queryable): Promise<{ libraries: PlacedLibrary[]; alliances: AllianceName[] }> {
  // One after another: a transaction is one connection, which runs one statement at a time.
  const libraries = await db.query<{ id: string; symbol: string; name_zh: string; name_en: string; province: string; lat: number | null; lon: number | null; alliance_ids: string[] | null }>(
      `SELECT l.id, l.symbol, l.name_zh, l.name_en, l.province, l.lat, l.lon,
              array_agg(m.alliance_id ORDER BY m.alliance_id) FILTER (WHERE m.alliance_id IS NOT NULL) AS alliance_ids
         FROM libraries l LEFT JOIN memberships m ON m.library_id = l.id
        GROUP BY l.id ORDER BY l.id`,
    );
  const alliances = await db.query<{ id: string; code: string; name_zh: string; name_en: string }>('SELECT id, code, name_zh, name_en FROM alliances ORDER BY id');
  return {
    libraries: libraries.rows.map((l) => ({
      id: Number(l.id), symbol: l.symbol, nameZh: l.name_zh, nameEn: l.name_en, province: l.province,
      lat: l.lat, lon: l.lon, allianceIds: (l.alliance_ids ?? []).map(Number),
    })),
    alliances: alliances.rows.map((a) => ({ id: Number(a.id), code: a.code, nameZh: a.name_zh, nameEn: a.name_en })),
  };
}
