import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../shared/api';

/** A member record field by field (GET /api/v1/clusters/{id}/records). */
export interface MemberRecord {
  library: string;
  localId: string;
  clusterId: number | null;
  flavour: 'marc21' | 'unimarc';
  version: number;
  updatedAt: string;
  leader: string;
  fields: { tag: string; value?: string; ind1?: string; ind2?: string; subfields?: { code: string; value: string }[] }[];
}

/** A staff decision on clusters (docs/cataloguing.md, "Staff decisions on clusters"). */
export interface ClusterDecision {
  id: number;
  kind: 'merge' | 'split';
  records: { library: string; localId: string }[];
  reason: string;
  decidedBy: { id: number; name: string } | null;
  decidedAt: string;
  revokedAt: string | null;
}

interface Outcome {
  decisions: ClusterDecision[];
  moves: { library: string; localId: string; from: number | null; to: number }[];
}

/** The title a member record gives itself: 245 $a (MARC 21) or 200 $a (UNIMARC). */
export const memberTitle = (r: MemberRecord): string | null =>
  r.fields.find((f) => f.tag === (r.flavour === 'unimarc' ? '200' : '245'))?.subfields?.find((s) => s.code === 'a')?.value.replace(/[\s/:;,=.]+$/u, '') ?? null;

export function useClusterRecords({ id }: { id: number }) {
  return useQuery({
    queryKey: ['cluster', id, 'records'],
    queryFn: ({ signal }) => api<{ id: number; records: MemberRecord[] }>(`/clusters/${id}/records`, { signal }).then((r) => r.records),
  });
}

/** Decisions concerning the cluster's records, revoked ones too (they tell the story). */
export function useDecisions({ id }: { id: number }) {
  return useQuery({
    queryKey: ['cluster', id, 'decisions'],
    queryFn: ({ signal }) => api<{ items: ClusterDecision[] }>('/clusters/decisions', { query: { cluster: id, includeRevoked: true }, signal }).then((r) => r.items),
  });
}

/** After a decision the cluster, its members, its decisions and the other clusters touched are read again. */
function useAfterDecision(id: number) {
  const client = useQueryClient();
  return () => void client.invalidateQueries({ queryKey: ['cluster'] }).then(() => client.invalidateQueries({ queryKey: ['editions', id] }));
}

export function useSplit({ id }: { id: number }) {
  const after = useAfterDecision(id);
  return useMutation({
    mutationFn: ({ record, reason }: { record: { library: string; localId: string }; reason: string }) =>
      api<Outcome>(`/clusters/${id}/split`, { method: 'POST', body: { records: [record], reason } }),
    onSuccess: after,
  });
}

export function useMerge({ id }: { id: number }) {
  const after = useAfterDecision(id);
  return useMutation({
    mutationFn: ({ other, reason }: { other: number; reason: string }) => api<Outcome>('/clusters/merge', { method: 'POST', body: { clusterIds: [id, other], reason } }),
    onSuccess: after,
  });
}

export function useRevoke({ id }: { id: number }) {
  const after = useAfterDecision(id);
  return useMutation({
    mutationFn: (decisionId: number) => api<ClusterDecision>(`/clusters/decisions/${decisionId}`, { method: 'DELETE' }),
    onSuccess: after,
  });
}

/** Clusters a cataloguer may merge with: by id, or the first hits of a search. */
export function useMergeCandidates({ text }: { text: string }) {
  const q = text.trim();
  return useQuery({
    queryKey: ['merge-candidates', q],
    enabled: q.length >= 2 && !/^\d+$/.test(q),
    queryFn: ({ signal }) =>
      api<{ hits: { clusterId: number; title?: string; author?: string; year?: number }[] }>('/search', { query: { q, pageSize: 5, facets: false }, signal }).then((r) => r.hits),
    staleTime: 30_000,
  });
}
