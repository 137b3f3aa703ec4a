import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../shared/api';
import type { LibraryEntry } from '../domain/library-draft';

/** A library's directory entry (contacts' e-mail and phone come to staff only). */
export function useLibraryEntry(symbol: string | undefined) {
  return useQuery({
    queryKey: ['library-entry', symbol],
    enabled: Boolean(symbol),
    queryFn: ({ signal }) => api<LibraryEntry & { memberships: { alliance: string; role: string }[] }>(`/libraries/${encodeURIComponent(symbol!)}`, { signal }),
  });
}

/** Saves an entry: POST a new library (network administrators), PUT an existing one (its administrators: contacts, endpoints, lending policy, closed days). */
export function useSaveLibraryEntry(existing: string | undefined) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: LibraryEntry) =>
      existing
        ? api<LibraryEntry>(`/libraries/${encodeURIComponent(existing)}`, { method: 'PUT', body })
        : api<LibraryEntry>('/libraries', { method: 'POST', body }),
    onSuccess: (saved) => {
      client.setQueryData(['library-entry', saved.symbol], saved);
      void client.invalidateQueries({ queryKey: ['admin', 'libraries'] });
      void client.invalidateQueries({ queryKey: ['libraries'] });
    },
  });
}

export function useProvinceList() {
  return useQuery({
    queryKey: ['provinces'],
    queryFn: ({ signal }) => api<{ code: string; name: { zh: string; en: string } }[]>('/provinces', { signal }),
    staleTime: Infinity,
  });
}
