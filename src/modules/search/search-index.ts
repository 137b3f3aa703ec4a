/**
 * What the search module asks of an index (ARCHITECTURE.md "search"): PostgreSQL full text today
 * (`pg/`), a dedicated engine for a very large network later, with nothing above this line
 * changed. The web app, the REST API, the CLI, SRU, OAI-PMH and OpenURL all go through it.
 */
import type { QueryNode } from './domain/query/ast.js';

export const FACET_NAMES = ['format', 'language', 'year', 'subject', 'author', 'library', 'alliance', 'availability'] as const;
export type FacetName = (typeof FACET_NAMES)[number];

export const SORTS = ['relevance', 'year-desc', 'year-asc', 'title'] as const;
export type SortOrder = (typeof SORTS)[number];

export const AVAILABILITY_SCOPES = ['anywhere', 'my-library', 'my-alliance', 'my-province'] as const;
export type AvailabilityScope = (typeof AVAILABILITY_SCOPES)[number];

/** Facet values chosen: several values of one facet are OR, different facets AND. */
export interface SearchFilters {
  format?: string[];
  language?: string[];
  /** Year ranges, e.g. [{from: 1990, to: 1999}]; either end open. */
  year?: { from: number | null; to: number | null }[];
  subject?: string[];
  author?: string[];
  /** Library symbols. */
  library?: string[];
  /** Alliance codes. */
  alliance?: string[];
  /** An available copy somewhere / in the reader's library, alliance or province. */
  availability?: AvailabilityScope[];
}

/** Whose search it is: "my library", the nearest holding library. Anonymous readers have none. */
export interface Viewer {
  libraryId: number | null;
}

export interface SearchRequest {
  /** null: everything (browse), ordered by the sort. */
  query: QueryNode | null;
  filters?: SearchFilters;
  sort?: SortOrder;
  /** 0-based offset of the first hit (SRU startRecord - 1). Deep paging: prefer `after`. */
  offset?: number;
  /** Hits per page, 0–100. 0 asks only for the count (and facets). */
  limit?: number;
  /** An opaque cursor from the previous page's `next`: stable deep paging while the index changes. */
  after?: string;
  /** Which facets to count; none when omitted. */
  facets?: readonly FacetName[];
  viewer?: Viewer;
  /** Explain each hit's score. */
  debug?: boolean;
  /** Ask for spelling suggestions when there are few hits (reader-facing searches). */
  suggest?: boolean;
}

export interface HoldingsSummary {
  /** Libraries holding the cluster. */
  libraries: number;
  /** Copies available now, across those libraries. */
  availableCopies: number;
  /** The holding library nearest the viewer's library (by coordinates), or the viewer's own. */
  nearest: { symbol: string; name: string; nameZh: string | null; distanceKm: number | null } | null;
}

export interface SearchHit {
  clusterId: number;
  title: string;
  author: string | null;
  /** Title and author in their own script when the record's are romanised (MARC 21 880). */
  vernacularTitle: string | null;
  vernacularAuthor: string | null;
  year: number | null;
  format: string;
  language: string | null;
  isbns: string[];
  holdings: HoldingsSummary;
  score: number;
  /**
   * The version of the cluster's search document: it changes whenever the document is written
   * again from the catalogue, which every change to the cluster's records or holdings causes. What
   * is rendered from the cluster may be kept by it (sru/rendered-records.ts). Not for readers.
   */
  version?: string;
  /** With `debug`: how the score was reached, in words and numbers. */
  explain?: { total: number; parts: { what: string; value: number }[] };
}

export interface FacetValue {
  value: string;
  /** For libraries and alliances: their names (English and Chinese); for years: "1990–1999". */
  label?: string;
  labelZh?: string;
  count: number;
}

export interface Facet {
  name: FacetName;
  values: FacetValue[];
  /** Counted over a sample of a broad result, not every hit (SRU resultCountPrecision "estimate"). */
  estimated: boolean;
}

export interface SearchResult {
  total: number;
  /** The total is an estimate (a broad query over a capped candidate set). */
  totalEstimated: boolean;
  hits: SearchHit[];
  facets: Facet[];
  /** Cursor for the next page, when there is one. */
  next: string | null;
  /** "Did you mean": other queries likely to find more, best first. */
  suggestions: string[];
  /** Milliseconds the index took. */
  tookMs: number;
}

export interface RebuildProgress {
  done: number;
  total: number;
}

export interface SearchIndex {
  search(request: SearchRequest): Promise<SearchResult>;
  /** Rebuilds the search documents of these clusters from the catalogue (removed ones drop out). */
  refresh(clusterIds: readonly number[]): Promise<void>;
  /** Rebuilds every document; search keeps answering meanwhile. */
  rebuild(onProgress?: (p: RebuildProgress) => void): Promise<{ documents: number }>;
  /** Indexes every change the catalogue has noted and waits for it (tests; the background indexer does this every second). */
  catchUp(): Promise<number>;
}
