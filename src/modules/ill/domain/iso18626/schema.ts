/**
 * The two XSDs (ISO-18626-v1_2.xsd, ISO-18626-2021-2.xsd) as data: for every complex element its
 * children in schema order, with occurrence limits and types. The reader and the writer both walk
 * these tables, so the XML we write follows the official element order and cardinalities, and
 * what we accept is what the schema declares (plus the tolerances listed in parse.ts).
 */
import {
  ACTIONS, ERROR_TYPES, MESSAGE_STATUSES, PREFERRED_EDITIONS, REASONS_FOR_MESSAGE, REQUEST_SUB_TYPES, REQUEST_TYPES,
  SERVICE_TYPES, STATUSES, YES_NO, type ErrorType, type Iso18626Version, type MessageKind,
} from './codes.js';

export type SimpleType =
  | { t: 'string' }
  | { t: 'dateTime' }
  | { t: 'decimal' }
  | { t: 'integer'; min?: number }
  | { t: 'boolean' }
  /** A closed list; `errorType` is what a value outside it is answered with. */
  | { t: 'enum'; values: readonly string[]; errorType: ErrorType }
  /** type_schemeValuePair. */
  | { t: 'svp' }
  /** A plain string in the XML kept as a scheme/value pair in the model (2021 region). */
  | { t: 'svpText' };

export interface ComplexType {
  t: 'complex';
  name: string;
  fields: Field[];
  /** The fields by element name (built once: the reader looks every child up here). */
  byElement: Map<string, Field>;
  /** The model properties of the fields. */
  keys: Set<string>;
  /** xs:choice: exactly one of the fields (address). */
  choice?: boolean;
}

export type ElementType = SimpleType | ComplexType;

export interface Field {
  /** Element name in this version. */
  el: string;
  /** Property in the model (differs where 2021 renamed the element). */
  key: string;
  type: ElementType;
  min: 0 | 1;
  max: number;
  /** The model holds an array (the element repeats in at least one version). */
  many: boolean;
  /** Required by the 2017 XSD but new in 2017: read when absent, written empty (multipleItemRequestId). */
  emptyIfAbsent?: boolean;
}

const S: SimpleType = { t: 'string' };
const DT: SimpleType = { t: 'dateTime' };
const DEC: SimpleType = { t: 'decimal' };
const BOOL: SimpleType = { t: 'boolean' };
const SVP: SimpleType = { t: 'svp' };
const enumOf = (values: readonly string[], errorType: ErrorType = 'UnrecognisedDataValue'): SimpleType => ({ t: 'enum', values, errorType });
const YN = enumOf(YES_NO);

interface Options { key?: string; many?: boolean }
const one = (el: string, type: ElementType, o: Options = {}): Field => ({ el, key: o.key ?? el, type, min: 1, max: 1, many: o.many ?? false });
const opt = (el: string, type: ElementType, o: Options = {}): Field => ({ el, key: o.key ?? el, type, min: 0, max: 1, many: o.many ?? false });
const rep = (el: string, type: ElementType, max = Infinity, o: Options = {}): Field => ({ el, key: o.key ?? el, type, min: 0, max, many: true });
function complex(name: string, list: (Field | false)[], choice = false): ComplexType {
  const fields = list.filter((f): f is Field => f !== false);
  return {
    t: 'complex',
    name,
    fields,
    byElement: new Map(fields.map((f) => [f.el, f])),
    keys: new Set(fields.map((f) => f.key)),
    ...(choice ? { choice } : {}),
  };
}

/** The element tables of one version, keyed by message kind. */
export type VersionSchema = Record<MessageKind, ComplexType>;

