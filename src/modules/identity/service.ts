import type { Db, Queryable } from '../../platform/db/index.js';
import { isSqlState, SqlState } from '../../platform/db/index.js';
import { PlatformErrors } from '../../platform/errors/index.js';
import type { Principal, RoleGrant } from '../../platform/http/access.js';
import type { Locale } from '../../platform/i18n.js';
import { accountView, type AccountView } from './account-view.js';
import { recordAudit, recordAuditPerScope } from './audit.js';
import type { RequestContext } from './context.js';
import { grantChanges, isNetworkAdmin, managesAccount, mayGrant, permissionsOf, replaceGrants, seesAccount, visibleGrants, type GrantInput } from './domain/grants.js';
import { IdentityErrors } from './errors.js';
import { assertPasswordAcceptable, onField } from './password-rules.js';
import { hashPassword, oneTimePassword, verifyPassword } from './passwords.js';
import { identityStore, type UserRow } from './store.js';
import { sessionStore } from './session-store.js';
import { defaultTokenExpiry, issueTokenIn, type IssuedToken } from './tokens.js';

export { permissionsOf, type GrantInput };

export interface NewAccount {
  email: string;
  displayName?: string;
  locale?: 'zh-CN' | 'en';
  /** A password in clear: checked against the policy and stored as an argon2id hash. */
  password?: string;
  /** A password already hashed (tests); ignored when `password` is given. */
  passwordHash?: string | null;
  /** The password was handed out by someone else: the first sign-in must replace it. */
  mustChangePassword?: boolean;
  grants: GrantInput[];
}

/**
 * Creates an account with its role grants in one transaction and records it in the audit log
 * (by `ctx.actor`, or as the system). The demo loader and tests use it directly; the API and the
 * CLI go through `addAccount`, which first checks that the actor may give those roles.
 */
export async function createAccount(db: Db, input: NewAccount, ctx: Partial<RequestContext> = {}): Promise<{ userId: number }> {
  const passwordHash = await passwordHashFor(input, ctx);
  const { user } = await db.transaction((tx) => insertAccount(tx, { ...input, passwordHash }, ctx));
  return { userId: user.id };
}

async function passwordHashFor(input: NewAccount, ctx: Partial<RequestContext>): Promise<string | null> {
  if (input.password === undefined) return input.passwordHash ?? null;
  assertPasswordAcceptable(input.password, input.email, 'password', ctx.locale ?? 'en');
  return hashPassword(input.password);
}

async function insertAccount(
  tx: Queryable,
  input: Omit<NewAccount, 'password'> & { passwordHash: string | null },
  ctx: Partial<RequestContext>,
): Promise<{ user: UserRow }> {
  let user: UserRow;
  try {
    user = await identityStore.insertUser(tx, {
      email: input.email,
      displayName: input.displayName ?? input.email,
      passwordHash: input.passwordHash,
      locale: input.locale,
      mustChangePassword: input.mustChangePassword,
    });
  } catch (err) {
    if (isSqlState(err, SqlState.uniqueViolation)) throw onField(IdentityErrors.EMAIL_TAKEN, 'email', ctx.locale ?? 'en', { email: input.email });
    throw err;
  }
  await insertGrants(tx, user.id, input.grants, ctx.locale ?? 'en');
  await recordAuditPerScope(
    tx,
    {
      actor: ctx.actor,
      action: 'user.create',
      target: `user:${user.id}`,
      details: { email: user.email, grants: input.grants.map((g) => ({ ...g, permissions: permissionsOf(g) })) },
      ip: ctx.ip,
      requestId: ctx.requestId,
    },
    input.grants,
  );
  return { user };
}

async function insertGrants(tx: Queryable, userId: number, grants: GrantInput[], locale: Locale): Promise<void> {
  for (const [i, g] of grants.entries()) {
    const ok = await identityStore.insertGrant(tx, { userId, role: g.role, library: g.library, alliance: g.alliance, permissions: permissionsOf(g) });
    if (!ok) {
      const [kind, name] = g.library ? ['library', g.library] : ['alliance', g.alliance];
      throw onField(IdentityErrors.SCOPE_NOT_FOUND, `grants[${i}].${kind}`, locale, { kind, name });
    }
  }
}

/** How a new account will sign in: a one-time password made here, a chosen password, or an API token (a system). */
export type Credential = { kind: 'one-time-password' } | { kind: 'password'; password: string } | { kind: 'api-token'; name?: string; expiresAt?: Date };

export interface AddedAccount {
  account: AccountView;
  /** Shown once: the account must replace it at its first sign-in. */
  oneTimePassword?: string;
  /** Shown once. */
  apiToken?: IssuedToken;
}

/**
 * An administrator adds an account: a network administrator any, a library's administrator
 * readers and staff of that library only (and an alliance's, staff of that alliance).
 */
