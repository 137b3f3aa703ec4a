/**
 * One internal model of an ISO 18626 message for both schema versions (2017 v1.2 and 2021).
 *
 * Property names are the element names. Where 2021 renamed or moved an element the model uses the
 * 2021 name and the codec maps the 2017 one (noted on the field). Elements that exist in one
 * version only are optional and marked "2021" / "2017". Elements that repeat in either version
 * are arrays. Dates are xs:dateTime strings as received (offset `+0000` normalised to `+00:00`);
 * money is an xs:decimal string, so no cent is lost to floating point.
 */
import type {
  Action, ErrorType, LoanCondition, MessageStatus, PreferredEdition, ReasonForMessage, ReasonRetry, ReasonUnfilled,
  RequestSubType, RequestType, ServiceLevel, ServiceType, Status, YesNo, DeliveryMethod, ItemFormat, PaymentMethod, PublicationType,
} from './codes.js';

/** xs:dateTime lexical form, e.g. `2026-12-06T09:00:00Z`. */
export type IsoDateTime = string;

/**
 * `type_schemeValuePair`: a value of an open list and the list it comes from (`scheme`, an URI).
 * `T` suggests the standard's values; any string is allowed.
 */
export interface SchemeValue<T extends string = string> {
  value: T | (string & {});
  scheme?: string;
}

/** `type_agencyId`: a library. Our symbols map to it in agency.ts. */
export interface AgencyId {
  agencyIdType: SchemeValue<'ISIL'>;
  agencyIdValue: string;
}

/** `type_costs`. `monetaryValue` is an xs:decimal string; `currencyCode` ISO 4217 (CNY). */
export interface Costs {
  currencyCode: SchemeValue;
  monetaryValue: string;
}

export interface ElectronicAddress {
  electronicAddressType: SchemeValue;
  electronicAddressData: string;
}

export interface PhysicalAddress {
  line1?: string;
  line2?: string;
  locality?: string;
  postalCode?: string;
  /** ISO 3166-2. A scheme/value pair in 2017, a plain string in 2021 (the scheme is not sent then). */
  region?: SchemeValue;
  /** ISO 3166-1. */
  country?: SchemeValue;
}

/** `address`: exactly one of the two. */
export type Address = { electronicAddress: ElectronicAddress; physicalAddress?: undefined } | { physicalAddress: PhysicalAddress; electronicAddress?: undefined };

export interface RequestingAgencyAuthentication {
  accountId?: string;
  securityCode?: string;
}

/**
 * The message header. 2017 has one header for the three non-confirmation messages; 2021 has one
 * per message type (the codec sends only what each allows):
 * - request: supplyingAgencyId optional (transfer requests), consortialId, no supplyingAgencyRequestId;
 * - supplyingAgencyMessage: no consortialId, multipleItemRequestId or authentication;
 * - requestingAgencyMessage: no multipleItemRequestId.
 */
export interface Header {
  /** Required except in a 2021 request. */
  supplyingAgencyId?: AgencyId;
  requestingAgencyId: AgencyId;
  /** 2021. */
  consortialId?: AgencyId;
  /** Required (possibly empty) in the 2017 header; the codec writes an empty one when absent. */
  multipleItemRequestId?: string;
  timestamp: IsoDateTime;
  requestingAgencyRequestId: string;
  supplyingAgencyRequestId?: string;
  requestingAgencyAuthentication?: RequestingAgencyAuthentication;
}

export type AgencyMessageHeader = Header & { supplyingAgencyId: AgencyId };

export interface BibliographicItemId {
  bibliographicItemIdentifier: string;
  bibliographicItemIdentifierCode: SchemeValue<'ISBN' | 'ISSN' | 'ISMN' | 'DOI'>;
}

export interface BibliographicRecordId {
  bibliographicRecordIdentifierCode: SchemeValue;
  bibliographicRecordIdentifier: string;
}