function build(v: Iso18626Version): VersionSchema {
  const y21 = v === '2021';
  const INT: SimpleType = y21 ? { t: 'integer', min: 0 } : { t: 'integer' }; // sortOrder: 2021 restricts it to ≥ 0
  const agencyId = complex('agencyId', [one('agencyIdType', SVP), one('agencyIdValue', S)]);
  const costs = complex('costs', [one('currencyCode', SVP), one('monetaryValue', DEC)]);
  const electronicAddress = complex('electronicAddress', [one('electronicAddressType', SVP), one('electronicAddressData', S)]);
  const physicalAddress = complex('physicalAddress', [
    opt('line1', S), opt('line2', S), opt('locality', S), opt('postalCode', S),
    opt('region', y21 ? { t: 'svpText' } : SVP), // 2021: "PhysicalAddress/Region changed from scheme/value pair to plain string"
    opt('country', SVP),
  ]);
  const address = complex('address', [opt('electronicAddress', electronicAddress), opt('physicalAddress', physicalAddress)], true);
  const authentication = complex('requestingAgencyAuthentication', [opt('accountId', S), opt('securityCode', S)]);
  const bibliographicItemId = complex('bibliographicItemId', y21
    ? [one('bibliographicItemIdentifierCode', SVP), one('bibliographicItemIdentifier', S)] // 2021 swapped the order
    : [one('bibliographicItemIdentifier', S), one('bibliographicItemIdentifierCode', SVP)]);
  const bibliographicRecordId = complex('bibliographicRecordId', [one('bibliographicRecordIdentifierCode', SVP), one('bibliographicRecordIdentifier', S)]);
  const errorData = complex('errorData', [one('errorType', enumOf(ERROR_TYPES)), opt('errorValue', S)]);
  const action = enumOf(ACTIONS[v], 'UnsupportedActionType');
  const reasonForMessage = enumOf(REASONS_FOR_MESSAGE, 'UnsupportedReasonForMessageType');
  const serviceType = enumOf(SERVICE_TYPES);

  // Headers: one shared type in 2017, one per message in 2021 (type_requestHeader, …).
  const header2017 = complex('header', [
    one('supplyingAgencyId', agencyId), one('requestingAgencyId', agencyId),
    { ...opt('multipleItemRequestId', S), emptyIfAbsent: true },
    one('timestamp', DT), one('requestingAgencyRequestId', S), opt('supplyingAgencyRequestId', S), opt('requestingAgencyAuthentication', authentication),
  ]);
  const requestHeader = y21 ? complex('header', [
    opt('supplyingAgencyId', agencyId), one('requestingAgencyId', agencyId), opt('consortialId', agencyId), opt('multipleItemRequestId', S),
    one('timestamp', DT), one('requestingAgencyRequestId', S), opt('requestingAgencyAuthentication', authentication),
  ]) : header2017;
  const supplyingHeader = y21 ? complex('header', [
    one('supplyingAgencyId', agencyId), one('requestingAgencyId', agencyId), one('timestamp', DT), one('requestingAgencyRequestId', S), opt('supplyingAgencyRequestId', S),
  ]) : header2017;
  const requestingHeader = y21 ? complex('header', [
    one('supplyingAgencyId', agencyId), one('requestingAgencyId', agencyId), opt('consortialId', agencyId),
    one('timestamp', DT), one('requestingAgencyRequestId', S), opt('supplyingAgencyRequestId', S), opt('requestingAgencyAuthentication', authentication),
  ]) : header2017;
  const confirmationHeader = complex('confirmationHeader', [
    opt('supplyingAgencyId', agencyId), opt('requestingAgencyId', agencyId), one('timestamp', DT), opt('requestingAgencyRequestId', S),
    !y21 && opt('multipleItemRequestId', S),
    one('timestampReceived', DT), one('messageStatus', enumOf(MESSAGE_STATUSES)),
  ]);

  const bibliographicInfo = complex('bibliographicInfo', [
    opt('supplierUniqueRecordId', S), opt('title', S), opt('author', S), y21 && opt('authorId', S), opt('subtitle', S), opt('seriesTitle', S),
    opt('edition', S), opt('titleOfComponent', S), opt('authorOfComponent', S),
    y21 ? rep('volume', S) : opt('volume', S, { many: true }),
    opt('issue', S), opt('pagesRequested', S), opt('estimatedNoPages', S), rep('bibliographicItemId', bibliographicItemId),
    opt('sponsor', S), opt('informationSource', S), rep('bibliographicRecordId', bibliographicRecordId),
  ]);
  const publicationInfo = complex('publicationInfo', [
    opt('publisher', S), y21 && opt('publisherId', S), opt('publicationType', SVP), opt('publicationDate', S), opt('placeOfPublication', S),
  ]);
  const serviceInfo = complex('serviceInfo', [
    opt('requestType', enumOf(REQUEST_TYPES)), rep('requestSubType', enumOf(REQUEST_SUB_TYPES), y21 ? Infinity : 3),
    opt('requestingAgencyPreviousRequestId', S), one('serviceType', serviceType), opt('serviceLevel', SVP),
    y21 ? opt('itemFormat', SVP) : opt('preferredFormat', SVP, { key: 'itemFormat' }),
    opt('needBeforeDate', DT), opt('copyrightCompliance', SVP), opt('anyEdition', YN),
    y21 && opt('preferredEdition', enumOf(PREFERRED_EDITIONS)), y21 && rep('loanCondition', SVP),
    opt('startDate', DT), opt('endDate', DT), opt('note', S),
  ]);
  const supplierInfo = complex('supplierInfo', [
    opt('sortOrder', INT), opt('supplierCode', agencyId), opt('supplierDescription', S), opt('bibliographicRecordId', bibliographicRecordId),
    opt('callNumber', S), opt('summaryHoldings', S), opt('availabilityNote', S),
  ]);
  const requestedDeliveryInfo = complex('requestedDeliveryInfo', [
    opt('sortOrder', INT), opt('address', address), y21 && opt('deliveryMethod', SVP), y21 && opt('courierName', SVP),
  ]);
  const requestingAgencyInfo = complex('requestingAgencyInfo', [opt('name', S), opt('contactName', S), rep('address', address)]);
  const patronInfo = complex('patronInfo', [
    opt('patronId', S), opt('surname', S), opt('givenName', S), opt('patronType', SVP), opt('sendToPatron', YN), rep('address', address),
  ]);
  const billingInfo = complex('billingInfo', [
    opt('paymentMethod', SVP), opt('maximumCosts', costs), opt('billingMethod', SVP), opt('billingName', S), opt('address', address),
  ]);
  const messageInfo = complex('messageInfo', [
    one('reasonForMessage', reasonForMessage), opt('answerYesNo', YN), opt('note', S), opt('reasonUnfilled', SVP), opt('reasonRetry', SVP),
    // 2017 keeps the retry terms here; 2021 moved them to retryInfo (the model's place, see codec.ts).
    !y21 && opt('offeredCosts', costs), !y21 && opt('retryAfter', DT), !y21 && opt('retryBefore', DT),
  ]);
  const statusInfo = complex('statusInfo', [
    one('status', enumOf(STATUSES[v])), opt('expectedDeliveryDate', DT), opt('dueDate', DT), one('lastChange', DT),
  ]);
  const retryInfo = complex('retryInfo', [
    rep('loanCondition', SVP), rep('edition', S), rep('itemFormat', SVP), rep('volume', S), opt('serviceType', serviceType),
    rep('serviceLevel', SVP), rep('deliveryMethod', SVP), rep('courierName', SVP), rep('offeredCosts', costs), rep('paymentMethod', SVP),
    opt('retryBefore', DT), opt('retryAfter', DT),
  ]);
  const deliveryInfo = complex('deliveryInfo', y21 ? [
    one('dateSent', DT), rep('itemId', S), opt('URL', S), opt('deliveryMethod', SVP), opt('address', address), opt('sentToPatron', BOOL),
    rep('loanCondition', SVP), opt('itemFormat', SVP), opt('serviceType', serviceType), rep('deliveryCosts', costs), opt('paymentMethod', SVP),
  ] : [
    one('dateSent', DT), opt('itemId', S, { many: true }), opt('sentVia', SVP, { key: 'deliveryMethod' }), opt('sentToPatron', BOOL),
    opt('loanCondition', SVP, { many: true }), opt('deliveredFormat', SVP, { key: 'itemFormat' }), opt('deliveryCosts', costs, { many: true }),
  ]);
  const shippingInfo = complex('shippingInfo', [
    opt('courierName', SVP), rep('trackingId', S), opt('insurance', YN), opt('insuranceThirdParty', YN), opt('thirdPartyName', S), rep('insuranceCosts', costs),
  ]);
  const returnInfo = complex('returnInfo', [opt('returnAgencyId', agencyId), opt('name', S), opt('physicalAddress', physicalAddress)]);
  const errors = y21 ? rep('errorData', errorData) : opt('errorData', errorData, { many: true });

  return {
    request: complex('request', [
      one('header', requestHeader), one('bibliographicInfo', bibliographicInfo), opt('publicationInfo', publicationInfo),
      y21 ? one('serviceInfo', serviceInfo) : opt('serviceInfo', serviceInfo),
      rep('supplierInfo', supplierInfo), rep('requestedDeliveryInfo', requestedDeliveryInfo), opt('requestingAgencyInfo', requestingAgencyInfo),
      opt('patronInfo', patronInfo), opt('billingInfo', billingInfo),
    ]),
    requestConfirmation: complex('requestConfirmation', [one('confirmationHeader', confirmationHeader), errors]),
    supplyingAgencyMessage: complex('supplyingAgencyMessage', [
      one('header', supplyingHeader), one('messageInfo', messageInfo), one('statusInfo', statusInfo), y21 && opt('retryInfo', retryInfo),
      opt('deliveryInfo', deliveryInfo), y21 && opt('shippingInfo', shippingInfo), opt('returnInfo', returnInfo),
    ]),
    supplyingAgencyMessageConfirmation: complex('supplyingAgencyMessageConfirmation', [
      one('confirmationHeader', confirmationHeader), opt('reasonForMessage', reasonForMessage), errors,
    ]),
    requestingAgencyMessage: complex('requestingAgencyMessage', [one('header', requestingHeader), one('action', action), opt('note', S)]),
    requestingAgencyMessageConfirmation: complex('requestingAgencyMessageConfirmation', [
      one('confirmationHeader', confirmationHeader), opt('action', action), errors,
    ]),
  };
}

export const SCHEMAS: Record<Iso18626Version, VersionSchema> = { '1.2': build('1.2'), '2021': build('2021') };
