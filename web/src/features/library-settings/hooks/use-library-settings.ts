import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../shared/api';

/** How a library's records and items are read (GET/PUT /api/v1/libraries/{symbol}/catalog-profile). */
export interface CatalogProfile {
  library: string;
  localIdField: string;
  flavour: string;
  charset: string | null;
  itemProfile: string;
  itemMapping: Record<string, unknown>;
  sourcePriority: number;
  harvest: { url?: string; set?: string; prefix?: string; schedule?: string } | null;
  updatedAt: string | null;
}

export type CatalogProfileBody = Omit<CatalogProfile, 'library' | 'updatedAt'>;

export function useCatalogProfile(library: string) {
  return useQuery({
    queryKey: ['catalog-profile', library],
    queryFn: ({ signal }) => api<CatalogProfile>(`/libraries/${encodeURIComponent(library)}/catalog-profile`, { signal }),
  });
}

export function useSaveCatalogProfile(library: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CatalogProfileBody) => api<CatalogProfile>(`/libraries/${encodeURIComponent(library)}/catalog-profile`, { method: 'PUT', body }),
    onSuccess: (saved) => client.setQueryData(['catalog-profile', library], saved),
  });
}

export const readerCategories = ['student', 'teacher', 'staff', 'external'] as const;

/** A reader category's interlibrary-loan limits; null: the ILL module's defaults. */
export interface IllLimits {
  mayRequest: boolean;
  services: ('loan' | 'copy')[];
  maxOpenRequests: number;
  excludedMaterialTypes: string[];
}

export function useReaderCategories(library: string) {
  return useQuery({
    queryKey: ['reader-categories', library],
    queryFn: ({ signal }) =>
      api<{ items: { category: string; illLimits: IllLimits | null }[] }>(`/libraries/${encodeURIComponent(library)}/reader-categories`, { signal }).then((r) => r.items),
  });
}

export function useSaveReaderCategory(library: string, category: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (illLimits: IllLimits | null) =>
      api<{ category: string; illLimits: IllLimits | null }>(`/libraries/${encodeURIComponent(library)}/reader-categories/${category}`, { method: 'PUT', body: { illLimits } }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['reader-categories', library] }),
  });
}
