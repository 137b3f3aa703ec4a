import type { FastifyRequest } from 'fastify';
import type { AccessRule, Permission, Principal } from './access.js';

export type AccessDecision = { allowed: true } | { allowed: false; reason: 'unauthenticated' | 'forbidden'; permission: string };

/**
 * Decides a route's access rule for a principal. Pure: the scope (library symbol, alliance code)
 * comes from the request through the rule, the grants from the principal. A library's staff
 * hold their permissions for their own library only; an alliance's staff for that alliance.
 */
export function decide(rule: AccessRule, principal: Principal | undefined, req: FastifyRequest): AccessDecision {
  if (rule === 'public') return { allowed: true };
  const wanted: readonly Permission[] = rule === 'signed-in' ? [] : typeof rule.permission === 'string' ? [rule.permission] : rule.permission;
  const named = rule === 'signed-in' ? 'signed-in' : wanted.join(' | ');
  if (!principal) return { allowed: false, reason: 'unauthenticated', permission: named };
  if (rule === 'signed-in') return { allowed: true };
  const scope = { library: rule.library?.(req), alliance: rule.alliance?.(req) };
  return wanted.some((p) => hasPermission(principal, p, scope)) ? { allowed: true } : { allowed: false, reason: 'forbidden', permission: named };
}

/** Whether the principal holds `permission` in the scope of `library` or `alliance` (network-wide when neither). */
export function hasPermission(principal: Principal, permission: Permission, scope: { library?: string; alliance?: string } = {}): boolean {
  if (principal.scopes && !principal.scopes.includes(permission) && !principal.scopes.includes('network-admin')) return false;
  return principal.grants.some((g) => {
    if (g.role === 'network-admin') return true;
    if (!g.permissions.includes(permission)) return false;
    if (scope.library !== undefined && g.library === scope.library) return true;
    if (scope.alliance !== undefined && g.alliance === scope.alliance) return true;
    return false;
  });
}

/** The libraries in which the principal holds `permission` ('all' for a network administrator). */
export function librariesWith(principal: Principal | undefined, permission: Permission): string[] | 'all' {
  if (!principal) return [];
  // Scopes first, as in hasPermission: a network administrator's token narrowed to `catalogue` is not a key to everything.
  if (principal.scopes && !principal.scopes.includes(permission) && !principal.scopes.includes('network-admin')) return [];
  if (principal.grants.some((g) => g.role === 'network-admin')) return 'all';
  return principal.grants.filter((g) => g.library && g.permissions.includes(permission)).map((g) => g.library!);
}
