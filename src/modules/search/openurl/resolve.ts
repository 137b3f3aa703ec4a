/**
 * Resolving a citation: the plan's queries are tried in order against the search index until one
 * finds something; the clusters found get their holdings with live availability from the
 * catalogue, and their libraries' names from the directory.
 */
import type { Queryable } from '../../../platform/db/index.js';
import { availabilityOfClusters, type ClusterAvailability } from '../../catalog/index.js';
import { resolutionPlan, type Citation, type CitationProblem, type FoundBy } from '../domain/openurl/index.js';
import { NetworkPlacesCache } from '../pg/network-places.js';
import type { SearchHit, SearchIndex } from '../search-index.js';

/** Most clusters shown for one citation: a citation names one work, a few editions at most. */
export const MAX_MATCHES = 10;

export interface LibraryName {
  zh: string;
  en: string;
}

/** Names of libraries by symbol (those the directory knows). */
export type LibraryNames = (symbols: readonly string[]) => Promise<Map<string, LibraryName>>;

/**
 * Names from the directory, read once a minute (the cache search uses for facets): a page of
 * matches may have hundreds of holding libraries, which is not a query each.
 */
export function directoryNames(db: Queryable): LibraryNames {
  const places = new NetworkPlacesCache(db);
  return async (symbols) => {
    const { bySymbol } = await places.get();
    const out = new Map<string, LibraryName>();
    for (const s of symbols) {
      const l = bySymbol.get(s);
      if (l) out.set(s, { zh: l.nameZh, en: l.nameEn });
    }
    return out;
  };
}

export interface Match {
  hit: SearchHit;
  availability: ClusterAvailability;
}

export interface Resolution {
  citation: Citation;
  problems: CitationProblem[];
  /** The step that found the matches, or null. */
  foundBy: FoundBy | null;
  /** Every step tried, in order (the last one found something, when foundBy is set). */
  tried: FoundBy[];
  total: number;
  matches: Match[];
  /** Names of the holding libraries, by symbol. */
  libraries: Map<string, LibraryName>;
}

export async function resolveCitation(
  db: Queryable,
  index: SearchIndex,
  names: LibraryNames,
  citation: Citation,
  problems: CitationProblem[],
): Promise<Resolution> {
  const tried: FoundBy[] = [];
  for (const step of resolutionPlan(citation)) {
    tried.push(step.by);
    const result = await index.search({ query: step.query, limit: MAX_MATCHES, sort: 'relevance' });
    if (result.hits.length === 0) continue;
    const ids = result.hits.map((h) => h.clusterId);
    const availability = await availabilityOfClusters(db, ids);
    const symbols = [...new Set([...availability.values()].flatMap((a) => a.libraries.map((l) => l.symbol)))];
    const libraries = await names(symbols);
    return {
      citation, problems, foundBy: step.by, tried, total: result.total, libraries,
      matches: result.hits.map((hit) => ({ hit, availability: availability.get(hit.clusterId)! })),
    };
  }
  return { citation, problems, foundBy: null, tried, total: 0, matches: [], libraries: new Map() };
}
