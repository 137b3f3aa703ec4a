import type { Db } from '../../../platform/db/index.js';
import { recordAudit } from '../audit.js';
import type { RequestContext } from '../context.js';
import { IdentityErrors } from '../errors.js';
import { forgetConfiguration } from '../oidc/client.js';
import { PlatformErrors, isAppError } from '../../../platform/errors/index.js';
import { parseIdpMetadata } from '../saml/idp-metadata.js';
import { defaultMapping, type ClaimsMapping } from './mapping.js';
import { providerStore, type ProviderKind, type ProviderRow, type ProviderSettings } from './provider-store.js';
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
    scopes: p.kind === 'oidc' ? p.scopes : [],
    claims: { ...defaultMappingOf(p.kind), ...p.claims_mapping },
    roleRules: p.role_rules,
    enabled: p.enabled,
    redirectUri: p.kind === 'oidc' ? redirectUriOf(p.id, baseUrl) : null,
    loginUrl: loginUrlOf(p, baseUrl),
    ...(p.kind === 'saml'
      ? {
          saml: {
            spMetadataUrl: samlUrls(baseUrl).metadata,
            spEntityId: samlUrls(baseUrl).entityId,
            acsUrl: samlUrls(baseUrl).acs,
            idpMetadataUrl: p.settings.idpMetadataUrl ?? null,
            ssoUrl: p.settings.ssoUrl ?? '',
            sloUrl: p.settings.sloUrl ?? null,
            certificates: p.settings.certificates?.length ?? 0,
          },
        }
      : {}),
    ...(p.kind === 'cas' ? { cas: { serverUrl: p.issuer, casVersion: p.settings.casVersion ?? '3.0', serviceUrl: casServiceUrl(p.id, baseUrl) } } : {}),
    createdAt: p.created_at,
    updatedAt: p.updated_at,
  };
}

export const redirectUriOf = (providerId: number, baseUrl: string) => `${baseUrl}/api/v1/auth/oidc/${providerId}/callback`;
export const loginUrlOf = (p: Pick<ProviderRow, 'id' | 'kind'>, baseUrl: string) => `${baseUrl}/api/v1/auth/${p.kind}/${p.id}/login`;
export const casServiceUrl = (providerId: number, baseUrl: string) => `${baseUrl}/api/v1/auth/cas/${providerId}/callback`;

/**
 * The SAML service provider is one per deployment (one entity to register in a federation such as
 * CARSI, for every library's IdP): its entityID is its metadata URL.
 */
export function samlUrls(baseUrl: string) {
  const metadata = `${baseUrl}/api/v1/auth/saml/metadata`;
  return { metadata, entityId: metadata, acs: `${baseUrl}/api/v1/auth/saml/acs`, slo: `${baseUrl}/api/v1/auth/saml/slo` };
}

/** The attribute names read when the provider's mapping names none. */
export function defaultMappingOf(kind: ProviderKind): ClaimsMapping {
  if (kind === 'saml') return { subject: 'eduPersonPrincipalName', email: 'mail', displayName: 'displayName' };
  if (kind === 'cas') return { subject: 'user', email: 'mail', displayName: 'displayName' };
  return defaultMapping;
}

export function mappingOf(kind: ProviderKind, c: NewProvider['claims']): ClaimsMapping {
  const d = defaultMappingOf(kind);
  return { subject: c?.subject ?? d.subject, email: c?.email ?? d.email, displayName: c?.displayName ?? d.displayName, ...(c?.category ? { category: c.category } : {}) };
}

