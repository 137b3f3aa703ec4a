import { describe, expect, it } from 'vitest';
import { agencyIdOfSymbol } from './agency.js';
import { parseMessage, writeMessage } from './codec.js';
import { ISO18626_VERSIONS, type Action, type Iso18626Version, type ReasonForMessage, type Status } from './codes.js';
import { confirmationFor } from './confirm.js';
import { messageKey } from './message-key.js';
import type { AgencyMessage, AgencyMessageHeader, Iso18626Message } from './types.js';

/** Both sides of one loan, each message written, sent as text, read and confirmed, as over /iso18626. */
describe('a loan from request to completion', () => {
  for (const version of ISO18626_VERSIONS) {
    it(`${version}: every message and confirmation crosses intact, and a resent one is recognised`, () => {
      let clock = Date.parse('2026-12-06T08:00:00Z');
      const now = (): string => new Date((clock += 60_000)).toISOString();
      const header = (): AgencyMessageHeader => ({
        supplyingAgencyId: agencyIdOfSymbol('CN-110000-1'),
        requestingAgencyId: agencyIdOfSymbol('CALIS:211010'),
        timestamp: now(),
        requestingAgencyRequestId: 'R-42',
        supplyingAgencyRequestId: 'S-9',
      });
      const seen = new Set<string>();
      const applied: string[] = [];

      /** The receiving side: read, de-duplicate, apply, confirm; the sender reads the confirmation. */
      const send = (message: AgencyMessage, v: Iso18626Version): void => {
        const read = parseMessage(writeMessage(message, v));
        if (!read.ok) throw new Error(`${read.errorType}: ${read.errorValue}`);
        const incoming = read.message as AgencyMessage;
        expect(incoming).toEqual(message);
        const key = messageKey(incoming);
        if (!seen.has(key)) {
          seen.add(key);
          applied.push(incoming.kind === 'supplyingAgencyMessage' ? incoming.statusInfo.status : incoming.kind === 'requestingAgencyMessage' ? incoming.action : 'request');
        }
        const confirmation = confirmationFor(incoming, { ok: true }, now());
        const back = parseMessage(writeMessage(confirmation, v));
        expect(back).toMatchObject({ ok: true, message: { confirmationHeader: { messageStatus: 'OK', timestampReceived: message.header.timestamp, requestingAgencyRequestId: 'R-42' } } });
      };
      const status = (s: Status, reasonForMessage: ReasonForMessage = 'StatusChange', extra: Partial<Extract<Iso18626Message, { kind: 'supplyingAgencyMessage' }>> = {}): AgencyMessage =>
        ({ kind: 'supplyingAgencyMessage', header: header(), messageInfo: { reasonForMessage }, statusInfo: { status: s, lastChange: now() }, ...extra });
      const action = (a: Action): AgencyMessage => ({ kind: 'requestingAgencyMessage', header: header(), action: a });

      // The supplier's request id is not known yet (and a 2021 request header has no place for it).
      const { supplyingAgencyRequestId: _unknownYet, ...requestHeader } = header();
      const request: AgencyMessage = { kind: 'request', header: requestHeader, bibliographicInfo: { title: '红楼梦' }, serviceInfo: { serviceType: 'Loan', requestType: 'New' } };
      send(request, version);
      send(status('ExpectToSupply', 'RequestResponse'), version);
      send(status('WillSupply'), version);
      const loaned = status('Loaned', 'StatusChange', {
        statusInfo: { status: 'Loaned', dueDate: '2027-01-06T00:00:00Z', lastChange: now() },
        deliveryInfo: { dateSent: now(), itemId: ['31100001234567'], deliveryMethod: { value: 'Courier' }, loanCondition: [{ value: 'LibraryUseOnly' }] },
      });
      send(loaned, version);
      send(loaned, version); // resent after a lost confirmation
      send(action('Received'), version);
      send(action('Renew'), version);
      send(status('Loaned', 'RenewResponse', { messageInfo: { reasonForMessage: 'RenewResponse', answerYesNo: 'Y' } }), version);
      send(action('ShippedReturn'), version);
      send(status('LoanCompleted'), version);

      expect(applied).toEqual(['request', 'ExpectToSupply', 'WillSupply', 'Loaned', 'Received', 'Renew', 'Loaned', 'ShippedReturn', 'LoanCompleted']);
    });
  }
});
