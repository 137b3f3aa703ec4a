import { useQuery } from '@tanstack/react-query';
import { api } from '../../../shared/api';

/** The alliances to choose from (GET /api/v1/alliances). */
export function useAlliances() {
  return useQuery({
    queryKey: ['dashboard', 'alliances'],
    queryFn: ({ signal }) => api<{ items: { code: string; name: { zh: string; en: string } }[] }>('/alliances', { query: { limit: 500 }, signal }).then((r) => r.items),
    staleTime: 60 * 60 * 1000,
  });
}
