import { describe, expect, it } from 'vitest';
import { checkConditions, emptyConditions, fieldOfServerPath, toOfferBody } from './conditions-draft';

describe('the lending desk’s offer of conditions', () => {
  it('asks for at least one term the API counts (retryBefore alone is none)', () => {
    expect(checkConditions(emptyConditions())).toEqual({ terms: 'deskConditions.problem.nothing' });
    expect(checkConditions({ ...emptyConditions(), retryBefore: '2027-01-01' }).terms).toBe('deskConditions.problem.nothing');
    expect(checkConditions({ ...emptyConditions(), loanConditions: ['LibraryUseOnly'] })).toEqual({});
    expect(checkConditions({ ...emptyConditions(), serviceType: 'copy' })).toEqual({});
    expect(checkConditions({ ...emptyConditions(), retryAfter: '2027-01-01' })).toEqual({});
  });

  it('refuses a negative or malformed amount and a currency that is not three capitals', () => {
    expect(checkConditions({ ...emptyConditions(), amount: '-1' }).amount).toBe('deskConditions.problem.amount');
    expect(checkConditions({ ...emptyConditions(), amount: '12.345' }).amount).toBe('deskConditions.problem.amount');
    expect(checkConditions({ ...emptyConditions(), amount: '12', currency: 'yuan' }).currency).toBe('deskConditions.problem.currency');
    expect(checkConditions({ ...emptyConditions(), amount: '12', currency: 'usd' })).toEqual({});
  });

  it('refuses a last day before the first', () => {
    expect(checkConditions({ ...emptyConditions(), retryAfter: '2027-01-10', retryBefore: '2027-01-09' }).retryBefore).toBe('deskConditions.problem.beforeAfter');
    expect(checkConditions({ ...emptyConditions(), retryAfter: '2027-01-10', retryBefore: '2027-01-10' })).toEqual({});
  });

  it('sends only what was given, the cost as a number and the currency in capitals', () => {
    const body = toOfferBody({ ...emptyConditions(), loanConditions: ['LibraryUseOnly'], amount: '45.50', currency: 'cny', retryAfter: '2027-01-02', note: ' Reading room ' });
    expect(body).toEqual({
      reasonRetry: 'LoanCondition',
      conditions: { loanConditions: ['LibraryUseOnly'], offeredCost: { amount: 45.5, currency: 'CNY' }, retryAfter: '2027-01-02' },
      note: 'Reading room',
    });
    expect(toOfferBody({ ...emptyConditions(), reasonRetry: '', edition: '2nd ed.' })).toEqual({ conditions: { edition: '2nd ed.' } });
  });

  it('places the server’s field problems at this form’s fields', () => {
    expect(fieldOfServerPath('body.conditions.offeredCost.amount')).toBe('amount');
    expect(fieldOfServerPath('conditions.offeredCost.currency')).toBe('currency');
    expect(fieldOfServerPath('conditions.retryBefore')).toBe('retryBefore');
    expect(fieldOfServerPath('note')).toBe('note');
    expect(fieldOfServerPath('reasonRetry')).toBeUndefined();
  });
});
