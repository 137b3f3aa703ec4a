/**
 * A stable key for de-duplicating repeated messages. A peer that got no confirmation (timeout,
 * connection lost) sends the same message again; ISO 18626 messages carry the sender's timestamp,
 * so a resent message has the same timestamp while a new message about the same request (another
 * status, the same status later) has a new one. The key is built from what identifies one sending:
 * message type, sender, receiver, requesting agency request id, timestamp, and the action, status
 * and reason, and the note (two notifications sent within the same second by a peer whose clock
 * has seconds only must stay two) — not from the whole text, so a resend that differs only in
 * formatting, namespace prefixes or a `+0000` offset is still the same message.
 */
import { createHash } from 'node:crypto';
import { symbolOfAgencyId } from './agency.js';
import { dateTimeMillis } from './lexical.js';
import type { AgencyId, Iso18626Message } from './types.js';

export interface MessageKeyParts {
  kind: Iso18626Message['kind'];
  sender: string;
  receiver: string;
  requestingAgencyRequestId: string;
  /** The timestamp as an instant (ms) when it has an offset, else as written. */
  timestamp: string;
  /** requestType for a request, action for a requestingAgencyMessage, reasonForMessage/status for a supplyingAgencyMessage, messageStatus for a confirmation. */
  what: string;
  /** The note of a requestingAgencyMessage or of messageInfo. */
  note: string;
}

const agency = (id: AgencyId | undefined): string => (id ? symbolOfAgencyId(id).toUpperCase() : '');

function instant(timestamp: string): string {
  const ms = dateTimeMillis(timestamp);
  return /(Z|[+-]\d{2}:\d{2})$/.test(timestamp) && Number.isFinite(ms) ? String(ms) : timestamp;
}

export function messageKeyParts(message: Iso18626Message): MessageKeyParts {
  switch (message.kind) {
    case 'request':
      return {
        kind: message.kind,
        sender: agency(message.header.requestingAgencyId),
        receiver: agency(message.header.supplyingAgencyId),
        requestingAgencyRequestId: message.header.requestingAgencyRequestId,
        timestamp: instant(message.header.timestamp),
        what: message.serviceInfo?.requestType ?? 'New',
        note: '',
      };
    case 'requestingAgencyMessage':
      return {
        kind: message.kind,
        sender: agency(message.header.requestingAgencyId),
        receiver: agency(message.header.supplyingAgencyId),
        requestingAgencyRequestId: message.header.requestingAgencyRequestId,
        timestamp: instant(message.header.timestamp),
        what: message.action,
        note: message.note ?? '',
      };
    case 'supplyingAgencyMessage':
      return {
        kind: message.kind,
        sender: agency(message.header.supplyingAgencyId),
        receiver: agency(message.header.requestingAgencyId),
        requestingAgencyRequestId: message.header.requestingAgencyRequestId,
        timestamp: instant(message.header.timestamp),
        what: `${message.messageInfo.reasonForMessage}/${message.statusInfo.status}`,
        note: message.messageInfo.note ?? '',
      };
    default: {
      // Confirmations go back the other way: the supplier confirms requests and requesting agency messages.
      const h = message.confirmationHeader;
      const fromSupplier = message.kind !== 'supplyingAgencyMessageConfirmation';
      return {
        kind: message.kind,
        sender: agency(fromSupplier ? h.supplyingAgencyId : h.requestingAgencyId),
        receiver: agency(fromSupplier ? h.requestingAgencyId : h.supplyingAgencyId),
        requestingAgencyRequestId: h.requestingAgencyRequestId ?? '',
        timestamp: instant(h.timestamp),
        what: `${h.messageStatus}/${instant(h.timestampReceived)}`,
        note: '',
      };
    }
  }
}

/** `iso18626:<sha-256 hex>` of the parts: the same for a message and its resends. */
export function messageKey(message: Iso18626Message): string {
  const p = messageKeyParts(message);
  const text = JSON.stringify([p.kind, p.sender, p.receiver, p.requestingAgencyRequestId, p.timestamp, p.what, p.note]);
  return `iso18626:${createHash('sha256').update(text).digest('hex')}`;
}
