import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../shared/api';
import type { DeskSide } from './use-desk';

/** One ISO 18626 message of a request, as the desk lists it (the XML is fetched on demand). */
export interface DeskMessage {
  id: number;
  supplyId: number | null;
  direction: 'to-lender' | 'to-borrower';
  type: string;
  version: string;
  status: string | null;
  reason: string | null;
  outcome: string | null;
  transport: string;
  peer: string | null;
  at: string;
}

export interface DeskNote {
  id: number;
  library: string;
  author: string;
  text: string;
  at: string;
}

/** The borrowing desk's item is a request, the lending desk's a lending request: each has its own path. */
const base = (side: DeskSide, id: number) => (side === 'borrowing' ? `/ill/requests/${id}` : `/ill/supplier/${id}`);

export function useDeskMessages({ side, id }: { side: DeskSide; id: number }) {
  return useQuery({
    queryKey: ['desk', side, 'messages', id],
    queryFn: async ({ signal }) => (await api<{ items: DeskMessage[] }>(`${base(side, id)}/messages`, { signal })).items,
  });
}

/** One message's XML, only once the librarian asks to see it (the read is in the audit log). */
export function useMessageXml({ side, id, messageId, enabled }: { side: DeskSide; id: number; messageId: number; enabled: boolean }) {
  return useQuery({
    queryKey: ['desk', side, 'messages', id, messageId],
    enabled,
    staleTime: Infinity,
    queryFn: async ({ signal }) => (await api<{ xml: string }>(`${base(side, id)}/messages/${messageId}`, { signal })).xml,
  });
}

export function useDeskNotes({ side, id }: { side: DeskSide; id: number }) {
  return useQuery({
    queryKey: ['desk', side, 'notes', id],
    queryFn: async ({ signal }) => (await api<{ items: DeskNote[] }>(`${base(side, id)}/notes`, { signal })).items,
  });
}

/** Adds a note; its key makes a retry (the same note sent again) write it once. */
export function useAddNote({ side, id }: { side: DeskSide; id: number }) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { text: string; key: string }) => api<DeskNote>(`${base(side, id)}/notes`, { method: 'POST', body }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['desk', side, 'notes', id] }),
  });
}
