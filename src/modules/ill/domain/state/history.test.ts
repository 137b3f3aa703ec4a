import { describe, expect, it } from 'vitest';
import { nextState } from './engine.js';
import { appendStep, currentState, undo, type History } from './history.js';
import { supplierMachine, type SupplierState } from './supplier.js';
import type { IllContext, IllEvent } from './types.js';

const ctx: IllContext = { service: 'loan', peerVersion: '2021', now: '2027-03-10T09:00:00Z' };

/** Runs events through the supplier machine from `new`, keeping the history as the service would. */
function run(events: IllEvent[]): History<SupplierState> {
  let history: History<SupplierState> = [];
  events.forEach((event, i) => {
    const from = currentState(history, supplierMachine.initial);
    const step = nextState(supplierMachine, from, event, ctx);
    if (!step.ok) throw new Error(step.reason.code);
    history = appendStep(history, step, from, event, { at: `2027-03-10T09:0${i}:00Z`, by: 'staff-1' });
  });
  return history;
}
const staff = (action: string, params?: Record<string, string>): IllEvent => ({ kind: 'action', action, actor: 'staff', ...(params ? { params } : {}) });
const who = { at: '2027-03-10T10:00:00Z', by: 'staff-2' };

describe('undo of the last staff action', () => {
  it('takes back picking and printing, one step at a time, but not the answer that went to the borrower', () => {
    let history = run([staff('will-supply'), staff('print-pull-slip'), staff('mark-picked')]);
    expect(currentState(history, 'new')).toBe('awaiting-shipping');

    const first = undo(history, who);
    expect(first).toMatchObject({ ok: true, state: 'awaiting-picking', entry: { transition: 'undo', undoes: 2, from: 'awaiting-shipping', to: 'awaiting-picking', by: 'staff-2' } });
    history = first.ok ? first.history : history;
    const second = undo(history, who);
    expect(second).toMatchObject({ ok: true, state: 'awaiting-pull-slip', entry: { undoes: 1 } });
    history = second.ok ? second.history : history;
    expect(currentState(history, 'new')).toBe('awaiting-pull-slip');
    expect(undo(history, who)).toEqual({ ok: false, reason: { code: 'ILL_UNDO_NOT_SAFE', params: { transition: 'will-supply' } } });
  });

  it('takes back a note, which changes no state', () => {
    const history = run([staff('add-note', { note: 'shelf 3B' })]);
    expect(undo(history, who)).toMatchObject({ ok: true, state: 'new', entry: { undoes: 0 } });
  });

  it('never takes back a step that sent a message, or one a peer or a timer took', () => {
    expect(undo(run([staff('will-supply'), staff('mark-picked'), staff('ship', { dueDate: '2027-04-10' })]), who)).toEqual({
      ok: false,
      reason: { code: 'ILL_UNDO_NOT_SAFE', params: { transition: 'ship' } },
    });
    const received = run([staff('will-supply'), staff('mark-picked'), staff('ship', { dueDate: '2027-04-10' }), { kind: 'message', message: 'requestingAgencyMessage', action: 'Received' }]);
    expect(undo(received, who)).toEqual({ ok: false, reason: { code: 'ILL_UNDO_NOT_STAFF', params: { transition: 'on-received', actor: 'peer' } } });
    // assume-received is safe for staff, but the same step by the timer stands.
    const byTimer = run([staff('will-supply'), staff('mark-picked'), staff('ship', { dueDate: '2027-04-10' }), { kind: 'action', action: 'assume-received', actor: 'system' }]);
    expect(undo(byTimer, who)).toMatchObject({ ok: false, reason: { code: 'ILL_UNDO_NOT_STAFF' } });
  });

  it('has nothing to take back in an empty history', () => {
    expect(undo([], who)).toEqual({ ok: false, reason: { code: 'ILL_NOTHING_TO_UNDO' } });
  });
});
