import { action, ram, supplying } from './build.js';
import type { Machine } from './types.js';
import { isoStatuses } from './vocabulary.js';

/**
 * The borrowing library's side of a request (ISO 18626 §4 "requesting agency"). A request is
 * validated, a lender is chosen from the rota, the Request goes out, and the lender's
 * SupplyingAgencyMessages move it on; the borrowing desk receives, checks out, renews and ships
 * back. Loan and copy part after the lender's answer: a loan is shipped and comes back, a copy is
 * delivered (CopyCompleted) and handed to the reader.
 *
 * Conditions (loan conditions, costs, another edition) reach the requester only as RetryPossible
 * with reasonRetry and retryInfo (2021; messageInfo/offeredCosts in 2017); accepting them is a
 * Request with requestType Retry. Nothing rides in notes.
 */
export const requesterStates = [
  'new',
  'validated',
  'copyright-clearance',
  'sourcing',
  'sent',
  'expects-to-supply',
  'will-supply',
  'conditional-answer',
  'shipped',
  'received',
  'checked-out',
  'overdue',
  'recalled',
  'renew-requested',
  'returned-by-reader',
  'shipped-back',
  'lost',
  'completed',
  'unfilled',
  'end-of-rota',
  'cancel-pending',
  'cancelled',
] as const;
export type RequesterState = (typeof requesterStates)[number];

type S = RequesterState;
/** A lender is working on it and has not shipped yet. */
const atLender: S[] = ['sent', 'expects-to-supply', 'will-supply', 'conditional-answer'];
/** The item is here (at the desk or with the reader). */
const itemHere: S[] = ['received', 'checked-out', 'overdue', 'recalled', 'renew-requested', 'returned-by-reader'];
const peerKnows: S[] = [...atLender, 'cancel-pending', 'shipped', ...itemHere, 'shipped-back', 'lost'];
const all: S[] = [...requesterStates];

