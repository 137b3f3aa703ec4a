/**
 * Signing out of Anylib and, where the protocol offers it, of the library's provider too (single
 * logout): SAML sends a LogoutRequest to the IdP's SingleLogoutService; OpenID Connect goes to the
 * provider's end_session_endpoint (RP-Initiated Logout 1.0) when its discovery names one; CAS to
 * the server's /logout. The local session ends first in every case.
 */
import type { Db } from '../../../platform/db/index.js';
import type { RequestContext } from '../context.js';
import { configurationOf } from '../oidc/client.js';
import { samlLogoutUrl } from '../saml/logout.js';
import type { SpSite } from '../saml/sp.js';
import { signOut } from '../sessions.js';
import { providerStore } from './provider-store.js';

/** Ends the session; answers where the browser should go next for the provider's own logout (or null). */
export async function federatedLogout(db: Db, site: SpSite, ctx: RequestContext): Promise<{ redirect: string | null; via: string | null }> {
  const sessionId = ctx.actor?.sessionId;
  if (!sessionId) return { redirect: null, via: null };
  const { rows } = await db.query<{ provider_id: number; name_id: string | null; name_id_format: string | null; session_index: string | null }>(
    'SELECT provider_id, name_id, name_id_format, session_index FROM federated_sessions WHERE session_hash = $1',
    [sessionId],
  );
  const link = rows[0];
  const provider = link ? await providerStore.byId(db, link.provider_id) : undefined;
  let redirect: string | undefined;
  if (provider?.kind === 'saml') redirect = await samlLogoutUrl(db, site, provider, link!, ctx.ip ?? null);
  else if (provider?.kind === 'cas') redirect = `${provider.issuer}/logout?service=${encodeURIComponent(`${site.baseUrl}/`)}`;
  else if (provider?.kind === 'oidc') {
    // The cached discovery; a provider that does not answer now only costs the single logout.
    const config = await configurationOf({ providerId: provider.id, issuer: provider.issuer, clientId: provider.client_id ?? '', clientSecret: undefined, version: new Date(provider.updated_at).toISOString() }).catch(() => undefined);
    const end = config?.serverMetadata().end_session_endpoint;
    if (end) redirect = `${end}${end.includes('?') ? '&' : '?'}client_id=${encodeURIComponent(provider.client_id ?? '')}`;
  }
  await signOut(db, ctx);
  return { redirect: redirect ?? null, via: provider?.kind ?? null };
}
