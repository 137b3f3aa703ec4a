/**
 * Anylib as a SAML 2.0 service provider, by node-saml, with the settings that make it strict:
 * the assertion must be signed by a certificate of the IdP's metadata (wantAssertionsSigned; a
 * signature over the whole Response alone does not do), its Issuer must be the IdP's entityID,
 * its Audience our entityID, NotBefore / NotOnOrAfter are checked with 30 s tolerance, and the
 * answer's InResponseTo must name an AuthnRequest we sent, not yet answered, at most ten minutes
 * old (unsolicited, IdP-initiated responses are refused). The requests in flight are kept in the
 * database (saml_requests), so every node can take the answer. With the SP's key pair (sp-keys.ts)
 * our AuthnRequests and LogoutRequests are signed, and an EncryptedAssertion is decrypted — its
 * decrypted assertion must still be signed by the IdP.
 */
import { SAML, ValidateInResponseTo, type CacheProvider } from '@node-saml/node-saml';
import { SaxesParser } from 'saxes';
import type { Queryable } from '../../../platform/db/index.js';
import type { ProviderRow } from '../federation/provider-store.js';
import { samlUrls } from '../federation/providers.js';
import { certificatePem } from './idp-metadata.js';
import type { SpKeys } from './sp-keys.js';

/** Where the SP lives and the key pair it signs and decrypts with. */
export interface SpSite {
  baseUrl: string;
  keys: SpKeys;
}

/** An AuthnRequest may be answered within ten minutes (as an OpenID login transaction). */
export const requestSeconds = 600;

/** The requests of one provider in flight, in the database; `returnTo` is stored with a new one. */
function requestCache(db: Queryable, providerId: number, start: RequestStart): CacheProvider {
  return {
    async saveAsync(key, value) {
      await db.query('INSERT INTO saml_requests (id, provider_id, return_to, ip) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', [key, providerId, start.returnTo, start.ip]);
      return { value, createdAt: Date.now() };
    },
    // node-saml reads the value as the moment the request was made (it checks its age too).
    async getAsync(key) {
      const { rows } = await db.query<{ created_at: Date }>(
        `SELECT created_at FROM saml_requests WHERE id = $1 AND provider_id = $2 AND used_at IS NULL AND created_at > now() - make_interval(secs => $3)`,
        [key, providerId, requestSeconds],
      );
      return rows[0] ? new Date(rows[0].created_at).toISOString() : null;
    },
    // Called once the answer is checked, well or badly: a request is answered once.
    async removeAsync(key) {
      if (key === null) return null;
      const { rows } = await db.query<{ id: string }>('UPDATE saml_requests SET used_at = now() WHERE id = $1 AND used_at IS NULL RETURNING id', [key]);
      return rows[0]?.id ?? null;
    },
  };
}

/** Where a reader goes after signing in, and from which address they started. */
export interface RequestStart {
  returnTo: string;
  ip: string | null;
}

/** The service provider facing one IdP. */
export function serviceProvider(db: Queryable, provider: ProviderRow, site: SpSite, start: RequestStart = { returnTo: '/', ip: null }): SAML {
  const urls = samlUrls(site.baseUrl);
  return new SAML({
    issuer: urls.entityId,
    callbackUrl: urls.acs,
    logoutCallbackUrl: urls.slo,
    entryPoint: provider.settings.ssoUrl,
    logoutUrl: provider.settings.sloUrl ?? provider.settings.ssoUrl ?? '',
    idpCert: (provider.settings.certificates ?? []).map(certificatePem),
    idpIssuer: provider.issuer,
    audience: urls.entityId,
    wantAssertionsSigned: true,
    // Shibboleth and most IdPs sign the assertion, not the Response around it.
    wantAuthnResponseSigned: false,
    acceptedClockSkewMs: 30_000,
    validateInResponseTo: ValidateInResponseTo.always,
    requestIdExpirationPeriodMs: requestSeconds * 1000,
    cacheProvider: requestCache(db, provider.id, start),
    // No NameIDPolicy format and no RequestedAuthnContext: the IdP's own defaults (what federations expect).
    identifierFormat: null,
    disableRequestedAuthnContext: true,
    signatureAlgorithm: 'sha256',
    // Our requests are signed (redirect binding: SigAlg and Signature over the query); encrypted assertions are ours to open.
    privateKey: site.keys.key,
    publicCert: site.keys.cert,
    decryptionPvk: site.keys.key,
  });
}

/** Our metadata: one SP for the deployment, our certificate for signing and encryption, assertions signed, POST binding to the ACS, redirect SLO. */
export function spMetadata(site: SpSite): string {
  const urls = samlUrls(site.baseUrl);
  const sp = new SAML({
    issuer: urls.entityId,
    callbackUrl: urls.acs,
    logoutCallbackUrl: urls.slo,
    idpCert: 'unused',
    identifierFormat: null,
    wantAssertionsSigned: true,
    privateKey: site.keys.key,
    decryptionPvk: site.keys.key,
  });
  // One certificate for both uses: signing (AuthnRequestsSigned="true") and encryption.
  const xml = sp.generateServiceProviderMetadata(site.keys.cert, site.keys.cert);
  // node-saml announces single logout by HTTP-POST; Anylib's SLO service takes the HTTP-Redirect binding.
  const announced = xml.replace(/(<SingleLogoutService\b[^>]*Binding=")urn:oasis:names:tc:SAML:2\.0:bindings:HTTP-POST(")/, '$1urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect$2');
  if (announced === xml) throw new Error('node-saml wrote no SingleLogoutService to change');
  return announced;
}

/** What can be read of a Response before its signature is checked: only to find the request it answers and its assertion. */
export interface ResponseOutline {
  inResponseTo: string | null;
  assertionId: string | null;
  issuer: string | null;
}

export function outlineOf(xml: string): ResponseOutline | undefined {
  const out: ResponseOutline = { inResponseTo: null, assertionId: null, issuer: null };
  if (/<!DOCTYPE/i.test(xml)) return undefined;
  const parser = new SaxesParser();
  let depth = 0;
  let issuerText: string | undefined;
  try {
    parser.on('opentag', (tag) => {
      depth++;
      const local = tag.name.slice(tag.name.indexOf(':') + 1);
      const attr = (n: string) => (typeof tag.attributes[n] === 'string' ? (tag.attributes[n] as string) : null);
      if (depth === 1) out.inResponseTo = attr('InResponseTo');
      if (depth === 2 && local === 'Assertion') out.assertionId ??= attr('ID');
      if (depth === 2 && local === 'Issuer') issuerText = '';
    });
    parser.on('text', (t) => {
      if (issuerText !== undefined) issuerText += t;
    });
    parser.on('closetag', () => {
      if (depth === 2 && issuerText !== undefined) {
        out.issuer = issuerText.trim();
        issuerText = undefined;
      }
      depth--;
    });
    parser.write(xml).close();
  } catch {
    return undefined;
  }
  return out;
}
