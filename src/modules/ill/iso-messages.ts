/**
 * The ISO 18626 messages the two sides of a request send each other, built from the machines'
 * effects. Inside one deployment they are passed in-process, but as the same XML a peer would
 * get (written and read back by the codec), so the path over POST /iso18626 later is the same.
 */
import { agencyIdOfSymbol, type ActionParams, type Effect, type IllEvent, type iso18626 } from './domain/index.js';
import type { RequestRow, SupplyRow } from './ill.store.js';

type Msg = iso18626.Iso18626Message;
type RequestMessage = iso18626.RequestMessage;
type Sam = iso18626.SupplyingAgencyMessage;
type Ram = iso18626.RequestingAgencyMessage;

/** The version spoken inside the deployment: the 2021 schema has every status and action. */
export const LOCAL_VERSION = '2021' as const;

/** Our request id as the requesting agency names it in headers. */
export const requestingId = (requestId: number): string => `ILL-${requestId}`;
export const supplyingId = (supplyId: number): string => `LEND-${supplyId}`;

/** A due date or needed-by date typed as YYYY-MM-DD, as an xs:dateTime (end of that day, China Standard Time). */
export function dateTime(value: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T23:59:59+08:00` : value;
}

const serviceTypes = { loan: 'Loan', copy: 'Copy', either: 'CopyOrLoan' } as const;

export function requestMessage(r: RequestRow, lender: string, requestType: 'New' | 'Retry', now: string): RequestMessage {
  const c = r.citation;
  const ids: iso18626.BibliographicItemId[] = [
    ...(c.isbn ? [{ bibliographicItemIdentifier: c.isbn, bibliographicItemIdentifierCode: { value: 'ISBN' } }] : []),
    ...(c.issn ? [{ bibliographicItemIdentifier: c.issn, bibliographicItemIdentifierCode: { value: 'ISSN' } }] : []),
  ];
  return {
    kind: 'request',
    header: { supplyingAgencyId: agencyIdOfSymbol(lender), requestingAgencyId: agencyIdOfSymbol(r.borrowingLibrary), timestamp: now, requestingAgencyRequestId: requestingId(r.id) },
    bibliographicInfo: {
      // The union catalogue's record id, so the lender finds the cluster it holds a copy of.
      ...(c.clusterId !== null ? { supplierUniqueRecordId: `cluster:${c.clusterId}` } : {}),
      title: c.title,
      ...(c.author ? { author: c.author } : {}),
      ...(c.articleTitle ? { titleOfComponent: c.articleTitle } : {}),
      ...(c.volume ? { volume: [c.volume] } : {}),
      ...(c.issue ? { issue: c.issue } : {}),
      ...(c.pages ? { pagesRequested: c.pages } : {}),
      ...(ids.length ? { bibliographicItemId: ids } : {}),
    },
    ...(c.year !== null ? { publicationInfo: { publicationDate: String(c.year) } } : {}),
    serviceInfo: {
      requestType,
      serviceType: serviceTypes[c.service],
      preferredEdition: c.edition === 'this' ? 'ThisEdition' : 'AnyEdition',
      ...(r.neededBy ? { needBeforeDate: dateTime(r.neededBy) } : {}),
      ...(r.note ? { note: r.note } : {}),
    },
    // The reader by number only: the lender needs no name or address of someone else's reader.
    ...(r.readerId !== null ? { patronInfo: { patronId: String(r.readerId) } } : {}),
  };
}

export type Conditions = NonNullable<ActionParams['conditions']>;

/** The changed terms of a RetryPossible as ISO 18626 says them (retryInfo; the codec moves them for a 1.2 peer). */
export function retryInfoOf(c: Conditions | undefined): iso18626.RetryInfo | undefined {
  if (!c) return undefined;
  const info: iso18626.RetryInfo = {
    ...(c.loanConditions?.length ? { loanCondition: c.loanConditions.map((value) => ({ value })) } : {}),
    ...(c.edition ? { edition: [c.edition] } : {}),
    ...(c.serviceType ? { serviceType: c.serviceType === 'copy' ? 'Copy' : 'Loan' } : {}),
    ...(c.offeredCost ? { offeredCosts: [{ currencyCode: { value: c.offeredCost.currency }, monetaryValue: c.offeredCost.amount.toFixed(2) }] } : {}),
    ...(c.retryBefore ? { retryBefore: dateTime(c.retryBefore) } : {}),
    ...(c.retryAfter ? { retryAfter: dateTime(c.retryAfter) } : {}),
  };
  return Object.keys(info).length ? info : undefined;
}

/** The terms a peer's retryInfo offers, as the desks keep them (dates as they came: xs:dateTime). */
export function conditionsOf(info: iso18626.RetryInfo | undefined): Conditions | undefined {
  if (!info) return undefined;
  const cost = info.offeredCosts?.[0];
  const amount = cost ? Number(cost.monetaryValue) : Number.NaN;
  const c: Conditions = {
    ...(info.loanCondition?.length ? { loanConditions: info.loanCondition.map((l) => l.value) } : {}),
    ...(info.edition?.[0] ? { edition: info.edition[0] } : {}),
    ...(info.serviceType === 'Copy' ? { serviceType: 'copy' as const } : info.serviceType === 'Loan' ? { serviceType: 'loan' as const } : {}),
    ...(cost && Number.isFinite(amount) ? { offeredCost: { amount, currency: cost.currencyCode.value } } : {}),
    ...(info.retryBefore ? { retryBefore: info.retryBefore } : {}),
    ...(info.retryAfter ? { retryAfter: info.retryAfter } : {}),
  };
  return Object.keys(c).length ? c : undefined;
}

const header = (s: Pick<SupplyRow, 'id' | 'requestId' | 'lendingLibrary' | 'borrowingLibrary'>, now: string): iso18626.AgencyMessageHeader => ({
  supplyingAgencyId: agencyIdOfSymbol(s.lendingLibrary),
  requestingAgencyId: agencyIdOfSymbol(s.borrowingLibrary),
  timestamp: now,
  requestingAgencyRequestId: requestingId(s.requestId),
  supplyingAgencyRequestId: supplyingId(s.id),
});

export function supplyingMessage(s: SupplyRow, e: Extract<Effect, { type: 'send-supplying-agency-message' }>, now: string): Sam {
  return {
    kind: 'supplyingAgencyMessage',
    header: header(s, now),
    messageInfo: {
      reasonForMessage: e.reasonForMessage,
      ...(e.answerYesNo ? { answerYesNo: e.answerYesNo } : {}),
      ...(e.note ? { note: e.note } : {}),
      ...(e.reasonUnfilled ? { reasonUnfilled: { value: e.reasonUnfilled } } : {}),
      ...(e.reasonRetry ? { reasonRetry: { value: e.reasonRetry } } : {}),
    },
    statusInfo: { status: e.status, ...(e.dueDate ? { dueDate: dateTime(e.dueDate) } : {}), lastChange: now },
    ...(e.status === 'RetryPossible' && retryInfoOf(e.conditions) ? { retryInfo: retryInfoOf(e.conditions)! } : {}),
    ...(e.status === 'Loaned' ? { deliveryInfo: { dateSent: now } } : {}),
  };
}

export function requestingMessage(s: SupplyRow, e: Extract<Effect, { type: 'send-requesting-agency-message' }>, now: string): Ram {
  return { kind: 'requestingAgencyMessage', header: header(s, now), action: e.action, ...(e.note ? { note: e.note } : {}) };
}

/** The machine event a message read back from XML stands for. */
export function eventOf(m: Msg): IllEvent | undefined {
  switch (m.kind) {
    case 'request':
      return { kind: 'message', message: 'request', requestType: m.serviceInfo?.requestType ?? 'New' };
    case 'supplyingAgencyMessage':
      return {
        kind: 'message',
        message: 'supplyingAgencyMessage',
        reasonForMessage: m.messageInfo.reasonForMessage,
        status: m.statusInfo.status,
        ...(m.messageInfo.answerYesNo ? { answerYesNo: m.messageInfo.answerYesNo } : {}),
        ...(m.statusInfo.dueDate ? { dueDate: m.statusInfo.dueDate } : {}),
        ...(m.messageInfo.reasonUnfilled ? { reasonUnfilled: m.messageInfo.reasonUnfilled.value } : {}),
        ...(m.messageInfo.reasonRetry ? { reasonRetry: m.messageInfo.reasonRetry.value } : {}),
        ...(m.messageInfo.note ? { note: m.messageInfo.note } : {}),
        ...(m.statusInfo.status === 'RetryPossible' && conditionsOf(m.retryInfo) ? { conditions: conditionsOf(m.retryInfo)! } : {}),
      };
    case 'requestingAgencyMessage':
      return { kind: 'message', message: 'requestingAgencyMessage', action: m.action, ...(m.note ? { note: m.note } : {}) };
    default:
      return undefined;
  }
}

/** The name an event has in the history: the action, or the message and what it says. */
export function eventName(e: IllEvent): string {
  if (e.kind === 'action') return e.action;
  if (e.message === 'request') return `Request/${e.requestType}`;
  if (e.message === 'requestingAgencyMessage') return `RequestingAgencyMessage/${e.action}`;
  return `SupplyingAgencyMessage/${e.reasonForMessage}/${e.status}${e.answerYesNo ? `/${e.answerYesNo}` : ''}`;
}
