/**
 * A page of hits as the reader sees them: the union record's summary and its holdings summary —
 * how many libraries hold it, how many copies are on the shelf, and the holding library nearest
 * the reader's own (issue 4, "Facets … Each hit shows its holdings summary").
 */
import type { Queryable } from '../../../platform/db/index.js';
import type { HoldingsSummary, SearchHit, Viewer } from '../search-index.js';
import { distanceKm, type NetworkPlaces } from './network-places.js';
import type { PageRow } from './ranked-pages.js';

/** The columns of a hit as the reader sees it, read with the page itself (no second visit to the documents). */
export const HIT_COLUMNS = 'd.title, d.title_vernacular, d.author_vernacular, d.author, d.year, d.format, d.language, d.isbns, d.libraries, d.available_copies, d.indexed_at, d.xmin AS row_xid';

/** A page row's document columns (HIT_COLUMNS), as the driver returns them. */
export interface HitColumns {
  title: string;
  title_vernacular: string | null;
  author_vernacular: string | null;
  author: string | null;
  year: number | null;
  format: string;
  language: string | null;
  isbns: string[];
  libraries: number;
  available_copies: number;
  /**
   * When and by which transaction the document was written, the hit's version (as they are: a
   * ranking statement carries these columns for every candidate, and text conversion there costs).
   */
  indexed_at: Date | string;
  row_xid: string | number;
}

/** A document row's version: a new row written by another transaction, a new value. */
const versionOf = (d: HitColumns): string => `${d.indexed_at instanceof Date ? d.indexed_at.getTime() : String(d.indexed_at)} ${String(d.row_xid)}`;

export async function hitsOf(tx: Queryable, page: readonly PageRow[], places: NetworkPlaces, viewer: Viewer | undefined): Promise<SearchHit[]> {
  if (page.length === 0) return [];
  const ids = page.map((p) => p.clusterId);
  // Only a signed-in reader's page needs the holders: the nearest library is measured from theirs.
  const holdings = viewer?.libraryId != null
      ? await tx.query<{ cluster_id: string; library_id: string; available: number }>(
        'SELECT cluster_id, library_id, available FROM search_holdings WHERE cluster_id = ANY($1::bigint[])',
        [ids],
      )
      : { rows: [] as { cluster_id: string; library_id: string; available: number }[] };
  const holders = new Map<number, { libraryId: number; available: number }[]>();
  for (const h of holdings.rows) {
    const list = holders.get(Number(h.cluster_id)) ?? [];
    list.push({ libraryId: Number(h.library_id), available: h.available });
    holders.set(Number(h.cluster_id), list);
  }
  return page.map((p) => {
    const d = p.doc;
    return {
      clusterId: p.clusterId,
      title: d.title,
      author: d.author,
      vernacularTitle: d.title_vernacular,
      vernacularAuthor: d.author_vernacular,
      year: d.year,
      format: d.format,
      language: d.language,
      isbns: d.isbns,
      holdings: {
        libraries: d.libraries,
        availableCopies: d.available_copies,
        nearest: nearest(holders.get(p.clusterId) ?? [], places, viewer),
      },
      score: p.score,
      version: versionOf(d),
      ...(p.explain ? { explain: p.explain } : {}),
    };
  });
}

/** The viewer's own library when it holds the title, else the nearest holding library with a copy available, else the nearest. */
function nearest(holders: { libraryId: number; available: number }[], places: NetworkPlaces, viewer: Viewer | undefined): HoldingsSummary['nearest'] {
  const home = viewer?.libraryId != null ? places.libraries.get(viewer.libraryId) : undefined;
  if (!home || holders.length === 0) return null;
  const ranked = holders
    .flatMap((h) => {
      const l = places.libraries.get(h.libraryId);
      if (!l) return [];
      const km = l.id === home.id ? 0 : home.lat !== null && home.lon !== null && l.lat !== null && l.lon !== null
        ? distanceKm({ lat: home.lat, lon: home.lon }, { lat: l.lat, lon: l.lon })
        : null;
      return [{ l, km, available: h.available > 0 }];
    })
    .sort((a, b) => Number(b.l.id === home.id) - Number(a.l.id === home.id) || Number(b.available) - Number(a.available) || (a.km ?? Infinity) - (b.km ?? Infinity) || a.l.symbol.localeCompare(b.l.symbol));
  const best = ranked[0];
  return best ? { symbol: best.l.symbol, name: best.l.nameEn, nameZh: best.l.nameZh, distanceKm: best.km === null ? null : Math.round(best.km) } : null;
}
