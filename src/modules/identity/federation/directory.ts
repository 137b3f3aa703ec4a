/**
 * Identity providers in the directory's exchange format (docs/network-format.md, issue 6:
 * providers "configured through the API and the directory"): the `identityProviders` list of a
 * network document, written by GET /network/export (network administrators only) and read by
 * POST /network/import.
 *
 * An entry is the body of POST /libraries/{symbol}/identity-providers with the library's symbol
 * beside it, checked by the same schema. A provider is the same one when library, kind and issuer
 * agree (the OpenID issuer, the SAML IdP's entityID — read from its metadata —, the CAS server
 * URL). The client secret is never exported; an entry may give one (sealed with ANYLIB_SECRET as
 * through the API) or leave it out (the stored one is kept). Importing the same file again
 * changes nothing. Entries with problems are reported (library, provider, field, why) and left
 * out; the good ones are written in the import's transaction.
 */
import { z } from 'zod';
import type { Queryable } from '../../../platform/db/index.js';
import { isAppError } from '../../../platform/errors/index.js';
import { fieldProblems } from '../../../platform/errors/problem.js';
import { localize, type Locale } from '../../../platform/i18n.js';
import type { Principal } from '../../../platform/http/access.js';
import { recordAudit } from '../audit.js';
import { forgetConfiguration } from '../oidc/client.js';
import type { ClaimsMapping, RoleRule } from './mapping.js';
import { providerStore, type ProviderKind, type ProviderRow, type ProviderSettings } from './provider-store.js';
import { auditable, mappingOf, samlSettings } from './providers.js';
import { newProviderBody, type NewProvider } from './schemas.js';
import { seal, unseal } from './secret-box.js';

/** One entry of `identityProviders`, as exported (for the OpenAPI document; the import checks with the API's schema). */
export const directoryProviderSchema = z
  .object({
    library: z.string(),
    kind: z.enum(['oidc', 'saml', 'cas']),
    name: z.string(),
    issuer: z.string().optional(),
    clientId: z.string().optional(),
    scopes: z.array(z.string()).optional(),
    idpMetadataUrl: z.string().optional(),
    idpMetadataXml: z.string().optional(),
    idpEntityId: z.string().optional(),
    serverUrl: z.string().optional(),
    casVersion: z.enum(['2.0', '3.0']).optional(),
    claims: z.record(z.string(), z.unknown()),
    roleRules: z.array(z.record(z.string(), z.unknown())),
    enabled: z.boolean(),
  })
  .describe('a library’s identity provider (docs/identity.md); `clientSecret` may be given on import, it is never exported');
export type DirectoryProvider = z.infer<typeof directoryProviderSchema>;

export const providerImportReport = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  problems: z.array(z.object({ field: z.string(), library: z.string().nullable(), provider: z.string().nullable(), message: z.string() })),
});
export type ProviderImportReport = z.infer<typeof providerImportReport>;
type ProviderProblem = ProviderImportReport['problems'][number];

const messages = {
  notList: { en: 'must be a list of identity providers', 'zh-CN': '须为身份认证源的列表' },
  notObject: { en: 'must be an object', 'zh-CN': '须为对象' },
  library: { en: 'the library’s symbol is required', 'zh-CN': '须填写图书馆符号' },
  unknownLibrary: { en: 'unknown library {value}', 'zh-CN': '未知的图书馆 {value}' },
  duplicate: { en: 'duplicate: the same provider ({value}) appears already at {first}', 'zh-CN': '重复：同一身份认证源（{value}）已在 {first} 出现' },
  noSecretKey: { en: 'a client secret can be imported only through the server (it is sealed with ANYLIB_SECRET)', 'zh-CN': '客户端密钥只能通过服务器导入（以 ANYLIB_SECRET 加密保存）' },
};

/** A checked entry: what the provider's row should hold. */
interface Prepared {
  index: number;
  library: string;
  kind: ProviderKind;
  name: string;
  issuer: string;
  clientId: string | null;
  clientSecret: string | undefined;
  scopes: string[];
  claims: ClaimsMapping;
  rules: RoleRule[];
  enabled: boolean;
  settings: ProviderSettings;
  input: NewProvider;
}

/**
 * Checks every entry (shape by the API's schema; SAML metadata fetched or read) before the
 * import's transaction, so that no fetch happens while it holds its locks.
 */
