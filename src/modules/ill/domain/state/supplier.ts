import { action, request, requesting, sam } from './build.js';
import type { IllContext, Machine } from './types.js';

/**
 * The lending library's side (ISO 18626 §4 "supplying agency"). A Request creates the
 * transaction in `new`; the lending desk answers (ExpectToSupply, WillSupply, Unfilled, or
 * RetryPossible with changed terms), prints the pull slip, picks, and ships a loan (Loaned) or
 * delivers a copy (CopyCompleted). The requester's actions (Received, Renew, ShippedReturn,
 * ShippedForward, HoldReturn, Lost, Cancel, StatusRequest, Notification) move it on; every
 * message that asks something (Cancel, Renew, StatusRequest) gets its response from here.
 */
export const supplierStates = [
  'new',
  'awaiting-conditions',
  'awaiting-pull-slip',
  'awaiting-picking',
  'awaiting-shipping',
  'shipped',
  'copy-delivered',
  'awaiting-return',
  'renew-pending',
  'overdue',
  'recalled',
  'returned',
  'completed',
  'unfilled',
  'cancelled',
] as const;
export type SupplierState = (typeof supplierStates)[number];

type S = SupplierState;
/** Accepted, not yet out of the building: a Cancel is still granted. */
const beforeShipping: S[] = ['awaiting-pull-slip', 'awaiting-picking', 'awaiting-shipping'];
/** The item is away at the borrowing library. */
const out: S[] = ['shipped', 'awaiting-return', 'overdue', 'recalled', 'renew-pending'];
const open: S[] = ['new', 'awaiting-conditions', ...beforeShipping, ...out, 'copy-delivered', 'returned'];
const all: S[] = [...supplierStates];

/**
 * Whether the loan's due date has been set: `ship` sends Loaned with it (ISO 18626
 * statusInfo/dueDate) and `approve-renew` moves it. Before that the lending row's `dueDate` is
 * only the policy's default, which `ship` takes when the desk gives no date: not the loan's yet.
 */
export function loanDueDateSet(state: SupplierState, service: IllContext['service']): boolean {
  return ([...out, 'returned'] as S[]).includes(state) || (state === 'completed' && service === 'loan');
}

