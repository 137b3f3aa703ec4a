import type { Db } from '../../platform/db/index.js';
import { isSqlState, SqlState } from '../../platform/db/index.js';
import type { Permission, Role } from '../../platform/http/access.js';
import { hashSecret, newSecret } from './domain/secrets.js';
import { IdentityErrors } from './errors.js';
import { identityStore } from './store.js';

export interface GrantInput {
  role: Role;
  library?: string;
  alliance?: string;
  /** For library staff: which of catalogue, lending, borrowing, statistics, library-admin. */
  permissions?: Permission[];
}

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

/** Creates an account with its role grants, in one transaction. */
export async function createAccount(
  db: Db,
  input: { email: string; displayName?: string; passwordHash?: string | null; grants: GrantInput[] },
): Promise<{ userId: number }> {
  return db.transaction(async (tx) => {
    let user;
    try {
      user = await identityStore.insertUser(tx, { email: input.email, displayName: input.displayName ?? input.email, passwordHash: input.passwordHash ?? null });
    } catch (err) {
      if (isSqlState(err, SqlState.uniqueViolation)) throw IdentityErrors.EMAIL_TAKEN({ email: input.email });
      throw err;
    }
    for (const g of input.grants) {
      const ok = await identityStore.insertGrant(tx, { userId: user.id, role: g.role, library: g.library, alliance: g.alliance, permissions: permissionsOf(g) });
      if (!ok) throw IdentityErrors.SCOPE_NOT_FOUND({ kind: g.library ? 'library' : 'alliance', name: g.library ?? g.alliance });
    }
    return { userId: user.id };
  });
}

/** Issues an API token for an account; the secret is returned once and only its hash is kept. */
export async function issueToken(
  db: Db,
  input: { userId: number; name: string; scopes?: Permission[]; expiresAt?: Date },
): Promise<{ id: number; token: string; expiresAt: Date | null }> {
  const token = newSecret('al');
  const row = await identityStore.insertToken(db, {
    userId: input.userId,
    name: input.name,
    tokenHash: hashSecret(token),
    scopes: input.scopes ?? null,
    expiresAt: input.expiresAt ?? null,
  });
  return { id: row.id, token, expiresAt: row.expires_at };
}
