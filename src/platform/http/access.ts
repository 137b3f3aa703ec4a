import type { FastifyRequest } from 'fastify';
import type { Locale } from '../i18n.js';

/**
 * What an account may do. Library staff hold some of catalogue, lending, borrowing, statistics
 * and library-admin, each separately; the other roles imply their own.
 */
export const permissions = [
  'catalogue',
  'lending',
  'borrowing',
  'statistics',
  'library-admin',
  'alliance-admin',
  'network-admin',
  'reader',
] as const;
export type Permission = (typeof permissions)[number];

export const roles = ['reader', 'library-staff', 'alliance-staff', 'network-admin'] as const;
export type Role = (typeof roles)[number];

/** One role an account holds, in the scope of one library or one alliance (or the whole network). */
export interface RoleGrant {
  role: Role;
  library?: string;
  alliance?: string;
  permissions: Permission[];
}

/** Who is asking: a signed-in person, a system with an API token, or nobody. */
export interface Principal {
  userId: number;
  email: string;
  displayName: string;
  grants: RoleGrant[];
  via: 'session' | 'token' | 'local';
  /** An API token's scopes narrow what its account may do; undefined = not narrowed. */
  scopes?: Permission[];
  sessionId?: string;
}

/**
 * The access rule every API route declares (route `config.access`), checked before the handler
 * reads any data:
 * - `public`: anyone;
 * - `signed-in`: any account;
 * - `{ permission, library?, alliance? }`: the permission (or any one of several) in the scope of
 *   the library or alliance the request names (a function of the request, e.g. its path
 *   parameter), or network-wide when neither is given. A network administrator passes every rule.
 */
export type AccessRule =
  | 'public'
  | 'signed-in'
  | {
      permission: Permission | readonly Permission[];
      library?: (req: FastifyRequest) => string | undefined;
      alliance?: (req: FastifyRequest) => string | undefined;
    };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: AccessRule;
    /**
     * The route reads its own `Authorization` (POST /iso18626: a peer's shared secret, not an
     * account's API token): the header is taken aside into `ownAuthorization` before account
     * authentication runs, so it is neither read as an API token nor refused as one.
     */
    ownCredentials?: boolean;
  }
  interface FastifyRequest {
    principal: Principal | undefined;
    locale: Locale;
    ownAuthorization: string | undefined;
  }
}
