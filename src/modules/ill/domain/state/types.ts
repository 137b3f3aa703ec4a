import type { IsoAction, IsoStatus, IsoVersion, ReasonForMessage, RequestType } from './vocabulary.js';

/** The two sides of an ISO 18626 transaction (§4: requesting agency and supplying agency). */
export type Role = 'requester' | 'supplier';
/** A request follows one path once the service is known: a returnable (loan) or a copy. */
export type ServicePath = 'loan' | 'copy';
/** Who may start a transition: staff at a desk, the reader, a timer or the service itself, or the peer by message. */
export type Actor = 'staff' | 'reader' | 'system' | 'peer';

/** A stable code with its parameters: shown to people through the messages table (messages.ts). */
export interface Reason {
  code: string;
  params?: Record<string, string | number>;
}

// ---------------------------------------------------------------------------------------------
// Events: what happens to a request.

/** A desk, reader or timer action, named as the machine names it (`ship`, `renew`, `mark-picked`). */
export interface ActionEvent {
  kind: 'action';
  action: string;
  actor?: Actor;
  params?: ActionParams;
}

/** What an action may carry: the desks fill in what the transition asks for. */
export interface ActionParams {
  note?: string;
  dueDate?: string;
  reasonUnfilled?: string;
  reasonRetry?: string;
  /** Changed terms offered with RetryPossible (2021 retryInfo; 2017 messageInfo/offeredCosts). */
  conditions?: { loanConditions?: string[]; offeredCost?: { amount: number; currency: string }; edition?: string; serviceType?: ServicePath; retryAfter?: string; retryBefore?: string };
  /** ShippedForward: the agency the item goes on to. */
  forwardTo?: string;
  [key: string]: unknown;
}

/** A message from the peer, already parsed and validated by the codec. */
export type MessageEvent =
  | { kind: 'message'; message: 'request'; requestType: RequestType }
  | {
      kind: 'message';
      message: 'supplyingAgencyMessage';
      reasonForMessage: ReasonForMessage;
      status: IsoStatus;
      answerYesNo?: 'Y' | 'N';
      dueDate?: string;
      reasonUnfilled?: string;
      reasonRetry?: string;
      /** RetryPossible: the changed terms of its retryInfo. */
      conditions?: ActionParams['conditions'];
      note?: string;
    }
  | { kind: 'message'; message: 'requestingAgencyMessage'; action: IsoAction; note?: string };

export type IllEvent = ActionEvent | MessageEvent;

// ---------------------------------------------------------------------------------------------
// Effects: what the service layer does after a transition, in order.

export type Effect =
  | { type: 'send-request'; requestType: RequestType }
  | { type: 'send-supplying-agency-message'; reasonForMessage: ReasonForMessage; status: IsoStatus; answerYesNo?: 'Y' | 'N'; reasonUnfilled?: string; reasonRetry?: string; dueDate?: string; conditions?: ActionParams['conditions']; note?: string }
  | { type: 'send-requesting-agency-message'; action: IsoAction; note?: string; forwardTo?: string }
  | { type: 'set-due-date'; party: 'lender' | 'reader'; dueDate: string }
  | { type: 'notify-reader'; notice: ReaderNotice }
  | { type: 'notify-staff'; notice: StaffNotice }
  | { type: 'record-lender-outcome'; outcome: 'unfilled' | 'retry-possible' | 'cancelled' | 'stale' | 'conditions-rejected'; reason?: string }
  | { type: 'next-lender' }
  | { type: 'escalate-to-upper-tier' }
  | { type: 'set-flag'; flag: Flag; value: boolean }
  /** RetryPossible's terms kept on this side's own record: the lender's as it offers them, the borrower's as they came (with the lender's note). */
  | { type: 'record-conditions'; conditions?: ActionParams['conditions']; reasonRetry?: string; note?: string }
  | { type: 'record-charge'; charge: 'loan' | 'copy' | 'lost' }
  | { type: 'deliver-copy' }
  | { type: 'record-forward'; forwardTo?: string }
  | { type: 'set-service'; service: ServicePath };

