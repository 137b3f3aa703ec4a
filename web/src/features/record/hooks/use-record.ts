import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../shared/api';
import type { ApiField, Flavour } from '../domain/editable-record';

/** GET /api/v1/records/{symbol}/{localId}: a member record as held, field by field. */
export interface HeldRecord {
  library: string;
  localId: string;
  clusterId: number | null;
  format: string;
  flavour: Flavour;
  version: number;
  updatedAt: string;
  leader: string;
  fields: ApiField[];
}

export interface RecordVersion {
  version: number;
  changedAt: string;
  changedBy: { id: number; name: string } | null;
  via: string;
}

const path = (symbol: string, localId: string) => `/records/${encodeURIComponent(symbol)}/${encodeURIComponent(localId)}`;
export const recordKey = (symbol: string, localId: string) => ['record', symbol, localId] as const;

/** A member record; read fresh each time the editor opens (an old copy would only lead to a conflict). */
export function useRecord({ symbol, localId }: { symbol: string; localId: string }) {
  return useQuery({
    queryKey: recordKey(symbol, localId),
    queryFn: ({ signal }) => api<HeldRecord>(path(symbol, localId), { signal }),
    staleTime: 0,
  });
}

/** Every version of a record, newest first: who changed it, when and how. */
export function useVersions({ symbol, localId }: { symbol: string; localId: string }) {
  return useQuery({
    queryKey: [...recordKey(symbol, localId), 'versions'],
    queryFn: ({ signal }) => api<{ current: number; versions: RecordVersion[] }>(`${path(symbol, localId)}/versions`, { signal }),
  });
}

/**
 * Saves the whole record with the version it was opened at (`If-Match`): the server refuses
 * with 412 when someone else saved in between, so no one's change is lost.
 */
export function useSaveRecord({ symbol, localId }: { symbol: string; localId: string }) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ version, body }: { version: number; body: { flavour: Flavour; leader: string; fields: ApiField[]; note?: string } }) =>
      api<HeldRecord>(path(symbol, localId), { method: 'PUT', body, headers: { 'if-match': `"${version}"` } }),
    onSuccess: (saved) => {
      client.setQueryData(recordKey(symbol, localId), saved);
      void client.invalidateQueries({ queryKey: [...recordKey(symbol, localId), 'versions'] });
      if (saved.clusterId) void client.invalidateQueries({ queryKey: ['cluster', saved.clusterId] });
    },
  });
}
