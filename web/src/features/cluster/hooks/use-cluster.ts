import { useQuery } from '@tanstack/react-query';
import { api } from '../../../shared/api';
import type { DisplayRecord } from '../domain/describe-record';

export interface Item {
  barcode: string | null;
  location: string | null;
  callNumber: string | null;
  status: string;
  dueDate: string | null;
}

/** GET /api/v1/clusters/{id}: the union record, its member records and every holding library. */
export interface Cluster {
  id: number;
  summary: { title?: string; author?: string; year?: number; format?: string; language?: string; isbns?: string[] };
  recordCount: number;
  holdingCount: number;
  updatedAt: string;
  displayRecord: DisplayRecord | null;
  records: { library: string; localId: string; clusterId: number | null; flavour: string; version: number; deleted: boolean; updatedAt: string }[];
  holdings: { library: string; location: string | null; callNumber: string | null; summary: string | null; items: Item[] }[];
  availability: {
    copies: number;
    available: number;
    onLoan: number;
    nextDue: string | null;
    libraries: { symbol: string; copies: number; available: number; onLoan: number; inTransit: number; referenceOnly: number; nextDue: string | null }[];
  };
}

/** A union record; a cluster merged into another comes back as that one (the API redirects). */
export function useCluster({ id }: { id: number }) {
  return useQuery({
    queryKey: ['cluster', id],
    queryFn: ({ signal }) => api<Cluster>(`/clusters/${id}`, { signal }),
    enabled: Number.isInteger(id) && id > 0,
    staleTime: 30 * 1000,
  });
}
