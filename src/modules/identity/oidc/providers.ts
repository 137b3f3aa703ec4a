import type { Db } from '../../../platform/db/index.js';
import { recordAudit } from '../audit.js';
import type { RequestContext } from '../context.js';
import { IdentityErrors } from '../errors.js';
import { forgetConfiguration } from './client.js';
import { defaultMapping, type ClaimsMapping } from './mapping.js';
import { providerStore, type ProviderRow } from './provider-store.js';
import type { NewProvider, ProviderPatch } from './schemas.js';
import { seal } from './secret-box.js';

/** How a provider is shown: never its secret, only whether it has one; with the URLs to register and to link. */
export function providerView(p: ProviderRow, baseUrl: string) {
  return {
    id: p.id,
    library: p.library,
    kind: p.kind,
    name: p.name,
    issuer: p.issuer,
    clientId: p.client_id,
    hasClientSecret: p.client_secret_sealed !== null,
    scopes: p.scopes,
    claims: { ...defaultMapping, ...p.claims_mapping },
    roleRules: p.role_rules,
    enabled: p.enabled,
    redirectUri: redirectUriOf(p.id, baseUrl),
    loginUrl: `${baseUrl}/api/v1/auth/oidc/${p.id}/login`,
    createdAt: p.created_at,
    updatedAt: p.updated_at,
  };
}

export const redirectUriOf = (providerId: number, baseUrl: string) => `${baseUrl}/api/v1/auth/oidc/${providerId}/callback`;

function mappingOf(c: NewProvider['claims']): ClaimsMapping {
  return { subject: c.subject, email: c.email ?? 'email', displayName: c.displayName ?? 'name', ...(c.category ? { category: c.category } : {}) };
}

/** What the audit log keeps of a change: the settings, the secret only as "changed". */
function auditable(p: Partial<NewProvider> | ProviderPatch): Record<string, unknown> {
  const { clientSecret, ...rest } = p;
  return { ...rest, ...(clientSecret !== undefined ? { clientSecret: clientSecret === null ? 'removed' : 'changed' } : {}) };
}

/** The route's access rule has checked library-admin for `library` (or network-admin). */
export async function createProvider(db: Db, ctx: RequestContext, library: string, input: NewProvider, secret: string, baseUrl: string) {
  return db.transaction(async (tx) => {
    const row = await providerStore.insert(tx, {
      library,
      name: input.name,
      issuer: input.issuer,
      clientId: input.clientId,
      sealedSecret: input.clientSecret ? seal(input.clientSecret, secret) : null,
      scopes: input.scopes,
      claims: mappingOf(input.claims),
      rules: input.roleRules,
      enabled: input.enabled,
    });
    if (!row) throw IdentityErrors.SCOPE_NOT_FOUND({ kind: 'library', name: library });
    await recordAudit(tx, {
      actor: ctx.actor,
      action: 'identity-provider.create',
      target: `identity-provider:${row.id}`,
      library,
      details: auditable(input),
      ip: ctx.ip,
      requestId: ctx.requestId,
    });
    return providerView(row, baseUrl);
  });
}

export async function listProviders(db: Db, library: string, baseUrl: string) {
  return (await providerStore.ofLibrary(db, library)).map((p) => providerView(p, baseUrl));
}

/** The provider, when it belongs to `library`; otherwise not found (ids of other libraries reveal nothing). */
async function ownProvider(db: Db, library: string, id: number): Promise<ProviderRow> {
  const p = await providerStore.byId(db, id);
  if (!p || p.library !== library) throw IdentityErrors.IDENTITY_PROVIDER_NOT_FOUND({ id });
  return p;
}

export async function getProvider(db: Db, library: string, id: number, baseUrl: string) {
  return providerView(await ownProvider(db, library, id), baseUrl);
}

export async function updateProvider(db: Db, ctx: RequestContext, library: string, id: number, patch: ProviderPatch, secret: string, baseUrl: string) {
  await ownProvider(db, library, id);
  const row = await db.transaction(async (tx) => {
    await providerStore.update(tx, id, {
      name: patch.name,
      issuer: patch.issuer,
      clientId: patch.clientId,
      sealedSecret: patch.clientSecret === undefined ? undefined : patch.clientSecret === null ? null : seal(patch.clientSecret, secret),
      scopes: patch.scopes,
      claims: patch.claims ? mappingOf(patch.claims) : undefined,
      rules: patch.roleRules,
      enabled: patch.enabled,
    });
    await recordAudit(tx, {
      actor: ctx.actor,
      action: 'identity-provider.update',
      target: `identity-provider:${id}`,
      library,
      details: auditable(patch),
      ip: ctx.ip,
      requestId: ctx.requestId,
    });
    return (await providerStore.byId(tx, id))!;
  });
  forgetConfiguration(id);
  return providerView(row, baseUrl);
}

/** Deleting a provider unlinks its identities; the accounts stay (with their other ways in, and their history). */
export async function deleteProvider(db: Db, ctx: RequestContext, library: string, id: number): Promise<void> {
  const p = await ownProvider(db, library, id);
  await db.transaction(async (tx) => {
    await providerStore.delete(tx, id);
    await recordAudit(tx, {
      actor: ctx.actor,
      action: 'identity-provider.delete',
      target: `identity-provider:${id}`,
      library,
      details: { name: p.name, issuer: p.issuer },
      ip: ctx.ip,
      requestId: ctx.requestId,
    });
  });
  forgetConfiguration(id);
}
