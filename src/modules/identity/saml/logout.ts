/**
 * SAML single logout by the HTTP-Redirect binding (SAML Profiles §4.4): Anylib's LogoutRequest to
 * the IdP when a reader signs out, the IdP's LogoutResponse coming back, and a LogoutRequest the
 * IdP sends when the reader signs out elsewhere — that one must be signed by the IdP (anyone could
 * otherwise end a reader's sessions), and ends every session that IdP opened for that NameID.
 */
import { inflateRawSync } from 'node:zlib';
import type { Profile } from '@node-saml/node-saml';
import type { Db } from '../../../platform/db/index.js';
import { recordAudit } from '../audit.js';
import { providerStore, type ProviderRow } from '../federation/provider-store.js';
import { outlineOf, serviceProvider, type SpSite } from './sp.js';

/** Where to send the browser so the IdP ends its session too (undefined: the IdP offers no SLO). */
export async function samlLogoutUrl(db: Db, site: SpSite, provider: ProviderRow, s: { name_id: string | null; name_id_format: string | null; session_index: string | null }, ip: string | null): Promise<string | undefined> {
  if (!provider.settings.sloUrl || !s.name_id) return undefined;
  const sp = serviceProvider(db, provider, site, { returnTo: '/', ip });
  const profile: Profile = { issuer: provider.issuer, nameID: s.name_id, nameIDFormat: s.name_id_format ?? 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified', ...(s.session_index ? { sessionIndex: s.session_index } : {}) };
  return sp.getLogoutUrlAsync(profile, '', {});
}

export type SloOutcome = { kind: 'logged-out'; returnTo: string } | { kind: 'respond'; redirect: string } | { kind: 'refused'; reason: string };

/** The single logout service: a LogoutResponse to our request, or the IdP's own LogoutRequest. */
export async function handleSlo(db: Db, site: SpSite, query: Record<string, string | undefined>, rawQuery: string, c: { ip: string; requestId: string }): Promise<SloOutcome> {
  const message = query.SAMLResponse ?? query.SAMLRequest;
  if (!message) return { kind: 'refused', reason: 'neither SAMLRequest nor SAMLResponse' };
  let outline;
  try {
    outline = outlineOf(inflateRawSync(Buffer.from(message, 'base64'), { maxOutputLength: 256 * 1024 }).toString('utf8'));
  } catch {
    outline = undefined;
  }
  if (!outline) return { kind: 'refused', reason: 'the message is not deflated XML' };
  const container = Object.fromEntries(Object.entries(query).filter((e): e is [string, string] => typeof e[1] === 'string'));

  if (query.SAMLResponse) {
    const { rows } = await db.query<{ id: number }>(
      `SELECT p.id FROM saml_requests r JOIN identity_providers p ON p.id = r.provider_id WHERE r.id = $1 AND r.used_at IS NULL`,
      [outline.inResponseTo ?? ''],
    );
    const providerId = rows[0]?.id;
    const provider = providerId ? await providerOf(db, providerId) : undefined;
    if (!provider) return { kind: 'refused', reason: 'LogoutResponse to no logout request of ours' };
    try {
      await serviceProvider(db, provider, site).validateRedirectAsync(container, rawQuery);
    } catch (err) {
      return { kind: 'refused', reason: `LogoutResponse refused: ${(err as Error).message.slice(0, 200)}` };
    }
    await db.query('UPDATE saml_requests SET used_at = now() WHERE id = $1', [outline.inResponseTo]);
    return { kind: 'logged-out', returnTo: '/' };
  }

  if (!query.Signature) return { kind: 'refused', reason: 'an unsigned LogoutRequest is not acted on' };
  const { rows } = await db.query<{ id: number }>(`SELECT id FROM identity_providers WHERE kind = 'saml' AND issuer = $1 AND enabled ORDER BY id`, [outline.issuer ?? '']);
  for (const { id } of rows) {
    const provider = (await providerOf(db, id))!;
    let result;
    try {
      result = await serviceProvider(db, provider, site).validateRedirectAsync(container, rawQuery);
    } catch {
      continue;
    }
    const profile = result.profile;
    if (!profile?.nameID) continue;
    await db.transaction(async (tx) => {
      const r = await tx.query(
        `DELETE FROM sessions WHERE id_hash IN (SELECT session_hash FROM federated_sessions WHERE provider_id = $1 AND name_id = $2 AND ($3::text IS NULL OR session_index = $3))`,
        [provider.id, profile.nameID, profile.sessionIndex ?? null],
      );
      await recordAudit(tx, {
        actor: undefined,
        actorName: `saml:${provider.id}`,
        action: 'logout',
        target: `identity-provider:${provider.id}`,
        library: provider.library,
        details: { via: 'saml', initiatedBy: 'idp', sessionsEnded: r.rowCount },
        ip: c.ip,
        requestId: c.requestId,
      });
    });
    return { kind: 'respond', redirect: await serviceProvider(db, provider, site).getLogoutResponseUrlAsync(profile, query.RelayState ?? '', {}, true) };
  }
  return { kind: 'refused', reason: `LogoutRequest from ${outline.issuer ?? 'an unnamed issuer'} not verified by any of our IdPs` };
}

const providerOf = (db: Db, id: number): Promise<ProviderRow | undefined> => providerStore.byId(db, id);
