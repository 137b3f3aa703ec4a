import { describe, expect, it } from 'vitest';
import { availableActions, nextState, statusOf } from './engine.js';
import { requesterMachine, type RequesterState } from './requester.js';
import { supplierMachine, type SupplierState } from './supplier.js';
import type { ActionParams, Effect, IllContext, IllEvent, MessageEvent } from './types.js';

const now = '2027-03-10T09:00:00Z';
const ctx = (extra: Partial<IllContext> = {}): IllContext => ({ service: 'loan', peerVersion: '2021', now, ...extra });
const act = (action: string, params?: ActionParams, actor: 'staff' | 'reader' | 'system' = 'staff'): IllEvent => ({ kind: 'action', action, actor, ...(params ? { params } : {}) });
const sam = (status: MessageEvent & { message: 'supplyingAgencyMessage' } extends infer M ? (M extends { status: infer X } ? X : never) : never, extra: object = {}): IllEvent =>
  ({ kind: 'message', message: 'supplyingAgencyMessage', reasonForMessage: 'StatusChange', status, ...extra }) as IllEvent;

/** Sends what one side's effects put on the wire to the other side, as the service layer would. */
function onTheWire(effects: Effect[]): IllEvent[] {
  return effects.flatMap((e): IllEvent[] => {
    if (e.type === 'send-request') return [{ kind: 'message', message: 'request', requestType: e.requestType }];
    if (e.type === 'send-requesting-agency-message') return [{ kind: 'message', message: 'requestingAgencyMessage', action: e.action }];
    if (e.type === 'send-supplying-agency-message')
      return [{ kind: 'message', message: 'supplyingAgencyMessage', reasonForMessage: e.reasonForMessage, status: e.status, ...(e.answerYesNo ? { answerYesNo: e.answerYesNo } : {}), ...(e.dueDate ? { dueDate: e.dueDate } : {}) }];
    return [];
  });
}

/** Two libraries talking: staff act on one side, messages are delivered to the other at once. */
function pair(service: 'loan' | 'copy', peerVersion: '1.2' | '2021' = '2021') {
  let requester: RequesterState = 'new';
  let supplier: SupplierState | undefined;
  const rctx: IllContext = { service, peerVersion, now, eligible: true, hasNextLender: true };
  const sctx: IllContext = { service, peerVersion, now };
  const log: string[] = [];
  const deliverToSupplier = (events: IllEvent[]) => {
    for (const ev of events) {
      if (ev.kind === 'message' && ev.message === 'request' && ev.requestType === 'New') {
        supplier = 'new';
        log.push('S:new');
        continue;
      }
      const r = nextState(supplierMachine, supplier!, ev, sctx);
      if (!r.ok) throw new Error(`supplier refused ${JSON.stringify(ev)}: ${r.reason.code}`);
      supplier = r.state;
      log.push(`S:${r.state}`);
      deliverToRequester(onTheWire(r.effects));
    }
  };
  const deliverToRequester = (events: IllEvent[]) => {
    for (const ev of events) {
      const r = nextState(requesterMachine, requester, ev, rctx);
      if (!r.ok) throw new Error(`requester refused ${JSON.stringify(ev)}: ${r.reason.code}`);
      requester = r.state;
      log.push(`R:${r.state}`);
      for (const e of r.effects) if (e.type === 'set-due-date') rctx.dueDate = e.dueDate;
      deliverToSupplier(onTheWire(r.effects));
    }
  };
  return {
    requester: (action: string, params?: ActionParams) => deliverToRequester([act(action, params)]),
    supplier: (action: string, params?: ActionParams) => {
      const r = nextState(supplierMachine, supplier!, act(action, params), sctx);
      if (!r.ok) throw new Error(`supplier refused ${action}: ${r.reason.code}`);
      supplier = r.state;
      log.push(`S:${r.state}`);
      if (action === 'will-supply') sctx.supplierAnswer = 'WillSupply';
      deliverToRequester(onTheWire(r.effects));
    },
    states: () => ({ requester, supplier }),
    rctx,
    sctx,
    log,
  };
}

