/**
 * The code lists of ISO 18626, as typed constants.
 *
 * Closed lists are the XSD enumerations (`type_*` simple types): a value outside them makes a
 * message invalid. The 2021 revision added values (HoldReturn, Lost, ReleaseHoldReturn,
 * preferredEdition), so each list is kept per version.
 *
 * Open lists are the `type_schemeValuePair` elements: any value is allowed, the `scheme` attribute
 * names the list it comes from. The values below are the ones the standard recommends (the
 * "open code lists" of illtransactions.org); a value from elsewhere is kept as received, with its
 * scheme.
 */

/** The two schema versions we speak: 2017 (XSD v1.2, also read for 1.0/1.1) and 2021 (XSD 2021-2). */
export const ISO18626_VERSIONS = ['1.2', '2021'] as const;
export type Iso18626Version = (typeof ISO18626_VERSIONS)[number];

/** The target namespace of both XSDs (unchanged since 2013). */
export const ISO18626_NAMESPACE = 'http://illtransactions.org/2013/iso18626';

/** The six message types (the children of `ISO18626Message`). */
export const MESSAGE_KINDS = [
  'request',
  'requestConfirmation',
  'supplyingAgencyMessage',
  'supplyingAgencyMessageConfirmation',
  'requestingAgencyMessage',
  'requestingAgencyMessageConfirmation',
] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

// ---------------------------------------------------------------- closed lists (XSD enumerations)

const ACTIONS_2017 = ['StatusRequest', 'Received', 'Cancel', 'Renew', 'ShippedReturn', 'ShippedForward', 'Notification'] as const;
const ACTIONS_2021 = ['StatusRequest', 'Received', 'Cancel', 'Renew', 'HoldReturn', 'ShippedReturn', 'ShippedForward', 'Notification', 'Lost'] as const;
/** `type_action`: what the requesting agency tells the supplier. HoldReturn and Lost are 2021 only. */
export const ACTIONS = { '1.2': ACTIONS_2017, '2021': ACTIONS_2021 } as const;
export type Action = (typeof ACTIONS_2021)[number];

const STATUSES_2017 = [
  'RequestReceived', 'ExpectToSupply', 'WillSupply', 'Loaned', 'Overdue', 'Recalled', 'RetryPossible', 'Unfilled',
  'CopyCompleted', 'LoanCompleted', 'CompletedWithoutReturn', 'Cancelled',
] as const;
const STATUSES_2021 = [
  'RequestReceived', 'ExpectToSupply', 'WillSupply', 'Loaned', 'Overdue', 'Recalled', 'RetryPossible', 'Unfilled',
  'HoldReturn', 'ReleaseHoldReturn', 'CopyCompleted', 'LoanCompleted', 'CompletedWithoutReturn', 'Cancelled',
] as const;
/** `type_status`: the supplier's status of the request. HoldReturn and ReleaseHoldReturn are 2021 only. */
export const STATUSES = { '1.2': STATUSES_2017, '2021': STATUSES_2021 } as const;
export type Status = (typeof STATUSES_2021)[number];

/** `type_reasonForMessage` (same in both versions). */
export const REASONS_FOR_MESSAGE = ['RequestResponse', 'StatusRequestResponse', 'RenewResponse', 'CancelResponse', 'StatusChange', 'Notification'] as const;
export type ReasonForMessage = (typeof REASONS_FOR_MESSAGE)[number];

/** `type_errorType` (same in both versions). */
export const ERROR_TYPES = ['UnsupportedActionType', 'UnsupportedReasonForMessageType', 'UnrecognisedDataElement', 'UnrecognisedDataValue', 'BadlyFormedMessage'] as const;
export type ErrorType = (typeof ERROR_TYPES)[number];