export interface BibliographicInfo {
  supplierUniqueRecordId?: string;
  title?: string;
  author?: string;
  /** 2021: ISNI (ISO 27729) of the author. */
  authorId?: string;
  subtitle?: string;
  seriesTitle?: string;
  edition?: string;
  titleOfComponent?: string;
  authorOfComponent?: string;
  /** One in 2017, repeatable in 2021. */
  volume?: string[];
  issue?: string;
  pagesRequested?: string;
  estimatedNoPages?: string;
  bibliographicItemId?: BibliographicItemId[];
  sponsor?: string;
  informationSource?: string;
  bibliographicRecordId?: BibliographicRecordId[];
}

export interface PublicationInfo {
  publisher?: string;
  /** 2021: ISNI of the publisher. */
  publisherId?: string;
  publicationType?: SchemeValue<PublicationType>;
  publicationDate?: string;
  placeOfPublication?: string;
}

export interface ServiceInfo {
  requestType?: RequestType;
  /** At most 3 in 2017. */
  requestSubType?: RequestSubType[];
  requestingAgencyPreviousRequestId?: string;
  serviceType: ServiceType;
  serviceLevel?: SchemeValue<ServiceLevel>;
  /** 2021 name; `preferredFormat` in 2017. */
  itemFormat?: SchemeValue<ItemFormat>;
  needBeforeDate?: IsoDateTime;
  copyrightCompliance?: SchemeValue;
  /** Deprecated in 2021 in favour of preferredEdition. */
  anyEdition?: YesNo;
  /** 2021. */
  preferredEdition?: PreferredEdition;
  /** 2021: conditions the requester accepts in advance. */
  loanCondition?: SchemeValue<LoanCondition>[];
  startDate?: IsoDateTime;
  endDate?: IsoDateTime;
  note?: string;
}

export interface SupplierInfo {
  /** Non-negative in 2021. */
  sortOrder?: number;
  supplierCode?: AgencyId;
  supplierDescription?: string;
  bibliographicRecordId?: BibliographicRecordId;
  callNumber?: string;
  summaryHoldings?: string;
  availabilityNote?: string;
}

export interface RequestedDeliveryInfo {
  sortOrder?: number;
  address?: Address;
  /** 2021. */
  deliveryMethod?: SchemeValue<DeliveryMethod>;
  /** 2021. */
  courierName?: SchemeValue;
}

export interface RequestingAgencyInfo {
  name?: string;
  contactName?: string;
  address?: Address[];
}

export interface PatronInfo {
  patronId?: string;
  surname?: string;
  givenName?: string;
  patronType?: SchemeValue;
  sendToPatron?: YesNo;
  address?: Address[];
}

export interface BillingInfo {
  paymentMethod?: SchemeValue<PaymentMethod>;
  maximumCosts?: Costs;
  billingMethod?: SchemeValue;
  billingName?: string;
  address?: Address;
}

export interface MessageInfo {
  reasonForMessage: ReasonForMessage;
  answerYesNo?: YesNo;
  note?: string;
  reasonUnfilled?: SchemeValue<ReasonUnfilled>;
  reasonRetry?: SchemeValue<ReasonRetry>;
}

export interface StatusInfo {
  status: Status;
  expectedDeliveryDate?: IsoDateTime;
  dueDate?: IsoDateTime;
  lastChange: IsoDateTime;
}

/**
 * The changed terms offered with RetryPossible (2021 `retryInfo`). In 2017 only offeredCosts (one),
 * retryAfter and retryBefore exist, inside messageInfo; the codec moves them.
 */
export interface RetryInfo {
  loanCondition?: SchemeValue<LoanCondition>[];
  edition?: string[];
  itemFormat?: SchemeValue<ItemFormat>[];
  volume?: string[];
  serviceType?: ServiceType;
  serviceLevel?: SchemeValue<ServiceLevel>[];
  deliveryMethod?: SchemeValue<DeliveryMethod>[];
  courierName?: SchemeValue[];
  offeredCosts?: Costs[];
  paymentMethod?: SchemeValue<PaymentMethod>[];
  retryBefore?: IsoDateTime;
  retryAfter?: IsoDateTime;
}

