import { z } from 'zod';
import { permissions, roles } from '../../platform/http/access.js';
import { locales } from '../../platform/i18n.js';
import { staffPermissions } from './domain/grants.js';
import { passwordPolicy } from './domain/password-policy.js';

const symbol = z.string().trim().min(1).max(100).describe('library symbol, e.g. CN-NJU');
const allianceCode = z.string().trim().min(1).max(100).describe('alliance code, e.g. JALIS');
const email = z.string().trim().min(3).max(320);
const password = z.string().min(1).max(passwordPolicy.maxLength * 4);
/** A moment in an input: ISO 8601 with an offset, or a date (midnight UTC). */
const instant = z.union([z.iso.datetime({ offset: true }), z.iso.date()]).transform((s) => new Date(s));
const booleanFlag = z.enum(['true', 'false']).transform((v) => v === 'true');
const limit = z.coerce.number().int().min(1).max(200).default(50);

/** A role to give, its scope by role: readers and staff in a library, alliance staff in an alliance, network administrators everywhere. */
export const grantInput = z.discriminatedUnion('role', [
  z.strictObject({ role: z.literal('reader'), library: symbol }),
  z.strictObject({
    role: z.literal('library-staff'),
    library: symbol,
    permissions: z.array(z.enum(staffPermissions)).min(1).optional().describe('default: catalogue, lending, borrowing, statistics'),
  }),
  z.strictObject({ role: z.literal('alliance-staff'), alliance: allianceCode }),
  z.strictObject({ role: z.literal('network-admin') }),
]);

export const grantView = z.object({
  role: z.enum(roles),
  library: z.string().optional(),
  alliance: z.string().optional(),
  permissions: z.array(z.enum(permissions)),
});

export const accountSchema = z.object({
  id: z.number().int(),
  email: z.string(),
  displayName: z.string(),
  locale: z.enum(locales),
  mustChangePassword: z.boolean(),
  disabled: z.boolean(),
  disabledAt: z.date().nullable(),
  createdAt: z.date(),
  grants: z.array(grantView),
});

export const idParams = z.strictObject({ id: z.coerce.number().int().positive() });
export const libraryParams = z.strictObject({ symbol });

// --- sessions

export const loginBody = z.strictObject({ email, password });

export const sessionSchema = z.object({
  account: accountSchema.nullable().describe('null for the command line’s local access'),
  grants: z.array(grantView),
  via: z.enum(['session', 'token', 'local']),
  csrfToken: z.string().nullable().describe('send it as x-csrf-token with every POST, PUT, PATCH and DELETE of this session'),
  expiresAt: z.date().nullable(),
});

// --- accounts

export const credentialInput = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('one-time-password') }),
  z.strictObject({ kind: z.literal('password'), password }),
  z.strictObject({ kind: z.literal('api-token'), name: z.string().trim().min(1).max(100).optional(), expiresAt: instant.optional() }),
]);

export const newAccountBody = z.strictObject({
  email: z.email().max(320),
  displayName: z.string().trim().min(1).max(200).optional(),
  locale: z.enum(locales).optional(),
  grants: z.array(grantInput).max(50).default([]),
  credential: credentialInput.default({ kind: 'one-time-password' }).describe('how the account signs in; default: a one-time password, shown once'),
});

export const issuedTokenSchema = z.object({ id: z.number().int(), token: z.string(), expiresAt: z.date().nullable() });

export const addedAccountSchema = z.object({
  account: accountSchema,
  oneTimePassword: z.string().optional().describe('shown once; to be replaced at the first sign-in'),
  apiToken: issuedTokenSchema.optional().describe('shown once'),
});

export const accountListQuery = z.strictObject({
  q: z.string().trim().min(1).max(200).optional().describe('part of the e-mail address or name'),
  disabled: booleanFlag.optional(),
  after: z.coerce.number().int().min(0).optional().describe('the `next` of the previous page'),
  limit,
});

export const accountPage = z.object({ items: z.array(accountSchema), next: z.number().int().nullable() });

export const accountPatch = z.strictObject({
  displayName: z.string().trim().min(1).max(200).optional(),
  locale: z.enum(locales).optional(),
  disabled: z.boolean().optional(),
});

export const grantsBody = z.strictObject({ grants: z.array(grantInput).max(50) });

export const passwordChangeBody = z.strictObject({ currentPassword: password, newPassword: password });

// --- API tokens

export const newTokenBody = z.strictObject({
  name: z.string().trim().min(1).max(100),
  scopes: z.array(z.enum(permissions)).min(1).optional().describe('narrow the token to these permissions; default: all of yours'),
  expiresAt: instant.optional().describe('default: in 90 days'),
});

export const createdTokenSchema = issuedTokenSchema.extend({ name: z.string(), scopes: z.array(z.enum(permissions)).nullable() });

export const tokenSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  scopes: z.array(z.enum(permissions)).nullable(),
  status: z.enum(['active', 'expired', 'revoked']),
  expiresAt: z.date().nullable(),
  lastUsedAt: z.date().nullable(),
  revokedAt: z.date().nullable(),
  createdAt: z.date(),
});

// --- audit log

export const auditQuery = z.strictObject({
  library: symbol.optional().describe('entries of this library (its administrators may read them)'),
  alliance: allianceCode.optional(),
  actor: z.string().trim().min(1).max(320).optional().describe('e-mail address of who did it'),
  action: z.string().trim().min(1).max(100).optional().describe('e.g. `login`, or `user.*` for a family'),
  target: z.string().trim().min(1).max(200).optional().describe('e.g. `user:42`'),
  from: instant.optional(),
  to: instant.optional(),
  before: z.coerce.number().int().min(1).optional().describe('the `next` of the previous page'),
  limit,
});

export const auditEntrySchema = z.object({
  id: z.number().int(),
  at: z.date(),
  actorId: z.number().int().nullable(),
  actor: z.string(),
  action: z.string(),
  target: z.string().nullable(),
  library: z.string().nullable(),
  alliance: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  ip: z.string().nullable(),
  requestId: z.string().nullable(),
});

export const auditPage = z.object({ items: z.array(auditEntrySchema), next: z.number().int().nullable() });
