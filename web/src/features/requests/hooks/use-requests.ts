import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../../../shared/api';

/** A step of a request's life (ISO 18626 states on the borrowing and lending sides). */
export interface TimelineEvent {
  at: string;
  side: 'borrowing' | 'lending';
  library: string;
  from: string | null;
  to: string;
  toLabel: string;
  event: string;
  actor: string;
}

export interface RequestAction {
  action: string;
  label: string;
  allowed: boolean;
  reason?: { code: string; message: string };
}

/** An interlibrary loan request as its reader sees it (GET /api/v1/ill/requests/{id}). */
export interface IllRequest {
  id: number;
  state: string;
  stateLabel: string;
  borrowingLibrary: string;
  reader: { id: number; name: string };
  citation: {
    clusterId: number | null;
    title: string;
    author: string | null;
    year: number | null;
    service: string;
    edition: string;
    articleTitle: string | null;
    pages: string | null;
    volume: string | null;
    issue: string | null;
  };
  neededBy: string | null;
  pickupLocation: string | null;
  note: string | null;
  lender: string | null;
  dueDate: string | null;
  timeline?: TimelineEvent[];
  actions?: RequestAction[];
  createdAt: string;
  updatedAt: string;
}

/** What a reader fills in to ask for a loan or a copy (POST /api/v1/ill/requests). */
export interface NewRequest {
  clusterId?: number;
  citation?: { title: string; author?: string; isbn?: string; issn?: string; year?: number };
  service: 'loan' | 'copy' | 'either';
  edition: 'this' | 'any';
  articleTitle?: string;
  pages?: string;
  volume?: string;
  issue?: string;
  neededBy?: string;
  pickupLocation?: string;
  note?: string;
  confirm?: boolean;
}

const pageSize = 20;

/** The reader's requests, newest first. */
export function useMyRequests({ page }: { page: number }) {
  return useQuery({
    queryKey: ['my-requests', 'list', page],
    queryFn: ({ signal }) =>
      api<{ items: IllRequest[]; limit: number; offset: number }>('/ill/requests', { query: { limit: pageSize, offset: (page - 1) * pageSize }, signal }),
    placeholderData: keepPreviousData,
  });
}

/** One request with its timeline and the actions the reader may take now. */
export function useRequest({ id }: { id: number }) {
  return useQuery({
    queryKey: ['my-requests', 'one', id],
    queryFn: ({ signal }) => api<IllRequest>(`/ill/requests/${id}`, { signal }),
    enabled: Number.isInteger(id) && id > 0,
  });
}

export function usePlaceRequest() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: NewRequest) => api<IllRequest>('/ill/requests', { method: 'POST', body }),
    onSuccess: (r) => {
      client.setQueryData(['my-requests', 'one', r.id], r);
      void client.invalidateQueries({ queryKey: ['my-requests', 'list'] });
    },
  });
}

/** The reader's actions on a request (cancel, …), as the API offers them. */
export function useRequestAction({ id }: { id: number }) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ action, note }: { action: string; note?: string }) =>
      api<IllRequest>(`/ill/requests/${id}/actions/${encodeURIComponent(action)}`, { method: 'POST', body: note ? { note } : {} }),
    onSuccess: (r) => {
      client.setQueryData(['my-requests', 'one', r.id], r);
      void client.invalidateQueries({ queryKey: ['my-requests', 'list'] });
    },
  });
}

export const requestsPageSize = pageSize;

/** A delivered copy of a request (document delivery): its signed download link while it works. */
export interface DeliveredCopy {
  copyId: number;
  downloadUrl: string | null;
  deliveredAt: string | null;
  expiresAt: string | null;
  downloadsLeft: number;
  maxDownloads: number;
  deleted: boolean;
}

/** The copy delivered for a copy request; `null` while none has been delivered (the API's 404). */
export function useDeliveredCopy({ id, wanted }: { id: number; wanted: boolean }) {
  return useQuery({
    queryKey: ['my-requests', 'copy', id],
    enabled: wanted,
    queryFn: async ({ signal }) => {
      try {
        return await api<DeliveredCopy>(`/ill/requests/${id}/copy`, { signal });
      } catch (err) {
        if (err instanceof ApiError && err.status === 404) return null;
        throw err;
      }
    },
  });
}
