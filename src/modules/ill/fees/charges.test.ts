import { describe, expect, it } from 'vitest';
import { chargeFor, pageCount, statementOf, type ChargeInput } from './charges.js';

const policy = { currency: 'CNY', loan: 20, copyPerPage: 0.5, copyMinimum: 5 };
const base: ChargeInput = { service: 'loan', pages: null, policyFees: policy, agreements: [], budgetLeft: null };

describe('chargeFor', () => {
  it('without an agreement the lender’s policy is the fee, and nobody subsidises it', () => {
    expect(chargeFor(base)).toEqual({ currency: 'CNY', fee: 20, subsidy: 0, borrowerPays: 20, basis: 'policy', agreement: null, subsidyRate: 0, subsidyCapped: null });
    expect(chargeFor({ ...base, service: 'copy', pages: '12-25' })).toMatchObject({ fee: 7, borrowerPays: 7 });
    expect(chargeFor({ ...base, service: 'copy', pages: '3' })).toMatchObject({ fee: 5 }); // the minimum
    expect(chargeFor({ ...base, policyFees: undefined })).toMatchObject({ fee: 0, basis: 'free' });
  });

  it('fees waived by an agreement: nothing to pay, whatever the policy says', () => {
    const c = chargeFor({ ...base, agreements: [{ code: 'JALIS-NSTL', feesWaived: true, subsidyRate: 0.5 }] });
    expect(c).toMatchObject({ fee: 0, subsidy: 0, borrowerPays: 0, basis: 'fees-waived', agreement: 'JALIS-NSTL' });
  });

  it('an agreement’s own fees and subsidy rate: the alliance pays its share', () => {
    const c = chargeFor({ ...base, agreements: [{ code: 'CALIS-2026', feesWaived: false, fees: { currency: 'CNY', loan: 30 }, subsidyRate: 0.4 }] });
    expect(c).toMatchObject({ fee: 30, subsidy: 12, borrowerPays: 18, basis: 'agreement', agreement: 'CALIS-2026', subsidyRate: 0.4 });
    // An agreement without fees of its own keeps the lender's.
    expect(chargeFor({ ...base, agreements: [{ code: 'A', feesWaived: false, subsidyRate: 0.5 }] })).toMatchObject({ fee: 20, subsidy: 10, borrowerPays: 10 });
  });

  it('several agreements: the cheapest for the borrower', () => {
    const c = chargeFor({
      ...base,
      agreements: [{ code: 'B', feesWaived: false, fees: { currency: 'CNY', loan: 10 } }, { code: 'A', feesWaived: false, fees: { currency: 'CNY', loan: 30 }, subsidyRate: 0.9 }],
    });
    expect(c).toMatchObject({ agreement: 'A', borrowerPays: 3 });
  });

  it('the member’s yearly budget caps the subsidy: spent part-way through a charge, then nothing', () => {
    const agreements = [{ code: 'CALIS', feesWaived: false, subsidyRate: 0.5 }];
    expect(chargeFor({ ...base, agreements, budgetLeft: { amount: 100, currency: 'CNY' } })).toMatchObject({ subsidy: 10, borrowerPays: 10, subsidyCapped: null });
    expect(chargeFor({ ...base, agreements, budgetLeft: { amount: 4, currency: 'CNY' } })).toMatchObject({ subsidy: 4, borrowerPays: 16, subsidyCapped: 'budget-spent' });
    expect(chargeFor({ ...base, agreements, budgetLeft: { amount: 0, currency: 'CNY' } })).toMatchObject({ subsidy: 0, borrowerPays: 20, subsidyCapped: 'budget-spent' });
    expect(chargeFor({ ...base, agreements, budgetLeft: { amount: 100, currency: 'USD' } })).toMatchObject({ subsidy: 0, borrowerPays: 20, subsidyCapped: 'budget-currency' });
  });

  it('reads the pages of a copy', () => {
    expect([pageCount('12-25'), pageCount('7'), pageCount('3-5, 9'), pageCount('xii-xv'), pageCount(null), pageCount('9-3')]).toEqual([14, 1, 4, 10, 10, 10]);
  });
});

describe('statementOf', () => {
  it('what a library owes, is owed, the subsidies it received, and the net, per currency', () => {
    const entries = [
      { borrower: 'CN-BOR', lender: 'CN-LEND', currency: 'CNY', fee: 20, subsidy: 10, borrowerPays: 10 },
      { borrower: 'CN-BOR', lender: 'CN-LEND', currency: 'CNY', fee: 20, subsidy: 4, borrowerPays: 16 },
      { borrower: 'CN-LEND', lender: 'CN-BOR', currency: 'CNY', fee: 7, subsidy: 0, borrowerPays: 7 },
      { borrower: 'CN-X', lender: 'CN-Y', currency: 'CNY', fee: 99, subsidy: 0, borrowerPays: 99 },
    ];
    expect(statementOf('CN-BOR', entries)).toEqual([{ currency: 'CNY', owes: 26, owed: 7, subsidiesReceived: 14, subsidiesOwed: 0, net: -19, transactions: 3 }]);
    expect(statementOf('CN-LEND', entries)).toEqual([{ currency: 'CNY', owes: 7, owed: 26, subsidiesReceived: 0, subsidiesOwed: 14, net: 33, transactions: 3 }]);
    expect(statementOf('CN-NONE', entries)).toEqual([]);
  });
});
