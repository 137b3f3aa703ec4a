/**
 * A peer's message applied to our side. Which side depends on the message:
 *
 * - a **Request** New makes a request here on behalf of the peer's library (we are its upper
 *   tier, or a broker): sourced from our rota like a reader's, its lender's answers relayed to
 *   the peer (peers/send.ts);
 * - a **SupplyingAgencyMessage** answers one of our requests whose lender lives at the peer;
 * - a **RequestingAgencyMessage** (Received, ShippedReturn, Cancel, Renew, …) is the peer's desk
 *   acting on the request it sent us: taken here as the same desk actions.
 *
 * Every step goes through `stepRequest`, as in-process messages do. A refusal throws
 * {@link Refused}: the caller rolls back and answers ERROR.
 */
import { AppError } from '../../../platform/errors/index.js';
import { clustersByIsbn } from '../../catalog/index.js';
import { getLibrary } from '../../network/index.js';
import { refuse, symbolOfAgencyId, type IllReason, type Iso18626Version, type iso18626, type Outcome } from '../domain/index.js';
import { illStore, type Citation } from '../ill.store.js';
import { eventName, eventOf } from '../iso-messages.js';
import { source } from '../sourcing.js';
import { stepRequest, type StepContext } from '../steps.js';
import { refusalOutcome, unknownValue } from './outcome.js';
import { peerStore } from './peer.store.js';
import { deskStepsFor, statusForPeer, type DeskStep } from './relay-rules.js';
import { relay } from './send.js';

/** Our answer is ERROR; nothing the message did is kept. */
export class Refused extends Error {
  constructor(
    readonly outcome: Outcome,
    readonly requestId?: number,
    readonly supplyId?: number,
    /** The request's state when refused, and the event and reason, for the history. */
    readonly state?: string,
    readonly event?: string,
    readonly reason?: IllReason,
  ) {
    super('refused');
  }
}

export interface Applied {
  requestId: number | null;
  supplyId: number | null;
}

/** Our request id in a header (`ILL-12`), or undefined. */
const ourId = (id: string | undefined): number | undefined => {
  const m = id === undefined ? null : /^ILL-(\d{1,15})$/.exec(id);
  return m ? Number(m[1]) : undefined;
};

export async function applyMessage(c: StepContext, m: iso18626.AgencyMessage, version: Iso18626Version): Promise<Applied> {
  switch (m.kind) {
    case 'supplyingAgencyMessage':
      return fromLender(c, m);
    case 'requestingAgencyMessage':
      return fromBorrower(c, m);
    case 'request':
      return m.serviceInfo?.requestType === 'New' || m.serviceInfo?.requestType === undefined ? newRequest(c, m, version) : requestAgain(c, m);
  }
}

/** A lender at a peer answers one of our requests. */
async function fromLender(c: StepContext, m: iso18626.SupplyingAgencyMessage): Promise<Applied> {
  const id = ourId(m.header.requestingAgencyRequestId);
  const sender = symbolOfAgencyId(m.header.supplyingAgencyId);
  const r = id === undefined ? undefined : await peerStore.requestAndRemoteLender(c.tx, id, sender);
  // We request as the borrowing library, or — for a request a peer sent us — as the library it addressed (the broker).
  if (!r || (r.peerAgency ?? r.borrowingLibrary) !== symbolOfAgencyId(m.header.requestingAgencyId)) {
    throw new Refused(unknownValue('header/requestingAgencyRequestId', m.header.requestingAgencyRequestId));
  }
  const s = r.supply;
  if (!s) throw new Refused(unknownValue('header/supplyingAgencyId', sender), id);
  if (m.header.supplyingAgencyRequestId && s.peerRequestId === null) await peerStore.setSupplyPeerRequestId(c.tx, s.id, m.header.supplyingAgencyRequestId);
  // A lender the request has moved on from is answered OK and not applied (as in-process); so is
  // the answer to the Cancel our rejecting its conditions sent, once the rota has gone on without it.
  const movedOn = r.currentSupplyId !== s.id || (m.messageInfo.reasonForMessage === 'CancelResponse' && (r.state === 'unfilled' || r.state === 'end-of-rota'));
  if (movedOn) return { requestId: id!, supplyId: s.id };
  const event = eventOf(m)!;
  const refused = await stepRequest(c, id!, event);
  if (refused) throw new Refused(refusalOutcome(m, refused), id, s.id, r.state, eventName(event), refused);
  return { requestId: id!, supplyId: s.id };
}

