import { permissions as allPermissions, type Permission, type Principal, type Role, type RoleGrant } from '../../../platform/http/access.js';
import { hasPermission } from '../../../platform/http/authorize.js';

/** A role to give an account, in the scope of a library (symbol) or an alliance (code). */
export interface GrantInput {
  role: Role;
  library?: string;
  alliance?: string;
  /** For library staff: which of catalogue, lending, borrowing, statistics, library-admin. */
  permissions?: Permission[];
}

/** What library staff may be given, one by one (issue 2: "catalogue, lending, borrowing, statistics as separate permissions"). */
export const staffPermissions = ['catalogue', 'lending', 'borrowing', 'statistics', 'library-admin'] as const satisfies readonly Permission[];

/** The permissions a role carries besides those granted one by one to library staff. */
export function permissionsOf(grant: GrantInput): Permission[] {
  switch (grant.role) {
    case 'network-admin':
      return ['network-admin'];
    case 'alliance-staff':
      return ['alliance-admin', 'statistics'];
    case 'reader':
      return ['reader'];
    case 'library-staff':
      return grant.permissions?.length ? [...new Set(grant.permissions)] : ['catalogue', 'lending', 'borrowing', 'statistics'];
  }
}

/** True for a network administrator (and for a token of one that is not narrowed below it). */
export const isNetworkAdmin = (p: Principal): boolean => hasPermission(p, 'network-admin');

/**
 * Whether `p` may give or take away this grant: a network administrator any; a library's
 * administrator the roles of that library (reader, staff); an alliance's administrator the staff
 * roles of that alliance. Nobody but a network administrator makes another one.
 */
export function mayGrant(p: Principal, g: Pick<GrantInput, 'role' | 'library' | 'alliance'>): boolean {
  if (isNetworkAdmin(p)) return true;
  switch (g.role) {
    case 'network-admin':
      return false;
    case 'reader':
    case 'library-staff':
      return g.library !== undefined && hasPermission(p, 'library-admin', { library: g.library });
    case 'alliance-staff':
      return g.alliance !== undefined && hasPermission(p, 'alliance-admin', { alliance: g.alliance });
  }
}

/**
 * Whether `p` manages the account holding `grants` — may disable it: only when every one of its
 * roles lies within what `p` administers, so a library cannot lock out another library's staff
 * or a network administrator who happens to be its reader.
 */
export function managesAccount(p: Principal, grants: RoleGrant[]): boolean {
  if (isNetworkAdmin(p)) return true;
  return grants.length > 0 && grants.every((g) => mayGrant(p, g));
}

/** The grants of an account that `p` may see: all for a network administrator or the account itself, else those it administers. */
export function visibleGrants(p: Principal, userId: number, grants: RoleGrant[]): RoleGrant[] {
  if (isNetworkAdmin(p) || p.userId === userId) return grants;
  return grants.filter((g) => mayGrant(p, g));
}

/** Whether `p` may see the account at all: itself, or an account with a role `p` administers. */
export function seesAccount(p: Principal, userId: number, grants: RoleGrant[]): boolean {
  return isNetworkAdmin(p) || p.userId === userId || grants.some((g) => mayGrant(p, g));
}

/**
 * The grants an account has after `p` sets them to `requested`: what lies outside `p`'s
 * administration stays as it was, the rest becomes `requested`. `refused` lists requested grants
 * `p` may not give.
 */
export function replaceGrants(p: Principal, current: RoleGrant[], requested: GrantInput[]): { next: GrantInput[]; refused: GrantInput[] } {
  const refused = requested.filter((g) => !mayGrant(p, g));
  const kept = current.filter((g) => !mayGrant(p, g));
  return { next: [...kept, ...requested], refused };
}

const key = (g: Pick<GrantInput, 'role' | 'library' | 'alliance'>) => `${g.role}|${g.library ?? ''}|${g.alliance ?? ''}`;

/** What changed between two sets of grants, for the audit log: roles added, removed, and with other permissions. */
export function grantChanges(before: RoleGrant[], after: RoleGrant[]): { added: RoleGrant[]; removed: RoleGrant[]; changed: RoleGrant[] } {
  const old = new Map(before.map((g) => [key(g), g]));
  const now = new Map(after.map((g) => [key(g), g]));
  const samePermissions = (a: RoleGrant, b: RoleGrant) => [...a.permissions].sort().join() === [...b.permissions].sort().join();
  return {
    added: after.filter((g) => !old.has(key(g))),
    removed: before.filter((g) => !now.has(key(g))),
    changed: after.filter((g) => old.has(key(g)) && !samePermissions(old.get(key(g))!, g)),
  };
}

/**
 * Every permission `p` holds somewhere (all of them for a network administrator), narrowed by
 * its token's scopes: what a new API token may be given.
 */
export function heldPermissions(p: Principal): Set<Permission> {
  const held = p.grants.some((g) => g.role === 'network-admin') ? new Set<Permission>(allPermissions) : new Set(p.grants.flatMap((g) => g.permissions));
  if (p.scopes && !p.scopes.includes('network-admin')) for (const perm of [...held]) if (!p.scopes.includes(perm)) held.delete(perm);
  return held;
}
