import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../shared/api';
import type { RequestAction, TimelineEvent } from '../../requests';
import type { Conditions } from '../domain/conditions-draft';
import type { OfferedTerms } from '../domain/offered-terms';

/** The two interlibrary loan desks of a library: lending (others ask us) and borrowing (our readers ask others). */
export type DeskSide = 'lending' | 'borrowing';

/** A request as a desk's queue lists it: the lending side's supply, or the borrowing side's request. */
export interface DeskItem {
  id: number;
  state: string;
  stateLabel: string;
  title: string;
  author: string | null;
  /** This desk's library: the lender (lending desk) or the borrower (borrowing desk). */
  library: string;
  /** The other library: who asks (lending desk) or who lends (borrowing desk). */
  partner: string | null;
  reader: string | null;
  neededBy: string | null;
  dueDate: string | null;
  createdAt: string;
  /**
   * The last RetryPossible with its note: at the borrowing desk the lender's, while the request
   * waits for the desk's answer (`conditional-answer`); at the lending desk its own offer, while it
   * waits for the borrower's (`awaiting-conditions`).
   */
  offeredConditions: OfferedTerms | null;
  timeline: TimelineEvent[];
  actions: RequestAction[];
}

interface Supply {
  id: number;
  state: string;
  stateLabel: string;
  lendingLibrary: string;
  borrowingLibrary: string;
  title: string;
  author: string | null;
  neededBy: string | null;
  dueDate: string | null;
  offeredConditions?: OfferedTerms | null;
  timeline?: TimelineEvent[];
  actions?: RequestAction[];
  createdAt: string;
}

interface Borrowing {
  id: number;
  state: string;
  stateLabel: string;
  borrowingLibrary: string;
  lender: string | null;
  reader: { id: number; name: string };
  citation: { title: string; author: string | null; articleTitle: string | null };
  neededBy: string | null;
  dueDate: string | null;
  offeredConditions?: OfferedTerms | null;
  timeline?: TimelineEvent[];
  actions?: RequestAction[];
  createdAt: string;
}

const fromSupply = (s: Supply): DeskItem => ({
  id: s.id, state: s.state, stateLabel: s.stateLabel, title: s.title, author: s.author, library: s.lendingLibrary, partner: s.borrowingLibrary, reader: null,
  neededBy: s.neededBy, dueDate: s.dueDate, createdAt: s.createdAt, offeredConditions: s.offeredConditions ?? null, timeline: s.timeline ?? [], actions: s.actions ?? [],
});
const fromBorrowing = (r: Borrowing): DeskItem => ({
  id: r.id, state: r.state, stateLabel: r.stateLabel, title: r.citation.articleTitle ?? r.citation.title, author: r.citation.author, library: r.borrowingLibrary, partner: r.lender,
  reader: r.reader.name, neededBy: r.neededBy, dueDate: r.dueDate, createdAt: r.createdAt,
  offeredConditions: r.offeredConditions ?? null, timeline: r.timeline ?? [], actions: r.actions ?? [],
});

/** Where each desk's API is: the queue, one item, its actions. */
const paths = {
  lending: { queue: '/ill/lending', item: (id: number) => `/ill/supplier/${id}`, convert: (x: unknown) => fromSupply(x as Supply) },
  borrowing: { queue: '/ill/borrowing', item: (id: number) => `/ill/requests/${id}`, convert: (x: unknown) => fromBorrowing(x as Borrowing) },
} as const;

/** A desk's queue, optionally of one state, newest first. */
export function useDeskQueue({ side, library, state }: { side: DeskSide; library: string | null; state: string }) {
  return useQuery({
    queryKey: ['desk', side, 'queue', library, state],
    enabled: Boolean(library),
    placeholderData: keepPreviousData,
    queryFn: async ({ signal }) => {
      const page = await api<{ items: unknown[] }>(paths[side].queue, { query: { library, state: state || undefined, limit: 100 }, signal });
      return page.items.map(paths[side].convert);
    },
  });
}

export function useDeskItem({ side, id }: { side: DeskSide; id: number }) {
  return useQuery({
    queryKey: ['desk', side, 'item', id],
    enabled: Number.isInteger(id) && id > 0,
    queryFn: async ({ signal }) => paths[side].convert(await api<unknown>(paths[side].item(id), { signal })),
  });
}

export interface DeskActionInput {
  action: string;
  note?: string;
  dueDate?: string;
  reasonUnfilled?: string;
  /** offer-conditions: ISO 18626 reasonRetry and the changed terms (retryInfo). */
  reasonRetry?: string;
  conditions?: Conditions;
  /** ship-forward: the next holder's symbol. */
  forwardTo?: string;
}

/** One step at the desk; the answer is the item as it is now, and the queues are asked again. */
export function useDeskAction({ side, id }: { side: DeskSide; id: number }) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ action, ...body }: DeskActionInput) => api<unknown>(`${paths[side].item(id)}/actions/${encodeURIComponent(action)}`, { method: 'POST', body }),
    onSuccess: (answer) => {
      client.setQueryData(['desk', side, 'item', id], paths[side].convert(answer));
      void client.invalidateQueries({ queryKey: ['desk', side, 'queue'] });
      // A step sends a message (an offer's RetryPossible, a ShippedForward): the log shows it.
      void client.invalidateQueries({ queryKey: ['desk', side, 'messages', id] });
    },
  });
}

export type ScanAction = 'mark-picked' | 'ship' | 'check-in' | 'deliver-copy';

/** The lending desk's scanner: a pull slip's barcode (LEND-<id>) and the step it stands for. */
export function useScan() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { barcode: string; action: ScanAction; dueDate?: string }) => api<unknown>('/ill/lending/scan', { method: 'POST', body }).then(paths.lending.convert),
    onSuccess: (item) => {
      client.setQueryData(['desk', 'lending', 'item', item.id], item);
      void client.invalidateQueries({ queryKey: ['desk', 'lending', 'queue'] });
    },
  });
}

/** The lender's scan of a copy request (a PDF), uploaded before `deliver-copy`; a second upload replaces the first. */
export function useUploadScan({ id }: { id: number }) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return api<{ copyId: number; size: number; sha256: string }>(`/ill/supplier/${id}/copy`, { method: 'POST', body: form });
    },
    onSuccess: () => void client.invalidateQueries({ queryKey: ['desk', 'lending', 'item', id] }),
  });
}