/** The request a peer sent us that a message names: by the peer's library and its request id. */
async function peerRequest(c: StepContext, header: iso18626.Header): Promise<number> {
  const library = await getLibrary(c.tx, symbolOfAgencyId(header.requestingAgencyId));
  const id = library ? await peerStore.proxyRequestId(c.tx, library.id, header.requestingAgencyRequestId) : undefined;
  if (id === undefined) throw new Refused(unknownValue('header/requestingAgencyRequestId', header.requestingAgencyRequestId));
  const r = (await illStore.request(c.tx, id, true))!;
  if (header.supplyingAgencyId && symbolOfAgencyId(header.supplyingAgencyId) !== r.peerAgency) {
    throw new Refused(unknownValue('header/supplyingAgencyId', symbolOfAgencyId(header.supplyingAgencyId)), id);
  }
  return id;
}

/** Takes desk actions for the peer; a refusal throws {@link Refused} with the machine's reason. */
async function act(c: StepContext, requestId: number, m: iso18626.AgencyMessage, steps: DeskStep[], what: string): Promise<void> {
  const before = (await illStore.request(c.tx, requestId))!;
  for (const s of steps) {
    try {
      await stepRequest(c, requestId, { kind: 'action', action: s.action, actor: 'staff', ...(s.params ? { params: s.params } : {}) }, { ...s.params, via: 'iso18626' });
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'ILL_ACTION_REFUSED') throw err;
      const reason: IllReason = { code: err.fields[0]?.code ?? err.code };
      throw new Refused(refusalOutcome(m, reason), requestId, undefined, before.state, what, reason);
    }
  }
}

/** The peer's desk acts on the request it sent us. */
async function fromBorrower(c: StepContext, m: iso18626.RequestingAgencyMessage): Promise<Applied> {
  const id = await peerRequest(c, m.header);
  const r = (await illStore.request(c.tx, id))!;
  if (m.action === 'StatusRequest') {
    // Answered with a StatusRequestResponse through the outbox; nothing changes here.
    await relay(c, r, { reasonForMessage: 'StatusRequestResponse', status: statusForPeer(r.state), ...(r.context.dueDate ? { dueDate: r.context.dueDate } : {}) });
    return { requestId: id, supplyId: null };
  }
  const steps = deskStepsFor(m.action, { service: r.context.service ?? r.citation.service, ...(r.context.dueDate ? { dueDate: r.context.dueDate } : {}), ...(m.note ? { note: m.note } : {}), from: symbolOfAgencyId(m.header.requestingAgencyId) });
  const what = `RequestingAgencyMessage/${m.action}`;
  if (!steps) throw new Refused(refuse('UnsupportedActionType', `${m.action}: not taken over ISO 18626 here`), id, undefined, r.state, what);
  await act(c, id, m, steps, what);
  return { requestId: id, supplyId: null };
}

/** A Request again: Retry accepts the conditions our lender offered; a Reminder changes nothing. */
async function requestAgain(c: StepContext, m: iso18626.RequestMessage): Promise<Applied> {
  const id = await peerRequest(c, m.header);
  if (m.serviceInfo?.requestType === 'Retry') await act(c, id, m, [{ action: 'accept-conditions' }], 'Request/Retry');
  return { requestId: id, supplyId: null };
}

const services = { Loan: 'loan', Copy: 'copy', CopyOrLoan: 'either' } as const;

