import { z } from 'zod';
import { staffPermissions } from '../domain/grants.js';
import { readerCategories } from './mapping.js';

const claimName = z.string().trim().min(1).max(200);
const category = z.enum(readerCategories);

/**
 * An issuer: https, or http on a loopback address only (a provider on the same machine, tests).
 * OpenID Connect Discovery §2 requires https; the loopback exception follows RFC 8252 §8.3.
 */
export const issuerUrl = z
  .url({ protocol: /^https?$/ })
  .max(500)
  .refine((s) => {
    const u = new URL(s);
    return u.protocol === 'https:' || isLoopback(u.hostname);
  }, 'must be an https URL (http only on a loopback address)')
  .refine((s) => !new URL(s).search && !new URL(s).hash, 'must have no query or fragment (OpenID Connect Discovery §2)');

export function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || hostname === '::1' || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

export const claimsMappingInput = z.strictObject({
  subject: claimName.optional().describe('the claim (attribute) that is the stable user id; default sub (OIDC), eduPersonPrincipalName (SAML), user (CAS)'),
  email: claimName.optional().describe('default: email'),
  displayName: claimName.optional().describe('default: name'),
  category: z
    .strictObject({
      claim: claimName.describe('e.g. eduPersonAffiliation, affiliation, or a custom claim'),
      values: z.record(z.string().min(1).max(200), category).describe('claim value → reader category'),
      default: category.optional().describe('when no value matches; without it such a sign-in is refused'),
    })
    .optional(),
});

export const roleRuleInput = z
  .strictObject({
    claim: claimName,
    contains: z.string().min(1).max(200).optional().describe('one of the claim’s values is this'),
    equals: z.string().min(1).max(200).optional().describe('the claim has exactly this one value'),
    permissions: z.array(z.enum(staffPermissions)).min(1),
  })
  .refine((r) => (r.contains === undefined) !== (r.equals === undefined), 'give exactly one of contains and equals');

const scopes = z
  .array(z.string().regex(/^[\x21\x23-\x5b\x5d-\x7e]+$/, 'a scope token (RFC 6749 §3.3)').max(100))
  .min(1)
  .max(30)
  .refine((s) => s.includes('openid'), 'must include openid');

const common = {
  name: z.string().trim().min(1).max(200).describe('shown to readers, e.g. “Nanjing University unified authentication”'),
  claims: claimsMappingInput.optional().describe('attribute (claim) names; defaults per kind, see docs/identity.md'),
  roleRules: z.array(roleRuleInput).max(50).default([]),
  enabled: z.boolean().default(true),
};

/** A URL Anylib fetches (IdP metadata, a CAS server): https, or http on a loopback address only. */
export const serverUrl = issuerUrl;

const samlMetadata = {
  idpMetadataUrl: serverUrl.optional().describe('where the IdP publishes its SAML metadata (fetched now and on every PATCH that gives it)'),
  idpMetadataXml: z.string().min(50).max(1_000_000).optional().describe('the IdP’s metadata itself (pasted, or a file’s contents)'),
  idpEntityId: z.string().min(1).max(500).optional().describe('which entity of a federation’s metadata file to use (when it holds more than one IdP)'),
};

const oidcBody = z.strictObject({
  kind: z.literal('oidc'),
  ...common,
  issuer: issuerUrl,
  clientId: z.string().min(1).max(500),
  clientSecret: z.string().min(1).max(2000).optional().describe('write-only: stored sealed, never returned'),
  scopes: scopes.default(['openid', 'email', 'profile']),
});
const samlBody = z
  .strictObject({ kind: z.literal('saml'), ...common, ...samlMetadata })
  .refine((b) => (b.idpMetadataUrl === undefined) !== (b.idpMetadataXml === undefined), { message: 'give exactly one of idpMetadataUrl and idpMetadataXml', path: ['idpMetadataUrl'] });