export const requesterMachine: Machine<S> = {
  role: 'requester',
  states: requesterStates,
  initial: 'new',
  final: ['completed', 'cancelled'],
  // The lender's status each state implies: a StatusRequestResponse repeating it changes nothing.
  isoStatus: {
    new: undefined,
    validated: undefined,
    'copyright-clearance': undefined,
    sourcing: undefined,
    sent: 'RequestReceived',
    'expects-to-supply': 'ExpectToSupply',
    'will-supply': 'WillSupply',
    'conditional-answer': 'RetryPossible',
    shipped: 'Loaned',
    received: 'Loaned',
    'checked-out': 'Loaned',
    overdue: 'Overdue',
    recalled: 'Recalled',
    'renew-requested': 'Loaned',
    'returned-by-reader': 'Loaned',
    'shipped-back': 'Loaned',
    lost: 'Loaned',
    completed: 'LoanCompleted',
    unfilled: 'Unfilled',
    'end-of-rota': undefined,
    'cancel-pending': undefined,
    cancelled: 'Cancelled',
  },
  transitions: [
    // --- Before anything goes out.
    action('validate', ['new'], 'validated', ['staff', 'system'], { guards: ['eligible'], undoable: true }),
    action('start-sourcing', ['validated'], 'sourcing', ['staff', 'system'], { undoable: true }),
    // Copyright (docs/ill.md): a copy over the borrowing library's limit waits for staff before any
    // lender sees it; staff clear it (with the reason, kept in the ledger) or refuse it.
    action('hold-for-copyright', ['validated'], 'copyright-clearance', ['system'], { service: 'copy', effects: [{ type: 'notify-staff', notice: 'copyright-clearance' }] }),
    action('clear-copyright', ['copyright-clearance'], 'validated', ['staff'], { service: 'copy' }),
    action('refuse-copyright', ['copyright-clearance'], 'cancelled', ['staff'], { service: 'copy', effects: [{ type: 'notify-reader', notice: 'cancelled' }] }),
    action('send-to-lender', ['sourcing', 'unfilled'], 'sent', ['staff', 'system'], { guards: ['has-next-lender'], effects: [{ type: 'send-request', requestType: 'New' }] }),
    action('rota-exhausted', ['sourcing', 'unfilled'], 'end-of-rota', ['system'], { guards: ['rota-exhausted'], effects: [{ type: 'notify-staff', notice: 'rota-exhausted' }] }),
    action('re-source', ['end-of-rota'], 'sourcing', ['staff'], { guards: ['has-next-lender'] }),
    // Federation (issue 5): the upper tier's deployment becomes the lender of this request.
    action('escalate', ['end-of-rota'], 'sent', ['staff', 'system'], { guards: ['can-escalate'], effects: [{ type: 'escalate-to-upper-tier' }] }),
    action('close-unfilled', ['end-of-rota'], 'cancelled', ['staff', 'system'], { effects: [{ type: 'notify-reader', notice: 'request-unfilled' }] }),
    action('cancel', ['new', 'validated', 'copyright-clearance', 'sourcing', 'unfilled', 'end-of-rota'], 'cancelled', ['staff', 'reader'], { effects: [{ type: 'notify-reader', notice: 'cancelled' }] }),
    action('cancel-at-lender', atLender, 'cancel-pending', ['staff', 'reader'], { action: 'cancel', effects: [ram('Cancel')] }),

    // --- The lender's answers. A Notification only carries a note: it never moves the request.
    supplying('on-notification', peerKnows, 'same', isoStatuses, { reasonForMessage: ['Notification'], effects: [{ type: 'notify-staff', notice: 'note-from-peer' }] }),
    supplying('on-request-received', ['sent'], 'same', ['RequestReceived']),
    supplying('on-expect-to-supply', ['sent'], 'expects-to-supply', ['ExpectToSupply']),
    supplying('on-will-supply', ['sent', 'expects-to-supply'], 'will-supply', ['WillSupply']),
    supplying('on-retry-possible', ['sent', 'expects-to-supply', 'will-supply'], 'conditional-answer', ['RetryPossible'], {
      effects: [{ type: 'record-conditions' }, { type: 'notify-staff', notice: 'conditions-offered' }],
    }),
    action('accept-conditions', ['conditional-answer'], 'sent', ['staff'], { effects: [{ type: 'send-request', requestType: 'Retry' }] }),
    // Rejecting tells the lender (Cancel) so it closes its side, then the rota goes on.
    action('reject-conditions', ['conditional-answer'], 'unfilled', ['staff'], {
      effects: [ram('Cancel'), { type: 'record-lender-outcome', outcome: 'conditions-rejected' }, { type: 'next-lender' }],
    }),
    supplying('on-unfilled', atLender, 'unfilled', ['Unfilled'], { effects: [{ type: 'record-lender-outcome', outcome: 'unfilled' }, { type: 'next-lender' }] }),
    // The lender cancelled on its own (not an answer to our Cancel): try the next one.
    supplying('on-lender-cancelled', atLender, 'unfilled', ['Cancelled'], { effects: [{ type: 'record-lender-outcome', outcome: 'cancelled' }, { type: 'next-lender' }] }),
    // The lender we left answers our Cancel. Later messages from a lender the request has moved
    // on from never reach this machine: the service applies only the current lender's messages.
    supplying('on-left-lender-cancelled', ['unfilled'], 'same', ['Cancelled'], { reasonForMessage: ['CancelResponse'] }),
    action('stale', ['sent', 'expects-to-supply'], 'unfilled', ['system'], {
      guards: ['stale'],
      effects: [ram('Cancel'), { type: 'record-lender-outcome', outcome: 'stale' }, { type: 'next-lender' }],
    }),

    // --- Our Cancel answered. CancelResponse N carries where the lender is (§ supplyingAgencyMessage/statusInfo).
    supplying('on-cancelled', ['cancel-pending'], 'cancelled', ['Cancelled', 'Unfilled'], { effects: [{ type: 'notify-reader', notice: 'cancelled' }] }),
    supplying('on-cancel-denied-received', ['cancel-pending'], 'sent', ['RequestReceived'], { answerYesNo: 'N', effects: [{ type: 'notify-staff', notice: 'cancel-denied' }] }),
    supplying('on-cancel-denied-expects', ['cancel-pending'], 'expects-to-supply', ['ExpectToSupply'], { answerYesNo: 'N', effects: [{ type: 'notify-staff', notice: 'cancel-denied' }] }),
    supplying('on-cancel-denied-will-supply', ['cancel-pending'], 'will-supply', ['WillSupply'], { answerYesNo: 'N', effects: [{ type: 'notify-staff', notice: 'cancel-denied' }] }),

    // --- Loan path.
    supplying('on-loaned', [...atLender, 'cancel-pending'], 'shipped', ['Loaned'], { service: 'loan', effects: [{ type: 'set-due-date', party: 'lender', dueDate: 'from-event' }] }),
    action('receive', ['shipped'], 'received', ['staff'], { service: 'loan', effects: [ram('Received'), { type: 'notify-reader', notice: 'ready-for-pickup' }] }),
    action('check-out', ['received'], 'checked-out', ['staff'], {
      service: 'loan',
      guards: ['due-date-given'],
      effects: [{ type: 'set-due-date', party: 'reader', dueDate: 'from-event' }, { type: 'notify-reader', notice: 'checked-out' }],
    }),
    action('renew', ['checked-out', 'overdue'], 'renew-requested', ['staff', 'reader'], { service: 'loan', guards: ['renewals-left', 'return-not-held'], effects: [ram('Renew')] }),
    supplying('on-renewed', ['renew-requested'], 'checked-out', ['Loaned'], {
      service: 'loan',
      reasonForMessage: ['RenewResponse'],
      answerYesNo: 'Y',
      effects: [{ type: 'set-due-date', party: 'lender', dueDate: 'from-event' }, { type: 'notify-reader', notice: 'renewed' }],
    }),
    supplying('on-renew-denied', ['renew-requested'], 'checked-out', ['Loaned', 'Overdue'], {
      service: 'loan',
      reasonForMessage: ['RenewResponse'],
      answerYesNo: 'N',
      guards: ['due-date-not-passed'],
      effects: [{ type: 'notify-reader', notice: 'renew-denied' }],
    }),
    supplying('on-renew-denied-overdue', ['renew-requested'], 'overdue', ['Loaned', 'Overdue'], {
      service: 'loan',
      reasonForMessage: ['RenewResponse'],
      answerYesNo: 'N',
      guards: ['due-date-passed'],
      effects: [{ type: 'notify-reader', notice: 'renew-denied' }],
    }),
    action('mark-overdue', ['received', 'checked-out'], 'overdue', ['system'], { service: 'loan', guards: ['due-date-passed'], effects: [{ type: 'notify-reader', notice: 'overdue' }] }),
    supplying('on-overdue', ['received', 'checked-out'], 'overdue', ['Overdue'], { service: 'loan', effects: [{ type: 'notify-reader', notice: 'overdue' }] }),
    supplying('on-recalled', ['received', 'checked-out', 'overdue', 'renew-requested'], 'recalled', ['Recalled'], {
      service: 'loan',
      effects: [{ type: 'set-due-date', party: 'lender', dueDate: 'from-event' }, { type: 'notify-reader', notice: 'recalled' }],
    }),
    // An overdue notice or a recall that crossed the item on its way back changes nothing.
    supplying('on-late-notice', ['returned-by-reader', 'shipped-back'], 'same', ['Overdue', 'Recalled'], { service: 'loan' }),
    // 2021: the lender asks us to keep the item for now (HoldReturn) and later lets it go.
    supplying('on-hold-return', itemHere, 'same', ['HoldReturn'], { service: 'loan', effects: [{ type: 'set-flag', flag: 'returnHeld', value: true }, { type: 'notify-staff', notice: 'return-held' }] }),
    supplying('on-release-hold-return', itemHere, 'same', ['ReleaseHoldReturn'], { service: 'loan', effects: [{ type: 'set-flag', flag: 'returnHeld', value: false }] }),
    action('hold-return', itemHere, 'same', ['staff'], { service: 'loan', guards: ['peer-2021'], effects: [ram('HoldReturn')] }),
    action('return-from-reader', ['received', 'checked-out', 'overdue', 'recalled'], 'returned-by-reader', ['staff'], { service: 'loan', undoable: true }),
    action('ship-back', ['returned-by-reader'], 'shipped-back', ['staff'], { service: 'loan', guards: ['return-not-held'], effects: [ram('ShippedReturn')] }),
    // ShippedForward: the item goes on to the next borrower instead of home; our part ends.
    action('ship-forward', ['received', 'returned-by-reader'], 'completed', ['staff'], { service: 'loan', guards: ['forward-target-given'], effects: [ram('ShippedForward')] }),
    action('report-lost', [...itemHere, 'shipped-back'], 'lost', ['staff'], { service: 'loan', guards: ['peer-2021'], effects: [ram('Lost'), { type: 'notify-staff', notice: 'item-lost' }] }),
    supplying('on-loan-completed', ['returned-by-reader', 'shipped-back'], 'completed', ['LoanCompleted'], { service: 'loan' }),
    supplying('on-completed-after-loss', ['lost'], 'completed', ['CompletedWithoutReturn'], { service: 'loan', effects: [{ type: 'record-charge', charge: 'lost' }] }),
    supplying('on-completed-without-return', ['shipped', ...itemHere, 'shipped-back'], 'completed', ['CompletedWithoutReturn'], { service: 'loan' }),

    // --- Copy path: CopyCompleted means the copy is with us (or in the delivery store).
    supplying('on-copy-completed', [...atLender, 'cancel-pending'], 'received', ['CopyCompleted'], { service: 'copy' }),
    action('deliver-to-reader', ['received'], 'completed', ['staff', 'system'], { service: 'copy', effects: [{ type: 'deliver-copy' }, { type: 'notify-reader', notice: 'copy-delivered' }] }),

    // --- Any time a lender knows the request.
    action('status-request', peerKnows, 'same', ['staff', 'system'], { effects: [ram('StatusRequest')] }),
    action('send-note', peerKnows, 'same', ['staff'], { guards: ['note-given'], effects: [ram('Notification')] }),
    // A note for our own staff: nothing leaves the library, so it can be taken back.
    action('add-note', all, 'same', ['staff'], { guards: ['note-given'], undoable: true }),
  ],
};
