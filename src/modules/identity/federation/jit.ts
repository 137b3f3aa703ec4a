/**
 * Just-in-time accounts (issue 6): the first sign-in through a library's provider makes a reader
 * of that library; later sign-ins bring name, e-mail, category and rule-given staff roles up to
 * date. One account per (provider, subject), never two: a lock on the subject serialises first
 * sign-ins and the primary key refuses a second link. An account is never linked by e-mail
 * address: whoever controls a provider could otherwise take over any account with that address.
 */
import { createHash } from 'node:crypto';
import type { Queryable } from '../../../platform/db/index.js';
import type { Permission, Principal, RoleGrant } from '../../../platform/http/access.js';
import type { Locale } from '../../../platform/i18n.js';
import { recordAuditPerScope } from '../audit.js';
import { grantChanges } from '../domain/grants.js';
import { IdentityErrors } from '../errors.js';
import { identityStore, type UserRow } from '../store.js';
import { forgetKeptTokens } from '../token-cache.js';
import type { MappedPerson } from './mapping.js';
import { providerStore, type ProviderRow } from './provider-store.js';
import { LoginFailure } from './failure.js';

export interface Provisioned {
  user: UserRow;
  created: boolean;
}

/**
 * Finds or makes the account of `person` and brings it up to date, in the caller's transaction.
 * A blocked reader or a disabled account is refused before anything is written.
 */
export async function provision(
  tx: Queryable,
  provider: ProviderRow,
  person: MappedPerson,
  ctx: { ip?: string; requestId?: string; locale: Locale },
): Promise<Provisioned> {
  await providerStore.lockSubject(tx, provider.id, person.subject);
  const linked = await providerStore.identity(tx, provider.id, person.subject);
  const audit = { target: '', ip: ctx.ip, requestId: ctx.requestId };
  if (!linked) {
    const email = await freeEmail(tx, person.email, undefined, provider, person.subject);
    const user = await identityStore.insertUser(tx, { email, displayName: person.displayName ?? person.email ?? person.subject, passwordHash: null, locale: ctx.locale });
    await identityStore.insertGrant(tx, { userId: user.id, role: 'reader', library: provider.library, permissions: ['reader'] });
    if (person.staffPermissions.length) {
      await identityStore.insertGrant(tx, { userId: user.id, role: 'library-staff', library: provider.library, permissions: person.staffPermissions });
    }
    if (!(await providerStore.insertIdentity(tx, { providerId: provider.id, subject: person.subject, userId: user.id, rulePermissions: person.staffPermissions }))) {
      throw new Error(`identity (${provider.id}, ${person.subject}) was linked meanwhile`);
    }
    await providerStore.upsertReader(tx, { userId: user.id, library: provider.library, category: person.category });
    const grants = await identityStore.grantsOf(tx, user.id);
    await recordAuditPerScope(
      tx,
      {
        actor: principalOf(user, grants),
        action: 'user.create',
        ...audit,
        target: `user:${user.id}`,
        details: { via: provider.kind, provider: provider.id, email: user.email, category: person.category, grants, emailFromProvider: person.email === user.email },
      },
      [{ library: provider.library }],
    );
    return { user, created: true };
  }

  const before = await identityStore.userById(tx, linked.user_id);
  if (!before) throw new Error(`federated identity points to no account ${linked.user_id}`);
  if (before.disabled_at) throw new LoginFailure(IdentityErrors.ACCOUNT_DISABLED(), 'account-disabled', before.id);
  const profile = await providerStore.reader(tx, before.id, provider.library);
  if (profile?.blocked) throw new LoginFailure(IdentityErrors.READER_BLOCKED(), 'reader-blocked', before.id);

  const changes: Record<string, unknown> = {};
  const email = await freeEmail(tx, person.email, before, provider, person.subject);
  const name = person.displayName ?? before.display_name;
  if (email !== before.email || name !== before.display_name) {
    await tx.query('UPDATE users SET email = $2, display_name = $3, updated_at = now() WHERE id = $1', [before.id, email, name]);
    forgetKeptTokens();
    if (email !== before.email) changes.email = { from: before.email, to: email };
    if (name !== before.display_name) changes.displayName = { from: before.display_name, to: name };
  }
  if (profile?.category !== person.category) changes.category = { from: profile?.category ?? null, to: person.category };
  await providerStore.upsertReader(tx, { userId: before.id, library: provider.library, category: person.category });
  const grantsBefore = await identityStore.grantsOf(tx, before.id);
  let grantsTouched = false;
  if (!grantsBefore.some((g) => g.role === 'reader' && g.library === provider.library)) {
    await identityStore.insertGrant(tx, { userId: before.id, role: 'reader', library: provider.library, permissions: ['reader'] });
    grantsTouched = true;
  }
  grantsTouched = (await applyRuleGrants(tx, before.id, provider.library, grantsBefore, linked.rule_permissions, person.staffPermissions)) || grantsTouched;
  await providerStore.touchIdentity(tx, provider.id, person.subject, person.staffPermissions);
  const grantsAfter = grantsTouched ? await identityStore.grantsOf(tx, before.id) : grantsBefore;
  const { added, removed, changed } = grantChanges(grantsBefore, grantsAfter);
  if (added.length + removed.length + changed.length) Object.assign(changes, { grants: { added, removed, changed } });
  const user = changes.email || changes.displayName ? (await identityStore.userById(tx, before.id))! : before;
  if (Object.keys(changes).length) {
    await recordAuditPerScope(
      tx,
      { actor: principalOf(user, grantsAfter), action: 'user.update', ...audit, target: `user:${user.id}`, details: { via: provider.kind, provider: provider.id, ...changes } },
      [{ library: provider.library }],
    );
  }
  return { user, created: false };
}

