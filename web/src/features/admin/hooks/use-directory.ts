import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../shared/api';

/** The directory's entries as the API answers them (docs/network-format.md). */
export type Localized = { zh: string; en: string };

export interface LibrarySummary {
  symbol: string;
  name: Localized;
  type: string;
  province: string;
  provinceName: Localized;
  city?: Localized;
}

export interface AllianceSummary {
  code: string;
  name: Localized;
  kind: string;
  tier: string;
  parent?: string;
  managementCentre?: string;
  province?: string;
  memberCount: number;
}

export interface GovernanceBody {
  body: string;
  name?: Localized;
  seats?: { position: string; library?: string; person?: string; termStart?: string; termEnd?: string }[];
}

export interface AllianceView extends Omit<AllianceSummary, 'memberCount'> {
  founded?: number;
  statedMemberCount?: number;
  organisationModel?: string;
  managementModel?: string;
  website?: string;
  description?: Localized;
  provinceName?: Localized;
  members: { library: string; libraryName: Localized; role: string; joined?: string }[];
  governance: GovernanceBody[];
  children: string[];
}

export interface Fees {
  currency: string;
  loan?: number;
  copyPerPage?: number;
  copyMinimum?: number;
}

export interface Agreement {
  code: string;
  name: Localized;
  parties: { library?: string; alliance?: string }[];
  feesWaived?: boolean;
  fees?: Fees;
  subsidyRate?: number;
  turnaroundDays?: number;
  validFrom: string;
  validTo?: string;
}

interface Page<T> {
  items: T[];
  total: number;
}

export const pageSize = 25;

/** One page of the directory's libraries, filtered (the list of the administration). */
export function useLibraryPage(filter: { q?: string; type?: string; province?: string; alliance?: string; offset: number }) {
  return useQuery({
    queryKey: ['admin', 'libraries', filter],
    queryFn: ({ signal }) => api<Page<LibrarySummary>>('/libraries', { query: { ...filter, limit: pageSize }, signal }),
    placeholderData: keepPreviousData,
  });
}

/** The provinces of ISO 3166-2:CN with their names. */
export function useProvinces() {
  return useQuery({
    queryKey: ['provinces'],
    queryFn: ({ signal }) => api<{ code: string; name: Localized }[]>('/provinces', { signal }),
    staleTime: Infinity,
  });
}

export function useAlliances() {
  return useQuery({
    queryKey: ['admin', 'alliances'],
    queryFn: ({ signal }) => api<Page<AllianceSummary>>('/alliances', { query: { limit: 500 }, signal }).then((p) => p.items),
  });
}

export function useAlliance(code: string | undefined) {
  return useQuery({
    queryKey: ['admin', 'alliance', code],
    enabled: Boolean(code),
    queryFn: ({ signal }) => api<AllianceView>(`/alliances/${encodeURIComponent(code!)}`, { signal }),
  });
}

export function useAgreements(filter: { alliance?: string; library?: string }) {
  return useQuery({
    queryKey: ['admin', 'agreements', filter],
    queryFn: ({ signal }) => api<Page<Agreement>>('/agreements', { query: { ...filter, limit: 500 }, signal }).then((p) => p.items),
  });
}

export function useAddAgreement() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Agreement) => api<Agreement>('/agreements', { method: 'POST', body }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['admin', 'agreements'] }),
  });
}

/** Adding, changing and removing an alliance's members (its administrators). */
export function useMemberChanges(code: string) {
  const client = useQueryClient();
  const done = () => void client.invalidateQueries({ queryKey: ['admin', 'alliance', code] });
  const path = `/alliances/${encodeURIComponent(code)}/members`;
  return {
    add: useMutation({
      mutationFn: (body: { library: string; role: string; joined?: string }) => api(path, { method: 'POST', body }),
      onSuccess: done,
    }),
    changeRole: useMutation({
      mutationFn: ({ symbol, role }: { symbol: string; role: string }) => api(`${path}/${encodeURIComponent(symbol)}`, { method: 'PATCH', body: { role } }),
      onSuccess: done,
    }),
    remove: useMutation({
      mutationFn: (symbol: string) => api(`${path}/${encodeURIComponent(symbol)}`, { method: 'DELETE' }),
      onSuccess: done,
    }),
  };
}