describe('a loan between two libraries', () => {
  it('goes from request to completion on both sides, each message moving the other side', () => {
    const p = pair('loan');
    p.requester('validate');
    p.requester('start-sourcing');
    p.requester('send-to-lender');
    expect(p.states()).toEqual({ requester: 'sent', supplier: 'new' });
    p.supplier('will-supply');
    expect(p.states()).toEqual({ requester: 'will-supply', supplier: 'awaiting-pull-slip' });
    p.supplier('print-pull-slip');
    p.supplier('mark-picked');
    p.supplier('ship', { dueDate: '2027-04-10' });
    expect(p.states()).toEqual({ requester: 'shipped', supplier: 'shipped' });
    expect(p.rctx.dueDate).toBe('2027-04-10');
    p.requester('receive');
    expect(p.states()).toEqual({ requester: 'received', supplier: 'awaiting-return' });
    p.requester('check-out', { dueDate: '2027-04-03' });
    p.requester('return-from-reader');
    p.requester('ship-back');
    expect(p.states()).toEqual({ requester: 'shipped-back', supplier: 'returned' });
    p.supplier('check-in');
    expect(p.states()).toEqual({ requester: 'completed', supplier: 'completed' });
  });

  it('renews when the lender agrees and carries the new due date back', () => {
    const p = pair('loan');
    for (const a of ['validate', 'start-sourcing', 'send-to-lender']) p.requester(a);
    p.supplier('will-supply');
    p.supplier('mark-picked');
    p.supplier('ship', { dueDate: '2027-04-10' });
    p.requester('receive');
    p.requester('check-out', { dueDate: '2027-04-03' });
    p.requester('renew');
    expect(p.states()).toEqual({ requester: 'renew-requested', supplier: 'renew-pending' });
    p.supplier('approve-renew', { dueDate: '2027-05-10' });
    expect(p.states()).toEqual({ requester: 'checked-out', supplier: 'awaiting-return' });
    expect(p.rctx.dueDate).toBe('2027-05-10');
  });

  it('answers a renewal of a recalled item with No at once', () => {
    const p = pair('loan');
    for (const a of ['validate', 'start-sourcing', 'send-to-lender']) p.requester(a);
    p.supplier('expect-to-supply');
    p.supplier('mark-picked');
    p.supplier('ship', { dueDate: '2027-04-10' });
    p.requester('receive');
    p.requester('check-out', { dueDate: '2027-04-03' });
    p.supplier('recall');
    expect(p.states().requester).toBe('recalled');
    // A recalled loan cannot be renewed from the desk…
    expect(nextState(requesterMachine, 'recalled', act('renew'), p.rctx)).toMatchObject({ ok: false, reason: { code: 'ILL_ACTION_NOT_ALLOWED' } });
    // …and a Renew that crossed the recall is refused by the lender with RenewResponse N.
    const r = nextState(supplierMachine, 'recalled', { kind: 'message', message: 'requestingAgencyMessage', action: 'Renew' }, p.sctx);
    expect(r).toMatchObject({ ok: true, state: 'recalled', effects: [{ type: 'send-supplying-agency-message', reasonForMessage: 'RenewResponse', status: 'Recalled', answerYesNo: 'N' }] });
  });

  it('offers conditions as RetryPossible and goes ahead when the borrower retries with them', () => {
    const p = pair('loan');
    for (const a of ['validate', 'start-sourcing', 'send-to-lender']) p.requester(a);
    p.supplier('offer-conditions', { reasonRetry: 'MustMeetLoanCondition', conditions: { loanConditions: ['LibraryUseOnly'], offeredCost: { amount: 10, currency: 'CNY' } } });
    expect(p.states()).toEqual({ requester: 'conditional-answer', supplier: 'awaiting-conditions' });
    p.requester('accept-conditions');
    expect(p.states()).toEqual({ requester: 'will-supply', supplier: 'awaiting-pull-slip' });
  });

  it('keeps the offered terms with the note on both sides: the lender as it offers them, the borrower as its message brings them', () => {
    const terms = { loanConditions: ['LibraryUseOnly'], retryAfter: '2027-04-01' };
    const offered = nextState(supplierMachine, 'new', act('offer-conditions', { reasonRetry: 'LoanCondition', conditions: terms, note: 'Reading room only' }), ctx());
    expect(offered.ok && offered.effects[0]).toEqual({ type: 'record-conditions', reasonRetry: 'LoanCondition', conditions: terms, note: 'Reading room only' });
    expect(offered.ok && offered.effects[1]).toMatchObject({ type: 'send-supplying-agency-message', status: 'RetryPossible', reasonRetry: 'LoanCondition', conditions: terms, note: 'Reading room only' });
    const later = nextState(supplierMachine, 'awaiting-picking', act('offer-conditions', { conditions: { edition: '2nd' } }), ctx());
    expect(later.ok && later.effects[0]).toEqual({ type: 'record-conditions', conditions: { edition: '2nd' } });
    const received = nextState(requesterMachine, 'sent', sam('RetryPossible', { reasonForMessage: 'RequestResponse', reasonRetry: 'LoanCondition', conditions: terms, note: 'Reading room only' }), ctx());
    expect(received.ok && received.effects[0]).toEqual({ type: 'record-conditions', reasonRetry: 'LoanCondition', conditions: terms, note: 'Reading room only' });
  });

  it('closes the lender’s side when the borrower rejects the conditions, and moves to the next lender', () => {
    const p = pair('loan');
    for (const a of ['validate', 'start-sourcing', 'send-to-lender']) p.requester(a);
    p.supplier('offer-conditions', { reasonRetry: 'CostExceedsMaxCost', conditions: { offeredCost: { amount: 30, currency: 'CNY' } } });
    const r = nextState(requesterMachine, 'conditional-answer', act('reject-conditions'), p.rctx);
    expect(r.ok && r.effects.map((e) => e.type)).toEqual(['send-requesting-agency-message', 'record-lender-outcome', 'next-lender']);
    p.requester('reject-conditions');
    expect(p.states()).toEqual({ requester: 'unfilled', supplier: 'cancelled' });
  });

  it('holds the return when a 2021 lender asks and lets it go on release', () => {
    const p = pair('loan');
    for (const a of ['validate', 'start-sourcing', 'send-to-lender']) p.requester(a);
    p.supplier('will-supply');
    p.supplier('mark-picked');
    p.supplier('ship', { dueDate: '2027-04-10' });
    p.requester('receive');
    const held = nextState(requesterMachine, 'returned-by-reader', sam('HoldReturn'), p.rctx);
    expect(held).toMatchObject({ ok: true, state: 'returned-by-reader', effects: [{ type: 'set-flag', flag: 'returnHeld', value: true }, { type: 'notify-staff', notice: 'return-held' }] });
    expect(nextState(requesterMachine, 'returned-by-reader', act('ship-back'), { ...p.rctx, returnHeld: true })).toEqual({ ok: false, reason: { code: 'ILL_RETURN_ON_HOLD' } });
    expect(nextState(requesterMachine, 'returned-by-reader', sam('ReleaseHoldReturn'), { ...p.rctx, returnHeld: true })).toMatchObject({ ok: true, effects: [{ type: 'set-flag', value: false }] });
  });

  it('takes an overdue notice or a recall that crossed the item on its way back calmly', () => {
    expect(nextState(requesterMachine, 'shipped-back', sam('Recalled'), ctx())).toMatchObject({ ok: true, state: 'shipped-back', effects: [] });
    expect(nextState(requesterMachine, 'returned-by-reader', sam('Overdue'), ctx())).toMatchObject({ ok: true, state: 'returned-by-reader', effects: [] });
  });

  it('refuses HoldReturn and Lost towards a peer on the 2017 schema, which has neither', () => {
    const c = ctx({ peerVersion: '1.2' });
    expect(nextState(requesterMachine, 'checked-out', act('report-lost'), c)).toEqual({ ok: false, reason: { code: 'ILL_PEER_VERSION', params: { version: '1.2' } } });
    expect(nextState(supplierMachine, 'awaiting-return', act('hold-return'), c)).toMatchObject({ ok: false, reason: { code: 'ILL_PEER_VERSION' } });
  });

  it('ends the lender’s side without return when the borrower reports the item lost', () => {
    const r = nextState(supplierMachine, 'awaiting-return', { kind: 'message', message: 'requestingAgencyMessage', action: 'Lost' }, ctx());
    expect(r).toMatchObject({ ok: true, state: 'completed' });
    expect(r.ok && r.effects).toContainEqual({ type: 'send-supplying-agency-message', reasonForMessage: 'StatusChange', status: 'CompletedWithoutReturn' });
    expect(nextState(requesterMachine, 'lost', sam('CompletedWithoutReturn'), ctx())).toMatchObject({ ok: true, state: 'completed', effects: [{ type: 'record-charge', charge: 'lost' }] });
  });

  it('forwards the item to the next borrower instead of shipping it home', () => {
    expect(nextState(requesterMachine, 'returned-by-reader', act('ship-forward'), ctx())).toEqual({ ok: false, reason: { code: 'ILL_FORWARD_TARGET_REQUIRED' } });
    const r = nextState(requesterMachine, 'returned-by-reader', act('ship-forward', { forwardTo: 'CN-310001' }), ctx());
    expect(r).toMatchObject({ ok: true, state: 'completed', effects: [{ type: 'send-requesting-agency-message', action: 'ShippedForward', forwardTo: 'CN-310001' }] });
    expect(nextState(supplierMachine, 'awaiting-return', { kind: 'message', message: 'requestingAgencyMessage', action: 'ShippedForward' }, ctx())).toMatchObject({ ok: true, state: 'awaiting-return' });
  });
});

