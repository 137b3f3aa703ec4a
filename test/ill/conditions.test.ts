/**
 * Conditions inside one deployment, through the REST API: the lending desk offers changed terms,
 * the message carries them as retryInfo (valid against the 2021 XSD), the borrowing desk sees the
 * reason and the retry date on the request, and accepting sends the Retry. A refused step changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aLibrary, loadDirectory } from '../network/factories.js';
import { anAccount, type TestAccount } from '../support/accounts.js';
import { testApp, type TestApp } from '../support/app.js';
import { holdBook, xsdErrors } from './peers-support.js';

describe('interlibrary loan: a lender’s conditions inside one deployment', () => {
  let t: TestApp;
  let clusterId: number;
  let staff: Record<'borrow' | 'lend', TestAccount>;

  const call = (method: 'GET' | 'POST', url: string, who: TestAccount, payload?: object) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers: { ...who.headers, 'accept-language': 'en' }, ...(payload ? { payload } : {}) });
  const ok = async (method: 'GET' | 'POST', url: string, who: TestAccount, payload?: object) => {
    const res = await call(method, url, who, payload);
    if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.json();
  };

  beforeAll(async () => {
    t = await testApp();
    const policy = { lendsReturnables: true, suppliesCopies: true, loanPeriodDays: 28, renewals: 1 };
    await loadDirectory(t, { libraries: [aLibrary({ symbol: 'CN-BOR', lendingPolicy: policy }), aLibrary({ symbol: 'CN-LEND', lendingPolicy: policy })] });
    clusterId = await holdBook(t, 'CN-LEND', { id: 'red', title: 'Dream of the red chamber', isbn: '9787020002207' }, 'C-1');
    staff = {
      borrow: await anAccount(t, { role: 'library-staff', library: 'CN-BOR', permissions: ['borrowing'] }),
      lend: await anAccount(t, { role: 'library-staff', library: 'CN-LEND', permissions: ['lending'] }),
    };
  }, 120_000);
  afterAll(async () => t?.close());

  it('offered, seen with reason and retry date, accepted: the Retry reaches the lender', async () => {
    const reader = await anAccount(t, { role: 'reader', library: 'CN-BOR' });
    const placed = await ok('POST', '/ill/requests', reader, { service: 'loan', clusterId });
    expect(placed).toMatchObject({ state: 'sent', lender: 'CN-LEND', offeredConditions: null });
    const terms = { loanConditions: ['LibraryUseOnly'], offeredCost: { amount: 12, currency: 'CNY' }, retryAfter: '2099-01-10' };
    // A bad cost is refused with the field named; nothing changes.
    const bad = await call('POST', `/ill/supplier/${placed.lendingRequestId}/actions/offer-conditions`, staff.lend, { reasonRetry: 'LoanCondition', conditions: { offeredCost: { amount: -1, currency: 'CNY' } } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toContain('conditions');
    await ok('POST', `/ill/supplier/${placed.lendingRequestId}/actions/offer-conditions`, staff.lend, { reasonRetry: 'LoanCondition', conditions: terms });

    const offered = await ok('GET', `/ill/requests/${placed.id}`, staff.borrow);
    expect(offered).toMatchObject({ state: 'conditional-answer', offeredConditions: { reasonRetry: 'LoanCondition', ...terms, retryAfter: '2099-01-10T23:59:59+08:00' } });
    expect(offered.timeline.at(-1)).toMatchObject({ event: 'SupplyingAgencyMessage/RequestResponse/RetryPossible', to: 'conditional-answer' });
    const { rows } = await t.db.query<{ xml: string }>("SELECT xml FROM ill_messages WHERE request_id = $1 AND kind = 'supplyingAgencyMessage' ORDER BY id", [placed.id]);
    expect(rows.at(-1)!.xml).toContain('<retryInfo>');
    expect(xsdErrors('2021', rows.at(-1)!.xml)).toEqual([]);

    const accepted = await ok('POST', `/ill/requests/${placed.id}/actions/accept-conditions`, staff.borrow, {});
    expect(accepted).toMatchObject({ state: 'will-supply', offeredConditions: null });
    expect((await ok('GET', `/ill/supplier/${placed.lendingRequestId}`, staff.lend)).state).toBe('awaiting-pull-slip');
    // Accepting again is refused (409) and the request stays as it is.
    const again = await call('POST', `/ill/requests/${placed.id}/actions/accept-conditions`, staff.borrow, {});
    expect(again.statusCode).toBe(409);
    expect((await ok('GET', `/ill/requests/${placed.id}`, staff.borrow)).state).toBe('will-supply');
  });
});