export async function addAccount(
  db: Db,
  ctx: RequestContext,
  input: { email: string; displayName?: string; locale?: 'zh-CN' | 'en'; grants: GrantInput[]; credential: Credential },
): Promise<AddedAccount> {
  const actor = signedIn(ctx);
  if (input.grants.length === 0 && !isNetworkAdmin(actor)) throw PlatformErrors.FORBIDDEN({ permission: 'network-admin' });
  assertMayGrant(actor, input.grants, ctx.locale);
  const c = input.credential;
  const password = c.kind === 'one-time-password' ? oneTimePassword() : c.kind === 'password' ? c.password : undefined;
  if (c.kind === 'password') assertPasswordAcceptable(c.password, input.email, 'credential.password', ctx.locale);
  const passwordHash = password === undefined ? null : await hashPassword(password);
  return db.transaction(async (tx) => {
    const { user } = await insertAccount(tx, { ...input, passwordHash, mustChangePassword: c.kind === 'one-time-password' }, ctx);
    const apiToken =
      c.kind === 'api-token'
        ? await issueTokenIn(tx, { userId: user.id, name: c.name ?? 'api', scopes: null, expiresAt: c.expiresAt ?? defaultTokenExpiry() }, ctx)
        : undefined;
    return {
      account: accountView(user, await identityStore.grantsOf(tx, user.id)),
      ...(c.kind === 'one-time-password' ? { oneTimePassword: password } : {}),
      ...(apiToken ? { apiToken } : {}),
    };
  });
}

function assertMayGrant(actor: Principal, grants: GrantInput[], locale: Locale): void {
  const refused = grants.flatMap((g, i) => (mayGrant(actor, g) ? [] : [{ g, i }]));
  if (refused.length === 0) return;
  const params = (g: GrantInput) => ({ role: g.role, scope: g.library ?? g.alliance ?? 'network' });
  const fields = refused.flatMap(({ g, i }) => onField(IdentityErrors.GRANT_NOT_ALLOWED, `grants[${i}]`, locale, params(g)).fields);
  throw IdentityErrors.GRANT_NOT_ALLOWED(params(refused[0]!.g), fields);
}

export function signedIn(ctx: RequestContext): Principal {
  if (!ctx.actor) throw PlatformErrors.UNAUTHENTICATED();
  return ctx.actor;
}

/** The account and its grants, when `actor` may see it; otherwise "no such account", so ids reveal nothing. */
async function visibleAccount(db: Queryable, actor: Principal, id: number): Promise<{ user: UserRow; grants: RoleGrant[] }> {
  const user = await identityStore.userById(db, id);
  const grants = user ? await identityStore.grantsOf(db, id) : [];
  if (!user || !seesAccount(actor, id, grants)) throw IdentityErrors.USER_NOT_FOUND({ id });
  return { user, grants };
}

/** One account, with the grants the actor may see. */
export async function getAccount(db: Db, actor: Principal, id: number, at: { ip?: string; requestId?: string } = {}): Promise<AccountView> {
  const { user, grants } = await visibleAccount(db, actor, id);
  // Someone else's account is personal data: every such read is in the audit log (issue 6).
  if (actor.userId !== id) await recordAudit(db, { actor, action: 'user.read', target: `user:${id}`, ...at });
  return accountView(user, visibleGrants(actor, id, grants));
}

/**
 * A page of accounts: all of them, or those with a role in one library. The route's access rule
 * has already decided that the actor may list them; grants outside the actor's administration are left out.
 */
export async function listAccounts(
  db: Db,
  actor: Principal,
  f: { library?: string; q?: string; disabled?: boolean; after?: number; limit: number },
  at: { ip?: string; requestId?: string } = {},
): Promise<{ items: AccountView[]; next: number | null }> {
  const q = f.q?.replace(/[\\%_]/g, '\\$&');
  const users = await identityStore.listUsers(db, { library: f.library, q, disabled: f.disabled, afterId: f.after, limit: f.limit });
  await recordAudit(db, { actor, action: 'user.list', library: f.library, details: { q: f.q ?? null, shown: users.map((u) => u.id) }, ...at });
  const grants = await identityStore.grantsOfMany(db, users.map((u) => u.id));
  return {
    items: users.map((u) => accountView(u, visibleGrants(actor, u.id, grants.get(u.id) ?? []))),
    next: users.length === f.limit ? users[users.length - 1]!.id : null,
  };
}

/**
 * Changes an account: its owner its name and language; whoever manages every role it holds also
 * whether it is disabled. Disabling ends its sessions at once; its tokens stop working too.
 */
