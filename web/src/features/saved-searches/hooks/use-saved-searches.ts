import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../shared/api';

/** A saved search (GET /api/v1/search/saved): a name and the results page's query string. */
export interface SavedSearch {
  id: number;
  name: string;
  query: string;
  createdAt: string;
  updatedAt: string;
}

const key = ['saved-searches'] as const;

export function useSavedSearches({ enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: key,
    enabled,
    queryFn: ({ signal }) => api<{ items: SavedSearch[]; limit: number }>('/search/saved', { signal }),
  });
}

/** Saves a search; the same search saved again answers the one already saved (the server makes no second). */
export function useSaveSearch() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { name: string; query: string }) => api<SavedSearch>('/search/saved', { method: 'POST', body: input }),
    onSuccess: () => void client.invalidateQueries({ queryKey: key }),
  });
}

export function useRenameSearch() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, name }: { id: number; name: string }) => api<SavedSearch>(`/search/saved/${id}`, { method: 'PATCH', body: { name } }),
    onSuccess: () => void client.invalidateQueries({ queryKey: key }),
  });
}

export function useDeleteSearch() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api<void>(`/search/saved/${id}`, { method: 'DELETE' }),
    onSuccess: () => void client.invalidateQueries({ queryKey: key }),
  });
}
