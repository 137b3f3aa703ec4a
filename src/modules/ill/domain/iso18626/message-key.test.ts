import { describe, expect, it } from 'vitest';
import { parseMessage, writeMessage } from './codec.js';
import { exampleMessages } from './examples.js';
import { messageKey, messageKeyParts } from './message-key.js';
import type { Iso18626Message, SupplyingAgencyMessage } from './types.js';

const sam = exampleMessages('2021').find((e) => e.name.startsWith('supplyingAgencyMessage Loaned'))!.message as SupplyingAgencyMessage;
const read = (xml: string): Iso18626Message => {
  const r = parseMessage(xml);
  if (!r.ok) throw new Error(r.errorValue);
  return r.message;
};

describe('messageKey', () => {
  it('is the same for a resend written differently (prefixes, offset without colon, other version)', () => {
    const xml = writeMessage(sam, '2021');
    const prefixed = xml
      .replace(/<(\/?)(?!\?|ISO18626Message)([a-zA-Z]+)/g, '<$1i:$2')
      .replace('<ISO18626Message ', '<ISO18626Message xmlns:i="http://illtransactions.org/2013/iso18626" ')
      .replace('<i:timestamp>2026-12-06T09:30:00.123+08:00', '<i:timestamp>2026-12-06T01:30:00.123+0000');
    expect(prefixed).toContain('<i:supplyingAgencyMessage>');
    expect(messageKey(read(prefixed))).toBe(messageKey(sam));
    expect(messageKey(read(writeMessage(sam, '1.2')))).toBe(messageKey(sam));
  });

  it('differs for another status, another timestamp, another note, another request, the other direction', () => {
    const key = messageKey(sam);
    expect(messageKey({ ...sam, statusInfo: { ...sam.statusInfo, status: 'Overdue' } })).not.toBe(key);
    expect(messageKey({ ...sam, header: { ...sam.header, timestamp: '2026-12-06T09:30:00.124+08:00' } })).not.toBe(key);
    expect(messageKey({ ...sam, messageInfo: { ...sam.messageInfo, note: 'second note' } })).not.toBe(key);
    expect(messageKey({ ...sam, header: { ...sam.header, requestingAgencyRequestId: 'R-2' } })).not.toBe(key);
    const swapped = { ...sam, header: { ...sam.header, supplyingAgencyId: sam.header.requestingAgencyId, requestingAgencyId: sam.header.supplyingAgencyId } };
    expect(messageKey(swapped)).not.toBe(key);
  });

  it('names sender and receiver by symbol, by direction of the message', () => {
    expect(messageKeyParts(sam)).toMatchObject({ kind: 'supplyingAgencyMessage', sender: 'CN-110000-1', receiver: 'CALIS:211010', what: `${sam.messageInfo.reasonForMessage}/Loaned` });
    const ram = exampleMessages('2021').find((e) => e.name === 'requestingAgencyMessage Renew')!.message;
    expect(messageKeyParts(ram)).toMatchObject({ sender: 'CALIS:211010', receiver: 'CN-110000-1', what: 'Renew' });
  });

  it('tells apart every status and every action sent about one request', () => {
    const examples = exampleMessages('2021');
    const statuses = examples.filter((e) => /^supplyingAgencyMessage [A-Z]\w+ \(/.test(e.name)).map((e) => messageKey(e.message));
    const actions = examples.filter((e) => e.name.startsWith('requestingAgencyMessage ')).map((e) => messageKey(e.message));
    expect(statuses).toHaveLength(14);
    expect(new Set(statuses).size).toBe(14);
    expect(new Set(actions).size).toBe(9);
    expect([...statuses, ...actions].every((k) => /^iso18626:[0-9a-f]{64}$/.test(k))).toBe(true);
  });
});
