import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../../shared/api';
import { apiQuery, type FacetName, type SearchRequest } from '../domain/search-request';

export interface Hit {
  clusterId: number;
  title: string;
  author: string | null;
  vernacularTitle: string | null;
  vernacularAuthor: string | null;
  year: number | null;
  format: string;
  formatLabel: string;
  language: string | null;
  isbns: string[];
  holdings: { libraries: number; availableCopies: number; nearest: { symbol: string; name: string; distanceKm: number | null } | null };
}

export interface Facet {
  name: FacetName;
  label: string;
  estimated: boolean;
  values: { value: string; label?: string; count: number }[];
}

/** GET /api/v1/search's answer (the fields the portal shows). */
export interface SearchResult {
  query: string;
  total: number;
  totalEstimated: boolean;
  page: number;
  pageSize: number;
  hits: Hit[];
  facets: Facet[];
  suggestions: string[];
  tookMs: number;
}

/** A search's results; the previous page stays on screen while the next loads. */
export function useSearch({ request, myLibrary, language }: { request: SearchRequest; myLibrary?: string | null; language: string }) {
  const query = apiQuery(request, myLibrary);
  return useQuery({
    // The language is part of the key: facet labels come back in the reader's language.
    queryKey: ['search', query, language],
    queryFn: ({ signal }) => api<SearchResult>('/search', { query, signal }),
    enabled: request.q.trim() !== '' || Object.keys(request.choices).length > 0,
    placeholderData: keepPreviousData,
    staleTime: 30 * 1000,
  });
}
