import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * A new secret for a token or a session: 32 random bytes, prefixed so that a leaked one is
 * recognisable (`al_` API token, `as_` session).
 */
export function newSecret(prefix: 'al' | 'as'): string {
  return `${prefix}_${randomBytes(32).toString('base64url')}`;
}

/**
 * What is stored of a secret. SHA-256 is enough here: the secrets are 256 random bits, not
 * passwords, so there is nothing to guess; it also lets the lookup be an index hit.
 */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** Compares two strings in constant time (CSRF tokens, the local token). */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