export async function prepareProviderEntries(raw: unknown, locale: Locale = 'en'): Promise<{ prepared: Prepared[]; problems: ProviderProblem[] }> {
  const problems: ProviderProblem[] = [];
  const prepared: Prepared[] = [];
  if (!Array.isArray(raw)) return { prepared, problems: [{ field: 'identityProviders', library: null, provider: null, message: localize(messages.notList, locale) }] };
  const seen = new Map<string, number>();
  for (const [index, entry] of raw.entries()) {
    const at = `identityProviders[${index}]`;
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      problems.push({ field: at, library: null, provider: null, message: localize(messages.notObject, locale) });
      continue;
    }
    const { library, ...body } = entry as Record<string, unknown>;
    const name = typeof body.name === 'string' ? body.name : null;
    const lib = typeof library === 'string' && library.trim() ? library.trim() : null;
    const fail = (field: string, message: string) => problems.push({ field, library: lib, provider: name, message });
    if (!lib) fail(`${at}.library`, localize(messages.library, locale));
    const parsed = newProviderBody.safeParse(body);
    if (!parsed.success) for (const p of fieldProblems(parsed.error.issues, locale, at)) fail(p.field, p.message);
    if (!lib || !parsed.success) continue;
    const input = parsed.data;
    let issuer: string;
    let settings: ProviderSettings = {};
    if (input.kind === 'saml') {
      try {
        ({ issuer, settings } = await samlSettings(input));
      } catch (err) {
        if (!isAppError(err)) throw err;
        for (const f of err.fields) fail(`${at}.${f.field.replace(/^body\./, '')}`, f.message);
        continue;
      }
    } else if (input.kind === 'cas') {
      issuer = input.serverUrl.replace(/\/+$/, '');
      settings = { casVersion: input.casVersion };
    } else issuer = input.issuer;
    const key = `${lib}|${input.kind}|${issuer}`;
    const first = seen.get(key);
    if (first !== undefined) {
      fail(`${at}.${input.kind === 'oidc' ? 'issuer' : input.kind === 'cas' ? 'serverUrl' : 'idpEntityId'}`, localize(messages.duplicate, locale, { value: `${lib} ${input.kind} ${issuer}`, first: `identityProviders[${first}]` }));
      continue;
    }
    seen.set(key, index);
    prepared.push({
      index,
      library: lib,
      kind: input.kind,
      name: input.name,
      issuer,
      clientId: input.kind === 'oidc' ? input.clientId : null,
      clientSecret: input.kind === 'oidc' ? input.clientSecret : undefined,
      scopes: input.kind === 'oidc' ? input.scopes : [],
      claims: mappingOf(input.kind, input.claims),
      rules: input.roleRules,
      enabled: input.enabled,
      settings,
      input,
    });
  }
  return { prepared, problems };
}

/** Who imports: for the audit log of each provider created or changed. */
export interface ProviderImportActor {
  principal?: Principal;
  name?: string;
  ip?: string;
  requestId?: string;
}

/**
 * Writes the checked entries in the import's transaction: a new provider is added, a known one
 * (library, kind, issuer) brought to the entry's settings, an unchanged one left alone. Without
 * `secret` (an import straight into the database) an entry that gives a client secret is a problem.
 */
export async function applyProviderEntries(
  tx: Queryable,
  prepared: Prepared[],
  o: { secret: string | undefined; actor: ProviderImportActor; locale?: Locale },
): Promise<ProviderImportReport & { changed: { created: string[]; updated: string[] } }> {
  const report = { created: 0, updated: 0, unchanged: 0, problems: [] as ProviderProblem[], changed: { created: [] as string[], updated: [] as string[] } };
  const byLibrary = new Map<string, ProviderRow[]>();
  for (const p of prepared) {
    const at = `identityProviders[${p.index}]`;
    const fail = (field: string, message: string) => report.problems.push({ field, library: p.library, provider: p.name, message });
    if (p.clientSecret !== undefined && !o.secret) {
      fail(`${at}.clientSecret`, localize(messages.noSecretKey, o.locale ?? 'en'));
      continue;
    }
    if (!byLibrary.has(p.library)) byLibrary.set(p.library, await providerStore.ofLibrary(tx, p.library));
    const current = byLibrary.get(p.library)!.find((r) => r.kind === p.kind && r.issuer === p.issuer);
    const key = `${p.library}/${p.kind}/${p.issuer}`;
    const audit = (action: string, id: number, details: Record<string, unknown>) =>
      recordAudit(tx, {
        actor: o.actor.principal,
        actorName: o.actor.name,
        action,
        target: `identity-provider:${id}`,
        library: p.library,
        details: { ...details, via: 'network.import' },
        ip: o.actor.ip,
        requestId: o.actor.requestId,
      });
    if (!current) {
      const row = await providerStore.insert(tx, {
        library: p.library,
        kind: p.kind,
        name: p.name,
        issuer: p.issuer,
        clientId: p.clientId,
        sealedSecret: p.clientSecret ? seal(p.clientSecret, o.secret!) : null,
        scopes: p.scopes,
        claims: p.claims,
        rules: p.rules,
        enabled: p.enabled,
        settings: p.settings,
      });
      if (!row) {
        fail(`${at}.library`, localize(messages.unknownLibrary, o.locale ?? 'en', { value: p.library }));
        continue;
      }
      byLibrary.get(p.library)!.push(row);
      await audit('identity-provider.create', row.id, auditable(p.input));
      report.created++;
      report.changed.created.push(key);
      continue;
    }
    const secretChanged = p.clientSecret !== undefined && (current.client_secret_sealed === null || unseal(current.client_secret_sealed, o.secret!) !== p.clientSecret);
    if (!secretChanged && sameJson(comparable(current), comparable(p))) {
      report.unchanged++;
      continue;
    }
    await providerStore.update(tx, current.id, {
      name: p.name,
      clientId: p.clientId ?? undefined,
      sealedSecret: secretChanged ? seal(p.clientSecret!, o.secret!) : undefined,
      scopes: p.scopes,
      claims: p.claims,
      rules: p.rules,
      enabled: p.enabled,
      settings: p.settings,
    });
    forgetConfiguration(current.id);
    const { clientSecret: _given, ...rest } = p.input as NewProvider & { clientSecret?: string };
    await audit('identity-provider.update', current.id, { ...auditable(rest as NewProvider), ...(secretChanged ? { clientSecret: 'changed' } : {}) });
    report.updated++;
    report.changed.updated.push(key);
  }
  return report;
}

