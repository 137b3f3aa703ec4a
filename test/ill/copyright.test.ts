/**
 * Copyright through the REST API: a rule of five for an alliance, copy requests counted in the
 * borrowing library's ledger, the sixth held for clearance, approved with a reason or refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestRecords } from '../../src/modules/catalog/index.js';
import { followEvents } from '../../src/modules/ill/notices/follower.js';
import { aBook, asInput } from '../catalog/records.js';
import { aLibrary, anAlliance, loadDirectory } from '../network/factories.js';
import { anAccount, anAdmin, type TestAccount } from '../support/accounts.js';
import { testApp, type TestApp } from '../support/app.js';

describe('interlibrary loan: copyright rules, ledger and clearance', () => {
  let t: TestApp;
  let desk: TestAccount;
  let allianceAdmin: TestAccount;
  const call = (method: 'GET' | 'POST' | 'PATCH', url: string, who: TestAccount, payload?: object) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers: { ...who.headers, 'accept-language': 'en' }, ...(payload ? { payload } : {}) });
  const ok = async (method: 'GET' | 'POST' | 'PATCH', url: string, who: TestAccount, payload?: object) => {
    const res = await call(method, url, who, payload);
    if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.json();
  };
  const year = new Date().getUTCFullYear();
  const article = (n: number, journal = { title: 'The Lancet', issn: '0140-6736' }, publicationYear = year - 1) => ({
    service: 'copy', citation: { ...journal, year: publicationYear, materialType: 'journal' }, articleTitle: `Article ${n}`, pages: '1-10', volume: '400', issue: String(n),
  });

  beforeAll(async () => {
    t = await testApp();
    await loadDirectory(t, {
      libraries: [aLibrary({ symbol: 'CN-CPY' }), aLibrary({ symbol: 'CN-OUT' })],
      alliances: [anAlliance({ code: 'JSCOPY', members: [{ library: 'CN-CPY', role: 'member' }] })],
    });
    desk = await anAccount(t, { role: 'library-staff', library: 'CN-CPY', permissions: ['borrowing'] });
    allianceAdmin = await anAccount(t, { role: 'alliance-staff', alliance: 'JSCOPY', permissions: ['alliance-admin'] });
  }, 120_000);
  afterAll(() => t?.close());

  it('an alliance sets the rule of five; others may not change it', async () => {
    const rule = await ok('POST', '/ill/copyright/rules?alliance=JSCOPY', allianceAdmin, { name: 'CONTU rule of five', maxCopies: 5, windowYears: 5 });
    expect(rule).toMatchObject({ alliance: 'JSCOPY', maxCopies: 5, windowYears: 5, active: true });
    expect((await call('POST', '/ill/copyright/rules', allianceAdmin, { name: 'everyone', maxCopies: 1, windowYears: 1 })).statusCode).toBe(403);
    expect((await call('PATCH', `/ill/copyright/rules/${rule.id}`, desk, { maxCopies: 50 })).json()).toMatchObject({ code: 'ILL_COPYRIGHT_NOT_YOURS' });
    expect((await call('POST', '/ill/copyright/rules?alliance=NOPE', await anAdmin(t), { name: 'x', maxCopies: 1, windowYears: 1 })).json()).toMatchObject({ code: 'ILL_COPYRIGHT_ALLIANCE_NOT_FOUND' });
    expect((await ok('GET', '/ill/copyright/rules', desk)).items.map((r: { name: string }) => r.name)).toEqual(['CONTU rule of five']);
  });

  it('five copies of one journal go on; the sixth waits for clearance; approved with a reason it goes on and is counted as cleared', async () => {
    const reader = await anAccount(t, { role: 'reader', library: 'CN-CPY' });
    const placed: string[] = [];
    for (let n = 1; n <= 5; n++) placed.push((await ok('POST', '/ill/requests', reader, article(n))).state);
    // Typed citations have no lender here: past copyright, the rota is empty.
    expect(placed).toEqual(Array(5).fill('end-of-rota'));
    // Another journal, and an old issue of this one, are not held.
    expect((await ok('POST', '/ill/requests', reader, article(7, { title: 'Nature', issn: '0028-0836' }))).state).toBe('end-of-rota');
    expect((await ok('POST', '/ill/requests', reader, article(8, undefined, year - 20))).state).toBe('end-of-rota');

    const sixth = await ok('POST', '/ill/requests', reader, article(6));
    expect(sixth.state).toBe('copyright-clearance');
    expect(sixth.stateLabel).toBe('awaiting copyright clearance');
    const holds = await ok('GET', '/ill/copyright/holds', desk);
    expect(holds.items).toEqual([expect.objectContaining({ requestId: sixth.id, status: 'waiting', findings: [expect.objectContaining({ name: 'CONTU rule of five', limit: 5, used: 5, over: true })] })]);

    // The borrowing library's ILL office is told by e-mail (recorded here: this test has no mail server).
    await followEvents(t.db, { lagMs: 0 });
    const notices = (await ok('GET', `/ill/requests/${sixth.id}/notices`, desk)).items;
    expect(notices).toEqual([expect.objectContaining({ event: 'copyright-clearance', recipient: 'ill@cncpy.example.org', locale: 'zh-CN', status: 'pending' })]);
    // The generic action route does not take the decision: it has no reason to keep.
    expect((await call('POST', `/ill/requests/${sixth.id}/actions/clear-copyright`, desk, {})).json()).toMatchObject({ code: 'ILL_COPYRIGHT_USE_CLEARANCE' });
    expect((await call('POST', `/ill/requests/${sixth.id}/copyright-clearance`, reader, { decision: 'approve', reason: 'fair-use' })).statusCode).toBe(403);
    const decided = await ok('POST', `/ill/requests/${sixth.id}/copyright-clearance`, desk, { decision: 'approve', reason: 'paid-royalty', note: 'CCC invoice 2026-17' });
    expect(decided).toMatchObject({ status: 'approved', reason: 'paid-royalty', note: 'CCC invoice 2026-17' });
    const after = await ok('GET', `/ill/requests/${sixth.id}`, desk);
    expect(after.state).toBe('end-of-rota');
    expect(after.timeline.map((e: { to: string }) => e.to)).toEqual(['new', 'validated', 'copyright-clearance', 'validated', 'sourcing', 'end-of-rota']);
    expect((await call('POST', `/ill/requests/${sixth.id}/copyright-clearance`, desk, { decision: 'refuse', reason: 'other' })).json()).toMatchObject({ code: 'ILL_COPYRIGHT_NOT_WAITING' });

    const ledger = await ok('GET', '/ill/copyright/ledger', desk);
    const lancet = ledger.items.filter((e: { titleKey: string }) => e.titleKey === 'issn:01406736');
    expect(lancet.map((e: { basis: string }) => e.basis)).toEqual([...Array(5).fill('within-limit'), 'within-limit', 'cleared']);
    expect(lancet.at(-1)).toMatchObject({ requestId: sixth.id, reason: 'paid-royalty', note: 'CCC invoice 2026-17' });
    const { rows } = await t.db.query<{ action: string; details: { reason: string } }>(`SELECT action, details FROM audit_log WHERE target = $1 AND action LIKE 'ill.copyright.%'`, [`ill-request:${sixth.id}`]);
    expect(rows).toEqual([{ action: 'ill.copyright.approve', details: { reason: 'paid-royalty', note: 'CCC invoice 2026-17' } }]);
  });

  it('a journal chosen from the catalogue is counted under its record’s ISSN, its issue year unknown (counted as recent)', async () => {
    const lancet = aBook({ id: 'lancet', title: 'The Lancet', year: 1823, holding: { library: 'CN-OUT', barcode: 'L-1' } });
    lancet.leader = `${lancet.leader.slice(0, 7)}s${lancet.leader.slice(8)}`;
    lancet.fields.push({ tag: '022', ind1: ' ', ind2: ' ', subfields: [{ code: 'a', value: '0140-6736' }] });
    await ingestRecords(t.db, { library: 'CN-OUT', records: [asInput(lancet)], via: 'test' });
    const clusterId = (await t.app.inject({ method: 'GET', url: '/api/v1/libraries/CN-OUT/items?barcode=L-1' })).json().items[0].clusterId;
    const reader = await anAccount(t, { role: 'reader', library: 'CN-CPY' });
    // The library has counted six Lancet copies this year (five within the rule, one cleared).
    const r = await ok('POST', '/ill/requests', reader, { clusterId, service: 'copy', articleTitle: 'Global burden of disease', pages: '1-30', volume: '404' });
    expect(r).toMatchObject({ state: 'copyright-clearance', citation: { issn: '0140-6736', materialType: 'serial' } });
    expect((await ok('GET', '/ill/copyright/holds', desk)).items.find((h: { requestId: number }) => h.requestId === r.id).findings[0]).toMatchObject({ used: 6, limit: 5, over: true });
  });

  it('four copies asked for at once when the rule allows one more: one goes on, the others wait', async () => {
    const reader = await anAccount(t, { role: 'reader', library: 'CN-CPY' });
    const journal = { title: 'Library Trends', issn: '0024-2594' };
    for (let n = 1; n <= 4; n++) await ok('POST', '/ill/requests', reader, article(n, journal));
    const placed = await Promise.all([5, 6, 7, 8].map((n) => ok('POST', '/ill/requests', reader, article(n, journal))));
    expect(placed.map((r: { state: string }) => r.state).sort()).toEqual(['copyright-clearance', 'copyright-clearance', 'copyright-clearance', 'end-of-rota']);
    const ledger = await ok('GET', '/ill/copyright/ledger', desk);
    expect(ledger.items.filter((e: { titleKey: string }) => e.titleKey === 'issn:00242594')).toHaveLength(5);
  });

  it('a refused copy is cancelled; a cancelled copy stops counting, and the next one goes on', async () => {
    const reader = await anAccount(t, { role: 'reader', library: 'CN-CPY' });
    const journal = { title: 'Journal of Documentation', issn: '0022-0418' };
    const first: { id: number }[] = [];
    for (let n = 1; n <= 5; n++) first.push(await ok('POST', '/ill/requests', reader, article(n, journal)));
    const held = await ok('POST', '/ill/requests', reader, article(6, journal));
    expect(held.state).toBe('copyright-clearance');
    // An approval's reason does not refuse, nor the reverse.
    expect((await call('POST', `/ill/requests/${held.id}/copyright-clearance`, desk, { decision: 'refuse', reason: 'paid-royalty' })).json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    const refused = await ok('POST', `/ill/requests/${held.id}/copyright-clearance`, desk, { decision: 'refuse', reason: 'over-limit', note: 'no licence for this title' });
    expect(refused.status).toBe('refused');
    expect((await ok('GET', `/ill/requests/${held.id}`, reader)).state).toBe('cancelled');

    await ok('POST', `/ill/requests/${first[0]!.id}/actions/cancel`, reader, {});
    expect((await ok('POST', '/ill/requests', reader, article(9, journal))).state).toBe('end-of-rota');
    const ledger = await ok('GET', '/ill/copyright/ledger', desk);
    expect(ledger.items.find((e: { requestId: number }) => e.requestId === first[0]!.id).voidedAt).not.toBeNull();
    // A library outside the alliance borrows under no rule.
    const outsider = await anAccount(t, { role: 'reader', library: 'CN-OUT' });
    for (let n = 1; n <= 6; n++) expect((await ok('POST', '/ill/requests', outsider, article(n, journal))).state).toBe('end-of-rota');
  });
});