/**
 * Staff permissions in the provider's library: those given by hand stay; those the rules gave
 * last time and give no more go; those the rules give now are added.
 */
async function applyRuleGrants(tx: Queryable, userId: number, library: string, grants: RoleGrant[], lastRule: Permission[], nowRule: Permission[]): Promise<boolean> {
  const staff = grants.find((g) => g.role === 'library-staff' && g.library === library);
  const byHand = (staff?.permissions ?? []).filter((p) => !lastRule.includes(p));
  const next = [...new Set([...byHand, ...nowRule])];
  if (next.length === 0) {
    if (!staff) return false;
    await tx.query(`DELETE FROM role_grants WHERE user_id = $1 AND role = 'library-staff' AND library_id = (SELECT id FROM libraries WHERE symbol = $2)`, [userId, library]);
    forgetKeptTokens();
    return true;
  }
  const same = staff && staff.permissions.length === next.length && next.every((p) => staff.permissions.includes(p));
  if (!same) await identityStore.insertGrant(tx, { userId, role: 'library-staff', library, permissions: next });
  return !same;
}

/**
 * The e-mail address to keep: the provider's, unless another account has it (then the account's
 * own, or for a new account a stand-in under .invalid, RFC 2606 §2, that no mail reaches).
 */
async function freeEmail(tx: Queryable, wanted: string | undefined, current: UserRow | undefined, provider: Pick<ProviderRow, 'id' | 'kind'>, subject: string): Promise<string> {
  if (wanted && wanted.toLowerCase() === current?.email.toLowerCase()) return current.email;
  if (wanted) {
    const holder = await identityStore.userByEmail(tx, wanted);
    if (!holder || holder.id === current?.id) return wanted;
  }
  if (current) return current.email;
  return `${provider.kind}-${provider.id}-${createHash('sha256').update(subject).digest('hex').slice(0, 20)}@readers.invalid`;
}

function principalOf(user: UserRow, grants: RoleGrant[]): Principal {
  return { userId: user.id, email: user.email, displayName: user.display_name, grants, via: 'session' };
}
