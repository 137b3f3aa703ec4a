import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The reader's download link for a delivered copy: the copy's id and an HMAC of the id and the
 * copy's nonce under the application's secret. It opens that copy only, cannot be forged or
 * moved to another copy, and a replaced scan (a new nonce) makes old links worthless. Expiry and
 * the number of downloads are the row's business, checked on every download.
 */
const MAC_BYTES = 18;
const keyOf = (secret: string): Buffer => createHmac('sha256', secret).update('anylib ill copy link v1').digest();
const mac = (secret: string, copyId: number, nonce: string): Buffer => createHmac('sha256', keyOf(secret)).update(`copy:${copyId}:${nonce}`).digest().subarray(0, MAC_BYTES);

export function copyToken(copyId: number, nonce: string, secret: string): string {
  return mac(secret, copyId, nonce).toString('base64url');
}

export function verifyCopyToken(token: string, copyId: number, nonce: string, secret: string): boolean {
  if (!/^[A-Za-z0-9_-]{24}$/.test(token)) return false;
  const given = Buffer.from(token, 'base64url');
  const expected = mac(secret, copyId, nonce);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The link as readers get it (e-mail, request page). */
export function copyLink(baseUrl: string, copyId: number, nonce: string, secret: string): string {
  return `${baseUrl}/api/v1/ill/copies/${copyId}/download?token=${copyToken(copyId, nonce, secret)}`;
}
