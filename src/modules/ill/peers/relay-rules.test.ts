import { describe, expect, it } from 'vitest';
import { agencyIdOfSymbol, requesterMachine, type IllEvent, type iso18626 } from '../domain/index.js';
import { refusalOutcome } from './outcome.js';
import { retryDelayMs } from './outbox.js';
import { deskStepsFor, relayOf, statusForPeer } from './relay-rules.js';

const sam = (reasonForMessage: iso18626.SupplyingAgencyMessage['messageInfo']['reasonForMessage'], status: iso18626.SupplyingAgencyMessage['statusInfo']['status']): iso18626.SupplyingAgencyMessage => ({
  kind: 'supplyingAgencyMessage',
  header: { supplyingAgencyId: agencyIdOfSymbol('CN-A'), requestingAgencyId: agencyIdOfSymbol('CN-B'), timestamp: '2030-01-01T00:00:00Z', requestingAgencyRequestId: 'ILL-1' },
  messageInfo: { reasonForMessage },
  statusInfo: { status, lastChange: '2030-01-01T00:00:00Z' },
});
const lender = (reasonForMessage: 'RequestResponse' | 'StatusChange' | 'CancelResponse', status: 'WillSupply' | 'Loaned' | 'Unfilled' | 'Cancelled', more: object = {}): IllEvent =>
  ({ kind: 'message', message: 'supplyingAgencyMessage', reasonForMessage, status, ...more }) as IllEvent;
const act = (action: string): IllEvent => ({ kind: 'action', action, actor: 'staff' });

describe('what the peer is told after a step of the request it sent us', () => {
  it('our lender’s answer, as it came', () => {
    expect(relayOf('sent', 'will-supply', lender('RequestResponse', 'WillSupply'))).toEqual({ reasonForMessage: 'RequestResponse', status: 'WillSupply' });
    expect(relayOf('will-supply', 'shipped', lender('StatusChange', 'Loaned', { dueDate: '2099-02-01T23:59:59+08:00' }))).toEqual({
      reasonForMessage: 'StatusChange', status: 'Loaned', dueDate: '2099-02-01T23:59:59+08:00',
    });
    expect(relayOf('cancel-pending', 'cancelled', lender('CancelResponse', 'Cancelled', { answerYesNo: 'Y' }))).toEqual({ reasonForMessage: 'CancelResponse', status: 'Cancelled', answerYesNo: 'Y' });
  });

  it('not one lender’s Unfilled while the rota goes on; Unfilled at its end, as the first answer or as a change', () => {
    expect(relayOf('sent', 'unfilled', lender('RequestResponse', 'Unfilled'))).toBeUndefined();
    expect(relayOf('sourcing', 'end-of-rota', act('rota-exhausted'))).toEqual({ reasonForMessage: 'RequestResponse', status: 'Unfilled' });
    expect(relayOf('unfilled', 'end-of-rota', act('rota-exhausted'))).toEqual({ reasonForMessage: 'StatusChange', status: 'Unfilled' });
  });

  it('its Cancel granted at once when no lender knew; Unfilled when staff close it; nothing for our own desk steps', () => {
    expect(relayOf('sourcing', 'cancelled', act('cancel'))).toEqual({ reasonForMessage: 'CancelResponse', status: 'Cancelled', answerYesNo: 'Y' });
    expect(relayOf('sent', 'cancel-pending', act('cancel'))).toBeUndefined();
    expect(relayOf('end-of-rota', 'cancelled', act('close-unfilled'))).toEqual({ reasonForMessage: 'StatusChange', status: 'Unfilled' });
    expect(relayOf('shipped', 'received', act('receive'))).toBeUndefined();
  });
});

describe('the desk actions a peer’s RequestingAgencyMessage stands for', () => {
  it('Received: received and checked out until the lender’s due date (a copy: handed on)', () => {
    expect(deskStepsFor('Received', { service: 'loan', dueDate: '2099-02-01T23:59:59+08:00' })).toEqual([{ action: 'receive' }, { action: 'check-out', params: { dueDate: '2099-02-01' } }]);
    expect(deskStepsFor('Received', { service: 'copy' })).toEqual([{ action: 'deliver-to-reader' }]);
  });

  it('every step is an action of the requester machine', () => {
    const actions = new Set(requesterMachine.transitions.flatMap((t) => ('action' in t.on && 'actors' in t.on ? [t.on.action] : [])));
    for (const a of ['Received', 'ShippedReturn', 'Cancel', 'Renew', 'Lost', 'HoldReturn', 'Notification'] as const) {
      for (const s of deskStepsFor(a, { service: 'loan', dueDate: '2099-01-01', note: 'n' })!) expect(actions, `${a} → ${s.action}`).toContain(s.action);
    }
  });

  it('a Notification without a note asks nothing; StatusRequest is not a desk action', () => {
    expect(deskStepsFor('Notification', { service: 'loan' })).toEqual([]);
    expect(deskStepsFor('StatusRequest', { service: 'loan' })).toBeUndefined();
  });

  it('ShippedForward: the loan back from the peer’s reader and sent on, to the holder its note names, else by way of the peer; never for a copy', () => {
    expect(deskStepsFor('ShippedForward', { service: 'loan', note: 'CN-NEXT', from: 'CN-BOR' })).toEqual([
      { action: 'return-from-reader' }, { action: 'ship-forward', params: { forwardTo: 'CN-NEXT' } },
    ]);
    expect(deskStepsFor('ShippedForward', { service: 'loan', from: 'CN-BOR' })).toEqual([{ action: 'return-from-reader' }, { action: 'ship-forward', params: { forwardTo: 'CN-BOR' } }]);
    expect(deskStepsFor('ShippedForward', { service: 'copy', from: 'CN-BOR' })).toBeUndefined();
  });
});

describe('a peer’s StatusRequest is answered with', () => {
  it('the status our lender last gave, RequestReceived before any answer, Unfilled at the end of our rota', () => {
    expect(statusForPeer('will-supply')).toBe('WillSupply');
    expect(statusForPeer('checked-out')).toBe('Loaned');
    expect(statusForPeer('sourcing')).toBe('RequestReceived');
    expect(statusForPeer('end-of-rota')).toBe('Unfilled');
    expect(statusForPeer('cancelled')).toBe('Cancelled');
  });
});

describe('refusals as ISO 18626 errors', () => {
  const reason = { code: 'ILL_ACTION_NOT_ALLOWED', params: { action: 'x', state: 'sent' } } as const;
  it('an answer to a question never asked names the reason for the message; another status the status', () => {
    expect(refusalOutcome(sam('RenewResponse', 'Loaned'), reason)).toMatchObject({
      ok: false, errors: [{ errorType: 'UnsupportedReasonForMessageType', errorValue: expect.stringMatching(/^RenewResponse: /) }],
    });
    expect(refusalOutcome(sam('StatusChange', 'LoanCompleted'), reason)).toMatchObject({
      ok: false, errors: [{ errorType: 'UnrecognisedDataValue', errorValue: expect.stringContaining('statusInfo/status: LoanCompleted') }],
    });
  });
});

describe('back-off', () => {
  it('doubles from the base, with at most 20 % jitter, and stops growing at an hour', () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, 5000, () => 0))).toEqual([5000, 10_000, 20_000, 40_000]);
    expect(retryDelayMs(1, 5000, () => 1)).toBe(6000);
    expect(retryDelayMs(40, 5000, () => 0)).toBe(3_600_000);
  });
});