export const supplierMachine: Machine<S> = {
  role: 'supplier',
  states: supplierStates,
  initial: 'new',
  final: ['completed', 'unfilled', 'cancelled'],
  // What a StatusRequest is answered with (ExpectToSupply becomes WillSupply once said; see engine).
  isoStatus: {
    new: 'RequestReceived',
    'awaiting-conditions': 'RetryPossible',
    'awaiting-pull-slip': 'ExpectToSupply',
    'awaiting-picking': 'ExpectToSupply',
    'awaiting-shipping': 'ExpectToSupply',
    shipped: 'Loaned',
    'copy-delivered': 'CopyCompleted',
    'awaiting-return': 'Loaned',
    'renew-pending': 'Loaned',
    overdue: 'Overdue',
    recalled: 'Recalled',
    returned: 'Loaned',
    completed: 'LoanCompleted',
    unfilled: 'Unfilled',
    cancelled: 'Cancelled',
  },
  transitions: [
    // --- The first answer is a RequestResponse; later changes are StatusChange.
    action('expect-to-supply', ['new'], 'awaiting-pull-slip', ['staff', 'system'], { effects: [sam('RequestResponse', 'ExpectToSupply')] }),
    action('will-supply', ['new'], 'awaiting-pull-slip', ['staff', 'system'], { effects: [sam('RequestResponse', 'WillSupply')] }),
    action('confirm-will-supply', beforeShipping, 'same', ['staff'], { guards: ['only-expected-so-far'], effects: [sam('StatusChange', 'WillSupply')] }),
    action('cannot-supply', ['new'], 'unfilled', ['staff', 'system'], { guards: ['reason-unfilled-given'], effects: [sam('RequestResponse', 'Unfilled')] }),
    action('cannot-supply-later', beforeShipping, 'unfilled', ['staff'], { action: 'cannot-supply', guards: ['reason-unfilled-given'], effects: [sam('StatusChange', 'Unfilled')] }),
    // Conditions and costs go as RetryPossible with reasonRetry and retryInfo (2021), never in a note.
    // The lending row keeps what it offered (record-conditions) for its desk while the borrower decides.
    action('offer-conditions', ['new'], 'awaiting-conditions', ['staff'], { guards: ['conditions-given'], effects: [{ type: 'record-conditions' }, sam('RequestResponse', 'RetryPossible')] }),
    action('offer-conditions-later', ['awaiting-pull-slip', 'awaiting-picking'], 'awaiting-conditions', ['staff'], {
      action: 'offer-conditions',
      guards: ['conditions-given'],
      effects: [{ type: 'record-conditions' }, sam('StatusChange', 'RetryPossible')],
    }),
    request('on-retry', ['awaiting-conditions'], 'awaiting-pull-slip', 'Retry', { effects: [sam('RequestResponse', 'WillSupply')] }),
    request('on-reminder', open, 'same', 'Reminder', { effects: [{ type: 'notify-staff', notice: 'reminder' }] }),
    requesting('on-cancel', ['new', 'awaiting-conditions', ...beforeShipping], 'cancelled', 'Cancel', { effects: [sam('CancelResponse', 'Cancelled', 'Y')] }),
    requesting('on-cancel-too-late', [...out, 'copy-delivered', 'returned'], 'same', 'Cancel', {
      effects: [{ type: 'answer-status', reasonForMessage: 'CancelResponse', answerYesNo: 'N' }],
    }),

    // --- The lending desk. Printing and picking send nothing: staff may take them back.
    action('print-pull-slip', ['awaiting-pull-slip'], 'awaiting-picking', ['staff'], { undoable: true }),
    action('mark-picked', ['awaiting-pull-slip', 'awaiting-picking'], 'awaiting-shipping', ['staff'], { undoable: true }),

    // --- Loan path.
    action('ship', ['awaiting-shipping'], 'shipped', ['staff'], {
      service: 'loan',
      guards: ['due-date-given'],
      effects: [sam('StatusChange', 'Loaned'), { type: 'set-due-date', party: 'lender', dueDate: 'from-event' }, { type: 'record-charge', charge: 'loan' }],
    }),
    requesting('on-received', ['shipped'], 'awaiting-return', 'Received', { service: 'loan' }),
    requesting('on-received-again', ['awaiting-return', 'overdue', 'recalled', 'renew-pending'], 'same', 'Received', { service: 'loan' }),
    // A borrower on 2017 software may never say Received.
    action('assume-received', ['shipped'], 'awaiting-return', ['staff', 'system'], { service: 'loan', undoable: true }),
    action('mark-overdue', ['awaiting-return'], 'overdue', ['system'], { service: 'loan', guards: ['due-date-passed'], effects: [sam('StatusChange', 'Overdue')] }),
    action('recall', ['awaiting-return', 'overdue', 'renew-pending'], 'recalled', ['staff'], { service: 'loan', effects: [sam('StatusChange', 'Recalled')] }),
    requesting('on-renew', ['awaiting-return', 'overdue'], 'renew-pending', 'Renew', { service: 'loan', effects: [{ type: 'notify-staff', notice: 'renew-requested' }] }),
    requesting('on-renew-when-recalled', ['recalled'], 'same', 'Renew', { service: 'loan', effects: [sam('RenewResponse', 'Recalled', 'N')] }),
    action('approve-renew', ['renew-pending'], 'awaiting-return', ['staff', 'system'], {
      service: 'loan',
      guards: ['due-date-given'],
      effects: [sam('RenewResponse', 'Loaned', 'Y'), { type: 'set-due-date', party: 'lender', dueDate: 'from-event' }],
    }),
    action('deny-renew', ['renew-pending'], 'awaiting-return', ['staff', 'system'], { service: 'loan', guards: ['due-date-not-passed'], effects: [sam('RenewResponse', 'Loaned', 'N')] }),
    action('deny-renew-overdue', ['renew-pending'], 'overdue', ['staff', 'system'], {
      service: 'loan',
      action: 'deny-renew',
      guards: ['due-date-passed'],
      effects: [sam('RenewResponse', 'Overdue', 'N')],
    }),
    // 2021 HoldReturn status: ask the borrower to keep the item for now; ReleaseHoldReturn lets it come.
    action('hold-return', out, 'same', ['staff'], {
      service: 'loan',
      guards: ['peer-2021', 'return-not-held'],
      effects: [sam('StatusChange', 'HoldReturn'), { type: 'set-flag', flag: 'returnHeld', value: true }],
    }),
    action('release-hold-return', out, 'same', ['staff'], {
      service: 'loan',
      guards: ['peer-2021', 'return-held'],
      effects: [sam('StatusChange', 'ReleaseHoldReturn'), { type: 'set-flag', flag: 'returnHeld', value: false }],
    }),
    requesting('on-hold-return', out, 'same', 'HoldReturn', { service: 'loan', effects: [{ type: 'notify-staff', notice: 'return-held' }] }),
    requesting('on-shipped-forward', out, 'awaiting-return', 'ShippedForward', { service: 'loan', effects: [{ type: 'record-forward' }] }),
    requesting('on-shipped-return', out, 'returned', 'ShippedReturn', { service: 'loan' }),
    action('check-in', ['returned', 'awaiting-return', 'overdue', 'recalled', 'renew-pending'], 'completed', ['staff'], { service: 'loan', effects: [sam('StatusChange', 'LoanCompleted')] }),
    requesting('on-lost', [...out, 'returned'], 'completed', 'Lost', {
      service: 'loan',
      effects: [sam('StatusChange', 'CompletedWithoutReturn'), { type: 'record-charge', charge: 'lost' }, { type: 'notify-staff', notice: 'item-lost' }],
    }),
    action('complete-without-return', ['overdue', 'recalled'], 'completed', ['staff'], { service: 'loan', effects: [sam('StatusChange', 'CompletedWithoutReturn')] }),

    // --- Copy path: the scan is uploaded first; CopyCompleted ends the supplier's part of the work.
    action('deliver-copy', ['awaiting-shipping'], 'copy-delivered', ['staff'], {
      service: 'copy',
      guards: ['copy-uploaded'],
      effects: [{ type: 'deliver-copy' }, sam('StatusChange', 'CopyCompleted'), { type: 'record-charge', charge: 'copy' }],
    }),
    requesting('on-copy-received', ['copy-delivered'], 'completed', 'Received', { service: 'copy' }),
    action('close', ['copy-delivered'], 'completed', ['staff', 'system'], { service: 'copy' }),

    // --- Any time.
    requesting('on-status-request', all, 'same', 'StatusRequest', { effects: [{ type: 'answer-status', reasonForMessage: 'StatusRequestResponse' }] }),
    requesting('on-notification', all, 'same', 'Notification', { effects: [{ type: 'notify-staff', notice: 'note-from-peer' }] }),
    action('send-note', open, 'same', ['staff'], { guards: ['note-given'], effects: [{ type: 'answer-status', reasonForMessage: 'Notification' }] }),
    action('add-note', all, 'same', ['staff'], { guards: ['note-given'], undoable: true }),
  ],
};
