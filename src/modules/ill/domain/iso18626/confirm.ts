/**
 * Confirmations (ISO 18626: every request, supplyingAgencyMessage and requestingAgencyMessage is
 * answered synchronously by its confirmation; confirmations are not confirmed). The confirmation
 * header repeats the ids of the message confirmed; `timestampReceived` is that message's own
 * timestamp (which is how the peer pairs the two), `timestamp` the time of the confirmation.
 * messageStatus is ERROR exactly when errorData is given.
 */
import type { ErrorData, IsoDateTime, AgencyMessage, ConfirmationHeader, ConfirmationMessage, RequestConfirmationMessage,
  RequestingAgencyMessageConfirmation, SupplyingAgencyMessageConfirmation, RequestMessage, SupplyingAgencyMessage, RequestingAgencyMessage,
  AgencyId } from './types.js';
import type { ParseResult } from './codec.js';
import { readDateTime } from './lexical.js';

/** What became of the message: accepted, or refused with one or more errors (2017 carries only the first). */
export type Outcome = { ok: true } | { ok: false; errors: [ErrorData, ...ErrorData[]] };

/** Refusal with one error, e.g. `refuse('UnsupportedActionType', 'Lost')`. */
export const refuse = (errorType: ErrorData['errorType'], errorValue?: string): Outcome => ({
  ok: false,
  errors: [errorValue === undefined ? { errorType } : { errorType, errorValue }],
});

function confirmationHeader(
  ids: { supplyingAgencyId?: AgencyId; requestingAgencyId?: AgencyId; requestingAgencyRequestId?: string; multipleItemRequestId?: string },
  timestampReceived: IsoDateTime,
  outcome: Outcome,
  now: IsoDateTime,
): ConfirmationHeader {
  return {
    ...(ids.supplyingAgencyId ? { supplyingAgencyId: ids.supplyingAgencyId } : {}),
    ...(ids.requestingAgencyId ? { requestingAgencyId: ids.requestingAgencyId } : {}),
    timestamp: now,
    ...(ids.requestingAgencyRequestId !== undefined ? { requestingAgencyRequestId: ids.requestingAgencyRequestId } : {}),
    ...(ids.multipleItemRequestId ? { multipleItemRequestId: ids.multipleItemRequestId } : {}),
    timestampReceived,
    messageStatus: outcome.ok ? 'OK' : 'ERROR',
  };
}

const errorsOf = (outcome: Outcome): { errorData?: ErrorData[] } => (outcome.ok ? {} : { errorData: outcome.errors });

export function confirmationFor(message: RequestMessage, outcome: Outcome, now: IsoDateTime): RequestConfirmationMessage;
export function confirmationFor(message: SupplyingAgencyMessage, outcome: Outcome, now: IsoDateTime): SupplyingAgencyMessageConfirmation;
export function confirmationFor(message: RequestingAgencyMessage, outcome: Outcome, now: IsoDateTime): RequestingAgencyMessageConfirmation;
export function confirmationFor(message: AgencyMessage, outcome: Outcome, now: IsoDateTime): ConfirmationMessage;
/** The confirmation of a message we read, `now` being the time we answer. */
export function confirmationFor(message: AgencyMessage, outcome: Outcome, now: IsoDateTime): ConfirmationMessage {
  const confirmationHeaderValue = confirmationHeader(message.header, message.header.timestamp, outcome, now);
  switch (message.kind) {
    case 'request':
      return { kind: 'requestConfirmation', confirmationHeader: confirmationHeaderValue, ...errorsOf(outcome) };
    case 'supplyingAgencyMessage':
      return {
        kind: 'supplyingAgencyMessageConfirmation',
        confirmationHeader: confirmationHeaderValue,
        reasonForMessage: message.messageInfo.reasonForMessage,
        ...errorsOf(outcome),
      };
    case 'requestingAgencyMessage':
      return { kind: 'requestingAgencyMessageConfirmation', confirmationHeader: confirmationHeaderValue, action: message.action, ...errorsOf(outcome) };
  }
}

const CONFIRMATION_OF = {
  request: 'requestConfirmation',
  supplyingAgencyMessage: 'supplyingAgencyMessageConfirmation',
  requestingAgencyMessage: 'requestingAgencyMessageConfirmation',
} as const;

/**
 * The ERROR confirmation of a message we could not read. Its type follows the message type when
 * that could be seen; when not even that (not XML, another root), a requestConfirmation, the
 * answer to the message that opens every exchange. The ids are those that could be read from the
 * header. A confirmation that fails is not answered: undefined.
 */
export function confirmationForFailure(failure: Extract<ParseResult, { ok: false }>, now: IsoDateTime): ConfirmationMessage | undefined {
  const kind = failure.kind ?? 'request';
  if (!(kind in CONFIRMATION_OF)) return undefined;
  const h = failure.partialHeader ?? {};
  const received = (h.timestamp !== undefined ? readDateTime(h.timestamp) : undefined) ?? now;
  const outcome: Outcome = refuse(failure.errorType, failure.errorValue);
  const header = confirmationHeader(
    {
      ...(h.supplyingAgencyId ? { supplyingAgencyId: h.supplyingAgencyId } : {}),
      ...(h.requestingAgencyId ? { requestingAgencyId: h.requestingAgencyId } : {}),
      ...(h.requestingAgencyRequestId !== undefined ? { requestingAgencyRequestId: h.requestingAgencyRequestId } : {}),
    },
    received,
    outcome,
    now,
  );
  return { kind: CONFIRMATION_OF[kind as keyof typeof CONFIRMATION_OF], confirmationHeader: header, ...errorsOf(outcome) };
}
