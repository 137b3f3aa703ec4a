import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Principal } from '../../platform/http/access.js';
import { hashSecret, sameSecret } from './domain/secrets.js';
import { identityStore } from './store.js';
import { IdentityErrors } from './errors.js';

export interface AuthenticationOptions {
  /** The token a running server gives CLI commands on the same data directory (lock file). */
  localToken?: string;
}

/** The principal of the server's own CLI: a network administrator that exists in no table. */
const localPrincipal: Principal = {
  userId: 0,
  email: 'local-cli',
  displayName: 'anylib CLI',
  grants: [{ role: 'network-admin', permissions: ['network-admin'] }],
  via: 'local',
};

/**
 * Works out who is asking, before any route runs: an API token (`Authorization: Bearer …`), or
 * the local CLI token. Sets `request.principal`; an unknown or expired token is refused outright
 * rather than treated as anonymous, so a caller learns its token is bad.
 */
export const authentication = fp<AuthenticationOptions>(
  async (app, opts) => {
    app.addHook('onRequest', async (req) => {
      const bearer = bearerToken(req);
      if (bearer === undefined) return;
      if (opts.localToken && sameSecret(bearer, opts.localToken)) {
        req.principal = localPrincipal;
        return;
      }
      const token = await identityStore.activeToken(app.db, hashSecret(bearer));
      if (!token) throw IdentityErrors.TOKEN_INVALID();
      await identityStore.touchToken(app.db, token.id);
      req.principal = {
        userId: token.user_id,
        email: token.email,
        displayName: token.display_name,
        grants: await identityStore.grantsOf(app.db, token.user_id),
        via: 'token',
        ...(token.scopes ? { scopes: token.scopes } : {}),
      };
    });
  },
  { name: 'anylib-authentication' },
);

function bearerToken(req: FastifyRequest): string | undefined {
  const h = req.headers.authorization;
  if (!h) return undefined;
  const m = /^Bearer\s+(\S+)$/i.exec(h);
  return m ? m[1] : '';
}
