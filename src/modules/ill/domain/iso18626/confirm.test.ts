import { describe, expect, it } from 'vitest';
import { parseMessage, writeMessage } from './codec.js';
import { confirmationFor, confirmationForFailure, refuse } from './confirm.js';
import { exampleMessages, fullRequest, fullSupplyingAgencyMessage } from './examples.js';
import type { RequestingAgencyMessage } from './types.js';

const NOW = '2026-12-06T10:00:00Z';

describe('confirmationFor', () => {
  it('confirms a request OK, repeating its ids; timestampReceived is the request’s own timestamp', () => {
    const request = fullRequest('1.2');
    expect(confirmationFor(request, { ok: true }, NOW)).toEqual({
      kind: 'requestConfirmation',
      confirmationHeader: {
        supplyingAgencyId: request.header.supplyingAgencyId,
        requestingAgencyId: request.header.requestingAgencyId,
        timestamp: NOW,
        requestingAgencyRequestId: 'R-2026-000123',
        multipleItemRequestId: 'M-1',
        timestampReceived: request.header.timestamp,
        messageStatus: 'OK',
      },
    });
  });

  it('answers a supplyingAgencyMessage with its reasonForMessage, and ERROR with the errors', () => {
    const c = confirmationFor(fullSupplyingAgencyMessage('2021'), refuse('UnrecognisedDataValue', 'supplyingAgencyMessage/statusInfo/status: "Shipped"'), NOW);
    expect(c).toMatchObject({
      kind: 'supplyingAgencyMessageConfirmation',
      reasonForMessage: 'RequestResponse',
      confirmationHeader: { messageStatus: 'ERROR' },
      errorData: [{ errorType: 'UnrecognisedDataValue', errorValue: 'supplyingAgencyMessage/statusInfo/status: "Shipped"' }],
    });
  });

  it('answers a requestingAgencyMessage with its action', () => {
    const renew = exampleMessages('2021').find((e) => e.name === 'requestingAgencyMessage Renew')!.message as RequestingAgencyMessage;
    const c = confirmationFor(renew, refuse('UnsupportedActionType', 'Renew'), NOW);
    expect(c).toMatchObject({ kind: 'requestingAgencyMessageConfirmation', action: 'Renew', confirmationHeader: { messageStatus: 'ERROR' }, errorData: [{ errorType: 'UnsupportedActionType', errorValue: 'Renew' }] });
    // …which reads back as what was built.
    expect(parseMessage(writeMessage(c, '2021'))).toMatchObject({ ok: true, message: c });
  });

  it('2017 carries one errorData: the first is sent, the others are reported as left out', () => {
    const c = confirmationFor(fullRequest('1.2'), { ok: false, errors: [{ errorType: 'BadlyFormedMessage', errorValue: 'a' }, { errorType: 'UnrecognisedDataElement', errorValue: 'b' }] }, NOW);
    const back = parseMessage(writeMessage(c, '1.2'));
    expect(back).toMatchObject({ ok: true, message: { errorData: [{ errorType: 'BadlyFormedMessage', errorValue: 'a' }] } });
  });
});

describe('confirmationForFailure', () => {
  it('answers a message that could not be read with the confirmation of its type, naming what could be read', () => {
    const xml = writeMessage(exampleMessages('1.2').find((e) => e.name === 'requestingAgencyMessage Renew')!.message, '1.2').replace('<action>Renew</action>', '<action>Lost</action>');
    const failure = parseMessage(xml);
    if (failure.ok) throw new Error('expected a failure');
    const c = confirmationForFailure(failure, NOW)!;
    expect(c).toMatchObject({
      kind: 'requestingAgencyMessageConfirmation',
      confirmationHeader: {
        supplyingAgencyId: { agencyIdType: { value: 'ISIL' }, agencyIdValue: 'CN-110000-1' },
        requestingAgencyId: { agencyIdType: { value: 'CALIS' }, agencyIdValue: '211010' },
        requestingAgencyRequestId: 'R-2026-000123',
        timestamp: NOW,
        timestampReceived: '2026-12-06T09:30:00.123+08:00',
        messageStatus: 'ERROR',
      },
      errorData: [{ errorType: 'UnsupportedActionType', errorValue: 'Lost' }],
    });
    expect(c).not.toHaveProperty('action'); // the action it named is not one we know
  });

  it('answers what is not even XML with a requestConfirmation, BadlyFormedMessage', () => {
    const failure = parseMessage('<<<');
    if (failure.ok) throw new Error('expected a failure');
    expect(confirmationForFailure(failure, NOW)).toMatchObject({
      kind: 'requestConfirmation', confirmationHeader: { timestamp: NOW, timestampReceived: NOW, messageStatus: 'ERROR' }, errorData: [{ errorType: 'BadlyFormedMessage' }],
    });
  });

  it('does not answer a broken confirmation', () => {
    const xml = writeMessage(exampleMessages('2021').find((e) => e.name === 'requestConfirmation OK')!.message, '2021').replace('<messageStatus>OK', '<messageStatus>FINE');
    const failure = parseMessage(xml);
    if (failure.ok) throw new Error('expected a failure');
    expect(failure.kind).toBe('requestConfirmation');
    expect(confirmationForFailure(failure, NOW)).toBeUndefined();
  });
});
