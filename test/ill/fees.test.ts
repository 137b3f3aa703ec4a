/**
 * Fees and subsidies over a life cycle through the HTTP API: CN-LEND charges 20 CNY a loan (its
 * lending policy); an agreement between CN-BOR and CN-LEND has the alliance pay half; CN-BOR's
 * subsidy budget for the year is 15 CNY, so the second loan is subsidised only 5. The ledger is
 * written from the requests' history, once per lending row; statements per library and month.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { followFees } from '../../src/modules/ill/index.js';
import { aLibrary, loadDirectory } from '../network/factories.js';
import { anAccount, anAdmin, type TestAccount } from '../support/accounts.js';
import { testApp, type TestApp } from '../support/app.js';
import { holdBook } from './peers-support.js';

describe('fees, subsidies and monthly statements', () => {
  let t: TestApp;
  let cluster: number;
  let dataDir: string;
  const staff: Record<string, TestAccount> = {};
  const month = new Date().toISOString().slice(0, 7);
  const year = Number(month.slice(0, 4));

  const call = (method: 'GET' | 'POST' | 'PUT', url: string, who: TestAccount, payload?: object) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers: { ...who.headers, 'accept-language': 'en' }, ...(payload ? { payload } : {}) });
  const ok = async (method: 'GET' | 'POST' | 'PUT', url: string, who: TestAccount, payload?: object) => {
    const res = await call(method, url, who, payload);
    expect(res.statusCode, res.body).toBeLessThan(300);
    return res.json();
  };
  /** A reader's loan from CN-LEND, up to shipped (the fill that is charged). */
  const shippedLoan = async (): Promise<{ id: number; supplyId: number }> => {
    const reader = await anAccount(t, { role: 'reader', library: 'CN-BOR' });
    const placed = await ok('POST', '/ill/requests', reader, { service: 'loan', clusterId: cluster });
    expect(placed).toMatchObject({ state: 'sent', lender: 'CN-LEND' });
    for (const action of ['will-supply', 'mark-picked']) await ok('POST', `/ill/supplier/${placed.lendingRequestId}/actions/${action}`, staff.lend!, {});
    await ok('POST', `/ill/supplier/${placed.lendingRequestId}/actions/ship`, staff.lend!, { dueDate: '2099-02-01' });
    return { id: placed.id, supplyId: placed.lendingRequestId };
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'anylib-fees-'));
    t = await testApp({ dataDir });
    await loadDirectory(t, {
      libraries: [
        aLibrary({ symbol: 'CN-BOR' }),
        aLibrary({ symbol: 'CN-LEND', lendingPolicy: { lendsReturnables: true, suppliesCopies: true, loanPeriodDays: 30, fees: { currency: 'CNY', loan: 20, copyPerPage: 0.5 } } }),
        aLibrary({ symbol: 'CN-OTHER' }),
      ],
      agreements: [{ code: 'JS-SUB', name: { zh: '江苏补贴协议', en: 'Jiangsu subsidy agreement' }, parties: [{ library: 'CN-BOR' }, { library: 'CN-LEND' }], subsidyRate: 0.5, validFrom: '2020-01-01' }],
    });
    cluster = await holdBook(t, 'CN-LEND', { id: 'red', title: 'Dream of the red chamber', isbn: '9787020002207' }, 'L-1');
    staff.lend = await anAccount(t, { role: 'library-staff', library: 'CN-LEND', permissions: ['lending'] });
    staff.borrow = await anAccount(t, { role: 'library-staff', library: 'CN-BOR', permissions: ['borrowing'] });
    staff.other = await anAccount(t, { role: 'library-staff', library: 'CN-OTHER', permissions: ['borrowing', 'statistics'] });
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('the network administrator sets a member’s yearly subsidy budget', async () => {
    const admin = await anAdmin(t);
    expect((await call('PUT', `/ill/subsidy-budgets/CN-BOR/${year}`, staff.borrow!, { amount: 15, currency: 'CNY' })).statusCode).toBe(403);
    expect((await call('PUT', `/ill/subsidy-budgets/CN-NOWHERE/${year}`, admin, { amount: 15, currency: 'CNY' })).json().code).toBe('ILL_FEES_LIBRARY_NOT_FOUND');
    expect((await call('PUT', `/ill/subsidy-budgets/CN-BOR/${year}`, admin, { amount: -1, currency: 'CNY' })).statusCode).toBe(400);
    expect(await ok('PUT', `/ill/subsidy-budgets/CN-BOR/${year}`, admin, { amount: 15, currency: 'CNY' })).toEqual({ library: 'CN-BOR', year, amount: 15, currency: 'CNY', left: 15 });
  });

  it('each loan shipped is charged once; the alliance pays half until the budget is spent; statements on both sides', async () => {
    const first = await shippedLoan();
    const second = await shippedLoan();
    await followFees(t.db, { lagMs: 0 });
    // Followed again from the start of the history: nothing is charged twice.
    await t.db.query("UPDATE ill_event_cursor SET last_event_id = 0 WHERE name = 'fees'");
    await followFees(t.db, { lagMs: 0 });
    // The rest of the life cycle fills nothing more.
    await ok('POST', `/ill/requests/${first.id}/actions/receive`, staff.borrow!, {});
    await followFees(t.db, { lagMs: 0 });

    const borrower = await ok('GET', `/ill/statements?library=CN-BOR&month=${month}`, staff.borrow!);
    expect(borrower.charges).toHaveLength(2);
    expect(borrower.charges[0]).toMatchObject({ requestId: first.id, lendingRequestId: first.supplyId, borrower: 'CN-BOR', lender: 'CN-LEND', service: 'loan', fee: 20, subsidy: 10, borrowerPays: 10, basis: 'agreement', agreement: 'JS-SUB', subsidyCapped: null });
    expect(borrower.charges[1]).toMatchObject({ requestId: second.id, fee: 20, subsidy: 5, borrowerPays: 15, subsidyCapped: 'budget-spent' });
    expect(borrower.totals).toEqual([{ currency: 'CNY', owes: 25, owed: 0, subsidiesReceived: 15, subsidiesOwed: 0, net: -25, transactions: 2 }]);

    const lender = await ok('GET', `/ill/statements?library=CN-LEND&month=${month}`, staff.lend!);
    expect(lender.totals).toEqual([{ currency: 'CNY', owes: 0, owed: 25, subsidiesReceived: 0, subsidiesOwed: 15, net: 40, transactions: 2 }]);
    // The budget is spent.
    expect((await ok('PUT', `/ill/subsidy-budgets/CN-BOR/${year}`, await anAdmin(t), { amount: 15, currency: 'CNY' })).left).toBe(0);
    // Another month has nothing.
    expect((await ok('GET', '/ill/statements?library=CN-BOR&month=2001-01', staff.borrow!)).totals).toEqual([]);
  });

  it('a copy delivered is charged by its pages; with the budget spent the borrower pays it all', async () => {
    const reader = await anAccount(t, { role: 'reader', library: 'CN-BOR' });
    const r = await ok('POST', '/ill/requests', reader, { clusterId: cluster, service: 'copy', articleTitle: 'Chapter three', pages: '11-30' });
    for (const action of ['will-supply', 'mark-picked']) await ok('POST', `/ill/supplier/${r.lendingRequestId}/actions/${action}`, staff.lend!, {});
    const boundary = '----anylibfees';
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="scan.pdf"\r\nContent-Type: application/pdf\r\n\r\n`), pdf, Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const uploaded = await t.app.inject({ method: 'POST', url: `/api/v1/ill/supplier/${r.lendingRequestId}/copy`, headers: { ...staff.lend!.headers, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload });
    expect(uploaded.statusCode, uploaded.body).toBeLessThan(300);
    await ok('POST', `/ill/supplier/${r.lendingRequestId}/actions/deliver-copy`, staff.lend!, {});
    await followFees(t.db, { lagMs: 0 });
    const charges = (await ok('GET', `/ill/statements?library=CN-BOR&month=${month}`, staff.borrow!)).charges;
    expect(charges.find((c: { requestId: number }) => c.requestId === r.id)).toMatchObject({ service: 'copy', fee: 10, subsidy: 0, borrowerPays: 10, subsidyCapped: 'budget-spent' });
  });

  it('statements are for the library’s own staff and network administrators', async () => {
    expect((await call('GET', `/ill/statements?library=CN-BOR&month=${month}`, staff.other!)).statusCode).toBe(403);
    expect((await call('GET', `/ill/statements?library=CN-BOR&month=${month}`, await anAdmin(t))).statusCode).toBe(200);
    expect((await call('GET', '/ill/statements?library=CN-BOR&month=2026-13', staff.borrow!)).statusCode).toBe(400);
  });
});
