import { describe, expect, it } from 'vitest';
import { parseMessage, unrepresentable, writeMessage } from './codec.js';
import { ISO18626_VERSIONS } from './codes.js';
import { Iso18626WriteError } from './encode.js';
import { exampleMessages, fullRequest, fullSupplyingAgencyMessage } from './examples.js';
import type { Iso18626Message, SupplyingAgencyMessage } from './types.js';

const NS = 'http://illtransactions.org/2013/iso18626';

const ok = (xml: string | Uint8Array): { message: Iso18626Message; version: string } => {
  const r = parseMessage(xml);
  if (!r.ok) throw new Error(`expected ok, got ${r.errorType}: ${r.errorValue}`);
  return r;
};

describe('writeMessage → parseMessage', () => {
  for (const version of ISO18626_VERSIONS) {
    for (const { name, message } of exampleMessages(version)) {
      it(`${version}: ${name} comes back equal`, () => {
        expect(unrepresentable(message, version)).toEqual([]);
        const back = ok(writeMessage(message, version));
        expect(back.version).toBe(version);
        expect(back.message).toEqual(message);
      });
    }
  }

  it('writes the version attribute and the namespace-qualified scheme the XSD asks for', () => {
    const xml = writeMessage(fullRequest('2021'), '2021');
    expect(xml).toContain(`<ISO18626Message xmlns="${NS}" xmlns:ill="${NS}" ill:version="2021">`);
    expect(xml).toMatch(/<bibliographicItemIdentifierCode ill:scheme="[^"]+">DOI<\/bibliographicItemIdentifierCode>/);
    // 2021: identifier code before identifier; 2017: the other way round.
    expect(xml.indexOf('<bibliographicItemIdentifierCode>ISBN')).toBeLessThan(xml.indexOf('<bibliographicItemIdentifier>9787020002207'));
    const old = writeMessage(fullRequest('1.2'), '1.2');
    expect(old.indexOf('<bibliographicItemIdentifier>9787020002207')).toBeLessThan(old.indexOf('<bibliographicItemIdentifierCode>ISBN'));
  });

  it('keeps characters that need escaping, including carriage returns', () => {
    const message = fullRequest('2021');
    message.serviceInfo!.note = 'a & b < c > d " e \' f\r\ng\th 中文 😀';
    expect(ok(writeMessage(message, '2021')).message).toEqual(message);
  });

  it('drops characters XML cannot carry instead of writing a broken message', () => {
    const message = fullRequest('1.2');
    message.serviceInfo!.note = 'bell\u0007 here';
    const back = ok(writeMessage(message, '1.2')).message as typeof message;
    expect(back.serviceInfo!.note).toBe('bell here');
  });
});

