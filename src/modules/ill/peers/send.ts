/**
 * Messages that leave the deployment: to a lender that lives at a peer, to the peer whose
 * request we are sourcing (its answers relayed), and the Request to the upper tier when our rota
 * is exhausted (federation). Each is written in the peer's version, logged in full and put in
 * the outbox in the same transaction as the step that sent it; the outbox delivers it.
 */
import { agencyIdOfSymbol, Iso18626WriteError, messageKey, writeMessage, type IllEvent, type Iso18626Version, type iso18626 } from '../domain/index.js';
import { illStore, type RequestRow } from '../ill.store.js';
import { requestingId, requestMessage, retryInfoOf } from '../iso-messages.js';
import { stepRequest, untracked, type StepContext } from '../steps.js';
import { pokeOutbox } from './outbox.js';
import { peerStore, type Peer } from './peer.store.js';
import { relayOf, type Relay } from './relay-rules.js';

type Sam = iso18626.SupplyingAgencyMessage;

/**
 * Logs a message for a peer and queues it for delivery. What the peer's version cannot say (a
 * HoldReturn status to a 1.2 peer, relayed from our lender) is not sent: the step still stands,
 * and the history says what was not told and why.
 */
async function send(c: StepContext, peer: Peer, message: iso18626.AgencyMessage, version: Iso18626Version, where: { requestId: number; supplyId: number | null; direction: 'to-lender' | 'to-borrower' }): Promise<void> {
  untracked(c); // the desk's answer is read after the commit (steps.ts, Answer)
  let xml: string;
  try {
    xml = writeMessage(message, version);
  } catch (err) {
    if (!(err instanceof Iso18626WriteError)) throw err;
    const r = (await illStore.request(c.tx, where.requestId))!;
    await illStore.insertEvent(c.tx, {
      requestId: r.id, supplyId: where.supplyId, side: 'borrowing', fromState: r.state, toState: r.state, event: `${message.kind}/not-sent`, actor: 'system', actorUser: null,
      at: c.now(), details: { peer: peer.url, version, reason: err.message },
    });
    return;
  }
  const id = await peerStore.log(c.tx, {
    ...where, kind: message.kind, key: messageKey(message), version, xml, transport: 'http-out', peer: peer.url, at: c.now(),
  });
  if (id === undefined) return; // written before: already on its way
  await peerStore.enqueue(c.tx, { messageId: id, requestId: where.requestId, url: peer.url, peerLibraryId: peer.libraryId });
  pokeOutbox();
}

/**
 * A message to the lender of `where.supplyId` when that lender lives at a peer: sent over HTTP
 * instead of applied in-process. False when the lender is ours.
 */
export async function sendToRemoteLender(c: StepContext, message: iso18626.AgencyMessage, where: { requestId: number; supplyId: number }): Promise<boolean> {
  const s = await illStore.supply(c.tx, where.supplyId);
  if (!s?.remote) return false;
  const peer = await peerStore.peerOfLibrary(c.tx, s.lendingLibraryId);
  if (!peer) throw new Error(`ILL: lender ${s.lendingLibrary} is remote but has no ISO 18626 address`);
  // The peer names its side of the request itself (we learn it from its first message). A
  // request a peer sent us goes on under the library it addressed: we broker it, the answers come to us.
  const r = (await illStore.request(c.tx, where.requestId))!;
  const header = {
    ...message.header, supplyingAgencyRequestId: s.peerRequestId ?? undefined,
    ...(r.peerAgency !== null ? { requestingAgencyId: agencyIdOfSymbol(r.peerAgency) } : {}),
  };
  if (header.supplyingAgencyRequestId === undefined) delete header.supplyingAgencyRequestId;
  let out = { ...message, header } as iso18626.AgencyMessage;
  if (out.kind === 'request') {
    // Our cluster ids mean nothing there: the peer finds the work by its standard numbers and citation.
    const { supplierUniqueRecordId: _ours, ...bibliographicInfo } = out.bibliographicInfo;
    out = { ...out, bibliographicInfo };
  }
  await send(c, peer, out, peer.version, { ...where, direction: 'to-lender' });
  return true;
}

