import type { Grant } from '../../session';
import type { DeskSide } from './use-desk';

/**
 * The libraries whose desk an account works (lending, borrowing, or the catalogue): those where
 * it holds that permission, or `'all'` for a network administrator (who then names the library).
 */
export function deskLibraries(grants: Grant[], side: DeskSide | 'catalogue'): string[] | 'all' {
  if (grants.some((g) => g.role === 'network-admin')) return 'all';
  return [...new Set(grants.filter((g) => g.library && g.permissions.includes(side)).map((g) => g.library!))];
}
