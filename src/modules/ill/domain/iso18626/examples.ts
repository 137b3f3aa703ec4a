/**
 * Example messages: every message type with every element its version declares filled in, and one
 * message for every status, action, reasonForMessage, errorType and other closed-list value of
 * each version. The tests write them all and validate them with xmllint against the official XSD;
 * other parts of the ill module may use them as fixtures.
 */
import {
  ACTIONS, ERROR_TYPES, LOAN_CONDITIONS, PREFERRED_EDITIONS, REASONS_FOR_MESSAGE, REASONS_RETRY, REASONS_UNFILLED, REQUEST_SUB_TYPES,
  REQUEST_TYPES, SERVICE_TYPES, STATUSES, openCodeScheme, type Iso18626Version,
} from './codes.js';
import { agencyIdOfSymbol } from './agency.js';
import type {
  AgencyMessageHeader, Costs, Iso18626Message, PhysicalAddress, RequestMessage, SupplyingAgencyMessage, ConfirmationHeader,
} from './types.js';

const supplier = agencyIdOfSymbol('CN-110000-1');
const requester = agencyIdOfSymbol('CALIS:211010');
const T = '2026-12-06T09:30:00.123+08:00';
const yuan = (value: string): Costs => ({ currencyCode: { value: 'CNY', scheme: 'urn:iso:std:iso:4217' }, monetaryValue: value });

const header = (v: Iso18626Version): AgencyMessageHeader => ({
  supplyingAgencyId: supplier,
  requestingAgencyId: requester,
  ...(v === '2021' ? { consortialId: agencyIdOfSymbol('CALIS:000000') } : {}),
  multipleItemRequestId: 'M-1',
  timestamp: T,
  requestingAgencyRequestId: 'R-2026-000123',
  supplyingAgencyRequestId: 'S-77',
  requestingAgencyAuthentication: { accountId: 'calis', securityCode: 's3cret & <sure>' },
});

const physicalAddress = (v: Iso18626Version): PhysicalAddress => ({
  line1: '北京市海淀区颐和园路5号',
  line2: '北京大学图书馆 馆际互借处',
  locality: '北京',
  postalCode: '100871',
  region: v === '2021' ? { value: 'CN-BJ' } : { value: 'CN-BJ', scheme: 'urn:iso:std:iso:3166:-2' },
  country: { value: 'CN', scheme: 'urn:iso:std:iso:3166:-1' },
});