export async function updateAccount(
  db: Db,
  ctx: RequestContext,
  id: number,
  changes: { displayName?: string; locale?: 'zh-CN' | 'en'; disabled?: boolean },
): Promise<AccountView> {
  const actor = signedIn(ctx);
  const { user, grants } = await visibleAccount(db, actor, id);
  const self = actor.via !== 'local' && actor.userId === id;
  const manages = managesAccount(actor, grants);
  if ((changes.displayName !== undefined || changes.locale !== undefined) && !self && !manages) {
    throw PlatformErrors.FORBIDDEN({ permission: 'library-admin' });
  }
  if (changes.disabled !== undefined) {
    if (self) throw IdentityErrors.CANNOT_DISABLE_SELF();
    if (!manages) throw PlatformErrors.FORBIDDEN({ permission: 'library-admin' });
  }
  return db.transaction(async (tx) => {
    const disabling = changes.disabled === true && user.disabled_at === null;
    if (disabling && grants.some((g) => g.role === 'network-admin') && (await identityStore.otherNetworkAdmins(tx, id)) === 0) {
      throw IdentityErrors.LAST_NETWORK_ADMIN();
    }
    const updated = (await identityStore.updateUser(tx, id, changes))!;
    const audit = { actor, target: `user:${id}`, ip: ctx.ip, requestId: ctx.requestId };
    if (disabling) {
      await sessionStore.deleteSessionsOf(tx, id);
      await recordAuditPerScope(tx, { ...audit, action: 'user.disable', details: { email: user.email } }, grants);
    } else if (changes.disabled === false && user.disabled_at !== null) {
      await recordAuditPerScope(tx, { ...audit, action: 'user.enable', details: { email: user.email } }, grants);
    }
    const profile = { displayName: changes.displayName, locale: changes.locale };
    if (!self && (profile.displayName !== undefined || profile.locale !== undefined)) {
      await recordAuditPerScope(tx, { ...audit, action: 'user.update', details: { email: user.email, ...profile } }, grants);
    }
    return accountView(updated, visibleGrants(actor, id, grants));
  });
}

/**
 * Sets an account's roles: those within the actor's administration become `requested`, the
 * others stay. Recorded in the audit log, once for each library or alliance the change touches.
 */
export async function setGrants(db: Db, ctx: RequestContext, id: number, requested: GrantInput[]): Promise<AccountView> {
  const actor = signedIn(ctx);
  const { user, grants: before } = await visibleAccount(db, actor, id);
  const { next, refused } = replaceGrants(actor, before, requested);
  if (refused.length) assertMayGrant(actor, requested, ctx.locale);
  return db.transaction(async (tx) => {
    const losesAdmin = before.some((g) => g.role === 'network-admin') && !next.some((g) => g.role === 'network-admin');
    if (losesAdmin && user.disabled_at === null && (await identityStore.otherNetworkAdmins(tx, id)) === 0) throw IdentityErrors.LAST_NETWORK_ADMIN();
    await identityStore.deleteGrants(tx, id);
    await insertGrants(tx, id, next, ctx.locale);
    const after = await identityStore.grantsOf(tx, id);
    const { added, removed, changed } = grantChanges(before, after);
    if (added.length + removed.length + changed.length > 0) {
      await recordAuditPerScope(
        tx,
        { actor, action: 'user.grants', target: `user:${id}`, details: { email: user.email, added, removed, changed }, ip: ctx.ip, requestId: ctx.requestId },
        [...added, ...removed, ...changed],
      );
    }
    return accountView(user, visibleGrants(actor, id, after));
  });
}

/**
 * The signed-in person replaces their own password, proving the current one. Their other
 * sessions end (a stolen one among them); the one they are using stays.
 */
export async function changePassword(db: Db, ctx: RequestContext, input: { currentPassword: string; newPassword: string }): Promise<void> {
  const actor = signedIn(ctx);
  if (actor.via === 'local') throw IdentityErrors.ACCOUNT_REQUIRED();
  const user = await identityStore.userById(db, actor.userId);
  if (!user) throw IdentityErrors.USER_NOT_FOUND({ id: actor.userId });
  if (!user.password_hash || !(await verifyPassword(user.password_hash, input.currentPassword))) {
    throw onField(IdentityErrors.CURRENT_PASSWORD_WRONG, 'currentPassword', ctx.locale);
  }
  assertPasswordAcceptable(input.newPassword, user.email, 'newPassword', ctx.locale);
  if (input.newPassword === input.currentPassword) throw onField(IdentityErrors.PASSWORD_NOT_CHANGED, 'newPassword', ctx.locale);
  const hash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    await identityStore.setPassword(tx, user.id, hash, false);
    const ended = await sessionStore.deleteSessionsOf(tx, user.id, actor.sessionId);
    await recordAudit(tx, { actor, action: 'user.password', target: `user:${user.id}`, details: { otherSessionsEnded: ended }, ip: ctx.ip, requestId: ctx.requestId });
  });
}