describe('2017 and 2021 differences', () => {
  it('reads 2017 sentVia, deliveredFormat, preferredFormat and messageInfo retry terms into the 2021 places', () => {
    const m = ok(writeMessage(fullSupplyingAgencyMessage('1.2'), '1.2')).message as SupplyingAgencyMessage;
    expect(m.deliveryInfo!.deliveryMethod).toEqual({ value: 'Mail' });
    expect(m.deliveryInfo!.itemFormat).toEqual({ value: 'Printed' });
    expect(m.retryInfo).toEqual({ offeredCosts: [{ currencyCode: { value: 'CNY', scheme: 'urn:iso:std:iso:4217' }, monetaryValue: '45.50' }], retryBefore: '2026-12-20T00:00:00Z', retryAfter: '2026-12-07T00:00:00Z' });
    expect(m.messageInfo).not.toHaveProperty('offeredCosts');
    const xml2021 = writeMessage(m, '2021');
    expect(xml2021).toContain('<deliveryMethod>Mail</deliveryMethod>');
    expect(xml2021).toContain('<retryInfo>');
    expect(writeMessage(m, '1.2')).toContain('<sentVia>Mail</sentVia>');
  });

  it('lists what a 2021 message loses when written as 2017, and leaves it out', () => {
    const m = fullSupplyingAgencyMessage('2021');
    const lost = unrepresentable(m, '1.2');
    expect(lost).toEqual(expect.arrayContaining([
      'supplyingAgencyMessage/shippingInfo',
      'supplyingAgencyMessage/retryInfo/loanCondition',
      'supplyingAgencyMessage/retryInfo/offeredCosts[2]',
      'supplyingAgencyMessage/deliveryInfo/itemId[2]',
      'supplyingAgencyMessage/deliveryInfo/URL',
    ]));
    const back = ok(writeMessage(m, '1.2')).message as SupplyingAgencyMessage;
    expect(back.deliveryInfo!.itemId).toEqual(['31100001234567']);
    expect(back.retryInfo!.offeredCosts).toHaveLength(1);
    expect(back).not.toHaveProperty('shippingInfo');
  });

  it('drops the region scheme in 2021, where region is a plain string', () => {
    const m = fullSupplyingAgencyMessage('1.2');
    expect(unrepresentable(m, '2021')).toContain('supplyingAgencyMessage/returnInfo/physicalAddress/region/@scheme');
  });

  it('refuses to write what would be invalid: a 2021 status or action in 2017, a missing required element, a bad date', () => {
    const sam = { ...fullSupplyingAgencyMessage('1.2'), statusInfo: { status: 'HoldReturn' as const, lastChange: '2026-12-06T00:00:00Z' } };
    expect(() => writeMessage(sam, '1.2')).toThrow(Iso18626WriteError);
    expect(() => writeMessage(sam, '1.2')).toThrow(/statusInfo\/status: "HoldReturn" is not one of/);
    expect(writeMessage(sam, '2021')).toContain('<status>HoldReturn</status>');
    const { supplyingAgencyId: _s, ...header } = fullRequest('1.2').header;
    expect(() => writeMessage({ ...fullRequest('1.2'), header }, '1.2')).toThrow(/request\/header\/supplyingAgencyId: is required in ISO 18626 version 1.2/);
    expect(() => writeMessage({ ...fullRequest('2021'), serviceInfo: undefined }, '2021')).toThrow(/serviceInfo: is required/);
    const badDate = fullRequest('2021');
    badDate.header.timestamp = '2026-02-30T00:00:00Z';
    expect(() => writeMessage(badDate, '2021')).toThrow(/header\/timestamp: "2026-02-30T00:00:00Z" is not an xs:dateTime/);
  });

  it('writes an empty multipleItemRequestId in a 2017 header that has none (the 2017 XSD requires the element)', () => {
    const { multipleItemRequestId: _m, ...header } = fullRequest('1.2').header;
    expect(writeMessage({ ...fullRequest('1.2'), header }, '1.2')).toContain('<multipleItemRequestId/>');
  });
});

const wrap = (inner: string, version = '1.2'): string => `<?xml version="1.0"?><ISO18626Message xmlns="${NS}" version="${version}">${inner}</ISO18626Message>`;
const ram = (action: string, extra = ''): string => wrap(`<requestingAgencyMessage><header>
  <supplyingAgencyId><agencyIdType>ISIL</agencyIdType><agencyIdValue>CN-1</agencyIdValue></supplyingAgencyId>
  <requestingAgencyId><agencyIdType>CALIS</agencyIdType><agencyIdValue>211010</agencyIdValue></requestingAgencyId>
  <multipleItemRequestId/><timestamp>2026-12-06T10:00:00+0800</timestamp><requestingAgencyRequestId>R-1</requestingAgencyRequestId>
  </header><action>${action}</action>${extra}</requestingAgencyMessage>`);