describe('a copy between two libraries', () => {
  it('is delivered once the scan is uploaded and handed to the reader', () => {
    const p = pair('copy');
    for (const a of ['validate', 'start-sourcing', 'send-to-lender']) p.requester(a);
    p.supplier('will-supply');
    p.supplier('mark-picked');
    expect(() => p.supplier('deliver-copy')).toThrow('ILL_COPY_NOT_UPLOADED');
    p.sctx.copyUploaded = true;
    p.supplier('deliver-copy');
    expect(p.states()).toEqual({ requester: 'received', supplier: 'copy-delivered' });
    const r = nextState(requesterMachine, 'received', act('deliver-to-reader'), p.rctx);
    expect(r).toMatchObject({ ok: true, state: 'completed', effects: [{ type: 'deliver-copy' }, { type: 'notify-reader', notice: 'copy-delivered' }] });
  });

  it('does not offer loan steps on the copy path', () => {
    expect(nextState(supplierMachine, 'awaiting-shipping', act('ship', { dueDate: '2027-04-01' }), ctx({ service: 'copy' }))).toEqual({
      ok: false,
      reason: { code: 'ILL_WRONG_SERVICE', params: { action: 'ship', service: 'copy' } },
    });
  });
});

describe('a request for a loan or a copy (CopyOrLoan)', () => {
  it('takes the path of the lender’s answer and says so', () => {
    const either = ctx({ service: 'either' });
    expect(nextState(requesterMachine, 'will-supply', sam('CopyCompleted'), either)).toMatchObject({ ok: true, state: 'received', effects: [{ type: 'set-service', service: 'copy' }] });
    expect(nextState(requesterMachine, 'will-supply', sam('Loaned', { dueDate: '2027-04-10' }), either)).toMatchObject({
      ok: true,
      state: 'shipped',
      effects: [{ type: 'set-service', service: 'loan' }, { type: 'set-due-date', party: 'lender', dueDate: '2027-04-10' }],
    });
    const desk = availableActions(supplierMachine, 'awaiting-shipping', { ...either, copyUploaded: true }, 'staff').filter((a) => a.allowed).map((a) => a.action);
    expect(desk).toEqual(expect.arrayContaining(['ship', 'deliver-copy']));
  });
});