export type ReaderNotice = 'request-unfilled' | 'ready-for-pickup' | 'checked-out' | 'renewed' | 'renew-denied' | 'overdue' | 'recalled' | 'copy-delivered' | 'cancelled';
export type StaffNotice = 'copyright-clearance' | 'note-from-peer' | 'conditions-offered' | 'rota-exhausted' | 'renew-requested' | 'item-lost' | 'return-held' | 'cancel-denied' | 'reminder';
/** Flags the service layer keeps on the request and hands back in the context. */
export type Flag = 'returnHeld';

/** The outcome of {@link import('./engine.js').nextState}. */
export type StepResult<S extends string = string> = { ok: true; state: S; effects: Effect[]; transition: string; undoable: boolean } | { ok: false; reason: Reason };

// ---------------------------------------------------------------------------------------------
// Context: what the guards look at, supplied by the service layer (no I/O in here).

export interface IllContext {
  /**
   * The path of this request. `either` (ISO 18626 CopyOrLoan) allows both until the first step
   * that belongs to one path; that step's effects then include `set-service` to keep.
   */
  service: ServicePath | 'either';
  /** The ISO 18626 version the peer speaks (HoldReturn and Lost need 2021). */
  peerVersion: IsoVersion;
  /** The clock: an ISO 8601 instant. */
  now: string;
  /** Due date set by the lender (requester) or given to the borrower (supplier). */
  dueDate?: string;
  /** Whether the request passed the eligibility check (requester, `validate`). */
  eligible?: boolean;
  /** Whether the rota has a lender not tried yet (requester). */
  hasNextLender?: boolean;
  /** Whether the rota may go to the deployment of the upper tier when exhausted (federation). */
  upperTier?: boolean;
  /** The supplier asked the requester to hold the return (2021 HoldReturn status). */
  returnHeld?: boolean;
  renewalsUsed?: number;
  renewalsAllowed?: number;
  /** The scan of a copy has been uploaded (supplier, copy path). */
  copyUploaded?: boolean;
  /** The supplier's last answer so far (to send WillSupply after ExpectToSupply only once). */
  supplierAnswer?: 'ExpectToSupply' | 'WillSupply';
  /** The request has waited at the current lender longer than allowed (timers, closed days excluded). */
  stale?: boolean;
}

// ---------------------------------------------------------------------------------------------
// The machine as data.

/** What a transition listens for: a named action, or a peer message matching these fields. */
export type Trigger =
  | { action: string; actors: readonly Actor[] }
  | { message: 'request'; requestType: RequestType }
  | { message: 'supplyingAgencyMessage'; status: readonly IsoStatus[]; reasonForMessage?: readonly ReasonForMessage[]; answerYesNo?: 'Y' | 'N' }
  | { message: 'requestingAgencyMessage'; action: IsoAction };

/** An effect as written in the machine: `from-event` fields are filled from the event or context. */
export type EffectTemplate = Effect | { type: 'set-due-date'; party: 'lender' | 'reader'; dueDate: 'from-event' } | { type: 'answer-status'; reasonForMessage: ReasonForMessage; answerYesNo?: 'Y' | 'N' };

export interface Transition<S extends string = string> {
  /** A stable name, unique in the machine (`ship`, `on-loaned`). */
  id: string;
  from: readonly S[];
  /** The state after; `same` stays where it was (a message answered, a note kept). */
  to: S | 'same';
  on: Trigger;
  /** The path this transition belongs to; absent = both. */
  service?: ServicePath;
  /** Guards in order; the first that fails names the refusal. */
  guards?: readonly GuardName[];
  effects?: readonly EffectTemplate[];
  /** Staff may take it back as the last action (never when anything went to a peer or a person). */
  undoable?: boolean;
}

export interface Machine<S extends string = string> {
  role: Role;
  states: readonly S[];
  initial: S;
  final: readonly S[];
  /** The ISO 18626 status the state reports when a peer asks (StatusRequest). */
  isoStatus: Readonly<Record<S, IsoStatus | undefined>>;
  transitions: readonly Transition<S>[];
}

export type GuardName =
  | 'eligible'
  | 'has-next-lender'
  | 'rota-exhausted'
  | 'can-escalate'
  | 'peer-2021'
  | 'return-not-held'
  | 'return-held'
  | 'renewals-left'
  | 'due-date-passed'
  | 'due-date-not-passed'
  | 'reason-unfilled-given'
  | 'due-date-given'
  | 'conditions-given'
  | 'copy-uploaded'
  | 'forward-target-given'
  | 'only-expected-so-far'
  | 'stale'
  | 'note-given';
