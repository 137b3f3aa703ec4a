import { describe, expect, it } from 'vitest';
import { summariseMessage } from './message-summary.js';

describe('a message’s status and reason for the desk', () => {
  it('reads a supplying agency message: its status, the reason for the message and why it is unfilled', () => {
    const xml = `<ISO18626Message xmlns="http://illtransactions.org/2013/iso18626"><supplyingAgencyMessage>
      <messageInfo><reasonForMessage>StatusChange</reasonForMessage><reasonUnfilled>NotOnShelf</reasonUnfilled></messageInfo>
      <statusInfo><status>Unfilled</status></statusInfo></supplyingAgencyMessage></ISO18626Message>`;
    expect(summariseMessage(xml)).toEqual({ status: 'Unfilled', reason: 'StatusChange · NotOnShelf' });
  });

  it('reads a requesting agency message’s action and a confirmation’s error, with namespace prefixes', () => {
    expect(summariseMessage('<i:RequestingAgencyMessage><i:Action>Received</i:Action></i:RequestingAgencyMessage>')).toEqual({ status: null, reason: 'Received' });
    expect(summariseMessage('<x:Confirmation><x:MessageStatus>ERROR</x:MessageStatus><x:ErrorData><x:ErrorType>UnrecognisedDataValue</x:ErrorType><x:ErrorValue>Bad &amp; wrong</x:ErrorValue></x:ErrorData></x:Confirmation>')).toEqual({
      status: 'ERROR',
      reason: 'Bad & wrong',
    });
  });

  it('has nothing to say of a plain request', () => {
    expect(summariseMessage('<ISO18626Message><Request><Header/></Request></ISO18626Message>')).toEqual({ status: null, reason: null });
  });
});