describe('the rota seen from the state machine', () => {
  it('moves to the next lender on Unfilled and to the end of the rota when none is left', () => {
    const r = nextState(requesterMachine, 'will-supply', sam('Unfilled', { reasonUnfilled: 'NotOnShelf' }), ctx());
    expect(r).toMatchObject({ ok: true, state: 'unfilled', effects: [{ type: 'record-lender-outcome', outcome: 'unfilled', reason: 'NotOnShelf' }, { type: 'next-lender' }] });
    expect(nextState(requesterMachine, 'unfilled', act('send-to-lender', undefined, 'system'), ctx({ hasNextLender: false }))).toEqual({ ok: false, reason: { code: 'ILL_ROTA_EXHAUSTED' } });
    expect(nextState(requesterMachine, 'unfilled', act('rota-exhausted', undefined, 'system'), ctx({ hasNextLender: false }))).toMatchObject({ ok: true, state: 'end-of-rota' });
    expect(nextState(requesterMachine, 'end-of-rota', act('escalate'), ctx())).toEqual({ ok: false, reason: { code: 'ILL_NO_UPPER_TIER' } });
    expect(nextState(requesterMachine, 'end-of-rota', act('escalate'), ctx({ upperTier: true }))).toMatchObject({ ok: true, state: 'sent', effects: [{ type: 'escalate-to-upper-tier' }] });
  });

  it('gives up on a stale lender: Cancel to it, next lender for us', () => {
    expect(nextState(requesterMachine, 'sent', act('stale', undefined, 'system'), ctx())).toEqual({ ok: false, reason: { code: 'ILL_NOT_STALE' } });
    const r = nextState(requesterMachine, 'sent', act('stale', undefined, 'system'), ctx({ stale: true }));
    expect(r.ok && r.effects).toEqual([{ type: 'send-requesting-agency-message', action: 'Cancel' }, { type: 'record-lender-outcome', outcome: 'stale' }, { type: 'next-lender' }]);
  });
});