/** A request with every element of the version. */
export function fullRequest(v: Iso18626Version): RequestMessage {
  const y21 = v === '2021';
  const email = { electronicAddress: { electronicAddressType: { value: 'Email' }, electronicAddressData: 'ill@lib.pku.edu.cn' } };
  const header21 = header(v);
  // A 2021 request header has no supplyingAgencyRequestId.
  if (y21) delete header21.supplyingAgencyRequestId;
  return {
    kind: 'request',
    header: header21,
    bibliographicInfo: {
      supplierUniqueRecordId: 'b123',
      title: '红楼梦',
      author: '曹雪芹',
      ...(y21 ? { authorId: '0000 0001 2138 6214' } : {}),
      subtitle: '脂砚斋重评石头记',
      seriesTitle: '中国古典文学丛书',
      edition: '第3版',
      titleOfComponent: '第一回',
      authorOfComponent: '高鹗',
      volume: y21 ? ['1', '2'] : ['1'],
      issue: '4',
      pagesRequested: '1-20',
      estimatedNoPages: '20',
      bibliographicItemId: [
        { bibliographicItemIdentifier: '9787020002207', bibliographicItemIdentifierCode: { value: 'ISBN' } },
        { bibliographicItemIdentifier: '10.1000/182', bibliographicItemIdentifierCode: { value: 'DOI', scheme: openCodeScheme('BibliographicItemIdList') } },
      ],
      sponsor: 'CALIS',
      informationSource: 'Anylib union catalogue',
      bibliographicRecordId: [{ bibliographicRecordIdentifierCode: { value: 'OCLC' }, bibliographicRecordIdentifier: '12345678' }],
    },
    publicationInfo: {
      publisher: '人民文学出版社',
      ...(y21 ? { publisherId: '0000 0004 0368 9836' } : {}),
      publicationType: { value: 'Book' },
      publicationDate: '1982',
      placeOfPublication: '北京',
    },
    serviceInfo: {
      requestType: 'New',
      requestSubType: ['PatronRequest'],
      requestingAgencyPreviousRequestId: 'R-2026-000100',
      serviceType: 'Loan',
      serviceLevel: { value: 'Normal' },
      itemFormat: { value: 'Printed' },
      needBeforeDate: '2027-01-31T23:59:59Z',
      copyrightCompliance: { value: 'CN-CopyrightAct' },
      anyEdition: 'N',
      ...(y21 ? { preferredEdition: 'ThisEdition' as const, loanCondition: [{ value: 'LibraryUseOnly' }] } : {}),
      startDate: '2027-01-01T00:00:00Z',
      endDate: '2027-02-01T00:00:00Z',
      note: 'Line one\nline two, with "quotes" & <angle brackets>',
    },
    supplierInfo: [
      { sortOrder: 0, supplierCode: supplier, supplierDescription: 'PKU', bibliographicRecordId: { bibliographicRecordIdentifierCode: { value: 'LOCAL' }, bibliographicRecordIdentifier: 'b123' }, callNumber: 'I242.4/1', summaryHoldings: 'v.1-4', availabilityNote: 'on shelf' },
      { sortOrder: 1, supplierCode: agencyIdOfSymbol('CN-310000-2') },
    ],
    requestedDeliveryInfo: [
      { sortOrder: 0, address: { physicalAddress: physicalAddress(v) }, ...(y21 ? { deliveryMethod: { value: 'Courier' }, courierName: { value: 'DHL' } } : {}) },
      { sortOrder: 1, address: email },
    ],
    requestingAgencyInfo: { name: '南京大学图书馆', contactName: '王老师', address: [email, { physicalAddress: physicalAddress(v) }] },
    patronInfo: { patronId: 'P001', surname: '李', givenName: '雷', patronType: { value: 'Faculty' }, sendToPatron: 'Y', address: [email] },
    billingInfo: { paymentMethod: { value: 'BankTransfer' }, maximumCosts: yuan('30.00'), billingMethod: { value: 'Invoice' }, billingName: '南京大学', address: { physicalAddress: physicalAddress(v) } },
  };
}

/** A supplyingAgencyMessage with every element of the version. */
export function fullSupplyingAgencyMessage(v: Iso18626Version): SupplyingAgencyMessage {
  const y21 = v === '2021';
  const h = header(v);
  if (y21) {
    delete h.consortialId;
    delete h.multipleItemRequestId;
    delete h.requestingAgencyAuthentication;
  }
  return {
    kind: 'supplyingAgencyMessage',
    header: h,
    messageInfo: {
      reasonForMessage: 'RequestResponse',
      answerYesNo: 'Y',
      note: '可以借出',
      reasonUnfilled: { value: 'NotOnShelf', scheme: openCodeScheme('ReasonUnfilledList') },
      reasonRetry: { value: 'CostExceedsMaxCost', scheme: openCodeScheme('ReasonRetryList') },
    },
    statusInfo: { status: 'WillSupply', expectedDeliveryDate: '2026-12-10T00:00:00Z', dueDate: '2027-01-10T00:00:00Z', lastChange: T },
    retryInfo: y21
      ? {
          loanCondition: [{ value: 'NoReproduction' }, { value: 'SignatureRequired' }],
          edition: ['第2版'],
          itemFormat: [{ value: 'PDF' }],
          volume: ['3'],
          serviceType: 'Copy',
          serviceLevel: [{ value: 'Rush' }],
          deliveryMethod: [{ value: 'Mail' }],
          courierName: [{ value: 'UPS' }],
          offeredCosts: [yuan('45.50'), yuan('60')],
          paymentMethod: [{ value: 'IFLAVoucher' }],
          retryBefore: '2026-12-20T00:00:00Z',
          retryAfter: '2026-12-07T00:00:00Z',
        }
      : { offeredCosts: [yuan('45.50')], retryBefore: '2026-12-20T00:00:00Z', retryAfter: '2026-12-07T00:00:00Z' },
    deliveryInfo: {
      dateSent: T,
      itemId: y21 ? ['31100001234567', '31100001234568'] : ['31100001234567'],
      ...(y21 ? { URL: 'https://anylib.example/dd/abc?x=1&y=2', address: { physicalAddress: physicalAddress(v) } } : {}),
      deliveryMethod: { value: 'Mail' },
      sentToPatron: false,
      loanCondition: y21 ? [{ value: 'LibraryUseOnly' }, { value: 'NoReproduction' }] : [{ value: 'LibraryUseOnly' }],
      itemFormat: { value: 'Printed' },
      ...(y21 ? { serviceType: 'Loan' as const, paymentMethod: { value: 'BankTransfer' } } : {}),
      deliveryCosts: y21 ? [yuan('10'), yuan('2.5')] : [yuan('10')],
    },
    ...(y21 ? {
      shippingInfo: {
        courierName: { value: 'DHL' }, trackingId: ['JD0001', 'JD0002'], insurance: 'Y' as const, insuranceThirdParty: 'N' as const,
        thirdPartyName: 'PICC', insuranceCosts: [yuan('5')],
      },
    } : {}),
    returnInfo: { returnAgencyId: supplier, name: '北京大学图书馆', physicalAddress: physicalAddress(v) },
  };
}

