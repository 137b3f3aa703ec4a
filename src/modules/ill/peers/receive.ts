/**
 * POST /iso18626: a peer's message read, checked against its version's schema (the codec checks
 * what the official XSD says), logged in full, applied to our side through the same steps as
 * in-process messages, and answered with its confirmation in the version it came in. A message
 * seen before (its message key) gets the confirmation it got the first time and is not applied
 * again; a refused message changes nothing but is logged, with the refusal in the history.
 */
import { createHash } from 'node:crypto';
import type { Db, Queryable } from '../../../platform/db/index.js';
import {
  confirmationFor, confirmationForFailure, messageKey, parseMessage, writeMessage,
  type IllReason, type Iso18626Message, type Iso18626Version, type iso18626, type Outcome,
} from '../domain/index.js';
import { decodeBytes } from '../domain/iso18626/xml-tree.js';
import { illStore } from '../ill.store.js';
import { clock, type StepContext } from '../steps.js';
import { applyMessage, Refused } from './apply.js';
import { authenticate, fromSomePeer, senderOf } from './authenticate.js';
import { peerStore } from './peer.store.js';

export interface Answer {
  status: number;
  /** The confirmation (XML), or a plain-text reason when the message deserves none. */
  body: string;
  contentType: string;
  /** The same message came before: this is the confirmation it got then. */
  repeated?: boolean;
  /** Not taken: the message does not carry the secret of the agency it claims to come from (for the server's log). */
  unauthenticated?: { sender: string; why: string };
}

const XML = 'application/xml; charset=utf-8';
const directionOf = (kind: string | undefined): 'to-lender' | 'to-borrower' => (kind === 'supplyingAgencyMessage' ? 'to-borrower' : 'to-lender');
const opposite = (d: 'to-lender' | 'to-borrower') => (d === 'to-lender' ? 'to-borrower' : 'to-lender');
/**
 * The message as it came, for the log: decoded as the codec reads it (a GB18030 message is
 * kept as the text it says), else as UTF-8 with what is not replaced; NUL cannot be stored.
 */
function asText(body: Uint8Array): string {
  let text: string;
  try {
    text = decodeBytes(body);
  } catch {
    text = Buffer.from(body).toString('utf8');
  }
  return text.replaceAll('\u0000', '');
}

/** Writes a confirmation in the version asked for, else in the other one (a 1.2 header needs ids a broken message may lack). */
function write(message: Iso18626Message, version: Iso18626Version): { xml: string; version: Iso18626Version } | undefined {
  for (const v of [version, version === '2021' ? '1.2' : '2021'] as const) {
    try {
      return { xml: writeMessage(message, v), version: v };
    } catch {
      // the other version may hold it
    }
  }
  return undefined;
}

/** A message we could not read: logged as it came, answered ERROR with the codec's errorType. */
async function unreadable(db: Db, body: Uint8Array, read: Extract<ReturnType<typeof parseMessage>, { ok: false }>, peer: string | undefined): Promise<Answer> {
  const now = clock();
  const confirmation = confirmationForFailure(read, now);
  const written = confirmation && write(confirmation, read.version ?? '2021');
  const key = `iso18626-raw:${createHash('sha256').update(body).digest('hex')}`;
  await db.transaction(async (tx) => {
    const direction = directionOf(read.kind);
    const id = await peerStore.log(tx, {
      requestId: null, supplyId: null, direction, kind: read.kind ?? 'unknown', key, version: read.version ?? 'unknown', xml: asText(body), transport: 'http-in', ...(peer ? { peer } : {}), at: now,
    });
    if (id !== undefined && written) {
      await peerStore.log(tx, {
        requestId: null, supplyId: null, direction: opposite(direction), kind: confirmation.kind, key: `${key}:confirmation`, version: written.version, xml: written.xml,
        transport: 'http-out', outcome: 'ERROR', confirms: id, ...(peer ? { peer } : {}), at: now,
      });
    }
  });
  if (!written) return { status: 400, body: `${read.errorType}: ${read.errorValue}`, contentType: 'text/plain; charset=utf-8' };
  return { status: 200, body: written.xml, contentType: XML };
}

