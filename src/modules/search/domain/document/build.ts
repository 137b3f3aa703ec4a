/**
 * A cluster's search document: what the index stores to find, rank, facet and summarise it
 * (issue 4). Pure: the catalogue's view of the cluster and the network's map in, a row out.
 */
import type { ClusterForIndex } from '../../../catalog/index.js';
import { documentVector, foldText, suggestionTerms } from '../analysis/index.js';
import { recordText } from './marc-text.js';
import { STATIC_TIER_SCHEME, staticTierLexemes } from './static-tiers.js';
import { FILTER_LEXEME_SCHEME, filterLexemes } from './filter-lexemes.js';

/** Where a library is, for alliance and province facets. */
export interface LibraryPlace {
  allianceIds: readonly number[];
  province: string;
}

export interface SearchDocument {
  clusterId: number;
  /** tsvector literal. */
  vector: string;
  title: string;
  titleKey: string;
  /** Title and author in their own script when the record's are romanised (880). */
  vernacularTitle: string | null;
  vernacularAuthor: string | null;
  author: string | null;
  authorKey: string | null;
  year: number | null;
  format: string;
  language: string | null;
  isbns: string[];
  subjects: string[];
  authors: string[];
  libraryIds: number[];
  allianceIds: number[];
  provinces: string[];
  libraries: number;
  availableCopies: number;
  staticScore: number;
  /** The tier scheme the vector's tier lexemes follow (static-tiers.ts), stored beside them. */
  staticTiers: number;
  /** The filter-lexeme scheme of the vector (filter-lexemes.ts), stored beside them. */
  filterLexemes: number;
  holdings: { libraryId: number; copies: number; available: number }[];
  /** Words of the title and authors, for "did you mean". */
  terms: string[];
}

/**
 * The static part of relevance, and the order of broad results before text ranking: how many
 * libraries hold it (log: the tenth library adds less than the second), a little for recency and
 * for a copy on the shelf somewhere.
 */
export function staticScore(libraries: number, year: number | null, availableCopies: number, thisYear: number): number {
  const recency = year === null ? 0 : Math.min(1, Math.max(0, (year - 1900) / Math.max(1, thisYear - 1900)));
  return Math.round((Math.log1p(libraries) + 0.3 * recency + (availableCopies > 0 ? 0.1 : 0)) * 1000) / 1000;
}

const unique = <T>(xs: Iterable<T>): T[] => [...new Set(xs)];

/** The document of a live cluster; null when the cluster has no display record (it leaves the index). */
export function buildDocument(cluster: ClusterForIndex, places: ReadonlyMap<number, LibraryPlace>, thisYear: number): SearchDocument | null {
  if (!cluster.display) return null;
  const { record, flavour, normalised: n } = cluster.display;
  const text = recordText(record, flavour);
  const isbns = unique([...n.isbns.map((i) => i.isbn13), ...cluster.members.flatMap((m) => m.isbns)]);
  const issns = unique([...n.issns, ...cluster.members.flatMap((m) => m.issns)]);
  const holders = new Map<number, { libraryId: number; copies: number; available: number }>();
  for (const m of cluster.members) holders.set(m.libraryId, { libraryId: m.libraryId, copies: 0, available: 0 });
  for (const h of cluster.holdings) {
    const held = holders.get(h.libraryId) ?? { libraryId: h.libraryId, copies: 0, available: 0 };
    held.copies += h.copies;
    held.available += h.available;
    holders.set(h.libraryId, held);
  }
  const holdings = [...holders.values()].sort((a, b) => a.libraryId - b.libraryId);
  const libraryIds = holdings.map((h) => h.libraryId);
  const availableCopies = holdings.reduce((s, h) => s + h.available, 0);
  const title = cluster.summary.title || text.titles[0] || '';
  const author = cluster.summary.author ?? null;
  const year = n.year;
  // One number for the stored score and the tier lexemes: they cannot disagree.
  const score = staticScore(libraryIds.length, year, availableCopies, thisYear);
  const allianceIds = unique(libraryIds.flatMap((id) => places.get(id)?.allianceIds ?? [])).sort((a, b) => a - b);
  const vector = documentVector({
    titles: text.titles,
    authors: text.authors,
    subjects: text.subjects,
    publishers: text.publishers,
    series: text.series,
    other: text.other,
    // The analysis writes each ISBN-13 with its ISBN-10 form too (`isbnForms`).
    isbns,
    issns,
    dois: text.dois,
    callNumbers: unique(cluster.holdings.flatMap((h) => h.callNumbers)),
    systemNumbers: unique(cluster.members.flatMap((m) => [m.localId, ...m.systemNumbers])),
    // From the same values as the columns beside them, in the same row write.
    unpositioned: [...staticTierLexemes(score), ...filterLexemes({ format: n.format, language: n.language, year, libraryIds, allianceIds, availableCopies })],
  });
  return {
    clusterId: cluster.clusterId,
    vector,
    title,
    titleKey: foldText(title),
    vernacularTitle: text.vernacularTitle !== null && text.vernacularTitle !== title ? text.vernacularTitle : null,
    vernacularAuthor: text.vernacularAuthor !== null && text.vernacularAuthor !== author ? text.vernacularAuthor : null,
    author,
    authorKey: author === null ? null : foldText(author),
    year,
    format: n.format,
    language: n.language,
    isbns,
    subjects: text.subjectHeadings,
    authors: text.authorNames,
    libraryIds,
    allianceIds,
    provinces: unique(libraryIds.flatMap((id) => places.get(id)?.province ?? [])).sort(),
    libraries: libraryIds.length,
    availableCopies,
    staticScore: score,
    staticTiers: STATIC_TIER_SCHEME,
    filterLexemes: FILTER_LEXEME_SCHEME,
    holdings,
    terms: unique([...suggestionTerms(title), ...(author ? suggestionTerms(author) : [])]),
  };
}
