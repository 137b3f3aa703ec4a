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
  subject: claimName.default('sub').describe('the claim that is the stable user id'),
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

export const newProviderBody = z.strictObject({
  kind: z.literal('oidc'),
  name: z.string().trim().min(1).max(200).describe('shown to readers, e.g. “Nanjing University unified authentication”'),
  issuer: issuerUrl,
  clientId: z.string().min(1).max(500),
  clientSecret: z.string().min(1).max(2000).optional().describe('write-only: stored sealed, never returned'),
  scopes: scopes.default(['openid', 'email', 'profile']),
  claims: claimsMappingInput.default({ subject: 'sub' }),
  roleRules: z.array(roleRuleInput).max(50).default([]),
  enabled: z.boolean().default(true),
});
export type NewProvider = z.infer<typeof newProviderBody>;

export const providerPatch = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  issuer: issuerUrl.optional(),
  clientId: z.string().min(1).max(500).optional(),
  clientSecret: z.string().min(1).max(2000).nullable().optional().describe('write-only; null removes it'),
  scopes: scopes.optional(),
  claims: claimsMappingInput.optional(),
  roleRules: z.array(roleRuleInput).max(50).optional(),
  enabled: z.boolean().optional(),
});
export type ProviderPatch = z.infer<typeof providerPatch>;

export const providerSchema = z.object({
  id: z.number().int(),
  library: z.string(),
  kind: z.literal('oidc'),
  name: z.string(),
  issuer: z.string(),
  clientId: z.string(),
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
  redirectUri: z.string().describe('register this at the provider'),
  loginUrl: z.string().describe('where a reader starts signing in (add ?returnTo=/path)'),
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
