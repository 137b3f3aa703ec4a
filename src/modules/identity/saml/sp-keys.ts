/**
 * The SAML service provider's own key pair: it signs our AuthnRequests and LogoutRequests (the
 * Signature of the HTTP-Redirect binding), and IdPs encrypt assertions to its certificate. The
 * certificate is published in our SP metadata for both uses.
 *
 * Configured by ANYLIB_SAML_KEY_FILE and ANYLIB_SAML_CERT_FILE (PEM; e.g. the pair a federation
 * such as CARSI registered). Unset: a 2048-bit RSA key and a self-signed certificate (ten years;
 * SAML metadata trusts the certificate itself, not a CA — SAML2 Metadata §2.4.1.1) are made on
 * first start and kept in the data directory (`saml-sp.pem`), so a fresh clone still starts with
 * `npm start` and the certificate stays the same across restarts.
 */
import { X509Certificate, createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface SpKeys {
  /** PKCS#8 private key, PEM. */
  key: string;
  /** X.509 certificate, PEM. */
  cert: string;
}

const cache = new Map<string, SpKeys>();

/** The key pair of the deployment (read or made once per process). A key that does not fit its certificate is an error at start. */
export function spKeys(c: { dataDir: string; saml: { keyFile: string | undefined; certFile: string | undefined } }): SpKeys {
  const id = `${c.dataDir}|${c.saml.keyFile ?? ''}|${c.saml.certFile ?? ''}`;
  let keys = cache.get(id);
  if (!keys) {
    keys = c.saml.keyFile && c.saml.certFile ? fromFiles(c.saml.keyFile, c.saml.certFile) : fromDataDir(c.dataDir);
    cache.set(id, keys);
  }
  return keys;
}

function fromFiles(keyFile: string, certFile: string): SpKeys {
  const keys = { key: pemBlock(readFileSync(keyFile, 'utf8'), /PRIVATE KEY/), cert: pemBlock(readFileSync(certFile, 'utf8'), /CERTIFICATE/) };
  if (!keys.key) throw new Error(`ANYLIB_SAML_KEY_FILE: ${keyFile} holds no PEM private key`);
  if (!keys.cert) throw new Error(`ANYLIB_SAML_CERT_FILE: ${certFile} holds no PEM certificate`);
  if (!new X509Certificate(keys.cert).checkPrivateKey(createPrivateKey(keys.key))) throw new Error(`ANYLIB_SAML_KEY_FILE: the key in ${keyFile} is not the key of the certificate in ${certFile}`);
  return { key: createPrivateKey(keys.key).export({ type: 'pkcs8', format: 'pem' }) as string, cert: keys.cert };
}

/** The first PEM block whose label matches. */
function pemBlock(text: string, label: RegExp): string {
  for (const m of text.matchAll(/-----BEGIN ([A-Z ]+)-----[\s\S]+?-----END \1-----/g)) if (label.test(m[1]!)) return m[0];
  return '';
}

function fromDataDir(dataDir: string): SpKeys {
  const file = path.join(dataDir, 'saml-sp.pem');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    const made = makeKeyPair('Anylib SAML service provider');
    // Written whole, then linked into place (as the secret): of two processes starting together one wins.
    const draft = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
    writeFileSync(draft, `${made.key}${made.cert}`, { mode: 0o600 });
    try {
      linkSync(draft, file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    } finally {
      rmSync(draft, { force: true });
    }
  }
  const text = readFileSync(file, 'utf8');
  const keys = { key: pemBlock(text, /PRIVATE KEY/), cert: pemBlock(text, /CERTIFICATE/) };
  if (!keys.key || !keys.cert) throw new Error(`${file} holds no key and certificate; delete it to make a new pair (and give the IdPs the new SP metadata)`);
  return keys;
}

/** A new RSA key and a self-signed certificate for it (sha256WithRSAEncryption, RFC 5280). */
export function makeKeyPair(commonName: string, years = 10, now = new Date()): SpKeys {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const notAfter = new Date(now);
  notAfter.setUTCFullYear(now.getUTCFullYear() + years);
  const serial = randomBytes(16);
  // Positive and minimally encoded (X.690 DER): a first byte of 0 before one below 0x80 is
  // "illegal padding", and OpenSSL refuses the certificate (1 key pair in 256 before).
  serial[0] = (serial[0]! & 0x7f) | 0x40;
  const name = seq(set(seq(oid('2.5.4.3'), tlv(0x0c, Buffer.from(commonName, 'utf8')))));
  const algorithm = seq(oid('1.2.840.113549.1.1.11'), tlv(0x05));
  const tbs = seq(
    tlv(0xa0, integer(Buffer.from([2]))), // v3
    integer(serial),
    algorithm,
    name,
    seq(time(new Date(now.getTime() - 60_000)), time(notAfter)),
    name,
    publicKey.export({ type: 'spki', format: 'der' }),
  );
  const signature = sign('sha256', tbs, privateKey);
  const der = seq(tbs, algorithm, tlv(0x03, Buffer.concat([Buffer.from([0]), signature])));
  const cert = `-----BEGIN CERTIFICATE-----\n${der.toString('base64').replace(/.{64}/g, '$&\n').replace(/\n$/, '')}\n-----END CERTIFICATE-----\n`;
  // The certificate must read back and fit the key; anything else is a bug here.
  if (!new X509Certificate(cert).checkPrivateKey(privateKey) || !createPublicKey(cert)) throw new Error('the generated SAML certificate does not fit its key');
  return { key: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string, cert };
}

// --- DER, as much as a certificate needs (X.690)

function tlv(tag: number, ...parts: Buffer[]): Buffer {
  const body = Buffer.concat(parts);
  const n = body.length;
  const length = n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : n < 0x10000 ? [0x82, n >> 8, n & 0xff] : [0x83, n >> 16, (n >> 8) & 0xff, n & 0xff];
  return Buffer.concat([Buffer.from([tag, ...length]), body]);
}
const seq = (...parts: Buffer[]) => tlv(0x30, ...parts);
const set = (...parts: Buffer[]) => tlv(0x31, ...parts);
const integer = (b: Buffer) => tlv(0x02, b[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), b]) : b);

function oid(dotted: string): Buffer {
  const [a, b, ...rest] = dotted.split('.').map(Number);
  const bytes = [a! * 40 + b!];
  for (const n of rest) {
    const chunk = [n & 0x7f];
    for (let v = n >> 7; v > 0; v >>= 7) chunk.unshift((v & 0x7f) | 0x80);
    bytes.push(...chunk);
  }
  return tlv(0x06, Buffer.from(bytes));
}

/** UTCTime before 2050, GeneralizedTime from then on (RFC 5280 §4.1.2.5). */
function time(d: Date): Buffer {
  const iso = d.toISOString().replace(/[-:T]/g, '').slice(0, 14) + 'Z';
  return d.getUTCFullYear() < 2050 ? tlv(0x17, Buffer.from(iso.slice(2))) : tlv(0x18, Buffer.from(iso));
}
