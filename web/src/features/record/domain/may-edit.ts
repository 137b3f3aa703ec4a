/** A role grant as the session lists it. */
interface GrantLike {
  role: string;
  library?: string | null;
  alliance?: string | null;
  permissions: string[];
}

/**
 * Whether the account may edit a library's records: `catalogue` in that library (a network
 * administrator too). The server decides; this only spares others a form they cannot save.
 */
export function mayCatalogue(grants: readonly GrantLike[], library: string): boolean {
  return grants.some((g) => g.role === 'network-admin' || (g.library === library && g.permissions.includes('catalogue')));
}

/** Whether the account does cataloguing anywhere (the staff parts of a cluster page). */
export function isCataloguer(grants: readonly GrantLike[]): boolean {
  return grants.some((g) => g.role === 'network-admin' || g.permissions.includes('catalogue'));
}
