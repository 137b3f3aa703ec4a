import type { Grant } from '../../session';

/**
 * What an account administers, from its grants (the server decides again on every call):
 * a network administrator everything; alliance staff their alliances; a library's
 * administrators (`library-admin`) their library; `statistics` the dashboard.
 */
export interface AdminAccess {
  network: boolean;
  alliances: string[];
  libraryAdmin: string[];
  statistics: string[] | 'all';
}

export function adminAccessOf(grants: readonly Grant[]): AdminAccess {
  const network = grants.some((g) => g.role === 'network-admin');
  const libs = (perm: string) => [...new Set(grants.filter((g) => g.library && g.permissions.includes(perm)).map((g) => g.library!))];
  const alliances = [...new Set(grants.filter((g) => g.alliance && g.permissions.includes('alliance-admin')).map((g) => g.alliance!))];
  return { network, alliances, libraryAdmin: libs('library-admin'), statistics: network ? 'all' : libs('statistics') };
}

/** Whether the account sees the administration area at all. */
export const administers = (a: AdminAccess): boolean => a.network || a.alliances.length > 0 || a.libraryAdmin.length > 0;
/** Whether the account sees the statistics dashboard: `statistics` in a library or an alliance. */
export const seesStatistics = (a: AdminAccess, grants: readonly Grant[]): boolean =>
  a.statistics === 'all' || a.statistics.length > 0 || grants.some((g) => g.alliance && g.permissions.includes('statistics'));