/** What the Request asks for, as our request keeps a citation. */
function citationOf(m: iso18626.RequestMessage, clusterId: number | null, isbn: string | undefined, issn: string | undefined): Citation {
  const b = m.bibliographicInfo;
  const year = Number.parseInt(m.publicationInfo?.publicationDate ?? '', 10);
  const serviceType = m.serviceInfo?.serviceType;
  return {
    clusterId, title: b.title!, author: b.author ?? null, isbn: isbn ?? null, issn: issn ?? null, year: Number.isFinite(year) ? year : null, materialType: 'book',
    service: serviceType && serviceType in services ? services[serviceType as keyof typeof services] : 'loan',
    edition: m.serviceInfo?.preferredEdition === 'ThisEdition' ? 'this' : 'any',
    articleTitle: b.titleOfComponent ?? null, pages: b.pagesRequested ?? null, volume: b.volume?.[0] ?? null, issue: b.issue ?? null,
  };
}

/**
 * A peer's library asks us to supply (we are its upper tier, or it chose us): the request is made
 * here for that library, sourced from our rota and sent to our first lender, in this transaction.
 * The same Request again (another timestamp) finds the request made the first time.
 */
async function newRequest(c: StepContext, m: iso18626.RequestMessage, version: Iso18626Version): Promise<Applied> {
  const h = m.header;
  const addressed = h.supplyingAgencyId ? symbolOfAgencyId(h.supplyingAgencyId) : undefined;
  const ours = addressed ? await getLibrary(c.tx, addressed) : undefined;
  if (!ours || (await peerStore.peerOfLibrary(c.tx, ours.id))) throw new Refused(unknownValue('header/supplyingAgencyId', addressed ?? '(none)'));
  const from = symbolOfAgencyId(h.requestingAgencyId);
  const borrower = await getLibrary(c.tx, from);
  if (!borrower || !(await peerStore.peerOfLibrary(c.tx, borrower.id))) throw new Refused(unknownValue('header/requestingAgencyId', from));
  const existing = await peerStore.proxyRequestId(c.tx, borrower.id, h.requestingAgencyRequestId);
  if (existing !== undefined) return { requestId: existing, supplyId: null };
  if (!m.bibliographicInfo.title?.trim()) throw new Refused(refuse('UnrecognisedDataValue', 'request/bibliographicInfo/title: a title is needed to find the work'));

  const idOf = (code: string) => m.bibliographicInfo.bibliographicItemId?.find((i) => i.bibliographicItemIdentifierCode.value.toUpperCase() === code)?.bibliographicItemIdentifier;
  const isbn = idOf('ISBN');
  const clusterId = (isbn ? (await clustersByIsbn(c.tx, isbn))[0] : undefined) ?? null;
  const citation = citationOf(m, clusterId, isbn, idOf('ISSN'));
  const neededBy = m.serviceInfo?.needBeforeDate?.slice(0, 10) ?? null;
  const now = c.now();
  const sourcing = await source(c.tx, borrower, { clusterId, service: citation.service, materialType: citation.materialType, edition: citation.edition, neededBy }, now);
  const id = await illStore.insertRequest(c.tx, {
    borrowingLibraryId: borrower.id, readerId: null, readerName: '', readerEmail: null, placedBy: null, citation, neededBy, pickupLocation: null,
    note: m.serviceInfo?.note ?? null, citationKey: clusterId !== null ? `cluster:${clusterId}` : `peer:${from}|${h.requestingAgencyRequestId}`,
    state: 'new', context: { service: citation.service, peerVersion: version, eligible: true }, rota: sourcing.rota,
    peerRequestId: h.requestingAgencyRequestId, peerAgency: addressed!,
  });
  await illStore.insertEvent(c.tx, {
    requestId: id, supplyId: null, side: 'borrowing', fromState: null, toState: 'new', event: 'Request/New', actor: 'peer', actorUser: null, at: now,
    details: { peer: from, peerRequestId: h.requestingAgencyRequestId },
  });
  const system = (action: string) => stepRequest(c, id, { kind: 'action', action, actor: 'system' });
  await system('validate');
  await system('start-sourcing');
  await system(sourcing.rota.ranked.length ? 'send-to-lender' : 'rota-exhausted');
  return { requestId: id, supplyId: null };
}