/** The IdP's metadata, fetched or pasted, read; a problem is a 400 naming the field. */
export async function samlSettings(input: { idpMetadataUrl?: string; idpMetadataXml?: string; idpEntityId?: string }): Promise<{ issuer: string; settings: ProviderSettings }> {
  const field = input.idpMetadataUrl ? 'body.idpMetadataUrl' : 'body.idpMetadataXml';
  const bad = (message: string) => PlatformErrors.VALIDATION_FAILED({ count: 1 }, [{ field, message }]);
  let xml = input.idpMetadataXml;
  if (input.idpMetadataUrl) {
    try {
      const res = await fetch(input.idpMetadataUrl, { signal: AbortSignal.timeout(10_000), redirect: 'error' });
      if (!res.ok) throw bad(`the metadata URL answered ${res.status}`);
      xml = await res.text();
    } catch (err) {
      if (isAppError(err)) throw err;
      throw bad(`the metadata could not be fetched: ${(err as Error).message}`);
    }
  }
  const r = parseIdpMetadata(xml ?? '', input.idpEntityId);
  if (!r.ok) throw bad(r.problem);
  return {
    issuer: r.idp.entityId,
    settings: { idpMetadataUrl: input.idpMetadataUrl ?? null, idpEntityId: input.idpEntityId ?? null, ssoUrl: r.idp.ssoUrl, sloUrl: r.idp.sloUrl, certificates: r.idp.certificates },
  };
}

/** What the audit log keeps of a change: the settings, the secret only as "changed". */
export function auditable(p: NewProvider | ProviderPatch): Record<string, unknown> {
  const { clientSecret, idpMetadataXml, ...rest } = p as ProviderPatch;
  if (idpMetadataXml) Object.assign(rest, { idpMetadataXml: `${idpMetadataXml.length} characters` });
  return { ...rest, ...(clientSecret !== undefined ? { clientSecret: clientSecret === null ? 'removed' : 'changed' } : {}) };
}

/** The route's access rule has checked library-admin for `library` (or network-admin). */
export async function createProvider(db: Db, ctx: RequestContext, library: string, input: NewProvider, secret: string, baseUrl: string) {
  const kindPart =
    input.kind === 'oidc'
      ? { issuer: input.issuer, clientId: input.clientId, sealedSecret: input.clientSecret ? seal(input.clientSecret, secret) : null, scopes: input.scopes, settings: {} }
      : input.kind === 'saml'
        ? { ...(await samlSettings(input)), clientId: null, sealedSecret: null, scopes: [] }
        : { issuer: input.serverUrl.replace(/\/+$/, ''), clientId: null, sealedSecret: null, scopes: [], settings: { casVersion: input.casVersion } };
  return db.transaction(async (tx) => {
    const row = await providerStore.insert(tx, {
      library,
      kind: input.kind,
      name: input.name,
      ...kindPart,
      claims: mappingOf(input.kind, input.claims),
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
  const current = await ownProvider(db, library, id);
  const foreign = foreignFields(current.kind, patch);
  if (foreign.length) throw PlatformErrors.VALIDATION_FAILED({ count: foreign.length }, foreign.map((f) => ({ field: `body.${f}`, message: `not a setting of a ${current.kind} provider` })));
  const saml =
    current.kind === 'saml' && (patch.idpMetadataUrl || patch.idpMetadataXml)
      ? await samlSettings({ idpMetadataUrl: patch.idpMetadataUrl, idpMetadataXml: patch.idpMetadataXml, idpEntityId: patch.idpEntityId ?? current.settings.idpEntityId ?? undefined })
      : undefined;
  const cas = current.kind === 'cas' && patch.casVersion ? { ...current.settings, casVersion: patch.casVersion } : undefined;
  const row = await db.transaction(async (tx) => {
    await providerStore.update(tx, id, {
      name: patch.name,
      issuer: saml?.issuer ?? patch.issuer ?? patch.serverUrl?.replace(/\/+$/, ''),
      clientId: patch.clientId,
      sealedSecret: patch.clientSecret === undefined ? undefined : patch.clientSecret === null ? null : seal(patch.clientSecret, secret),
      scopes: patch.scopes,
      settings: saml?.settings ?? cas,
      claims: patch.claims ? mappingOf(current.kind, patch.claims) : undefined,
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

/** Fields of a patch that belong to another kind of provider. */
function foreignFields(kind: ProviderKind, patch: ProviderPatch): string[] {
  const own: Record<ProviderKind, string[]> = {
    oidc: ['issuer', 'clientId', 'clientSecret', 'scopes'],
    saml: ['idpMetadataUrl', 'idpMetadataXml', 'idpEntityId'],
    cas: ['serverUrl', 'casVersion'],
  };
  const kindFields = new Set(Object.values(own).flat());
  return Object.keys(patch).filter((k) => kindFields.has(k) && !own[kind].includes(k) && patch[k as keyof ProviderPatch] !== undefined);
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
