import { describe, expect, it } from 'vitest';
import { claimsFromAttributes } from './attributes.js';
import { certificatePem, parseIdpMetadata } from './idp-metadata.js';

const cert = 'MIIBszCCAVmgAwIBAgIUTEST' + 'A'.repeat(40) + '==';
const idp = (entityId: string, extra = '') => `<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="${entityId}">
  <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    <md:KeyDescriptor use="encryption"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>ENCRYPTIONONLY</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>
    <md:KeyDescriptor><ds:KeyInfo><ds:X509Data><ds:X509Certificate>
      ${cert}
    </ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>
    <md:SingleLogoutService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="${entityId}/slo"/>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="${entityId}/sso-post"/>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="${entityId}/sso"/>
    ${extra}
  </md:IDPSSODescriptor>
</md:EntityDescriptor>`;

describe('an IdP’s SAML metadata', () => {
  it('gives the entityID, the redirect-binding SSO and SLO locations and the signing certificates (not encryption-only ones)', () => {
    expect(parseIdpMetadata(idp('https://idp.uni.example/idp'))).toEqual({
      ok: true,
      idp: { entityId: 'https://idp.uni.example/idp', ssoUrl: 'https://idp.uni.example/idp/sso', sloUrl: 'https://idp.uni.example/idp/slo', certificates: [cert] },
    });
  });

  it('picks one IdP out of a federation’s aggregate by entityID, and asks for one when there are several', () => {
    const aggregate = `<md:EntitiesDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata">${idp('https://a.example/idp')}${idp('https://b.example/idp')}
      <md:EntityDescriptor entityID="https://sp.example/sp"><md:SPSSODescriptor/></md:EntityDescriptor></md:EntitiesDescriptor>`;
    expect(parseIdpMetadata(aggregate)).toEqual({ ok: false, problem: 'the metadata describe 2 IdPs: name one with idpEntityId' });
    expect(parseIdpMetadata(aggregate, 'https://b.example/idp')).toMatchObject({ ok: true, idp: { entityId: 'https://b.example/idp' } });
    expect(parseIdpMetadata(aggregate, 'https://c.example/idp')).toMatchObject({ ok: false, problem: expect.stringContaining('no IdP with entityID') });
  });

  it('refuses metadata without a signing certificate, without redirect SSO, with a DOCTYPE, or not XML at all', () => {
    expect(parseIdpMetadata(idp('https://x.example').replace(/<md:KeyDescriptor>[\s\S]*?<\/md:KeyDescriptor>/, ''))).toMatchObject({ ok: false, problem: expect.stringContaining('no signing certificate') });
    expect(parseIdpMetadata(idp('https://x.example').replace(/Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https:\/\/x.example\/sso"/, 'Binding="x" Location="y"'))).toMatchObject({ ok: false, problem: expect.stringContaining('HTTP-Redirect') });
    expect(parseIdpMetadata(`<!DOCTYPE lolz [<!ENTITY lol "lol">]>${idp('https://x.example')}`)).toMatchObject({ ok: false, problem: expect.stringContaining('DOCTYPE') });
    expect(parseIdpMetadata('<md:EntityDescriptor')).toMatchObject({ ok: false, problem: expect.stringContaining('not well-formed') });
  });

  it('gives node-saml the certificate as PEM, 64 characters a line', () => {
    expect(certificatePem('A'.repeat(100))).toBe(`-----BEGIN CERTIFICATE-----\n${'A'.repeat(64)}\n${'A'.repeat(36)}\n-----END CERTIFICATE-----\n`);
  });
});

describe('SAML attributes as claims', () => {
  it('are offered by OID and by friendly name, several values together, with the NameID', () => {
    const claims = claimsFromAttributes(
      { 'urn:oid:1.3.6.1.4.1.5923.1.1.1.9': ['student@uni.example', 'member@uni.example'], 'urn:oid:0.9.2342.19200300.100.1.3': 'li@uni.example', department: { _: 'Physics', $: {} } },
      '_transient-1',
    );
    expect(claims).toEqual({
      'urn:oid:1.3.6.1.4.1.5923.1.1.1.9': ['student@uni.example', 'member@uni.example'],
      eduPersonScopedAffiliation: ['student@uni.example', 'member@uni.example'],
      'urn:oid:0.9.2342.19200300.100.1.3': ['li@uni.example'],
      mail: ['li@uni.example'],
      department: ['Physics'],
      nameID: '_transient-1',
    });
  });

  it('take an attribute named __proto__ as a plain name', () => {
    const claims = claimsFromAttributes(JSON.parse('{"__proto__": "x"}') as Record<string, unknown>, undefined);
    expect(Object.getPrototypeOf(claims)).toBeNull();
    expect(claims.__proto__).toEqual(['x']);
  });
});