export interface DeliveryInfo {
  dateSent: IsoDateTime;
  /** One in 2017, repeatable in 2021. */
  itemId?: string[];
  /** 2021. */
  URL?: string;
  /** 2021 name; `sentVia` in 2017. */
  deliveryMethod?: SchemeValue<DeliveryMethod>;
  /** 2021. */
  address?: Address;
  sentToPatron?: boolean;
  /** One in 2017, repeatable in 2021. */
  loanCondition?: SchemeValue<LoanCondition>[];
  /** 2021 name; `deliveredFormat` in 2017. */
  itemFormat?: SchemeValue<ItemFormat>;
  /** 2021: Copy or Loan when CopyOrLoan was asked for. */
  serviceType?: ServiceType;
  /** One in 2017, repeatable in 2021. */
  deliveryCosts?: Costs[];
  /** 2021. */
  paymentMethod?: SchemeValue<PaymentMethod>;
}

/** 2021. */
export interface ShippingInfo {
  courierName?: SchemeValue;
  trackingId?: string[];
  insurance?: YesNo;
  insuranceThirdParty?: YesNo;
  thirdPartyName?: string;
  insuranceCosts?: Costs[];
}

export interface ReturnInfo {
  returnAgencyId?: AgencyId;
  name?: string;
  physicalAddress?: PhysicalAddress;
}

export interface ConfirmationHeader {
  supplyingAgencyId?: AgencyId;
  requestingAgencyId?: AgencyId;
  timestamp: IsoDateTime;
  requestingAgencyRequestId?: string;
  /** 2017 only. */
  multipleItemRequestId?: string;
  /** The timestamp of the message being confirmed. */
  timestampReceived: IsoDateTime;
  messageStatus: MessageStatus;
}

export interface ErrorData {
  errorType: ErrorType;
  errorValue?: string;
}

// ---------------------------------------------------------------- the six messages

export interface RequestMessage {
  kind: 'request';
  header: Header;
  bibliographicInfo: BibliographicInfo;
  publicationInfo?: PublicationInfo;
  /** Required in 2021. */
  serviceInfo?: ServiceInfo;
  supplierInfo?: SupplierInfo[];
  requestedDeliveryInfo?: RequestedDeliveryInfo[];
  requestingAgencyInfo?: RequestingAgencyInfo;
  patronInfo?: PatronInfo;
  billingInfo?: BillingInfo;
}

export interface RequestConfirmationMessage {
  kind: 'requestConfirmation';
  confirmationHeader: ConfirmationHeader;
  /** At most one in 2017. */
  errorData?: ErrorData[];
}

export interface SupplyingAgencyMessage {
  kind: 'supplyingAgencyMessage';
  header: AgencyMessageHeader;
  messageInfo: MessageInfo;
  statusInfo: StatusInfo;
  retryInfo?: RetryInfo;
  deliveryInfo?: DeliveryInfo;
  /** 2021. */
  shippingInfo?: ShippingInfo;
  returnInfo?: ReturnInfo;
}

export interface SupplyingAgencyMessageConfirmation {
  kind: 'supplyingAgencyMessageConfirmation';
  confirmationHeader: ConfirmationHeader;
  reasonForMessage?: ReasonForMessage;
  errorData?: ErrorData[];
}

export interface RequestingAgencyMessage {
  kind: 'requestingAgencyMessage';
  header: AgencyMessageHeader;
  action: Action;
  note?: string;
}

export interface RequestingAgencyMessageConfirmation {
  kind: 'requestingAgencyMessageConfirmation';
  confirmationHeader: ConfirmationHeader;
  action?: Action;
  errorData?: ErrorData[];
}

export type Iso18626Message =
  | RequestMessage
  | RequestConfirmationMessage
  | SupplyingAgencyMessage
  | SupplyingAgencyMessageConfirmation
  | RequestingAgencyMessage
  | RequestingAgencyMessageConfirmation;

export type ConfirmationMessage = RequestConfirmationMessage | SupplyingAgencyMessageConfirmation | RequestingAgencyMessageConfirmation;
export type AgencyMessage = RequestMessage | SupplyingAgencyMessage | RequestingAgencyMessage;
