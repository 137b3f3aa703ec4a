/**
 * Who may speak for a peer library on POST /iso18626. Each peer holds a secret we issued it
 * (only its SHA-256 is kept, as for API tokens) and sends it as `Authorization: Bearer <secret>`.
 * A message whose sending agency — the supplying agency of a SupplyingAgencyMessage, the
 * requesting agency of a Request or a RequestingAgencyMessage — is not a peer, or is one whose
 * secret the message does not carry, is not applied: it is answered with an ERROR confirmation
 * (UnrecognisedDataValue on the sending agency's field: ISO 18626 has no errorType for
 * authentication, and a peer's system reads an ERROR and stops, where an HTTP error makes it
 * send again). Only a message we cannot even read gets HTTP 401, when it carries no peer's secret.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Queryable } from '../../../platform/db/index.js';
import { refuse, symbolOfAgencyId, type iso18626, type Outcome } from '../domain/index.js';
import { peerStore } from './peer.store.js';

/** A new secret to issue to a peer: 32 random bytes, prefixed so that a leaked one is recognisable. */
export function newPeerSecret(): string {
  return `ap_${randomBytes(32).toString('base64url')}`;
}

/** What is kept of a secret we issued: SHA-256 is enough for 256 random bits (nothing to guess), and the lookup is an index hit. */
export function hashPeerSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** The bearer token of an Authorization header, or undefined. */
export function bearerOf(authorization: string | undefined): string | undefined {
  const m = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(authorization ?? '');
  return m?.[1];
}

/** The field naming the agency that sent the message, and its symbol. */
export function senderOf(message: iso18626.AgencyMessage): { field: string; symbol: string } {
  return message.kind === 'supplyingAgencyMessage'
    ? { field: 'header/supplyingAgencyId', symbol: symbolOfAgencyId(message.header.supplyingAgencyId) }
    : { field: 'header/requestingAgencyId', symbol: symbolOfAgencyId(message.header.requestingAgencyId) };
}

function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}

export type Authentication = { ok: true } | { ok: false; outcome: Outcome; why: 'not-a-peer' | 'no-secret-issued' | 'no-authorization' | 'wrong-secret' };

/** Whether the message may speak for its sending agency. */
export async function authenticate(db: Queryable, message: iso18626.AgencyMessage, authorization: string | undefined): Promise<Authentication> {
  const sender = senderOf(message);
  const stored = await peerStore.inboundSecretHash(db, sender.symbol);
  // Not a peer: the same answer a message from a library that is not a peer always had.
  if (stored === undefined) return { ok: false, why: 'not-a-peer', outcome: refuse('UnrecognisedDataValue', `${sender.field}: ${sender.symbol}`) };
  const presented = bearerOf(authorization);
  const why = stored === null ? 'no-secret-issued' : presented === undefined ? 'no-authorization' : sameHash(hashPeerSecret(presented), stored) ? undefined : 'wrong-secret';
  if (why === undefined) return { ok: true };
  return { ok: false, why, outcome: refuse('UnrecognisedDataValue', `${sender.field}: ${sender.symbol} (not authenticated: send the secret this deployment issued to that agency as Authorization: Bearer)`) };
}

/** Whether the header carries the secret of some peer (a message we cannot read is answered, and logged, only for a peer). */
export async function fromSomePeer(db: Queryable, authorization: string | undefined): Promise<boolean> {
  const presented = bearerOf(authorization);
  return presented !== undefined && (await peerStore.anyPeerWithSecret(db, hashPeerSecret(presented)));
}
