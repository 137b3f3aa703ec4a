/**
 * Interlibrary loan and the reader's standing and privacy kept by identity (issue 6): a library's
 * limits for the reader's category and its block decide eligibility; a reader's copy of their
 * data holds their requests; the retention job anonymises requests that ended long ago.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyRetention } from '../../src/modules/identity/index.js';
import { aLibrary, loadDirectory } from '../network/factories.js';
import { anAccount, type TestAccount } from '../support/accounts.js';
import { testApp, type TestApp } from '../support/app.js';

describe('interlibrary loan: the reader’s standing and privacy', () => {
  let t: TestApp;
  let librarian: TestAccount;

  const typed = (title: string) => ({ service: 'loan', citation: { title, author: 'Lu Xun' }, pickupLocation: 'Main desk', note: 'please call me at 138 0000 0000' });
  const place = (reader: TestAccount, title: string) =>
    t.app.inject({ method: 'POST', url: '/api/v1/ill/requests', headers: { ...reader.headers, 'accept-language': 'en' }, payload: typed(title) });
  const aStudent = async (opts: { blocked?: boolean } = {}) => {
    const reader = await anAccount(t, { role: 'reader', library: 'CN-STU' });
    await t.db.query(
      `INSERT INTO reader_profiles (user_id, library_id, category, blocked, blocked_reason) SELECT $1, id, 'student', $2, $3 FROM libraries WHERE symbol = 'CN-STU'`,
      [reader.userId, opts.blocked ?? false, opts.blocked ? 'unpaid fines' : null],
    );
    return reader;
  };

  beforeAll(async () => {
    t = await testApp();
    await loadDirectory(t, { libraries: [aLibrary({ symbol: 'CN-STU' }), aLibrary({ symbol: 'CN-LEND' })] });
    librarian = await anAccount(t, { role: 'library-staff', library: 'CN-STU', permissions: ['library-admin'] });
    const res = await t.app.inject({
      method: 'PUT', url: '/api/v1/libraries/CN-STU/reader-categories/student', headers: librarian.headers,
      payload: { illLimits: { mayRequest: true, services: ['loan'], maxOpenRequests: 1, excludedMaterialTypes: [] } },
    });
    expect(res.statusCode).toBe(200);
  });
  afterAll(async () => {
    await t.close();
  });

  it('applies the limit the library set for the reader’s category', async () => {
    const reader = await aStudent();
    expect((await place(reader, 'Nahan')).statusCode).toBe(201);
    const second = await place(reader, 'Panghuang');
    expect(second.statusCode).toBe(400);
    expect(second.json().errors.map((e: { code: string }) => e.code)).toEqual(['ILL_ELIG_TOO_MANY_OPEN']);
    expect(second.json().errors[0].message).toBe('You have 1 open requests; at most 1 are allowed.');
  });

  it('refuses a reader the library has blocked, and says which library to ask', async () => {
    const res = await place(await aStudent({ blocked: true }), 'Zhaohua xishi');
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([expect.objectContaining({ code: 'ILL_ELIG_READER_BLOCKED', message: expect.stringContaining('CN-STU') })]);
  });

  it('writes a desk’s reading of a reader’s request, and of its queue, in the audit log; not the reader’s own reading', async () => {
    const reader = await aStudent();
    const id = (await place(reader, 'Yecao')).json().id as number;
    const desk = await anAccount(t, { role: 'library-staff', library: 'CN-STU', permissions: ['borrowing'] });
    expect((await t.app.inject({ url: `/api/v1/ill/requests/${id}`, headers: reader.headers })).statusCode).toBe(200);
    expect((await t.app.inject({ url: `/api/v1/ill/requests/${id}`, headers: desk.headers })).statusCode).toBe(200);
    expect((await t.app.inject({ url: '/api/v1/ill/borrowing?library=CN-STU', headers: desk.headers })).statusCode).toBe(200);
    const { rows } = await t.db.query<{ actor: string; action: string; target: string | null; shown: number[] | null }>(
      `SELECT actor, action, target, details->'shown' AS shown FROM audit_log WHERE action LIKE 'ill.request.%' AND actor IN ($1, $2) ORDER BY id`,
      [reader.email, desk.email],
    );
    expect(rows.map((r) => [r.actor, r.action, r.target])).toEqual([[desk.email, 'ill.request.read', `ill-request:${id}`], [desk.email, 'ill.request.list', null]]);
    expect(rows[1]!.shown).toContain(id);
  });

  it('gives the reader their requests in their copy of their data, and anonymises them once they ended long ago', async () => {
    const reader = await aStudent();
    const placed = await place(reader, 'Gushi xinbian');
    expect(placed.statusCode).toBe(201);
    const id = placed.json().id as number;

    const mine = await t.app.inject({ url: '/api/v1/me/data', headers: reader.headers });
    expect(mine.statusCode).toBe(200);
    const requests = JSON.parse(mine.body).interlibraryLoan.requests;
    expect(requests).toEqual([expect.objectContaining({ id, title: 'Gushi xinbian', note: 'please call me at 138 0000 0000', readerEmail: reader.email })]);
    expect(requests[0].timeline.length).toBeGreaterThan(0);

    // Cancelled, and 100 days have passed: the retention job (90 days) anonymises it; a second run changes nothing.
    const cancel = await t.app.inject({ method: 'POST', url: `/api/v1/ill/requests/${id}/actions/cancel`, headers: reader.headers, payload: {} });
    expect(cancel.statusCode).toBeLessThan(300);
    await t.db.query(`UPDATE ill_requests SET updated_at = now() - interval '100 days' WHERE id = $1`, [id]);
    expect((await applyRetention(t.db, 90)).changed.interlibraryLoan).toBe(1);
    expect((await applyRetention(t.db, 90)).changed.interlibraryLoan).toBe(0);

    const { rows } = await t.db.query<{ reader_name: string; reader_email: string | null; note: string | null; title: string; state: string; anonymised: boolean; xml_with_patron: number }>(
      `SELECT reader_name, reader_email, note, title, state, anonymised_at IS NOT NULL AS anonymised,
              (SELECT count(*)::int FROM ill_messages m WHERE m.request_id = r.id AND m.xml ~ 'patronInfo') AS xml_with_patron
         FROM ill_requests r WHERE id = $1`,
      [id],
    );
    expect(rows[0]).toEqual({ reader_name: '', reader_email: null, note: null, title: 'Gushi xinbian', state: 'cancelled', anonymised: true, xml_with_patron: 0 });
  });
});
