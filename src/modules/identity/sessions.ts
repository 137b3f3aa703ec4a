import { randomBytes } from 'node:crypto';
import type { Db, Queryable } from '../../platform/db/index.js';
import { PlatformErrors } from '../../platform/errors/index.js';
import type { Principal } from '../../platform/http/access.js';
import { accountView, type AccountView } from './account-view.js';
import { recordAudit } from './audit.js';
import type { RequestContext } from './context.js';
import { hashSecret, newSecret } from './domain/secrets.js';
import { defaultThrottlePolicy, throttleDecision, type ThrottlePolicy } from './domain/throttle.js';
import { IdentityErrors } from './errors.js';
import { dummyHash, hashPassword, needsRehash, verifyPassword } from './passwords.js';
import { sessionStore, type SessionLifetime } from './session-store.js';
import { identityStore, type UserRow } from './store.js';

/** A new session: `secret` goes into the cookie and nowhere else; the database keeps its hash. */
export interface NewSession {
  secret: string;
  csrfToken: string;
  expiresAt: Date;
  account: AccountView;
}

export interface SignInInput {
  email: string;
  password: string;
  ip?: string;
  userAgent?: string;
  requestId?: string;
  /** The configured session lifetime (default: 12 hours idle, 30 days at most). */
  lifetime?: SessionLifetime;
}

/**
 * Signs a person in with e-mail and password. Whatever goes wrong — no such account, a wrong
 * password, no password at all — the answer is the same LOGIN_FAILED after the same argon2 work,
 * so the answer does not tell which addresses have accounts. Too many failures, for the address
 * or from the client, and the answer is RATE_LIMITED with the seconds to wait, password unchecked.
 * Only a person who knows the password of a disabled account learns that it is disabled.
 */
export async function signIn(db: Db, input: SignInInput, policy: ThrottlePolicy = defaultThrottlePolicy): Promise<NewSession> {
  const ip = input.ip ?? null;
  const audit = { ip: input.ip, requestId: input.requestId };
  const attempt = await db.transaction(async (tx) => {
    await sessionStore.lockEmail(tx, input.email);
    const history = await sessionStore.attemptHistory(tx, {
      email: input.email,
      ip,
      windowSeconds: policy.windowSeconds,
      limit: Math.max(policy.maxPerAccount, policy.maxPerAddress),
    });
    const decision = throttleDecision(history, policy);
    if (!decision.allowed) return decision;
    // Counted as a failure until the password proves right: parallel guesses all count.
    return { allowed: true as const, id: await sessionStore.insertAttempt(tx, { email: input.email, ip }) };
  });
  // Not recorded: the failures that led here are, and an attack would otherwise write a row per request.
  if (!attempt.allowed) throw PlatformErrors.RATE_LIMITED({ seconds: attempt.retryAfterSeconds });

  const user = await identityStore.userByEmail(db, input.email);
  const ok = await verifyPassword(user?.password_hash ?? (await dummyHash()), input.password);
  if (!user || !user.password_hash || !ok) {
    await recordAudit(db, {
      actor: undefined,
      actorName: input.email,
      action: 'login.failed',
      target: user ? `user:${user.id}` : undefined,
      details: { reason: user ? 'password' : 'unknown-email' },
      ...audit,
    });
    throw IdentityErrors.LOGIN_FAILED();
  }
  if (user.disabled_at) {
    await recordAudit(db, { actor: undefined, actorName: user.email, action: 'login.failed', target: `user:${user.id}`, details: { reason: 'disabled' }, ...audit });
    throw IdentityErrors.ACCOUNT_DISABLED();
  }
  // A reader whom every library they read at has blocked, and who has no other role, is refused here
  // as at a federated sign-in; staff keep their way in (a block concerns their reading).
  const { rows: standing } = await db.query<{ blocked: boolean }>(
    `SELECT bool_and(r.blocked) AND NOT EXISTS (SELECT 1 FROM role_grants g WHERE g.user_id = $1 AND g.role <> 'reader') AS blocked
       FROM reader_profiles r WHERE r.user_id = $1`,
    [user.id],
  );
  if (standing[0]?.blocked) {
    await recordAudit(db, { actor: undefined, actorName: user.email, action: 'login.failed', target: `user:${user.id}`, details: { reason: 'reader-blocked' }, ...audit });
    throw IdentityErrors.READER_BLOCKED();
  }

  // Parameters raised since the hash was made: the password is at hand, so hash it anew.
  const rehash = needsRehash(user.password_hash) ? await hashPassword(input.password) : undefined;
  return db.transaction(async (tx) => {
    await sessionStore.markSucceeded(tx, attempt.id);
    if (rehash) await identityStore.setPassword(tx, user.id, rehash, user.must_change_password);
    return openSession(tx, user, { ip: input.ip, userAgent: input.userAgent, requestId: input.requestId, lifetime: input.lifetime, details: { via: 'password' } });
  });
}

/**
 * Opens a browser session for an account that has proved who it is (a password, or a federated
 * sign-in) and records the sign-in, in the caller's transaction.
 */
export async function openSession(
  tx: Queryable,
  user: UserRow,
  c: { ip?: string; userAgent?: string; requestId?: string; library?: string; lifetime?: SessionLifetime; details: Record<string, unknown> },
): Promise<NewSession> {
  const secret = newSecret('as');
  const csrfToken = randomBytes(32).toString('base64url');
  const session = await sessionStore.insertSession(tx, { idHash: hashSecret(secret), userId: user.id, csrfToken, ip: c.ip ?? null, userAgent: c.userAgent ?? null }, c.lifetime);
  const grants = await identityStore.grantsOf(tx, user.id);
  const principal: Principal = { userId: user.id, email: user.email, displayName: user.display_name, grants, via: 'session' };
  await recordAudit(tx, { actor: principal, action: 'login', target: `user:${user.id}`, library: c.library, details: c.details, ip: c.ip, requestId: c.requestId });
  return { secret, csrfToken, expiresAt: session.expires_at, account: accountView(user, grants) };
}

/** Ends the session the request came with (if any) and records it. */
export async function signOut(db: Db, ctx: RequestContext): Promise<void> {
  const actor = ctx.actor;
  if (!actor?.sessionId) return;
  await db.transaction(async (tx) => {
    await sessionStore.deleteSession(tx, actor.sessionId!);
    await recordAudit(tx, { actor, action: 'logout', target: `user:${actor.userId}`, ip: ctx.ip, requestId: ctx.requestId });
  });
}

/** Who is signed in: the account, its grants, and — for a browser session — its CSRF token and expiry. */
export async function currentSession(
  db: Db,
  actor: Principal,
): Promise<{ account: AccountView | null; grants: Principal['grants']; via: Principal['via']; csrfToken: string | null; expiresAt: Date | null }> {
  const user = actor.via === 'local' ? undefined : await identityStore.userById(db, actor.userId);
  const session = actor.sessionId ? await sessionStore.activeSession(db, actor.sessionId) : undefined;
  return {
    account: user ? accountView(user, actor.grants) : null,
    grants: actor.grants,
    via: actor.via,
    csrfToken: session?.csrf_token ?? null,
    expiresAt: session?.expires_at ?? null,
  };
}
