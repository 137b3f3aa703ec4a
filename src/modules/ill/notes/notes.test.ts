/**
 * The desks' message log and notes through the REST API: a loan request between two libraries,
 * its ISO 18626 messages on both desks (the XML on demand, audited), notes written at either
 * desk and read by the staff of the request's libraries only, a retried note written once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestRecords } from '../../catalog/index.js';
import { applyRetention } from '../../identity/index.js';
import { aBook, asInput } from '../../../../test/catalog/records.js';
import { aLibrary, loadDirectory } from '../../../../test/network/factories.js';
import { anAccount, type TestAccount } from '../../../../test/support/accounts.js';
import { testApp, type TestApp } from '../../../../test/support/app.js';

let t: TestApp;
let lender: TestAccount;
let borrower: TestAccount;
let stranger: TestAccount;
let reader: TestAccount;
let request: { id: number; lendingRequestId: number };

const call = (method: 'GET' | 'POST', url: string, who: TestAccount, payload?: object) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: who.headers, ...(payload ? { payload } : {}) });

beforeAll(async () => {
  t = await testApp();
  await loadDirectory(t, { libraries: [aLibrary({ symbol: 'CN-NB' }), aLibrary({ symbol: 'CN-NL' }), aLibrary({ symbol: 'CN-NX' })] });
  await ingestRecords(t.db, { library: 'CN-NL', records: [asInput(aBook({ id: 'n1', title: '围城', holding: { library: 'CN-NL', callNumber: 'I246.5/Q1', barcode: 'NL-1' } }))], via: 'test' });
  const clusterId = (await t.app.inject({ url: '/api/v1/libraries/CN-NL/items?barcode=NL-1' })).json().items[0].clusterId;
  lender = await anAccount(t, { role: 'library-staff', library: 'CN-NL', permissions: ['lending'] });
  borrower = await anAccount(t, { role: 'library-staff', library: 'CN-NB', permissions: ['borrowing'] });
  stranger = await anAccount(t, { role: 'library-staff', library: 'CN-NX', permissions: ['lending', 'borrowing'] });
  reader = await anAccount(t, { role: 'reader', library: 'CN-NB' });
  request = (await call('POST', '/ill/requests', reader, { clusterId, service: 'loan', pickupLocation: 'Main desk' })).json();
  await call('POST', `/ill/supplier/${request.lendingRequestId}/actions/cannot-supply`, lender, { reasonUnfilled: 'NotOnShelf' });
}, 120_000);
afterAll(() => t?.close());

describe('the ISO 18626 message log on the desks', () => {
  it('lists every message of the request for the borrowing desk: direction, type, status and reason, oldest first', async () => {
    const res = await call('GET', `/ill/requests/${request.id}/messages`, borrower);
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as { direction: string; type: string; status: string | null; reason: string | null; xml?: string }[];
    expect(items[0]).toMatchObject({ direction: 'to-lender', type: 'request' });
    expect(items).toContainEqual(expect.objectContaining({ direction: 'to-borrower', type: 'supplyingAgencyMessage', status: 'Unfilled', reason: expect.stringContaining('NotOnShelf') }));
    expect(items[0]!.xml).toBeUndefined();
  });

  it('shows the lending desk its own lending request’s messages, and the XML on demand, in the audit log', async () => {
    const list = (await call('GET', `/ill/supplier/${request.lendingRequestId}/messages`, lender)).json().items as { id: number; supplyId: number }[];
    expect(list.length).toBeGreaterThan(0);
    expect(list.every((m) => m.supplyId === request.lendingRequestId)).toBe(true);
    const one = await call('GET', `/ill/supplier/${request.lendingRequestId}/messages/${list[0]!.id}`, lender);
    expect(one.json().xml).toMatch(/^<\?xml|<ISO18626Message/);
    const { rows } = await t.db.query<{ details: { reader: number } }>(`SELECT details FROM audit_log WHERE action = 'ill.message.read' ORDER BY id DESC LIMIT 1`);
    expect(rows[0]!.details.reader).toBe(reader.userId);
  });

  it('is not there for another library’s desk, nor for the reader', async () => {
    expect((await call('GET', `/ill/requests/${request.id}/messages`, stranger)).json()).toMatchObject({ status: 404, code: 'ILL_REQUEST_NOT_FOUND' });
    expect((await call('GET', `/ill/supplier/${request.lendingRequestId}/messages`, stranger)).json()).toMatchObject({ status: 404, code: 'ILL_SUPPLY_NOT_FOUND' });
    expect((await call('GET', `/ill/requests/${request.id}/messages`, reader)).statusCode).toBe(404);
    expect((await call('GET', `/ill/requests/${request.id}/notes`, reader)).statusCode).toBe(404);
  });
});

describe('staff notes on a request', () => {
  it('are written at either desk and read by the staff of the request’s libraries, each read in the audit log', async () => {
    const a = await call('POST', `/ill/requests/${request.id}/notes`, borrower, { text: '读者急需，请尽快 (reader in a hurry)' });
    expect(a.statusCode, a.body).toBe(201);
    expect(a.json()).toMatchObject({ library: 'CN-NB', text: '读者急需，请尽快 (reader in a hurry)' });
    expect((await call('POST', `/ill/supplier/${request.lendingRequestId}/notes`, lender, { text: 'Copy is at the bindery' })).statusCode).toBe(201);
    const seenByLender = (await call('GET', `/ill/supplier/${request.lendingRequestId}/notes`, lender)).json().items;
    expect(seenByLender.map((n: { library: string }) => n.library)).toEqual(['CN-NB', 'CN-NL']);
    expect((await call('GET', `/ill/requests/${request.id}/notes`, borrower)).json().items).toHaveLength(2);
    expect((await call('GET', `/ill/requests/${request.id}/notes`, stranger)).statusCode).toBe(404);
    expect((await call('POST', `/ill/requests/${request.id}/notes`, stranger, { text: 'x' })).statusCode).toBe(404);
    const { rows } = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'ill.request.notes.read' AND details->>'reader' = $1`, [String(reader.userId)]);
    expect(rows[0]!.n).toBe(2);
  });

  it('a note sent again with its key is written once; an empty note is refused naming the field', async () => {
    const body = { text: 'Called the reader', key: 'note-key-0001' };
    const first = await call('POST', `/ill/requests/${request.id}/notes`, borrower, body);
    const again = await call('POST', `/ill/requests/${request.id}/notes`, borrower, body);
    expect([first.statusCode, again.statusCode]).toEqual([201, 200]);
    expect(again.json().id).toBe(first.json().id);
    const bad = await call('POST', `/ill/requests/${request.id}/notes`, borrower, { text: '  ' });
    expect(bad.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [expect.objectContaining({ field: 'text' })] });
  });
});

describe('notes and the reader’s privacy', () => {
  it('are in the reader’s copy of their data, and blanked by the retention once the request ended long ago', async () => {
    const mine = (await call('GET', '/me/data', reader)).json();
    expect(mine.interlibraryLoanNotes.map((n: { text: string }) => n.text)).toContain('读者急需，请尽快 (reader in a hurry)');

    await t.db.query(`UPDATE ill_requests SET state = 'cancelled', updated_at = now() - interval '100 days' WHERE id = $1`, [request.id]);
    const { changed } = await applyRetention(t.db, 90);
    expect(changed.interlibraryLoanNotes).toBe(3);
    const notes = (await call('GET', `/ill/requests/${request.id}/notes`, borrower)).json().items as { text: string; library: string }[];
    expect(notes.map((n) => n.text)).toEqual(['', '', '']);
    expect(notes.map((n) => n.library)).toEqual(['CN-NB', 'CN-NL', 'CN-NB']);
    expect((await applyRetention(t.db, 90)).changed.interlibraryLoanNotes).toBe(0);
    expect((await call('GET', '/me/data', reader)).json().interlibraryLoanNotes).toEqual([]);
  });
});
