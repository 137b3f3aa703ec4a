import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../shared/api';
import type { Grant } from '../../session';

export interface Account {
  id: number;
  email: string;
  displayName: string;
  disabled: boolean;
  grants: Grant[];
}

/** A role to give (the API's GrantInput): readers and staff in a library, alliance staff in an alliance, network administrators everywhere. */
export type GrantInput =
  | { role: 'reader'; library: string }
  | { role: 'library-staff'; library: string; permissions?: string[] }
  | { role: 'alliance-staff'; alliance: string }
  | { role: 'network-admin' };

export const staffPermissions = ['catalogue', 'lending', 'borrowing', 'statistics', 'library-admin'] as const;

/** A grant as shown, as the API takes it back (PUT …/grants sets the roles within the caller's administration). */
export function grantInputOf(g: Grant): GrantInput {
  switch (g.role) {
    case 'reader':
      return { role: 'reader', library: g.library! };
    case 'library-staff':
      return { role: 'library-staff', library: g.library!, permissions: g.permissions.filter((p) => (staffPermissions as readonly string[]).includes(p)) };
    case 'alliance-staff':
      return { role: 'alliance-staff', alliance: g.alliance! };
    case 'network-admin':
      return { role: 'network-admin' };
  }
}

export const sameGrant = (a: Grant, b: Grant) => a.role === b.role && (a.library ?? '') === (b.library ?? '') && (a.alliance ?? '') === (b.alliance ?? '');

/** Accounts: every one for a network administrator (GET /users), a library's for its administrators (GET /libraries/{symbol}/users). */
export function useAccounts({ q, library }: { q: string; library: string | null }) {
  return useQuery({
    queryKey: ['admin', 'accounts', q, library],
    queryFn: ({ signal }) =>
      api<{ items: Account[]; next: number | null }>(library ? `/libraries/${encodeURIComponent(library)}/users` : '/users', { query: { q: q.trim() || undefined, limit: 50 }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useSetGrants() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, grants }: { id: number; grants: GrantInput[] }) => api<Account>(`/users/${id}/grants`, { method: 'PUT', body: { grants } }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['admin', 'accounts'] }),
  });
}
