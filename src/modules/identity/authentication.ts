import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { PlatformErrors } from '../../platform/errors/index.js';
import type { Principal } from '../../platform/http/access.js';
import { hashSecret, sameSecret } from './domain/secrets.js';
import { IdentityErrors } from './errors.js';
import { sessionStore } from './session-store.js';
import { identityStore } from './store.js';
import { tokenCache } from './token-cache.js';

export interface AuthenticationOptions {
  /** The token a running server gives CLI commands on the same data directory (lock file). */
  localToken?: string;
}

/** The name of the session cookie. */
export const sessionCookie = 'anylib_session';

/** The principal of the server's own CLI: a network administrator that exists in no table. */
export const localPrincipal: Principal = {
  userId: 0,
  email: 'local-cli',
  displayName: 'anylib CLI',
  grants: [{ role: 'network-admin', permissions: ['network-admin'] }],
  via: 'local',
};

declare module 'fastify' {
  interface FastifyContextConfig {
    /** identity: the route needs no CSRF token even from a browser session (signing in itself). */
    csrf?: false;
    /** identity: the route stays open to a session that must first replace its one-time password. */
    beforePasswordChange?: true;
  }
}

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Works out who is asking, before any route runs: an API token (`Authorization: Bearer …`), the
 * local CLI token, or a browser session (cookie `anylib_session`). Sets `request.principal`.
 * A bad token is refused outright, so a system learns its token is bad; a stale cookie is
 * cleared and the request goes on anonymous, so a public page still shows.
 *
 * A browser sends its cookie with any request, including one a foreign page makes it send, so a
 * session's writes need the session's CSRF token in `x-csrf-token` too; a bearer token is never
 * sent by the browser on its own, so token requests need none.
 */
export const authentication = fp<AuthenticationOptions>(
  async (app, opts) => {
    const tokens = tokenCache(app.db);
    app.addHook('onRequest', async (req, reply) => {
      const bearer = bearerToken(req);
      if (bearer !== undefined) {
        req.principal = await tokenPrincipal(bearer, opts.localToken);
        return;
      }
      const cookie = req.cookies[sessionCookie];
      if (cookie) await sessionPrincipal(req, reply, cookie);
    });

    async function tokenPrincipal(bearer: string, localToken: string | undefined): Promise<Principal> {
      if (localToken && sameSecret(bearer, localToken)) return localPrincipal;
      // The token, its account and the account's grants in one round trip, or as kept (token-cache.ts): this runs before every API call.
      const hash = hashSecret(bearer);
      const token = await tokens.read(hash, () => identityStore.activeTokenWithGrants(app.db, hash));
      if (!token) throw IdentityErrors.TOKEN_INVALID();
      // Last use is recorded at most once a minute (the store says so too); most requests write nothing.
      if (seenLongAgo(token.last_used_at)) {
        await identityStore.touchToken(app.db, token.id);
        token.last_used_at = new Date();
      }
      return {
        userId: token.user_id,
        email: token.email,
        displayName: token.display_name,
        grants: token.grants,
        via: 'token',
        ...(token.scopes ? { scopes: token.scopes } : {}),
      };
    }

    async function sessionPrincipal(req: FastifyRequest, reply: FastifyReply, cookie: string): Promise<void> {
      const config = req.routeOptions.config;
      // Signing in again from a browser that still holds a session: the old session plays no part.
      if (config?.csrf === false) return;
      const idHash = hashSecret(cookie);
      const session = await sessionStore.activeSession(app.db, idHash, app.config.sessions);
      if (!session) {
        void reply.clearCookie(sessionCookie, { path: '/' });
        return;
      }
      if (unsafeMethods.has(req.method)) {
        const sent = req.headers['x-csrf-token'];
        if (typeof sent !== 'string' || !sameSecret(sent, session.csrf_token)) throw PlatformErrors.CSRF_TOKEN_INVALID();
      }
      if (session.must_change_password && !config?.beforePasswordChange) {
        // A one-time password opens nothing but changing it; public pages still show, as to anyone.
        if ((config?.access ?? 'public') === 'public') return;
        throw IdentityErrors.PASSWORD_CHANGE_REQUIRED();
      }
      if (seenLongAgo(session.last_seen_at)) await sessionStore.touchSession(app.db, idHash, app.config.sessions);
      req.principal = {
        userId: session.user_id,
        email: session.email,
        displayName: session.display_name,
        grants: await identityStore.grantsOf(app.db, session.user_id),
        via: 'session',
        sessionId: idHash,
      };
    }
  },
  { name: 'anylib-authentication' },
);

function bearerToken(req: FastifyRequest): string | undefined {
  const h = req.headers.authorization;
  if (!h) return undefined;
  const m = /^Bearer\s+(\S+)$/i.exec(h);
  return m ? m[1] : '';
}

/** Whether a last-seen moment is more than a minute old (or never), so worth writing again. */
function seenLongAgo(at: Date | string | null): boolean {
  return at === null || Date.now() - new Date(at).getTime() > 60_000;
}