async function confirm(
  tx: Queryable, message: iso18626.AgencyMessage, outcome: Outcome, version: Iso18626Version, confirms: number, where: { requestId: number | null; supplyId: number | null }, peer: string | undefined,
): Promise<Answer> {
  const confirmation = confirmationFor(message, outcome, clock());
  const xml = writeMessage(confirmation, version);
  await peerStore.log(tx, {
    ...where, direction: opposite(directionOf(message.kind)), kind: confirmation.kind, key: messageKey(confirmation), version, xml, transport: 'http-out',
    outcome: confirmation.confirmationHeader.messageStatus, confirms, ...(peer ? { peer } : {}), at: clock(),
  });
  return { status: 200, body: xml, contentType: XML };
}

async function repeated(tx: Queryable, key: string): Promise<Answer | undefined> {
  const seen = await peerStore.confirmationOf(tx, key);
  return seen && { status: 200, body: seen.xml, contentType: XML, repeated: true };
}

/** Our own message under this key (it came back to us): answered OK, nothing applied. */
function unlogged(message: iso18626.AgencyMessage, version: Iso18626Version): Answer {
  return { status: 200, body: writeMessage(confirmationFor(message, { ok: true }, clock()), version), contentType: XML, repeated: true };
}

/**
 * Answers one message posted to /iso18626. `peer` is where it came from (the remote address),
 * for the log; `authorization` the request's Authorization header (authenticate.ts).
 */
export async function receiveMessage(db: Db, body: Uint8Array, peer?: string, authorization?: string): Promise<Answer> {
  const read = parseMessage(body);
  if (!read.ok) {
    // Nobody's message: not answered, not kept (a stranger cannot fill the log).
    if (!(await fromSomePeer(db, authorization))) return { status: 401, body: '', contentType: 'text/plain; charset=utf-8', unauthenticated: { sender: '(unreadable)', why: 'no peer’s secret' } };
    return unreadable(db, body, read, peer);
  }
  if (!(read.message.kind === 'request' || read.message.kind === 'supplyingAgencyMessage' || read.message.kind === 'requestingAgencyMessage')) {
    // Confirmations travel as the HTTP answer to a message; on their own they are answered by nothing.
    return { status: 400, body: `a ${read.message.kind} is the answer to a message, not a message`, contentType: 'text/plain; charset=utf-8' };
  }
  const message = read.message;
  const version = read.version;
  const auth = await authenticate(db, message, authorization);
  if (!auth.ok) {
    // Answered, but neither applied nor logged under its message key: a stranger's copy of a
    // message logged first would make the peer's own be answered with this ERROR.
    const xml = writeMessage(confirmationFor(message, auth.outcome, clock()), version);
    return { status: 200, body: xml, contentType: XML, unauthenticated: { sender: senderOf(message).symbol, why: auth.why } };
  }
  const key = messageKey(message);
  const logged = (tx: Queryable, where: { requestId: number | null; supplyId: number | null }) =>
    peerStore.log(tx, {
      ...where, direction: directionOf(message.kind), kind: message.kind, key, version, xml: asText(body), transport: 'http-in', ...(peer ? { peer } : {}), at: clock(),
    });
  try {
    return await db.transaction(async (tx) => {
      const id = await logged(tx, { requestId: null, supplyId: null });
      if (id === undefined) return (await repeated(tx, key)) ?? unlogged(message, version);
      const c: StepContext = { tx, now: clock, user: null, locale: 'en' };
      const where = await applyMessage(c, message, version);
      await peerStore.linkMessage(tx, id, where.requestId, where.supplyId);
      return confirm(tx, message, { ok: true }, version, id, where, peer);
    });
  } catch (err) {
    if (!(err instanceof Refused)) throw err;
    // Nothing of the refused message was kept (the transaction rolled back): log it, and the refusal.
    return db.transaction(async (tx) => {
      const where = { requestId: err.requestId ?? null, supplyId: err.supplyId ?? null };
      const id = await logged(tx, where);
      if (id === undefined) return (await repeated(tx, key)) ?? unlogged(message, version);
      if (err.requestId !== undefined && err.state !== undefined) await logRefusal(tx, err.requestId, err.supplyId ?? null, err.state, err.event ?? message.kind, err.reason, err.outcome);
      return confirm(tx, message, err.outcome, version, id, where, peer);
    });
  }
}

async function logRefusal(tx: Queryable, requestId: number, supplyId: number | null, state: string, event: string, reason: IllReason | undefined, outcome: Outcome): Promise<void> {
  await illStore.insertEvent(tx, {
    requestId, supplyId, side: 'borrowing', fromState: state, toState: state, event, actor: 'peer', actorUser: null, at: clock(),
    details: { refused: reason ?? null, errors: outcome.ok ? [] : outcome.errors },
  });
}
