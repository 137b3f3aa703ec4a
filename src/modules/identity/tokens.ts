import type { Db, Queryable } from '../../platform/db/index.js';
import { PlatformErrors } from '../../platform/errors/index.js';
import type { Permission } from '../../platform/http/access.js';
import { recordAudit } from './audit.js';
import type { RequestContext } from './context.js';
import { heldPermissions, isNetworkAdmin } from './domain/grants.js';
import { hashSecret, newSecret } from './domain/secrets.js';
import { IdentityErrors } from './errors.js';
import { onField } from './password-rules.js';
import { identityStore, type TokenRow } from './store.js';

/** How long a token lives when its maker names no expiry, and the longest it may live. */
export const tokenLifetime = { defaultDays: 90, maxDays: 366 } as const;

export const defaultTokenExpiry = (now = new Date()): Date => new Date(now.getTime() + tokenLifetime.defaultDays * 86_400_000);

/** A token as made: its secret is in this object and nowhere else. */
export interface IssuedToken {
  id: number;
  token: string;
  expiresAt: Date | null;
}

/**
 * Issues an API token for an account; the secret is returned once and only its hash is kept.
 * No checks: for tests and trusted callers. The API's way is `createToken`.
 */
export async function issueToken(db: Queryable, input: { userId: number; name: string; scopes?: Permission[]; expiresAt?: Date }): Promise<IssuedToken> {
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

/** Issues a token inside the caller's transaction and records it in the audit log. */
export async function issueTokenIn(
  tx: Queryable,
  input: { userId: number; name: string; scopes: Permission[] | null; expiresAt: Date },
  ctx: Partial<RequestContext>,
): Promise<IssuedToken> {
  const issued = await issueToken(tx, { ...input, scopes: input.scopes ?? undefined });
  await recordAudit(tx, {
    actor: ctx.actor,
    action: 'token.create',
    target: `token:${issued.id}`,
    details: { userId: input.userId, name: input.name, scopes: input.scopes, expiresAt: input.expiresAt.toISOString() },
    ip: ctx.ip,
    requestId: ctx.requestId,
  });
  return issued;
}

/**
 * The signed-in person makes a token for their own account. Its scopes may only narrow what
 * they may do (a token made with a narrowed token is narrowed as much); it always expires.
 */
export async function createToken(
  db: Db,
  ctx: RequestContext,
  input: { name: string; scopes?: Permission[]; expiresAt?: Date },
  now = new Date(),
): Promise<IssuedToken & { name: string; scopes: Permission[] | null }> {
  const actor = ctx.actor;
  if (!actor) throw PlatformErrors.UNAUTHENTICATED();
  if (actor.via === 'local') throw IdentityErrors.ACCOUNT_REQUIRED();
  const held = heldPermissions(actor);
  const missing = (input.scopes ?? []).findIndex((s) => !held.has(s));
  if (missing >= 0) throw onField(IdentityErrors.TOKEN_SCOPE_NOT_HELD, `scopes[${missing}]`, ctx.locale, { permission: input.scopes![missing] });
  const expiresAt = input.expiresAt ?? defaultTokenExpiry(now);
  const latest = now.getTime() + tokenLifetime.maxDays * 86_400_000;
  if (expiresAt.getTime() <= now.getTime() || expiresAt.getTime() > latest) {
    throw onField(IdentityErrors.TOKEN_EXPIRY_INVALID, 'expiresAt', ctx.locale, { maxDays: tokenLifetime.maxDays });
  }
  const scopes = input.scopes ? [...new Set(input.scopes)] : (actor.scopes ?? null);
  const issued = await db.transaction((tx) => issueTokenIn(tx, { userId: actor.userId, name: input.name, scopes, expiresAt }, ctx));
  return { ...issued, name: input.name, scopes };
}

/** The signed-in person's tokens, without their secrets (which are not kept). */
export async function listTokens(db: Db, userId: number): Promise<TokenRow[]> {
  return identityStore.tokensOf(db, userId);
}

/** Revokes a token of one's own (a network administrator: anyone's). Revoking twice is harmless. */
export async function revokeToken(db: Db, ctx: RequestContext, id: number): Promise<void> {
  const actor = ctx.actor;
  if (!actor) throw PlatformErrors.UNAUTHENTICATED();
  const token = await identityStore.tokenById(db, id);
  if (!token || (token.user_id !== actor.userId && !isNetworkAdmin(actor))) throw IdentityErrors.TOKEN_NOT_FOUND({ id });
  if (token.revoked_at) return;
  await db.transaction(async (tx) => {
    await identityStore.revokeToken(tx, id);
    await recordAudit(tx, { actor, action: 'token.revoke', target: `token:${id}`, details: { userId: token.user_id, name: token.name }, ip: ctx.ip, requestId: ctx.requestId });
  });
}