describe('cancelling', () => {
  it('cancels at once before a lender knows, and asks the lender afterwards', () => {
    expect(nextState(requesterMachine, 'sourcing', act('cancel', undefined, 'reader'), ctx())).toMatchObject({ ok: true, state: 'cancelled' });
    expect(nextState(requesterMachine, 'will-supply', act('cancel', undefined, 'reader'), ctx())).toMatchObject({ ok: true, state: 'cancel-pending' });
  });

  it('follows the status the lender reports when it says No', () => {
    const no = (status: 'WillSupply' | 'ExpectToSupply' | 'Loaned') => nextState(requesterMachine, 'cancel-pending', sam(status, { reasonForMessage: 'CancelResponse', answerYesNo: 'N' }), ctx());
    expect(no('WillSupply')).toMatchObject({ ok: true, state: 'will-supply' });
    expect(no('ExpectToSupply')).toMatchObject({ ok: true, state: 'expects-to-supply' });
    expect(no('Loaned')).toMatchObject({ ok: true, state: 'shipped' });
    expect(nextState(requesterMachine, 'cancel-pending', sam('Cancelled', { reasonForMessage: 'CancelResponse', answerYesNo: 'Y' }), ctx())).toMatchObject({ ok: true, state: 'cancelled' });
  });

  it('grants a Cancel before shipping and refuses it after, saying where the item is', () => {
    const cancel: IllEvent = { kind: 'message', message: 'requestingAgencyMessage', action: 'Cancel' };
    expect(nextState(supplierMachine, 'awaiting-picking', cancel, ctx())).toMatchObject({ ok: true, state: 'cancelled', effects: [{ reasonForMessage: 'CancelResponse', status: 'Cancelled', answerYesNo: 'Y' }] });
    expect(nextState(supplierMachine, 'shipped', cancel, ctx())).toMatchObject({ ok: true, state: 'shipped', effects: [{ reasonForMessage: 'CancelResponse', status: 'Loaned', answerYesNo: 'N' }] });
  });
});

describe('renewal answers', () => {
  it('goes back to checked out, or to overdue when the due date has passed', () => {
    const no = sam('Loaned', { reasonForMessage: 'RenewResponse', answerYesNo: 'N' });
    expect(nextState(requesterMachine, 'renew-requested', no, ctx({ dueDate: '2027-04-01' }))).toMatchObject({ ok: true, state: 'checked-out', effects: [{ notice: 'renew-denied' }] });
    expect(nextState(requesterMachine, 'renew-requested', no, ctx({ dueDate: '2027-03-01' }))).toMatchObject({ ok: true, state: 'overdue' });
  });

  it('gives the reader the lender’s due date when the desk names none', () => {
    expect(nextState(requesterMachine, 'received', act('check-out'), ctx({ dueDate: '2027-04-10' }))).toMatchObject({
      ok: true,
      effects: [{ type: 'set-due-date', party: 'reader', dueDate: '2027-04-10' }, { type: 'notify-reader', notice: 'checked-out' }],
    });
    expect(nextState(requesterMachine, 'received', act('check-out'), ctx())).toEqual({ ok: false, reason: { code: 'ILL_DUE_DATE_REQUIRED' } });
  });

  it('counts renewals', () => {
    expect(nextState(requesterMachine, 'checked-out', act('renew', undefined, 'reader'), ctx({ renewalsUsed: 2, renewalsAllowed: 2 }))).toEqual({
      ok: false,
      reason: { code: 'ILL_NO_RENEWALS_LEFT', params: { allowed: 2 } },
    });
  });
});

