/**
 * A real SAML 2.0 IdP for the tests: samlify's IdentityProvider behind a small HTTP server on
 * loopback. It publishes its metadata, takes AuthnRequests by the HTTP-Redirect binding, signs
 * its assertions, and answers with the auto-posting form of the HTTP-POST binding; it takes
 * LogoutRequests and answers LogoutResponses. It requires our AuthnRequests to be signed (with
 * the certificate of our SP metadata), and can encrypt its assertions to our certificate. Knobs
 * make it misbehave the way real ones can: sign with another key, name another issuer, answer
 * with an expired assertion, leave out attributes, encrypt to a certificate that is not ours.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import * as samlify from 'samlify';

/**
 * samlify wants every message it reads checked against the SAML schemas. A validator that runs
 * xmllint (tests only): well-formedness with no network and no entity expansion; the SAML XSDs
 * are not at hand offline, so this checks the XML, not the schema.
 */
samlify.setSchemaValidator({
  validate: (xml: string) => {
    const r = spawnSync('xmllint', ['--noout', '--nonet', '-'], { input: xml, encoding: 'utf8' });
    return r.status === 0 ? Promise.resolve('ok') : Promise.reject(new Error(`xmllint: ${r.stderr.slice(0, 300)}`));
  },
});

/** A fresh RSA key and a self-signed certificate (openssl), PEM. */
export function keyAndCertificate(cn = 'test-idp'): { key: string; cert: string } {
  const out = execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-sha256', '-days', '2', '-subj', `/CN=${cn}`, '-keyout', '-', '-out', '-'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const key = /-----BEGIN PRIVATE KEY-----[\s\S]+?-----END PRIVATE KEY-----/.exec(out)![0];
  const cert = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(out)![0];
  return { key, cert };
}

export const oid = {
  eduPersonPrincipalName: 'urn:oid:1.3.6.1.4.1.5923.1.1.1.6',
  eduPersonScopedAffiliation: 'urn:oid:1.3.6.1.4.1.5923.1.1.1.9',
  mail: 'urn:oid:0.9.2342.19200300.100.1.3',
  displayName: 'urn:oid:2.16.840.1.113730.3.1.241',
  isMemberOf: 'urn:oid:1.3.6.1.4.1.5923.1.5.1.1',
} as const;

export type Attributes = Partial<Record<keyof typeof oid, string | string[]>>;

/** How the IdP misbehaves on its next answers (reset with `behave()`). */
export interface Misbehaviour {
  /** Sign with a key that is not the one in the metadata. */
  foreignKey?: boolean;
  /** Name this issuer instead of the IdP's entityID. */
  issuer?: string;
  /** Shift every time of the assertion by this many seconds (negative: long ago, expired). */
  shiftSeconds?: number;
  /** Leave these attributes out. */
  omit?: (keyof typeof oid)[];
  /** Encrypt the (signed) assertion: to our certificate from the SP metadata, or to another one. */
  encrypt?: 'to-sp' | 'to-another-key';
}

export interface TestIdp {
  entityId: string;
  metadataUrl: string;
  metadataXml: string;
  setUser(name: string, attributes: Attributes): void;
  misbehave(m: Misbehaviour): void;
  behave(): void;
  /** LogoutRequests received (NameIDs), newest last. */
  logoutRequests: string[];
  /** A LogoutRequest of the IdP's own (the reader signed out elsewhere), signed or not: the URL to send the browser to. */
  logoutRequestUrl(user: string, signed: boolean): string;
  stop(): Promise<void>;
}

