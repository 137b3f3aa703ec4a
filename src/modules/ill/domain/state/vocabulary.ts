/**
 * The ISO 18626 vocabulary the state machines speak: the closed enumerations of the 2017 schema
 * (v1.2) and of the 2021 revision (2021-2), as the official XSDs list them
 * (../shared/standards/iso18626). The codec (../iso18626/) parses and writes the XML; the state
 * machines only need the values, and which version introduced each.
 */

export const isoVersions = ['1.2', '2021'] as const;
export type IsoVersion = (typeof isoVersions)[number];

/** type_status. HoldReturn and ReleaseHoldReturn are new in 2021. */
export const isoStatuses = [
  'RequestReceived',
  'ExpectToSupply',
  'WillSupply',
  'Loaned',
  'Overdue',
  'Recalled',
  'RetryPossible',
  'Unfilled',
  'HoldReturn',
  'ReleaseHoldReturn',
  'CopyCompleted',
  'LoanCompleted',
  'CompletedWithoutReturn',
  'Cancelled',
] as const;
export type IsoStatus = (typeof isoStatuses)[number];

/** type_action (RequestingAgencyMessage). HoldReturn and Lost are new in 2021. */
export const isoActions = [
  'StatusRequest',
  'Received',
  'Cancel',
  'Renew',
  'HoldReturn',
  'ShippedReturn',
  'ShippedForward',
  'Notification',
  'Lost',
] as const;
export type IsoAction = (typeof isoActions)[number];

/** type_reasonForMessage (SupplyingAgencyMessage/messageInfo). */
export const reasonsForMessage = [
  'RequestResponse',
  'StatusRequestResponse',
  'RenewResponse',
  'CancelResponse',
  'StatusChange',
  'Notification',
] as const;
export type ReasonForMessage = (typeof reasonsForMessage)[number];

/** type_requestType: a Retry answers a RetryPossible with the changed terms (2021: retryInfo). */
export const requestTypes = ['New', 'Retry', 'Reminder'] as const;
export type RequestType = (typeof requestTypes)[number];

/** type_serviceType. CopyOrLoan is resolved to one path when a lender answers. */
export const isoServiceTypes = ['Copy', 'Loan', 'CopyOrLoan'] as const;
export type IsoServiceType = (typeof isoServiceTypes)[number];

/**
 * reasonUnfilled and reasonRetry are scheme/value pairs in the schema; these are the values of
 * the ISO 18626 maintenance agency's lists that the desks offer (a peer may send others: they are
 * kept as sent).
 */
export const reasonsUnfilled = ['NotHeld', 'NotOnShelf', 'NotAvailableForILL', 'InUse', 'PolicyProblem', 'PoorCondition', 'NotFoundAsCited', 'Other'] as const;
export const reasonsRetry = [
  'AtBindery',
  'CostExceedsMaxCost',
  'LoanCondition',
  'MultiVolAvail',
  'NotCurrentAvailableForILL',
  'NotFoundAsCited',
  'OnLoan',
  'OnOrder',
  'ReqDelDateNotPossible',
  'ReqDelMethodNotSupp',
  'ReqEditionNotPossible',
  'ReqFormatNotPossible',
] as const;

/** What exists only from the 2021 revision on: sending it to a v1.2 peer would not validate. */
export const only2021 = {
  statuses: new Set<IsoStatus>(['HoldReturn', 'ReleaseHoldReturn']),
  actions: new Set<IsoAction>(['HoldReturn', 'Lost']),
} as const;