describe('parseMessage on bad input', () => {
  const err = (xml: string | Uint8Array): { errorType: string; errorValue: string } => {
    const r = parseMessage(xml);
    if (r.ok) throw new Error('expected an error');
    return r;
  };

  it('reads a good message (and normalises a +0800 offset)', () => {
    const m = ok(ram('Renew')).message;
    expect(m).toMatchObject({ kind: 'requestingAgencyMessage', action: 'Renew', header: { timestamp: '2026-12-06T10:00:00+08:00' } });
  });

  it('unknown element → UnrecognisedDataElement with its path', () => {
    expect(err(ram('Renew', '<colour>red</colour>'))).toEqual(expect.objectContaining({ errorType: 'UnrecognisedDataElement', errorValue: 'requestingAgencyMessage/colour' }));
  });

  it('a 2021 element in a 1.2 message → UnrecognisedDataElement', () => {
    const xml = writeMessage(fullSupplyingAgencyMessage('2021'), '2021').replace('ill:version="2021"', 'ill:version="1.2"');
    expect(err(xml)).toMatchObject({ errorType: 'UnrecognisedDataElement', errorValue: 'supplyingAgencyMessage/retryInfo' });
  });

  it('an element in another namespace → UnrecognisedDataElement', () => {
    expect(err(ram('Renew', '<x:note xmlns:x="urn:other">hi</x:note>'))).toMatchObject({ errorType: 'UnrecognisedDataElement', errorValue: 'requestingAgencyMessage/{urn:other}note' });
  });

  it('an unknown attribute → UnrecognisedDataElement', () => {
    expect(err(ram('Renew').replace('<action>', '<action foo="1">'))).toMatchObject({ errorType: 'UnrecognisedDataElement', errorValue: 'requestingAgencyMessage/action/@foo' });
  });

  it('wrong namespace or none → UnrecognisedDataElement naming the root', () => {
    expect(err(ram('Renew').replace(NS, 'http://illtransactions.org/2013/iso18626-wrong'))).toMatchObject({ errorType: 'UnrecognisedDataElement', errorValue: '{http://illtransactions.org/2013/iso18626-wrong}ISO18626Message' });
    expect(err(ram('Renew').replace(` xmlns="${NS}"`, ''))).toMatchObject({ errorType: 'UnrecognisedDataElement', errorValue: expect.stringMatching(/^ISO18626Message \(in no namespace/) });
    expect(err('<html><body>502 Bad Gateway</body></html>')).toMatchObject({ errorType: 'UnrecognisedDataElement' });
  });

  it('an action outside the version → UnsupportedActionType with the action as errorValue', () => {
    expect(err(ram('Lost'))).toEqual(expect.objectContaining({ errorType: 'UnsupportedActionType', errorValue: 'Lost' }));
    expect(err(ram('Borrow'))).toEqual(expect.objectContaining({ errorType: 'UnsupportedActionType', errorValue: 'Borrow' }));
    const r = ok(ram('Lost').replace('version="1.2"', 'version="2021"').replace('<multipleItemRequestId/>', ''));
    expect(r).toMatchObject({ version: '2021', message: { action: 'Lost' } });
  });

  it('a reasonForMessage outside the list → UnsupportedReasonForMessageType', () => {
    const xml = writeMessage(exampleMessages('2021').find((e) => e.name.startsWith('supplyingAgencyMessage Loaned'))!.message, '2021');
    const bad = xml.replace(/<reasonForMessage>\w+<\/reasonForMessage>/, '<reasonForMessage>Gossip</reasonForMessage>');
    expect(err(bad)).toMatchObject({ errorType: 'UnsupportedReasonForMessageType', errorValue: 'Gossip' });
  });

  it('a bad value of a closed list, a date or a number → UnrecognisedDataValue with path and value', () => {
    const xml = writeMessage(fullSupplyingAgencyMessage('2021'), '2021');
    expect(err(xml.replace('<status>WillSupply</status>', '<status>Shipped</status>'))).toMatchObject({ errorType: 'UnrecognisedDataValue', errorValue: 'supplyingAgencyMessage/statusInfo/status: "Shipped"' });
    expect(err(xml.replace(/<dueDate>[^<]+<\/dueDate>/, '<dueDate>next week</dueDate>'))).toMatchObject({ errorType: 'UnrecognisedDataValue', errorValue: 'supplyingAgencyMessage/statusInfo/dueDate: "next week"' });
    expect(err(xml.replace('<monetaryValue>10</monetaryValue>', '<monetaryValue>ten</monetaryValue>'))).toMatchObject({ errorType: 'UnrecognisedDataValue' });
    expect(err(xml.replace('<sentToPatron>false</sentToPatron>', '<sentToPatron>no</sentToPatron>'))).toMatchObject({ errorType: 'UnrecognisedDataValue' });
    expect(err(ram('Renew').replace('version="1.2"', 'version="9.9"'))).toMatchObject({ errorType: 'UnrecognisedDataValue', errorValue: expect.stringContaining('"9.9"') });
  });

  it('a missing required element or a repeated one → BadlyFormedMessage', () => {
    expect(err(ram('Renew').replace(/<requestingAgencyRequestId>R-1<\/requestingAgencyRequestId>/, ''))).toMatchObject({ errorType: 'BadlyFormedMessage', errorValue: 'requestingAgencyMessage/header/requestingAgencyRequestId is missing' });
    expect(err(ram('Renew', '<note>a</note><note>b</note>'))).toMatchObject({ errorType: 'BadlyFormedMessage', errorValue: expect.stringContaining('note occurs 2 times') });
    expect(err(wrap(''))).toMatchObject({ errorType: 'BadlyFormedMessage' });
    expect(err(ram('Renew').replace(' version="1.2"', ''))).toMatchObject({ errorType: 'BadlyFormedMessage', errorValue: 'ISO18626Message/@version is missing' });
  });

  it('not XML, not UTF-8, empty or too big → BadlyFormedMessage', () => {
    expect(err('hello')).toMatchObject({ errorType: 'BadlyFormedMessage' });
    expect(err(ram('Renew').slice(0, 200))).toMatchObject({ errorType: 'BadlyFormedMessage', errorValue: expect.stringContaining('not well-formed') });
    expect(err('')).toMatchObject({ errorType: 'BadlyFormedMessage', errorValue: 'the message is empty' });
    expect(err(Buffer.from([0x3c, 0x61, 0xff, 0xfe, 0x3e]))).toMatchObject({ errorType: 'BadlyFormedMessage', errorValue: expect.stringContaining('UTF-8') });
    const big = ram('Renew', `<note>${'x'.repeat(1024 * 1024)}</note>`);
    expect(err(big)).toMatchObject({ errorType: 'BadlyFormedMessage', errorValue: expect.stringContaining('more than the limit') });
    expect(parseMessage(ram('Renew'), { limits: { maxBytes: 100 } })).toMatchObject({ ok: false, errorType: 'BadlyFormedMessage' });
    expect(err(`<a>${'<b>'.repeat(100)}</a>`)).toMatchObject({ errorType: 'BadlyFormedMessage', errorValue: expect.stringContaining('nested deeper') });
    expect(err(ram('Renew', '<note/>'.repeat(20_001)))).toMatchObject({ errorType: 'BadlyFormedMessage', errorValue: 'the message has more than 20000 elements' });
  });

  it('reads UTF-16 with a byte order mark, and the GB18030 or ISO-8859-1 an XML declaration names', () => {
    const text = ram('Renew', '<note>请尽快 — café</note>');
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    expect(ok(utf16).message).toMatchObject({ note: '请尽快 — café' });
    // 请尽快 café in GB18030 (Node has no GB18030 encoder, so the bytes are spelt out).
    const [before, after] = ram('Renew', '<note>NOTE</note>').replace('<?xml version="1.0"?>', '<?xml version="1.0" encoding="GB18030"?>').split('NOTE');
    const gb = Buffer.concat([Buffer.from(before!), Buffer.from([0xc7, 0xeb, 0xbe, 0xa1, 0xbf, 0xec, 0x20, 0x63, 0x61, 0x66, 0xa8, 0xa6]), Buffer.from(after!)]);
    expect(ok(gb).message).toMatchObject({ note: '请尽快 café' });
    const latin1 = Buffer.from(ram('Renew', '<note>café</note>').replace('<?xml version="1.0"?>', '<?xml version="1.0" encoding="ISO-8859-1"?>'), 'latin1');
    expect(ok(latin1).message).toMatchObject({ note: 'café' });
    expect(err(Buffer.from('<?xml version="1.0" encoding="EBCDIC-XYZ"?><a/>'))).toMatchObject({ errorType: 'BadlyFormedMessage', errorValue: 'encoding EBCDIC-XYZ is not supported; send UTF-8' });
  });

  it('a DOCTYPE, entity expansion or external entity → BadlyFormedMessage, nothing fetched or expanded', () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>${ram('Renew', '<note>&xxe;</note>').replace('<?xml version="1.0"?>', '')}`;
    expect(err(xxe)).toMatchObject({ errorType: 'BadlyFormedMessage', errorValue: expect.stringContaining('DOCTYPE') });
    const lol = `<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><lolz>&lol2;</lolz>`;
    expect(err(lol)).toMatchObject({ errorType: 'BadlyFormedMessage', errorValue: expect.stringContaining('DOCTYPE') });
    expect(err(ram('Renew', '<note>&xxe;</note>'))).toMatchObject({ errorType: 'BadlyFormedMessage', errorValue: expect.stringContaining('not well-formed') });
  });

  it('a failed message still tells its type, version and the header ids it had (for the confirmation)', () => {
    expect(parseMessage(ram('Lost'))).toEqual({
      ok: false, errorType: 'UnsupportedActionType', errorValue: 'Lost', kind: 'requestingAgencyMessage', version: '1.2',
      partialHeader: {
        supplyingAgencyId: { agencyIdType: { value: 'ISIL' }, agencyIdValue: 'CN-1' }, requestingAgencyId: { agencyIdType: { value: 'CALIS' }, agencyIdValue: '211010' },
        requestingAgencyRequestId: 'R-1', timestamp: '2026-12-06T10:00:00+0800',
      },
    });
  });
});

describe('tolerances for what real peers send', () => {
  it('reads the scheme attribute with or without prefix, and an unprefixed version', () => {
    const xml = ram('Renew').replace('<agencyIdType>ISIL</agencyIdType>', '<agencyIdType scheme="urn:x">ISIL</agencyIdType>');
    const m = ok(xml).message as { header: { supplyingAgencyId: unknown } };
    expect(m.header.supplyingAgencyId).toEqual({ agencyIdType: { value: 'ISIL', scheme: 'urn:x' }, agencyIdValue: 'CN-1' });
    const empty = ok(ram('Renew').replace('<agencyIdType>ISIL</agencyIdType>', '<agencyIdType scheme="">ISIL</agencyIdType>')).message as { header: { supplyingAgencyId: unknown } };
    expect(empty.header.supplyingAgencyId).toEqual({ agencyIdType: { value: 'ISIL' }, agencyIdValue: 'CN-1' });
  });

  it('reads empty optional elements as absent', () => {
    const m = ok(ram('Renew', '<note></note>')).message;
    expect(m).not.toHaveProperty('note');
  });

  it('reads a bare message element (valid against the XSDs) as 2017, else 2021', () => {
    const bare = (inner: string): string => `<requestingAgencyMessage xmlns="${NS}"><header>
      <supplyingAgencyId><agencyIdType>ISIL</agencyIdType><agencyIdValue>CN-1</agencyIdValue></supplyingAgencyId>
      <requestingAgencyId><agencyIdType>ISIL</agencyIdType><agencyIdValue>CN-2</agencyIdValue></requestingAgencyId>
      <timestamp>2026-12-06T10:00:00Z</timestamp><requestingAgencyRequestId>R</requestingAgencyRequestId></header>${inner}</requestingAgencyMessage>`;
    expect(ok(bare('<action>Renew</action>')).version).toBe('1.2');
    expect(ok(bare('<action>HoldReturn</action>')).version).toBe('2021');
  });

  it('reads versions 1.0 and 1.1 with the 2017 schema', () => {
    expect(ok(ram('Renew').replace('version="1.2"', 'version="1.1"').replace('<multipleItemRequestId/>', ''))).toMatchObject({ version: '1.2', declaredVersion: '1.1' });
  });
});
