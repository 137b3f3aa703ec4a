/**
 * Interlibrary loan statistics over a small set of life cycles played through the REST API: one
 * loan completed, one filled by the second lender, one cancelled by the reader, one typed
 * citation nobody holds. Who sees what: a library's staff their library, an alliance's staff its
 * members, network administrators everything.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestRecords } from '../../src/modules/catalog/index.js';
import { aBook, asInput } from '../catalog/records.js';
import { aLibrary, anAlliance, loadDirectory } from '../network/factories.js';
import { apiCalls, anAccount, anAdmin, type TestAccount } from '../support/accounts.js';
import { testApp, type TestApp } from '../support/app.js';

/** Today in China Standard Time, as the statistics count the placing day. */
const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

describe('interlibrary loan statistics', () => {
  let t: TestApp;
  let staff: Record<'borrow' | 'near' | 'mid' | 'alliance' | 'admin', TestAccount>;
  const ids: Record<'completed' | 'second' | 'cancelled' | 'typed', number> = { completed: 0, second: 0, cancelled: 0, typed: 0 };

  const { call, ok } = apiCalls(() => t);
  const lend = (id: number, action: string, who: TestAccount, body: object = {}) => ok('POST', `/ill/supplier/${id}/actions/${action}`, who, body);
  const borrow = (id: number, action: string, body: object = {}) => ok('POST', `/ill/requests/${id}/actions/${action}`, staff.borrow, body);
  const ship = async (id: number, who: TestAccount) => {
    for (const action of ['will-supply', 'print-pull-slip', 'mark-picked']) await lend(id, action, who);
    await lend(id, 'ship', who, { dueDate: '2099-03-01' });
  };

  beforeAll(async () => {
    t = await testApp();
    await loadDirectory(t, {
      libraries: [
        aLibrary({ symbol: 'CN-BOR', coordinates: { lat: 32.06, lon: 118.78 }, targetLendBorrowRatio: 1 }),
        aLibrary({ symbol: 'CN-NEAR', coordinates: { lat: 32.05, lon: 118.79 }, targetLendBorrowRatio: 2 }),
        aLibrary({ symbol: 'CN-MID', city: { zh: '苏州', en: 'Suzhou' }, coordinates: { lat: 31.3, lon: 120.58 } }),
      ],
      alliances: [anAlliance({ code: 'NJ', members: [{ library: 'CN-BOR', role: 'member' }, { library: 'CN-NEAR', role: 'member' }] })],
    });
    for (const [library, barcode] of [['CN-NEAR', 'N-1'], ['CN-MID', 'M-1']] as const) {
      await ingestRecords(t.db, { library, records: [asInput(aBook({ id: 'red', title: 'Dream of the red chamber', isbn: '9787020002207', author: 'Cao Xueqin', holding: { library, barcode } }))], via: 'test' });
    }
    const [item] = (await t.app.inject({ method: 'GET', url: '/api/v1/libraries/CN-NEAR/items?barcode=N-1' })).json().items;
    staff = {
      borrow: await anAccount(t, { role: 'library-staff', library: 'CN-BOR', permissions: ['borrowing', 'statistics'] }),
      near: await anAccount(t, { role: 'library-staff', library: 'CN-NEAR', permissions: ['lending', 'statistics'] }),
      mid: await anAccount(t, { role: 'library-staff', library: 'CN-MID', permissions: ['lending'] }),
      alliance: await anAccount(t, { role: 'alliance-staff', alliance: 'NJ' }),
      admin: await anAdmin(t),
    };
    // A reader each: the same reader asking for the same title again would be caught as a duplicate.
    const readers: TestAccount[] = [];
    const place = async (body: object) => {
      readers.push(await anAccount(t, { role: 'reader', library: 'CN-BOR' }));
      return (await ok('POST', '/ill/requests', readers.at(-1)!, { service: 'loan', ...body })) as { id: number; lendingRequestId: number };
    };

    // A whole loan at the nearest lender; its first steps two days earlier, so it took time.
    const completed = await place({ clusterId: item.clusterId });
    await ship(completed.lendingRequestId, staff.near);
    await borrow(completed.id, 'receive');
    await borrow(completed.id, 'check-out', { dueDate: '2099-02-01' });
    await borrow(completed.id, 'return-from-reader');
    await borrow(completed.id, 'ship-back');
    await lend(completed.lendingRequestId, 'check-in', staff.near);
    await t.db.query(`UPDATE ill_events SET at = at - interval '48 hours' WHERE request_id = $1 AND side = 'borrowing' AND to_state IN ('new', 'validated', 'sourcing', 'sent')`, [completed.id]);
    ids.completed = completed.id;

    // The nearest cannot, the second lender ships, the borrowing desk has it.
    const second = await place({ clusterId: item.clusterId });
    await lend(second.lendingRequestId, 'cannot-supply', staff.near, { reasonUnfilled: 'NotOnShelf' });
    const moved = await ok('GET', `/ill/requests/${second.id}`, staff.borrow);
    await ship(moved.lendingRequestId, staff.mid);
    await borrow(second.id, 'receive');
    ids.second = second.id;

    const cancelled = await place({ clusterId: item.clusterId });
    await ok('POST', `/ill/requests/${cancelled.id}/actions/cancel`, readers.at(-1)!, {});
    ids.cancelled = cancelled.id;

    ids.typed = (await place({ citation: { title: 'A pamphlet nobody holds' } })).id;
  }, 120_000);
  afterAll(() => t?.close());

  it('network administrators see the whole deployment: fill rate, turnaround per step, states, balance, titles, months', async () => {
    const s = await ok('GET', '/ill/statistics', staff.admin);
    expect(s).toMatchObject({ to: today(), library: null, alliance: null });
    expect(s.totals).toEqual({ requests: 4, ended: 4, filled: 2, unfilled: 2, fillRate: 0.5 });
    expect(s.byStatus).toEqual(expect.arrayContaining([
      { state: 'completed', count: 1 }, { state: 'received', count: 1 }, { state: 'cancelled', count: 1 }, { state: 'end-of-rota', count: 1 },
    ]));
    const step = (name: string) => s.turnaround.find((x: { step: string }) => x.step === name);
    // Two requests shipped: one after about 48 hours, one at once.
    expect(step('request-to-shipped')).toMatchObject({ count: 2 });
    expect(step('request-to-shipped').medianHours).toBeCloseTo(24, 0);
    expect(step('request-to-shipped').p90Hours).toBeCloseTo(43.2, 0);
    expect(step('shipped-to-received')).toMatchObject({ count: 2 });
    expect(step('shipped-to-received').medianHours).toBeLessThan(1);
    expect(step('request-to-completed')).toMatchObject({ count: 1 });
    expect(step('request-to-completed').medianHours).toBeCloseTo(48, 0);

    expect(s.libraries).toEqual([
      { symbol: 'CN-BOR', name: { zh: 'CN-BOR 图书馆', en: 'CN-BOR Library' }, lent: 0, borrowed: 2, targetRatio: 1, ratio: 0, balance: -2 },
      { symbol: 'CN-MID', name: { zh: 'CN-MID 图书馆', en: 'CN-MID Library' }, lent: 1, borrowed: 0, targetRatio: null, ratio: null, balance: null },
      { symbol: 'CN-NEAR', name: { zh: 'CN-NEAR 图书馆', en: 'CN-NEAR Library' }, lent: 1, borrowed: 0, targetRatio: 2, ratio: null, balance: 1 },
    ]);
    expect(s.topTitles).toEqual([
      { title: 'Dream of the red chamber', author: 'Cao Xueqin', clusterId: expect.any(Number), requests: 3, filled: 2 },
      { title: 'A pamphlet nobody holds', author: null, clusterId: null, requests: 1, filled: 0 },
    ]);
    // Twelve months for the charts, the empty ones as zeros; this month has everything.
    expect(s.months).toHaveLength(12);
    expect(s.months[0]).toMatchObject({ requests: 0, filled: 0, unfilled: 0, fillRate: null, lent: 0 });
    expect(s.months.at(-1)).toEqual({ month: today().slice(0, 7), requests: 4, filled: 2, unfilled: 2, fillRate: 0.5, lent: 2 });
  });

  it('a library’s staff see their own library: its requests as borrower, its lending as lender', async () => {
    const bor = await ok('GET', '/ill/statistics', staff.borrow);
    expect(bor).toMatchObject({ library: 'CN-BOR', totals: { requests: 4, filled: 2 } });
    expect(bor.libraries.map((l: { symbol: string }) => l.symbol)).toEqual(['CN-BOR']);

    const near = await ok('GET', '/ill/statistics', staff.near);
    expect(near).toMatchObject({ library: 'CN-NEAR', totals: { requests: 0, ended: 0, fillRate: null } });
    expect(near.libraries).toEqual([expect.objectContaining({ symbol: 'CN-NEAR', lent: 1, borrowed: 0, balance: 1 })]);
    expect(near.months.at(-1)).toMatchObject({ requests: 0, lent: 1 });

    expect((await call('GET', '/ill/statistics?library=CN-BOR', staff.near)).statusCode).toBe(403);
    // Lending staff without `statistics`, and readers, see none.
    expect((await call('GET', '/ill/statistics', staff.mid)).statusCode).toBe(403);
    expect((await call('GET', '/ill/statistics?alliance=NJ', staff.borrow)).statusCode).toBe(403);
  });

  it('an alliance’s staff see its members together, or one of them', async () => {
    const nj = await ok('GET', '/ill/statistics?alliance=NJ', staff.alliance);
    expect(nj).toMatchObject({ alliance: 'NJ', library: null, totals: { requests: 4, filled: 2 } });
    expect(nj.libraries.map((l: { symbol: string }) => l.symbol)).toEqual(['CN-BOR', 'CN-NEAR']);
    expect(nj.months.at(-1)).toMatchObject({ lent: 1 });
    const one = await ok('GET', '/ill/statistics?alliance=NJ&library=CN-NEAR', staff.alliance);
    expect(one).toMatchObject({ library: 'CN-NEAR', totals: { requests: 0 } });
    const outside = await call('GET', '/ill/statistics?alliance=NJ&library=CN-MID', staff.alliance);
    expect(outside.json()).toMatchObject({ status: 400, code: 'ILL_STATISTICS_NOT_MEMBER' });
    expect((await call('GET', '/ill/statistics', staff.alliance)).statusCode).toBe(403);
  });

  it('a period: requests placed outside it do not count; a reversed period or an unknown alliance is refused', async () => {
    const past = await ok('GET', '/ill/statistics?from=2020-01-01&to=2020-03-31', staff.admin);
    expect(past.totals).toMatchObject({ requests: 0, fillRate: null });
    expect(past.months.map((m: { month: string }) => m.month)).toEqual(['2020-01', '2020-02', '2020-03']);
    expect(past.turnaround.every((x: { count: number; medianHours: number | null }) => x.count === 0 && x.medianHours === null)).toBe(true);
    const reversed = await call('GET', '/ill/statistics?from=2026-05-01&to=2026-01-01', staff.admin);
    expect(reversed.json()).toMatchObject({ status: 400, code: 'ILL_STATISTICS_PERIOD' });
    expect((await call('GET', '/ill/statistics?from=2026-13-01', staff.admin)).statusCode).toBe(400);
    expect((await call('GET', '/ill/statistics?alliance=NOPE', staff.admin)).json()).toMatchObject({ status: 404, code: 'ILL_STATISTICS_ALLIANCE_NOT_FOUND' });
  });
});