/** What the redirect binding's Signature covers: the query as sent, without the Signature itself (SAML Bindings §3.4.4.1). */
const signedPart = (search: string) =>
  search
    .slice(1)
    .split('&')
    .filter((p) => !p.startsWith('Signature='))
    .join('&');

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export async function startSamlIdp(spMetadataXml: string, users: Record<string, Attributes>): Promise<TestIdp> {
  const server: Server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const entityId = `${base}/idp`;
  const own = keyAndCertificate('test-idp');
  const foreign = keyAndCertificate('someone-else');
  const idpOf = (k: { key: string; cert: string }, isAssertionEncrypted = false) =>
    samlify.IdentityProvider({
      isAssertionEncrypted,
      entityID: entityId,
      privateKey: k.key,
      signingCert: k.cert,
      requestSignatureAlgorithm: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
      nameIDFormat: ['urn:oasis:names:tc:SAML:2.0:nameid-format:transient'],
      singleSignOnService: [{ Binding: 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect', Location: `${base}/sso` }],
      singleLogoutService: [{ Binding: 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect', Location: `${base}/slo` }],
      // Anylib signs its AuthnRequests and LogoutRequests: checked against the signing certificate of its metadata.
      wantAuthnRequestsSigned: true,
      wantLogoutRequestSigned: true,
    });
  const idp = idpOf(own);
  const foreignIdp = idpOf(foreign);
  const encryptingIdp = idpOf(own, true);
  const foreignEncryptingIdp = idpOf(foreign, true);
  const sp = samlify.ServiceProvider({ metadata: spMetadataXml });
  // The same SP as someone else claims it: its encryption certificate is not ours.
  const notOurs = keyAndCertificate('not-the-sp').cert.replace(/-----[A-Z ]+-----|\s/g, '');
  const spWithAnotherKey = samlify.ServiceProvider({
    metadata: spMetadataXml.replace(/(<KeyDescriptor use="encryption">[\s\S]*?<ds:X509Certificate>)[^<]+/, `$1${notOurs}`),
  });
  // The same SP, for LogoutRequests the IdP starts: those it signs (redirect binding: Signature, SigAlg).
  const spSigned = samlify.ServiceProvider({ metadata: spMetadataXml, wantLogoutRequestSigned: true });
  const people = new Map(Object.entries(users));
  let mis: Misbehaviour = {};
  const logoutRequests: string[] = [];

  server.on('request', (req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', base);
      const query = Object.fromEntries(url.searchParams);
      if (url.pathname === '/metadata') {
        res.writeHead(200, { 'content-type': 'application/samlmetadata+xml' }).end(idp.getMetadata());
        return;
      }
      if (url.pathname === '/sso') {
        const parsed = await idp.parseLoginRequest(sp, 'redirect', { query, octetString: signedPart(url.search) } as never);
        const who = String(req.headers['x-test-user'] ?? '');
        const attrs = people.get(who);
        if (!attrs) {
          res.writeHead(403).end('no such user');
          return;
        }
        const signer = mis.encrypt ? (mis.foreignKey ? foreignEncryptingIdp : encryptingIdp) : mis.foreignKey ? foreignIdp : idp;
        const to = mis.encrypt === 'to-another-key' ? spWithAnotherKey : sp;
        const shift = (mis.shiftSeconds ?? 0) * 1000;
        const at = (offsetSeconds: number) => new Date(Date.now() + shift + offsetSeconds * 1000).toISOString();
        const statement = Object.entries(attrs)
          .filter(([k]) => !mis.omit?.includes(k as keyof typeof oid))
          .map(([k, v]) => {
            const values = (Array.isArray(v) ? v : [v]).map((x) => `<saml:AttributeValue xsi:type="xs:string">${escapeXml(x)}</saml:AttributeValue>`).join('');
            return `<saml:Attribute Name="${oid[k as keyof typeof oid]}" FriendlyName="${k}" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:uri">${values}</saml:Attribute>`;
          })
          .join('');
        const requestId = (parsed.extract as { request?: { id?: string } }).request?.id ?? '';
        const acs = `${new URL(spMetadataXml.match(/AssertionConsumerService[^>]*Location="([^"]+)"/)![1]!).href}`;
        const spEntity = spMetadataXml.match(/entityID="([^"]+)"/)![1]!;
        const context = await signer.createLoginResponse(to, parsed as never, 'post', {}, {
          customTagReplacement: (template: string) => {
            const id = `_${randomBytes(16).toString('hex')}`;
            const values: Record<string, string> = {
              ID: id,
              AssertionID: `_${randomBytes(16).toString('hex')}`,
              Destination: acs,
              Audience: spEntity,
              EntityID: spEntity,
              SubjectRecipient: acs,
              Issuer: mis.issuer ?? entityId,
              IssueInstant: at(0),
              AssertionConsumerServiceURL: acs,
              StatusCode: 'urn:oasis:names:tc:SAML:2.0:status:Success',
              ConditionsNotBefore: at(-5),
              ConditionsNotOnOrAfter: at(300),
              SubjectConfirmationDataNotOnOrAfter: at(300),
              NameIDFormat: 'urn:oasis:names:tc:SAML:2.0:nameid-format:transient',
              NameID: `_nameid-${who}`,
              InResponseTo: requestId,
              AuthnStatement: `<saml:AuthnStatement AuthnInstant="${at(0)}" SessionIndex="_session-${who}"><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>`,
              AttributeStatement: statement ? `<saml:AttributeStatement>${statement}</saml:AttributeStatement>` : '',
            };
            // samlify's replaceTagsByValue escapes every value; the two statements are XML, the rest text.
            const xmlValued = new Set(['AuthnStatement', 'AttributeStatement']);
            return { id, context: template.replace(/\{(\w+)\}/g, (_m, k: string) => (xmlValued.has(k) ? (values[k] ?? '') : escapeXml(values[k] ?? ''))) };
          },
        });
        const form = `<!doctype html><form method="post" action="${escapeXml(acs)}"><input type="hidden" name="SAMLResponse" value="${escapeXml(context.context)}"><input type="hidden" name="RelayState" value="${escapeXml(query.RelayState ?? '')}"></form>`;
        res.writeHead(200, { 'content-type': 'text/html' }).end(form);
        return;
      }
      if (url.pathname === '/slo') {
        const parsed = await idp.parseLogoutRequest(sp, 'redirect', { query, octetString: signedPart(url.search) } as never);
        logoutRequests.push(String((parsed.extract as { nameID?: string }).nameID ?? ''));
        const answer = idp.createLogoutResponse(sp, parsed as never, 'redirect', query.RelayState ?? '') as { context: string };
        res.writeHead(302, { location: answer.context }).end();
        return;
      }
      res.writeHead(404).end();
    })().catch((err: unknown) => {
      res.writeHead(500).end(String(err));
    });
  });

  return {
    entityId,
    metadataUrl: `${base}/metadata`,
    metadataXml: idp.getMetadata(),
    setUser: (name, attributes) => people.set(name, attributes),
    misbehave: (m) => {
      mis = m;
    },
    behave: () => {
      mis = {};
    },
    logoutRequests,
    logoutRequestUrl: (user, signed) =>
      (idp.createLogoutRequest(signed ? spSigned : sp, 'redirect', { logoutNameID: `_nameid-${user}`, sessionIndex: `_session-${user}` }) as { context: string }).context,
    stop: async () => {
      server.close();
      server.closeAllConnections();
      await once(server, 'close').catch(() => undefined);
    },
  };
}

/** The auto-posting form of the HTTP-POST binding, read as a browser would: its action and fields. */
export function readPostForm(html: string): { action: string; fields: Record<string, string> } {
  const unescape = (s: string) => s.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  const action = unescape(/<form[^>]*action="([^"]+)"/.exec(html)![1]!);
  const fields: Record<string, string> = {};
  for (const m of html.matchAll(/<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g)) fields[m[1]!] = unescape(m[2]!);
  return { action, fields };
}