/** Whether the request may go to the upper tier: there is one, it has not been tried, and it is not the peer the request came from. */
export async function canEscalate(c: StepContext, r: RequestRow): Promise<boolean> {
  const upper = await peerStore.upperTier(c.tx);
  return upper !== undefined && (r.context as { escalated?: boolean }).escalated !== true && upper.libraryId !== r.borrowingLibraryId;
}

/** Federation: the upper tier's deployment becomes the request's lender, and gets a Request New. */
export async function escalate(c: StepContext, requestId: number): Promise<void> {
  untracked(c);
  const upper = await peerStore.upperTier(c.tx);
  const r = (await illStore.request(c.tx, requestId))!;
  if (!upper) return; // the guard can-escalate stands before the effect
  const context = { ...r.context, peerVersion: upper.version, escalated: true };
  const supplyId = await illStore.insertSupply(c.tx, requestId, upper.libraryId, 'new', { service: r.citation.service, peerVersion: upper.version }, true);
  if (!(await illStore.saveRequest(c.tx, { ...r, context, currentSupplyId: supplyId }))) throw new Error(`ILL: request ${requestId} changed while escalating`);
  await sendToRemoteLender(c, requestMessage(r, upper.symbol, 'New', c.now()), { requestId, supplyId });
}

/** A status of a request a peer sent us, told to that peer. */
export async function relay(c: StepContext, r: RequestRow, info: Relay): Promise<void> {
  const peer = await peerStore.peerOfLibrary(c.tx, r.borrowingLibraryId);
  if (!peer || r.peerRequestId === null || r.peerAgency === null) return;
  const now = c.now();
  const message: Sam = {
    kind: 'supplyingAgencyMessage',
    header: {
      supplyingAgencyId: agencyIdOfSymbol(r.peerAgency), requestingAgencyId: agencyIdOfSymbol(r.borrowingLibrary), timestamp: now,
      requestingAgencyRequestId: r.peerRequestId, supplyingAgencyRequestId: requestingId(r.id),
    },
    messageInfo: {
      reasonForMessage: info.reasonForMessage,
      ...(info.answerYesNo ? { answerYesNo: info.answerYesNo } : {}),
      ...(info.note ? { note: info.note } : {}),
      ...(info.reasonUnfilled ? { reasonUnfilled: { value: info.reasonUnfilled } } : {}),
      ...(info.reasonRetry ? { reasonRetry: { value: info.reasonRetry } } : {}),
    },
    statusInfo: { status: info.status, ...(info.dueDate ? { dueDate: info.dueDate } : {}), lastChange: now },
    // Our lender's changed terms go on as they came (retryInfo; for a 1.2 peer the codec moves what 2017 has room for).
    ...(info.status === 'RetryPossible' && retryInfoOf(info.conditions) ? { retryInfo: retryInfoOf(info.conditions)! } : {}),
  };
  const version = (r.context.peerVersion ?? peer.version) as Iso18626Version;
  await send(c, peer, message, version, { requestId: r.id, supplyId: null, direction: 'to-borrower' });
}

/** Whether {@link afterRequestStep} sends nothing for this step (held-save.ts: the step's save may then end the transaction). */
export function quietAfterRequestStep(r: RequestRow, to: string, event: IllEvent): boolean {
  if (to === 'end-of-rota' && event.kind === 'action' && event.action === 'rota-exhausted') return false;
  return r.peerRequestId === null || relayOf(r.state, to, event) === undefined;
}

/**
 * After a step of the borrowing side (`r` as it was before the step): a request whose rota ran out goes to the upper tier when
 * there is one; a request a peer sent us tells that peer what its lender here answered (the
 * lender's own message, relayed), that nobody here can supply it, or that it is cancelled.
 */
export async function afterRequestStep(c: StepContext, r: RequestRow, to: string, event: IllEvent): Promise<void> {
  const from = r.state;
  if (to === 'end-of-rota' && event.kind === 'action' && event.action === 'rota-exhausted' && (await canEscalate(c, r))) {
    await stepRequest(c, r.id, { kind: 'action', action: 'escalate', actor: 'system' });
    return;
  }
  if (r.peerRequestId === null) return;
  const said = relayOf(from, to, event);
  if (said) await relay(c, r, said);
}
