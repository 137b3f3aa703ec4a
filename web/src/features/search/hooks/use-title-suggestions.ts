import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api } from '../../../shared/api';
import { solidCjk } from '../../../shared/text';
import type { SearchResult } from './use-search';

export interface TitleSuggestion {
  clusterId: number;
  title: string;
  detail: string;
}

/**
 * Titles for what the reader is typing, after a pause: the first hits of the search itself
 * (the API has no separate completion list yet), each a shortcut to its record.
 */
export function useTitleSuggestions({ text, delayMs = 250 }: { text: string; delayMs?: number }) {
  const [settled, setSettled] = useState(text);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(text.trim()), delayMs);
    return () => clearTimeout(timer);
  }, [text, delayMs]);
  return useQuery({
    queryKey: ['title-suggestions', settled],
    enabled: settled.length >= 2,
    staleTime: 60 * 1000,
    queryFn: async ({ signal }): Promise<TitleSuggestion[]> => {
      const r = await api<SearchResult>('/search', { query: { q: settled, pageSize: 6, facets: 'false' }, signal });
      return r.hits.map((h) => ({
        clusterId: h.clusterId,
        title: solidCjk(h.vernacularTitle ?? h.title),
        detail: [solidCjk(h.vernacularAuthor ?? h.author), h.year].filter(Boolean).join(' · '),
      }));
    },
  });
}
