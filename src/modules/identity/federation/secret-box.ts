import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Client secrets of identity providers are kept sealed (AES-256-GCM, NIST SP 800-38D) with a key
 * derived from ANYLIB_SECRET by HKDF (RFC 5869), so a copy of the database alone does not let
 * anyone act as a library's client. Changing ANYLIB_SECRET means entering the secrets anew.
 */
function key(secret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'anylib', 'identity-provider-client-secret', 32));
}

export function seal(plain: string, secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key(secret), iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64url'), body.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
}

/** The secret, or undefined when it was sealed under another key (ANYLIB_SECRET changed). */
export function unseal(sealed: string, secret: string): string | undefined {
  const [v, iv, body, tag] = sealed.split('.');
  if (v !== 'v1' || !iv || body === undefined || !tag) return undefined;
  try {
    const d = createDecipheriv('aes-256-gcm', key(secret), Buffer.from(iv, 'base64url'));
    d.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([d.update(Buffer.from(body, 'base64url')), d.final()]).toString('utf8');
  } catch {
    return undefined;
  }
}
