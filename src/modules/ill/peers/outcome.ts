/**
 * What a peer is told when our machine refuses its message: the ISO 18626 errorType that names
 * the part of the message we cannot take, and the machine's reason in words (English, the
 * language of the standard's peers). The same for messages passed in-process and over HTTP.
 */
import { illMessage, refuse, type IllReason, type Iso18626Message, type Outcome } from '../domain/index.js';

/** Answers to a question we never asked (a RenewResponse with no Renew pending, …): the reason for the message is what is wrong. */
const answers = new Set(['RenewResponse', 'CancelResponse', 'StatusRequestResponse']);

export function refusalOutcome(message: Iso18626Message, reason: IllReason): Outcome {
  const why = illMessage(reason, 'en');
  switch (message.kind) {
    case 'requestingAgencyMessage':
      return refuse('UnsupportedActionType', `${message.action}: ${why}`);
    case 'supplyingAgencyMessage': {
      const r = message.messageInfo.reasonForMessage;
      if (answers.has(r)) return refuse('UnsupportedReasonForMessageType', `${r}: ${why}`);
      return refuse('UnrecognisedDataValue', `supplyingAgencyMessage/statusInfo/status: ${message.statusInfo.status}: ${why}`);
    }
    default:
      return refuse('UnrecognisedDataValue', why);
  }
}

/** A message that names no request of ours, or a party that is not the one it should be. */
export const unknownValue = (path: string, value: string): Outcome => refuse('UnrecognisedDataValue', `${path}: ${value}`);
