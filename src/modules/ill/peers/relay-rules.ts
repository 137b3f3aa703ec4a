/**
 * The rules of a request a peer sent us, as pure functions: which of our desk actions a peer's
 * RequestingAgencyMessage stands for, and what the peer is told after a step of that request.
 * (The service in apply.ts and send.ts carries them out.)
 */
import { requesterMachine, type ActionParams, type IllEvent, type RequesterState, type iso18626 } from '../domain/index.js';

export interface DeskStep {
  action: string;
  params?: ActionParams;
}

/**
 * Our desk actions for the peer's action, in order; [] when there is nothing to do here;
 * undefined when we do not take that action over ISO 18626.
 */
export function deskStepsFor(action: iso18626.RequestingAgencyMessage['action'], o: { service: string; dueDate?: string; note?: string; from?: string }): DeskStep[] | undefined {
  switch (action) {
    case 'Received':
      // The peer's reader has it: checked out here until the lender's due date, so renewals work.
      return o.service === 'copy' ? [{ action: 'deliver-to-reader' }] : [{ action: 'receive' }, { action: 'check-out', params: o.dueDate ? { dueDate: o.dueDate.slice(0, 10) } : {} }];
    case 'ShippedReturn':
      return [{ action: 'return-from-reader' }, { action: 'ship-back' }];
    case 'Cancel':
      return [{ action: 'cancel' }];
    case 'Renew':
      return [{ action: 'renew' }];
    case 'ShippedForward':
      // The peer's borrower sent the loan on to its next holder, not back: our part ends as the
      // peer's did, and our lender awaits the return from that holder. The message names no
      // holder; the peer's note does if it says one, else the peer knows it.
      return o.service === 'copy' ? undefined : [{ action: 'return-from-reader' }, { action: 'ship-forward', params: { forwardTo: o.note ?? o.from ?? 'peer' } }];
    case 'Lost':
      return [{ action: 'report-lost' }];
    case 'HoldReturn':
      return [{ action: 'hold-return' }];
    case 'Notification':
      return o.note ? [{ action: 'add-note', params: { note: o.note } }] : [];
    default:
      return undefined;
  }
}

type SamEvent = Extract<IllEvent, { message: 'supplyingAgencyMessage' }>;
export type Relay = Pick<SamEvent, 'reasonForMessage' | 'status'> & Partial<Omit<SamEvent, 'kind' | 'message' | 'reasonForMessage' | 'status'>>;

/**
 * What the peer is told after a step of the request it sent us, from `from` to `to`: our
 * lender's message as it came (but not an Unfilled while the rota goes on), Unfilled at the end
 * of our rota, CancelResponse Y when its Cancel reached no lender, Unfilled when staff close it.
 */
export function relayOf(from: string, to: string, event: IllEvent): Relay | undefined {
  if (event.kind === 'message') {
    if (event.message !== 'supplyingAgencyMessage' || to === 'unfilled') return undefined;
    const { kind: _k, message: _m, ...said } = event;
    return said;
  }
  if (to === 'end-of-rota') return { reasonForMessage: from === 'sourcing' ? 'RequestResponse' : 'StatusChange', status: 'Unfilled' };
  if (event.action === 'cancel' && to === 'cancelled') return { reasonForMessage: 'CancelResponse', status: 'Cancelled', answerYesNo: 'Y' };
  if (event.action === 'close-unfilled') return { reasonForMessage: 'StatusChange', status: 'Unfilled' };
  return undefined;
}

/**
 * The status a peer's StatusRequest is answered with: the status our lender last gave (the
 * requester machine's `isoStatus` of the state), RequestReceived while no lender has answered
 * yet, Unfilled at the end of our rota.
 */
export function statusForPeer(state: string): iso18626.SupplyingAgencyMessage['statusInfo']['status'] {
  if (state === 'end-of-rota') return 'Unfilled';
  return requesterMachine.isoStatus[state as RequesterState] ?? 'RequestReceived';
}
