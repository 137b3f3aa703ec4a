import { describe, expect, it } from 'vitest';
import { dayOf, offeredTermsOf } from './retry-offer';

const y2021 = `<?xml version="1.0" encoding="UTF-8"?>
<ill:ISO18626Message xmlns:ill="http://illtransactions.org/2013/iso18626" ill:version="1.2">
  <ill:supplyingAgencyMessage>
    <ill:header><ill:timestamp>2026-12-06T10:00:00Z</ill:timestamp></ill:header>
    <ill:messageInfo>
      <ill:reasonForMessage>RequestResponse</ill:reasonForMessage>
      <ill:reasonRetry>LoanCondition</ill:reasonRetry>
      <ill:note>Reading room only &amp; no copies</ill:note>
    </ill:messageInfo>
    <ill:statusInfo><ill:status>RetryPossible</ill:status></ill:statusInfo>
    <ill:retryInfo>
      <ill:loanCondition>LibraryUseOnly</ill:loanCondition>
      <ill:loanCondition scheme="x">NoReproduction</ill:loanCondition>
      <ill:edition>2nd ed.</ill:edition>
      <ill:serviceType>Loan</ill:serviceType>
      <ill:offeredCosts><ill:currencyCode scheme="urn:iso:std:iso:4217">CNY</ill:currencyCode><ill:monetaryValue>45.50</ill:monetaryValue></ill:offeredCosts>
      <ill:retryBefore>2026-12-20T23:59:59+08:00</ill:retryBefore>
      <ill:retryAfter>2026-12-07T23:59:59+08:00</ill:retryAfter>
    </ill:retryInfo>
  </ill:supplyingAgencyMessage>
</ill:ISO18626Message>`;

describe('the conditions read back from a RetryPossible message', () => {
  it('reads reason, loan conditions, cost, edition, service, dates and note', () => {
    expect(offeredTermsOf(y2021)).toEqual({
      reasonRetry: 'LoanCondition',
      loanConditions: ['LibraryUseOnly', 'NoReproduction'],
      offeredCost: { amount: 45.5, currency: 'CNY' },
      edition: '2nd ed.',
      serviceType: 'Loan',
      retryAfter: '2026-12-07T23:59:59+08:00',
      retryBefore: '2026-12-20T23:59:59+08:00',
      note: 'Reading room only & no copies',
    });
  });

  it('reads a 2017 message without a prefix, where the cost and dates sit in messageInfo', () => {
    const xml = '<ISO18626Message><supplyingAgencyMessage><messageInfo><ReasonRetry>CostExceedsMaxCost</ReasonRetry><offeredCosts><currencyCode>USD</currencyCode><monetaryValue>12</monetaryValue></offeredCosts><retryAfter>2027-01-02</retryAfter></messageInfo></supplyingAgencyMessage></ISO18626Message>';
    expect(offeredTermsOf(xml)).toEqual({ reasonRetry: 'CostExceedsMaxCost', offeredCost: { amount: 12, currency: 'USD' }, retryAfter: '2027-01-02' });
  });

  it('answers nothing for a message without terms', () => {
    expect(offeredTermsOf('<ISO18626Message><supplyingAgencyMessage/></ISO18626Message>')).toEqual({});
  });

  it('shows the day as the lender typed it', () => {
    expect(dayOf('2026-12-07T23:59:59+08:00')).toBe('2026-12-07');
    expect(dayOf('2026-12-07')).toBe('2026-12-07');
  });
});
