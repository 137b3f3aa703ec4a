/**
 * The changed terms of a RetryPossible as they cross to a peer: written as retryInfo (2021) or in
 * messageInfo (1.2, what 2017 has room for), valid against the official XSD, and read back as the
 * same terms.
 */
import { describe, expect, it } from 'vitest';
import { parseMessage, writeMessage, type iso18626 } from '../../src/modules/ill/domain/index.js';
import { conditionsOf, retryInfoOf, supplyingMessage } from '../../src/modules/ill/iso-messages.js';
import type { SupplyRow } from '../../src/modules/ill/ill.store.js';
import { xsdErrors } from './peers-support.js';

const supply = { id: 7, requestId: 3, lendingLibrary: 'CN-LEND', borrowingLibrary: 'CN-BOR' } as SupplyRow;
const terms = { loanConditions: ['LibraryUseOnly', 'NoReproduction'], offeredCost: { amount: 45.5, currency: 'CNY' }, edition: '2nd ed.', retryAfter: '2099-01-10', retryBefore: '2099-02-01' };
const offer = (conditions?: typeof terms) =>
  supplyingMessage(supply, { type: 'send-supplying-agency-message', reasonForMessage: 'RequestResponse', status: 'RetryPossible', reasonRetry: 'CostExceedsMaxCost', ...(conditions ? { conditions } : {}) }, '2099-01-01T00:00:00Z');

describe('RetryPossible with its terms', () => {
  it('2021: every term as retryInfo, valid, and read back as the same terms', () => {
    const xml = writeMessage(offer(terms), '2021');
    expect(xsdErrors('2021', xml)).toEqual([]);
    const read = parseMessage(xml);
    if (!read.ok) throw new Error(read.errorValue);
    const m = read.message as iso18626.SupplyingAgencyMessage;
    expect(m.messageInfo.reasonRetry?.value).toBe('CostExceedsMaxCost');
    expect(conditionsOf(m.retryInfo)).toEqual({ ...terms, retryAfter: '2099-01-10T23:59:59+08:00', retryBefore: '2099-02-01T23:59:59+08:00' });
  });

  it('1.2: the cost and the dates in messageInfo (what 2017 has room for), valid', () => {
    const xml = writeMessage(offer(terms), '1.2');
    expect(xsdErrors('1.2', xml)).toEqual([]);
    expect(xml).toMatch(/<messageInfo>[\s\S]*<offeredCosts>[\s\S]*<retryAfter>2099-01-10T23:59:59\+08:00<\/retryAfter>[\s\S]*<\/messageInfo>/);
    const read = parseMessage(xml);
    if (!read.ok) throw new Error(read.errorValue);
    expect(conditionsOf((read.message as iso18626.SupplyingAgencyMessage).retryInfo)).toEqual({ offeredCost: terms.offeredCost, retryAfter: '2099-01-10T23:59:59+08:00', retryBefore: '2099-02-01T23:59:59+08:00' });
  });

  it('no terms: no retryInfo at all (an empty one would not be valid)', () => {
    expect(retryInfoOf(undefined)).toBeUndefined();
    expect(retryInfoOf({})).toBeUndefined();
    expect(offer().retryInfo).toBeUndefined();
    expect(xsdErrors('2021', writeMessage(offer(), '2021'))).toEqual([]);
  });
});