describe('refusals name their reason', () => {
  it('for an action in the wrong state, an unknown action, a closed request and the wrong actor', () => {
    expect(nextState(supplierMachine, 'new', act('ship', { dueDate: '2027-04-01' }), ctx())).toEqual({ ok: false, reason: { code: 'ILL_ACTION_NOT_ALLOWED', params: { action: 'ship', state: 'new' } } });
    expect(nextState(supplierMachine, 'new', act('teleport'), ctx())).toEqual({ ok: false, reason: { code: 'ILL_UNKNOWN_ACTION', params: { action: 'teleport' } } });
    expect(nextState(requesterMachine, 'completed', act('renew'), ctx())).toEqual({ ok: false, reason: { code: 'ILL_REQUEST_CLOSED', params: { action: 'renew', state: 'completed' } } });
    expect(nextState(supplierMachine, 'awaiting-shipping', act('ship', { dueDate: '2027-04-01' }, 'reader'), ctx())).toMatchObject({ ok: false, reason: { code: 'ILL_ACTOR_NOT_ALLOWED' } });
    expect(nextState(supplierMachine, 'new' as SupplierState, act('ship'), ctx()).ok).toBe(false);
    expect(nextState(supplierMachine, 'limbo' as SupplierState, act('ship'), ctx())).toEqual({ ok: false, reason: { code: 'ILL_UNKNOWN_STATE', params: { state: 'limbo' } } });
  });

  it('for missing input the desk must ask for', () => {
    expect(nextState(supplierMachine, 'new', act('cannot-supply'), ctx())).toEqual({ ok: false, reason: { code: 'ILL_REASON_REQUIRED' } });
    expect(nextState(supplierMachine, 'awaiting-shipping', act('ship'), ctx())).toEqual({ ok: false, reason: { code: 'ILL_DUE_DATE_REQUIRED' } });
    expect(nextState(requesterMachine, 'received', act('check-out', { dueDate: 'soon' }), ctx())).toEqual({ ok: false, reason: { code: 'ILL_DUE_DATE_REQUIRED' } });
    expect(nextState(supplierMachine, 'new', act('offer-conditions', { conditions: {} }), ctx())).toEqual({ ok: false, reason: { code: 'ILL_CONDITIONS_REQUIRED' } });
    expect(nextState(requesterMachine, 'new', act('validate'), ctx({ eligible: false }))).toEqual({ ok: false, reason: { code: 'ILL_NOT_ELIGIBLE' } });
  });

  it('for a peer message out of order, but not for one that repeats the current status', () => {
    expect(nextState(requesterMachine, 'new', sam('Loaned'), ctx())).toEqual({
      ok: false,
      reason: { code: 'ILL_MESSAGE_NOT_EXPECTED', params: { message: 'SupplyingAgencyMessage/StatusChange/Loaned', state: 'new' } },
    });
    expect(nextState(requesterMachine, 'checked-out', sam('Loaned', { reasonForMessage: 'StatusRequestResponse' }), ctx())).toEqual({ ok: true, state: 'checked-out', effects: [], transition: 'no-change', undoable: false });
    expect(nextState(supplierMachine, 'new', { kind: 'message', message: 'requestingAgencyMessage', action: 'ShippedReturn' }, ctx())).toMatchObject({ ok: false, reason: { code: 'ILL_MESSAGE_NOT_EXPECTED' } });
  });
});

describe('the supplier answers a StatusRequest with where it is', () => {
  it('says WillSupply once it has said so, and CopyCompleted for a finished copy', () => {
    const ask: IllEvent = { kind: 'message', message: 'requestingAgencyMessage', action: 'StatusRequest' };
    expect(nextState(supplierMachine, 'awaiting-picking', ask, ctx())).toMatchObject({ effects: [{ reasonForMessage: 'StatusRequestResponse', status: 'ExpectToSupply' }] });
    expect(nextState(supplierMachine, 'awaiting-picking', ask, ctx({ supplierAnswer: 'WillSupply' }))).toMatchObject({ effects: [{ status: 'WillSupply' }] });
    expect(statusOf(supplierMachine, 'completed', ctx({ service: 'copy' }))).toBe('CopyCompleted');
  });
});

describe('available actions', () => {
  it('lists what the lending desk can do, greyed out with a reason where a guard fails', () => {
    const list = availableActions(supplierMachine, 'awaiting-shipping', ctx({ service: 'copy' }), 'staff');
    expect(list.map((a) => a.action)).toEqual(['confirm-will-supply', 'cannot-supply', 'deliver-copy', 'send-note', 'add-note']);
    expect(list.find((a) => a.action === 'deliver-copy')).toMatchObject({ allowed: false, reason: { code: 'ILL_COPY_NOT_UPLOADED' }, sendsMessage: true, undoable: false });
    expect(list.find((a) => a.action === 'add-note')).toMatchObject({ allowed: true, sendsMessage: false, undoable: true });
  });

  it('offers a reader only what a reader may do', () => {
    expect(availableActions(requesterMachine, 'checked-out', ctx(), 'reader').map((a) => a.action)).toEqual(['renew']);
    expect(availableActions(requesterMachine, 'sent', ctx(), 'reader')).toEqual([{ action: 'cancel', actors: ['staff', 'reader'], allowed: true, sendsMessage: true, undoable: false }]);
  });
});