/** What decides "unchanged": the settings a provider works with (not its id, dates or secret). */
function comparable(p: Pick<Prepared, 'name' | 'clientId' | 'scopes' | 'claims' | 'rules' | 'enabled' | 'settings'> | ProviderRow) {
  const row = 'role_rules' in p;
  return {
    name: p.name,
    clientId: row ? p.client_id : p.clientId,
    scopes: p.scopes,
    claims: row ? p.claims_mapping : p.claims,
    rules: row ? p.role_rules : p.rules,
    enabled: p.enabled,
    settings: p.settings,
  };
}

/** Equal as JSON, whatever the order of object keys (jsonb does not keep it). */
function sameJson(a: unknown, b: unknown): boolean {
  const canon = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(canon)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.entries(v)
              .filter(([, x]) => x !== undefined)
              .sort(([x], [y]) => (x < y ? -1 : 1))
              .map(([k, x]) => [k, canon(x)]),
          )
        : v;
  return JSON.stringify(canon(a)) === JSON.stringify(canon(b));
}

/** Every library's providers as directory entries: never a secret. A SAML IdP added from a file is exported as its metadata. */
export async function exportProviderEntries(db: Queryable): Promise<DirectoryProvider[]> {
  return (await providerStore.all(db)).map((p) => {
    const common = { claims: p.claims_mapping as unknown as Record<string, unknown>, roleRules: p.role_rules as unknown as Record<string, unknown>[], enabled: p.enabled };
    if (p.kind === 'oidc') return { library: p.library, kind: p.kind, name: p.name, issuer: p.issuer, clientId: p.client_id ?? '', scopes: p.scopes, ...common };
    if (p.kind === 'cas') return { library: p.library, kind: p.kind, name: p.name, serverUrl: p.issuer, casVersion: p.settings.casVersion ?? '3.0', ...common };
    const source = p.settings.idpMetadataUrl ? { idpMetadataUrl: p.settings.idpMetadataUrl } : { idpMetadataXml: idpMetadataXmlOf(p.issuer, p.settings) };
    return { library: p.library, kind: p.kind, name: p.name, ...source, ...(p.settings.idpEntityId ? { idpEntityId: p.settings.idpEntityId } : {}), ...common };
  });
}

const attr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
const REDIRECT = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect';

/** The IdP's metadata as far as Anylib keeps it (entityID, SSO and SLO services, signing certificates): read back, it gives the same settings. */
export function idpMetadataXmlOf(entityId: string, s: ProviderSettings): string {
  const keys = (s.certificates ?? [])
    .map((c) => `<md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>${c}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>`)
    .join('');
  const slo = s.sloUrl ? `<md:SingleLogoutService Binding="${REDIRECT}" Location="${attr(s.sloUrl)}"/>` : '';
  return (
    `<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="${attr(entityId)}">` +
    `<md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">${keys}${slo}` +
    `<md:SingleSignOnService Binding="${REDIRECT}" Location="${attr(s.ssoUrl ?? '')}"/></md:IDPSSODescriptor></md:EntityDescriptor>`
  );
}