const casBody = z.strictObject({
  kind: z.literal('cas'),
  ...common,
  serverUrl: serverUrl.describe('the CAS server’s base URL, e.g. https://cas.uni.example/cas (…/login, …/p3/serviceValidate below it)'),
  casVersion: z.enum(['2.0', '3.0']).default('3.0').describe('3.0 validates at /p3/serviceValidate and reads attributes; 2.0 at /serviceValidate'),
});

export const newProviderBody = z.discriminatedUnion('kind', [oidcBody, samlBody, casBody]);
export type NewProvider = z.infer<typeof newProviderBody>;
export type ProviderKind = NewProvider['kind'];

export const providerPatch = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  issuer: issuerUrl.optional().describe('OpenID Connect only'),
  clientId: z.string().min(1).max(500).optional().describe('OpenID Connect only'),
  clientSecret: z.string().min(1).max(2000).nullable().optional().describe('OpenID Connect only; write-only; null removes it'),
  scopes: scopes.optional().describe('OpenID Connect only'),
  ...samlMetadata,
  serverUrl: serverUrl.optional().describe('CAS only'),
  casVersion: z.enum(['2.0', '3.0']).optional().describe('CAS only'),
  claims: claimsMappingInput.optional(),
  roleRules: z.array(roleRuleInput).max(50).optional(),
  enabled: z.boolean().optional(),
});
export type ProviderPatch = z.infer<typeof providerPatch>;

export const providerSchema = z.object({
  id: z.number().int(),
  library: z.string(),
  kind: z.enum(['oidc', 'saml', 'cas']),
  name: z.string(),
  issuer: z.string().describe('OpenID issuer, SAML IdP entityID, or CAS server URL'),
  clientId: z.string().nullable(),
  hasClientSecret: z.boolean().describe('the secret itself is never returned'),
  scopes: z.array(z.string()),
  claims: z.object({
    subject: z.string(),
    email: z.string().optional(),
    displayName: z.string().optional(),
    category: z.object({ claim: z.string(), values: z.record(z.string(), category), default: category.optional() }).optional(),
  }),
  roleRules: z.array(z.object({ claim: z.string(), contains: z.string().optional(), equals: z.string().optional(), permissions: z.array(z.string()) })),
  enabled: z.boolean(),
  redirectUri: z.string().nullable().describe('OpenID: register this at the provider'),
  loginUrl: z.string().describe('where a reader starts signing in (add ?returnTo=/path)'),
  saml: z
    .object({
      spMetadataUrl: z.string().describe('our SP metadata: give it to the IdP (or the federation)'),
      spEntityId: z.string(),
      acsUrl: z.string(),
      idpMetadataUrl: z.string().nullable(),
      ssoUrl: z.string(),
      sloUrl: z.string().nullable(),
      certificates: z.number().int().describe('how many signing certificates the IdP’s metadata gave'),
    })
    .optional(),
  cas: z.object({ serverUrl: z.string(), casVersion: z.enum(['2.0', '3.0']), serviceUrl: z.string() }).optional(),
  createdAt: z.date(),
  updatedAt: z.date(),
});

export const providerParams = z.strictObject({ symbol: z.string().trim().min(1).max(100), id: z.coerce.number().int().positive() });
export const providerIdParams = z.strictObject({ providerId: z.coerce.number().int().positive() });

export const loginQuery = z.object({ returnTo: z.string().max(4000).optional() });

// --- readers of a library

export const readerParams = z.strictObject({ symbol: z.string().trim().min(1).max(100), userId: z.coerce.number().int().positive() });
export const readerPatch = z.strictObject({
  category: category.optional(),
  blocked: z.boolean().optional(),
  blockedReason: z.string().trim().min(1).max(500).nullable().optional(),
});
export const readerSchema = z.object({
  userId: z.number().int(),
  library: z.string(),
  email: z.string(),
  displayName: z.string(),
  category,
  blocked: z.boolean(),
  blockedReason: z.string().nullable(),
  updatedAt: z.date(),
});
