import { useQuery } from '@tanstack/react-query';
import { api } from '../../../shared/api';

/** One other edition of the work (GET /api/v1/clusters/{id}/editions). */
export interface Edition {
  id: number;
  title: string | null;
  author: string | null;
  edition: string | null;
  year: number | null;
  format: string | null;
  holdingCount: number;
}

export function useEditions({ id }: { id: number }) {
  return useQuery({
    queryKey: ['editions', id],
    enabled: Number.isInteger(id) && id > 0,
    queryFn: ({ signal }) => api<{ id: number; editions: Edition[] }>(`/clusters/${id}/editions`, { signal }).then((r) => r.editions),
    staleTime: 60_000,
  });
}