const confirmationHeader = (v: Iso18626Version, ok: boolean): ConfirmationHeader => ({
  supplyingAgencyId: supplier,
  requestingAgencyId: requester,
  timestamp: '2026-12-06T09:30:01Z',
  requestingAgencyRequestId: 'R-2026-000123',
  ...(v === '1.2' ? { multipleItemRequestId: 'M-1' } : {}),
  timestampReceived: T,
  messageStatus: ok ? 'OK' : 'ERROR',
});

/**
 * Every message type, with every closed-list value of the version used at least once: statuses,
 * reasons for message, actions, error types, request types and sub-types, service types,
 * preferred editions; and the standard's open-list values for reasonUnfilled, reasonRetry, loanCondition.
 */
export function exampleMessages(v: Iso18626Version): { name: string; message: Iso18626Message }[] {
  const out: { name: string; message: Iso18626Message }[] = [];
  out.push({ name: 'request (full)', message: fullRequest(v) });
  out.push({ name: 'supplyingAgencyMessage (full)', message: fullSupplyingAgencyMessage(v) });
  const minimalHeader: AgencyMessageHeader = { supplyingAgencyId: supplier, requestingAgencyId: requester, timestamp: T, requestingAgencyRequestId: 'R-1' };
  out.push({ name: 'request (minimal)', message: { kind: 'request', header: minimalHeader, bibliographicInfo: {}, serviceInfo: { serviceType: 'Copy' } } });
  REQUEST_TYPES.forEach((requestType, i) => {
    const serviceType = SERVICE_TYPES[i % SERVICE_TYPES.length]!;
    out.push({ name: `request ${requestType} ${serviceType}`, message: { kind: 'request', header: minimalHeader, bibliographicInfo: { title: 'T' }, serviceInfo: { requestType, serviceType, requestSubType: [...REQUEST_SUB_TYPES].slice(i, i + 3) } } });
  });
  if (v === '2021') {
    for (const preferredEdition of PREFERRED_EDITIONS) {
      out.push({ name: `request preferredEdition ${preferredEdition}`, message: { kind: 'request', header: minimalHeader, bibliographicInfo: {}, serviceInfo: { serviceType: 'Loan', preferredEdition, requestSubType: [...REQUEST_SUB_TYPES] } } });
    }
    const { supplyingAgencyId: _none, ...transferHeader } = minimalHeader;
    out.push({ name: 'request without supplier (transfer)', message: { kind: 'request', header: transferHeader, bibliographicInfo: {}, serviceInfo: { serviceType: 'Loan', requestSubType: ['TransferRequest'] } } });
  }
  STATUSES[v].forEach((status, i) => {
    const reasonForMessage = REASONS_FOR_MESSAGE[i % REASONS_FOR_MESSAGE.length]!;
    const messageInfo: SupplyingAgencyMessage['messageInfo'] = { reasonForMessage };
    if (status === 'Unfilled') messageInfo.reasonUnfilled = { value: REASONS_UNFILLED[i % REASONS_UNFILLED.length]! };
    if (status === 'RetryPossible') messageInfo.reasonRetry = { value: REASONS_RETRY[i % REASONS_RETRY.length]!, scheme: openCodeScheme('ReasonRetryList') };
    out.push({ name: `supplyingAgencyMessage ${status} (${reasonForMessage})`, message: { kind: 'supplyingAgencyMessage', header: minimalHeader, messageInfo, statusInfo: { status, lastChange: T } } });
  });
  for (const reasonForMessage of REASONS_FOR_MESSAGE) {
    out.push({
      name: `supplyingAgencyMessage ${reasonForMessage}`,
      message: { kind: 'supplyingAgencyMessage', header: minimalHeader, messageInfo: { reasonForMessage, answerYesNo: 'N' }, statusInfo: { status: 'Loaned', lastChange: T } },
    });
    out.push({
      name: `supplyingAgencyMessageConfirmation ${reasonForMessage}`,
      message: { kind: 'supplyingAgencyMessageConfirmation', confirmationHeader: confirmationHeader(v, true), reasonForMessage },
    });
  }
  for (const reason of [...REASONS_UNFILLED, ...REASONS_RETRY, ...LOAN_CONDITIONS]) {
    out.push({
      name: `supplyingAgencyMessage open value ${reason}`,
      message: {
        kind: 'supplyingAgencyMessage', header: minimalHeader, messageInfo: { reasonForMessage: 'StatusChange', reasonUnfilled: { value: reason }, reasonRetry: { value: reason } },
        statusInfo: { status: 'RetryPossible', lastChange: T }, deliveryInfo: { dateSent: T, loanCondition: [{ value: reason, scheme: openCodeScheme('LoanConditionList') }] },
      },
    });
  }
  const ramHeader = header(v);
  if (v === '2021') delete ramHeader.multipleItemRequestId; // not in the 2021 requestingAgencyMessage header
  for (const action of ACTIONS[v]) {
    out.push({ name: `requestingAgencyMessage ${action}`, message: { kind: 'requestingAgencyMessage', header: ramHeader, action, note: `${action} note` } });
    out.push({ name: `requestingAgencyMessageConfirmation ${action}`, message: { kind: 'requestingAgencyMessageConfirmation', confirmationHeader: confirmationHeader(v, true), action } });
  }
  for (const errorType of ERROR_TYPES) {
    const errorData = [{ errorType, errorValue: `${errorType}: request/bibliographicInfo/x` }];
    out.push({ name: `requestConfirmation ERROR ${errorType}`, message: { kind: 'requestConfirmation', confirmationHeader: confirmationHeader(v, false), errorData } });
    out.push({ name: `supplyingAgencyMessageConfirmation ERROR ${errorType}`, message: { kind: 'supplyingAgencyMessageConfirmation', confirmationHeader: confirmationHeader(v, false), errorData } });
    out.push({ name: `requestingAgencyMessageConfirmation ERROR ${errorType}`, message: { kind: 'requestingAgencyMessageConfirmation', confirmationHeader: confirmationHeader(v, false), errorData } });
  }
  out.push({ name: 'requestConfirmation OK', message: { kind: 'requestConfirmation', confirmationHeader: confirmationHeader(v, true) } });
  if (v === '2021') {
    out.push({
      name: 'requestConfirmation ERROR, two errors',
      message: { kind: 'requestConfirmation', confirmationHeader: confirmationHeader(v, false), errorData: [{ errorType: 'UnrecognisedDataValue', errorValue: 'a' }, { errorType: 'UnrecognisedDataElement' }] },
    });
  }
  return out;
}