/** `type_messageStatus`. */
export const MESSAGE_STATUSES = ['OK', 'ERROR'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

/** `type_requestType`. */
export const REQUEST_TYPES = ['New', 'Retry', 'Reminder'] as const;
export type RequestType = (typeof REQUEST_TYPES)[number];

/** `type_requestSubType` (at most 3 in 2017, unbounded in 2021). */
export const REQUEST_SUB_TYPES = ['BookingRequest', 'MultipleItemRequest', 'PatronRequest', 'TransferRequest', 'SupplyingLibrarysChoice'] as const;
export type RequestSubType = (typeof REQUEST_SUB_TYPES)[number];

/** `type_serviceType`. */
export const SERVICE_TYPES = ['Copy', 'Loan', 'CopyOrLoan'] as const;
export type ServiceType = (typeof SERVICE_TYPES)[number];

/** `type_preferredEdition` (2021 only; replaces the deprecated `anyEdition`). */
export const PREFERRED_EDITIONS = ['MostRecentEdition', 'ThisEdition', 'AnyEdition'] as const;
export type PreferredEdition = (typeof PREFERRED_EDITIONS)[number];

/** `type_yesNo`. */
export const YES_NO = ['Y', 'N'] as const;
export type YesNo = (typeof YES_NO)[number];

// ---------------------------------------------------------------- open lists (scheme/value pairs)

/** The scheme URI of an open code list, as the standard's registry names them. */
export const openCodeScheme = (list: string): string => `http://illtransactions.org/ISO18626/OpenCodeList/${list}-V1.0`;

/** agencyIdType: ISIL is the one the standard recommends; we also send alliance prefixes (see agency.ts). */
export const AGENCY_ID_TYPES = ['ISIL'] as const;

/** reasonUnfilled (status Unfilled). */
export const REASONS_UNFILLED = ['NonCirculating', 'NotAvailableForILL', 'NotHeld', 'NotOnShelf', 'PolicyProblem', 'PoorCondition'] as const;
export type ReasonUnfilled = (typeof REASONS_UNFILLED)[number];

/** reasonRetry (status RetryPossible). LoanPossible is in the 2017 list; the Req…/Courier/MustMeet… values came with 2021. */
export const REASONS_RETRY = [
  'AtBindery', 'CostExceedsMaxCost', 'CourierNotSupp', 'LoanPossible', 'MultiVolAvail', 'MustMeetLoanCondition',
  'NotCurrentAvailableForILL', 'NotFoundAsCited', 'OnLoan', 'OnOrder', 'ReqDelDateNotPossible', 'ReqDelMethodNotSupp',
  'ReqEditionNotPossible', 'ReqFormatNotPossible', 'ReqPayMethodNotSupported', 'ReqServLevelNotSupp', 'ReqServTypeNotPossible',
] as const;
export type ReasonRetry = (typeof REASONS_RETRY)[number];

/** loanCondition. */
export const LOAN_CONDITIONS = ['LibraryUseOnly', 'NoReproduction', 'SignatureRequired', 'SpecCollSupervReq', 'WatchLibraryUseOnly'] as const;
export type LoanCondition = (typeof LOAN_CONDITIONS)[number];

/** serviceLevel. */
export const SERVICE_LEVELS = ['Express', 'Normal', 'Rush', 'SecondaryMail', 'Standard', 'Urgent'] as const;
export type ServiceLevel = (typeof SERVICE_LEVELS)[number];

/** deliveryMethod (2021), called sentVia in 2017's deliveryInfo. */
export const DELIVERY_METHODS = ['ArticleExchange', 'Courier', 'Email', 'FTP', 'Mail', 'Odyssey', 'URL'] as const;
export type DeliveryMethod = (typeof DELIVERY_METHODS)[number];

/** courierName (2021). */
export const COURIER_NAMES = ['DB Schenker', 'DHL', 'Fedex', 'PostNord AB', 'UPS'] as const;

/** itemFormat (2021), called deliveredFormat / preferredFormat in 2017. */
export const ITEM_FORMATS = [
  'CassetteTape', 'CD', 'CD-ROM', 'Daisy-ROM', 'DVD', 'EPUB', 'EPUB2', 'EPUB3', 'JPEG', 'LargePrint', 'LP', 'Microform',
  'MP3', 'Multimedia', 'PaperCopy', 'PDF', 'Printed', 'Tape', 'TIFF', 'UltraHD', 'VHS',
] as const;
export type ItemFormat = (typeof ITEM_FORMATS)[number];

/** paymentMethod. */
export const PAYMENT_METHODS = ['BankTransfer', 'CreditCard', 'DebitCard', 'EFTS', 'IBS', 'IIBS', 'IFLAVoucher', 'IFM', 'LAPS', 'Paypal'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

/** publicationType. */
export const PUBLICATION_TYPES = [
  'ArchiveMaterial', 'Article', 'AudioBook', 'Book', 'Chapter', 'ConferenceProc', 'Game', 'GovernmentPubl', 'Image',
  'Journal', 'Manuscript', 'Map', 'Movie', 'MusicRecording', 'MusicScore', 'Newspaper', 'Patent', 'Report',
  'SoundRecording', 'Thesis',
] as const;
export type PublicationType = (typeof PUBLICATION_TYPES)[number];

/** electronicAddressType. */
export const ELECTRONIC_ADDRESS_TYPES = ['Email', 'FTP', 'Fax', 'URL'] as const;

/** bibliographicItemIdentifierCode. */
export const BIBLIOGRAPHIC_ITEM_IDENTIFIER_CODES = ['ISBN', 'ISSN', 'ISMN', 'DOI'] as const;
