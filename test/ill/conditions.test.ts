/**
 * Conditions inside one deployment, through the REST API: the lending desk offers changed terms,
 * the message carries them as retryInfo (valid against the 2021 XSD), the borrowing desk sees the
 * reason, the retry date and the lender's note on the request while the lending row shows the
 * same offer, and accepting sends the Retry. A refused step changes nothing. The lending row shows
 * a due date only once the loan is shipped.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aLibrary, loadDirectory } from '../network/factories.js';
import { apiCalls, anAccount, type TestAccount } from '../support/accounts.js';
import { testApp, type TestApp } from '../support/app.js';
import { holdBook, xsdErrors } from './peers-support.js';

describe('interlibrary loan: a lender’s conditions and the lending row’s due date inside one deployment', () => {
  let t: TestApp;
  let clusterId: number;
  let staff: Record<'borrow' | 'lend', TestAccount>;

  const { call, ok } = apiCalls(() => t);

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
    const note = 'Reading room of the borrowing library only';
    const sent = await ok('POST', `/ill/supplier/${placed.lendingRequestId}/actions/offer-conditions`, staff.lend, { reasonRetry: 'LoanCondition', conditions: terms, note });
    // The lending desk sees what it offered, with its note, while it waits: in the answer and when it reads the row again.
    expect(sent).toMatchObject({ state: 'awaiting-conditions', offeredConditions: { reasonRetry: 'LoanCondition', ...terms, note } });
    expect(await ok('GET', `/ill/supplier/${placed.lendingRequestId}`, staff.lend)).toMatchObject({ state: 'awaiting-conditions', offeredConditions: { reasonRetry: 'LoanCondition', ...terms, note } });

    const offered = await ok('GET', `/ill/requests/${placed.id}`, staff.borrow);
    expect(offered).toMatchObject({ state: 'conditional-answer', offeredConditions: { reasonRetry: 'LoanCondition', ...terms, retryAfter: '2099-01-10T23:59:59+08:00', note } });
    expect(offered.timeline.at(-1)).toMatchObject({ event: 'SupplyingAgencyMessage/RequestResponse/RetryPossible', to: 'conditional-answer' });
    const { rows } = await t.db.query<{ xml: string }>("SELECT xml FROM ill_messages WHERE request_id = $1 AND kind = 'supplyingAgencyMessage' ORDER BY id", [placed.id]);
    expect(rows.at(-1)!.xml).toContain('<retryInfo>');
    expect(xsdErrors('2021', rows.at(-1)!.xml)).toEqual([]);

    const accepted = await ok('POST', `/ill/requests/${placed.id}/actions/accept-conditions`, staff.borrow, {});
    expect(accepted).toMatchObject({ state: 'will-supply', offeredConditions: null });
    expect(await ok('GET', `/ill/supplier/${placed.lendingRequestId}`, staff.lend)).toMatchObject({ state: 'awaiting-pull-slip', offeredConditions: null });
    // Accepting again is refused (409) and the request stays as it is.
    const again = await call('POST', `/ill/requests/${placed.id}/actions/accept-conditions`, staff.borrow, {});
    expect(again.statusCode).toBe(409);
    expect((await ok('GET', `/ill/requests/${placed.id}`, staff.borrow)).state).toBe('will-supply');
  });

  it('shows the lending desk a due date only once the loan is shipped (ISO 18626: Loaned carries it)', async () => {
    const reader = await anAccount(t, { role: 'reader', library: 'CN-BOR' });
    const placed = await ok('POST', '/ill/requests', reader, { service: 'loan', clusterId });
    const id = placed.lendingRequestId;
    // New, accepted, picked: the policy's loan period is only the default `ship` takes.
    expect(await ok('GET', `/ill/supplier/${id}`, staff.lend)).toMatchObject({ state: 'new', dueDate: null });
    expect((await ok('GET', '/ill/lending?state=new', staff.lend)).items.find((s: { id: number }) => s.id === id)).toMatchObject({ dueDate: null });
    expect(await ok('POST', `/ill/supplier/${id}/actions/will-supply`, staff.lend, {})).toMatchObject({ state: 'awaiting-pull-slip', dueDate: null });
    expect(await ok('POST', `/ill/supplier/${id}/actions/mark-picked`, staff.lend, {})).toMatchObject({ state: 'awaiting-shipping', dueDate: null });
    // Shipped without a date: the policy's 28 days from now; with one, that date.
    const shipped = await ok('POST', `/ill/supplier/${id}/actions/ship`, staff.lend, {});
    const expected = new Date(Date.now() + 28 * 86_400_000).toISOString().slice(0, 10);
    expect(shipped.state).toBe('shipped');
    expect([expected, new Date(Date.now() + 27 * 86_400_000).toISOString().slice(0, 10)]).toContain(shipped.dueDate);
    expect((await ok('GET', `/ill/supplier/${id}`, staff.lend)).dueDate).toBe(shipped.dueDate);
    expect((await ok('GET', `/ill/requests/${placed.id}`, staff.borrow)).dueDate).toBe(shipped.dueDate);

    const other = await ok('POST', '/ill/requests', await anAccount(t, { role: 'reader', library: 'CN-BOR' }), { service: 'loan', clusterId });
    await ok('POST', `/ill/supplier/${other.lendingRequestId}/actions/will-supply`, staff.lend, {});
    await ok('POST', `/ill/supplier/${other.lendingRequestId}/actions/mark-picked`, staff.lend, {});
    expect(await ok('POST', `/ill/supplier/${other.lendingRequestId}/actions/ship`, staff.lend, { dueDate: '2099-03-01' })).toMatchObject({ state: 'shipped', dueDate: '2099-03-01' });
  });
});
