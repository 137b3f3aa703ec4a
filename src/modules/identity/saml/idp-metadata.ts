/**
 * What Anylib needs of a SAML IdP's metadata (SAML Metadata 2.0 §2.4.3): its entityID, where to
 * send AuthnRequests and LogoutRequests (HTTP-Redirect binding) and the certificates it signs
 * with. Pure; reads one EntityDescriptor or picks one out of a federation's EntitiesDescriptor.
 */
import { SaxesParser } from 'saxes';

export interface IdpMetadata {
  entityId: string;
  ssoUrl: string;
  sloUrl: string | null;
  /** Base64 DER of each signing certificate (KeyDescriptor use="signing" or without use). */
  certificates: string[];
}

export type MetadataResult = { ok: true; idp: IdpMetadata } | { ok: false; problem: string };

const REDIRECT = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect';
const localName = (name: string): string => name.slice(name.indexOf(':') + 1);

interface Draft {
  entityId: string;
  isIdp: boolean;
  ssoUrl?: string;
  sloUrl?: string;
  certificates: string[];
}

/** Reads the metadata; `entityId` chooses among several IdPs (a federation's aggregate). */
export function parseIdpMetadata(xml: string, entityId?: string): MetadataResult {
  const found: Draft[] = [];
  const stack: string[] = [];
  let current: Draft | undefined;
  let inIdp = false;
  let keyUse: string | null = null;
  let certText: string | undefined;
  // DOCTYPE is refused outright: no entity expansion from a fetched document (XXE, billion laughs).
  if (/<!DOCTYPE/i.test(xml)) return { ok: false, problem: 'metadata with a DOCTYPE are refused' };
  const parser = new SaxesParser({ xmlns: false });
  try {
    parser.on('opentag', (tag) => {
      const name = localName(tag.name);
      const attr = (n: string) => (typeof tag.attributes[n] === 'string' ? (tag.attributes[n] as string) : undefined);
      stack.push(name);
      if (name === 'EntityDescriptor') current = { entityId: attr('entityID') ?? '', isIdp: false, certificates: [] };
      else if (name === 'IDPSSODescriptor' && current) {
        current.isIdp = true;
        inIdp = true;
      } else if (inIdp && current) {
        if (name === 'KeyDescriptor') keyUse = attr('use') ?? 'signing';
        else if (name === 'X509Certificate' && keyUse === 'signing') certText = '';
        else if (name === 'SingleSignOnService' && attr('Binding') === REDIRECT) current.ssoUrl ??= attr('Location');
        else if (name === 'SingleLogoutService' && attr('Binding') === REDIRECT) current.sloUrl ??= attr('Location');
      }
    });
    parser.on('text', (t) => {
      if (certText !== undefined) certText += t;
    });
    parser.on('closetag', (tag) => {
      const name = localName(tag.name);
      stack.pop();
      if (name === 'X509Certificate' && certText !== undefined && current) {
        const cert = certText.replace(/\s+/g, '');
        if (cert && !current.certificates.includes(cert)) current.certificates.push(cert);
        certText = undefined;
      } else if (name === 'KeyDescriptor') keyUse = null;
      else if (name === 'IDPSSODescriptor') inIdp = false;
      else if (name === 'EntityDescriptor' && current) {
        if (current.isIdp) found.push(current);
        current = undefined;
      }
    });
    parser.write(xml).close();
  } catch (err) {
    return { ok: false, problem: `metadata are not well-formed XML: ${(err as Error).message.slice(0, 200)}` };
  }
  const candidates = entityId ? found.filter((d) => d.entityId === entityId) : found;
  if (candidates.length === 0) return { ok: false, problem: entityId ? `no IdP with entityID ${entityId} in the metadata` : 'the metadata describe no IdP (IDPSSODescriptor)' };
  if (candidates.length > 1) return { ok: false, problem: `the metadata describe ${candidates.length} IdPs: name one with idpEntityId` };
  const d = candidates[0]!;
  if (!d.entityId) return { ok: false, problem: 'the IdP has no entityID' };
  if (!d.ssoUrl) return { ok: false, problem: 'the IdP has no SingleSignOnService with the HTTP-Redirect binding' };
  if (!isHttpUrl(d.ssoUrl)) return { ok: false, problem: 'the SingleSignOnService location is no http(s) URL' };
  if (d.sloUrl && !isHttpUrl(d.sloUrl)) return { ok: false, problem: 'the SingleLogoutService location is no http(s) URL' };
  if (d.certificates.length === 0) return { ok: false, problem: 'the IdP publishes no signing certificate: signed assertions could not be checked' };
  if (d.certificates.some((c) => !/^[A-Za-z0-9+/]+={0,2}$/.test(c))) return { ok: false, problem: 'a certificate is not base64' };
  return { ok: true, idp: { entityId: d.entityId, ssoUrl: d.ssoUrl, sloUrl: d.sloUrl ?? null, certificates: d.certificates } };
}

function isHttpUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return u.protocol === 'https:' || u.protocol === 'http:';
  } catch {
    return false;
  }
}

/** A certificate as PEM (what node-saml takes). */
export function certificatePem(base64: string): string {
  return `-----BEGIN CERTIFICATE-----\n${base64.match(/.{1,64}/g)!.join('\n')}\n-----END CERTIFICATE-----\n`;
}
